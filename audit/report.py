"""An audit's findings, as stored and as the command prints them."""

from django.conf import settings
from django.utils import translation

from .browser import PROBLEMS
from .compare import COOKIE, breaches, compare, consent_signal, kind_of
from .durations import lifetime_text

PARTIES = {"first": "first party", "third": "third party"}
KINDS = {
    COOKIE: "cookie",
    "localStorage": "local storage",
    "sessionStorage": "session storage",
}
WHAT = {
    COOKIE: "cookie",
    "localStorage": "local storage key",
    "sessionStorage": "session storage key",
}
STATES = {
    "none": "before any choice",
    "refused": "after “Reject all”",
    "accepted": "after “Accept all”",
}


def _key(item):
    """What makes a cookie or a storage key the same one, whichever address or state set it."""
    if kind_of(item) == COOKIE:
        return (COOKIE, item["name"], item["domain"], item["path"], item["party"])
    return (item["kind"], item["name"], item["origin"], item["party"])


def seen_items(visits):
    """Every cookie and storage key found, once each, with the addresses and states that set it."""
    seen = {}
    for visit in visits:
        for item in [*visit.cookies, *visit.storage]:
            found = seen.setdefault(
                _key(item),
                {
                    **{k: v for k, v in item.items() if k not in ("url", "state")},
                    "kind": kind_of(item),
                    "urls": [],
                    "states": [],
                },
            )
            if item["url"] not in found["urls"]:
                found["urls"].append(item["url"])
            if item.get("state", "none") not in found["states"]:
                found["states"].append(item.get("state", "none"))
    return sorted(
        seen.values(),
        key=lambda item: (item["name"], item.get("domain", item.get("origin", ""))),
    )


def _state(visit, state):
    """What a page set in one consent state, and why it was not audited if it was not."""
    return {
        **state,
        "cookies": sorted(
            {c["name"] for c in visit.cookies if c["state"] == state["state"]}
        ),
        "storage": [
            {key: item[key] for key in ("name", "kind", "origin")}
            for item in visit.storage
            if item["state"] == state["state"]
        ],
        "signals": [
            {key: signal[key] for key in ("host", "gcs", "gcd")}
            for signal in visit.signals
            if signal["state"] == state["state"]
        ],
    }


def findings_of(visits, declarations, policy_title, policy_url):
    audited = [visit for visit in visits if not visit.problem]
    findings = compare(declarations, seen_items(audited))
    if not audited:
        # Nothing was visited: no declared cookie can be said to be missing.
        findings["not_seen"] = []
    with_banner = [visit for visit in audited if visit.banner]
    return {
        "policy": {"title": policy_title, "url": policy_url},
        "declared_count": len(declarations),
        "pages": [
            {
                "url": visit.url,
                "final_url": visit.final_url,
                "problem": visit.problem,
                "detail": visit.detail,
                "cookie_count": len({_key(c) for c in visit.cookies}),
                "storage_count": len({_key(s) for s in visit.storage}),
                "blocked": visit.blocked,
                "refused": visit.refused,
                "banner": visit.banner,
                "states": [_state(visit, state) for state in visit.states],
            }
            for visit in visits
        ],
        "breaches": breaches(
            declarations,
            [
                item
                for visit in with_banner
                for item in [*visit.cookies, *visit.storage]
            ],
            [signal for visit in with_banner for signal in visit.signals],
            exempt={settings.CONSENT_COOKIE_NAME},
        ),
        **findings,
    }


def failed_count(findings):
    """Addresses not audited, or not in every consent state they have."""
    return sum(
        1
        for page in findings["pages"]
        if page["problem"] or any(s["problem"] for s in page.get("states", []))
    )


def _cookie(cookie):
    return (
        f"{cookie['name']} on {cookie['domain']}{cookie['path']} "
        f"({PARTIES[cookie['party']]}, {lifetime_text(cookie['lifetime'])})"
    )


def _found(item):
    """A cookie or a storage key seen, in a few words."""
    if kind_of(item) == COOKIE:
        return _cookie(item)
    return (
        f"{item['name']} in the {KINDS[item['kind']]} of {item['origin']} "
        f"({PARTIES[item['party']]})"
    )


def _signal(signal):
    said = consent_signal(signal["gcs"])
    words = ""
    if said:
        words = (
            " ("
            + ", ".join(f"{name} {value or 'not set'}" for name, value in said.items())
            + ")"
        )
    return f"gcs={signal['gcs'] or '-'}{words}, gcd={signal['gcd'] or '-'} to {signal['host']}"


def _breach(breach):
    where = f"{STATES[breach['state']]}, {breach['url']}"
    if breach["kind"] == "signal":
        return f"{where} told Google consent was granted: {_signal(breach)}"
    if breach["category"]:
        declared = f"declared as {breach['category']}"
    else:
        declared = "not declared"
    return f"{where} set {_found(breach)}, {declared}"


def text_report(findings):
    """The findings in plain English, one line per address and per cookie."""
    with translation.override("en"):
        return "\n".join(_lines(findings)) + "\n"


def _page_lines(page):
    counts = f"{page['cookie_count']} cookie(s)"
    if page.get("storage_count"):
        counts += f", {page['storage_count']} storage key(s)"
    yield f"{page['url']}: {counts}"
    states = page.get("states", [])
    if page.get("banner"):
        yield "    shows the consent banner: audited in each state"
    for state in states:
        label = f"    {STATES[state['state']]}: " if page.get("banner") else "    "
        if state["problem"]:
            detail = f" ({state['detail']})" if state["detail"] else ""
            yield f"{label}NOT AUDITED, {PROBLEMS[state['problem']]}{detail}"
            continue
        if page.get("banner"):
            storage = ", ".join(
                f"{item['name']} ({KINDS[item['kind']]})" for item in state["storage"]
            )
            yield (
                f"{label}cookies: {', '.join(state['cookies']) or 'none'}; "
                f"storage: {storage or 'none'}"
            )
        for signal in state["signals"]:
            yield f"{label}Google consent: {_signal(signal)}"


def _lines(findings):
    policy = findings["policy"]
    yield (
        f"Cookies and web storage set by {len(findings['pages'])} address(es), "
        f"against the {findings['declared_count']} cookies and storage keys declared "
        f"in “{policy['title']}” ({policy['url']}):"
    )
    yield ""
    found_breaches = findings.get("breaches", [])
    if found_breaches:
        yield f"BREACHES: {len(found_breaches)}"
        for breach in found_breaches:
            yield f"  - {_breach(breach)}"
        yield (
            "Only strictly necessary cookies and storage may be set before a visitor "
            "chooses, or after they refuse: mark the script that sets them with its "
            "category (data-consent-category) so that it waits for consent, or "
            "remove it."
        )
        yield ""
    for page in findings["pages"]:
        if page["problem"]:
            detail = f" ({page['detail']})" if page["detail"] else ""
            yield f"{page['url']}: NOT AUDITED, {PROBLEMS[page['problem']]}{detail}"
        else:
            yield from _page_lines(page)
        for request in page["blocked"]:
            yield (
                f"    blocked a {request['method']} request to {request['url']} "
                "(the audit sends only GET requests)"
            )
        if page.get("refused"):
            yield (
                f"    refused the page's requests to {page['refused']} internal "
                "address(es)"
            )

    yield ""
    yield f"Set but not declared: {len(findings['undeclared'])}"
    for item in findings["undeclared"]:
        yield f"  - {_found(item)}, set by {', '.join(item['urls'])}"
    yield f"Declared but not seen: {len(findings['not_seen'])}"
    for row in findings["not_seen"]:
        kind = "" if kind_of(row) == COOKIE else f"{WHAT[row['kind']]}, "
        yield (
            f"  - {row['name']} ({kind}{row['provider']}, {PARTIES[row['party']]}, "
            f"{row['duration']})"
        )
    yield f"Declared differently: {len(findings['differently'])}"
    for item in findings["differently"]:
        yield f"  - {_found(item)}:"
        if "kind" in item["differences"]:
            yield (
                f"      declared as a {WHAT[item['declared_kind']]}, "
                f"found as a {WHAT[kind_of(item)]}"
            )
        if "party" in item["differences"]:
            yield (
                f"      declared {PARTIES[item['declared_party']]}, "
                f"set as {PARTIES[item['party']]}"
            )
        if "lifetime" in item["differences"]:
            yield (
                f"      declared “{item['declared_duration']}”, lasts "
                f"{lifetime_text(item['lifetime'])}"
            )
    yield ""
    if found_breaches:
        yield (
            "BREACH: a page sets more than the strictly necessary before a visitor "
            "chooses, or after they refuse."
        )
    elif findings["undeclared"]:
        yield "The policy does not declare every cookie set: add them to its cookie tables."
    elif failed_count(findings):
        yield "Nothing new on the addresses audited, but some could not be audited."
    else:
        yield "Nothing new: every cookie set is declared in the policy."
