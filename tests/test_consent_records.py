"""POST /consent/records/: anonymous proof of consent, from the company's sites only."""

import datetime
import io
import json
import uuid

from django.core.management import call_command
from django.utils import timezone

import pytest

from consent.models import ConsentRecord, ConsentTextsVersion
from consent.views import script_digest
from policy.models import PolicyVersion
from tests.consent_records import a_record

SITE = "https://shop.example.com"


@pytest.fixture(autouse=True)
def allowed_sites(settings):
    settings.CONSENT_ALLOWED_ORIGINS = [SITE]


def send(client, body, origin=SITE, **headers):
    """POST a record; a record without a receipt gets one of its own."""
    if isinstance(body, dict) and "receipt" not in body:
        body = {**body, "receipt": str(uuid.uuid4())}
    if not isinstance(body, str | bytes):
        body = json.dumps(body)
    if origin:
        headers["HTTP_ORIGIN"] = origin
    return client.post(
        "/consent/records/", body, content_type="text/plain;charset=UTF-8", **headers
    )


def send_exactly(client, body):
    """POST this record as it is, without adding a receipt."""
    return send(client, json.dumps(body))


CHOICE = {name: value for name, value in a_record("fr").items() if name != "receipt"}


def test_a_choice_is_recorded_without_the_visitor(client, db):
    response = send(
        client, CHOICE, HTTP_USER_AGENT="Mozilla/5.0 Firefox", REMOTE_ADDR="203.0.113.9"
    )

    assert response.status_code == 201
    assert response["Access-Control-Allow-Origin"] == SITE
    record = ConsentRecord.objects.get()
    assert str(record.id) == response.json()["id"]
    assert record.policy_version == 1
    assert record.language == "fr"
    assert record.choices == {"analytics": True}
    assert record.gpc is False
    assert record.origin == SITE
    assert record.texts == ConsentTextsVersion.objects.get(language="fr", number=1)
    assert record.script == script_digest()
    stored = json.dumps(
        [str(value) for value in ConsentRecord.objects.values().get().values()]
    )
    assert "203.0.113.9" not in stored
    assert "Firefox" not in stored


def test_a_global_privacy_control_refusal_is_recorded_as_such(client, db):
    response = send(client, {**CHOICE, "choices": {"analytics": False}, "gpc": True})

    assert response.status_code == 201
    assert ConsentRecord.objects.get().gpc is True


def test_an_unknown_language_counts_as_english(client, db):
    response = send(client, {**CHOICE, "language": "de"})

    assert response.status_code == 201
    assert ConsentRecord.objects.get().language == "en"


@pytest.mark.parametrize("language", [{}, [], ["fr"], 1, True])
def test_a_language_that_is_not_a_code_is_refused(client, db, language):
    response = send(client, {**CHOICE, "language": language})

    assert response.status_code == 400
    assert response.json() == {
        "message": "language must be a language code, such as en"
    }
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize(
    "origin",
    [None, "https://evil.example", "null", "https://shop.example.com.evil.example"],
)
def test_other_sites_are_refused(client, db, origin):
    response = send(client, CHOICE, origin=origin)

    assert response.status_code == 403
    assert "company's sites" in response.json()["message"]
    assert "Access-Control-Allow-Origin" not in response
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "JSON object"),
        (b"\xff\xfe", "not JSON"),
        ({"language": "en", "choices": {}}, "version"),
        ({**CHOICE, "version": "1"}, "version"),
        ({**CHOICE, "version": 99}, "no version 99"),
        ({**CHOICE, "choices": ["analytics"]}, "choices must be"),
        ({**CHOICE, "choices": {"tracking": True}}, "unknown categories: tracking"),
        ({**CHOICE, "choices": {"analytics": "yes"}}, "true or false"),
        ({**CHOICE, "gpc": 1}, "gpc"),
        ({**CHOICE, "texts": None}, "texts must be the version of the banner's"),
        ({**CHOICE, "texts": "1"}, "texts must be the version of the banner's"),
        ({**CHOICE, "texts": 7}, "the banner's texts have no version 7 in fr"),
        ({**CHOICE, "texts": 0}, "the banner's texts have no version 0 in fr"),
        ({**CHOICE, "script": None}, "script must be the SHA-256 digest"),
        ({**CHOICE, "script": "abc"}, "64 hexadecimal characters"),
        ({**CHOICE, "script": "g" * 64}, "64 hexadecimal characters"),
        ({**CHOICE, "script": "a" * 65}, "64 hexadecimal characters"),
        ({**CHOICE, "receipt": None}, "receipt must be the random id"),
        ({**CHOICE, "receipt": 42}, "receipt must be the random id"),
        ({**CHOICE, "receipt": "a-receipt"}, "written as a UUID"),
        ({**CHOICE, "receipt": "0" * 32}, "written as a UUID"),
        (json.dumps(CHOICE), "receipt must be the random id"),
    ],
)
def test_malformed_records_are_refused(client, db, body, message):
    response = send(client, body)

    assert response.status_code == 400
    assert message in response.json()["message"]
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize("version", [0, -1, -(2**40)])
def test_versions_from_before_the_first_are_refused(client, db, version):
    response = send(client, {**CHOICE, "version": version})

    assert response.status_code == 400
    assert response.json()["message"] == (
        f"the policy has no version {version}: versions are numbered from 1"
    )
    assert not ConsentRecord.objects.exists()


def test_a_version_not_published_yet_is_refused(client, db):
    latest = (
        PolicyVersion.objects.filter(page__locale__language_code="fr", page__live=True)
        .order_by("-number")
        .first()
        .number
    )

    shown = send(client, {**CHOICE, "version": latest})
    future = send(client, {**CHOICE, "version": latest + 1})

    assert shown.status_code == 201
    assert future.status_code == 400
    assert future.json()["message"] == (
        f"the policy has no version {latest + 1} in fr yet: "
        f"the latest published is {latest}"
    )
    assert ConsentRecord.objects.count() == 1


def test_an_oversized_record_is_refused(client, db):
    body = json.dumps({**CHOICE, "padding": "x" * 3000})

    response = send(client, body)

    assert response.status_code == 413
    assert "at most 2048 bytes" in response.json()["message"]
    assert not ConsentRecord.objects.exists()


def test_only_posts(client, db):
    response = client.get("/consent/records/", HTTP_ORIGIN=SITE)

    assert response.status_code == 405
    assert not ConsentRecord.objects.exists()


def test_too_many_records_from_one_visitor(client, db, settings):
    settings.CONSENT_RATE_LIMIT = (3, 60)
    statuses = [send(client, CHOICE).status_code for _ in range(4)]
    # Another visitor is not held back by the first.
    other = send(client, CHOICE, REMOTE_ADDR="198.51.100.7")

    assert statuses == [201, 201, 201, 429]
    assert other.status_code == 201
    assert ConsentRecord.objects.count() == 4


@pytest.fixture
def behind_the_edge(settings):
    """Varnish on this machine, Cloudflare in front (as in tests/test_client_address.py)."""
    settings.TRUSTED_PROXIES = ["127.0.0.1/32", "::1/128", "173.245.48.0/20"]


def from_address(client, address):
    """A record from a visitor at `address`, through Cloudflare and Varnish."""
    return send(
        client,
        CHOICE,
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=f"{address}, 173.245.48.7",
    ).status_code


def test_the_addresses_of_one_ipv6_network_are_one_visitor(
    client, db, settings, behind_the_edge
):
    settings.CONSENT_RATE_LIMIT = (3, 60)
    # One home's /64: a new address for each request.
    statuses = [from_address(client, f"2001:db8:1:2::{n:x}") for n in range(1, 41)]

    assert statuses[:3] == [201, 201, 201]
    assert set(statuses[3:]) == {429}
    # The next /64 is another visitor; so is the next IPv4 address.
    assert from_address(client, "2001:db8:1:3::1") == 201
    assert ConsentRecord.objects.count() == 4


def test_ipv4_addresses_are_counted_one_by_one(client, db, settings, behind_the_edge):
    settings.CONSENT_RATE_LIMIT = (3, 60)
    statuses = [from_address(client, "192.0.2.10") for _ in range(4)]

    assert statuses == [201, 201, 201, 429]
    # Its neighbour, even in the same /24, is another visitor.
    assert from_address(client, "192.0.2.11") == 201


def test_the_purge_deletes_what_is_older_than_the_retention(db, settings):
    settings.CONSENT_RETENTION_DAYS = 30
    old = ConsentRecord.objects.create(
        policy_version=1, language="en", choices={"analytics": True}, origin=SITE
    )
    recent = ConsentRecord.objects.create(
        policy_version=1, language="en", choices={"analytics": False}, origin=SITE
    )
    ConsentRecord.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    ConsentRecord.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=29)
    )
    out = io.StringIO()

    call_command("purge_consent_records", stdout=out)

    assert list(ConsentRecord.objects.all()) == [recent]
    assert out.getvalue() == "Deleted 1 consent record older than 30 days.\n"


def test_the_proof_of_what_the_visitor_saw_is_stored(client, db):
    receipt = str(uuid.uuid4())
    digest = "0123456789abcdef" * 4

    response = send(client, {**CHOICE, "script": digest, "receipt": receipt})

    assert response.status_code == 201
    record = ConsentRecord.objects.get()
    assert str(record.receipt) == receipt
    assert record.script == digest
    assert (record.texts.language, record.texts.number) == ("fr", 1)


def test_a_choice_from_a_page_loaded_before_receipts_is_recorded_without_them(
    client, db
):
    # What the banner sent before it carried its texts' version, its digest
    # and a receipt: a visitor with such a page still open is not refused.
    earlier = {
        name: value
        for name, value in CHOICE.items()
        if name not in ("texts", "script", "receipt")
    }

    response = send_exactly(client, earlier)

    assert response.status_code == 201
    record = ConsentRecord.objects.get()
    assert record.choices == {"analytics": True}
    assert (record.texts, record.script, record.receipt) == (None, "", None)


def test_a_text_version_of_another_language_is_not_this_ones(client, db):
    ConsentTextsVersion.objects.filter(language="fr").update(number=5)

    french = send(client, {**CHOICE, "texts": 5})
    english = send(client, {**CHOICE, "language": "en", "texts": 5})

    assert french.status_code == 201
    assert english.status_code == 400
    assert english.json()["message"] == "the banner's texts have no version 5 in en"


def test_a_receipt_sent_twice_is_refused(client, db):
    receipt = str(uuid.uuid4())

    first = send(client, {**CHOICE, "receipt": receipt})
    again = send(client, {**CHOICE, "receipt": receipt.upper()})

    assert first.status_code == 201
    assert again.status_code == 409
    assert again["Access-Control-Allow-Origin"] == SITE
    assert again.json()["message"] == (
        "this receipt is recorded already: each choice has a receipt of its own"
    )
    assert ConsentRecord.objects.count() == 1
