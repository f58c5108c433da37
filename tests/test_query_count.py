"""The policy page costs the same number of queries however long it is."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.pages import enlarge

# What a request costs when its response is not remembered yet.
pytestmark = pytest.mark.usefixtures("uncached")

# Stated in the README; a change that raises one should say why. French costs
# one more: Wagtail looks up the French home page first.
QUERY_BUDGET = {"en": 12, "fr": 13}


def count_queries(client, url):
    client.get(url)  # warm per-process caches, as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_policy_page_query_count_does_not_grow_with_its_content(client, en_policy):
    url = "/en/privacy-and-cookies/"
    seed_body = list(en_policy.body.raw_data)
    small = count_queries(client, url)

    en_policy.body = enlarge(seed_body, 4)
    en_policy.save_revision().publish()
    large_response = client.get(url)
    assert large_response.content.decode().count("<section") == 64
    large = count_queries(client, url)

    assert large == small
    assert small <= QUERY_BUDGET["en"]


def test_french_policy_page_stays_within_its_budget(client, db):
    assert (
        count_queries(client, "/fr/confidentialite-et-cookies/") <= QUERY_BUDGET["fr"]
    )
