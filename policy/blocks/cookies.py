"""Cookie tables: one family or provider of cookies and a row per cookie.

Not TableBlocks, which wagtail-localize ignores: a ListBlock of StructBlocks,
in which only what a cookie does and how long it lasts are translated; its
name, party and category stay the same in every language.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from compat.wagtail import migration_aliases

from ..admin_comparison import CookieComparison, CookieListComparison
from ..plain_text import choice_label
from .base import (
    PREVIEW_TEMPLATE,
    SHORT_TEXT_FEATURES,
    EditorCharBlock,
    EditorChoiceBlock,
    EditorRichTextBlock,
    EditorTextBlock,
)


class CookieValue(blocks.StructValue):
    def party_label(self):
        return choice_label(self.block.child_blocks["party"], self["party"])

    def category_label(self):
        return choice_label(self.block.child_blocks["category"], self["category"])


# Every cookie belongs to one of these; consent is asked for all but the first.
COOKIE_CATEGORIES = [
    ("necessary", _("Strictly necessary")),
    ("analytics", _("Analytics")),
    ("functionality", _("Functionality")),
    ("marketing", _("Marketing")),
]


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
        choices=COOKIE_CATEGORIES,
        label=_("Category"),
        help_text=_(
            "Strictly necessary cookies need no consent; the other categories do."
        ),
        required_message=_("Choose the category this cookie belongs to."),
    )

    def get_comparison_class(self):
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
        label_format = "{name}"
        value_class = CookieValue


class CookieListBlock(blocks.ListBlock):
    """The rows of a cookie table, which the admin's revision comparison shows cookie by cookie."""

    def get_comparison_class(self):
        return CookieListComparison

    class Meta:
        # A cookie's five fields take a screen: the table lists the cookies by
        # name, and the editor opens the one to change.
        collapsed = True

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


# Migrations name these blocks by the package that exports them (Wagtail
# reads DECONSTRUCT_ALIASES from the block's module: compat/wagtail.py).
DECONSTRUCT_ALIASES = migration_aliases(
    "policy.blocks",
    (CookieBlock, CookieListBlock, CookieTableBlock),
)
