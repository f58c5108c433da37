"""A policy's public history: the versions recorded as it went live, and what they tell.

PolicyVersion is one major change of a policy page in one language.
`PolicyHistory` gives a policy page its versions, those of its translations
and its upcoming change, loaded once per page (or once for many pages) and
remembered until something public changes; the routes that show them are in
routes.py.
"""

from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models.deletion import ProtectedError
from django.http import Http404

from wagtail.models import Page

from caching.generation import remember

from .upcoming import find_upcoming_change


class PolicyHistory:
    """For PolicyPage: its versions and translations, as readers are shown them."""

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
        return in_language_order(
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
            policy.published_translations = in_language_order(
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

    def replaced_by(self, version):
        """The version that replaced `version`, or None while it is in force."""
        return next(
            (
                newer
                for newer, previous in with_previous(self.versions)
                if previous == version
            ),
            None,
        )

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


def with_previous(versions):
    """(version, the version it replaced) for each of `versions`, newest first.

    The oldest version replaced none: None. The history page, its API field
    and the feed link each version to what changed from the one before, and
    an archived version says until when it was in force.
    """
    return list(zip(versions, [*versions[1:], None], strict=True))


def in_language_order(pages):
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
