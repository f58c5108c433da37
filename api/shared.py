"""What the API's endpoints share: anonymous JSON over live, public pages.

Every response is the same for every visitor, so that edge caches can keep it:
no authentication, no session, no cookies, no CSRF token, and pages behind a
view restriction never appear, whoever asks. How long a response may be kept,
its ETag and 304s come from caching/middleware.py, like every public page's;
cross-origin reads from django-cors-headers; errors from errors.py. The
endpoints: pages.py (Wagtail's pages endpoint) and cookies.py (every cookie
the policy declares).
"""

from wagtail.api.v2.utils import BadRequestError
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page

from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from caching.site_tree import current_site, on_site, public

# Bounds of ?fields=: far beyond any real request (the policy has a dozen
# fields, two levels deep), far below what exhausts Wagtail's parser.
MAX_FIELDS_LENGTH = 1000
MAX_FIELDS_NESTING = 5


def _nesting(fields):
    """How deep the parentheses of a ?fields= value go."""
    depth = deepest = 0
    for char in fields:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(0, depth - 1)
    return deepest


def public_pages(request):
    """Live pages of the requested site that no view restriction covers.

    Wagtail's own version lets a visitor who passed a page's password or
    login see the page: that would make responses depend on who asks. The
    site, its root pages and the restrictions are remembered (caching/site_tree.py):
    building the queryset costs no query.
    """
    pages = public(Page.objects.live())
    if "site" in request.GET:
        try:
            site = SiteFilterValidator(site=request.GET["site"], request=request)
            site = site.site_obj
        except ValueError as error:
            raise BadRequestError(str(error)) from error
    else:
        site = current_site(request)
    if site is None:
        return pages.none()
    return on_site(pages, site)


class PublicEndpoint:
    """What every endpoint of this API shares: anonymous and JSON only."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = []

    def get_renderer_context(self):
        context = super().get_renderer_context()
        context["indent"] = 4  # as Wagtail's endpoints
        return context

    def handle_exception(self, exc):
        # Straight to the one EXCEPTION_HANDLER (errors.py), past Wagtail's
        # own handling, which leaves some messages empty.
        return APIView.handle_exception(self, exc)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            # PostgreSQL refuses NUL characters in text: say so before any query.
            if any("\x00" in value for value in [name, *values]):
                raise BadRequestError("query parameters cannot contain NUL characters")
        # Wagtail reads ?fields= recursively: a deep nesting would exhaust the
        # stack. The policy's deepest field is two levels down.
        for fields in request.GET.getlist("fields"):
            if len(fields) > MAX_FIELDS_LENGTH or _nesting(fields) > MAX_FIELDS_NESTING:
                raise BadRequestError(
                    f"fields may be at most {MAX_FIELDS_LENGTH} characters long and "
                    f"nested {MAX_FIELDS_NESTING} levels deep"
                )
