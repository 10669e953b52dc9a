"""Whole-database backups and restores, consistent while the server keeps writing (`resilience backup`).

SQLite: the online backup API (`sqlite3.Connection.backup`) copies every page in one step, as one
read transaction: in WAL mode writers go on meanwhile and the copy is the database at one instant.
PostgreSQL: `pg_dump -Fc` (a single repeatable-read snapshot) and `pg_restore --clean`, with the
URL's host, port, user, password and database handed over in PG* environment variables, never on
the command line where `ps` would show them.

Backups are written 0600, under a temporary name first and renamed when complete; a bare file name
goes to `$RESILIENCE_DATA_DIR/backups/` (0700).
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC
from pathlib import Path

from sqlalchemy import create_engine, inspect, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from resilience_app.core import clock
from resilience_app.core.settings import data_dir, private_file

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# libpq settings a URL's query may carry (postgresql+psycopg://…?sslmode=require).
_PG_QUERY = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY",
             "connect_timeout": "PGCONNECT_TIMEOUT", "application_name": "PGAPPNAME", "host": "PGHOST",
             "port": "PGPORT", "options": "PGOPTIONS", "target_session_attrs": "PGTARGETSESSIONATTRS"}


class BackupError(Exception):
    """Why a backup or restore did not happen (shown to the operator as is)."""


def backups_dir() -> Path:
    folder = data_dir() / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    if folder.stat().st_uid == os.getuid():
        folder.chmod(0o700)
    return folder


def default_name(url: str) -> str:
    stamp = clock.now().astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    return f"resilience-{stamp}.{'sqlite3' if _is_sqlite(url) else 'pgdump'}"


def resolve(file: str) -> Path:
    """A bare file name lives in the backups folder; anything with a folder in it is taken as given."""
    path = Path(file).expanduser()
    return backups_dir() / path.name if path.name == file else path


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError(f"cannot back up this SQLite database ({database or 'in memory'}): give a file path")
    return Path(database)


# --- writing the file ---------------------------------------------------------------------------------


def _staging(target: Path) -> Path:
    """An owner-only, empty file beside the target, renamed over it once the backup is complete."""
    staging = target.with_name(f".{target.name}.{os.getpid()}.partial")
    staging.unlink(missing_ok=True)
    return private_file(staging)


def backup(url: str, target: Path) -> Path:
    """Write a consistent copy of the database at url to target (0600); returns the path written."""
    if target.is_dir():
        raise BackupError(f"{target} is a folder: give a file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = _staging(target)
    try:
        if _is_sqlite(url):
            _sqlite_backup(_sqlite_path(url), staging)
        else:
            _pg(url, "pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={staging}")
        os.replace(staging, target)
    finally:
        staging.unlink(missing_ok=True)
    private_file(target)
    return target


def _sqlite_backup(database: Path, staging: Path) -> None:
    if not database.exists():
        raise BackupError(f"no database at {database}")
    source = sqlite3.connect(f"file:{database}?mode=rw", uri=True, timeout=30)  # only read; never created
    copy = sqlite3.connect(staging)
    try:
        source.execute("PRAGMA busy_timeout=30000")
        source.backup(copy)  # every page in one step: one snapshot, writers continue (WAL)
        # One self-contained file: no -wal beside it, whatever mode the source was in.
        copy.execute("PRAGMA journal_mode=DELETE")
        if copy.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError("the copy failed SQLite's quick_check")
    finally:
        copy.close()
        source.close()


# --- restoring ------------------------------------------------------------------------------------------


def kind_of(file: Path) -> str:
    """"sqlite" or "postgresql", from the file's first bytes."""
    try:
        with file.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupError(f"cannot read {file}: {error.strerror or type(error).__name__}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{file} is not a backup made by `resilience backup` (neither SQLite nor pg_dump -Fc)")


def user_count(url: str) -> int:
    """How many accounts the database at url holds (0 when it has no schema yet)."""
    if _is_sqlite(url) and not _sqlite_path(url).exists():
        return 0
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("users"):
                return 0
            return connection.execute(text("SELECT count(*) FROM users")).scalar_one()
    finally:
        engine.dispose()


def restore(url: str, source: Path, *, force: bool = False) -> None:
    """Replace the database at url with the backup in source. A database that already has accounts
    is overwritten only with force. Stop the server first: its sessions would outlive the data."""
    kind = kind_of(source)
    here = "sqlite" if _is_sqlite(url) else "postgresql"
    if kind != here:
        raise BackupError(f"{source} is a {kind} backup but RESILIENCE_DB_URL is {here}: restore it into a {kind} "
                          "database (moving users across databases: `resilience export` and `import`)")
    if not force and (users := user_count(url)):
        raise BackupError(f"the database already has {users} account(s); restoring replaces all of it: "
                          "add --force to overwrite")
    if kind == "sqlite":
        _sqlite_restore(source, _sqlite_path(url))
    else:
        # --dbname is the database's name only: host, user and password stay in the environment.
        _pg(url, "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
            "--exit-on-error", f"--dbname={make_url(url).database}", str(source))


def _sqlite_restore(source: Path, database: Path) -> None:
    backup_copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        if backup_copy.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError(f"{source} is damaged (SQLite's quick_check failed)")
        private_file(database)
        live = sqlite3.connect(database, timeout=30)
        try:
            # Page by page into the live file, under its write lock: readers elsewhere see the old
            # database or the restored one, never a mix. Its WAL mode comes back with the copy's pages.
            backup_copy.backup(live)
            live.execute("PRAGMA journal_mode=WAL")
        finally:
            live.close()
    finally:
        backup_copy.close()


# --- PostgreSQL's tools ----------------------------------------------------------------------------------


def _pg_environment(url: URL) -> dict[str, str]:
    env = dict(os.environ)  # the URL's parts win over any PG* settings already there
    for value, name in ((url.host, "PGHOST"), (url.port, "PGPORT"), (url.username, "PGUSER"),
                        (url.password, "PGPASSWORD"), (url.database, "PGDATABASE")):
        if value is not None:
            env[name] = str(value)
    for key, value in url.query.items():
        if key in _PG_QUERY:
            env[_PG_QUERY[key]] = value if isinstance(value, str) else value[-1]
    return env


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore: the newest server version's (Debian keeps them in /usr/lib/postgresql/N/bin,
    and a dump needs a pg_dump at least as new as the server), else the one on PATH."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return found[-1]
    if on_path := shutil.which(name):
        return on_path
    raise BackupError(f"{name} not found: install PostgreSQL's client tools (Debian: postgresql-client)")


def _pg(url: str, tool: str, *arguments: str) -> None:
    parsed = make_url(url)
    done = subprocess.run([pg_tool(tool), *arguments], env=_pg_environment(parsed), capture_output=True,
                          text=True, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise BackupError(f"{tool} failed: {(done.stderr or done.stdout).strip()[-2000:]}")
