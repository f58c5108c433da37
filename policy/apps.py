from django.apps import AppConfig


class PolicyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "policy"
    verbose_name = "Privacy policy"

    # The comparison form's two versions (caching/declared.py).
    page_parameters = ("from", "to")

    def ready(self):
        from . import signals

        signals.connect()
