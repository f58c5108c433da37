"""The policy in the JSON API (Wagtail API v2, routed by site/api.py).

`fields` computes the policy page's own fields; `endpoints` serves live,
public pages and the flat list of declared cookies; `errors` makes every error
a JSON message.
"""
