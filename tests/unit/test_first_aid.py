from datetime import UTC, datetime, timedelta

import pytest

from resilience_app.core import i18n
from resilience_app.core.errors import UserError
from resilience_app.services import first_aid, moods
from tests.unit.import_support import problem

NOON = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _all(db, user_id):
    with db() as s:
        return first_aid.uses_between(s, user_id=user_id, start=NOON - timedelta(days=30), end=NOON + timedelta(days=30))


def test_the_exercises_follow_the_seeds():
    space = first_aid.EXERCISES["breathing_space"]
    assert space.total == 180
    assert [(key, start, length) for key, start, length in first_aid.phases(space)] == [
        ("fa.space.phase.notice", 0, 60), ("fa.space.phase.breathe", 60, 60), ("fa.space.phase.widen", 120, 60)]
    breath = first_aid.EXERCISES["breath_478"]
    assert [(s.breath, s.seconds) for s in breath.steps[1:4]] == [("in", 4), ("hold", 7), ("out", 8)]
    assert sum(1 for s in breath.steps if s.breath == "hold") == 4
    assert first_aid.EXERCISES["pause_30s"].total == 30
    assert 90 <= first_aid.EXERCISES["body_relax"].total <= 150
    assert set(first_aid.EXERCISES) == {"breathing_space", "breath_478", "pause_30s", "body_relax"}


def test_the_offer_after_a_check_in_fits_the_feelings_energy():
    assert first_aid.OFFERS == {"high_unpleasant": ("breath_478", "body_relax"),
                                "low_unpleasant": ("breathing_space", "body_relax")}  # none after a pleasant one
    assert all(key in first_aid.EXERCISES for offer in first_aid.OFFERS.values() for key in offer)


def test_every_step_text_is_in_both_catalogs():
    keys = set()
    for exercise in first_aid.EXERCISES.values():
        keys |= {exercise.name_key, exercise.when_key}
        for step in exercise.steps:
            keys |= {k for k in (step.text_key, step.detail_key, step.phase_key) if k}
    for language in i18n.LANGUAGES:
        assert keys <= set(i18n.catalog(language)), keys - set(i18n.catalog(language))


def test_start_then_finish_records_the_time_spent(db, users, frozen_clock):
    lin, _ = users
    with db() as s:
        use = first_aid.start_use(s, user_id=lin, exercise="breathing_space", public_id="a" * 32)
    assert use == first_aid.Use(public_id="a" * 32, exercise="breathing_space", started_at=NOON,
                                seconds=0, completed=False, mood_public_id=None)
    frozen_clock.set_now(NOON + timedelta(seconds=75))
    with db() as s:
        stopped = first_aid.finish_use(s, user_id=lin, public_id="a" * 32, completed=False)
    assert (stopped.seconds, stopped.completed) == (75, False)
    assert _all(db, lin) == [stopped]


def test_finish_caps_the_time_at_the_exercise_length_and_stays_completed(db, users, frozen_clock):
    lin, _ = users
    with db() as s:
        first_aid.start_use(s, user_id=lin, exercise="pause_30s", public_id="b" * 32)
    # Done tapped offline, delivered ten minutes later.
    frozen_clock.set_now(NOON + timedelta(minutes=10))
    with db() as s:
        done = first_aid.finish_use(s, user_id=lin, public_id="b" * 32, completed=True)
        again = first_aid.finish_use(s, user_id=lin, public_id="b" * 32, completed=False)
    assert (done.seconds, done.completed) == (30, True)
    assert again == done
    with db() as s:
        assert first_aid.finish_use(s, user_id=lin, public_id="", completed=True) is None


def test_a_double_tap_starts_one_use(db, users, frozen_clock):
    lin, _ = users
    with db() as s:
        first = first_aid.start_use(s, user_id=lin, exercise="breath_478", public_id="c" * 32)
    frozen_clock.set_now(NOON + timedelta(seconds=1))
    with db() as s:
        second = first_aid.start_use(s, user_id=lin, exercise="breath_478", public_id="c" * 32)
    assert first == second and len(_all(db, lin)) == 1


def test_a_use_links_only_to_the_users_own_check_in(db, users):
    lin, wang = users
    with db() as s:
        mine = moods.log_mood(s, user_id=lin, emotion="wronged").public_id
        theirs = moods.log_mood(s, user_id=wang, emotion="angry").public_id
        linked = first_aid.start_use(s, user_id=lin, exercise="pause_30s", public_id="d" * 32, mood_public_id=mine)
        foreign = first_aid.start_use(s, user_id=lin, exercise="pause_30s", public_id="e" * 32, mood_public_id=theirs)
    assert linked.mood_public_id == mine and foreign.mood_public_id is None


def test_another_user_can_neither_finish_nor_see_a_use(db, users):
    lin, wang = users
    with db() as s:
        first_aid.start_use(s, user_id=lin, exercise="body_relax", public_id="f" * 32)
    with pytest.raises(UserError) as caught, db() as s:
        first_aid.finish_use(s, user_id=wang, public_id="f" * 32, completed=True)
    assert caught.value.key == "error.not_found"
    assert _all(db, wang) == []
    with db() as s:
        assert first_aid.export_uses(s, wang) == []
    assert _all(db, lin)[0].completed is False


def test_an_unknown_exercise_is_refused_and_nothing_is_stored(db, users):
    lin, _ = users
    with pytest.raises(UserError) as caught, db() as s:
        first_aid.start_use(s, user_id=lin, exercise="yoga", public_id="g" * 32)
    assert caught.value.key == "error.first_aid_unknown"
    assert _all(db, lin) == []


def test_uses_between_is_a_half_open_window(db, users):
    lin, _ = users
    with db() as s:
        for hour, public_id in ((9, "h"), (10, "i"), (11, "j")):
            first_aid.start_use(s, user_id=lin, exercise="pause_30s", public_id=public_id * 32,
                                started_at=NOON.replace(hour=hour))
        found = first_aid.uses_between(s, user_id=lin, start=NOON.replace(hour=10), end=NOON.replace(hour=11))
    assert [use.public_id for use in found] == ["i" * 32]


def test_export_and_restore_twice_without_duplicates(db, users, frozen_clock):
    lin, wang = users
    with db() as s:
        mood = moods.log_mood(s, user_id=lin, emotion="wronged").public_id
        first_aid.start_use(s, user_id=lin, exercise="breathing_space", public_id="c" * 32, mood_public_id=mood)
        first_aid.start_use(s, user_id=lin, exercise="pause_30s", public_id="d" * 32)
    frozen_clock.set_now(NOON + timedelta(minutes=4))
    with db() as s:
        first_aid.finish_use(s, user_id=lin, public_id="c" * 32, completed=True)
        exported = first_aid.export_uses(s, lin)
    assert exported[0] == {"id": "c" * 32, "exercise": "breathing_space", "started_at": "2026-11-20T12:00:00+00:00",
                           "seconds": 180, "completed": True, "mood_id": mood}
    for _ in range(2):
        with db() as s:
            first_aid.restore_uses(s, wang, exported)
        with db() as s:
            assert first_aid.export_uses(s, wang) == exported


def test_restore_overwrites_by_id_and_accepts_other_offsets(db, users):
    lin, _ = users
    item = {"id": "e" * 32, "exercise": "body_relax", "started_at": "2026-11-20T22:00:00+08:00",
            "seconds": 40, "completed": False, "mood_id": None}
    with db() as s:
        first_aid.restore_uses(s, lin, [item])
        first_aid.restore_uses(s, lin, [{**item, "seconds": 120, "completed": True}])
    with db() as s:
        (only,) = first_aid.export_uses(s, lin)
    assert only["started_at"] == "2026-11-20T14:00:00+00:00"
    assert (only["seconds"], only["completed"]) == (120, True)


GOOD = {"id": "f" * 32, "exercise": "pause_30s", "started_at": "2026-11-20T12:00:00+00:00",
        "seconds": 30, "completed": True, "mood_id": None}


@pytest.mark.parametrize(
    ("items", "key"),
    [
        ({"not": "a list"}, "error.import_bad_section"),
        (["not a dict"], "error.import_bad_entry"),
        ([{**GOOD, "id": ""}], "error.import_bad_field"),
        ([{**GOOD, "id": "a" * 33}], "error.import_bad_field"),
        ([{**GOOD, "id": "x" * 32}], "error.import_bad_field"),
        ([{**GOOD, "id": "0" * 32}], "error.import_duplicate_id"),
        ([{**GOOD, "exercise": "yoga"}], "error.import_bad_field"),
        ([{**GOOD, "seconds": 31}], "error.import_bad_field"),
        ([{**GOOD, "seconds": -1}], "error.import_bad_field"),
        ([{**GOOD, "seconds": True}], "error.import_bad_field"),
        ([{**GOOD, "completed": "yes"}], "error.import_bad_field"),
        ([{**GOOD, "mood_id": 7}], "error.import_bad_field"),
        ([{**GOOD, "started_at": "2026-11-20T12:00:00"}], "error.import_bad_time"),
        ([{**GOOD, "started_at": "yesterday"}], "error.import_bad_time"),
        ([{**GOOD, "started_at": "1969-12-31T23:59:59+00:00"}], "error.import_time_range"),
    ],
)
def test_a_bad_import_is_refused_and_changes_nothing(db, users, items, key):
    lin, _ = users
    # A good entry first: all or nothing, it must not be written either.
    batch = [{**GOOD, "id": "0" * 32}, *items] if isinstance(items, list) else items
    with pytest.raises(UserError) as caught, db() as s:
        first_aid.restore_uses(s, lin, batch)
    assert problem(caught.value).key == key
    assert "“first_aid”" in i18n.translate("en", caught.value.key, **caught.value.params)
    assert _all(db, lin) == []
