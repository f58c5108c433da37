from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .addresses import is_http, is_refused


class CookieAudit(models.Model):
    """One run of `audit_cookies`: the addresses visited and what was found."""

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))
    urls = models.JSONField(_("addresses"), default=list)
    # {"policy": ..., "pages": [...], "breaches": [...], "undeclared": [...],
    #  "not_seen": [...], "differently": [...]}: see audit.report and audit.compare.
    # Audits stored before web storage and consent states have no "breaches".
    findings = models.JSONField(_("findings"), default=dict)
    undeclared_count = models.PositiveIntegerField(_("set but not declared"))
    not_seen_count = models.PositiveIntegerField(_("declared but not seen"))
    differently_count = models.PositiveIntegerField(_("declared differently"))
    failed_count = models.PositiveIntegerField(_("addresses not audited"))

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("cookie audit")
        verbose_name_plural = _("cookie audits")

    def __str__(self):
        return f"Cookie audit of {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def breach_count(self):
        """What pages showing the banner set without consent (audit.compare.breaches)."""
        return len(self.findings.get("breaches", []))


def validate_addresses(text):
    lines = addresses(text)
    errors = []
    wrong = [line for line in lines if not is_http(line)]
    if wrong:
        errors.append(
            ValidationError(
                _("Not an http or https address: %(addresses)s"),
                params={"addresses": ", ".join(wrong)},
            )
        )
    internal = [line for line in lines if is_http(line) and is_refused(line)]
    if internal:
        errors.append(
            ValidationError(
                _(
                    "Not a public address: %(addresses)s. The audit visits only "
                    "addresses on the internet, never this server or a private "
                    "network."
                ),
                params={"addresses": ", ".join(internal)},
            )
        )
    if errors:
        raise ValidationError(errors)


def addresses(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


@register_setting(icon="search")
class CookieAuditSettings(BaseSiteSetting):
    """The pages `audit_cookies` visits when it is given no address."""

    urls = models.TextField(
        _("addresses to audit"),
        blank=True,
        validators=[validate_addresses],
        help_text=_(
            "One address per line, starting with https://: the home page and a few "
            "pages that carry other tools (a contact form, a chat, a video), for "
            "example https://www.example.com/en/."
        ),
    )

    class Meta:
        verbose_name = _("cookie audit addresses")

    def url_list(self):
        return addresses(self.urls)
