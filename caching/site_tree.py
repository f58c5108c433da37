"""The site's page tree as visitors get it, remembered until something public changes.

To serve a page, Wagtail asks the database which Site answers the host, which
page is its root in the reader's language, which child has the slug asked for
and whether a view restriction covers the page; the navigation asks which
pages exist in which language. Those facts change only when something is
published, unpublished, moved, deleted or restricted, or a Site changes: they
are remembered here per content generation (caching/middleware.py), so that a
page costs the queries for its own content. Each remembered value comes from
Wagtail's own lookup, so pages are found and protected as Wagtail finds and
protects them.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language

from wagtail.models import Page, PageViewRestriction, Site

from compat.wagtail import set_parent, site_for_request

from .generation import remember


def current_site(request):
    """The Wagtail Site answering this request (None if no Site does).

    Kept where Site.find_for_request looks first, so that Wagtail's own
    lookups during the request cost nothing either.
    """
    # In a list: "no site" is remembered too, and the cache cannot hold None.
    return site_for_request(
        request,
        lambda: remember(
            f"site:{request.get_host()}:{request.get_port()}",
            lambda: [Site.find_for_request(request)],
        )[0],
    )


def site_roots(site):
    """The site's root page and its translations, each with its locale."""
    return remember(
        f"site-roots:{site.pk}",
        lambda: list(
            site.root_page.get_translations(inclusive=True).select_related("locale")
        ),
    )


def default_site():
    """The Site that answers hosts no Site names, or None: where readers are
    when no request says which site they are on."""
    return remember(
        "default-site", lambda: [Site.objects.filter(is_default_site=True).first()]
    )[0]


def on_site(pages, site, language=None):
    """`pages` below the site's root page in any language, or in `language` only."""
    in_site = Q(pk__in=[])
    for root in site_roots(site):
        if language is None or root.locale.language_code == language:
            in_site |= pages.descendant_of_q(root, inclusive=True)
    return pages.filter(in_site)


def route(request, path):
    """(page, args, kwargs) for the page at `path`, or None: what Page.route_for_request gives."""
    site = current_site(request)
    if site is None:
        return None
    # The root in the active language, or the root itself if that translation
    # is not live: Wagtail's `localized`, remembered as a plain page.
    root = remember(
        f"site-root:{site.pk}:{get_language()}", lambda: site.root_page.localized
    )
    try:
        return root.specific.route(
            request, [component for component in path.split("/") if component]
        )
    except Http404:
        return None


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


def public(pages):
    """`pages.public()`: without the pages a view restriction is set on, nor those below them."""
    sections = remember(
        "restricted-sections",
        lambda: [
            restriction.page
            for restriction in PageViewRestriction.objects.select_related("page")
        ],
    )
    private = Q(pk__in=[])
    for section in sections:
        private |= pages.descendant_of_q(section, inclusive=True)
    return pages.exclude(private)


class RememberedTreeMixin:
    """For page types: Wagtail's routing and view restrictions, with the tree remembered.

    A child is found by its slug in the remembered tree and loaded in one
    query, with its locale; whether a restriction covers the page is
    remembered. Anything the remembered tree does not know goes to Wagtail.
    """

    def route(self, request, path_components):
        if path_components:
            child = self._child(path_components[0])
            if child is not None:
                # As Wagtail's route does: the child's get_parent() costs nothing.
                set_parent(child, self)
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def _child(self, slug):
        children = remember(
            f"children:{self.pk}",
            lambda: {
                child_slug: (pk, content_type_id)
                for child_slug, pk, content_type_id in self.get_children().values_list(
                    "slug", "pk", "content_type"
                )
            },
        )
        if slug not in children:
            return None
        pk, content_type_id = children[slug]
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            return None
        # The slug again: a draft that was never published can change its
        # slug without renewing the content generation.
        return model.objects.select_related("locale").filter(pk=pk, slug=slug).first()

    def get_view_restrictions(self):
        # Wagtail's serve hook asks this of every page it serves: nothing to
        # load when no restriction covers the page, Wagtail's own answer when
        # one does.
        if self.pk is not None and not is_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
