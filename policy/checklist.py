"""The transparency checklist as editors see it, in the policy's editor and on the dashboard.

One table: each item a privacy notice must give (policy/transparency.py), with
its article and one sentence of guidance, and for each language whether a
section of the policy covers it (and which) or it is missing. The dashboard
shows the live policy in each language; the editor shows the draft being
edited beside them. A translation that is behind shows what its published
version covers: its tags are copied from the English page when it is
published.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel

from .transparency import ITEMS, coverage


@dataclass
class Column:
    """The policy in one language, or the draft being edited: what it covers."""

    label: str
    coverage: object  # transparency.Coverage

    @property
    def covered_count(self):
        return len(self.coverage.covered)


@dataclass
class Row:
    item: object  # transparency.Item
    cells: list = field(default_factory=list)


@dataclass
class Checklist:
    columns: list
    total: int = len(ITEMS)

    @property
    def rows(self):
        return [
            Row(
                item,
                [
                    [heading for _anchor, heading in column.coverage.sections[item.key]]
                    for column in self.columns
                ],
            )
            for item in ITEMS
        ]


def language_order(page):
    """The source language first, then the settings' order."""
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    code = page.locale.language_code
    return (code != settings.LANGUAGE_CODE, codes.index(code) if code in codes else 99)


def live_columns(pages):
    """A column for each live page of `pages` (one policy's languages), source first."""
    return [
        Column(
            _("%(language)s, live") % {"language": page.locale.get_display_name()},
            coverage(page),
        )
        for page in sorted(pages, key=language_order)
        if page.live
    ]


def editor_checklist(draft):
    """The draft being edited, then the live policy in each language."""
    live = []
    if draft.translation_key:
        live = (
            type(draft)
            .objects.live()
            .filter(translation_key=draft.translation_key)
            .select_related("locale")
        )
    return Checklist([Column(_("This draft"), coverage(draft)), *live_columns(live)])


class ChecklistPanel(Panel):
    """The editor's checklist: read-only, beside the structured facts."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "policy/admin/checklist_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["checklist"] = editor_checklist(self.instance)
            return context
