import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder

from compat.localize import EDITOR_MARKUP

from ..editor_labels import describe_segments
from ..panels import FIRST_STRING_FRAGMENT

register = template.Library()


@register.filter
def with_segment_places(props, translation):
    """localize's editor props (JSON) with each string's place and dates in the user's language."""
    return json.dumps(
        describe_segments(json.loads(props), translation), cls=DjangoJSONEncoder
    )


@register.simple_tag
def editor_markup():
    """What strings-to-translate.js looks for in localize's editor, as JSON."""
    return json.dumps(EDITOR_MARKUP)


@register.simple_tag
def first_string_fragment():
    """The fragment of an editor's address that opens its first string to translate."""
    return FIRST_STRING_FRAGMENT
