"""The weekly reflection, month calendar and trend, from real entries in a real database."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from resilience_app.core.errors import UserError
from resilience_app.services import emotion_box, first_aid, goals, journal, keywords, moods, plan, reflection
from resilience_app.services.summaries import Cause, HardestDay

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    """A Shanghai wall-clock time in 2026."""
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def mood(s, user, when, emotion, cause="", tags=(), intensity=None):
    moods.log_mood(s, user_id=user, emotion=emotion, felt_at=when, cause=cause, cause_tags=list(tags),
                   intensity=intensity)


@pytest.fixture
def week47(db, users, frozen_clock):
    """Lin's week of 16-22 November 2026 (ISO 2026-W47), and a little of the week before."""
    lin, wang = users
    with db() as s:
        # Week 46: one pleasant check-in in four.
        for day, emotion in ((10, "anxious"), (11, "exhausted"), (12, "stressed"), (13, "calm")):
            mood(s, lin, at(day, 19), emotion)
        # Monday 16th, and 01:30 "on Tuesday", which the 04:00 day start keeps on Monday.
        mood(s, lin, at(16, 10), "anxious", "客户催发货，物流太慢", ["logistics_chase"], 4)
        mood(s, lin, at(16, 18), "weary")
        mood(s, lin, at(17, 1, 30), "calm")
        # Wednesday 18th: three hard check-ins, the hardest day.
        mood(s, lin, at(18, 11), "angry", "客户威胁给差评还骂人", ["bad_review_threat", "abuse"], 5)
        mood(s, lin, at(18, 15), "anxious", "物流延误又被催", ["logistics_chase"], 3)
        mood(s, lin, at(18, 21), "exhausted", intensity=4)
        # Thursday 19th: two good ones.
        mood(s, lin, at(19, 12), "proud", "解决了一个难缠的退款", ["solved_hard_case"])
        mood(s, lin, at(19, 20), "anxious")
        # Friday 20th: a journal entry only.
        frozen_clock.set_now(at(20, 18).astimezone(UTC))
        wins = ("耐心帮一位老人改好了收货地址", "被客户夸了", "今天一个差评都没有，还学会了新的话术", "准时下班")
        for minute, text in enumerate(wins):
            journal.add_entry(s, user_id=lin, kind="win", text=text, written_at=at(20, 18, minute))
        journal.add_entry(s, user_id=lin, kind="gratitude", text="同事帮我顶了十分钟", written_at=at(20, 19))
        first_aid.start_use(s, user_id=lin, exercise="breath_478", public_id="fa1", started_at=at(18, 11, 5))
        first_aid.finish_use(s, user_id=lin, public_id="fa1", completed=True)
        first_aid.start_use(s, user_id=lin, exercise="pause_30s", public_id="fa2", started_at=at(18, 15, 5))
        # A slip written and sealed on Wednesday, let go on Thursday.
        frozen_clock.set_now(at(18, 22).astimezone(UTC))
        slip = emotion_box.add_slip(s, user_id=lin, text="客户骂我的话").public_id
        emotion_box.seal_box(s, user_id=lin, time_zone="Asia/Shanghai", day_start_hour=4)
        frozen_clock.set_now(at(19, 9).astimezone(UTC))
        emotion_box.let_go(s, user_id=lin, public_id=slip, time_zone="Asia/Shanghai", day_start_hour=4)
        # Recharge: two done (4 and 5), one skipped; goals: two done, one open.
        for day, rating in (("2026-11-16", 4), ("2026-11-17", 5), ("2026-11-18", None)):
            block = plan.add_block(s, user_id=lin, day=day, start="19:00", interest="画画")
            plan.finish_block(s, user_id=lin, public_id=block.public_id, outcome="done" if rating else "skipped",
                              recharged=rating)
        for n, done in enumerate((True, True, False)):
            goal = goals.add_goal(s, user_id=lin, text=f"今天按时吃午饭 {n}", day=date(2026, 11, 17))
            if done:
                goals.set_done(s, user_id=lin, public_id=goal.public_id, done=True)
        # Wang's entries must never reach Lin's reflection.
        mood(s, wang, at(18, 12), "happy")
        journal.add_entry(s, user_id=wang, kind="win", text="wang's win", written_at=at(18, 12))
    frozen_clock.set_now(at(22, 21).astimezone(UTC))  # Sunday evening
    return lin, wang


def reflect(db, user, **kwargs):
    with db() as s:
        return reflection.weekly_reflection(s, user_id=user, **kwargs)


def test_the_week_in_numbers(db, week47):
    lin, _ = week47
    r = reflect(db, lin)
    assert (r.week, r.monday, r.sunday, r.as_of) == ("2026-W47", date(2026, 11, 16), date(2026, 11, 22),
                                                     date(2026, 11, 22))
    assert r.check_in_days == 4  # Mon (with the 01:30 night shift), Wed, Thu, and Fri's journal
    assert r.mood_count == 8
    assert r.quadrants == {"high_unpleasant": 4, "low_unpleasant": 2, "low_pleasant": 1, "high_pleasant": 1}
    # Ties keep the order in which the feelings first came up.
    assert r.top_emotions == (("anxious", 3), ("weary", 1), ("calm", 1), ("angry", 1), ("exhausted", 1))
    assert r.pleasant_share == 0.25 and r.pleasant_share_before == 0.25 and r.comparable
    assert r.hardest_day == HardestDay(day=date(2026, 11, 18), unpleasant=3, emotion="angry",
                                       cause="客户威胁给差评还骂人")
    assert (r.wins_count, r.gratitude_count) == (4, 1)
    assert r.win_highlights == ("耐心帮一位老人改好了收货地址", "被客户夸了", "今天一个差评都没有，还学会了新的话术")
    assert (r.first_aid_uses, r.first_aid_completed, r.box_let_go) == (2, 1, 1)
    assert (r.recharge_planned, r.recharge_done, r.recharge_rating) == (3, 2, 4.5)
    assert r.goals_done == 2
    assert r.little_data is False


def test_causes_are_quick_tags_plus_words_from_the_users_own_text(db, week47):
    lin, _ = week47
    causes = reflect(db, lin).top_causes
    assert causes == (
        Cause(tag="logistics_chase", count=2), Cause(tag="bad_review_threat", count=1),
        Cause(tag="abuse", count=1), Cause(tag="solved_hard_case", count=1), Cause(word="催发货", count=1),
    )
    # 物流 and 差评 are already told by the tags 物流催单 and 差评威胁: not counted twice.
    with db() as s:
        every = reflection.weekly_reflection(s, user_id=lin)
    assert not {"物流", "差评", "威胁"} & {c.word for c in every.top_causes}
    # Words every cause shares ("客户") carry nothing and are left out.
    assert all(c.word != "客户" for c in causes)


def test_streak_fields_follow_the_entries(db, week47):
    lin, _ = week47
    r = reflect(db, lin)
    # Logged: 10-13 (W46), 16, 18, 19, 20. The 14th-15th and 17th are rest days (3 in November: the
    # 17th can't be bridged), so the streak restarts on the 18th; today (22nd) is still open but the
    # 21st is missed: November's allowance is already spent, so the streak has ended.
    assert (r.current_streak, r.longest_streak) == (0, 5)
    assert r.rest_days_used == 2
    r = reflect(db, lin, as_of=date(2026, 11, 21))
    assert r.current_streak == 3


def test_the_sentences_are_warm_and_in_the_users_language(db, week47):
    lin, _ = week47
    zh = reflect(db, lin, language="zh-CN").sentences
    assert zh[0] == "这周有 4 天，你停下来照顾了自己的情绪，一共记下 8 次心情。"
    assert "愉快的时刻占 25%，和上周差不多。" in zh
    assert any("「焦虑」" in line and "3 次" in line for line in zh)
    assert "最难的是周三（11月18日），因为「客户威胁给差评还骂人」。那一天你也撑过来了。" in zh
    assert "你记下了 4 件小成就，比如「耐心帮一位老人改好了收货地址」。" in zh
    assert "你做了 2 次情绪急救，放下了 1 张纸条——难受的时候，你知道怎么照顾自己。" in zh
    assert "你完成了 2 次充电，平均充电感 4.5/5。" in zh
    assert "完成了 2 个可控的小目标。" in zh
    en = reflect(db, lin, language="en").sentences
    assert en[0] == "On 4 days this week you stopped to look after your feelings, with 8 check-ins in all."
    assert "The hardest day was Wednesday 18 November, because of “客户威胁给差评还骂人”. You got through it." in en
    assert "You did first aid 2 times and let go of one slip: when it hurt, you knew how to look after yourself." in en
    words = " ".join(zh + en).lower()
    for judgement in ("失败", "应该", "不够", "failed", "should", "not enough", "only"):
        assert judgement not in words


def test_the_pleasant_share_is_compared_with_the_week_before(db, users, frozen_clock):
    lin, _ = users
    with db() as s:
        for day in (9, 10, 11):
            mood(s, lin, at(day, 12), "stressed")
        for day in (16, 17, 18, 19):
            mood(s, lin, at(day, 12), "happy" if day != 16 else "weary")
    frozen_clock.set_now(at(22, 12).astimezone(UTC))
    r = reflect(db, lin, language="zh-CN")
    assert (r.pleasant_share, r.pleasant_share_before) == (0.75, 0.0)
    assert "愉快的时刻占 75%，比上周多了 75 个百分点。" in r.sentences
    r = reflect(db, lin, week="2026-W46", language="en")
    assert r.pleasant_share == 0.0 and not r.comparable  # nothing in week 45 to compare with
    assert r.sentences[1] == "Pleasant moments made up 0% of your check-ins this week."


def test_a_week_with_little_data_says_so_honestly(db, users, frozen_clock):
    lin, _ = users
    with db() as s:
        mood(s, lin, at(18, 12), "exhausted", "大促")
    frozen_clock.set_now(at(22, 12).astimezone(UTC))
    r = reflect(db, lin, language="zh-CN")
    assert r.little_data and r.check_in_days == 1
    assert r.sentences == ("这周记录了 1 天、1 次心情，还看不出什么规律，先不急着下结论。",)
    assert reflect(db, lin, language="en").sentences == (
        "You logged on one day this week, with 1 check-in: too few to read patterns in, so no conclusions yet.",)
    with db() as s:  # a day with only a journal line: two days logged, still one check-in
        journal.add_entry(s, user_id=lin, kind="win", text="帮老人改好了地址", written_at=at(19, 12))
    assert reflect(db, lin, language="en").sentences[0] == (
        "You logged on 2 days this week, with 1 check-in: too few to read patterns in, so no conclusions yet.")
    with db() as s:  # the week before: one journal line and no check-in
        journal.add_entry(s, user_id=lin, kind="gratitude", text="同事帮我接了电话", written_at=at(11, 12))
    r = reflect(db, lin, week="2026-W46", language="en")
    assert r.mood_count == 0 and r.check_in_days == 1
    assert r.sentences[0] == "You wrote on one day this week without naming a feeling, and that's all right."
    assert reflect(db, lin, week="2026-W46", language="zh-CN").sentences[0] == "这周有 1 天你写下了记录，没有记心情，也没关系。"
    r = reflect(db, lin, week="2026-W40", language="en")
    assert r.mood_count == 0 and r.pleasant_share is None and r.hardest_day is None
    assert r.sentences == (
        "Nothing logged this week. That's all right: resting is looking after yourself too. "
        "This will be here when you come back.",
    )


def test_a_bad_week_name_is_a_friendly_error(db, users):
    lin, _ = users
    with pytest.raises(UserError) as caught:
        reflect(db, lin, week="last week")
    assert caught.value.key == "error.week_format"


def test_the_month_calendar_colours_each_day_by_its_dominant_quadrant(db, week47):
    lin, _ = week47
    with db() as s:
        month = reflection.month_calendar(s, user_id=lin, year=2026, month=11, as_of=date(2026, 11, 20))
    days = {cell.day.isoformat(): cell for week in month.weeks for cell in week}
    assert len(month.weeks) == 6 and all(len(week) == 7 for week in month.weeks)
    assert days["2026-10-26"].number == 0  # padding from October: blank
    assert days["2026-11-16"].quadrant == "high_unpleasant"  # one each: the stronger (intensity 4) wins
    assert days["2026-11-18"].quadrant == "high_unpleasant" and days["2026-11-18"].count == 3
    # Thursday: one pleasant, one not, equally strong: the later one (20:00, anxious) decides.
    assert days["2026-11-19"].quadrant == "high_unpleasant"
    assert days["2026-11-20"].quadrant == "" and days["2026-11-20"].count == 0
    assert days["2026-11-20"].logged and days["2026-11-20"].today
    assert days["2026-11-17"].rest is False  # the third November gap can't be bridged
    assert days["2026-11-14"].rest and days["2026-11-15"].rest
    assert days["2026-11-21"].future and not days["2026-11-21"].logged
    assert month.logged_days == 8 and month.rest_days == (date(2026, 11, 14), date(2026, 11, 15))


def test_the_trend_gives_each_week_its_pleasant_share(db, week47):
    lin, _ = week47
    with db() as s:
        trend = reflection.pleasant_trend(s, user_id=lin, as_of=date(2026, 11, 22), weeks=4)
    assert [w["week"] for w in trend] == ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]
    assert [w["share"] for w in trend] == [None, None, 25, 25]
    assert [w["label"] for w in trend] == ["10/26", "11/2", "11/9", "11/16"]


def test_chinese_keywords_come_from_real_word_segmentation():
    assert keywords.words_of("客户说七天无理由退货但是商品已经拆封") >= {"七天无理由", "退货", "拆封"}
    assert "客户" not in keywords.words_of("客户要求仅退款还骂人")
    assert keywords.words_of("客户要求仅退款还骂人") >= {"仅退款", "骂人"}
    assert keywords.top_keywords(["物流慢", "物流又延误了，物流！", "差评"]) [0] == ("物流", 2)
    # Chinese words count from their first use: jieba's tags already keep only real words.
    assert keywords.top_keywords(["客户一直催发货", "物流又延误了"]) == [("催发货", 1), ("延误", 1), ("物流", 1)]


def test_english_keywords_are_words_and_phrases_that_come_up_more_than_once():
    # The demo's causes once gave "bubble", "tea", "home" and "answered ×1".
    week = ["Bubble tea on the way home", "Bubble tea on the way home", "Answered the same question twenty times",
            "The tricky refund finally went through", "A customer threatened a bad review",
            "Chased about a late parcel", "Refunds again, and a parcel lost"]
    assert keywords.top_keywords(week) == [("bubble tea", 2), ("parcel", 2), ("refund", 2)]
    # The words of any sentence are not causes.
    assert keywords.words_of("The customer came back and said it again today") == frozenset()
    assert keywords.words_of("Called me at home on the way back") == {"call"}


def test_english_forms_of_one_word_count_together_and_show_as_most_written():
    causes = ["Refund refused", "Refunds, refused again", "refund late", "the refunded parcel", "refused"]
    assert keywords.top_keywords(causes) == [("refund", 4), ("refused", 3)]
    assert {keywords.lemma(w) for w in ("chase", "chased", "chasing", "chases")} == {"chas"}
    assert {keywords.lemma(w) for w in ("reply", "replies", "replied")} == {"reply"}
    assert keywords.lemma("stopped") == keywords.lemma("stop") and keywords.lemma("called") == "call"


def test_an_english_phrase_stands_in_for_the_words_that_never_come_without_it():
    # "bad review" every time: one chip, not "bad" and "review".
    assert keywords.top_keywords(["bad review threat", "a bad review", "bad review"]) == [("bad review", 3)]
    # "bad" only in "bad review", "review" alone too: the phrase takes bad's place, review stays.
    assert keywords.top_keywords(["bad review", "bad review", "a review", "review"]) == [
        ("review", 4), ("bad review", 2)]
    # Both words also alone: the phrase adds nothing.
    assert keywords.top_keywords(["late parcel", "late parcel", "late again", "parcel lost"]) == [
        ("late", 3), ("parcel", 3)]


def test_an_english_word_in_a_quick_tags_label_is_not_counted_twice():
    causes = ["Chased about a late parcel", "chasing the parcel again", "parcel chasers"]
    assert keywords.top_keywords(causes, known=["Delivery chasing"]) == [("parcel", 3)]
    assert keywords.top_keywords(["Same questions", "answering questions"], known=["Same questions again"]) == []
    assert keywords.top_keywords(["a bad review", "Bad review again"], known=["Bad-review threats"]) == []


def test_mixed_language_causes_count_both_ways():
    causes = ["客户催发货 refund", "催发货又来了 refund please", "物流延误"]
    assert keywords.top_keywords(causes) == [("refund", 2), ("催发货", 2), ("延误", 1), ("物流", 1)]


def test_another_users_week_is_not_reachable(db, week47):
    _, wang = week47
    r = reflect(db, wang)
    assert (r.mood_count, r.wins_count, r.first_aid_uses, r.recharge_done) == (1, 1, 0, 0)
    assert (r.box_let_go, r.goals_done, r.hardest_day) == (0, 0, None)


def test_one_day_later_everything_is_the_next_week(db, week47):
    lin, _ = week47
    r = reflect(db, lin, as_of=date(2026, 11, 23))
    assert r.week == "2026-W48" and r.mood_count == 0 and r.check_in_days == 0
