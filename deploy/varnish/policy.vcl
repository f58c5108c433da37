# The edge cache in front of gunicorn (Varnish 7.1, vmod var from varnish-modules).
#
# `manage.py edge_vcl` renders this file before varnishd starts
# (deploy/vcl.py). It fills in, each written between at signs below, what the
# site's settings own: LANGUAGES (its language codes, as a regular expression),
# DEFAULT_LANGUAGE (its source language), PAGE_PARAMETERS (the query parameters
# its apps declare their pages read) and TRACKING_PARAMETERS (prefixes of the
# parameters the app ignores); and what the deployment says: APP_PORT
# (gunicorn's port on 127.0.0.1), APP_HOST (the Host header of health probes,
# one of ALLOWED_HOSTS) and CORS_ORIGINS (a regular expression of
# API_CORS_ALLOWED_ORIGINS). None of these is ever spelled out here.
#
# What is stored: GET and HEAD responses the app marks public, for as long as
# its Cache-Control says (s-maxage first). The app sends `PURGE <path>` after
# every change it publishes; a PURGE bans every stored URL under that path.
# Expired copies are served for up to a day while gunicorn is down or failing.

vcl 4.1;

import blob;
import std;
import var;

backend app {
    .host = "127.0.0.1";
    .port = "@APP_PORT@";
    .host_header = "@APP_HOST@";
    .connect_timeout = 2s;
    # gunicorn kills a worker after 30 s (deploy/gunicorn.conf.py).
    .first_byte_timeout = 40s;
    .between_bytes_timeout = 20s;
    # BEGIN probe
    .probe = {
        # 200 while the database and the cache answer, 503 otherwise.
        .url = "/healthz/";
        .expected_response = 200;
        .interval = 2s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
        # The launchers start the edge once the app answers (deploy/harness.py,
        # deploy/serve.py).
        .initial = 2;
    }
    # END probe
}

# Who may PURGE: the app, on this machine (see vcl_recv).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.restarts == 0) {
        # Set by this VCL on a restart only, never by a client.
        unset req.http.x-edge-stale-if-error;
        unset req.http.x-edge-session;
        unset req.http.x-edge-session-url;
    }
    # The request line, before anything reads it: a path, not too long, with
    # well-formed escapes, and one spelling for each address (edge_canonical_path).
    call edge_request_line;
    if (req.url ~ "^/_edge/" && !req.http.x-edge-session-url) {
        return (synth(404, "Not Found"));
    }

    if (req.method == "PURGE") {
        # From this machine, and not relayed by a proxy on it (the proxy that
        # ends TLS adds X-Forwarded-For, to which Varnish has appended
        # client.ip: one address means nobody relayed the request).
        if (client.ip !~ purgers
            || req.http.X-Forwarded-For ~ ","
            || req.http.X-Forwarded-Proto
            || req.http.Forwarded) {
            return (synth(405, "Method Not Allowed"));
        }
        call edge_purge;
    }

    if (!req.http.Host) {
        return (synth(400, "Bad Request"));
    }
    # Host names are case-insensitive: one copy whatever the case.
    set req.http.Host = std.tolower(req.http.Host);

    # Headers the app (Django, gunicorn) would read, that are not part of the
    # cache key: a client must not choose them. X-Forwarded-Proto comes from the
    # proxy that ends TLS; it is normalised here and part of the key.
    unset req.http.X-Forwarded-Host;
    unset req.http.X-Forwarded-Port;
    unset req.http.X-Forwarded-Ssl;
    unset req.http.X-Forwarded-Protocol;
    unset req.http.Forwarded;
    unset req.http.Script-Name;
    unset req.http.Path-Info;
    if (req.http.X-Forwarded-Proto ~ "(?i)^\s*https\s*$") {
        set req.http.X-Forwarded-Proto = "https";
    } else {
        unset req.http.X-Forwarded-Proto;
    }
    # A Range the app cannot have meant is ignored, as HTTP says: the whole
    # response. The app serves no ranges itself; stored objects are cut here.
    if (req.http.Range && req.http.Range !~ "^bytes=[0-9]{0,15}-[0-9]{0,15}$") {
        unset req.http.Range;
    } else if (req.http.Range ~ "^bytes=[0-9]+-[0-9]+$"
               && std.integer(regsub(req.http.Range, "^bytes=([0-9]+)-.*$", "\1"), 0)
                  > std.integer(regsub(req.http.Range, "^.*-([0-9]+)$", "\1"), 0)) {
        unset req.http.Range;
    } else if (req.http.Range == "bytes=-") {
        unset req.http.Range;
    }

    # Bodies are received whole, up to a limit, before the app sees them: a
    # client sending slowly holds a thread of the edge, never a worker of the
    # app. The admin takes uploads (images, documents, PO files) up to 32 MB;
    # the public addresses small JSON, which the app refuses past its own
    # limits (413). A declared length over the limit is refused before the
    # body is read; a chunked body that grows past it closes the connection
    # (Varnish cannot answer once a body failed).
    if (req.url ~ "^/admin(/|\?|$)") {
        set req.http.x-edge-body-limit = "33554432";
    } else {
        set req.http.x-edge-body-limit = "1048576";
    }
    if (std.integer(req.http.Content-Length, 0)
        > std.integer(req.http.x-edge-body-limit, 0)) {
        return (synth(413, "Content Too Large"));
    }
    if (req.http.Content-Length || req.http.Transfer-Encoding) {
        if (!std.cache_req_body(std.bytes(req.http.x-edge-body-limit + "b", 0b))) {
            return (synth(413, "Content Too Large"));
        }
    }
    unset req.http.x-edge-body-limit;

    # Only GET and HEAD are cached; the rest goes to the app as it came.
    if (req.method != "GET" && req.method != "HEAD") {
        unset req.http.Range;
        return (pass);
    }
    # The admin, and requests that sign in otherwise, are never served from
    # the cache nor stored in it.
    if (req.url ~ "^/admin(/|\?|$)" || req.http.Authorization) {
        unset req.http.Range;
        return (pass);
    }
    # A session cookie: only a session that holds something (a signed-in
    # editor, a password given for a protected page) goes to the app. A stale,
    # forged or empty one is asked about once (edge_session) and then served
    # from the cache like any visitor.
    if (req.http.Cookie ~ "(^|;)\s*sessionid=[^;\s]") {
        if (!req.http.x-edge-session) {
            call edge_session;
        }
        if (req.http.x-edge-session != "none") {
            unset req.http.Range;
            return (pass);
        }
    }
    # Public pages do not depend on cookies.
    unset req.http.Cookie;

    call edge_normalise_url;
    call edge_normalise_headers;
    # Accept-Encoding: gzip or nothing. Pages are kept in one copy for each
    # (edge_compress). Static files come compressed already (WhiteNoise): one
    # copy, decompressed for the rare visitor who needs it.
    if (req.http.Accept-Encoding ~ "(?i)\bgzip\b"
        && req.http.Accept-Encoding !~ "(?i)\bgzip\s*;\s*q\s*=\s*0(\.0*)?\s*(,|$)") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    if (req.http.Accept-Encoding && req.url !~ "^/static/") {
        set req.http.x-edge-gzip = "yes";
    } else {
        unset req.http.x-edge-gzip;
    }

    # While the app is healthy an expired copy is served for 10 s more while it
    # is fetched again in the background; while it is down or failing (a
    # restart from vcl_synth), the last good copy, up to a day old.
    if (req.http.x-edge-stale-if-error || !std.healthy(req.backend_hint)) {
        set req.grace = 24h;
    } else {
        set req.grace = 10s;
    }
    return (hash);
}

# The request line as the app will read it. An absolute URL (GET http://host/path)
# becomes a path and a Host; anything else that is not a path, an over-long
# URL or a broken escape is the client's error. Then the path is spelled one
# way only, so that the cache keeps one copy of each page and a purge reaches
# every copy a visitor can be served: escapes of unreserved characters decoded
# (%65n is en), the others in upper case (%c3%a9 is %C3%A9), %2F a slash (the
# app decodes it into one), no doubled slashes, no dot segments.
sub edge_request_line {
    if (req.url ~ "(?i)^https?://") {
        set req.http.Host = regsub(req.url, "(?i)^https?://([^/?#]*).*$", "\1");
        set req.url = regsub(req.url, "(?i)^https?://[^/?#]*", "");
        if (req.url !~ "^/") {
            set req.url = "/" + req.url;
        }
    }
    if (req.url !~ "^/") {
        return (synth(400, "Bad Request"));
    }
    if (req.url ~ "^.{4097}") {
        return (synth(414, "URI Too Long"));
    }
    if (req.url ~ "%(?![0-9A-Fa-f]{2})" || req.url ~ "(?i)%00") {
        return (synth(400, "Bad Request"));
    }
    # Fragments are never sent by browsers; one sent anyway is not part of the address.
    set req.url = regsub(req.url, "#.*$", "");
    set req.http.x-edge-path = regsub(req.url, "\?.*$", "");
    if (req.http.x-edge-path ~ "[^A-Za-z0-9._~/-]") {
        set req.http.x-edge-path = regsuball(
            blob.encode(URL, UPPER, blob.decode(URL, encoded=req.http.x-edge-path)),
            "%2F", "/");
    }
    if (req.http.x-edge-path ~ "//|/\.\.?(/|$)") {
        set req.http.x-edge-path = regsuball(req.http.x-edge-path, "/{2,}", "/");
        set req.http.x-edge-path = regsuball(req.http.x-edge-path, "/\.(?=/|$)", "");
        # Each pass removes the segments before a "..", up to eight levels deep.
        set req.http.x-edge-path = regsub(req.http.x-edge-path, "^(/\.\.(?=/|$))+", "");
        set req.http.x-edge-path = regsuball(req.http.x-edge-path, "/(?!\.\.(?:/|$))[^/]+/\.\.(?=/|$)", "");
        set req.http.x-edge-path = regsub(req.http.x-edge-path, "^(/\.\.(?=/|$))+", "");
        set req.http.x-edge-path = regsuball(req.http.x-edge-path, "/(?!\.\.(?:/|$))[^/]+/\.\.(?=/|$)", "");
        set req.http.x-edge-path = regsub(req.http.x-edge-path, "^(/\.\.(?=/|$))+", "");
        set req.http.x-edge-path = regsuball(req.http.x-edge-path, "/(?!\.\.(?:/|$))[^/]+/\.\.(?=/|$)", "");
        set req.http.x-edge-path = regsub(req.http.x-edge-path, "^(/\.\.(?=/|$))+", "");
        if (req.http.x-edge-path ~ "/\.\.(/|$)") {
            return (synth(400, "Bad Request"));
        }
        if (req.http.x-edge-path !~ "^/") {
            set req.http.x-edge-path = "/" + req.http.x-edge-path;
        }
    }
    if (req.url ~ "\?") {
        set req.url = req.http.x-edge-path + regsub(req.url, "^[^?]*", "");
    } else {
        set req.url = req.http.x-edge-path;
    }
    unset req.http.x-edge-path;
}

# Does this session hold anything? The app answers at /_edge/session/ (an
# address only the edge asks: vcl_recv refuses it to clients) with
# X-Session: none or in-use, and the answer is kept per session cookie value
# (vcl_hash), so that a visitor with an empty, expired or forged session is
# asked about once and then served from the cache like any other. vcl_deliver
# restarts the request with the answer in x-edge-session.
sub edge_session {
    set req.http.x-edge-session-url = req.url;
    set req.url = "/_edge/session/";
    return (hash);
}

# The cache key's URL: no tracking parameters, the others sorted, and outside
# /api/ only the parameters the site's pages read (those its apps declare), as
# the app's own cache key does (caching/middleware.py). The app gets this URL,
# so what it answers is what the key says.
sub edge_normalise_url {
    set req.url = regsuball(req.url, "(?<=[?&])(?:@TRACKING_PARAMETERS@)[^&=]*(?:=[^&]*)?(?:&|$)", "");
    if (req.url !~ "^/api/") {
        set req.url = regsuball(req.url, "(?<=[?&])(?!(?:@PAGE_PARAMETERS@)(?:=|&|$))[^&]*(?:&|$)", "");
    }
    set req.url = std.querysort(req.url);
    # No empty parameters, no empty "?".
    set req.url = regsuball(req.url, "&&+", "&");
    set req.url = regsub(req.url, "\?&", "?");
    set req.url = regsub(req.url, "[?&]+$", "");
}

sub edge_normalise_headers {
    # Pages at / (and unknown paths outside the languages' trees) redirect by
    # the browser's language and vary on Accept-Language: one value per
    # language of the site (settings.LANGUAGES), the first the browser lists,
    # the source language otherwise (as Django chooses for these).
    if (req.http.Accept-Language ~ "(?i)^.*?\b(@LANGUAGES@)\b") {
        set req.http.Accept-Language = std.tolower(regsub(req.http.Accept-Language, "(?i)^.*?\b(@LANGUAGES@)\b.*$", "\1"));
    } else {
        set req.http.Accept-Language = "@DEFAULT_LANGUAGE@";
    }
    # The API varies on Origin (CORS): an origin that is not allowed gets the
    # same answer as none, so it shares that copy.
    if (req.http.Origin && req.http.Origin !~ "@CORS_ORIGINS@") {
        unset req.http.Origin;
    }
}

# PURGE /some/path/: every stored URL whose path starts with /some/path/, any
# query string, any host. The ban tests only obj.*, so the ban lurker clears
# matching objects in the background.
sub edge_purge {
    set req.http.x-purge-path = regsub(req.url, "[?#].*$", "");
    if (req.http.x-purge-path !~ "^/[^\s\x22\x5c]*$") {
        return (synth(400, "Bad Request"));
    }
    # The generation of the content the app just committed (a number that
    # only grows: caching/middleware.py): from now on a response from an older
    # generation (rendered before the commit, arriving after this PURGE) is
    # not stored. Set before the ban, so that no old response slips in between.
    if (req.http.X-Content-Generation ~ "^[0-9]{1,15}$"
        && std.integer(req.http.X-Content-Generation, 0)
           > std.integer(var.global_get("content-generation"), 0)) {
        var.global_set("content-generation", req.http.X-Content-Generation);
    }
    ban("obj.http.x-url ~ ^" + regsuball(req.http.x-purge-path, "([][\\^$.|?*+(){}])", "\\\1"));
    return (synth(200, "Purged"));
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.x-edge-session-url) {
        hash_data(regsub(req.http.Cookie, "^(?:.*;)?\s*sessionid=([^;]*).*$", "\1"));
        return (lookup);
    }
    hash_data(req.http.Host);
    if (req.http.X-Forwarded-Proto) {
        hash_data(req.http.X-Forwarded-Proto);
    }
    if (req.http.x-edge-gzip) {
        hash_data("gzip");
    }
    return (lookup);
}

sub vcl_backend_fetch {
    if (bereq.http.x-edge-session-url) {
        set bereq.http.Cookie = regsub(bereq.http.Cookie, "^(?:.*;)?\s*(sessionid=[^;]*).*$", "\1");
        unset bereq.http.x-edge-session-url;
        unset bereq.http.Range;
    }
    # The request was restarted after a failed fetch and no copy was found:
    # this fetch's answer, even an error, goes to the visitor.
    if (bereq.http.x-edge-stale-if-error) {
        var.set("last-try", "yes");
        unset bereq.http.x-edge-stale-if-error;
    }
    if (bereq.http.x-edge-gzip) {
        var.set("gzip", "yes");
        unset bereq.http.x-edge-gzip;
    }
}

sub vcl_backend_response {
    # An error from the app never replaces a good copy: a background fetch is
    # dropped (the copy stays), a foreground one too, and vcl_synth retries
    # the request allowing a copy up to a day old.
    if (beresp.status >= 500 && !bereq.uncacheable) {
        if (bereq.is_bgfetch || var.get("last-try") != "yes") {
            return (abandon);
        }
        call edge_do_not_store;
    }

    set beresp.http.x-url = bereq.url;
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (bereq.url == "/_edge/session/") {
        # Kept per session cookie value (vcl_hash), whatever the other cookies;
        # never delivered to the client, whose cookies it must not change.
        unset beresp.http.Vary;
        unset beresp.http.Set-Cookie;
        if (beresp.status != 200 || beresp.http.X-Session !~ "^(none|in-use)$") {
            call edge_do_not_store;
        }
    }

    # Store only what the app marks public, for as long as it says.
    if (beresp.status >= 500
        || beresp.status == 400
        || beresp.ttl <= 0s
        || beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(?i)(^|,)\s*public\s*(,|$)"
        || beresp.http.Cache-Control ~ "(?i)(^|,)\s*(private|no-store|no-cache)\b"
        || beresp.http.Vary ~ "\*") {
        call edge_do_not_store;
    }

    # A response rendered from an older content generation than the last
    # PURGE announced (it was rendered before the change was committed) is not
    # stored. A newer one is (a generation renewed without a PURGE, after the
    # app's cache was emptied, say).
    if (beresp.http.X-Content-Generation
        && std.integer(beresp.http.X-Content-Generation, 0)
           < std.integer(var.global_get("content-generation"), 0)) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        return (deliver);
    }

    # Whoever sends a new search or a new address makes a new object: those
    # (a query string, a 404) are kept ten minutes at most, and the storage is
    # bounded (-s malloc,SIZE: the least recently used go first).
    if ((bereq.url ~ "\?" || beresp.status == 404 || beresp.status == 410)
        && beresp.ttl > 600s) {
        set beresp.ttl = 600s;
    }
    set beresp.grace = 24h;
    call edge_compress;
    return (deliver);
}

# Text the app sends uncompressed is kept twice (vcl_hash): compressed once
# for visitors whose browser accepts gzip, as it came for the others, so that
# neither is compressed nor decompressed on each request.
sub edge_compress {
    if (beresp.http.Content-Type ~ "(?i)^(text/|application/(json|xml|javascript)|image/svg)"
        && !beresp.http.Content-Encoding) {
        # Vary: Accept-Encoding is added on delivery (vcl_deliver): here it
        # would be matched against the request to the app, which always
        # accepts gzip.
        set beresp.http.x-edge-vary-encoding = "yes";
        if (var.get("gzip") == "yes") {
            set beresp.do_gzip = true;
        }
    }
}

# Not stored; for two minutes the URL is fetched without waiting for other
# visitors' fetches of it (hit-for-miss), until a response may be stored.
sub edge_do_not_store {
    set beresp.uncacheable = true;
    set beresp.ttl = 120s;
    set beresp.grace = 0s;
    return (deliver);
}

sub vcl_backend_error {
    # gunicorn did not answer: as for a 5xx, keep the copy and let vcl_synth
    # retry with a copy up to a day old.
    if (!bereq.uncacheable && (bereq.is_bgfetch || var.get("last-try") != "yes")) {
        return (abandon);
    }
    set beresp.http.Content-Type = "text/plain; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "10";
    set beresp.body = {"The site is unavailable for a moment. Please try again shortly.
Le site est momentanément indisponible. Veuillez réessayer dans quelques instants.
"};
    return (deliver);
}

sub vcl_synth {
    # The app could not say whether a session holds anything: the request is
    # answered as an anonymous visitor's (a public page holds nothing private;
    # a signed-in editor sees it without the editing bar meanwhile).
    if (req.http.x-edge-session-url) {
        set req.url = req.http.x-edge-session-url;
        unset req.http.x-edge-session-url;
        set req.http.x-edge-session = "none";
        return (restart);
    }
    # A fetch was abandoned above: once, try again accepting an old copy.
    if (resp.status == 503
        && !req.http.x-edge-stale-if-error
        && (req.method == "GET" || req.method == "HEAD")) {
        set req.http.x-edge-stale-if-error = "yes";
        return (restart);
    }
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.http.Cache-Control = "no-store";
    if (resp.status == 405) {
        set resp.http.Allow = "GET, HEAD";
    }
    if (resp.status == 503) {
        set resp.http.Retry-After = "10";
        set resp.body = {"The site is unavailable for a moment. Please try again shortly.
Le site est momentanément indisponible. Veuillez réessayer dans quelques instants.
"};
    } else {
        set resp.body = "" + resp.status + " " + resp.reason + {"
"};
    }
    return (deliver);
}

sub vcl_deliver {
    # The answer to edge_session: the visitor's request again, with it.
    if (req.http.x-edge-session-url) {
        if (resp.http.X-Session ~ "^(none|in-use)$") {
            set req.http.x-edge-session = resp.http.X-Session;
        } else {
            set req.http.x-edge-session = "in-use";
        }
        set req.url = req.http.x-edge-session-url;
        unset req.http.x-edge-session-url;
        return (restart);
    }
    unset resp.http.x-url;
    unset resp.http.X-Content-Generation;
    if (resp.http.x-edge-vary-encoding) {
        unset resp.http.x-edge-vary-encoding;
        if (!resp.http.Vary) {
            set resp.http.Vary = "Accept-Encoding";
        } else if (resp.http.Vary !~ "(?i)(^|,)\s*accept-encoding\s*(,|$)") {
            set resp.http.Vary = resp.http.Vary + ", Accept-Encoding";
        }
    }
    unset resp.http.X-Varnish;
    unset resp.http.Via;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The edge keeps a page for its s-maxage and is purged when it changes: a
    # browser keeps it for its max-age from when it gets it, whatever the
    # copy's age here.
    if (resp.http.Cache-Control ~ "(?i)s-maxage") {
        unset resp.http.Age;
    }
    return (deliver);
}
