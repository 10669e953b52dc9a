"""Shared fixtures: a fresh database per test and a clock the tests control."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from datetime import UTC, datetime

import pytest

from resilience_app.core import clock, security
from resilience_app.core.db import db_session, reset_engine_cache
from resilience_app.core.settings import get_settings
from tests import schema


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
    # The slow browser tests run last, so the quick ones report first.
    items.sort(key=lambda item: "/e2e/" in str(item.fspath))


# argon2 at a few KiB and one pass: the suite registers hundreds of users. Tests marked
# `production_hash` keep the real cost (see tests/unit/test_security.py).
CHEAP_HASH = {"memory_cost": 8, "rounds": 1, "parallelism": 1}


@pytest.fixture(autouse=True)
def cheap_password_hashing(request):
    if request.node.get_closest_marker("production_hash"):
        security.use_hash_cost(**security.PRODUCTION_COST)
    else:
        security.use_hash_cost(**CHEAP_HASH)
    yield
    security.use_hash_cost(**security.PRODUCTION_COST)


@pytest.fixture(scope="session")
def schema_template(request):
    """The migrated schema, built once per run (tests/schema.py): SQLite, or RESILIENCE_TEST_DB_URL."""
    yield schema.template_for(schema.db_fixture_url(request))
    schema.close_all()


@pytest.fixture
def db(schema_template, tmp_path, monkeypatch):
    """A fresh copy of the migrated, empty schema (SQLite file, or PostgreSQL with
    RESILIENCE_TEST_DB_URL); yields the session helper."""
    monkeypatch.setenv("RESILIENCE_DB_URL", schema_template.clone(tmp_path))
    get_settings.cache_clear()
    reset_engine_cache()
    yield db_session
    reset_engine_cache()
    get_settings.cache_clear()


# No test reads the wall clock. Each starts with "now" frozen at this moment, or at
# RESILIENCE_CLOCK_START when it is set (scripts/awkward_dates.sh runs the suite at several):
# Monday 00:30 in Shanghai, when the ISO week has just begun and the 04:00 day start has not.
PINNED_MOMENT = datetime.fromisoformat(os.environ.get(clock.START_VARIABLE) or "2026-11-30T00:30:00+08:00")


@pytest.fixture(autouse=True)
def pinned_clock():
    clock.set_now(PINNED_MOMENT)
    yield clock
    clock.set_now(None)


@pytest.fixture
def frozen_clock():
    """Freeze "now" at 2026-11-20 12:00 UTC; tests move it with clock.set_now()."""
    clock.set_now(datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
    yield clock
    clock.set_now(None)


GOOD_PASSWORD = "tea after the late shift"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    """A throwaway redis-server of the test's own, for the paths that keep state in Redis."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (.ci/run installs it)")
    port = _free_port()
    # Never under libfaketime (scripts/awkward_dates.sh): redis-server's own timers break there.
    env = {name: value for name, value in os.environ.items() if name != "LD_PRELOAD" and not name.startswith("FAKETIME")}
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)
