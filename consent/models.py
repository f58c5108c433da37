"""The consent banner's texts, which editors write and translators translate, and
the anonymous record of each choice a visitor makes."""

import uuid

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)

from policy.blocks.cookies import COOKIE_CATEGORIES

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


class ConsentRecord(models.Model):
    """One visitor's choice, as proof of consent: nothing that identifies them.

    No address, no user agent, no cookie value: a random id, when, the
    version of the policy they were shown, in which language, what they chose,
    whether their browser sent Global Privacy Control, and the site they were on.
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

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.id)
