"""POST /consent/records/ refuses bodies over the limit however they are sent.

Through gunicorn, as in production: the Django test client always sends a
Content-Length, and a chunked body (Transfer-Encoding: chunked, no
Content-Length) only exists between a real client and a real server.
"""

import http.client
import json

from django.db import connection

import pytest

from consent.models import ConsentRecord
from consent.views import MAX_RECORD_BYTES
from deploy.harness import Stack
from deploy.stack import free_port
from tests.consent_records import a_record

# gunicorn, started for these tests.
pytestmark = pytest.mark.stack

# An origin of this module's own: what gunicorn records is committed, and
# removed again after the module's tests.
SITE = "https://chunked.example.com"


@pytest.fixture(scope="module")
def app(django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn serving the seeded test database, the site above allowed."""
    database = connection.settings_dict
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
        "CONSENT_ALLOWED_ORIGINS": SITE,
        "WEB_CONCURRENCY": "1",
        "GUNICORN_ACCESS_LOG": "off",
    }
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    stack = Stack(port=free_port(), app_port=free_port(), env=env, output=log)
    stack.start_app()
    try:
        yield stack
    finally:
        stack.stop_app()
        with django_db_blocker.unblock():
            ConsentRecord.objects.filter(origin=SITE).delete()


def post_chunked(app, chunks):
    """POST `chunks` as a chunked body, no Content-Length: (status, JSON answer)."""
    connection_ = http.client.HTTPConnection("127.0.0.1", app.app_port, timeout=10)
    connection_.putrequest("POST", "/consent/records/")
    connection_.putheader("Origin", SITE)
    connection_.putheader("Content-Type", "text/plain;charset=UTF-8")
    connection_.putheader("Transfer-Encoding", "chunked")
    connection_.endheaders()
    for chunk in chunks:
        connection_.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    connection_.send(b"0\r\n\r\n")
    response = connection_.getresponse()
    answer = response.status, json.loads(response.read())
    connection_.close()
    return answer


def post_with_length(app, body):
    connection_ = http.client.HTTPConnection("127.0.0.1", app.app_port, timeout=10)
    connection_.request(
        "POST",
        "/consent/records/",
        body=body,
        headers={
            "Origin": SITE,
            "Content-Type": "text/plain;charset=UTF-8",
        },
    )
    response = connection_.getresponse()
    answer = response.status, json.loads(response.read())
    connection_.close()
    return answer


def padded(size):
    """A record padded to exactly `size` bytes of JSON."""
    record = a_record()
    body = json.dumps({**record, "padding": ""}).encode()
    return json.dumps({**record, "padding": "x" * (size - len(body))}).encode()


def test_a_chunked_record_is_read(app, db):
    body = json.dumps(a_record()).encode()

    status, answer = post_chunked(app, [body[:10], body[10:]])

    assert status == 201
    assert ConsentRecord.objects.filter(pk=answer["id"], origin=SITE).exists()


def test_a_chunked_record_of_the_limit_is_read(app, db):
    body = padded(MAX_RECORD_BYTES)

    status, _answer = post_chunked(app, [body[:1000], body[1000:]])

    assert status == 201


@pytest.mark.parametrize("size", [MAX_RECORD_BYTES + 1, 5 * 1024])
def test_a_chunked_body_over_the_limit_is_refused(app, size):
    body = padded(size)
    chunks = [body[start : start + 1000] for start in range(0, len(body), 1000)]

    status, answer = post_chunked(app, chunks)

    assert status == 413
    assert answer == {"message": f"a record has at most {MAX_RECORD_BYTES} bytes"}


@pytest.mark.parametrize("size", [MAX_RECORD_BYTES + 1, 5 * 1024])
def test_a_body_over_the_limit_with_its_length_is_refused(app, size):
    status, answer = post_with_length(app, padded(size))

    assert status == 413
    assert answer == {"message": f"a record has at most {MAX_RECORD_BYTES} bytes"}
