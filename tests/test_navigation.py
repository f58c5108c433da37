"""The header and footer lead only to the site's own pages that every visitor may open."""

from django.contrib.auth.models import Group

from wagtail.models import Locale, Page, PageViewRestriction, Site

import pytest

from home.models import HomePage
from tests.pages import soup

ENGLISH_POLICY = "/en/privacy-and-cookies/"
FRENCH_POLICY = "/fr/confidentialite-et-cookies/"


def english_home():
    return Site.objects.get(is_default_site=True).root_page.specific


def french_home():
    return english_home().get_translation(Locale.objects.get(language_code="fr"))


def restrict(page, restriction_type):
    """A view restriction on `page`, as an editor sets it in the admin's privacy dialog."""
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=restriction_type,
        password="s3cret" if restriction_type == PageViewRestriction.PASSWORD else "",
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.get(name="Editors"))
    return restriction


def publish_home_page(parent, slug):
    page = parent.add_child(
        instance=HomePage(
            title="Members",
            slug=slug,
            intro="<p>Members only.</p>",
            locale=parent.locale,
        )
    )
    page.save_revision().publish()
    return page


def home_link(client, url):
    return soup(client.get(url)).select_one("a.site-name")["href"]


def language_switcher(client, url):
    return {
        link["lang"]: link["href"]
        for link in soup(client.get(url)).select(".language-switcher a")
    }


def alternates(client, url):
    return {
        link["hreflang"]: link["href"]
        for link in soup(client.get(url)).select("link[rel=alternate][hreflang]")
    }


RESTRICTIONS = [
    PageViewRestriction.PASSWORD,
    PageViewRestriction.LOGIN,
    PageViewRestriction.GROUPS,
]


# The home link ------------------------------------------------------------


def test_home_link_leads_to_the_site_root_in_each_language(client, db):
    assert home_link(client, ENGLISH_POLICY) == "/en/"
    assert home_link(client, FRENCH_POLICY) == "/fr/"
    assert home_link(client, "/fr/") == "/fr/"


def test_another_home_page_at_the_root_of_the_tree_is_not_the_home_link(client, db):
    root = Page.get_first_root_node()
    other = root.add_child(
        instance=HomePage(
            title="Old home",
            slug="old-home",
            intro="<p>Left over.</p>",
            locale=Locale.objects.get(language_code="en"),
        )
    )
    other.save_revision().publish()

    assert home_link(client, ENGLISH_POLICY) == "/en/"
    assert home_link(client, "/en/search/") == "/en/"


@pytest.mark.parametrize("restriction_type", RESTRICTIONS)
def test_a_restricted_home_page_below_the_site_root_is_not_the_home_link(
    client, db, restriction_type
):
    members = publish_home_page(english_home(), "members-area")
    restrict(members, restriction_type)

    response = client.get(ENGLISH_POLICY)

    assert soup(response).select_one("a.site-name")["href"] == "/en/"
    assert "members-area" not in response.content.decode()


# The home page's list of pages ---------------------------------------------


def listed_pages(client, url):
    return [a["href"] for a in soup(client.get(url)).select("main a")]


def test_home_page_lists_its_public_pages(client, db):
    assert listed_pages(client, "/en/") == [ENGLISH_POLICY]


@pytest.mark.parametrize("restriction_type", RESTRICTIONS)
def test_home_page_does_not_list_a_restricted_page(client, db, restriction_type):
    restrict(publish_home_page(english_home(), "members-area"), restriction_type)

    assert listed_pages(client, "/en/") == [ENGLISH_POLICY]


@pytest.mark.parametrize("restriction_type", RESTRICTIONS)
def test_home_page_does_not_list_an_alias_of_a_page_restricted_since(
    client, db, restriction_type
):
    # A page outside the site, an alias of it below the home page, then a
    # restriction on the page: Wagtail stops visitors at the alias too.
    source = publish_home_page(Page.get_first_root_node(), "staff-notices")
    source.create_alias(parent=english_home(), update_slug="staff-notices")
    assert listed_pages(client, "/en/") == [ENGLISH_POLICY, "/en/staff-notices/"]
    restrict(source, restriction_type)
    assert "Members only" not in client.get("/en/staff-notices/").content.decode()

    assert listed_pages(client, "/en/") == [ENGLISH_POLICY]


# The footer's policy link --------------------------------------------------


def test_footer_links_to_the_public_policy(client, db):
    assert soup(client.get("/fr/")).select_one(f"footer a[href='{FRENCH_POLICY}']")


@pytest.mark.parametrize("restriction_type", RESTRICTIONS)
def test_footer_has_no_link_to_a_restricted_policy(client, fr_policy, restriction_type):
    restrict(fr_policy, restriction_type)

    for url in ("/fr/", "/fr/recherche/"):
        footer = soup(client.get(url)).select_one("footer")
        assert FRENCH_POLICY not in str(footer)
    english_footer = soup(client.get("/en/")).select_one("footer")
    assert english_footer.select_one(f"a[href='{ENGLISH_POLICY}']")


# The language switcher -----------------------------------------------------


@pytest.mark.parametrize("restriction_type", RESTRICTIONS)
def test_language_switcher_offers_the_home_page_for_a_restricted_translation(
    client, fr_policy, restriction_type
):
    restrict(fr_policy, restriction_type)

    for url in (ENGLISH_POLICY, f"{ENGLISH_POLICY}history/"):
        assert language_switcher(client, url) == {"en": url, "fr": "/fr/"}
    assert FRENCH_POLICY not in alternates(client, ENGLISH_POLICY).values()
    assert "fr" not in alternates(client, ENGLISH_POLICY)


@pytest.mark.parametrize("restriction_type", RESTRICTIONS)
def test_language_switcher_leaves_out_a_language_whose_home_is_restricted(
    client, db, restriction_type
):
    restrict(french_home(), restriction_type)

    for url in ("/en/", ENGLISH_POLICY, f"{ENGLISH_POLICY}history/"):
        response = client.get(url)
        assert soup(response).select_one(".language-switcher") is None, url
        assert "/fr/confidentialite-et-cookies/" not in response.content.decode()
