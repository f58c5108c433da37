"""The link to the policy that every public page carries in its footer."""

from django import template
from django.utils.translation import get_language

from caching.generation import remember
from caching.site_tree import current_site

from ..models import PolicyPage

register = template.Library()


@register.simple_tag(takes_context=True)
def policy_url(context):
    """Address of the policy in the current language, if everyone may open it there."""
    request = context["request"]
    site = current_site(request)
    language = get_language()

    def find():
        policy = PolicyPage.objects.live_public(language, site).first()
        # "": no link (the cache cannot hold None).
        return (policy and policy.get_url(request)) or ""

    return remember(f"policy-url:{site and site.pk}:{language}", find) or None
