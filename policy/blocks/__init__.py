"""StreamField blocks that make up a privacy and cookie policy.

`base` holds the field blocks every part reuses, `cookies` the cookie tables
and `sections` the policy's body: sections of text, highlighted boxes,
contact details and the “last updated” sentence.
"""

from .base import (
    EditorCharBlock,
    EditorChoiceBlock,
    EditorRichTextBlock,
    EditorTextBlock,
    SameInEveryLanguageBlock,
)
from .cookies import CookieBlock, CookieListBlock, CookieTableBlock
from .sections import (
    CalloutBlock,
    ContactBlock,
    LastUpdatedBlock,
    ParagraphBlock,
    PolicyBodyBlock,
    SectionBlock,
    SectionContentBlock,
)

__all__ = [
    "CalloutBlock",
    "ContactBlock",
    "CookieBlock",
    "CookieListBlock",
    "CookieTableBlock",
    "EditorCharBlock",
    "EditorChoiceBlock",
    "EditorRichTextBlock",
    "EditorTextBlock",
    "LastUpdatedBlock",
    "ParagraphBlock",
    "PolicyBodyBlock",
    "SameInEveryLanguageBlock",
    "SectionBlock",
    "SectionContentBlock",
]
