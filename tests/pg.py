"""A throwaway PostgreSQL cluster for the tests that must run on it as well as on SQLite.

`pg_url` starts one cluster per test run in a temporary directory (as the `postgres` user when
run as root, since PostgreSQL refuses root), hands out its SQLAlchemy URL, and stops and deletes
it afterwards. RESILIENCE_TEST_PG_URL points the tests at an existing database instead: one they
may wipe, since each test starts from an empty `public` schema.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from resilience_app.core.db import reset_engine_cache
from resilience_app.core.settings import get_settings

URL_VARIABLE = "RESILIENCE_TEST_PG_URL"
DATABASE = "resilience_test"


def _bin_dir() -> Path | None:
    """The newest installed server's binaries (Debian keeps them out of PATH), else those on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str]) -> None:
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    # The server is not ours: it keeps the real clock when the suite runs under libfaketime
    # (scripts/awkward_dates.sh), whose shared semaphore a `postgres` process may not open.
    env = {name: value for name, value in os.environ.items() if name != "LD_PRELOAD" and not name.startswith("FAKETIME")}
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def _start_cluster(bin_dir: Path, home: Path) -> Iterator[str]:
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(home, owner.pw_uid, owner.pw_gid)
    data, port = home / "data", _free_port()
    _run([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
          "--locale=C", "--no-sync"])
    # A test cluster: durability off, so the suite does not wait on the disk.
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " \
              "-c full_page_writes=off"
    _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(home / "server.log"), "-w", "start"])
    try:
        _run([str(bin_dir / "createdb"), "-h", str(home), "-p", str(port), "-U", "postgres", DATABASE])
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/{DATABASE}"
    finally:
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])


def _skip(reason: str) -> None:
    """No PostgreSQL here: skip, unless RESILIENCE_REQUIRE_PG is set (CI), where that is a failure."""
    if os.environ.get("RESILIENCE_REQUIRE_PG"):
        pytest.fail(f"RESILIENCE_REQUIRE_PG is set but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """The SQLAlchemy URL of a PostgreSQL database for this test run (skips when there is none)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _skip("PostgreSQL tests need the psycopg driver (pip install 'psycopg[binary]')")
    if given := os.environ.get(URL_VARIABLE):
        yield given
        return
    bin_dir = _bin_dir()
    if bin_dir is None:
        _skip(f"no PostgreSQL server binaries (initdb) found; install postgresql or set {URL_VARIABLE}")
    if os.geteuid() == 0 and not _has_user("postgres"):
        _skip("PostgreSQL refuses to run as root and there is no `postgres` user to run it as")
    home = Path(tempfile.mkdtemp(prefix="resilience-pg-"))
    try:
        yield from _start_cluster(bin_dir, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def empty_schema(url: str) -> None:
    """Drop everything in the database's public schema (tables, alembic's version table)."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def both_databases(request, tmp_path, monkeypatch) -> Iterator[str]:
    """The app pointed at an empty SQLite file, then at this run's emptied PostgreSQL; yields the URL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'both.db'}"
    else:
        url = request.getfixturevalue("pg_url")
        empty_schema(url)
    monkeypatch.setenv("RESILIENCE_DB_URL", url)
    get_settings.cache_clear()
    reset_engine_cache()
    yield url
    reset_engine_cache()
    get_settings.cache_clear()
