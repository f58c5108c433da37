"""The privacy and cookie policy page: its fields, its editor and its API fields.

Its public history is versions.py (PolicyVersion and the page's versions),
its addresses below the page routes.py (history, versions, comparisons, the
upcoming change, the feed).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from caching.site_tree import RememberedTreeMixin

from . import api_fields
from .blocks import FactsBlock, PolicyBodyBlock
from .checklist import ChecklistPanel
from .forms import PolicyPageForm
from .managers import PolicyPageManager
from .routes import PolicyRoutes
from .versions import PolicyHistory, PolicyVersion, keep_published_versions

# PolicyVersion is a model of this app; keep_published_versions is named by
# its migration (0002_versions) as policy.models.keep_published_versions.
__all__ = ["PolicyPage", "PolicyVersion", "keep_published_versions"]


class PolicyPage(PolicyRoutes, PolicyHistory, RememberedTreeMixin, Page):
    """The privacy and cookie policy: sections of text, cookie tables and contact details.

    Besides the page itself it serves its public history (`history/`), each
    major version as it was published (`versions/<n>/`), comparisons
    between two versions (`compare/<old>/<new>/`), a major change scheduled
    for later and its comparison with the current version (`upcoming/`,
    `upcoming/compare/`) and an Atom feed of its versions (`feed/`).
    """

    body = StreamField(
        PolicyBodyBlock(),
        verbose_name=_("policy"),
        help_text=_(
            "The policy, one section per heading. Each section can hold text, "
            "highlighted boxes, cookie tables and contact details."
        ),
    )
    facts = StreamField(
        FactsBlock(),
        blank=True,
        verbose_name=_("facts"),
        help_text=_(
            "What the policy states, as data for the API: the controller, the data "
            "protection officer, supervisory authorities, each purpose with its "
            "lawful basis, how long data is kept. Readers do not see them on the "
            "page: the sections say it in words."
        ),
    )
    change_note = models.TextField(
        _("change note"),
        blank=True,
        help_text=_(
            "For a major change: one or two sentences telling readers what changed, "
            "for example “We now use Cloudflare to protect the site.” It is shown in "
            "the policy's public history."
        ),
    )
    # Which major change this content belongs to. A new key means a new public
    # version; translations copy it from the English page, so a French
    # publication can be matched to the English change it catches up with.
    change_key = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = PolicyPageManager()

    base_form_class = PolicyPageForm
    # The change question comes before the sections, where the editor sees it
    # without going through the whole policy (the sections start collapsed).
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("update_type"),
                FieldPanel("change_note"),
                FieldPanel("accept_short_notice"),
            ],
            heading=_("What changed"),
            help_text=_(
                "Asked at every publication: readers see major changes in the "
                "policy's history and in its “last updated” date."
            ),
        ),
        FieldPanel("body"),
    ]
    transparency_panels = [
        ChecklistPanel(heading=_("Transparency checklist")),
        FieldPanel("facts"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(transparency_panels, heading=_("Transparency")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ],
        base_form_class=PolicyPageForm,
    )

    search_fields = [*Page.search_fields, index.SearchField("body")]

    # The slug is translated too, so that French readers get a French address.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("body"),
        TranslatableField("facts"),
        TranslatableField("change_note"),
        SynchronizedField("change_key"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    # What the JSON API (/api/v2/pages/<id>/) gives besides the title;
    # policy/api_fields.py computes each field from the live page and its
    # public versions.
    api_fields = [
        APIField("body", serializer=api_fields.BodyField()),
        APIField("last_updated", serializer=api_fields.LastUpdatedField()),
        APIField("history_url", serializer=api_fields.HistoryUrlField()),
        APIField("history", serializer=api_fields.HistoryField()),
        APIField("translations", serializer=api_fields.TranslationsField()),
        APIField("translation_behind", serializer=api_fields.TranslationBehindField()),
        APIField(
            "newer_source_version", serializer=api_fields.NewerSourceVersionField()
        ),
        APIField("upcoming_change", serializer=api_fields.UpcomingChangeField()),
        APIField("transparency", serializer=api_fields.TransparencyField()),
    ]

    class Meta:
        verbose_name = _("privacy and cookie policy")
        verbose_name_plural = _("privacy and cookie policies")

    def sections(self):
        """(anchor, heading) of every section, for the table of contents."""
        return [
            (block.value["anchor"], block.value["heading"])
            for block in self.body
            if block.block_type == "section"
        ]

    def get_sitemap_urls(self, request=None):
        """The sitemap's `lastmod` is the “last updated” date readers see in this language.

        Not the last publication: minor changes, translation syncs and the
        seed itself publish without changing what the policy says.
        """
        urls = super().get_sitemap_urls(request)
        if self.current_version:
            for url in urls:
                url["lastmod"] = self.current_version.published_at
        return urls

    def clean(self):
        """A translation's cookie durations agree with the seconds copied from English.

        The admin's form checks every row of the page it edits; a translation
        saved by wagtail-localize is checked here, each error keyed by its
        string (policy/translated_lifetimes.py).
        """
        super().clean()
        if getattr(self, "checked_by_form", False) or self.is_source_language():
            return
        from .translated_lifetimes import lifetime_errors

        errors = lifetime_errors(self)
        if errors:
            raise ValidationError(errors)

    def is_source_language(self):
        return self.locale.language_code == settings.LANGUAGE_CODE

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["policy_version"] = self.current_version
        context["history_url"] = self.localized_url("history")
        context["feed_url"] = self.localized_url("feed")
        context["upcoming"] = self.upcoming_announcement
        return context
