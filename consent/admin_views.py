"""Reports → Consent records: counts per policy version, texts version, language and
category, what each version of the texts said, and a CSV export."""

import csv

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

from access.admin_pages import RestrictedAdminPage
from policy.blocks.cookies import COOKIE_CATEGORIES

from .models import CHOICES, ConsentRecord, ConsentTextsVersion


def may_see_records(user):
    return user.has_perm("consent.view_consentrecord")


class ConsentRecordsView(RestrictedAdminPage):
    """How many visitors accepted each category, for each version of the policy and
    of the banner's texts they were shown, in each language."""

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
            ConsentRecord.objects.values("policy_version", "language", "texts")
            .annotate(
                total=Count("pk"), gpc_total=Count("pk", filter=Q(gpc=True)), **counts
            )
            .order_by("-policy_version", "language", "-texts__number")
        )
        texts = ConsentTextsVersion.objects.in_bulk(
            {row["texts"] for row in rows if row["texts"]}
        )
        languages = dict(settings.LANGUAGES)
        context.update(
            categories=[labels[code] for code in CHOICES],
            versions=[
                {
                    "number": row["policy_version"],
                    "language": languages.get(row["language"], row["language"]),
                    "texts": texts.get(row["texts"]),
                    "total": row["total"],
                    "gpc": row["gpc_total"],
                    "accepted": [row[f"accepted_{code}"] for code in CHOICES],
                }
                for row in rows
            ],
            texts_versions=sorted(
                texts.values(), key=lambda v: (v.language, -v.number)
            ),
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
                "texts_version",
                "language",
                "origin",
                "gpc",
                "script",
                "receipt",
                *CHOICES,
            ]
        )
        records = ConsentRecord.objects.select_related("texts").order_by("created_at")
        for record in records.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    record.id,
                    record.created_at.isoformat(),
                    record.policy_version,
                    record.texts.number if record.texts else "",
                    record.language,
                    record.origin,
                    "yes" if record.gpc else "no",
                    record.script,
                    record.receipt or "",
                    *(
                        {True: "yes", False: "no"}.get(record.choices.get(code), "")
                        for code in CHOICES
                    ),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="consent-records.csv"'
    return response
