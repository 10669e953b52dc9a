"""Tab tokens never reach the logs.

A Reflex tab token (a UUID) names a tab's state on the server, so a log line that prints one
("Attempting to send delta to disconnected client '…'", or a websocket URL's ?token=) would
hand that state to whoever reads the log. Every log record, from any library, has UUIDs
masked before any handler sees it.
"""

from __future__ import annotations

import logging
import re
import traceback

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
MASK = "[token]"
# The private calendar link's secret (web/reminder_routes.py) is a key too: an access log keeps the path.
_CALENDAR_LINK = re.compile(r"(/api/reminders/)[A-Za-z0-9_-]+")


def redact(text: str) -> str:
    return _CALENDAR_LINK.sub(rf"\g<1>{MASK}", _UUID.sub(MASK, text))


def install() -> None:
    """Wrap the log record factory once per process."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "_redacts_tokens", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's to report
            return record
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
        return record

    factory._redacts_tokens = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
