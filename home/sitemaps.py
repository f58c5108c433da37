"""sitemap.xml: every live page in every language, each listing its translations."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    def _pages(self):
        # Each language has its own home page; Wagtail's sitemap knows only the site's root.
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_root = Q()
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        return Page.objects.live().public().filter(under_a_root).order_by("path")

    def items(self):
        return self._pages().defer_streamfields().specific()

    def get_urls(self, page=1, site=None, protocol=None):
        # What the sitemap view asks each sitemap for: the entries of one of
        # its pages, to which each page's translations are added.
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        alternates = defaultdict(list)
        translation_key_of = {}
        for translation in self._pages().select_related("locale"):
            location = translation.get_full_url(self.request)
            translation_key_of[location] = translation.translation_key
            alternates[translation.translation_key].append(
                {"lang_code": translation.locale.language_code, "location": location}
            )
        for url in urls:
            versions = alternates[translation_key_of.get(url["location"])]
            default = [a for a in versions if a["lang_code"] == settings.LANGUAGE_CODE]
            url["alternates"] = versions + [
                {"lang_code": "x-default", "location": a["location"]} for a in default
            ]
        return urls
