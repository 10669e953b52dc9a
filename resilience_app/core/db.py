"""The database engine and the one session helper every service call goes through."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from resilience_app.core.errors import RecordedRefusal
from resilience_app.core.settings import get_settings, private_file


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted rows are overwritten with zeros in the file, not just unlinked (account deletion, retention).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        db_path = url.split("///", 1)[-1]
        if db_path and db_path != ":memory:" and not db_path.startswith("file:"):
            # Created owner-only before SQLite opens it; its -wal and -shm files take the same mode.
            private_file(Path(db_path))
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    return make_engine(get_settings().db_url)


@lru_cache(maxsize=1)
def _session_factory() -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(), expire_on_commit=False)


@contextmanager
def db_session() -> Iterator[Session]:
    """A unit of work: commits when the block ends cleanly (or with a RecordedRefusal), rolls back otherwise."""
    session = _session_factory()()
    try:
        yield session
        session.commit()
    except RecordedRefusal:
        session.commit()
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def lock_for_writing(session: Session) -> None:
    """Let the rest of this unit of work read the latest committed data and write it, one writer at a time.

    SQLite has one writer: pysqlite opens a transaction only at the first write, so until then
    reads may already be stale and a savepoint would start (and on release commit) a transaction
    of its own. BEGIN IMMEDIATE takes the write lock now, waiting out busy_timeout. PostgreSQL
    needs nothing: each statement reads what is committed, and a unique conflict waits for the
    transaction that caused it to end.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite" and not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def reset_engine_cache() -> None:
    """Forget the engine (tests point RESILIENCE_DB_URL somewhere new)."""
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_engine.cache_clear()
    _session_factory.cache_clear()
