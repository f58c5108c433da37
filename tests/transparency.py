"""What the seeded policy covers of the transparency checklist, read from the 2018 notice.

Written out by hand from the notice's text, for the tests of the coverage,
the API and the admin's panels.
"""

SEED_COVERS = [
    "controller",
    "purposes",
    "recipients",
    "retention",
    "right_access",
    "right_rectification",
    "withdraw_consent",
    "requirement",
    "source",
]
SEED_LACKS = [
    "representative",
    "dpo",
    "lawful_basis",
    "legitimate_interests",
    "transfers",
    "right_erasure",
    "right_restriction",
    "right_objection",
    "right_portability",
    "complaint",
    "automated_decisions",
]
