"""A page of "another company site" that embeds the banner, to try it with `make run`.

Served only with DEBUG on (a 404 otherwise), at one of make run's two origins
(http://localhost:8000 and http://127.0.0.1:8000): it embeds the banner from
the other one, so that the browser treats the policy site as another site, as
it will on the company's real sites. Its records are accepted there
(CONSENT_ALLOWED_ORIGINS in config.settings.dev). It carries a stand-in
Google tag (a local script: nothing leaves this machine) that shows the
consent commands it receives, in Google's basic or advanced mode, under a
strict Content-Security-Policy with a nonce, as the company's sites should.
"""

import secrets

from django.conf import settings
from django.http import Http404
from django.http.request import split_domain_port
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

# The address after /demo/company-site/: Google's mode and the page's language.
PAGES = {
    "": ("basic", "en"),
    "fr": ("basic", "fr"),
    "advanced": ("advanced", "en"),
    "advanced-fr": ("advanced", "fr"),
}


def policy_origin(request):
    """make run's other origin: localhost's is 127.0.0.1, and the other way round."""
    domain, port = split_domain_port(request.get_host())
    other = "127.0.0.1" if domain == "localhost" else "localhost"
    return f"{request.scheme}://{other}{':' + port if port else ''}"


def page_address(mode, language):
    (page,) = [key for key, value in PAGES.items() if value == (mode, language)]
    return f"/demo/company-site/{page}/" if page else "/demo/company-site/"


@require_safe
def company_site(request, page=""):
    if not settings.DEBUG or page not in PAGES:
        raise Http404("The demo company site is served only with DEBUG on.")
    mode, language = PAGES[page]
    policy = policy_origin(request)
    nonce = secrets.token_urlsafe(16)
    other_language = "fr" if language == "en" else "en"
    other_mode = "advanced" if mode == "basic" else "basic"
    with translation.override(language):
        response = render(
            request,
            "consent/demo_company_site.html",
            {
                "mode": mode,
                "language": language,
                "policy": policy,
                "nonce": nonce,
                "other_language": page_address(mode, other_language),
                "other_mode": page_address(other_mode, language),
                "records": f"{policy}/admin/consent-records/",
                "settings": f"{policy}/admin/settings/consent/consentbannersettings/",
            },
        )
    # The company site's own policy: its files, the policy site's scripts,
    # stylesheet and records, and inline scripts with this response's nonce.
    response["Content-Security-Policy"] = (
        f"default-src 'none'; script-src 'self' 'nonce-{nonce}' {policy}; "
        f"style-src 'self' {policy}; connect-src {policy}; img-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    response["Content-Language"] = language
    return response
