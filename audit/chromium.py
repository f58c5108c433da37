"""Driving Chromium needs Playwright, which only a server that runs the audit installs.

Playwright is imported when an audit runs, not with the audit's modules: the
site (whose admin shows the audit's reports) serves without it, and only a
server that runs the audit installs it, with the project's `audit` extra.
"""


class ChromiumUnavailable(Exception):
    """Chromium is not installed where the settings say, would not start, or
    cannot be driven (Playwright is not installed)."""


PLAYWRIGHT_MISSING = (
    "Playwright, with which the audit drives Chromium, is not installed. Install "
    "the project with its audit extra: pip install 'dmj-privacy[audit]' (in a "
    "checkout: pip install -e '.[audit]', which make install does)."
)


def playwright_sync_api():
    """playwright.sync_api, or ChromiumUnavailable saying how to install it."""
    try:
        from playwright import sync_api
    except ImportError as error:
        raise ChromiumUnavailable(PLAYWRIGHT_MISSING) from error
    return sync_api
