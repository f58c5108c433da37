"""The dashboard's warnings when the latest cookie audit found a page setting cookies or
storage without consent, or a cookie the policy does not declare."""

from django.urls import reverse

from wagtail.admin.ui.components import Component

from .models import CookieAudit
from .views import may_see_audits, policy_edit_url


class UndeclaredCookiesPanel(Component):
    name = "undeclared_cookies"
    template_name = "audit/admin/undeclared_cookies_panel.html"
    order = 40

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        latest = CookieAudit.objects.first() if may_see_audits(self.user) else None
        if latest is None or not latest.undeclared_count:
            return {"audit": None}
        return {
            "audit": latest,
            "names": sorted({c["name"] for c in latest.findings["undeclared"]}),
            "policy_edit_url": policy_edit_url(),
            "audit_url": reverse("audit_cookie_audits"),
        }


class BreachesPanel(Component):
    """Shown first: a page set more than the strictly necessary without consent."""

    name = "cookie_breaches"
    template_name = "audit/admin/breaches_panel.html"
    order = 30

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        latest = CookieAudit.objects.first() if may_see_audits(self.user) else None
        if latest is None or not latest.breach_count:
            return {"audit": None}
        return {
            "audit": latest,
            "pages": sorted({breach["url"] for breach in latest.findings["breaches"]}),
            "audit_url": reverse("audit_cookie_audits"),
        }
