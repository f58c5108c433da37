from django.apps import AppConfig


class ConsentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consent"
    verbose_name = "Consent"

    @property
    def role_permissions(self):
        """Read by home.roles.ensure_roles: editors and approvers read the consent
        records and write the banner's texts; translators translate them."""
        from home.roles import APPROVERS, EDITORS, TRANSLATORS

        permissions = {
            "consent.view_consentrecord",
            "consent.change_consenttexts",
            "consent.change_source_consenttexts",
        }
        return {
            EDITORS: permissions,
            APPROVERS: permissions,
            TRANSLATORS: {"consent.change_consenttexts"},
        }

    def ready(self):
        from . import signals

        signals.connect()
