"""The admin's main menu as the signed-in person gets it.

Wagtail draws its sidebar in the browser from the JSON in
#wagtail-sidebar-props (the menu items, packed by telepath). A test reading
that JSON finds a link in the menu itself: a link anywhere else on the page
(a dashboard panel, a message) cannot stand in for it.
"""

import json

from tests.pages import soup

SUBMENU = "wagtail.sidebar.SubMenuItem"


def admin_menu(response):
    """Each link of the main menu: {(its labels from the top of the menu): its address}."""
    props = json.loads(soup(response).select_one("#wagtail-sidebar-props").string)
    (main_menu,) = [
        module
        for module in props["modules"]
        if module["_type"] == "wagtail.sidebar.MainMenuModule"
    ]
    return dict(_links(main_menu["_args"][0], ()))


def _links(items, within):
    for item in items:
        details, *children = item["_args"]
        labels = (*within, details["label"])
        if item["_type"] == SUBMENU:
            yield from _links(children[0], labels)
        elif "url" in details:
            yield labels, details["url"]
