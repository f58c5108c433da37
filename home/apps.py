from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Home"

    def ready(self):
        from . import lockout, public_cache

        public_cache.connect()
        lockout.connect()
