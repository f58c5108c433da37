"""Who gets the transparency checklist on the dashboard, and what it costs: editors
and approvers see the live policy in each language, translators do not."""

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

import pytest

from policy.dashboard import TransparencyPanel
from tests.pages import enlarge, soup, visible_text
from tests.roles import user_in

pytestmark = pytest.mark.django_db


def checklist_panel(client, en_policy):
    return soup(client.get("/admin/")).select_one(
        f"#transparency-{en_policy.pk}-section"
    )


@pytest.mark.parametrize("role", ["editor", "approver"])
def test_editors_and_approvers_get_the_checklist_of_each_language(
    request, role, en_policy
):
    panel = checklist_panel(request.getfixturevalue(role), en_policy)

    assert [visible_text(th) for th in panel.select("thead th")] == [
        "What a privacy notice must say",
        "English, live",
        "French, live",
    ]
    assert len(panel.select("tbody tr")) == 20
    assert [visible_text(li) for li in panel.select("li")] == [
        "English, live: 9 of 20 items covered",
        "French, live: 9 of 20 items covered",
    ]


def test_translators_do_not_get_it(translator, en_policy):
    assert checklist_panel(translator, en_policy) is None


def panel_queries(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        TransparencyPanel(request).get_context_data()
    return len(queries)


def test_its_queries_do_not_grow_with_the_policy(en_policy):
    editor = user_in("Editors")
    panel_queries(editor)  # the editor's permissions, read once per request
    small = panel_queries(editor)

    en_policy.body = enlarge(list(en_policy.body.raw_data), 4)
    en_policy.save_revision().publish()

    assert panel_queries(editor) == small
