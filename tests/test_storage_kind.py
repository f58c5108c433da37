"""A cookie table's row is a cookie or a key of web storage: its kind, wherever rows are read.

Every row written before kinds existed, the seed's among them, is a cookie,
and reads as before; tests/test_french_text.py holds the French page to the
published notice word for word.
"""

import json

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from policy.blocks import CookieBlock, CookieTableBlock
from policy.public_comparison import compare_bodies
from tests.pages import (
    english_policy,
    french_policy,
    soup,
    translate_into_french,
    visible_text,
)
from tests.responses import config_of
from tests.roles import client_for, user_in
from tests.storage_keys import GOOGLE_STORAGE, declare

LOCAL_KEY, SESSION_KEY = GOOGLE_STORAGE
EN_URL = "/en/privacy-and-cookies/"
FR_URL = "/fr/confidentialite-et-cookies/"


def editor_segments(page):
    """{English string: its label} in localize's editor, as a French translator reads it."""
    user = user_in("Translators")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    response = client_for(user).get(f"/admin/pages/{page.pk}/edit/")
    props = json.loads(
        soup(response).select_one(".js-translation-editor")["data-props"]
    )
    return {
        segment["source"]: segment["location"]["subField"]
        for segment in props["segments"]
        if "source" in segment
    }


def row(name, kind="cookie"):
    return {
        "name": name,
        "kind": kind,
        "purpose": "Remembers a setting.",
        "duration": "1 year",
        "max_age_seconds": 31536000,
        "party": "first",
        "category": "functionality",
    }


def name_errors(value):
    block = CookieBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(value))
    return error.value.block_errors["name"].messages


# What editors may type ------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["ajs_user_id", "ga:clientId", "@@scroll|/en/", "draft message 1"]
)
@pytest.mark.parametrize("kind", ["localStorage", "sessionStorage"])
def test_a_storage_key_may_hold_what_a_cookie_name_cannot(name, kind):
    block = CookieBlock()

    value = block.clean(block.to_python(row(name, kind)))

    assert (value["name"], value["kind"]) == (name, kind)


@pytest.mark.parametrize("name", ["ga:clientId", "my cookie", "a,b", "a;b", "é"])
def test_a_cookie_name_is_as_strict_as_ever(name):
    assert name_errors(row(name)) == [
        "A cookie name has no spaces, commas or semicolons."
    ]


@pytest.mark.parametrize("name", [" key", "key ", "line\nbreak", "tab\there"])
def test_a_storage_key_has_no_line_break_and_no_space_at_its_ends(name):
    assert name_errors(row(name, "localStorage")) == [
        "A name has no line breaks or tabs, and no space at its start or end."
    ]


def test_a_row_saved_before_kinds_is_a_cookie():
    value = CookieBlock().to_python(
        {key: value for key, value in row("_ga").items() if key != "kind"}
    )

    assert value["kind"] == "cookie"
    assert str(value.kind_label()) == "Cookie"


def test_a_cookie_and_a_storage_key_may_share_a_name_in_a_table_but_not_two_keys():
    block = CookieTableBlock()
    table = {"provider": "Chat", "purpose": "<p>Chat.</p>"}

    block.clean(
        block.to_python(
            {**table, "cookies": [row("chat"), row("chat", "localStorage")]}
        )
    )
    with pytest.raises(ValidationError) as error:
        block.clean(
            block.to_python(
                {
                    **table,
                    "cookies": [row("chat", "localStorage")] * 2,
                }
            )
        )

    rows = error.value.block_errors["cookies"].block_errors
    assert list(rows) == [1]


# What readers, the API and the banner get -----------------------------------


@pytest.fixture
def storage_declared(en_policy):
    return declare(en_policy, GOOGLE_STORAGE)


def test_the_policy_says_a_row_is_a_storage_key_and_says_nothing_more_of_cookies(
    client, storage_declared
):
    page = soup(client.get(EN_URL))

    names = {
        visible_text(th.code): visible_text(th)
        for th in page.select("table.cookie-table tbody th[scope=row]")
    }
    assert names == {
        "_ga": "_ga",
        "_gid": "_gid",
        "_gat_gtag_UA_951418_39": "_gat_gtag_UA_951418_39",
        "ga_state": "ga_state Key in the browser's local storage (localStorage)",
        "ga_tab": "ga_tab Key in the browser's session storage (sessionStorage)",
        "_cfduid": "_cfduid",
    }


def test_the_french_policy_says_it_in_french_once_translated(
    client, storage_declared, django_capture_on_commit_callbacks
):
    translate_into_french(
        english_policy(),
        {
            LOCAL_KEY["purpose"]: "Retient ce qui a déjà été compté.",
            LOCAL_KEY[
                "duration"
            ]: "Jusqu’à ce que vous effaciez les données du navigateur",
            SESSION_KEY["purpose"]: "Compte les pages vues dans cet onglet.",
            SESSION_KEY["duration"]: "Jusqu’à la fermeture de l’onglet",
        },
        django_capture_on_commit_callbacks,
    )
    page = soup(client.get(FR_URL))

    rows = {
        visible_text(th.code): visible_text(th)
        for th in page.select("table.cookie-table tbody th[scope=row]")
    }
    assert rows["ga_state"] == (
        "ga_state Clé du stockage local du navigateur (localStorage)"
    )
    assert rows["ga_tab"] == (
        "ga_tab Clé du stockage de session du navigateur (sessionStorage)"
    )
    assert rows["_ga"] == "_ga"
    # Translators read which row a string belongs to, and what it is.
    segments = editor_segments(french_policy())
    assert segments[SESSION_KEY["duration"]] == (
        "Tableau de cookies : Google Analytics › Clé de stockage de session : ga_tab "
        "› Durée de conservation"
    )
    assert segments["2 years"] == (
        "Tableau de cookies : Google Analytics › Cookie : _ga › Durée de conservation"
    )
    french = client.get("/api/v2/cookies/?locale=fr&kind=sessionStorage").json()
    assert [(r["name"], r["kind"], r["kind_label"]) for r in french["items"]] == [
        (
            "ga_tab",
            "sessionStorage",
            "Clé du stockage de session du navigateur (sessionStorage)",
        )
    ]


def test_the_api_gives_each_row_its_kind_and_filters_by_it(client, storage_declared):
    rows = client.get("/api/v2/cookies/").json()["items"]
    local = client.get("/api/v2/cookies/?kind=localStorage").json()
    bad = client.get("/api/v2/cookies/?kind=indexedDB")

    assert {(row["name"], row["kind"]) for row in rows} == {
        ("_ga", "cookie"),
        ("_gid", "cookie"),
        ("_gat_gtag_UA_951418_39", "cookie"),
        ("ga_state", "localStorage"),
        ("ga_tab", "sessionStorage"),
        ("_cfduid", "cookie"),
    }
    assert [(row["name"], row["kind_label"]) for row in local["items"]] == [
        ("ga_state", "Key in the browser's local storage (localStorage)")
    ]
    assert bad.status_code == 400
    assert bad.json() == {
        "message": "kind must be one of: cookie, localStorage, sessionStorage"
    }


def test_the_banner_gets_each_category_s_storage_keys_beside_its_cookies(
    client, storage_declared
):
    config = config_of(client.get("/consent.js"))
    necessary, analytics = config["languages"]["en"]["categories"]

    assert analytics["cookies"] == ["_ga", "_gat_gtag_UA_951418_39", "_gid"]
    assert analytics["storage"] == [
        {"name": "ga_state", "kind": "localStorage"},
        {"name": "ga_tab", "kind": "sessionStorage"},
    ]
    assert necessary["storage"] == []


def test_the_admin_comparison_shows_a_key_s_kind_and_a_change_of_kind(
    admin_client, storage_declared
):
    body = storage_declared.body.raw_data
    tab = next(
        item
        for section in body
        for child in section["value"]["content"]
        if child["type"] == "cookie_table"
        for item in child["value"]["cookies"]
        if item["value"]["name"] == "ga_tab"
    )
    tab["value"]["kind"] = "localStorage"
    storage_declared.body = list(body)
    storage_declared.save_revision().publish()
    new, old, oldest = storage_declared.revisions.order_by(
        "-created_at", "-id"
    ).values_list("id", flat=True)[:3]

    def compared(a, b):
        url = reverse(
            "wagtailadmin_pages:revisions_compare", args=(storage_declared.pk, a, b)
        )
        return visible_text(soup(admin_client.get(url)))

    added = compared(oldest, old)
    changed = compared(old, new)

    assert "ga_state Kind Key in the browser's local storage (localStorage)" in added
    assert "_ga — unchanged" in added
    assert (
        "ga_tab Kind Key in the browser's session storage (sessionStorage) → "
        "Key in the browser's local storage (localStorage)"
    ) in changed


def test_the_public_comparison_says_an_added_row_s_kind_only_for_a_storage_key(db):
    old = english_policy().body
    new = declare(english_policy(), [LOCAL_KEY, row("_ga_ABC123")]).body

    [section] = [change for change in compare_bodies(old, new) if change.is_changed]
    [table] = section.changes
    details = {change.name: change.details for change in table.rows}

    assert details["ga_state"][0] == (
        "Kind",
        "Key in the browser's local storage (localStorage)",
    )
    assert "Kind" not in [label for label, _value in details["_ga_ABC123"]]
