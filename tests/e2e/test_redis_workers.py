"""With REFLEX_REDIS_URL set, UI state lives in Redis and several workers serve the app: on the
SQLite file the other browser tests use, and on PostgreSQL, the production profile (docs/deploy.md)."""

import json
import subprocess
import urllib.request

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.e2e.conftest import AppServer, register
from tests.pg import empty_schema, pg_url  # noqa: F401  (the fixture, for the PostgreSQL run)

WORKERS = 3
COLD_START_MS = 30_000


def _workers(server: AppServer) -> int:
    """Worker processes under `resilience serve` (uvicorn spawns them; one worker runs in-process)."""
    children = subprocess.run(["pgrep", "-P", str(server.process.pid), "-f", "spawn_main"],
                              capture_output=True, text=True)
    return len(children.stdout.split())


def _database_for(kind: str, request, app_env, cli) -> str:
    """The database the several-worker server uses: the browser tests' SQLite file, or this run's
    PostgreSQL, emptied and migrated with the same command an operator runs."""
    if kind == "sqlite":
        return app_env["RESILIENCE_DB_URL"]
    url = request.getfixturevalue("pg_url")
    empty_schema(url)
    migrated = cli("db", "upgrade", env={"RESILIENCE_DB_URL": url})
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    return url


def _saved_check_ins(url: str, username: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(
                text("select m.emotion from mood_entries m join users u on u.id = m.user_id "
                     "where u.username_key = :name"), {"name": username}).scalars())
    finally:
        engine.dispose()


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_the_app_runs_on_redis_with_several_workers(database, request, app_server, app_env, cli, redis_url,
                                                    phone, tmp_path):
    assert _workers(app_server) == 0  # by default: one process, serving in itself, state in memory
    db_url = _database_for(database, request, app_env, cli)
    app_server.stop()
    # The production profile: `resilience serve --workers N` with Redis and the database from the environment.
    several = AppServer({**app_env, "RESILIENCE_DB_URL": db_url, "REFLEX_REDIS_URL": redis_url,
                         "RESILIENCE_WORKERS": str(WORKERS)}, tmp_path / "redis-app.log")
    username = f"redis{database}"
    try:
        several.start()
        assert _workers(several) == WORKERS
        with urllib.request.urlopen(f"{several.url}/healthz") as health:
            assert health.status == 200 and json.load(health) == {"ok": True, "db": "ok", "redis": "ok"}
        page = phone("zh-CN")
        # Just started: each spawned worker imports the app and loads jieba's dictionary (lifespan),
        # all at once on this machine's two cores, so the first page may take several seconds.
        register(page, username, timeout=COLD_START_MS)
        page.click('[data-quadrant="low_unpleasant"]')
        page.click('[data-emotion="wronged"]')
        expect(page.locator("#mood-saved")).to_have_text("已记下：委屈")
        page.get_by_role("navigation").get_by_text("我的").click()
        page.select_option("#language", "en")
        page.click("#settings-save")
        expect(page.get_by_role("navigation").get_by_text("Today")).to_be_visible()
        # UI state survives in Redis: reloads (each maybe on another worker) still know the language,
        # and the check-in is read back from the database.
        # (The page is prerendered in the chosen language, so the live settings form is what shows the
        # state has arrived.)
        for _ in range(3):
            page.reload()
            expect(page.locator("#language")).to_have_value("en", timeout=COLD_START_MS)
            expect(page.get_by_role("navigation").get_by_text("Today")).to_be_visible()
        page.get_by_role("navigation").get_by_text("Journal").click()
        expect(page.locator("#history")).to_contain_text("Wronged", timeout=COLD_START_MS)
        keys = subprocess.run(["redis-cli", "-u", redis_url, "--scan"], capture_output=True, text=True).stdout
        assert keys.strip(), "nothing was stored in Redis"
        assert _saved_check_ins(db_url, username) == ["wronged"]  # in the database the server was given
    finally:
        several.stop()
        app_server.start()
