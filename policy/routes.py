"""The policy page's own addresses below it: its history, each version, comparisons,
the upcoming change and the Atom feed.

Each route is rendered from the page's versions (versions.py), in the page's
language; `localized_url` and `alternate_urls` give their addresses in that
language and in the page's other ones.
"""

from functools import cached_property

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import pgettext_lazy

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from caching.site_tree import visible_to_everyone

from .feeds import policy_feed
from .public_comparison import compare_bodies
from .versions import with_previous


class PolicyRoutes(RoutablePageMixin):
    """For PolicyPage: the routes below the page, and their addresses."""

    @cached_property
    def upcoming_announcement(self):
        """What the page says of its upcoming change: the change and where to read it.

        An upcoming change not translated yet is read in the source language.
        """
        change = self.upcoming_change
        if change is None:
            return None
        if change.translated:
            where = self
        else:
            where = next(
                (p for p in self.published_translations if p.pk == change.page_id),
                None,
            )
            if where is None:
                return None
        return {
            "change": change,
            "language": where.locale.language_code,
            "url": self.localized_url("upcoming", page=where),
            "compare_url": self.localized_url("upcoming_compare", page=where),
        }

    def _upcoming_here(self):
        """The upcoming change and its revision, in this page's language, or a 404."""
        change = self.upcoming_change
        revision = change and change.translated and change.revision()
        if not revision:
            raise Http404("No change of this policy is scheduled.")
        return change, revision

    def route_exists(self, view, args, kwargs):
        """Whether a sub-route's address leads to a page: only to versions that exist."""
        if view.__name__ in ("upcoming_version", "upcoming_compare"):
            change = self.upcoming_change
            return bool(change and change.translated)
        numbers = {version.number for version in self.versions}
        return all(
            value in numbers
            for value in (*args, *kwargs.values())
            if isinstance(value, int)
        )

    def localized_url(self, name, *args, page=None):
        """Address of one of this page's routes, in the page's own language.

        Or of the same route of `page`, one of its translations, in that
        page's language. None while the page has no address of its own (a new
        page in preview).
        """
        page = page or self
        if not page.url:
            return None
        with translation.override(page.locale.language_code):
            return page.url + self.reverse_subpage(name, args=args).lstrip("/")

    def get_cached_paths(self):
        """The page and each of its routes, for purging edge caches (caching/edge.py)."""
        numbers = [version.number for version in self.versions]
        # The upcoming change's routes too, with or without one: a cancelled
        # schedule takes its pages away.
        routes = [
            ("history", ()),
            ("feed", ()),
            ("upcoming", ()),
            ("upcoming_compare", ()),
        ]
        routes += [("version", (number,)) for number in numbers]
        routes += [
            ("compare", (old, new)) for new in numbers for old in numbers if old < new
        ]
        with translation.override(self.locale.language_code):
            return ["/"] + [
                self.reverse_subpage(name, args=args) for name, args in routes
            ]

    def alternate_urls(self, name, *args):
        """The same route in every language this page is published in and open to everyone."""
        urls = {}
        pages = self.get_translations(inclusive=True).live().select_related("locale")
        for page in filter(visible_to_everyone, pages):
            # Version numbers are shared, but a translation may lack some versions.
            numbers = {version.number for version in page.versions}
            if name in ("version", "compare") and not numbers.issuperset(args):
                continue
            if name.startswith("upcoming") and not (
                page.upcoming_change and page.upcoming_change.translated
            ):
                continue
            urls[page.locale.language_code] = page.localized_url(name, *args)
        return urls

    @path(pgettext_lazy("URL path of a policy's history", "history/"), name="history")
    def history(self, request):
        entries = []
        for version, previous in with_previous(self.versions):
            entries.append(
                {
                    "version": version,
                    "url": self.localized_url("version", version.number),
                    "compare_url": previous
                    and self.localized_url("compare", previous.number, version.number),
                }
            )
        return self.render(
            request,
            template="policy/policy_history.html",
            context_overrides={
                "entries": entries,
                "compare_form_url": self.localized_url("compare_form"),
                "alternate_urls": self.alternate_urls("history"),
            },
        )

    @path("versions/<int:number>/", name="version")
    def archived_version(self, request, number):
        version = self.version(number)
        replaced_by = self.replaced_by(version)
        return self.render(
            request,
            template="policy/policy_version.html",
            context_overrides={
                "page": version.revision.as_object(),
                "policy_version": version,
                "superseded_at": replaced_by and replaced_by.published_at,
                "current_page": self,
                "alternate_urls": self.alternate_urls("version", number),
            },
        )

    @path(pgettext_lazy("URL path of a comparison", "compare/"), name="compare_form")
    def compare_form(self, request):
        """The history page's form: sends the visitor to the comparison they chose."""
        try:
            old, new = int(request.GET["from"]), int(request.GET["to"])
        except (KeyError, ValueError) as error:
            raise Http404("Choose two versions to compare.") from error
        for number in (old, new):
            self.version(number)
        return redirect(self.localized_url("compare", min(old, new), max(old, new)))

    @path(
        pgettext_lazy("URL path of a comparison", "compare/<int:old>/<int:new>/"),
        name="compare",
    )
    def compare(self, request, old, new):
        if old > new:
            return redirect(self.localized_url("compare", new, old))
        old_version, new_version = self.version(old), self.version(new)
        return self.render(
            request,
            template="policy/policy_compare.html",
            context_overrides={
                "old_version": old_version,
                "new_version": new_version,
                "section_changes": compare_bodies(
                    old_version.revision.as_object().body,
                    new_version.revision.as_object().body,
                ),
                "alternate_urls": self.alternate_urls("compare", old, new),
            },
        )

    @path(
        pgettext_lazy("URL path of a policy's upcoming version", "upcoming/"),
        name="upcoming",
    )
    def upcoming_version(self, request):
        """The scheduled major change as it will read, marked as not yet in force."""
        change, revision = self._upcoming_here()
        return self.render(
            request,
            template="policy/policy_upcoming.html",
            context_overrides={
                "page": revision.as_object(),
                "policy_version": change,
                "current_page": self,
                "compare_url": self.localized_url("upcoming_compare"),
                "alternate_urls": self.alternate_urls("upcoming"),
            },
        )

    @path(
        pgettext_lazy(
            "URL path of the comparison with an upcoming version", "upcoming/compare/"
        ),
        name="upcoming_compare",
    )
    def upcoming_compare(self, request):
        """What the scheduled major change changes in the current version."""
        change, revision = self._upcoming_here()
        current = self.current_version
        return self.render(
            request,
            template="policy/policy_upcoming_compare.html",
            context_overrides={
                "old_version": current,
                "new_version": change,
                "upcoming_url": self.localized_url("upcoming"),
                "section_changes": compare_bodies(
                    current.revision.as_object().body, revision.as_object().body
                ),
                "alternate_urls": self.alternate_urls("upcoming_compare"),
            },
        )

    @path(pgettext_lazy("URL path of a policy's feed", "feed/"), name="feed")
    def feed(self, request):
        """The Atom feed of this page's versions, the upcoming one first."""
        feed = policy_feed(self, request)
        response = HttpResponse(content_type=feed.content_type)
        feed.write(response, "utf-8")
        return response
