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
    # Who users write to about their data (the privacy notice shows it); "" shows the default text.
    privacy_contact: str = ""


def data_dir() -> Path:
    """Where the database, the secret key and backups live: RESILIENCE_DATA_DIR, else data/ in a
    checkout, else the user's data folder, never inside site-packages. Created 0700 (owner only)."""
    if configured := os.environ.get("RESILIENCE_DATA_DIR"):
        folder = Path(configured).expanduser().resolve()
    elif (PROJECT_ROOT / "pyproject.toml").exists():
        folder = PROJECT_ROOT / "data"
    else:
        folder = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "resilience"
    folder.mkdir(parents=True, exist_ok=True)
    if folder.stat().st_uid == os.getuid():
        folder.chmod(0o700)
    return folder


def private_file(path: Path) -> Path:
    """Make sure a file of ours exists and only its owner can read it (0600).

    An existing file is never opened: closing any descriptor of a file drops every POSIX lock this
    process holds on it, SQLite's included. A live database whose locks vanished lets another
    process's last connection delete the -wal and -shm under it, and the two then see different data.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    if path.stat().st_uid == os.getuid():
        path.chmod(0o600)
    return path


def _default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'resilience.db'}"


def _secret_key() -> str:
    """The signing secret: from the environment, else a random one kept in the data folder."""
    if key := os.environ.get("RESILIENCE_SECRET_KEY"):
        return key
    path = data_dir() / "secret_key"
    if not path.exists() or not path.read_text().strip():
        import secrets

        private_file(path).write_text(secrets.token_urlsafe(48))
    private_file(path)
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
        privacy_contact=" ".join(os.environ.get("RESILIENCE_PRIVACY_CONTACT", "").split())[:200],
    )
