"""Production settings take their secrets from the environment."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def load_production_settings(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.ALLOWED_HOSTS, settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load_production_settings()

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_reads_hosts_and_database_from_the_environment():
    result = load_production_settings(
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="www.example.com, example.com",
        DATABASE_URL="postgres://u@db.example.com:5432/policy",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "['www.example.com', 'example.com'] django.db.backends.postgresql"
    )


def cors_origins(**env):
    """CORS_ALLOWED_ORIGINS as the settings build it from this environment."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key != "API_CORS_ALLOWED_ORIGINS"
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.dev", **env)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CORS_ALLOWED_ORIGINS)",
        ],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_api_cors_origins_come_from_the_environment():
    origins = cors_origins(
        API_CORS_ALLOWED_ORIGINS=" https://App.example.com , https://other.example/,"
    )

    assert origins == "['https://app.example.com', 'https://other.example']"


def test_no_cors_origin_without_the_environment_variable():
    assert cors_origins() == "[]"


def production_trusted_proxies(**env):
    """How production starts with this environment: TRUSTED_PROXIES, or the error."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "TRUSTED_PROXIES"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY="x" * 50, **env
    )
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.TRUSTED_PROXIES)",
        ],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_believes_only_the_edge_on_its_own_machine_by_default():
    result = production_trusted_proxies()

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['127.0.0.1/32', '::1/128']"


def test_trusted_proxies_come_from_the_environment():
    result = production_trusted_proxies(
        TRUSTED_PROXIES=" 127.0.0.1, ::1 ,173.245.48.0/20,"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['127.0.0.1/32', '::1/128', '173.245.48.0/20']"


def test_a_mistyped_trusted_proxy_stops_production_from_starting():
    result = production_trusted_proxies(TRUSTED_PROXIES="127.0.0.1, cloudflare")

    assert result.returncode != 0
    assert "'cloudflare' does not appear to be an IPv4 or IPv6 network" in result.stderr
