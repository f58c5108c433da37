"""Reading what the site answers as a browser reads it: a Content-Security-Policy,
consent.js and consent-mode.js."""

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


def configs_of(response):
    """The settings of each function a consent script calls, in order.

    Each function ends on a line of its own with its call: `})({...});`.
    """
    text = response.content.decode()
    calls = re.findall(r"^\}\)\((\{.*\})\);$", text, re.M)
    assert calls, "the script calls its functions with their settings"
    assert text.rstrip().endswith(");"), "the script ends with a call"
    return [json.loads(call) for call in calls]


def config_of(response):
    """The settings consent.js carries, as the banner reads them: its last call."""
    return configs_of(response)[-1]


def mode_config_of(response):
    """The settings of Google Consent Mode, which /consent.js and /consent-mode.js
    call first."""
    return configs_of(response)[0]
