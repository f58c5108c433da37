from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail import views as wagtail_views

from .site_tree import route


def serve(request, path):
    """Any page of the site: Wagtail's own view, which finds the page in the remembered tree.

    Page.route_for_request keeps its answer on the request and looks there
    first, so Wagtail's view, its hooks and its view restrictions run as
    always, on the page found here.
    """
    request._wagtail_route_for_request = route(request, path)
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
