from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import pgettext_lazy

from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from access.lockout import authenticate_with_password
from caching.session_check import session_check
from consent.demo import company_site as demo_company_site
from consent.receipts import receipt as consent_receipt
from consent.views import consent_js, consent_mode_js
from consent.views import records as consent_records
from home.sitemaps import TranslatedSitemap
from home.views import favicon, health, robots_txt
from search import views as search_views

handler400 = "home.views.bad_request"
handler403 = "home.views.permission_denied"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"

urlpatterns = [
    # Passkeys' ceremonies (django-otp-webauthn), for the admin's second factor.
    path(
        "admin/two-factor/webauthn/",
        include("django_otp_webauthn.urls", namespace="otp_webauthn"),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("api/", include("api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}),
    path("robots.txt", robots_txt),
    path("favicon.ico", favicon),
    path("healthz/", health),
    # Asked by the edge only (deploy/varnish/policy.vcl refuses it to clients).
    path("_edge/session/", session_check),
    # The consent banner other sites embed, and where it sends their visitors' choices.
    path("consent.js", consent_js, name="consent_js"),
    path("consent-mode.js", consent_mode_js, name="consent_mode_js"),
    path("consent/records/", consent_records, name="consent_records"),
    # A visitor's receipt: the random id their browser made is the only key.
    path("consent/receipts/<uuid:receipt>/", consent_receipt, name="consent_receipt"),
    # Another company's site embedding the banner, to try it: DEBUG only (a 404 otherwise).
    path("demo/company-site/", demo_company_site, name="demo_company_site"),
    path("demo/company-site/<str:page>/", demo_company_site, name="demo_company_site"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Every public page lives under its language: /en/... and /fr/...
# LocaleMiddleware sends a visitor who asks for "/" to the language their
# browser prefers, English otherwise.
urlpatterns += i18n_patterns(
    path(
        pgettext_lazy("URL path of the search page", "search/"),
        search_views.search,
        name="search",
    ),
    # Wagtail's page-password form, with the sign-in limit: before Wagtail's
    # own address, which is the same.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        authenticate_with_password,
        name="limited_authenticate_with_password",
    ),
    path("", include("home.urls")),
    prefix_default_language=True,
)
