"""Drafts, unpublished and private pages and non-public revisions never reach the API."""

from wagtail.models import PageViewRestriction

import pytest

from tests.pages import english_policy, french_policy

DRAFT_WORD = "Zanzibarquux"


def cookie_table(body_data):
    return next(
        child
        for section in body_data
        for child in section["value"]["content"]
        if child["type"] == "cookie_table"
    )


def save_draft(page):
    """A draft that changes the title, a cookie and a paragraph, left unpublished."""
    body = page.body.raw_data
    cookie_table(body)["value"]["cookies"][0]["value"]["duration"] = "99 years"
    body[0]["value"]["content"][0]["value"] = f"<p>{DRAFT_WORD} draft text.</p>"
    page.body = list(body)
    page.title = "Draft title"
    return page.save_revision()


API_URLS = [
    "/api/v2/pages/",
    "/api/v2/pages/?locale=en&type=policy.PolicyPage&fields=*",
    "/api/v2/pages/{en}/",
    "/api/v2/pages/{fr}/",
    f"/api/v2/pages/?search={DRAFT_WORD}",
    "/api/v2/cookies/",
    "/api/v2/cookies/?locale=fr",
]


def fetch_all(client):
    urls = [
        url.format(en=english_policy().pk, fr=french_policy().pk) for url in API_URLS
    ]
    return {url: client.get(url) for url in urls}


def test_a_draft_changes_nothing_in_any_response(client, en_policy):
    before = {url: r.content for url, r in fetch_all(client).items()}

    save_draft(en_policy)

    after = fetch_all(client)
    assert {url: r.content for url, r in after.items()} == before
    assert after[f"/api/v2/pages/?search={DRAFT_WORD}"].json()["items"] == []
    assert DRAFT_WORD not in b"".join(before.values()).decode()


def test_draft_shows_once_published(client, en_policy):
    # The same change as above, published: the test above could fail.
    save_draft(en_policy).publish()

    data = client.get(f"/api/v2/pages/{en_policy.pk}/").json()
    assert data["title"] == "Draft title"
    assert DRAFT_WORD in data["body"][0]["value"]["content"][0]["value"]


def test_unpublished_translation_disappears_everywhere(client, fr_policy):
    en_pk, fr_pk = english_policy().pk, fr_policy.pk
    fr_policy.unpublish()

    assert client.get(f"/api/v2/pages/{fr_pk}/").status_code == 404
    assert client.get("/api/v2/cookies/?locale=fr").status_code == 404
    listed = {item["id"] for item in client.get("/api/v2/pages/").json()["items"]}
    assert fr_pk not in listed
    assert client.get(f"/api/v2/pages/?translation_of={en_pk}").json()["items"] == []
    english = client.get(f"/api/v2/pages/{en_pk}/").json()
    assert [t["locale"] for t in english["translations"]] == ["en"]


@pytest.fixture
def private_french(fr_policy):
    """The French policy behind a password; the client has given it, as a visitor would."""
    return PageViewRestriction.objects.create(
        page=fr_policy,
        restriction_type=PageViewRestriction.PASSWORD,
        password="s3cret",
    )


def pass_restriction(client, restriction):
    session = client.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()


def assert_french_hidden(client, fr_pk):
    assert client.get(f"/api/v2/pages/{fr_pk}/").status_code == 404
    assert client.get("/api/v2/cookies/?locale=fr").status_code == 404
    assert (
        client.get("/api/v2/pages/?locale=fr&type=policy.PolicyPage").json()["items"]
        == []
    )
    english = client.get(f"/api/v2/pages/{english_policy().pk}/").json()
    assert [t["locale"] for t in english["translations"]] == ["en"]
    assert (
        client.get(
            "/api/v2/pages/find/?html_path=/fr/confidentialite-et-cookies/"
        ).status_code
        == 404
    )


def test_private_page_is_hidden_even_from_a_visitor_who_has_the_password(
    client, private_french
):
    pass_restriction(client, private_french)
    # The site lets this visitor in: the session really carries the password.
    assert client.get("/fr/confidentialite-et-cookies/").status_code == 200

    assert_french_hidden(client, private_french.page_id)


def test_login_restricted_page_is_hidden_even_from_a_logged_in_superuser(
    client, fr_policy, django_user_model
):
    PageViewRestriction.objects.create(
        page=fr_policy, restriction_type=PageViewRestriction.LOGIN
    )
    client.force_login(
        django_user_model.objects.create_superuser("boss", "b@example.com", "pw")
    )
    assert client.get("/fr/confidentialite-et-cookies/").status_code == 200

    assert_french_hidden(client, fr_policy.pk)


def test_restriction_on_a_parent_hides_its_pages(client, fr_policy):
    PageViewRestriction.objects.create(
        page=fr_policy.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )

    assert_french_hidden(client, fr_policy.pk)


def test_history_lists_public_versions_only(client, en_policy):
    # A minor change and a draft: revisions, but not public versions.
    en_policy.save_revision().publish()
    save_draft(en_policy)

    data = client.get(f"/api/v2/pages/{en_policy.pk}/").json()

    assert [entry["version"] for entry in data["history"]] == [1]
    assert en_policy.revisions.count() >= 3


@pytest.mark.parametrize(
    "fields",
    ["latest_revision", "revisions", "live_revision", "change_note", "draft_title"],
)
def test_revisions_and_draft_fields_cannot_be_asked_for(client, db, fields):
    response = client.get(f"/api/v2/pages/{english_policy().pk}/?fields={fields}")

    assert response.status_code == 400
    assert response.json() == {"message": f"unknown fields: {fields}"}


@pytest.mark.parametrize(
    "query", ["has_unpublished_changes=true", "live=false", "latest_revision=1"]
)
def test_unpublished_state_cannot_be_filtered_on(client, db, query):
    response = client.get(f"/api/v2/pages/?{query}")

    assert response.status_code == 400
    assert "not an operation or a recognised field" in response.json()["message"]
