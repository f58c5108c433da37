"""What wagtail-localize's translation editor tells translators, made clearer.

localize labels every string of a StreamField with its top-level block and the
first field below it: each string of a policy reads “Section › Content”, and
nothing says that “2 years” is how long `_ga` lasts. `describe_segments`
labels each string with where it sits, read from the block definitions and
the source's own values: the section's heading, the cookie's name, the field
(“Section: Use of Cookies” above “Cookie table: Google Analytics › Cookie: _ga
› How long it lasts”). It works for any StreamField: a StructBlock is named
by its first filled one-line text (a heading, a name), whatever its fields
are called. localize cannot be configured to do this, and its editor shows
the source of rich text as plain text, tags included, and no help text: the
label of a string with tags says what to do with them.

localize also writes the date a string was translated with `strftime`, whose
month names are always English; `localized_comment` and `describe_segments` give
those dates in the translator's language (languages/dates.py). Its publish
button names the language inside a sentence (“Publish in French”): in French,
in lower case (languages/names.py).
"""

import re

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wagtail import blocks
from wagtail.fields import StreamField

from compat.localize import (
    date_as_localize_writes,
    editor_segments,
    initial_string_translations,
    label_segment,
    name_target_language,
    published_date_shown,
    set_comment,
    show_published_date,
    target_language_name,
)
from languages.dates import long_date
from languages.names import in_sentence

# An opening tag in a string of rich text, as localize writes it: <a id="a1">, <b>.
OPENING_TAG = re.compile(r"<([a-z0-9]+)(?:\s[^>]*)?>")
# Long enough to recognise a heading or a name, short enough for a label.
TITLE_LENGTH = 60


def is_one_line_text(block):
    """Whether the block holds a line of text that names its parent: a heading, a name."""
    if not isinstance(block, blocks.FieldBlock):
        return False
    field = block.field
    return isinstance(field, forms.CharField) and isinstance(
        field.widget, forms.TextInput
    )


def struct_title(block, value):
    """A StructBlock value's own name: its first filled one-line text, if any."""
    if not isinstance(block, blocks.StructBlock):
        return None
    for name, child in block.child_blocks.items():
        text = value.get(name)
        if is_one_line_text(child) and isinstance(text, str) and text.strip():
            text = text.strip()
            if len(text) > TITLE_LENGTH:
                text = text[: TITLE_LENGTH - 1].rstrip() + "…"
            return text
    return None


def named(block, value):
    """The block's label, followed by its own name when it has one: “Cookie: _ga”.

    A block whose values are of different kinds may label each one itself,
    with a `value_label(value)` method (a cookie table's row: “Local storage
    key: ga_state”).
    """
    value_label = getattr(block, "value_label", None)
    label = str(capfirst(value_label(value) if value_label else block.label))
    title = struct_title(block, value)
    if title is None:
        return label
    return _("%(block)s: %(name)s") % {"block": label, "name": title}


def places(block, value, path):
    """Labels of what lies inside `block` on the way to the string at `path`.

    `path` is the rest of localize's content path: block ids and field names.
    A stream or a list only holds other blocks, so it gets no label of its
    own; each of its blocks is named instead.
    """
    if not path:
        return []
    head, rest = path[0], path[1:]
    if isinstance(block, blocks.StreamBlock):
        child = next((child for child in value if child.id == head), None)
        if child is None:
            return []
        return [named(child.block, child.value)] + places(
            child.block, child.value, rest
        )
    if isinstance(block, blocks.ListBlock):
        item = next((item for item in value.bound_blocks if item.id == head), None)
        if item is None:
            return []
        if struct_title(block.child_block, item.value) is None:
            label = str(capfirst(block.label))
        else:
            label = named(block.child_block, item.value)
        return [label] + places(block.child_block, item.value, rest)
    if isinstance(block, blocks.StructBlock):
        child = block.child_blocks.get(head)
        if child is None:
            return []
        if isinstance(child, blocks.StreamBlock | blocks.ListBlock):
            return places(child, value[head], rest)
        return [named(child, value[head])] + places(child, value[head], rest)
    # What a rich text holds besides its words: the address of one of its links.
    return [_("Link address")]


def segment_place(instance, content_path):
    """Labels from the outermost block to the string at `content_path`; [] outside a stream."""
    field_name, *path = content_path.split(".")
    try:
        field = instance._meta.get_field(field_name)
    except LookupError:
        return []
    if not isinstance(field, StreamField):
        return []
    return places(field.stream_block, getattr(instance, field.name), path)


def tag_advice(source):
    """What to do with the tags localize leaves in a string of rich text; None without any."""
    match = OPENING_TAG.search(source or "")
    if match is None:
        return None
    return _(
        "Keep the tags %(opening)s and %(closing)s around the translated words they "
        "mark: they carry the link or the formatting of the original."
    ) % {"opening": match.group(0), "closing": f"</{match.group(1)}>"}


def localized_comment(string_translation):
    """localize's “Translated manually on …”, with the date in the active language."""
    comment = string_translation.get_comment()
    if not comment:
        return comment
    written = date_as_localize_writes(string_translation.updated_at)
    return comment.replace(written, long_date(string_translation.updated_at))


def last_published_at(instance):
    """When the page (or snippet) was last published, as localize's editor tells it."""
    if instance.live_revision:
        return instance.live_revision.created_at
    return instance.last_published_at


def describe_segments(props, translation):
    """The editor's props with each string's place on the page and dates in the user's language.

    `props` are the ones localize gives its React editor (a dict read from
    its JSON); the segment list shows `location.field` above each block's
    strings and `location.subField` above each string.
    """
    if published_date_shown(props):
        published = last_published_at(translation.get_target_instance())
        show_published_date(props, long_date(published))
    name_target_language(props, in_sentence(target_language_name(props)))

    source = translation.source.as_instance()
    for content_path, text, location in editor_segments(props):
        labels = segment_place(source, content_path)
        if not labels:
            continue
        place = " › ".join(labels[1:]) or None
        advice = tag_advice(text)
        if advice:
            place = " — ".join(label for label in (place, advice) if label)
        label_segment(location, labels[0], place)

    segments = translation.source.stringsegment_set.all()
    context_of = dict(segments.values_list("id", "context_id"))
    translations = {
        (string_translation.translation_of_id, string_translation.context_id): (
            string_translation
        )
        for string_translation in segments.get_translations(translation.target_locale)
    }
    for string_id, segment_id, entry in initial_string_translations(props):
        string_translation = translations.get((string_id, context_of.get(segment_id)))
        if string_translation is not None:
            set_comment(entry, localized_comment(string_translation))
    return props
