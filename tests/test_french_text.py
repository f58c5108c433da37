"""The French page carries the notice as published, word for word."""

from policy.plain_text import clean_text
from tests.pages import published_french_lines, soup, visible_text


def test_every_line_of_the_published_french_notice_is_on_the_french_page(client, db):
    main = soup(client.get("/fr/confidentialite-et-cookies/")).select_one("main")
    page_text = visible_text(main)

    lines = published_french_lines()
    missing = [line for line in lines if line not in page_text]

    assert len(lines) == 72  # every non-empty line of the client’s text
    assert missing == []


def test_cookie_names_are_shown_as_the_notice_writes_them(client, db):
    page = soup(client.get("/fr/confidentialite-et-cookies/"))

    rows = {
        clean_text(th.get_text()): visible_text(th.find_parent("table").caption)
        for th in page.select("table.cookie-table tbody th[scope=row]")
    }
    assert rows == {
        "_ga": "Les cookies Google Analytics en détail",
        "_gid": "Les cookies Google Analytics en détail",
        "_gat_gtag_UA_951418_39": "Les cookies Google Analytics en détail",
        "_cfduid": "Les cookies Cloudflare en détail",
    }


def test_postal_address_reads_as_published(client, db):
    address = soup(client.get("/fr/confidentialite-et-cookies/")).select_one("address")

    assert visible_text(address) == (
        "Internal Compliance Department, 55 Home Close, Chiseldon, Swindon, "
        "Wiltshire SN4 0ND, Royaume-Uni"
    )
