from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from caching.site_tree import RememberedTreeMixin, visible_to_everyone


class HomePage(RememberedTreeMixin, Page):
    """The front page of each language: a short introduction and the way to the policy."""

    intro = RichTextField(
        features=["bold", "italic", "link"],
        verbose_name=_("introduction"),
        help_text=_(
            "A sentence or two that welcomes visitors and says what the site holds."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    # The JSON API gives the introduction as HTML, as the home page shows it.
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The pages below this one (the policy) that every visitor may open:
        # none behind a password, a login or groups, even through an alias.
        context["children"] = [
            child for child in self.get_children().live() if visible_to_everyone(child)
        ]
        return context
