// The strings a translator has to do, one after the other, in wagtail-localize's
// translation editor, where the last of eighty strings is 24,000 px down the page.
// A bar kept at the top with the page's title says how many are left ("2 strings
// to translate"), again as each is saved, and its button goes to the next one:
// the string's field opens with focus in it, named by where the string sits and
// described by its place in the list ("String 1 of 2 to translate") and its
// source text. Saving a string brings focus back to the button. An address
// ending in #first-string-to-translate (from the translators' dashboard) opens
// the first one. What this looks for in localize's editor is named in
// compat/localize.py (EDITOR_MARKUP), which the page gives it as JSON.
(() => {
  const script = document.currentScript;
  const markup = JSON.parse(script.dataset.markup);
  const fragment = `#${script.dataset.fragment}`;
  // Frames to wait for the editor to draw what was asked of it (a tab, a field).
  const PATIENCE = 120;

  document.addEventListener("DOMContentLoaded", () => {
    const editor = document.querySelector(markup.editor);
    const bar = document.querySelector("[data-strings-to-translate]");
    if (!editor || !bar) {
      return;
    }
    const { gettext, ngettext, interpolate } = window.django;
    const count = bar.querySelector("[data-count]");
    const position = bar.querySelector("[data-position]");
    const next = bar.querySelector("[data-next]");
    document.querySelector(markup.header)?.append(bar);

    const strings = () => [...editor.querySelectorAll(markup.string)];
    const toTranslate = () => [...editor.querySelectorAll(markup.toTranslate)];
    const part = (string, name) => string.querySelector(markup[name]);

    let current = null; // the string the button went to last
    let focused = null; // what had focus last in a string
    let focusedString = null; // and that string
    let firstPending = window.location.hash === fragment;
    let sources = 0;

    // "Section: Use of Cookies › Cookie table: Google Analytics › Cookie: _ga › How long it lasts"
    const placeOf = (string) => {
      const block = string.parentElement?.closest("li");
      const labels = [
        block?.querySelector(markup.blockHeading),
        part(string, "place"),
      ];
      return labels
        .map((label) => label?.textContent.trim())
        .filter(Boolean)
        .join(" › ");
    };

    const describe = (string, field) => {
      field.setAttribute("aria-label", placeOf(string));
      const described = [];
      if (string === current && !position.hidden) {
        described.push(position.id);
      }
      const source = part(string, "source");
      if (source) {
        if (!source.id) {
          sources += 1;
          source.id = `string-to-translate-source-${sources}`;
        }
        described.push(source.id);
      }
      field.setAttribute("aria-describedby", described.join(" "));
    };

    const showPosition = () => {
      const list = toTranslate();
      const index = list.indexOf(current);
      position.hidden = index < 0;
      if (index >= 0) {
        position.textContent = interpolate(
          gettext("String %(position)s of %(count)s to translate"),
          { position: index + 1, count: list.length },
          true,
        );
      }
    };

    const update = () => {
      if (!strings().length) {
        return; // not drawn yet
      }
      const left = toTranslate().length;
      const text = left
        ? interpolate(
            ngettext(
              "%(counter)s string to translate",
              "%(counter)s strings to translate",
              left,
            ),
            { counter: left },
            true,
          )
        : gettext("Every string is translated.");
      if (count.textContent !== text) {
        count.textContent = text;
      }
      next.hidden = left === 0;
      bar.hidden = false;
      showPosition();
    };

    // Calls `then` with what `find` finds once the editor has drawn it, or
    // `otherwise` if it never does.
    const once = (find, then, otherwise, frames = PATIENCE) => {
      const found = find();
      if (found) {
        then(found);
      } else if (frames > 0) {
        requestAnimationFrame(() => once(find, then, otherwise, frames - 1));
      } else {
        otherwise?.();
      }
    };

    const focusField = (string, field) => {
      describe(string, field);
      if (document.activeElement !== field) {
        field.focus({ preventScroll: true });
      }
      string.scrollIntoView({ block: "center" });
    };

    const goTo = (string) => {
      current = string;
      showPosition();
      // A string on a tab that is not shown (such as Promotion): that tab first.
      const panel = string.closest("[hidden]");
      if (panel?.id) {
        editor
          .querySelector(
            `[role="tab"][aria-controls="${CSS.escape(panel.id)}"]`,
          )
          ?.click();
      }
      once(
        () => !string.closest("[hidden]"),
        () => {
          if (!part(string, "field")) {
            part(string, "open")?.click();
          }
          once(
            () => part(string, "field"),
            (field) => focusField(string, field),
            () => {
              // Nothing to type in (the translation is locked): the string itself.
              string.tabIndex = -1;
              string.focus();
            },
          );
        },
      );
    };

    const following = () => {
      const list = toTranslate();
      if (!list.length) {
        return null;
      }
      const all = strings();
      const from = all.indexOf(
        focusedString?.isConnected ? focusedString : current,
      );
      return list.find((string) => all.indexOf(string) > from) ?? list[0];
    };

    next.addEventListener("click", () => {
      const string = following();
      if (string) {
        goTo(string);
      }
    });

    editor.addEventListener("focusin", (event) => {
      const string = event.target.closest(markup.string);
      focused = string && event.target;
      focusedString = string;
      const field = string && part(string, "field");
      if (field === event.target) {
        describe(string, field);
      }
    });

    // Saving or cancelling takes away the field (or button) that had focus:
    // focus goes on to the next string's button, or back to the string.
    const keepFocus = () => {
      const lost =
        !document.activeElement || document.activeElement === document.body;
      if (!lost || !focused || focused.isConnected) {
        return;
      }
      focused = null;
      if (!focusedString?.isConnected) {
        return;
      }
      const string = focusedString;
      const field = part(string, "field");
      if (field) {
        focusField(string, field);
      } else if (string.matches(markup.toTranslate) || next.hidden) {
        // Its button comes back once the string is saved.
        once(
          () => part(string, "open"),
          (button) => button.focus(),
        );
      } else {
        next.focus();
      }
    };

    const changed = () => {
      update();
      keepFocus();
      if (firstPending && toTranslate().length) {
        firstPending = false;
        goTo(toTranslate()[0]);
      }
    };
    new MutationObserver(changed).observe(editor, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["class", "hidden"],
    });
    changed();
  });
})();
