"""The banner's English texts go live as the policy does: submitted, approved, published.

An editor's change waits for an approver; until then every site that embeds
/consent.js keeps showing the published texts. The history records each step.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wagtail.models import ModelLogEntry, WorkflowContentType, WorkflowState

import pytest

from consent.models import ConsentTexts
from tests.responses import config_of
from tests.roles import refused

pytestmark = pytest.mark.django_db

NEW_INTRO = "We use cookies: some to make the site work, others only if you agree."
FIELDS = ("intro", "necessary", "analytics", "functionality", "marketing")


def english():
    return ConsentTexts.objects.get(locale__language_code="en")


def snippet_url(name, *args):
    return reverse(f"wagtailsnippets_consent_consenttexts:{name}", args=args)


def english_on_the_banner(client):
    return config_of(client.get("/consent.js"))["languages"]["en"]["intro"]


def form(action=None, **changes):
    texts = english()
    data = {field: getattr(texts, field) for field in FIELDS}
    data.update(changes)
    if action:
        data[action] = "1"
    return data


def submit(editor):
    response = editor.post(
        snippet_url("edit", english().pk), form("action-submit", intro=NEW_INTRO)
    )
    assert response.status_code == 302 and not refused(response)
    return WorkflowState.objects.get(
        base_content_type=ContentType.objects.get_for_model(ConsentTexts),
        object_id=str(english().pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )


def approve(approver, state, capture):
    with capture(execute=True):
        return approver.post(
            snippet_url(
                "workflow_action",
                english().pk,
                "approve",
                state.current_task_state.pk,
            )
        )


def test_the_texts_take_the_policys_approval_workflow(db):
    assignment = WorkflowContentType.objects.get(
        content_type=ContentType.objects.get_for_model(ConsentTexts)
    )

    assert assignment.workflow.name == "Policy approval"
    assert english().get_workflow() == assignment.workflow


def test_an_editors_change_waits_for_an_approver(
    editor, approver, client, django_capture_on_commit_callbacks
):
    published = english().intro
    assert english_on_the_banner(client) == published

    state = submit(editor)

    assert state.workflow.name == "Policy approval"
    assert english().intro == published
    assert english_on_the_banner(client) == published

    response = approve(approver, state, django_capture_on_commit_callbacks)

    assert response.status_code in (200, 302) and not refused(response)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert english().intro == NEW_INTRO
    # The banner read before is purged: every site gets the approved text.
    assert english_on_the_banner(client) == NEW_INTRO


def test_the_history_records_submission_approval_and_publication(
    editor, approver, django_capture_on_commit_callbacks
):
    state = submit(editor)
    approve(approver, state, django_capture_on_commit_callbacks)

    # The seed's own publication has no user.
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ConsentTexts),
        object_id=str(english().pk),
        user__isnull=False,
    ).order_by("timestamp", "pk")
    actions = [(entry.action, entry.user.username) for entry in entries]
    assert actions.index(("wagtail.workflow.start", "editors")) < actions.index(
        ("wagtail.workflow.approve", "approvers")
    )
    assert ("wagtail.publish", "approvers") in actions
    # As an approver reads it in the texts' history.
    history = approver.get(snippet_url("history", english().pk)).content.decode()
    for words in ("Workflow: start", "Workflow: approve", "Publish"):
        assert words in history


def test_an_editor_cannot_publish_the_english(editor, client):
    published = english().intro

    response = editor.post(
        snippet_url("edit", english().pk), form("action-publish", intro=NEW_INTRO)
    )

    # Kept as a draft, never live.
    assert response.status_code in (200, 302)
    assert english().intro == published
    assert english().has_unpublished_changes
    assert english().get_latest_revision_as_object().intro == NEW_INTRO
    assert english_on_the_banner(client) == published
    assert is_refused_unpublish(editor)


def is_refused_unpublish(editor):
    response = editor.post(snippet_url("unpublish", english().pk))
    return refused(response) and english().live


def test_a_draft_never_reaches_the_banner(editor, client):
    published = english().intro

    editor.post(snippet_url("edit", english().pk), form(intro=NEW_INTRO))

    assert english().get_latest_revision_as_object().intro == NEW_INTRO
    assert english_on_the_banner(client) == published


def test_an_approver_publishes_directly(
    approver, client, django_capture_on_commit_callbacks
):
    english_on_the_banner(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = approver.post(
            snippet_url("edit", english().pk), form("action-publish", intro=NEW_INTRO)
        )

    assert response.status_code == 302 and not refused(response)
    assert english().intro == NEW_INTRO
    assert english_on_the_banner(client) == NEW_INTRO
    assert ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ConsentTexts),
        object_id=str(english().pk),
        action="wagtail.publish",
        user__username="approvers",
    ).exists()


def test_an_unpublished_text_falls_back_to_the_published_english(client, db):
    french = ConsentTexts.objects.get(locale__language_code="fr")
    french.unpublish()

    assert (
        config_of(client.get("/consent.js"))["languages"]["fr"]["intro"]
        == english().intro
    )


def test_the_migration_assigns_the_workflow_where_it_exists(db):
    """A site installed before the texts had a workflow gets it when it migrates."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("consent.migrations.0003_workflow")
    content_type = ContentType.objects.get_for_model(ConsentTexts)
    WorkflowContentType.objects.filter(content_type=content_type).delete()

    migration.assign_the_approval_workflow(apps, None)

    assert english().get_workflow().name == "Policy approval"
