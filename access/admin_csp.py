"""The admin's own Content-Security-Policy."""

from django.conf import settings

from csp.middleware import CSPMiddleware

from compat.wagtail import is_preview_request


class AdminContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's own policy
    (settings.ADMIN_CONTENT_SECURITY_POLICY).

    Every other response gets the public pages' strict policy; the admin
    still needs inline styles and one inline script of wagtail-localize, and
    frames its own previews. django-csp is extended the way it says it may
    be: by get_policy_parts.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        # Wagtail renders a preview by sending a request of its own for the
        # page's public address through the middleware: that page is shown
        # inside the admin, in a frame, and takes the admin's policy; the
        # public one (frame-ancestors 'none') would have it refused.
        if not report_only and (
            request.path_info.startswith("/admin/") or is_preview_request(request)
        ):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts
