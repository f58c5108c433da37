"""An address in each consent state its visitors can be in, when it embeds this site's banner.

Every address is first viewed as a visitor who has chosen nothing (audit.page_view).
If the page then shows this site's consent banner (consent.js's dialog,
`dialog.dmj-consent`, open), it is viewed twice more, each time in a fresh
profile: as a visitor who refuses everything, and as one who accepts everything
(the banner's "Reject all" and "Accept all", then the page loaded again as their
next page view). A page that loads consent.js but asks nothing (a choice sent
back by the site, Global Privacy Control) is viewed once.

The timeout given for the address bounds all its page views together.

No database access here (audit.browser).
"""

from .page_view import Deadline, PageView, view_page

NO_CHOICE, REFUSED, ACCEPTED = "none", "refused", "accepted"
STATES = (NO_CHOICE, REFUSED, ACCEPTED)
# The banner as consent/static/consent/consent.js builds it: a dialog whose
# first two main buttons, side by side, are "Accept all" and "Reject all",
# whatever the language.
BANNER = "dialog.dmj-consent"
ANSWER_BUTTONS = f"{BANNER} .dmj-consent__buttons button.dmj-consent__primary"
ANSWERS = {ACCEPTED: 0, REFUSED: 1}


def audit_address(open_context, visit, timeout, proxy, egress):
    """Fills `visit` (audit.browser.Visit) with what each state of the page sets.

    `open_context()` gives a browser in a fresh profile, closed after each view.
    """
    deadline = Deadline(timeout)
    if proxy is not None:
        proxy.forget()
    refused = set()
    try:
        first = _view(open_context, visit.url, NO_CHOICE, deadline, proxy, egress)
        refused |= first.refused
        visit.problem, visit.detail = first.problem, first.detail
        visit.final_url = first.final_url
        _keep(visit, first)
        if first.problem or not first.seen:
            return
        visit.banner = True
        for state in (REFUSED, ACCEPTED):
            view = _view(open_context, visit.url, state, deadline, proxy, egress)
            refused |= view.refused
            _keep(visit, view)
    finally:
        if proxy is not None and visit.problem != "internal":
            visit.refused = len(refused | proxy.refused)


def _view(open_context, url, state, deadline, proxy, egress):
    view = PageView(url, state)
    context = open_context()
    try:
        view_page(
            context,
            view,
            deadline,
            proxy,
            egress,
            answer=None if state == NO_CHOICE else _answerer(ANSWERS[state]),
            look=_banner_open,
        )
    finally:
        context.close()
    return view


def _banner_open(page):
    return page.locator(f"{BANNER}[open]").count() > 0


def _answerer(button):
    """Clicks the banner's button number `button` and waits for the banner to close."""

    def answer(page, timeout_ms):
        page.locator(ANSWER_BUTTONS).nth(button).click(timeout=timeout_ms)
        page.locator(f"{BANNER}[open]").wait_for(state="hidden", timeout=timeout_ms)

    return answer


def _keep(visit, view):
    """What a view found, added to the visit's, each cookie and key marked with its state."""
    visit.states.append(
        {"state": view.state, "problem": view.problem, "detail": view.detail}
    )
    visit.cookies.extend(view.cookies)
    visit.storage.extend(view.storage)
    visit.signals.extend(
        {**signal, "state": view.state, "url": view.url} for signal in view.signals
    )
    for request in view.blocked:
        if request not in visit.blocked:
            visit.blocked.append(request)
