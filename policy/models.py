from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from .blocks import PolicyBodyBlock


class PolicyPage(Page):
    """The privacy and cookie policy: sections of text, cookie tables and contact details."""

    body = StreamField(
        PolicyBodyBlock(),
        verbose_name=_("policy"),
        help_text=_(
            "The policy, one section per heading. Each section can hold text, "
            "highlighted boxes, cookie tables and contact details."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("body")]

    # The slug is translated too, so that French readers get a French address.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

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
