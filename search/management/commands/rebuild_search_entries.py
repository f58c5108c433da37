"""Index every live page again, for a database filled before the search existed.

Publishing keeps the search up to date on its own; run this once after
deploying the search to a site that already has pages, or after restoring a
database without its search entries.
"""

from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the site search from every live page (publishing keeps it up to date)."
    )

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} live pages for search."))
