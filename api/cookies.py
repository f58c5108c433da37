"""/api/v2/cookies/: every cookie the site's policy declares in one language."""

from django.conf import settings
from django.http import Http404
from django.urls import path

from wagtail.api.v2.utils import BadRequestError, get_object_detail_url
from wagtail.models import Page

from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from caching.site_tree import current_site
from policy.api_fields import iso_date
from policy.cookies import cookie_codes, declared_cookies
from policy.models import PolicyPage

from .device_storage import DeviceStorageDisclosure
from .shared import PublicEndpoint


class CookieDeclarationsEndpoint(PublicEndpoint, GenericViewSet):
    """Every cookie the site's policy declares in one language, as flat rows.

    GET /api/v2/cookies/?locale=fr[&category=analytics][&party=third][&kind=localStorage]
    The list a consent banner or an audit script needs: name, provider,
    purpose, duration, party, category and kind (a cookie or a web storage
    key), the last three as stable codes with labels in the requested
    language. Without ?locale, the source language.
    """

    name = "cookies"
    # The router links a model to the first endpoint that serves it: pages is
    # registered first, so page links never lead here.
    model = PolicyPage
    filters = ("category", "party", "kind")

    def list(self, request):
        unknown = set(request.GET) - {"locale", *self.filters}
        if unknown:
            names = ", ".join(sorted(unknown))
            raise BadRequestError(
                f"query parameter is not an operation or a recognised field: {names}"
            )
        code = request.GET.get("locale", settings.LANGUAGE_CODE)
        policy = PolicyPage.objects.live_public(code, current_site(request)).first()
        if policy is None:
            raise Http404(f"no published policy in the language '{code}'")

        rows = declared_cookies(policy)
        for name in self.filters:
            if name not in request.GET:
                continue
            codes = cookie_codes(name)
            if request.GET[name] not in codes:
                raise BadRequestError(f"{name} must be one of: {', '.join(codes)}")
            rows = [row for row in rows if row[name] == request.GET[name]]

        version = policy.current_version
        response = Response(
            {
                "meta": {
                    "total_count": len(rows),
                    "locale": code,
                    "policy": {
                        "id": policy.pk,
                        "title": policy.title,
                        "html_url": policy.get_full_url(request),
                        "detail_url": get_object_detail_url(
                            request.wagtailapi_router, request, Page, policy.pk
                        ),
                        "last_updated": version and iso_date(version.published_at),
                    },
                },
                "items": rows,
            }
        )
        response["Content-Language"] = code
        return response

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "list"}), name="listing"),
            # The same declarations in the IAB TCF's device storage disclosure format.
            path(
                "device-storage.json",
                DeviceStorageDisclosure.as_view(),
                name="device_storage",
            ),
        ]
