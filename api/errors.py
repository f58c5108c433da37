"""Every error of the API as JSON: {"message": "..."}, with the right status.

A bug is a 500 with a JSON message too, its traceback in the log, never in
the response.
"""

import logging

from django.http import Http404, JsonResponse

from wagtail.api.v2.utils import BadRequestError

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)

# What the API says for an error that carries no message of its own.
MESSAGES = {
    400: "Bad request.",
    403: "Forbidden.",
    404: "Not found.",
    500: "Something went wrong on our side. Please try again later.",
}


def error_response(request, status):
    """The API's answer to an error raised outside its views (a host outside
    ALLOWED_HOSTS, a bug in a middleware): JSON, as from its views."""
    if request.path.startswith("/api/"):
        return JsonResponse({"message": MESSAGES[status]}, status=status)
    return None


def _message(detail):
    """DRF's error detail (a string, a list or a dict of them) as one sentence."""
    if isinstance(detail, dict):
        return "; ".join(f"{key}: {_message(value)}" for key, value in detail.items())
    if isinstance(detail, list):
        return "; ".join(_message(item) for item in detail)
    return str(detail)


def json_exception_handler(exc, context):
    """REST framework's EXCEPTION_HANDLER: one JSON shape for every error."""
    if isinstance(exc, Http404):
        return Response(
            {"message": str(exc) or MESSAGES[404]}, status=status.HTTP_404_NOT_FOUND
        )
    if isinstance(exc, BadRequestError):
        return Response({"message": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    response = exception_handler(exc, context)
    if response is None:
        logger.error(
            "Unexpected error in the API",
            exc_info=exc,
            extra={"request": context.get("request")},
        )
        return Response(
            {"message": MESSAGES[500]},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    detail = response.data.get("detail", response.data)
    response.data = {"message": _message(detail)}
    return response


def not_found(request, *args, **kwargs):
    """Any other address under /api/."""
    return JsonResponse(
        {
            "message": "Not found. The API's endpoints are pages/ and cookies/, "
            "for example /api/v2/pages/?type=policy.PolicyPage."
        },
        status=404,
    )
