"""A public history of major changes, per language, and the translation's catching up."""

from tests.admin_forms import (
    MAJOR_CHANGE_IN_FRENCH,
    MAJOR_CHANGE_NOTE,
    MAJOR_CHANGE_NOTE_FR,
    publish_through_editor,
    set_cookie_duration,
)
from tests.pages import soup, translate_into_french, visible_text

EN_URL = "/en/privacy-and-cookies/"
FR_URL = "/fr/confidentialite-et-cookies/"


def history_entries(client, url):
    page = soup(client.get(url))
    return [
        (visible_text(entry.select_one(".history__date")), visible_text(entry.p))
        for entry in page.select(".history__entry")
    ]


def test_history_lists_the_first_publication_in_both_languages(client, db):
    assert history_entries(client, EN_URL + "history/") == [
        ("23 January 2018", "First published.")
    ]
    assert history_entries(client, FR_URL + "historique/") == [
        ("23 janvier 2018", "Première publication.")
    ]


def test_policy_links_to_its_history_beside_the_date(client, db):
    meta = soup(client.get(FR_URL)).select_one(".policy-meta")

    assert meta.select_one("a")["href"] == FR_URL + "historique/"
    assert visible_text(meta.select_one("a")) == "Voir toutes les mises à jour"


def test_major_change_adds_a_history_entry_in_both_languages_once_translated(
    admin_client, major_change, django_capture_on_commit_callbacks
):
    en_policy = major_change

    assert history_entries(admin_client, EN_URL + "history/") == [
        ("4 March 2024", MAJOR_CHANGE_NOTE),
        ("23 January 2018", "First published."),
    ]
    # Not translated yet: the French history is unchanged and says it is behind.
    french_history = soup(admin_client.get(FR_URL + "historique/"))
    assert len(french_history.select(".history__entry")) == 1
    assert "4 mars 2024" in visible_text(french_history.select_one(".notice--behind"))

    translate_into_french(
        en_policy, MAJOR_CHANGE_IN_FRENCH, django_capture_on_commit_callbacks
    )

    assert history_entries(admin_client, FR_URL + "historique/") == [
        ("4 mars 2024", MAJOR_CHANGE_NOTE_FR),
        ("23 janvier 2018", "Première publication."),
    ]
    french = soup(admin_client.get(FR_URL))
    assert "Dernière mise à jour : 4 mars 2024" in visible_text(
        french.select_one(".policy-meta")
    )
    assert "13 mois" in visible_text(french.select_one("main"))


def test_staleness_notice_appears_and_disappears(
    admin_client, en_policy, django_capture_on_commit_callbacks, request
):
    assert not soup(admin_client.get(FR_URL)).select(".notice--behind")

    en_policy = request.getfixturevalue("major_change")

    notice = soup(admin_client.get(FR_URL)).select_one(".notice--behind")
    assert visible_text(notice).startswith(
        "La version anglaise de cette politique a été modifiée le 4 mars 2024"
    )
    assert notice.a["href"] == EN_URL
    assert notice.a["hreflang"] == "en"

    # Published with a string still in English: the French is not caught up yet.
    translate_into_french(
        en_policy,
        {MAJOR_CHANGE_NOTE: MAJOR_CHANGE_NOTE_FR},
        django_capture_on_commit_callbacks,
    )
    assert soup(admin_client.get(FR_URL)).select(".notice--behind")

    translate_into_french(
        en_policy, {"13 months": "13 mois"}, django_capture_on_commit_callbacks
    )
    assert not soup(admin_client.get(FR_URL)).select(".notice--behind")


def test_minor_english_change_does_not_make_the_french_stale(admin_client, en_policy):
    publish_through_editor(
        admin_client,
        en_policy,
        body=set_cookie_duration(en_policy, "_gid", "1 day"),
        update_type="minor",
    )

    assert not soup(admin_client.get(FR_URL)).select(".notice--behind")
    assert (
        len(soup(admin_client.get(EN_URL + "history/")).select(".history__entry")) == 1
    )


def version_labels(client, url):
    page = soup(client.get(url))
    return [visible_text(title) for title in page.select(".history__entry h2")]


def test_each_version_is_labelled_with_its_number_in_both_languages(
    admin_client, translated_major_change
):
    assert version_labels(admin_client, EN_URL + "history/") == [
        "Version 2 · 4 March 2024, in force",
        "Version 1 · 23 January 2018",
    ]
    assert version_labels(admin_client, FR_URL + "historique/") == [
        "Version 2 · 4 mars 2024, en vigueur",
        "Version 1 · 23 janvier 2018",
    ]
    # The comparison form names them the same way.
    form = soup(admin_client.get(FR_URL + "historique/")).select_one(".compare-form")
    assert [visible_text(option) for option in form.select("#compare-from option")] == [
        "Version 2 · 4 mars 2024",
        "Version 1 · 23 janvier 2018",
    ]
    # What each version was: the first publication, then the change's note.
    assert history_entries(admin_client, FR_URL + "historique/")[1] == (
        "23 janvier 2018",
        "Première publication.",
    )


def test_a_history_of_one_version_says_so_and_leads_to_it(client, db):
    for url, only, link in [
        (
            EN_URL + "history/",
            "This is the first and only version of the policy, published on "
            "23 January 2018. It is the one in force today.",
            "Read the policy",
        ),
        (
            FR_URL + "historique/",
            "Voici la première et seule version de la politique, publiée le "
            "23 janvier 2018. C’est celle qui est en vigueur aujourd’hui.",
            "Lire la politique",
        ),
    ]:
        page = soup(client.get(url))
        summary = page.select_one(".history__only")

        assert visible_text(summary.p) == only
        assert visible_text(summary.select_one("a")) == link
        assert summary.select_one("a")["href"] == url.rsplit("/", 2)[0] + "/"
        # Nothing to compare yet.
        assert not page.select(".compare-form")


def test_a_history_of_several_versions_does_not_call_one_the_only_one(
    admin_client, major_change
):
    page = soup(admin_client.get(EN_URL + "history/"))

    assert not page.select(".history__only")
    assert page.select_one(".compare-form")
