"""The media folder, the files of a backup, and the version of the app that wrote it."""

import hashlib
import os
import shutil
import subprocess
import tarfile
import tomllib
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent.parent
# Where the app keeps uploads when MEDIA_ROOT is not set (site/settings/base.py).
DEFAULT_MEDIA_ROOT = CHECKOUT / "media"


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root):
    """(count, bytes) of the regular files under a folder."""
    count = size = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                count += 1
                size += path.stat().st_size
    return count, size


def archive_media(media_root, archive):
    """Write every file under media_root to a gzipped tar; return (files, bytes)."""
    count = size = 0
    with tarfile.open(archive, "w:gz") as tar:
        if media_root.is_dir():
            for folder, dirs, files in os.walk(media_root):
                dirs.sort()
                for name in sorted(files):
                    path = Path(folder, name)
                    member = tar.gettarinfo(
                        path, path.relative_to(media_root).as_posix()
                    )
                    if member.isreg():
                        with open(path, "rb") as file:
                            tar.addfile(member, file)
                        count += 1
                        size += member.size
                    elif member.issym():
                        tar.addfile(member)
    return count, size


def app_version():
    """The app's version (pyproject.toml) and git commit, when they can be known."""
    version = {}
    try:
        with open(CHECKOUT / "pyproject.toml", "rb") as file:
            project = tomllib.load(file)["project"]
        version["name"] = project["name"]
        version["version"] = project["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    if shutil.which("git") and (CHECKOUT / ".git").exists():
        git = ["git", "-C", str(CHECKOUT)]
        commit = subprocess.run(  # noqa: S603 (fixed program)
            [*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=False
        )
        if commit.returncode == 0:
            version["git_commit"] = commit.stdout.strip()
            status = subprocess.run(  # noqa: S603 (fixed program)
                [*git, "status", "--porcelain", "--untracked-files=no"],
                capture_output=True,
                text=True,
                check=False,
            )
            version["git_changes"] = bool(status.stdout.strip())
    return version
