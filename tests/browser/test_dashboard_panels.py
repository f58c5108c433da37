"""The dashboard's panels as people see them in Chromium: each heading in line with
what it heads, in the English and the French admin."""

import pytest

from access.roles import TRANSLATORS
from tests.browser.admin import person_in, signed_in

TRANSLATIONS_BEHIND = {
    "fr": "Traductions à mettre à jour",
    "en": "Translations to bring up to date",
}


@pytest.fixture
def translators(people):
    return {
        "fr": people["translator"],
        "en": person_in(TRANSLATORS, "english-translator", admin_language="en"),
    }


def lines_up(region, heading_name):
    """The left edges of the panel's heading and of its content, in pixels."""
    heading = region.get_by_role("heading", name=heading_name, exact=True)
    content = region.locator(".w-panel__content > *").first
    return round(heading.bounding_box()["x"]), round(content.bounding_box()["x"])


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_translators_panel_heading_lines_up_with_its_table(
    english_changed, translators, open_page, screenshot, language
):
    with signed_in(open_page, translators[language]) as page:
        name = TRANSLATIONS_BEHIND[language]
        panel = page.get_by_role("region", name=name)

        heading_x, content_x = lines_up(panel, name)

        assert heading_x == content_x, (
            f"the heading starts at {heading_x} px, its table at {content_x} px"
        )
        screenshot(page, f"translator-dashboard-{language}")
