"""Log records as JSON lines on stdout, one object a line, for any log collector to read."""

import json
import logging
from datetime import UTC, datetime


class JsonLinesFormatter(logging.Formatter):
    """time, level, logger, message; method, path and status for request logs; the traceback for errors.

    Only the path is logged, never the query string, headers, cookies or body: addresses on this site
    can carry what a person chose in a skills check, and bodies carry passwords.
    """

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if isinstance(path, str):
            entry["method"] = getattr(request, "method", None)
            entry["path"] = path
        if isinstance(getattr(record, "status_code", None), int):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
