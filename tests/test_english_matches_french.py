"""The English source and its French translation have the same shape."""

from tests.pages import cookie_tables, sections, soup


def test_both_languages_have_the_same_sections_with_the_same_anchors(client, db):
    english = sections(soup(client.get("/en/privacy-and-cookies/")))
    french = sections(soup(client.get("/fr/confidentialite-et-cookies/")))

    assert len(english) == 16
    assert [anchor for anchor, _ in english] == [anchor for anchor, _ in french]
    # Same anchors, but the headings themselves are translated.
    assert all(en != fr for (_, en), (_, fr) in zip(english, french, strict=True))


def test_both_languages_declare_the_same_cookie_names(client, db):
    english = cookie_tables(soup(client.get("/en/privacy-and-cookies/")))
    french = cookie_tables(soup(client.get("/fr/confidentialite-et-cookies/")))

    assert english == [["_ga", "_gid", "_gat_gtag_UA_951418_39"], ["_cfduid"]]
    assert french == english
