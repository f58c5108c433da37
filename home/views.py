import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


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


@require_GET
@never_cache
def health(request):
    """For load balancers and the edge: 200 when the database and the cache answer.

    Says nothing else: what failed goes to the log, not to whoever asks.
    """
    probe = f"health:{uuid.uuid4()}"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        cache.set(probe, 1, timeout=5)
        if cache.get(probe) != 1:
            raise RuntimeError("the cache did not keep a value")
        cache.delete(probe)
    except Exception:
        logger.exception("Health check failed")
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
