"""Our cookies' names, and how to read one from a raw Cookie header."""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

SESSION_COOKIE = "resilience_session"


def cookie_value(header: str | None, name: str) -> str | None:
    """The named cookie's value from a Cookie header, or None (absent, empty or unreadable)."""
    if not header:
        return None
    jar = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel and morsel.value else None


def token_from_cookie_header(header: str | None) -> str | None:
    return cookie_value(header, SESSION_COOKIE)
