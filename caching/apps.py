from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "Caching and purging"

    # The edge's session check (session_check.py) speaks no language.
    language_neutral_paths = ("/_edge/",)

    def ready(self):
        from . import changes

        changes.connect()
