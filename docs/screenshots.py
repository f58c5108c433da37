"""Screenshots for the editors' and translators' guides (docs/images/).

Runs against a site started with `make run` (SQLite, the demo accounts admin,
editor, approver and translator, each with its username as password, and no
second factor), in Debian's Chromium driven by Playwright:

    make run PORT=8765 &
    make docs-screenshots PORT=8765

It does what the guides describe, in the admin, as each person would:

0. the editor reads the policy's transparency checklist;
1. the editor signs in (the dashboard), opens the policy, changes how long the
   `_ga` cookie lasts, calls it a major change with a note and submits it for
   approval (the notice period shows, and they make it an exception);
2. the approver finds it on the dashboard, compares it with the live policy and
   approves it;
3. a visitor reads what changed;
4. the translator finds the French policy waiting, translates the new strings
   in the translation editor and publishes them;
5. a visitor reads the French policy.

So it changes the site it runs against: each run publishes a new major version
of the policy, in English and French. Run it on a demo database only (delete
db.sqlite3 before `make run` to start from the seed), never on a real site.
"""

import argparse
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
IMAGES = Path(__file__).resolve().parent / "images"
VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 20_000

# Each run turns the `_ga` duration into the other one, so it can run again.
# (words, in French, in seconds): 13 months of 396 days, 2 years of 365.
NEW_DURATION = {
    "2 years": ("13 months", "13 mois", 34214400),
    "13 months": ("2 years", "2 ans", 63072000),
}
NOTE = "We now keep the Google Analytics cookie _ga for {duration}."
NOTE_FR = "Nous conservons désormais le cookie Google Analytics _ga pendant {duration}."
SOURCE_DURATION = {french: english for english, french in NEW_DURATION.values()}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the site")
    parser.add_argument("--out", type=Path, default=IMAGES, help="where PNGs go")
    return parser.parse_args()


class Run:
    def __init__(self, browser, url, out):
        self.browser = browser
        self.url = url.rstrip("/")
        self.out = out
        self.taken = []

    @contextmanager
    def page(self, locale="en-GB"):
        context = self.browser.new_context(
            base_url=self.url,
            locale=locale,
            timezone_id="Europe/London",
            viewport=VIEWPORT,
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context.new_page()
        finally:
            context.close()

    @contextmanager
    def signed_in(self, username):
        """A demo account signs in through the admin's form (password = username)."""
        with self.page() as page:
            page.goto("/admin/login/")
            page.locator("input[name=username]").fill(username)
            page.locator("input[name=password]").fill(username)
            page.locator("form button[type=submit]").first.click()
            page.wait_for_url(re.compile(r"/admin/$"))
            yield page

    def shoot(self, page, name, full_page=False):
        path = self.out / f"{name}.png"
        page.screenshot(path=path, full_page=full_page, animations="disabled")
        self.taken.append(path)
        sys.stdout.write(f"{path}\n")


def block(scope, name):
    """A block of Wagtail's page editor (a region named by type and title), opened."""
    region = scope.get_by_role("region", name=name, exact=True)
    toggle = region.get_by_role("button", name="Toggle section").first
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    return region


def ga_cookie(page):
    section = block(page, "Section Use of Cookies")
    table = block(section, "Cookie table Google Analytics")
    return block(table, "Cookie _ga")


def ga_duration_field(page):
    return ga_cookie(page).get_by_label("How long it lasts")


def open_policy_editor(page):
    page.goto("/admin/pages/")
    page.get_by_role("link", name="Privacy and Cookies", exact=True).click()
    expect(page.get_by_role("heading", name="Privacy and Cookies")).to_be_visible()


def submit(page, button):
    """A button of the editor's footer, behind its "More actions" arrow."""
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=button, exact=True).click()


def scroll_to(page, locator, above=120):
    """Scrolls the admin's content so that `locator` sits near the top of the screen."""
    locator.scroll_into_view_if_needed()
    page.locator("main").evaluate(f"main => main.scrollBy(0, -{above})")
    page.wait_for_timeout(400)


def center(locator):
    """Scrolls whatever holds `locator` so that it sits in the middle of the screen."""
    locator.evaluate("element => element.scrollIntoView({block: 'center'})")
    locator.page.wait_for_timeout(400)


def editor_reads_the_checklist(run):
    """The policy's Transparency tab: what each language covers, what it lacks."""
    with run.signed_in("editor") as page:
        open_policy_editor(page)
        page.get_by_role("tab", name="Transparency").click()
        expect(
            page.get_by_role("region", name="Transparency checklist")
        ).to_be_visible()
        run.shoot(page, "transparency-checklist-editor")


def editor_submits(run):
    with run.signed_in("editor") as page:
        run.shoot(page, "editor-dashboard")

        open_policy_editor(page)
        field = ga_duration_field(page)
        old = field.input_value()
        if old not in NEW_DURATION:
            sys.exit(f"The _ga cookie lasts {old!r}: start from a fresh make run.")
        duration, duration_fr, seconds = NEW_DURATION[old]
        scroll_to(page, page.get_by_role("region", name="Cookie _ga", exact=True))
        run.shoot(page, "policy-editor-cookie-table")

        field.fill(duration)
        ga_cookie(page).get_by_label("Lifetime in seconds").fill(str(seconds))
        page.get_by_role("radio", name=re.compile("^Major change")).check()
        note = NOTE.format(duration=duration)
        page.get_by_role("textbox", name="Change note", exact=True).fill(note)
        scroll_to(page, page.get_by_text("What kind of change is this?").first)
        run.shoot(page, "policy-editor-major-or-minor")

        # Picking "Major change" shows the notice period and sets the go-live
        # date that respects it. The demo's change goes live at once, as an
        # exception, so that the next steps can show it translated and read.
        rule = page.get_by_text(re.compile("^Readers are told of a major change 30"))
        expect(rule).to_be_visible()
        scroll_to(page, rule, above=260)
        run.shoot(page, "policy-editor-notice-period")
        page.get_by_role("checkbox", name="Publish with less notice").check()
        submit(page, "Submit to Policy approval")
        expect(page.get_by_role("status")).to_contain_text("submitted for moderation")
    return note, duration_fr


def approver_approves(run):
    with run.signed_in("approver") as page:
        review = page.get_by_role("region", name="Awaiting your review")
        expect(review).to_be_visible()
        run.shoot(page, "approver-dashboard")

        review.get_by_role("link", name="Privacy and Cookies").first.click()
        page_id = re.search(r"/admin/pages/(\d+)/", page.url).group(1)
        editor_url = page.url

        # What the submitted change changes for readers, then every field.
        page.goto(f"/admin/pages/{page_id}/revisions/compare/live...latest/")
        expect(
            page.get_by_role("heading", name="What changes for readers")
        ).to_be_visible()
        run.shoot(page, "admin-comparison")

        page.goto(editor_url)
        submit(page, "Approve and Publish")
        # The exception to the notice period is the approver's to confirm too.
        held_back = page.get_by_text("takes effect as soon as it is published")
        published = page.get_by_role("status").get_by_text("Approved:")
        expect(held_back.or_(published).first).to_be_visible()
        if held_back.is_visible():
            page.get_by_role("checkbox", name="Publish with less notice").check()
            submit(page, "Approve and Publish")
        expect(published).to_be_visible()


def visitor_compares(run):
    with run.page() as page:
        page.goto("/en/privacy-and-cookies/history/")
        page.get_by_role("link", name=re.compile("^What changed on")).first.click()
        changed = page.locator("ins").first
        expect(changed).to_be_visible()
        center(changed)
        run.shoot(page, "visitors-comparison")


def translator_translates(run, note, duration_fr):
    with run.signed_in("translator") as page:
        waiting = page.get_by_role("region", name="Traductions à mettre à jour")
        expect(waiting).to_be_visible()
        run.shoot(page, "translator-dashboard")

        waiting.get_by_role("link", name="Confidentialité et Cookies").click()
        translate(page, note, NOTE_FR.format(duration=duration_fr))
        # The new duration, waiting, labelled with where it sits in the policy.
        duration = SOURCE_DURATION[duration_fr]
        center(string_segment(page, duration))
        run.shoot(page, "translation-editor")
        translate(page, duration, duration_fr)

        page.get_by_role("button", name=re.compile(r"^Publier")).click()
        # The editor's other status region counts the strings left to translate.
        expect(page.get_by_role("status").get_by_text("a été publié")).to_be_visible()


def string_segment(page, source):
    """The item of the translation editor where `source` is translated."""
    shows_source = page.get_by_text(source, exact=True)
    items = page.get_by_role("listitem").filter(has=shows_source)
    return items.filter(has_not=page.get_by_role("listitem").filter(has=shows_source))


def translate(page, source, translation):
    """Translates `source`, unless the editor already has it from an earlier run."""
    segment = string_segment(page, source)
    if segment.get_by_role("button", name="Traduire").count() == 0:
        return
    segment.get_by_role("button", name="Traduire").click()
    segment.get_by_role("textbox").fill(translation)
    segment.get_by_role("button", name="Enregistrer").click()
    expect(segment).to_contain_text("Traduit manuellement")


def french_reader(run):
    with run.page("fr-FR") as page:
        page.goto("/fr/confidentialite-et-cookies/")
        run.shoot(page, "french-policy")


def main():
    args = parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        # Chromium refuses its sandbox to root (the browser tests run it so too).
        sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", *sandbox]
        )
        expect.set_options(timeout=TIMEOUT_MS)
        run = Run(browser, args.url, args.out)
        try:
            editor_reads_the_checklist(run)
            note, duration_fr = editor_submits(run)
            approver_approves(run)
            visitor_compares(run)
            translator_translates(run, note, duration_fr)
            french_reader(run)
        finally:
            browser.close()
    sys.stdout.write(f"{len(run.taken)} screenshots in {args.out}\n")


if __name__ == "__main__":
    main()
