"""The link to the policy that every public page carries in its footer."""

from django import template
from django.utils.translation import get_language

from ..models import PolicyPage

register = template.Library()


@register.simple_tag(takes_context=True)
def policy_url(context):
    """Address of the policy in the current language."""
    policy = (
        PolicyPage.objects.live().filter(locale__language_code=get_language()).first()
    )
    return policy.get_url(context["request"]) if policy else None
