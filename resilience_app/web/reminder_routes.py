"""Reminder routes: a phone's push subscription (from assets/push.js) and the private calendar feed.

POST /api/push/subscribe and /api/push/unsubscribe take JSON from this site's own page, signed in by
the session cookie, and must carry the X-Resilience-Push header: a cross-site page cannot add it
without a CORS preflight, which this server never answers, so no other site can (un)subscribe anyone.

GET /api/reminders/<secret>.ics needs no cookie (phone calendars poll it); the secret is the key.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from resilience_app.core import i18n
from resilience_app.core.db import db_session, run_blocking, run_db
from resilience_app.core.errors import UserError
from resilience_app.models import User
from resilience_app.services import push, reminder_calendar, sessions
from resilience_app.web.cookies import token_from_cookie_header

PUSH_HEADER = "x-resilience-push"
BODY_MAX = 4096


def _from_our_page(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
        return False
    return request.headers.get(PUSH_HEADER) == "1"


async def _json(request: Request) -> object:
    body = await request.body()
    if len(body) > BODY_MAX:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


async def _push_change(request: Request, change) -> Response:
    if not _from_our_page(request):
        return Response("cross-site request refused", status_code=403)
    info = await _json(request)

    def respond() -> Response:
        with db_session() as session:
            user_id = sessions.user_for_token(session, token_from_cookie_header(request.headers.get("cookie")))
            if user_id is None:
                return Response("sign in first", status_code=401)
            try:
                change(session, user_id, info)
            except UserError as error:
                language = session.get(User, user_id).language
                return Response(i18n.translate(language, error.key), status_code=400,
                                media_type="text/plain; charset=utf-8")
        return Response(status_code=204, headers={"Cache-Control": "no-store"})

    return await run_blocking(respond)


async def push_subscribe(request: Request) -> Response:
    return await _push_change(request, lambda session, user_id, info: push.subscribe(
        session, user_id=user_id, info=info))


async def push_unsubscribe(request: Request) -> Response:
    return await _push_change(request, lambda session, user_id, info: push.unsubscribe(
        session, user_id=user_id, endpoint=info.get("endpoint") if isinstance(info, dict) else ""))


async def reminders_ics(request: Request) -> Response:
    token = request.path_params.get("token", "")

    def read(session) -> str | None:
        user_id = reminder_calendar.user_for_token(session, token)
        return reminder_calendar.feed(session, user_id=user_id) if user_id is not None else None

    text = await run_db(read)
    if text is None:
        return Response("not found", status_code=404)
    return Response(text.encode("utf-8"), media_type="text/calendar; charset=utf-8", headers={
        "Content-Disposition": 'inline; filename="resilience-reminders.ics"',
        "Cache-Control": "private, no-store",
    })
