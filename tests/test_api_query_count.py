"""A policy's API response costs the same number of queries however long the policy is."""

import copy

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from policy.models import PolicyPage
from tests.pages import enlarge, french_policy

# What a request costs when its response is not remembered yet.
pytestmark = pytest.mark.usefixtures("uncached")

# Stated in docs/benchmarks.md; a change that raises one should say why. The site, its
# root pages and view restrictions are remembered until something public
# changes. A policy's detail: the page and its specific fields, its
# translations, its versions and its parent. The cookie list: the policy and
# its versions.
QUERY_BUDGET = {"detail": 5, "cookies": 2}


def with_links(body_data, *pages):
    """The body with a link to each of `pages` at the end of every paragraph."""
    body = copy.deepcopy(body_data)
    links = " ".join(
        f'<a linktype="page" id="{page.pk}">{page.title}</a>' for page in pages
    )
    for section in body:
        for child in section["value"]["content"]:
            if child["type"] == "paragraph":
                child["value"] += f"<p>See {links}.</p>"
    return body


def count_queries(client, url):
    client.get(url)  # warm per-process caches, as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.json()


def publish_body(page, body):
    page.body = body
    page.save_revision().publish()


def cookie_count(data):
    return sum(
        len(child["value"]["cookies"])
        for section in data["body"]
        for child in section["value"]["content"]
        if child["type"] == "cookie_table"
    )


def test_seeded_policy_detail_is_within_budget(client, en_policy):
    queries, _data = count_queries(client, f"/api/v2/pages/{en_policy.pk}/")

    assert queries <= QUERY_BUDGET["detail"]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("linked", [False, True], ids=["plain", "with-page-links"])
def test_policy_detail_query_count_does_not_grow_with_its_content(
    client, db, language, linked
):
    policy = PolicyPage.objects.get(locale__language_code=language)
    url = f"/api/v2/pages/{policy.pk}/"
    seed = list(policy.body.raw_data)
    if linked:
        translation = PolicyPage.objects.exclude(pk=policy.pk).get()
        seed = with_links(seed, policy.get_parent(), translation)
        publish_body(policy, seed)
    small, small_data = count_queries(client, url)

    publish_body(policy, enlarge(seed, 4))
    large, large_data = count_queries(client, url)

    assert len(large_data["body"]) == 4 * len(small_data["body"]) == 64
    assert cookie_count(large_data) == 8 * cookie_count(small_data)
    assert large == small


def test_french_policy_detail_stays_within_the_same_budget(client, db):
    queries, data = count_queries(client, f"/api/v2/pages/{french_policy().pk}/")

    assert data["meta"]["locale"] == "fr"
    assert queries <= QUERY_BUDGET["detail"]


def test_cookie_list_query_count_does_not_grow_with_the_policy(client, en_policy):
    small, small_data = count_queries(client, "/api/v2/cookies/")
    publish_body(en_policy, enlarge(list(en_policy.body.raw_data), 4))

    large, large_data = count_queries(client, "/api/v2/cookies/")

    assert large_data["meta"]["total_count"] == 8 * small_data["meta"]["total_count"]
    assert large == small
    assert small <= QUERY_BUDGET["cookies"]


def test_policy_listing_loads_versions_and_translations_once_per_response(client, db):
    url = "/api/v2/pages/?type=policy.PolicyPage&fields=*&limit={}"
    one, one_data = count_queries(client, url.format(1))
    two, two_data = count_queries(client, url.format(2))

    assert [len(data["items"]) for data in (one_data, two_data)] == [1, 2]
    assert all(item["history"] for item in two_data["items"])
    assert two == one
