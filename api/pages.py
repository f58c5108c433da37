"""/api/v2/pages/: Wagtail's pages endpoint over live, public pages, checked before any query.

Wagtail's parameters, with the values it would let through to the database
refused with a 400 first, and ?html_path= reading the site's /en/ and /fr/
addresses.
"""

import datetime

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404
from django.utils import translation

from wagtail import fields as wagtail_fields
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import PageParentField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Locale, Site

from policy.models import PolicyPage
from search.terms import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, too_many_words

from .shared import PublicEndpoint, public_pages

# What only a listing of pages can use.
LISTING_ONLY_PARAMETERS = {"limit", "offset", "order", "search", "search_operator"}


class BoundedPagination(WagtailPagination):
    """Wagtail's ?limit/?offset, refusing an offset PostgreSQL cannot take."""

    max_offset = 2**31 - 1

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > self.max_offset:
            raise BadRequestError(f"offset cannot be higher than {self.max_offset}")
        return super().paginate_queryset(queryset, request, view)


# PostgreSQL refuses a time zone offset of 16 hours or more, which Python's
# datetimes allow (up to 24 hours).
MAX_UTC_OFFSET = datetime.timedelta(hours=16)


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


class TypedFieldsFilter(FieldsFilter):
    """Wagtail's field filters (?title=...), with values checked before the query.

    Wagtail converts booleans and numbers only: a malformed date reached the
    database and became a 500, and so did a date and time with an offset
    PostgreSQL cannot take (+16:00).
    """

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name not in fields or name == "locale":
                continue
            field = _model_field(queryset.model, name)
            try:
                if field is not None:
                    typed = field.to_python(value)
                    offset = isinstance(typed, datetime.datetime) and typed.utcoffset()
                    if offset and abs(offset) >= MAX_UTC_OFFSET:
                        raise ValidationError("time zone offset out of range")
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
