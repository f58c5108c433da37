"""German as a third language: what adding one takes, as the tests do it.

The settings name it (LANGUAGES, WAGTAIL_CONTENT_LANGUAGES); its locale is
created; the home page, the policy and the consent banner's texts are
translated through wagtail-localize as `seed_site` translates French (a PO
file exported, filled in, imported, the translation published). Nothing else
changes: no code names the site's languages.
"""

from contextlib import nullcontext

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from consent.models import ConsentTexts
from home.models import HomePage
from tests.pages import english_policy

GERMAN = "de"
GERMAN_NAME = "Deutsch"
GERMAN_HOME_INTRO = (
    "DMJ Computer Services Ltd ist ein IT-Dienstleister in Swindon, Wiltshire. "
    "Hier lesen Sie, wie wir Ihre personenbezogenen Daten schützen und welche "
    "Cookies unsere Website verwendet."
)
GERMAN_POLICY_TITLE = "Datenschutz und Cookies"
GERMAN_POLICY_PATH = "/de/datenschutz-und-cookies/"
GERMAN_CONSENT_INTRO = (
    "Wir verwenden Cookies, damit diese Website funktioniert, und mit Ihrer "
    "Erlaubnis, um zu verstehen, wie sie genutzt wird."
)

SLUGS = {"home": "startseite", "privacy-and-cookies": "datenschutz-und-cookies"}


def _german(entry):
    """The German for one string of a PO file; any string not translated here
    is carried over as it is, as a translator's copy of a name would be."""
    if entry.msgctxt == "slug":
        return SLUGS[entry.msgid]
    if entry.msgctxt == "title" and entry.msgid == "Privacy and Cookies":
        return GERMAN_POLICY_TITLE
    if entry.msgid.startswith("DMJ Computer Services Ltd is a computer services"):
        return GERMAN_HOME_INTRO
    if entry.msgid.startswith("We use cookies to make this site work"):
        return GERMAN_CONSENT_INTRO
    return entry.msgid


def translate(instance, locale, on_commit):
    """Translate `instance` into `locale` through localize, and publish it."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    po = translation.export_po()
    for entry in po:
        entry.msgstr = _german(entry)
    assert translation.import_po(po) == []
    total, translated = translation.get_progress()
    assert total == translated
    with on_commit():
        translation.save_target(publish=True)


def add_german(settings, on_commit=nullcontext):
    """The site with German added: settings, locale and translations.

    `on_commit` runs what localize leaves until the transaction commits (a
    test inside a transaction passes django_capture_on_commit_callbacks with
    execute=True; with autocommit, as the browser tests run, it runs at once).
    """
    settings.LANGUAGES = [*settings.LANGUAGES, (GERMAN, GERMAN_NAME)]
    settings.WAGTAIL_CONTENT_LANGUAGES = [
        *settings.WAGTAIL_CONTENT_LANGUAGES,
        (GERMAN, "German"),
    ]
    locale, _created = Locale.objects.get_or_create(language_code=GERMAN)
    english = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    # Parents first: the German policy goes under the German home page.
    for instance in (
        HomePage.objects.get(locale=english, depth=2),
        english_policy(),
        ConsentTexts.objects.get(locale=english),
    ):
        translate(instance, locale, on_commit)
    return locale
