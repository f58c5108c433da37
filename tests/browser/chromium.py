"""What the browser tests share about Chromium: how it starts, how long a step may take,
where screenshots go, and the accessibility check injected into pages."""

from pathlib import Path

from audit.browser import CHROMIUM_ARGS
from tests.services import CHROMIUM

# The cookie audit's options (audit.browser). The tests run Chromium as root,
# which its sandbox refuses (the audit runs it as nobody, sandboxed).
LAUNCH = {"executable_path": CHROMIUM, "args": [*CHROMIUM_ARGS, "--no-sandbox"]}
# Long enough for a slow page while another test process shares the machine's
# CPUs (make test runs one per CPU), short enough that a failing step does not
# hang the run.
TIMEOUT_MS = 30_000
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
# axe-core, installed by `npm ci --prefix tests/browser` (make test does it).
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page):
    """What axe-core finds against WCAG 2.2 AA on the page: one line per rule broken.

    The page must let the script in: a context opened with bypass_csp.
    """
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
    )
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in result["violations"]
    ]
