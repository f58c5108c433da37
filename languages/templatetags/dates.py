"""`{{ moment|long_date }}`: a date as languages/dates.py writes it."""

from django import template

from .. import dates

register = template.Library()


@register.filter(expects_localtime=True)
def long_date(value):
    """As Django's `date` filter with the long format: nothing for no date."""
    if value in (None, ""):
        return ""
    return dates.long_date(value)
