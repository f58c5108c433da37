"""How long a cookie lasts: the policy's words ("2 years", "13 mois", "Session") read as seconds.

Editors and translators write durations as they would say them, in English or
in French. Only what can be read without guessing gets a number; anything else
is None (unknown): the check of a row's lifetime in seconds and the cookie
audit then make no claim.

A duration reads as a nominal number of seconds (a month is 30 days, a year
365 days: "2 years" is 63072000 seconds) and as a range of the lifetimes it
can honestly mean (`duration_range`): a year is 365 or 366 days, a month 30.44
days on average (365.25 / 12) and any run of calendar months is within 3 days
of that average (13 months are 393 to 397 days).
"""

import re

SESSION = "session"

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
MONTH = 30 * DAY
YEAR = 365 * DAY
AVERAGE_MONTH = 365.25 / 12 * DAY
MONTHS_SLACK = 3 * DAY

# Each unit's nominal length, and the words that name it in each language.
UNITS = {
    "second": 1,
    "sec": 1,
    "seconde": 1,
    "minute": MINUTE,
    "min": MINUTE,
    "hour": HOUR,
    "hr": HOUR,
    "heure": HOUR,
    "h": HOUR,
    "day": DAY,
    "jour": DAY,
    "j": DAY,
    "week": 7 * DAY,
    "semaine": 7 * DAY,
    "month": MONTH,
    "mois": MONTH,
    "year": YEAR,
    "an": YEAR,
    "année": YEAR,
}
# Each language's words, read one language at a time ("an" is a number in
# English and a year in French).
LANGUAGES = {
    "en": {
        "units": ("second", "sec", "minute", "min", "hour", "hr")
        + ("day", "week", "month", "year"),
        "numbers": {
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
        },
        "and": r"and|plus",
        "session": r"\bsession\b|\b(?:close|closes|closing|quit|quits)\b.*\bbrowser\b",
    },
    "fr": {
        "units": ("seconde", "sec", "minute", "min", "heure", "h")
        + ("jour", "j", "semaine", "mois", "année", "an"),
        "numbers": {
            "un": 1,
            "une": 1,
            "deux": 2,
            "trois": 3,
            "quatre": 4,
            "cinq": 5,
            "six": 6,
            "sept": 7,
            "huit": 8,
            "neuf": 9,
            "dix": 10,
            "onze": 11,
            "douze": 12,
            "treize": 13,
            "dix-huit": 18,
            "vingt-quatre": 24,
            "trente": 30,
        },
        "and": r"et|plus",
        "session": r"\bsession\b|\bferm\w*\b.*\bnavigateur\b",
    },
}


def _reader(words):
    numbers = "|".join(sorted(words["numbers"], key=len, reverse=True))
    units = "|".join(sorted(words["units"], key=len, reverse=True))
    return {
        "numbers": words["numbers"],
        # "2 years", "2,5 ans", "13 mois", "24h"
        "amount": re.compile(
            rf"(\d+(?:[.,]\d+)?|{numbers})\s*({units})(?:s|x)?(?![\w-])"
        ),
        # What may sit between amounts: "1 year and 6 months", "1 an et 6 mois".
        "filler": re.compile(rf"^[\s,]*(?:{words['and']}|\+)?[\s,.]*$"),
        "session": re.compile(words["session"]),
    }


_READERS = {code: _reader(words) for code, words in LANGUAGES.items()}


def _read(text, reader):
    """[(amount, unit)] and SESSION, or None when these words say neither plainly."""
    if reader["session"].search(text):
        return SESSION
    amounts = []
    position = 0
    for match in reader["amount"].finditer(text):
        if not reader["filler"].match(text[position : match.start()]):
            return None
        number = match.group(1)
        amount = reader["numbers"].get(number) or float(number.replace(",", "."))
        amounts.append((amount, match.group(2)))
        position = match.end()
    if not amounts or not reader["filler"].match(text[position:]):
        return None
    return amounts


def _amounts(text):
    """The text read in the first of the site's languages that reads it."""
    text = text.strip().lower()
    for reader in _READERS.values():
        amounts = _read(text, reader)
        if amounts is not None:
            return amounts
    return None


def parse_duration(text):
    """Seconds (a month 30 days, a year 365), SESSION, or None when the words say neither plainly."""
    amounts = _amounts(text)
    if amounts is None or amounts == SESSION:
        return amounts
    return round(sum(amount * UNITS[unit] for amount, unit in amounts))


def duration_range(text):
    """(shortest, longest) in seconds the words can honestly mean, SESSION, or None."""
    amounts = _amounts(text)
    if amounts is None or amounts == SESSION:
        return amounts
    shortest = longest = 0
    months = 0
    for amount, unit in amounts:
        if UNITS[unit] == YEAR:
            shortest += amount * YEAR
            longest += amount * (YEAR + DAY)
        elif UNITS[unit] == MONTH:
            months += amount
        else:
            shortest += amount * UNITS[unit]
            longest += amount * UNITS[unit]
    if months:
        shortest += months * AVERAGE_MONTH - MONTHS_SLACK
        longest += months * AVERAGE_MONTH + MONTHS_SLACK
    return (round(shortest), round(longest))


def lifetime_mismatch(text, max_age_seconds):
    """What is wrong between a duration in words and a lifetime in seconds, or None.

    None (no number) means the cookie lasts until the browser closes. Words
    that cannot be read make no claim: any number goes with them. Returns
    "session" (the words say session, a number is given), "number" (the words
    give a length, no number is given) or "range" (the number is not what the
    words say), with the range the words mean.
    """
    meaning = duration_range(text or "")
    if meaning is None:
        return None
    if meaning == SESSION:
        return ("session", None) if max_age_seconds is not None else None
    if max_age_seconds is None:
        return ("number", meaning)
    shortest, longest = meaning
    if not shortest <= max_age_seconds <= longest:
        return ("range", meaning)
    return None


def declared_lifetime(row):
    """A declared row's lifetime: its seconds, SESSION, or None (no claim).

    The row's number when it has one; without one, what its words say, as
    rows written before lifetimes had numbers are read.
    """
    seconds = row.get("maxAgeSeconds")
    if seconds is not None:
        return seconds
    return parse_duration(row.get("duration") or "")
