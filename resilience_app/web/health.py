"""GET /healthz: can this process reach its database and, when state lives there, Redis?

For a load balancer, a monitor or systemd, and for the offline screen, which goes back online only
when it answers 200. Each check says "ok", "off" (not configured) or "error", never why: no
address, driver message or secret leaves the server (the log has the detail).
"""

from __future__ import annotations

import logging

from sqlalchemy import text

from resilience_app.core.db import get_engine, run_blocking
from resilience_app.core.settings import get_settings

# A probe answers quickly or counts as down; a load balancer waits a few seconds at most.
TIMEOUT_SECONDS = 2.0

log = logging.getLogger(__name__)


def _database() -> str:
    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        log.exception("healthz: the database did not answer")
        return "error"
    return "ok"


def _redis() -> str:
    url = get_settings().redis_url
    if not url:
        return "off"
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS)
        try:
            client.ping()
        finally:
            client.close()
    except Exception:
        log.exception("healthz: Redis did not answer")
        return "error"
    return "ok"


async def check() -> tuple[dict[str, object], int]:
    """The probe's body and HTTP status: 200 when every configured service answers, else 503."""
    db, redis_state = await run_blocking(lambda: (_database(), _redis()))
    healthy = db == "ok" and redis_state in ("ok", "off")
    return {"ok": healthy, "db": db, "redis": redis_state}, 200 if healthy else 503
