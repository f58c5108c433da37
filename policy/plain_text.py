"""What a reader reads in the policy's blocks, as plain text.

One normaliser (`clean_text`), one way to split rich text into passages
(`rich_text_passages`) and one walk over any block (`leaves`, `passages`):
the public comparison, the search index and the API all read blocks through
these, so a block type added later is compared, found and served like the
others without anyone touching them.
"""

import re
import unicodedata

from wagtail import blocks

from bs4 import BeautifulSoup

# The rich-text elements that each make one passage of text.
PASSAGE_TAGS = ["p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote"]

# Control characters (NUL among them: PostgreSQL refuses it in text),
# private-use characters (the search's highlight markers) and lone surrogates
# (which cannot be encoded to send to the database).
REMOVED_CATEGORIES = {"Cc", "Co", "Cs"}


def clean_text(text):
    """One line of plain text, as a reader sees it and the database accepts it.

    Every kind of space reads the same (a no-break space, a tab, a line break,
    two spaces), so runs of them become one space; control, private-use and
    surrogate characters are removed.
    """
    text = "".join(
        (" " if char.isspace() else "")
        if unicodedata.category(char) in REMOVED_CATEGORIES
        else char
        for char in str(text)
    )
    return re.sub(r"\s+", " ", text).strip()


def choice_label(block, value):
    """What readers see for a ChoiceBlock's stored `value`: its label, still lazy.

    Lazy, so that it reads in the language of whichever page shows it.
    """
    return dict(block.field.choices).get(value, value)


def present(texts):
    """The texts that are not empty, cleaned."""
    return [text for text in map(clean_text, texts) if text]


def rich_text_passages(html):
    """The plain text of each paragraph, list item, heading and quotation of some HTML."""
    soup = BeautifulSoup(html, "html.parser")
    for line_break in soup.find_all("br"):
        line_break.replace_with(" ")
    # Text in a nested list belongs to the nested item, not to the item around
    # it; text outside any passage element makes a passage of its own.
    passages = {}
    for string in soup.find_all(string=True):
        owner = string.find_parent(PASSAGE_TAGS)
        if owner is None:
            owner = next(
                node for node in (string, *string.parents) if node.parent is soup
            )
        passages.setdefault(id(owner), []).append(string)
    return present("".join(strings) for strings in passages.values())


def leaves(block, value, whole=()):
    """(block, value) of every field of a block's value, in reading order.

    Stream, list and struct blocks are walked into, whatever their type, so a
    new kind of content is never skipped; a block of one of the types in
    `whole` is given as it is instead of being walked into.
    """
    if value is None:
        return
    if isinstance(block, whole):
        yield block, value
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from leaves(child.block, child.value, whole)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from leaves(block.child_block, item, whole)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from leaves(child_block, value.get(name), whole)
    else:
        yield block, value


def leaf_passages(block, value):
    """What a reader sees of one field: rich text by passage, a choice by its label."""
    if isinstance(
        block, blocks.StaticBlock | blocks.BooleanBlock | blocks.IntegerBlock
    ):
        # A static block's text (the “last updated” sentence) is not its
        # content: the page writes it from the version history. A cookie's
        # lifetime in seconds is for programs: readers see its words.
        return []
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_passages(value.source)
    if isinstance(block, blocks.ChoiceBlock):
        return present([choice_label(block, value)])
    return present([value])


def passages(block, value):
    """Every passage of text a reader sees in a block's value, in reading order.

    Choices give their label in the active language, not their stored key.
    """
    return [
        passage
        for leaf_block, leaf_value in leaves(block, value)
        for passage in leaf_passages(leaf_block, leaf_value)
    ]
