from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from resilience_app.core.errors import UserError
from resilience_app.models import DailyGoal
from resilience_app.services import goals
from resilience_app.services.goals import suggest_controllable
from tests.unit.import_support import hex_id, problem

DAY = date(2026, 11, 20)

# --- controllable or not --------------------------------------------------------------

UNCONTROLLABLE_ZH = [
    "今天要让所有客户满意",
    "让所有客户满意",
    "让客户都满意",
    "每个客户都开心",
    "客户不再骂我",
    "今天没有客户骂我",
    "不被投诉",
    "零投诉",
    "零差评",
    "不要有差评",
    "好评率100%",
    "好评率１００％",
    "满意度达到百分之百",
    "拿到五星好评",
    "让主管表扬我",
    "被领导认可",
    "业绩第一",
    "KPI拿第一",
    "不出任何错",
    "一个错都不能犯",
    "每个问题都完美解决",
    "解决所有售后问题",
    "不让任何客户生气",
    "所有人都喜欢我",
]

UNCONTROLLABLE_EN = [
    "make every customer happy",
    "Make all customers satisfied",
    "no bad reviews",
    "never get a complaint",
    "zero complaints",
    "get 100% satisfaction",
    "nobody yells at me",
    "No one gets angry at me today",
    "be the top agent",
    "never make a mistake",
    "Don’t make a single mistake",
    "get praised by my manager",
    "every customer leaves happy",
    "solve every problem",
    "don't let any customer get angry",
    "keep a perfect 5.0 rating",
    "handle every chat perfectly",
    "impress my boss",
]

CONTROLLABLE_ZH = [
    "每个问题先读完再回复",
    "午休时离开工位走一走",
    "下班前写三件小成就",
    "喝够8杯水",
    "遇到辱骂先深呼吸",
    "每小时活动一下脖子",
    "回复前核对订单号",
    "把常用话术整理好",
    "按时下班",
    "今天不带手机进卧室",
    "先处理完10个售后工单，每个工单都记录客户需求",
    "客户不满意时先道歉再解释",
    "收到差评也不否定自己",
    "处理投诉前先喝口水",
    "被客户骂了先停三秒",
    "向组长请教一个难题",
    "第一次回复前先看订单",
    "没有错过午饭",
    "今天心情不错也记一笔",
    "不强求每个客户都满意",
    "不让一个客户毁掉我的一天",
    "提醒客户收货后给好评",
]

CONTROLLABLE_EN = [
    "read every question fully before replying",
    "drink 8 glasses of water",
    "take my lunch break away from the desk",
    "stretch every two hours",
    "write three wins before leaving",
    "check the order number before replying",
    "leave on time",
    "update my reply templates",
    "breathe before answering angry customers",
    "log off work apps at 7pm",
    "don't let one customer ruin my day",
    "It's okay if not every customer is happy",
    "Ask my team lead about one hard case",
    "Say thank you to a coworker",
    "Handle complaints calmly and take notes",
    "Note the customer's need on each ticket",
]


@pytest.mark.parametrize("text", UNCONTROLLABLE_ZH)
def test_chinese_outcomes_get_a_chinese_step_whatever_the_ui_language(text):
    for language in ("zh-CN", "en"):
        suggestion = suggest_controllable(text, language)
        assert suggestion and any("\u4e00" <= ch <= "\u9fff" for ch in suggestion), (text, language)


@pytest.mark.parametrize("text", UNCONTROLLABLE_EN)
def test_english_outcomes_get_an_english_step_whatever_the_ui_language(text):
    for language in ("zh-CN", "en"):
        suggestion = suggest_controllable(text, language)
        assert suggestion and not any("\u4e00" <= ch <= "\u9fff" for ch in suggestion), (text, language)


@pytest.mark.parametrize("text", CONTROLLABLE_ZH + CONTROLLABLE_EN)
def test_steps_within_ones_control_pass_untouched(text):
    assert suggest_controllable(text, "zh-CN") is None
    assert suggest_controllable(text, "en") is None


def test_the_seed_example_and_the_breath_rewrite():
    assert suggest_controllable("今天要让所有客户满意", "zh-CN") == "每个问题先完整读完再回复"
    assert suggest_controllable("make every customer happy", "en") == "Read each question fully before replying"
    assert suggest_controllable("客户不再骂我", "zh-CN") == "遇到辱骂先做3秒呼吸，再按话术回复"
    assert suggest_controllable("nobody yells at me", "en") == (
        "Take a 3-second breath before replying to an angry message")


def test_mixed_text_answers_in_the_ui_language_first():
    text = "KPI第一 and be the top agent"
    assert suggest_controllable(text, "en") == "Make one reply template I use often a little clearer"
    assert suggest_controllable(text, "zh-CN") == "今天把一条常用话术改得更清楚"
    assert suggest_controllable("", "zh-CN") is None and suggest_controllable("   ", "en") is None


def test_every_rule_points_to_a_suggestion_in_both_catalogs():
    from resilience_app.core import i18n

    keys = {key for _, key in (*goals.RULES_ZH, *goals.RULES_EN)}
    for language in i18n.LANGUAGES:
        assert keys <= set(i18n.catalog(language))


# --- goals -----------------------------------------------------------------------------


def _count(db) -> int:
    with db() as s:
        return s.scalar(select(func.count()).select_from(DailyGoal))


def test_add_lists_and_is_idempotent_by_id(db, users):
    lin, _ = users
    with db() as s:
        first = goals.add_goal(s, user_id=lin, text="  每个问题先读完再回复 ", reward="一杯奶茶", day=DAY, public_id="g1")
        again = goals.add_goal(s, user_id=lin, text="别的", day=DAY, public_id="g1")
        goals.add_goal(s, user_id=lin, text="让所有客户满意", day=DAY)  # stored: the user decides
        goals.add_goal(s, user_id=lin, text="明天的", day=DAY + timedelta(days=1))
    assert first == again == goals.Goal(public_id="g1", text="每个问题先读完再回复", reward="一杯奶茶", status="open",
                                        day=date(2026, 11, 20), carried_from=None)
    with db() as s:
        listed = goals.goals_for_day(s, user_id=lin, day=DAY)
    assert [g.text for g in listed] == ["每个问题先读完再回复", "让所有客户满意"]


@pytest.mark.parametrize(("text", "reward", "key", "params"), [
    ("", "", "error.goal_empty", {}),
    ("   ", "", "error.goal_empty", {}),
    ("字" * 81, "", "error.goal_too_long", {"max": 80}),
    ("喝水", "奶" * 41, "error.goal_reward_too_long", {"max": 40}),
])
def test_bad_goals_are_refused_with_catalog_keys(db, users, text, reward, key, params):
    lin, _ = users
    with db() as s, pytest.raises(UserError) as caught:
        goals.add_goal(s, user_id=lin, text=text, reward=reward, day=DAY)
    assert caught.value.key == key and caught.value.params == params
    assert _count(db) == 0


def test_limits_are_inclusive_and_ten_a_day(db, users):
    lin, _ = users
    with db() as s:
        goals.add_goal(s, user_id=lin, text="字" * 80, reward="奶" * 40, day=DAY)
        for n in range(9):
            goals.add_goal(s, user_id=lin, text=f"小目标{n}", day=DAY)
    with db() as s, pytest.raises(UserError) as caught:
        goals.add_goal(s, user_id=lin, text="第十一个", day=DAY)
    assert caught.value.key == "error.goal_too_many" and caught.value.params == {"max": 10}
    with db() as s:
        first = goals.goals_for_day(s, user_id=lin, day=DAY)[1]
        goals.drop_goal(s, user_id=lin, public_id=first.public_id)
        goals.add_goal(s, user_id=lin, text="放下一个以后还能加", day=DAY)
        goals.add_goal(s, user_id=lin, text="别的日子不受影响", day=DAY + timedelta(days=1))


def test_done_and_back_records_when(db, users, frozen_clock):
    lin, _ = users
    with db() as s:
        goal = goals.add_goal(s, user_id=lin, text="喝够8杯水", day=DAY)
    frozen_clock.set_now(datetime(2026, 11, 20, 13, 30, tzinfo=UTC))
    with db() as s:
        assert goals.set_done(s, user_id=lin, public_id=goal.public_id, done=True).status == "done"
        assert goals.set_done(s, user_id=lin, public_id=goal.public_id, done=True).status == "done"
        assert s.scalar(select(DailyGoal.done_at)) == datetime(2026, 11, 20, 13, 30, tzinfo=UTC)
        assert goals.set_done(s, user_id=lin, public_id=goal.public_id, done=False).status == "open"
        assert s.scalar(select(DailyGoal.done_at)) is None
        goals.drop_goal(s, user_id=lin, public_id=goal.public_id)
        assert goals.drop_goal(s, user_id=lin, public_id=goal.public_id).status == "dropped"
        with pytest.raises(UserError) as caught:
            goals.set_done(s, user_id=lin, public_id=goal.public_id, done=True)
    assert caught.value.key == "error.goal_closed"


def test_carry_over_moves_an_open_goal_once(db, users):
    lin, _ = users
    yesterday, today = DAY - timedelta(days=1), DAY
    with db() as s:
        old = goals.add_goal(s, user_id=lin, text="整理话术", reward="看5分钟短视频", day=yesterday)
        older = goals.add_goal(s, user_id=lin, text="更早的", day=yesterday - timedelta(days=3))
        done = goals.add_goal(s, user_id=lin, text="做完的", day=yesterday)
        goals.set_done(s, user_id=lin, public_id=done.public_id, done=True)
        unfinished = goals.unfinished_before(s, user_id=lin, day=today)
        assert [g.public_id for g in unfinished] == [old.public_id, older.public_id]
    with db() as s:
        moved = goals.carry_over(s, user_id=lin, public_id=old.public_id, to_day=today)
        again = goals.carry_over(s, user_id=lin, public_id=old.public_id, to_day=today)
    assert moved == again
    assert moved.day == date(2026, 11, 20) and moved.status == "open" and moved.carried_from == old.public_id
    assert moved.text == "整理话术" and moved.reward == "看5分钟短视频"
    with db() as s:
        assert goals.get_goal(s, user_id=lin, public_id=old.public_id).status == "carried"
        assert [g.public_id for g in goals.unfinished_before(s, user_id=lin, day=today)] == [older.public_id]
        assert [g.public_id for g in goals.goals_for_day(s, user_id=lin, day=today)] == [moved.public_id]
        for public_id, key in ((done.public_id, "error.goal_closed"), (moved.public_id, "error.goal_carry_day")):
            with pytest.raises(UserError) as caught:
                goals.carry_over(s, user_id=lin, public_id=public_id, to_day=today)
            assert caught.value.key == key


def test_unfinished_shows_at_most_ten_newest_first(db, users):
    lin, _ = users
    with db() as s:
        for n in range(12):
            goals.add_goal(s, user_id=lin, text=f"第{n}天", day=DAY - timedelta(days=12 - n))
        listed = goals.unfinished_before(s, user_id=lin, day=DAY)
    assert len(listed) == 10 and listed[0].text == "第11天" and listed[-1].text == "第2天"


def test_another_users_goal_is_not_found_whatever_one_tries(db, users):
    lin, wang = users
    with db() as s:
        goal = goals.add_goal(s, user_id=lin, text="按时下班", day=DAY - timedelta(days=1))
    attempts = [
        lambda s: goals.get_goal(s, user_id=wang, public_id=goal.public_id),
        lambda s: goals.set_done(s, user_id=wang, public_id=goal.public_id, done=True),
        lambda s: goals.drop_goal(s, user_id=wang, public_id=goal.public_id),
        lambda s: goals.carry_over(s, user_id=wang, public_id=goal.public_id, to_day=DAY),
        lambda s: goals.delete_goal(s, user_id=wang, public_id=goal.public_id),
        lambda s: goals.set_done(s, user_id=wang, public_id="", done=True),
    ]
    for attempt in attempts:
        with db() as s, pytest.raises(UserError) as caught:
            attempt(s)
        assert caught.value.key == "error.not_found"
    with db() as s:
        assert goals.goals_for_day(s, user_id=wang, day=goal.day) == []
        assert goals.unfinished_before(s, user_id=wang, day=DAY) == []
        assert goals.export_goals(s, wang) == []
        # The same public id from wang makes wang's own goal and leaves lin's alone.
        mine = goals.add_goal(s, user_id=wang, text="我的", day=DAY, public_id=goal.public_id)
        assert mine.text == "我的"
        assert goals.get_goal(s, user_id=lin, public_id=goal.public_id) == goal


def test_delete_removes_ones_own_goal(db, users):
    lin, _ = users
    with db() as s:
        goal = goals.add_goal(s, user_id=lin, text="喝水", day=DAY)
        goals.delete_goal(s, user_id=lin, public_id=goal.public_id)
    assert _count(db) == 0


# --- export / import -------------------------------------------------------------------


def test_export_then_restore_twice_changes_nothing(db, users, frozen_clock):
    lin, wang = users
    with db() as s:
        old = goals.add_goal(s, user_id=lin, text="整理话术", reward="一杯奶茶", day=DAY - timedelta(days=1))
        done = goals.add_goal(s, user_id=lin, text="喝够8杯水", day=DAY)
        goals.set_done(s, user_id=lin, public_id=done.public_id, done=True)
        goals.carry_over(s, user_id=lin, public_id=old.public_id, to_day=DAY)
        exported = goals.export_goals(s, lin)
    assert [g["status"] for g in exported] == ["carried", "done", "open"]
    assert exported[1]["done_at"] == "2026-11-20T20:00:00+08:00"  # lin's zone, Asia/Shanghai by default
    assert exported[0]["done_at"] is None and exported[2]["carried_from"] == old.public_id
    assert set(exported[0]) == {"id", "day", "text", "reward", "status", "done_at", "carried_from"}
    for _ in range(2):
        with db() as s:
            goals.restore_goals(s, wang, exported)
    with db() as s:
        assert goals.export_goals(s, wang) == exported
        goals.restore_goals(s, lin, exported)
        assert goals.export_goals(s, lin) == exported
    assert _count(db) == 6


@pytest.mark.parametrize(("items", "field"), [
    ({"id": "x"}, None),
    (["not a goal"], None),
    ([{"day": "2026-11-20", "text": "喝水"}], "id"),
    ([{"id": "", "day": "2026-11-20", "text": "喝水"}], "id"),
    ([{"id": "a" * 33, "day": "2026-11-20", "text": "喝水"}], "id"),
    ([{"id": hex_id("a"), "day": "yesterday", "text": "喝水"}], "day"),
    ([{"id": hex_id("a"), "day": "1969-12-31", "text": "喝水"}], "day"),
    ([{"id": hex_id("a"), "day": "2026-11-20", "text": "喝水", "status": "maybe"}], "status"),
    ([{"id": hex_id("a"), "day": "2026-11-20", "text": 3}], "text"),
    ([{"id": hex_id("a"), "day": "2026-11-20", "text": "喝水", "carried_from": 7}], "carried_from"),
    ([{"id": hex_id("a"), "day": "2026-11-20", "text": "喝水", "carried_from": "ok"}], "carried_from"),
])
def test_malformed_imports_are_refused_and_nothing_is_written(db, users, items, field):
    lin, _ = users
    good = {"id": hex_id("ok"), "day": "2026-11-20", "text": "喝水", "reward": "", "status": "open",
            "done_at": None, "carried_from": None}
    with db() as s, pytest.raises(UserError) as caught:
        goals.restore_goals(s, lin, [good, *items] if isinstance(items, list) else items)
    assert caught.value.key.startswith("error.import_")
    assert caught.value.params.get("field") == field
    assert _count(db) == 0


def test_imported_text_and_times_are_checked(db, users):
    lin, _ = users
    base = {"id": hex_id("a"), "day": "2026-11-20", "text": "喝水", "status": "done"}
    for item, key in (({**base, "text": "  "}, "error.goal_empty"),
                      ({**base, "done_at": "2026-11-20 20:00"}, "error.import_bad_time")):
        with db() as s, pytest.raises(UserError) as caught:
            goals.restore_goals(s, lin, [item])
        assert problem(caught.value).key == key
    with db() as s:
        goals.restore_goals(s, lin, [{**base, "done_at": "2026-11-20T20:00:00+08:00"}])
        assert s.scalar(select(DailyGoal.done_at)) == datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

