"""Drive the real Reflex states the way the server does: a root state with router data."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
import reflex as rx
from reflex.istate.data import RouterData

from resilience_app.services import accounts, consent, sessions
from resilience_app.state import session_check
from tests.conftest import GOOD_PASSWORD


def run(coroutine):
    """Run an async handler to completion on its own loop (the browser tests keep one busy)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def make_root(*, token: str | None = None, path: str = "/", query: dict | None = None,
              accept_language: str = "zh-CN,zh;q=0.9") -> rx.State:
    """A fresh state tree as one browser tab sees it: its cookie came with the websocket."""
    root = rx.State(_reflex_internal_init=True)
    as_path = f"{path}?{urlencode(query)}" if query else path
    headers = {"accept-language": accept_language, "origin": "http://localhost:3000"}
    if token:
        headers["cookie"] = f"resilience_session={token}; theme=light"
    root.router = RouterData.from_router_data({"headers": headers, "pathname": path, "asPath": as_path})
    return root


def redirect_target(event) -> str | None:
    """Where a handler's returned rx.redirect points, or None if it returned something else."""
    args = {str(name): value for name, value in getattr(event, "args", ())}
    path = args.get("path")
    return getattr(path, "_var_value", None)


def substate(root: rx.State, cls):
    return root.substates[cls.get_name()]


def stored_drafts(state: rx.State) -> list[str]:
    """The drafts a tab's page is told to forget so far (the receipts assets/drafts.js reads)."""
    from resilience_app.state.drafts import DraftState

    receipts = substate(state._get_root_state(), DraftState).receipts
    return [receipt.split("/", 1)[1] for receipt in receipts.split()]


@pytest.fixture(autouse=True)
def no_remembered_sessions():
    """Each test starts with no session check remembered from another (state/session_check.py)."""
    session_check.forget_all()
    yield
    session_check.forget_all()


@pytest.fixture(autouse=True)
def agreed_to_the_notice(request, monkeypatch):
    """Accounts made in state tests have agreed to the privacy notice, as every account made by the
    sign-up form has; a test marked `without_consent` gets accounts that must still be asked."""
    if request.node.get_closest_marker("without_consent"):
        return
    register = accounts.register

    def register_and_agree(session, **fields):
        profile = register(session, **fields)
        consent.record(session, user_id=profile.id, source="signup")
        return profile

    monkeypatch.setattr(accounts, "register", register_and_agree)


@pytest.fixture
def signed_in(db, request):
    """A registered user and a live session token for them, made at the test's own moment: a test
    that asks for frozen_clock signs in on it, so its session has not idled out by then."""
    if "frozen_clock" in request.fixturenames:
        request.getfixturevalue("frozen_clock")
    with db() as s:
        profile = accounts.register(s, username="lin", password=GOOD_PASSWORD, language="en")
        token = sessions.create_session(s, user_id=profile.id)
    return profile, token
