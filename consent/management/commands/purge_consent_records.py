"""Delete consent records older than the retention period, from cron."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from consent.models import ConsentRecord


class Command(BaseCommand):
    help = (
        "Delete consent records older than CONSENT_RETENTION_DAYS days: by then "
        "the visitor has been asked again."
    )

    def handle(self, *args, **options):
        days = settings.CONSENT_RETENTION_DAYS
        cutoff = timezone.now() - datetime.timedelta(days=days)
        deleted, _by_model = ConsentRecord.objects.filter(
            created_at__lt=cutoff
        ).delete()
        self.stdout.write(
            f"Deleted {deleted} consent record{'s' if deleted != 1 else ''} "
            f"older than {days} days."
        )
