"""The JSON API's addresses: Wagtail API v2 at /api/v2/.

The endpoints live with the content they serve (policy/api/).
"""

from wagtail.api.v2.router import WagtailAPIRouter

from policy.api.endpoints import CookieDeclarationsEndpoint, PublicPagesEndpoint

api_router = WagtailAPIRouter("wagtailapi")
# Pages first: the router links a page to the first endpoint serving its model.
api_router.register_endpoint("pages", PublicPagesEndpoint)
api_router.register_endpoint("cookies", CookieDeclarationsEndpoint)
