"""A third language is a settings change and its translations: German, as a visitor meets it."""

import json

import pytest

from consent.models import ConsentRecord
from tests.consent_records import a_record
from tests.pages import soup, visible_text
from tests.responses import config_of
from tests.third_language import (
    GERMAN_CONSENT_INTRO,
    GERMAN_HOME_INTRO,
    GERMAN_NAME,
    GERMAN_POLICY_PATH,
    GERMAN_POLICY_TITLE,
    add_german,
)

BASE = "http://testserver"


@pytest.fixture
def german(db, settings, django_capture_on_commit_callbacks):
    return add_german(
        settings, lambda: django_capture_on_commit_callbacks(execute=True)
    )


def language_switcher(client, url):
    return {
        visible_text(link): link["href"]
        for link in soup(client.get(url)).select(".language-switcher a")
    }


def test_german_readers_get_their_pages_in_german(client, german):
    home = client.get("/de/")
    policy = client.get(GERMAN_POLICY_PATH)
    search = client.get("/de/search/", {"q": "cookies"})

    assert home.status_code == 200
    assert home["Content-Language"] == "de"
    assert soup(home).html["lang"] == "de"
    assert GERMAN_HOME_INTRO in visible_text(soup(home).main)
    assert policy.status_code == 200
    assert visible_text(soup(policy).h1) == GERMAN_POLICY_TITLE
    # Set as typed: French typography's no-break spaces are French readers' alone.
    assert "\u202f" not in policy.content.decode()
    assert search.status_code == 200
    assert soup(search).html["lang"] == "de"
    assert GERMAN_POLICY_PATH in {
        link["href"] for link in soup(search).select("main a")
    }
    # A browser preferring German is sent to the German home page.
    arrival = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,en;q=0.5")
    assert arrival["Location"] == "/de/"


def test_every_language_offers_deutsch(client, german):
    assert language_switcher(client, "/en/privacy-and-cookies/") == {
        "English": "/en/privacy-and-cookies/",
        "Français": "/fr/confidentialite-et-cookies/",
        GERMAN_NAME: GERMAN_POLICY_PATH,
    }
    french = soup(client.get("/fr/confidentialite-et-cookies/"))
    alternates = {
        link["hreflang"]: link["href"]
        for link in french.select("link[rel=alternate][hreflang]")
    }
    assert alternates["de"] == f"{BASE}{GERMAN_POLICY_PATH}"
    assert alternates["x-default"] == f"{BASE}/en/privacy-and-cookies/"


def test_search_engines_and_the_api_find_the_german_pages(client, german):
    sitemap = client.get("/sitemap.xml").content.decode()
    german_pages = client.get("/api/v2/pages/?locale=de")
    every_page = client.get("/api/v2/pages/")

    assert f"<loc>{BASE}/de/</loc>" in sitemap
    assert f"<loc>{BASE}{GERMAN_POLICY_PATH}</loc>" in sitemap
    assert f'hreflang="de" href="{BASE}{GERMAN_POLICY_PATH}"' in sitemap
    assert german_pages.status_code == 200
    assert german_pages["Content-Language"] == "de"
    items = german_pages.json()["items"]
    assert {item["meta"]["locale"] for item in items} == {"de"}
    assert GERMAN_POLICY_TITLE in [item["title"] for item in items]
    assert every_page["Content-Language"] == "en, fr, de"


def test_the_consent_banner_knows_german_and_records_it(client, german, settings):
    config = config_of(client.get("/consent.js"))

    assert list(config["languages"]) == ["en", "fr", "de"]
    assert config["source_language"] == "en"
    assert config["languages"]["de"]["policy_url"] == f"{BASE}{GERMAN_POLICY_PATH}"
    assert config["languages"]["de"]["intro"] == GERMAN_CONSENT_INTRO

    settings.CONSENT_ALLOWED_ORIGINS = ["https://www.example.com"]
    record = a_record("de", texts=config["languages"]["de"]["texts"])
    response = client.post(
        "/consent/records/",
        json.dumps(record),
        content_type="text/plain;charset=UTF-8",
        HTTP_ORIGIN="https://www.example.com",
    )
    assert response.status_code == 201
    assert ConsentRecord.objects.get().language == "de"
