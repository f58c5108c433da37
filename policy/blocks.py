"""StreamField blocks that make up a privacy and cookie policy.

wagtail-localize turns every CharBlock, TextBlock and RichTextBlock into a
string for translators and copies every other block from the English page.
Cookie names, postal addresses and section anchors must read the same in every
language, so they use block types localize does not extract.
"""

from types import SimpleNamespace

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.rich_text import expand_db_html
from wagtail.utils.text import text_from_html

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

        policy/api.py expands a page's rich texts in one pass and passes them in
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


def choice_label(block, value):
    """What readers see for a ChoiceBlock's stored `value`: its label, still lazy.

    Lazy, so that it reads in the language of whichever page shows it.
    """
    return dict(block.field.choices).get(value, value)


class CookieValue(blocks.StructValue):
    def party_label(self):
        return choice_label(self.block.child_blocks["party"], self["party"])

    def category_label(self):
        return choice_label(self.block.child_blocks["category"], self["category"])


class CookieBlock(blocks.StructBlock):
    """One cookie: a row of a cookie table."""

    name = blocks.RegexBlock(
        regex=r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$",
        max_length=100,
        label=_("Cookie name"),
        help_text=_(
            "Exactly as the browser shows it, for example _ga. It stays the same in "
            "every language."
        ),
        error_messages={
            "required": _("Give the cookie's name, exactly as the browser shows it."),
            "invalid": _("A cookie name has no spaces, commas or semicolons."),
        },
    )
    purpose = EditorTextBlock(
        max_length=500,
        label=_("What it does"),
        help_text=_("One or two plain sentences, for example: Tells visitors apart."),
        required_message=_("Say what this cookie does."),
    )
    duration = EditorCharBlock(
        max_length=60,
        label=_("How long it lasts"),
        help_text=_("For example: 2 years, 24 hours, until you close your browser."),
        required_message=_("Say how long this cookie lasts."),
    )
    party = blocks.ChoiceBlock(
        choices=[
            ("first", _("First party (this website)")),
            ("third", _("Third party (another company)")),
        ],
        default="first",
        label=_("Set by"),
        help_text=_(
            "First party if it is stored under this website's address, third party "
            "if another company's website stores it."
        ),
    )
    category = EditorChoiceBlock(
        choices=[
            ("necessary", _("Strictly necessary")),
            ("analytics", _("Analytics")),
            ("functionality", _("Functionality")),
            ("marketing", _("Marketing")),
        ],
        label=_("Category"),
        help_text=_(
            "Strictly necessary cookies need no consent; the other categories do."
        ),
        required_message=_("Choose the category this cookie belongs to."),
    )

    def get_comparison_class(self):
        from .admin_compare import CookieComparison

        return CookieComparison

    def get_api_representation(self, value, context=None):
        """Plain fields; party and category as stable codes and labels in the active language."""
        return {
            "name": value["name"],
            "purpose": value["purpose"],
            "duration": value["duration"],
            "party": value["party"],
            "party_label": str(value.party_label()),
            "category": value["category"],
            "category_label": str(value.category_label()),
        }

    class Meta:
        icon = "tag"
        label = _("Cookie")
        value_class = CookieValue


class CookieListBlock(blocks.ListBlock):
    """The rows of a cookie table, which the admin's revision comparison shows cookie by cookie."""

    def get_comparison_class(self):
        from .admin_compare import CookieListComparison

        return CookieListComparison

    def get_api_representation(self, value, context=None):
        # Each row keeps its id, the same in every language, so that a front
        # end can match a cookie across translations.
        return [
            {
                "id": item.id,
                **self.child_block.get_api_representation(item.value, context),
            }
            for item in value.bound_blocks
        ]


class CookieTableBlock(blocks.StructBlock):
    """Every cookie of one family or provider (Google Analytics, Cloudflare...)."""

    provider = EditorCharBlock(
        max_length=100,
        label=_("Cookie family or provider"),
        help_text=_(
            "The service that uses these cookies, for example Google Analytics."
        ),
        required_message=_(
            "Say which service uses these cookies, for example Google Analytics."
        ),
    )
    purpose = EditorRichTextBlock(
        features=SHORT_TEXT_FEATURES,
        label=_("What these cookies are for"),
        help_text=_(
            "Explain in plain words why the website uses this family of cookies."
        ),
        required_message=_("Explain why the website uses these cookies."),
    )
    cookies = CookieListBlock(
        CookieBlock(),
        min_num=1,
        label=_("Cookies"),
        help_text=_("One row per cookie. Each name may appear only once in a table."),
    )

    def clean(self, value):
        value = super().clean(value)
        # The error goes on the repeated row's name, where the editor fixes it.
        seen = set()
        errors = {}
        for index, cookie in enumerate(value["cookies"]):
            if cookie["name"] in seen:
                errors[index] = StructBlockValidationError(
                    block_errors={
                        "name": forms.ValidationError(
                            _(
                                "“%(name)s” is already in this table: remove this "
                                "row or correct the name."
                            )
                            % {"name": cookie["name"]}
                        )
                    }
                )
            seen.add(cookie["name"])
        if errors:
            raise StructBlockValidationError(
                block_errors={"cookies": ListBlockValidationError(block_errors=errors)}
            )
        return value

    class Meta:
        icon = "table"
        label = _("Cookie table")
        template = "policy/blocks/cookie_table.html"
        description = _(
            "A table listing the cookies of one family or provider, with what each "
            "cookie does, how long it lasts and who sets it."
        )
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "provider": "Cloudflare",
            "purpose": (
                "<p>Our website uses the Cloudflare service to improve performance "
                "and security.</p>"
            ),
            "cookies": [
                {
                    "name": "_cfduid",
                    "purpose": (
                        "Lets Cloudflare recognise legitimate visitors who share an "
                        "internet connection with others."
                    ),
                    "duration": "30 days",
                    "party": "first",
                    "category": "necessary",
                }
            ],
        }


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

    def clean(self, value):
        value = super().clean(value)
        if not value["anchor"]:
            value["anchor"] = slugify(value["heading"]) or "section"
        return value

    class Meta:
        icon = "doc-full"
        label = _("Section")
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
