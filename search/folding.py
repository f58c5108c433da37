"""Words compared without accents or case, for the search on SQLite.

PostgreSQL removes accents with its `unaccent` extension (search/config.py);
SQLite has nothing of the kind, so the same folding is done here, in Python:
`fold` turns “Données” into “donnees”. A visitor's word matches a word of the
text that it begins, accents and case aside: “donnees” and “donnée” find
“Données”, never the end of “coordonnées”. The search (search/query.py) asks
that of the indexed headings and texts through the SQL function
`search_has_word` registered on every SQLite connection; `folded_spans` finds
those words again in the original text, to mark them whole in the results.
"""

import functools
import re
import unicodedata

SQL_FUNCTION = "search_has_word"


@functools.lru_cache(maxsize=4096)
def _fold_character(character):
    decomposed = unicodedata.normalize("NFKD", character)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text):
    """The text in lower case, without accents: “DONNÉES” and “données” give “donnees”."""
    if text is None:
        return None
    return "".join(_fold_character(character) for character in text)


def _word_starts(folded_words):
    """A pattern for the words of the text that begin with one of `folded_words`, whole."""
    needles = sorted(set(folded_words), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, needles))})\w*")


def has_word(text, folded_word):
    """Whether a word of `text` begins with `folded_word` (already folded), accents and case aside."""
    if not text or not folded_word:
        return False
    return _word_starts([folded_word]).search(fold(text)) is not None


def folded_spans(text, words):
    """(start, end) in `text` of every word that begins with one of `words`, accents and case aside.

    Each span is a whole word of the text (“données” for “donnee”); a word
    inside another (“coordonnées”) is no match. Spans do not overlap.
    """
    needles = [folded for word in words if (folded := fold(word))]
    if not needles:
        return []
    folded, origin = [], []
    for index, character in enumerate(text):
        for folded_character in _fold_character(character):
            folded.append(folded_character)
            origin.append(index)
    return [
        (origin[match.start()], origin[match.end() - 1] + 1)
        for match in _word_starts(needles).finditer("".join(folded))
    ]


def register_on_sqlite(sender, connection, **kwargs):
    """connection_created: give each SQLite connection the `search_has_word` function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQL_FUNCTION, 2, has_word, deterministic=True
        )
