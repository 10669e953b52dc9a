"""A throwaway PostgreSQL cluster for the tests that must run on it as well as on SQLite.

`pg_url` hands out one PostgreSQL database per test run: RESILIENCE_TEST_PG_URL (an existing
database the tests may wipe, since each test starts from an empty `public` schema), else
RESILIENCE_TEST_DB_URL when that is PostgreSQL (tests/schema.py), else a cluster started for the
run in a temporary directory (as the `postgres` user when run as root, since PostgreSQL refuses
root), stopped and deleted afterwards.

`python -m tests.pg CMD…` (scripts/with_pg.sh) runs a command with such a cluster and
RESILIENCE_TEST_DB_URL pointing at it: the whole service and state suite on PostgreSQL.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from resilience_app.core.db import reset_engine_cache
from resilience_app.core.settings import get_settings

URL_VARIABLE = "RESILIENCE_TEST_PG_URL"
# Runs the service and state tests on this database instead of SQLite (tests/schema.py).
TEST_DB_VARIABLE = "RESILIENCE_TEST_DB_URL"
DATABASE = "resilience_test"


class NoPostgres(Exception):
    """There is no PostgreSQL to start here (no driver, no server binaries, no `postgres` user)."""


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


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Start a PostgreSQL cluster in a temporary directory; yield a database's SQLAlchemy URL; stop
    and delete the cluster. Its superuser may create databases (tests/schema.py clones a template)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise NoPostgres("PostgreSQL tests need the psycopg driver (pip install 'psycopg[binary]')") from None
    bin_dir = _bin_dir()
    if bin_dir is None:
        raise NoPostgres(f"no PostgreSQL server binaries (initdb) found; install postgresql or set {URL_VARIABLE}")
    if os.geteuid() == 0 and not _has_user("postgres"):
        raise NoPostgres("PostgreSQL refuses to run as root and there is no `postgres` user to run it as")
    home = Path(tempfile.mkdtemp(prefix="resilience-pg-"))
    try:
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(home, owner.pw_uid, owner.pw_gid)
        data, port = home / "data", _free_port()
        _run([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
              "--locale=C", "--no-sync"])
        # A test cluster: durability off, so the suite does not wait on the disk.
        options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " \
                  "-c full_page_writes=off"
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(home / "server.log"), "-w",
              "start"])
        try:
            _run([str(bin_dir / "createdb"), "-h", str(home), "-p", str(port), "-U", "postgres", DATABASE])
            yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/{DATABASE}"
        finally:
            _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _skip(reason: str) -> None:
    """No PostgreSQL here: skip, unless RESILIENCE_REQUIRE_PG is set (CI), where that is a failure."""
    if os.environ.get("RESILIENCE_REQUIRE_PG"):
        pytest.fail(f"RESILIENCE_REQUIRE_PG is set but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """The SQLAlchemy URL of a PostgreSQL database for this test run (skips when there is none)."""
    for variable in (URL_VARIABLE, TEST_DB_VARIABLE):
        if (given := os.environ.get(variable, "")).startswith("postgresql"):
            yield given
            return
    try:
        with throwaway_cluster() as url:
            yield url
    except NoPostgres as reason:
        _skip(str(reason))


def empty_schema(url: str) -> None:
    """Drop everything in the database's public schema (tables, alembic's version table)."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()


@contextmanager
def _pointed_at(url: str, monkeypatch) -> Iterator[str]:
    monkeypatch.setenv("RESILIENCE_DB_URL", url)
    get_settings.cache_clear()
    reset_engine_cache()
    try:
        yield url
    finally:
        reset_engine_cache()
        get_settings.cache_clear()


@pytest.fixture(params=["sqlite", "postgresql"])
def both_databases(request, tmp_path, monkeypatch) -> Iterator[str]:
    """The app pointed at an empty SQLite file, then at this run's emptied PostgreSQL; yields the URL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'both.db'}"
    else:
        url = request.getfixturevalue("pg_url")
        empty_schema(url)
    with _pointed_at(url, monkeypatch):
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated_on_both(request, tmp_path, monkeypatch) -> Iterator[str]:
    """The app pointed at a fresh copy of the migrated schema, on SQLite and then on this run's
    PostgreSQL (tests/schema.py); yields the URL."""
    from tests import schema

    if request.param == "sqlite":
        url = schema.template_for(schema.sqlite_template_url(request)).clone(tmp_path)
    else:
        url = schema.template_for(request.getfixturevalue("pg_url")).clone(tmp_path)
    with _pointed_at(url, monkeypatch):
        yield url


def main(argv: list[str]) -> int:
    """Run a command with a throwaway cluster and RESILIENCE_TEST_DB_URL pointing at it."""
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python -m tests.pg CMD [ARG…]  (e.g. .venv/bin/pytest -m 'not e2e' tests/unit tests/state)")
        return 2
    try:
        with throwaway_cluster() as url:
            print(f"{TEST_DB_VARIABLE}={url}", file=sys.stderr, flush=True)
            return subprocess.call(argv, env={**os.environ, TEST_DB_VARIABLE: url})
    except NoPostgres as reason:
        print(f"error: {reason}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
