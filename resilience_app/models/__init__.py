"""Every table, imported here so `Base.metadata` is complete for alembic and tests."""

from resilience_app.models.base import Base
from resilience_app.models.forum import (
    ForumAlias, ForumGroup, ForumInviteFailure, ForumMembership, ForumPost, ForumReaction, ForumReply, ForumReport,
    ModerationLogEntry, ModerationMute, ModerationWarning,
)
from resilience_app.models.journal import BoxSlip, DailyGoal, JournalEntry, WeeklyReview
from resilience_app.models.mood import FirstAidUse, MoodEntry
from resilience_app.models.plan import Interest, RechargeBlock
from resilience_app.models.reminder import PushSubscription, ReminderSent, ReminderSettings
from resilience_app.models.user import AuthSession, Consent, LoginFailure, User

__all__ = [
    "AuthSession", "Base", "BoxSlip", "Consent", "DailyGoal", "FirstAidUse", "ForumAlias", "ForumGroup", "ForumInviteFailure",
    "ForumMembership", "ForumPost", "ForumReaction", "ForumReply", "ForumReport", "Interest", "JournalEntry",
    "LoginFailure", "ModerationLogEntry", "ModerationMute", "ModerationWarning", "MoodEntry", "PushSubscription", "RechargeBlock",
    "ReminderSent", "ReminderSettings", "User",
    "WeeklyReview",
]
