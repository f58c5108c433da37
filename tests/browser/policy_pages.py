"""The public policy as readers see it in Chromium, for the browser tests: its addresses,
its dates, its cookie tables, and a visitor's browser."""

import re
from contextlib import contextmanager

from playwright.sync_api import expect

EN_POLICY = "/en/privacy-and-cookies/"
FR_POLICY = "/fr/confidentialite-et-cookies/"

# Written out rather than taken from Django, as tests.pages.FRENCH_MONTHS.
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def in_english(day):
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


@contextmanager
def visitor(open_page):
    """Someone reading the public site, not signed in."""
    page = open_page("fr-FR")
    try:
        yield page
    finally:
        page.context.close()


def cookie_cell(page, caption, cookie, column):
    """The cell of a public cookie table in `cookie`'s row and the column headed `column`."""
    table = page.get_by_role("table", name=caption)
    expect(table).to_be_visible()
    headers = table.get_by_role("columnheader").all_inner_texts()
    row = table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=cookie, exact=True)
    )
    # The cookie's name is the row header; the other columns are cells.
    return row.get_by_role("cell").nth(headers.index(column) - 1)


def english_ga_duration(page):
    """Opens the English policy; the duration a reader sees for `_ga`."""
    page.goto(EN_POLICY)
    return cookie_cell(
        page, "Google Analytics cookies in detail", "_ga", "How long it lasts"
    )


def french_ga_duration(page):
    """Opens the French policy; the duration a reader sees for `_ga`."""
    page.goto(FR_POLICY)
    return cookie_cell(
        page, "Les cookies Google Analytics en détail", "_ga", "Durée de conservation"
    )


def last_updated(label, date):
    # \s also matches the non-breaking space French typography puts before a
    # colon. No ^: Playwright matches a regex against the text as written, indents
    # included. No re.escape either: the browser's regex rejects its escaped spaces.
    return re.compile(rf"{label}\s*:\s*{date}\b")


def french_behind_notice(page):
    return page.get_by_role("note").filter(
        has_text="La version anglaise de cette politique"
    )
