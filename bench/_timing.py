"""Timing for the benchmarks that call services directly: warm once, then median and p95."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def report(name: str, call: Callable[[], object], runs: int) -> None:
    call()  # warm up: caches, jieba's dictionary, SQLite's pages
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(f"{name}: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms ({runs} runs)")
