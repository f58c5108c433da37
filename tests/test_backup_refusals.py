"""deploy/backup and deploy/restore refuse plainly what the operator must fix.

One line on stderr, without a traceback or a password: a database that does
not answer, a target that is not a writable folder, an environment file
missing, or one that names no database as systemd reads it.
"""

import pytest

from tests.backup_commands import BACKUP, run

# The deployment's own backup script, run as an operator runs it.
pytestmark = pytest.mark.stack


def test_backup_refuses_an_unreachable_database_without_showing_its_password(
    tmp_path,
):
    made = run(
        BACKUP,
        tmp_path,
        DATABASE_URL="postgres://policy:Secret-Pa55word@127.0.0.1:1/policy",
        MEDIA_ROOT=tmp_path / "media",
    )

    assert made.returncode == 1
    assert made.stderr.startswith('backup: cannot reach the database "policy": ')
    assert made.stderr.count("\n") == 1
    assert "Secret-Pa55word" not in made.stdout + made.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("target", ["missing", "a-file"])
def test_backup_refuses_a_target_that_is_not_a_writable_folder(tmp_path, target):
    (tmp_path / "a-file").write_text("not a folder")

    made = run(
        BACKUP,
        tmp_path / target,
        DATABASE_URL="postgres://policy@127.0.0.1:1/policy",
        MEDIA_ROOT=tmp_path / "media",
    )

    assert made.returncode == 1
    assert made.stderr == (
        f"backup: {tmp_path / target} is not a directory: "
        "create it, writable by this user\n"
    )


def test_backup_reads_the_database_from_the_environment_file(tmp_path):
    env_file = tmp_path / "env"
    env_file.write_text(
        "# The site's database, as systemd gives it to the app\n"
        'DATABASE_URL="postgres://policy@127.0.0.1:1/from_the_file"\n'
    )
    target = tmp_path / "backups"
    target.mkdir()

    made = run(BACKUP, "--env-file", env_file, target)

    # The database the file names (which does not answer on port 1).
    assert made.returncode == 1
    assert made.stderr.startswith('backup: cannot reach the database "from_the_file"')
    # The environment wins over the file.
    made = run(
        BACKUP,
        "--env-file",
        env_file,
        target,
        DATABASE_URL="postgres://policy@127.0.0.1:1/from_the_environment",
    )
    assert made.stderr.startswith(
        'backup: cannot reach the database "from_the_environment"'
    )


def test_backup_ignores_an_exported_variable_as_systemd_does(tmp_path):
    env_file = tmp_path / "env"
    env_file.write_text("export DATABASE_URL=postgres://policy@127.0.0.1:1/policy\n")

    made = run(BACKUP, "--env-file", env_file, tmp_path)

    assert (made.returncode, made.stderr) == (
        1,
        "backup: DATABASE_URL is not set: it names the database, as for the app\n",
    )
    made = run(BACKUP, "--env-file", tmp_path / "missing", tmp_path)
    assert made.stderr == (
        f"backup: cannot read {tmp_path / 'missing'}: No such file or directory\n"
    )
