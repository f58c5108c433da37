"""Malformed or unknown queries get a 400 or a 404 with a JSON message, never a 500."""

import pytest

from tests.pages import english_policy

BAD_REQUESTS = [
    "/api/v2/pages/?fields=nope",
    "/api/v2/pages/?fields=((",
    "/api/v2/pages/?fields=*,-",
    "/api/v2/pages/?type=policy.PolicyPage&fields=body(heading)",
    "/api/v2/pages/?limit=abc",
    "/api/v2/pages/?limit=-1",
    "/api/v2/pages/?limit=100000",
    "/api/v2/pages/?offset=-1",
    "/api/v2/pages/?offset=abc",
    "/api/v2/pages/?offset=99999999999999999999999",
    "/api/v2/pages/?order=nope",
    "/api/v2/pages/?order=-",
    "/api/v2/pages/?order=random&offset=1",
    "/api/v2/pages/?type=policy.PolicyPage&order=body",
    "/api/v2/pages/?type=nope.Nope",
    "/api/v2/pages/?type=auth.User",
    "/api/v2/pages/?type=policy.PolicyVersion",
    "/api/v2/pages/?child_of=abc",
    "/api/v2/pages/?child_of=-5",
    "/api/v2/pages/?child_of=99999999999999999999999",
    "/api/v2/pages/?descendant_of=abc",
    "/api/v2/pages/?ancestor_of=abc",
    "/api/v2/pages/?translation_of=abc",
    "/api/v2/pages/?translation_of=999999",
    "/api/v2/pages/?translation_of=99999999999999999999",
    "/api/v2/pages/?search=cookies&search_operator=xor",
    "/api/v2/pages/?search=cookies&order=random",
    "/api/v2/pages/?search=%00",
    "/api/v2/pages/?locale=%00",
    "/api/v2/pages/?title=%00",
    "/api/v2/pages/?%ff%fe=%00&page=-1&&=",
    "/api/v2/pages/?id=abc",
    "/api/v2/pages/?show_in_menus=maybe",
    "/api/v2/pages/?first_published_at=yesterday",
    # An offset Python reads and PostgreSQL refuses.
    "/api/v2/pages/?first_published_at=0545-12-14T20:36:22-23:46",
    "/api/v2/pages/?first_published_at=2020-01-01T00:00:00%2B16:00",
    "/api/v2/pages/?alias_of=abc",
    "/api/v2/pages/?type=policy.PolicyPage&body=x",
    "/api/v2/pages/?site=localhost:port",
    "/api/v2/pages/?rich_text_format=db_html",
    "/api/v2/pages/?nope=1",
    "/api/v2/pages/{en}/?nope=1",
    "/api/v2/pages/{en}/?fields=nope",
    "/api/v2/pages/{en}/?type=nope",
    "/api/v2/pages/find/?id=abc",
    "/api/v2/cookies/?category=nope",
    "/api/v2/cookies/?party=",
    "/api/v2/cookies/?locale=fr&page=2",
    "/api/v2/cookies/?locale=%00",
]

NOT_FOUND = [
    "/api/v2/pages/?locale=xx",
    "/api/v2/pages/?locale=",
    "/api/v2/pages/?site=nowhere.example",
    "/api/v2/pages/999999/",
    "/api/v2/pages/99999999999999999999999/",
    "/api/v2/pages/abc/",
    "/api/v2/pages/-1/",
    "/api/v2/pages/1/",
    "/api/v2/pages/{en}/?locale=fr",
    "/api/v2/pages/{en}/?type=home.HomePage",
    "/api/v2/pages/?format=api",
    "/api/v2/pages/find/",
    "/api/v2/pages/find/?html_path=/de/datenschutz/",
    "/api/v2/pages/find/?html_path=/en/../../etc/passwd",
    "/api/v2/pages/find/?id=99999999999999999999999",
    "/api/v2/cookies/?locale=xx",
    "/api/v2/cookies/?locale=",
    "/api/v2/cookies/extra/",
    "/api/v2/nope/",
]

# Valid, if odd: the answer is a result, perhaps an empty one.
ODD_BUT_FINE = [
    "/api/v2/pages/?search=",
    "/api/v2/pages/?search=%27%22%3B--%20drop",
    "/api/v2/pages/?search=a%20%26%20%7C%20!%20(",
    "/api/v2/pages/?search=cookies&search_operator=or",
    "/api/v2/pages/?id=99999999999999999999999",
    "/api/v2/pages/?alias_of=99999999999999999999999",
    "/api/v2/pages/?order=random",
    "/api/v2/pages/?fields=_",
    "/api/v2/pages/?first_published_at=2020-01-01T00:00:00%2B14:00",
    "/api/v2/pages/?first_published_at=0001-01-01T00:00:00",
    "/api/v2/pages/?type=policy.PolicyPage&fields=*",
    "/api/v2/pages/?_=1234",
    "/api/v2/pages/?format=json",
    "/api/v2/cookies/?locale=fr&locale=en",
]


def get(client, url):
    return client.get(url.format(en=english_policy().pk))


@pytest.mark.parametrize("url", BAD_REQUESTS)
def test_bad_requests_get_a_400_with_a_message(client, db, url):
    response = get(client, url)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.parametrize("url", NOT_FOUND)
def test_unknown_things_get_a_404_with_a_message(client, db, url):
    response = get(client, url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.parametrize("url", ODD_BUT_FINE)
def test_odd_but_valid_queries_get_an_answer(client, db, url):
    response = get(client, url)

    assert response.status_code == 200
    assert "items" in response.json()


def test_error_messages_say_what_is_wrong(client, db):
    assert client.get("/api/v2/pages/?fields=nope").json() == {
        "message": "unknown fields: nope"
    }
    assert client.get("/api/v2/pages/?limit=abc").json() == {
        "message": "limit must be a positive integer"
    }
    assert client.get("/api/v2/pages/?first_published_at=yesterday").json() == {
        "message": "'yesterday' is not a valid value for first_published_at"
    }
    assert client.get("/api/v2/pages/?rich_text_format=db_html").json() == {
        "message": "query parameter is not an operation or a recognised field: "
        "rich_text_format"
    }


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_is_not_allowed(client, db, method):
    response = getattr(client, method)("/api/v2/pages/")

    assert response.status_code == 405
    assert response.json()["message"] == f'Method "{method.upper()}" not allowed.'
