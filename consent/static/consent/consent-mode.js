/* DMJ Computer Services: Google Consent Mode, from the privacy and cookie policy. */
// /consent-mode.js is this function called with its configuration, which
// consent/views.py writes as JSON; /consent.js calls it too, before the banner.
// It runs once per page: whichever script comes first tells Google's tags
// that everything is denied (the default) and, for a visitor whose stored
// choice still holds, what they chose. It leaves window.dmjConsentMode, which
// the banner calls with each new choice.
// biome-ignore lint/correctness/noUnusedVariables: the view calls it.
function consentMode(config) {
  "use strict";
  var w = window;
  if (w.dmjConsentMode) return; // the page's snippet came first
  var google = config.google;

  // Google's documented shape: the arguments object itself, not an array.
  function gtag() {
    w.dataLayer = w.dataLayer || [];
    // biome-ignore lint/complexity/noArguments: Google's tags read the arguments object itself.
    w.dataLayer.push(arguments);
  }

  // Each type is granted when every category that lists it is accepted;
  // strictly necessary cookies need no consent.
  function state(choices) {
    var granted = {};
    var consent = {};
    Object.keys(google.map).forEach(function (category) {
      google.map[category].forEach(function (type) {
        granted[type] =
          granted[type] !== false &&
          (category === "necessary" || choices[category] === true);
      });
    });
    google.types.forEach(function (type) {
      consent[type] = granted[type] ? "granted" : "denied";
    });
    return consent;
  }

  // A choice, sent to Google's tags and announced to Tag Manager.
  function update(choices) {
    var consent = state(choices);
    gtag("consent", "update", consent);
    w.dataLayer.push({
      event: "consent_update",
      consent: consent,
      categories: choices,
    });
  }

  // The visitor's stored choice, if it still holds: made in this page's
  // language for the policy version now published, not too long ago.
  function stored() {
    var versions = config.versions;
    var lang = (document.documentElement.lang || "").toLowerCase();
    if (!versions[lang]) lang = lang.split("-")[0];
    if (!versions[lang]) lang = config.source_language;
    var match = document.cookie.match(
      new RegExp("(?:^|; )" + config.cookie + "=([^;]*)"),
    );
    var value;
    try {
      value = match && JSON.parse(decodeURIComponent(match[1]));
    } catch (_error) {
      return null;
    }
    return versions[lang] &&
      value &&
      value.c &&
      typeof value.c === "object" &&
      value.v === versions[lang] &&
      Date.now() - value.t < config.max_age * 1000
      ? value.c
      : null;
  }

  var defaults = state({});
  defaults.wait_for_update = google.wait;
  if (google.regions.length) defaults.region = google.regions;
  gtag("consent", "default", defaults);
  if (google.redaction) gtag("set", "ads_data_redaction", true);
  if (google.passthrough) gtag("set", "url_passthrough", true);
  var choices = stored();
  if (choices) update(choices);
  w.dmjConsentMode = update;
}
