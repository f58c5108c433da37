from django.apps import AppConfig


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = "Cookie audit"

    @property
    def role_permissions(self):
        """Read by access.roles.ensure_roles: editors and approvers read the audits
        and choose the addresses audited."""
        from access.roles import APPROVERS, EDITORS

        permissions = {"audit.view_cookieaudit", "audit.change_cookieauditsettings"}
        return {EDITORS: permissions, APPROVERS: permissions}
