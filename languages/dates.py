"""Dates as readers read them, in their language: “1 March 2027”, “1 mars 2027”.

One format for every date a reader or an editor is shown in a sentence: the
policy's pages and feed, the notice period's warning, localize's comments
and the names of new devices. Templates use the `long_date` filter
(languages/templatetags/dates.py), Python code `long_date`.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format

# Django's format: day without a leading zero, month name, year.
LONG_DATE = "j F Y"


def long_date(moment):
    """`moment` (a date, or an aware datetime read in the site's time zone) in the active language."""
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment)
    return date_format(moment, LONG_DATE)
