"""Schemathesis, an outside tool, fuzzes the running site from its OpenAPI document.

It reads the document the site serves, then sends every operation its
examples, the cases its coverage phase derives from each parameter's schema
and bounds, generated requests valid and invalid (API_FUZZ_EXAMPLES per
operation, 50 unless said), and sequences that follow the document's links
(a listing's first page to its detail, a detail to its language's cookies,
the cookies to their policy...). Every answer must be no server error, with
a status, content type, headers and body the document gives for that
operation.

The consent records' POST is fuzzed too, from an allowed origin, its
throttle raised for the run so that the generated records reach the
parser and the database rather than stopping at the throttle (its 429 is
checked against the document in tests/test_openapi_responses.py). The
records it writes go with the database after the test.
"""

import io
import json
import os
import re
import subprocess
import sys

from django.core.management import call_command

import pytest

from tests.openapi import served_document

pytestmark = pytest.mark.stack

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", 50))
ORIGIN = "https://www.dmj.example"
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
]


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The seeded site, committed so that the live server sees it."""
    call_command("seed_site", stdout=io.StringIO())
    call_command("rebuild_search_entries", stdout=io.StringIO())
    settings.CONSENT_ALLOWED_ORIGINS = [ORIGIN]
    settings.CONSENT_RATE_LIMIT = (100_000, 60)
    return live_server.url


def test_schemathesis_finds_nothing_wrong(site, client, tmp_path):
    report = tmp_path / "report.json"
    run = subprocess.run(  # noqa: S603 (our own arguments)
        [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "run",
            f"{site}/api/v2/openapi.json",
            "--url",
            site,
            "--phases",
            "examples,coverage,fuzzing,stateful",
            "--mode",
            "all",
            "--checks",
            ",".join(CHECKS),
            "--max-examples",
            str(EXAMPLES),
            "--seed",
            "20261207",
            "--workers",
            "1",
            "--header",
            f"Origin: {ORIGIN}",
            "--request-timeout",
            "30",
            "--no-color",
            "--report",
            "json",
            "--report-json-path",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        cwd=tmp_path,
    )

    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    summary = json.loads(report.read_text())
    assert summary["complete"], run.stdout[-3000:]
    assert (summary["failures"], summary["errors"]) == ([], [])
    assert {name: phase["status"] for name, phase in summary["phases"].items()} == {
        "examples": "success",
        "coverage": "success",
        "fuzzing": "success",
        "stateful": "success",
    }
    # Every operation but the document's own, which schemathesis leaves out
    # (tests/test_openapi_responses.py checks its answers).
    document = served_document(client)
    operations = [
        (path, method)
        for path, methods in document["paths"].items()
        for method in methods
    ]
    assert summary["operations"]["tested"] == len(operations) - 1
    # The document's links were followed: from a page's detail to its
    # translations and its language's cookies, from the cookies to their
    # policy and to the device storage disclosure. (A listing's link to its
    # first page needs a listing that answers 200; most generated listings
    # combine parameters the API refuses, so the state machine seldom gets one.)
    links = sum(
        len(answer.get("links", {}))
        for path, method in operations
        for answer in document["paths"][path][method]["responses"].values()
    )
    followed = re.search(
        r"API Links:\s+(\d+) covered / \d+ selected / (\d+) total", run.stdout
    )
    assert followed, run.stdout[-3000:]
    assert int(followed[2]) == links == 5
    assert int(followed[1]) >= 4, run.stdout[-3000:]
