"""Blocks any part of the policy can reuse: fields that tell editors what is missing.

wagtail-localize turns every CharBlock, TextBlock and RichTextBlock into a
string for translators and copies every other block from the English page.
`SameInEveryLanguageBlock` is for the values that must read the same in every
language (a name, an address line, an anchor).
"""

from django import forms
from django.utils.functional import cached_property

from wagtail import blocks
from wagtail.rich_text import expand_db_html
from wagtail.utils.text import text_from_html

from compat.wagtail import migration_aliases

TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]
SHORT_TEXT_FEATURES = ["bold", "italic", "link"]

# The block chooser's preview of each block, styled like the public site.
PREVIEW_TEMPLATE = "policy/blocks/preview.html"


class SaysWhatIsMissing:
    """For a field block: left empty, it tells the editor what to fill in.

    Give the block a `required_message`, such as “Say how long this cookie
    lasts.”: Django's “This field is required.” does not say which of the
    policy's many fields is meant, nor what belongs in it.
    """

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError as error:
            message = getattr(self.meta, "required_message", None)
            if message and getattr(error, "code", None) == "required":
                raise forms.ValidationError(message, code="required") from error
            raise


class EditorCharBlock(SaysWhatIsMissing, blocks.CharBlock):
    """A CharBlock that says what is missing when it is left empty."""


class EditorTextBlock(SaysWhatIsMissing, blocks.TextBlock):
    """A TextBlock that says what is missing when it is left empty."""


class EditorRichTextBlock(SaysWhatIsMissing, blocks.RichTextBlock):
    """A RichTextBlock that says what is missing when it is left empty."""

    def clean(self, value):
        value = super().clean(value)
        # The editor can leave an empty paragraph or list item behind: a text
        # with nothing to read is as empty as no text at all.
        if self.required and not text_from_html(value.source).strip():
            raise forms.ValidationError(
                getattr(self.meta, "required_message", None)
                or self.field.error_messages["required"],
                code="required",
            )
        return value

    def get_api_representation(self, value, context=None):
        """The HTML readers get, with Wagtail's link and embed markup expanded.

        policy/api_fields.py expands a page's rich texts in one pass and passes them in
        `expanded_rich_text`; a text it did not expand is expanded here.
        """
        expanded = (context or {}).get("expanded_rich_text", {})
        if value.source in expanded:
            return expanded[value.source]
        return expand_db_html(value.source)


class EditorChoiceBlock(SaysWhatIsMissing, blocks.ChoiceBlock):
    """A ChoiceBlock that says what is missing when nothing is chosen."""


class SameInEveryLanguageBlock(SaysWhatIsMissing, blocks.FieldBlock):
    """A line of text that is never translated: a name, an address line, an anchor.

    It deliberately does not subclass CharBlock, so wagtail-localize copies the
    English value to every translation instead of asking translators for it.
    """

    def __init__(
        self, required=True, help_text=None, max_length=255, validators=(), **kwargs
    ):
        self.field_options = {
            "required": required,
            "help_text": help_text,
            "max_length": max_length,
            "validators": validators,
        }
        super().__init__(**kwargs)

    @cached_property
    def field(self):
        return forms.CharField(**self.field_options)

    class Meta:
        icon = "lock"


# Migrations name these blocks by the package that exports them (Wagtail
# reads DECONSTRUCT_ALIASES from the block's module: compat/wagtail.py).
DECONSTRUCT_ALIASES = migration_aliases(
    "policy.blocks",
    (
        EditorCharBlock,
        EditorTextBlock,
        EditorRichTextBlock,
        EditorChoiceBlock,
        SameInEveryLanguageBlock,
    ),
)
