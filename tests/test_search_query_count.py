"""A search request costs the same number of queries however many results it shows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

pytestmark = pytest.mark.usefixtures("uncached")


def queries_for(client, url, params):
    client.get(url, params)  # warm per-process caches, as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return [query["sql"] for query in queries]


@pytest.mark.parametrize(
    ("url", "none", "one", "four", "ten"),
    [
        ("/en/search/", "xylophone", "youtube", "cookie", "information"),
        ("/fr/recherche/", "xylophone", "youtube", "cookie", "informations"),
    ],
)
def test_query_count_does_not_grow_with_the_results(
    client, db, url, none, one, four, ten
):
    counts = {
        query: queries_for(client, url, {"q": query})
        for query in (none, one, four, ten)
    }
    counts["page 2"] = queries_for(client, url, {"q": ten, "page": "2"})

    assert len({len(sqls) for sqls in counts.values()}) == 1, {
        query: len(sqls) for query, sqls in counts.items()
    }
    # The search itself is one of them: entries, their pages and the count.
    for sqls in counts.values():
        assert sum("search_searchentry" in sql for sql in sqls) == 1


def test_an_empty_search_page_does_not_query_the_entries(client, db):
    sqls = queries_for(client, "/en/search/", {})

    assert not any("search_searchentry" in sql for sql in sqls)
