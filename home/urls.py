"""Wagtail's page addresses, each page served by home.views.serve."""

from django.urls import re_path

from wagtail import urls as wagtail_urls

from . import views

urlpatterns = [
    # Wagtail's password and login forms for restricted pages.
    *(
        pattern
        for pattern in wagtail_urls.urlpatterns
        if pattern.name != "wagtail_serve"
    ),
    re_path(wagtail_urls.serve_pattern, views.serve, name="wagtail_serve"),
]
