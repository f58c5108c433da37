"""Where the database and the media are: DATABASE_URL and MEDIA_ROOT, as the app reads them."""

import os
from pathlib import Path

from deploy.backups.database import Database
from deploy.backups.files import DEFAULT_MEDIA_ROOT
from deploy.backups.report import Refused
from deploy.envfile import EnvFileError, read_env_file


def settings_from(args):
    """DATABASE_URL and MEDIA_ROOT, from the environment as the app reads them.

    --env-file fills in what the environment does not set: the app's own
    environment file, so that cron needs no secret in its crontab.
    """
    env = dict(os.environ)
    if args.env_file:
        try:
            file = read_env_file(args.env_file)
        except EnvFileError as error:
            raise Refused(str(error)) from None
        for key, value in file.items():
            env.setdefault(key, value)
    url = env.get("DATABASE_URL", "").strip()
    if not url:
        raise Refused("DATABASE_URL is not set: it names the database, as for the app")
    media_root = Path(env.get("MEDIA_ROOT") or DEFAULT_MEDIA_ROOT)
    return Database(url), media_root
