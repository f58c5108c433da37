"""make run's demo company site: another origin embedding the banner, with DEBUG on only."""

import re

import pytest

from tests.pages import soup, visible_text
from tests.production import run_with_settings
from tests.responses import csp_directives

PAGES = [
    "/demo/company-site/",
    "/demo/company-site/fr/",
    "/demo/company-site/advanced/",
    "/demo/company-site/advanced-fr/",
]


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


@pytest.mark.parametrize("path", PAGES)
def test_without_debug_there_is_no_demo(client, db, path):
    assert client.get(path).status_code == 404


def test_an_unknown_demo_page_is_not_found(client, db, debug):
    assert client.get("/demo/company-site/german/").status_code == 404


def test_the_demo_embeds_the_banner_from_the_other_origin(client, db, debug):
    response = client.get("/demo/company-site/", HTTP_HOST="localhost:8000")

    assert response.status_code == 200
    page = soup(response)
    scripts = [script.get("src") for script in page.find_all("script")]
    assert "http://127.0.0.1:8000/consent.js" in scripts
    # Basic mode: the Google tag waits for consent to analytics.
    (tag,) = page.select('script[src$="gtag-stand-in.js"]')
    assert tag["type"] == "text/plain"
    assert tag["data-consent-category"] == "analytics"
    policy = csp_directives(response["Content-Security-Policy"])
    nonce = tag["nonce"]
    assert f"'nonce-{nonce}'".lower() in policy["script-src"]
    assert "http://127.0.0.1:8000" in policy["script-src"]
    assert policy["connect-src"] == ["http://127.0.0.1:8000"]
    assert "'unsafe-inline'" not in policy["script-src"]
    links = {a.get_text(strip=True): a["href"] for a in page.find_all("a")}
    assert links["Reports → Consent records"] == (
        "http://127.0.0.1:8000/admin/consent-records/"
    )
    # Seen from 127.0.0.1, the policy is on localhost.
    other = client.get("/demo/company-site/", HTTP_HOST="127.0.0.1:8000")
    assert 'src="http://localhost:8000/consent.js"' in other.content.decode()


def test_in_advanced_mode_the_snippet_comes_before_the_tag(client, db, debug):
    page = soup(client.get("/demo/company-site/advanced/", HTTP_HOST="localhost:8000"))

    sources = [script.get("src") for script in page.find_all("script")]
    snippet = sources.index("http://127.0.0.1:8000/consent-mode.js")
    tag = next(i for i, src in enumerate(sources) if src and "gtag-stand-in" in src)
    assert snippet < tag
    assert page.select_one('script[src$="consent-mode.js"]').get("async") is None
    assert page.select_one('script[src$="gtag-stand-in.js"]').get("type") is None


def test_the_french_demo_speaks_french(client, db, debug):
    response = client.get("/demo/company-site/advanced-fr/", HTTP_HOST="localhost:8000")

    page = soup(response)
    assert page.html["lang"] == "fr"
    assert response["Content-Language"] == "fr"
    text = visible_text(page)
    assert "Site d’entreprise de démonstration" in text
    assert "Mode avancé de Google." in text
    assert "Ce que la balise Google a reçu" in text
    assert re.search(r"\bthe\b", text.replace("The same page in English", "")) is None


def test_make_run_accepts_the_demo_s_records():
    result = run_with_settings(
        "dev",
        "from django.conf import settings\nprint(settings.CONSENT_ALLOWED_ORIGINS)",
        setup=False,
        PORT="8001",
        CONSENT_ALLOWED_ORIGINS="https://www.dmj.example",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(
        ["https://www.dmj.example", "http://localhost:8001", "http://127.0.0.1:8001"]
    )
