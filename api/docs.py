"""/api/v2/openapi.json, the API's OpenAPI document, and /api/v2/docs/, a page to browse it.

Both are public and the same for everyone, kept and revalidated like the rest
of the API (/api/ is a shared path: caching/declared.py). The page is Swagger
UI from static files (api/static/api/swagger-ui/, `make swagger-ui`), started
by a script file of our own: no inline script or style, so it runs under the
site's Content-Security-Policy.
"""

import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .openapi import document


def document_text():
    """The document as its committed copy writes it (docs/openapi.json)."""
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


def _refused_parameters(request):
    """A 400 for any query parameter, as the API refuses those it does not know."""
    if not request.GET:
        return None
    names = ", ".join(sorted(request.GET))
    return JsonResponse(
        {"message": f"this address takes no query parameters: {names}"}, status=400
    )


@require_safe
def openapi_json(request):
    refused = _refused_parameters(request)
    if refused:
        return refused
    return HttpResponse(document_text(), content_type="application/json")


@require_safe
def docs(request):
    refused = _refused_parameters(request)
    if refused:
        return refused
    return render(request, "api/docs.html")
