"""Every private row has a user_id and a stable public_id; this is how a service finds one.

Someone else's row answers exactly like a missing one, so ids can't be probed.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.core import clock
from resilience_app.core.errors import UserError
from resilience_app.models import User

Row = TypeVar("Row")


def user_row(session: Session, user_id: int, *, missing: str = "error.session_expired") -> User:
    """The acting user's row; a user deleted mid-session raises UserError(missing)."""
    user = session.get(User, user_id)
    if user is None:
        raise UserError(missing)
    return user


def find_owned(session: Session, model: type[Row], user_id: int, public_id: str | None) -> Row | None:
    """The user's row with this stable id, or None."""
    if not public_id:
        return None
    return session.scalar(select(model).where(model.user_id == user_id, model.public_id == public_id))


def owned(session: Session, model: type[Row], user_id: int, public_id: str | None) -> Row:
    """The user's row with this stable id, or UserError("error.not_found")."""
    row = find_owned(session, model, user_id, public_id)
    if row is None:
        raise UserError("error.not_found")
    return row


def write_owned(session: Session, model: type[Row], user_id: int, checked: list[dict], *, stamped: bool) -> None:
    """Import: insert or overwrite each already-checked row by its stable id.

    `stamped` tables carry created_at/updated_at, set to now on insert and update.
    """
    now = clock.now()
    for fields in checked:
        row = find_owned(session, model, user_id, fields["public_id"])
        if row is None:
            row = model(user_id=user_id, public_id=fields["public_id"], **({"created_at": now} if stamped else {}))
            session.add(row)
        for name, value in fields.items():
            setattr(row, name, value)
        if stamped:
            row.updated_at = now
    session.flush()
