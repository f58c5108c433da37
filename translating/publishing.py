"""Publishing from localize's translation editor, its message naming the
language as a sentence writes it.

localize says “« Confidentialité et Cookies » a été publié(e) en Français.”:
its message puts the language's name, as it stands alone in a list, inside a
sentence, where French writes it in lower case (languages/names.py). The
hooks in wagtail_hooks.py hand the publication to localize's own view, then
write its message again with the name as the sentence needs it.
"""

import re

from django.contrib import messages
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext

from wagtail.models import TranslatableMixin
from wagtail_localize.models import Translation

from compat import localize
from languages.names import in_sentence

PLACEHOLDERS = re.compile(r"(\{object\}|\{locale\})")


def publishes_translation(request, instance):
    """Whether the request is the translation editor's publish button for `instance`."""
    key, value = localize.PUBLISH_ACTION
    return (
        request.method == "POST"
        and request.POST.get(key) == value
        and isinstance(instance, TranslatableMixin)
    )


def publish(request, instance):
    """localize's editor publishing the translation `instance`; None if it is no translation."""
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("target_locale")
        .first()
    )
    if translation is None:
        return None
    response = localize.edit_translation(request, translation, instance)
    name_language_in_sentences(
        request, str(translation.target_locale.get_display_name())
    )
    return response


def sentence(template, name):
    """A pattern for the start of localize's message `template` with the language `name`.

    Wagtail's admin messages are HTML (wagtail.admin.messages renders them,
    escaped, buttons after): the pattern reads the escaped text, and names
    the language's place `locale`.
    """
    pattern = [r"\s*"]
    for part in PLACEHOLDERS.split(template):
        if part == "{object}":
            pattern.append("(?P<object>.*?)")
        elif part == "{locale}":
            pattern.append(f"(?P<locale>{re.escape(escape(name))})")
        else:
            pattern.append(re.escape(escape(part)))
    return re.compile("".join(pattern), re.DOTALL)


def name_language_in_sentences(request, name):
    """localize's messages about publishing, with the language's `name` as a sentence writes it."""
    written = in_sentence(name)
    if written == name:
        return
    patterns = [
        sentence(gettext(message), name) for message in localize.PUBLISHED_MESSAGES
    ]
    # Reading the messages takes them out; each goes back, rewritten or not.
    for message in list(messages.get_messages(request)):
        text = message.message
        match = isinstance(text, SafeData) and next(
            filter(None, (pattern.match(text) for pattern in patterns)), None
        )
        if match:
            before, after = text[: match.start("locale")], text[match.end("locale") :]
            text = mark_safe(  # noqa: S308 (Wagtail's HTML, the name escaped like it)
                before + str(escape(written)) + after
            )
        messages.add_message(
            request, message.level, text, extra_tags=message.extra_tags
        )
