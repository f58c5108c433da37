"""What deploy/backup and deploy/restore say: progress, results and refusals."""

import sys

EXIT_REFUSED = 1
EXIT_COUNTS_DIFFER = 3


class Refused(Exception):
    """Something the operator must fix; said in one line, without a traceback."""


class Report:
    """What a command says: progress and results on stdout, unless --quiet
    (cron mails whatever a job prints), and refusals on stderr, always."""

    quiet = False

    @classmethod
    def say(cls, message):
        if not cls.quiet:
            sys.stdout.write(f"{message}\n")
            sys.stdout.flush()

    @staticmethod
    def refuse(message):
        sys.stderr.write(f"{message}\n")


say = Report.say


def human_size(size):
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"
