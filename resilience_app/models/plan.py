"""The weekly recharge plan (兴趣充电计划): one's interests, and the blocks reserved for them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from resilience_app.contracts import plan
from resilience_app.models.base import Base, JSONDocument, UTCDateTime


class Interest(Base):
    """Something that makes the user forget work (画画, 做饭, 爬山 ...)."""

    __tablename__ = "interests"
    __table_args__ = (
        UniqueConstraint("user_id", "public_id", name="uq_interests_user_public"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(plan.INTEREST.column_length))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RechargeBlock(Base):
    """A few hours kept for one interest, work apps off; afterwards, how it went."""

    __tablename__ = "recharge_blocks"
    __table_args__ = (
        UniqueConstraint("user_id", "public_id", name="uq_recharge_blocks_user_public"),
        Index("ix_recharge_blocks_user_starts", "user_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The interest's name as planned, so letting an interest go keeps the history readable.
    interest: Mapped[str] = mapped_column(String(plan.INTEREST.column_length))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    minutes: Mapped[int] = mapped_column(Integer)
    # The switch-off checklist: [{"label": "千牛", "off": false}, ...].
    checklist: Mapped[list[dict]] = mapped_column(JSONDocument, default=list)
    # "planned", "done" or "skipped".
    status: Mapped[str] = mapped_column(String(plan.STATUS.column_length), default="planned")
    recharged: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 1-5, when done
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
