from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Home"

    # Read by caching and languages (caching/declared.py).
    shared_paths = ("/sitemap.xml", "/robots.txt")
    purged_paths = ("/sitemap.xml",)
    language_neutral_paths = (
        "/sitemap.xml",
        "/robots.txt",
        "/favicon.ico",
        "/healthz/",
    )
