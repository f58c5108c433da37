"""The admin's own Content-Security-Policy."""

from django.conf import settings


class AdminContentSecurityPolicyMiddleware:
    """The Wagtail admin's Content-Security-Policy (settings.ADMIN_CONTENT_SECURITY_POLICY).

    django-csp gives every response the public pages' strict policy; the
    admin still needs inline styles and one inline script of wagtail-localize,
    and frames its own previews.
    Place it below django-csp's middleware, which reads what this one sets.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Wagtail renders a preview by sending a request of its own for the
        # page's public address through the middleware (is_dummy): that page
        # is shown inside the admin, in a frame, and takes the admin's policy;
        # the public one (frame-ancestors 'none') would have it refused.
        if request.path_info.startswith("/admin/") or getattr(
            request, "is_dummy", False
        ):
            response._csp_config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return response
