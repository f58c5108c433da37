"""Each language's typography, applied to a page's HTML as it is rendered.

Only French has rules of its own (TYPESETTERS): other languages are set as typed.

French puts a space before `:`, `;`, `!` and `?` and inside « », and that space
must not break the line. The policy's text keeps the ordinary spaces its
authors typed (the French page is the published notice word for word, and the
API serves the text as stored); only the HTML a reader gets has the no-break
spaces: a narrow one (U+202F) before `; ! ?`, a full one (U+00A0) before `:`
and inside « ».

A no-break space typed anywhere else is a slip that makes short lines: it is
read as an ordinary space, except after a figure (“13 mois”, “1 000”), where
it keeps a number with what it counts.

Only text between tags changes: tags and their attributes (addresses among
them), comments, and the content of code, pre, script, style and textarea
elements are left as they are. Nothing is added where the text has no space,
so “10:30” and “https://” stay whole.
"""

import re

from django.utils.safestring import mark_safe

NO_BREAK_SPACE = "\u00a0"
NARROW_NO_BREAK_SPACE = "\u202f"

# What is not prose: copied through unchanged.
_MARKUP = re.compile(
    r"<!--.*?-->"
    r"|<(?P<raw>code|pre|script|style|textarea)\b.*?</(?P=raw)\s*>"
    r"|<[^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_NO_BREAK = r"(?:\u00a0|&nbsp;|&#160;|&#x0*a0;)"
_SPACE = rf"(?:[ \t\r\n\u202f]|{_NO_BREAK})+"

# With the spaces around it, which it would otherwise double.
_STRAY_NO_BREAK = re.compile(
    rf"(?<![0-9])[ \t\r\n]*(?:{_NO_BREAK}[ \t\r\n]*)+", re.IGNORECASE
)
_RULES = [
    (re.compile(rf"{_SPACE}(?=[;!?])", re.IGNORECASE), NARROW_NO_BREAK_SPACE),
    (re.compile(rf"{_SPACE}(?=:)", re.IGNORECASE), NO_BREAK_SPACE),
    (re.compile(rf"«{_SPACE}", re.IGNORECASE), "«" + NO_BREAK_SPACE),
    (re.compile(rf"{_SPACE}»", re.IGNORECASE), NO_BREAK_SPACE + "»"),
]


# Text with none of these has nothing to change: most runs between tags.
_MAY_CHANGE = re.compile(rf"[;!?:«»]|{_NO_BREAK}", re.IGNORECASE)


def french_text(text):
    """One run of text (no tags) with French no-break spaces."""
    if not _MAY_CHANGE.search(text):
        return text
    text = _STRAY_NO_BREAK.sub(" ", text)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def french_html(html):
    """HTML with French no-break spaces in its text, its markup untouched."""
    parts = []
    end = 0
    for markup in _MARKUP.finditer(html):
        parts.append(french_text(html[end : markup.start()]))
        parts.append(markup.group())
        end = markup.end()
    parts.append(french_text(html[end:]))
    return mark_safe("".join(parts))  # noqa: S308 (only spaces of safe HTML change)


# How each language's readers expect text to be set, by its primary subtag
# (fr-CA, fr-BE: fr). A fact about the language, whichever languages the site
# has (settings.LANGUAGES): a language without an entry is left as typed.
TYPESETTERS = {"fr": french_html}


def typography(html, language_code):
    """The rendered HTML as readers of `language_code` expect it to be set."""
    typeset = TYPESETTERS.get((language_code or "").split("-")[0].lower())
    return typeset(html) if typeset else html
