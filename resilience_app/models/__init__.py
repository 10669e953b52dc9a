"""Every table, imported here so `Base.metadata` is complete for alembic and tests."""

from resilience_app.models.base import Base
from resilience_app.models.mood import FirstAidUse, MoodEntry
from resilience_app.models.user import AuthSession, LoginFailure, User

__all__ = ["AuthSession", "Base", "FirstAidUse", "LoginFailure", "MoodEntry", "User"]
