"""Make every cache forget the public pages: after a restore, or a change made behind Wagtail's back.

Starts a new content generation (the app's shared cache then answers no
remembered response) and purges every public address from the edge caches,
as a publication does (caching/changes.py, caching/edge.py).
"""

from django.core.management.base import BaseCommand

from caching.changes import content_changed
from caching.generation import content_generation


class Command(BaseCommand):
    help = "Forget every remembered public page, in the app's cache and at the edge."

    def handle(self, *args, **options):
        content_changed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Public pages will be built afresh (content generation "
                f"{content_generation()}); the edge caches were asked to purge them."
            )
        )
