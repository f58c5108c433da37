from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Home"

    def ready(self):
        from . import admin_session, lockout, public_cache

        public_cache.connect()
        lockout.connect()
        admin_session.connect()
