"""Log records shaped for people who read the log."""

from __future__ import annotations

import logging


class PermissionDeniedOneLine(logging.Filter):
    """A refused request (403) is one line: path, user id and the reason, no traceback.

    Django logs every PermissionDenied with its traceback at WARNING; a bot scanning staff
    pages filled the log with them (issue 12). The reason is the exception's message.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) != 403 or not record.exc_info:
            return True
        exc = record.exc_info[1]
        request = getattr(record, "request", None)
        user = getattr(request, "user", None)
        user_id = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) \
            else "anonymous"
        path = getattr(request, "path", "") or (record.args[0] if record.args else "")
        reason = str(exc) or type(exc).__name__
        record.msg = "Forbidden: %s (user %s): %s"
        record.args = (path, user_id, reason)
        record.exc_info = None
        record.exc_text = None
        return True
