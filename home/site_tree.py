"""The site's page tree as visitors get it, remembered until something public changes.

The navigation asks which Site answers the host, which pages exist in which
language and whether a view restriction covers them: facts that change only
when something is published, unpublished, moved, deleted or restricted, or a
Site changes. They are remembered here per content generation
(home/public_cache.py). Each remembered value comes from Wagtail's own lookup,
so pages are protected as Wagtail protects them.
"""

from wagtail.models import Page, Site

from .public_cache import remember


def current_site(request):
    """The Wagtail Site answering this request (None if no Site does).

    Kept where Site.find_for_request looks first, so that Wagtail's own
    lookups during the request cost nothing either.
    """
    if not hasattr(request, "_wagtail_site"):
        # In a list: "no site" is remembered too, and the cache cannot hold None.
        request._wagtail_site = remember(
            f"site:{request.get_host()}:{request.get_port()}",
            lambda: [Site.find_for_request(request)],
        )[0]
    return request._wagtail_site


def site_roots(site):
    """The site's root page and its translations, each with its locale."""
    return remember(
        f"site-roots:{site.pk}",
        lambda: list(
            site.root_page.get_translations(inclusive=True).select_related("locale")
        ),
    )


def is_restricted(page):
    """Whether a password, login or group restriction stops visitors at `page`.

    As Wagtail checks it when serving: a restriction on the page or on a page
    above it, an alias standing for the page it copies.
    """
    return remember(
        f"view-restricted:{page.pk}",
        lambda: Page.get_view_restrictions(page).exists(),
    )


def visible_to_everyone(page):
    """Whether any visitor may open `page`: it is live and no restriction covers it."""
    return page.live and not is_restricted(page)
