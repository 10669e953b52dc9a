"""Me → Import's service (either kind of file) and `resilience import-daylio`."""

import json
import os
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import func, select

from resilience_app.core import clock
from resilience_app.core.errors import UserError
from resilience_app.core.settings import PROJECT_ROOT
from resilience_app.models import JournalEntry, MoodEntry
from resilience_app.services import import_file, journal, moods, portability
from tests.unit.test_daylio import csv_bytes, row

PASSWORD = "quiet river at dawn"


def counts(db, user_id):
    with db() as s:
        return tuple(s.scalar(select(func.count()).select_from(model).where(model.user_id == user_id))
                     for model in (MoodEntry, JournalEntry))


def test_daylio_preview_writes_nothing_then_import_adds_the_rest(db, users, frozen_clock):
    lin, _ = users
    data = csv_bytes([row(full_date="2026-11-01"), row(full_date="2026-11-17", mood="Sleepy"), row(mood="Sleepy"),
                      row(full_date="2026-11-01")])
    with db() as s:
        preview = import_file.preview(s, user_id=lin, data=data, name="daylio.csv")
    assert preview.kind == "daylio" and preview.counts == (("moods", 4),)
    assert (preview.new, preview.skipped, preview.unknown_moods) == (3, 1, ("Sleepy",))
    assert (preview.first_day, preview.last_day) == (date(2026, 11, 1), date(2026, 11, 18))
    assert preview.mood_names == (("good", 2), ("Sleepy", 2))
    assert counts(db, lin) == (0, 0)
    with pytest.raises(UserError), db() as s:
        import_file.import_file(s, user_id=lin, data=data)
    assert counts(db, lin) == (0, 0)
    with db() as s:
        done = import_file.import_file(s, user_id=lin, data=data, mapping={"Sleepy": "exhausted"})
    assert done.new == 3 and counts(db, lin) == (3, 0)
    with db() as s:
        again = import_file.preview(s, user_id=lin, data=data, mapping={"Sleepy": "exhausted"})
    assert (again.new, again.skipped) == (0, 4)


def test_an_export_is_previewed_by_a_dry_run_then_imported(db, users, frozen_clock):
    lin, wang = users
    with db() as s:
        moods.log_mood(s, user_id=wang, emotion="calm")
        journal.add_entry(s, user_id=wang, kind="win", text="客户说谢谢")
        document = portability.export_user(s, user_id=wang)
    data = json.dumps(document, ensure_ascii=False).encode()
    with db() as s:
        preview = import_file.preview(s, user_id=lin, data=data, name="export.json")
    assert preview.kind == "export" and dict(preview.counts) == {"moods": 1, "journal": 1}
    assert (preview.new, preview.skipped) == (2, 0) and preview.first_day == date(2026, 11, 20)
    assert counts(db, lin) == (0, 0)
    with db() as s:
        import_file.import_file(s, user_id=lin, data=data)
    assert counts(db, lin) == (1, 1)
    with db() as s:
        assert import_file.preview(s, user_id=lin, data=data).skipped == 2


def test_a_broken_export_is_refused_at_preview(db, users, frozen_clock):
    lin, _ = users
    bad = json.dumps({"format": "resilience-export", "version": 1,
                      "moods": [{"id": "0" * 32, "felt_at": "2026-11-20T08:00:00+08:00", "emotion": "nope"}]})
    with pytest.raises(UserError), db() as s:
        import_file.preview(s, user_id=lin, data=bad.encode())
    assert counts(db, lin) == (0, 0)


def test_uploads_past_the_limit_are_refused(db, users):
    lin, _ = users
    with pytest.raises(UserError) as caught, db() as s:
        import_file.preview(s, user_id=lin, data=b"{" + b" " * import_file.UPLOAD_MAX_BYTES)
    assert caught.value.key == "error.upload_too_large"


@pytest.fixture
def cli(tmp_path):
    env = {**os.environ, "RESILIENCE_DB_URL": f"sqlite:///{tmp_path / 'cli.db'}",
           clock.START_VARIABLE: clock.now().isoformat()}

    def run(*args, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "resilience_app.cli", *args], input=stdin,
                              capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120)

    assert run("db", "upgrade").returncode == 0
    assert run("user", "add", "lin", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
    return run


def test_import_daylio_command(cli, tmp_path):
    path = tmp_path / "daylio_export.csv"
    path.write_bytes(csv_bytes([row(), row(mood="Sleepy", time="8:00 am"), row()]))
    refused = cli("import-daylio", "lin", str(path))
    assert refused.returncode != 0
    answer = json.loads(refused.stdout)
    assert (answer["imported"], answer["unknown_moods"]) == (0, ["Sleepy"]) and "Sleepy" in answer["error"]
    assert json.loads(cli("export", "lin").stdout)["moods"] == []

    done = cli("import-daylio", "lin", str(path), "--map", "Sleepy=exhausted")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert (answer["imported"], answer["skipped"], answer["unknown_moods"]) == (2, 1, [])
    again = json.loads(cli("import-daylio", "lin", str(path), "--map", "Sleepy=exhausted").stdout)
    assert (again["imported"], again["skipped"]) == (0, 3)
    assert sorted(m["emotion"] for m in json.loads(cli("export", "lin").stdout)["moods"]) == ["content", "exhausted"]

    bad = tmp_path / "bad.csv"
    bad.write_text("full_date,time,mood\n2026-11-18,9:00,good\n2026-11-31,9:00,good\n", encoding="utf-8")
    answer = json.loads(cli("import-daylio", "lin", str(bad)).stdout)
    assert "line 3" in answer["error"] and answer["imported"] == 0
    assert "--map wants" in json.loads(cli("import-daylio", "lin", str(path), "--map", "oops").stdout)["error"]
    assert cli("import-daylio", "nobody", str(path)).returncode == 1
