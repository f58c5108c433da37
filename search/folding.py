"""Words compared without accents or case, for the search on SQLite.

PostgreSQL removes accents with its `unaccent` extension (search/config.py);
SQLite has nothing of the kind, so the same folding is done here, in Python:
`fold` turns “Données” into “donnees”. The search (search/query.py) folds the
visitor's words and, through the SQL function `search_fold` registered on every
SQLite connection, the indexed headings and texts; `folded_spans` finds the
words again in the original text, to mark them in the results.
"""

import functools
import unicodedata

SQL_FUNCTION = "search_fold"


@functools.lru_cache(maxsize=4096)
def _fold_character(character):
    decomposed = unicodedata.normalize("NFKD", character)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text):
    """The text in lower case, without accents: “DONNÉES” and “données” give “donnees”."""
    if text is None:
        return None
    return "".join(_fold_character(character) for character in text)


def folded_spans(text, words):
    """(start, end) in `text` of every occurrence of the words, accents and case aside.

    Spans are in the original text and do not overlap; a longer word wins
    over a shorter one starting at the same place.
    """
    folded, origin = [], []
    for index, character in enumerate(text):
        for folded_character in _fold_character(character):
            folded.append(folded_character)
            origin.append(index)
    folded = "".join(folded)
    needles = sorted(
        {fold(word) for word in words if fold(word)}, key=len, reverse=True
    )
    spans = []
    position = 0
    while needles and position < len(folded):
        found = [
            (start, -len(needle), needle)
            for needle in needles
            if (start := folded.find(needle, position)) >= 0
        ]
        if not found:
            break
        start, _length, needle = min(found)
        end = start + len(needle)
        spans.append((origin[start], origin[end - 1] + 1))
        position = end
    return spans


def register_on_sqlite(sender, connection, **kwargs):
    """connection_created: give each SQLite connection the `search_fold` function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQL_FUNCTION, 1, fold, deterministic=True)
