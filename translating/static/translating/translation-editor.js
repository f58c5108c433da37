// wagtail-localize's translation editor titles its list of strings
// "<source> to <target> translation" in English, whatever the user's language:
// the sentence is written into its React app, not taken from a catalogue.
// This puts the title the page was given in the user's language in its place.
(() => {
  const title = document.currentScript.dataset.title;
  document.addEventListener("DOMContentLoaded", () => {
    const editor = document.querySelector(".js-translation-editor");
    if (!editor || !title) {
      return;
    }
    const props = JSON.parse(editor.dataset.props);
    const english = `${props.sourceLocale.displayName} to ${props.locale.displayName} translation`;
    if (english === title) {
      // Already in the user's language (the English admin): rewriting it would
      // wake the observer below again, and again.
      return;
    }
    const retitle = () => {
      for (const heading of editor.querySelectorAll("h3")) {
        if (heading.textContent === english) {
          heading.textContent = title;
        }
      }
    };
    // The editor draws itself when the document is loaded, and again as it changes.
    new MutationObserver(retitle).observe(editor, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    retitle();
  });
})();
