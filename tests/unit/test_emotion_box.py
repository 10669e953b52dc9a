from datetime import UTC, date, datetime, timedelta

import pytest

from resilience_app.contracts import mood as mood_contract
from resilience_app.core import localtime
from resilience_app.core.errors import UserError
from resilience_app.services import emotion_box as box
from resilience_app.services import moods
from tests.unit.import_support import hex_id

SHANGHAI = {"time_zone": "Asia/Shanghai", "day_start_hour": 4}
NEW_YORK = {"time_zone": "America/New_York", "day_start_hour": 4}
MINUTE = timedelta(minutes=1)
A1 = hex_id("a1")


def _refused(db, key: str, action) -> UserError:
    with pytest.raises(UserError) as caught, db() as s:
        action(s)
    assert caught.value.key == key
    return caught.value


def _write_and_seal(db, user_id: int, *texts: str, zone=SHANGHAI) -> list[str]:
    with db() as s:
        ids = [box.add_slip(s, user_id=user_id, text=text).public_id for text in texts]
        assert box.seal_box(s, user_id=user_id, **zone) == len(texts)
    return ids


def _view(db, user_id: int, zone=SHANGHAI) -> box.Box:
    with db() as s:
        return box.box_view(s, user_id=user_id, **zone)


def _summary(db, user_id: int, zone=SHANGHAI) -> box.BoxSummary:
    with db() as s:
        return box.box_summary(s, user_id=user_id, **zone)


# --- writing and sealing ---------------------------------------------------------------


def test_slips_wait_open_until_sealed_and_a_double_tap_stores_one(db, users):
    lin, _ = users
    angry, guilty = "客户A因物流慢骂我“没脑子”，我感到愤怒", "没帮客户B解决满减问题，我感到愧疚"
    with db() as s:
        first = box.add_slip(s, user_id=lin, text=f"  {angry} ", public_id="a" * 32)
        again = box.add_slip(s, user_id=lin, text=angry, public_id="a" * 32)
        box.add_slip(s, user_id=lin, text=guilty)
    assert first == again == box.Slip(public_id="a" * 32, text=angry, status="open", written_on=date(2026, 11, 20))
    view = _view(db, lin)
    assert [slip.text for slip in view.open] == [angry, guilty]
    assert view.sealed_count == 0 and view.opens_on is None and view.ready == () and view.kept == ()


def test_an_open_slip_can_be_taken_out_before_sealing_but_not_after(db, users):
    lin, _ = users
    with db() as s:
        keep = box.add_slip(s, user_id=lin, text="keep me").public_id
        drop = box.add_slip(s, user_id=lin, text="take me out").public_id
        box.remove_open_slip(s, user_id=lin, public_id=drop)
    assert [slip.text for slip in _view(db, lin).open] == ["keep me"]
    with db() as s:
        box.seal_box(s, user_id=lin, **SHANGHAI)
    _refused(db, "error.box_already_sealed", lambda s: box.remove_open_slip(s, user_id=lin, public_id=keep))
    _refused(db, "error.not_found", lambda s: box.remove_open_slip(s, user_id=lin, public_id=drop))


@pytest.mark.parametrize(("text", "key"), [
    ("", "error.box_empty"),
    ("  \n ", "error.box_empty"),
    (None, "error.box_empty"),
    ("x" * 501, "error.box_too_long"),
])
def test_bad_slips_are_refused(db, users, text, key):
    lin, _ = users
    error = _refused(db, key, lambda s: box.add_slip(s, user_id=lin, text=text))
    if key == "error.box_too_long":
        assert error.params == {"max": 500}
    assert _view(db, lin).open == ()


def test_a_slip_may_be_500_characters_and_the_box_holds_20_open_slips(db, users):
    lin, _ = users
    with db() as s:
        box.add_slip(s, user_id=lin, text="x" * 500)
        for n in range(19):
            box.add_slip(s, user_id=lin, text=f"slip {n}")
    error = _refused(db, "error.box_too_many", lambda s: box.add_slip(s, user_id=lin, text="one more"))
    assert error.params == {"max": 20}
    with db() as s:
        assert box.seal_box(s, user_id=lin, **SHANGHAI) == 20
        box.add_slip(s, user_id=lin, text="a fresh box for the rest")  # sealed slips leave room


def test_sealing_an_empty_box_is_refused(db, users):
    lin, _ = users
    _refused(db, "error.box_nothing_to_seal", lambda s: box.seal_box(s, user_id=lin, **SHANGHAI))
    _write_and_seal(db, lin, "once")
    _refused(db, "error.box_nothing_to_seal", lambda s: box.seal_box(s, user_id=lin, **SHANGHAI))


# --- the lock: unreadable until the next local day's start --------------------------------


def test_sealed_slips_are_unreadable_the_same_local_day(db, users, frozen_clock):
    lin, _ = users
    ids = _write_and_seal(db, lin, "客户骂我没脑子", "投诉威胁")
    view = _view(db, lin)
    assert view.open == () and view.ready == () and view.sealed_count == 2
    assert view.opens_on == date(2026, 11, 21)
    assert "客户骂我没脑子" not in str(view) and "投诉威胁" not in str(view)
    with db() as s:
        assert box.box_summary(s, user_id=lin, **SHANGHAI) == box.BoxSummary(
            open_count=0, sealed_count=2, ready_count=0, kept_count=0, opens_on=date(2026, 11, 21))
    for action in (box.keep_slip, box.let_go):
        _refused(db, "error.box_still_sealed", lambda s: action(s, user_id=lin, public_id=ids[0], **SHANGHAI))
    _refused(db, "error.box_still_sealed", lambda s: box.slip_to_mood(
        s, user_id=lin, public_id=ids[0], emotion="wronged", reframe="", **SHANGHAI))
    with db() as s:
        assert moods.moods_between(s, user_id=lin, start=datetime(2026, 1, 1, tzinfo=UTC),
                                   end=datetime(2027, 1, 1, tzinfo=UTC)) == []


@pytest.mark.parametrize(("zone", "sealed_at", "day", "opens_at"), [
    # 20:00 in Shanghai on the 20th: opens at 04:00 on the 21st (20:00 UTC on the 20th).
    (SHANGHAI, datetime(2026, 11, 20, 12, 0, tzinfo=UTC), date(2026, 11, 20), datetime(2026, 11, 20, 20, 0, tzinfo=UTC)),
    # 07:00 in New York (UTC-5) on the 20th: opens at 04:00 on the 21st, 09:00 UTC.
    (NEW_YORK, datetime(2026, 11, 20, 12, 0, tzinfo=UTC), date(2026, 11, 20), datetime(2026, 11, 21, 9, 0, tzinfo=UTC)),
    # A night shift sealed at 01:30 on the 21st in Shanghai still belongs to the 20th:
    # it opens at 04:00 that same morning.
    (SHANGHAI, datetime(2026, 11, 20, 17, 30, tzinfo=UTC), date(2026, 11, 20), datetime(2026, 11, 20, 20, 0, tzinfo=UTC)),
    # The same night shift in New York: 01:30 on the 21st opens at 04:00 that morning.
    (NEW_YORK, datetime(2026, 11, 21, 6, 30, tzinfo=UTC), date(2026, 11, 20), datetime(2026, 11, 21, 9, 0, tzinfo=UTC)),
    # Sealed at 22:00 EDT the night the clocks go back: 04:00 EST on 1 November is 09:00 UTC.
    (NEW_YORK, datetime(2026, 11, 1, 2, 0, tzinfo=UTC), date(2026, 10, 31), datetime(2026, 11, 1, 9, 0, tzinfo=UTC)),
])
def test_slips_open_at_the_next_day_start_and_not_a_minute_before(db, users, frozen_clock, zone, sealed_at, day, opens_at):
    lin, _ = users
    frozen_clock.set_now(sealed_at)
    [slip] = _write_and_seal(db, lin, "一个难熬的客户", zone=zone)

    frozen_clock.set_now(opens_at - MINUTE)
    view = _view(db, lin, zone)
    assert view.sealed_count == 1 and view.ready == () and "一个难熬的客户" not in str(view)
    assert view.opens_on == day + timedelta(days=1)
    _refused(db, "error.box_still_sealed", lambda s: box.keep_slip(s, user_id=lin, public_id=slip, **zone))

    frozen_clock.set_now(opens_at)
    view = _view(db, lin, zone)
    assert view.sealed_count == 0 and view.opens_on is None
    assert view.ready == (box.Slip(public_id=slip, text="一个难熬的客户", status="sealed", written_on=day),)


def test_the_earliest_lock_is_reported_when_slips_open_on_different_days(db, users, frozen_clock):
    lin, _ = users
    _write_and_seal(db, lin, "first night")
    frozen_clock.set_now(datetime(2026, 11, 20, 21, 0, tzinfo=UTC))  # 05:00 on the 21st in Shanghai
    _write_and_seal(db, lin, "second night")
    view = _view(db, lin)
    assert [slip.text for slip in view.ready] == ["first night"]
    assert view.sealed_count == 1 and view.opens_on == date(2026, 11, 22)


# --- once open: keep, let go, or name the feeling -----------------------------------------


def _next_day(frozen_clock) -> None:
    frozen_clock.set_now(datetime(2026, 11, 20, 20, 0, tzinfo=UTC))  # 04:00 on the 21st in Shanghai


def test_keep_then_let_go(db, users, frozen_clock):
    lin, _ = users
    older, newer = _write_and_seal(db, lin, "older", "newer")
    _next_day(frozen_clock)
    with db() as s:
        kept = box.keep_slip(s, user_id=lin, public_id=older, **SHANGHAI)
        box.keep_slip(s, user_id=lin, public_id=newer, **SHANGHAI)
        box.keep_slip(s, user_id=lin, public_id=newer, **SHANGHAI)  # a second tap changes nothing
    assert kept == box.Slip(public_id=older, text="older", status="kept", written_on=date(2026, 11, 20))
    view = _view(db, lin)
    assert view.ready == () and [slip.text for slip in view.kept] == ["newer", "older"]
    with db() as s:
        box.let_go(s, user_id=lin, public_id=older, **SHANGHAI)
    assert [slip.text for slip in _view(db, lin).kept] == ["newer"]
    _refused(db, "error.not_found", lambda s: box.let_go(s, user_id=lin, public_id=older, **SHANGHAI))


def test_a_ready_slip_can_be_let_go_for_good_keeping_only_the_moment(db, users, frozen_clock):
    lin, _ = users
    [slip] = _write_and_seal(db, lin, "let me go")
    _next_day(frozen_clock)
    with db() as s:
        box.let_go(s, user_id=lin, public_id=slip, **SHANGHAI)
        [exported] = box.export_slips(s, lin)
        day_start, day_end = localtime.day_bounds(date(2026, 11, 21), "Asia/Shanghai", 4)
        assert box.released_between(s, user_id=lin, start=day_start, end=day_end) == 1
        assert box.released_between(s, user_id=lin, start=day_end, end=day_end + timedelta(days=1)) == 0
    assert exported["status"] == "released" and exported["text"] == ""
    assert exported["released_at"] == "2026-11-21T04:00:00+08:00"
    summary = _summary(db, lin)
    assert (summary.ready_count, summary.kept_count, summary.sealed_count) == (0, 0, 0)
    assert _view(db, lin).ready == () and _view(db, lin).kept == ()
    for action in (box.keep_slip, box.let_go):
        _refused(db, "error.not_found", lambda s, action=action: action(s, user_id=lin, public_id=slip, **SHANGHAI))
    with db() as s:  # a restore keeps the moment and nothing else
        box.restore_slips(s, lin, [exported])
        assert box.export_slips(s, lin) == [exported]


def test_a_ready_slip_becomes_a_mood_check_in_with_its_text_as_the_cause(db, users, frozen_clock):
    lin, _ = users
    [slip] = _write_and_seal(db, lin, "客户说要投诉我")
    _next_day(frozen_clock)
    with db() as s:
        mood = box.slip_to_mood(s, user_id=lin, public_id=slip, emotion="wronged",
                                reframe="我感到委屈，因为客户误会了，但这不是我的错", **SHANGHAI)
        again = box.slip_to_mood(s, user_id=lin, public_id=slip, emotion="wronged", reframe="", **SHANGHAI)
    assert again == mood
    assert mood.emotion == "wronged" and mood.quadrant == "low_unpleasant"
    assert mood.cause == "客户说要投诉我" and mood.reframe == "我感到委屈，因为客户误会了，但这不是我的错"
    assert mood.felt_at == datetime(2026, 11, 20, 20, 0, tzinfo=UTC)
    with db() as s:
        assert moods.get_mood(s, user_id=lin, public_id=mood.public_id).cause == "客户说要投诉我"
        assert box.export_slips(s, lin) == []


def test_a_long_slip_keeps_its_whole_text_in_the_check_in(db, users, frozen_clock):
    lin, _ = users
    text = "长" * 500
    [slip] = _write_and_seal(db, lin, text)
    _next_day(frozen_clock)
    with db() as s:
        mood = box.slip_to_mood(s, user_id=lin, public_id=slip, emotion="exhausted", reframe="", **SHANGHAI)
    assert len(mood.cause) == mood_contract.CAUSE.max and mood.cause.endswith("…") and mood.note == text


def test_converting_needs_a_known_word_and_keeps_the_slip_when_refused(db, users, frozen_clock):
    lin, _ = users
    [slip] = _write_and_seal(db, lin, "still here")
    _next_day(frozen_clock)
    for emotion, key in ((None, "error.mood_no_emotion"), ("grumpy", "error.mood_unknown_emotion")):
        _refused(db, key, lambda s: box.slip_to_mood(s, user_id=lin, public_id=slip, emotion=emotion,
                                                     reframe="", **SHANGHAI))
    _refused(db, "error.mood_text_long", lambda s: box.slip_to_mood(
        s, user_id=lin, public_id=slip, emotion="sad", reframe="x" * 301, **SHANGHAI))
    assert [r.text for r in _view(db, lin).ready] == ["still here"]


def test_open_slips_are_not_kept_let_go_or_converted_before_sealing(db, users):
    lin, _ = users
    with db() as s:
        slip = box.add_slip(s, user_id=lin, text="not sealed").public_id
    for action in (box.keep_slip, box.let_go):
        _refused(db, "error.box_not_sealed", lambda s: action(s, user_id=lin, public_id=slip, **SHANGHAI))
    _refused(db, "error.box_not_sealed", lambda s: box.slip_to_mood(
        s, user_id=lin, public_id=slip, emotion="sad", reframe="", **SHANGHAI))


# --- ownership ----------------------------------------------------------------------------


def test_another_user_can_neither_see_nor_touch_a_slip(db, users, frozen_clock):
    lin, wang = users
    with db() as s:
        slip = box.add_slip(s, user_id=lin, text="lin's slip").public_id
    _refused(db, "error.not_found", lambda s: box.remove_open_slip(s, user_id=wang, public_id=slip))
    # Sealing is per user: Wang's box is empty, and Lin's slip stays open.
    _refused(db, "error.box_nothing_to_seal", lambda s: box.seal_box(s, user_id=wang, **SHANGHAI))
    assert [item.text for item in _view(db, lin).open] == ["lin's slip"]
    with db() as s:
        box.seal_box(s, user_id=lin, **SHANGHAI)
    _next_day(frozen_clock)
    for action in (box.keep_slip, box.let_go):
        for public_id in (slip, "no-such-slip", ""):
            _refused(db, "error.not_found", lambda s: action(s, user_id=wang, public_id=public_id, **SHANGHAI))
    for public_id in (slip, "no-such-slip"):
        _refused(db, "error.not_found", lambda s: box.slip_to_mood(
            s, user_id=wang, public_id=public_id, emotion="sad", reframe="", **SHANGHAI))
    _refused(db, "error.not_found", lambda s: box.remove_open_slip(s, user_id=wang, public_id=slip))
    # The same public id from another user stores a slip of their own.
    with db() as s:
        box.add_slip(s, user_id=wang, text="wang's own", public_id=slip)
    view = _view(db, wang)
    assert [item.text for item in view.open] == ["wang's own"] and view.ready == ()
    assert "lin's" not in str(view)
    with db() as s:
        assert [item["text"] for item in box.export_slips(s, wang)] == ["wang's own"]
        assert moods.moods_between(s, user_id=wang, start=datetime(2026, 1, 1, tzinfo=UTC),
                                   end=datetime(2027, 1, 1, tzinfo=UTC)) == []
    assert [item.text for item in _view(db, lin).ready] == ["lin's slip"]


# --- export and import ----------------------------------------------------------------------


def test_export_then_restore_twice_gives_the_same_box_without_duplicates(db, users, frozen_clock):
    lin, wang = users
    [kept, ready] = _write_and_seal(db, lin, "kept one", "ready one")
    _next_day(frozen_clock)
    with db() as s:
        box.keep_slip(s, user_id=lin, public_id=kept, **SHANGHAI)
    _write_and_seal(db, lin, "locked one")
    with db() as s:
        box.add_slip(s, user_id=lin, text="still open")
        exported = box.export_slips(s, lin)
    assert [item["status"] for item in exported] == ["kept", "sealed", "sealed", "open"]
    first = exported[0]
    assert first["written_at"] == "2026-11-20T20:00:00+08:00"
    assert first["sealed_at"] == "2026-11-20T20:00:00+08:00" and first["opens_on"] == "2026-11-21"
    assert exported[3]["sealed_at"] is None and exported[3]["opens_on"] is None
    for _ in range(2):
        with db() as s:
            box.restore_slips(s, wang, exported)
            box.restore_slips(s, lin, exported)
    with db() as s:
        assert box.export_slips(s, lin) == exported
        assert box.export_slips(s, wang) == exported  # wang's zone is Shanghai too
    view = _view(db, wang)
    assert view.sealed_count == 1 and "locked one" not in str(view)
    assert [slip.text for slip in view.ready] == ["ready one"]


@pytest.mark.parametrize(("items", "field"), [
    ({"id": "x"}, None),
    ("slips", None),
    ([None], None),
    ([{"text": "no id", "status": "open", "written_at": "2026-11-20T20:00:00+08:00"}], "id"),
    ([{"id": "", "text": "empty id", "status": "open", "written_at": "2026-11-20T20:00:00+08:00"}], "id"),
    ([{"id": "a1", "text": "short id", "status": "open", "written_at": "2026-11-20T20:00:00+08:00"}], "id"),
    ([{"id": A1, "text": "", "status": "open", "written_at": "2026-11-20T20:00:00+08:00"}], "text"),
    ([{"id": A1, "text": 42, "status": "open", "written_at": "2026-11-20T20:00:00+08:00"}], "text"),
    ([{"id": A1, "text": "x" * 501, "status": "open", "written_at": "2026-11-20T20:00:00+08:00"}], "text"),
    ([{"id": A1, "text": "hi", "status": "burnt", "written_at": "2026-11-20T20:00:00+08:00"}], "status"),
    ([{"id": A1, "text": "hi", "status": "open", "written_at": "yesterday"}], "written_at"),
    ([{"id": A1, "text": "hi", "status": "open", "written_at": "2026-11-20T20:00:00"}], "written_at"),
    ([{"id": A1, "text": "hi", "status": "open", "written_at": "9999-12-31T23:59:59-14:00"}], "written_at"),
    ([{"id": A1, "text": "hi", "status": "sealed", "written_at": "2026-11-20T20:00:00+08:00",
       "sealed_at": "2026-11-20T20:00:00+08:00", "opens_on": None}], "opens_on"),
    ([{"id": A1, "text": "hi", "status": "sealed", "written_at": "2026-11-20T20:00:00+08:00",
       "sealed_at": "2026-11-20T20:00:00+08:00", "opens_on": "tomorrow"}], "opens_on"),
])
def test_a_malformed_box_section_is_refused(db, users, items, field):
    lin, _ = users
    with pytest.raises(UserError) as caught, db() as s:
        box.restore_slips(s, lin, items)
    assert caught.value.key.startswith("error.import_") and caught.value.params.get("field") == field
    with db() as s:
        assert box.export_slips(s, lin) == []
