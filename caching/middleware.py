"""Responses that every visitor gets alike: kept, revalidated and never stale.

What the public reads changes only when something is published, unpublished,
moved, deleted or put behind a password. Each of those gives the site a new
*content generation*, a token kept in the shared cache (Redis in production).
The generation is in the key of every response the app remembers and in
every ETag it sends: a new generation makes every remembered response
unreachable and every ETag outdated at once, in every process, and the edge
is purged (caching/edge.py).

`PublicCacheMiddleware` serves anonymous GET and HEAD requests for public
addresses (the language trees, the API, the sitemap) from the shared cache,
answers If-None-Match with a 304 before any view runs, and says how long
browsers (a minute) and edge caches (a day, purged on change) may keep a
response. Anything personal (a session, the admin, a CSRF cookie being set)
is never stored and is marked `private, no-store`.
"""

import hashlib
import threading
from collections import OrderedDict
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import quote_etag

from .declared import declared_once
from .generation import (
    EDGE_MAX_AGE,
    GENERATION_HEADER,
    content_generation,
    request_generation,
)

# Seconds a browser may keep a public response; an edge cache keeps it
# EDGE_MAX_AGE (it is purged when anything public changes), and the app
# remembers responses as long.
BROWSER_MAX_AGE = 60
# Anyone can ask for a new search or a new address: what such requests make
# (a response to a query string, a 404) is kept ten minutes at most, as the
# edge does (deploy/varnish/policy.vcl), so that a flood of unique addresses
# ages out quickly; Redis's own bound (deploy/redis/policy.conf) does the rest.
UNBOUNDED_ADDRESS_TIMEOUT = 10 * 60

# Statuses that are the same for everyone who asks the same address.
SHARED_STATUSES = {200, 301, 404, 410}
# Outside the API, a page reads only the query parameters its app declares
# (`page_parameters`: search's q and page, the comparison form's from and to).
# Others change nothing, so they must not make a new cache entry either.


def page_parameters():
    return frozenset(declared_once("page_parameters"))


# Added by newsletters and ads; never read by the site.
TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "_ga")


def shared_paths():
    """Address prefixes whose anonymous responses are the same for everyone:
    the language trees, and what the apps declare (`shared_paths`)."""
    languages = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    return (*languages, *declared_once("shared_paths"))


def normalised_query(request):
    """The query string as the response depends on it: sorted, no tracking.

    Outside the API only the parameters a page reads count; the API refuses
    any parameter it does not know, with a 400 that is never kept.
    """
    pairs = [
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), True)
        if not name.startswith(TRACKING_PARAMETERS)
    ]
    if not request.path.startswith("/api/"):
        pairs = [(name, value) for name, value in pairs if name in page_parameters()]
    return urlencode(sorted(pairs))


def response_key(request):
    """Where the shared cache keeps the response to this request.

    The host (get_host() refuses one outside ALLOWED_HOSTS, a 400, before
    any cache entry is read or written), the scheme (HTTPS responses carry
    HSTS), the path, the query parameters that count and, for the API, the
    Origin when it may read the API (CORS headers name it).
    """
    origin = ""
    if request.path.startswith("/api/"):
        origin = request.headers.get("Origin", "").lower()
        if origin not in settings.CORS_ALLOWED_ORIGINS:
            origin = ""
    address = (
        f"{request.scheme}://{request.get_host().lower()}{request.path}"
        f"?{normalised_query(request)} {origin}"
    )
    return f"response:{hashlib.sha256(address.encode()).hexdigest()}"


def _is_shared_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and request.path.startswith(shared_paths())
    )


def _is_shared_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code in SHARED_STATUSES
        and not response.cookies
        and not response.streaming
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def mark_shared(response, generation):
    patch_cache_control(
        response,
        public=True,
        max_age=BROWSER_MAX_AGE,
        s_maxage=EDGE_MAX_AGE,
        stale_if_error=EDGE_MAX_AGE,
    )
    response[GENERATION_HEADER] = generation
    if 200 <= response.status_code < 300 or response.status_code == 304:
        response["ETag"] = quote_etag(generation)
    else:
        # A client must not revalidate a redirect or an error into a page.
        del response["ETag"]


def mark_private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)


def _keep_for(request, response):
    """Seconds the shared cache keeps this response."""
    if normalised_query(request) or response.status_code in (404, 410):
        return UNBOUNDED_ADDRESS_TIMEOUT
    return EDGE_MAX_AGE


class LocalResponses:
    """The last public responses this process served, by generation and key.

    A private copy of what the shared cache holds: it is used only for the
    generation the shared cache says is current, so it is never staler than
    the shared cache itself.
    """

    SIZE = 256

    def __init__(self):
        self._responses = OrderedDict()
        self._lock = threading.Lock()

    def get(self, generation, key):
        with self._lock:
            kept = self._responses.get((generation, key))
            if kept is not None:
                self._responses.move_to_end((generation, key))
            return kept

    def put(self, generation, key, kept):
        with self._lock:
            self._responses[(generation, key)] = kept
            while len(self._responses) > self.SIZE:
                self._responses.popitem(last=False)


class PublicCacheMiddleware:
    """Serve public responses from the shared cache; mark everything else private.

    The first middleware (after WhiteNoise's static files): a remembered
    response is answered without running the others, after one round trip
    to the shared cache for the current generation. Each process also keeps
    the responses it served last (`LocalResponses`), checked against that
    generation, so that the page itself need not come from the shared cache
    again. A response is kept with every header the other middleware added,
    which is why its key has the scheme and, for the API, the reader's Origin.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.local = LocalResponses()

    def __call__(self, request):
        if not _is_shared_request(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control") or request.path.startswith(
                "/admin/"
            ):
                mark_private(response)
            return response

        key = response_key(request)
        generation = content_generation()
        if generation is None:
            return self._without_generation(request)
        # Django's conditional processing, before any view: a 304 costs no query.
        not_modified = get_conditional_response(request, etag=quote_etag(generation))
        if not_modified is not None:
            mark_shared(not_modified, generation)
            return not_modified

        if settings.PUBLIC_RESPONSE_CACHE:
            kept = self.local.get(generation, key)
            if kept is None:
                kept = cache.get(key)
                if kept is not None and kept[0] == generation:
                    self.local.put(generation, key, kept)
            if kept is not None and kept[0] == generation:
                _generation, status, headers, content = kept
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response[name] = value
                return response

        token = request_generation.set(generation)
        try:
            response = self.get_response(request)
        finally:
            request_generation.reset(token)
        if not _is_shared_response(response):
            if response.status_code >= 500 or not response.has_header("Cache-Control"):
                mark_private(response)
            return response
        mark_shared(response, generation)
        if settings.PUBLIC_RESPONSE_CACHE and request.method == "GET":
            kept = (
                generation,
                response.status_code,
                list(response.items()),
                response.content,
            )
            cache.set(key, kept, _keep_for(request, response))
        return response

    def _without_generation(self, request):
        """A public request while the shared cache does not answer.

        The response is built from the database, as for a miss, but it is
        marked `private, no-store`: without a generation it carries no ETag
        and no X-Content-Generation, and the edge refuses a response from an
        older generation than its last purge only by that header. A page
        rendered just before a publication and arriving just after its purge
        would then be kept for a day. Not kept at the edge, every request
        reaches the app while Redis is away (slower, never stale); pages the
        edge kept before stay there until the next purge, which publishing
        still sends (caching/edge.py needs no Redis).
        """
        response = self.get_response(request)
        mark_private(response)
        return response
