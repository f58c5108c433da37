"""Reading what the site answers as a browser reads it: a Content-Security-Policy, consent.js."""

import json
import re


def csp_directives(header):
    """A Content-Security-Policy header's directives: name → its sources, lower-cased."""
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = [word.lower() for word in words[1:]]
    return directives


def config_of(response):
    """The settings consent.js carries, as the script reads them."""
    text = response.content.decode()
    match = re.search(r"\}\)\((\{.*\})\);\s*$", text, re.S)
    assert match, "the script ends by calling itself with its settings"
    return json.loads(match.group(1))
