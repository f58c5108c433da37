"""StreamField blocks that make up a privacy and cookie policy.

`base` holds the field blocks every part reuses, `cookies` the cookie tables
and `sections` the policy's body: sections of text, highlighted boxes,
contact details and the “last updated” sentence; `facts` the structured
facts beside the text (controller, purposes and lawful bases, retention…).
"""

from .base import (
    EditorCharBlock,
    EditorChoiceBlock,
    EditorRichTextBlock,
    EditorTextBlock,
    SameInEveryLanguageBlock,
)
from .cookies import CookieBlock, CookieListBlock, CookieTableBlock
from .facts import (
    AuthorityBlock,
    ContactPointBlock,
    FactsBlock,
    PurposeBlock,
    RetentionBlock,
)
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
    "AuthorityBlock",
    "CalloutBlock",
    "ContactBlock",
    "ContactPointBlock",
    "CookieBlock",
    "CookieListBlock",
    "CookieTableBlock",
    "EditorCharBlock",
    "EditorChoiceBlock",
    "EditorRichTextBlock",
    "EditorTextBlock",
    "FactsBlock",
    "LastUpdatedBlock",
    "ParagraphBlock",
    "PolicyBodyBlock",
    "PurposeBlock",
    "RetentionBlock",
    "SameInEveryLanguageBlock",
    "SectionBlock",
    "SectionContentBlock",
]
