"""The policy's structured facts: what the notice states, as data for the API.

Who the controller is and how to reach them, the data protection officer and
the representative if there are any, the supervisory authorities, each purpose
with its lawful basis, and how long data is kept. Readers do not see them on
the page: they sit beside the text, which stays as the company wrote it.

Words (a purpose, a retention period, an authority's name) are translated with
the rest of the page; codes (a lawful basis, a country, a duration) and names
that stay the same in every language are copied from the English page, because
wagtail-localize extracts no choice block and no SameInEveryLanguageBlock.
"""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from compat.wagtail import migration_aliases

from ..transparency import lawful_basis_choices
from .base import EditorCharBlock, EditorChoiceBlock, SameInEveryLanguageBlock

country_validator = RegexValidator(
    r"^[A-Z]{2}$", _("Use the country's two-letter code in capitals, such as GB or FR.")
)
# An ISO 8601 duration in years, months, weeks or days: P4Y, P6M, P13M, P30D.
duration_validator = RegexValidator(
    r"^P(?=\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$",
    _("Write the duration as P, a number and Y, M, W or D, such as P4Y for 4 years."),
)


class ContactPointBlock(blocks.StructBlock):
    """A company or person and how to reach them; the same in every language."""

    name = SameInEveryLanguageBlock(
        max_length=120,
        label=_("Name"),
        help_text=_("As it is registered, for example DMJ Computer Services Ltd."),
        required_message=_("Give the name."),
    )
    department = SameInEveryLanguageBlock(
        required=False,
        max_length=120,
        label=_("Department or person"),
        help_text=_("Optional. Who post and messages are for."),
    )
    address = blocks.ListBlock(
        SameInEveryLanguageBlock(
            max_length=120,
            label=_("Address line"),
            required_message=_("Fill in this address line, or remove it."),
        ),
        label=_("Postal address"),
        help_text=_("One line per row, without the country."),
    )
    country = SameInEveryLanguageBlock(
        required=False,
        max_length=2,
        validators=[country_validator],
        label=_("Country code"),
        help_text=_("The country's two-letter code, for example GB."),
    )
    email = blocks.EmailBlock(required=False, label=_("Email address"))
    telephone = SameInEveryLanguageBlock(
        required=False,
        max_length=40,
        label=_("Telephone"),
        help_text=_("With the international code, for example +44 1793 000000."),
    )

    class Meta:
        icon = "user"
        label_format = "{name}"


class AuthorityBlock(blocks.StructBlock):
    """A supervisory authority readers may complain to."""

    name = EditorCharBlock(
        max_length=160,
        label=_("Name"),
        help_text=_(
            "For example Information Commissioner's Office. Translated for readers."
        ),
        required_message=_("Give the authority's name."),
    )
    url = blocks.URLBlock(
        label=_("Web address"),
        help_text=_("Where readers complain, for example https://ico.org.uk/."),
    )
    country = SameInEveryLanguageBlock(
        max_length=2,
        validators=[country_validator],
        label=_("Country code"),
        help_text=_(
            "The country whose authority it is: GB for the ICO, FR for the CNIL."
        ),
        required_message=_("Give the authority's country, for example GB."),
    )

    class Meta:
        icon = "site"
        label = _("Supervisory authority")
        label_format = "{name}"


class PurposeBlock(blocks.StructBlock):
    """What data is used for, and the lawful basis that allows it."""

    description = EditorCharBlock(
        max_length=300,
        label=_("Purpose"),
        help_text=_("In a few words, for example Answering enquiries. Translated."),
        required_message=_("Say what the data is used for."),
    )
    lawful_basis = EditorChoiceBlock(
        choices=lawful_basis_choices,
        label=_("Lawful basis"),
        help_text=_("The basis of Art. 6(1) this purpose relies on."),
        required_message=_("Choose the lawful basis of this purpose."),
    )
    legitimate_interests = EditorCharBlock(
        required=False,
        max_length=300,
        label=_("Legitimate interests"),
        help_text=_("For the basis legitimate interests: which interests. Translated."),
    )

    def clean(self, value):
        value = super().clean(value)
        if (
            value["lawful_basis"] == "legitimate_interests"
            and not (value["legitimate_interests"] or "").strip()
        ):
            raise StructBlockValidationError(
                block_errors={
                    "legitimate_interests": forms.ValidationError(
                        _("Say which legitimate interests this purpose relies on.")
                    )
                }
            )
        return value

    class Meta:
        icon = "tick"
        label = _("Purpose")
        label_format = "{description}"


class RetentionBlock(blocks.StructBlock):
    """How long some data is kept, or the criteria for it."""

    data = EditorCharBlock(
        max_length=200,
        label=_("Data"),
        help_text=_("Which data, for example Complaint files. Translated."),
        required_message=_("Say which data is kept."),
    )
    period = EditorCharBlock(
        max_length=300,
        label=_("How long"),
        help_text=_(
            "As the policy says it, for example 4 years from the closure of the "
            "file. Translated."
        ),
        required_message=_("Say how long it is kept, or what decides it."),
    )
    duration = SameInEveryLanguageBlock(
        required=False,
        max_length=20,
        validators=[duration_validator],
        label=_("Duration code"),
        help_text=_("Optional, for machines: P4Y for 4 years, P13M for 13 months."),
    )

    class Meta:
        icon = "time"
        label = _("Retention")
        label_format = "{data}"


class FactsBlock(blocks.StreamBlock):
    controller = ContactPointBlock(
        label=_("Controller"),
        help_text=_("The company responsible for the data, and its contact details."),
    )
    representative = ContactPointBlock(
        label=_("Representative"),
        help_text=_("Only for a company based outside the UK or the EU."),
    )
    dpo = ContactPointBlock(label=_("Data protection officer"))
    authority = AuthorityBlock()
    purpose = PurposeBlock()
    retention = RetentionBlock()

    class Meta:
        block_counts = {
            "controller": {"max_num": 1},
            "representative": {"max_num": 1},
            "dpo": {"max_num": 1},
        }
        collapsed = True


# Migrations name these blocks by the package that exports them (Wagtail
# reads DECONSTRUCT_ALIASES from the block's module: compat/wagtail.py).
DECONSTRUCT_ALIASES = migration_aliases(
    "policy.blocks",
    (ContactPointBlock, AuthorityBlock, PurposeBlock, RetentionBlock, FactsBlock),
)
