/* A stand-in for Google's tag (gtag.js), for the demo company site and the
   tests: it reads window.dataLayer as the real tag does, keeps the consent
   state its commands give, and sets no cookie and sends nothing anywhere.
   window.googleTagStandIn says when it ran (how many entries the dataLayer
   held then) and what it received. */
(() => {
  window.dataLayer = window.dataLayer || [];
  const dataLayer = window.dataLayer;
  const tag = { ranAt: dataLayer.length, consent: {}, commands: [] };
  window.googleTagStandIn = tag;
  const isArguments = (entry) =>
    Object.prototype.toString.call(entry) === "[object Arguments]";

  const show = () => {
    const status = document.getElementById("google-tag");
    if (!status) return;
    const types = Object.keys(tag.consent)
      .filter((type) => type !== "wait_for_update" && type !== "region")
      .map((type) => `${type}: ${tag.consent[type]}`);
    status.textContent = `${status.dataset.ran} ${types.join(", ")}`;
  };

  const receive = (entry) => {
    if (!isArguments(entry)) return;
    const command = Array.prototype.slice.call(entry);
    tag.commands.push(command);
    if (command[0] === "consent" && command[2]) {
      Object.assign(tag.consent, command[2]);
    }
  };

  dataLayer.forEach(receive);
  const push = dataLayer.push;
  dataLayer.push = (...entries) => {
    entries.forEach(receive);
    const length = push.apply(dataLayer, entries);
    show();
    return length;
  };
  show();
})();
