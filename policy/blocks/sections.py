"""The policy's body: sections, and the blocks a section holds besides cookie tables."""

from types import SimpleNamespace

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from compat.wagtail import migration_aliases

from ..transparency import item_choices
from .base import (
    PREVIEW_TEMPLATE,
    TEXT_FEATURES,
    EditorCharBlock,
    EditorRichTextBlock,
    SameInEveryLanguageBlock,
)
from .cookies import CookieTableBlock


class CalloutBlock(blocks.StructBlock):
    """A short passage set apart from the text, such as a list of promises."""

    title = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Title"),
        help_text=_("Optional. A few words shown above the highlighted text."),
    )
    text = EditorRichTextBlock(
        features=TEXT_FEATURES,
        label=_("Text"),
        help_text=_("Keep it short: a few sentences or a list."),
        required_message=_("Write the text of the highlighted box."),
    )

    class Meta:
        icon = "pick"
        label = _("Highlighted box")
        template = "policy/blocks/callout.html"
        description = _("Sets a short passage apart, for example the promises we make.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "title": "",
            "text": (
                "<ul><li>We are committed to protecting your privacy online</li>"
                "<li>We do not sell, rent or exchange your personal data with any "
                "third party for commercial reasons</li></ul>"
            ),
        }


class ContactBlock(blocks.StructBlock):
    """Where to write to, and how to reach the compliance team."""

    recipient = SameInEveryLanguageBlock(
        max_length=120,
        label=_("Department or person"),
        help_text=_(
            "As it must appear on an envelope, for example Internal Compliance "
            "Department. It stays the same in every language."
        ),
        required_message=_("Say who the post is for, as on an envelope."),
    )
    address = blocks.ListBlock(
        SameInEveryLanguageBlock(
            max_length=120,
            label=_("Address line"),
            required_message=_("Fill in this address line, or remove it."),
        ),
        min_num=1,
        label=_("Postal address"),
        help_text=_(
            "One line per row, without the country. It stays the same in every "
            "language so that post arrives."
        ),
    )
    country = EditorCharBlock(
        max_length=60,
        label=_("Country"),
        help_text=_("Translated for readers, for example United Kingdom."),
        required_message=_("Give the country of the address."),
    )
    email = blocks.EmailBlock(
        required=False,
        label=_("Email address"),
        help_text=_("Optional. The team's email address."),
    )
    telephone = SameInEveryLanguageBlock(
        required=False,
        max_length=40,
        label=_("Telephone"),
        help_text=_(
            "Optional, with the international code, for example +44 1793 000000."
        ),
    )

    class Meta:
        icon = "mail"
        label = _("Contact details")
        template = "policy/blocks/contact.html"
        description = _("The postal address, and optionally the email and telephone.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "recipient": "Internal Compliance Department",
            "address": ["55 Home Close", "Chiseldon", "Swindon", "Wiltshire SN4 0ND"],
            "country": "United Kingdom",
            "email": "",
            "telephone": "",
        }


class LastUpdatedBlock(blocks.StaticBlock):
    """Where the policy says when it last changed: the date comes from the version history."""

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context)
        # The sentence shows the policy's latest major change, which a preview
        # does not have: today's date stands in for it.
        context["policy_version"] = SimpleNamespace(published_at=timezone.now())
        context["history_url"] = "#"
        return context

    def get_api_representation(self, value, context=None):
        """The date and history link the sentence shows, from the context the page gives."""
        context = context or {}
        version = context.get("policy_version")
        published = version and timezone.localtime(version.published_at).date()
        return {
            "date": published.isoformat() if published else None,
            "history_url": context.get("history_url"),
        }

    class Meta:
        icon = "date"
        label = _("“Last updated” sentence")
        admin_text = _(
            "Shows “This privacy notice was last updated on …” with the date of the "
            "latest major change and a link to all updates. Nothing to fill in: the "
            "date is set when a major change is published."
        )
        template = "policy/blocks/last_updated.html"
        description = _(
            "The date the policy last changed, kept up to date automatically."
        )
        preview_template = PREVIEW_TEMPLATE


class ParagraphBlock(EditorRichTextBlock):
    """Paragraphs of the policy's text, with lists and links."""

    class Meta:
        icon = "pilcrow"
        description = _("Paragraphs of text, with lists and links.")
        required_message = _("This text is empty: write some text here, or delete it.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = (
            "<p>At DMJ Computer Services Ltd, we recognise the importance of "
            "protecting your personal information.</p>"
        )


class SectionContentBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock(
        features=TEXT_FEATURES,
        label=_("Text"),
        help_text=_("Paragraphs and bulleted or numbered lists."),
    )
    callout = CalloutBlock()
    cookie_table = CookieTableBlock()
    contact = ContactBlock()
    last_updated = LastUpdatedBlock()

    # A section needs some content, but without min_num: Wagtail's editor would
    # show “The minimum number of items is 1” as soon as the last block goes.
    # clean() says it in plain words when publishing; a draft may stay empty.
    def clean(self, value):
        if not value and not self.is_deferred_validation:
            raise StreamBlockValidationError(
                non_block_errors=[
                    forms.ValidationError(
                        _(
                            "This section is empty: add some text, or remove the "
                            "section."
                        ),
                        code="required",
                    )
                ]
            )
        return super().clean(value)


anchor_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lower-case letters, digits and hyphens only, for example use-of-cookies."),
)


class SectionBlock(blocks.StructBlock):
    """A numbered part of the policy with its own heading and a link in the contents."""

    heading = EditorCharBlock(
        max_length=120,
        label=_("Heading"),
        help_text=_("The section's title, shown in the table of contents."),
        required_message=_("Give this section a heading."),
    )
    anchor = SameInEveryLanguageBlock(
        required=False,
        max_length=80,
        validators=[anchor_validator],
        label=_("Link name"),
        help_text=_(
            "The end of this section's web address (…#use-of-cookies). Leave empty to "
            "make one from the heading. Once published, keep it: others may link to it."
        ),
    )
    content = SectionContentBlock(label=_("Content"))
    # Codes, copied from the English page into every translation (localize
    # extracts no choice block): translators never see them.
    covers = blocks.MultipleChoiceBlock(
        choices=item_choices,
        required=False,
        search_index=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Covers"),
        help_text=_(
            "Tick what this section tells readers of what a privacy notice must "
            "say (the transparency checklist). The same in every language."
        ),
    )

    def clean(self, value):
        value = super().clean(value)
        if not value["anchor"]:
            value["anchor"] = slugify(value["heading"]) or "section"
        return value

    class Meta:
        icon = "doc-full"
        label = _("Section")
        # A collapsed section shows its heading, so the editor can find it.
        label_format = "{heading}"
        template = "policy/blocks/section.html"
        description = _("A part of the policy with a heading, text and tables.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "heading": "Becoming a Client",
            "anchor": "becoming-a-client",
            "content": [
                {
                    "type": "paragraph",
                    "value": (
                        "<p>If you later become one of our clients, we will need to "
                        "collect further information about you, including your "
                        "company name, business address and telephone number.</p>"
                    ),
                }
            ],
        }


class PolicyBodyBlock(blocks.StreamBlock):
    section = SectionBlock()

    def clean(self, value):
        value = super().clean(value)
        seen = {}
        errors = {}
        for index, child in enumerate(value):
            anchor = child.value["anchor"]
            if anchor in seen:
                errors[index] = StructBlockValidationError(
                    block_errors={
                        "anchor": forms.ValidationError(
                            _(
                                "Another section already uses the link name "
                                "“%(anchor)s”: choose a different one."
                            )
                            % {"anchor": anchor}
                        )
                    }
                )
            seen.setdefault(anchor, index)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value

    class Meta:
        min_num = 1
        # Sixteen open sections make a form many screens long: the editor
        # opens the one to change. A section with an error opens by itself.
        collapsed = True


# Migrations name these blocks by the package that exports them (Wagtail
# reads DECONSTRUCT_ALIASES from the block's module: compat/wagtail.py).
DECONSTRUCT_ALIASES = migration_aliases(
    "policy.blocks",
    (
        CalloutBlock,
        ContactBlock,
        LastUpdatedBlock,
        ParagraphBlock,
        SectionContentBlock,
        SectionBlock,
        PolicyBodyBlock,
    ),
)
