"""/api/v2/docs/ shows the API's OpenAPI document in Swagger UI, under the site's
Content-Security-Policy: every operation listed, one opened with its parameters
and example, and no rule of the policy broken."""

import json
from pathlib import Path

from playwright.sync_api import expect

from tests.responses import csp_directives

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_the_api_s_page_lists_every_operation_of_its_document(
    people, open_page, screenshot
):
    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    page = open_page("en-GB")
    violations, errors = [], []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and violations.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))

    response = page.goto("/api/v2/docs/")

    policy = csp_directives(response.headers["content-security-policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    expect(page.get_by_role("heading", name=document["info"]["title"])).to_be_visible()
    # Swagger UI read the whole document: no error or warning about it.
    expect(page.locator(".errors-wrapper")).to_have_count(0)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            block = page.locator(
                f"#operations-{operation['tags'][0]}-{operation['operationId']}"
            )
            expect(block).to_be_visible()
            expect(block.locator(".opblock-summary-method")).to_have_text(
                method.upper()
            )
            expect(block.locator(".opblock-summary-path")).to_have_attribute(
                "data-path", path
            )

    # The listing opened: its parameters with their bounds, and its answers.
    page.locator("#operations-pages-listPages .opblock-summary-control").click()
    listing = page.locator("#operations-pages-listPages")
    expect(listing.locator("tr[data-param-name='limit']")).to_contain_text(
        "How many pages, at most 20."
    )
    expect(listing.locator("tr[data-param-name='search']")).to_contain_text(
        "at most 200 characters and 32 words"
    )
    expect(listing.locator(".responses-table")).to_contain_text(
        "Confidentialité et Cookies"
    )
    screenshot(page, "api-docs")
    assert violations == []
    assert errors == []
