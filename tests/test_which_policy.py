"""The footer, the consent banner, the cookies API and the cookie audit show the same policy.

One rule says which page is "the policy" in a language (policy/managers.py):
live, open to everyone, below the site's root page in that language, on the
site being read. A policy behind a password, unpublished, in the other
language or on another site is nobody's.
"""

from urllib.parse import urlsplit

from wagtail.models import Page, PageViewRestriction, Site

import pytest

from audit.declarations import live_policy
from home.models import HomePage
from policy.models import PolicyPage
from tests.pages import french_policy, soup
from tests.responses import config_of

EN = "/en/privacy-and-cookies/"
FR = "/fr/confidentialite-et-cookies/"
OTHER_HOST = "other.example"


def found_by_readers(client, language, host="testserver"):
    """The address of the policy each public reader shows in `language` on `host`, or None."""
    consent = config_of(client.get("/consent.js", HTTP_HOST=host))["languages"]
    api = client.get(f"/api/v2/cookies/?locale={language}", HTTP_HOST=host)
    footer = soup(client.get(f"/{language}/", HTTP_HOST=host)).select_one("footer a")
    return {
        "consent banner": language in consent
        and urlsplit(consent[language]["policy_url"]).path,
        "cookies API": api.status_code == 200
        and urlsplit(api.json()["meta"]["policy"]["html_url"]).path,
        "footer": footer is not None and footer["href"],
    }


def found_by_audit():
    """The address of the policy the cookie audit compares with (English, the default site)."""
    policy = live_policy()
    return policy is not None and urlsplit(policy.get_full_url()).path


def everyone_finds(address, client, language):
    return found_by_readers(client, language) == dict.fromkeys(
        ["consent banner", "cookies API", "footer"], address
    )


def test_everyone_finds_the_published_policy_in_each_language(client, db):
    assert everyone_finds(EN, client, "en")
    assert everyone_finds(FR, client, "fr")
    assert found_by_audit() == EN


def test_nobody_finds_a_policy_behind_a_password(client, en_policy):
    PageViewRestriction.objects.create(
        page=en_policy, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )

    assert everyone_finds(False, client, "en")
    assert found_by_audit() is False
    assert everyone_finds(FR, client, "fr")


def test_nobody_finds_a_policy_below_a_page_behind_a_password(client, en_policy):
    PageViewRestriction.objects.create(
        page=en_policy.get_parent(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="s3cret",
    )

    assert everyone_finds(False, client, "en")
    assert found_by_audit() is False


def test_nobody_finds_an_unpublished_policy(client, en_policy):
    en_policy.unpublish()

    assert everyone_finds(False, client, "en")
    assert found_by_audit() is False


def test_the_policy_in_the_other_language_stands_in_for_none(client, db):
    # Without a French policy, French readers get none: not the English one.
    french_policy().unpublish()

    assert everyone_finds(False, client, "fr")
    assert everyone_finds(EN, client, "en")
    assert found_by_audit() == EN


@pytest.fixture
def other_site(settings, en_policy):
    """A second site with an English home page and a policy of its own."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    home = Page.get_first_root_node().add_child(
        instance=HomePage(
            title="Other home",
            slug="other-home",
            intro="<p>Another site.</p>",
            locale=en_policy.locale,
        )
    )
    home.save_revision().publish()
    policy = home.add_child(
        instance=PolicyPage(
            title="Other policy",
            slug="other-policy",
            locale=home.locale,
            body=en_policy.body.raw_data,
            change_note="First published.",
        )
    )
    policy.save_revision().publish()
    Site.objects.create(hostname=OTHER_HOST, port=80, root_page=home)
    return policy


def test_each_site_s_readers_find_its_own_policy(client, other_site):
    assert found_by_readers(client, "en", OTHER_HOST) == dict.fromkeys(
        ["consent banner", "cookies API", "footer"], "/en/other-policy/"
    )
    assert everyone_finds(EN, client, "en")
    assert found_by_audit() == EN


def test_another_site_s_policy_is_not_this_site_s(client, en_policy, other_site):
    en_policy.unpublish()

    assert everyone_finds(False, client, "en")
    assert found_by_audit() is False
    # The other site has no French root: no French policy there either.
    assert found_by_readers(client, "fr", OTHER_HOST) == dict.fromkeys(
        ["consent banner", "cookies API", "footer"], False
    )
