"""The real app, built and served as `make run` does, driven by headless Chromium."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from resilience_app.core import clock, localtime
from resilience_app.core.settings import PROJECT_ROOT
from resilience_app.services.accounts import DEFAULT_DAY_START
from tests.conftest import PINNED_MOMENT

PORT = int(os.environ.get("RESILIENCE_PORT", "3000"))
BASE_URL = f"http://localhost:{PORT}"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
PHONE_ZONE = "Asia/Shanghai"  # every phone's zone unless a test says otherwise, so a user's day is known

# The server and the command line run on one clock (RESILIENCE_CLOCK_START) that starts at the
# pinned moment with the first of them and runs on: what a test expects never depends on the real date.
_clock_started: float | None = None


def app_now() -> datetime:
    """Where the app's clock stands now."""
    global _clock_started
    if _clock_started is None:
        _clock_started = time.monotonic()
    return PINNED_MOMENT + timedelta(seconds=time.monotonic() - _clock_started)


def wait_until(page, expression: str, arg=None, timeout: float = 15_000) -> None:
    """page.wait_for_function without eval: Playwright polls a string condition that is not yet true
    with new Function() inside the page, which the app's CSP refuses (a violation that fails the
    test, more often at some moments than others); page.evaluate goes through DevTools instead."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout / 1000:.0f} s: {expression}")
        page.wait_for_timeout(100)


def app_today() -> date:
    """A phone user's day on the app's clock: in the phone's zone, starting at the default 04:00."""
    return localtime.local_day(app_now(), PHONE_ZONE, DEFAULT_DAY_START)


def _on_app_clock(env: dict[str, str]) -> dict[str, str]:
    """The environment for a process about to start: its clock starts where the app's stands."""
    return {**env, clock.START_VARIABLE: app_now().isoformat()}


def _port_busy(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@pytest.fixture(scope="session")
def app_env(tmp_path_factory) -> dict[str, str]:
    db_path = tmp_path_factory.mktemp("e2e") / "e2e.db"
    return {**os.environ, "RESILIENCE_DB_URL": f"sqlite:///{db_path}", "RESILIENCE_PORT": str(PORT)}


@pytest.fixture(scope="session")
def cli(app_env):
    def run(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "resilience_app.cli", *args], input=stdin, text=True,
            capture_output=True, env=_on_app_clock({**app_env, **(env or {})}), cwd=PROJECT_ROOT, timeout=600,
        )
    return run


class AppServer:
    """`resilience serve` in its own process group, stoppable and restartable by tests."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env, self.log_path, self.process = env, log_path, None
        self.url = BASE_URL

    def start(self) -> None:
        if _port_busy(PORT):
            pytest.fail(f"port {PORT} is in use: stop the running app before the browser tests")
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "resilience_app.cli", "serve", "--port", str(PORT)],
            env=_on_app_clock(self.env), cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        _wait_for(f"{BASE_URL}/ping", 90)

    def stop(self) -> None:
        if self.process is None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None
        deadline = time.monotonic() + 15
        while _port_busy(PORT) and time.monotonic() < deadline:
            time.sleep(0.2)


@pytest.fixture(scope="session")
def app_server(app_env, cli):
    """Migrate a fresh database, build the frontend if needed, serve it on PORT."""
    assert cli("db", "upgrade").returncode == 0
    if not (PROJECT_ROOT / ".web" / "build" / "client" / "index.html").exists():
        built = cli("build")
        assert built.returncode == 0, built.stdout + built.stderr
    server = AppServer(app_env, Path(app_env["RESILIENCE_DB_URL"].removeprefix("sqlite:///")).with_suffix(".log"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def server(app_server) -> str:
    return app_server.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


# Runs before any script of every page: each Content-Security-Policy violation is reported.
WATCH_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation({directive: event.violatedDirective, blocked: event.blockedURI,
                         source: event.sourceFile, line: event.lineNumber, sample: event.sample,
                         page: location.href});
}, true);
"""


@pytest.fixture
def csp_violations() -> list[dict]:
    """Every CSP violation seen by the test's phones; the phone fixture fails the test on any."""
    return []


@pytest.fixture
def phone(browser, server, csp_violations):
    """A fresh phone-sized browser profile, Chinese and in Shanghai by default; call with locale=,
    timezone_id= for others."""
    contexts = []

    def open_phone(locale: str = "zh-CN", **options):
        options.setdefault("timezone_id", PHONE_ZONE)
        context = browser.new_context(viewport=PHONE, locale=locale, base_url=server,
                                      device_scale_factor=2, has_touch=True, **options)
        context.set_default_timeout(15_000)
        context.expose_binding("__cspViolation", lambda _source, violation: csp_violations.append(violation))
        context.add_init_script(WATCH_CSP)
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()
    assert csp_violations == [], f"Content-Security-Policy violations: {csp_violations}"


PASSWORD = "milk tea after the night shift"


def _through_form(page, path: str, submit: str, username: str, password: str, timeout: float = 5_000) -> None:
    """Fill a sign-up or sign-in form, send it, and wait for Today (timeout in ms)."""
    from playwright.sync_api import expect

    page.goto(path)
    page.fill("#username", username)
    page.fill("#password", password)
    if path == "/register":
        page.check("#consent_sensitive")  # the separate consent to sensitive information (issue 13)
    page.click(submit)
    expect(page.locator("#greeting")).to_be_visible(timeout=timeout)


def register(page, username: str, password: str = PASSWORD, timeout: float = 5_000) -> None:
    """Sign up through the real form and wait for Today."""
    _through_form(page, "/register", "#register-submit", username, password, timeout)


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real form and wait for Today."""
    _through_form(page, "/login", "#login-submit", username, password)
