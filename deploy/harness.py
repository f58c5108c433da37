"""The production stack in one Python object, for the tests and the benchmark.

    from deploy.harness import Stack
    from deploy.stack import free_port

    with Stack(port=free_port(), app_port=free_port(), env={"DATABASE_URL": ...}) as stack:
        stack.url("/fr/")          # through the edge
        stack.app_url("/fr/")      # gunicorn directly
        stack.stop_app(kill=True)  # gunicorn only, as if it crashed
        stack.app_is_healthy()     # what the edge's health probe says (False soon)
        stack.start_app()          # again, returns once it answers
        stack.wait_ready()         # ...and once the edge's probe sees it again
        stack.varnishadm("ban.list")
    # leaving the block stops everything (stack.stop())

The processes are those production runs (deploy/stack.py). The environment
given is laid over this process's own; the settings need at least
SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS (see docs/operators.md, Settings). The stack adds
APP_PORT, DJANGO_SETTINGS_MODULE (production unless given) and
EDGE_PURGE_URL (this edge, unless given), so that the app purges it.
"""

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deploy.stack import (
    PROJECT_DIR,
    StackError,
    app_is_healthy,
    gunicorn_command,
    http_get,
    probe_host,
    say,
    scheduler_command,
    varnishd_command,
)
from deploy.vcl import HEALTH_PATH, stack_vcl

# Until the app answers at HEALTH_PATH, the stack probes this instead and says so.
FALLBACK_PROBE_PATH = "/robots.txt"


def _die_with_parent():
    # Linux: a child is sent SIGTERM if the process that started it dies
    # (even by SIGKILL), so that no gunicorn or varnishd is left behind.
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(
            1, signal.SIGTERM
        )  # PR_SET_PDEATHSIG


class Stack:
    """gunicorn on 127.0.0.1:app_port behind varnishd on 127.0.0.1:port.

    env: variables laid over os.environ for every process (SECRET_KEY,
    DATABASE_URL, ALLOWED_HOSTS, REDIS_URL...). workers: gunicorn's worker
    count (WEB_CONCURRENCY, 2 by default). workdir: where varnishd keeps its
    working directory and the rendered VCL (a temporary folder, removed by
    stop(), by default). output: where the processes' output goes (a file
    object or path; this process's stdout and stderr by default).
    wsgi_app: what gunicorn serves. publish_scheduled: also run
    `manage.py publish_scheduled_loop` beside them. edge_facts: the site's
    facts for the VCL (deploy/vcl.py's EdgeFacts), from a process that has
    the settings loaded (the tests); without them each start of the edge asks
    `manage.py edge_vcl` under the stack's own settings.
    """

    def __init__(
        self,
        port=8080,
        app_port=8000,
        *,
        env=None,
        workers=None,
        workdir=None,
        storage="malloc,256m",
        probe_path=None,
        output=None,
        wsgi_app="config.wsgi:application",
        publish_scheduled=False,
        python=sys.executable,
        varnishd="varnishd",
        edge_facts=None,
    ):
        self.port = int(port)
        self.app_port = int(app_port)
        self.env = {**os.environ, **(env or {})}
        self.env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
        # Where the app sends its PURGE requests (caching/edge.py).
        self.env.setdefault("EDGE_PURGE_URL", f"http://127.0.0.1:{self.port}")
        self.env["APP_PORT"] = str(self.app_port)
        self.env.pop("APP_BIND", None)
        if workers is not None:
            self.env["WEB_CONCURRENCY"] = str(int(workers))
        self.host = probe_host(self.env.get("ALLOWED_HOSTS"))
        self.storage = storage
        self.probe_path = probe_path
        self.wsgi_app = wsgi_app
        self.publish_scheduled = publish_scheduled
        self.python = python
        self.varnishd = varnishd
        self.edge_facts = edge_facts
        self._own_workdir = workdir is None
        self.workdir = Path(workdir) if workdir else None
        self._output = output
        self._output_file = None
        self.app = self.edge = self.scheduler = None

    # Addresses ---------------------------------------------------------------

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def app_url(self, path="/"):
        return f"http://127.0.0.1:{self.app_port}{path}"

    @property
    def varnish_dir(self):
        return self._workdir() / "varnish"

    # Starting and stopping ----------------------------------------------------

    def start(self, timeout=60):
        """gunicorn, then varnishd (and the scheduler); returns once both answer."""
        try:
            self.start_app(timeout=timeout)
            self.start_edge(timeout=timeout)
            if self.publish_scheduled:
                self.start_scheduler()
        except BaseException:
            self.stop()
            raise
        return self

    def start_app(self, timeout=60):
        """Start gunicorn and wait until it answers its health check."""
        if self.app is not None and self.app.poll() is None:
            raise StackError("the app is already running")
        self.app = self._spawn(gunicorn_command(self.python, self.wsgi_app))
        self.wait_app(timeout=timeout)

    def wait_app(self, timeout=60):
        """Wait until gunicorn answers 200 at the probe path (choosing it the first time)."""
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            self._check_alive(self.app, "gunicorn")
            path = self.probe_path or HEALTH_PATH
            try:
                status, _, body = http_get(self.app_port, path, host=self.host)
            except OSError as error:
                last = str(error)
            else:
                if status == 200:
                    self.probe_path = path
                    return
                # 404, or a redirect to /en/healthz/ (a 404 under a language).
                if status in (301, 302, 404) and self.probe_path is None:
                    self._say(
                        f"The app has no {HEALTH_PATH} yet: the edge probes "
                        f"{FALLBACK_PROBE_PATH} instead."
                    )
                    self.probe_path = FALLBACK_PROBE_PATH
                    continue
                if status == 400:
                    raise StackError(
                        f"gunicorn answered 400 to Host: {self.host}: is it in ALLOWED_HOSTS?"
                    )
                last = f"{status} {body[:200]!r}"
            time.sleep(0.2)
        raise StackError(f"gunicorn did not answer {path} within {timeout} s: {last}")

    def start_edge(self, timeout=30):
        """Start varnishd with the rendered VCL and wait until it answers."""
        if self.edge is not None and self.edge.poll() is None:
            raise StackError("the edge is already running")
        if shutil.which(self.varnishd) is None:
            raise StackError(
                "varnishd is missing: apt-get install -y varnish varnish-modules"
            )
        workdir = self._workdir()
        vcl = workdir / "policy.vcl"
        vcl.write_text(
            stack_vcl(
                self.env,
                self.app_port,
                facts=self.edge_facts,
                probe_path=self.probe_path or HEALTH_PATH,
                python=self.python,
            )
        )
        vcl.chmod(0o644)
        self.edge = self._spawn(
            varnishd_command(
                workdir, self.port, vcl, storage=self.storage, varnishd=self.varnishd
            )
        )
        self.wait_edge(timeout=timeout)

    def wait_edge(self, timeout=30):
        """Wait until the edge answers 200 at the probe path and its probe says healthy."""
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            self._check_alive(self.edge, "varnishd")
            try:
                status, _, _ = http_get(
                    self.port, self.probe_path or HEALTH_PATH, host=self.host
                )
            except OSError as error:
                last = str(error)
            else:
                if status == 200 and self.app_is_healthy():
                    return
                last = f"status {status}" if status != 200 else "its probe says sick"
            time.sleep(0.2)
        raise StackError(f"the edge did not answer within {timeout} s: {last}")

    def wait_ready(self, timeout=60):
        """Wait until gunicorn answers and the edge sees it healthy (after start_app())."""
        deadline = time.monotonic() + timeout
        self.wait_app(timeout=timeout)
        self.wait_edge(timeout=max(1, deadline - time.monotonic()))

    def app_is_healthy(self):
        """What the edge's health probe says of gunicorn right now."""
        return app_is_healthy(self.varnishadm("backend.list"))

    def start_scheduler(self):
        """`manage.py publish_scheduled_loop`: scheduled pages go live every minute."""
        self.scheduler = self._spawn(scheduler_command(self.python))

    def stop_app(self, kill=False, timeout=25):
        """Stop gunicorn (kill=True: SIGKILL to it and its workers, as a crash)."""
        self._stop(self.app, signal.SIGKILL if kill else signal.SIGTERM, timeout)

    def stop_edge(self, timeout=15):
        self._stop(self.edge, signal.SIGTERM, timeout)

    def stop(self):
        """Stop everything this stack started, and remove its temporary folder."""
        if self.scheduler is not None:
            self._stop(self.scheduler, signal.SIGINT, 10)
        self.stop_edge()
        self.stop_app()
        if self._output_file is not None:
            self._output_file.close()
            self._output_file = None
        if self._own_workdir and self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    # Tools --------------------------------------------------------------------

    def varnishadm(self, *args):
        """Run a varnishadm command against this edge (ban.list, backend.list...)."""
        result = subprocess.run(  # noqa: S603
            ["varnishadm", "-n", str(self.varnish_dir), *args],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise StackError(
                f"varnishadm {' '.join(args)}: {result.stdout}{result.stderr}"
            )
        return result.stdout

    # Internals ----------------------------------------------------------------

    def _processes(self):
        for name, process in (
            ("gunicorn", self.app),
            ("varnishd", self.edge),
            ("publish_scheduled_loop", self.scheduler),
        ):
            if process is not None:
                yield name, process

    def _workdir(self):
        if self.workdir is None:
            self.workdir = Path(tempfile.mkdtemp(prefix="dmj-stack-"))
        # varnishd drops its privileges when started as root: its users must
        # reach the working directory.
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.workdir.chmod(0o755)
        return self.workdir

    def _stdout(self):
        if self._output is None:
            return None
        if hasattr(self._output, "write"):
            return self._output
        if self._output_file is None:
            self._output_file = open(self._output, "a", buffering=1)  # noqa: SIM115
        return self._output_file

    def _spawn(self, argv):
        out = self._stdout()
        return subprocess.Popen(  # noqa: S603
            argv,
            cwd=PROJECT_DIR,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT if out is not None else None,
            # Its own process group: Ctrl-C reaches this process only, which
            # stops the others in order; stop_app(kill=True) kills the workers too.
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )

    def _check_alive(self, process, name):
        if process is None or process.poll() is not None:
            where = f" (see {self._output})" if self._output else ""
            code = None if process is None else process.returncode
            raise StackError(f"{name} stopped (exit status {code}){where}")

    @staticmethod
    def _stop(process, signum, timeout):
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            if signum == signal.SIGKILL:
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.send_signal(signum)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        # Workers left behind by a killed master.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)

    def _say(self, message):
        say(message)
