"""How the pages are laid out, measured in Chromium: a compact header, whole cookie
names, and components that do not look alike."""

import pytest

POLICY = {"en": "/en/privacy-and-cookies/", "fr": "/fr/confidentialite-et-cookies/"}

OTHER_LANGUAGE = {"en": "Français", "fr": "English"}
# One row at desktop width (name, search, languages side by side); two on a phone.
HEADER_HEIGHT_LIMIT = {1280: 90, 375: 120}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("width", [1280, 375])
def test_the_header_is_compact(people, open_page, language, width):
    page = open_page(language)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(POLICY[language])

    header = page.locator(".site-header").bounding_box()

    assert header["height"] < HEADER_HEIGHT_LIMIT[width]
    # Everything the header offers is still there, in view.
    other_language = page.get_by_role("link", name=OTHER_LANGUAGE[language])
    for element in (
        page.locator(".site-name"),
        page.get_by_role("searchbox"),
        page.locator(".site-search button"),
        other_language,
    ):
        box = element.bounding_box()
        assert box["width"] > 0 and box["y"] + box["height"] <= header["height"]
    assert (
        other_language.get_attribute("hreflang") == {"en": "fr", "fr": "en"}[language]
    )


SEARCH_BOX = {
    "en": ("Search this site", "Search"),
    "fr": ("Rechercher sur le site", "Rechercher"),
}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("width", [1280, 375])
def test_the_search_box_shows_its_whole_placeholder(people, open_page, language, width):
    page = open_page(language)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(POLICY[language])
    placeholder, button = SEARCH_BOX[language]

    box = page.get_by_role("searchbox", name=placeholder)
    room, needed = box.evaluate(
        """input => {
            const style = getComputedStyle(input);
            const text = document.createElement("canvas").getContext("2d");
            text.font = style.font;
            return [
                input.clientWidth - parseFloat(style.paddingLeft)
                    - parseFloat(style.paddingRight),
                text.measureText(input.placeholder).width,
            ];
        }"""
    )

    assert box.get_attribute("placeholder") == placeholder
    assert needed <= room, f"{placeholder!r} needs {needed:.0f} px, has {room:.0f}"
    # The button still says what it does, to a screen reader, and is in the header.
    search = page.get_by_role("banner").get_by_role("button", name=button, exact=True)
    assert search.bounding_box()["width"] >= 24


def line_count(page, selector):
    """How many lines each element matching `selector` takes up, by its text's boxes."""
    return page.eval_on_selector_all(
        selector,
        """elements => elements.map(element => {
            const range = document.createRange();
            range.selectNodeContents(element);
            const tops = new Set([...range.getClientRects()]
                .filter(rect => rect.width > 0)
                .map(rect => Math.round(rect.top)));
            return [element.textContent.trim(), tops.size];
        })""",
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_cookie_names_and_short_columns_keep_to_one_line_on_a_desktop(
    people, open_page, language
):
    page = open_page(language)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(POLICY[language])

    names = line_count(page, ".cookie-table tbody th")
    set_by = line_count(page, ".cookie-table tbody td:nth-child(4)")
    categories = line_count(page, ".cookie-table tbody td:nth-child(5)")

    assert [name for name, _ in names] == [
        "_ga",
        "_gid",
        "_gat_gtag_UA_951418_39",
        "_cfduid",
    ]
    assert [lines for _, lines in names] == [1, 1, 1, 1]
    assert {lines for _, lines in set_by + categories} == {1}
    # Whole, and not by spilling out of their column.
    assert (
        page.evaluate(
            "[...document.querySelectorAll('.cookie-table tbody th')]"
            ".filter(cell => cell.scrollWidth > cell.clientWidth).length"
        )
        == 0
    )


def test_the_contents_and_a_highlighted_box_look_different(people, open_page):
    page = open_page("en")
    page.goto(POLICY["en"])
    properties = [
        "backgroundColor",
        "borderTopWidth",
        "borderLeftWidth",
        "borderLeftColor",
        "paddingLeft",
    ]

    def style(selector):
        return page.eval_on_selector(
            selector,
            "(element, names) => { const style = getComputedStyle(element);"
            " return names.map(name => style[name]); }",
            properties,
        )

    contents, highlighted = style(".toc"), style(".callout")

    differing = [
        name
        for name, a, b in zip(properties, contents, highlighted, strict=True)
        if a != b
    ]
    assert len(differing) >= 3, (contents, highlighted)
    assert contents[0] != highlighted[0], "different backgrounds"
