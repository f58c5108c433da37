"""Publishing drives the search index: what is live is searchable, nothing else.

wagtail-localize publishes French pages through Wagtail's own publish action,
so `page_published` covers the English editor, the approval workflow,
scheduled publishing, localize's editor and PO imports, and seed_site alike.
The entries are written in the publication's own transaction
(caching/changes.py: page_publication, page_unpublication): the new
generation and the purge that follow it cover them, and remembered search
results are forgotten with the page's.
"""

from caching.changes import page_publication, page_unpublication

from .indexing import index_page, remove_page


def page_went_live(sender, instance, **kwargs):
    index_page(instance)


def page_went_offline(sender, instance, **kwargs):
    remove_page(instance)


def connect():
    # No sender: every page type can be a search result.
    page_publication.connect(page_went_live, dispatch_uid="search.index_page")
    page_unpublication.connect(page_went_offline, dispatch_uid="search.remove_page")
