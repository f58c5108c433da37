"""What people do in Wagtail's admin, for the browser tests: sign in, open a block."""

from contextlib import contextmanager

from playwright.sync_api import expect


@contextmanager
def signed_in(open_page, person):
    """`person` signs in through the admin's login form, in a browser of their own.

    Everyone's browser is in English: the translator's admin must turn French
    because of their account's preferred language, not because of the browser.
    """
    page = open_page("en-GB")
    try:
        page.goto("/admin/")
        page.get_by_label("Username").fill(person.username)
        page.get_by_label("Password").fill(person.password)
        page.get_by_role("button", name="Sign in").click()
        # The account menu at the bottom of the sidebar names whoever is signed in.
        expect(
            page.get_by_role("button", name=person.username, exact=True)
        ).to_be_visible()
        yield page
    finally:
        page.context.close()


def block(scope, name):
    """A StreamField block of Wagtail's page editor, opened if it was collapsed.

    Each block is a region named by its type and title, such as "Cookie _ga".
    """
    region = scope.get_by_role("region", name=name, exact=True)
    # The block's own toggle comes first; those of the blocks inside it follow.
    toggle = region.get_by_role("button", name="Toggle section").first
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    return region
