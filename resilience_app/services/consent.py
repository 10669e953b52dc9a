"""The privacy notice and each user's consent to it (PIPL art. 14, 17, 28-29).

The notice's text lives in the catalogs (i18n/*/privacy.json), one title and one body per section
below; NOTICE_VERSION names that text. Change the version whenever the text changes in substance:
every user is then asked again at their next page load, and their entries can't be saved until
they agree.

A consent counts when it is for the current version, covers sensitive personal information (mood
and mental-state entries) and has not been withdrawn.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.core import clock
from resilience_app.core.errors import UserError
from resilience_app.models import Consent
from resilience_app.services import accounts

NOTICE_VERSION = "2026-11-30"
SOURCES = ("signup", "sign_in", "operator")
# The notice's sections, in order: privacy.<key>.title and privacy.<key>.body in each catalog.
NOTICE_SECTIONS = ("collect", "why", "where", "how_long", "who_sees", "export_delete", "contact")


@dataclasses.dataclass(frozen=True)
class ConsentRecord:
    notice_version: str
    source: str
    given_at: datetime


def _current_rows(session: Session, user_id: int) -> list[Consent]:
    return list(session.scalars(
        select(Consent).where(
            Consent.user_id == user_id,
            Consent.notice_version == NOTICE_VERSION,
            Consent.sensitive.is_(True),
            Consent.withdrawn_at.is_(None),
        ).order_by(Consent.given_at)
    ))


def current(session: Session, *, user_id: int) -> ConsentRecord | None:
    """The user's standing consent to the current notice, or None: they must be asked."""
    rows = _current_rows(session, user_id)
    if not rows:
        return None
    row = rows[0]
    return ConsentRecord(notice_version=row.notice_version, source=row.source, given_at=row.given_at)


def has_current(session: Session, *, user_id: int) -> bool:
    return bool(_current_rows(session, user_id))


def record(session: Session, *, user_id: int, source: str) -> ConsentRecord:
    """Record the user's consent to the current notice, sensitive information included.

    Agreeing twice (a double tap) keeps the first answer."""
    if source not in SOURCES:
        raise ValueError(f"unknown consent source {source!r}")
    if standing := current(session, user_id=user_id):
        return standing
    row = Consent(user_id=user_id, notice_version=NOTICE_VERSION, sensitive=True, source=source,
                  given_at=clock.now())
    session.add(row)
    session.flush()
    return ConsentRecord(notice_version=row.notice_version, source=row.source, given_at=row.given_at)


def withdraw(session: Session, *, user_id: int) -> bool:
    """Withdraw every standing consent of the user; True if there was one. The rows stay (with
    the time of withdrawal) until the account is deleted."""
    now = clock.now()
    rows = list(session.scalars(select(Consent).where(Consent.user_id == user_id, Consent.withdrawn_at.is_(None))))
    for row in rows:
        row.withdrawn_at = now
    session.flush()
    return bool(rows)


def require(session: Session, *, user_id: int) -> None:
    """Refuse, in the user's words, to keep entries for someone who has not agreed."""
    if not has_current(session, user_id=user_id):
        raise UserError("error.consent_needed")


def sign_up(
    session: Session,
    *,
    agreed: bool,
    username: str,
    password: str,
    language: str | None = None,
    time_zone: str | None = None,
) -> accounts.Profile:
    """A new account from the sign-up form: only with the consent box ticked, and recorded in the
    same transaction as the account."""
    if not agreed:
        raise UserError("error.consent_signup")
    profile = accounts.register(session, username=username, password=password, language=language,
                                time_zone=time_zone)
    record(session, user_id=profile.id, source="signup")
    return profile
