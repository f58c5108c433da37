"""The link to the policy that every public page carries in its footer."""

from django import template
from django.utils.translation import get_language

from caching.generation import remember
from caching.site_tree import current_site, visible_to_everyone

from ..models import PolicyPage

register = template.Library()


@register.simple_tag(takes_context=True)
def policy_url(context):
    """Address of the policy in the current language, if everyone may open it there."""
    request = context["request"]
    site = current_site(request)
    language = get_language()

    def find():
        policies = PolicyPage.objects.live().filter(locale__language_code=language)
        policy = next(filter(visible_to_everyone, policies), None)
        # "": no link (the cache cannot hold None).
        return (policy and policy.get_url(request)) or ""

    return remember(f"policy-url:{site and site.pk}:{language}", find) or None
