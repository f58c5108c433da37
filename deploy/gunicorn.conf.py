"""gunicorn's settings: the app on 127.0.0.1, behind the edge cache (deploy/varnish/policy.vcl).

    gunicorn -c deploy/gunicorn.conf.py

reads from the environment:
  APP_BIND          address to listen on (default 127.0.0.1:$APP_PORT)
  APP_PORT          port on 127.0.0.1 (default 8000)
  WEB_CONCURRENCY   number of worker processes (default 2)
  GUNICORN_ACCESS_LOG  where the access log goes: "-" (stdout, the default),
                    a file, or "off"
"""

import os

# config.wsgi uses config.settings.production unless DJANGO_SETTINGS_MODULE says otherwise.
wsgi_app = "config.wsgi:application"

bind = os.environ.get("APP_BIND") or f"127.0.0.1:{os.environ.get('APP_PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Synchronous workers: the edge reads each response at once and holds slow
# visitors itself, so a worker is never kept waiting on a client.
worker_class = "sync"
# A worker stuck for 30 s is replaced; the edge waits 40 s for a first byte.
timeout = 30
graceful_timeout = 20
keepalive = 5
# After a crash of the master (SIGKILL, out of memory), its workers serve on
# until they notice, up to half the timeout: the new master shares the port
# with them (SO_REUSEPORT) instead of failing to bind until they are gone.
reuse_port = True
# Workers are renewed now and then, so that a slow leak never grows for long;
# not too often: a new worker loads Django and Wagtail again (a second or more),
# and answering from the cache a worker serves thousands of requests a second.
max_requests = 200_000
max_requests_jitter = 20_000
# Heartbeat files in memory, not on a disk that may stall.
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# Only the edge on this machine may say which address a request came from and
# whether it came over HTTPS, and only with X-Forwarded-For and
# X-Forwarded-Proto (the edge removes the other forms); never SCRIPT_NAME.
forwarded_allow_ips = "127.0.0.1"
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
forwarder_headers = ""

# No control socket: its default path (~/.gunicorn/gunicorn.ctl) would be shared
# by every gunicorn of this user (make serve, make bench, the tests).
control_socket_disable = True

_access_log = os.environ.get("GUNICORN_ACCESS_LOG", "-")
accesslog = None if _access_log == "off" else _access_log
errorlog = "-"
loglevel = "info"
# The visitor's address comes from the edge (X-Forwarded-For); duration in ms.
access_log_format = '%({x-forwarded-for}i)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
proc_name = "dmj-policy"
