from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Site search"

    # Read by caching (caching/declared.py): the search's words and page.
    page_parameters = ("q", "page")

    def purged_paths(self):
        """The search page in every language: its results come from pages."""
        from django.conf import settings
        from django.urls import reverse
        from django.utils import translation

        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                yield reverse("search")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import signals
        from .folding import register_on_sqlite

        signals.connect()
        connection_created.connect(register_on_sqlite)
