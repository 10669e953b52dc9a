"""The peer-support forum (同行支持圈): groups, posts, replies, reactions, and its moderation.

Moderation is first-class (as in Discourse): reports, a review queue (`in_review_since`), a log
of every moderator action, warnings and mutes are tables of their own.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from resilience_app.contracts import forum as contract
from resilience_app.models.base import Base, JSONDocument, UTCDateTime

# A reaction or report points at exactly one of a post or a reply.
_ONE_TARGET = "(post_id IS NULL) <> (reply_id IS NULL)"


class ForumGroup(Base):
    """A public group (platform or topic; its public_id is its slug) or a private team group."""

    __tablename__ = "forum_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Public groups: their slug ("taobao"); private groups: 32 random hex characters.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(contract.GROUP_KIND.column_length))  # "public" or "private"
    # A private group's name; for public groups the zh-CN name (the shown names come from data/forum_groups.json).
    name: Mapped[str] = mapped_column(String(contract.GROUP_NAME.column_length))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Private groups only; None once the last member has left (nobody can join any more).
    invite_code: Mapped[str | None] = mapped_column(String(contract.INVITE_LENGTH), unique=True, nullable=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ForumMembership(Base):
    __tablename__ = "forum_memberships"
    __table_args__ = (
        UniqueConstraint("group_id", "user_id", name="uq_forum_memberships_group_user"),
        Index("ix_forum_memberships_user", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("forum_groups.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(contract.GROUP_ROLE.column_length), default="member")  # "owner" or "member"
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)


class _Contribution:
    """What posts and replies share: anonymity, moderation state, reaction counts, times."""

    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    # The anonymous author's number in this thread (1 for an anonymous post); 0 when named.
    alias: Mapped[int] = mapped_column(Integer, default=0)
    # "visible", "hidden" (pending review or by a moderator), "deleted" (by its author), "removed" (by a moderator).
    status: Mapped[str] = mapped_column(String(contract.STATUS.column_length), default="visible")
    crisis: Mapped[bool] = mapped_column(Boolean, default=False)
    # How urgent the crisis sign is ("acute" or "concern", from safety.check), None without one: acute goes first
    # in the moderators' queue, the only place it is read.
    crisis_severity: Mapped[str | None] = mapped_column(String(8), nullable=True, default=None)
    # Set while the item waits in the moderators' queue.
    in_review_since: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)
    understand_count: Mapped[int] = mapped_column(Integer, default=0)
    hug_count: Mapped[int] = mapped_column(Integer, default=0)
    helpful_count: Mapped[int] = mapped_column(Integer, default=0)
    # The three counts summed, kept in the reaction's transaction so "most supported" is an index scan.
    support_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)


class ForumPost(_Contribution, Base):
    """A case (复盘), vent (树洞), tip (小妙招) or question. Only text cleaned by safety.check is stored."""

    __tablename__ = "forum_posts"
    __table_args__ = (
        # A group's feed, newest first and most supported first, read straight off an index.
        Index("ix_forum_posts_feed_newest", "group_id", "status", "created_at", "id"),
        Index("ix_forum_posts_feed_supported", "group_id", "status", "support_count", "created_at", "id"),
        Index("ix_forum_posts_author_created", "author_id", "created_at"),
        Index("ix_forum_posts_in_review", "in_review_since"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Random, so ids reveal neither order nor author.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("forum_groups.id", ondelete="CASCADE"))
    # None once the author has deleted their account and chose to leave their posts (已注销的同行).
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    kind: Mapped[str] = mapped_column(String(contract.KIND.column_length))  # "case", "vent", "tip" or "question"
    title: Mapped[str] = mapped_column(String(contract.TITLE.column_length), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    # A case's five 复盘 fields: {"happened", "customer_said", "i_did", "worked", "next_time"}.
    case_fields: Mapped[dict] = mapped_column(JSONDocument, default=dict)
    reply_count: Mapped[int] = mapped_column(Integer, default=0)


class ForumReply(_Contribution, Base):
    """A reply in a post's thread (a flat list, oldest first)."""

    __tablename__ = "forum_replies"
    __table_args__ = (
        Index("ix_forum_replies_post_created", "post_id", "created_at", "id"),
        Index("ix_forum_replies_author_created", "author_id", "created_at"),
        Index("ix_forum_replies_in_review", "in_review_since"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("forum_posts.id", ondelete="CASCADE"))
    # None once the author has deleted their account (see ForumPost.author_id).
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    body: Mapped[str] = mapped_column(Text, default="")


class ForumAlias(Base):
    """Which anonymous replier is 匿名同行 #n in a thread, so that no two share a number and no one
    has two, whoever answers at the same moment. The anonymous author of the post is #1 by rule."""

    __tablename__ = "forum_aliases"
    __table_args__ = (
        UniqueConstraint("post_id", "alias", name="uq_forum_aliases_post_alias"),
        UniqueConstraint("post_id", "user_id", name="uq_forum_aliases_post_user"),
        Index("ix_forum_aliases_user", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("forum_posts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    alias: Mapped[int] = mapped_column(Integer)


class ForumReaction(Base):
    """我懂你 / 抱抱 / 有用: one of each kind per user per post or reply. Never shown by who."""

    __tablename__ = "forum_reactions"
    __table_args__ = (
        # NULLs are distinct, so each constraint only binds reactions on its own kind of target.
        UniqueConstraint("user_id", "post_id", "kind", name="uq_forum_reactions_user_post_kind"),
        UniqueConstraint("user_id", "reply_id", "kind", name="uq_forum_reactions_user_reply_kind"),
        CheckConstraint(_ONE_TARGET, name="one_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("forum_posts.id", ondelete="CASCADE"), nullable=True)
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("forum_replies.id", ondelete="CASCADE"), nullable=True)
    kind: Mapped[str] = mapped_column(String(contract.REACTION.column_length))  # "understand", "hug" or "helpful"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ForumInviteFailure(Base):
    """A wrong invite code tried by a user, kept an hour for throttling."""

    __tablename__ = "forum_invite_failures"
    __table_args__ = (Index("ix_forum_invite_failures_user_at", "user_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class ForumReport(Base):
    """A member's flag on a post or reply; one per user per item."""

    __tablename__ = "forum_reports"
    __table_args__ = (
        UniqueConstraint("reporter_id", "post_id", name="uq_forum_reports_reporter_post"),
        UniqueConstraint("reporter_id", "reply_id", name="uq_forum_reports_reporter_reply"),
        CheckConstraint(_ONE_TARGET, name="one_target"),
        Index("ix_forum_reports_post", "post_id"),
        Index("ix_forum_reports_reply", "reply_id"),
        Index("ix_forum_reports_reporter_created", "reporter_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("forum_posts.id", ondelete="CASCADE"), nullable=True)
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("forum_replies.id", ondelete="CASCADE"), nullable=True)
    reason: Mapped[str] = mapped_column(String(contract.REPORT_REASON.column_length))
    note: Mapped[str] = mapped_column(String(contract.REPORT_NOTE.column_length), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Set when a moderator decides on the item; later reports start a fresh count.
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ModerationLogEntry(Base):
    """Every moderator action (and every automatic hide), with who, what, why and when."""

    __tablename__ = "forum_moderation_log"
    __table_args__ = (Index("ix_forum_moderation_log_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # None for the automatic hide after enough reports.
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # "auto_hide", "hide", "restore", "delete", "warn", "mute", "unmute" or "identify".
    action: Mapped[str] = mapped_column(String(contract.LOG_ACTION.column_length))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("forum_posts.id", ondelete="SET NULL"), nullable=True)
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("forum_replies.id", ondelete="SET NULL"), nullable=True)
    target_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    # What the action amounted to: the mute's end (ISO, UTC), or the report reasons behind a hide.
    detail: Mapped[str] = mapped_column(String(80), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Set when the moderator or the target deleted their account: a random id standing for that account
    # (the same in each of its entries), so the log still reads as one story without naming anyone.
    moderator_gone: Mapped[str | None] = mapped_column(String(16), nullable=True, default=None)
    target_gone: Mapped[str | None] = mapped_column(String(16), nullable=True, default=None)


class ModerationWarning(Base):
    """A moderator's word to an author, shown to them the next time they open the app."""

    __tablename__ = "forum_warnings"
    __table_args__ = (Index("ix_forum_warnings_user_acknowledged", "user_id", "acknowledged_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("forum_posts.id", ondelete="SET NULL"), nullable=True)
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("forum_replies.id", ondelete="SET NULL"), nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ModerationMute(Base):
    """A pause on writing in the forum: the user can still read until `until` (or until lifted)."""

    __tablename__ = "forum_mutes"
    __table_args__ = (Index("ix_forum_mutes_user_until", "user_id", "until"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    until: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
