"""The site's language for each request."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from caching.declared import declared_once


def language_neutral_paths():
    """Addresses that belong to no language, as the apps declare them
    (`language_neutral_paths`): they speak the source language, whatever the
    browser prefers, so that every visitor gets the same response."""
    return declared_once("language_neutral_paths")


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
        if request.path_info.startswith(language_neutral_paths()):
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
        if request.path_info.startswith(language_neutral_paths()):
            # A 304 says nothing of the language: the copy it revalidates
            # keeps its own.
            if response.status_code != 304:
                response.headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
