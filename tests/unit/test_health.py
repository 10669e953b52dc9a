"""GET /healthz (web/health.py): 200 when the database and Redis (if configured) answer, 503 when
either does not, and never a secret in the answer."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from resilience_app import routes
from resilience_app.core.db import reset_engine_cache
from resilience_app.core.settings import get_settings
from resilience_app.web.auth_routes import build_auth_app
from tests.conftest import _free_port as _closed_port  # free now, so nothing answers there

HOST = "http://localhost:3000"


def _probe():
    return TestClient(build_auth_app(), base_url=HOST).get(routes.HEALTHZ)


@pytest.fixture
def environment(monkeypatch):
    def use(**variables: str) -> None:
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        reset_engine_cache()

    yield use
    get_settings.cache_clear()
    reset_engine_cache()


def test_healthy_with_the_database_and_no_redis(db, monkeypatch):
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    get_settings.cache_clear()
    response = _probe()
    assert response.status_code == 200
    assert response.json() == {"ok": True, "db": "ok", "redis": "off"}
    assert response.headers["cache-control"] == "no-store"


def test_healthy_with_redis(db, redis_url, environment):
    environment(REFLEX_REDIS_URL=redis_url)
    response = _probe()
    assert response.status_code == 200 and response.json() == {"ok": True, "db": "ok", "redis": "ok"}


def test_redis_configured_but_down_is_503_without_its_address(db, environment):
    url = f"redis://:hunter2secret@127.0.0.1:{_closed_port()}/0"
    environment(REFLEX_REDIS_URL=url)
    response = _probe()
    assert response.status_code == 503 and response.json() == {"ok": False, "db": "ok", "redis": "error"}
    assert "hunter2secret" not in response.text and "127.0.0.1" not in response.text


def test_database_down_is_503_without_its_address(environment, monkeypatch):
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    environment(RESILIENCE_DB_URL=f"postgresql+psycopg://app:hunter2secret@127.0.0.1:{_closed_port()}/resilience"
                                  "?connect_timeout=2")
    response = _probe()
    assert response.status_code == 503 and response.json() == {"ok": False, "db": "error", "redis": "off"}
    assert "hunter2secret" not in response.text and "resilience" not in response.text.replace('"', "")
