"""`make bench`: how fast the French policy page comes, from each layer, on this machine.

A benchmark, not a test: it prints figures and never fails on them. In one run
it measures, with `wrk -t2 -c32 -d8s --latency` after a 2-second warm-up:

  a. nginx serving the page's HTML as a static file (the bytes the stack served)
  b. the page through the edge (Varnish), a cache hit
  c. the app alone (gunicorn, 2 workers) with its response cache warm
  d. the app alone with its response cache off (PUBLIC_RESPONSE_CACHE=off)
  e. the API detail of the French policy, app alone, cache off
  f. the search /fr/recherche/?q=cookies, app alone, cache off
  g. a bare Django view returning the bytes of (a), gunicorn with 2 workers
  h. the page through the edge with a bogus session cookie (sessionid=bogus)

and prints each as a share of (a), with three goals: the edge hit at least half
as fast as static, the warm app at least half as fast as the bare view, and
the edge with the bogus cookie at least half as fast as without it.

It uses its own database (dmj_bench, created and seeded if missing; or
BENCH_DATABASE_URL), Redis database 2 (BENCH_REDIS_URL) and free ports, so it
runs beside `make serve`; it starts and stops everything itself.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from deploy.harness import Stack
from deploy.serve import prepare
from deploy.stack import DEPLOY_DIR, StackError, free_port, http_get

PAGE_PATH = "/fr/confidentialite-et-cookies/"
SEARCH_PATH = "/fr/recherche/?q=cookies"
WRK = ["wrk", "-t2", "-c32", "-d8s", "--latency"]
WARM_UP = ["wrk", "-t2", "-c32", "-d2s"]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/dmj_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/2"


def say(line=""):
    """One line of the report."""
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


@dataclass
class Result:
    label: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    problems: str = ""


def milliseconds(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse_wrk(output):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    problems = []
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        problems.append(f"{non_2xx.group(1)} non-2xx/3xx responses")
    errors = re.search(r"Socket errors:\s+(.*)", output)
    if errors:
        problems.append(f"socket errors: {errors.group(1)}")
    return rps, p50, p99, "; ".join(problems)


def measure(label, url, headers=()):
    """A warm-up, then the measured run."""
    options = [option for header in headers for option in ("-H", header)]
    subprocess.run(WARM_UP + options + [url], capture_output=True, check=True)  # noqa: S603
    output = subprocess.run(  # noqa: S603
        WRK + options + [url], capture_output=True, text=True, check=True
    ).stdout
    result = Result(label, *parse_wrk(output))
    say(f"  measured {label}: {result.requests_per_second:,.0f} req/s")
    return result


def start_nginx(workdir, page):
    """nginx on a free port serving the page at its address, from deploy/bench/nginx.conf."""
    prefix = workdir / "nginx"
    root = workdir / "www"
    target = root / PAGE_PATH.strip("/") / "index.html"
    target.parent.mkdir(parents=True)
    target.write_bytes(page)
    # nginx's workers run as nobody when it is started as root.
    for path in (workdir, root, *target.parents):
        if path.is_relative_to(workdir):
            path.chmod(0o755)
    target.chmod(0o644)
    prefix.mkdir()
    port = free_port()
    config = (DEPLOY_DIR / "bench" / "nginx.conf").read_text()
    for name, value in (("PORT", port), ("ROOT", root), ("PREFIX", prefix)):
        config = config.replace(f"@{name}@", str(value))
    (prefix / "nginx.conf").write_text(config)
    process = subprocess.Popen(  # noqa: S603
        [  # noqa: S607
            "nginx",
            "-c",
            str(prefix / "nginx.conf"),
            "-p",
            str(prefix),
            "-e",
            str(prefix / "error.log"),
        ],
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StackError(f"nginx stopped (see {prefix / 'error.log'})")
        try:
            status, _, body = http_get(port, PAGE_PATH)
        except OSError:
            time.sleep(0.1)
            continue
        if status != 200 or body != page:
            raise StackError(f"nginx answered {status} for {PAGE_PATH}")
        return process, port
    raise StackError("nginx did not answer")


def api_detail_path(stack):
    import json

    status, _, body = http_get(
        stack.app_port, "/api/v2/pages/?locale=fr&type=policy.PolicyPage"
    )
    items = json.loads(body)["items"] if status == 200 else []
    if not items:
        raise StackError(f"no French policy in the API ({status})")
    return f"/api/v2/pages/{items[0]['id']}/"


def check_tools():
    missing = [tool for tool in ("wrk", "nginx", "varnishd") if not shutil.which(tool)]
    if missing:
        raise StackError(
            f"missing: {', '.join(missing)} (apt-get install -y wrk nginx varnish varnish-modules)"
        )


def report(results, page_size, edge_status):
    static = results[0].requests_per_second
    say()
    say(
        f"French policy page {PAGE_PATH}: {page_size:,} bytes of HTML; "
        f"{' '.join(WRK[1:])}, after a {WARM_UP[-1][2:]} warm-up"
    )
    say(
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the end "
        "(wrk runs on the same machine)"
    )
    say()
    say(f"{'':54}{'req/s':>10}{'p50':>10}{'p99':>10}{'of static':>11}")
    for result in results:
        say(
            f"{result.label:54}{result.requests_per_second:>10,.0f}"
            f"{result.p50_ms:>8.2f}ms{result.p99_ms:>8.2f}ms"
            f"{result.requests_per_second / static:>10.0%}"
        )
        if result.problems:
            say(f"{'':6}({result.problems})")
    if edge_status != "HIT":
        say()
        say(
            f"Note: the edge answered {edge_status} for the page: the app does not "
            "mark it public yet, so (b) measured the app through the edge."
        )
    say()
    say("Goals (figures, never a failure):")
    by_letter = {r.label[0]: r.requests_per_second for r in results}
    for text, ratio in (
        ("edge hit (b) >= 50% of static (a)", by_letter["b"] / by_letter["a"]),
        (
            "warm app (c) >= 50% of the bare Django view (g)",
            by_letter["c"] / by_letter["g"],
        ),
        (
            "edge with a bogus session (h) >= 50% of (b)",
            by_letter["h"] / by_letter["b"],
        ),
    ):
        say(f"  {text:50} {ratio:>5.0%}  {'met' if ratio >= 0.5 else 'not met'}")


def main():
    check_tools()
    workdir = Path(tempfile.mkdtemp(prefix="dmj-bench-"))
    # varnishd and nginx drop their privileges when started as root.
    workdir.chmod(0o755)
    log = workdir / "bench.log"
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        "CACHE_KEY_PREFIX": "dmj-bench",
        "SECRET_KEY": os.urandom(32).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": "http://localhost",
        "WEB_CONCURRENCY": "2",
        # Plain HTTP on this machine, as make serve.
        "TLS_TERMINATED_BY_PROXY": "on",
    }
    stacks = []
    nginx = None
    ok = False
    try:
        say(f"Preparing {env['DATABASE_URL'].rsplit('/', 1)[-1]} (log: {log})")
        with open(log, "a") as out:
            prepare(env, stdout=out)

        say("Starting the stack, a second app with its cache off, the bare view, nginx")
        edge = Stack(
            port=free_port(),
            app_port=free_port(),
            env=env,
            output=log,
            workdir=workdir / "stack",
        )
        stacks.append(edge)
        edge.start()
        status, _, page = http_get(edge.port, PAGE_PATH)
        if status != 200:
            raise StackError(f"{PAGE_PATH} answered {status} through the edge")
        page_file = workdir / "page.html"
        page_file.write_bytes(page)
        api_path = api_detail_path(edge)

        uncached = Stack(
            app_port=free_port(),
            env={**env, "PUBLIC_RESPONSE_CACHE": "off"},
            output=log,
            workdir=workdir / "uncached",
        )
        stacks.append(uncached)
        uncached.start_app()

        bare = Stack(
            app_port=free_port(),
            env={
                **env,
                "DJANGO_SETTINGS_MODULE": "deploy.bench.settings",
                "BENCH_PAGE_FILE": str(page_file),
            },
            wsgi_app="deploy.bench.wsgi:application",
            probe_path="/",
            output=log,
            workdir=workdir / "bare",
        )
        stacks.append(bare)
        bare.start_app()

        nginx, nginx_port = start_nginx(workdir, page)

        results = [
            measure(
                "a. nginx, the page as a static file",
                f"http://127.0.0.1:{nginx_port}{PAGE_PATH}",
            )
        ]
        results.append(measure("b. through the edge (Varnish)", edge.url(PAGE_PATH)))
        edge_status = http_get(edge.port, PAGE_PATH)[1].get("X-Cache", "?")
        results[-1].label = f"b. through the edge (Varnish), {edge_status}"
        results.append(
            measure("c. app alone (gunicorn), cache warm", edge.app_url(PAGE_PATH))
        )
        results.append(
            measure("d. app alone, response cache off", uncached.app_url(PAGE_PATH))
        )
        results.append(
            measure(f"e. API detail {api_path}, cache off", uncached.app_url(api_path))
        )
        results.append(
            measure(
                f"f. search {SEARCH_PATH}, cache off", uncached.app_url(SEARCH_PATH)
            )
        )
        results.append(
            measure("g. bare Django view, same bytes (gunicorn)", bare.app_url("/"))
        )
        results.append(
            measure(
                "h. through the edge, Cookie: sessionid=bogus",
                edge.url(PAGE_PATH),
                headers=["Cookie: sessionid=bogus"],
            )
        )
        report(results, len(page), edge_status)
        ok = True
        return 0
    except (StackError, subprocess.CalledProcessError) as error:
        say(f"The benchmark could not run: {error}")
        say(f"Logs are kept in {workdir}")
        return 1
    finally:
        if nginx is not None and nginx.poll() is None:
            nginx.terminate()
            nginx.wait(10)
        for stack in reversed(stacks):
            stack.stop()
        if ok:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
