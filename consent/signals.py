"""The banner's texts are public: a change to them is a change of public content."""

from django.db.models.signals import post_delete, post_save

from caching.changes import content_changed

from .models import ConsentTexts


def connect():
    post_save.connect(content_changed, sender=ConsentTexts, weak=False)
    post_delete.connect(content_changed, sender=ConsentTexts, weak=False)
