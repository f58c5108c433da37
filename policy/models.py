import uuid
from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models.deletion import ProtectedError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from caching.generation import remember
from caching.site_tree import RememberedTreeMixin, visible_to_everyone

from . import api_fields
from .blocks import PolicyBodyBlock
from .feeds import policy_feed
from .forms import PolicyPageForm
from .public_comparison import compare_bodies
from .upcoming import find_upcoming_change


class PolicyPage(RoutablePageMixin, RememberedTreeMixin, Page):
    """The privacy and cookie policy: sections of text, cookie tables and contact details.

    Besides the page itself it serves its public history (`history/`), each
    major version as it was published (`versions/<n>/`), comparisons
    between two versions (`compare/<old>/<new>/`), a major change scheduled
    for later and its comparison with the current version (`upcoming/`,
    `upcoming/compare/`) and an Atom feed of its versions (`feed/`).
    """

    body = StreamField(
        PolicyBodyBlock(),
        verbose_name=_("policy"),
        help_text=_(
            "The policy, one section per heading. Each section can hold text, "
            "highlighted boxes, cookie tables and contact details."
        ),
    )
    change_note = models.TextField(
        _("change note"),
        blank=True,
        help_text=_(
            "For a major change: one or two sentences telling readers what changed, "
            "for example “We now use Cloudflare to protect the site.” It is shown in "
            "the policy's public history."
        ),
    )
    # Which major change this content belongs to. A new key means a new public
    # version; translations copy it from the English page, so a French
    # publication can be matched to the English change it catches up with.
    change_key = models.UUIDField(default=uuid.uuid4, editable=False)

    base_form_class = PolicyPageForm
    # The change question comes before the sections, where the editor sees it
    # without going through the whole policy (the sections start collapsed).
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("update_type"),
                FieldPanel("change_note"),
                FieldPanel("accept_short_notice"),
            ],
            heading=_("What changed"),
            help_text=_(
                "Asked at every publication: readers see major changes in the "
                "policy's history and in its “last updated” date."
            ),
        ),
        FieldPanel("body"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("body")]

    # The slug is translated too, so that French readers get a French address.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("body"),
        TranslatableField("change_note"),
        SynchronizedField("change_key"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    # What the JSON API (/api/v2/pages/<id>/) gives besides the title;
    # policy/api_fields.py computes each field from the live page and its
    # public versions.
    api_fields = [
        APIField("body", serializer=api_fields.BodyField()),
        APIField("last_updated", serializer=api_fields.LastUpdatedField()),
        APIField("history_url", serializer=api_fields.HistoryUrlField()),
        APIField("history", serializer=api_fields.HistoryField()),
        APIField("translations", serializer=api_fields.TranslationsField()),
        APIField("translation_behind", serializer=api_fields.TranslationBehindField()),
        APIField(
            "newer_source_version", serializer=api_fields.NewerSourceVersionField()
        ),
        APIField("upcoming_change", serializer=api_fields.UpcomingChangeField()),
    ]

    class Meta:
        verbose_name = _("privacy and cookie policy")
        verbose_name_plural = _("privacy and cookie policies")

    def sections(self):
        """(anchor, heading) of every section, for the table of contents."""
        return [
            (block.value["anchor"], block.value["heading"])
            for block in self.body
            if block.block_type == "section"
        ]

    # Versions -----------------------------------------------------------

    @cached_property
    def _related_versions(self):
        """Versions of this page and of its live translations, in one query.

        Remembered until something public changes: a version is recorded when
        a page is published, and a translation counts while it is live.
        """

        def load():
            return list(
                PolicyVersion.objects.filter(
                    models.Q(page_id=self.pk)
                    | models.Q(
                        page__translation_key=self.translation_key, page__live=True
                    )
                )
                .select_related("page__locale")
                .order_by("-number")
            )

        if self.pk is None:
            return load()
        return remember(f"policy-versions:{self.pk}", load)

    @cached_property
    def published_translations(self):
        """The page in every language it is live and public in, itself included,
        in the order of settings.LANGUAGES."""
        return _in_language_order(
            Page.objects.live()
            .public()
            .filter(translation_key=self.translation_key)
            .select_related("locale")
        )

    @classmethod
    def load_history(cls, pages, visible_pages):
        """Load the versions and translations of many policy pages in two queries.

        `visible_pages` is what the reader may see: a private or unpublished
        translation, and its versions, stay out. What is loaded is what each
        page's `versions`, `current_version`, `newer_source_version` and
        `published_translations` then give, so that a listing of many pages
        costs no query per page. Pages already loaded are left as they are.
        """
        policies = [
            page
            for page in pages
            if isinstance(page, cls) and "published_translations" not in page.__dict__
        ]
        if not policies:
            return
        keys = {page.translation_key for page in policies}
        family = list(
            visible_pages.filter(translation_key__in=keys).select_related("locale")
        )
        page_ids = {page.pk for page in family} | {page.pk for page in policies}
        versions = list(
            PolicyVersion.objects.filter(page_id__in=page_ids)
            .select_related("page__locale")
            .order_by("-number")
        )
        locales = {page.pk: page.locale for page in family}
        for policy in policies:
            if policy.pk in locales and not Page.locale.is_cached(policy):
                policy.locale = locales[policy.pk]  # already loaded: no query
            policy.published_translations = _in_language_order(
                page
                for page in family
                if page.translation_key == policy.translation_key
            )
            policy._related_versions = [
                version
                for version in versions
                if version.page.translation_key == policy.translation_key
            ]

    def recorded_changes(self):
        """{change_key: change_note} of the major changes recorded for this page, oldest first."""
        if not self.pk:
            return {}
        return dict(
            PolicyVersion.objects.filter(page_id=self.pk)
            .order_by("number")
            .values_list("change_key", "change_note")
        )

    @cached_property
    def versions(self):
        """Every major change of this page in its language, newest first."""
        return [v for v in self._related_versions if v.page_id == self.pk]

    @cached_property
    def current_version(self):
        return self.versions[0] if self.versions else None

    def version(self, number):
        for version in self.versions:
            if version.number == number:
                return version
        raise Http404("No such version of this policy.")

    @cached_property
    def newer_source_version(self):
        """The source language's latest major change, if this translation lacks it.

        Only major changes count: a minor English edit does not make the
        translation out of date for readers.
        """
        current = self.current_version.number if self.current_version else 0
        return next(
            (
                version
                for version in self._related_versions
                if version.page_id != self.pk
                and version.page.locale.language_code == settings.LANGUAGE_CODE
                and version.number > current
            ),
            None,
        )

    @cached_property
    def upcoming_change(self):
        """The major change scheduled to take effect later that readers are told of, or None.

        Remembered until something public changes: scheduling a change and
        cancelling a schedule count (policy/signals.py), as does its going live.
        """
        if self.pk is None:
            return None

        def load():
            change = find_upcoming_change(self, self._related_versions)
            return (change,) if change else ()

        return next(iter(remember(f"policy-upcoming:{self.pk}", load)), None)

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

    def get_sitemap_urls(self, request=None):
        """The sitemap's `lastmod` is the “last updated” date readers see in this language.

        Not the last publication: minor changes, translation syncs and the
        seed itself publish without changing what the policy says.
        """
        urls = super().get_sitemap_urls(request)
        if self.current_version:
            for url in urls:
                url["lastmod"] = self.current_version.published_at
        return urls

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["policy_version"] = self.current_version
        context["history_url"] = self.localized_url("history")
        context["feed_url"] = self.localized_url("feed")
        context["upcoming"] = self.upcoming_announcement
        return context

    @path(pgettext_lazy("URL path of a policy's history", "history/"), name="history")
    def history(self, request):
        entries = []
        for version, previous in zip(
            self.versions, [*self.versions[1:], None], strict=True
        ):
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
        newer = [v for v in self.versions if v.number > number]
        return self.render(
            request,
            template="policy/policy_version.html",
            context_overrides={
                "page": version.revision.as_object(),
                "policy_version": version,
                "superseded_at": newer[-1].published_at if newer else None,
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


def _in_language_order(pages):
    """Pages sorted as settings.LANGUAGES lists their languages."""
    codes = [code for code, _name in settings.LANGUAGES]

    def order(page):
        code = page.locale.language_code
        return (codes.index(code) if code in codes else len(codes), code)

    return sorted(pages, key=order)


def keep_published_versions(collector, field, sub_objs, using):
    """on_delete of a version's revision: the public history keeps its revisions.

    Like PROTECT, so `purge_revisions` leaves them alone, except when the page
    itself is deleted: then its history goes with it.
    """
    pages_being_deleted = {
        obj.pk
        for model, objs in collector.data.items()
        if issubclass(model, Page)
        for obj in objs
    }
    blocking = [v for v in sub_objs if v.page_id not in pages_being_deleted]
    if blocking:
        raise ProtectedError(
            "This revision is a published version of a policy and stays on record.",
            blocking,
        )
    models.CASCADE(collector, field, sub_objs, using)


class PolicyVersion(models.Model):
    """A major change of a policy page in one language, as it went live.

    The public history lists these; each one points at the revision that was
    published, which is kept for as long as the page exists.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="policy_versions"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=keep_published_versions, related_name="+"
    )
    number = models.PositiveIntegerField(
        help_text="Counts the source language's major changes; a translation shares its numbers."
    )
    change_key = models.UUIDField()
    change_note = models.TextField()
    published_at = models.DateTimeField(
        help_text="When the change went live in the source language."
    )

    class Meta:
        ordering = ["page", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "number"], name="one_version_number_per_page"
            ),
            models.UniqueConstraint(
                fields=["page", "change_key"], name="one_version_per_change"
            ),
        ]

    def __str__(self):
        return f"{self.page} v{self.number} ({self.published_at:%Y-%m-%d})"
