"""Generated requests across pages, routes, search and the API: none gets a 5xx.

Hypothesis builds the requests (3,000 in all: 500 per test, two in the search
test; `make test-fast` sends 100 per test) from the site's real addresses and
parameters, mixed with odd values: huge numbers, deep brackets, long
repetitions, control characters, other scripts, malformed percent-encoding. Every answer must be a deliberate one (below 500), and the
API always answers in JSON.
"""

import os
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.pages import english_policy, french_policy

# 500 requests per test; make test-fast asks for fewer (FUZZ_EXAMPLES) while you work.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 500))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PAGES = [
    "/",
    "/en/",
    "/fr/",
    "/en/privacy-and-cookies/",
    "/fr/confidentialite-et-cookies/",
    "/en/privacy-and-cookies/history/",
    "/fr/confidentialite-et-cookies/historique/",
    "/en/privacy-and-cookies/versions/1/",
    "/en/privacy-and-cookies/compare/",
    "/fr/confidentialite-et-cookies/comparer/",
    "/en/search/",
    "/fr/recherche/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz/",
]
API_PARAMETERS = [
    "type",
    "fields",
    "limit",
    "offset",
    "order",
    "search",
    "search_operator",
    "locale",
    "translation_of",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "id",
    "title",
    "slug",
    "site",
    "html_path",
    "show_in_menus",
    "category",
    "party",
    "format",
]

# Any character but lone surrogates, which no client can encode in a URL (their
# UTF-8 bytes come in percent-encoded: see `raw_query`).
characters = st.characters(blacklist_categories=("Cs",))
odd_text = st.one_of(
    st.text(alphabet=characters, max_size=40),
    st.text(alphabet=string.printable, max_size=200),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=1, max_value=400).map(lambda n: "(" * n + ")" * n),
    st.integers(min_value=1, max_value=300).map(lambda n: " ".join(["a"] * n)),
    st.integers(min_value=1, max_value=200).map(lambda n: " OR ".join(["x"] * n)),
    st.sampled_from(
        ["", "*", "-", "_", "..", "%", "\x00", "données", "cookie", "1", "0"]
    ),
)
segment = st.text(
    alphabet=string.ascii_letters + string.digits + "-_.~%éß", min_size=1, max_size=20
)
raw_query = st.lists(
    st.sampled_from(["%ED%A0%80", "%ff", "%00", "%", "%zz", "=", "&", "q=", "page="])
    | st.text(alphabet=string.printable + "éÿ", max_size=20),
    max_size=8,
).map("".join)


def assert_deliberate(response, path):
    assert response.status_code < 500, (path, response.status_code)
    if path.startswith("/api/") and response.status_code != 304:
        assert response["Content-Type"].startswith("application/json"), path


@FUZZ
@given(
    page=st.sampled_from(PAGES),
    extra=st.lists(segment, max_size=3),
    params=st.dictionaries(
        st.sampled_from(["q", "page", "from", "to", "utm_source"]) | segment,
        odd_text,
        max_size=3,
    ),
)
def test_pages_and_their_routes(client, db, page, extra, params):
    path = page + "".join(f"{part}/" for part in extra)
    assert_deliberate(client.get(path, params), path)


@FUZZ
@given(
    language=st.sampled_from(["/en/search/", "/fr/recherche/"]),
    q=odd_text,
    page=odd_text,
    raw=raw_query,
)
def test_search(client, db, language, q, page, raw):
    assert_deliberate(client.get(language, {"q": q, "page": page}), language)
    assert_deliberate(client.get(f"{language}?{raw}"), language)


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(API_PARAMETERS) | segment, odd_text, max_size=4
    ),
    endpoint=st.sampled_from(["listing", "detail-en", "detail-fr", "find"]),
)
def test_the_pages_endpoint(client, db, params, endpoint):
    path = {
        "listing": "/api/v2/pages/",
        "detail-en": f"/api/v2/pages/{english_policy().pk}/",
        "detail-fr": f"/api/v2/pages/{french_policy().pk}/",
        "find": "/api/v2/pages/find/",
    }[endpoint]
    assert_deliberate(client.get(path, params), path)


@FUZZ
@given(
    search=odd_text,
    operator=st.sampled_from(["and", "or", "", "xor"]),
    order=st.sampled_from([None, "title", "-id", "random"]),
)
def test_the_pages_endpoint_search(client, db, search, operator, order):
    params = {"search": search, "search_operator": operator}
    if order:
        params["order"] = order
    assert_deliberate(client.get("/api/v2/pages/", params), "/api/v2/pages/")


@FUZZ
@given(
    path=st.sampled_from(
        ["/api/v2/cookies/", "/api/v2/", "/api/", "/api/v2/pages/find/"]
    )
    | st.lists(segment, min_size=1, max_size=3).map(
        lambda parts: "/api/v2/" + "".join(f"{part}/" for part in parts)
    ),
    raw=raw_query,
)
def test_other_api_addresses(client, db, path, raw):
    assert_deliberate(client.get(f"{path}?{raw}"), path)
