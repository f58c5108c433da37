"""The command line of deploy/backup and deploy/restore."""

import argparse
import shutil

from deploy.backups.backup import backup
from deploy.backups.report import EXIT_REFUSED, Refused, Report
from deploy.backups.restore import restore


def parser():
    top = argparse.ArgumentParser(
        description="Back up or restore the site's database and media files."
    )
    commands = top.add_subparsers(dest="command", required=True)

    make = commands.add_parser(
        "backup",
        prog="deploy/backup",
        description=(
            "Write a backup of the database named by DATABASE_URL and the media "
            "folder MEDIA_ROOT into a new folder DIRECTORY/policy-<UTC time>."
        ),
    )
    make.add_argument(
        "directory", metavar="DIRECTORY", help="an existing, writable folder"
    )
    make.add_argument(
        "--keep",
        type=int,
        metavar="N",
        help="then delete all but the newest N backups in DIRECTORY",
    )
    make.add_argument(
        "--quiet", action="store_true", help="print errors only (for cron)"
    )
    make.add_argument(
        "--env-file",
        metavar="FILE",
        help="read DATABASE_URL and MEDIA_ROOT from FILE (as systemd's EnvironmentFile) if not set",
    )
    make.set_defaults(run=backup)

    back = commands.add_parser(
        "restore",
        prog="deploy/restore",
        description=(
            "Restore a backup folder into the EMPTY database named by DATABASE_URL "
            "and the empty or missing media folder MEDIA_ROOT, then check the "
            "restored rows and files against the backup's manifest. With --check, "
            "only check the backup itself."
        ),
    )
    back.add_argument(
        "backup", metavar="BACKUP", help="a folder written by deploy/backup"
    )
    back.add_argument(
        "--check",
        action="store_true",
        help="verify the backup's checksums and read its dump back; restore nothing",
    )
    back.add_argument(
        "--env-file",
        metavar="FILE",
        help="read DATABASE_URL and MEDIA_ROOT from FILE (as systemd's EnvironmentFile) if not set",
    )
    back.set_defaults(run=restore)
    return top


def main(argv=None):
    args = parser().parse_args(argv)
    Report.quiet = getattr(args, "quiet", False)
    if args.command == "backup" and args.keep is not None and args.keep < 1:
        parser().error("--keep must be 1 or more")
    try:
        for program in ("pg_dump", "pg_restore", "psql"):
            if not shutil.which(program):
                raise Refused(f"{program} not found: install postgresql-client")
        return args.run(args)
    except Refused as refusal:
        Report.refuse(f"{args.command}: {refusal}")
        return EXIT_REFUSED
