"""Languages' names inside a sentence, as the sentence's language writes them.

French writes a language's name in lower case in running text (“publié en
français”, “Publier dans la langue : français”) and with a capital only where
the name stands alone: the language switcher's “Français”, a column of
“Anglais” and “Français” in the admin. English writes “French” everywhere.
Wagtail gives each language one name (the settings' WAGTAIL_CONTENT_LANGUAGES,
in the admin's language), the one that stands alone; `in_sentence` gives the
one a sentence needs.

LOWER_CASE_IN_SENTENCES lists the languages that write other languages' names
in lower case in a sentence; a language not in it keeps the name as it is
(English “French”, German “Französisch”).
"""

from django.utils.translation import get_language

LOWER_CASE_IN_SENTENCES = {"fr", "es", "it", "pt", "ca"}


def in_sentence(name, language_code=None):
    """A language's `name` as a sentence in `language_code` (the active language) writes it."""
    name = str(name)  # Wagtail's names are translated lazily
    code = (language_code or get_language() or "").split("-")[0].lower()
    if code not in LOWER_CASE_IN_SENTENCES or not name:
        return name
    # Only the first letter: “Portugais (Brésil)” becomes “portugais (Brésil)”.
    return name[0].lower() + name[1:]
