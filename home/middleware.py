"""The site's language for each request, and the admin's own Content-Security-Policy."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

# Addresses that belong to no language: they speak the source language,
# whatever the browser prefers, so that every visitor gets the same response.
LANGUAGE_NEUTRAL_PATHS = (
    "/api/",
    "/sitemap.xml",
    "/robots.txt",
    "/favicon.ico",
    "/healthz/",
    "/_edge/",
    "/consent.js",
    "/consent/",
)
# Addresses outside the page tree: a 404 there is not a page missing its
# language prefix, so it is never redirected to /en/<address>.
OUTSIDE_THE_PAGE_TREE = ("/admin/", "/static/", "/media/")


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except at the language-neutral addresses.

    There no language is negotiated, responses do not vary on
    Accept-Language, and a 404 stays a 404 instead of being sent to
    /en/<address>, where the page tree would answer with an HTML page.
    """

    def process_request(self, request):
        if request.path_info.startswith(LANGUAGE_NEUTRAL_PATHS):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return
        super().process_request(request)

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(
            OUTSIDE_THE_PAGE_TREE
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        if request.path_info.startswith(LANGUAGE_NEUTRAL_PATHS):
            # A 304 says nothing of the language: the copy it revalidates
            # keeps its own.
            if response.status_code != 304:
                response.headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)


class AdminContentSecurityPolicyMiddleware:
    """The Wagtail admin's Content-Security-Policy (settings.ADMIN_CONTENT_SECURITY_POLICY).

    django-csp gives every response the public pages' strict policy; the
    admin still needs inline styles and one inline script of wagtail-localize,
    and frames its own previews.
    Place it below django-csp's middleware, which reads what this one sets.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Wagtail renders a preview by sending a request of its own for the
        # page's public address through the middleware (is_dummy): that page
        # is shown inside the admin, in a frame, and takes the admin's policy;
        # the public one (frame-ancestors 'none') would have it refused.
        if request.path_info.startswith("/admin/") or getattr(
            request, "is_dummy", False
        ):
            response._csp_config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return response
