"""The admin's view of the cookie audits (Reports → Cookie audit), for editors and approvers."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

from access.admin_pages import RestrictedAdminPage

from .browser import PROBLEMS
from .declarations import live_policy
from .durations import lifetime_text
from .models import CookieAudit, CookieAuditSettings

PARTIES = {
    "first": _("first party (this website)"),
    "third": _("third party (another website)"),
}
EARLIER_AUDITS_SHOWN = 20


def may_see_audits(user):
    return user.has_perm("audit.view_cookieaudit")


def policy_edit_url():
    policy = live_policy()
    return policy and reverse("wagtailadmin_pages:edit", args=[policy.pk])


def _seen(cookie):
    return {
        **cookie,
        "party_label": PARTIES[cookie["party"]],
        "lifetime_text": lifetime_text(cookie["lifetime"]),
    }


def readable(findings):
    """An audit's findings with the words the admin shows, in the user's language."""
    return {
        "pages": [
            {**page, "problem_text": page["problem"] and PROBLEMS[page["problem"]]}
            for page in findings["pages"]
        ],
        "undeclared": [_seen(cookie) for cookie in findings["undeclared"]],
        "not_seen": [
            {**row, "party_label": PARTIES[row["party"]]}
            for row in findings["not_seen"]
        ],
        "differently": [
            {
                **_seen(cookie),
                "declared_party_label": PARTIES[cookie["declared_party"]],
            }
            for cookie in findings["differently"]
        ],
    }


class CookieAuditsView(RestrictedAdminPage):
    """The latest audit in full, and the counts of the ones before."""

    template_name = "audit/admin/cookie_audits.html"
    page_title = _("Cookie audit")
    header_icon = "search"

    allowed = staticmethod(may_see_audits)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        audits = list(CookieAudit.objects.all()[: EARLIER_AUDITS_SHOWN + 1])
        latest = audits[0] if audits else None
        site = Site.objects.filter(is_default_site=True).first()
        context.update(
            latest=latest,
            findings=latest and readable(latest.findings),
            earlier=audits[1:],
            policy_edit_url=policy_edit_url(),
            configured_urls=site and CookieAuditSettings.for_site(site).url_list(),
            may_change_urls=self.request.user.has_perm(
                "audit.change_cookieauditsettings"
            ),
        )
        return context
