"""An audit's findings, as stored and as the command prints them."""

from django.utils import translation

from .browser import PROBLEMS
from .compare import compare
from .durations import lifetime_text

PARTIES = {"first": "first party", "third": "third party"}


def cookies_seen(visits):
    """Every cookie found, once per name, domain, path and party, with the addresses that set it."""
    seen = {}
    for visit in visits:
        for cookie in visit.cookies:
            key = (cookie["name"], cookie["domain"], cookie["path"], cookie["party"])
            if key in seen:
                seen[key]["urls"].append(cookie["url"])
            else:
                seen[key] = {
                    **{name: value for name, value in cookie.items() if name != "url"},
                    "urls": [cookie["url"]],
                }
    return sorted(seen.values(), key=lambda cookie: (cookie["name"], cookie["domain"]))


def findings_of(visits, declarations, policy_title, policy_url):
    audited = [visit for visit in visits if not visit.problem]
    findings = compare(declarations, cookies_seen(audited))
    if not audited:
        # Nothing was visited: no declared cookie can be said to be missing.
        findings["not_seen"] = []
    return {
        "policy": {"title": policy_title, "url": policy_url},
        "declared_count": len(declarations),
        "pages": [
            {
                "url": visit.url,
                "final_url": visit.final_url,
                "problem": visit.problem,
                "detail": visit.detail,
                "cookie_count": len(visit.cookies),
                "blocked": visit.blocked,
                "refused": visit.refused,
            }
            for visit in visits
        ],
        **findings,
    }


def _cookie(cookie):
    return (
        f"{cookie['name']} on {cookie['domain']}{cookie['path']} "
        f"({PARTIES[cookie['party']]}, {lifetime_text(cookie['lifetime'])})"
    )


def text_report(findings):
    """The findings in plain English, one line per address and per cookie."""
    with translation.override("en"):
        return "\n".join(_lines(findings)) + "\n"


def _lines(findings):
    policy = findings["policy"]
    yield (
        f"Cookies set by {len(findings['pages'])} address(es), against the "
        f"{findings['declared_count']} cookies declared in “{policy['title']}” "
        f"({policy['url']}):"
    )
    yield ""
    for page in findings["pages"]:
        if page["problem"]:
            detail = f" ({page['detail']})" if page["detail"] else ""
            yield f"{page['url']}: NOT AUDITED, {PROBLEMS[page['problem']]}{detail}"
        else:
            yield f"{page['url']}: {page['cookie_count']} cookie(s)"
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
    for cookie in findings["undeclared"]:
        yield f"  - {_cookie(cookie)}, set by {', '.join(cookie['urls'])}"
    yield f"Declared but not seen: {len(findings['not_seen'])}"
    for row in findings["not_seen"]:
        yield (
            f"  - {row['name']} ({row['provider']}, {PARTIES[row['party']]}, "
            f"{row['duration']})"
        )
    yield f"Declared differently: {len(findings['differently'])}"
    for cookie in findings["differently"]:
        yield f"  - {_cookie(cookie)}:"
        if "party" in cookie["differences"]:
            yield (
                f"      declared {PARTIES[cookie['declared_party']]}, "
                f"set as {PARTIES[cookie['party']]}"
            )
        if "lifetime" in cookie["differences"]:
            yield (
                f"      declared “{cookie['declared_duration']}”, lasts "
                f"{lifetime_text(cookie['lifetime'])}"
            )
    yield ""
    if findings["undeclared"]:
        yield "The policy does not declare every cookie set: add them to its cookie tables."
    elif any(page["problem"] for page in findings["pages"]):
        yield "Nothing new on the addresses audited, but some could not be audited."
    else:
        yield "Nothing new: every cookie set is declared in the policy."
