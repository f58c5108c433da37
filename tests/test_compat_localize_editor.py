"""What compat/localize.py relies on in localize's translation editor, checked
against the installed wagtail-localize: its template and context, the props
of its React editor and what its JavaScript bundle reads of them, the date in
its comments, its answer to a saved string.

Each test runs localize itself, or reads its own files in site-packages; when
an upgrade changes what a seam relies on, the test fails naming the seam and
what breaks.
"""

import json
import re
from pathlib import Path
from urllib.parse import urlencode

from django.contrib.staticfiles import finders
from django.utils.translation import override

import wagtail_localize
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

import pytest
from rest_framework.test import APIRequestFactory, force_authenticate

from compat import localize
from tests.pages import soup

pytestmark = pytest.mark.django_db

# What static/js/translation-editor.js looks for: the title localize's editor
# writes in English over the list of strings.
ENGLISH_TITLE = re.compile(
    r"`\$\{\w+\.sourceLocale\.displayName\} to \$\{\w+\.locale\.displayName\} "
    r"translation`"
)


@pytest.fixture
def french_translation(en_policy):
    return Translation.objects.get(
        source__object_id=en_policy.translation_key,
        target_locale__language_code="fr",
    )


@pytest.fixture
def translated_string(french_translation):
    """A string of the French translation, translated by hand just now."""
    segment = StringSegment.objects.filter(source=french_translation.source).first()
    string_translation, _created = StringTranslation.objects.update_or_create(
        translation_of_id=segment.string_id,
        locale=Locale.objects.get(language_code="fr"),
        context_id=segment.context_id,
        defaults={
            "data": "Texte",
            "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
        },
    )
    return segment, string_translation


def localize_template_source():
    return (
        Path(wagtail_localize.__file__).parent / "templates" / localize.EDITOR_TEMPLATE
    ).read_text(encoding="utf-8")


def test_localize_editor_template_has_the_blocks_and_context_ours_uses(
    admin_client, fr_policy
):
    response = admin_client.get(f"/admin/pages/{fr_policy.pk}/edit/")
    source = localize_template_source()

    missing = [name for name in localize.EDITOR_CONTEXT if name not in response.context]
    assert response.status_code == 200 and not missing, (
        f"localize's translation editor no longer gives its template {missing}: "
        "templates/wagtail_localize/admin/edit_translation.html would break; see "
        "compat/localize.py EDITOR_CONTEXT"
    )
    assert re.search(
        r"{% block content %}.*data-props=\"{{ props }}\".*{% endblock %}",
        source,
        re.DOTALL,
    ) and re.search(r"{% block extra_js %}", source), (
        "localize's template no longer renders the editor's props in its "
        "`content` block, or has no `extra_js` block: our template would show "
        "localize's own labels, or lose its script; see compat/localize.py "
        "EDITOR_TEMPLATE"
    )
    assert isinstance(response.context["translation"], Translation)


def test_localize_editor_props_are_what_its_react_editor_reads(
    admin_client, fr_policy, translated_string
):
    response = admin_client.get(f"/admin/pages/{fr_policy.pk}/edit/")
    # localize's own props (the first template's context holds them as it gave them).
    props = json.loads(response.context["props"])
    bundle = Path(finders.find("wagtail_localize/js/wagtail-localize.js")).read_text(
        encoding="utf-8"
    )

    segments = list(localize.editor_segments(props))
    texts = {text for _path, text, _location in segments}
    locations_ok = all(
        {"field", "subField"} <= location.keys() for _p, _t, location in segments
    )
    entries = list(localize.initial_string_translations(props))
    assert (
        "2 years" in texts
        and any(path.startswith("body.") for path, _t, _l in segments)
        and locations_ok
        and entries
        and all("comment" in entry for _s, _g, entry in entries)
        and localize.published_date_shown(props)
    ), (
        "localize's translation editor props no longer have the segments "
        "(contentPath, type, source, location.field, location.subField), the "
        "initialStringTranslations (string_id, segment_id, comment) or "
        "object.lastPublishedDate translating/editor_labels.py rewrites; see "
        "compat/localize.py"
    )
    unread = [
        name
        for name in (
            "location.field",
            "location.subField",
            "initialStringTranslations",
            "segment_id",
            "comment",
            "contentPath",
        )
        if name not in bundle
    ]
    assert not unread, (
        f"localize's editor (wagtail-localize.js) no longer reads {unread}: the "
        "places and dates translating/editor_labels.py writes would not show; "
        "see compat/localize.py"
    )
    assert ENGLISH_TITLE.search(bundle), (
        "localize's editor no longer titles the list of strings '<source> to "
        "<target> translation' from its props: static/js/translation-editor.js "
        "would leave it in English"
    )


def test_localize_comments_write_dates_with_date_format(translated_string):
    _segment, string_translation = translated_string

    with override("en"):
        comment = string_translation.get_comment()

    written = localize.date_as_localize_writes(string_translation.updated_at)
    assert written in comment, (
        f"localize no longer writes the date of a translated string as {written!r} "
        f"({comment!r}): translating/editor_labels.localized_comment would leave "
        "it in English; see compat/localize.py date_as_localize_writes"
    )


def test_localize_saved_string_answer_is_rendered_from_its_data(
    admin_user, french_translation, translated_string
):
    segment, _string_translation = translated_string
    request = APIRequestFactory().put(
        "/",
        urlencode({"value": "Nouveau texte"}),
        content_type="application/x-www-form-urlencoded",
    )
    force_authenticate(request, admin_user)

    response = localize.edit_string_translation(
        request, french_translation.pk, segment.pk
    )
    data = localize.saved_string_answer(response)
    if data is not None:
        data["comment"] = "Traduit à la main"
    response.render()

    assert data is not None and json.loads(response.content)["comment"] == (
        "Traduit à la main"
    ), (
        "localize no longer answers a saved string with JSON rendered from a "
        "`data` dict on the way out: translating/guards.edit_string_translation "
        "could not give its date in the translator's language; see "
        "compat/localize.py saved_string_answer"
    )


def localize_bundle():
    return Path(finders.find("wagtail_localize/js/wagtail-localize.js")).read_text(
        encoding="utf-8"
    )


def styled_tag(bundle, component):
    """The HTML element a styled component of localize's bundle renders (`Xe.h4` → h4)."""
    match = re.search(rf"[,;\s]{re.escape(component)}=\w+\.(\w+)`", bundle)
    return match and match.group(1)


# How localize's editor draws one string: its list item, classed by its state,
# holding the place's label, the source, the translation and a list of actions.
STRING_ITEM = re.compile(
    r'let (\w+)="complete";\w+\?\w+\.isErrored&&\(\1="errored"\):\1="incomplete";'
    r'.{0,80}?createElement\("li",\{className:\1\},'
    r"\w+\.location\.subField&&\w+\(\)\.createElement\((?P<place>\w+),null,"
    r"\w+\.location\.subField\),"
    r"\w+\(\)\.createElement\((?P<source>\w+),\{className:\w+\},\w+\.source\),"
    r"\w+\(\)\.createElement\((?P<translation>\w+),null,\w+\),"
    r"\w+\(\)\.createElement\((?P<actions>\w+),null,",
    re.DOTALL,
)
EDIT_BUTTON = re.compile(
    r'createElement\("li",\{key:"edit"\},\w+\(\)\.createElement\((?P<button>\w+),'
)
BLOCK_ITEM = re.compile(
    r'createElement\("li",\{key:\w+\},\w+\(\)\.createElement\((?P<heading>\w+),null,'
    r"\w+\[0\]\.location\.field\)"
)
EDITED_FIELD = re.compile(r"[,;\s](\w+)=\w+\.textarea`")


def test_localize_editor_markup_is_what_strings_to_translate_js_finds(
    admin_client, fr_policy
):
    bundle = localize_bundle()
    string, button, block = (
        STRING_ITEM.search(bundle),
        EDIT_BUTTON.search(bundle),
        BLOCK_ITEM.search(bundle),
    )

    assert string and button and block and EDITED_FIELD.search(bundle), (
        "localize's editor no longer draws a string as a list item classed "
        "complete, incomplete or errored, with its place, source, translation "
        "and actions, an edit button among them, under its block's heading: "
        "translating/static/translating/strings-to-translate.js would find no "
        "string to translate; see compat/localize.py EDITOR_MARKUP"
    )
    drawn = {
        "place": styled_tag(bundle, string["place"]),
        "source": styled_tag(bundle, string["source"]),
        "translation": styled_tag(bundle, string["translation"]),
        "actions": styled_tag(bundle, string["actions"]),
        "button": styled_tag(bundle, button["button"]),
        "blockHeading": styled_tag(bundle, block["heading"]),
    }
    assert drawn == {
        "place": "h4",
        "source": "p",
        "translation": "div",
        "actions": "ul",
        "button": "button",
        "blockHeading": "h3",
    }, (
        f"localize's editor draws a string's parts in other elements ({drawn}): "
        "strings-to-translate.js would not find them; see compat/localize.py "
        "EDITOR_MARKUP"
    )
    markup = localize.EDITOR_MARKUP
    assert (
        markup["place"].endswith(drawn["place"])
        and markup["source"].endswith(drawn["source"])
        and markup["blockHeading"].endswith(drawn["blockHeading"])
        and "textarea" in markup["field"]
        and "button" in markup["open"]
    )

    page = soup(admin_client.get(f"/admin/pages/{fr_policy.pk}/edit/"))
    assert page.select(markup["editor"]) and page.select(markup["header"]), (
        "localize's translation editor page no longer has its editor "
        f"({markup['editor']}) or a sticky header ({markup['header']}) to keep "
        "the bar of strings to translate in view; see compat/localize.py "
        "EDITOR_MARKUP"
    )


def test_localize_name_target_language_is_written_after_publish_in():
    bundle = localize_bundle()

    after_publish_in = re.findall(r'\("Publish in "\)\+(\w+)\.displayName', bundle)
    assert after_publish_in, (
        "localize's editor no longer writes its button as “Publish in ” followed "
        "by the target language's name from its props: the French button would "
        "name French with a capital again; see compat/localize.py "
        "name_target_language"
    )
