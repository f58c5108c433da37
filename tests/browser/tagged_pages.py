"""Pages of the company site that keep things in web storage or carry a Google tag.

Served by tests/browser/company_site.py beside its other pages, under the same
strict Content-Security-Policy, with the page's own address allowed for the
tag's hits (images and beacons).

- /storage: a marked analytics script keeps `ga_state` in localStorage and
  `ga_tab` in sessionStorage; the page itself keeps `site_theme` (declared
  nowhere).
- /tag-before-consent: a tag that MISBEHAVES: it runs at once, whatever the
  visitor chooses, sets `_ga` and `ga_state` and sends its hits as beacons
  (POST requests, which the cookie audit stops and lists).
- /tag-after-consent: the same tag, marked for the analytics category: it
  runs only once the visitor accepts, and sends its hits as images (GET).
- /chatty: the tag of /tag-after-consent on a page that never stops talking
  (a request every 200 ms), whose network never settles.
- /gtag-hits.js: a stand-in for Google's tag that sends hits (see GTAG),
  /g/collect: its hits.
"""

# A stand-in for Google's tag, for what an audit reads of it: it follows the
# consent commands in `dataLayer` in Google's documented form, Arguments objects
# pushed by gtag('consent', 'default' | 'update', {analytics_storage: 'granted'
# | 'denied', ...}), and sends hits to /g/collect carrying `gcs` (G1, then
# ad_storage and analytics_storage: 1 granted, 0 denied, - unset) and `gcd`
# (its letters per signal: l unset, p/t denied/granted by default, q/r/u/v
# default then update, m/n update only). No consent command: no gcs, as Google.
# A hit on load, and one on every update; `data-send="beacon"` on the script
# sends them as POST beacons, otherwise as images. With `data-store`, it keeps
# `_ga` (a cookie) and `ga_state` (localStorage), as soon as it runs.
GTAG = """
(function () {
  var script = document.currentScript;
  var layer = (window.dataLayer = window.dataLayer || []);
  var signals = ["ad_storage", "analytics_storage", "ad_user_data", "ad_personalization"];
  var given = {};
  var commanded = false;
  function isArguments(item) {
    return Object.prototype.toString.call(item) === "[object Arguments]";
  }
  function follow(item) {
    if (!isArguments(item) || item[0] !== "consent") return false;
    if (item[1] !== "default" && item[1] !== "update") return false;
    var values = item[2] || {};
    commanded = true;
    signals.forEach(function (signal) {
      if (values[signal] !== "granted" && values[signal] !== "denied") return;
      given[signal] = given[signal] || {};
      given[signal][item[1]] = values[signal];
    });
    return item[1] === "update";
  }
  function now(signal) {
    var set = given[signal] || {};
    return set.update || set["default"];
  }
  function digit(signal) {
    var value = now(signal);
    return value === undefined ? "-" : value === "granted" ? "1" : "0";
  }
  function letter(signal) {
    var set = given[signal] || {};
    var first = set["default"];
    var then = set.update;
    if (!first && !then) return "l";
    if (!then) return first === "granted" ? "t" : "p";
    if (!first) return then === "granted" ? "n" : "m";
    if (first === "denied") return then === "granted" ? "r" : "q";
    return then === "granted" ? "v" : "u";
  }
  function hit(name) {
    var query = "v=2&en=" + name;
    if (commanded) {
      query += "&gcs=G1" + digit("ad_storage") + digit("analytics_storage");
      query += "&gcd=13" + signals.map(letter).join("3") + "5";
    }
    var address = "/g/collect?" + query;
    if (script && script.getAttribute("data-send") === "beacon") {
      navigator.sendBeacon(address, "");
    } else {
      new Image().src = address;
    }
  }
  layer.forEach(follow);
  var push = layer.push;
  layer.push = function () {
    var result = push.apply(layer, arguments);
    var updated = false;
    for (var i = 0; i < arguments.length; i++) updated = follow(arguments[i]) || updated;
    if (updated) hit("consent_update");
    return result;
  };
  if (script && script.hasAttribute("data-store")) {
    document.cookie = "_ga=GA1.1.123; max-age=3600; path=/";
    localStorage.setItem("ga_state", "1");
  }
  hit("page_view");
})();
"""

# The page's own consent default, before its tag, as Google's advanced mode asks.
CONSENT_DEFAULT = """<script nonce="{nonce}">
window.dataLayer = window.dataLayer || [];
function gtag() {{ dataLayer.push(arguments); }}
gtag("consent", "default", {{ad_storage: "denied", analytics_storage: "denied",
  ad_user_data: "denied", ad_personalization: "denied"}});
</script>"""


def page(consent_origin, title, body):
    return f"""<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{title}</title>
<script src="{consent_origin}/consent.js" defer></script>
</head>
<body>
<main>
<h1>{title}</h1>
<p><button type="button" data-consent-open>Privacy settings</button></p>
</main>
{body}
</body>
</html>"""


def tagged_page(path, consent_origin, nonce):
    """(content type, body, headers) of one of these pages, or None if `path` is none of them.

    `nonce` is the company site's, for its inline scripts.
    """
    policy = (
        f"default-src 'none'; script-src 'self' 'nonce-{nonce}' {consent_origin}; "
        f"style-src {consent_origin}; connect-src 'self' {consent_origin}; "
        "img-src 'self'; base-uri 'none'"
    )
    html = "text/html; charset=utf-8"
    if path == "/storage":
        body = f"""<script nonce="{nonce}">localStorage.setItem("site_theme", "dark");</script>
<script type="text/plain" data-consent-category="analytics" nonce="{nonce}">
localStorage.setItem("ga_state", "1");
sessionStorage.setItem("ga_tab", "1");
</script>"""
        return html, page(consent_origin, "Storage", body), {}
    if path == "/tag-before-consent":
        body = (
            CONSENT_DEFAULT.format(nonce=nonce)
            + '\n<script src="/gtag-hits.js" data-store data-send="beacon"></script>'
        )
        headers = {"Content-Security-Policy": policy}
        return html, page(consent_origin, "Tag before consent", body), headers
    if path == "/tag-after-consent":
        body = (
            '<script type="text/plain" data-consent-category="analytics" '
            'src="/gtag-hits.js" data-store></script>'
        )
        headers = {"Content-Security-Policy": policy}
        return html, page(consent_origin, "Tag after consent", body), headers
    if path == "/chatty":
        body = (
            f'<script nonce="{nonce}">setInterval(function () {{'
            ' new Image().src = "/g/collect?poll=" + Date.now(); }, 200);</script>\n'
            '<script type="text/plain" data-consent-category="analytics" '
            'src="/gtag-hits.js" data-store></script>'
        )
        headers = {"Content-Security-Policy": policy}
        return html, page(consent_origin, "Chatty", body), headers
    if path == "/gtag-hits.js":
        return "text/javascript", GTAG, {}
    if path == "/g/collect":
        return "image/gif", "GIF89a", {}
    return None
