"""Every private row has a user_id and a stable public_id; this is how a service finds one.

Someone else's row answers exactly like a missing one, so ids can't be probed.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.core.errors import UserError

Row = TypeVar("Row")


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
