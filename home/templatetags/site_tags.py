"""Navigation shared by every public page: the language switcher and the home link."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Page

from ..models import HomePage

register = template.Library()


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    # True when the link leads to this page's own translation, not a fallback.
    is_translation: bool
    # The source language, offered to readers of any other language (x-default).
    is_default: bool


def _home_pages(request):
    """Live home page of every locale, by language code (one query per request)."""
    if not hasattr(request, "_home_pages_by_language"):
        request._home_pages_by_language = {
            home.locale.language_code: home
            for home in HomePage.objects.live().select_related("locale")
        }
    return request._home_pages_by_language


@register.simple_tag(takes_context=True)
def language_links(context, page=None, alternate_urls=None):
    """One link per site language: to this page's translation, or to that language's home.

    A view that serves more than the page itself (a page's history, say) passes
    `alternate_urls`, the address of the same view in each language.
    """
    request = context["request"]
    current = get_language()
    urls = dict(alternate_urls or {})
    if not urls and isinstance(page, Page) and page.pk:
        urls = {
            translation.locale.language_code: translation.get_url(request)
            for translation in page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
        }
    homes = _home_pages(request)
    links = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code)
        if url is None and code in homes:
            url = homes[code].get_url(request)
        if url is None:
            continue
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=url,
                current=code == current,
                is_translation=code in urls,
                is_default=code == settings.LANGUAGE_CODE,
            )
        )
    return links


@register.simple_tag(takes_context=True)
def full_url(context, path):
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def home_url(context):
    home = _home_pages(context["request"]).get(get_language())
    return home.get_url(context["request"]) if home else "/"
