// Wagtail's date, time and date-time fields (templates/wagtailadmin/widgets/):
// each leaves its chooser's settings beside it instead of an inline script,
// which the admin's Content-Security-Policy refuses. This sets them up, on
// the page and in what the admin adds to it later (filters, dialogs, forms).
(() => {
  const CHOOSERS = new Set([
    "initDateChooser",
    "initDateTimeChooser",
    "initTimeChooser",
  ]);

  function setUp(root) {
    if (!root.querySelectorAll) return;
    const fields = [...root.querySelectorAll("[data-date-chooser]")];
    if (root.matches?.("[data-date-chooser]")) fields.push(root);
    for (const field of fields) {
      const chooser = field.dataset.dateChooser;
      if (field.dataset.ready || !CHOOSERS.has(chooser)) continue;
      if (typeof window[chooser] !== "function") continue;
      field.dataset.ready = "true";
      window[chooser](field.dataset.for, JSON.parse(field.dataset.config));
    }
  }

  function start() {
    setUp(document);
    new MutationObserver((changes) => {
      for (const change of changes) change.addedNodes.forEach(setUp);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
