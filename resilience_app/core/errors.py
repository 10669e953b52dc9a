"""Errors a user can cause: carry a catalog key, shown in the user's language."""

from __future__ import annotations

import json


class UserError(Exception):
    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class RecordedRefusal(UserError):
    """A refusal whose own record must outlive it: a throttle's failure row.

    db_session commits the unit of work before re-raising this one, so a wrong password or
    invite code is counted even though the action failed. Raise it only after writing that
    record and nothing else.
    """


_SHOWN_MAX = 40


def shown(value: object) -> str:
    """A value quoted in a message, as JSON would write it: one line and at most about 40 characters."""
    if isinstance(value, str):
        text = value if len(value) <= _SHOWN_MAX else value[:_SHOWN_MAX] + "…"
        # json.dumps escapes line breaks; these three also end a line for some readers.
        quoted = json.dumps(text, ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8")
        return quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return json.dumps(value)
    if isinstance(value, int):
        # Past ~4300 digits Python refuses to print an int at all.
        if value.bit_length() <= 128:
            return str(value)
        return f"{'-' if value < 0 else ''}~10^{int(value.bit_length() * 0.30103)}"
    if isinstance(value, list):
        return "[…]" if value else "[]"
    if isinstance(value, dict):
        return "{…}" if value else "{}"
    return shown(str(value))
