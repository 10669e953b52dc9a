"""`resilience backup` and `restore`: a copy taken while saves go on is the database at one instant."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import select

from resilience_app.core import clock
from resilience_app.core.db import db_session, reset_engine_cache
from resilience_app.cli import main as cli_main
from resilience_app.core.settings import PROJECT_ROOT, get_settings
from resilience_app.models import User
from resilience_app.services import backup, journal, moods, portability
from tests.unit.account_support import fill_everything
from tests.unit.forum_support import register

WRITERS = 4
AFTER_THE_BACKUP = 5  # saves each writer makes once the backup is done: it was taken mid-burst


def _exports(user_ids: list[int]) -> dict[int, dict]:
    with db_session() as session:
        return {uid: portability.export_user(session, user_id=uid) for uid in user_ids}


def _save(uid: int, index: int) -> None:
    """One save of the burst: a check-in and a win, in one unit of work, as one handler would."""
    at = clock.now() - timedelta(days=2) + timedelta(minutes=index)
    with db_session() as session:
        moods.log_mood(session, user_id=uid, emotion="stressed", felt_at=at, note=f"burst {index}")
        journal.add_entry(session, user_id=uid, kind="win", text=f"burst {index}", written_at=at)


def _burst_index(entry: dict, field: str) -> int | None:
    value = entry.get(field, "")
    return int(value.split()[1]) if value.startswith("burst ") else None


def _without_burst_from(document: dict, first: int) -> dict:
    """The export as it was before the burst's save number `first`."""
    kept = dict(document)
    kept["moods"] = [m for m in document["moods"] if (_burst_index(m, "note") or 0) < first]
    kept["journal"] = [j for j in document["journal"] if (_burst_index(j, "text") or 0) < first]
    return kept


def test_a_backup_taken_during_a_burst_of_saves_restores_to_an_identical_export(migrated_on_both, frozen_clock,
                                                                               tmp_path):
    url = migrated_on_both
    people = [register(db_session, f"writer{n}") for n in range(WRITERS)]
    moderator = register(db_session, "mod", role="moderator")
    fill_everything(db_session, people[0], username="writer0", words="星河七号", peer=people[1], moderator=moderator)
    everyone = [*people, moderator]
    saved = [0] * WRITERS
    under_way, taken = threading.Barrier(WRITERS + 1), threading.Event()

    def write(n: int) -> None:
        after = None
        try:
            while after is None or saved[n] < after:
                _save(people[n], saved[n])
                saved[n] += 1
                if saved[n] == 3:
                    under_way.wait(timeout=60)  # the backup starts once every writer is under way
                if after is None and taken.is_set():
                    after = saved[n] + AFTER_THE_BACKUP
        except BaseException:
            under_way.abort()
            raise

    with ThreadPoolExecutor(WRITERS) as pool:
        writers = [pool.submit(write, n) for n in range(WRITERS)]
        try:
            under_way.wait(timeout=60)
        except threading.BrokenBarrierError:
            for writer in writers:
                writer.result(timeout=60)  # the writer's own error
            raise
        try:
            written = backup.backup(url, tmp_path / "during.backup")
        finally:
            taken.set()
        for writer in writers:
            writer.result(timeout=120)
    live = _exports(everyone)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600

    with pytest.raises(backup.BackupError, match="--force"):
        backup.restore(url, written)
    reset_engine_cache()
    backup.restore(url, written, force=True)
    reset_engine_cache()
    restored = _exports(everyone)

    for n, uid in enumerate(people):
        # Each writer's saves up to some point, none after, and never half of one (check-in without win).
        in_moods = [_burst_index(m, "note") for m in restored[uid]["moods"] if _burst_index(m, "note") is not None]
        in_wins = [_burst_index(j, "text") for j in restored[uid]["journal"] if _burst_index(j, "text") is not None]
        assert in_moods == in_wins == list(range(len(in_moods)))
        assert 3 <= len(in_moods) <= saved[n] - AFTER_THE_BACKUP
        assert restored[uid] == _without_burst_from(live[uid], len(in_moods))
    assert restored[moderator] == live[moderator]


def test_restore_refuses_a_backup_of_the_other_database_and_a_file_that_is_no_backup(migrated_on_both, tmp_path):
    other = "postgresql+psycopg://u@localhost/x" if migrated_on_both.startswith("sqlite") else \
        f"sqlite:///{tmp_path / 'other.db'}"
    written = backup.backup(migrated_on_both, tmp_path / "mine.backup")
    with pytest.raises(backup.BackupError, match="backup but RESILIENCE_DB_URL is"):
        backup.restore(other, written)
    (tmp_path / "notes.txt").write_text("not a backup")
    with pytest.raises(backup.BackupError, match="not a backup"):
        backup.restore(migrated_on_both, tmp_path / "notes.txt")


def test_pg_dump_gets_the_password_from_the_environment_never_the_command_line(monkeypatch, tmp_path):
    seen = {}

    def fake_run(command, *, env, **_options):
        seen.update(command=command, env=env)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(backup.subprocess, "run", fake_run)
    monkeypatch.setattr(backup, "pg_tool", lambda name: f"/usr/bin/{name}")
    backup.backup("postgresql+psycopg://app:s3cret%21@db.internal:5433/resilience?sslmode=require",
                  tmp_path / "x.pgdump")
    assert not any("s3cret" in part or "db.internal" in part for part in seen["command"])
    assert seen["command"][:2] == ["/usr/bin/pg_dump", "--format=custom"]
    env = seen["env"]
    assert (env["PGPASSWORD"], env["PGUSER"], env["PGHOST"], env["PGPORT"], env["PGDATABASE"], env["PGSSLMODE"]) == \
        ("s3cret!", "app", "db.internal", "5433", "resilience", "require")


def _usernames() -> set[str]:
    reset_engine_cache()
    with db_session() as session:
        return set(session.scalars(select(User.username)))


def test_the_command_line_writes_bare_names_to_the_backups_folder_and_restores_with_force(migrated_on_both,
                                                                                           tmp_path, monkeypatch,
                                                                                           capsys):
    data = tmp_path / "data"
    monkeypatch.setenv("RESILIENCE_DATA_DIR", str(data))
    register(db_session, "lin")
    assert cli_main(["backup", "nightly"]) == 0
    file = data / "backups" / "nightly"
    assert capsys.readouterr().out.strip() == f"backup written to {file}"
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert stat.S_IMODE(file.parent.stat().st_mode) == 0o700
    assert cli_main(["backup"]) == 0  # no name: a dated one in the same folder
    assert f"/backups/resilience-{clock.now():%Y%m%d-%H%M%S}." in capsys.readouterr().out

    register(db_session, "wang")
    reset_engine_cache()
    assert cli_main(["restore", "nightly"]) == 1
    assert "already has 2 account(s)" in capsys.readouterr().err and _usernames() == {"lin", "wang"}
    assert cli_main(["restore", "nightly", "--force"]) == 0
    assert _usernames() == {"lin"}  # wang came after the backup

    if migrated_on_both.startswith("sqlite"):  # a database without accounts needs no --force
        monkeypatch.setenv("RESILIENCE_DB_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
        get_settings.cache_clear()
        assert cli_main(["restore", str(file)]) == 0
        assert _usernames() == {"lin"}


def test_the_backup_command_runs_as_the_operator_runs_it(tmp_path):
    env = {**os.environ, "RESILIENCE_DB_URL": f"sqlite:///{tmp_path / 'cli.db'}",
           "RESILIENCE_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "resilience_app.cli", "backup", str(tmp_path / "x.sqlite3")],
                          capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120)
    assert done.returncode == 1 and "no database at" in done.stderr  # nothing to back up yet, said in one line
