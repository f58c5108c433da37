"""The policy page's fields in the JSON API, as `PolicyPage.api_fields` names them.

Each field reads the page's versions and translations from one load per
response (`PolicyPage.load_history`), and the body expands all its rich text
in one pass, so a response costs the same number of queries however many
blocks, cookies, versions or languages the policy has.
"""

import uuid
from urllib.parse import urljoin

from django.utils import timezone, translation

from wagtail import blocks
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from rest_framework.fields import Field

from compat.wagtail import REWRITTEN_TAG

from .plain_text import leaves
from .transparency import coverage, facts
from .versions import with_previous


def iso_date(moment):
    """The calendar date of `moment` in the site's time zone, as the site shows it."""
    return timezone.localtime(moment).date().isoformat()


class PolicyField(Field):
    """A read-only field computed from the whole policy page: `represent(page)`.

    The page's history and translations are loaded first, limited to the
    pages the answering endpoint may show.
    """

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        view = self.context.get("view")
        if view is not None and hasattr(view, "get_base_queryset"):
            visible = view.get_base_queryset()
        else:
            visible = Page.objects.live().public()
        page.load_history([page], visible)
        return self.represent(page)

    def represent(self, page):
        raise NotImplementedError

    def absolute_url(self, page, path):
        if path is None:
            return None
        return urljoin(page.get_full_url(self.context.get("request")), path)

    def detail_url(self, page):
        # Imported here: wagtail.api.v2.utils needs the models loaded, and this
        # module is loaded with them (PolicyPage.api_fields).
        from wagtail.api.v2.utils import get_object_detail_url

        router = self.context.get("router")
        if router is None:
            return None
        return get_object_detail_url(router, self.context.get("request"), Page, page.pk)


class LastUpdatedField(PolicyField):
    """ISO date of the latest major change in the page's language, or None."""

    def represent(self, page):
        version = page.current_version
        return iso_date(version.published_at) if version else None


class HistoryUrlField(PolicyField):
    """The public history page."""

    def represent(self, page):
        return self.absolute_url(page, page.localized_url("history"))


class HistoryField(PolicyField):
    """Every major change in the page's language, newest first, as its history page lists them."""

    def represent(self, page):
        entries = []
        for version, previous in with_previous(page.versions):
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
                    "html_url": self.absolute_url(
                        page, page.localized_url("version", version.number)
                    ),
                    "compare_html_url": self.absolute_url(page, compare),
                }
            )
        return entries


class TranslationsField(PolicyField):
    """The page in every language it is published in, itself included."""

    def represent(self, page):
        request = self.context.get("request")
        return [
            {
                "locale": translation_page.locale.language_code,
                "id": translation_page.pk,
                "title": translation_page.title,
                "html_url": translation_page.get_full_url(request),
                "detail_url": self.detail_url(translation_page),
            }
            for translation_page in page.published_translations
        ]


class TranslationBehindField(PolicyField):
    """True while the source language has a major change this translation lacks."""

    def represent(self, page):
        return page.newer_source_version is not None


class NewerSourceVersionField(PolicyField):
    """The source language's change this translation lacks, as the site's notice gives it."""

    def represent(self, page):
        version = page.newer_source_version
        if version is None:
            return None
        return {
            "version": version.number,
            "date": iso_date(version.published_at),
            "locale": version.page.locale.language_code,
            "html_url": version.page.get_full_url(self.context.get("request")),
            "detail_url": self.detail_url(version.page),
        }


class UpcomingChangeField(PolicyField):
    """The major change scheduled to take effect later, as the page announces it, or None.

    `locale` is the language of its note and links: the source language's
    while the change is not translated yet.
    """

    def represent(self, page):
        announcement = page.upcoming_announcement
        if announcement is None:
            return None
        change = announcement["change"]
        return {
            "version": change.number,
            "date": iso_date(change.published_at),
            "takes_effect_at": timezone.localtime(change.published_at).isoformat(),
            "note": change.change_note,
            "locale": announcement["language"],
            "translated": change.translated,
            "html_url": self.absolute_url(page, announcement["url"]),
            "compare_html_url": self.absolute_url(page, announcement["compare_url"]),
        }


class TransparencyField(PolicyField):
    """What the page's sections cover of a notice's required content, and its facts.

    `covered` and `missing` in the checklist's order, each item with its
    article and its title in the page's language; `facts` as
    transparency.facts gives them.
    """

    def represent(self, page):
        with translation.override(page.locale.language_code):
            found = coverage(page)
            return {
                "covered": [
                    {
                        "item": item.key,
                        "article": item.article,
                        "title": str(item.title),
                        "sections": [
                            anchor for anchor, _heading in found.sections[item.key]
                        ],
                    }
                    for item in found.covered
                ],
                "missing": [
                    {
                        "item": item.key,
                        "article": item.article,
                        "title": str(item.title),
                    }
                    for item in found.missing
                ],
                "facts": facts(page, found),
            }


class BodyField(PolicyField):
    """The body as typed blocks, in the page's language, with its rich text as HTML."""

    def represent(self, page):
        # In the page's language, as the site renders it: labels (a cookie's
        # party and category) and links to other pages (to their translation).
        with translation.override(page.locale.language_code):
            block_context = {
                **self.context,
                "page": page,
                # The names the page's templates use (PolicyPage.get_context).
                "policy_version": page.current_version,
                "history_url": self.absolute_url(page, page.localized_url("history")),
                "expanded_rich_text": expand_rich_text(page.body),
            }
            return page.body.stream_block.get_api_representation(
                page.body, context=block_context
            )


# Rich text ---------------------------------------------------------------

# Separates tags expanded together; an HTML comment no tag can contain.
_SEPARATOR = f"<!--{uuid.uuid4().hex}-->"


def expand_rich_text(stream):
    """{source: HTML} for every rich text in `stream`, as expand_db_html gives it.

    expand_db_html looks up what a link points to for every occurrence of the
    link, and per call: each distinct tag of the whole body is expanded once,
    in one call, so the queries depend on the pages linked to, not on the
    number of paragraphs that link to them.
    """
    sources = list(
        dict.fromkeys(
            value.source
            for block, value in leaves(stream.stream_block, stream)
            if isinstance(block, blocks.RichTextBlock) and value.source
        )
    )
    tags = list(
        dict.fromkeys(
            match.group(0)
            for source in sources
            for match in REWRITTEN_TAG.finditer(source)
        )
    )
    if not tags:
        return {source: source for source in sources}
    expanded = expand_db_html(_SEPARATOR.join(tags)).split(_SEPARATOR)
    if len(expanded) != len(tags):
        return {}  # the blocks then expand their own text, one call each
    html_of = dict(zip(tags, expanded, strict=True))
    return {
        source: REWRITTEN_TAG.sub(lambda match: html_of[match.group(0)], source)
        for source in sources
    }
