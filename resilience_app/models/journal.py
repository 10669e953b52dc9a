"""The shift's other practices: wins and gratitude, the Sunday review, the emotion box, small goals."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from resilience_app.contracts import emotion_box, goals, journal
from resilience_app.models.base import Base, UTCDateTime


class JournalEntry(Base):
    """A small win (客服成就清单) or a moment of gratitude."""

    __tablename__ = "journal_entries"
    __table_args__ = (
        UniqueConstraint("user_id", "public_id", name="uq_journal_entries_user_public"),
        Index("ix_journal_entries_user_written", "user_id", "written_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(journal.KIND.column_length))  # "win" or "gratitude"
    text: Mapped[str] = mapped_column(Text)
    prompt_key: Mapped[str] = mapped_column(String(64), default="")
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WeeklyReview(Base):
    """The Sunday review's one line of self-recognition, one per ISO week."""

    __tablename__ = "weekly_reviews"
    __table_args__ = (
        UniqueConstraint("user_id", "week", name="uq_weekly_reviews_user_week"),
        UniqueConstraint("user_id", "public_id", name="uq_weekly_reviews_user_public"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(8))  # ISO week, "2026-W47"
    recognition: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BoxSlip(Base):
    """A slip in the emotion box (情绪收纳盒): sealed at the end of a shift, readable from the next day."""

    __tablename__ = "box_slips"
    __table_args__ = (
        UniqueConstraint("user_id", "public_id", name="uq_box_slips_user_public"),
        Index("ix_box_slips_user_status", "user_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    # "open" (written, box not sealed yet), "sealed" (unreadable until opens_on), "kept",
    # "released" (let go: text erased, released_at kept for the weekly reflection).
    status: Mapped[str] = mapped_column(String(emotion_box.STATUS.column_length), default="open")
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sealed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    opens_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # the user's local day
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class DailyGoal(Base):
    """A small goal within one's control (可控小目标) for one local day, with an optional reward."""

    __tablename__ = "daily_goals"
    __table_args__ = (
        UniqueConstraint("user_id", "public_id", name="uq_daily_goals_user_public"),
        Index("ix_daily_goals_user_day", "user_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    reward: Mapped[str] = mapped_column(Text, default="")
    # "open", "done", "dropped", or "carried" (moved on to a later day as a new goal).
    status: Mapped[str] = mapped_column(String(goals.STATUS.column_length), default="open")
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    carried_from: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
