"""Seams in wagtail-localize: see compat/__init__.py.

localize documents its models and its settings, not its admin: its views,
the props of its React translation editor, its templates and the names of
its form fields are what translating/ builds on, and are named here.
tests/test_compat_localize.py checks each against the installed localize
(its views, its rendered admin, its template and its JavaScript bundle).
"""

import json
from collections import defaultdict

from django.core.serializers.json import DjangoJSONEncoder

from wagtail_localize.compat import DATE_FORMAT
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    StringSegment,
    TemplateSegment,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.views import convert as _convert
from wagtail_localize.views import edit_translation as _edit
from wagtail_localize.views import submit_translations as _submit
from wagtail_localize.views import update_translations as _update

# localize's admin views, which translating/guards.py serves at localize's own
# addresses once its checks pass: the callables localize's register_admin_urls
# hook serves there.
convert_to_alias = _convert.convert_to_alias
stop_translation = _edit.stop_translation
download_pofile = _edit.download_pofile
upload_pofile = _edit.upload_pofile
edit_string_translation = _edit.edit_string_translation
edit_override = _edit.edit_override
machine_translate = _edit.machine_translate
SubmitPageTranslationView = _submit.SubmitPageTranslationView
SubmitSnippetTranslationView = _submit.SubmitSnippetTranslationView
UpdateTranslationsView = _update.UpdateTranslationsView

# What localize's views ask before letting a user edit a translated page or
# snippet: the page's permissions, or "change" on the snippet's model.
user_can_edit_instance = _edit.user_can_edit_instance

# The view localize's before_edit_page and before_edit_snippet hooks answer a
# translation's edit address with: its translation editor, which publishes
# the translation when its button posts PUBLISH_ACTION, and then says so
# with one of PUBLISHED_MESSAGES, formatted with the page's title ({object})
# and the language's name ({locale}, Locale.get_display_name()).
edit_translation = _edit.edit_translation
PUBLISH_ACTION = ("action", "publish")
PUBLISHED_MESSAGES = (
    "Published '{object}' in {locale}.",
    "Published '{object}' in {locale} with missing translations - see below.",
    "New validation errors were found when publishing '{object}' in {locale}. "
    "Please fix them or click publish again to ignore these translations for now.",
)

# The POST keys of localize's page and snippet editor actions: the names of
# its action menu items, which its before_edit_page and before_edit_snippet
# hooks look for. translating/wagtail_hooks.py guards them.
RESTART_TRANSLATION = "localize-restart-translation"
CONVERT_TO_ALIAS = "localize-convert-to-alias"

# The box "publish the synced translations" of localize's sync form.
PUBLISH_TRANSLATIONS = "publish_translations"

# The header of a PO file localize exports that names its translation, and
# that its upload checks.
PO_TRANSLATION_ID = "X-WagtailLocalize-TranslationID"

# templates/wagtail_localize/admin/edit_translation.html extends localize's
# template of the same name: it wraps its `content` block, which renders the
# editor's `props`, adds to its `extra_js` block, and reads these variables
# of the context localize's edit_translation view gives it.
EDITOR_TEMPLATE = "wagtail_localize/admin/edit_translation.html"
EDITOR_CONTEXT = ("props", "translation", "source_locale", "target_locale")


def date_as_localize_writes(moment):
    """A date as localize writes it into its comments (“Translated manually on 3 March 2025”).

    Always with English month names: strftime with localize's DATE_FORMAT.
    """
    return moment.strftime(DATE_FORMAT)


def saved_string_answer(response):
    """The JSON data localize answers a saved string with, still open to change; None otherwise.

    edit_string_translation answers with a REST framework Response, rendered
    from its `data` only on the way out.
    """
    data = getattr(response, "data", None)
    return data if isinstance(data, dict) else None


# The translation editor's props: the JSON localize's edit_translation view
# puts in `props` for its React editor, which reads them from `data-props`.


def published_date_shown(props):
    """Whether the props give a date of last publication."""
    return bool(props["object"].get("lastPublishedDate"))


def show_published_date(props, text):
    props["object"]["lastPublishedDate"] = text


def editor_segments(props):
    """(content path, source text, location) of each segment the editor lists.

    The content path is localize's: the field's name, then block ids and
    field names. The source text is None for a segment that is not a string
    (a link's address, an image). `location` is for `label_segment`.
    """
    for segment in props["segments"]:
        source = segment.get("source") if segment["type"] == "string" else None
        yield segment["contentPath"], source, segment["location"]


def name_target_language(props, name):
    """The target language's name as the editor writes it: only after “Publish in ”
    on its publish button (and in the title translation-editor.js replaces)."""
    props["locale"]["displayName"] = name


def target_language_name(props):
    return props["locale"]["displayName"]


def label_segment(location, block_label, string_label):
    """Label a segment: the editor shows the strings of one block under
    `location.field`, and `location.subField` (if any) above each string."""
    location["field"] = block_label
    location["subField"] = string_label


def initial_string_translations(props):
    """(string id, segment id, entry) of each translated string the editor opens with."""
    for entry in props["initialStringTranslations"]:
        yield entry["string_id"], entry["segment_id"], entry


def set_comment(entry, comment):
    """The note the editor shows under a translated string (“Translated manually on …”)."""
    entry["comment"] = comment


# What translating/static/translating/strings-to-translate.js finds in the
# editor's page, as CSS selectors. The React editor renders each string as a
# list item classed by its state (complete, incomplete: not translated yet or
# changed in the source, errored: its translation was refused); inside it,
# the place's label (`location.subField`, h4), the source text (p), the
# translation (a textarea while it is edited) and one button that opens it
# for editing (“Translate”, or “Edit”); the block's label (h3) heads the list
# item of the strings' block. localize's template keeps its page header in a
# sticky bar at the top.
EDITOR_MARKUP = {
    "editor": ".js-translation-editor",
    "string": "li.complete, li.incomplete, li.errored",
    "toTranslate": "li.incomplete, li.errored",
    "place": ":scope > h4",
    "source": ":scope > p",
    "field": ":scope > div > textarea",
    "open": ":scope > ul > li > button",
    "blockHeading": ":scope > h3",
    "header": "main .w-sticky.w-top-0",
}


# TranslationSource.refresh_segments() writes every segment of the page again:
# each is fetched or created with three get_or_create queries, so the policy's
# 105 segments (81 strings, 20 templates, 4 overridable values) cost 442
# queries per publication, whatever the change (28 here for one new string). A segment is a row naming its source,
# its place (context), its position (order) and what it says (a string and
# its attributes, a template, a related object, or an overridable value);
# nothing refers to a segment's row. Here a segment that says the same thing
# at the same place as a row of the source is that row, moved to its new
# position if the page grew or shrank before it; only new segments go
# through localize's from_value(), and the rows no segment matched are
# deleted, as localize deletes them. tests/test_compat_localize.py checks
# that localize's own refresh then finds nothing left to write.
def _json(value):
    return json.dumps(value, cls=DjangoJSONEncoder)


# Per kind of segment: its model, the row's related objects it is read with,
# and what a row and an extracted value say, in the same terms.
SEGMENT_KINDS = {
    StringSegmentValue: (
        StringSegment,
        ("context", "string"),
        lambda row: (row.context.path, row.string.data, row.attrs),
        lambda value: (value.path, value.string.data, _json(value.attrs)),
    ),
    TemplateSegmentValue: (
        TemplateSegment,
        ("context", "template"),
        lambda row: (
            row.context.path,
            row.template.template_format,
            row.template.template,
        ),
        lambda value: (value.path, value.format, value.template),
    ),
    RelatedObjectSegmentValue: (
        RelatedObjectSegment,
        ("context", "object"),
        lambda row: (
            row.context.path,
            row.object.content_type_id,
            str(row.object.translation_key),
        ),
        lambda value: (value.path, value.content_type.pk, str(value.translation_key)),
    ),
    OverridableSegmentValue: (
        OverridableSegment,
        ("context",),
        lambda row: (row.context.path, row.data_json),
        lambda value: (value.path, _json(value.data)),
    ),
}


def refresh_segments(source):
    """localize's source.refresh_segments(), writing only the segments that changed."""
    rows = {}
    for kind, (model, related, row_says, _value_says) in SEGMENT_KINDS.items():
        rows[kind] = defaultdict(list)
        for row in (
            model.objects.filter(source=source)
            .select_related(*related)
            .order_by("order")
        ):
            rows[kind][row_says(row)].append(row)
    kept = defaultdict(list)
    moved = defaultdict(list)
    new = []
    instance = source.as_instance()
    for value in extract_segments(instance):
        model, _related, _row_says, value_says = SEGMENT_KINDS[type(value)]
        same = rows[type(value)].get(value_says(value))
        if not same:
            new.append((model, value))
            continue
        segment = same.pop(0)
        kept[model].append(segment.pk)
        if segment.order != value.order:
            segment.order = value.order
            moved[model].append(segment)
    # Rows moved first: from_value() then finds no row at a new segment's
    # position but one it says the same as.
    for model, segments in moved.items():
        model.objects.bulk_update(segments, ["order"])
    for model, value in new:
        if model is StringSegment:
            segment = model.from_value(source, source.locale, value)
        else:
            segment = model.from_value(source, value)
        kept[model].append(segment.pk)
        # As localize does: the place's field path, written once per place.
        segment.context.get_field_path(instance)
    for model, _related, _row_says, _value_says in SEGMENT_KINDS.values():
        model.objects.filter(source=source).exclude(id__in=kept[model]).delete()


def update_source_from_db(source):
    """localize's source.update_from_db(), with the refresh above.

    update_from_db() saves the page's current content as the source, then
    calls source.refresh_segments(): for this call, the one above.
    """
    source.refresh_segments = lambda: refresh_segments(source)
    try:
        source.update_from_db()
    finally:
        del source.refresh_segments


def content_path(field_name, *steps):
    """Where localize keeps a string of a page: the field's name, then block ids and
    field names (“body.<section id>.content.<table id>.cookies.<row id>.duration”).

    A ValidationError keyed by this path, raised while localize saves a
    translated page, is put on that string in the translation editor
    (TranslationSource.create_or_update_translation: set_field_error).
    """
    return ".".join((field_name, *steps))
