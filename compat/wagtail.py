"""Seams in Wagtail (and treebeard, its page tree): see compat/__init__.py.

tests/test_compat_wagtail.py checks each against the installed Wagtail.
"""

import re

from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG


def set_route_for_request(request, route):
    """Have Wagtail's serve view use `route` (page, args, kwargs) for this request.

    Page.route_for_request keeps its answer in
    `request._wagtail_route_for_request` and looks there first (its
    docstring says so). wagtail.views.serve takes only a path, and the
    before_serve_page and on_serve_page hooks run after the routing: there is
    no public way to hand it a page found otherwise (home/views.serve finds it
    in the remembered tree, caching/site_tree.py).
    """
    request._wagtail_route_for_request = route


def site_for_request(request, find):
    """The Site answering `request`: the one Wagtail found already, else `find()`.

    Site.find_for_request keeps its answer in `request._wagtail_site` and
    looks there first (its docstring says so); what `find()` gives is kept
    there too, so that Wagtail's own lookups during the request (page URLs,
    site settings) cost nothing. Site has no public setter for it.
    """
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = find()
    return request._wagtail_site


def set_parent(page, parent):
    """Make `page.get_parent()` give `parent` without a query.

    treebeard's get_parent keeps its answer in `page._cached_parent_obj` and
    looks there first; Wagtail's own Page.route sets it the same way on the
    child it found. treebeard offers no public setter.
    """
    page._cached_parent_obj = parent


def migration_aliases(package, blocks):
    """{block class: dotted path}, for a blocks module's DECONSTRUCT_ALIASES.

    Block.canonical_module_path (what `deconstruct` writes into migrations)
    looks for a DECONSTRUCT_ALIASES mapping in the block's module, as
    Wagtail's own blocks modules do, so that migrations name a block by the
    package that exports it (`policy.blocks.CookieBlock`) rather than by the
    module it happens to live in. Overriding `deconstruct` alone would not
    do: StreamField migrations deconstruct through canonical_module_path too.
    """
    return {block: f"{package}.{block.__name__}" for block in blocks}


# The tags expand_db_html rewrites: links (<a linktype="page" id="3">) and
# embeds (<embed embedtype="image" …/>), as Wagtail's rewriters find them
# (wagtail.rich_text.rewriters). Wagtail's public API expands a whole text
# only: policy/api_fields.py expands each distinct tag of a page once.
REWRITTEN_TAG = re.compile(f"{FIND_A_TAG.pattern}|{FIND_EMBED_TAG.pattern}")


def is_preview_request(request):
    """Whether `request` is the one Wagtail makes up to render a preview.

    Wagtail sends it through the middleware with `request.is_dummy` set
    ("a flag to let middleware know", PreviewableMixin.make_preview_request).
    `request.is_preview`, which templates are told about, is set only once
    the view is reached: a response given by a middleware would not see it.
    """
    return getattr(request, "is_dummy", False)
