"""The policy page costs the same few queries however long it is, in each language."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from policy.models import PolicyPage
from tests.pages import enlarge

# What a request costs when its response is not remembered yet.
pytestmark = pytest.mark.usefixtures("uncached")

# Stated in docs/benchmarks.md; a change that raises one should say why. The site,
# its root pages, the tree below them, view restrictions, the policy's
# versions and the navigation's addresses are remembered until something
# public changes; what remains is the home page (routing starts there) and
# the policy.
QUERY_BUDGET = {"en": 2, "fr": 2}


def count_queries(client, url):
    client.get(url)  # warm per-process caches, as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_policy_page_query_count_does_not_grow_with_its_content(client, db, language):
    policy = PolicyPage.objects.get(locale__language_code=language)
    url = policy.url
    seed_body = list(policy.body.raw_data)
    small = count_queries(client, url)

    policy.body = enlarge(seed_body, 4)
    policy.save_revision().publish()
    large_response = client.get(url)
    assert large_response.content.decode().count("<section") == 64
    large = count_queries(client, url)

    assert large == small
    assert small <= QUERY_BUDGET[language]
