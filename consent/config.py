"""What consent.js needs to know, in each language: read from the live policy.

For each language with a live, public policy: the version of the policy a
visitor is shown, the categories its cookie tables declare (strictly necessary
always first) with the providers of their cookies, the editors' texts
(ConsentTexts, translated with localize) and the number of the version of the
banner's words, the addresses of the policy and its history, and the
banner's buttons.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Page

from caching.site_tree import current_site, public
from policy.blocks.cookies import COOKIE, COOKIE_CATEGORIES
from policy.cookies import declared_cookies, provider_purposes
from policy.models import PolicyPage

from .models import CATEGORIES, ConsentBannerSettings, ConsentTexts, ConsentTextsVersion


def interface_texts():
    """The banner's own words, in the active language."""
    return {
        "title": _("Cookies on this site"),
        "accept": _("Accept all"),
        "reject": _("Reject all"),
        "choose": _("Choose"),
        "save": _("Save my choices"),
        "close": _("Close"),
        "policy": _("Privacy and cookie policy"),
        "history": _("Its history"),
        "always": _("Always on: the site cannot work without them."),
        "receipt": _("Your receipt"),
        "accepted": _("Accepted"),
        "refused": _("Refused"),
        "none": _("None"),
        "when": _("When"),
        "policy_version": _("Policy version"),
        "texts_version": _("Banner texts version"),
        "receipt_id": _("Receipt number"),
        "receipt_link": _("See the record we keep of it"),
        "control": _("Cookie choices"),
    }


def shown_texts(texts, language_code):
    """What the banner in `language_code` says with these texts: a version's copy.

    The editors' words, each category's label, and the banner's own words
    in that language (its buttons, as the visitor read them).
    """
    labels = dict(COOKIE_CATEGORIES)
    with translation.override(language_code):
        return {
            "intro": texts.intro,
            "categories": [
                {
                    "code": code,
                    "label": str(labels[code]),
                    "description": getattr(texts, code),
                }
                for code in CATEGORIES
            ],
            "interface": interface_texts(),
        }


def texts_version(texts, language_code):
    """The version of the banner's words shown in `language_code` with these texts.

    Texts of another language (a translation not published) went live
    there when they were first shown.
    """
    own = texts.locale.language_code == language_code
    return ConsentTextsVersion.current(
        language_code,
        shown_texts(texts, language_code),
        revision_id=texts.live_revision_id,
        published_at=texts.last_published_at if own else None,
    )


def providers(declared, purposes):
    """Who sets these cookies, what for and for how long, provider by provider.

    `cookies` says it in the policy's words; `lifetimes`, cookie by cookie,
    adds each one's lifetime in seconds (null: until the browser closes),
    which the banner gives as a machine-readable duration beside the words.
    """
    by_provider = {}
    for row in declared:
        by_provider.setdefault(row["provider"], []).append(
            {
                "name": row["name"],
                "text": _("%(name)s: %(duration)s")
                % {"name": row["name"], "duration": row["duration"]},
                "duration": row["duration"],
                "maxAgeSeconds": row["maxAgeSeconds"],
            }
        )
    return [
        {
            "name": name,
            "purpose": purposes.get(name, ""),
            "cookies": ", ".join(lifetime["text"] for lifetime in lifetimes),
            "lifetimes": lifetimes,
        }
        for name, lifetimes in by_provider.items()
    ]


def _texts(language_code):
    """The published texts in this language, else the published English.

    The row holds what was last published: drafts and changes waiting for
    approval live in revisions, and a never-published row is not live.
    """
    live = ConsentTexts.objects.filter(live=True).select_related("locale")
    texts = live.filter(locale__language_code=language_code).first()
    if texts is None:
        texts = live.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    return texts


def language_config(language_code, request):
    """The banner in one language, or None when that language has no live policy."""
    policy = PolicyPage.objects.live_public(
        language_code, current_site(request)
    ).first()
    texts = _texts(language_code)
    if policy is None or texts is None:
        return None
    PolicyPage.load_history([policy], public(Page.objects.live()))
    declared = declared_cookies(policy)
    purposes = provider_purposes(policy)
    labels = dict(COOKIE_CATEGORIES)
    with translation.override(language_code):
        categories = []
        for code in CATEGORIES:
            rows = [row for row in declared if row["category"] == code]
            names = sorted({row["name"] for row in rows if row["kind"] == COOKIE})
            # The web storage keys withdrawal clears, beside the cookies.
            storage = [
                {"name": row["name"], "kind": row["kind"]}
                for row in sorted(rows, key=lambda row: (row["kind"], row["name"]))
                if row["kind"] != COOKIE
            ]
            if code != "necessary" and not rows:
                continue
            categories.append(
                {
                    "code": code,
                    "label": str(labels[code]),
                    "description": getattr(texts, code),
                    "cookies": names,
                    "providers": providers(rows, purposes),
                    "storage": storage,
                }
            )
        policy_url = request.build_absolute_uri(policy.get_url(request))
        history_url = policy_url + policy.reverse_subpage("history").lstrip("/")
        version = policy.current_version
        return {
            "version": version.number if version else 0,
            "texts": texts_version(texts, language_code).number,
            "intro": texts.intro,
            "policy_url": policy_url,
            "history_url": history_url,
            "categories": categories,
            "text": interface_texts(),
        }


def _languages(request):
    languages = {}
    for code, _name in settings.LANGUAGES:
        config = language_config(code, request)
        if config is not None:
            languages[code] = config
    return languages


def consent_config(request, records_url, stylesheet_url):
    """Everything consent.js reads: one entry per language with a live policy."""
    languages = _languages(request)
    banner = ConsentBannerSettings.current(current_site(request))
    return {
        "languages": languages,
        # Pages in a language the site lacks get the banner in its source language.
        "source_language": settings.LANGUAGE_CODE,
        "records": records_url,
        "stylesheet": stylesheet_url,
        "cookie": settings.CONSENT_COOKIE_NAME,
        "max_age": settings.CONSENT_RETENTION_DAYS * 24 * 60 * 60,
        # The "Cookie choices" button that opens the banner again.
        "control": banner.show_control,
    }


def mode_config(request, languages=None):
    """What consent-mode.js reads (consent.js runs it too): Google's consent
    commands, and what it takes to recognise a stored choice that still holds."""
    if languages is None:
        languages = _languages(request)
    banner = ConsentBannerSettings.current(current_site(request))
    return {
        "versions": {code: config["version"] for code, config in languages.items()},
        "source_language": settings.LANGUAGE_CODE,
        "cookie": settings.CONSENT_COOKIE_NAME,
        "max_age": settings.CONSENT_RETENTION_DAYS * 24 * 60 * 60,
        "google": banner.google(),
    }
