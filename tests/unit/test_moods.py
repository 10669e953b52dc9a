from datetime import UTC, datetime, timedelta

import pytest

from resilience_app.contracts import mood as contract
from resilience_app.core.errors import UserError
from resilience_app.services import accounts, moods, portability
from tests.unit.import_support import problem


def test_log_mood_derives_the_quadrant(db, users):
    lin, _ = users
    with db() as s:
        mood = moods.log_mood(s, user_id=lin, emotion="wronged")
    assert mood.quadrant == "low_unpleasant" and len(mood.public_id) == 32
    with db() as s:
        assert moods.get_mood(s, user_id=lin, public_id=mood.public_id).emotion == "wronged"


def test_a_double_tap_stores_one_entry(db, users):
    lin, _ = users
    with db() as s:
        first = moods.log_mood(s, user_id=lin, emotion="angry", public_id="a" * 32)
    with db() as s:
        second = moods.log_mood(s, user_id=lin, emotion="angry", public_id="a" * 32)
    assert first == second
    with db() as s:
        days, more = moods.history(s, user_id=lin, time_zone="Asia/Shanghai", day_start_hour=4)
    assert sum(len(d.moods) for d in days) == 1 and not more


@pytest.mark.parametrize(
    ("emotion", "details", "key"),
    [
        (None, {}, "error.mood_no_emotion"),
        ("", {}, "error.mood_no_emotion"),
        ("grumpy_cat", {}, "error.mood_unknown_emotion"),
        ("calm", {"intensity": 6}, "error.mood_intensity"),
        ("calm", {"intensity": "x"}, "error.mood_intensity"),
        ("calm", {"cause": "x" * (contract.CAUSE.max + 1)}, "error.mood_text_long"),
        ("calm", {"reframe": "x" * (contract.REFRAME.max + 1)}, "error.mood_text_long"),
        ("calm", {"note": "x" * (contract.NOTE.max + 1)}, "error.mood_text_long"),
        ("calm", {"cause_tags": ["not_a_tag"]}, "error.mood_unknown_tag"),
    ],
)
def test_bad_input_is_refused_with_a_key_and_nothing_stored(db, users, emotion, details, key):
    lin, _ = users
    with pytest.raises(UserError) as caught, db() as s:
        moods.log_mood(s, user_id=lin, emotion=emotion, **details)
    assert caught.value.key == key
    with db() as s:
        assert moods.history(s, user_id=lin, time_zone="UTC", day_start_hour=0)[0] == []


def test_details_can_be_added_later_and_a_bad_update_changes_nothing(db, users):
    lin, _ = users
    with db() as s:
        mood = moods.log_mood(s, user_id=lin, emotion="wronged")
    with db() as s:
        moods.update_mood(s, user_id=lin, public_id=mood.public_id, intensity=4,
                          cause_tags=["refund_only", "bad_review_threat"], cause="仅退款威胁",
                          reframe="我感到委屈，因为客户误会了，但这不是我的错", note="明天再说")
    with pytest.raises(UserError), db() as s:
        moods.update_mood(s, user_id=lin, public_id=mood.public_id, intensity=2, note="x" * 2000)
    with db() as s:
        stored = moods.get_mood(s, user_id=lin, public_id=mood.public_id)
    assert stored.intensity == 4 and stored.note == "明天再说"
    assert stored.cause_tags == ("refund_only", "bad_review_threat")


def test_another_user_cannot_read_edit_or_delete(db, users):
    lin, wang = users
    with db() as s:
        mine = moods.log_mood(s, user_id=lin, emotion="proud").public_id
    for attempt in (
        lambda s: moods.get_mood(s, user_id=wang, public_id=mine),
        lambda s: moods.update_mood(s, user_id=wang, public_id=mine, note="hacked"),
        lambda s: moods.delete_mood(s, user_id=wang, public_id=mine),
    ):
        with pytest.raises(UserError) as caught, db() as s:
            attempt(s)
        assert caught.value.key == "error.not_found"
    with db() as s:
        assert moods.history(s, user_id=wang, time_zone="UTC", day_start_hour=0)[0] == []
        # Wang reusing Lin's id makes Wang's own entry, never touches Lin's.
        theirs = moods.log_mood(s, user_id=wang, emotion="angry", public_id=mine)
    assert theirs.emotion == "angry"
    with db() as s:
        assert moods.get_mood(s, user_id=lin, public_id=mine).emotion == "proud"


def test_history_groups_by_local_day_with_the_day_start_hour(db, users, frozen_clock):
    lin, _ = users
    shanghai = lambda h, m=0, d=20: datetime(2026, 11, d, h, m, tzinfo=UTC) - timedelta(hours=8)  # noqa: E731
    with db() as s:
        moods.log_mood(s, user_id=lin, emotion="calm", felt_at=shanghai(22))        # the 20th, evening
        moods.log_mood(s, user_id=lin, emotion="exhausted", felt_at=shanghai(1, 30, d=21))  # night shift: still the 20th
        moods.log_mood(s, user_id=lin, emotion="hopeful", felt_at=shanghai(9, d=21))  # the 21st
    with db() as s:
        days, _ = moods.history(s, user_id=lin, time_zone="Asia/Shanghai", day_start_hour=4)
    assert [(d.day.isoformat(), [m.emotion for m in d.moods]) for d in days] == [
        ("2026-11-21", ["hopeful"]),
        ("2026-11-20", ["exhausted", "calm"]),
    ]
    with db() as s:
        days, _ = moods.history(s, user_id=lin, time_zone="Asia/Shanghai", day_start_hour=0)
    assert [d.day.isoformat() for d in days] == ["2026-11-21", "2026-11-20"]
    assert [m.emotion for m in days[0].moods] == ["hopeful", "exhausted"]


def test_history_pages(db, users, frozen_clock):
    lin, _ = users
    start = frozen_clock.now()
    with db() as s:
        for i in range(5):
            moods.log_mood(s, user_id=lin, emotion="calm", felt_at=start + timedelta(hours=i))
    with db() as s:
        days, more = moods.history(s, user_id=lin, time_zone="UTC", day_start_hour=0, limit=3)
    assert sum(len(d.moods) for d in days) == 3 and more


def test_export_and_import_moods_twice_without_duplicates(db, users):
    lin, wang = users
    with db() as s:
        accounts.update_settings(s, user_id=lin, time_zone="Asia/Shanghai")
        moods.log_mood(s, user_id=lin, emotion="wronged", intensity=3, cause_tags=["abuse"], cause="被骂",
                       reframe="不是我的错", note="n")
        document = portability.export_user(s, user_id=lin)
    item = document["moods"][0]
    assert item["felt_at"] == "2026-11-20T20:00:00+08:00"
    assert {k: item[k] for k in ("emotion", "quadrant", "intensity", "cause_tags")} == {
        "emotion": "wronged", "quadrant": "low_unpleasant", "intensity": 3, "cause_tags": ["abuse"]}
    del item["quadrant"]  # derived from the emotion when absent
    for _ in range(2):
        with db() as s:
            portability.import_user(s, user_id=wang, document=document)
    with db() as s:
        again = portability.export_user(s, user_id=wang)["moods"]
    assert len(again) == 1 and again[0]["quadrant"] == "low_unpleasant" and again[0]["id"] == item["id"]


def test_import_refuses_an_unknown_emotion_and_changes_nothing(db, users):
    lin, _ = users
    document = {"format": "resilience-export", "version": 1, "moods": [
        {"id": "b" * 32, "felt_at": "2026-11-20T20:00:00+08:00", "emotion": "calm"},
        {"id": "c" * 32, "felt_at": "2026-11-20T21:00:00+08:00", "emotion": "hangry"},
    ]}
    with pytest.raises(UserError) as caught, db() as s:
        portability.import_user(s, user_id=lin, document=document)
    refusal = problem(caught.value)
    assert refusal.key == "error.mood_unknown_emotion" and refusal.params == {"key": '"hangry"'}
    assert caught.value.params["field"] == "emotion"
    with db() as s:
        assert portability.export_user(s, user_id=lin)["moods"] == []  # all or nothing


def test_import_refuses_times_without_an_offset(db, users):
    lin, _ = users
    document = {"format": "resilience-export", "version": 1,
                "moods": [{"id": "d" * 32, "felt_at": "2026-11-20T20:00:00", "emotion": "calm"}]}
    with pytest.raises(UserError) as caught, db() as s:
        portability.import_user(s, user_id=lin, document=document)
    assert problem(caught.value).key == "error.import_bad_time"


def test_an_intensity_in_superscript_is_refused_kindly_not_crashed_on(db, users):
    lin, _ = users
    with db() as s:
        mood = moods.log_mood(s, user_id=lin, emotion="wronged")
        with pytest.raises(UserError):
            moods.update_mood(s, user_id=lin, public_id=mood.public_id, intensity="³")
