"""Uploads (Me → Import) reach a tab's state over plain HTTP: only the tab's own login may send one.

Reflex's upload endpoint (POST /_upload) names the tab by the token in its Reflex-Client-Token header
and runs the handler on that tab's state without looking at the request's cookie: the handler then
acts for the login on the tab's websocket, and the preview streams back to whoever posted. A token
copied from another person's tab (a duplicated tab on a shared phone) would let anyone preview or
import a file into that person's account. TabBinding cannot see this: the event carries no headers.

So, before Reflex sees an upload, the session cookie on the request must be the one the tab's state
is bound to (AuthState._bound_session, kept by TabBinding). No cookie, another login's cookie, or a
token with no state is answered 403; the state is only read, never locked, changed or created.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from reflex.istate.manager import StateManager
from reflex.istate.manager.token import BaseStateToken
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from resilience_app.state.auth import AuthState, session_fingerprint

# Reflex's tokens are UUIDs; anything much longer is not one.
_TOKEN_MAX = 128


@functools.cache
def upload_path() -> str:
    """Where Reflex takes uploads (and, below it, would serve uploaded files)."""
    from reflex.config import get_config
    from reflex_base import constants

    return get_config().prepend_backend_path(str(constants.Endpoint.UPLOAD))


def _auth_of(root) -> AuthState | None:
    """The AuthState of a state tree, if the tree is there and holds it."""
    try:
        auth = root.get_substate(AuthState.get_full_name().split(".")) if root is not None else None
    except ValueError:  # a partly loaded tree
        return None
    return auth if isinstance(auth, AuthState) else None


async def bound_session(manager: StateManager, client_token: str) -> str | None:
    """The login fingerprint a tab's state is bound to, or None when the token has no state.

    Read as the manager keeps it, without its lock and without creating a state for a new token
    (StateManager.get_state would create one in memory)."""
    from reflex.istate.manager.memory import StateManagerMemory
    from reflex.istate.manager.redis import StateManagerRedis

    token = BaseStateToken(ident=client_token, cls=AuthState)
    if isinstance(manager, StateManagerMemory):  # one process (rxconfig.py)
        auth = _auth_of(manager.states.get(token.cache_key))
    elif isinstance(manager, StateManagerRedis):  # several workers
        # With opportunistic locks the freshest copy may be this worker's; else Redis's (a read:
        # an unknown token gives a fresh AuthState, never saved, bound to nothing).
        auth = _auth_of(manager._cached_states.get(token.lock_key))
        if auth is None:
            auth = await manager.get_state(token, top_level=False)
    else:  # a manager this app is not configured for (rxconfig.py): refuse rather than guess
        return None
    return auth._bound_session if isinstance(auth, AuthState) else None


def _header(scope: Scope, name: bytes) -> str | None:
    """One request header; several (HTTP/2 may split Cookie) are joined as one Cookie header."""
    values = [v.decode("latin-1") for k, v in scope.get("headers", []) if k == name]
    return "; ".join(values) if values else None


async def may_upload(manager: StateManager | None, scope: Scope) -> bool:
    """Whether this request's session cookie is the signed-in login the named tab is bound to."""
    token = _header(scope, b"reflex-client-token")
    if manager is None or not token or len(token) > _TOKEN_MAX:
        return False
    fingerprint = session_fingerprint(_header(scope, b"cookie"))
    return bool(fingerprint) and await bound_session(manager, token) == fingerprint


def _running_manager() -> StateManager | None:
    """The app's state manager: Reflex's own middleware has set its contexts for this request."""
    from reflex.istate.manager import get_state_manager

    try:
        return get_state_manager()
    except LookupError:  # not started yet: no tab can be served either
        return None


def with_upload_guard(app: ASGIApp, *,
                      state_manager: Callable[[], StateManager | None] = _running_manager) -> ASGIApp:
    """Answer 403 to an upload whose cookie is not the tab's login, and 404 below the upload path."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path.startswith(upload_path() + "/"):
            # Reflex serves uploaded files here; the import keeps none (it reads each upload in memory).
            await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
            return
        if path == upload_path() and not await may_upload(state_manager(), scope):
            await JSONResponse({"detail": "This upload does not belong to this tab's login."},
                               status_code=403)(scope, receive, send)
            return
        await app(scope, receive, send)

    return wrapped
