"""The site's environment file, read as systemd reads it.

/etc/dmj-policy/env is loaded by the systemd units (EnvironmentFile=), by
deploy/manage and by deploy/backup and deploy/restore (--env-file), and
.serve.env by `make serve`. All of them must see the same variables, so
this is the one reader, following systemd.exec(5) on EnvironmentFile=; it
needs Python's standard library only, since deploy/backup runs with the
system's python3.

What it accepts, as systemd does:

- one KEY=VALUE assignment a line; blank lines, and lines whose first
  non-blank character is `#` or `;`, are comments; a line without `=` is
  ignored; whitespace around the key and the `=` is dropped;
- a KEY that is not a variable name (letters, digits and `_`, not starting
  with a digit) is ignored, with its value: `export KEY=value`, a shell's
  habit, sets nothing (systemd warns "Ignoring invalid environment
  assignment");
- an unquoted value keeps its inner whitespace, loses the whitespace at its
  ends, and takes a backslash as "the next character as it is" (`\\` is one
  backslash; a backslash at the end of a line joins the next line);
- 'single quotes': everything up to the next single quote, as it is,
  newlines included;
- "double quotes": as in a shell, `\\"`, `\\\\`, `\\$` and `` \\` `` stand for
  the character, a backslash before a newline joins the lines, and any other
  backslash stays; nothing is expanded (`$HOME` is those five characters);
- quoted and unquoted pieces next to each other are joined (`A="x"y` is
  xy), and whitespace between them is dropped;
- a variable given twice takes its last value.

Where it is stricter: a file that is not UTF-8 text, or holds a NUL byte,
is refused as a whole (systemd drops the assignments that are not UTF-8, and
stops reading at a NUL).
"""

import re
from pathlib import Path

WHITESPACE = " \t\n\r"
NEWLINE = "\n\r"
COMMENTS = "#;"
# In double quotes, a backslash before one of these stands for the character.
ESCAPED_IN_DOUBLE_QUOTES = '"\\`$'
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class EnvFileError(Exception):
    """The file cannot be read: said in one line, naming the file."""


def read_env_file(path):
    """{KEY: VALUE} of an environment file, read, never run as a shell would."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise EnvFileError(f"cannot read {path}: {error.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or "\0" in text:
        raise EnvFileError(f"cannot read {path}: it is not UTF-8 text")
    return {key: value for key, value in parse_env(text) if NAME.fullmatch(key)}


def parse_env(text):
    """(key, value) of each assignment in the text, in order, names unchecked.

    systemd's rules, character by character: a state says where in an
    assignment the character falls.
    """
    assignments = []
    key, value = [], []
    # Where trailing whitespace of the key or of an unquoted value starts.
    key_blank = value_blank = None
    state = "before key"

    def assign():
        name = "".join(key if key_blank is None else key[:key_blank])
        text = "".join(value if value_blank is None else value[:value_blank])
        assignments.append((name, text))

    for char in text:
        if state == "before key":
            if char in COMMENTS:
                state = "comment"
            elif char not in WHITESPACE:
                state, key, key_blank = "key", [char], None
        elif state == "key":
            if char in NEWLINE:
                state = "before key"
            elif char == "=":
                state, value, value_blank = "before value", [], None
            else:
                if char not in WHITESPACE:
                    key_blank = None
                elif key_blank is None:
                    key_blank = len(key)
                key.append(char)
        elif state == "before value":
            if char in NEWLINE:
                assign()
                state = "before key"
            elif char == "'":
                state = "single quotes"
            elif char == '"':
                state = "double quotes"
            elif char == "\\":
                state = "escape"
            elif char not in WHITESPACE:
                state = "value"
                value.append(char)
        elif state == "value":
            if char in NEWLINE:
                assign()
                state = "before key"
            elif char == "\\":
                state, value_blank = "escape", None
            else:
                if char not in WHITESPACE:
                    value_blank = None
                elif value_blank is None:
                    value_blank = len(value)
                value.append(char)
        elif state == "escape":
            state = "value"
            if char not in NEWLINE:
                value.append(char)
        elif state == "single quotes":
            if char == "'":
                state, value_blank = "before value", None
            else:
                value.append(char)
        elif state == "double quotes":
            if char == '"':
                state, value_blank = "before value", None
            elif char == "\\":
                state = "double quotes escape"
            else:
                value.append(char)
        elif state == "double quotes escape":
            state = "double quotes"
            if char in ESCAPED_IN_DOUBLE_QUOTES:
                value.append(char)
            elif char != "\n":
                value.extend(("\\", char))
        elif state == "comment" and char in NEWLINE:
            state = "before key"
    if state not in ("before key", "key", "comment"):
        assign()
    return assignments
