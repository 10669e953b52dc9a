"""The database engine and the one session helper every service call goes through."""

from __future__ import annotations

import asyncio
import functools
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from resilience_app.core.errors import RecordedRefusal
from resilience_app.core.settings import get_settings, private_file

T = TypeVar("T")


def db_threads() -> int:
    """How many database calls one process runs at once (RESILIENCE_DB_THREADS, default 8); the
    engine keeps as many connections, so a call never waits for one behind another thread."""
    return max(1, int(os.environ.get("RESILIENCE_DB_THREADS", "8")))


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
        database = make_url(url).database or ""
        in_file = database not in ("", ":memory:") and "mode=memory" not in url
        pool = {"pool_size": db_threads(), "max_overflow": db_threads()} if in_file else {}
        engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # The handlers' threads (run_db) plus the plain HTTP routes and background tasks beside them.
    return create_engine(url, pool_pre_ping=True, pool_size=db_threads(), max_overflow=db_threads())


# lru_cache does not lock while it computes: the database threads' first calls, all at once after a
# restart, would each build an engine. Each of these is built once per process, under this lock
# (reentrant: the session factory asks for the engine while it is being built).
_BUILDING = threading.RLock()


def _once_per_process(build: Callable[[], T]) -> Callable[[], T]:
    cached = lru_cache(maxsize=1)(build)

    @functools.wraps(build)
    def get() -> T:
        with _BUILDING:
            return cached()

    get.cached = cached  # type: ignore[attr-defined]  (reset_engine_cache forgets it)
    return get


@_once_per_process
def get_engine() -> Engine:
    return make_engine(get_settings().db_url)


@_once_per_process
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


@_once_per_process
def _db_pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=db_threads(), thread_name_prefix="resilience-db")


def _unit_of_work(work: Callable[[Session], T]) -> T:
    with db_session() as session:
        return work(session)


async def run_db(work: Callable[[Session], T]) -> T:
    """work(session) in one committed unit of work (db_session) on a database thread: an event
    handler awaits it, and the event loop serves every other tab's events meanwhile."""
    return await asyncio.get_running_loop().run_in_executor(_db_pool(), _unit_of_work, work)


async def run_blocking(call: Callable[[], T]) -> T:
    """A call that opens its own db_session (or otherwise waits on the database), on a database thread."""
    return await asyncio.get_running_loop().run_in_executor(_db_pool(), call)


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
    with _BUILDING:
        if get_engine.cached.cache_info().currsize:
            get_engine().dispose()
        get_engine.cached.cache_clear()
        _session_factory.cached.cache_clear()
