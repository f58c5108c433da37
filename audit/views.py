"""The admin's view of the cookie audits (Reports → Cookie audit), for editors and approvers."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

from access.admin_pages import RestrictedAdminPage
from policy.blocks.cookies import COOKIE_CATEGORIES

from .browser import PROBLEMS
from .compare import COOKIE, consent_signal, kind_of
from .declarations import live_policy
from .durations import lifetime_text
from .models import CookieAudit, CookieAuditSettings

PARTIES = {
    "first": _("first party (this website)"),
    "third": _("third party (another website)"),
}
KINDS = {
    COOKIE: _("cookie"),
    "localStorage": _("local storage"),
    "sessionStorage": _("session storage"),
}
# The consent states of a page that shows the banner (audit.states).
STATES = {
    "none": _("Before any choice"),
    "refused": _("After “Reject all”"),
    "accepted": _("After “Accept all”"),
}
CONSENT = {
    "granted": _("granted"),
    "denied": _("denied"),
    None: _("not set"),
}
EARLIER_AUDITS_SHOWN = 20


def may_see_audits(user):
    return user.has_perm("audit.view_cookieaudit")


def policy_edit_url():
    policy = live_policy()
    return policy and reverse("wagtailadmin_pages:edit", args=[policy.pk])


def _seen(item):
    """A cookie or storage key seen: where it is kept and for how long, in words."""
    kind = kind_of(item)
    return {
        **item,
        "kind": kind,
        "kind_label": KINDS[kind],
        "party_label": PARTIES[item["party"]],
        # A cookie is kept for a domain, a storage key for an origin.
        "place": item["domain"] if kind == COOKIE else item["origin"],
        "lifetime_text": lifetime_text(item["lifetime"]) if kind == COOKIE else "",
    }


def _signal(signal):
    """A Google tag's consent state in words: “analytics_storage granted, …”."""
    said = consent_signal(signal.get("gcs")) or {}
    return {
        **signal,
        "said": ", ".join(f"{name} {CONSENT[value]}" for name, value in said.items()),
    }


def _breach(breach):
    categories = dict(COOKIE_CATEGORIES)
    if breach["kind"] == "signal":
        return {**_signal(breach), "state_label": STATES[breach["state"]]}
    return {
        **_seen(breach),
        "state_label": STATES[breach["state"]],
        "category_label": breach["category"]
        and categories.get(breach["category"], breach["category"]),
    }


def _page(page):
    states = [
        {
            **state,
            "label": STATES[state["state"]],
            "problem_text": state["problem"] and PROBLEMS[state["problem"]],
            "storage": [
                {**item, "kind_label": KINDS[item["kind"]]} for item in state["storage"]
            ],
            "signals": [_signal(signal) for signal in state["signals"]],
        }
        for state in page.get("states", [])
    ]
    return {
        **page,
        "problem_text": page["problem"] and PROBLEMS[page["problem"]],
        "states": states,
    }


def readable(findings):
    """An audit's findings with the words the admin shows, in the user's language.

    Audits stored before web storage and consent states read as they were.
    """
    return {
        "breaches": [_breach(breach) for breach in findings.get("breaches", [])],
        "pages": [_page(page) for page in findings["pages"]],
        "undeclared": [_seen(item) for item in findings["undeclared"]],
        "not_seen": [
            {
                **row,
                "kind_label": KINDS[kind_of(row)],
                "party_label": PARTIES[row["party"]],
            }
            for row in findings["not_seen"]
        ],
        "differently": [
            {
                **_seen(item),
                "declared_kind_label": KINDS[item.get("declared_kind", COOKIE)],
                "declared_party_label": PARTIES[item["declared_party"]],
            }
            for item in findings["differently"]
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
