"""Web Push (RFC 8030/8291/8292) for the reminders: the server's VAPID key, phones' subscriptions, sending.

The VAPID key pair is made once and kept in the data folder (vapid_private.pem, 0600), or comes from
RESILIENCE_VAPID_PRIVATE_KEY; RESILIENCE_VAPID_SUBJECT names whom push services may contact. Sending
uses pywebpush (aes128gcm payloads). A subscription the push service answers 404 or 410 for is gone.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import sys
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from py_vapid import Vapid
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from resilience_app.core import clock
from resilience_app.core.errors import UserError
from resilience_app.core.settings import data_dir, private_file
from resilience_app.models import PushSubscription, User
from resilience_app.services import reminders
from resilience_app.services.ownership import user_row

KEY_FILE = "vapid_private.pem"
DEFAULT_SUBJECT = "mailto:admin@localhost"
SUBSCRIPTIONS_MAX = 10  # phones and browsers per user; the oldest goes first
TTL_SECONDS = 3600  # a reminder an hour late is not worth delivering
TIMEOUT_SECONDS = 10
GONE = (404, 410)
ENDPOINT_MAX = 1024


# --- the server's key -----------------------------------------------------------------------


def _key_from_file() -> Vapid:
    path = data_dir() / KEY_FILE
    if not path.exists() or not path.read_text().strip():
        fresh = Vapid()
        fresh.generate_keys()
        # Written aside, then linked into place: of two workers starting at once, one key wins for both.
        spare = data_dir() / f".{KEY_FILE}.{secrets.token_hex(4)}"
        private_file(spare).write_bytes(fresh.private_pem())
        try:
            os.link(spare, path)
        except FileExistsError:
            pass
        finally:
            spare.unlink(missing_ok=True)
    private_file(path)
    return Vapid.from_pem(path.read_bytes())


@lru_cache(maxsize=1)
def server_key() -> Vapid:
    """The VAPID key: RESILIENCE_VAPID_PRIVATE_KEY (PEM, or base64url DER / raw), else the data folder's."""
    if configured := os.environ.get("RESILIENCE_VAPID_PRIVATE_KEY", "").strip():
        if "-----BEGIN" in configured:
            return Vapid.from_pem(configured.replace("\\n", "\n").encode())
        return Vapid.from_string(configured)
    return _key_from_file()


def public_key() -> str:
    """The applicationServerKey a browser subscribes with: the uncompressed P-256 point, base64url."""
    from cryptography.hazmat.primitives import serialization

    raw = server_key().public_key.public_bytes(serialization.Encoding.X962,
                                               serialization.PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def subject() -> str:
    return os.environ.get("RESILIENCE_VAPID_SUBJECT", "").strip() or DEFAULT_SUBJECT


# --- subscriptions -------------------------------------------------------------------------------


def _local_endpoints_allowed() -> bool:
    """A testing aid: RESILIENCE_PUSH_ALLOW_LOCAL=1 lets a subscription point at http://127.0.0.1."""
    return os.environ.get("RESILIENCE_PUSH_ALLOW_LOCAL") == "1"


def _check_key(value: Any, sizes: tuple[int, ...]) -> str:
    text = str(value or "").strip()
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError):
        raise UserError("error.push_bad_subscription") from None
    if len(raw) not in sizes or len(text) > 128:
        raise UserError("error.push_bad_subscription")
    return text


def check_subscription(info: Any) -> tuple[str, str, str]:
    """(endpoint, p256dh, auth) from a browser's PushSubscription.toJSON(); UserError for anything else.

    Only https endpoints: the server will POST there, so it must not be led to plain-HTTP hosts.
    """
    if not isinstance(info, dict) or not isinstance(info.get("keys"), dict):
        raise UserError("error.push_bad_subscription")
    endpoint = str(info.get("endpoint") or "").strip()
    parts = urlsplit(endpoint)
    local = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost") and _local_endpoints_allowed()
    if len(endpoint) > ENDPOINT_MAX or not parts.hostname or (parts.scheme != "https" and not local):
        raise UserError("error.push_bad_subscription")
    return endpoint, _check_key(info["keys"].get("p256dh"), (65,)), _check_key(info["keys"].get("auth"), (16,))


def subscribe(session: Session, *, user_id: int, info: Any) -> None:
    """Keep this browser's subscription for the user. An endpoint is one browser on one phone: if another
    account had it (a shared phone), it is that account's no longer."""
    endpoint, p256dh, auth = check_subscription(info)
    user_row(session, user_id)
    row = session.scalar(select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    if row is None:
        row = PushSubscription(endpoint=endpoint, user_id=user_id, p256dh=p256dh, auth=auth, created_at=clock.now())
        session.add(row)
    else:
        row.user_id, row.p256dh, row.auth, row.created_at = user_id, p256dh, auth, clock.now()
    session.flush()
    mine = session.scalars(select(PushSubscription.id).where(PushSubscription.user_id == user_id)
                           .order_by(PushSubscription.created_at.desc(), PushSubscription.id.desc())).all()
    if len(mine) > SUBSCRIPTIONS_MAX:
        session.execute(delete(PushSubscription).where(PushSubscription.id.in_(mine[SUBSCRIPTIONS_MAX:])))


def unsubscribe(session: Session, *, user_id: int, endpoint: Any) -> bool:
    """Forget one of the user's own subscriptions; someone else's is left alone."""
    return session.execute(delete(PushSubscription).where(
        PushSubscription.user_id == user_id, PushSubscription.endpoint == str(endpoint or "")[:ENDPOINT_MAX]
    )).rowcount > 0


def subscription_count(session: Session, *, user_id: int) -> int:
    return len(session.scalars(select(PushSubscription.id).where(PushSubscription.user_id == user_id)).all())


# --- sending ---------------------------------------------------------------------------------------


def send_one(row: PushSubscription, payload: dict[str, str]) -> str:
    """Push one message to one subscription: "sent", "gone" (404/410: forget it) or "failed"."""
    from pywebpush import WebPushException, webpush
    from requests import RequestException

    try:
        webpush(
            {"endpoint": row.endpoint, "keys": {"p256dh": row.p256dh, "auth": row.auth}},
            data=json.dumps(payload, ensure_ascii=False),
            vapid_private_key=server_key(),
            vapid_claims={"sub": subject()},  # a fresh dict each time: pywebpush writes aud and exp into it
            ttl=TTL_SECONDS,
            timeout=TIMEOUT_SECONDS,
            headers={"Urgency": "normal"},
        )
    except WebPushException as error:
        status = error.response.status_code if error.response is not None else None
        return "gone" if status in GONE else "failed"
    except RequestException:
        return "failed"
    return "sent"


def send_due_for_user(session: Session, user_id: int) -> list[str]:
    """Claim and push this user's due reminders; returns the kinds that reached at least one phone.

    The claim is committed by the caller's unit of work only if this returns; a pass that reached no
    phone at all (network down) releases its claim, so a later pass within the window tries again.
    """
    user = session.get(User, user_id)
    if user is None:
        return []
    chosen = reminders.choices(session, user_id=user_id)
    sent = []
    for occurrence in reminders.push_due(session, user):
        if not reminders.claim(session, user_id, occurrence, chosen):
            continue
        session.commit()  # the claim is visible to every other worker before anything leaves
        payload = reminders.message(user.language, occurrence.kind)
        results = {}
        for row in session.scalars(select(PushSubscription).where(PushSubscription.user_id == user_id)).all():
            results[row.id] = send_one(row, payload)
            if results[row.id] == "gone":
                session.delete(row)
        if "sent" in results.values():
            sent.append(occurrence.kind)
        elif "failed" in results.values():
            reminders.release(session, user_id, occurrence)
        session.commit()
        if chosen.one_a_day and occurrence.kind in sent:
            break
    return sent


def send_due(session_factory) -> dict[str, Any]:
    """One pass over every user with a phone to push to, each in its own unit of work (short locks)."""
    with session_factory() as session:
        user_ids = reminders.users_with_push(session)
        reminders.forget_old_sends(session)
    sent: dict[str, int] = {}
    for user_id in user_ids:
        try:
            with session_factory() as session:
                for kind in send_due_for_user(session, user_id):
                    sent[kind] = sent.get(kind, 0) + 1
        except Exception as error:  # one user's trouble must not stop everyone else's reminders
            print(f"reminders: user pass failed: {type(error).__name__}", file=sys.stderr, flush=True)
    return {"users": len(user_ids), "sent": sent}
