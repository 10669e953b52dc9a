"""Helpers shared by the forum and moderation tests (plain functions; each test file has its fixtures)."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import pytest

from resilience_app.core import clock
from resilience_app.core.errors import UserError
from resilience_app.models import User
from resilience_app.services import accounts
from resilience_app.services.forum import groups as forum_groups, posts as forum
from resilience_app.services.forum.views import PostView, ReplyView
from tests.conftest import GOOD_PASSWORD


def key(call) -> str:
    """The catalog key of the UserError a call raises."""
    with pytest.raises(UserError) as caught:
        call()
    return caught.value.key


def register(db, name: str, *, display_name: str = "", role: str = "member", seasoned: bool = True) -> int:
    """An account; `seasoned` ones are a month old, so the new-account limit stays out of the way."""
    with db() as s:
        uid = accounts.register(s, username=name, password=GOOD_PASSWORD).id
        user = s.get(User, uid)
        user.display_name, user.role = display_name, role
        if seasoned:
            user.created_at = clock.now() - timedelta(days=30)
    return uid


def join(db, uid: int, group: str = "taobao") -> None:
    with db() as s:
        forum_groups.join_group(s, user_id=uid, group_id=group)


def publish(db, uid: int, group: str = "taobao", kind: str = "vent", **fields) -> PostView:
    fields.setdefault("title", "" if kind == "vent" else "一个标题")
    if kind == "case":
        fields.setdefault("case", {"happened": "客户要求仅退款"})
    else:
        fields.setdefault("body", "今天的客户真的很难沟通")
    with db() as s:
        return forum.publish_post(s, user_id=uid, group_id=group, kind=kind, **fields)


def answer(db, uid: int, post_id: str, body: str = "抱抱你，我也遇到过", **options) -> ReplyView:
    with db() as s:
        return forum.reply(s, user_id=uid, post_id=post_id, body=body, **options)


def as_data(value):
    """Service results (dataclasses, also inside lists and tuples) as plain dicts and lists, to search whole."""
    if dataclasses.is_dataclass(value):
        return as_data(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {name: as_data(item) for name, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_data(item) for item in value]
    return value


def as_json(value) -> str:
    """Everything a service result carries, as JSON text (times as ISO text)."""
    return json.dumps(as_data(value), ensure_ascii=False, default=str)


def later(minutes: float) -> None:
    """Move the frozen clock forward."""
    clock.set_now(clock.now() + timedelta(minutes=minutes))
