"""What happens when a page is published or scheduled.

A major change of a policy records a public version; any change to a page that
has translations is handed to wagtail-localize at once, so translators see the
new strings without anyone syncing by hand. Both are written in the
publication's own transaction (caching/changes.py: page_publication), as one
change of the public content with it. A schedule set, replaced or cancelled
changes what readers are told is coming.
"""

from django.db.models.signals import post_save

from wagtail.models import PageLogEntry
from wagtail_localize.models import Translation, TranslationSource

from caching.changes import content_changed, page_publication
from compat.localize import update_source_from_db

from .models import PolicyPage, PolicyVersion


def translation_is_complete(page):
    """True unless localize still has strings of this page to translate."""
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    ).first()
    if translation is None:
        return True
    total, translated = translation.get_progress()
    return total == translated


def record_version(sender, instance, revision, **kwargs):
    page = instance
    # Scheduled for later: it is recorded when it goes live.
    if not page.live or page.live_revision_id != revision.pk:
        return
    versions = PolicyVersion.objects.filter(page_id=page.pk)
    # A minor change, a translation sync of one, or a republished old revision.
    if versions.filter(change_key=page.change_key).exists():
        return
    latest = versions.order_by("-number").first()
    source = (
        PolicyVersion.objects.filter(
            page__translation_key=page.translation_key, change_key=page.change_key
        )
        .exclude(page_id=page.pk)
        .order_by("published_at")
        .first()
    )
    if source is None:
        number = latest.number + 1 if latest else 1
        published_at = page.last_published_at
    else:
        # A translation catching up with a change made in the source language
        # counts once readers get all of it in their language.
        if not translation_is_complete(page):
            return
        number = source.number
        published_at = source.published_at
        if versions.filter(number=number).exists():
            number = latest.number + 1
    PolicyVersion.objects.create(
        page=page,
        revision=revision,
        number=number,
        change_key=page.change_key,
        change_note=page.change_note,
        published_at=published_at,
    )


def refresh_translation_source(sender, instance, **kwargs):
    """Update the strings translators work from, without touching the translations.

    The same as localize's "Sync translated pages" without publishing them:
    translated pages stay as they are until a translator publishes them.
    Only the strings that changed are written (compat/localize.py).
    """
    source = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).first()
    if source is not None:
        update_source_from_db(source)


# Log entries Wagtail writes once a revision is scheduled (published or
# approved with a go-live date in the future, replacing any other schedule)
# and once a schedule is cancelled: each is written after the change it
# records.
SCHEDULE_ACTIONS = ("wagtail.publish.schedule", "wagtail.schedule.cancel")


def schedule_changed(sender, instance, created, **kwargs):
    """A schedule set, replaced or cancelled changes what readers are told is coming.

    No page_published signal says so: the page itself stays as it is.
    """
    if created and instance.action in SCHEDULE_ACTIONS:
        content_changed()


def connect():
    page_publication.connect(record_version, sender=PolicyPage)
    page_publication.connect(refresh_translation_source)
    # A recorded version changes what readers see (the "last updated" date,
    # the history, the other language's notice). Recorded on publication, it
    # is part of that change; recorded any other way, it is a change itself.
    post_save.connect(content_changed, sender=PolicyVersion, weak=False)
    post_save.connect(schedule_changed, sender=PageLogEntry)
