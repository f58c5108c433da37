"""The cookies the live English policy declares: what the audit holds the site to."""

from django.conf import settings

from policy.cookies import declared_cookies
from policy.models import PolicyPage


def live_policy():
    """The live, public policy page in the source language, or None."""
    return (
        PolicyPage.objects.live()
        .public()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
        .first()
    )


def declared(policy):
    """Every cookie the policy declares, as flat rows (the cookies API's)."""
    return declared_cookies(policy)
