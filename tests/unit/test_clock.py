"""RESILIENCE_CLOCK_START: a process's clock starts at the given instant and then runs on. It is
read when the process starts, so each case runs in a fresh Python."""

import os
import subprocess
import sys
from datetime import datetime, timedelta

from resilience_app.core import clock
from resilience_app.core.settings import PROJECT_ROOT

READ_TWICE = (
    "import time; from resilience_app.core import clock; first = clock.now(); time.sleep(0.3);"
    "print(first.isoformat()); print(clock.now().isoformat()); print(clock.started_at().isoformat())"
)


def _python(code: str, start: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env={**os.environ, clock.START_VARIABLE: start},
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)


def test_the_clock_starts_at_the_given_instant_and_runs_on():
    done = _python(READ_TWICE, "2026-11-30T00:30:00+08:00")
    assert done.returncode == 0, done.stderr
    first, second, started = (datetime.fromisoformat(line) for line in done.stdout.split())
    start = datetime.fromisoformat("2026-11-30T00:30:00+08:00")
    assert started == start
    assert timedelta(0) <= first - start < timedelta(seconds=10)
    assert timedelta(seconds=0.3) <= second - first < timedelta(seconds=10)  # running, not frozen
    assert first.utcoffset() == timedelta(0)  # instants come back in UTC, as always


def test_a_start_without_its_offset_or_not_a_time_is_refused_by_name():
    for value in ("2026-11-30T00:30:00", "next monday"):
        done = _python("from resilience_app.core import clock", value)
        assert done.returncode != 0
        assert f"{clock.START_VARIABLE} wants an instant with its offset" in done.stderr
