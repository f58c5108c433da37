"""/api/v2/cookies/device-storage.json: the policy's declarations as a TCF device storage disclosure.

The IAB Europe Transparency & Consent Framework's "Vendor Device Storage &
Operational Disclosures" format, which consent platforms and vendors' tools
read: one disclosure per cookie or web storage key, with its lifetime in
seconds (`maxAgeSeconds`; 0 for a cookie deleted when the browser closes,
null for web storage, whose lifetime no one sets), whether it is refreshed
(`cookieRefresh`), its domain and the TCF purposes it serves; then the
domains. In no language: names, numbers and purpose ids only.

What the policy's categories say, in TCF purposes (only what they honestly
mean; docs/api.md explains):
- strictly necessary: none (purpose 1 is absent: storage exempt from consent);
- analytics: 1 (storage that needs consent) and 8 (measure content performance);
- functionality, marketing: 1 only: the policy does not say which of TCF's
  advertising or personalisation purposes a marketing cookie serves.

Rows a third party sets are that company's to disclose, under its own
domains, which the policy does not record: they are left out.
"""

from django.conf import settings
from django.http import Http404

from wagtail.api.v2.utils import BadRequestError

from rest_framework.response import Response
from rest_framework.views import APIView

from caching.site_tree import current_site
from policy.cookies import declared_cookies
from policy.durations import declared_lifetime
from policy.models import PolicyPage

from .shared import PublicEndpoint

TCF_PURPOSES = {
    "necessary": [],
    "analytics": [1, 8],
    "functionality": [1],
    "marketing": [1],
}
COOKIE = "cookie"


def disclosure(row, domain):
    """One declared row (policy.cookies.declared_cookies) as a TCF disclosure."""
    item = {
        "identifier": row["name"],
        "type": "cookie" if row["kind"] == COOKIE else "web",
        "maxAgeSeconds": None,
        "domains": [domain],
        "purposes": TCF_PURPOSES[row["category"]],
    }
    if row["kind"] == COOKIE:
        lifetime = declared_lifetime(row)
        # A number of seconds, or 0: until the browser closes (the Set-Cookie
        # convention the format follows), as the policy's rows say with none.
        item["maxAgeSeconds"] = lifetime if isinstance(lifetime, int) else 0
        item["cookieRefresh"] = row["refreshed"]
    return item


def device_storage_disclosure(policy, domain):
    """The whole document: the first-party rows' disclosures and the site's domain."""
    rows = [row for row in declared_cookies(policy) if row["party"] == "first"]
    disclosures = [disclosure(row, domain) for row in rows]
    purposes = sorted({p for item in disclosures for p in item["purposes"]})
    return {
        "disclosures": disclosures,
        "domains": [
            {
                "domain": domain,
                "use": f"{settings.WAGTAIL_SITE_NAME}: the website this policy covers",
                "purposes": purposes,
            }
        ],
    }


class DeviceStorageDisclosure(PublicEndpoint, APIView):
    """GET: the disclosure of the site's policy in the source language (the numbers are every language's)."""

    def get(self, request):
        if request.GET:
            names = ", ".join(sorted(request.GET))
            raise BadRequestError(f"this address takes no query parameters: {names}")
        site = current_site(request)
        policy = PolicyPage.objects.live_public(settings.LANGUAGE_CODE, site).first()
        if policy is None or site is None:
            raise Http404("no published policy")
        response = Response(device_storage_disclosure(policy, site.hostname))
        # Consent platforms read it from any site, without credentials (the format asks both).
        response["Access-Control-Allow-Origin"] = "*"
        return response
