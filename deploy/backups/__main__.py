"""python -m deploy.backups backup|restore ...: what deploy/backup and deploy/restore run."""

import sys

from deploy.backups.cli import main

sys.exit(main())
