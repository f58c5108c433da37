"""The site runs without Playwright; the cookie audit, without it, says how to install it.

Playwright is the project's `audit` extra (pyproject.toml): a server that
never runs the audit need not have it. Each check starts a new process in
which importing playwright fails, as where it is not installed, reading the
tests' seeded database.
"""

import json

from django.db import connection

from audit.management.commands.audit_cookies import INCOMPLETE
from tests.production import run_with_settings

# Before Django starts: from then on, `import playwright` fails as if it were
# not installed.
WITHOUT_PLAYWRIGHT = """
import sys

class NotInstalled:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "playwright":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)

sys.meta_path.insert(0, NotInstalled())
"""


def without_playwright(code):
    database = connection.settings_dict
    return run_with_settings(
        "test",
        code,
        prelude=WITHOUT_PLAYWRIGHT,
        DATABASE_URL=(
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
    )


def test_the_site_serves_the_policy_without_playwright(db):
    result = without_playwright(
        "import json, sys\n"
        "from django.test import Client\n"
        "response = Client().get('/en/privacy-and-cookies/')\n"
        "print(json.dumps([response.status_code, 'Privacy and Cookies' in "
        "response.content.decode(), 'audit.browser' in sys.modules]))"
    )

    assert result.returncode == 0, result.stderr
    # The admin's audit report, which reads audit.browser, was loaded too.
    assert json.loads(result.stdout) == [200, True, True]


def test_the_audit_says_how_to_install_playwright(db):
    result = without_playwright(
        "from django.core.management import execute_from_command_line\n"
        "execute_from_command_line(['manage.py', 'audit_cookies', "
        "'--allow-private-addresses', 'http://127.0.0.1:9/'])"
    )

    assert result.returncode == INCOMPLETE
    assert result.stderr.startswith(
        "CommandError: Playwright, with which the audit drives Chromium, is not "
        "installed. Install the project with its audit extra: pip install "
        "'dmj-privacy[audit]'"
    )
