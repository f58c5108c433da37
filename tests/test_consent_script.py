"""/consent.js: the banner other sites embed, with what it says in each language."""

import gzip
import hashlib
import re

from consent.models import ConsentTexts
from tests.admin_forms import publish_major_change
from tests.pages import english_policy
from tests.responses import config_of

BASE = "http://testserver"


def test_the_script_is_javascript_for_every_site(client, db):
    response = client.get("/consent.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "public" in response["Cache-Control"]
    assert "s-maxage" in response["Cache-Control"]
    assert response["Content-Language"] == "en"
    assert "Vary" not in response or "Accept-Language" not in response["Vary"]
    assert "Set-Cookie" not in response


def test_the_same_script_whatever_language_the_browser_prefers(client, db):
    english = client.get("/consent.js", HTTP_ACCEPT_LANGUAGE="en")
    french = client.get("/consent.js", HTTP_ACCEPT_LANGUAGE="fr")

    assert french.status_code == 200
    assert french.content == english.content


def test_under_12_kb_gzipped(client, db):
    response = client.get("/consent.js")

    assert len(gzip.compress(response.content)) < 12 * 1024


def test_english_categories_texts_and_links(client, db):
    config = config_of(client.get("/consent.js"))
    english = config["languages"]["en"]

    assert english["version"] == 1
    assert english["policy_url"] == f"{BASE}/en/privacy-and-cookies/"
    assert english["history_url"] == f"{BASE}/en/privacy-and-cookies/history/"
    # The seeded policy declares analytics and strictly necessary cookies only.
    assert [c["code"] for c in english["categories"]] == ["necessary", "analytics"]
    assert english["categories"][1] == {
        "code": "analytics",
        "label": "Analytics",
        "description": "They count visits and show which pages are read, so that "
        "we can improve the site. The figures do not say who you are.",
        "cookies": ["_ga", "_gat_gtag_UA_951418_39", "_gid"],
        "providers": [
            {
                "name": "Google Analytics",
                "purpose": "These cookies are used to collect information about "
                "how visitors use our site. We use the information to compile "
                "reports and to help us improve the site. The cookies collect "
                "information anonymously, including the number of visitors to the "
                "site, where visitors have come from and the pages they visited on "
                "our site. Click here for an overview of Google’s privacy notice or "
                "to opt out of being tracked by Google Analytics across all websites.",
                "cookies": "_ga: 2 years, _gid: 24 hours, "
                "_gat_gtag_UA_951418_39: 1 minute",
                "lifetimes": [
                    {
                        "name": "_ga",
                        "text": "_ga: 2 years",
                        "duration": "2 years",
                        "maxAgeSeconds": 63072000,
                    },
                    {
                        "name": "_gid",
                        "text": "_gid: 24 hours",
                        "duration": "24 hours",
                        "maxAgeSeconds": 86400,
                    },
                    {
                        "name": "_gat_gtag_UA_951418_39",
                        "text": "_gat_gtag_UA_951418_39: 1 minute",
                        "duration": "1 minute",
                        "maxAgeSeconds": 60,
                    },
                ],
            }
        ],
        "storage": [],
    }
    assert english["categories"][0]["cookies"] == ["_cfduid"]
    assert english["texts"] == 1
    assert english["text"]["accept"] == "Accept all"
    assert english["text"]["reject"] == "Reject all"
    assert english["intro"].startswith("We use cookies to make this site work")
    assert config["records"] == f"{BASE}/consent/records/"
    assert config["stylesheet"] == f"{BASE}/static/consent/consent.css"
    assert config["max_age"] == 183 * 24 * 60 * 60


def test_french_categories_texts_and_links(client, db):
    french = config_of(client.get("/consent.js"))["languages"]["fr"]

    assert french["version"] == 1
    assert french["policy_url"] == f"{BASE}/fr/confidentialite-et-cookies/"
    assert french["history_url"] == f"{BASE}/fr/confidentialite-et-cookies/historique/"
    assert [c["label"] for c in french["categories"]] == [
        "Strictement nécessaire",
        "Mesure d’audience",
    ]
    assert french["categories"][1]["description"].startswith("Ils comptent les visites")
    # Who sets the cookies, read from the French policy.
    (cloudflare,) = french["categories"][0]["providers"]
    assert cloudflare["name"] == "Cloudflare"
    assert cloudflare["purpose"].startswith(
        "Notre site web utilise le service Cloudflare"
    )
    assert cloudflare["cookies"] == "_cfduid : 30 jours"
    (google,) = french["categories"][1]["providers"]
    assert google["purpose"].startswith("Ces cookies servent à recueillir")
    assert google["cookies"] == (
        "_ga : 2 ans, _gid : 24 heures, _gat_gtag_UA_951418_39 : 1 minute"
    )
    assert french["texts"] == 1
    assert french["text"]["accept"] == "Tout accepter"
    assert french["text"]["reject"] == "Tout refuser"
    assert french["intro"].startswith("Nous utilisons des cookies")


def test_the_french_texts_are_a_localize_translation(db):
    from wagtail_localize.models import Translation

    english = ConsentTexts.objects.get(locale__language_code="en")
    french = ConsentTexts.objects.get(locale__language_code="fr")

    assert french.translation_key == english.translation_key
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale__language_code="fr"
    )
    total, translated = translation.get_progress()
    assert total == translated == 5


def test_an_editors_change_reaches_the_script_at_once(client, db):
    client.get("/consent.js")  # remembered in the shared cache
    texts = ConsentTexts.objects.get(locale__language_code="en")
    texts.analytics = "They count visits."
    texts.save()

    english = config_of(client.get("/consent.js"))["languages"]["en"]

    assert english["categories"][1]["description"] == "They count visits."


def test_no_live_policy_no_banner(client, db):
    for page in english_policy().get_translations(inclusive=True):
        page.unpublish()

    config = config_of(client.get("/consent.js"))

    assert config["languages"] == {}


def test_a_publication_purges_the_script_and_it_then_gives_the_new_version(
    client, admin_client, en_policy, edge, django_capture_on_commit_callbacks
):
    """The edge holds the script for every site: a new policy must reach it at once."""
    assert config_of(client.get("/consent.js"))["languages"]["en"]["version"] == 1

    with django_capture_on_commit_callbacks(execute=True):
        publish_major_change(admin_client, en_policy)

    assert ("/consent.js", "testserver") in {
        (path, host) for path, host, _generation in edge
    }
    assert config_of(client.get("/consent.js"))["languages"]["en"]["version"] == 2


def test_the_script_names_its_own_digest_and_where_receipts_are(client, db):
    response = client.get("/consent.js")
    config = config_of(response)

    # The functions the configurations are given to (Google Consent Mode's,
    # then the banner's): the script's own source.
    sources = re.findall(r"^\((.*?\n\})\)\(\{", response.content.decode(), re.S | re.M)
    assert len(sources) == 2
    source = "\n".join(sources)
    assert config["script"] == hashlib.sha256(source.encode()).hexdigest()
    assert config["receipts"] == f"{BASE}/consent/receipts/"
