"""What a backup folder holds, as its manifest.json lists it, and reading one back."""

import json
import re
from pathlib import Path

from deploy.backups.files import sha256
from deploy.backups.report import Refused, say

MANIFEST = "manifest.json"
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
FORMAT = 1
NAME_PREFIX = "policy-"
BACKUP_NAME = re.compile(r"^policy-\d{8}T\d{6}Z$")

# The rows an operator checks a restore against, by name; the manifest also
# counts every other table, and the restore compares them all.
SUMMARY = {
    "pages": "public.wagtailcore_page",
    "revisions": "public.wagtailcore_revision",
    "policy versions": "public.policy_policyversion",
    "translation sources": "public.wagtail_localize_translationsource",
    "translations": "public.wagtail_localize_translation",
    "strings": "public.wagtail_localize_string",
    "string translations": "public.wagtail_localize_stringtranslation",
    "users": "public.auth_user",
    "groups": "public.auth_group",
    "group page permissions": "public.wagtailcore_grouppagepermission",
    "workflows": "public.wagtailcore_workflow",
    "search entries": "public.search_searchentry",
    "images": "public.wagtailimages_image",
    "image renditions": "public.wagtailimages_rendition",
    "documents": "public.wagtaildocs_document",
}
# Rows that point at files under MEDIA_ROOT.
MEDIA_TABLES = (
    "public.wagtailimages_image",
    "public.wagtailimages_rendition",
    "public.wagtaildocs_document",
)


def summary_lines(counts, media):
    lines = [
        f"  {label:24} {counts.get(table, 0):>8}" for label, table in SUMMARY.items()
    ]
    lines.append(f"  {'media files':24} {media['files']:>8}")
    return lines


def read_backup(folder):
    """The manifest of a backup folder, once both files match their checksums."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except OSError:
        raise Refused(f"{folder} is not a backup: it has no {MANIFEST}") from None
    except ValueError:
        raise Refused(f"{folder / MANIFEST} is damaged: it is not JSON") from None
    if manifest.get("format") != FORMAT:
        raise Refused(f"{folder} has a backup format this script does not know")
    for part in ("database", "media"):
        path = folder / manifest[part]["file"]
        if not path.is_file():
            raise Refused(f"{path} is missing")
        if sha256(path) != manifest[part]["sha256"]:
            raise Refused(f"{path} is damaged: its checksum differs from the manifest")
    return manifest


def describe(manifest):
    app = manifest.get("app", {})
    version = " ".join(
        filter(
            None, [app.get("name"), app.get("version"), app.get("git_commit", "")[:12]]
        )
    )
    say(f"Backup of {manifest['created_at']} ({version or 'app version unknown'}):")
    for line in summary_lines(manifest["tables"], manifest["media"]):
        say(line)


def compare(expected, actual, first="in the backup", second="restored"):
    """Lines saying where two {name: count} differ."""
    lines = []
    for name in sorted(set(expected) | set(actual)):
        if expected.get(name) != actual.get(name):
            lines.append(
                f"{name}: {expected.get(name, 'absent')} {first}, "
                f"{actual.get(name, 'absent')} {second}"
            )
    return lines
