"""French pages are set with French no-break spaces; the stored text and the API are not."""

import json

from languages.typography import french_html
from tests.pages import french_policy, soup

FR_URL = "/fr/confidentialite-et-cookies/"
NBSP = "\u00a0"
NNBSP = "\u202f"


def page_text(response):
    """The text of the page's main content, spaces as they are (not normalised)."""
    return soup(response).select_one("main").get_text()


def test_french_policy_puts_no_break_spaces_before_punctuation_and_inside_quotes(
    client, db
):
    text = page_text(client.get(FR_URL))

    assert f"les garanties suivantes{NBSP}:" in text
    assert f"vous en donnerons une description{NNBSP};" in text
    assert f"Les personnes qui «{NBSP}notifient{NBSP}» en vertu" in text
    assert f"la loi de «{NBSP}notifier{NBSP}» certaines" in text
    assert f"une «{NBSP}demande d’accès{NBSP}» conformément" in text
    # The interface's own words too.
    assert f"Famille de Cookies{NBSP}: Google Analytics" in text
    assert " :" not in text and " ;" not in text


def test_stray_no_break_spaces_of_the_source_read_as_ordinary_spaces(client, db):
    stored = json.dumps(french_policy().body.get_prep_value(), ensure_ascii=False)
    assert f"recueillons des{NBSP}informations" in stored

    text = page_text(client.get(FR_URL))

    assert "recueillons des informations relatives" in text
    assert f"des{NBSP}" not in text
    assert "nous fournissons. Nous pouvons" in text
    assert "voir quels cookies ont été créés" in text


def test_the_api_and_the_stored_text_keep_the_original_characters(client, db):
    page = french_policy()
    stored = json.dumps(page.body.get_prep_value(), ensure_ascii=False)
    api = client.get(f"/api/v2/pages/{page.pk}/").content.decode()

    for original in (
        "les garanties suivantes :",
        "une description ;",
        "« notifient »",
        f"recueillons des{NBSP}informations",
    ):
        assert original in stored
        assert original in api.replace("\\u00a0", NBSP)
    assert NNBSP not in stored and "\\u202f" not in api.lower()


def test_addresses_and_attributes_are_untouched(client, db):
    page = soup(client.get(FR_URL))

    links = {a["href"] for a in page.select("main a[href^=http]")}
    assert "https://www.allaboutcookies.org/" in links
    for element in page.select("main *"):
        for value in element.attrs.values():
            value = " ".join(value) if isinstance(value, list) else value
            assert NBSP not in value and NNBSP not in value, (element.name, value)


def test_english_pages_are_left_as_they_are(client, db):
    english = soup(client.get("/en/privacy-and-cookies/")).select_one("main")

    assert NNBSP not in english.get_text()
    assert "Last updated:" in english.get_text()


def test_french_search_results_are_set_the_same_way(client, db):
    text = page_text(client.get("/fr/recherche/", {"q": "notifient"}))

    assert f"«{NBSP}notifient{NBSP}»" in text


def test_only_text_between_tags_changes():
    html = (
        '<p title="Note : ici ; là">Heure : 10:30 ; voir https://example.com/?q=1 !'
        ' Vraiment ? « oui » <a href="https://example.com/a b ?x">lien</a>'
        " <code>a ; b</code> 13\u00a0mois, des\u00a0 mots</p><!-- x : y -->"
    )

    assert french_html(html) == (
        '<p title="Note : ici ; là">Heure\u00a0: 10:30\u202f; voir https://example.com/?q=1\u202f!'
        " Vraiment\u202f? «\u00a0oui\u00a0» "
        '<a href="https://example.com/a b ?x">lien</a>'
        " <code>a ; b</code> 13\u00a0mois, des mots</p><!-- x : y -->"
    )


def test_no_break_space_entities_count_as_spaces():
    assert french_html("Nom&nbsp;: x&#160;; «&nbsp;y&nbsp;» a&nbsp;b") == (
        "Nom\u00a0: x\u202f; «\u00a0y\u00a0» a b"
    )
