"""Cookie tables: one family or provider of cookies and a row per cookie.

Not TableBlocks, which wagtail-localize ignores: a ListBlock of StructBlocks,
in which only what a cookie does and how long it lasts are translated; its
name, kind, party and category stay the same in every language.

A row is a cookie, or a key the site keeps in the browser's web storage
(localStorage or sessionStorage): its `kind` says which.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from compat.wagtail import migration_aliases

from ..admin_comparison import CookieComparison, CookieListComparison
from ..durations import lifetime_mismatch
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

    def kind_label(self):
        return choice_label(self.block.child_blocks["kind"], self["kind"])

    def is_cookie(self):
        return self["kind"] == COOKIE


# Every cookie belongs to one of these; consent is asked for all but the first.
COOKIE_CATEGORIES = [
    ("necessary", _("Strictly necessary")),
    ("analytics", _("Analytics")),
    ("functionality", _("Functionality")),
    ("marketing", _("Marketing")),
]


# What a row declares: a cookie, or a key of the browser's web storage. The
# codes are the names of the browser's objects (window.localStorage).
COOKIE = "cookie"
COOKIE_KINDS = [
    (COOKIE, _("Cookie")),
    ("localStorage", _("Key in the browser's local storage (localStorage)")),
    ("sessionStorage", _("Key in the browser's session storage (sessionStorage)")),
]
# A storage key's row, as the translation editor names it.
STORAGE_LABELS = {
    "localStorage": _("Local storage key"),
    "sessionStorage": _("Session storage key"),
}
# The characters of a cookie's name (RFC 6265's token; `*` stands for any).
COOKIE_NAME = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")


class CookieBlock(blocks.StructBlock):
    """One cookie, or one key of web storage: a row of a cookie table."""

    # A storage key may hold any character but line breaks and other control
    # characters, and neither starts nor ends with a space; a cookie's name
    # is held to COOKIE_NAME in clean().
    name = blocks.RegexBlock(
        regex=r"^[^\s\x00-\x1f\x7f](?:[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f])?$",
        max_length=100,
        label=_("Cookie name"),
        help_text=_(
            "Exactly as the browser shows it, for example _ga (for local or session "
            "storage, the key). It stays the same in every language."
        ),
        error_messages={
            "required": _("Give the cookie's name, exactly as the browser shows it."),
            "invalid": _(
                "A name has no line breaks or tabs, and no space at its start or end."
            ),
        },
    )
    kind = blocks.ChoiceBlock(
        choices=COOKIE_KINDS,
        default=COOKIE,
        label=_("Kind"),
        help_text=_(
            "A cookie, or a key the site keeps in the browser: local storage keeps "
            "it until it is removed, session storage until the tab is closed."
        ),
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
    # Numbers, the same in every language: wagtail-localize extracts no
    # IntegerBlock or BooleanBlock, and copies them from the English page.
    max_age_seconds = blocks.IntegerBlock(
        required=False,
        min_value=0,
        label=_("Lifetime in seconds"),
        help_text=_(
            "The same length in seconds, for programs that read the policy: "
            "2 years is 63072000, 30 days 2592000, 24 hours 86400. Leave it empty "
            "for a cookie deleted when the browser closes."
        ),
    )
    refreshed = blocks.BooleanBlock(
        required=False,
        label=_("Set again at each visit"),
        help_text=_(
            "Tick if its lifetime starts again each time the website sets it "
            "(Google Analytics' _ga does)."
        ),
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

    def clean(self, value):
        """Every field's own checks, and a cookie's name held to a cookie's characters."""
        errors, non_block_errors = {}, None
        try:
            cleaned = super().clean(value)
        except StructBlockValidationError as error:
            cleaned = None
            errors = dict(error.block_errors)
            non_block_errors = error.non_block_errors
        if (
            "name" not in errors
            and value.get("kind", COOKIE) == COOKIE
            and value.get("name")
            and not COOKIE_NAME.match(value["name"])
        ):
            errors["name"] = forms.ValidationError(
                _("A cookie name has no spaces, commas or semicolons."),
                code="invalid",
            )
        if "duration" not in errors and "max_age_seconds" not in errors:
            # The number as its field reads it (the form posts it as text).
            seconds = self.child_blocks["max_age_seconds"].clean(
                value.get("max_age_seconds")
            )
            message = lifetime_error(value.get("duration"), seconds)
            if message:
                errors["max_age_seconds"] = forms.ValidationError(
                    message, code="lifetime"
                )
        if errors or non_block_errors:
            raise StructBlockValidationError(
                block_errors=errors, non_block_errors=non_block_errors
            )
        return cleaned

    def value_label(self, value):
        """What the row is, for the translation editor's labels (translating/editor_labels.py)."""
        return STORAGE_LABELS.get(value.get("kind"), self.label)

    def get_comparison_class(self):
        return CookieComparison

    def get_api_representation(self, value, context=None):
        """Plain fields; kind, party and category as stable codes and labels in the active language."""
        return {
            "name": value["name"],
            "purpose": value["purpose"],
            "duration": value["duration"],
            "maxAgeSeconds": value.get("max_age_seconds"),
            "refreshed": bool(value.get("refreshed")),
            "party": value["party"],
            "party_label": str(value.party_label()),
            "category": value["category"],
            "category_label": str(value.category_label()),
            "kind": value["kind"],
            "kind_label": str(value.kind_label()),
        }

    class Meta:
        icon = "tag"
        label = _("Cookie")
        label_format = "{name}"
        value_class = CookieValue


def lifetime_error(duration, max_age_seconds):
    """The editor's message when a row's seconds disagree with its words, or None."""
    mismatch = lifetime_mismatch(duration, max_age_seconds)
    if mismatch is None:
        return None
    reason, meaning = mismatch
    if reason == "session":
        return _(
            "“%(duration)s” says the cookie is deleted when the browser closes: "
            "leave the seconds empty, or say how long it lasts."
        ) % {"duration": duration}
    shortest, longest = meaning
    if shortest == longest:
        expected = _("%(seconds)d seconds") % {"seconds": shortest}
    else:
        expected = _("between %(shortest)d and %(longest)d seconds") % {
            "shortest": shortest,
            "longest": longest,
        }
    if reason == "number":
        return _(
            "“%(duration)s” is %(expected)s: give the number, or say that the "
            "cookie lasts until the browser closes."
        ) % {"duration": duration, "expected": expected}
    return _(
        "%(seconds)d seconds is not “%(duration)s”, which is %(expected)s: "
        "correct the number or the words."
    ) % {"seconds": max_age_seconds, "duration": duration, "expected": expected}


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
        # A cookie and a storage key may share a name: they are different things.
        seen = set()
        errors = {}
        for index, cookie in enumerate(value["cookies"]):
            if (cookie["name"], cookie["kind"]) in seen:
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
            seen.add((cookie["name"], cookie["kind"]))
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
                    "max_age_seconds": 2592000,
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
