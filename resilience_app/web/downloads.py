"""File downloads: the JSON export and the check-in and journal spreadsheets (CSV).

Signed in by the session cookie; each route reads only the signed-in user's own rows. Pages link
here with components.ui.download_link, which lets the browser fetch the file itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from urllib.parse import quote

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from resilience_app.core import localtime
from resilience_app.core.db import db_session, run_blocking
from resilience_app.core.i18n import translate
from resilience_app.models import User
from resilience_app.services import csv_export, portability, sessions
from resilience_app.web.cookies import token_from_cookie_header

_NOT_ASCII_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def content_disposition(filename: str, fallback: str | None = None) -> str:
    """`attachment` with a plain ASCII name for old clients and the real name as RFC 6266 filename*."""
    plain = _NOT_ASCII_NAME.sub("-", fallback or filename).strip("-") or "download"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


def attachment(body: bytes, media_type: str, filename: str, fallback: str | None = None) -> Response:
    return Response(body, media_type=media_type, headers={
        "Content-Disposition": content_disposition(filename, fallback),
        "Cache-Control": "no-store",
    })


def _signed_in(request: Request, session: Session) -> User | None:
    user_id = sessions.user_for_token(session, token_from_cookie_header(request.headers.get("cookie")))
    return session.get(User, user_id) if user_id is not None else None


def _names(user: User, stem_key: str, english_stem: str, extension: str) -> tuple[str, str]:
    """The file's name in the user's language and its ASCII fallback, dated by the user's today."""
    stamp = localtime.local_now(user.time_zone).strftime("%Y%m%d")
    return (f"{translate(user.language, stem_key)}-{stamp}.{extension}",
            f"{english_stem}-{stamp}.{extension}")


def _download(make: Callable[[Session, User], Response]) -> Callable[[Request], Response]:
    def respond(request: Request) -> Response:
        with db_session() as session:
            user = _signed_in(request, session)
            if user is None:
                return Response("sign in first", status_code=401)
            return make(session, user)

    async def route(request: Request) -> Response:
        # A whole export is read and encoded here: on a database thread, not the event loop.
        return await run_blocking(lambda: respond(request))

    return route


def _export(session: Session, user: User) -> Response:
    document = portability.export_user(session, user_id=user.id)
    body = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    return attachment(body, "application/json", *_names(user, "download.file.export", "resilience-export", "json"))


def _checkins(session: Session, user: User) -> Response:
    body = csv_export.checkins_csv(session, user_id=user.id).encode("utf-8")
    return attachment(body, "text/csv; charset=utf-8",
                      *_names(user, "download.file.checkins", "resilience-check-ins", "csv"))


def _journal(session: Session, user: User) -> Response:
    body = csv_export.journal_csv(session, user_id=user.id).encode("utf-8")
    return attachment(body, "text/csv; charset=utf-8",
                      *_names(user, "download.file.journal", "resilience-journal", "csv"))


export_json = _download(_export)
checkins_csv = _download(_checkins)
journal_csv = _download(_journal)
