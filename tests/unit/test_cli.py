"""The operator's command line, run as the operator runs it (a subprocess)."""

import json
import os
import subprocess
import sys

import pytest

from resilience_app.core.settings import PROJECT_ROOT

PASSWORD = "quiet river at dawn"


@pytest.fixture
def cli(tmp_path):
    env = {**os.environ, "RESILIENCE_DB_URL": f"sqlite:///{tmp_path / 'cli.db'}"}

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
