"""Web Push end to end: a local push endpoint receives what the server sends, and the test decrypts it
with the subscription's own keys (RFC 8291, aes128gcm) to the expected words in the user's language."""

from __future__ import annotations

import base64
import json
import os
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select

from resilience_app.core import clock
from resilience_app.core.errors import UserError
from resilience_app.models import PushSubscription
from resilience_app.services import accounts, plan, push, reminders
from tests.conftest import GOOD_PASSWORD


@pytest.fixture(autouse=True)
def _a_monday_in_shanghai(pinned_clock):
    """These tests walk through one week from Monday 00:30 in Shanghai, whatever moment the run is
    pinned to (scripts/awkward_dates.sh); each sets its own later moments."""
    clock.set_now(datetime(2026, 11, 29, 16, 30, tzinfo=UTC))


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class PushEndpoint:
    """A tiny push service on 127.0.0.1: records each POST and answers with the status set per path."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.status: dict[str, int] = {}
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                endpoint.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
                self.send_response(endpoint.status.get(self.path, 201))
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Phone:
    """A browser's side of a subscription: its ECDH key pair and auth secret."""

    def __init__(self, endpoint: str) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        public = self.key.public_key().public_bytes(serialization.Encoding.X962,
                                                    serialization.PublicFormat.UncompressedPoint)
        self.info = {"endpoint": endpoint, "keys": {"p256dh": _b64(public), "auth": _b64(self.auth)}}

    def read(self, body: bytes) -> dict:
        return json.loads(http_ece.decrypt(body, private_key=self.key, auth_secret=self.auth, version="aes128gcm"))


@pytest.fixture
def endpoint(monkeypatch, tmp_path):
    monkeypatch.setenv("RESILIENCE_PUSH_ALLOW_LOCAL", "1")
    monkeypatch.setenv("RESILIENCE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("RESILIENCE_VAPID_PRIVATE_KEY", raising=False)
    push.server_key.cache_clear()
    service = PushEndpoint()
    yield service
    service.close()
    push.server_key.cache_clear()


def _user(db, name: str, language: str) -> int:
    with db() as s:
        return accounts.register(s, username=name, password=GOOD_PASSWORD, language=language).id


def _subscribe(db, uid: int, phone: Phone) -> None:
    with db() as s:
        push.subscribe(s, user_id=uid, info=phone.info)


def _choose(db, uid: int, **chosen) -> None:
    times = [""] * 7
    times[6] = chosen.pop("sunday", "")
    with db() as s:
        reminders.save_choices(s, user_id=uid, shift_end=times, review=False, recharge=chosen.pop("recharge", False),
                               **chosen)


def test_a_due_reminder_reaches_the_phone_once_in_its_language(db, endpoint):
    """Monday 00:30 in Shanghai: Sunday's shift ended at 00:15. Two passes (server and cron) send it once."""
    lin, sam = _user(db, "lin", "zh-CN"), _user(db, "sam", "en")
    lin_phone, sam_phone = Phone(endpoint.url("/push/lin")), Phone(endpoint.url("/push/sam"))
    _subscribe(db, lin, lin_phone)
    _subscribe(db, sam, sam_phone)
    _choose(db, lin, sunday="00:15")
    _choose(db, sam, sunday="00:15")
    assert push.send_due(db) == {"users": 2, "sent": {"shift_end": 2}}
    assert push.send_due(db) == {"users": 2, "sent": {}}
    by_path = {r["path"]: r for r in endpoint.received}
    assert sorted(by_path) == ["/push/lin", "/push/sam"] and len(endpoint.received) == 2
    assert lin_phone.read(by_path["/push/lin"]["body"]) == {
        "title": "下班打卡时间到了", "body": "花十秒,给此刻的心情起个名字。", "url": "/", "tag": "resilience-shift_end"}
    assert sam_phone.read(by_path["/push/sam"]["body"])["title"] == "Time for your end-of-shift check-in"
    headers = {k.lower(): v for k, v in by_path["/push/lin"]["headers"].items()}
    assert headers["content-encoding"] == "aes128gcm" and headers["ttl"] == str(push.TTL_SECONDS)
    assert headers["authorization"].startswith("vapid t=") and f"k={push.public_key()}" in headers["authorization"]
    with pytest.raises(http_ece.ECEException):  # another phone's keys cannot read it
        Phone(endpoint.url("/x")).read(by_path["/push/lin"]["body"])


def test_two_workers_at_once_send_it_once(db, endpoint):
    lin = _user(db, "lin", "zh-CN")
    _subscribe(db, lin, Phone(endpoint.url("/push/lin")))
    _choose(db, lin, sunday="00:15")
    start, results = threading.Barrier(2), []

    def worker():
        start.wait()
        results.append(push.send_due(db)["sent"])

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(endpoint.received) == 1
    assert sorted(results, key=len) == [{}, {"shift_end": 1}]


def test_not_sent_during_a_recharge_block_nor_in_quiet_hours(db, endpoint):
    lin, wang = _user(db, "lin", "zh-CN"), _user(db, "wang", "zh-CN")
    _subscribe(db, lin, Phone(endpoint.url("/push/lin")))
    _subscribe(db, wang, Phone(endpoint.url("/push/wang")))
    _choose(db, lin, sunday="00:15")
    _choose(db, wang, sunday="00:15", quiet_from="23:00", quiet_until="07:00")
    with db() as s:
        plan.add_block(s, user_id=lin, day="2026-11-30", start="00:00", interest="画画", minutes=60)
    assert push.send_due(db)["sent"] == {}
    assert endpoint.received == []


def test_the_recharge_blocks_start_is_pushed(db, endpoint):
    lin = _user(db, "lin", "en")
    phone = Phone(endpoint.url("/push/lin"))
    _subscribe(db, lin, phone)
    _choose(db, lin, recharge=True)
    with db() as s:
        plan.add_block(s, user_id=lin, day="2026-11-30", start="00:25", interest="secret hobby", minutes=60)
    assert push.send_due(db)["sent"] == {"recharge": 1}
    [message] = endpoint.received
    text = phone.read(message["body"])
    assert text["title"] == "Your recharge time starts now" and "secret hobby" not in json.dumps(text)


@pytest.mark.parametrize("status", [404, 410])
def test_a_gone_subscription_is_forgotten(db, endpoint, status):
    lin = _user(db, "lin", "zh-CN")
    _subscribe(db, lin, Phone(endpoint.url("/push/gone")))
    _subscribe(db, lin, Phone(endpoint.url("/push/live")))
    endpoint.status["/push/gone"] = status
    _choose(db, lin, sunday="00:15")
    assert push.send_due(db)["sent"] == {"shift_end": 1}
    with db() as s:
        assert [r.endpoint for r in s.scalars(select(PushSubscription))] == [endpoint.url("/push/live")]


def test_a_failing_push_service_lets_the_next_pass_try_again(db, endpoint):
    lin = _user(db, "lin", "zh-CN")
    _subscribe(db, lin, Phone(endpoint.url("/push/lin")))
    endpoint.status["/push/lin"] = 503
    _choose(db, lin, sunday="00:15")
    assert push.send_due(db)["sent"] == {}
    endpoint.status["/push/lin"] = 201
    assert push.send_due(db)["sent"] == {"shift_end": 1}
    assert len(endpoint.received) == 2


def test_subscriptions_are_checked_and_belong_to_one_account(db, endpoint, monkeypatch):
    lin, wang = _user(db, "lin", "zh-CN"), _user(db, "wang", "zh-CN")
    phone = Phone(endpoint.url("/push/shared"))
    _subscribe(db, lin, phone)
    _subscribe(db, wang, phone)  # the shared phone now notifies wang, and lin no longer
    with db() as s:
        assert push.subscription_count(s, user_id=lin) == 0 and push.subscription_count(s, user_id=wang) == 1
        assert not push.unsubscribe(s, user_id=lin, endpoint=phone.info["endpoint"])
        assert push.unsubscribe(s, user_id=wang, endpoint=phone.info["endpoint"])
    bad = [{"endpoint": "ftp://x/y", "keys": phone.info["keys"]},
           {"endpoint": "https://push.example/x", "keys": {"p256dh": "AAAA", "auth": phone.info["keys"]["auth"]}},
           "not a dict"]
    monkeypatch.setenv("RESILIENCE_PUSH_ALLOW_LOCAL", "0")
    bad.append(phone.info)  # plain http is only for the local test endpoint
    with db() as s:
        for info in bad:
            with pytest.raises(UserError):
                push.subscribe(s, user_id=lin, info=info)
        push.subscribe(s, user_id=lin, info={**phone.info, "endpoint": "https://push.example/ok"})


def test_the_vapid_key_is_made_once_and_kept_private(endpoint, tmp_path, monkeypatch):
    first = push.public_key()
    key_file = tmp_path / "data" / push.KEY_FILE
    assert key_file.stat().st_mode & 0o777 == 0o600
    push.server_key.cache_clear()
    assert push.public_key() == first and len(base64.urlsafe_b64decode(first + "=")) == 65
    monkeypatch.setenv("RESILIENCE_VAPID_PRIVATE_KEY", key_file.read_text())
    push.server_key.cache_clear()
    assert push.public_key() == first


def test_cron_command_sends_due_reminders(db, endpoint, capsys):
    from resilience_app import cli

    lin = _user(db, "lin", "zh-CN")
    _subscribe(db, lin, Phone(endpoint.url("/push/lin")))
    _choose(db, lin, sunday="00:15")
    assert cli.main(["reminders", "send-due"]) == 0
    assert json.loads(capsys.readouterr().out) == {"users": 1, "sent": {"shift_end": 1}}
    clock.set_now(datetime(2026, 11, 29, 16, 40, tzinfo=UTC))
    assert cli.main(["reminders", "send-due"]) == 0
    assert len(endpoint.received) == 1
