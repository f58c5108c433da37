from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "JSON API"

    # Read by caching and languages (caching/declared.py). The OpenAPI document
    # (/api/v2/openapi.json) and its page (/api/v2/docs/) are under both: kept,
    # revalidated and purged (every URL under /api/v2/) with the rest of the API.
    shared_paths = ("/api/",)
    purged_paths = (
        "/api/v2/",
        "/api/v2/pages/",
        "/api/v2/cookies/",
        "/api/v2/cookies/device-storage.json",
    )
    language_neutral_paths = ("/api/",)

    def error_response(self, request, status):
        from .errors import error_response

        return error_response(request, status)
