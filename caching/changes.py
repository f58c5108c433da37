"""What makes the public content change, and what follows: a new generation, a purge.

Publishing, unpublishing, moving or deleting a page, and changing a view
restriction or a Site, start a new content generation (caching/generation.py)
and, once committed, purge the edge (caching/edge.py). Apps whose public
content changes otherwise (the consent banner's texts) call `content_changed`
themselves.

A publication is one change, however much it writes. Wagtail saves the page
in autocommit and then sends `page_published`; here that starts one
transaction, in which `page_publication` is sent: what apps write because
of the publication (a policy's version, search entries, the strings
translators work from) commits together, and the generation is renewed once
as the change starts and once after the commit, with one purge of the edge.
`page_unpublication` does the same for a page taken offline.
"""

import contextvars
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from compat.django import on_commit_callbacks

from .edge import former_urls, purge_public_urls
from .generation import start_new_generation

# Sent with page_published's arguments, inside the transaction of the
# publication: receivers write what follows from it and need not say that
# the content changed.
page_publication = Signal()
# The same for page_unpublished.
page_unpublication = Signal()

# True inside one_change, whose start renewed the generation already.
_renewed = contextvars.ContextVar("renewed", default=False)


class _PendingPurge:
    """The on_commit callback of a transaction's changes: the addresses that
    went away, and one new generation and one purge for all of them."""

    def __init__(self, gone):
        self.gone = set(gone)
        self.done = False

    def __call__(self):
        self.done = True
        _after_commit(self.gone)


def _pending_purge(connection):
    """The purge already waiting for this transaction's commit, if any.

    Looked up among the transaction's on_commit callbacks: a savepoint
    rolled back takes the callbacks registered in it along, and a purge
    found here is one that will run. Another savepoint rolled back later
    leaves it in place, with the addresses of changes that did not happen:
    purging them too costs nothing.
    """
    for callback in on_commit_callbacks(connection):
        if isinstance(callback, _PendingPurge) and not callback.done:
            return callback
    return None


def content_changed(**kwargs):
    """Something public changed: a new generation now, and again once committed.

    The second one matters: a request between the first and the commit
    still reads the old content, and must not be remembered as current.
    After the commit the edge is purged too, once for all the changes of the
    transaction. Outside a transaction the change is committed already and
    is followed at once by both. Inside one_change the generation was
    renewed as the change started: the writes that make up the change only
    add the addresses to purge.
    """
    gone = former_urls(**kwargs)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        start_new_generation()
        _after_commit(gone)
        return
    if not _renewed.get():
        start_new_generation()
    pending = _pending_purge(connection)
    if pending is not None:
        pending.gone |= gone
        return
    transaction.on_commit(_PendingPurge(gone))


@contextmanager
def one_change(**kwargs):
    """Everything written inside is one change of the public content.

    One transaction; the generation is renewed as it starts and after it
    commits, and the edge purged once. What was committed before it (the
    page Wagtail has just saved) is public whatever happens inside: if the
    transaction fails, that is one change still.
    """
    try:
        with transaction.atomic():
            content_changed(**kwargs)
            token = _renewed.set(True)
            try:
                yield
            finally:
                _renewed.reset(token)
    except BaseException:
        content_changed(**kwargs)
        raise


def _after_commit(gone):
    start_new_generation()
    purge_public_urls(gone)


def _published(sender, instance, signal=None, **kwargs):
    with one_change(instance=instance):
        page_publication.send(sender=sender, instance=instance, **kwargs)


def _unpublished(sender, instance, signal=None, **kwargs):
    with one_change(instance=instance):
        page_unpublication.send(sender=sender, instance=instance, **kwargs)


def connect():
    page_published.connect(_published, dispatch_uid="caching.published")
    page_unpublished.connect(_unpublished, dispatch_uid="caching.unpublished")
    post_page_move.connect(content_changed, dispatch_uid="caching.moved")
    post_delete.connect(_page_deleted, dispatch_uid="caching.deleted")
    for model in (PageViewRestriction, Site):
        post_save.connect(content_changed, sender=model, weak=False)
        post_delete.connect(content_changed, sender=model, weak=False)


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        content_changed(instance=instance)
