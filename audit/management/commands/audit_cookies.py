"""Visits pages in headless Chromium and compares the cookies and storage they set with the policy's."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wagtail.models import Site

from ...addresses import Egress, allowed_pairs
from ...browser import ChromiumUnavailable, visit_pages
from ...declarations import declared, live_policy
from ...models import CookieAudit, CookieAuditSettings
from ...report import failed_count, findings_of, text_report

# Exit statuses, for CI and cron.
UNDECLARED = 1  # a cookie is set that the policy does not declare
INCOMPLETE = 2  # an address, or the whole audit, could not be done
BREACH = 3  # a page sets more than the strictly necessary without consent


class Command(BaseCommand):
    help = (
        "Open each page in headless Chromium as a visitor would and compare the cookies "
        "and web storage it gets with those the live English policy declares; a page "
        "showing the consent banner is audited before any choice, after “Reject all” "
        "and after “Accept all”. Without an address, audits the addresses of "
        "Settings → Cookie audit addresses. Exits with 3 when a page sets more than "
        "the strictly necessary before a choice or after a refusal, 1 when a cookie "
        "is set that the policy does not declare, 2 when an address could not be "
        "audited. Internal addresses (this machine, private networks, cloud "
        "metadata) are refused unless --allow-private-addresses is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="*", metavar="URL")
        parser.add_argument(
            "--json", action="store_true", help="Write the findings as JSON."
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=30,
            help=(
                "Seconds each address may take, all its consent states together "
                "(default 30)."
            ),
        )
        parser.add_argument(
            "--allow-private-addresses",
            action="store_true",
            help=(
                "Let the browser reach internal addresses (this machine, private "
                "networks): to audit a test site. Chromium then connects directly."
            ),
        )
        parser.add_argument(
            "--allow-address",
            action="append",
            default=[],
            metavar="HOST:PORT",
            help=(
                "Let the browser reach this one internal address and port, and no "
                "other internal one (may be given more than once)."
            ),
        )

    def handle(self, *args, urls, **options):
        if options["timeout"] < 1:
            raise CommandError("--timeout must be at least 1 second.")
        try:
            egress = Egress(
                allow_private=options["allow_private_addresses"],
                allowed=allowed_pairs(options["allow_address"]),
            )
        except ValueError as error:
            raise CommandError(f"--allow-address: {error}") from error
        urls = urls or self.configured_urls()
        if not urls:
            raise CommandError(
                "No address to audit: give some, or list them in the admin under "
                "Settings → Cookie audit addresses.",
                returncode=INCOMPLETE,
            )
        policy = live_policy()
        if policy is None:
            raise CommandError(
                "There is no live English policy to compare with.",
                returncode=INCOMPLETE,
            )
        declarations = declared(policy)
        policy_url = policy.get_full_url()

        # No database query from here until Chromium is closed (audit.browser).
        started_at = timezone.now()
        try:
            visits = visit_pages(urls, timeout=options["timeout"], egress=egress)
        except ChromiumUnavailable as error:
            raise CommandError(str(error), returncode=INCOMPLETE) from error
        findings = findings_of(visits, declarations, policy.title, policy_url)

        audit = CookieAudit.objects.create(
            started_at=started_at,
            finished_at=timezone.now(),
            urls=urls,
            findings=findings,
            undeclared_count=len(findings["undeclared"]),
            not_seen_count=len(findings["not_seen"]),
            differently_count=len(findings["differently"]),
            failed_count=failed_count(findings),
        )
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "audit": audit.pk,
                        "started_at": audit.started_at.isoformat(),
                        "finished_at": audit.finished_at.isoformat(),
                        **findings,
                    },
                    indent=2,
                )
            )
        else:
            self.stdout.write(text_report(findings))

        if audit.breach_count:
            raise CommandError(
                f"{audit.breach_count} breach(es): set without consent, before a "
                "choice or after a refusal.",
                returncode=BREACH,
            )
        if audit.undeclared_count:
            raise CommandError(
                f"{audit.undeclared_count} cookie(s) set but not declared in the policy.",
                returncode=UNDECLARED,
            )
        if audit.failed_count:
            message = f"{audit.failed_count} address(es) could not be audited."
            if any(page["problem"] == "internal" for page in findings["pages"]):
                message += (
                    " Internal addresses (this machine, private networks) are "
                    "refused: to audit a test site on one, pass "
                    "--allow-private-addresses."
                )
            raise CommandError(message, returncode=INCOMPLETE)

    def configured_urls(self):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return []
        return CookieAuditSettings.for_site(site).url_list()
