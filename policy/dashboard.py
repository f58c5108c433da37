"""The editors' and approvers' dashboard panels: the policy in each language, its checklist.

For each language of the policy, the panel says its state as Wagtail and
wagtail-localize record it (live, draft, changes in draft, in review,
scheduled, translation behind), when it was last published, and leads to its
editor in one click: Wagtail's page editor for the English, localize's
translation editor for a translation (both answer the page's edit address).
It shows to those who may edit the English policy (editors, approvers,
administrators), with the languages they may edit, and those anyone may read
(live, with no view restriction) with a link to read them; translators have
their own panel (translating/panels.py).

The second panel is the transparency checklist of the live policy in each
language (policy/checklist.py), for the same people.

Its queries do not depend on the policy's length or history: the pages with
their schedules and workflow states, the go-live dates of scheduled ones, the
public ones, the translations, and localize's progress for each language.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import npgettext, pgettext

from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

from caching.site_tree import public
from languages.dates import long_date
from translating.panels import last_published, progress

from .checklist import Checklist, live_columns
from .models import PolicyPage


@dataclass
class PolicyLanguage:
    """The policy in one language, as the panel shows it."""

    name: str
    page: Page
    # Wagtail's: “Live”, “Draft” or “Expired”, then what else is under way.
    publication: str = ""
    notes: list = field(default_factory=list)
    last_published_at: datetime | None = None
    edit_url: str | None = None
    view_url: str | None = None


@dataclass
class Policy:
    title: str
    panel_id: str
    languages: list = field(default_factory=list)


def language_order(page):
    """The source language first, then the settings' order."""
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    code = page.locale.language_code
    return (code != settings.LANGUAGE_CODE, codes.index(code) if code in codes else 99)


def publication_of(page):
    """Whether readers have the page, as Wagtail records it."""
    if page.live:
        return pgettext("policy state", "Live")
    if page.expired:
        return pgettext("policy state", "Expired")
    return pgettext("policy state", "Draft")


def notes_on(page, go_live_at, behind):
    """What is under way: a schedule, a review or a draft (Wagtail's), a translation (localize's)."""
    notes = []
    if go_live_at:
        notes.append(
            pgettext("policy state", "Scheduled for %(date)s")
            % {"date": long_date(go_live_at)}
        )
    elif page.workflow_in_progress:
        notes.append(pgettext("policy state", "In review"))
    elif page.live and page.has_unpublished_changes:
        notes.append(pgettext("policy state", "Changes in draft"))
    to_translate, is_behind = behind or (0, False)
    if to_translate:
        notes.append(
            npgettext(
                "policy state",
                "Translation behind: %(count)s string to translate",
                "Translation behind: %(count)s strings to translate",
                to_translate,
            )
            % {"count": to_translate}
        )
    elif is_behind:
        notes.append(pgettext("policy state", "Translation behind: ready to publish"))
    return notes


def go_live_dates(pages):
    """{page pk: when its approved schedule makes it live}, for the scheduled ones."""
    revisions = Revision.page_revisions.filter(
        object_id__in=[str(page.pk) for page in pages if page.approved_schedule],
        approved_go_live_at__isnull=False,
    )
    return {
        int(object_id): moment
        for object_id, moment in revisions.values_list(
            "object_id", "approved_go_live_at"
        )
    }


def translations_behind(keys):
    """{(translation key, locale pk): (strings to translate, behind)} from localize."""
    translations = list(
        Translation.objects.filter(
            source__object_id__in=keys, enabled=True
        ).select_related("source")
    )
    published = last_published(translations)
    return {
        (translation.source.object_id, translation.target_locale_id): progress(
            translation, published
        )
        for translation in translations
    }


def policies(user, request=None):
    """Each English policy `user` may edit, with its languages for the panel."""
    # Base pages: Wagtail's prefetch of workflow states reads them by the base
    # content type.
    pages = list(
        Page.objects.type(PolicyPage)
        .select_related("locale")
        .annotate_approved_schedule()
        .prefetch_workflow_states()
        .order_by("path")
    )
    editable = {page.pk for page in pages if page.permissions_for_user(user).can_edit()}
    sources = [
        page
        for page in pages
        if page.locale.language_code == settings.LANGUAGE_CODE and page.pk in editable
    ]
    if not sources:
        return []
    keys = {page.translation_key for page in sources}
    pages = [page for page in pages if page.translation_key in keys]
    readable = set(
        public(
            PolicyPage.objects.live().filter(pk__in=[p.pk for p in pages])
        ).values_list("pk", flat=True)
    )
    go_live = go_live_dates(pages)
    behind = translations_behind(keys)

    found = []
    for source in sources:
        policy = Policy(
            title=source.get_admin_display_title(), panel_id=f"policy-{source.pk}"
        )
        languages = [
            page for page in pages if page.translation_key == source.translation_key
        ]
        for page in sorted(languages, key=language_order):
            if page.pk not in editable and page.pk not in readable:
                continue
            translated = (
                None
                if page.pk == source.pk
                else behind.get((page.translation_key, page.locale_id))
            )
            policy.languages.append(
                PolicyLanguage(
                    name=page.locale.get_display_name(),
                    page=page,
                    publication=publication_of(page),
                    notes=notes_on(page, go_live.get(page.pk), translated),
                    last_published_at=page.last_published_at,
                    edit_url=(
                        reverse("wagtailadmin_pages:edit", args=[page.pk])
                        if page.pk in editable
                        else None
                    ),
                    view_url=page.get_url(request) if page.pk in readable else None,
                )
            )
        found.append(policy)
    return found


class PolicyPanel(Component):
    name = "policy_in_each_language"
    template_name = "policy/admin/policy_panel.html"
    order = 40

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"policies": policies(self.request.user, self.request)}


@dataclass
class PolicyChecklist:
    title: str
    panel_id: str
    checklist: Checklist


def checklists(user):
    """The transparency checklist of each English policy `user` may edit, its languages live.

    Two queries: the policies with their bodies, and the rights to edit.
    """
    pages = list(PolicyPage.objects.select_related("locale").order_by("path"))
    return [
        PolicyChecklist(
            title=source.get_admin_display_title(),
            panel_id=f"transparency-{source.pk}",
            checklist=Checklist(
                live_columns(
                    [p for p in pages if p.translation_key == source.translation_key]
                )
            ),
        )
        for source in pages
        if source.locale.language_code == settings.LANGUAGE_CODE
        and source.permissions_for_user(user).can_edit()
    ]


class TransparencyPanel(Component):
    """What the live policy covers of the transparency checklist, in each language."""

    name = "transparency_checklist"
    template_name = "policy/admin/checklist_dashboard_panel.html"
    order = 45

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"policies": checklists(self.request.user)}
