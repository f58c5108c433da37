"""The production stack, started for real: Varnish in front of gunicorn, Redis, PostgreSQL.

gunicorn runs the production settings on the tests' database and shares a
Redis cache with this process, so that a publication made here reaches it as
one made in the admin would: a new content generation, then a PURGE to the
edge once committed. Nothing is imitated: the edge is deploy/varnish/policy.vcl
in varnishd, started by deploy/harness.py.
"""

import http.client
import time
import uuid
from urllib.request import urlopen

import pytest

from policy.models import PolicyPage
from tests.admin_forms import MAJOR_CHANGE_IN_FRENCH, set_cookie_duration
from tests.pages import translate_into_french
from tests.stack import Reader, get

EN = "/en/privacy-and-cookies/"
FR = "/fr/confidentialite-et-cookies/"

pytestmark = [pytest.mark.stack, pytest.mark.django_db(transaction=True)]


def test_a_publication_is_never_stale_through_the_edge(
    shared_with_the_stack, django_capture_on_commit_callbacks
):
    stack = shared_with_the_stack
    english = PolicyPage.objects.get(locale__language_code="en")
    api = f"/api/v2/pages/{english.pk}/"
    for path in (EN, FR, api):
        get(stack, path)
    assert get(stack, EN)[1]["X-Cache"] == "HIT"

    reader = Reader(stack, [EN, FR, api])
    reader.start()
    reader.wait_for_responses(since=time.monotonic(), count=11)

    set_cookie_duration(english, "_ga", "13 months")
    english.change_key = uuid.uuid4()
    english.change_note = "Google Analytics cookies now last 13 months."
    publishing = time.monotonic()
    english.save_revision().publish()
    published = time.monotonic()
    reader.wait_for_responses(since=published, count=31)

    # Committed as it comes (this test's transactions are real): localize
    # publishes the French page on commit, then the edge is purged.
    translate_into_french(
        english, MAJOR_CHANGE_IN_FRENCH, django_capture_on_commit_callbacks
    )
    translated = time.monotonic()
    reader.wait_for_responses(since=translated, count=31)
    reader.stop()

    responses = reader.responses
    before = [r for r in responses if r[1] < publishing]
    after_english = [r for r in responses if r[0] > published]
    after_french = [r for r in responses if r[0] > translated]
    assert len(before) > 10 and len(after_english) > 30 and len(after_french) > 10
    assert [r[3] for r in responses if r[3] != 200] == []
    assert all("2 years" in r[5] for r in before if r[2] == EN)

    stale = [
        (path, cache)
        for _start, _end, path, _status, cache, body in after_english
        if (path in (EN, api) and "13 months" not in body)
        or (path == FR and "notice--behind" not in body and "13 mois" not in body)
    ]
    stale += [
        (path, cache)
        for _start, _end, path, _status, cache, body in after_french
        if path == FR and "13 mois" not in body
    ]
    assert stale == []
    # ...and the edge went on answering from its cache in between.
    assert any(r[4] == "HIT" for r in after_french)


def test_a_purge_from_another_address_is_refused(shared_with_the_stack):
    stack = shared_with_the_stack
    get(stack, FR)

    connection_ = http.client.HTTPConnection(
        "127.0.0.1", stack.port, timeout=10, source_address=("127.0.0.2", 0)
    )
    connection_.request("PURGE", FR, headers={"Host": "testserver"})
    refused = connection_.getresponse()
    connection_.close()

    assert refused.status == 405
    assert get(stack, FR)[1]["X-Cache"] == "HIT"


def test_with_gunicorn_stopped_the_edge_still_serves_the_page(shared_with_the_stack):
    stack = shared_with_the_stack
    first = get(stack, FR)
    try:
        stack.stop_app(kill=True)
        with pytest.raises(OSError):
            urlopen(stack.app_url("/healthz/"), timeout=2)  # noqa: S310

        status, headers, body = get(stack, FR)
    finally:
        stack.start_app()
        stack.wait_ready()

    assert status == 200
    assert body == first[2]
    assert headers["X-Cache"] == "HIT"
