"""Which PostgreSQL text search configuration reads each language.

The same configuration must build an entry's `search_vector` and parse the
visitor's query, or the stemmed words would not meet: both go through
`text_search_config()`.
"""

# french_unaccent is French stemming after removing accents, so that “donnees”
# finds “données”; migration 0002 creates it.
TEXT_SEARCH_CONFIGS = {
    "en": "english",
    "fr": "french_unaccent",
}

# A language without its own configuration is still searchable, word for word.
FALLBACK_CONFIG = "simple"


def text_search_config(language_code):
    """The text search configuration for pages and queries in this language."""
    return TEXT_SEARCH_CONFIGS.get(language_code.split("-")[0], FALLBACK_CONFIG)
