"""What compat/wagtail.py relies on, checked against the installed Wagtail.

Each test runs Wagtail itself on what the seam gives it; when an upgrade
changes the behaviour, the test fails naming the seam and what breaks.
"""

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail import views as wagtail_views
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

import pytest

from compat.wagtail import (
    REWRITTEN_TAG,
    is_preview_request,
    set_parent,
    set_route_for_request,
    site_for_request,
)
from policy import blocks as policy_blocks
from policy.models import PolicyPage

pytestmark = pytest.mark.django_db


def visitor_request(path):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return request


def test_wagtail_route_for_request_is_read_by_wagtail_serve(en_policy):
    # An address that leads nowhere, with the policy's route given beforehand:
    # Wagtail's view must serve the policy without routing again.
    request = visitor_request("/no-such-page/")
    set_route_for_request(request, en_policy.specific.route(request, []))
    unread = (
        "wagtail.views.serve no longer reads request._wagtail_route_for_request: "
        "home/views.serve would route twice, without the remembered tree; see "
        "compat/wagtail.py set_route_for_request"
    )

    try:
        response = wagtail_views.serve(request, "no-such-page/")
    except Http404:
        pytest.fail(unread)

    assert response.context_data["page"] == en_policy, unread


def test_wagtail_site_is_kept_where_find_for_request_looks():
    site = Site.objects.get(is_default_site=True)
    request = visitor_request("/")

    assert site_for_request(request, lambda: site) is site
    with CaptureQueriesContext(connection) as queries:
        found = Site.find_for_request(request)
    assert found is site and not queries.captured_queries, (
        "Site.find_for_request no longer looks in request._wagtail_site first: "
        "every page would look its Site up in the database again; see "
        "compat/wagtail.py site_for_request"
    )

    # And the other way round: a Site Wagtail found already is not looked for again.
    request = visitor_request("/")
    wagtails = Site.find_for_request(request)
    assert site_for_request(request, lambda: pytest.fail("looked up twice")) is (
        wagtails
    ), (
        "Site.find_for_request no longer keeps its answer in request._wagtail_site; "
        "see compat/wagtail.py site_for_request"
    )


def test_wagtail_cached_parent_obj_is_what_get_parent_gives(en_policy):
    page = PolicyPage.objects.get(pk=en_policy.pk)
    parent = Site.objects.get(is_default_site=True).root_page

    set_parent(page, parent)
    with CaptureQueriesContext(connection) as queries:
        found = page.get_parent()

    assert found is parent and not queries.captured_queries, (
        "treebeard's get_parent no longer reads page._cached_parent_obj: each "
        "page served from the remembered tree costs a query for its parent; see "
        "compat/wagtail.py set_parent"
    )


def test_wagtail_deconstruct_aliases_name_blocks_in_migrations():
    body = PolicyPage._meta.get_field("body")
    _name, _path, _args, kwargs = body.deconstruct()
    ours = {
        path
        for path, _block_args, _block_kwargs in kwargs["block_lookup"].values()
        if path.startswith("policy.")
    }
    exported = {f"policy.blocks.{name}" for name in policy_blocks.__all__}

    assert ours and ours <= exported, (
        "Wagtail no longer names blocks in migrations by their module's "
        f"DECONSTRUCT_ALIASES (it writes {sorted(ours - exported)}): moving a "
        "block between modules of policy/blocks/ would need a migration; see "
        "compat/wagtail.py migration_aliases"
    )


def test_wagtail_rewritten_tag_finds_every_tag_expand_db_html_rewrites(en_policy):
    source = (
        f'<p>Read <a linktype="page" id="{en_policy.pk}">the policy</a>, '
        '<a href="https://example.com/">elsewhere</a>, a <b>word</b>, '
        '<a linktype="document" id="0">no document</a> and an image:</p>'
        '<embed embedtype="image" id="0" format="fullwidth" alt="None"/>'
    )
    tags = [match.group(0) for match in REWRITTEN_TAG.finditer(source)]
    one_by_one = REWRITTEN_TAG.sub(lambda match: expand_db_html(match.group(0)), source)

    internal = [tag for tag in tags if "linktype=" in tag or "embedtype=" in tag]
    assert len(internal) == 3 and one_by_one == expand_db_html(source), (
        "expand_db_html rewrites other tags than REWRITTEN_TAG finds "
        f"(found {tags}): the API's rich text would keep Wagtail's internal "
        "markup; see compat/wagtail.py REWRITTEN_TAG"
    )


def test_wagtail_is_dummy_marks_the_preview_request_for_middleware(en_policy):
    """The preview of a page goes through the middleware with the page's public
    address; only is_dummy tells the middleware that the admin frames it."""
    assert not is_preview_request(visitor_request(en_policy.url))

    response = en_policy.specific.make_preview_request()

    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"], (
        "Wagtail's preview request no longer carries request.is_dummy through "
        "the middleware: previews get the public pages' policy "
        "(frame-ancestors 'none') and the admin cannot show them; see "
        "compat/wagtail.py is_preview_request"
    )
