"""Accounts: register, authenticate, change password, settings, roles."""

from __future__ import annotations

import dataclasses
import unicodedata
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.contracts import account as contract
from resilience_app.core import clock, security
from resilience_app.core.errors import RecordedRefusal, UserError
from resilience_app.models import User
from resilience_app.services import sessions, throttle

DEFAULT_TIME_ZONE = "Asia/Shanghai"
DEFAULT_DAY_START = 4


@dataclasses.dataclass(frozen=True)
class Profile:
    """What the rest of the app may know about a user: plain data, no ORM row."""

    id: int
    public_id: str
    username: str
    display_name: str
    language: str
    time_zone: str
    day_start_hour: int
    role: str
    review_weekday: int = 6
    review_hour: int = 20

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username


def _profile(user: User) -> Profile:
    return Profile(
        id=user.id,
        public_id=user.public_id,
        username=user.username,
        display_name=user.display_name,
        language=user.language,
        time_zone=user.time_zone,
        day_start_hour=user.day_start_hour,
        role=user.role,
        review_weekday=user.review_weekday,
        review_hour=user.review_hour,
    )


def username_key(username: str) -> str:
    return unicodedata.normalize("NFKC", username).strip().casefold()


def _check_username(username: str) -> str:
    name = unicodedata.normalize("NFKC", username).strip()
    if not name:
        raise UserError("error.username_required")
    if not contract.USERNAME_MIN <= len(name) <= contract.USERNAME_MAX:
        raise UserError("error.username_length", min=contract.USERNAME_MIN, max=contract.USERNAME_MAX)
    if not all(ch.isalnum() or ch in "_.-" for ch in name):
        raise UserError("error.username_chars")
    return name


def normalise_language(language: str | None) -> str:
    return language if language in contract.LANGUAGE.values else "zh-CN"


def language_from_accept(accept_language: str) -> str:
    """zh-CN unless the browser's first preference is English."""
    first = accept_language.split(",", 1)[0].strip().lower()
    return "en" if first.startswith("en") else "zh-CN"


def valid_time_zone(name: str | None) -> str | None:
    if not name or len(name) > contract.TIME_ZONE_MAX:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def register(
    session: Session,
    *,
    username: str,
    password: str,
    language: str | None = None,
    time_zone: str | None = None,
) -> Profile:
    name = _check_username(username)
    if problem := security.password_problem(password, name):
        raise UserError(problem, min=security.PASSWORD_MIN, max=security.PASSWORD_MAX)
    key = username_key(name)
    if session.scalar(select(User.id).where(User.username_key == key)) is not None:
        raise UserError("error.username_taken")
    now = clock.now()
    user = User(
        public_id=security.new_public_id(),
        username=name,
        username_key=key,
        password_hash=security.hash_password(password),
        display_name="",
        language=normalise_language(language),
        time_zone=valid_time_zone(time_zone) or DEFAULT_TIME_ZONE,
        day_start_hour=DEFAULT_DAY_START,
        role="member",
        created_at=now,
        password_changed_at=now,
    )
    session.add(user)
    session.flush()
    return _profile(user)


def authenticate(session: Session, *, username: str, password: str, client: str = "") -> Profile:
    """The user's profile, or UserError: throttled, or the same answer for any bad pair.

    `client` names the browser (see services/throttle.py). A wrong password is a
    RecordedRefusal: its failure row is committed although the sign-in fails.
    """
    key = username_key(username)[:64]
    user = session.scalar(select(User).where(User.username_key == key))
    trusted = user is not None and sessions.client_has_signed_in(session, user_id=user.id, client=client)
    if wait := throttle.seconds_to_wait(session, username_key=key, client=client, trusted=trusted):
        raise UserError("error.throttled", seconds=wait, minutes=max(1, -(-wait // 60)))
    if not security.verify_password(password, user.password_hash if user else None):
        throttle.record_failure(session, username_key=key, client=client)
        raise RecordedRefusal("error.bad_credentials")
    throttle.clear_failures(session, username_key=key, client=client)
    if security.needs_rehash(user.password_hash):
        user.password_hash = security.hash_password(password)
    return _profile(user)


def change_password(session: Session, *, user_id: int, current: str, new: str) -> None:
    """Checks the current password, stores the new one and revokes every session."""
    user = session.get(User, user_id)
    if user is None:
        raise UserError("error.session_expired")
    if not security.verify_password(current, user.password_hash):
        raise UserError("error.current_password_wrong")
    if problem := security.password_problem(new, user.username):
        raise UserError(problem, min=security.PASSWORD_MIN, max=security.PASSWORD_MAX)
    set_password(session, user=user, password=new)


def set_password(session: Session, *, user: User, password: str) -> None:
    user.password_hash = security.hash_password(password)
    user.password_changed_at = clock.now()
    sessions.revoke_all(session, user_id=user.id)


def get_profile(session: Session, user_id: int) -> Profile | None:
    user = session.get(User, user_id)
    return _profile(user) if user else None


def find_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username_key == username_key(username)))


def update_settings(
    session: Session,
    *,
    user_id: int,
    display_name: str | None = None,
    language: str | None = None,
    time_zone: str | None = None,
    day_start_hour: int | None = None,
    review_weekday: int | None = None,
    review_hour: int | None = None,
) -> Profile:
    """Apply the given settings (None leaves one unchanged); all are checked before any is set."""
    user = session.get(User, user_id)
    if user is None:
        raise UserError("error.session_expired")
    changes: dict[str, object] = {}
    if display_name is not None:
        changes["display_name"] = contract.DISPLAY_NAME.clean(display_name)
    if language is not None:
        changes["language"] = contract.LANGUAGE.check(language)
    if time_zone is not None:
        if valid_time_zone(time_zone) is None:
            raise UserError("error.time_zone_unknown")
        changes["time_zone"] = time_zone
    if day_start_hour is not None:
        changes["day_start_hour"] = contract.DAY_START.check(day_start_hour, max=contract.DAY_START.max)
    if review_weekday is not None:
        changes["review_weekday"] = contract.REVIEW_WEEKDAY.check(review_weekday)
    if review_hour is not None:
        changes["review_hour"] = contract.REVIEW_HOUR.check(review_hour)
    for field, value in changes.items():
        setattr(user, field, value)
    session.flush()
    return _profile(user)


def set_role(session: Session, *, username: str, role: str) -> Profile:
    contract.ROLE.check(role)
    user = find_user(session, username)
    if user is None:
        raise UserError("error.user_not_found")
    user.role = role
    return _profile(user)
