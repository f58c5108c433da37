"""`make bench`: the policy page served by nginx, the edge, the app and a bare Django view."""
