"""The approval workflow as editors and approvers use it, through the page editor."""

from wagtail.models import WorkflowState

from policy.models import PolicyPage
from tests.admin_forms import policy_form_data, set_cookie_duration


def submit(editor, page, duration, **fields):
    """`editor` submits a change of `_ga`'s duration for approval; the workflow's state."""
    page = PolicyPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    response = editor.post(
        f"/admin/pages/{page.pk}/edit/",
        policy_form_data(
            page,
            action="action-submit",
            body=set_cookie_duration(page, "_ga", duration),
            **fields,
        ),
    )
    assert response.status_code == 302
    return WorkflowState.objects.get(
        base_content_type__model="page",
        object_id=str(page.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )


def approve(approver, page, state):
    """`approver` approves the change the workflow `state` holds."""
    return approver.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/"
    )
