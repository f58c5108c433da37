"""wagtail-localize's admin addresses, built as its own screens build them.

localize's screens and menus link with reverse() of its URL names; tests that
used copies of the addresses would go on passing should a new localize move
them, while its screens went elsewhere. tests/test_localize_guarded_addresses.py
checks that these addresses lead to the guards (translating/guards.py).
"""

from django.urls import reverse


def localize_url(name, *args):
    """The address of wagtail-localize's admin view `name` (without its namespace)."""
    return reverse(f"wagtail_localize:{name}", args=args)
