"""Uploads reach a tab's state only with the cookie of the login the tab is bound to
(resilience_app/web/upload_guard.py, in front of Reflex's POST /_upload).

The tab's state is real (bound by TabBinding, kept by Reflex's state manager); behind the guard
stands a stand-in for Reflex's upload route that records every request it is handed.
"""

import asyncio

import pytest
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.token import BaseStateToken
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from resilience_app.services import accounts, sessions
from resilience_app.state.auth import AuthState, TabBinding
from resilience_app.web.cookies import SESSION_COOKIE
from resilience_app.web.upload_guard import may_upload, upload_path, with_upload_guard
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, run, substate

TAB = "7c6a9e3e-2b1f-4c1e-9a55-0f0e5c1d2a10"
HANDLER = "reflex___state____state.resilience_app___state___importing____import_state.preview_upload"
DAYLIO = b"full_date,date,weekday,time,mood,activities,note_title,note\r\n2026-11-29,x,y,9:05 pm,rad,,,\r\n"


def _tab_of(token: str):
    """Lin's tab on Me → Import, as the server keeps it after its first event on Lin's websocket."""
    root = make_root(token=token, path="/me/import")
    root.router_data = {"headers": {"cookie": f"{SESSION_COOKIE}={token}" if token else ""}}
    run(TabBinding().preprocess(None, root, None))
    run(substate(root, AuthState).load_private())
    return root


@pytest.fixture
def tab(db, frozen_clock, signed_in):
    """(state manager, Lin's session token, Wang's session token): Lin's tab is TAB."""
    _, lin_token = signed_in
    with db() as s:
        wang = accounts.register(s, username="wang", password=GOOD_PASSWORD)
        wang_token = sessions.create_session(s, user_id=wang.id)
    manager = StateManagerMemory()
    manager.states[BaseStateToken(ident=TAB, cls=AuthState).cache_key] = _tab_of(lin_token)
    return manager, lin_token, wang_token


def _server(manager):
    """The guard in front of a stand-in for Reflex's upload route and its uploaded-files mount."""
    handed: list[str] = []

    async def reflex_upload(request):
        handed.append(request.headers.get("reflex-client-token", ""))
        return PlainTextResponse("handled")

    async def uploaded_file(request):
        return PlainTextResponse("a stored upload")

    inner = Starlette(routes=[Route(upload_path(), reflex_upload, methods=["POST"]),
                              Mount(upload_path(), routes=[Route("/{name}", uploaded_file)])])
    client = TestClient(with_upload_guard(inner, state_manager=lambda: manager), base_url="http://localhost:3000")
    return client, handed


def _post(client, *, token=TAB, cookie: str | None = None):
    client.cookies.clear()
    if cookie:
        client.cookies.set(SESSION_COOKIE, cookie)
    headers = {"Reflex-Event-Handler": HANDLER, **({"Reflex-Client-Token": token} if token else {})}
    return client.post(upload_path(), headers=headers, files={"files": ("daylio_export.csv", DAYLIO, "text/csv")})


def test_the_tabs_own_login_may_upload(tab):
    manager, lin_token, _ = tab
    client, handed = _server(manager)
    response = _post(client, cookie=lin_token)
    assert (response.status_code, response.text, handed) == (200, "handled", [TAB])


def test_another_login_no_login_or_a_made_up_cookie_gets_403_and_reflex_never_sees_it(tab):
    manager, _, wang_token = tab
    client, handed = _server(manager)
    for cookie in (wang_token, None, "not-a-session"):
        response = _post(client, cookie=cookie)
        assert response.status_code == 403, cookie
        assert response.json() == {"detail": "This upload does not belong to this tab's login."}
    assert handed == []
    lin_tab = manager.states[TAB]
    assert substate(lin_tab, AuthState).username == "lin"  # the tab itself was not touched


def test_an_unknown_or_missing_token_gets_403_and_no_state_is_created(tab):
    manager, lin_token, _ = tab
    client, handed = _server(manager)
    for token in ("0f9e2d1c-unknown-tab", None, "x" * 500):
        assert _post(client, token=token, cookie=lin_token).status_code == 403
    assert handed == [] and list(manager.states) == [TAB]


def test_a_signed_out_tab_takes_no_upload_even_without_a_cookie(db, frozen_clock):
    manager = StateManagerMemory()
    manager.states[TAB] = _tab_of("")  # bound to "no login"
    client, handed = _server(manager)
    assert _post(client, cookie=None).status_code == 403 and handed == []


def test_uploaded_files_are_not_served(tab):
    manager, lin_token, _ = tab
    client, _ = _server(manager)
    client.cookies.set(SESSION_COOKIE, lin_token)
    response = client.get(f"{upload_path()}/daylio_export.csv")
    assert response.status_code == 404 and "stored" not in response.text


def test_without_a_running_state_manager_nothing_is_let_through(tab):
    _, lin_token, _ = tab
    client = TestClient(with_upload_guard(PlainTextResponse("handled"), state_manager=lambda: None))
    client.cookies.set(SESSION_COOKIE, lin_token)
    assert client.post(upload_path(), headers={"Reflex-Client-Token": TAB}).status_code == 403


def _scope(token: str, cookie: str | None) -> dict:
    headers = [(b"reflex-client-token", token.encode())]
    if cookie:
        headers.append((b"cookie", f"{SESSION_COOKIE}={cookie}".encode()))
    return {"type": "http", "path": upload_path(), "headers": headers}


def test_with_several_workers_the_binding_is_read_from_redis_without_writing(tab, redis_url):
    from redis.asyncio import Redis
    from reflex.istate.manager.redis import StateManagerRedis

    memory, lin_token, wang_token = tab

    async def check() -> tuple[list[bool], int]:
        redis = Redis.from_url(redis_url)
        manager = StateManagerRedis(redis=redis)
        try:
            await manager.set_state(BaseStateToken(ident=TAB, cls=AuthState), memory.states[TAB])
            keys_before = await redis.dbsize()
            answers = [await may_upload(manager, _scope(TAB, lin_token)),
                       await may_upload(manager, _scope(TAB, wang_token)),
                       await may_upload(manager, _scope(TAB, None)),
                       await may_upload(manager, _scope("0f9e2d1c-unknown-tab", lin_token))]
            return answers, await redis.dbsize() - keys_before
        finally:
            await redis.aclose()

    answers, new_keys = run(check())
    assert answers == [True, False, False, False] and new_keys == 0


def test_the_guard_is_in_front_of_reflex_in_the_app():
    from resilience_app.resilience_app import app

    assert with_upload_guard in app.api_transformer
    assert asyncio.iscoroutinefunction(with_upload_guard(PlainTextResponse("x")))
