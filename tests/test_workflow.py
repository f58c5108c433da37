"""English changes go live only once an approver approves them."""

from django.test import Client

from wagtail.models import WorkflowState

from policy.models import PolicyPage, PolicyVersion
from tests.admin_forms import policy_form_data, set_cookie_duration
from tests.pages import cookie_duration, soup
from tests.workflow import approve, submit


def ga_duration_on_site(client):
    return cookie_duration(soup(client.get("/en/privacy-and-cookies/")), "_ga")


def test_editor_submits_and_approver_approves_a_major_change(
    editor, approver, en_policy
):
    state = submit(
        editor,
        en_policy,
        "13 months",
        update_type="major",
        change_note="Google Analytics cookies now last 13 months.",
    )
    assert state.workflow.name == "Policy approval"
    assert ga_duration_on_site(Client()) == "2 years"

    response = approve(approver, en_policy, state)

    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert ga_duration_on_site(Client()) == "13 months"
    latest = PolicyVersion.objects.filter(page=en_policy).order_by("-number").first()
    assert (latest.number, latest.change_note) == (
        2,
        "Google Analytics cookies now last 13 months.",
    )


def test_submitting_needs_the_kind_of_change(editor, en_policy):
    page = PolicyPage.objects.get(pk=en_policy.pk)
    response = editor.post(
        f"/admin/pages/{page.pk}/edit/",
        policy_form_data(
            page,
            action="action-submit",
            body=set_cookie_duration(page, "_ga", "1 year"),
        ),
    )

    assert response.status_code == 200
    assert not WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)


def test_an_edit_after_approval_needs_approval_again(editor, approver, en_policy):
    state = submit(editor, en_policy, "13 months", update_type="minor")
    approve(approver, en_policy, state)
    assert ga_duration_on_site(Client()) == "13 months"

    page = PolicyPage.objects.get(pk=en_policy.pk)
    response = editor.post(
        f"/admin/pages/{page.pk}/edit/",
        policy_form_data(
            page, action=None, body=set_cookie_duration(page, "_ga", "1 year")
        ),
    )

    assert response.status_code == 302
    assert ga_duration_on_site(Client()) == "13 months"
    second = submit(editor, en_policy, "1 year", update_type="minor")
    assert second.pk != state.pk
    assert ga_duration_on_site(Client()) == "13 months"


def test_approver_can_send_a_change_back(editor, approver, en_policy):
    state = submit(editor, en_policy, "13 months", update_type="minor")

    approver.post(
        f"/admin/pages/workflow/action/{en_policy.pk}/reject/{state.current_task_state.pk}/",
        {"comment": "Check the duration with Google's documentation."},
    )

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert ga_duration_on_site(Client()) == "2 years"
