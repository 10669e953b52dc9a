"""`resilience user delete` and `resilience retention run`, run as the operator runs them."""

import json
import os
import subprocess
import sys

import pytest

from resilience_app.core import clock
from resilience_app.core.settings import PROJECT_ROOT

PASSWORD = "quiet river at dawn"


@pytest.fixture
def cli(tmp_path):
    env = {**os.environ, "RESILIENCE_DB_URL": f"sqlite:///{tmp_path / 'cli.db'}",
           clock.START_VARIABLE: clock.now().isoformat()}

    def run(*args, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "resilience_app.cli", *args], input=stdin, capture_output=True,
                              text=True, env=env, cwd=PROJECT_ROOT, timeout=120)

    assert run("db", "upgrade").returncode == 0
    return run


def test_user_delete_asks_unless_yes_and_prints_what_went(cli, tmp_path):
    assert cli("user", "add", "Lin_Night", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
    refused = cli("user", "delete", "Lin_Night", stdin="someone else\n")
    assert refused.returncode == 1 and "not deleted" in refused.stderr
    asked = cli("user", "delete", "Lin_Night", "--posts", "anonymise", stdin="Lin_Night\n")
    assert asked.returncode == 0, asked.stderr
    summary = json.loads(asked.stdout[asked.stdout.index("{"):])
    assert summary["deleted"] == "Lin_Night" and summary["posts"] == "anonymise" and summary["account"] == 1
    again = cli("user", "delete", "Lin_Night", "--yes")
    assert again.returncode == 1 and "error:" in again.stderr
    assert b"Lin_Night" not in (tmp_path / "cli.db").read_bytes()


def test_retention_run_is_idempotent(cli):
    first = cli("retention", "run")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == {"users": 0, "erased": {}}
    assert json.loads(cli("retention", "run").stdout) == {"users": 0, "erased": {}}
