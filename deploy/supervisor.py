"""supervisor (supervisord) running the stack's processes, for `make serve` and its tests.

Each process is a supervisor program that is restarted whenever it stops,
on its own: a crash of gunicorn, the edge, Redis or the scheduler restarts
that process and never stops the others. The programs inherit supervisord's
environment (the production settings), so no secret is written to the
configuration. Production runs the same commands as systemd units
(deploy/systemd/).

    supervisor = Supervisor(workdir, {"app": Program(gunicorn_command())}, env)
    supervisor.start()                 # supervisord, and the autostart programs
    supervisor.start_program("app")    # the others, when the caller is ready
    supervisor.info("app")             # {"statename": "RUNNING", "pid": ...}
    supervisor.stop()                  # every program, then supervisord
"""

import contextlib
import shlex
import subprocess
import sys
import time
import xmlrpc.client
from dataclasses import dataclass
from pathlib import Path

from supervisor.xmlrpc import SupervisorTransport

from deploy.stack import PROJECT_DIR, StackError


@dataclass
class Program:
    command: list
    # Started with supervisord; otherwise by start_program().
    autostart: bool = False
    # Seconds it must stay up to count as started.
    startsecs: int = 1
    stopsignal: str = "TERM"


def _quoted(command):
    # supervisor splits the command as a shell would and expands %(name)s.
    return shlex.join(str(part) for part in command).replace("%", "%%")


def render_config(workdir, programs, output="/dev/stdout"):
    """supervisord.conf: its socket in workdir, one section per program."""
    workdir = Path(workdir)
    sections = [
        "[supervisord]",
        "nodaemon=true",
        f"logfile={workdir / 'supervisord.log'}",
        f"pidfile={workdir / 'supervisord.pid'}",
        f"childlogdir={workdir}",
        "",
        "[unix_http_server]",
        f"file={workdir / 'supervisor.sock'}",
        "chmod=0700",
        "",
        "[rpcinterface:supervisor]",
        "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
        "",
        "[supervisorctl]",
        f"serverurl=unix://{workdir / 'supervisor.sock'}",
    ]
    for name, program in programs.items():
        sections += [
            "",
            f"[program:{name}]",
            f"command={_quoted(program.command)}",
            f"directory={PROJECT_DIR}",
            f"autostart={'true' if program.autostart else 'false'}",
            "autorestart=true",
            f"startsecs={program.startsecs}",
            # Keep trying (supervisor waits a second longer after each try).
            "startretries=100",
            f"stopsignal={program.stopsignal}",
            "stopwaitsecs=25",
            "stopasgroup=true",
            "killasgroup=true",
            "redirect_stderr=true",
            f"stdout_logfile={output}",
            "stdout_logfile_maxbytes=0",
        ]
    return "\n".join(sections) + "\n"


class Supervisor:
    """supervisord in the foreground of a child process, driven over its socket."""

    def __init__(self, workdir, programs, env, output="/dev/stdout"):
        self.workdir = Path(workdir)
        self.programs = programs
        self.env = env
        self.output = output
        self.process = None

    @property
    def config_path(self):
        return self.workdir / "supervisord.conf"

    def start(self, timeout=30):
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.config_path.write_text(
            render_config(self.workdir, self.programs, self.output)
        )
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "supervisor.supervisord",
                "-c",
                str(self.config_path),
            ],
            cwd=PROJECT_DIR,
            env=self.env,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise StackError(
                    f"supervisord stopped (exit status {self.process.returncode}); "
                    f"see {self.workdir / 'supervisord.log'}"
                )
            with contextlib.suppress(OSError, xmlrpc.client.Fault):
                if self.rpc.supervisor.getState()["statename"] == "RUNNING":
                    return self
            time.sleep(0.1)
        raise StackError(f"supervisord did not answer within {timeout} s")

    @property
    def rpc(self):
        transport = SupervisorTransport(
            None, None, f"unix://{self.workdir / 'supervisor.sock'}"
        )
        return xmlrpc.client.ServerProxy("http://127.0.0.1", transport=transport)

    def start_program(self, name):
        self.rpc.supervisor.startProcess(name, True)

    def stop_program(self, name):
        self.rpc.supervisor.stopProcess(name, True)

    def info(self, name):
        return self.rpc.supervisor.getProcessInfo(name)

    def wait_running(self, name, timeout=60, other_than=None):
        """Wait until the program runs (as another process than other_than's pid)."""
        deadline = time.monotonic() + timeout
        info = {}
        while time.monotonic() < deadline:
            info = self.info(name)
            if info["statename"] == "RUNNING" and info["pid"] != other_than:
                return info
            time.sleep(0.2)
        raise StackError(f"{name} is not running after {timeout} s: {info}")

    def wait(self):
        return self.process.wait()

    def stop(self, timeout=60):
        """Every program, then supervisord itself."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
