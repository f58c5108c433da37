"""The policy on the editors' and approvers' dashboard."""

from wagtail import hooks

from .dashboard import PolicyPanel


@hooks.register("construct_homepage_panels")
def add_policy_panel(request, panels):
    panels.append(PolicyPanel(request))
