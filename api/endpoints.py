"""The API's endpoints: live, public pages, and every cookie the policy declares.

Every response is the same for every visitor, so that edge caches can keep it:
no authentication, no session, no cookies, no CSRF token, and pages behind a
view restriction never appear, whoever asks. How long a response may be kept,
its ETag and 304s come from caching/middleware.py, like every public page's;
cross-origin reads from django-cors-headers; errors from errors.py.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404, JsonResponse
from django.urls import path
from django.utils import translation

from wagtail import fields as wagtail_fields
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import PageParentField, PageSerializer
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Locale, Page, Site

from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.viewsets import GenericViewSet

from caching.site_tree import current_site, on_site, public
from policy.api_fields import iso_date
from policy.cookies import cookie_codes, declared_cookies
from policy.models import PolicyPage
from search.terms import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, too_many_words

# What only a listing of pages can use.
LISTING_ONLY_PARAMETERS = {"limit", "offset", "order", "search", "search_operator"}

# Bounds of ?fields=: far beyond any real request (the policy has a dozen
# fields, two levels deep), far below what exhausts Wagtail's parser.
MAX_FIELDS_LENGTH = 1000
MAX_FIELDS_NESTING = 5


def _nesting(fields):
    """How deep the parentheses of a ?fields= value go."""
    depth = deepest = 0
    for char in fields:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(0, depth - 1)
    return deepest


def public_pages(request):
    """Live pages of the requested site that no view restriction covers.

    Wagtail's own version lets a visitor who passed a page's password or
    login see the page: that would make responses depend on who asks. The
    site, its root pages and the restrictions are remembered (caching/site_tree.py):
    building the queryset costs no query.
    """
    pages = public(Page.objects.live())
    if "site" in request.GET:
        try:
            site = SiteFilterValidator(site=request.GET["site"], request=request)
            site = site.site_obj
        except ValueError as error:
            raise BadRequestError(str(error)) from error
    else:
        site = current_site(request)
    if site is None:
        return pages.none()
    return on_site(pages, site)


class PublicEndpoint:
    """What every endpoint of this API shares: anonymous and JSON only."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = []

    def get_renderer_context(self):
        context = super().get_renderer_context()
        context["indent"] = 4  # as Wagtail's endpoints
        return context

    def handle_exception(self, exc):
        # Straight to the one EXCEPTION_HANDLER (errors.py), past Wagtail's
        # own handling, which leaves some messages empty.
        return APIView.handle_exception(self, exc)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            # PostgreSQL refuses NUL characters in text: say so before any query.
            if any("\x00" in value for value in [name, *values]):
                raise BadRequestError("query parameters cannot contain NUL characters")
        # Wagtail reads ?fields= recursively: a deep nesting would exhaust the
        # stack. The policy's deepest field is two levels down.
        for fields in request.GET.getlist("fields"):
            if len(fields) > MAX_FIELDS_LENGTH or _nesting(fields) > MAX_FIELDS_NESTING:
                raise BadRequestError(
                    f"fields may be at most {MAX_FIELDS_LENGTH} characters long and "
                    f"nested {MAX_FIELDS_NESTING} levels deep"
                )


class BoundedPagination(WagtailPagination):
    """Wagtail's ?limit/?offset, refusing an offset PostgreSQL cannot take."""

    max_offset = 2**31 - 1

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > self.max_offset:
            raise BadRequestError(f"offset cannot be higher than {self.max_offset}")
        return super().paginate_queryset(queryset, request, view)


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


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


class VisibleParentField(PageParentField):
    """A page's parent, when the endpoint shows it: Wagtail's field, in one query instead of two."""

    def get_attribute(self, instance):
        if instance.depth <= 1:
            return None
        parent_path = instance.path[: -instance.steplen]
        return self.context["base_queryset"].filter(path=parent_path).first()


class PublicPageSerializer(PageSerializer):
    parent = VisibleParentField(read_only=True)


class PublicPagesEndpoint(PublicEndpoint, PagesAPIViewSet):
    """Wagtail's pages endpoint over live, public pages, with the policy's own fields.

    Rich text always comes as HTML, as the site shows it, so the endpoint has
    no `rich_text_format` parameter.
    """

    base_serializer_class = PublicPageSerializer
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
        # Before Wagtail's query builder sees the words (search/terms.py).
        search = self.request.GET.get("search", "")
        if len(search) > MAX_SEARCH_LENGTH:
            raise BadRequestError(
                f"search cannot be longer than {MAX_SEARCH_LENGTH} characters"
            )
        if too_many_words(search):
            raise BadRequestError(
                f"search cannot have more than {MAX_SEARCH_WORDS} words"
            )

    def listing_view(self, request):
        response = super().listing_view(request)
        locale = request.GET.get("locale")
        response["Content-Language"] = locale or ", ".join(
            code for code, _name in settings.LANGUAGES
        )
        return response

    def paginate_queryset(self, queryset):
        pages = list(super().paginate_queryset(queryset))
        PolicyPage.load_history(pages, self.get_base_queryset())
        return pages

    def detail_view(self, request, pk):
        # Wagtail checks the parameters of listings only: a typo in a detail
        # request's parameters would otherwise go unnoticed. Filters (type,
        # locale...) may say a page is not what was asked (a 404); paging,
        # ordering and searching mean nothing for one page.
        self.check_query_parameters(self.get_queryset())
        listing_only = sorted(set(request.GET) & LISTING_ONLY_PARAMETERS)
        if listing_only:
            raise BadRequestError(
                f"a single page has no listing parameters: {', '.join(listing_only)}"
            )
        page = self.get_object()
        PolicyPage.load_history([page], self.get_base_queryset())
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
                page, route, _kwargs = root.specific.route(request, parts[1:])
        except Http404:
            return None
        # A sub-route's address must lead somewhere: versions/999/ does not.
        if route and hasattr(page, "route_exists") and not page.route_exists(*route):
            return None
        return queryset.filter(pk=page.pk).first()

    def find_view(self, request):
        try:
            return super().find_view(request)
        except ValueError as error:
            raise BadRequestError("id must be a positive integer") from error


class CookieDeclarationsEndpoint(PublicEndpoint, GenericViewSet):
    """Every cookie the site's policy declares in one language, as flat rows.

    GET /api/v2/cookies/?locale=fr[&category=analytics][&party=third]
    The list a consent banner or an audit script needs: name, provider,
    purpose, duration, party and category, the last two as stable codes with
    labels in the requested language. Without ?locale, the source language.
    """

    name = "cookies"
    # The router links a model to the first endpoint that serves it: pages is
    # registered first, so page links never lead here.
    model = PolicyPage
    filters = ("category", "party")

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
        return [path("", cls.as_view({"get": "list"}), name="listing")]


def not_found(request, *args, **kwargs):
    """Any other address under /api/."""
    return JsonResponse(
        {
            "message": "Not found. The API's endpoints are pages/ and cookies/, "
            "for example /api/v2/pages/?type=policy.PolicyPage."
        },
        status=404,
    )
