"""Settings come from the environment; production refuses to start half-configured.

Each check starts a new Python process with exactly the environment given
and reads what the settings made of it. Most import the settings alone, the
first thing a server's start does and where a missing variable stops it; the
deployment checks and the log start every app, as a server does.
"""

import json

import pytest

from tests.production import PRODUCTION, run_with_settings


def production_setting(expression, **env):
    result = run_with_settings(
        "production",
        f"import json\nfrom django.conf import settings\nprint(json.dumps({expression}))",
        setup=False,
        **{**PRODUCTION, **env},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"]
)
def test_production_refuses_to_start_without_each_variable(missing):
    env = {name: value for name, value in PRODUCTION.items() if name != missing}

    result = run_with_settings("production", "", setup=False, **env)

    assert result.returncode != 0
    assert (
        f"Set the {missing} environment variable: production refuses to start "
        "without it." in result.stderr
    )


def test_production_refuses_an_empty_variable():
    result = run_with_settings(
        "production", "", setup=False, **{**PRODUCTION, "SECRET_KEY": " "}
    )

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_reads_hosts_and_database_from_the_environment():
    assert production_setting(
        "[settings.ALLOWED_HOSTS, settings.DATABASES['default']['ENGINE'], "
        "settings.DATABASES['default']['HOST']]"
    ) == [
        ["www.example.com", "example.com"],
        "django.db.backends.postgresql",
        "db.example.com",
    ]


def test_production_redirects_to_https_unless_tls_ends_before_the_app():
    redirect = "[settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS]"

    assert production_setting(redirect) == [True, 31536000]
    assert production_setting(redirect, TLS_TERMINATED_BY_PROXY="on") == [
        False,
        31536000,
    ]


def test_production_mail_comes_from_the_environment():
    mail = "[settings.EMAIL_BACKEND, getattr(settings, 'EMAIL_HOST', None)]"

    assert production_setting(mail, EMAIL_HOST="smtp.example.com") == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.com",
    ]
    assert production_setting(mail)[0] == (
        "django.core.mail.backends.console.EmailBackend"
    )


@pytest.mark.parametrize("tls", ["off", "on"])
def test_production_passes_the_deployment_checks_without_a_warning(tls):
    result = run_with_settings(
        "production",
        "from django.core.management import call_command\n"
        "call_command('check', deploy=True, fail_level='WARNING')",
        **{**PRODUCTION, "TLS_TERMINATED_BY_PROXY": tls},
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_logs_one_json_line_per_event_on_stderr(tmp_path):
    # A request for a host outside ALLOWED_HOSTS is a security event.
    result = run_with_settings(
        "production",
        "from django.test import Client\n"
        "Client().get('/en/', HTTP_HOST='evil.example', secure=True)",
        **PRODUCTION,
        STATIC_ROOT=str(tmp_path),
    )

    lines = [json.loads(line) for line in result.stderr.splitlines() if line]
    assert [(line["logger"], line["level"]) for line in lines] == [
        ("django.security.DisallowedHost", "ERROR")
    ]
    assert "evil.example" in lines[0]["message"]
    assert lines[0]["path"] == "/en/"


def cors_origins(**env):
    """CORS_ALLOWED_ORIGINS as the settings build it from this environment."""
    result = run_with_settings(
        "dev",
        "from django.conf import settings; print(settings.CORS_ALLOWED_ORIGINS)",
        setup=False,
        **env,
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
    return run_with_settings(
        "production",
        "from django.conf import settings; print(settings.TRUSTED_PROXIES)",
        setup=False,
        **{**PRODUCTION, **env},
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


def test_production_asks_every_admin_account_for_a_second_factor():
    assert production_setting("settings.ADMIN_REQUIRE_SECOND_FACTOR") is True
    assert (
        production_setting(
            "settings.ADMIN_REQUIRE_SECOND_FACTOR", ADMIN_REQUIRE_SECOND_FACTOR="off"
        )
        is False
    )


def test_production_accepts_passkeys_from_its_own_addresses_over_https():
    assert production_setting("settings.OTP_WEBAUTHN_ALLOWED_ORIGINS") == [
        "https://www.example.com",
        "https://example.com",
    ]
    assert production_setting(
        "settings.OTP_WEBAUTHN_ALLOWED_ORIGINS",
        WAGTAILADMIN_BASE_URL="https://policy.example.com/",
    ) == ["https://policy.example.com"]


def test_make_run_lets_the_demo_accounts_in_with_a_password_and_says_so():
    result = run_with_settings(
        "dev",
        "from django.conf import settings\nprint(settings.ADMIN_REQUIRE_SECOND_FACTOR)",
        setup=False,
    )
    assert result.stdout.strip() == "False"
