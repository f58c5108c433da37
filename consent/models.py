"""The consent banner's texts, which editors write and translators translate, and
the anonymous record of each choice a visitor makes."""

import uuid

from django.contrib.contenttypes.fields import GenericRelation
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)

from policy.blocks.cookies import COOKIE_CATEGORIES

# The banner's settings for each site: a model of this app, in a module of its own.
from .banner_settings import ConsentBannerSettings  # noqa: F401

CATEGORIES = tuple(code for code, _label in COOKIE_CATEGORIES)
# The categories a visitor chooses: strictly necessary cookies need no consent.
CHOICES = CATEGORIES[1:]


class ConsentTexts(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    models.Model,
):
    """What the consent banner says about cookies, in one language.

    Editors write the English and submit it to the policy's approval workflow;
    approvers publish it. Translators translate it with wagtail-localize and
    publish the translation, like the policy. Only the published texts reach
    the banner. The banner's buttons are the site's own interface strings.
    """

    intro = models.TextField(
        _("Introduction"),
        max_length=600,
        help_text=_(
            "The first words of the banner: why it asks, in one or two sentences."
        ),
    )
    necessary = models.TextField(
        _("Strictly necessary cookies"),
        max_length=400,
        help_text=_("What these cookies do, and why they cannot be turned off."),
    )
    analytics = models.TextField(
        _("Analytics cookies"),
        max_length=400,
        help_text=_("What these cookies do, in a sentence a visitor understands."),
    )
    functionality = models.TextField(
        _("Functionality cookies"),
        max_length=400,
        help_text=_("What these cookies do, in a sentence a visitor understands."),
    )
    marketing = models.TextField(
        _("Marketing cookies"),
        max_length=400,
        help_text=_("What these cookies do, in a sentence a visitor understands."),
    )

    # Their revisions and workflow states go with them (Wagtail's snippets docs).
    _revisions = GenericRelation(
        "wagtailcore.Revision", related_query_name="consent_texts"
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="consent_texts",
        for_concrete_model=False,
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("consent banner texts")
        verbose_name_plural = _("consent banner texts")
        # Everyone who writes them needs "change" (translators to translate in
        # localize's editor); on top of it, the source language's texts need
        # the first of these, their translations the second
        # (access.editing_rights).
        permissions = [
            ("change_source_consenttexts", _("Can change the source language's texts")),
            ("translate_consenttexts", _("Can change the translations of the texts")),
        ]

    def __str__(self):
        return str(_("Consent banner texts"))

    @property
    def revisions(self):
        return self._revisions


class ConsentTextsVersion(models.Model):
    """What the banner said in one language, kept for as long as records need it.

    A new version is recorded each time the banner's words in that language
    change: the editors' texts published (or their translation), or the
    banner's own interface strings changed by an upgrade. The words are
    copied here as the banner showed them, so that neither a later edit nor
    `purge_revisions` can change what a record says its visitor was shown.
    """

    language = models.CharField(_("language"), max_length=10)
    number = models.PositiveIntegerField(_("number"))
    published_at = models.DateTimeField(_("published at"))
    texts = models.JSONField(_("texts as shown"))
    # The revision it came from while it exists: the copy above is the proof.
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent banner texts version")
        verbose_name_plural = _("consent banner texts versions")
        ordering = ["language", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "number"], name="one_texts_version_number"
            )
        ]

    def __str__(self):
        return f"{self.language} v{self.number}"

    @classmethod
    def current(cls, language, texts, revision_id=None, published_at=None):
        """The version showing `texts` in `language`: the latest, or a new one.

        Recorded when the texts are published and, failing that, when the
        banner is first built with them (texts published before versions
        were kept, an upgrade's new interface strings): what a visitor is
        shown always has a number. `published_at` is when the texts went
        live, if known; a version is never dated before the one it replaces
        (new words that were not published went live now). Two processes
        recording at once agree on one number: the loser reads the winner's.
        """
        for _attempt in range(3):
            latest = cls.objects.filter(language=language).first()
            if latest is not None and latest.texts == texts:
                return latest
            when = published_at or timezone.now()
            if latest is not None and when <= latest.published_at:
                when = timezone.now()
            try:
                with transaction.atomic():
                    return cls.objects.create(
                        language=language,
                        number=latest.number + 1 if latest else 1,
                        texts=texts,
                        revision_id=revision_id,
                        published_at=when,
                    )
            except IntegrityError:
                continue
        raise IntegrityError(f"could not number the banner's texts in {language}")


class ConsentRecord(models.Model):
    """One visitor's choice, as proof of consent: nothing that identifies them.

    No address, no user agent, no cookie value: a random id, when, the
    version of the policy and of the banner's texts they were shown, in which
    language, the digest of the script that showed them, what they chose,
    whether their browser sent Global Privacy Control, the site they were on,
    and the receipt their browser made for the choice and kept with it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(
        _("recorded at"), auto_now_add=True, db_index=True
    )
    policy_version = models.PositiveIntegerField(_("policy version"))
    language = models.CharField(_("language"), max_length=10)
    choices = models.JSONField(_("choices"))
    gpc = models.BooleanField(_("Global Privacy Control"), default=False)
    origin = models.CharField(_("site"), max_length=200)
    # Empty on records made before the banner's texts were versioned.
    texts = models.ForeignKey(
        ConsentTextsVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("banner texts version"),
    )
    script = models.CharField(_("script digest"), max_length=64, blank=True)
    receipt = models.UUIDField(_("receipt"), unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.id)
