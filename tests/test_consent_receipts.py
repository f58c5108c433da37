"""GET /consent/receipts/<id>/: a visitor's receipt, read from the record of their choice.

In the language the banner spoke, whatever the browser prefers; never kept by
a cache or indexed; only for a receipt that exists, and nothing lists them.
"""

import json
import uuid

import pytest

from consent.models import ConsentRecord
from consent.views import script_digest
from tests.consent_records import a_record
from tests.consent_texts import publish_english_texts
from tests.pages import soup, visible_text

pytestmark = pytest.mark.django_db

SITE = "https://shop.example.com"


@pytest.fixture(autouse=True)
def allowed_sites(settings):
    settings.CONSENT_ALLOWED_ORIGINS = [SITE]


def record(client, **fields):
    """A choice recorded as the banner sends it: its receipt id."""
    body = a_record(**fields)
    response = client.post(
        "/consent/records/",
        json.dumps(body),
        content_type="text/plain;charset=UTF-8",
        HTTP_ORIGIN=SITE,
    )
    assert response.status_code == 201, response.content
    return body["receipt"]


def facts(page):
    """The receipt's facts: each term and what it says."""
    terms = page.select("dl.receipt__facts dt")
    return {visible_text(dt): visible_text(dt.find_next_sibling("dd")) for dt in terms}


def test_a_french_visitors_receipt_is_in_french(client):
    receipt = record(client, language="fr", choices={"analytics": True})

    response = client.get(f"/consent/receipts/{receipt}/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    page = soup(response)
    assert page.html["lang"] == "fr"
    assert visible_text(page.h1) == "Votre reçu de consentement"
    said = facts(page)
    assert said["Numéro du reçu"] == receipt
    assert said["Acceptés"] == "Mesure d’audience"
    assert said["Refusés"] == "Aucun"
    assert said["Site"] == SITE
    assert said["Version de la politique"] == (
        "Version 1 de la politique de confidentialité et de cookies"
    )
    assert said["Version des textes du bandeau"].startswith(
        "Version 1, en usage depuis"
    )
    link = page.select_one("dl.receipt__facts a")
    assert link["href"] == "/fr/confidentialite-et-cookies/versions/1/"
    text = visible_text(page.main)
    assert "Nous utilisons des cookies pour faire fonctionner ce site" in text
    assert "Ils comptent les visites" in text
    assert "« Tout refuser »" in text
    assert script_digest() in text
    assert "Global Privacy Control" not in text


def test_an_english_receipt_with_global_privacy_control(client):
    receipt = record(client, choices={"analytics": False}, gpc=True)

    page = soup(client.get(f"/consent/receipts/{receipt}/", HTTP_ACCEPT_LANGUAGE="fr"))

    assert page.html["lang"] == "en"
    said = facts(page)
    assert said["Accepted"] == "None"
    assert said["Refused"] == "Analytics"
    assert said["Global Privacy Control"].startswith("The browser sent")
    assert said["Banner texts version"].startswith("Version 1, in use since")
    assert "“Reject all”" in visible_text(page.main)


def test_a_receipt_is_private_and_not_for_search_engines(client):
    receipt = record(client)

    response = client.get(f"/consent/receipts/{receipt}/")

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert soup(response).select_one('meta[name="robots"]')["content"] == "noindex"


def test_a_receipt_is_read_from_the_record_every_time(client):
    """Nothing keeps it: a record purged takes its receipt along at once."""
    receipt = record(client)
    assert client.get(f"/consent/receipts/{receipt}/").status_code == 200

    ConsentRecord.objects.filter(receipt=receipt).delete()

    assert client.get(f"/consent/receipts/{receipt}/").status_code == 404


def test_a_later_edit_does_not_change_what_a_receipt_says(
    client, approver, django_capture_on_commit_callbacks
):
    receipt = record(client)
    first_intro = ConsentRecord.objects.get(receipt=receipt).texts.texts["intro"]

    publish_english_texts(
        approver, django_capture_on_commit_callbacks, intro="Cookies, briefly."
    )
    later = record(client, texts=2)

    old = visible_text(soup(client.get(f"/consent/receipts/{receipt}/")).main)
    new = visible_text(soup(client.get(f"/consent/receipts/{later}/")).main)
    assert first_intro in old and "Cookies, briefly." not in old
    assert "Cookies, briefly." in new


# A receipt id nobody was given (the same in every process that collects the tests).
UNKNOWN = uuid.UUID("8c1d2a3e-5b7f-4c9d-9e0a-1f2b3c4d5e6f")


@pytest.mark.parametrize(
    "address",
    [
        f"/consent/receipts/{UNKNOWN}/",
        "/consent/receipts/not-a-receipt/",
        "/consent/receipts/12345/",
        f"/consent/receipts/{UNKNOWN.hex}/",
        "/consent/receipts/",
        "/consent/receipts/?page=1",
    ],
)
def test_unknown_receipts_and_no_listing(client, address):
    record(client)

    response = client.get(address)

    assert response.status_code == 404
    assert str(ConsentRecord.objects.get().receipt) not in response.content.decode()


def test_only_reading(client):
    receipt = record(client)

    assert client.post(f"/consent/receipts/{receipt}/").status_code == 405
    assert client.head(f"/consent/receipts/{receipt}/").status_code == 200
