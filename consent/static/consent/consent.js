/* DMJ Computer Services: the cookie consent banner, from the privacy and cookie policy. */
// /consent.js is this function called with its configuration, which
// consent/views.py writes as JSON: the policy in each of the site's languages.
// Google Consent Mode (consent-mode.js) runs just before it.
// biome-ignore lint/correctness/noUnusedVariables: the view calls it.
function consentBanner(config) {
  "use strict";
  var doc = document;
  var has = function (code) {
    return Object.prototype.hasOwnProperty.call(config.languages, code);
  };
  // The page's language if the policy has it (fr-CA: fr), else the source's.
  var pageLang = doc.documentElement.lang || "";
  var lang = pageLang.toLowerCase();
  if (!has(lang)) lang = lang.split("-")[0];
  if (!has(lang)) lang = config.source_language;
  // Dates as the page's readers write them (en-GB), in the banner's language.
  var locale = lang === pageLang.split("-")[0].toLowerCase() ? pageLang : lang;
  var site = has(lang) ? config.languages[lang] : null;
  if (!site) return; // no live policy: no choice to offer, nothing runs
  var text = site.text;
  var optional = site.categories.filter(function (c) {
    return c.code !== "necessary";
  });
  var dialog, choicesPanel, chooseButton, saveButton, closeButton, returnFocus;
  var receipt;
  var control; // the "Cookie choices" button, when the settings ask for it
  var switches = {};

  function readChoice() {
    var match = doc.cookie.match(
      new RegExp("(?:^|; )" + config.cookie + "=([^;]*)"),
    );
    if (!match) return null;
    var value;
    try {
      value = JSON.parse(decodeURIComponent(match[1]));
    } catch (_error) {
      return null;
    }
    if (!value || typeof value.c !== "object" || !value.c) return null;
    if (typeof value.v !== "number" || typeof value.t !== "number") return null;
    return value;
  }

  function stillValid(choice) {
    return (
      choice &&
      choice.v === site.version &&
      Date.now() - choice.t < config.max_age * 1000
    );
  }

  // The cookies of a refused category, on this host and the domains above it,
  // and the keys it declares in this page's local and session storage.
  function forget(category) {
    var parts = location.hostname.split(".");
    category.cookies.forEach(function (name) {
      var i;
      if (name.indexOf("*") !== -1) return;
      doc.cookie = name + "=; max-age=0; path=/";
      for (i = 0; i < parts.length - 1; i++) {
        doc.cookie =
          name + "=; max-age=0; path=/; domain=." + parts.slice(i).join(".");
      }
    });
    (category.storage || []).forEach(function (entry) {
      var store, i;
      // A `*` stands for any characters, as in the policy's cookie tables.
      var pattern = new RegExp(
        "^" +
          entry.name
            .split("*")
            .map(function (part) {
              return part.replace(/[\\^$.|?+()[\]{}]/g, "\\$&");
            })
            .join(".+") +
          "$",
      );
      try {
        store = window[entry.kind];
        for (i = store.length - 1; i >= 0; i--) {
          if (pattern.test(store.key(i))) store.removeItem(store.key(i));
        }
      } catch (_error) {
        // Storage the browser refuses this page holds nothing to clear.
      }
    });
  }

  // Runs the marked scripts of the accepted categories: each is replaced by a
  // copy that the browser runs (with the page's nonce, under a strict CSP).
  function run(choices) {
    var marked = doc.querySelectorAll(
      'script[type="text/plain"][data-consent-category]',
    );
    Array.prototype.forEach.call(marked, function (old) {
      var category = old.getAttribute("data-consent-category");
      if (category !== "necessary" && choices[category] !== true) return;
      var script = doc.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (attribute) {
        if (attribute.name !== "type") {
          script.setAttribute(attribute.name, attribute.value);
        }
      });
      if (old.nonce) script.nonce = old.nonce;
      script.async = false;
      script.text = old.text;
      old.parentNode.replaceChild(script, old);
    });
  }

  // A receipt's id: 128 random bits, written as a UUID (version 4).
  function receiptId() {
    var random = window.crypto;
    if (random.randomUUID) return random.randomUUID();
    var bytes = random.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = Array.prototype.map
      .call(bytes, function (byte) {
        return (byte + 256).toString(16).slice(1);
      })
      .join("");
    return hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
  }

  function send(value, gpc) {
    try {
      fetch(config.records, {
        method: "POST",
        mode: "cors",
        credentials: "omit",
        keepalive: true,
        body: JSON.stringify({
          version: value.v,
          texts: value.x,
          language: lang,
          choices: value.c,
          gpc: gpc,
          script: config.script,
          receipt: value.r,
        }),
      }).catch(function () {});
    } catch (_error) {
      // No fetch, or refused: the choice still holds on this site.
    }
  }

  function decide(choices, gpc) {
    var value = {
      v: site.version,
      x: site.texts,
      t: Date.now(),
      c: choices,
      r: receiptId(),
    };
    if (gpc) value.g = 1;
    doc.cookie =
      config.cookie +
      "=" +
      encodeURIComponent(JSON.stringify(value)) +
      "; max-age=" +
      config.max_age +
      "; path=/; SameSite=Lax" +
      (location.protocol === "https:" ? "; Secure" : "");
    optional.forEach(function (category) {
      if (!choices[category.code]) forget(category);
    });
    send(value, gpc);
    // Google's tags learn the choice before any tag it lets run.
    if (window.dmjConsentMode) window.dmjConsentMode(choices);
    run(choices);
  }

  function everything(accepted) {
    var choices = {};
    optional.forEach(function (category) {
      choices[category.code] = accepted;
    });
    return choices;
  }

  function element(name, attributes, content) {
    var node = doc.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    if (typeof content === "string") node.textContent = content;
    else if (content)
      content.forEach(function (child) {
        node.appendChild(child);
      });
    return node;
  }

  // Each cookie's lifetime in the policy's words, marked up with its length in
  // seconds as an ISO 8601 duration (<time datetime="PT63072000S">) for programs.
  function lasting(lifetimes) {
    var nodes = [];
    lifetimes.forEach(function (lifetime, index) {
      if (index) nodes.push(doc.createTextNode(", "));
      var text = lifetime.text;
      var at = text.length - lifetime.duration.length;
      if (
        lifetime.maxAgeSeconds === null ||
        text.slice(at) !== lifetime.duration
      ) {
        nodes.push(doc.createTextNode(text));
        return;
      }
      nodes.push(doc.createTextNode(text.slice(0, at)));
      nodes.push(
        element(
          "time",
          { datetime: "PT" + lifetime.maxAgeSeconds + "S" },
          lifetime.duration,
        ),
      );
    });
    return nodes;
  }

  function button(label, className, onClick) {
    var node = element("button", { type: "button", class: className }, label);
    node.addEventListener("click", onClick);
    return node;
  }

  function close() {
    dialog.close();
  }

  function answer(choices) {
    close();
    decide(choices, false);
  }

  // Tab from the last control goes to the first, Shift+Tab from the first to the last.
  function keepFocusInside(event) {
    var focusable = Array.prototype.filter.call(
      dialog.querySelectorAll("a[href], button, input, summary"),
      function (node) {
        return !node.disabled && node.offsetParent !== null;
      },
    );
    var first = focusable[0];
    var last = focusable[focusable.length - 1];
    var active = doc.activeElement;
    if (event.shiftKey && (active === first || active === dialog)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  function build() {
    var id = "dmj-consent-";
    var rows = site.categories.map(function (category) {
      var necessary = category.code === "necessary";
      var input = element("input", {
        type: "checkbox",
        role: "switch",
        id: id + category.code,
        "aria-describedby": id + category.code + "-text",
      });
      if (necessary) {
        input.checked = true;
        input.disabled = true;
      } else {
        switches[category.code] = input;
      }
      var about = [element("span", {}, category.description)];
      if (necessary) about.push(element("strong", {}, " " + text.always));
      // Who sets them, what for and for how long, from the policy's tables.
      var providers = category.providers.map(function (provider) {
        return element("li", {}, [
          element("strong", {}, provider.name),
          element("span", {}, " " + provider.purpose + " "),
          element(
            "span",
            { class: "dmj-consent__lasts" },
            provider.lifetimes ? lasting(provider.lifetimes) : provider.cookies,
          ),
        ]);
      });
      return element("div", { class: "dmj-consent__category" }, [
        element("label", { for: id + category.code }, [
          input,
          element("span", {}, category.label),
        ]),
        element("p", { id: id + category.code + "-text" }, about),
        element("ul", { class: "dmj-consent__providers" }, providers),
      ]);
    });
    choicesPanel = element(
      "div",
      { class: "dmj-consent__choices", hidden: "" },
      rows,
    );
    chooseButton = button(text.choose, "dmj-consent__secondary", function () {
      choicesPanel.hidden = false;
      chooseButton.hidden = true;
      saveButton.hidden = false;
      (switches[optional.length ? optional[0].code : ""] || saveButton).focus();
    });
    saveButton = button(text.save, "dmj-consent__secondary", function () {
      var choices = {};
      optional.forEach(function (category) {
        choices[category.code] = switches[category.code].checked;
      });
      answer(choices);
    });
    saveButton.hidden = true;
    closeButton = button(text.close, "dmj-consent__secondary", close);
    receipt = element("details", { class: "dmj-consent__receipt" });
    dialog = element(
      "dialog",
      {
        class: "dmj-consent",
        lang: lang,
        "aria-modal": "true",
        "aria-labelledby": id + "title",
        "aria-describedby": id + "intro",
        tabindex: "-1",
      },
      [
        element("h2", { id: id + "title" }, text.title),
        element("p", { id: id + "intro" }, site.intro),
        element("p", { class: "dmj-consent__links" }, [
          element("a", { href: site.policy_url }, text.policy),
          element("a", { href: site.history_url }, text.history),
        ]),
        choicesPanel,
        element("div", { class: "dmj-consent__buttons" }, [
          button(text.accept, "dmj-consent__primary", function () {
            answer(everything(true));
          }),
          button(text.reject, "dmj-consent__primary", function () {
            answer(everything(false));
          }),
          chooseButton,
          saveButton,
          closeButton,
        ]),
        receipt,
      ],
    );
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        // The first question must be answered; a reopened dialog just closes.
        event.preventDefault();
        if (!closeButton.hidden) close();
      } else if (event.key === "Tab") {
        keepFocusInside(event);
      }
    });
    dialog.addEventListener("cancel", function (event) {
      if (closeButton.hidden) event.preventDefault();
    });
    dialog.addEventListener("close", function () {
      if (control) control.hidden = false;
      if (returnFocus && returnFocus.focus) returnFocus.focus();
    });
    doc.body.appendChild(dialog);
  }

  // The visitor's last choice, as their receipt says it: what, when, under
  // which texts, and where the record of it is.
  function showReceipt(choice) {
    receipt.hidden = !(stillValid(choice) && choice.r);
    receipt.open = false;
    if (receipt.hidden) return;
    var accepted = [];
    var refused = [];
    optional.forEach(function (category) {
      (choice.c[category.code] ? accepted : refused).push(category.label);
    });
    var facts = [
      [text.accepted, accepted.join(", ") || text.none],
      [text.refused, refused.join(", ") || text.none],
      [
        text.when,
        new Date(choice.t).toLocaleString(locale, {
          dateStyle: "long",
          timeStyle: "short",
        }),
      ],
      [text.policy_version, String(choice.v)],
      [text.texts_version, String(choice.x)],
      [text.receipt_id, choice.r],
    ];
    receipt.replaceChildren(
      element("summary", {}, text.receipt),
      element(
        "dl",
        {},
        facts.reduce(function (list, fact) {
          return list.concat(
            element("dt", {}, fact[0]),
            element("dd", {}, fact[1]),
          );
        }, []),
      ),
      element(
        "a",
        { href: config.receipts + choice.r + "/" },
        text.receipt_link,
      ),
    );
  }

  // Runs `then` once the stylesheet has loaded (or failed to).
  var stylesheet;
  var waiting = [];
  function loaded() {
    stylesheet.loaded = true;
    waiting.splice(0).forEach(function (next) {
      next();
    });
  }
  function withStylesheet(then) {
    if (!stylesheet) {
      stylesheet = element("link", {
        rel: "stylesheet",
        href: config.stylesheet,
      });
      stylesheet.addEventListener("load", loaded);
      stylesheet.addEventListener("error", loaded);
      doc.head.appendChild(stylesheet);
    }
    if (stylesheet.loaded) then();
    else waiting.push(then);
  }

  // A small button at the end of the page (fixed in a corner of a wide
  // screen) that opens the banner again, hidden while the banner is open.
  function addControl() {
    control = element("div", { class: "dmj-consent-control", lang: lang }, [
      element(
        "button",
        { type: "button", "data-consent-open": "" },
        text.control,
      ),
    ]);
    control.hidden = !!(dialog && dialog.open);
    doc.body.appendChild(control);
  }

  function open(reopened) {
    withStylesheet(function () {
      if (!dialog) build();
      if (dialog.open) return;
      var choice = readChoice();
      optional.forEach(function (category) {
        switches[category.code].checked = !!(
          stillValid(choice) && choice.c[category.code]
        );
      });
      showReceipt(choice);
      choicesPanel.hidden = true;
      chooseButton.hidden = false;
      saveButton.hidden = true;
      closeButton.hidden = !reopened;
      returnFocus = doc.activeElement;
      if (control) control.hidden = true;
      dialog.showModal();
      dialog.focus();
    });
  }

  function start() {
    doc.addEventListener("click", function (event) {
      var opener =
        event.target.closest && event.target.closest("[data-consent-open]");
      if (opener) {
        event.preventDefault();
        open(true);
      }
    });
    var choice = readChoice();
    if (stillValid(choice)) {
      run(choice.c);
    } else if (navigator.globalPrivacyControl === true) {
      // Global Privacy Control says no to everything that needs consent.
      decide(everything(false), true);
    } else {
      open(false);
    }
    if (config.control) withStylesheet(addControl);
  }

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}
