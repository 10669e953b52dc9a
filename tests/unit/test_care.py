"""services/care: how urgent a crisis sign is, and the device's "not now" mark."""

from datetime import date

import pytest

from resilience_app.core.settings import get_settings
from resilience_app.services import care


@pytest.mark.parametrize(("texts", "expected"), [
    (("我已经把攒的安眠药都吃了",), "acute"),
    (("I've already taken all the pills I saved",), "acute"),
    (("活着没意思，不想再醒来了",), "concern"),
    (("累死了，笑死，这个客户要把我逼疯了",), None),
    (("", "   ", "今天回了 500 条消息"), None),
    # Each text on its own, the most urgent wins whatever the order.
    (("活着没意思，不想再醒来了", "我已经把攒的安眠药都吃了"), "acute"),
    (("我已经把攒的安眠药都吃了", "活着没意思，不想再醒来了", "累死了"), "acute"),
    (("累死了", "活着没意思，不想再醒来了"), "concern"),
])
def test_the_most_urgent_sign_among_the_texts(texts, expected):
    assert care.severity_of(*texts) == expected


@pytest.mark.parametrize(("first", "second", "expected"), [
    (None, None, None), ("concern", None, "concern"), (None, "acute", "acute"),
    ("concern", "acute", "acute"), ("acute", "concern", "acute"), ("concern", "concern", "concern"),
])
def test_more_urgent(first, second, expected):
    assert care.more_urgent(first, second) == expected


def test_the_not_now_mark_fits_one_writer_on_one_day_and_names_neither(monkeypatch):
    monkeypatch.setenv("RESILIENCE_SECRET_KEY", "a test key, long enough to sign with")
    get_settings.cache_clear()
    try:
        lin, wang = "a" * 32, "b" * 32
        day = date(2026, 11, 20)
        mark = care.quiet_mark(user_public_id=lin, day=day)
        assert mark == care.quiet_mark(user_public_id=lin, day=day)
        assert mark != care.quiet_mark(user_public_id=lin, day=date(2026, 11, 21))
        assert mark != care.quiet_mark(user_public_id=wang, day=day)
        for revealing in (lin[:8], "2026", "11-20"):
            assert revealing not in mark
        monkeypatch.setenv("RESILIENCE_SECRET_KEY", "another server's key, just as long")
        get_settings.cache_clear()
        assert care.quiet_mark(user_public_id=lin, day=day) != mark  # only this server can make it
    finally:
        get_settings.cache_clear()
