"""`resilience serve --workers N` (issue 16): several workers only with the tabs' state in Redis."""

from __future__ import annotations

import pytest

from resilience_app.cli import main as cli_main


@pytest.mark.parametrize("workers", ["2", "5"])
def test_several_workers_without_redis_are_refused(workers, monkeypatch, capsys):
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    monkeypatch.delenv("GRANIAN_WORKERS", raising=False)
    assert cli_main(["serve", "--workers", workers]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "REFLEX_REDIS_URL" in error and error.count("\n") == 1


def test_no_workers_is_refused(monkeypatch, capsys):
    assert cli_main(["serve", "--workers", "0"]) == 1
    assert "--workers" in capsys.readouterr().err


def test_the_worker_count_can_come_from_the_environment(monkeypatch, capsys):
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    monkeypatch.setenv("RESILIENCE_WORKERS", "3")
    assert cli_main(["serve"]) == 1
    assert "REFLEX_REDIS_URL" in capsys.readouterr().err


def test_an_unknown_asgi_server_is_refused_naming_the_choices(monkeypatch, capsys):
    monkeypatch.setenv("RESILIENCE_ASGI_SERVER", "hypercorn")
    assert cli_main(["serve"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "uvicorn" in error and "granian" in error
