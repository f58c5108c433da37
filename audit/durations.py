"""A lifetime in seconds said in words, in the active language, for the audit's reports.

The policy's words are read as seconds by policy/durations.py, the one reader.
"""

from django.utils.translation import gettext, ngettext

from policy.durations import DAY, HOUR, MINUTE


def lifetime_text(seconds):
    """A lifetime in seconds (None: until the browser closes) in words, in the active language."""
    if seconds is None:
        return gettext("until the browser closes")
    for size, words in (
        (DAY, lambda n: ngettext("%(n)d day", "%(n)d days", n)),
        (HOUR, lambda n: ngettext("%(n)d hour", "%(n)d hours", n)),
        (MINUTE, lambda n: ngettext("%(n)d minute", "%(n)d minutes", n)),
    ):
        if seconds >= size * 0.97:
            count = round(seconds / size)
            return words(count) % {"n": count}
    count = max(0, round(seconds))
    return ngettext("%(n)d second", "%(n)d seconds", count) % {"n": count}
