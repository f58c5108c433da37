"""A translation's cookie lifetimes: its words checked against the English page's seconds.

A row's lifetime in seconds is the same in every language: wagtail-localize
copies it from the English page, while translators write the duration in
their words. When localize saves a translated page (a translator publishing
it, or a sync), the page's `clean` asks `lifetime_errors`, keyed by the
place of each duration's string: localize puts each error on that string,
where the translator reads it in its editor.
"""

from django.utils.translation import gettext as _

from compat.localize import content_path

from .blocks import CookieTableBlock
from .durations import lifetime_mismatch


def translated_lifetime_error(duration, max_age_seconds):
    """The translator's message when a translated duration disagrees with the
    English page's seconds, or None.

    A row without seconds makes no claim here: rows written before lifetimes
    had numbers have none, and the translator could not give one.
    """
    mismatch = lifetime_mismatch(duration, max_age_seconds)
    if mismatch is None or mismatch[0] == "number":
        return None
    return _(
        "The English page gives this cookie a lifetime of %(seconds)d seconds, "
        "which “%(duration)s” does not say: translate how long it lasts as the "
        "English says it."
    ) % {"seconds": max_age_seconds, "duration": duration}


def lifetime_errors(page):
    """{content path of a duration string: message} for each row whose words and seconds disagree."""
    errors = {}
    for section in page.body:
        for child in section.value["content"]:
            if not isinstance(child.block, CookieTableBlock):
                continue
            for row in child.value["cookies"].bound_blocks:
                message = translated_lifetime_error(
                    row.value["duration"], row.value.get("max_age_seconds")
                )
                if message:
                    path = content_path(
                        "body",
                        section.id,
                        "content",
                        child.id,
                        "cookies",
                        row.id,
                        "duration",
                    )
                    errors[path] = message
    return errors
