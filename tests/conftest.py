"""Shared fixtures: a fresh database per test and a clock the tests control."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

from resilience_app.core import clock, security
from resilience_app.core.db import db_session, get_engine, reset_engine_cache
from resilience_app.core.settings import get_settings
from resilience_app.models import Base


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


@pytest.fixture
def db(tmp_path, monkeypatch):
    """An empty schema in a throwaway SQLite file; yields the session helper."""
    monkeypatch.setenv("RESILIENCE_DB_URL", f"sqlite:///{tmp_path / 'test.db'}")
    get_settings.cache_clear()
    reset_engine_cache()
    Base.metadata.create_all(get_engine())
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
