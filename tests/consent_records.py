"""Consent records as consent.js sends them, for the tests that post records."""

import uuid

from consent.views import script_digest


def a_record(language="en", **fields):
    """A visitor's choice as the banner sends it: the seeded site's first versions
    of the policy and of the banner's texts, the script's digest, and a receipt
    of its own (a receipt sent twice is refused)."""
    return {
        "version": 1,
        "texts": 1,
        "language": language,
        "choices": {"analytics": True},
        "script": script_digest(),
        "receipt": str(uuid.uuid4()),
        **fields,
    }
