"""What people do in Wagtail's admin, for the browser tests: sign in, open a block."""

from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.users.models import UserProfile

from playwright.sync_api import expect


class Person:
    """Someone with an account, who signs in through the login form."""

    def __init__(self, username, password):
        self.username = username
        self.password = password


def person_in(group_name, username, admin_language="en"):
    """Like tests.roles.user_in, with a password the login form accepts."""
    password = f"{username}-Pa55word!"
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", password
    )
    user.groups.add(Group.objects.get(name=group_name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = admin_language
    profile.save()
    return Person(username, password)


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


def ga_cookie(page):
    section = block(page, "Section Use of Cookies")
    table = block(section, "Cookie table Google Analytics")
    return block(table, "Cookie _ga")


def ga_duration_field(page):
    return ga_cookie(page).get_by_label("How long it lasts")


# 13 months of 396 days, as an editor would write it beside "13 months".
THIRTEEN_MONTHS = 34214400


def change_ga_to_13_months(page):
    """Say in the editor that `_ga` lasts 13 months, in words and in seconds."""
    ga_duration_field(page).fill("13 months")
    ga_cookie(page).get_by_label("Lifetime in seconds").fill(str(THIRTEEN_MONTHS))


def open_action_menu(page):
    """The footer's other actions, behind the arrow next to the main button."""
    page.get_by_role("button", name="More actions").click()


def admin_message(page, text):
    return page.get_by_role("status").get_by_text(text)
