"""The edge's VCL: deploy/varnish/policy.vcl with its placeholders filled in.

Two kinds of placeholder, each written between at signs in the template:

- the site's facts, which its settings own: LANGUAGES (a regular
  expression of the language codes of settings.LANGUAGES), DEFAULT_LANGUAGE
  (settings.LANGUAGE_CODE, the source language), PAGE_PARAMETERS (the query
  parameters the apps declare their pages read) and TRACKING_PARAMETERS (the
  prefixes caching.middleware drops). The edge must key and normalise
  exactly as the app does, so the VCL never spells them itself: they come
  as an `EdgeFacts`, which `manage.py edge_vcl` computes from the running
  settings (caching/management/commands/edge_vcl.py);
- the deployment's: APP_PORT, APP_HOST (the Host header of health probes,
  one of ALLOWED_HOSTS) and CORS_ORIGINS (a regular expression of
  API_CORS_ALLOWED_ORIGINS).

Rendering needs Python's standard library only; the facts need Django,
which the launchers (deploy/serve.py, deploy/harness.py) do not load: where
no facts are given, `stack_vcl` runs `manage.py edge_vcl` in the stack's
environment.
"""

import dataclasses
import re
import subprocess
import sys

from deploy.stack import (
    DEPLOY_DIR,
    PROJECT_DIR,
    StackError,
    edge_vcl_command,
    probe_host,
)

VCL_TEMPLATE = DEPLOY_DIR / "varnish" / "policy.vcl"
# What the edge's health probe asks the app.
HEALTH_PATH = "/healthz/"

DEPLOYMENT_PLACEHOLDERS = ("@APP_PORT@", "@APP_HOST@", "@CORS_ORIGINS@")

# What may appear in the VCL's strings: a language tag (en, fr, pt-br,
# zh-hans) and a query parameter's name (or a prefix of one) in the
# characters a URL needs no escape for. Anything else is refused rather than
# escaped: a quote would end the VCL's string.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*")
PARAMETER_NAME = re.compile(r"[A-Za-z0-9._~-]+")
# A regular expression that matches nothing: no parameter of that kind.
NOTHING = "(?!)"


@dataclasses.dataclass(frozen=True)
class EdgeFacts:
    """What the edge must know of the site, as its settings say it.

    languages: the codes of settings.LANGUAGES; default_language: the one a
    browser that names none of them gets (settings.LANGUAGE_CODE);
    page_parameters: the query parameters that make a different page;
    tracking_parameters: prefixes of the parameters dropped everywhere.
    """

    languages: tuple
    default_language: str
    page_parameters: tuple
    tracking_parameters: tuple

    def __post_init__(self):
        for code in (*self.languages, self.default_language):
            if not LANGUAGE_CODE.fullmatch(code.lower()):
                raise StackError(f"unexpected language code {code!r}")
        if self.default_language.lower() not in self.languages_lowercase():
            raise StackError(
                f"the default language {self.default_language!r} is not one of "
                f"the languages {', '.join(self.languages)}"
            )
        for name in (*self.page_parameters, *self.tracking_parameters):
            if not PARAMETER_NAME.fullmatch(name):
                raise StackError(f"unexpected query parameter name {name!r}")

    def languages_lowercase(self):
        return sorted({code.lower() for code in self.languages})


def alternatives(values):
    """One regular expression matching any of the values, the longest first
    (so that pt-br wins over pt), or nothing when there is none."""
    values = sorted(set(values), key=lambda value: (-len(value), value))
    return "|".join(re.escape(value) for value in values) or NOTHING


def fill_facts(vcl, facts):
    """The site's facts in the VCL; the deployment's placeholders are left."""
    for placeholder, value in (
        ("@LANGUAGES@", alternatives(facts.languages_lowercase())),
        ("@DEFAULT_LANGUAGE@", facts.default_language.lower()),
        ("@PAGE_PARAMETERS@", alternatives(facts.page_parameters)),
        ("@TRACKING_PARAMETERS@", alternatives(facts.tracking_parameters)),
    ):
        if placeholder not in vcl:
            raise StackError(f"policy.vcl: {placeholder} is missing")
        vcl = vcl.replace(placeholder, value)
    return vcl


def cors_origins_regex(origins):
    """A regular expression matching exactly the API's allowed origins."""
    origins = [o.strip().rstrip("/") for o in (origins or "").split(",") if o.strip()]
    for origin in origins:
        if not re.fullmatch(r"[A-Za-z0-9.:/\[\]-]+", origin):
            raise StackError(f"API_CORS_ALLOWED_ORIGINS: unexpected origin {origin!r}")
    if not origins:
        return NOTHING  # every Origin header is dropped
    return "(?i)^(" + "|".join(re.escape(o) for o in origins) + ")$"


def template_with_facts(facts):
    """policy.vcl with the site's facts, its deployment placeholders left
    (for varnishtest, which fills them with its own ports: make test-edge)."""
    vcl = fill_facts(VCL_TEMPLATE.read_text(), facts)
    check_filled(vcl, allowed=DEPLOYMENT_PLACEHOLDERS)
    return vcl


def render_vcl(
    app_port, facts, app_host="127.0.0.1", cors_origins="", probe_path=HEALTH_PATH
):
    """deploy/varnish/policy.vcl with every placeholder filled in."""
    if not re.fullmatch(r"/[A-Za-z0-9._~/-]*", probe_path):
        raise StackError(f"unexpected probe path {probe_path!r}")
    vcl = fill_facts(VCL_TEMPLATE.read_text(), facts)
    vcl = vcl.replace("@APP_PORT@", str(int(app_port)))
    vcl = vcl.replace("@APP_HOST@", probe_host(app_host))
    vcl = vcl.replace("@CORS_ORIGINS@", cors_origins_regex(cors_origins))
    vcl = vcl.replace(f'.url = "{HEALTH_PATH}";', f'.url = "{probe_path}";')
    check_filled(vcl)
    return vcl


def check_filled(vcl, allowed=()):
    for leftover in re.findall(r"@[A-Z_]+@", vcl):
        if leftover not in allowed:
            raise StackError(f"policy.vcl: {leftover} was not filled in")


def stack_vcl(env, app_port, facts=None, probe_path=HEALTH_PATH, python=None):
    """The VCL of a stack with this environment (its ALLOWED_HOSTS and
    API_CORS_ALLOWED_ORIGINS): rendered here from the facts given, or, for a
    launcher without Django, by `manage.py edge_vcl` under env's settings."""
    app_host = probe_host(env.get("ALLOWED_HOSTS"))
    cors_origins = env.get("API_CORS_ALLOWED_ORIGINS", "")
    if facts is not None:
        return render_vcl(app_port, facts, app_host, cors_origins, probe_path)
    result = subprocess.run(  # noqa: S603
        edge_vcl_command(
            python or sys.executable,
            app_port=app_port,
            app_host=app_host,
            cors_origins=cors_origins,
            probe_path=probe_path,
        ),
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise StackError(
            f"manage.py edge_vcl failed (exit status {result.returncode}): "
            f"{result.stderr.strip()[-2000:]}"
        )
    return result.stdout
