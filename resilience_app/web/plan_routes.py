"""GET /api/plan.ics?week=2026-W47: a week's recharge blocks for the phone's calendar.

Signed in by the session cookie, like the data export; a week that cannot be read falls back
to nothing rather than a guess.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from resilience_app.core import i18n
from resilience_app.core.db import db_session, run_blocking
from resilience_app.core.errors import UserError
from resilience_app.models import User
from resilience_app.services import plan, sessions
from resilience_app.web.cookies import token_from_cookie_header
from resilience_app.web.downloads import attachment


def _plan_ics(request: Request) -> Response:
    with db_session() as session:
        user_id = sessions.user_for_token(session, token_from_cookie_header(request.headers.get("cookie")))
        if user_id is None:
            return Response("sign in first", status_code=401)
        week = request.query_params.get("week") or plan.current_week(session, user_id=user_id)
        try:
            filename, text = plan.week_calendar(session, user_id=user_id, week=week[:16])
        except UserError as error:
            language = session.get(User, user_id).language
            return Response(i18n.translate(language, error.key, **error.params), status_code=400,
                            media_type="text/plain; charset=utf-8")
    return attachment(text.encode("utf-8"), "text/calendar; charset=utf-8", filename)


async def plan_ics(request: Request) -> Response:
    return await run_blocking(lambda: _plan_ics(request))
