"""What the browser kept against what the policy declares.

Pure functions over plain data, so that the rules can be read and tested
without a browser: a cookie seen is a dict with its name, domain, path,
lifetime (seconds, None until the browser closes), party and the address
audited; a storage key seen, with its name, kind (localStorage or
sessionStorage), origin and party; each with the consent state it was seen in
(audit.states). A row declared is a row of the policy's cookie tables, a
cookie or a storage key by its `kind`.
"""

import re

from policy.durations import DAY, SESSION, parse_duration

COOKIE = "cookie"
NECESSARY = "necessary"
# The consent states in which only strictly necessary storage may be set (audit.states).
WITHOUT_CONSENT = ("none", "refused")

# Chromium keeps no cookie longer than 400 days, whatever the site asks (as
# every current browser does): a declared "2 years" is seen as 400 days.
BROWSER_LONGEST_LIFETIME = 400 * DAY
# A lifetime counts as "much different" beyond half as long again, or
# two thirds as long: 13 months against 400 days is the same, 1 day against
# 1 minute is not.
LIFETIME_TOLERANCE = 1.5

# One part of an id: letters and digits with at least one digit (951418, 39, G2QZ4).
_ID_PART = r"[A-Za-z0-9]*[0-9][A-Za-z0-9]*"
_ID_SUFFIX = rf"{_ID_PART}(?:[_-]{_ID_PART})*"
_NAME_WITH_ID = re.compile(rf"^(.*?[A-Za-z].*?[_-])({_ID_SUFFIX})$")


def name_pattern(declared_name):
    """The names a declared name stands for, as a regular expression.

    - A `*` stands for any characters: `_hjSession_*`.
    - A name that ends in an id (after its last `_` or `-`, parts that each
      carry a digit, as Google's `_gat_gtag_UA_951418_39`) stands for the same
      name with any id: the id is the site's own account number, which the
      policy's editors copied from their browser.
    - Any other name stands for itself only.
    """
    if "*" in declared_name:
        parts = (re.escape(part) for part in declared_name.split("*"))
        return re.compile("^" + ".+".join(parts) + "$")
    with_id = _NAME_WITH_ID.match(declared_name)
    if with_id:
        return re.compile(f"^{re.escape(with_id.group(1))}{_ID_SUFFIX}$")
    return re.compile(f"^{re.escape(declared_name)}$")


def party(cookie_domain, page_host):
    """'first' when the cookie belongs to the audited page's site, else 'third'.

    The page's host and the cookie's domain are the same site when one is the
    other or a subdomain of it (www.example.com and .example.com).
    """
    domain = cookie_domain.lstrip(".").lower()
    host = page_host.lower()
    same = domain == host or host.endswith("." + domain) or domain.endswith("." + host)
    return "first" if same else "third"


def lifetimes_differ(declared_duration, seen_lifetime, max_age_seconds=None):
    """True when the declared lifetime and what the browser kept are plainly different.

    The declared lifetime is the row's number (`max_age_seconds`) when it
    has one, else what its duration in words says. `seen_lifetime` is in
    seconds, None for a cookie deleted when the browser closes. A duration
    that cannot be read, without a number, makes no claim: False.
    """
    if max_age_seconds is not None:
        declared = max_age_seconds
    else:
        declared = parse_duration(declared_duration)
    if declared is None:
        return False
    if declared == SESSION or seen_lifetime is None:
        return not (declared == SESSION and seen_lifetime is None)
    declared = min(declared, BROWSER_LONGEST_LIFETIME)
    longer, shorter = max(declared, seen_lifetime), min(declared, seen_lifetime)
    return shorter <= 0 or longer / shorter > LIFETIME_TOLERANCE


def kind_of(item):
    """A row's or a thing seen's kind; findings stored before kinds hold cookies only."""
    return item.get("kind", COOKIE)


def _named(item, declared):
    """Among `declared`, the row that names `item`: an exact name first, then
    patterns; among those, one that agrees on the party."""
    exact = [row for row in declared if row["name"] == item["name"]]
    candidates = exact or [
        row for row in declared if name_pattern(row["name"]).match(item["name"])
    ]
    for row in candidates:
        if row["party"] == item["party"]:
            return row
    return candidates[0] if candidates else None


def _declaration_for(item, declared):
    """The declared row a cookie or storage key seen answers to: one of its
    kind, else (declared as the wrong kind) one of another kind."""
    return _named(
        item, [row for row in declared if kind_of(row) == kind_of(item)]
    ) or _named(item, [row for row in declared if kind_of(row) != kind_of(item)])


def compare(declared, seen):
    """The three findings: set but not declared, declared but not seen, declared differently."""
    undeclared, differently = [], []
    seen_declarations = set()
    for item in seen:
        row = _declaration_for(item, declared)
        if row is None:
            undeclared.append(item)
            continue
        seen_declarations.add(row["id"])
        differences = []
        if kind_of(row) != kind_of(item):
            differences.append("kind")
        if row["party"] != item["party"]:
            differences.append("party")
        if kind_of(item) == COOKIE and lifetimes_differ(
            row["duration"], item["lifetime"], row.get("maxAgeSeconds")
        ):
            differences.append("lifetime")
        if differences:
            differently.append(
                {
                    **item,
                    "declared_name": row["name"],
                    "declared_kind": kind_of(row),
                    "declared_party": row["party"],
                    "declared_duration": row["duration"],
                    "declared_max_age_seconds": row.get("maxAgeSeconds"),
                    "differences": differences,
                }
            )
    not_seen = [row for row in declared if row["id"] not in seen_declarations]
    return {"undeclared": undeclared, "not_seen": not_seen, "differently": differently}


def consent_signal(gcs):
    """What a Google tag's `gcs` says, as {ad_storage: granted | denied | None, analytics_storage: ...}.

    `gcs` is G1 and a digit each for ad_storage and analytics_storage: 1
    granted, 0 denied, - not set. Anything else says nothing: None.
    """
    if not isinstance(gcs, str) or not re.fullmatch(r"G1[01-]{2}", gcs):
        return None
    words = {"1": "granted", "0": "denied", "-": None}
    return {"ad_storage": words[gcs[2]], "analytics_storage": words[gcs[3]]}


def breaches(declared, seen, signals, exempt=()):
    """What a page showing the consent banner set without consent: before any
    choice, or after everything was refused.

    Only strictly necessary cookies and storage keys may be: those the policy
    declares in the necessary category, and the banner's own cookie (its name
    in `exempt`), which keeps the visitor's choice. Anything else, declared in
    another category or not declared at all, is a breach; so is a Google
    tag's request saying consent was granted (gcs).
    """
    found = []
    for item in seen:
        if item["state"] not in WITHOUT_CONSENT:
            continue
        if kind_of(item) == COOKIE and item["name"] in exempt:
            continue
        row = _declaration_for(item, declared)
        if row is not None and row.get("category") == NECESSARY:
            continue
        found.append(
            {
                **item,
                "kind": kind_of(item),
                "category": row and row.get("category"),
                "declared_name": row and row["name"],
            }
        )
    for signal in signals:
        said = consent_signal(signal["gcs"])
        if signal["state"] in WITHOUT_CONSENT and said and "granted" in said.values():
            found.append({**signal, "kind": "signal", "name": signal["host"]})
    return sorted(
        found, key=lambda item: (WITHOUT_CONSENT.index(item["state"]), item["url"])
    )
