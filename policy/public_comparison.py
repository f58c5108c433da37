"""What changed between two published versions of the policy, section by section.

Visitors compare two versions on a public page ("what changed between 23 January
2018 and 4 March 2024"), so the comparison is made of what a reader sees: the
plain text of each passage, and the rows of each cookie table. Blocks are matched
by their stable ids, so an edited passage shows as changed rather than as one
passage removed and another added.

Every block is read through policy/plain_text.py's walk: a block type added
later shows in the comparison like the others. Cookie tables alone are
compared row by row, by cookie name.
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from django.utils.text import slugify

from wagtail import blocks

from .blocks import CookieTableBlock
from .blocks.cookies import COOKIE
from .plain_text import (
    choice_label,
    clean_text,
    leaf_passages,
    leaves,
    rich_text_passages,
)
from .word_diff import align, word_diff, word_similarity


@dataclass(frozen=True)
class TextChange:
    """One passage of text: a paragraph, a list item, a heading or a contact line.

    `segments` spell out the change word by word: "equal" text reads the same in
    both versions, "delete" text was removed and "insert" text was added.
    """

    status: str
    old: str
    new: str
    segments: list[tuple[str, str]]

    # Lets a template tell a passage from a cookie table.
    kind = "text"

    @property
    def is_changed(self):
        return self.status != "unchanged"

    @property
    def text(self):
        """The passage as it reads now, or as it read before it was removed."""
        return self.old if self.status == "removed" else self.new


@dataclass(frozen=True)
class CookieRowChange:
    """One cookie of a cookie table, as it was and as it is.

    `old` and `new` hold the displayed value of each field, by field name (None for
    the version without the cookie). `fields` lists (label, old value, new value)
    for each field an edit changed, so it is empty for an added or removed cookie;
    `details` lists (label, value) of every field but the name, as the cookie reads
    in the newer version that has it.
    """

    status: str
    name: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    fields: list[tuple[Any, Any, Any]]
    details: list[tuple[Any, Any]]

    @property
    def is_changed(self):
        return self.status != "unchanged"


@dataclass(frozen=True)
class CookieTableChange:
    """One cookie table: its provider, what its cookies are for, and its cookies.

    `purpose` and `rows` hold only what changed.
    """

    status: str
    provider: TextChange
    purpose: list[TextChange]
    rows: list[CookieRowChange]

    # Lets a template tell a cookie table from a passage.
    kind = "cookie_table"

    @property
    def is_changed(self):
        return self.status != "unchanged"


@dataclass(frozen=True)
class SectionChange:
    """One section of the policy: its heading and what changed in it, in reading order."""

    anchor: str
    status: str
    heading: TextChange
    changes: list[TextChange | CookieTableChange]

    @property
    def is_changed(self):
        return self.status != "unchanged"


def compare_bodies(old_body, new_body) -> list[SectionChange]:
    """Compare two versions of a policy body, one SectionChange per section.

    Unchanged sections are included, with the status "unchanged", so that a page
    can say how many sections did not change. Sections come in the new version's
    order, with removed sections where they used to be.
    """
    old_sections = [child for child in old_body if child.block_type == "section"]
    new_sections = [child for child in new_body if child.block_type == "section"]
    pairs = _in_order(old_sections, new_sections, lambda child: _anchor(child.value))
    return [_compare_sections(_value(old), _value(new)) for old, new in pairs]


def _compare_sections(old, new):
    heading = _text_change(_field(old, "heading"), _field(new, "heading"))
    changes = _diff_content(
        [] if old is None else old["content"], [] if new is None else new["content"]
    )
    return SectionChange(
        anchor=_anchor(old if new is None else new),
        status=_status(old, new, heading.is_changed or bool(changes)),
        heading=heading,
        changes=changes,
    )


def _anchor(section):
    # A section saved without an anchor gets this one when it is next saved.
    return section["anchor"] or slugify(section["heading"])


@dataclass(frozen=True)
class _Table:
    """A cookie table among a section's passages.

    Tables compare by `key` alone: a table and its counterpart in the other
    version share a key, so that the passages around them line up.
    """

    key: str
    value: Any = field(compare=False)
    counterpart: Any = field(compare=False)


def _tables(content):
    """The cookie tables among a section's blocks, compared row by row."""
    return [child for child in content if isinstance(child.block, CookieTableBlock)]


def _diff_content(old_content, new_content):
    """The changed passages and cookie tables of a section's content, in reading order."""
    old_tables = _tables(old_content)
    new_tables = _tables(new_content)
    matches = _match(
        old_tables, new_tables, lambda child: clean_text(child.value["provider"])
    )
    old_index = {j: i for i, j in matches.items()}
    old_items = [
        _Table(f"table-{i}", table.value, new_tables[matches[i]].value)
        if i in matches
        else _Table(f"old-{i}", table.value, None)
        for i, table in enumerate(old_tables)
    ]
    new_items = [
        _Table(f"table-{old_index[j]}", table.value, old_tables[old_index[j]].value)
        if j in old_index
        else _Table(f"new-{j}", table.value, None)
        for j, table in enumerate(new_tables)
    ]
    return _diff_passages(
        _passages(old_content, iter(old_items)), _passages(new_content, iter(new_items))
    )


def _passages(content, tables):
    """The content as plain-text passages, with `tables` standing for its cookie tables."""
    items = []
    for child in content:
        if isinstance(child.block, CookieTableBlock):
            items.append(next(tables))
            continue
        # Any other block, whatever its type, reads as the passages it holds.
        for block, value in leaves(child.block, child.value):
            items.extend(leaf_passages(block, value))
    return items


def _diff_passages(old_items, new_items):
    """Line up two sequences of passages (and tables) and list what changed."""
    changes = []
    matcher = SequenceMatcher(None, old_items, new_items, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            # Equal passages are left out, but a table may have changed inside.
            aligned = [
                (None, item) for item in new_items[j1:j2] if isinstance(item, _Table)
            ]
        else:
            aligned = align(old_items[i1:i2], new_items[j1:j2], _similarity)
        for old, new in aligned:
            change = _change(old, new)
            if change is not None and change.is_changed:
                changes.append(change)
    return changes


def _change(old, new):
    """Compare two aligned items, either of which may be None."""
    if isinstance(new, _Table):
        return _compare_tables(new.counterpart, new.value)
    if isinstance(old, _Table):
        # A table that moved is compared where it is now.
        if old.counterpart is not None:
            return None
        return _compare_tables(old.value, None)
    return _text_change(old, new)


def _similarity(old, new):
    """How alike two passages read; tables were paired by id before, never here."""
    if isinstance(old, _Table) or isinstance(new, _Table):
        return 0.0
    return word_similarity(old, new)


def _compare_tables(old, new):
    provider = _text_change(_field(old, "provider"), _field(new, "provider"))
    purpose = _diff_passages(
        [] if old is None else rich_text_passages(old["purpose"].source),
        [] if new is None else rich_text_passages(new["purpose"].source),
    )
    rows = []
    for old_row, new_row in _in_order(
        [] if old is None else old["cookies"].bound_blocks,
        [] if new is None else new["cookies"].bound_blocks,
        lambda child: child.value["name"],
    ):
        row = _compare_cookies(_value(old_row), _value(new_row))
        if row.is_changed:
            rows.append(row)
    return CookieTableChange(
        status=_status(old, new, provider.is_changed or bool(purpose or rows)),
        provider=provider,
        purpose=purpose,
        rows=rows,
    )


# A cookie's lifetime in seconds and whether it is refreshed are for programs
# (the API): readers compare the words the table shows.
NOT_IN_THE_TABLE = ("max_age_seconds", "refreshed")


def _compare_cookies(old, new):
    """Compare two versions of a cookie, either of which may be None."""
    cookie = old if new is None else new
    labels = {
        name: block.label
        for name, block in cookie.block.child_blocks.items()
        if name not in NOT_IN_THE_TABLE
    }
    old_fields = None if old is None else _cookie_fields(old)
    new_fields = None if new is None else _cookie_fields(new)
    fields = []
    if old is not None and new is not None:
        fields = [
            (labels[name], old_fields[name], new_fields[name])
            for name in labels
            if old_fields[name] != new_fields[name]
        ]
    shown = old_fields if new is None else new_fields
    return CookieRowChange(
        status=_status(old, new, bool(fields)),
        name=shown["name"],
        old=old_fields,
        new=new_fields,
        fields=fields,
        # A row's kind is said only when it is not a cookie, as the table does.
        details=[
            (labels[name], value)
            for name, value in shown.items()
            if name != "name" and not (name == "kind" and cookie["kind"] == COOKIE)
        ],
    )


def _cookie_fields(cookie):
    """Each field of a cookie as the cookie table displays it, by field name."""
    shown = {}
    for name, block in cookie.block.child_blocks.items():
        if name in NOT_IN_THE_TABLE:
            continue
        if isinstance(block, blocks.ChoiceBlock):
            shown[name] = choice_label(block, cookie[name])
        else:
            shown[name] = clean_text(cookie[name])
    return shown


def _text_change(old, new):
    """Compare two versions of a passage; None stands for the version without it."""
    if old is None:
        return TextChange("added", "", new, [("insert", new)])
    if new is None:
        return TextChange("removed", old, "", [("delete", old)])
    if old == new:
        return TextChange("unchanged", old, new, [("equal", new)])
    return TextChange("changed", old, new, word_diff(old, new))


def _field(struct, name):
    """The cleaned text of a struct's field, or None when there is no struct."""
    return None if struct is None else clean_text(struct[name])


def _value(child):
    return None if child is None else child.value


def _status(old, new, changed):
    if old is None:
        return "added"
    if new is None:
        return "removed"
    return "changed" if changed else "unchanged"


def _match(old, new, fallback_key):
    """Pair stream or list children by id, then the others by `fallback_key`.

    Returns {old index: new index}.
    """
    new_by_id = {}
    for j, child in enumerate(new):
        if child.id:
            new_by_id.setdefault(child.id, j)
    matches = {}
    for i, child in enumerate(old):
        j = new_by_id.pop(child.id, None) if child.id else None
        if j is not None:
            matches[i] = j
    # Children saved without ids, or deleted and added again, are still the same
    # section or cookie to a reader when their anchor or name is the same.
    paired = set(matches.values())
    unpaired_by_key = {}
    for j, child in enumerate(new):
        key = fallback_key(child)
        if j not in paired and key:
            unpaired_by_key.setdefault(key, []).append(j)
    for i, child in enumerate(old):
        candidates = unpaired_by_key.get(fallback_key(child))
        if i not in matches and candidates:
            matches[i] = candidates.pop(0)
    return matches


def _in_order(old, new, fallback_key):
    """(old, new) pairs in the new order, with removed children where they used to be.

    None stands for the version without the child.
    """
    matches = _match(old, new, fallback_key)
    old_index = {j: i for i, j in matches.items()}
    placed = [
        ((j, 0, 0), (old[old_index[j]] if j in old_index else None, child))
        for j, child in enumerate(new)
    ]
    # A removed child goes after the new place of the nearest child before it
    # that is still there.
    after = -1
    for i, child in enumerate(old):
        if i in matches:
            after = matches[i]
        else:
            placed.append(((after, 1, i), (child, None)))
    return [pair for _, pair in sorted(placed, key=lambda entry: entry[0])]
