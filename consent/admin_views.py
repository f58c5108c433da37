"""Reports → Consent records: counts per policy version and category, and a CSV export."""

import csv

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

from access.admin_pages import RestrictedAdminPage
from policy.blocks.cookies import COOKIE_CATEGORIES

from .models import CHOICES, ConsentRecord


def may_see_records(user):
    return user.has_perm("consent.view_consentrecord")


class ConsentRecordsView(RestrictedAdminPage):
    """How many visitors accepted each category, for each version of the policy."""

    template_name = "consent/admin/consent_records.html"
    page_title = _("Consent records")
    header_icon = "tick-inverse"

    allowed = staticmethod(may_see_records)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = dict(COOKIE_CATEGORIES)
        counts = {
            f"accepted_{code}": Count("pk", filter=Q(**{f"choices__{code}": True}))
            for code in CHOICES
        }
        rows = (
            ConsentRecord.objects.values("policy_version")
            .annotate(
                total=Count("pk"), gpc_total=Count("pk", filter=Q(gpc=True)), **counts
            )
            .order_by("-policy_version")
        )
        context.update(
            categories=[labels[code] for code in CHOICES],
            versions=[
                {
                    "number": row["policy_version"],
                    "total": row["total"],
                    "gpc": row["gpc_total"],
                    "accepted": [row[f"accepted_{code}"] for code in CHOICES],
                }
                for row in rows
            ],
        )
        return context


class _Echo:
    def write(self, value):
        return value


def export_csv(request):
    """Every record, one row each, oldest first."""
    if not may_see_records(request.user):
        raise PermissionDenied
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(
            [
                "id",
                "recorded_at",
                "policy_version",
                "language",
                "origin",
                "gpc",
                *CHOICES,
            ]
        )
        for record in ConsentRecord.objects.order_by("created_at").iterator():
            yield writer.writerow(
                [
                    record.id,
                    record.created_at.isoformat(),
                    record.policy_version,
                    record.language,
                    record.origin,
                    "yes" if record.gpc else "no",
                    *(
                        {True: "yes", False: "no"}.get(record.choices.get(code), "")
                        for code in CHOICES
                    ),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="consent-records.csv"'
    return response
