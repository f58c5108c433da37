"""The production stack against three thousand requests of the kinds that broke the edge.

Odd methods, spellings of addresses, ranges, cookies, sizes and chunked
bodies, sent raw through the real edge (deploy/varnish/policy.vcl in
varnishd) in front of the real gunicorn (tests/stack.py): none may get a
server error or hang. The same requests on every run (a fixed seed).
"""

import random
import threading

import pytest

from tests.stack import raw_request

EN = "/en/privacy-and-cookies/"
FR = "/fr/confidentialite-et-cookies/"

pytestmark = pytest.mark.django_db(transaction=True)


def _fuzzed_request(rng):
    """One request of the kinds that broke the edge: odd methods, addresses, ranges, sizes."""
    paths = [
        EN,
        FR,
        "/",
        "/en/",
        "/fr/recherche/",
        "/en/search/",
        "/api/v2/pages/",
        "/api/v2/cookies/",
        "/consent.js",
        "/consent/records/",
        "/sitemap.xml",
        "/admin/",
        "/static/",
        "/healthz/",
        "/_edge/session/",
    ]
    path = rng.choice(paths)
    mutation = rng.randrange(12)
    if mutation == 0:
        path = "".join(
            f"%{ord(c):02{rng.choice('xX')}}"
            if c.isalnum() and rng.random() < 0.3
            else c
            for c in path
        )
    elif mutation == 1:
        path = path.replace("/", rng.choice(["//", "/./", "/x/../", "/%2F", "/%2f"]))
    elif mutation == 2:
        path += rng.choice(
            [
                "%",
                "%z",
                "%zz",
                "%00",
                "%ff%fe",
                "%c3%a9",
                "%e2%80%ae",
                "..",
                "/../../..",
            ]
        )
    elif mutation == 3:
        path += "a" * rng.choice([100, 4000, 4100, 9000])
    elif mutation == 4:
        path = rng.choice(
            ["*", "http://127.0.0.1" + path, "HTTPS://x" + path, "x", "//", "/%"]
        )
    query_kind = rng.randrange(8)
    if query_kind == 0:
        path += "?" + "&".join(f"k{n}=v" for n in range(rng.choice([10, 500, 2200])))
    elif query_kind == 1:
        path += rng.choice(
            [
                "?q=",
                "?q=%",
                "?q=%zz",
                "?page=-1",
                "?page=99999999999999999999",
                "?fields=*",
                "?fields=" + "x," * 500,
                "?limit=0",
                "?offset=-5",
                "?q=" + "cookie " * 300,
                "?&&&",
                "?=",
                "?a=1&a=2&b",
                "?from=1&to=x",
            ]
        )
    method = rng.choice(
        ["GET"] * 6
        + [
            "HEAD",
            "POST",
            "PUT",
            "DELETE",
            "OPTIONS",
            "PATCH",
            "TRACE",
            "PURGE",
            "BREW",
            "get",
            "M-SEARCH",
            "PROPFIND",
        ]
    )
    headers = {
        "Host": rng.choice(
            ["127.0.0.1", "localhost", "LOCALHOST", "evil.example", "127.0.0.1:1"]
        )
    }
    for name, values in {
        "Range": [
            "bytes=5-1",
            "bytes=0-0",
            "bytes=-5",
            "bytes=1-",
            "bytes=x-y",
            "chars=0-1",
            "bytes=0-1,3-4",
            "bytes=99999999999999999999-",
            "bytes=-",
            "bytes=5-1,0-1",
        ],
        "Cookie": [
            "sessionid=bogus",
            "sessionid=",
            "sessionid=" + "x" * 4000,
            "_ga=1; sessionid=a; csrftoken=b",
            "a" * 9000,
            "sessionid=%00;",
        ],
        "Accept-Language": ["fr", "*", "xx-YY", "en;q=x", ",,,", "fr-CA,fr;q=0.9"],
        "Accept-Encoding": ["gzip", "br", "gzip;q=0", "*", "identity;q=0"],
        "If-None-Match": ['"x"', "*", "W/", '"' + "9" * 300 + '"'],
        "X-Forwarded-Proto": ["https", "HTTPS ", "gopher"],
        "Origin": ["https://app.example.com", "null", "https://evil.example"],
        "Authorization": ["Basic eDp5", "Bearer x"],
        "X-Padding": ["a" * 9000],
    }.items():
        if rng.random() < 0.15:
            headers[name] = rng.choice(values)
    if rng.random() < 0.02:
        headers.update({f"X-Many-{n}": "1" for n in range(80)})
    body = b""
    if method in ("POST", "PUT", "PATCH") or rng.random() < 0.05:
        body = rng.choice(
            [
                b'{"version": 1, "choices": {"analytics": true}}',
                b'{"version": 0, "choices": {}}',
                b"not json",
                b"{" * 3000,
                b"x" * 70000,
            ]
        )
    lines = [f"{method} {path} HTTP/1.1"] + [f"{k}: {v}" for k, v in headers.items()]
    if body and rng.random() < 0.3:
        chunked = (
            b"".join(
                b"%x\r\n%s\r\n" % (len(body[i : i + 1000]), body[i : i + 1000])
                for i in range(0, len(body), 1000)
            )
            + b"0\r\n\r\n"
        )
        lines.append("Transfer-Encoding: chunked")
        payload = chunked
    else:
        if body or method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(body)}")
        payload = body
    lines.append("Connection: close")
    return "\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + payload


def test_three_thousand_fuzzed_requests_get_no_server_error(shared_with_the_stack):
    stack = shared_with_the_stack
    rng = random.Random(20)  # noqa: S311 (the same requests on every run)
    requests = [_fuzzed_request(rng) for _ in range(3000)]
    results = [None] * len(requests)

    def send(offset):
        for index in range(offset, len(requests), 4):
            try:
                results[index] = raw_request(stack.port, requests[index])
            except OSError as error:  # a reset after a refused body, say
                results[index] = type(error).__name__

    threads = [threading.Thread(target=send, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    server_errors = [
        (status, requests[i][:200])
        for i, status in enumerate(results)
        if isinstance(status, int) and status >= 500
    ]
    assert server_errors == []
    timeouts = [requests[i][:200] for i, s in enumerate(results) if s == "TimeoutError"]
    assert timeouts == []
    answered = [s for s in results if isinstance(s, int) and s > 0]
    assert len(answered) > 2700
    assert {200, 400, 404, 405, 414} <= set(answered)
