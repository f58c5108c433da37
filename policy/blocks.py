"""StreamField blocks that make up a privacy and cookie policy.

wagtail-localize turns every CharBlock, TextBlock and RichTextBlock into a
string for translators and copies every other block from the English page.
Cookie names, postal addresses and section anchors must read the same in every
language, so they use block types localize does not extract.
"""

from collections import Counter

from django import forms
from django.core.validators import RegexValidator
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]
SHORT_TEXT_FEATURES = ["bold", "italic", "link"]


class SameInEveryLanguageBlock(blocks.FieldBlock):
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


class CookieValue(blocks.StructValue):
    def _label(self, name):
        choices = dict(self.block.child_blocks[name].field.choices)
        return choices.get(self[name], self[name])

    def party_label(self):
        return self._label("party")

    def category_label(self):
        return self._label("category")


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
            "invalid": _("A cookie name has no spaces, commas or semicolons.")
        },
    )
    purpose = blocks.TextBlock(
        max_length=500,
        label=_("What it does"),
        help_text=_("One or two plain sentences, for example: Tells visitors apart."),
    )
    duration = blocks.CharBlock(
        max_length=60,
        label=_("How long it lasts"),
        help_text=_("For example: 2 years, 24 hours, until you close your browser."),
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
    category = blocks.ChoiceBlock(
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
    )

    class Meta:
        icon = "tag"
        label = _("Cookie")
        value_class = CookieValue


class CookieTableBlock(blocks.StructBlock):
    """Every cookie of one family or provider (Google Analytics, Cloudflare...)."""

    provider = blocks.CharBlock(
        max_length=100,
        label=_("Cookie family or provider"),
        help_text=_(
            "The service that uses these cookies, for example Google Analytics."
        ),
    )
    purpose = blocks.RichTextBlock(
        features=SHORT_TEXT_FEATURES,
        label=_("What these cookies are for"),
        help_text=_(
            "Explain in plain words why the website uses this family of cookies."
        ),
    )
    cookies = blocks.ListBlock(
        CookieBlock(),
        min_num=1,
        label=_("Cookies"),
        help_text=_("One row per cookie. Each name may appear only once in a table."),
    )

    def clean(self, value):
        value = super().clean(value)
        names = Counter(cookie["name"] for cookie in value["cookies"])
        repeated = sorted(name for name, count in names.items() if count > 1)
        if repeated:
            raise StructBlockValidationError(
                block_errors={
                    "cookies": forms.ValidationError(
                        _("Each cookie may appear only once in a table: %(names)s.")
                        % {"names": ", ".join(repeated)}
                    )
                }
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


class CalloutBlock(blocks.StructBlock):
    """A short passage set apart from the text, such as a list of promises."""

    title = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Title"),
        help_text=_("Optional. A few words shown above the highlighted text."),
    )
    text = blocks.RichTextBlock(
        features=TEXT_FEATURES,
        label=_("Text"),
        help_text=_("Keep it short: a few sentences or a list."),
    )

    class Meta:
        icon = "pick"
        label = _("Highlighted box")
        template = "policy/blocks/callout.html"
        description = _("Sets a short passage apart, for example the promises we make.")


class ContactBlock(blocks.StructBlock):
    """Where to write to, and how to reach the compliance team."""

    recipient = SameInEveryLanguageBlock(
        max_length=120,
        label=_("Department or person"),
        help_text=_(
            "As it must appear on an envelope, for example Internal Compliance "
            "Department. It stays the same in every language."
        ),
    )
    address = blocks.ListBlock(
        SameInEveryLanguageBlock(max_length=120, label=_("Address line")),
        min_num=1,
        label=_("Postal address"),
        help_text=_(
            "One line per row, without the country. It stays the same in every "
            "language so that post arrives."
        ),
    )
    country = blocks.CharBlock(
        max_length=60,
        label=_("Country"),
        help_text=_("Translated for readers, for example United Kingdom."),
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


class LastUpdatedBlock(blocks.StaticBlock):
    """Where the policy says when it last changed: the date comes from the version history."""

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


class SectionContentBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=TEXT_FEATURES,
        label=_("Text"),
        help_text=_("Paragraphs and bulleted or numbered lists."),
        description=_("Paragraphs of text, with lists and links."),
        icon="pilcrow",
    )
    callout = CalloutBlock()
    cookie_table = CookieTableBlock()
    contact = ContactBlock()
    last_updated = LastUpdatedBlock()

    class Meta:
        min_num = 1


anchor_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lower-case letters, digits and hyphens only, for example use-of-cookies."),
)


class SectionBlock(blocks.StructBlock):
    """A numbered part of the policy with its own heading and a link in the contents."""

    heading = blocks.CharBlock(
        max_length=120,
        label=_("Heading"),
        help_text=_("The section's title, shown in the table of contents."),
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
