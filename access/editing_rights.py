"""Who may change a page or a snippet, in its own language.

Pages: Wagtail's page permissions, which access.roles grants on the English
tree (editors, approvers) or on the translated trees (translators).

Translatable snippets have no tree, and Wagtail's snippet permissions are per
model: "change" lets one change every language. A translatable snippet model
asks for more by declaring, in its Meta.permissions,
"change_source_<model>" (needed on top of "change" for the source language)
and "translate_<model>" (for every other language); access.roles gives each
role the ones it needs through its app's `role_permissions`. The snippet
views (TranslatedSnippetViewSet, the hooks in translating/wagtail_hooks.py) and
wagtail-localize's views (translating/guards.py) all ask `may_edit`.
"""

from django.conf import settings

from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail.snippets.permissions import get_permission_name

from compat.localize import user_can_edit_instance


def locale_permission(model, locale):
    """The permission that `model` asks for changing its instances in `locale`, or None."""
    if not issubclass(model, TranslatableMixin):
        return None
    action = (
        "change_source"
        if locale.language_code == settings.LANGUAGE_CODE
        else "translate"
    )
    codename = f"{action}_{model._meta.model_name}"
    if codename not in {name for name, _label in model._meta.permissions}:
        return None
    return f"{model._meta.app_label}.{codename}"


def may_edit_in(user, model, locale):
    """Whether `user` may write `model`'s instances in `locale` (not Wagtail's "change" itself)."""
    permission = locale_permission(model, locale)
    return permission is None or user.has_perm(permission)


def may_edit(user, instance):
    """Whether `user` may change `instance`, a page or a snippet, in its language."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    # What localize itself asks of a snippet: "change" on its model.
    if not user_can_edit_instance(user, instance):
        return False
    if isinstance(instance, TranslatableMixin):
        return may_edit_in(user, type(instance), instance.locale)
    return True


def may_publish(user, instance):
    """Whether `user` may publish `instance`, a page or a snippet, in its language."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if not may_edit(user, instance):
        return False
    if isinstance(instance, DraftStateMixin):
        return user.has_perm(get_permission_name("publish", type(instance)))
    return True
