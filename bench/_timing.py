"""For the benchmarks that call services directly: a throwaway database, and timing (warm once,
then median and p95)."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def throwaway_database() -> None:
    """An empty schema in a temporary SQLite file, used by every session from here on."""
    folder = Path(tempfile.mkdtemp(prefix="resilience-bench-"))
    os.environ["RESILIENCE_DB_URL"] = f"sqlite:///{folder / 'bench.db'}"
    from resilience_app.core.db import get_engine
    from resilience_app.models import Base

    Base.metadata.create_all(get_engine())


def report(name: str, call: Callable[[], object], runs: int) -> None:
    call()  # warm up: caches, jieba's dictionary, SQLite's pages
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(f"{name}: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms ({runs} runs)")
