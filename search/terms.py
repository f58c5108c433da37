"""How much one search may ask for, on the site and through the API's ?search=.

The limits are checked before the words reach any query builder. Wagtail's,
behind the API, nests one level per word: 153 words (a URL of 327 bytes), or
78 joined with “OR”, exhausted Python's recursion limit and answered with a
500.
"""

# Far beyond anything a visitor types: the search boxes hold 200 characters
# (maxlength), and a long question is fifteen words or so. Far below what
# breaks: a fifth of the words that did.
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 32


def too_many_words(text):
    """Whether a search has more words (anything between spaces) than the limit."""
    return len(text.split()) > MAX_SEARCH_WORDS
