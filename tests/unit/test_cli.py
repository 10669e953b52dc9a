"""The operator's command line, run as the operator runs it (a subprocess)."""

import io
import json
import os
import subprocess
import sys

import pytest

from resilience_app.cli import main as cli_main
from resilience_app.core import clock
from resilience_app.core.settings import PROJECT_ROOT
from resilience_app.services import accounts, portability
from tests.unit.import_support import hex_id

PASSWORD = "quiet river at dawn"


@pytest.fixture
def cli(tmp_path):
    # The command's clock starts where the test's stands, not at the wall clock.
    env = {**os.environ, "RESILIENCE_DB_URL": f"sqlite:///{tmp_path / 'cli.db'}",
           clock.START_VARIABLE: clock.now().isoformat()}

    def run(*args, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "resilience_app.cli", *args],
            input=stdin, capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120,
        )

    assert run("db", "upgrade").returncode == 0
    return run


def test_user_add_export_import_round_trip(cli, tmp_path):
    added = cli("user", "add", "lin", "--password-stdin", stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    exported = cli("export", "lin")
    document = json.loads(exported.stdout)
    assert (document["format"], document["version"]) == ("resilience-export", 1)
    assert document["user"]["username"] == "lin" and document["user"]["language"] == "zh-CN"
    path = tmp_path / "lin.json"
    path.write_text(exported.stdout, encoding="utf-8")
    for _ in range(2):
        restored = cli("import", "lin", str(path))
        assert restored.returncode == 0, restored.stderr
    again = json.loads(cli("export", "lin").stdout)
    document.pop("exported_at"), again.pop("exported_at")
    assert again == document


def test_friendly_errors(cli, tmp_path):
    weak = cli("user", "add", "bob", "--password-stdin", stdin="12345678\n")
    assert weak.returncode == 1 and "too common" in weak.stderr
    assert "No such user" in cli("export", "nobody").stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    cli("user", "add", "lin", "--password-stdin", stdin=PASSWORD + "\n")
    assert "not valid JSON" in cli("import", "lin", str(bad)).stderr
    bad.write_text('{"format": "something-else"}', encoding="utf-8")
    assert "isn't a Resilience export" in cli("import", "lin", str(bad)).stderr


def test_set_role_and_passwd(cli):
    cli("user", "add", "mod", "--password-stdin", stdin=PASSWORD + "\n")
    assert "is now moderator" in cli("user", "set-role", "mod", "moderator").stdout
    assert cli("user", "set-role", "mod", "admin").returncode == 2  # argparse refuses the choice
    changed = cli("user", "passwd", "mod", "--password-stdin", stdin="a different long phrase\n")
    assert changed.returncode == 0, changed.stderr


def _crafted_export() -> dict:
    """A night-shift agent in Shanghai (day starts 04:00): every day of November 1-21 logged except
    the 7th (a rest day) and the 12th-14th (a gap too long to bridge); most entries at 01:30,
    which belong to the day before."""
    moods, journal = [], []
    for day in range(1, 22):
        if day in (7, 12, 13, 14):
            continue
        # Logged "on day N" at 01:30 on day N+1: the night shift's day.
        felt = f"2026-11-{day + 1:02d}T01:30:00+08:00"
        emotion = "happy" if day % 3 == 0 else "exhausted"
        moods.append({"id": hex_id(f"m{day}"), "felt_at": felt, "emotion": emotion, "intensity": 3,
                      "cause": "物流延误被催" if emotion == "exhausted" else "", "cause_tags": ["logistics_chase"]})
    # Day 15 has only a win, written at 23:00: journal entries count for streaks too.
    moods = [m for m in moods if m["id"] != hex_id("m15")]
    journal.append({"id": hex_id("w1"), "kind": "win", "text": "帮客户找回了丢失的包裹", "prompt_key": "",
                    "written_at": "2026-11-15T23:00:00+08:00"})
    journal.append({"id": hex_id("w2"), "kind": "win", "text": "准时下班", "prompt_key": "",
                    "written_at": "2026-11-18T22:00:00+08:00"})
    blocks = [{"id": hex_id("b1"), "starts_at": "2026-11-17T19:00:00+08:00", "minutes": 120, "interest": "爬山",
               "checklist": [], "status": "done", "recharged": 4, "note": ""},
              {"id": hex_id("b2"), "starts_at": "2026-11-21T10:00:00+08:00", "minutes": 120, "interest": "爬山",
               "checklist": [], "status": "done", "recharged": 5, "note": ""},
              {"id": hex_id("b3"), "starts_at": "2026-11-10T10:00:00+08:00", "minutes": 120, "interest": "爬山",
               "checklist": [], "status": "done", "recharged": 2, "note": ""}]
    slips = [{"id": hex_id("s1"), "text": "", "status": "released", "written_at": "2026-11-17T23:00:00+08:00",
              "sealed_at": "2026-11-17T23:05:00+08:00", "opens_on": "2026-11-18",
              "released_at": "2026-11-19T12:00:00+08:00"}]
    return {"format": "resilience-export", "version": 1,
            "user": {"language": "en", "time_zone": "Asia/Shanghai", "day_start_hour": 4},
            "moods": moods, "journal": journal, "recharge_blocks": blocks, "emotion_box": slips}


def test_summary_of_an_imported_export_gives_the_expected_streaks_and_counts(cli, tmp_path):
    cli("user", "add", "lin", "--password-stdin", stdin=PASSWORD + "\n")
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(_crafted_export(), ensure_ascii=False), encoding="utf-8")
    assert cli("import", "lin", str(path)).returncode == 0
    done = cli("summary", "lin", "--week", "2026-W47", "--as-of", "2026-11-22")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    expected = {
        "week": "2026-W47",
        # 16th-21st are logged, the 22nd (today) is still open.
        "check_in_days": 6,
        # The streak restarted on the 15th after the 12th-14th gap: 15th-21st.
        "current_streak": 7,
        # 1st-11th with the 7th as a rest day: 10 logged days.
        "longest_streak": 10,
        "rest_days_used": 1,
        "mood_count": 6,
        "quadrants": {"high_unpleasant": 0, "low_unpleasant": 4, "low_pleasant": 0, "high_pleasant": 2},
        "top_emotions": [["exhausted", 4], ["happy", 2]],
        "pleasant_share": 0.33,
        "wins_count": 1,
        "recharge_done": 2,
        "recharge_rating": 4.5,
        "box_let_go": 1,
    }
    assert {key: summary[key] for key in expected} == expected
    # 物流 is in the tag's label (物流催单), so only the other word of "物流延误被催" is counted.
    assert summary["top_causes"] == [{"tag": "logistics_chase", "count": 6}, {"word": "延误", "count": 4}]
    assert 60 < summary["consistency"] < 100
    assert summary["sentences"][0].startswith("On 6 days this week")  # the user's language, English

    week46 = json.loads(cli("summary", "lin", "--week", "2026-W46", "--as-of", "2026-11-22",
                            "--language", "zh-CN").stdout)
    assert (week46["check_in_days"], week46["mood_count"], week46["wins_count"]) == (4, 3, 1)
    assert week46["sentences"][0].startswith("这周有 4 天")
    assert "--as-of wants a date" in cli("summary", "lin", "--as-of", "yesterday").stderr
    assert "2026-W99" in cli("summary", "lin", "--week", "2026-W99").stderr
    assert "No such user" in cli("summary", "nobody").stderr


def test_safety_check_prints_one_json_object_per_line(cli):
    texts = ["客户电话138-1234-5678，说要差评", "累死了，这个客户要把我逼疯了", "我真的不想活了", "¥199 买了3件，第2次问",
             "药已经吃下去了，别告诉我家里人"]
    done = cli("safety", "check", stdin="\n".join(texts) + "\n")
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert results[0] == {"text": "客户电话[手机号已隐藏]，说要差评", "removed": [{"kind": "phone", "value": "138-1234-5678"}],
                          "crisis": False, "severity": None}
    assert [r["crisis"] for r in results] == [False, False, True, False, True]
    assert [r["severity"] for r in results] == [None, None, "concern", None, "acute"]  # issue 12: severity on every line
    assert results[3] == {"text": texts[3], "removed": [], "crisis": False, "severity": None}


def test_hostile_import_files_get_one_line_exit_1_and_change_nothing(cli, tmp_path):
    cli("user", "add", "lin", "--password-stdin", stdin=PASSWORD + "\n")
    demo = cli("demo", "lin", "--weeks", "1")
    assert demo.returncode == 0, demo.stderr
    document = json.loads(cli("export", "lin").stdout)

    def with_first_mood(name: str, **fields) -> str:
        path = tmp_path / name
        path.write_text(json.dumps({**document, "moods": [{**document["moods"][0], **fields}, *document["moods"][1:]]}))
        return str(path)

    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    with open(tmp_path / "huge.json", "wb") as huge:
        huge.truncate(50 * 1024 * 1024 + 1)  # sparse: costs no disk
    hostile = {
        str(tmp_path / "missing.json"): "No such file or directory",
        str(tmp_path): "Is a directory",
        str(tmp_path / "huge.json"): "larger than 50 MB",
        str(tmp_path / "deep.json"): "nested too deeply",
        with_first_mood("year1.json", felt_at="0001-01-01T00:00+14:00"): "outside the years 1970–2100",
        with_first_mood("long_id.json", id="a" * 5000): "32 hex characters",
    }
    for path, words in hostile.items():
        done = cli("import", "lin", path)
        assert (done.returncode, done.stdout) == (1, ""), (path, done)
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ") and words in done.stderr, done.stderr
    after = json.loads(cli("export", "lin").stdout)
    assert {**after, "exported_at": None} == {**document, "exported_at": None}


@pytest.mark.parametrize(("content", "words"), [
    (b" \n", "is empty"),
    ('{"format": "résilience"}'.encode("latin-1"), "isn't UTF-8 text (a bad byte at offset 13)"),
    (b'{"format": "resilience-export", "version": 1, "moods": [{"intensity": NaN}]}', "NaN is not a JSON number"),
    (b'{"format": "resilience-export", "version": 1, "moods": [{"intensity": -Infinity}]}', "-Infinity is not"),
    (b'{"version": 1' + b"0" * 40 + b"}", "more than 30 digits"),
    (b'{"format": "resilience-export", "version": 1,}', "line 1 column 46"),
    (b"[1, 2, 3]", "isn't a Resilience export"),
    (b'{"format": "resilience-export", "version": 1, "moods": [{"id": "x"}]}', "In entry 1 of “moods”, “id”"),
])
def test_a_bad_file_on_standard_input_gets_one_line_and_exit_1(db, monkeypatch, capsys, content, words):
    with db() as s:
        accounts.register(s, username="lin", password=PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content)))
    assert cli_main(["import", "lin", "-"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("error: "), err
    assert words in err, err


def test_standard_input_with_a_byte_order_mark_imports(db, frozen_clock, monkeypatch, capsys):
    with db() as s:
        uid = accounts.register(s, username="lin", password=PASSWORD).id
        document = portability.export_user(s, user_id=uid)
    document["journal"] = [{"id": "c" * 32, "kind": "win", "text": "准时下班", "written_at": "2026-11-20T18:00:00+08:00"}]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + json.dumps(document).encode())))
    assert cli_main(["import", "lin", "-"]) == 0, capsys.readouterr().err
    with db() as s:
        assert [entry["text"] for entry in portability.export_user(s, user_id=uid)["journal"]] == ["准时下班"]
