"""Reflex configuration: everything tunable comes from the environment (see README)."""

import os

import reflex as rx

from resilience_app.core.settings import data_dir
from resilience_app.web.client_catalog import CatalogPlugin
from resilience_app.web.first_paint import FirstPaintPlugin
from resilience_app.web.page_language import LanguagePagesPlugin

os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")
os.environ.setdefault("REFLEX_CHECK_LATEST_VERSION", "0")
os.environ.setdefault("REFLEX_USE_NPM", "1")
# Reflex's upload folder (the import reads each file in memory and writes none) stays with our data.
os.environ.setdefault("REFLEX_UPLOADED_FILES_DIR", str(data_dir() / "uploaded_files"))

_redis_url = os.environ.get("REFLEX_REDIS_URL") or None
# The built frontend dials the backend on this port (same port: one server serves both).
PORT = int(os.environ.get("RESILIENCE_PORT", "3000"))

config = rx.Config(
    app_name="resilience_app",
    telemetry_enabled=False,
    api_url=os.environ.get("REFLEX_API_URL") or f"http://localhost:{PORT}",
    frontend_port=PORT,
    backend_port=PORT,
    show_built_with_reflex=False,
    # One process keeps sessions in memory; several workers share them through Redis.
    redis_url=_redis_url,
    state_manager_mode="redis" if _redis_url else "memory",
    # Brotli first: the smallest first load for phones on slow links.
    frontend_compression_formats=["brotli", "gzip"],
    default_color_mode="system",
    plugins=[
        rx.plugins.TailwindV4Plugin(
            config={
                "darkMode": "media",
                "plugins": [],
                # Colours are CSS variables (assets/app.css), so dark mode is one switch.
                "theme": {"extend": {"colors": {
                    name: f"var(--{name})"
                    for name in (
                        "bg", "surface", "surface-2", "ink", "muted", "line", "primary",
                        "primary-soft", "on-primary", "accent", "accent-soft", "accent-ink", "danger",
                        "danger-soft", "ok", "ok-soft",
                    )
                }}},
            }
        ),
        # Every page prerendered in each language, sent in the reader's (web/page_language.py);
        # before FirstPaintPlugin, whose rewrite of the pages then covers the copies too.
        LanguagePagesPlugin(),
        # Icons in one chunk, and each page paints before its JavaScript runs (web/first_paint.py).
        FirstPaintPlugin(),
        # The message catalogs as a module of the build, not as state (web/client_catalog.py).
        CatalogPlugin(),
    ],
    disable_plugins=[rx.plugins.sitemap.SitemapPlugin],
)
