"""One SQLite file shared by the server and the command line: both must keep seeing the same data.

A fresh-clone CI run once failed this way: after the server restarted, the users the command line
added could not sign in, and the posts the browser wrote were not in the database the tests read.
Two things met. The server's database threads each built an engine at once (lru_cache does not
lock), and building one opened and closed the live database file, which drops every POSIX lock the
process holds on it, SQLite's included. The command line's last connection then thought it was the
only one, deleted the -wal and -shm files, and the two processes wrote to different files.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import text

from resilience_app.core import db as db_module
from resilience_app.core.settings import get_settings, private_file

ANOTHER_PROCESS_WRITES = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('insert into t values (2)'); "
    "c.commit(); c.close()"
)
ANOTHER_PROCESS_READS = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    "print(sorted(v for (v,) in c.execute('select v from t'))); c.close()"
)


def _in_another_process(script: str, path) -> str:
    return subprocess.run([sys.executable, "-c", script, str(path)], check=True, capture_output=True,
                          text=True, timeout=60).stdout.strip()


def test_a_live_database_stays_shared_with_other_processes_when_its_file_is_made_private_again(tmp_path):
    path = tmp_path / "live.db"
    engine = db_module.make_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            connection.execute(text("create table t (v integer)"))
            connection.execute(text("insert into t values (1)"))
        private_file(path)  # what building a second engine in this process does
        _in_another_process(ANOTHER_PROCESS_WRITES, path)  # a CLI command: opens, writes, closes last
        with engine.begin() as connection:
            assert connection.execute(text("select v from t order by v")).scalars().all() == [1, 2]
            connection.execute(text("insert into t values (3)"))
        assert _in_another_process(ANOTHER_PROCESS_READS, path) == "[1, 2, 3]"
    finally:
        engine.dispose()


def test_private_file_still_creates_a_missing_file_owner_only_and_tightens_an_existing_one(tmp_path):
    created = private_file(tmp_path / "new" / "secret")
    assert created.exists() and created.stat().st_mode & 0o777 == 0o600
    loose = tmp_path / "loose"
    loose.write_text("kept")
    loose.chmod(0o644)
    private_file(loose)
    assert loose.stat().st_mode & 0o777 == 0o600 and loose.read_text() == "kept"


@pytest.fixture
def fresh_engine_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RESILIENCE_DB_URL", f"sqlite:///{tmp_path / 'threads.db'}")
    get_settings.cache_clear()
    db_module.reset_engine_cache()
    yield
    db_module.reset_engine_cache()
    get_settings.cache_clear()


def test_the_database_threads_first_calls_at_once_build_one_engine_and_one_session_factory(
        fresh_engine_cache, monkeypatch):
    built = []
    make_engine = db_module.make_engine

    def slow_make_engine(url):
        built.append(url)
        time.sleep(0.05)  # widen the window in which a second thread would build its own
        return make_engine(url)

    monkeypatch.setattr(db_module, "make_engine", slow_make_engine)
    start = threading.Barrier(12)
    engines, factories = [], []

    def first_call():
        start.wait()
        engines.append(db_module.get_engine())
        factories.append(db_module._session_factory())

    threads = [threading.Thread(target=first_call) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(built) == 1
    assert len({id(engine) for engine in engines}) == 1 and len({id(factory) for factory in factories}) == 1
