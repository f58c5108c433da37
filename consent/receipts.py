"""GET /consent/receipts/<id>/: a visitor's receipt, from the record of their choice.

The id is the random one the visitor's browser made for the choice and kept
in its consent cookie: knowing it is the only way here. Nothing lists the
receipts, an unknown id is a 404 like a malformed one, and the page is never
kept by a cache or indexed. It is written in the language the visitor was
shown the banner in, whatever their browser prefers.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from caching.site_tree import current_site
from policy.models import PolicyPage

from .models import ConsentRecord


def _policy_version_url(request, language, number):
    """The archived version of the policy a visitor was shown, if it is still public."""
    policy = PolicyPage.objects.live_public(language, current_site(request)).first()
    if policy is None or not policy.policy_versions.filter(number=number).exists():
        return None
    return policy.localized_url("version", number)


def _shown(record):
    """The categories the visitor was asked about, as the banner's texts described them."""
    categories = record.texts.texts["categories"]
    return [
        {**category, "accepted": record.choices.get(category["code"])}
        for category in categories
        if category["code"] == "necessary" or category["code"] in record.choices
    ]


@require_safe
@never_cache
def receipt(request, receipt):
    record = (
        ConsentRecord.objects.filter(receipt=receipt, texts__isnull=False)
        .select_related("texts")
        .first()
    )
    if record is None:
        raise Http404("No such receipt.")
    languages = {code for code, _name in settings.LANGUAGES}
    language = record.language if record.language in languages else None
    language = language or settings.LANGUAGE_CODE
    categories = _shown(record)
    with translation.override(language):
        response = render(
            request,
            "consent/receipt.html",
            {
                "record": record,
                "texts": record.texts.texts,
                "categories": categories,
                "accepted": [c["label"] for c in categories if c["accepted"] is True],
                "refused": [c["label"] for c in categories if c["accepted"] is False],
                "policy_version_url": _policy_version_url(
                    request, language, record.policy_version
                ),
            },
        )
    response["Content-Language"] = language
    response["X-Robots-Tag"] = "noindex"
    return response
