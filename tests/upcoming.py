"""A major change scheduled to take effect later, for the tests of what readers are told before.

Today, for these tests, is 12 January 2027 (the `in_january_2027` fixture in
tests/conftest.py travels there); the change goes live on 1 March 2027: 48
days' notice, more than the 30 readers are promised.
"""

import datetime
from zoneinfo import ZoneInfo

from tests.admin_forms import (
    MAJOR_CHANGE_NOTE,
    publish_through_editor,
    set_cookie_duration,
)

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.datetime(2027, 1, 12, 9, 0, tzinfo=LONDON)
GO_LIVE = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=LONDON)


def schedule(client, page, go_live=GO_LIVE, duration="13 months", **fields):
    """Publish a change of `_ga`'s duration through the editor, to go live at `go_live`."""
    page = type(page).objects.get(pk=page.pk)
    fields.setdefault("update_type", "major")
    if fields["update_type"] == "major":
        fields.setdefault("change_note", MAJOR_CHANGE_NOTE)
    page = publish_through_editor(
        client,
        page,
        body=set_cookie_duration(page, "_ga", duration),
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        **fields,
    )
    assert page.scheduled_revision.approved_go_live_at == go_live
    return page
