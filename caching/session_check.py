"""What the edge asks before serving a request that carries a session cookie.

A `sessionid` cookie does not make a visitor signed in: it may be expired,
forged, or left from an earlier visit. The edge (deploy/varnish/policy.vcl,
`edge_session`) asks this view once per cookie value whether the session
holds anything (a signed-in user, a password given for a protected page),
keeps the answer, and serves visitors whose session holds nothing from its
cache like anyone else. Only sessions in use reach the app.

The session is read without touching `request.session`, so that Django
neither varies the answer on Cookie nor deletes the visitor's cookie.
"""

from importlib import import_module

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

SESSION_HEADER = "X-Session"
# How long the edge keeps each answer. A session that holds nothing now and
# something later has a new key (Django cycles it on sign-in), so "none" may
# be kept longer; "in-use" only sends requests to the app.
KEEP_NONE = 600
KEEP_IN_USE = 60


def session_in_use(session_key):
    if not session_key:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    return bool(store.load())


@require_GET
def session_check(request):
    in_use = session_in_use(request.COOKIES.get(settings.SESSION_COOKIE_NAME))
    response = HttpResponse(b"", content_type="text/plain")
    response[SESSION_HEADER] = "in-use" if in_use else "none"
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=KEEP_IN_USE if in_use else KEEP_NONE
    )
    return response
