"""Our cookies' names, and how to read one from a raw Cookie header."""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

SESSION_COOKIE = "resilience_session"
# The reader's language (state/auth.py sets it in the browser), so a page is sent prerendered in it.
LANGUAGE_COOKIE = "resilience_lang"
LANGUAGE_COOKIE_MAX_AGE = 400 * 24 * 3600  # browsers keep a cookie at most 400 days


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
