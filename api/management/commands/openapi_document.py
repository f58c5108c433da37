"""manage.py openapi_document [--output docs/openapi.json]: the API's OpenAPI document.

`make openapi` writes the committed copy with it after the API changed;
tests/test_openapi_document.py fails until it is written again.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from api.docs import document_text


class Command(BaseCommand):
    help = "Write the API's OpenAPI document (to standard output, or to --output)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="the file to write, e.g. docs/openapi.json"
        )

    def handle(self, *args, output=None, **options):
        text = document_text()
        if output is None:
            self.stdout.write(text, ending="")
            return
        Path(output).write_text(text, encoding="utf-8")
        self.stderr.write(f"Wrote {output}.")
