"""The cookies the live English policy declares: what the audit holds the site to."""

from django.conf import settings

from policy.cookies import declared_cookies
from policy.models import PolicyPage


def live_policy():
    """The policy readers of the source language get on the default site, or None."""
    return PolicyPage.objects.live_public(settings.LANGUAGE_CODE).first()


def declared(policy):
    """Every cookie the policy declares, as flat rows (the cookies API's)."""
    return declared_cookies(policy)
