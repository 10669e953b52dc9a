"""The tests' schema comes from the migrations, as production's does, never from create_all.

`alembic upgrade head` runs once per test run into a template, and each test gets a fresh copy:
- SQLite: the template is a file; each test copies it into its own temporary folder (~3 ms a test,
  where create_all took ~33 ms);
- PostgreSQL: the migrations run once into `<name>_test`, a database beside the one
  RESILIENCE_TEST_DB_URL (or RESILIENCE_TEST_PG_URL) names, and each test starts with its rows
  deleted and the migrations' seed rows put back (~2 ms). The role needs CREATEDB (a throwaway
  cluster's superuser has it); `<name>` itself is left to `both_databases` (tests/pg.py).

RESILIENCE_TEST_DB_URL set to a PostgreSQL URL runs every test that uses the `db` fixture (the
service and state tests) on PostgreSQL instead of SQLite; `scripts/with_pg.sh` starts a throwaway
cluster for that.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, make_url
from sqlalchemy.pool import NullPool

from resilience_app.core.db import reset_engine_cache
from resilience_app.core.settings import PROJECT_ROOT, get_settings
from resilience_app.models import Base

_templates: dict[str, SqliteTemplate | PostgresTemplate] = {}


def upgrade_head(url: str) -> None:
    """Apply every migration to the database at url, as `resilience db upgrade` does."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RESILIENCE_DB_URL", url)
        get_settings.cache_clear()
        reset_engine_cache()
        try:
            command.upgrade(Config(str(PROJECT_ROOT / "alembic.ini")), "head")
        finally:
            reset_engine_cache()
            get_settings.cache_clear()
    get_settings.cache_clear()


class SqliteTemplate:
    def __init__(self, url: str) -> None:
        self.path = Path(make_url(url).database)
        self.path.unlink(missing_ok=True)
        upgrade_head(url)
        # Everything in the main file, none in a -wal file the copies would not get.
        connection = sqlite3.connect(self.path)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()

    def clone(self, folder: Path) -> str:
        copy = folder / "test.db"
        shutil.copyfile(self.path, copy)
        return f"sqlite:///{copy}"

    def close(self) -> None:
        pass


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class PostgresTemplate:
    """One migrated database, `<name>_test`, emptied before each test: every table's rows deleted
    (one round trip, ~2 ms) and the rows the migrations seeded (the public forum groups) put back.
    `CREATE DATABASE … TEMPLATE` per test was measured at ~200 ms and TRUNCATE at ~85 ms here."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.copy = f"{self.url.database}_test"
        with create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool).connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {_quoted(self.copy)} WITH (FORCE)")
            connection.exec_driver_sql(f"CREATE DATABASE {_quoted(self.copy)}")
        upgrade_head(self._url_of(self.copy))
        # Connected to the copy itself, apart from the app's engine (which each test's teardown disposes).
        self._engine = create_engine(self._url_of(self.copy), pool_size=1)
        with self._engine.connect() as connection:
            self._seeded = [(table, [row._asdict() for row in connection.execute(table.select())])
                            for table in Base.metadata.sorted_tables]
        self._seeded = [(table, rows) for table, rows in self._seeded if rows]
        self._delete = "; ".join(f"DELETE FROM {_quoted(table.name)}" for table in reversed(Base.metadata.sorted_tables))

    def _url_of(self, database: str) -> str:
        return self.url.set(database=database).render_as_string(hide_password=False)

    def clone(self, _folder: Path | None = None) -> str:
        with self._engine.begin() as connection:
            # Nothing of an earlier test may hold a lock (a thread it left behind): end its connections.
            connection.exec_driver_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            connection.exec_driver_sql(self._delete)
            for table, rows in self._seeded:
                connection.execute(table.insert(), rows)
        return self._url_of(self.copy)

    def close(self) -> None:
        """Drop the database (best effort: a throwaway cluster may be gone already)."""
        self._engine.dispose()
        try:
            with create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool).connect() as connection:
                connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {_quoted(self.copy)} WITH (FORCE)")
        except Exception:  # noqa: BLE001
            pass


def template_for(url: str) -> SqliteTemplate | PostgresTemplate:
    """The migrated template for a database URL, built on first use in this test run."""
    if url not in _templates:
        _templates[url] = SqliteTemplate(url) if url.startswith("sqlite") else PostgresTemplate(url)
    return _templates[url]


def sqlite_template_url(request: pytest.FixtureRequest) -> str:
    return f"sqlite:///{request.getfixturevalue('tmp_path_factory').getbasetemp() / 'schema-template.db'}"


def db_fixture_url(request: pytest.FixtureRequest) -> str:
    """Where the `db` fixture's copies come from: RESILIENCE_TEST_DB_URL, else SQLite."""
    from tests.pg import TEST_DB_VARIABLE

    if given := os.environ.get(TEST_DB_VARIABLE, ""):
        if not given.startswith("postgresql"):
            raise pytest.UsageError(f"{TEST_DB_VARIABLE} wants a PostgreSQL URL (postgresql+psycopg://…), "
                                    f"not {given.split(':', 1)[0]!r}; unset it for SQLite")
        return given
    return sqlite_template_url(request)


def close_all() -> None:
    for template in _templates.values():
        template.close()
    _templates.clear()
