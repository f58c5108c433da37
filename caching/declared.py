"""What each installed app declares about its addresses, collected.

The base apps know no other app by name. An app that serves addresses
outside the page tree says so on its AppConfig, and caching, purging and
the language middleware read it from there:

- `shared_paths`: address prefixes whose anonymous GET responses are the
  same for every visitor, kept and revalidated (caching/middleware.py);
- `purged_paths`: addresses (not pages) whose content comes from pages,
  purged from the edge on every change (caching/edge.py); a callable
  attribute is called, for addresses that depend on the language;
- `page_parameters`: the query parameters its public pages read; others
  make no different page (caching/middleware.py and the edge's VCL);
- `language_neutral_paths`: address prefixes that belong to no language
  and always speak the source language (languages/middleware.py);
- `error_response(request, status)`: its own answer to an error raised
  outside its views, or None (home/views.py's error handlers).
"""

import functools

from django.apps import apps


def declared(attribute):
    """Every installed app's `attribute`, joined, in INSTALLED_APPS order."""
    values = []
    for config in apps.get_app_configs():
        value = getattr(config, attribute, ())
        values.extend(value() if callable(value) else value)
    return tuple(values)


@functools.cache
def declared_once(attribute):
    """declared(attribute), for declarations that do not change while the process runs."""
    return declared(attribute)
