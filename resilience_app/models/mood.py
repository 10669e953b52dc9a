"""Mood check-ins (情绪标签法) and uses of the first-aid exercises."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from resilience_app.contracts import first_aid, mood
from resilience_app.models.base import Base, JSONDocument, UTCDateTime


class MoodEntry(Base):
    __tablename__ = "mood_entries"
    __table_args__ = (
        # The stable id doubles as the idempotency key: a double tap saves one entry.
        UniqueConstraint("user_id", "public_id", name="uq_mood_entries_user_public"),
        Index("ix_mood_entries_user_felt", "user_id", "felt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    felt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    emotion: Mapped[str] = mapped_column(String(mood.EMOTION_KEY_MAX))
    quadrant: Mapped[str] = mapped_column(String(mood.QUADRANT_KEY_MAX))
    intensity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cause: Mapped[str] = mapped_column(Text, default="")
    cause_tags: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    reframe: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class FirstAidUse(Base):
    __tablename__ = "first_aid_uses"
    __table_args__ = (
        UniqueConstraint("user_id", "public_id", name="uq_first_aid_uses_user_public"),
        Index("ix_first_aid_uses_user_started", "user_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # breathing_space, breath_478, pause_30s or body_relax (services/first_aid.py)
    exercise: Mapped[str] = mapped_column(String(first_aid.EXERCISE_KEY_MAX))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seconds: Mapped[int] = mapped_column(Integer, default=0)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    # The check-in that led to it, if any (kept when that check-in is deleted).
    mood_public_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
