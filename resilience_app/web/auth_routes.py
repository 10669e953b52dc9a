"""Small HTTP routes that own the session cookie (HttpOnly: page JavaScript never sees it).

Forms post here natively; each route answers with a 303 back to a page, carrying only a
catalog key for any error, which the page shows in the user's language.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from resilience_app import routes
from resilience_app.core import security
from resilience_app.core.db import run_db
from resilience_app.core.errors import UserError
from resilience_app.core.settings import get_settings
from resilience_app.services import accounts, consent, sessions
from resilience_app.services.sessions import CLIENT_PREFIX
from resilience_app.state import session_check
from resilience_app.web import client_id, downloads, offline_routes
from resilience_app.web.cookies import LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE, SESSION_COOKIE, token_from_cookie_header
from resilience_app.web.plan_routes import plan_ics
from resilience_app.web.reminder_routes import push_subscribe, push_unsubscribe, reminders_ics


def _same_origin(request: Request) -> bool:
    """Refuse cross-site form posts (login CSRF); browsers send Origin on POST."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _safe_next(target: str | None) -> str:
    """Only same-site paths: never redirect a user to another origin."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return routes.TODAY


def _back(path: str, **query: object) -> RedirectResponse:
    params = {k: v for k, v in query.items() if v not in (None, "")}
    return RedirectResponse(f"{path}?{urlencode(params)}" if params else path, status_code=303)


def _set_cookie(request: Request, response: Response, token: str) -> None:
    secure = client_id.cookie_is_secure(request.url.scheme)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(get_settings().session_absolute.total_seconds()),
        httponly=True,
        secure=secure,
        samesite="lax",
        path="/",
    )


def _set_language(request: Request, response: Response, language: str) -> None:
    """The account's language, so the next page comes prerendered in it (web/page_language.py)."""
    response.set_cookie(LANGUAGE_COOKIE, language, max_age=LANGUAGE_COOKIE_MAX_AGE, samesite="lax", path="/",
                        secure=client_id.cookie_is_secure(request.url.scheme))


def _address(request: Request) -> str:
    return request.client.host if request.client else ""


class _Client:
    """Who is asking, for throttling: the browser's client id, minted now if it has none.

    The attempt in hand is counted against what the request carried (an id, or else the
    address); a freshly minted id is what the browser signs in as and brings next time.
    """

    def __init__(self, request: Request) -> None:
        cookie = request.headers.get("cookie")
        self.key = client_id.client_key(cookie, _address(request))
        self._minted = None if client_id.verified_id(cookie) else client_id.mint(_address(request))
        self._secure = client_id.cookie_is_secure(request.url.scheme)

    @property
    def signs_in_as(self) -> str:
        return f"{CLIENT_PREFIX}{self._minted}" if self._minted else self.key

    def give(self, response: Response) -> Response:
        if self._minted:
            response.headers.append("set-cookie", client_id.cookie_header(self._minted, secure=self._secure))
        return response


def _forbidden() -> Response:
    return Response("cross-site request refused", status_code=403)


async def login(request: Request) -> Response:
    if not _same_origin(request):
        return _forbidden()
    form = await request.form()
    username = str(form.get("username", ""))[:64]
    password = str(form.get("password", ""))[:1024]
    target = _safe_next(str(form.get("next", "")))
    client = _Client(request)
    user_agent = request.headers.get("user-agent", "")

    def sign_in(session) -> tuple[str, str]:
        profile = accounts.authenticate(session, username=username, password=password, client=client.key)
        token = sessions.create_session(session, user_id=profile.id, user_agent=user_agent, client=client.signs_in_as)
        return token, profile.language

    try:
        # The password hash takes tens of milliseconds: on a database thread, not the event loop.
        token, language = await run_db(sign_in)
    except UserError as error:
        return client.give(
            _back(routes.LOGIN, error=error.key, wait=error.params.get("minutes"), u=username, next=target)
        )
    response = _back(target)
    _set_cookie(request, response, token)
    _set_language(request, response, language)
    return client.give(response)


async def register(request: Request) -> Response:
    if not _same_origin(request):
        return _forbidden()
    form = await request.form()
    username = str(form.get("username", ""))[:64]
    client = _Client(request)
    accept_language, user_agent = request.headers.get("accept-language", ""), request.headers.get("user-agent", "")

    def sign_up(session) -> tuple[str, str]:
        # The separate, unticked box: no account without it (services/consent.py records it).
        profile = consent.sign_up(
            session,
            agreed=form.get("consent_sensitive") == "yes",
            username=username,
            password=str(form.get("password", ""))[:1024],
            language=str(form.get("language", "")) or accounts.language_from_accept(accept_language),
            time_zone=str(form.get("time_zone", "")),
        )
        token = sessions.create_session(session, user_id=profile.id, user_agent=user_agent, client=client.signs_in_as)
        return token, profile.language

    try:
        token, language = await run_db(sign_up)
    except UserError as error:
        return client.give(_back(routes.REGISTER, error=error.key, u=username))
    response = _back(routes.TODAY, welcome=1)
    _set_cookie(request, response, token)
    _set_language(request, response, language)
    return client.give(response)


async def logout(request: Request) -> Response:
    if not _same_origin(request):
        return _forbidden()
    token = token_from_cookie_header(request.headers.get("cookie"))
    await run_db(lambda session: sessions.revoke(session, token))
    if token:
        session_check.forget(security.hash_token(token))  # this process's open tabs of it stop now
    response = _back(routes.LOGIN, notice="notice.logged_out")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


async def change_password(request: Request) -> Response:
    if not _same_origin(request):
        return _forbidden()
    form = await request.form()
    token = token_from_cookie_header(request.headers.get("cookie"))
    user_agent, client = (request.headers.get("user-agent", ""),
                          client_id.client_key(request.headers.get("cookie"), _address(request)))

    def change(session) -> tuple[int, str]:
        user_id = sessions.user_for_token(session, token)
        if user_id is None:
            raise UserError("error.session_expired")
        accounts.change_password(
            session,
            user_id=user_id,
            current=str(form.get("current_password", ""))[:1024],
            new=str(form.get("new_password", ""))[:1024],
        )
        # Every other login was revoked; this browser gets a fresh one.
        return user_id, sessions.create_session(session, user_id=user_id, user_agent=user_agent, client=client)

    try:
        user_id, new_token = await run_db(change)
        session_check.forget_user(user_id)  # this process's tabs of the revoked logins stop now
    except UserError as error:
        if error.key == "error.session_expired":
            return _back(routes.LOGIN, error=error.key, next=routes.ME)
        return _back(routes.ME, pw_error=error.key)
    response = _back(routes.ME, notice="notice.password_changed")
    _set_cookie(request, response, new_token)
    return response


def build_auth_app() -> Starlette:
    return Starlette(
        routes=[
            Route(routes.AUTH_LOGIN, login, methods=["POST"]),
            Route(routes.AUTH_REGISTER, register, methods=["POST"]),
            Route(routes.AUTH_LOGOUT, logout, methods=["POST"]),
            Route(routes.AUTH_PASSWORD, change_password, methods=["POST"]),
            Route(routes.API_EXPORT, downloads.export_json, methods=["GET"]),
            Route(routes.API_CHECKINS_CSV, downloads.checkins_csv, methods=["GET"]),
            Route(routes.API_JOURNAL_CSV, downloads.journal_csv, methods=["GET"]),
            Route(routes.API_PLAN_ICS, plan_ics, methods=["GET"]),
            Route(routes.API_PUSH_SUBSCRIBE, push_subscribe, methods=["POST"]),
            Route(routes.API_PUSH_UNSUBSCRIBE, push_unsubscribe, methods=["POST"]),
            Route(routes.API_REMINDERS_ICS, reminders_ics, methods=["GET"]),
            Route(routes.API_OFFLINE_KIT, offline_routes.kit, methods=["GET"]),
            Route(routes.API_SYNC, offline_routes.sync, methods=["POST"]),
            Route(routes.HEALTHZ, offline_routes.healthz, methods=["GET"]),
        ]
    )
