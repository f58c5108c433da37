"""Runs Wagtail's `publish_scheduled` every minute, for development.

In production, run `manage.py publish_scheduled` from cron or a systemd timer
instead (see the README).
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Publish (and unpublish) scheduled pages every INTERVAL seconds until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args, interval, **options):
        self.stdout.write(f"Publishing scheduled pages every {interval} seconds.")
        try:
            while True:
                call_command("publish_scheduled", stdout=self.stdout)
                time.sleep(interval)
        except KeyboardInterrupt:
            pass
