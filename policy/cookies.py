"""The cookies a policy declares, as flat rows: what the site promises to set.

The cookies API lists them (api/cookies.py), the consent banner names them
in each category (consent/config.py) and the cookie audit holds the site to
them (audit/). Each row is a cookie of one of the policy's cookie tables,
or a key of the browser's web storage (its `kind`: cookie, localStorage or
sessionStorage), with the table's provider; its kind, party and category are
stable codes with labels in the policy's language.
"""

from django.utils import translation

from .blocks import CookieBlock, CookieTableBlock
from .plain_text import rich_text_passages


def declared_cookies(policy):
    """Every cookie a policy page declares, table by table, as flat rows."""
    rows = []
    # Labels (a cookie's party and category) read in the page's language.
    with translation.override(policy.locale.language_code):
        for section in policy.body:
            for child in section.value["content"]:
                if not isinstance(child.block, CookieTableBlock):
                    continue
                cookies = child.block.child_blocks["cookies"]
                for cookie in cookies.get_api_representation(child.value["cookies"]):
                    rows.append(
                        {
                            "id": cookie["id"],
                            "name": cookie["name"],
                            "provider": child.value["provider"],
                            **cookie,
                        }
                    )
    return rows


def cookie_codes(name):
    """The codes a cookie's `party`, `category` or `kind` can take."""
    return [
        code for code, _label in CookieBlock.base_blocks[name].field.choices if code
    ]


def provider_purposes(policy):
    """{provider: what its cookie table says its cookies are for, as plain text}.

    In the page's language; a provider with two tables reads the first.
    """
    purposes = {}
    for section in policy.body:
        for child in section.value["content"]:
            if isinstance(child.block, CookieTableBlock):
                purposes.setdefault(
                    child.value["provider"],
                    " ".join(rich_text_passages(child.value["purpose"].source)),
                )
    return purposes
