"""Accounts, their login sessions and the failed-login record used for throttling."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from resilience_app.contracts import account
from resilience_app.models.base import Base, UTCDateTime


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable id used by exports, so a restore on another server keeps identity.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    username: Mapped[str] = mapped_column(String(account.USERNAME_MAX))
    # Case-folded username: the unique key, so "Lin" and "lin" are one account.
    username_key: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(account.DISPLAY_NAME.column_length), default="")
    language: Mapped[str] = mapped_column(String(account.LANGUAGE.column_length), default="zh-CN")
    time_zone: Mapped[str] = mapped_column(String(account.TIME_ZONE_MAX), default="Asia/Shanghai")
    day_start_hour: Mapped[int] = mapped_column(Integer, default=4)
    role: Mapped[str] = mapped_column(String(account.ROLE.column_length), default="member")
    # When the Sunday review is offered: weekday (0 Monday .. 6 Sunday) and local hour.
    review_weekday: Mapped[int] = mapped_column(Integer, default=6, server_default="6")
    review_hour: Mapped[int] = mapped_column(Integer, default=20, server_default="20")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Private entries older than this many months are erased daily (services/retention.py); None keeps them.
    retention_months: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    # The user's local day the retention last ran for, so each day runs once whoever runs it.
    retention_ran_on: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)


class AuthSession(Base):
    """One login. Only the SHA-256 of the cookie token is kept."""

    __tablename__ = "auth_sessions"
    __table_args__ = (Index("ix_auth_sessions_user_client", "user_id", "client_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    # SHA-256 of the browser's client id: that browser stays trusted for this account.
    client_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class LoginFailure(Base):
    """A failed login for a username (existing or not), kept for an hour of throttling."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_key_at", "username_key", "at"),
        Index("ix_login_failures_client_at", "client", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username_key: Mapped[str] = mapped_column(String(64))
    client: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Consent(Base):
    """A user's answer to the privacy notice (PIPL art. 14, 28-29), one row per notice version answered.

    `sensitive` is the separate, explicit consent to processing sensitive personal information (mood
    and mental-state entries). `source` says how it was given: "signup", "sign_in" (asked at first
    sign-in or after the notice changed) or "operator" (collected elsewhere, recorded by
    `resilience user add --accept-notice`). Withdrawing sets `withdrawn_at`; the row stays until the
    account is deleted, with it.
    """

    __tablename__ = "consents"
    __table_args__ = (Index("ix_consents_user_version", "user_id", "notice_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    notice_version: Mapped[str] = mapped_column(String(16))
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(16), default="signup")
    given_at: Mapped[datetime] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
