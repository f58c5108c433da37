"""deploy/backup and deploy/restore, run as an operator runs them, for the tests of both."""

import os
import subprocess
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BACKUP = PROJECT_DIR / "deploy" / "backup"
RESTORE = PROJECT_DIR / "deploy" / "restore"


def run(command, *args, **env):
    """Run deploy/backup or deploy/restore as an operator would, in this environment."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "MEDIA_ROOT"}
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 (the project's own commands)
        [str(command), *map(str, args)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
