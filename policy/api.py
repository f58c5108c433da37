"""How a policy page reads in the JSON API (Wagtail API v2, served by site/api.py).

`PolicyPage.api_fields` names the fields; the functions here compute them from
the live page. Every field reads the page's versions and translations from one
prefetch per response (`prefetch_policy_relations`), and the body expands all
its rich text in one pass, so a response costs the same number of queries
however many blocks, cookies, versions or languages the policy has.
"""

import re
import uuid
from urllib.parse import urljoin

from django.conf import settings
from django.utils import timezone, translation

from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.models import Page
from wagtail.rich_text import RichText, expand_db_html
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG

from rest_framework.fields import Field

# Set on a policy page once its translations are loaded for the API.
TRANSLATIONS_ATTR = "_api_translations"


class PolicyField(Field):
    """A read-only API field computed from the whole page and the response's context.

    `represent(page, context)` returns the field's JSON value.
    """

    def __init__(self, represent, **kwargs):
        self.represent = represent
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return self.represent(page, self.context)


def iso_date(moment):
    """The calendar date of `moment` in the site's time zone, as the site shows it."""
    return timezone.localtime(moment).date().isoformat()


def public_pages(context):
    """The pages the API may show: those of the view answering, or every live public page."""
    view = context.get("view")
    if view is not None and hasattr(view, "get_base_queryset"):
        return view.get_base_queryset()
    return Page.objects.live().public()


def _language_order(page):
    codes = [code for code, _name in settings.LANGUAGES]
    code = page.locale.language_code
    return (codes.index(code) if code in codes else len(codes), code)


def prefetch_policy_relations(pages, visible_pages):
    """Load the versions and published translations of these policy pages in two queries.

    `visible_pages` is what the response may show: a private or unpublished
    translation, and its versions, stay out. The versions are left where the
    page's own `versions`, `current_version` and `newer_source_version` read
    them, so the API and the site agree on the history and on staleness.
    """
    from .models import PolicyPage, PolicyVersion

    policies = [
        page
        for page in pages
        if isinstance(page, PolicyPage) and not hasattr(page, TRANSLATIONS_ATTR)
    ]
    if not policies:
        return
    keys = {page.translation_key for page in policies}
    family = list(
        visible_pages.filter(translation_key__in=keys).select_related("locale")
    )
    page_ids = {page.pk for page in family} | {page.pk for page in policies}
    versions = list(
        PolicyVersion.objects.filter(page_id__in=page_ids)
        .select_related("page__locale")
        .order_by("-number")
    )
    locales = {page.pk: page.locale for page in family}
    for policy in policies:
        if policy.pk in locales and not Page.locale.is_cached(policy):
            policy.locale = locales[policy.pk]  # already loaded: no query per page
        setattr(
            policy,
            TRANSLATIONS_ATTR,
            sorted(
                (
                    page
                    for page in family
                    if page.translation_key == policy.translation_key
                ),
                key=_language_order,
            ),
        )
        policy.__dict__["_related_versions"] = [
            version
            for version in versions
            if version.page.translation_key == policy.translation_key
        ]


def _relations(page, context):
    prefetch_policy_relations([page], public_pages(context))
    return page


def _absolute(page, context, path):
    if path is None:
        return None
    return urljoin(page.get_full_url(context.get("request")), path)


def _detail_url(context, page):
    # Imported here: wagtail.api.v2 needs the models loaded, and this module
    # is loaded with them.
    from wagtail.api.v2.utils import get_object_detail_url

    router = context.get("router")
    if router is None:
        return None
    return get_object_detail_url(router, context.get("request"), Page, page.pk)


# Fields ------------------------------------------------------------------


def last_updated(page, context):
    version = _relations(page, context).current_version
    return iso_date(version.published_at) if version else None


def history_url(page, context):
    return _absolute(page, context, page.localized_url("history"))


def history(page, context):
    """Every major change in the page's language, newest first, as its history page lists them."""
    versions = _relations(page, context).versions
    entries = []
    for version, previous in zip(versions, [*versions[1:], None], strict=True):
        compare = (
            page.localized_url("compare", previous.number, version.number)
            if previous
            else None
        )
        entries.append(
            {
                "version": version.number,
                "date": iso_date(version.published_at),
                "note": version.change_note,
                "html_url": _absolute(
                    page, context, page.localized_url("version", version.number)
                ),
                "compare_html_url": _absolute(page, context, compare),
            }
        )
    return entries


def translations(page, context):
    """The page in every language it is published in, itself included."""
    return [
        {
            "locale": translation_page.locale.language_code,
            "id": translation_page.pk,
            "title": translation_page.title,
            "html_url": translation_page.get_full_url(context.get("request")),
            "detail_url": _detail_url(context, translation_page),
        }
        for translation_page in getattr(_relations(page, context), TRANSLATIONS_ATTR)
    ]


def translation_behind(page, context):
    """True while the source language has a major change this translation lacks."""
    return _relations(page, context).newer_source_version is not None


def newer_source_version(page, context):
    """The source language's change this translation lacks, as the site's notice gives it."""
    version = _relations(page, context).newer_source_version
    if version is None:
        return None
    return {
        "version": version.number,
        "date": iso_date(version.published_at),
        "locale": version.page.locale.language_code,
        "html_url": version.page.get_full_url(context.get("request")),
        "detail_url": _detail_url(context, version.page),
    }


def body(page, context):
    """The body as typed blocks, in the page's language, with its rich text as HTML."""
    _relations(page, context)
    # In the page's language, as the site renders it: labels (a cookie's party
    # and category) and links to other pages (to their translation in it).
    with translation.override(page.locale.language_code):
        block_context = {
            **context,
            "page": page,
            # The names the page's templates use (PolicyPage.get_context).
            "policy_version": page.current_version,
            "history_url": history_url(page, context),
            "expanded_rich_text": expand_rich_text(page.body),
        }
        return page.body.stream_block.get_api_representation(
            page.body, context=block_context
        )


def cookie_rows(page):
    """Every cookie the page declares, table by table, as flat rows (the cookies endpoint)."""
    from .blocks import CookieTableBlock

    rows = []
    # Labels (a cookie's party and category) read in the page's language.
    with translation.override(page.locale.language_code):
        for section in page.body:
            for child in section.value["content"]:
                if not isinstance(child.block, CookieTableBlock):
                    continue
                cookies = child.block.child_blocks["cookies"]
                for cookie in cookies.get_api_representation(child.value["cookies"]):
                    rows.append(
                        {
                            "id": cookie["id"],
                            "name": cookie["name"],
                            "provider": child.value["provider"],
                            **cookie,
                        }
                    )
    return rows


def cookie_codes(name):
    """The codes a cookie's `party` or `category` can take."""
    from .blocks import CookieBlock

    return [
        code for code, _label in CookieBlock.base_blocks[name].field.choices if code
    ]


# Rich text ---------------------------------------------------------------

# The tags expand_db_html rewrites: links (<a linktype="page" id="3">) and embeds.
_ENTITY_TAG = re.compile(f"{FIND_A_TAG.pattern}|{FIND_EMBED_TAG.pattern}")
# Separates tags expanded together; an HTML comment no tag can contain.
_SEPARATOR = f"<!--{uuid.uuid4().hex}-->"


def _rich_texts(value):
    if isinstance(value, RichText):
        yield value.source
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _rich_texts(child.value)
    elif isinstance(value, StructValue | dict):
        for item in value.values():
            yield from _rich_texts(item)
    elif isinstance(value, ListValue | list | tuple):
        for item in value:
            yield from _rich_texts(item)


def expand_rich_text(stream):
    """{source: HTML} for every rich text in `stream`, as expand_db_html gives it.

    expand_db_html looks up what a link points to for every occurrence of the
    link, and per call: each distinct tag of the whole body is expanded once,
    in one call, so the queries depend on the pages linked to, not on the
    number of paragraphs that link to them.
    """
    sources = list(dict.fromkeys(source for source in _rich_texts(stream) if source))
    tags = list(
        dict.fromkeys(
            match.group(0)
            for source in sources
            for match in _ENTITY_TAG.finditer(source)
        )
    )
    if not tags:
        return {source: source for source in sources}
    expanded = expand_db_html(_SEPARATOR.join(tags)).split(_SEPARATOR)
    if len(expanded) != len(tags):
        return {}  # the blocks then expand their own text, one call each
    html_of = dict(zip(tags, expanded, strict=True))
    return {
        source: _ENTITY_TAG.sub(lambda match: html_of[match.group(0)], source)
        for source in sources
    }
