"""Runs Wagtail's `publish_scheduled` every minute, for development.

In production, run `manage.py publish_scheduled` from cron or a systemd timer
instead (deploy/systemd/dmj-policy-publish-scheduled.timer; docs/operators.md).

The loop outlives the services it uses. Before each run it drops a database
connection that is broken or too old, as Django does between requests (a
PostgreSQL restart, or an administrator ending the session, leaves the
process holding a dead one). A run that fails because the database does not
answer is logged, and the loop waits for the next one.
"""

import contextlib
import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Publish (and unpublish) scheduled pages every INTERVAL seconds until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=60,
            help="Seconds between two runs (60 unless given; fractions allowed).",
        )

    def handle(self, *args, interval, **options):
        self.stdout.write(f"Publishing scheduled pages every {interval:g} seconds.")
        self.failing = False
        try:
            while True:
                self.run_once()
                time.sleep(interval)
        except KeyboardInterrupt:
            pass

    def run_once(self):
        """One run of `publish_scheduled`; False when the database did not answer."""
        try:
            close_old_connections()
            call_command("publish_scheduled", stdout=self.stdout)
        except (OperationalError, InterfaceError) as error:
            # A connection closed by the server, a server restarting or not
            # answering. Logged once until the database answers again.
            if not self.failing:
                logger.warning(
                    "Scheduled publishing failed, the database did not answer "
                    "(%s: %s); trying again at each run.",
                    type(error).__name__,
                    str(error).strip(),
                )
            self.failing = True
            # Whatever state the connection is in, the next run opens a new one.
            for connection in connections.all(initialized_only=True):
                with contextlib.suppress(DatabaseError):
                    connection.close()
            return False
        if self.failing:
            logger.warning("Scheduled publishing: the database answers again.")
            self.failing = False
        return True
