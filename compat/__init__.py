"""What the site relies on in its libraries beyond what they document.

One module per library: wagtail.py (and treebeard under it), django.py,
axes.py (django-axes), localize.py (wagtail-localize). Each name in them is
one such seam, with what it relies on and which public hook was looked for
first; the rest of the code reaches these seams only through here.
tests/test_compat_*.py run each library for real and fail, naming the seam,
when an upgrade changes what the seam relies on.
"""
