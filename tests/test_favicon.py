"""Browsers find the site's icon: /favicon.ico and the SVG every page links to."""

import json
import uuid

from django.db import connection

import pytest

from tests.pages import soup
from tests.production import PRODUCTION, run_with_settings
from tests.responses import csp_directives

# Every .ico file starts with these four bytes (reserved 0, type 1: an icon).
ICO_HEADER = b"\x00\x00\x01\x00"
ONE_DAY = "max-age=86400"


def test_favicon_ico_is_an_icon_browsers_may_keep(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content.startswith(ICO_HEADER)
    cache_control = response["Cache-Control"].split(", ")
    assert "public" in cache_control
    assert ONE_DAY in cache_control
    # The same icon for every visitor, whatever their language.
    assert "Accept-Language" not in response.get("Vary", "")


def test_favicon_ico_answers_head_and_refuses_a_post(client, db):
    assert client.head("/favicon.ico").status_code == 200
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.parametrize("url", ["/en/", "/fr/confidentialite-et-cookies/"])
def test_pages_link_both_icons(client, db, url):
    page = soup(client.get(url))

    icons = {link.get("type"): link["href"] for link in page.select("link[rel=icon]")}
    assert icons[None] == "/favicon.ico"
    assert icons["image/svg+xml"].startswith("/static/")
    assert icons["image/svg+xml"].endswith(".svg")


FETCH = """
import json
from bs4 import BeautifulSoup
from django.test import Client
client = Client(HTTP_HOST={host!r})
page = client.get("/en/", secure=True)
svg = BeautifulSoup(page.content, "html.parser").select_one(
    "link[rel=icon][type='image/svg+xml']"
)["href"]
ico = client.get("/favicon.ico", secure=True)
icon = client.get(svg, secure=True)
print(json.dumps({{
    "csp": page.headers["Content-Security-Policy"],
    "svg": svg,
    "svg_status": icon.status_code,
    "svg_type": icon.headers.get("Content-Type"),
    "svg_cache": icon.headers.get("Cache-Control"),
    "svg_start": b"".join(icon.streaming_content)[:4].decode(),
    "ico_status": ico.status_code,
    "ico_start": list(ico.content[:4]),
}}))
"""


@pytest.mark.django_db
def test_production_serves_both_icons_under_its_csp(production_static_root):
    """WhiteNoise serves the SVG under its hashed name; the page's CSP lets it load."""
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}"
    )
    result = run_with_settings(
        "production",
        FETCH.format(host="www.example.com"),
        **{
            **PRODUCTION,
            "ALLOWED_HOSTS": "www.example.com",
            "DATABASE_URL": url,
            "CACHE_KEY_PREFIX": f"favicon-{uuid.uuid4().hex[:8]}",
            "STATIC_ROOT": str(production_static_root),
        },
    )
    assert result.returncode == 0, result.stderr
    served = json.loads(result.stdout.splitlines()[-1])

    assert served["svg_status"] == 200
    assert served["svg_type"] == "image/svg+xml"
    assert served["svg_start"] == "<svg"
    # A hashed name, kept for ever.
    assert "immutable" in served["svg_cache"]
    assert served["ico_status"] == 200
    assert bytes(served["ico_start"]) == ICO_HEADER
    # Both icons come from the site itself, which the public CSP allows.
    assert "'self'" in csp_directives(served["csp"])["img-src"]
