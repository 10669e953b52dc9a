"""Reminders the user chose (all off until chosen), the phones that take push, and what was sent."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from resilience_app.contracts import reminders
from resilience_app.models.base import Base, JSONDocument, UTCDateTime


class ReminderSettings(Base):
    """One row per user who has chosen anything; no row means every reminder is off."""

    __tablename__ = "reminder_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    # End-of-shift check-in per weekday of the user's day: {"0": "18:30", "4": "01:30"} (0 Monday .. 6 Sunday).
    shift_end: Mapped[dict] = mapped_column(JSONDocument, default=dict)
    review: Mapped[bool] = mapped_column(Boolean, default=False)  # at users.review_weekday / review_hour
    recharge: Mapped[bool] = mapped_column(Boolean, default=False)  # at the start of each planned block
    # Quiet hours as local "HH:MM" (may wrap past midnight); both empty means none.
    quiet_from: Mapped[str] = mapped_column(String(reminders.CLOCK_TIME_LENGTH), default="")
    quiet_until: Mapped[str] = mapped_column(String(reminders.CLOCK_TIME_LENGTH), default="")
    one_a_day: Mapped[bool] = mapped_column(Boolean, default=True)
    # SHA-256 of the private calendar link's secret; None when there is no link (revoked or never made).
    calendar_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    calendar_created_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PushSubscription(Base):
    """A browser's Web Push subscription (PushManager.subscribe); one endpoint belongs to one user."""

    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    endpoint: Mapped[str] = mapped_column(String(1024), unique=True)
    p256dh: Mapped[str] = mapped_column(String(128))
    auth: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ReminderSent(Base):
    """A reminder claimed for sending, one per user, kind and local day, so no two workers send it twice.

    `slot` is "day" when the user allows one reminder a day (so a second kind cannot claim the day), else the kind.
    """

    __tablename__ = "reminders_sent"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "local_day", name="uq_reminders_sent_user_kind_day"),
        UniqueConstraint("user_id", "slot", "local_day", name="uq_reminders_sent_user_slot_day"),
        Index("ix_reminders_sent_sent_at", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(reminders.KIND.column_length))
    slot: Mapped[str] = mapped_column(String(reminders.SLOT.column_length))
    local_day: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
