"""What editors set about the banner on every site: Google Consent Mode and the
"Cookie choices" button.

Google's tags read a visitor's consent as seven consent types. The policy's
categories say which ones a visitor grants: strictly necessary cookies grant
security_storage always; editors choose the types each other category grants.
The banner's scripts send them (consent/static/consent/consent-mode.js).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

# Always granted: strictly necessary cookies need no consent.
ALWAYS_GRANTED = "security_storage"
# The types a category may grant, as Google names them, with what each allows.
GOOGLE_TYPES = [
    ("analytics_storage", _("analytics_storage: cookies that measure visits")),
    ("ad_storage", _("ad_storage: advertising cookies")),
    (
        "ad_user_data",
        _("ad_user_data: sending data about the visitor to Google for advertising"),
    ),
    ("ad_personalization", _("ad_personalization: adverts chosen for the visitor")),
    (
        "functionality_storage",
        _("functionality_storage: cookies that remember choices, such as a language"),
    ),
    (
        "personalization_storage",
        _("personalization_storage: cookies that personalise, such as recommendations"),
    ),
]
TYPE_NAMES = [name for name, _label in GOOGLE_TYPES]
DEFAULT_TYPES = {
    "analytics": ["analytics_storage"],
    "functionality": ["functionality_storage", "personalization_storage"],
    "marketing": ["ad_storage", "ad_user_data", "ad_personalization"],
}
# ISO 3166-1 alpha-2 country, or ISO 3166-2 subdivision (ES-CT, US-CA).
REGION = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
MAX_WAIT_MS = 10_000


class ConsentTypesField(models.JSONField):
    """A list of Google's consent types, chosen with a checkbox each."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=GOOGLE_TYPES,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
        )


def region_list(text):
    return [part.strip().upper() for part in re.split(r"[\s,]+", text) if part.strip()]


def validate_regions(text):
    wrong = [region for region in region_list(text) if not REGION.match(region)]
    if wrong:
        raise ValidationError(
            _(
                "Not a region code: %(regions)s. Write two-letter country codes "
                "(GB, FR) or region codes (ES-CT), separated by commas."
            ),
            params={"regions": ", ".join(wrong)},
        )


# Defaults for the three fields (a callable each, so that no two rows share a list).
def default_analytics_types():
    return list(DEFAULT_TYPES["analytics"])


def default_functionality_types():
    return list(DEFAULT_TYPES["functionality"])


def default_marketing_types():
    return list(DEFAULT_TYPES["marketing"])


@register_setting(icon="tick-inverse")
class ConsentBannerSettings(BaseSiteSetting):
    """The banner's settings for one site: read by /consent.js and /consent-mode.js."""

    analytics_types = ConsentTypesField(
        _("analytics cookies grant"),
        default=default_analytics_types,
    )
    functionality_types = ConsentTypesField(
        _("functionality cookies grant"),
        default=default_functionality_types,
    )
    marketing_types = ConsentTypesField(
        _("marketing cookies grant"),
        default=default_marketing_types,
    )
    ads_data_redaction = models.BooleanField(
        _("redact advertising data"),
        default=True,
        help_text=_(
            "While a visitor has not accepted ad_storage, Google's advertising tags "
            "leave out the identifiers of ad clicks and send their requests without "
            "cookies. Recommended."
        ),
    )
    url_passthrough = models.BooleanField(
        _("pass ad clicks through links"),
        default=False,
        help_text=_(
            "While cookies are refused, Google's tags add the ad click's identifiers "
            "(gclid and the like) to links to the site's other pages, so that a sale "
            "can be counted without cookies. Leave off unless the marketing team "
            "asks for it."
        ),
    )
    regions = models.CharField(
        _("regions"),
        max_length=500,
        blank=True,
        validators=[validate_regions],
        help_text=_(
            "Leave empty (recommended): Google's tags treat every visitor as having "
            "refused until they choose. Or list where this applies, as country or "
            "region codes separated by commas (GB, FR, DE, ES-CT): elsewhere Google's "
            "tags set their cookies before the visitor chooses. The banner is shown "
            "everywhere all the same."
        ),
    )
    wait_for_update = models.PositiveIntegerField(
        _("wait for the stored choice (milliseconds)"),
        default=500,
        validators=[MaxValueValidator(MAX_WAIT_MS)],
        help_text=_(
            "How long Google's tags wait for a returning visitor's choice before "
            "sending anything. 500 suits most sites; at most 10000."
        ),
    )
    show_control = models.BooleanField(
        _("show the “Cookie choices” button"),
        default=True,
        help_text=_(
            "A small button at the bottom of every page of the company's sites that "
            "opens the banner again, so that visitors can always change their mind. "
            "Turn it off only if every page of every site has its own link that "
            "opens the banner (an element with data-consent-open)."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("analytics_types"),
                FieldPanel("functionality_types"),
                FieldPanel("marketing_types"),
                FieldPanel("ads_data_redaction"),
                FieldPanel("url_passthrough"),
                FieldPanel("regions"),
                FieldPanel("wait_for_update"),
            ],
            heading=_("Google Consent Mode"),
            help_text=_(
                "What the banner tells Google's tags about each visitor's choice. A "
                "visitor who accepts a category grants the types ticked under it; a "
                "type ticked nowhere stays denied, and a type ticked under two "
                "categories is granted only when the visitor accepts both. "
                "security_storage (security, such as fraud prevention) is always "
                "granted: strictly necessary cookies need no consent."
            ),
        ),
        FieldPanel("show_control"),
    ]

    class Meta:
        verbose_name = _("consent banner settings")

    def clean(self):
        super().clean()
        self.regions = ", ".join(region_list(self.regions))

    @classmethod
    def current(cls, site):
        """This site's settings, without writing: the defaults until an editor saves."""
        found = site and cls.objects.filter(site=site).first()
        return found or cls(site=site)

    def google(self):
        """What the scripts need to send Google's consent commands."""
        return {
            "types": [ALWAYS_GRANTED, *TYPE_NAMES],
            "map": {
                "necessary": [ALWAYS_GRANTED],
                "analytics": list(self.analytics_types),
                "functionality": list(self.functionality_types),
                "marketing": list(self.marketing_types),
            },
            "regions": region_list(self.regions),
            "wait": self.wait_for_update,
            "redaction": self.ads_data_redaction,
            "passthrough": self.url_passthrough,
        }
