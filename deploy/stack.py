"""The processes of the production stack on one machine: gunicorn behind the Varnish edge cache.

What each process is started with (`gunicorn_command`, `varnishd_command`,
`scheduler_command`, and `edge_vcl_command`, which renders the edge's VCL)
is defined here once, for the three ways the stack runs:

- `make serve` (deploy/serve.py): the same processes under supervisor, which
  restarts any that stops;
- production: the systemd units in deploy/systemd/;
- the tests and the benchmark, on any ports and environment, with `Stack`
  (deploy/harness.py).

The VCL itself is rendered by deploy/vcl.py, from the facts the site's
settings own:

    python manage.py edge_vcl --app-port 8000

prints it for that port, with the host of ALLOWED_HOSTS and the origins of
API_CORS_ALLOWED_ORIGINS, as production installs it.
`python -m deploy.stack --print-vcl --app-port 8000` runs that command under
the production settings (the units of earlier releases call it so).
"""

import argparse
import http.client
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEPLOY_DIR = PROJECT_DIR / "deploy"
GUNICORN_CONFIG = DEPLOY_DIR / "gunicorn.conf.py"


class StackError(RuntimeError):
    pass


def say(message):
    """One line from the launcher, beside the processes' own output."""
    sys.stderr.write(f"[stack] {message}\n")
    sys.stderr.flush()


# Ports this process has handed out: the system may offer a port again as
# soon as the socket that found it is closed, before anything listens on it.
_handed_out = set()


def free_port(host="127.0.0.1"):
    """A TCP port nothing listens on right now, never the same twice in a process."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind((host, 0))
            port = sock.getsockname()[1]
        if port not in _handed_out:
            _handed_out.add(port)
            return port


def probe_host(allowed_hosts):
    """A Host header the app accepts, from ALLOWED_HOSTS (comma-separated)."""
    for host in (allowed_hosts or "").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*" and re.fullmatch(r"[A-Za-z0-9.:\[\]-]+", host):
            return host
    return "127.0.0.1"


def http_get(port, path, host="127.0.0.1", headers=None, timeout=5, method="GET"):
    """(status, headers, body) of one request to 127.0.0.1:port."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def gunicorn_command(python=sys.executable, wsgi_app="config.wsgi:application"):
    """gunicorn with deploy/gunicorn.conf.py (its port from APP_PORT)."""
    return [
        python,
        "-m",
        "gunicorn",
        "--config",
        str(GUNICORN_CONFIG),
        "--chdir",
        str(PROJECT_DIR),
        wsgi_app,
    ]


def varnishd_command(
    workdir, port, vcl, storage="malloc,256m", varnishd="varnishd", host="127.0.0.1"
):
    """varnishd in the foreground, its working directory in workdir/varnish.

    Parameters beyond the defaults: room for the normalisation of long URLs
    (workspace_client), and headers received whole within 5 s (timeout_idle,
    the default, said here so that nobody lowers the guard by accident).
    """
    return [
        varnishd,
        "-F",
        "-n",
        str(Path(workdir) / "varnish"),
        "-a",
        f"{host}:{port}",
        "-T",
        "127.0.0.1:0",
        "-f",
        str(vcl),
        "-s",
        storage,
        "-p",
        "workspace_client=256k",
        "-p",
        "timeout_idle=5",
    ]


def scheduler_command(python=sys.executable, interval=60):
    """Scheduled pages published (and unpublished) every interval seconds."""
    return [
        python,
        str(PROJECT_DIR / "manage.py"),
        "publish_scheduled_loop",
        "--interval",
        str(int(interval)),
    ]


def edge_vcl_command(
    python=sys.executable,
    app_port=8000,
    app_host=None,
    cors_origins=None,
    probe_path=None,
):
    """`manage.py edge_vcl`: the VCL on standard output, rendered from the settings.

    The host and the origins default to the settings' (ALLOWED_HOSTS,
    API_CORS_ALLOWED_ORIGINS), the probe path to /healthz/.
    """
    command = [
        python,
        str(PROJECT_DIR / "manage.py"),
        "edge_vcl",
        "--app-port",
        str(int(app_port)),
    ]
    for option, value in (
        ("--app-host", app_host),
        ("--cors-origins", cors_origins),
        ("--probe-path", probe_path),
    ):
        if value is not None:
            command += [option, value]
    return command


def app_is_healthy(backend_list):
    """Whether `varnishadm backend.list` says the app is healthy."""
    return any(
        re.search(r"\bapp\s.*\bhealthy\b", line) for line in backend_list.splitlines()
    )


def main(argv=None):
    """`--print-vcl`: `manage.py edge_vcl`, under the production settings unless told."""
    parser = argparse.ArgumentParser(description="Print the edge's VCL.")
    parser.add_argument(
        "--print-vcl",
        action="store_true",
        required=True,
        help="print the VCL for this app port and this environment",
    )
    parser.add_argument(
        "--app-port", type=int, default=int(os.environ.get("APP_PORT", 8000))
    )
    args = parser.parse_args(argv)
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.production", **os.environ}
    return subprocess.run(  # noqa: S603
        edge_vcl_command(app_port=args.app_port), cwd=PROJECT_DIR, env=env, check=False
    ).returncode


if __name__ == "__main__":
    sys.exit(main())
