"""Nothing unapproved or unscheduled is public: pages, feeds, sitemap, search and API."""

from django.core.cache import cache
from django.test import Client

import pytest

from tests.admin_forms import policy_form_data
from tests.pages import english_policy, french_policy, soup, visible_text
from tests.upcoming import GO_LIVE

pytestmark = pytest.mark.usefixtures("in_january_2027")

UNSEEN_WORD = "Quixotrambulant"

PUBLIC_URLS = [
    "/en/privacy-and-cookies/",
    "/en/privacy-and-cookies/history/",
    "/en/privacy-and-cookies/feed/",
    "/en/privacy-and-cookies/upcoming/",
    "/en/privacy-and-cookies/upcoming/compare/",
    "/fr/confidentialite-et-cookies/",
    "/fr/confidentialite-et-cookies/historique/",
    "/fr/confidentialite-et-cookies/flux/",
    "/fr/confidentialite-et-cookies/a-venir/",
    "/sitemap.xml",
    f"/en/search/?q={UNSEEN_WORD}",
    f"/api/v2/pages/?search={UNSEEN_WORD}",
    "/api/v2/pages/?type=policy.PolicyPage&fields=*",
    "/api/v2/pages/{en}/",
    "/api/v2/pages/{fr}/",
]


def everything_public():
    """Every public response, built afresh (nothing remembered from before)."""
    cache.clear()
    urls = [
        url.format(en=english_policy().pk, fr=french_policy().pk) for url in PUBLIC_URLS
    ]
    return {
        url: (r.status_code, r.content) for url in urls for r in [Client().get(url)]
    }


def change_with_secret(page, **fields):
    """Editor's form data: a major change to the first paragraph, going live later."""
    body = page.body.raw_data
    body[0]["value"]["content"][0]["value"] = f"<p>{UNSEEN_WORD} text.</p>"
    page.body = list(body)
    return policy_form_data(
        page,
        body=page.body,
        update_type="major",
        change_note=f"{UNSEEN_WORD} note.",
        go_live_at=GO_LIVE.strftime("%Y-%m-%d %H:%M"),
        **fields,
    )


@pytest.mark.parametrize(
    "action", [None, "action-submit"], ids=["draft", "awaiting approval"]
)
def test_a_change_with_a_go_live_date_is_private_until_approved(editor, action):
    before = everything_public()
    page = english_policy()

    response = editor.post(
        f"/admin/pages/{page.pk}/edit/", change_with_secret(page, action=action)
    )
    assert response.status_code == 302
    assert english_policy().get_latest_revision().content["change_note"] == (
        f"{UNSEEN_WORD} note."
    )

    after = everything_public()
    assert after == before
    # The search pages repeat the query; nothing else may hold the word.
    assert UNSEEN_WORD not in "".join(
        content.decode()
        for url, (_s, content) in after.items()
        if "=" + UNSEEN_WORD not in url
    )
    assert f"No results for “{UNSEEN_WORD}”" in visible_text(
        soup_of(after[f"/en/search/?q={UNSEEN_WORD}"]).select_one("main")
    )


def test_a_scheduled_change_is_public_only_as_the_upcoming_version(admin_client):
    page = english_policy()
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/",
        change_with_secret(page, action="action-publish"),
    )
    assert response.status_code == 302

    public = everything_public()
    # Announced, with its note, and readable as the upcoming version…
    upcoming = public["/en/privacy-and-cookies/upcoming/"]
    assert upcoming[0] == 200
    assert f"{UNSEEN_WORD} text." in visible_text(soup_of(upcoming))
    assert f"{UNSEEN_WORD} note." in visible_text(
        soup_of(public["/en/privacy-and-cookies/"]).select_one(".notice--upcoming")
    )
    # …but its text is not the policy's: not on the page, in search or in the sitemap.
    policy = soup_of(public["/en/privacy-and-cookies/"])
    policy.select_one(".notice--upcoming").decompose()
    assert UNSEEN_WORD not in visible_text(policy)
    assert UNSEEN_WORD not in public["/sitemap.xml"][1].decode()
    assert b"upcoming" not in public["/sitemap.xml"][1]
    assert f"No results for “{UNSEEN_WORD}”" in visible_text(
        soup_of(public[f"/en/search/?q={UNSEEN_WORD}"]).select_one("main")
    )
    listing = public[f"/api/v2/pages/?search={UNSEEN_WORD}"]
    assert listing[0] == 200 and b'"items": []' in listing[1]
    detail = public[f"/api/v2/pages/{english_policy().pk}/"][1].decode()
    assert f"{UNSEEN_WORD} text." not in detail


def soup_of(status_and_content):
    class Response:
        content = status_and_content[1]

    return soup(Response)
