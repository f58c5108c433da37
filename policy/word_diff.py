"""Word by word: what changed in a passage, and which passages of two lists go together.

Plain-text algorithms with no knowledge of blocks; the public comparison of
two versions (public_comparison.py) is built on them.
"""

import re
from difflib import SequenceMatcher

# Two changed passages are shown as one edited passage when at least this share of
# their words is the same. Below it a word-by-word diff is mostly crossings-out
# and reads worse than the old passage removed and the new one added.
SAME_PASSAGE_RATIO = 1 / 3

# Words (with their apostrophes), single punctuation marks and runs of spaces, so
# that a diff crosses out whole words and keeps the spacing of the text.
TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]|\s+")


def word_diff(old, new):
    """The text as segments of ("equal" | "delete" | "insert", words)."""
    old_tokens = TOKEN.findall(old)
    new_tokens = TOKEN.findall(new)
    segments = []
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("equal", "".join(old_tokens[i1:i2])))
            continue
        if i1 < i2:
            segments.append(("delete", "".join(old_tokens[i1:i2])))
        if j1 < j2:
            segments.append(("insert", "".join(new_tokens[j1:j2])))
    return _join_edits(segments)


def _join_edits(segments):
    """Merge edits separated only by spaces into one deletion and one insertion.

    "<del>2</del><ins>13</ins> <del>years</del><ins>months</ins>" reads better
    as "<del>2 years</del><ins>13 months</ins>".
    """
    joined = []
    start = 0
    while start < len(segments):
        if segments[start][0] == "equal":
            joined.append(segments[start])
            start += 1
            continue
        end = start + 1
        while end < len(segments) and (
            segments[end][0] != "equal"
            or (
                segments[end][1].isspace()
                and end + 1 < len(segments)
                and segments[end + 1][0] != "equal"
            )
        ):
            end += 1
        edit = segments[start:end]
        if {"delete", "insert"} <= {op for op, _ in edit}:
            # The spaces belong to both versions, so both get them.
            joined.append(("delete", "".join(t for op, t in edit if op != "insert")))
            joined.append(("insert", "".join(t for op, t in edit if op != "delete")))
        else:
            joined.extend(edit)
        start = end
    return joined


def word_similarity(old, new):
    """The share of words two passages have in common, in the same order."""
    old_words = [token for token in TOKEN.findall(old) if not token.isspace()]
    new_words = [token for token in TOKEN.findall(new) if not token.isspace()]
    return SequenceMatcher(None, old_words, new_words, autojunk=False).ratio()


def align(old_items, new_items, similarity):
    """Pair the replaced items that read alike, keeping both lists' order.

    Returns (old, new) pairs in reading order, with None for the list without
    the item; a removed item comes before an added one that replaces it. Two
    items pair when `similarity(old, new)` reaches SAME_PASSAGE_RATIO; the
    pairing with the greatest total similarity wins.
    """
    scores = [[similarity(old, new) for new in new_items] for old in old_items]
    # best[i][j]: the greatest total similarity of the pairs that can be made
    # from old_items[i:] and new_items[j:].
    best = [[0.0] * (len(new_items) + 1) for _ in range(len(old_items) + 1)]
    for i in reversed(range(len(old_items))):
        for j in reversed(range(len(new_items))):
            best[i][j] = max(best[i + 1][j], best[i][j + 1])
            if scores[i][j] >= SAME_PASSAGE_RATIO:
                best[i][j] = max(best[i][j], scores[i][j] + best[i + 1][j + 1])
    aligned = []
    i = j = 0
    while i < len(old_items) or j < len(new_items):
        if j == len(new_items) or (i < len(old_items) and best[i][j] == best[i + 1][j]):
            aligned.append((old_items[i], None))
            i += 1
        elif i == len(old_items) or best[i][j] == best[i][j + 1]:
            aligned.append((None, new_items[j]))
            j += 1
        else:
            aligned.append((old_items[i], new_items[j]))
            i += 1
            j += 1
    return aligned
