"""Admin pages of our own, each shown (in the menu and at its address) only to those allowed.

A view names who may see it with `allowed(user)`; its menu item asks the same
question, so the link and the page never disagree.
"""

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class RestrictedAdminPage(WagtailAdminTemplateMixin, TemplateView):
    """A page of the admin, with its title in the breadcrumbs, refused to others."""

    @staticmethod
    def allowed(user):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        # Wagtail's admin answers PermissionDenied with its usual refusal.
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    @classmethod
    def menu_item(cls, label, url, **kwargs):
        """A menu item to this page, shown to the same people."""
        return RestrictedMenuItem(cls.allowed, label, url, **kwargs)


class RestrictedMenuItem(MenuItem):
    def __init__(self, allowed, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = allowed

    def is_shown(self, request):
        return self.allowed(request.user)
