"""With REFLEX_REDIS_URL set, UI state lives in Redis and several workers serve the app."""

import json
import subprocess
import urllib.request

from playwright.sync_api import expect

from tests.e2e.conftest import AppServer, register


def _workers(server: AppServer) -> int:
    children = subprocess.run(["pgrep", "-P", str(server.process.pid)], capture_output=True, text=True)
    return len(children.stdout.split())


def test_the_app_runs_on_redis_with_several_workers(app_server, app_env, redis_url, phone, tmp_path):
    assert _workers(app_server) == 1  # by default: one process, state in memory
    app_server.stop()
    # The production profile (docs/deploy.md): `resilience serve --workers N` with Redis from the environment.
    redis_server = AppServer({**app_env, "REFLEX_REDIS_URL": redis_url, "RESILIENCE_WORKERS": "3"},
                             tmp_path / "redis-app.log")
    try:
        redis_server.start()
        assert _workers(redis_server) == 3
        with urllib.request.urlopen(f"{redis_server.url}/healthz") as health:
            assert health.status == 200 and json.load(health) == {"ok": True, "db": "ok", "redis": "ok"}
        page = phone("zh-CN")
        register(page, "redisuser")
        page.get_by_role("navigation").get_by_text("我的").click()
        page.select_option("#language", "en")
        page.click("#settings-save")
        expect(page.get_by_role("navigation").get_by_text("Today")).to_be_visible()
        # UI state survives in Redis: a reload (maybe another worker) still knows the language.
        page.reload()
        expect(page.get_by_role("navigation").get_by_text("Today")).to_be_visible()
        keys = subprocess.run(["redis-cli", "-u", redis_url, "--scan"], capture_output=True, text=True).stdout
        assert keys.strip(), "nothing was stored in Redis"
    finally:
        redis_server.stop()
        app_server.start()
