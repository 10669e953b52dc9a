"""Offline capture's server side (assets/offline_capture.js): the kit a phone keeps, the sync of its
queue, and the health probe the offline screen uses to know when the server is back.

The sync is a same-origin JSON POST with a custom header (a cross-site page can send neither without
a CORS preflight this server never answers), signed in by the session cookie, and it refuses a queue
recorded under another account: each kit names its owner by a keyed mark, and the queue keeps it.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from resilience_app.contracts.emotion_box import SLIP_TEXT
from resilience_app.contracts.journal import ENTRY_TEXT
from resilience_app.core import clock, i18n, security
from resilience_app.core.db import db_session, run_blocking, run_db
from resilience_app.core.errors import UserError
from resilience_app.models import User
from resilience_app.services import care, consent, emotions, moods, offline_sync, safety, sessions
from resilience_app.web import health
from resilience_app.web.cookies import token_from_cookie_header

SYNC_HEADER = "x-resilience-sync"
BODY_MAX = 256 * 1024  # fifty entries of the longest texts fit several times over
_NO_STORE = {"Cache-Control": "no-store"}


def _json(body: dict, status: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=_NO_STORE)


def owner_mark(user: User) -> str:
    """Whose queue this is, as the phone records it: stable per account, never reused by another."""
    return security.keyed_mark("offline-queue", user.public_id)


def _signed_in(request: Request) -> User | None:
    with db_session() as session:
        user_id = sessions.user_for_token(session, token_from_cookie_header(request.headers.get("cookie")))
        user = session.get(User, user_id) if user_id is not None else None
        if user is not None:
            session.expunge(user)
        return user


async def healthz(request: Request) -> Response:
    """200 while this process serves requests and reaches its database and Redis (web/health.py)."""
    body, status = await health.check()
    return _json(body, status)


def kit_for(user: User) -> dict:
    """Everything the offline screen and Today need to take a check-in, a line or a slip without the
    server, in the user's language."""
    lang = user.language
    return {
        "owner": owner_mark(user),
        "lang": lang,
        "now": int(clock.now().timestamp() * 1000),
        "quadrants": [
            {key: q[key] for key in ("key", "name", "hint", "color")}
            | {"emotions": [{"key": e["key"], "name": e["name"]} for e in q["emotions"]]}
            for q in emotions.picker_data(lang)
        ],
        "causes": [{"key": tag.key, "name": tag.label(lang)} for tag in emotions.cause_tags()],
        "text": {key.removeprefix("offline."): value for key, value in i18n.catalog(lang).items()
                 if key.startswith("offline.") and not key.startswith("offline.error.")},
        "help": help_for(lang),
        "limits": {"text": ENTRY_TEXT.max, "box": SLIP_TEXT.max, "tags": moods.TAGS_MAX,
                   "batch": offline_sync.BATCH_MAX, "days": offline_sync.MAX_AGE.days},
    }


# What the offline screen's care card says (the same words as components/care_card.py).
_CARE_KEYS = ("care.title", "care.body", "care.private", "care.not_now", "care.not_now_hint", "help.answer_now",
              "help.checked")


def help_for(lang: str) -> dict:
    """The help lines (only from data/hotlines.json) and the care card's words, in the user's language,
    for the offline screen to show after a sync answers with care."""
    lines = safety.hotlines()
    return {
        "lines": [{"number": line["number"], "name": line["name"].get(lang, line["name"]["zh-CN"]),
                   "hours": line["hours"].get(lang, line["hours"]["zh-CN"])} for line in lines],
        "checked": max(line["checked"] for line in lines),
        "text": {key.split(".", 1)[1]: i18n.translate(lang, key) for key in _CARE_KEYS},
    }


def care_after_sync(user: User, severity: str | None, quiet: object) -> dict | None:
    """Care for words just synced, seen by the writer alone: how urgent, and the mark "not now" would
    leave on the phone; None without a crisis sign or after "not now" today (services/care.py)."""
    if severity is None:
        return None
    mark = care.quiet_mark_today(user_public_id=user.public_id, time_zone=user.time_zone,
                                 day_start_hour=user.day_start_hour)
    return None if quiet == mark else {"severity": severity, "quiet_mark": mark}


async def kit(request: Request) -> Response:
    user = await run_blocking(lambda: _signed_in(request))
    # Signed out is an answer, not an error: the phone forgets its kit.
    return _json(kit_for(user) if user is not None else {"owner": None})


def _same_origin_json(request: Request) -> bool:
    origin = request.headers.get("origin")
    return (
        request.headers.get(SYNC_HEADER) == "1"
        and request.headers.get("content-type", "").split(";")[0].strip() == "application/json"
        and bool(origin) and origin != "null"
        and urlsplit(origin).netloc == request.headers.get("host", "")
    )


async def _body(request: Request) -> bytes | None:
    """The request body, or None past BODY_MAX (read no further)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > BODY_MAX:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def sync(request: Request) -> Response:
    if not _same_origin_json(request):
        return _json({"error": "cross_site"}, 403)
    user = await run_blocking(lambda: _signed_in(request))
    if user is None:
        return _json({"error": "signed_out"}, 401)
    body = await _body(request)
    if body is None:
        return _json({"error": "too_large"}, 413)
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        return _json({"error": "malformed"}, 400)
    if not isinstance(payload, dict) or not isinstance(payload.get("entries"), list):
        return _json({"error": "malformed"}, 400)
    if payload.get("owner") != owner_mark(user):
        # Queued under another account on this phone: nothing is stored, and the phone keeps it.
        return _json({"error": "wrong_account"}, 409)
    def store(session) -> tuple[list, str | None]:
        consent.require(session, user_id=user.id)
        results = offline_sync.store_queued(session, user_id=user.id, entries=payload["entries"])
        # A duplicate too: the phone resends what arrived when the answer to it was lost on the way.
        arrived = [result["id"] for result in results if result["status"] in ("stored", "duplicate")]
        # Checked here, off the event loop: up to a batch of texts.
        return results, care.severity_of(*offline_sync.written_texts(session, user_id=user.id, public_ids=arrived))

    try:
        results, severity = await run_db(store)
    except UserError as error:
        status = 403 if error.key == "error.consent_needed" else 400
        return _json({"error": error.key}, status)
    # The words are checked, never echoed, flagged or kept: the phone shows the card to the writer alone.
    cared = care_after_sync(user, severity, payload.get("quiet"))
    return _json({"results": results} | ({"care": cared} if cared else {}))
