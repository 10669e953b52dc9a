"""Settings read from the environment, in one place (documented in README.md)."""

from __future__ import annotations

import dataclasses
import os
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclasses.dataclass(frozen=True)
class Settings:
    db_url: str
    redis_url: str | None
    secret_key: str
    session_idle: timedelta
    session_absolute: timedelta
    cookie_secure: str  # "auto", "true" or "false"


def _default_db_url() -> str:
    return f"sqlite:///{PROJECT_ROOT / 'data' / 'resilience.db'}"


def _secret_key() -> str:
    """The signing secret: from the environment, else a random one kept under data/."""
    if key := os.environ.get("RESILIENCE_SECRET_KEY"):
        return key
    path = PROJECT_ROOT / "data" / "secret_key"
    if not path.exists():
        import secrets

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(
        db_url=os.environ.get("RESILIENCE_DB_URL") or _default_db_url(),
        redis_url=os.environ.get("REFLEX_REDIS_URL") or None,
        secret_key=_secret_key(),
        session_idle=timedelta(hours=float(os.environ.get("RESILIENCE_SESSION_IDLE_HOURS", 7 * 24))),
        session_absolute=timedelta(days=float(os.environ.get("RESILIENCE_SESSION_MAX_DAYS", 30))),
        cookie_secure=os.environ.get("RESILIENCE_COOKIE_SECURE", "auto").lower(),
    )
