import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder

from ..editor_labels import describe_segments

register = template.Library()


@register.filter
def with_segment_places(props, translation):
    """localize's editor props (JSON) with each string's place and dates in the user's language."""
    return json.dumps(
        describe_segments(json.loads(props), translation), cls=DjangoJSONEncoder
    )
