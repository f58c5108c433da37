"""How long a cookie lasts: the policy's words ("2 years", "Session") read as seconds.

Editors write durations as they would say them. Only what can be read without
guessing gets a number; anything else is None (unknown), and the audit then
makes no claim about the cookie's lifetime.
"""

import re

from django.utils.translation import gettext, ngettext

SESSION = "session"

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
UNITS = {
    "second": 1,
    "sec": 1,
    "minute": MINUTE,
    "min": MINUTE,
    "hour": HOUR,
    "hr": HOUR,
    "day": DAY,
    "week": 7 * DAY,
    "month": 30 * DAY,
    "year": 365 * DAY,
}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "eighteen": 18,
    "twenty-four": 24,
    "thirty": 30,
}
_NUMBER = (
    r"(\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
)
_UNIT = r"(" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")s?"
_AMOUNT = re.compile(rf"{_NUMBER}\s*{_UNIT}\b")
# What may sit between amounts: "1 year and 6 months", "2 years, 1 day".
_FILLER = re.compile(r"^[\s,]*(?:and|plus|\+)?[\s,.]*$")
# A cookie deleted when the browser closes, in the words editors use.
_SESSION = re.compile(
    r"\bsession\b|\b(?:close|closes|closing|quit|quits)\b.*\bbrowser\b"
)


def parse_duration(text):
    """Seconds, SESSION, or None when the words say neither plainly."""
    text = text.strip().lower()
    if _SESSION.search(text):
        return SESSION
    total = 0
    position = 0
    found = False
    for match in _AMOUNT.finditer(text):
        if not _FILLER.match(text[position : match.start()]):
            return None
        number = match.group(1)
        amount = NUMBER_WORDS.get(number) or float(number)
        total += amount * UNITS[match.group(2)]
        position = match.end()
        found = True
    if not found or not _FILLER.match(text[position:]):
        return None
    return round(total)


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
