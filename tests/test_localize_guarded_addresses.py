"""The guards stand where wagtail-localize's own admin sends people.

localize's screens build their addresses with reverse() of its URL names.
translating/wagtail_hooks.py registers a guarded view at each such address,
ahead of localize's. Should a new localize move an address, its screens
would go around the guards while tests posting to copies of our own
addresses still passed: these tests take the addresses from localize, and
tests/test_localize_views.py posts to them. (The names of the editors'
buttons, which the editors' guards read, are checked against localize's
rendered menus in tests/test_compat_localize.py.)
"""

from django.urls import resolve

import pytest

from tests.localize_urls import localize_url
from translating import guards

# Each admin view of localize that changes or gives out a translation, the
# guard that must answer at its address, and an example of its arguments.
GUARDED = {
    "submit_page_translation": (guards.submit_page_translation, [1]),
    "submit_snippet_translation": (
        guards.submit_snippet_translation,
        ["consent", "consenttexts", "1"],
    ),
    "update_translations": (guards.update_translations, [1]),
    "edit_string_translation": (guards.edit_string_translation, [1, 2]),
    "edit_override": (guards.edit_override, [1, 2]),
    "download_pofile": (guards.download_pofile, [1]),
    "upload_pofile": (guards.upload_pofile, [1]),
    "machine_translate": (guards.machine_translate, [1]),
    "stop_translation": (guards.stop_translation, [1]),
    "convert_to_alias": (guards.convert_to_alias, [1]),
}


def views_in(view):
    """The view, and those it wraps: Wagtail wraps every admin view in its access check."""
    while view is not None:
        yield view
        view = getattr(view, "__wrapped__", None)


@pytest.mark.parametrize("name", GUARDED)
def test_localize_s_own_address_leads_to_the_guard(name):
    guard, arguments = GUARDED[name]

    match = resolve(localize_url(name, *arguments))

    assert guard in views_in(match.func), f"{name} goes to {match.route}"
    assert list(match.args) + list(match.kwargs.values()) == arguments
