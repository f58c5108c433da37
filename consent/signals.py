"""The banner's texts and settings are public: a change to them is a change of
public content.

Each publication of the texts in a language is a version of the banner's words
there, kept with a copy of what it says (ConsentTextsVersion).
"""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import published

from caching.changes import content_changed

from .config import shown_texts
from .models import ConsentBannerSettings, ConsentTexts, ConsentTextsVersion


def record_texts_version(sender, instance, revision, **kwargs):
    """The published texts in their language, numbered and copied."""
    language = instance.locale.language_code
    ConsentTextsVersion.current(
        language,
        shown_texts(instance, language),
        revision_id=revision.pk,
        published_at=instance.last_published_at,
    )


def connect():
    for model in (ConsentTexts, ConsentBannerSettings):
        post_save.connect(content_changed, sender=model, weak=False)
        post_delete.connect(content_changed, sender=model, weak=False)
    published.connect(record_texts_version, sender=ConsentTexts)
