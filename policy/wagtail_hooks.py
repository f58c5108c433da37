"""The policy in Wagtail's admin: the dashboard panel and the policy's own views."""

from wagtail import hooks

from .admin_views import PolicyPageViewSet
from .dashboard import PolicyPanel


@hooks.register("construct_homepage_panels")
def add_policy_panel(request, panels):
    panels.append(PolicyPanel(request))


@hooks.register("register_admin_viewset")
def policy_page_views():
    """The policy's own admin views: comparing revisions, reviewing a change."""
    return PolicyPageViewSet()
