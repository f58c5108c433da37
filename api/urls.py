"""The JSON API's addresses: Wagtail API v2 at /api/v2/, its OpenAPI document and the
page to browse it, a JSON 404 elsewhere under /api/."""

from django.urls import path, re_path

from wagtail.api.v2.router import WagtailAPIRouter

from .cookies import CookieDeclarationsEndpoint
from .docs import docs, openapi_json
from .errors import not_found
from .pages import PublicPagesEndpoint

api_router = WagtailAPIRouter("wagtailapi")
# Pages first: the router links a page to the first endpoint serving its model.
api_router.register_endpoint("pages", PublicPagesEndpoint)
api_router.register_endpoint("cookies", CookieDeclarationsEndpoint)

urlpatterns = [
    path("v2/openapi.json", openapi_json, name="openapi_document"),
    path("v2/docs/", docs, name="api_docs"),
    path("v2/", api_router.urls),
    # Other addresses ending in "/" get a JSON 404; the others are sent to
    # their "/" form first (APPEND_SLASH).
    re_path(r"^(?:.*/)?$", not_found),
]
