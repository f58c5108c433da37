"""Log records as one JSON object per line, which log shippers read without parsing rules."""

import json
import logging
from datetime import UTC, datetime


class JSONFormatter(logging.Formatter):
    """time, level, logger and message; the request's method, path and status
    when Django gives them; the traceback, if any, as one string."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = request.method
            entry["path"] = request.path
        if hasattr(record, "status_code"):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
