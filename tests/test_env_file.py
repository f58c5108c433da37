"""The site's environment file is read as systemd reads it (deploy/envfile.py).

systemd loads /etc/dmj-policy/env into the app (EnvironmentFile=), and
deploy/manage, deploy/backup and deploy/restore read the same file: each
case below is a rule of systemd.exec(5), so that an operator's file means
the same to all of them (tests/test_backup_refusals.py and
tests/test_operator_command.py run the commands with one).
"""

import pytest

from deploy.envfile import EnvFileError, read_env_file

RULES = {
    "blank lines and comments, # or ;, indented or not": (
        "# a comment\n\n; another\n   # indented\nA=1\n",
        {"A": "1"},
    ),
    "whitespace around the key, the = and the value": (
        "  A  =  two words  \n",
        {"A": "two words"},
    ),
    "a # inside a value is not a comment": (
        "A=x # y\n",
        {"A": "x # y"},
    ),
    "double quotes, with a shell's escapes and no expansion": (
        'A="a \\"b\\" \\\\ \\$HOME $HOME \\n"\n',
        {"A": 'a "b" \\ $HOME $HOME \\n'},
    ),
    "single quotes, as they are": (
        "A='a \"b\" \\ $HOME'\n",
        {"A": 'a "b" \\ $HOME'},
    ),
    "quotes inside an unquoted value stay": (
        'A=x "y"\n',
        {"A": 'x "y"'},
    ),
    "quoted pieces are joined": (
        "A=\"x\" 'y'z\n",
        {"A": "xyz"},
    ),
    "a quoted value spans lines": (
        "A='one\ntwo'\nB=\"three\nfour\"\n",
        {"A": "one\ntwo", "B": "three\nfour"},
    ),
    "a backslash: the next character as it is, or the next line": (
        'A=a\\ b\\\\c\\"d\nB=one \\\ntwo\n',
        {"A": 'a b\\c"d', "B": "one two"},
    ),
    "a comment ending in a backslash does not continue": (
        "# note \\\nA=1\n",
        {"A": "1"},
    ),
    "export is a shell's, not systemd's: nothing is set": (
        "export A=1\nB=2\n",
        {"B": "2"},
    ),
    "names that are not variable names, and lines without =": (
        "1A=1\nA-B=2\nA B=3\njust words\n_ok9=4\n",
        {"_ok9": "4"},
    ),
    "an empty value": (
        "A=\nB=''\n",
        {"A": "", "B": ""},
    ),
    "the last of a name given twice": (
        "A=1\nA=2\n",
        {"A": "2"},
    ),
    "Windows line ends, and no line end at the end": (
        "A=1\r\nB='2'\r\nC=3",
        {"A": "1", "B": "2", "C": "3"},
    ),
}


@pytest.mark.parametrize("rule", RULES, ids=str)
def test_the_environment_file_follows_systemd_s_rules(tmp_path, rule):
    text, variables = RULES[rule]
    path = tmp_path / "env"
    path.write_text(text)

    assert read_env_file(path) == variables


def test_a_file_that_is_not_text_is_refused_naming_it(tmp_path):
    path = tmp_path / "env"
    path.write_bytes(b"A=caf\xe9\n")

    with pytest.raises(EnvFileError, match=f"cannot read {path}: it is not UTF-8"):
        read_env_file(path)
    with pytest.raises(EnvFileError, match="No such file or directory"):
        read_env_file(tmp_path / "missing")
