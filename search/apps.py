from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Site search"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import signals
        from .folding import register_on_sqlite

        signals.connect()
        connection_created.connect(register_on_sqlite)
