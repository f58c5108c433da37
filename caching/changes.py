"""What makes the public content change, and what follows: a new generation, a purge.

Publishing, unpublishing, moving or deleting a page, and changing a view
restriction or a Site, start a new content generation (caching/generation.py)
and, once committed, purge the edge (caching/edge.py). Apps whose public
content changes otherwise (the consent banner's texts, search entries) call
`content_changed` themselves.
"""

import weakref

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from compat.django import outermost_atomic_block

from .edge import former_urls, purge_public_urls
from .generation import start_new_generation

# What changed in each transaction still open, by its outermost atomic block:
# the addresses that went away. One new generation and one purge follow its
# commit, however many changes it made; a transaction rolled back takes its
# entry with it.
_open_changes = weakref.WeakKeyDictionary()


def content_changed(**kwargs):
    """Something public changed: a new generation now, and again once committed.

    The second one matters: a request between the first and the commit
    still reads the old content, and must not be remembered as current.
    After the commit the edge is purged too. Outside a transaction (Wagtail
    publishes in autocommit: the page, then its version, then its search
    entries are each committed as they are written), each change is
    committed already and is followed at once by both.
    """
    start_new_generation()
    gone = former_urls(**kwargs)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _after_commit(gone)
        return
    outermost = outermost_atomic_block(connection)
    if outermost in _open_changes:
        _open_changes[outermost] |= gone
        return
    _open_changes[outermost] = set(gone)
    transaction.on_commit(lambda: _after_commit(_open_changes.pop(outermost, set())))


def _after_commit(gone):
    start_new_generation()
    purge_public_urls(gone)


def connect():
    page_published.connect(content_changed, dispatch_uid="caching.published")
    page_unpublished.connect(content_changed, dispatch_uid="caching.unpublished")
    post_page_move.connect(content_changed, dispatch_uid="caching.moved")
    post_delete.connect(_page_deleted, dispatch_uid="caching.deleted")
    for model in (PageViewRestriction, Site):
        post_save.connect(content_changed, sender=model, weak=False)
        post_delete.connect(content_changed, sender=model, weak=False)


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        content_changed(instance=instance)
