"""The search page: /en/search/ and /fr/recherche/."""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation

from search.terms import MAX_SEARCH_WORDS, too_many_words

from .query import clean_query
from .query import search as find

# Beyond this a page number cannot hold results of this site, and a huge one
# would overflow the database's OFFSET.
MAX_PAGE_NUMBER = 10_000

# How many page links the pagination shows on each side of the current page.
PAGE_LINKS_AROUND = 2


def page_number_from(request):
    """The ?page= number: 1 when absent, a 404 for anything but a page number."""
    raw = request.GET.get("page")
    if raw is None or raw == "":
        return 1
    # ASCII digits only: int() would accept “٣”, spaces and underscores.
    if not re.fullmatch(r"[0-9]{1,6}", raw):
        raise Http404("No such page of results.")
    number = int(raw)
    if not 1 <= number <= MAX_PAGE_NUMBER:
        raise Http404("No such page of results.")
    return number


def results_url(path, query, number):
    params = {"q": query}
    if number > 1:
        params["page"] = number
    return f"{path}?{urlencode(params)}"


def page_links(path, query, result_page):
    """The numbered links of the pagination: first, last and a few around the current.

    None stands for a gap (“…”).
    """
    current, last = result_page.number, result_page.num_pages
    shown = {1, last} | set(
        range(
            max(1, current - PAGE_LINKS_AROUND),
            min(last, current + PAGE_LINKS_AROUND) + 1,
        )
    )
    links, previous = [], 0
    for number in sorted(shown):
        if number > previous + 1:
            links.append(None)
        links.append(
            {
                "number": number,
                "url": results_url(path, query, number),
                "current": number == current,
            }
        )
        previous = number
    return links


def alternate_urls(query):
    """This search in every language, for the language switcher."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            path = reverse("search")
        urls[code] = results_url(path, query, 1) if query else path
    return urls


def search(request):
    """Search the live pages of the visitor's language, ten results at a time.

    An empty query shows the form; a query of more than MAX_SEARCH_WORDS
    words is a 400 that says so; a page number that is not a number, or that
    lies past the last page of results, is a 404. The page depends on nothing
    but the address (no session, no cookie), so it can be cached like any
    other public page.
    """
    query = clean_query(request.GET.get("q", ""))
    context = {
        "search_query": query,
        "query": query,
        "alternate_urls": alternate_urls(query),
    }
    if too_many_words(query):
        # Said in the visitor's language, before any query is built.
        context["max_words"] = MAX_SEARCH_WORDS
        return TemplateResponse(request, "search/search.html", context, status=400)
    if query:
        number = page_number_from(request)
        result_page = find(query, translation.get_language(), number, request)
        if number > 1 and not result_page.results:
            raise Http404("No such page of results.")
        context["result_page"] = result_page
        if result_page.num_pages > 1:
            path = request.path
            context["page_links"] = page_links(path, query, result_page)
            if number > 1:
                context["previous_url"] = results_url(path, query, number - 1)
            if number < result_page.num_pages:
                context["next_url"] = results_url(path, query, number + 1)
    return TemplateResponse(request, "search/search.html", context)
