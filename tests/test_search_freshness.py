"""The search follows publishing: what is live is found at once, nothing else is."""

import io
import uuid

from django.core.management import call_command

from wagtail.models import Page

from home.models import HomePage
from policy.models import PolicyPage
from search.models import SearchEntry
from tests.pages import soup, translate_into_french, visible_text

EN_SEARCH = "/en/search/"
FR_SEARCH = "/fr/recherche/"

DRONES_EN = "We never film visitors with drones."
DRONES_FR = "Nous ne filmons jamais nos visiteurs avec des drones équipés de caméras."


def found(client, url, query):
    """(heading, address) of each result."""
    page = soup(client.get(url, {"q": query}))
    return [
        (visible_text(item.h2), item.h2.a["href"])
        for item in page.select("main ol.search-results > li")
    ]


def with_drones_section(page):
    """The page's body with one more section at the end, as an editor adds it."""
    return [
        *page.body.raw_data,
        {
            "type": "section",
            "id": str(uuid.uuid4()),
            "value": {
                "heading": "Drones",
                "anchor": "drones",
                "content": [
                    {
                        "type": "paragraph",
                        "id": str(uuid.uuid4()),
                        "value": f"<p>{DRONES_EN}</p>",
                    }
                ],
            },
        },
    ]


def test_seed_site_pages_are_found(client, en_policy, fr_policy):
    """The session's seed_site published every page, and publishing indexed it."""
    for page in (en_policy, fr_policy):
        entries = SearchEntry.objects.filter(page=page)
        assert entries.count() == len(page.sections()) + 1
        assert set(entries.values_list("locale", flat=True)) == {page.locale_id}
    for home in HomePage.objects.all():
        assert SearchEntry.objects.filter(page=home).count() == 1


def test_a_draft_is_not_found_and_its_publication_is(client, en_policy):
    en_policy.body = with_drones_section(en_policy)
    revision = en_policy.save_revision()

    assert found(client, EN_SEARCH, "drones") == []

    revision.publish()

    assert found(client, EN_SEARCH, "drones") == [
        ("Drones", "/en/privacy-and-cookies/#drones")
    ]


def test_a_french_translation_is_found_once_published(
    client, en_policy, django_capture_on_commit_callbacks
):
    en_policy.body = with_drones_section(en_policy)
    en_policy.save_revision().publish()
    # The English change alone leaves the French page, and its results, as they were.
    assert found(client, FR_SEARCH, "drones") == []

    translate_into_french(
        PolicyPage.objects.get(pk=en_policy.pk),
        {"Drones": "Drones", DRONES_EN: DRONES_FR},
        django_capture_on_commit_callbacks,
    )

    expected = [("Drones", "/fr/confidentialite-et-cookies/#drones")]
    assert found(client, FR_SEARCH, "drones") == expected
    assert found(client, FR_SEARCH, "cameras filmons") == expected
    assert found(client, EN_SEARCH, "cameras") == []


def test_an_unpublished_page_disappears(client, en_policy):
    assert found(client, EN_SEARCH, "youtube") != []

    en_policy.unpublish()

    assert found(client, EN_SEARCH, "youtube") == []
    assert found(client, FR_SEARCH, "youtube") != []


def test_a_deleted_page_disappears(client, db):
    home = HomePage.objects.get(locale__language_code="en")
    page = home.add_child(
        instance=PolicyPage(
            title="Flight policy",
            slug="flight-policy",
            body=with_drones_section(PolicyPage(body=[])),
        )
    )
    page.save_revision().publish()
    assert found(client, EN_SEARCH, "drones") == [
        ("Drones", "/en/flight-policy/#drones")
    ]

    Page.objects.get(pk=page.pk).delete()

    assert found(client, EN_SEARCH, "drones") == []
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()


def test_rebuild_indexes_every_live_page_and_nothing_else(client, en_policy):
    SearchEntry.objects.all().delete()
    # Taken offline behind Wagtail's back: no signal said so.
    Page.objects.filter(pk=en_policy.pk).update(live=False)
    assert found(client, FR_SEARCH, "youtube") == []

    output = io.StringIO()
    call_command("rebuild_search_entries", stdout=output)

    assert "Indexed 3 live pages" in output.getvalue()
    assert found(client, FR_SEARCH, "youtube") == [
        ("Cookies YouTube", "/fr/confidentialite-et-cookies/#youtube-cookies")
    ]
    assert found(client, EN_SEARCH, "youtube") == []
    assert not SearchEntry.objects.filter(page=en_policy).exists()
