"""Publishing drives the search index: what is live is searchable, nothing else.

wagtail-localize publishes French pages through Wagtail's own publish action,
so `page_published` covers the English editor, the approval workflow,
scheduled publishing, localize's editor and PO imports, and seed_site alike.
"""

from wagtail.signals import page_published, page_unpublished

from caching.changes import content_changed

from .indexing import index_page, remove_page

# Wagtail publishes outside any transaction: the entries are written after
# the publication's own purge has run, and remembered search results must be
# forgotten once more, with the entries in place.


def page_went_live(sender, instance, **kwargs):
    index_page(instance)
    content_changed()


def page_went_offline(sender, instance, **kwargs):
    remove_page(instance)
    content_changed()


def connect():
    # No sender: every page type can be a search result.
    page_published.connect(page_went_live, dispatch_uid="search.index_page")
    page_unpublished.connect(page_went_offline, dispatch_uid="search.remove_page")
