"""Purging the edge caches when public content changes, through wagtail.contrib.frontend_cache.

After every change that reaches the public (caching/changes.py lists them)
is committed, every public address of the site is purged from the configured
backends (settings.WAGTAILFRONTENDCACHE): the edge in front of the app
(deploy/varnish, `EdgeBackend`) and Cloudflare when it is configured. The site
is small, and a change to one page shows on others (language switchers,
staleness notices, navigation, the sitemap, the API), so every page is purged,
with the addresses a removed or moved page used to have.

Wagtail's own purge-on-publish signal handlers are not used (the app is not
in INSTALLED_APPS): they purge before the transaction commits, and a request
arriving in between would put the old page back into the edge.
"""

import copy
import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Page, Site

from .declared import declared
from .generation import GENERATION_HEADER, content_generation, unknown_generation

logger = logging.getLogger(__name__)


class EdgeBackend(HTTPBackend):
    """Wagtail's HTTP purge backend, also telling the edge the new content generation.

    The edge (deploy/varnish/policy.vcl) treats a purged path as a prefix, so
    query strings and sub-routes go with it, and from then on refuses to keep
    a response made in an older generation: one rendered from the content as
    it was before the commit, which arrives after the purge.
    """

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        # One edge, on this machine: if it does not answer one purge it will
        # not answer the next ones, and the editor who published waits for
        # them. The edge's copies of public pages then last their s-maxage.
        urls = list(urls)
        # Without the shared cache the purge goes out all the same: the app
        # marks nothing public meanwhile (PublicCacheMiddleware), and the
        # edge is told a generation above any the cache held before it went
        # away, so that it keeps no response from before this change once
        # the cache is back.
        generation = content_generation() or unknown_generation()
        for position, url in enumerate(urls):
            parts = urlsplit(url)
            host = parts.hostname + (f":{parts.port}" if parts.port else "")
            # The scheme and address come from settings (LOCATION), not from requests.
            request = Request(  # noqa: S310
                urlunsplit(
                    (self.cache_scheme, self.cache_netloc, parts.path, parts.query, "")
                ),
                method="PURGE",
                headers={"Host": host, GENERATION_HEADER: generation},
            )
            try:
                urlopen(request, timeout=2).close()  # noqa: S310
            except HTTPError as error:
                logger.error("The edge refused to purge %s: %s", url, error)
            except (URLError, OSError) as error:
                logger.error(
                    "Could not reach the edge to purge %s and %d more: %s",
                    url,
                    len(urls) - position - 1,
                    error,
                )
                return


def public_urls():
    """Every address of every site whose response an edge cache may hold."""
    batch = PurgeBatch()
    for site in Site.objects.select_related("root_page"):
        roots = site.root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.live().descendant_of(root, inclusive=True)
        batch.add_pages(pages.specific())
        # Addresses that are not pages, whose content comes from pages.
        batch.add_urls(site.root_url + path for path in declared("purged_paths"))
    return batch.urls


def former_urls(instance=None, url_path_before=None, **kwargs):
    """The addresses a page had before it was unpublished, deleted or moved."""
    if not isinstance(instance, Page):
        return set()
    page = copy.copy(instance)
    if url_path_before is not None:
        page.url_path = url_path_before
    url = page.get_full_url()
    return {url} if url else set()


def purge_public_urls(extra=()):
    """Purge every public address, and `extra` ones, from the configured edge caches."""
    if not get_backends():
        return
    batch = PurgeBatch(public_urls())
    batch.add_urls(extra)
    batch.purge()
