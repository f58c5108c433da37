/* The demo company site: what window.dataLayer holds, as a list, kept up to date. */
(() => {
  const list = document.getElementById("data-layer");
  let shown = 0;
  const describe = (entry) => {
    const isArguments =
      Object.prototype.toString.call(entry) === "[object Arguments]";
    if (isArguments) {
      const command = Array.prototype.slice.call(entry);
      return `gtag(${command.map((part) => JSON.stringify(part)).join(", ")})`;
    }
    return `dataLayer.push(${JSON.stringify(entry)})`;
  };
  const render = () => {
    const dataLayer = window.dataLayer || [];
    for (; shown < dataLayer.length; shown++) {
      const item = document.createElement("li");
      const code = document.createElement("code");
      code.textContent = describe(dataLayer[shown]);
      item.appendChild(code);
      list.appendChild(item);
    }
  };
  render();
  setInterval(render, 250);
})();
