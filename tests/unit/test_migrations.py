"""The schema comes from alembic alone, and the models never drift from it."""

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from resilience_app.core.db import get_engine, reset_engine_cache
from resilience_app.core.settings import PROJECT_ROOT, get_settings


def test_upgrade_from_nothing_then_check_reports_no_drift(tmp_path, monkeypatch):
    monkeypatch.setenv("RESILIENCE_DB_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    get_settings.cache_clear()
    reset_engine_cache()
    try:
        config = Config(str(PROJECT_ROOT / "alembic.ini"))
        command.upgrade(config, "head")
        command.check(config)  # raises if models and migrations differ
        tables = set(inspect(get_engine()).get_table_names())
        assert {"users", "auth_sessions", "login_failures", "alembic_version"} <= tables
        with get_engine().connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    finally:
        reset_engine_cache()
        get_settings.cache_clear()
