"""The policy's own views in Wagtail's admin, for those who review a change.

Wagtail lets a page type bring its own admin views (a PageViewSet, registered
in wagtail_hooks.py); the policy's differ from Wagtail's in three places:

- Comparing two revisions shows first what readers will see change, as the
  public comparison between versions says it (words and cookies), then
  Wagtail's comparison of every field.
- Approving or requesting changes, from the dashboard's “Awaiting your review”
  or from the editor, ends with a message saying what happened.
- Opening the editor of a change awaiting your review says so, with a link to
  what it changes.
"""

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail.admin import messages as admin_messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.revisions import RevisionsCompareView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from languages.dates import long_date

from .models import PolicyPage
from .public_comparison import compare_bodies

# The workflow actions of Wagtail's approval task that end the review.
APPROVE, REJECT = "approve", "reject"


def review_outcome(page, task_state):
    """What the reviewer's action did, as a sentence; None for another action."""
    task_state.refresh_from_db()
    page = PolicyPage.objects.get(pk=page.pk)
    title = page.get_admin_display_title()
    if task_state.status == task_state.STATUS_REJECTED:
        return _(
            "Changes requested: “%(title)s” goes back to its editor, and nothing "
            "was published."
        ) % {"title": title}
    if task_state.status != task_state.STATUS_APPROVED:
        return None
    if page.workflow_in_progress:
        return _("Approved: “%(title)s” goes on to the next step of its review.") % {
            "title": title
        }
    scheduled = page.scheduled_revision
    if scheduled is not None and scheduled.approved_go_live_at:
        return _("Approved: “%(title)s” goes live on %(date)s.") % {
            "title": title,
            "date": long_date(scheduled.approved_go_live_at),
        }
    return _("Approved: “%(title)s” is published.") % {"title": title}


def compare_with_live_url(page, revision_id):
    return reverse(
        "wagtailadmin_pages:revisions_compare", args=[page.pk, "live", revision_id]
    )


class PolicyWorkflowActionView(WorkflowActionView):
    """An action from the dashboard's “Awaiting your review”, confirmed by a message."""

    def post(self, request, *args, **kwargs):
        task_state = self.task_state
        response = super().post(request, *args, **kwargs)
        if self.action_name in (APPROVE, REJECT):
            outcome = review_outcome(self.object, task_state)
            if outcome:
                messages.success(request, outcome)
        return response


class PolicyEditView(EditView):
    """The policy's editor: says when a change awaits your review, and confirms it."""

    def get(self, request, *args, **kwargs):
        task_state = self.page.current_workflow_task_state
        if (
            task_state is not None
            and task_state.task.specific.get_actions(self.page, request.user)
            and self.real_page_record.live
        ):
            admin_messages.info(
                request,
                _(
                    "This change awaits your review: see first what it changes for "
                    "readers."
                ),
                buttons=[
                    admin_messages.button(
                        compare_with_live_url(self.page, task_state.revision_id),
                        _("What changes"),
                        new_window=False,
                    )
                ],
            )
        return super().get(request, *args, **kwargs)

    def perform_workflow_action(self):
        self.reviewed_task_state = self.page.current_workflow_task_state
        return super().perform_workflow_action()

    def add_save_confirmation_message(self):
        task_state = getattr(self, "reviewed_task_state", None)
        outcome = task_state and review_outcome(self.page, task_state)
        if outcome:
            messages.success(self.request, outcome)
        else:
            super().add_save_confirmation_message()


class PolicyRevisionsCompareView(RevisionsCompareView):
    """Two revisions of the policy: what readers will see change, then every field."""

    template_name = "policy/admin/revisions_compare.html"

    def revision_label(self, revision_id):
        """“the live version”, or “the revision of 7 December 2026, 14:05”."""
        if revision_id == "live":
            return _("the live version")
        revisions = self.object.revisions.order_by("created_at", "id")
        if revision_id == "earliest":
            revision = revisions.first()
        elif revision_id == "latest":
            revision = revisions.last()
        else:
            revision = revisions.get(pk=revision_id)
        created_at = timezone.localtime(revision.created_at)
        return _("the revision of %(date)s, %(time)s") % {
            "date": long_date(created_at),
            "time": date_format(created_at, "H:i"),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section_changes"] = compare_bodies(
            context["revision_a"].body, context["revision_b"].body
        )
        context["revision_a_label"] = self.revision_label(self.revision_id_a)
        context["revision_b_label"] = self.revision_label(self.revision_id_b)
        return context


class PolicyPageViewSet(PageViewSet):
    model = PolicyPage
    edit_view_class = PolicyEditView
    revisions_compare_view_class = PolicyRevisionsCompareView
    workflow_action_view_class = PolicyWorkflowActionView
