from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from resilience_app.core import clock, localtime
from resilience_app.core.errors import UserError
from resilience_app.models import Interest, RechargeBlock
from resilience_app.services import accounts, plan
from tests.unit.import_support import hex_id

# The frozen clock: Friday 2026-11-20, 20:00 in Asia/Shanghai, ISO week 2026-W47 (16-22 Nov).
FRIDAY = date(2026, 11, 20)
SATURDAY = date(2026, 11, 21)


def _key(call) -> str:
    with pytest.raises(UserError) as caught:
        call()
    return caught.value.key


def _count(db, model) -> int:
    with db() as s:
        return s.scalar(select(func.count()).select_from(model))


# --- weeks ------------------------------------------------------------------------------


def test_iso_weeks_read_write_and_shift_across_the_new_year():
    assert localtime.week_of(FRIDAY) == "2026-W47"
    assert localtime.week_monday("2026-W47") == date(2026, 11, 16)
    assert localtime.shift_week("2026-W53", 1) == "2027-W01"
    assert localtime.shift_week("2026-W01", -1) == "2025-W52"


@pytest.mark.parametrize("week", ["", "2026-47", "2026-W54", "2025-W53", "W47", "2026-W4", None, "2026-W00"])
def test_a_week_that_cannot_be_read_is_a_catalog_error(week):
    assert _key(lambda: localtime.week_monday(week)) == "error.week_format"


def test_current_week_follows_the_users_zone_and_day_start(db, users):
    lin, _ = users
    clock.set_now(datetime(2026, 11, 22, 17, 0, tzinfo=UTC))  # Mon 01:00 in Shanghai, before the 04:00 day start
    with db() as s:
        assert plan.current_week(s, user_id=lin) == "2026-W47"
    clock.set_now(datetime(2026, 11, 22, 21, 0, tzinfo=UTC))  # Mon 05:00
    with db() as s:
        assert plan.current_week(s, user_id=lin) == "2026-W48"


# --- interests --------------------------------------------------------------------------


def test_interests_are_kept_once_each_in_the_order_added(db, users):
    lin, _ = users
    with db() as s:
        first = plan.add_interest(s, user_id=lin, name=" 画画 ")
        plan.add_interest(s, user_id=lin, name="做饭")
        plan.add_interest(s, user_id=lin, name="画画")  # already there
        plan.add_interest(s, user_id=lin, name="Hiking")
        plan.add_interest(s, user_id=lin, name="hiking")  # same, whatever the case
        again = plan.add_interest(s, user_id=lin, name="爬山", public_id=first.public_id)  # a double tap
        assert again == first
        assert [i.name for i in plan.list_interests(s, user_id=lin)] == ["画画", "做饭", "Hiking"]


def test_suggestions_come_in_the_users_language():
    assert plan.suggestions("zh-CN")[:5] == ["画画", "做饭", "爬山", "拼乐高", "看脱口秀"]
    assert "Stand-up comedy" in plan.suggestions("en")


@pytest.mark.parametrize("name, key", [
    ("", "error.plan_interest_empty"),
    ("   ", "error.plan_interest_empty"),
    ("很" * 21, "error.plan_interest_too_long"),
])
def test_bad_interests_are_refused_clearly(db, users, name, key):
    lin, _ = users
    with db() as s:
        assert _key(lambda: plan.add_interest(s, user_id=lin, name=name)) == key


def test_the_interest_list_has_a_limit(db, users):
    lin, _ = users
    with db() as s:
        for n in range(plan.INTERESTS_MAX):
            plan.add_interest(s, user_id=lin, name=f"hobby {n}")
        assert _key(lambda: plan.add_interest(s, user_id=lin, name="one more")) == "error.plan_interests_too_many"


def test_only_the_owner_sees_or_removes_an_interest(db, users):
    lin, wang = users
    with db() as s:
        drawing = plan.add_interest(s, user_id=lin, name="画画")
        assert plan.list_interests(s, user_id=wang) == []
        assert _key(lambda: plan.remove_interest(s, user_id=wang, public_id=drawing.public_id)) == "error.not_found"
        plan.remove_interest(s, user_id=lin, public_id=drawing.public_id)
    assert _count(db, Interest) == 0


# --- planning blocks ----------------------------------------------------------------------


def test_a_block_is_planned_in_the_users_zone_with_the_default_length(db, users):
    lin, _ = users
    with db() as s:
        block = plan.add_block(s, user_id=lin, day="2026-11-21", start="14:00", interest="爬山", minutes="")
        stored = s.scalar(select(RechargeBlock))
        assert stored.starts_at == datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
        assert [b.public_id for b in plan.week_blocks(s, user_id=lin, week="2026-W47")] == [block.public_id]
        assert plan.week_blocks(s, user_id=lin, week="2026-W48") == []
    assert (block.day, block.starts_at.time(), block.ends_at.time(), block.minutes) == (
        SATURDAY, time(14, 0), time(16, 0), 120)
    assert block.starts_at == datetime(2026, 11, 21, 6, 0, tzinfo=UTC)  # the same instant, in the user's zone
    assert (block.status, block.timing, block.interest) == ("planned", "upcoming", "爬山")
    assert [item.label for item in block.checklist] == ["千牛", "企业微信", "工作群", "工作消息提醒"]
    assert not any(item.off for item in block.checklist)


def test_the_same_public_id_twice_plans_one_block(db, users):
    lin, _ = users
    with db() as s:
        first = plan.add_block(s, user_id=lin, day=SATURDAY, start="10:00", interest="做饭", public_id="tap")
        second = plan.add_block(s, user_id=lin, day=SATURDAY, start="10:00", interest="做饭", public_id="tap")
    assert first.public_id == second.public_id == "tap"
    assert _count(db, RechargeBlock) == 1


@pytest.mark.parametrize("start, minutes", [("15:00", 60), ("13:00", 90), ("14:30", 30), ("13:00", 240)])
def test_overlapping_blocks_are_refused_with_the_other_block_named(db, users, start, minutes):
    lin, _ = users
    with db() as s:
        plan.add_block(s, user_id=lin, day=SATURDAY, start="14:00", minutes=120, interest="拼乐高")
        with pytest.raises(UserError) as caught:
            plan.add_block(s, user_id=lin, day=SATURDAY, start=start, minutes=minutes, interest="画画")
    assert caught.value.key == "error.plan_overlap"
    assert caught.value.params == {"interest": "拼乐高", "start": "14:00", "end": "16:00"}
    assert _count(db, RechargeBlock) == 1


def test_back_to_back_blocks_and_other_peoples_blocks_do_not_overlap(db, users):
    lin, wang = users
    with db() as s:
        plan.add_block(s, user_id=lin, day=SATURDAY, start="14:00", interest="拼乐高")
        plan.add_block(s, user_id=lin, day=SATURDAY, start="16:00", interest="做饭")
        plan.add_block(s, user_id=lin, day=SATURDAY, start="12:00", interest="画画")
        plan.add_block(s, user_id=wang, day=SATURDAY, start="14:00", interest="爬山")
    assert _count(db, RechargeBlock) == 4


def test_a_block_running_past_midnight_still_blocks_the_next_morning(db, users):
    lin, _ = users
    with db() as s:
        plan.add_block(s, user_id=lin, day=SATURDAY, start="23:00", minutes=180, interest="看脱口秀")
        assert _key(lambda: plan.add_block(s, user_id=lin, day="2026-11-22", start="01:00",
                                           interest="画画")) == "error.plan_overlap"


def test_past_weeks_get_no_new_blocks_but_an_earlier_day_of_this_week_may(db, users):
    lin, _ = users
    with db() as s:
        assert _key(lambda: plan.add_block(s, user_id=lin, day="2026-11-15", start="10:00",
                                           interest="画画")) == "error.plan_past_week"
        monday = plan.add_block(s, user_id=lin, day="2026-11-16", start="19:00", interest="画画")
        plan.add_block(s, user_id=lin, day="2026-11-30", start="19:00", interest="画画")  # next week
    assert monday.timing == "past"
    assert _count(db, RechargeBlock) == 2


@pytest.mark.parametrize("fields, key", [
    ({"day": "tomorrow"}, "error.plan_bad_day"),
    ({"day": ""}, "error.plan_bad_day"),
    ({"day": "2026-02-30"}, "error.plan_bad_day"),
    ({"start": "25:00"}, "error.plan_bad_time"),
    ({"start": "7pm"}, "error.plan_bad_time"),
    ({"start": ""}, "error.plan_bad_time"),
    ({"minutes": "0"}, "error.plan_bad_length"),
    ({"minutes": "-60"}, "error.plan_bad_length"),
    ({"minutes": "abc"}, "error.plan_bad_length"),
    ({"minutes": 9 * 60}, "error.plan_bad_length"),
    ({"interest": ""}, "error.plan_interest_empty"),
    ({"interest": "x" * 41}, "error.plan_interest_too_long"),
])
def test_bad_block_input_is_answered_with_a_catalog_message(db, users, fields, key):
    lin, _ = users
    block = {"day": "2026-11-21", "start": "14:00", "minutes": 120, "interest": "画画", **fields}
    with db() as s:
        assert _key(lambda: plan.add_block(s, user_id=lin, **block)) == key
    assert _count(db, RechargeBlock) == 0


def test_a_time_the_clocks_skip_is_refused_for_a_user_in_new_york(db, users):
    lin, _ = users
    clock.set_now(datetime(2027, 3, 10, 12, 0, tzinfo=UTC))
    with db() as s:
        accounts.update_settings(s, user_id=lin, time_zone="America/New_York")
        # 2027-03-14 02:30 does not exist in New York: the clocks jump from 02:00 to 03:00.
        assert _key(lambda: plan.add_block(s, user_id=lin, day="2027-03-14", start="02:30",
                                           interest="画画")) == "error.plan_time_skipped"
        block = plan.add_block(s, user_id=lin, day="2027-03-14", start="10:00", interest="画画")
        assert s.scalar(select(RechargeBlock.starts_at)) == datetime(2027, 3, 14, 14, 0, tzinfo=UTC)
    assert block.starts_at.time() == time(10, 0)


def test_a_week_holds_a_limited_number_of_blocks(db, users):
    lin, _ = users
    with db() as s:
        for n in range(plan.BLOCKS_PER_WEEK):
            plan.add_block(s, user_id=lin, day=date(2026, 11, 23 + n // 2), start=f"{8 + 3 * (n % 2):02d}:00",
                           interest="画画")
        assert _key(lambda: plan.add_block(s, user_id=lin, day="2026-11-29", start="20:00",
                                           interest="画画")) == "error.plan_too_many"


# --- the switch-off checklist ---------------------------------------------------------------


def test_the_checklist_speaks_the_users_language_and_is_editable_per_block(db, users):
    lin, _ = users
    with db() as s:
        accounts.update_settings(s, user_id=lin, language="en")
        block = plan.add_block(s, user_id=lin, day=SATURDAY, start="10:00", interest="Drawing")
        other = plan.add_block(s, user_id=lin, day=SATURDAY, start="14:00", interest="Cooking")
        assert [i.label for i in block.checklist] == ["Qianniu", "WeCom", "Work group chats", "Work notifications"]
        block = plan.toggle_switch_off(s, user_id=lin, public_id=block.public_id, index=0)
        block = plan.add_switch_off(s, user_id=lin, public_id=block.public_id, label=" JD  Dongdong ")
        block = plan.add_switch_off(s, user_id=lin, public_id=block.public_id, label="jd dongdong")  # kept once
        assert [(i.label, i.off) for i in block.checklist] == [
            ("Qianniu", True), ("WeCom", False), ("Work group chats", False), ("Work notifications", False),
            ("JD Dongdong", False)]
        block = plan.toggle_switch_off(s, user_id=lin, public_id=block.public_id, index=0)
        assert block.checklist[0].off is False
        assert len(plan.get_block(s, user_id=lin, public_id=other.public_id).checklist) == 4
        assert _key(lambda: plan.toggle_switch_off(s, user_id=lin, public_id=block.public_id, index=9)) == "error.not_found"
        assert _key(lambda: plan.add_switch_off(s, user_id=lin, public_id=block.public_id, label=" ")) \
            == "error.plan_item_empty"
        assert _key(lambda: plan.add_switch_off(s, user_id=lin, public_id=block.public_id, label="x" * 31)) \
            == "error.plan_item_too_long"


# --- after a block --------------------------------------------------------------------------


def test_after_a_block_it_is_done_with_a_rating_and_a_note_or_skipped(db, users):
    lin, _ = users
    with db() as s:
        block = plan.add_block(s, user_id=lin, day=SATURDAY, start="10:00", interest="爬山")
        assert _key(lambda: plan.finish_block(s, user_id=lin, public_id=block.public_id, outcome="done",
                                              recharged=4)) == "error.plan_not_started"
    clock.set_now(datetime(2026, 11, 21, 5, 0, tzinfo=UTC))  # Saturday 13:00, after the block
    with db() as s:
        done = plan.finish_block(s, user_id=lin, public_id=block.public_id, outcome="done", recharged="4",
                                 note=" 山顶的风很舒服 ")
        assert (done.status, done.recharged, done.note, done.timing) == ("done", 4, "山顶的风很舒服", "past")
        skipped = plan.finish_block(s, user_id=lin, public_id=block.public_id, outcome="skipped", recharged=3)
        assert (skipped.status, skipped.recharged, skipped.note) == ("skipped", None, "")


@pytest.mark.parametrize("fields, key", [
    ({"outcome": "maybe", "recharged": 3}, "error.plan_bad_outcome"),
    ({"outcome": "done"}, "error.plan_bad_rating"),
    ({"outcome": "done", "recharged": 6}, "error.plan_bad_rating"),
    ({"outcome": "done", "recharged": "high"}, "error.plan_bad_rating"),
    ({"outcome": "done", "recharged": 3, "note": "字" * 301}, "error.plan_note_too_long"),
])
def test_bad_outcomes_are_answered_with_a_catalog_message(db, users, fields, key):
    lin, _ = users
    with db() as s:
        block = plan.add_block(s, user_id=lin, day="2026-11-16", start="19:00", interest="做饭")
        assert _key(lambda: plan.finish_block(s, user_id=lin, public_id=block.public_id, **fields)) == key
        assert plan.get_block(s, user_id=lin, public_id=block.public_id).status == "planned"


def test_someone_elses_block_answers_like_one_that_does_not_exist(db, users):
    lin, wang = users
    with db() as s:
        block = plan.add_block(s, user_id=lin, day="2026-11-16", start="19:00", interest="做饭")
        assert plan.week_blocks(s, user_id=wang, week="2026-W47") == []
        for call in (
            lambda: plan.get_block(s, user_id=wang, public_id=block.public_id),
            lambda: plan.finish_block(s, user_id=wang, public_id=block.public_id, outcome="done", recharged=5),
            lambda: plan.toggle_switch_off(s, user_id=wang, public_id=block.public_id, index=0),
            lambda: plan.add_switch_off(s, user_id=wang, public_id=block.public_id, label="钉钉"),
            lambda: plan.delete_block(s, user_id=wang, public_id=block.public_id),
            lambda: plan.get_block(s, user_id=lin, public_id=""),
        ):
            assert _key(call) == "error.not_found"
        # Wang's double-tap id equal to Lin's block id plans Wang's own block.
        plan.add_block(s, user_id=wang, day=SATURDAY, start="10:00", interest="画画", public_id=block.public_id)
        assert plan.get_block(s, user_id=lin, public_id=block.public_id).status == "planned"
        plan.delete_block(s, user_id=lin, public_id=block.public_id)
    assert _count(db, RechargeBlock) == 1


# --- Today: during a block, the mid-week nudge, adherence ------------------------------------


def test_the_current_block_is_the_one_running_now(db, users):
    lin, _ = users
    with db() as s:
        block = plan.add_block(s, user_id=lin, day=SATURDAY, start="10:00", minutes=150, interest="拼乐高")
        assert plan.current_block(s, user_id=lin) is None
    for instant, running in [
        (datetime(2026, 11, 21, 1, 59, tzinfo=UTC), False),  # 09:59 local
        (datetime(2026, 11, 21, 2, 0, tzinfo=UTC), True),
        (datetime(2026, 11, 21, 4, 29, tzinfo=UTC), True),
        (datetime(2026, 11, 21, 4, 30, tzinfo=UTC), False),  # 12:30, the block is over
    ]:
        clock.set_now(instant)
        with db() as s:
            current = plan.current_block(s, user_id=lin)
            assert (current is not None) is running, instant
            if running:
                assert (current.public_id, current.ends_at.time(), current.timing) == (block.public_id, time(12, 30),
                                                                                       "now")
    clock.set_now(datetime(2026, 11, 21, 3, 0, tzinfo=UTC))
    with db() as s:
        plan.finish_block(s, user_id=lin, public_id=block.public_id, outcome="skipped")
        assert plan.current_block(s, user_id=lin) is None  # a skipped block leaves Today as it is


def test_the_nudge_comes_from_wednesday_in_the_users_zone_when_nothing_is_planned(db, users):
    lin, _ = users
    with db() as s:
        accounts.update_settings(s, user_id=lin, time_zone="America/New_York", day_start_hour=0)
    # Wednesday 2026-11-18 02:00 UTC is still Tuesday evening in New York.
    clock.set_now(datetime(2026, 11, 18, 2, 0, tzinfo=UTC))
    with db() as s:
        assert plan.needs_nudge(s, user_id=lin) is False
    clock.set_now(datetime(2026, 11, 18, 14, 0, tzinfo=UTC))
    with db() as s:
        assert plan.needs_nudge(s, user_id=lin) is True
        plan.add_block(s, user_id=lin, day="2026-11-22", start="10:00", interest="Hiking")
        assert plan.needs_nudge(s, user_id=lin) is False


def test_adherence_counts_recent_whole_weeks_with_a_block_done(db, users):
    lin, _ = users
    with db() as s:
        assert plan.adherence(s, user_id=lin) == plan.Adherence(weeks=0, done=0)  # a new account is not judged
    # Four weeks on (2026-12-18, W51): W47 done, W48 skipped, W49 done, W50 nothing.
    for day, outcome in [(FRIDAY, "done"), (date(2026, 11, 27), "skipped"), (date(2026, 12, 4), "done")]:
        clock.set_now(datetime.combine(day, datetime.min.time(), tzinfo=UTC))
        with db() as s:
            block = plan.add_block(s, user_id=lin, day=day, start="19:00", interest="做饭")
        clock.set_now(datetime(day.year, day.month, day.day, 23, 0, tzinfo=UTC))
        with db() as s:
            plan.finish_block(s, user_id=lin, public_id=block.public_id, outcome=outcome, recharged=4)
    clock.set_now(datetime(2026, 12, 18, 12, 0, tzinfo=UTC))
    with db() as s:
        assert plan.adherence(s, user_id=lin) == plan.Adherence(weeks=4, done=2)
    clock.set_now(datetime(2026, 12, 1, 12, 0, tzinfo=UTC))  # W49: only W47 and W48 since joining
    with db() as s:
        assert plan.adherence(s, user_id=lin) == plan.Adherence(weeks=2, done=1)


# --- export / import ------------------------------------------------------------------------


def test_export_then_restore_twice_changes_nothing(db, users):
    lin, wang = users
    with db() as s:
        plan.add_interest(s, user_id=lin, name="画画")
        plan.add_interest(s, user_id=lin, name="看脱口秀")
        done = plan.add_block(s, user_id=lin, day="2026-11-16", start="19:00", interest="画画")
        plan.add_switch_off(s, user_id=lin, public_id=done.public_id, label="钉钉, 飞书; \\备用")
        plan.toggle_switch_off(s, user_id=lin, public_id=done.public_id, index=1)
        plan.finish_block(s, user_id=lin, public_id=done.public_id, outcome="done", recharged=5, note="画完一张")
        plan.add_block(s, user_id=lin, day=SATURDAY, start="14:00", minutes=90, interest="看脱口秀")
        interests, blocks = plan.export_interests(s, lin), plan.export_recharge_blocks(s, lin)
    assert [i["name"] for i in interests] == ["画画", "看脱口秀"] and set(interests[0]) == {"id", "name"}
    assert blocks[0]["starts_at"] == "2026-11-16T19:00:00+08:00"
    assert (blocks[0]["status"], blocks[0]["recharged"], blocks[0]["note"]) == ("done", 5, "画完一张")
    assert blocks[0]["checklist"][1] == {"label": "企业微信", "off": True}
    assert set(blocks[1]) == {"id", "starts_at", "minutes", "interest", "checklist", "status", "recharged", "note"}
    for _ in range(2):
        with db() as s:
            plan.restore_interests(s, wang, interests)
            plan.restore_recharge_blocks(s, wang, blocks)
    with db() as s:
        assert plan.export_interests(s, wang) == interests
        assert plan.export_recharge_blocks(s, wang) == blocks
        plan.restore_interests(s, lin, interests)
        plan.restore_recharge_blocks(s, lin, blocks)
        assert plan.export_recharge_blocks(s, lin) == blocks
    assert _count(db, Interest) == 4 and _count(db, RechargeBlock) == 4


@pytest.mark.parametrize("items", [
    {"id": "x"},
    ["not an interest"],
    [{"name": "画画"}],
    [{"id": "a" * 33, "name": "画画"}],
    [{"id": hex_id("a"), "name": 5}],
    [{"id": hex_id("a"), "name": ""}],
    [{"id": hex_id("ok"), "name": "画画"}],
])
def test_a_malformed_interests_section_changes_nothing(db, users, items):
    lin, _ = users
    with db() as s:
        with pytest.raises(UserError) as caught:
            plan.restore_interests(s, lin, [{"id": hex_id("ok"), "name": "做饭"}, *items] if isinstance(items, list)
                                   else items)
    assert caught.value.key.startswith("error.import_")
    assert _count(db, Interest) == 0


GOOD_BLOCK = {"id": hex_id("b1"), "starts_at": "2026-11-16T19:00:00+08:00", "minutes": 120, "interest": "画画",
              "checklist": [{"label": "千牛", "off": True}], "status": "done", "recharged": 4, "note": ""}


@pytest.mark.parametrize("change", [
    {"id": ""},
    {"status": "maybe"},
    {"minutes": "120"},
    {"minutes": 5},
    {"starts_at": "2026-11-16T19:00:00"},
    {"starts_at": "someday"},
    {"interest": None},
    {"checklist": "千牛"},
    {"checklist": [{"off": True}]},
    {"recharged": 9},
    {"note": 5},
    {"recharged": True},
    {"starts_at": "2101-01-01T00:00:00+00:00"},
])
def test_a_malformed_block_changes_nothing(db, users, change):
    lin, _ = users
    with db() as s:
        with pytest.raises(UserError) as caught:
            plan.restore_recharge_blocks(s, lin, [{**GOOD_BLOCK, "id": hex_id("fine")}, {**GOOD_BLOCK, **change}])
    assert caught.value.key.startswith("error.import_")
    assert _count(db, RechargeBlock) == 0
    with db() as s:
        assert _key(lambda: plan.restore_recharge_blocks(s, lin, {"b1": GOOD_BLOCK})) == "error.import_bad_section"


def test_digits_that_are_not_decimal_are_refused_kindly_not_crashed_on(db, users):
    lin, _ = users
    with db() as s:
        for odd in ("²", "½", "⑥"):  # full-width digits (６０) are real numbers and accepted
            with pytest.raises(UserError) as caught:
                plan.add_block(s, user_id=lin, day=SATURDAY, start="10:00", interest="做饭", minutes=odd)
            assert caught.value.key == "error.plan_bad_length"
