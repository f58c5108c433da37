import functools
import logging
import uuid

from django.apps import apps
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views import defaults
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe

from wagtail import views as wagtail_views

from caching.generation import content_generation
from caching.site_tree import route
from compat.wagtail import set_route_for_request

logger = logging.getLogger(__name__)


def serve(request, path):
    """Any page of the site: Wagtail's own view, which finds the page in the remembered tree.

    Page.route_for_request keeps its answer on the request and looks there
    first (compat/wagtail.py), so Wagtail's view, its hooks and its view
    restrictions run as always, on the page found here.
    """
    set_route_for_request(request, route(request, path))
    return wagtail_views.serve(request, path)


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    """Everything public may be indexed; the admin and the API are not pages for readers."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


@functools.cache
def _favicon_bytes():
    with open(finders.find("icons/favicon.ico"), "rb") as icon:
        return icon.read()


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page links to.

    The same icon as the SVG that base.html links to, for browsers that read
    only this address. A view rather than a static file, so that it is
    answered alike under runserver and behind WhiteNoise.
    """
    return HttpResponse(_favicon_bytes(), content_type="image/x-icon")


@require_GET
@never_cache
def health(request):
    """For load balancers and the edge: 200 while the app can serve pages.

    The database is what the site cannot serve without: 503 `unavailable`
    when it does not answer. Redis is only a cache (caching/redis_cache.py):
    without it the app serves, slower, so the answer is 200 `degraded: cache
    unavailable`, and the edge keeps sending visitors. Says nothing else:
    what failed goes to the log, not to whoever asks.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        logger.exception("Health check failed: the database does not answer")
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    # The cache's own log says when Redis goes and comes back, once each.
    probe = f"health:{uuid.uuid4()}"
    try:
        cache.set(probe, 1, timeout=5)
        cache_answers = cache.get(probe) == 1
        cache.delete(probe)
        # The edge probes every few seconds: a process that found the cache
        # gone starts a new content generation as soon as it is back, even
        # if no visitor comes.
        content_generation()
    except Exception:  # a cache backend that does not fail open
        logger.warning("Health check: the cache failed", exc_info=True)
        cache_answers = False
    if not cache_answers:
        return HttpResponse("degraded: cache unavailable\n", content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


# Errors raised outside an app's views (a host outside ALLOWED_HOSTS, a bug
# in a middleware): an app may answer them its own way (`error_response`, as
# the API answers its clients in JSON); pages get the site's error pages in
# the visitor's language (templates/404.html, 500.html).


def _app_error(request, status):
    for config in apps.get_app_configs():
        respond = getattr(config, "error_response", None)
        response = respond(request, status) if respond else None
        if response is not None:
            return response
    return None


def bad_request(request, exception):
    return _app_error(request, 400) or defaults.bad_request(request, exception)


def permission_denied(request, exception):
    return _app_error(request, 403) or defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    return _app_error(request, 404) or defaults.page_not_found(request, exception)


def server_error(request):
    return _app_error(request, 500) or defaults.server_error(request)
