"""Operators run any management command with exactly the site's environment.

`make manage ARGS=...` uses `make serve`'s (deploy/serve.py environment());
on a server, deploy/manage uses the environment file the systemd units load
(deploy/dmj-policy.env.example). `make run` names the port it really serves.
"""

import os
import re
import subprocess
import uuid
from urllib.parse import urlencode

from django.contrib.auth import get_user_model

import pytest

from deploy.stack import PROJECT_DIR
from tests.production import run_with_settings
from tests.stack import get

# Each test runs the operator's commands (make manage, deploy/manage) in processes of their own.
pytestmark = pytest.mark.stack

SHOW_SETTINGS = (
    "shell -c 'from django.conf import settings as s; "
    'print(s.SETTINGS_MODULE, s.DATABASES["default"]["NAME"], '
    's.CACHES["default"]["LOCATION"], s.WAGTAILADMIN_BASE_URL)\''
)


def make_manage(args):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}
    }
    return subprocess.run(  # noqa: S603
        ["make", "-s", "manage", f"ARGS={args}", "PORT=18080"],  # noqa: S607
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_make_manage_uses_make_serve_s_environment():
    result = make_manage(SHOW_SETTINGS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == [
        "config.settings.production",
        "dmj_policy",
        "redis://127.0.0.1:6380/0",
        "http://localhost:18080",
    ]


def test_make_serve_s_environment_passes_the_deployment_checks():
    """What make serve runs must start: Django's checks, every app's included."""
    result = make_manage("check --deploy --fail-level WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db(transaction=True)
def test_an_operator_creates_the_first_account_with_the_environment_file(
    shared_with_the_stack, tmp_path
):
    stack = shared_with_the_stack
    env_file = tmp_path / "env"
    # The variables the stack runs with, as an operator writes them in the file.
    env_file.write_text(
        "\n".join(
            f'{key}="{stack.env[key]}"'
            for key in (
                "SECRET_KEY",
                "ALLOWED_HOSTS",
                "DATABASE_URL",
                "REDIS_URL",
                "STATIC_ROOT",
                "TLS_TERMINATED_BY_PROXY",
            )
        )
        + "\n"
    )
    username = f"operator-{uuid.uuid4().hex[:6]}"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY"}
    }
    result = subprocess.run(  # noqa: S603
        [
            str(PROJECT_DIR / "deploy" / "manage"),
            "createsuperuser",
            "--no-input",
            "--username",
            username,
            "--email",
            "operator@example.com",
        ],
        env={
            **environment,
            "ENV_FILE": str(env_file),
            "PYTHON": str(PROJECT_DIR / ".venv" / "bin" / "python"),
            "DJANGO_SUPERUSER_PASSWORD": "a long operator password",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Superuser created successfully." in result.stdout

    # In the database the stack serves, and able to sign in through the edge.
    assert get_user_model().objects.get(username=username).is_superuser
    status, headers, _body = sign_in(stack, username, "a long operator password")
    assert status == 302
    assert "sessionid=" in headers.get("Set-Cookie", "")
    assert sign_in(stack, username, "a wrong password")[0] == 200


def sign_in(stack, username, password):
    """The admin's sign-in form, through the edge, as a browser posts it."""
    status, headers, body = get(stack, "/admin/login/")
    assert status == 200
    csrf_cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    return get(
        stack,
        "/admin/login/",
        method="POST",
        headers={
            "Cookie": f"csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body=urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": password}
        ),
    )


def test_a_missing_environment_file_is_said_plainly(tmp_path):
    result = subprocess.run(  # noqa: S603
        [str(PROJECT_DIR / "deploy" / "manage"), "check"],
        env={
            **os.environ,
            "ENV_FILE": str(tmp_path / "nowhere"),
            "PYTHON": str(PROJECT_DIR / ".venv" / "bin" / "python"),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert f"cannot read {tmp_path / 'nowhere'}" in result.stderr


@pytest.mark.parametrize("port", ["8000", "18600"])
def test_make_run_s_admin_address_has_the_port_it_serves(port):
    result = run_with_settings(
        "dev",
        "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
        PORT=port,
    )
    assert result.stdout.strip() == f"http://127.0.0.1:{port}"
