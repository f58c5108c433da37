"""Run any management command with exactly the environment the site runs with.

On this machine, with `make serve`'s environment (its settings, database,
Redis, secrets in .serve.env and address), whether or not it is running:

    make manage ARGS="createsuperuser"
    python -m deploy.manage --serve --port 8080 createsuperuser

On a server, with the environment file the systemd units load
(deploy/dmj-policy.env.example says what it holds), as the site's user:

    sudo -u policy /srv/policy/deploy/manage createsuperuser
    python -m deploy.manage --env-file /etc/dmj-policy/env createsuperuser

Variables already set in the environment win over the file, as for
`make serve`. The command runs in the foreground, with this terminal.
"""

import argparse
import os
import subprocess
import sys

from deploy.envfile import EnvFileError, read_env_file
from deploy.serve import DEFAULT_REDIS_PORT, environment
from deploy.stack import PROJECT_DIR


def production_environment(env_file):
    """The variables of env_file, under the production settings, the environment winning."""
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.production"}
    env.update(read_env_file(env_file))
    env.update({key: os.environ[key] for key in env if key in os.environ})
    return env


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        usage="%(prog)s (--serve [--port PORT] | --env-file FILE) COMMAND [ARGS ...]",
    )
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--serve", action="store_true", help="make serve's environment on this machine"
    )
    where.add_argument("--env-file", help="the site's environment file on a server")
    parser.add_argument("--port", type=int, default=8080, help="make serve's PORT")
    parser.add_argument("--redis-port", type=int, default=DEFAULT_REDIS_PORT)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if not args.command:
        parser.error("name a management command, as: createsuperuser")
    try:
        if args.serve:
            env = environment(args.port, redis_port=args.redis_port)
        else:
            env = production_environment(args.env_file)
    except EnvFileError as error:
        sys.stderr.write(f"{error}\n")
        return 2
    return subprocess.run(  # noqa: S603
        [sys.executable, str(PROJECT_DIR / "manage.py"), *args.command],
        cwd=PROJECT_DIR,
        env={**os.environ, **env},
        check=False,
    ).returncode


if __name__ == "__main__":
    sys.exit(main())
