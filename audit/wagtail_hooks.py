from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from .panels import BreachesPanel, UndeclaredCookiesPanel
from .views import CookieAuditsView


@hooks.register("register_admin_urls")
def cookie_audit_urls():
    return [
        path("cookie-audit/", CookieAuditsView.as_view(), name="audit_cookie_audits")
    ]


@hooks.register("register_reports_menu_item")
def cookie_audit_menu_item():
    return CookieAuditsView.menu_item(
        _("Cookie audit"), reverse("audit_cookie_audits"), icon_name="search", order=900
    )


@hooks.register("construct_homepage_panels")
def add_undeclared_cookies_panel(request, panels):
    panels.append(BreachesPanel(request.user))
    panels.append(UndeclaredCookiesPanel(request.user))
