from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "access"
    verbose_name = "Access"

    def ready(self):
        from . import admin_session, lockout

        lockout.connect()
        admin_session.connect()
