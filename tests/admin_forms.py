"""POST data for the Wagtail page editor, built from a page as an editor would leave it."""

import datetime

from wagtail import blocks
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text


def _block_data(block, value, prefix, out):
    if isinstance(block, blocks.StreamBlock):
        out[f"{prefix}-count"] = len(value)
        for index, child in enumerate(value):
            out[f"{prefix}-{index}-type"] = child.block_type
            out[f"{prefix}-{index}-id"] = child.id or ""
            out[f"{prefix}-{index}-deleted"] = ""
            out[f"{prefix}-{index}-order"] = index
            _block_data(child.block, child.value, f"{prefix}-{index}-value", out)
    elif isinstance(block, blocks.ListBlock):
        items = value.bound_blocks
        out[f"{prefix}-count"] = len(items)
        for index, item in enumerate(items):
            out[f"{prefix}-{index}-id"] = item.id or ""
            out[f"{prefix}-{index}-deleted"] = ""
            out[f"{prefix}-{index}-order"] = index
            _block_data(block.child_block, item.value, f"{prefix}-{index}-value", out)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            _block_data(child_block, value[name], f"{prefix}-{name}", out)
    elif isinstance(block, blocks.RichTextBlock):
        out[prefix] = rich_text(value.source, features=block.features)
    elif isinstance(block, blocks.StaticBlock):
        pass
    elif isinstance(block, blocks.MultipleChoiceBlock):
        # Ticked boxes: none ticked posts nothing.
        out[prefix] = list(value or [])
    else:
        out[prefix] = block.get_prep_value(value) or ""


def policy_form_data(page, action="action-publish", **fields):
    """Everything the policy editor posts for `page`, with `fields` changed.

    A major change publishing with less notice than readers are given (at
    once, or soon) needs "Publish with less notice" ticked: it is, unless
    `accept_short_notice` says otherwise ("" leaves it unticked).
    """
    if fields.get("update_type") == "major":
        fields.setdefault("accept_short_notice", "on")
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "seo_title": page.seo_title,
            "search_description": page.search_description,
            "change_note": "",
            "update_type": "",
            "comments": inline_formset([]),
        }
    )
    body = fields.pop("body", page.body)
    _block_data(page.body.stream_block, body, "body", data)
    facts = fields.pop("facts", page.facts)
    _block_data(page.facts.stream_block, facts, "facts", data)
    data.update(fields)
    if action:
        data[action] = "1"
    return data


# The lifetime in seconds an editor gives with the durations the tests write
# (13 months: 396 days), and that a French page gets from its English one;
# any other duration keeps the cookie's number.
SECONDS_OF = {
    "13 months": 396 * 86400,
    "13 mois": 396 * 86400,
    "14 months": 426 * 86400,
    "1 year": 365 * 86400,
}


def set_cookie_duration(page, cookie_name, duration):
    """Change one cookie's duration in the page's body, in place, with its
    lifetime in seconds as an editor would give it; return the body."""
    for section in page.body:
        for child in section.value["content"]:
            if child.block_type != "cookie_table":
                continue
            for cookie in child.value["cookies"]:
                if cookie["name"] == cookie_name:
                    cookie["duration"] = duration
                    cookie["max_age_seconds"] = SECONDS_OF.get(
                        duration, cookie["max_age_seconds"]
                    )
                    return page.body
    raise LookupError(cookie_name)


def publish_through_editor(client, page, **fields):
    """Publish `page` with `fields` changed through the page editor; return it reloaded."""
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", policy_form_data(page, **fields)
    )
    assert response.status_code == 302, response.context["form"].errors
    return type(page).objects.get(pk=page.pk)


# The major change the tests publish: on 4 March 2024, `_ga` lasts 13 months.
MAJOR_CHANGE_DATE = datetime.datetime(2024, 3, 4, 10, 0, tzinfo=datetime.UTC)
MAJOR_CHANGE_NOTE = "Google Analytics cookies now last 13 months."
MAJOR_CHANGE_NOTE_FR = "Les cookies de Google Analytics durent désormais 13 mois."
# What a translator types for it: English string → French.
MAJOR_CHANGE_IN_FRENCH = {
    "13 months": "13 mois",
    MAJOR_CHANGE_NOTE: MAJOR_CHANGE_NOTE_FR,
}


def publish_major_change(client, page):
    """Publish the major change through the editor, as `client`, on 4 March 2024."""
    from django.contrib.auth import SESSION_KEY, get_user_model

    import time_machine

    editor = get_user_model().objects.get(pk=client.session[SESSION_KEY])
    with time_machine.travel(MAJOR_CHANGE_DATE):
        published = publish_through_editor(
            client,
            page,
            body=set_cookie_duration(page, "_ga", "13 months"),
            update_type="major",
            change_note=MAJOR_CHANGE_NOTE,
        )
    # Back in the present the editor is still signed in: the admin session
    # saved in 2024 expired long ago (its expiry is counted from its last
    # activity: access/admin_session.py), so they sign in again today.
    client.force_login(editor)
    return published
