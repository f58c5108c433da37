"""The systemd units shipped for production (deploy/systemd/) are valid and run what make serve runs."""

import configparser
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.core.management import get_commands

import pytest

from deploy.stack import (
    PROJECT_DIR,
    edge_vcl_command,
    gunicorn_command,
    varnishd_command,
)
from tests.production import PRODUCTION, PRODUCTION_VARIABLES

UNITS = PROJECT_DIR / "deploy" / "systemd"
INSTALLED = "/srv/policy"  # where the operators' guide installs the checkout


def unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(UNITS / name)
    return parser


def values(name, key):
    """Every value of a key in a unit's [Service] (Environment= may be given often)."""
    return [
        line.partition("=")[2]
        for line in (UNITS / name).read_text().splitlines()
        if line.startswith(f"{key}=")
    ]


def exec_start(name):
    return shlex.split(unit(name)["Service"]["ExecStart"])


def installed(command):
    return [str(part).replace(str(PROJECT_DIR), INSTALLED) for part in command]


@pytest.mark.stack
def test_systemd_accepts_every_unit(tmp_path):
    """systemd-analyze verify, on copies pointing at this checkout (where the programs exist)."""
    assert shutil.which("systemd-analyze"), "make test installs Debian's systemd"
    for path in UNITS.iterdir():
        (tmp_path / path.name).write_text(
            path.read_text().replace(INSTALLED, str(PROJECT_DIR))
        )
    result = subprocess.run(  # noqa: S603
        ["systemd-analyze", "verify", "--man=no", *sorted(tmp_path.iterdir())],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_the_app_and_the_edge_run_as_make_serve_runs_them():
    python = f"{INSTALLED}/.venv/bin/python"
    assert exec_start("dmj-policy-app.service") == installed(gunicorn_command(python))
    assert exec_start("dmj-policy-edge.service") == installed(
        varnishd_command(
            "/run/dmj-policy-edge",
            8080,
            "/run/dmj-policy-edge/policy.vcl",
            varnishd="/usr/sbin/varnishd",
        )
    )
    assert "APP_PORT=8000" in values("dmj-policy-app.service", "Environment")


def test_the_edge_renders_its_vcl_from_the_production_settings():
    """At each start, manage.py edge_vcl for the app's port, as make serve runs it."""
    python = f"{INSTALLED}/.venv/bin/python"
    render = shlex.join(installed(edge_vcl_command(python, app_port=8000)))
    assert values("dmj-policy-edge.service", "ExecStartPre") == [
        f"/bin/sh -c 'exec {render} > /run/dmj-policy-edge/policy.vcl'"
    ]
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in values(
        "dmj-policy-edge.service", "Environment"
    )
    assert "edge_vcl" in get_commands()


@pytest.mark.stack
def test_the_edge_unit_renders_a_vcl_varnishd_compiles():
    """The unit's own command, with the production settings of its environment file."""
    # varnishd drops its privileges when started as root: its users must
    # reach the folder (as RuntimeDirectoryMode=0755 lets them).
    with tempfile.TemporaryDirectory(prefix="dmj-edge-unit-") as folder:
        Path(folder).chmod(0o755)
        vcl = render_and_compile(Path(folder))

    # The command of earlier releases' unit prints the same.
    printed = subprocess.run(
        [sys.executable, "-m", "deploy.stack", "--print-vcl", "--app-port", "8000"],
        cwd=PROJECT_DIR,
        env={**environment_without_settings(), **PRODUCTION},
        capture_output=True,
        text=True,
        check=False,
    )
    assert (printed.returncode, printed.stdout) == (0, vcl), printed.stderr


def environment_without_settings():
    return {
        key: value
        for key, value in os.environ.items()
        if key not in {*PRODUCTION_VARIABLES, "DJANGO_SETTINGS_MODULE"}
    }


def render_and_compile(folder):
    """The VCL the unit's ExecStartPre writes into folder, once varnishd compiled it."""
    (render,) = values("dmj-policy-edge.service", "ExecStartPre")
    render = (
        render.replace(f"{INSTALLED}/.venv/bin/python", sys.executable)
        .replace(INSTALLED, str(PROJECT_DIR))
        .replace("/run/dmj-policy-edge", str(folder))
    )
    unit_environment = dict(
        value.split("=", 1)
        for value in values("dmj-policy-edge.service", "Environment")
    )
    result = subprocess.run(  # noqa: S603
        shlex.split(render),
        cwd=PROJECT_DIR,
        env={**environment_without_settings(), **PRODUCTION, **unit_environment},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    vcl = (folder / "policy.vcl").read_text()
    assert '.port = "8000";' in vcl
    assert '.host_header = "www.example.com";' in vcl
    assert "\\b(en|fr)\\b" in vcl

    vcl_file = str(folder / "policy.vcl")
    compiled = subprocess.run(  # noqa: S603
        ["varnishd", "-C", "-n", str(folder / "varnish"), "-f", vcl_file],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert compiled.returncode == 0, compiled.stderr
    return vcl


@pytest.mark.parametrize(
    "timer", sorted(path.name for path in UNITS.glob("*.timer")), ids=str
)
def test_every_timer_starts_a_job_that_exists(timer):
    service = timer.replace(".timer", ".service")
    assert (UNITS / service).exists()
    assert unit(timer)["Install"]["WantedBy"] == "timers.target"
    assert unit(service)["Service"]["Type"] == "oneshot"
    command = exec_start(service)
    if "manage.py" in command[1]:
        assert command[2] in get_commands()
    else:
        assert (PROJECT_DIR / Path(command[0]).relative_to(INSTALLED)).exists()


def test_the_operators_checklist_names_every_unit():
    guide = (PROJECT_DIR / "docs" / "operators.md").read_text()
    missing = [path.name for path in UNITS.iterdir() if path.name not in guide]
    assert missing == []
