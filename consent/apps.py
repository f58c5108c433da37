from django.apps import AppConfig


class ConsentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consent"
    verbose_name = "Consent"

    # Read by caching and languages (caching/declared.py): the banner's
    # scripts are the same for every visitor and follow the policy's cookie
    # tables and the banner's settings; records are posted from other sites,
    # in no language; the demo company site (DEBUG only) has no language either.
    shared_paths = ("/consent.js", "/consent-mode.js")
    purged_paths = ("/consent.js", "/consent-mode.js")
    language_neutral_paths = ("/consent.js", "/consent-mode.js", "/consent/", "/demo/")

    @property
    def role_permissions(self):
        """Read by access.roles.ensure_roles: editors and approvers read the consent
        records and write the banner's English texts, which approvers publish
        (editors submit them to the approval workflow); translators translate
        them and publish their translations."""
        from access.roles import APPROVERS, EDITORS, TRANSLATORS

        editors = {
            "consent.view_consentrecord",
            "consent.change_consenttexts",
            "consent.change_source_consenttexts",
            "consent.lock_consenttexts",
            "consent.change_consentbannersettings",
        }
        return {
            EDITORS: editors,
            APPROVERS: editors
            | {"consent.publish_consenttexts", "consent.unlock_consenttexts"},
            TRANSLATORS: {
                "consent.change_consenttexts",
                "consent.translate_consenttexts",
                "consent.publish_consenttexts",
            },
        }

    def ready(self):
        from . import signals

        signals.connect()
