"""/api/v2/cookies/: every declared cookie of the policy in one language, as flat rows."""

from tests.pages import english_policy, french_policy

# The seeded site answers at WAGTAILADMIN_BASE_URL (config.settings.test).
BASE = "http://testserver"
SEED_COOKIES = ["_ga", "_gid", "_gat_gtag_UA_951418_39", "_cfduid"]


def test_english_cookies_by_default(client, db):
    response = client.get("/api/v2/cookies/")

    assert response.status_code == 200
    data = response.json()
    assert data["meta"] == {
        "total_count": 4,
        "locale": "en",
        "policy": {
            "id": english_policy().pk,
            "title": "Privacy and Cookies",
            "html_url": f"{BASE}/en/privacy-and-cookies/",
            "detail_url": f"{BASE}/api/v2/pages/{english_policy().pk}/",
            "last_updated": "2018-01-23",
        },
    }
    assert [row["name"] for row in data["items"]] == SEED_COOKIES
    first = data["items"][0]
    assert first["id"]
    assert {key: value for key, value in first.items() if key != "id"} == {
        "name": "_ga",
        "provider": "Google Analytics",
        "purpose": "Tells visitors apart, so that we can count them without knowing who they are.",
        "duration": "2 years",
        "maxAgeSeconds": 63072000,
        "refreshed": True,
        "party": "first",
        "party_label": "First party (this website)",
        "category": "analytics",
        "category_label": "Analytics",
        "kind": "cookie",
        "kind_label": "Cookie",
    }


def test_french_cookies_have_french_text_and_labels_and_the_same_codes(client, db):
    english = client.get("/api/v2/cookies/?locale=en").json()["items"]
    response = client.get("/api/v2/cookies/?locale=fr")

    french = response.json()["items"]
    assert response["Content-Language"] == "fr"
    assert response.json()["meta"]["policy"]["id"] == french_policy().pk
    assert [(r["id"], r["name"], r["party"], r["category"]) for r in french] == [
        (r["id"], r["name"], r["party"], r["category"]) for r in english
    ]
    assert french[0]["duration"] == "2 ans"
    # Lifetimes in seconds are the same in every language: copied, not translated.
    assert [(r["maxAgeSeconds"], r["refreshed"]) for r in french] == [
        (63072000, True),
        (86400, True),
        (60, False),
        (2592000, False),
    ]
    assert french[0]["purpose"].startswith("Distingue les visiteurs")
    assert french[0]["party_label"] == "Ce site (cookie interne)"
    assert french[3]["category_label"] == "Strictement nécessaire"


def test_filter_by_category_and_party(client, db):
    analytics = client.get("/api/v2/cookies/?category=analytics").json()
    necessary = client.get("/api/v2/cookies/?locale=fr&category=necessary").json()
    third = client.get("/api/v2/cookies/?party=third").json()

    assert [row["name"] for row in analytics["items"]] == SEED_COOKIES[:3]
    assert analytics["meta"]["total_count"] == 3
    assert [row["name"] for row in necessary["items"]] == ["_cfduid"]
    assert third["items"] == []


def test_a_new_cookie_appears_once_published(client, en_policy):
    body = en_policy.body.raw_data
    table = next(
        child
        for section in body
        for child in section["value"]["content"]
        if child["type"] == "cookie_table"
    )
    table["value"]["cookies"].append(
        {
            "type": "item",
            "id": "2f4b8a34-1c55-4e0e-a1c9-5f0e8f6c0d11",
            "value": {
                "name": "_gcl_au",
                "purpose": "Measures advertising.",
                "duration": "3 months",
                "party": "third",
                "category": "marketing",
            },
        }
    )
    en_policy.body = list(body)
    revision = en_policy.save_revision()
    assert "_gcl_au" not in client.get("/api/v2/cookies/").content.decode()

    revision.publish()

    rows = client.get("/api/v2/cookies/?category=marketing").json()["items"]
    assert [
        (row["name"], row["party_label"], row["category_label"]) for row in rows
    ] == [("_gcl_au", "Third party (another company)", "Marketing")]


def test_unknown_language_is_a_404_with_a_message(client, db):
    response = client.get("/api/v2/cookies/?locale=xx")

    assert response.status_code == 404
    assert response.json() == {"message": "no published policy in the language 'xx'"}


def test_bad_filters_are_400s_that_say_what_is_allowed(client, db):
    category = client.get("/api/v2/cookies/?category=tracking")
    unknown = client.get("/api/v2/cookies/?name=_ga")

    assert category.status_code == 400
    assert category.json()["message"] == (
        "category must be one of: necessary, analytics, functionality, marketing"
    )
    assert unknown.status_code == 400
    assert "name" in unknown.json()["message"]
