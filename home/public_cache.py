"""Responses that every visitor gets alike: how long they may be kept, and their ETag.

What the public reads changes only when something is published, unpublished,
moved, deleted or put behind a password. Each of those gives the site a new
*content generation* (a token kept in the shared cache); a response's ETag is
the generation it was made in, so a visitor's If-None-Match is answered with a
304 before any view runs, without a database query.
"""

import functools
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "public-content-generation"

# Seconds a browser or an edge cache may keep a public response.
MAX_AGE = 60
# Seconds a value remembered for one generation stays in the cache, unused.
MEMO_TIMEOUT = 24 * 60 * 60


def _new_generation():
    # Never a value used before, even after the cache was emptied: an old
    # ETag must not match new content.
    return f"{time.time_ns():x}"


def content_generation():
    """The token of the public content as it is now."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def remember(name, compute, timeout=None):
    """compute()'s value in the current content generation, from the shared cache.

    For what changes only when something public changes (the page tree, the
    sites, who may see what): it is computed once per generation and shared
    by every process. `compute` must return something the cache can pickle,
    and not None.
    """
    key = f"generation:{content_generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout if timeout is not None else MEMO_TIMEOUT)
    return value


def _start_new_generation():
    cache.set(GENERATION_KEY, _new_generation(), timeout=None)


def content_changed(**kwargs):
    """Something public changed: new generation now, and again once it is committed.

    The second one matters: a request between the first and the commit
    still reads the old content, and must not be remembered as current.
    """
    _start_new_generation()
    transaction.on_commit(_start_new_generation)


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        content_changed()


def connect():
    page_published.connect(content_changed, dispatch_uid="public_cache.published")
    page_unpublished.connect(content_changed, dispatch_uid="public_cache.unpublished")
    post_page_move.connect(content_changed, dispatch_uid="public_cache.moved")
    post_delete.connect(_page_deleted, dispatch_uid="public_cache.deleted")
    for model in (PageViewRestriction, Site):
        post_save.connect(content_changed, sender=model, weak=False)
        post_delete.connect(content_changed, sender=model, weak=False)


def _etag(request, *args, **kwargs):
    return f'"{content_generation()}"'


def public_response(view):
    """Mark a view's responses as the same for everyone, with an ETag and 304s.

    Django's conditional view processing answers a matching If-None-Match
    before the view runs. Errors may be kept as long, but have no ETag: a
    client must not revalidate an error into a success.
    """
    conditional_view = condition(etag_func=_etag)(view)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = conditional_view(request, *args, **kwargs)
        if response.status_code < 500:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        if response.status_code >= 400 and response.has_header("ETag"):
            del response["ETag"]
        return response

    return wrapped
