"""Languages: ?locale and ?translation_of, French text with the English structure, staleness."""

from tests.admin_forms import (
    MAJOR_CHANGE_IN_FRENCH,
    MAJOR_CHANGE_NOTE_FR,
)
from tests.pages import english_policy, french_policy, translate_into_french

# The seeded site answers at WAGTAILADMIN_BASE_URL (config.settings.test).
BASE = "http://testserver"


def body_of(client, page):
    return client.get(f"/api/v2/pages/{page.pk}/").json()["body"]


def structure(body):
    """Block ids, anchors and cookie ids and names: what must match across languages."""
    return [
        (
            section["id"],
            section["value"]["anchor"],
            [
                (
                    child["id"],
                    child["type"],
                    [
                        (
                            cookie["id"],
                            cookie["name"],
                            cookie["party"],
                            cookie["category"],
                        )
                        for cookie in child["value"]["cookies"]
                    ]
                    if child["type"] == "cookie_table"
                    else None,
                )
                for child in section["value"]["content"]
            ],
        )
        for section in body
    ]


def test_locale_filter_lists_the_pages_of_one_language(client, db):
    response = client.get("/api/v2/pages/?locale=fr")

    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    assert [item["title"] for item in response.json()["items"]] == [
        "DMJ Computer Services",
        "Confidentialité et Cookies",
    ]
    assert {item["meta"]["locale"] for item in response.json()["items"]} == {"fr"}


def test_translation_of_finds_the_french_policy_from_the_english(client, db):
    english = english_policy()

    response = client.get(f"/api/v2/pages/?translation_of={english.pk}&locale=fr")

    (item,) = response.json()["items"]
    assert item["id"] == french_policy().pk
    assert item["meta"]["html_url"] == f"{BASE}/fr/confidentialite-et-cookies/"


def test_french_body_is_in_french_with_the_english_ids_and_cookie_names(client, db):
    english = body_of(client, english_policy())
    french = body_of(client, french_policy())

    assert structure(french) == structure(english)
    assert french[0]["value"]["heading"] != english[0]["value"]["heading"]
    assert french[0]["value"]["heading"] == "Notre Déclaration de Confidentialité"
    cookies = [
        cookie
        for section in french
        for child in section["value"]["content"]
        if child["type"] == "cookie_table"
        for cookie in child["value"]["cookies"]
    ]
    assert cookies[0]["name"] == "_ga"
    assert cookies[0]["duration"] == "2 ans"
    assert cookies[0]["purpose"].startswith("Distingue les visiteurs")
    assert cookies[0]["category_label"] == "Mesure d’audience"


def test_french_page_detail_speaks_french(client, db):
    response = client.get(f"/api/v2/pages/{french_policy().pk}/")

    data = response.json()
    assert response["Content-Language"] == "fr"
    assert data["title"] == "Confidentialité et Cookies"
    assert data["history_url"] == f"{BASE}/fr/confidentialite-et-cookies/historique/"
    assert data["history"][0]["note"] == "Première publication."
    assert data["history"][0]["html_url"] == (
        f"{BASE}/fr/confidentialite-et-cookies/versions/1/"
    )


def test_labels_follow_the_page_not_the_browser(client, db):
    english = client.get(
        f"/api/v2/pages/{english_policy().pk}/", HTTP_ACCEPT_LANGUAGE="fr"
    ).json()

    labels = {
        cookie["category_label"]
        for section in english["body"]
        for child in section["value"]["content"]
        if child["type"] == "cookie_table"
        for cookie in child["value"]["cookies"]
    }
    assert labels == {"Analytics", "Strictly necessary"}


def test_find_by_address_works_in_both_languages(client, db):
    for path, page in [
        ("/en/privacy-and-cookies/", english_policy()),
        ("/fr/confidentialite-et-cookies/", french_policy()),
        ("/fr/confidentialite-et-cookies/historique/", french_policy()),
    ]:
        response = client.get(f"/api/v2/pages/find/?html_path={path}")

        assert response.status_code == 302
        assert response["Location"].startswith(f"{BASE}/api/v2/pages/{page.pk}/")


def test_french_says_it_is_behind_until_translated(
    client, major_change, django_capture_on_commit_callbacks
):
    en_policy = major_change
    french_url = f"/api/v2/pages/{french_policy().pk}/"

    french = client.get(french_url).json()
    assert french["translation_behind"] is True
    assert french["newer_source_version"] == {
        "version": 2,
        "date": "2024-03-04",
        "locale": "en",
        "html_url": f"{BASE}/en/privacy-and-cookies/",
        "detail_url": f"{BASE}/api/v2/pages/{en_policy.pk}/",
    }
    assert french["last_updated"] == "2018-01-23"
    assert [entry["version"] for entry in french["history"]] == [1]

    translate_into_french(
        en_policy, MAJOR_CHANGE_IN_FRENCH, django_capture_on_commit_callbacks
    )

    french = client.get(french_url).json()
    assert french["translation_behind"] is False
    assert french["newer_source_version"] is None
    assert french["last_updated"] == "2024-03-04"
    assert french["history"][0] == {
        "version": 2,
        "date": "2024-03-04",
        "note": MAJOR_CHANGE_NOTE_FR,
        "html_url": f"{BASE}/fr/confidentialite-et-cookies/versions/2/",
        "compare_html_url": f"{BASE}/fr/confidentialite-et-cookies/comparer/1/2/",
    }
