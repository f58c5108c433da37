"""Major changes approved and scheduled to take effect later, as readers are told of them.

Wagtail schedules a revision by setting its `approved_go_live_at` when it is
published (or approved) with a go-live date in the future; `publish_scheduled`
makes it live once that date has passed, and the version is recorded then
(policy/signals.py). Until then readers are told of it in advance, but only of
a *major* change: one whose change key no version of the page has yet. Drafts,
revisions awaiting approval and minor changes are never announced.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from wagtail.models import Page, Revision


@dataclass(frozen=True)
class UpcomingChange:
    """A scheduled major change of a policy, in the language readers get it in.

    `translated` says whether it is in the page's own language; otherwise it
    is the source language's change, scheduled before its translation was.
    """

    page_id: int
    revision_id: int
    number: int
    change_key: uuid.UUID
    change_note: str
    # When it takes effect: named as a version's date, so that the templates
    # showing a version can show it too.
    published_at: datetime
    scheduled_revision_created_at: datetime
    translated: bool

    def revision(self):
        return Revision.objects.filter(pk=self.revision_id).first()


def find_upcoming_change(page, versions):
    """The scheduled major change readers of `page` are to be told of, or None.

    `versions` are the recorded versions of the page and its live
    translations. A translation announces the source language's change: in
    its own language when its own scheduled revision is the same change,
    otherwise as the source language has it.
    """
    family = dict(
        Page.objects.filter(
            translation_key=page.translation_key, live=True
        ).values_list("pk", "locale__language_code")
    )
    if page.pk not in family:
        return None
    scheduled = {
        int(row["object_id"]): row
        for row in Revision.page_revisions.filter(
            object_id__in=[str(pk) for pk in family], approved_go_live_at__isnull=False
        ).values(
            "id",
            "object_id",
            "created_at",
            "approved_go_live_at",
            "content__change_key",
            "content__change_note",
        )
    }

    def major_change(pk):
        row = scheduled.get(pk)
        recorded = {str(v.change_key) for v in versions if v.page_id == pk}
        # The first publication is no change; a minor one keeps its key.
        if row is None or not recorded or row["content__change_key"] in recorded:
            return None
        return row

    source_pk = next(
        (pk for pk, code in family.items() if code == settings.LANGUAGE_CODE), page.pk
    )
    source_change = major_change(source_pk)
    if source_change is None:
        return None
    own_change = major_change(page.pk)
    translated = (
        own_change is not None
        and own_change["content__change_key"] == source_change["content__change_key"]
    )
    change = own_change if translated else source_change
    latest = max((v.number for v in versions if v.page_id == source_pk), default=0)
    return UpcomingChange(
        page_id=int(change["object_id"]),
        revision_id=change["id"],
        number=latest + 1,
        change_key=uuid.UUID(change["content__change_key"]),
        change_note=change["content__change_note"] or "",
        published_at=change["approved_go_live_at"],
        scheduled_revision_created_at=change["created_at"],
        translated=translated,
    )
