"""The policy in Wagtail's admin: the dashboard's panels (the policy, its transparency
checklist) and the policy's own views."""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks

from .admin_views import PolicyPageViewSet
from .dashboard import PolicyPanel, TransparencyPanel


@hooks.register("construct_homepage_panels")
def add_policy_panel(request, panels):
    panels.append(PolicyPanel(request))
    panels.append(TransparencyPanel(request))


@hooks.register("register_admin_viewset")
def policy_page_views():
    """The policy's own admin views: comparing revisions, reviewing a change."""
    return PolicyPageViewSet()


@hooks.register("insert_global_admin_css")
def transparency_checklist_css():
    """The checklist's table, in the policy's editor and on the dashboard."""
    return format_html(
        '<link rel="stylesheet" href="{}">',
        static("policy/transparency-checklist.css"),
    )
