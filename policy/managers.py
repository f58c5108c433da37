"""Which policy readers get: `PolicyPage.objects.live_public(language, site)`.

The footer's link, the consent banner, the cookies API and the cookie audit
all show "the policy" in a language. One rule says which page that is, so
that they never disagree: a policy page that is live, that no view
restriction covers (on it or above it), below the site's root page in that
language, on the site being read (the default site when no request says),
the first in the tree if there are several. The site's roots and the
restrictions are remembered (caching/site_tree.py): the query is the only
one.
"""

from wagtail.models import PageManager, PageQuerySet

from caching.site_tree import default_site, on_site, public


class PolicyPageQuerySet(PageQuerySet):
    def live_public(self, language, site=None):
        """The policies readers of `language` may open on `site`, the one they get first."""
        site = site or default_site()
        if site is None:
            return self.none()
        pages = public(self.live()).filter(locale__language_code=language)
        return on_site(pages, site, language).select_related("locale").order_by("path")


PolicyPageManager = PageManager.from_queryset(PolicyPageQuerySet)
