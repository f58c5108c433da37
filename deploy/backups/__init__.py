"""Back up and restore the site: its PostgreSQL database and its uploaded media.

Run through deploy/backup and deploy/restore (deploy/BACKUPS.md says how and
when). This package needs only Python's standard library and PostgreSQL's client
programs (pg_dump, pg_restore, psql), so that a new server can restore a backup
before the application is installed, and cron can run it without the app's
virtual environment: its modules import nothing else (deploy.envfile included).

A backup is one folder, policy-<UTC time>, holding:

- database.dump: `pg_dump -Fc`, one consistent snapshot of the whole database;
- media.tar.gz: every file under MEDIA_ROOT;
- manifest.json: when, which version of the app, checksums of both files, and
  the number of rows of every table in the dump (pages, revisions, policy
  versions, translations, users...) and of media files, which a restore is
  checked against.

Its modules: report (what the commands say, and their refusals), manifest
(what a backup folder holds, and reading one back), database (PostgreSQL
through its client programs), files (the media folder and the app's
version), backup and restore (the two commands' steps), cli (their command
line; `python -m deploy.backups` runs it).
"""
