"""Shared by every public page: the language switcher, the home link, typography.

Only pages every visitor may open appear: the site's root page in each
language, and translations no view restriction covers. What they are is
remembered until something public changes (caching/site_tree.py).
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Page

from caching.generation import remember
from caching.site_tree import current_site, site_roots, visible_to_everyone
from languages.typography import typography as set_in

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


def _home_urls(request):
    """Address of the site's root page in each language it is open to everyone in.

    Kept on the request too: the language switcher and the home link both ask.
    """
    if not hasattr(request, "_home_urls"):
        site = current_site(request)
        request._home_urls = site and remember(
            f"home-urls:{site.pk}:{get_language()}",
            lambda: {
                root.locale.language_code: root.get_url(request)
                for root in site_roots(site)
                if visible_to_everyone(root)
            },
        )
    return request._home_urls or {}


def _translation_urls(request, page):
    """Address of `page` in each language it is open to everyone in."""
    site = current_site(request)
    return remember(
        f"translation-urls:{site and site.pk}:{page.translation_key}:{get_language()}",
        lambda: {
            translation.locale.language_code: translation.get_url(request)
            for translation in page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
            if visible_to_everyone(translation)
        },
    )


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
        urls = _translation_urls(request, page)
    homes = _home_urls(request)
    links = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code)
        if url is None:
            url = homes.get(code)
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
    """The site's root page in the current language, as the Wagtail Site for the request has it."""
    return _home_urls(context["request"]).get(get_language()) or "/"


@register.filter(is_safe=True)
def typography(html, language_code):
    """`{% filter typography:LANGUAGE_CODE %}`: the spaces the language's typography wants."""
    return set_in(html, language_code)
