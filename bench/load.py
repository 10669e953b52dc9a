"""Many signed-in tabs over the real websocket, each saving a check-in every 10 s (issue 16).

Registers `--users` accounts over HTTP (the sign-up form's POST), opens `--connections` tabs spread
over them, each a Socket.IO connection to Reflex's /_event with the account's session cookie, as a
browser opens one. Every tab hydrates, loads Today, then every `--every` seconds taps a quadrant
and a word (MoodState.choose_quadrant, then MoodState.save_emotion, the real handlers) and times
the save from sending the word to the update that confirms it. Prints p50, p95 and p99 of those
round trips, errors, saves per second, and KiB per connection: the server's resident memory
(VmRSS of the server and its workers, from /proc) at the end of the run, less before the tabs
connected (after `--warm` tabs saved once, so first-use loading is not counted), divided by the
connections.

Without `--url` it starts its own server (`resilience serve`, the frontend must be built) on a
free port with a fresh data folder: one process with state in memory on SQLite, or, when
REFLEX_REDIS_URL and/or RESILIENCE_DB_URL are set, on them with `--workers` processes (the
PostgreSQL database must be migrated and may be shared with nothing you keep). With `--url` it
loads a running server; give `--server-pid` to have its memory measured.

    .venv/bin/python bench/load.py --connections 50 --duration 30
    REFLEX_REDIS_URL=redis://localhost:6379 RESILIENCE_DB_URL=postgresql+psycopg://…/resilience \\
        .venv/bin/python bench/load.py --connections 1000 --users 100 --workers 3 --duration 120
    .venv/bin/python bench/load.py --url http://localhost:3000 --server-pid 1234 --connections 200

Goals (README "Speed"): one process, 1,000 connections, p95 <= 50 ms and <= 256 KiB per
connection; PostgreSQL + Redis + several workers, 1,000 connections, p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import socketio
from _server import free_port

ROOT = Path(__file__).resolve().parents[1]
STATE = "reflex___state____state"
MOOD = f"{STATE}.resilience_app___state___mood____mood_state"
# Today's last on_load handler (InsightsState.load_streak) sets this: the page is ready for taps.
LOADED = (f"{STATE}.resilience_app___state___insights____insights_state", "streak_text")
WORDS = [("low_unpleasant", "wronged"), ("high_unpleasant", "frustrated"),
         ("low_pleasant", "calm"), ("high_pleasant", "proud")]
PASSWORD = "load test tea after the late shift"
NAMESPACE = "/_event"  # Reflex's socket: both its path and its Socket.IO namespace


# --- the server --------------------------------------------------------------------------


def _rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants (uvicorn's spawned workers), in KiB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total


class OwnServer:
    """`resilience serve` in its own process group, on a fresh data folder."""

    def __init__(self, workers: int | None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="resilience-load-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "RESILIENCE_DATA_DIR": str(self.folder), "RESILIENCE_COOKIE_SECURE": "false"}
        if workers:
            self.env["RESILIENCE_WORKERS"] = str(workers)
        self.process: subprocess.Popen | None = None
        self.served = False  # once it answered: the folder is deleted at the end (kept to read a failed start's log)

    def start(self) -> None:
        cli = [sys.executable, "-m", "resilience_app.cli"]
        subprocess.run([*cli, "db", "upgrade"], env=self.env, cwd=ROOT, check=True, capture_output=True)
        self.log = open(self.folder / "server.log", "w")
        self.process = subprocess.Popen([*cli, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                                        env=self.env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server stopped; see {self.folder / 'server.log'}")
            try:
                if httpx.get(f"{self.url}/ping", timeout=2).status_code == 200:
                    self.served = True
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise SystemExit("the server did not answer /ping within 120 s")

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            self.log.close()
            self.process = None
        if self.served:
            shutil.rmtree(self.folder, ignore_errors=True)


# --- users and tabs ----------------------------------------------------------------------

async def register(client: httpx.AsyncClient, url: str, name: str) -> str:
    """A new account through the sign-up form's POST; returns its session cookie."""
    response = await client.post(
        f"{url}/auth/register", headers={"origin": url},
        data={"username": name, "password": PASSWORD, "consent_sensitive": "yes", "language": "en",
              "time_zone": "Asia/Shanghai"},
    )
    token = response.cookies.get("resilience_session")
    if response.status_code != 303 or not token:
        raise SystemExit(f"could not register {name}: {response.status_code} {response.headers.get('location')}")
    return token


class Tab:
    """One browser tab: a Socket.IO connection to /_event under one login."""

    def __init__(self, url: str, cookie: str, stats: Stats) -> None:
        self.url, self.cookie, self.stats = url, cookie, stats
        self.sio = socketio.AsyncClient(reconnection=False)
        self.token = str(uuid.uuid4())
        self.waiting: asyncio.Future | None = None
        self.waiting_for: tuple[str, ...] = ()
        self.loaded = asyncio.Event()
        self.sio.on("event", self._on_update, namespace=NAMESPACE)

    def _router_data(self) -> dict:
        return {"pathname": "/", "query": {}, "asPath": "/"}

    async def emit(self, name: str, payload: dict | None = None) -> None:
        await self.sio.emit("event", {"name": name, "payload": payload or {}, "router_data": self._router_data()},
                            namespace=NAMESPACE)

    async def _on_update(self, update) -> None:
        if isinstance(update, str):
            update = json.loads(update)
        for event in update.get("events") or []:
            # Events a handler chains (on_load, the undo timer) come back through the browser.
            if not event.get("name", "").split(".")[-1].startswith("_"):
                await self.emit(event["name"], event.get("payload") or {})
        delta = update.get("delta") or {}
        if any(key.startswith(LOADED[1]) for key in delta.get(LOADED[0]) or {}):
            self.loaded.set()
        mood = delta.get(MOOD) or {}
        if self.waiting is None or self.waiting.done() or not mood:
            return
        error = next((value for key, value in mood.items() if key.startswith("error_text")), "")
        if error or any(key.startswith(self.waiting_for) for key in mood):
            self.waiting.set_result(error)

    async def _call(self, name: str, payload: dict, confirmed_by: tuple[str, ...]) -> tuple[float, str]:
        """Send an event; (milliseconds, error text) once the update that confirms it comes back."""
        self.waiting, self.waiting_for = asyncio.get_running_loop().create_future(), confirmed_by
        start = time.perf_counter()
        await self.emit(name, payload)
        error = await asyncio.wait_for(self.waiting, timeout=10)
        return (time.perf_counter() - start) * 1000, error

    async def connect(self) -> None:
        await self.sio.connect(
            f"{self.url}?token={self.token}", socketio_path="_event", namespaces=[NAMESPACE],
            transports=["websocket"],
            headers={"Cookie": f"resilience_session={self.cookie}", "Origin": self.url},
            wait_timeout=30,
        )
        # What the page sends first: its state, then the page's on_load handlers (Today's loads).
        await self.emit(f"{STATE}.hydrate")
        await self.emit(f"{STATE}.reflex___state____on_load_internal_state.on_load_internal")
        await asyncio.wait_for(self.loaded.wait(), timeout=60)

    async def save_once(self, n: int) -> None:
        quadrant, word = WORDS[n % len(WORDS)]
        try:
            await self._call(f"{MOOD}.choose_quadrant", {"quadrant": quadrant}, ("open_quadrant",))
            took, error = await self._call(f"{MOOD}.save_emotion", {"emotion": word}, ("saved_count", "repeat_tap"))
        except TimeoutError:
            self.stats.errors += 1
            self.stats.reasons["timeout"] = self.stats.reasons.get("timeout", 0) + 1
            return
        if error:
            self.stats.errors += 1
            self.stats.reasons[error[:60]] = self.stats.reasons.get(error[:60], 0) + 1
            return
        self.stats.timings.append(took)
        self.stats.when.append(time.monotonic())

    async def run(self, until: float, every: float, first_delay: float) -> None:
        await asyncio.sleep(first_delay)
        n = random.randrange(len(WORDS))
        next_at = time.monotonic()
        while time.monotonic() < until:
            n += 1
            try:
                await self.save_once(n)
            except socketio.exceptions.SocketIOError:
                self.stats.errors += 1
                self.stats.reasons["disconnected"] = self.stats.reasons.get("disconnected", 0) + 1
                return
            next_at += every
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))


class Stats:
    def __init__(self) -> None:
        self.timings: list[float] = []
        self.when: list[float] = []  # when each timed save finished (monotonic)
        self.errors = 0
        self.reasons: dict[str, int] = {}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def load(args, url: str, server_pid: int | None) -> None:
    stats = Stats()
    users = min(args.users, args.connections)
    run_id = secrets.token_hex(3)
    async with httpx.AsyncClient(timeout=60) as client:
        gate = asyncio.Semaphore(8)

        async def one(i: int) -> str:
            async with gate:
                return await register(client, url, f"ld{run_id}{i}")

        started = time.perf_counter()
        cookies = await asyncio.gather(*(one(i) for i in range(users)))
        print(f"registered {users} users in {time.perf_counter() - started:.1f} s", flush=True)

    # A few tabs first, saving once each, so that what each worker loads on first use is not counted per tab.
    warm = [Tab(url, cookies[i % users], Stats()) for i in range(args.warm)]
    await asyncio.gather(*(tab.connect() for tab in warm))
    await asyncio.gather(*(tab.save_once(i) for i, tab in enumerate(warm)))
    await asyncio.sleep(1)
    rss_before = _rss_kib(server_pid) if server_pid else None
    tabs = [Tab(url, cookies[i % users], stats) for i in range(args.connections)]
    started = time.perf_counter()
    failed = []
    for batch in range(0, len(tabs), args.connect_batch):
        group = tabs[batch:batch + args.connect_batch]
        outcomes = await asyncio.gather(*(tab.connect() for tab in group), return_exceptions=True)
        failed += [tab for tab, outcome in zip(group, outcomes) if isinstance(outcome, BaseException)]
    if failed:  # where it breaks: tabs that could not connect and load Today within a minute
        stats.errors += len(failed)
        stats.reasons["connect"] = len(failed)
        tabs = [tab for tab in tabs if tab not in failed]
    print(f"connected {len(tabs)} tabs in {time.perf_counter() - started:.1f} s", flush=True)

    until = time.monotonic() + args.duration
    spread = [args.every * i / len(tabs) for i in range(len(tabs))]
    random.shuffle(spread)
    await asyncio.gather(*(tab.run(until, args.every, delay) for tab, delay in zip(tabs, spread)))
    rss_after = _rss_kib(server_pid) if server_pid else None
    if args.debug_slow:
        start = until - args.duration
        slow = sorted(((t, w - start) for t, w in zip(stats.timings, stats.when)), reverse=True)[:10]
        print("slowest saves (ms at s):", ", ".join(f"{t:.0f}@{w:.0f}" for t, w in slow))
    await asyncio.gather(*(tab.sio.disconnect() for tab in [*warm, *tabs, *failed]), return_exceptions=True)

    if args.warmup:  # steady state only: drop the saves that finished in the first seconds
        counted = [t for t, w in zip(stats.timings, stats.when) if w - (until - args.duration) >= args.warmup]
        print(f"left out {len(stats.timings) - len(counted)} saves of the first {args.warmup:g} s")
        stats.timings = counted
    saves = len(stats.timings)
    print()
    print(f"connections {len(tabs)} ({users} users), {args.duration:.0f} s, "
          f"one save per tab every {args.every:g} s")
    if saves:
        print(f"saves {saves} ({saves / (args.duration - args.warmup):.1f}/s)  "
              f"p50 {statistics.median(stats.timings):.1f} ms  p95 {_percentile(stats.timings, 0.95):.1f} ms  "
              f"p99 {_percentile(stats.timings, 0.99):.1f} ms  "
              f"max {max(stats.timings):.1f} ms")
    print(f"errors {stats.errors}" + (f" {stats.reasons}" if stats.reasons else ""))
    if rss_before is not None and rss_after is not None:
        print(f"server RSS {rss_before / 1024:.0f} MiB -> {rss_after / 1024:.0f} MiB: "
              f"{(rss_after - rss_before) / len(tabs):.0f} KiB per connection")
    else:
        print("KiB per connection: give --server-pid to measure a server this tool did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server; without it, one is started for the run")
    parser.add_argument("--server-pid", type=int, help="the running server's process id (memory measurement)")
    parser.add_argument("--connections", type=int, default=50, help="tabs (websocket connections)")
    parser.add_argument("--users", type=int, default=None, help="accounts the tabs are spread over "
                        "(default: one per 10 tabs)")
    parser.add_argument("--duration", type=float, default=30, help="seconds of saving")
    parser.add_argument("--every", type=float, default=10, help="seconds between one tab's saves")
    parser.add_argument("--workers", type=int, default=None, help="workers of the server started here "
                        "(needs REFLEX_REDIS_URL when more than 1)")
    parser.add_argument("--connect-batch", type=int, default=50, help="tabs connecting at once")
    parser.add_argument("--warm", type=int, default=8, help="tabs that connect and save once before the "
                        "memory baseline (not counted); a few per worker")
    parser.add_argument("--warmup", type=float, default=0, help="seconds at the start whose saves are not "
                        "counted (errors still are)")
    parser.add_argument("--debug-slow", action="store_true", help="print when the slowest saves happened")
    args = parser.parse_args()
    args.users = args.users or max(1, args.connections // 10)

    server = None if args.url else OwnServer(args.workers)
    try:
        if server is None:
            url, pid = args.url.rstrip("/"), args.server_pid
        else:
            server.start()
            url, pid = server.url, server.process.pid
            where = "Redis" if os.environ.get("REFLEX_REDIS_URL") else "memory"
            database = "PostgreSQL" if os.environ.get("RESILIENCE_DB_URL", "").startswith("postgres") else "SQLite"
            print(f"server {url} (state in {where}, {database}, workers {args.workers or 'default'})", flush=True)
        asyncio.run(load(args, url, pid))
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
