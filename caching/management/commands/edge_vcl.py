"""Print the edge's VCL, with what the site's settings say of its languages and query parameters.

The edge (deploy/varnish/policy.vcl) must pick a language and keep or drop
query parameters exactly as the app does, or it would key the cache
differently: these facts belong to the settings and the apps, so the VCL is
rendered from them, here, where they are loaded:

- the languages: settings.LANGUAGES, settings.LANGUAGE_CODE (the source
  language) for a browser that names none of them;
- the parameters that make a different page: what the apps declare
  (`page_parameters`, caching.middleware.page_parameters());
- the tracking parameters dropped everywhere: caching.middleware.TRACKING_PARAMETERS.

    manage.py edge_vcl --app-port 8000 > /run/dmj-policy-edge/policy.vcl

is what the edge's systemd unit runs at each start; `make serve` and the
benchmark run it too, `make test-edge` with --facts-only.
"""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from caching.middleware import TRACKING_PARAMETERS, page_parameters
from deploy.stack import StackError
from deploy.vcl import HEALTH_PATH, EdgeFacts, render_vcl, template_with_facts


def edge_facts():
    """The site's facts for the VCL, from the settings as they are now."""
    return EdgeFacts(
        languages=tuple(code for code, _name in settings.LANGUAGES),
        default_language=settings.LANGUAGE_CODE,
        page_parameters=tuple(sorted(page_parameters())),
        tracking_parameters=tuple(TRACKING_PARAMETERS),
    )


class Command(BaseCommand):
    help = (
        "Print the edge's VCL (deploy/varnish/policy.vcl) for this app port, with "
        "the site's languages and query parameters from the settings."
    )
    # Printing a file needs no database, nor the checks that would reach it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--app-port",
            type=int,
            default=int(os.environ.get("APP_PORT", 8000)),
            help="gunicorn's port on 127.0.0.1 (APP_PORT, 8000 unless set)",
        )
        parser.add_argument(
            "--app-host",
            help="the Host header of the edge's health probes (the first of "
            "ALLOWED_HOSTS unless given)",
        )
        parser.add_argument(
            "--cors-origins",
            help="the origins that may read the API, comma-separated "
            "(API_CORS_ALLOWED_ORIGINS unless given)",
        )
        parser.add_argument(
            "--probe-path",
            default=HEALTH_PATH,
            help=f"what the health probe asks the app ({HEALTH_PATH})",
        )
        parser.add_argument(
            "--facts-only",
            action="store_true",
            help="fill in only the site's facts, leaving @APP_PORT@, @APP_HOST@ "
            "and @CORS_ORIGINS@ (for varnishtest: make test-edge)",
        )

    def handle(self, *args, **options):
        try:
            if options["facts_only"]:
                vcl = template_with_facts(edge_facts())
            else:
                vcl = render_vcl(
                    options["app_port"],
                    edge_facts(),
                    app_host=_or(options["app_host"], ",".join(settings.ALLOWED_HOSTS)),
                    cors_origins=_or(
                        options["cors_origins"], ",".join(settings.CORS_ALLOWED_ORIGINS)
                    ),
                    probe_path=options["probe_path"],
                )
        except StackError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(vcl, ending="")


def _or(given, default):
    return default if given is None else given
