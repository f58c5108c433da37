"""The JSON API other front ends read: Wagtail API v2 at /api/v2/.

Two endpoints: `pages/` (Wagtail's pages endpoint: live, public pages only, the
policy's fields as `PolicyPage.api_fields` and policy/api.py define them) and
`cookies/` (every cookie the policy of one language declares, as flat rows).

Every response is the same for every visitor, so that edge caches can keep it:
no authentication, no session, no cookies, no CSRF token, and pages behind a
view restriction never appear, whoever asks. Responses carry Cache-Control and
an ETag (If-None-Match gets a 304); cross-origin reads are allowed for the
origins listed in API_CORS_ALLOWED_ORIGINS. Errors are JSON: {"message": ...}.
"""

import functools

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import get_resolver, path, re_path
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from wagtail import fields as wagtail_fields
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Locale, Page, Site

from rest_framework.exceptions import APIException
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from policy import api as policy_api
from policy.models import PolicyPage

# Seconds a browser or an edge cache may keep a response. Short, because the
# edge cache is not purged on publish yet.
CACHE_MAX_AGE = 60
# Seconds a browser may keep a CORS preflight answer.
PREFLIGHT_MAX_AGE = 600


def public_pages(request):
    """Live pages of the requested site that no view restriction covers.

    Wagtail's own version lets a visitor who passed a page's password or
    login see the page: that would make responses depend on who asks.
    """
    pages = Page.objects.live().public()
    try:
        site = SiteFilterValidator(site=request.GET.get("site"), request=request)
        site = site.site_obj
    except ValueError as error:
        raise BadRequestError(str(error)) from error
    if site is None:
        return pages.none()
    in_site = pages.descendant_of(site.root_page, inclusive=True)
    for root in site.root_page.get_translations():
        in_site |= pages.descendant_of(root, inclusive=True)
    return in_site


class PublicEndpoint:
    """What every endpoint of this API shares: anonymous, JSON only, JSON errors."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = []

    def get_renderer_context(self):
        context = super().get_renderer_context()
        context["indent"] = 4  # as Wagtail's endpoints
        return context

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            # PostgreSQL refuses NUL characters in text: say so before any query.
            if any("\x00" in value for value in [name, *values]):
                raise BadRequestError("query parameters cannot contain NUL characters")

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            return Response({"message": str(exc) or "Not found."}, status=404)
        if isinstance(exc, BadRequestError):
            return Response({"message": str(exc)}, status=400)
        if isinstance(exc, APIException):
            response = super().handle_exception(exc)
            response.data = {"message": str(exc.detail)}
            return response
        return super().handle_exception(exc)


class BoundedPagination(WagtailPagination):
    """Wagtail's ?limit/?offset, refusing an offset PostgreSQL cannot take."""

    max_offset = 2**31 - 1

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > self.max_offset:
            raise BadRequestError(f"offset cannot be higher than {self.max_offset}")
        return super().paginate_queryset(queryset, request, view)


class TypedFieldsFilter(FieldsFilter):
    """Wagtail's field filters (?title=...), with values checked before the query.

    Wagtail converts booleans and numbers only: a malformed date reached the
    database and became a 500.
    """

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name not in fields or name == "locale":
                continue
            field = _model_field(queryset.model, name)
            try:
                if field is not None:
                    field.to_python(value)
            except (ValidationError, ValueError, TypeError) as error:
                raise BadRequestError(
                    f"'{value}' is not a valid value for {name}"
                ) from error
        return super().filter_queryset(request, queryset, view)


class PagesEndpoint(PublicEndpoint, PagesAPIViewSet):
    """Wagtail's pages endpoint over live, public pages, with the policy's own fields.

    Rich text always comes as HTML, as the site shows it, so the endpoint has
    no `rich_text_format` parameter.
    """

    pagination_class = BoundedPagination
    filter_backends = [
        TypedFieldsFilter,
        *(
            backend
            for backend in PagesAPIViewSet.filter_backends
            if backend is not FieldsFilter
        ),
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {
        "rich_text_format"
    }

    def get_base_queryset(self):
        # Built once per request: filters and serializers ask for it many times.
        if not hasattr(self, "_public_pages"):
            self._public_pages = public_pages(self.request)
        return self._public_pages

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only)
        if db_fields_only:
            # Filtering or ordering on a StreamField or rich text means nothing.
            unqueryable = (wagtail_fields.StreamField, wagtail_fields.RichTextField)
            fields = [
                name
                for name in fields
                if not isinstance(_model_field(model, name), unqueryable)
            ]
        return fields

    def resolve_rich_text_format(self):
        return "html"

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        operator = self.request.GET.get("search_operator")
        if operator is not None and operator not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")

    def listing_view(self, request):
        response = super().listing_view(request)
        locale = request.GET.get("locale")
        response["Content-Language"] = locale or ", ".join(
            code for code, _name in settings.LANGUAGES
        )
        return response

    def paginate_queryset(self, queryset):
        pages = list(super().paginate_queryset(queryset))
        policy_api.prefetch_policy_relations(pages, self.get_base_queryset())
        return pages

    def detail_view(self, request, pk):
        # Wagtail checks the parameters of listings only: a typo in a detail
        # request's parameters would otherwise go unnoticed.
        self.check_query_parameters(self.get_queryset())
        page = self.get_object()
        policy_api.prefetch_policy_relations([page], self.get_base_queryset())
        response = super().detail_view(request, pk)
        response["Content-Language"] = page.locale.language_code
        return response

    def find_object(self, queryset, request):
        """?html_path=/fr/confidentialite-et-cookies/: the page at that address.

        Wagtail routes the path from the site's root page, which knows nothing
        of the /en/ and /fr/ prefixes: the prefix chooses the language's root.
        """
        if "html_path" not in request.GET:
            return super().find_object(queryset, request)
        parts = [part for part in request.GET["html_path"].split("/") if part]
        languages = {code for code, _name in settings.LANGUAGES}
        site = Site.find_for_request(request)
        if not parts or parts[0] not in languages or site is None:
            return None
        locale = Locale.objects.filter(language_code=parts[0]).first()
        root = locale and site.root_page.get_translation_or_none(locale)
        if root is None:
            return None
        try:
            # A translated sub-route (…/historique/) resolves in its language.
            with translation.override(parts[0]):
                page, _args, _kwargs = root.specific.route(request, parts[1:])
        except Http404:
            return None
        return queryset.filter(pk=page.pk).first()

    def find_view(self, request):
        try:
            return super().find_view(request)
        except ValueError as error:
            raise BadRequestError("id must be a positive integer") from error


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


class CookiesEndpoint(PublicEndpoint, GenericViewSet):
    """Every cookie the site's policy declares in one language, as flat rows.

    GET /api/v2/cookies/?locale=fr[&category=analytics][&party=third]
    The list a consent banner or an audit script needs: name, provider,
    purpose, duration, party and category, the last two as stable codes with
    labels in the requested language. Without ?locale, the source language.
    """

    name = "cookies"
    model = None
    filters = ("category", "party")

    def list(self, request):
        unknown = set(request.GET) - {"locale", *self.filters}
        if unknown:
            names = ", ".join(sorted(unknown))
            raise BadRequestError(
                f"query parameter is not an operation or a recognised field: {names}"
            )
        code = request.GET.get("locale", settings.LANGUAGE_CODE)
        policy = (
            PolicyPage.objects.filter(
                locale__language_code=code,
                pk__in=public_pages(request).values("pk"),
            )
            .select_related("locale")
            .order_by("path")
            .first()
        )
        if policy is None:
            raise Http404(f"no published policy in the language '{code}'")

        rows = policy_api.cookie_rows(policy)
        for name in self.filters:
            if name not in request.GET:
                continue
            codes = policy_api.cookie_codes(name)
            if request.GET[name] not in codes:
                raise BadRequestError(f"{name} must be one of: {', '.join(codes)}")
            rows = [row for row in rows if row[name] == request.GET[name]]

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
                        "last_updated": policy_api.last_updated(
                            policy, {"request": request}
                        ),
                    },
                },
                "items": rows,
            }
        )
        response["Content-Language"] = code
        return response

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "list"}), name="listing")]


@functools.cache
def _unprefixed_urlconf(root_urlconf):
    """The site's URLs without the language-prefixed ones (i18n_patterns)."""
    return tuple(
        pattern
        for pattern in get_resolver(root_urlconf).url_patterns
        if not isinstance(pattern.pattern, LocalePrefixPattern)
    )


def allowed_origins():
    """Origins that may read the API from a browser (scheme://host[:port]).

    From the API_CORS_ALLOWED_ORIGINS setting, which the environment variable of
    that name fills: none by default.
    """
    return {
        origin.strip().rstrip("/").lower()
        for origin in settings.API_CORS_ALLOWED_ORIGINS
        if origin.strip()
    }


def _add_cors_headers(request, response, preflight=False):
    patch_vary_headers(response, ["Origin"])
    origin = request.headers.get("Origin", "")
    if origin.lower() not in allowed_origins():
        return
    response["Access-Control-Allow-Origin"] = origin
    response["Access-Control-Expose-Headers"] = "ETag"
    if preflight:
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "If-None-Match"
        response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)


def api_not_found(request, *args, **kwargs):
    """Any other address under /api/v2/."""
    return JsonResponse(
        {
            "message": "Not found. The API's endpoints are pages/ and cookies/, "
            "for example /api/v2/pages/?type=policy.PolicyPage."
        },
        status=404,
    )


class PublicAPIRouter(WagtailAPIRouter):
    """Wagtail's router, with the HTTP behaviour every response of this API shares."""

    def get_model_endpoint(self, model):
        # The cookies endpoint serves no model.
        for name, class_ in self._endpoints.items():
            if class_.model is not None and issubclass(model, class_.model):
                return name, class_
        return None

    def get_urlpatterns(self):
        # Addresses ending in "/" that no endpoint knows get a JSON 404; the
        # others are sent to their "/" form first (APPEND_SLASH).
        return [
            *super().get_urlpatterns(),
            re_path(r"^(?:.*/)?$", self.wrap_view(api_not_found)),
        ]

    def wrap_view(self, func):
        view = super().wrap_view(func)

        @functools.wraps(func)
        def wrapped(request, *args, **kwargs):
            # LocaleMiddleware answers a 404 outside /en/ and /fr/ with a
            # redirect to /en/<path>, where Wagtail's pages would answer: an
            # API 404 must stay a JSON 404. It reads request.urlconf to decide.
            request.urlconf = _unprefixed_urlconf(settings.ROOT_URLCONF)
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                del response["Content-Type"]  # no body, no type
                response["Allow"] = "GET, HEAD, OPTIONS"
                _add_cors_headers(request, response, preflight=True)
                return response
            # Messages in the source language, whatever the visitor's browser
            # prefers: a response must not depend on who asks.
            with translation.override(settings.LANGUAGE_CODE):
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
            if response.status_code < 500:
                patch_cache_control(response, public=True, max_age=CACHE_MAX_AGE)
            # The language of what is said; error messages are in the source language.
            response.headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
            if request.method in ("GET", "HEAD") and response.status_code == 200:
                set_response_etag(response)
                full = response
                response = get_conditional_response(
                    request, etag=response.get("ETag"), response=response
                )
                # A 304 updates the cached response's headers: keep its language.
                response["Content-Language"] = full["Content-Language"]
            _add_cors_headers(request, response)
            return response

        return wrapped


api_router = PublicAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("cookies", CookiesEndpoint)
