"""The session cookie: its name and how to read it from a raw Cookie header."""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

SESSION_COOKIE = "resilience_session"


def token_from_cookie_header(header: str | None) -> str | None:
    if not header:
        return None
    jar = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        return None
    morsel = jar.get(SESSION_COOKIE)
    return morsel.value if morsel and morsel.value else None
