"""Who may do what: the Editors, Approvers and Translators groups and the approval workflow.

English pages go through approval: editors write and submit, approvers review and
publish. French pages belong to translators, who publish them directly. Snippets
with workflows (the consent banner's texts) go through the same approval. Running
`ensure_roles` again puts everything back as described here and reports what it
changed.

Another app may give a role more global permissions for its own models: a
`role_permissions` attribute on its AppConfig, {group name: {"app_label.codename"}}.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowContentType,
    WorkflowMixin,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models

EDITORS, APPROVERS, TRANSLATORS = "Editors", "Approvers", "Translators"
WORKFLOW_NAME = "Policy approval"
TASK_NAME = "Approval by an approver"

# Global permissions, as "app_label.codename".
GLOBAL_PERMISSIONS = {
    EDITORS: {"wagtailadmin.access_admin"},
    # Approvers send English pages to translation and sync translated pages.
    APPROVERS: {"wagtailadmin.access_admin", "wagtail_localize.submit_translation"},
    TRANSLATORS: {"wagtailadmin.access_admin"},
}

# Page permissions, granted on the home page of the source language ("source")
# or of each translation ("translation") and so on everything below it.
PAGE_PERMISSIONS = {
    EDITORS: {"source": {"add_page", "change_page", "lock_page"}},
    APPROVERS: {
        "source": {
            "add_page",
            "change_page",
            "publish_page",
            "lock_page",
            "unlock_page",
        }
    },
    TRANSLATORS: {"translation": {"change_page", "publish_page"}},
}

# Created by Wagtail's own migrations with rights over every page; these roles replace them.
WAGTAIL_DEFAULT_GROUPS = ["Moderators"]
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def global_permissions():
    """GLOBAL_PERMISSIONS, with those installed apps add to each role."""
    wanted = {
        name: set(permissions) for name, permissions in GLOBAL_PERMISSIONS.items()
    }
    for app_config in apps.get_app_configs():
        for name, permissions in getattr(app_config, "role_permissions", {}).items():
            wanted[name] |= set(permissions)
    return wanted


def ensure_roles(source_home, translated_homes):
    """Make the groups, their permissions and the workflow match this module.

    Returns a list of sentences describing what changed (empty if nothing did).
    """
    changes = []
    groups = {}
    for name, wanted in global_permissions().items():
        group, created = Group.objects.get_or_create(name=name)
        groups[name] = group
        if created:
            changes.append(f"Created the {name} group")
        wanted_ids = {_permission(dotted).pk for dotted in wanted}
        if set(group.permissions.values_list("pk", flat=True)) != wanted_ids:
            group.permissions.set(wanted_ids)
            changes.append(f"Set the {name} group's permissions")

        wanted_pages = set()
        for scope, codenames in PAGE_PERMISSIONS[name].items():
            pages = [source_home] if scope == "source" else translated_homes
            for page in pages:
                for codename in codenames:
                    wanted_pages.add(
                        (page.pk, _permission(f"wagtailcore.{codename}").pk)
                    )
        current = set(
            GroupPagePermission.objects.filter(group=group).values_list(
                "page_id", "permission_id"
            )
        )
        if current != wanted_pages:
            GroupPagePermission.objects.filter(group=group).delete()
            GroupPagePermission.objects.bulk_create(
                GroupPagePermission(group=group, page_id=page_id, permission_id=perm_id)
                for page_id, perm_id in sorted(wanted_pages)
            )
            changes.append(f"Set the {name} group's page permissions")

        # The policy uses no images or documents: nobody manages them but admins.
        collection_permissions = GroupCollectionPermission.objects.filter(group=group)
        if collection_permissions.exists():
            collection_permissions.delete()
            changes.append(f"Removed the {name} group's image and document permissions")

    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        group.delete()
        changes.append(f"Removed Wagtail's default {group.name} group")

    default = Workflow.objects.filter(
        name=WAGTAIL_DEFAULT_WORKFLOW, active=True
    ).first()
    if default:
        WorkflowPage.objects.filter(workflow=default).delete()
        default.deactivate()
        changes.append(
            f"Retired Wagtail's default “{WAGTAIL_DEFAULT_WORKFLOW}” workflow"
        )

    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        changes.append(f"Created the “{WORKFLOW_NAME}” workflow")
    task, created = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    if created:
        changes.append(f"Created the “{TASK_NAME}” task")
    if list(task.groups.all()) != [groups[APPROVERS]]:
        task.groups.set([groups[APPROVERS]])
        changes.append(f"Gave the “{TASK_NAME}” task to the Approvers")
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # Only the source language needs approval: translators publish French directly.
    assigned = WorkflowPage.objects.filter(Q(page=source_home) | Q(workflow=workflow))
    if list(assigned.values_list("page_id", "workflow_id")) != [
        (source_home.pk, workflow.pk)
    ]:
        assigned.delete()
        WorkflowPage.objects.create(page=source_home, workflow=workflow)
        changes.append(f"Assigned the “{WORKFLOW_NAME}” workflow to the English pages")
    # Snippets take their workflow by model: their translations are published
    # by localize, as French pages are, without going through it.
    for model in get_snippet_models():
        if not issubclass(model, WorkflowMixin):
            continue
        content_type = ContentType.objects.get_for_model(model)
        assignment, created = WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
        if created or assignment.workflow_id != workflow.pk:
            assignment.workflow = workflow
            assignment.save()
            changes.append(
                f"Assigned the “{WORKFLOW_NAME}” workflow to the "
                f"{model._meta.verbose_name_plural}"
            )
    return changes
