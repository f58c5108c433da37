"""French readers get the search page in French, typography included."""

from tests.pages import soup, visible_text

FR_SEARCH = "/fr/recherche/"


def test_the_french_search_page_speaks_french(client, db):
    page = soup(client.get(FR_SEARCH))

    assert page.html["lang"] == "fr"
    assert visible_text(page.h1) == "Rechercher"
    field = page.select_one("main input[name=q]")
    assert visible_text(page.select_one(f"label[for={field['id']}]")) == (
        "Mots à rechercher"
    )
    assert "Saisissez un ou deux mots" in visible_text(page.main)


def test_french_results_are_counted_in_french(client, db):
    one = soup(client.get(FR_SEARCH, {"q": "youtube"}))
    many = soup(client.get(FR_SEARCH, {"q": "cookie"}))

    assert visible_text(one.select_one("main .search-summary")) == (
        "1 résultat pour « youtube »"
    )
    assert visible_text(many.select_one("main .search-summary")) == (
        "4 résultats pour « cookie »"
    )
    assert visible_text(one.select_one(".search-result__page")) == (
        "Dans « Confidentialité et Cookies »"
    )
    assert visible_text(one.title).startswith("Résultats de la recherche « youtube »")


def test_no_french_results_says_so_in_french(client, db):
    page = soup(client.get(FR_SEARCH, {"q": "xylophone"}))

    assert visible_text(page.select_one("main .search-summary")) == (
        "Aucun résultat pour « xylophone »."
    )
    assert "Vérifiez l’orthographe" in visible_text(page.main)


def test_french_pagination_speaks_french(client, db):
    page = soup(client.get(FR_SEARCH, {"q": "informations", "page": "2"}))

    nav = page.select_one("main nav.pagination")
    assert nav["aria-label"] == "Pages de résultats"
    assert visible_text(nav.select_one(".pagination__status")) == "Page 2 sur 2"
    assert visible_text(nav.select_one("a[rel=prev]")) == "Précédent"
    assert visible_text(nav.select_one("a[aria-current=page]")) == "Page 2"
    first = soup(client.get(FR_SEARCH, {"q": "informations"}))
    assert visible_text(first.select_one("main a[rel=next]")) == "Suivant"
