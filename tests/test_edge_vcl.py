"""The edge's VCL takes the site's languages and query parameters from its settings.

The edge picks the language of a redirect from Accept-Language and keeps only
the query parameters that make a different page, as the app does: if the two
disagreed, the cache would keep one copy for two answers. `manage.py
edge_vcl` renders deploy/varnish/policy.vcl from the settings, and the
template spells none of those facts itself.
"""

import io
import re
import shutil
import subprocess

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

import pytest

from caching.middleware import TRACKING_PARAMETERS, page_parameters
from deploy.vcl import EdgeFacts, render_vcl

ACCEPT_LANGUAGE = re.compile(r'"\(\?i\)\^\.\*\?\\b\((.*?)\)\\b')
DEFAULT_LANGUAGE = re.compile(r'set req\.http\.Accept-Language = "([^"]*)";')
PAGE_PARAMETERS = re.compile(r'"\(\?<=\[\?&\]\)\(\?!\(\?:(.*?)\)\(\?:=\|&\|\$\)\)')
TRACKING = re.compile(r'"\(\?<=\[\?&\]\)\(\?:(.*?)\)\[\^&=\]\*')

# A browser's header, and the one value the app (and so the edge) keys it as.
NEGOTIATION = [
    ("de-DE,de;q=0.9,en;q=0.5", "de"),
    ("fr-CA,fr;q=0.9", "fr"),
    ("en-GB", "en"),
    ("es-ES,es;q=0.9", "en"),
]


def edge_vcl(*args):
    out = io.StringIO()
    call_command("edge_vcl", *args, stdout=out)
    return out.getvalue()


def alternatives(pattern, vcl):
    """The values of each alternation the pattern finds, unescaped, as sets."""
    found = [
        {re.sub(r"\\(.)", r"\1", value) for value in match.split("|")}
        for match in pattern.findall(vcl)
    ]
    assert found, pattern.pattern
    return found


def test_the_vcl_names_every_language_and_page_parameter_of_the_settings():
    vcl = edge_vcl("--app-port", "8000")

    languages = {code for code, _name in settings.LANGUAGES}
    assert alternatives(ACCEPT_LANGUAGE, vcl) == [languages, languages]
    assert DEFAULT_LANGUAGE.findall(vcl) == [settings.LANGUAGE_CODE]
    assert alternatives(PAGE_PARAMETERS, vcl) == [set(page_parameters())]
    assert page_parameters() >= {"q", "page", "from", "to"}
    assert alternatives(TRACKING, vcl) == [set(TRACKING_PARAMETERS)]
    assert '.port = "8000";' in vcl


VTC = """varnishtest "Accept-Language: one value per language of the settings"

server s1 {
%(expectations)s
} -start

shell {
\tsed -e "s/@APP_PORT@/${s1_port}/" -e "s/@APP_HOST@/127.0.0.1/" \\
\t    -e "s/@CORS_ORIGINS@/(?!)/" -e "/BEGIN probe/,/END probe/d" \\
\t    %(template)s > ${tmpdir}/edge.vcl
}
varnish v1 -cliok "vcl.load edge ${tmpdir}/edge.vcl" -cliok "vcl.use edge" -start

client c1 {
%(requests)s
} -run
"""


def run_varnishtest(tmp_path, template, negotiation):
    """Each header through the rendered VCL in varnishd; the value the app gets."""
    assert shutil.which("varnishtest"), "make test installs varnish"
    (tmp_path / "policy.vcl").write_text(template)
    expectations, requests = [], []
    for number, (header, value) in enumerate(negotiation):
        expectations.append(
            f'\trxreq\n\texpect req.http.Accept-Language == "{value}"\n'
            f'\ttxresp -hdr "Cache-Control: no-store" -body "{value}"'
        )
        requests.append(
            f'\ttxreq -url "/?n={number}" -hdr "Accept-Language: {header}"\n'
            "\trxresp\n\texpect resp.status == 200"
        )
    test = tmp_path / "languages.vtc"
    test.write_text(
        VTC
        % {
            "expectations": "\n".join(expectations),
            "requests": "\n".join(requests),
            "template": tmp_path / "policy.vcl",
        }
    )
    return subprocess.run(  # noqa: S603
        ["varnishtest", "-q", str(test)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@override_settings(
    LANGUAGES=[("en", "English"), ("fr", "Français"), ("de", "Deutsch")],
    WAGTAIL_CONTENT_LANGUAGES=[("en", "English"), ("fr", "French"), ("de", "German")],
)
@pytest.mark.stack
def test_a_language_added_to_the_settings_is_negotiated_by_the_edge(tmp_path):
    template = edge_vcl("--facts-only")

    result = run_varnishtest(tmp_path, template, NEGOTIATION)

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.stack
def test_without_that_language_the_edge_gives_the_source_language(tmp_path):
    template = edge_vcl("--facts-only")

    result = run_varnishtest(tmp_path, template, [(NEGOTIATION[0][0], "en")])

    assert result.returncode == 0, result.stdout + result.stderr


def code(vcl):
    """The VCL without its comments."""
    return "\n".join(
        line for line in vcl.splitlines() if not line.lstrip().startswith("#")
    )


def test_the_template_spells_no_language_nor_parameter_itself():
    """Rendered with other facts, nothing of the settings' own is left."""
    other = EdgeFacts(
        languages=("pt", "pt-br"),
        default_language="pt",
        page_parameters=("sort",),
        tracking_parameters=("ref_",),
    )

    vcl = code(render_vcl(8000, other))

    assert alternatives(ACCEPT_LANGUAGE, vcl) == [{"pt", "pt-br"}, {"pt", "pt-br"}]
    # The longer tag first: pt-BR is pt-br, not pt.
    assert "(pt\\-br|pt)" in vcl
    assert DEFAULT_LANGUAGE.findall(vcl) == ["pt"]
    assert alternatives(PAGE_PARAMETERS, vcl) == [{"sort"}]
    assert alternatives(TRACKING, vcl) == [{"ref_"}]
    for language, _name in settings.LANGUAGES:
        assert not re.search(rf"(?<![\w-]){language}(?![\w-])", vcl), language
    for parameter in (*page_parameters(), *TRACKING_PARAMETERS):
        assert not re.search(rf"[(|:]{re.escape(parameter)}[|)]", vcl), parameter
