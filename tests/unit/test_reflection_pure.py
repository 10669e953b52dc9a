"""The weekly reflection's pure part (services/summaries.py): its numbers and sentences from plain
entries, a week and "today", with no database, at day, week, time-zone and night-shift boundaries.
test_reflection.py checks the same through the database."""

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resilience_app.core.errors import UserError
from resilience_app.services import emotions
from resilience_app.services.streaks import streak_report
from resilience_app.services.summaries import (
    HARDEST_CAUSE_MAX, CalendarDay, Cause, HardestDay, Mood, Note, Recharge, WeekEntries, month_grid, summarize_week,
    week_span,
)

SHANGHAI = "Asia/Shanghai"
NEW_YORK = "America/New_York"


def at(day: date, hour: int, minute: int = 0, zone: str = SHANGHAI, fold: int = 0) -> datetime:
    """A wall-clock time in a zone, as the UTC instant the loader hands over."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone), fold=fold).astimezone(UTC)


def nov(day: int) -> date:
    return date(2026, 11, day)


def mood(when: datetime, emotion: str, cause: str = "", tags: tuple[str, ...] = (), intensity: int | None = None) -> Mood:
    return Mood(when, emotion, emotions.emotion(emotion).quadrant, intensity, cause, tags)


def summary(moods=(), notes=(), *, week="2026-W47", zone=SHANGHAI, day_start=4, today=None, language="en",
            **counts):
    span = week_span(week, zone, day_start)
    today = today or span.sunday
    entries = WeekEntries(moods=list(moods), notes=list(notes), **counts)
    return summarize_week(entries, span, today=today, report=streak_report(set(), today), language=language)


def test_an_empty_week_draws_no_conclusions_and_says_so_kindly():
    r = summary()
    assert (r.week, r.monday, r.sunday, r.as_of) == ("2026-W47", nov(16), nov(22), nov(22))
    assert (r.mood_count, r.check_in_days, r.wins_count, r.gratitude_count) == (0, 0, 0, 0)
    assert r.quadrants == dict.fromkeys(emotions.QUADRANT_KEYS, 0)
    assert (r.top_emotions, r.top_causes, r.win_highlights) == ((), (), ())
    assert (r.pleasant_share, r.pleasant_share_before, r.comparable, r.hardest_day) == (None, None, False, None)
    assert (r.recharge_planned, r.recharge_done, r.recharge_rating, r.goals_done) == (0, 0, None, 0)
    assert r.little_data is True
    assert r.sentences == (
        "Nothing logged this week. That's all right: resting is looking after yourself too. "
        "This will be here when you come back.",
    )


def test_one_check_in_is_counted_but_is_too_little_to_read():
    r = summary([mood(at(nov(18), 11), "angry", "客户骂人", ("abuse",), 5)], language="zh-CN")
    assert (r.mood_count, r.check_in_days, r.little_data) == (1, 1, True)
    assert r.quadrants["high_unpleasant"] == 1 and r.top_emotions == (("angry", 1),)
    assert r.top_causes[0] == Cause(tag="abuse", count=1)
    assert r.pleasant_share == 0.0 and not r.comparable
    assert r.hardest_day == HardestDay(day=nov(18), unpleasant=1, emotion="angry", cause="客户骂人")
    assert r.sentences == ("这周记录了 1 天、1 次心情，还看不出什么规律，先不急着下结论。",)


def test_a_night_shift_counts_for_the_day_it_began():
    # Monday 22:00 and "Tuesday" 01:30: one day with a 04:00 day start, two with midnight.
    late = [mood(at(nov(16), 22), "exhausted"), mood(at(nov(17), 1, 30), "weary")]
    r = summary(late)
    assert r.check_in_days == 1
    assert r.hardest_day.day == nov(16) and r.hardest_day.unpleasant == 2
    r = summary(late, day_start=0)
    assert r.check_in_days == 2 and r.hardest_day.day == nov(16)
    # A journal entry written at 03:59 on Wednesday is Tuesday's.
    r = summary(late, [Note("win", "下班前回完了所有消息", at(nov(18), 3, 59))])
    assert r.check_in_days == 2 and r.wins_count == 1


def test_monday_half_past_midnight_still_belongs_to_the_week_before():
    # The tests' pinned moment: Monday 30 November 00:30 in Shanghai. With a 04:00 day start it is
    # Sunday night of 2026-W48; with midnight it opens 2026-W49.
    half_past = [mood(at(nov(30), 0, 30), "anxious", intensity=4)]
    w48, w49 = summary(half_past, week="2026-W48"), summary(half_past, week="2026-W49")
    assert (w48.mood_count, w48.check_in_days, w48.hardest_day.day) == (1, 1, nov(29))
    assert (w49.mood_count, w49.check_in_days) == (0, 0)
    assert summary(half_past * 3, week="2026-W49").pleasant_share_before == 0.0  # the week before's
    midnight = summary(half_past, week="2026-W49", day_start=0)
    assert (midnight.mood_count, midnight.hardest_day.day) == (1, nov(30))


def test_the_week_ends_when_the_next_monday_begins():
    sunday_night = mood(at(date(2026, 12, 7), 3, 59), "calm")
    monday = mood(at(date(2026, 12, 7), 4, 0), "calm")
    r = summary([sunday_night, monday], week="2026-W49")
    assert r.mood_count == 1 and r.quadrants["low_pleasant"] == 1


def test_a_week_across_the_clocks_going_back_has_an_hour_more():
    # New York, 2026-W44 (26 October - 1 November): the clocks go back at 02:00 on Sunday 1 November.
    span = week_span("2026-W44", NEW_YORK, 4)
    assert span.end - span.start == timedelta(days=7, hours=1)
    assert (span.start, span.end) == (datetime(2026, 10, 26, 8, tzinfo=UTC), datetime(2026, 11, 2, 9, tzinfo=UTC))
    sunday = date(2026, 11, 1)
    moods = [
        mood(at(sunday, 1, 30, NEW_YORK, fold=0), "anxious"),  # 01:30 twice: Saturday night, both times
        mood(at(sunday, 1, 30, NEW_YORK, fold=1), "anxious"),
        mood(at(date(2026, 11, 2), 3, 30, NEW_YORK), "weary"),  # Monday 03:30: still Sunday
        mood(at(date(2026, 11, 2), 4, 0, NEW_YORK), "calm"),  # Monday 04:00: the next week
    ]
    r = summary(moods, week="2026-W44", zone=NEW_YORK)
    assert (r.mood_count, r.check_in_days) == (3, 2)
    assert r.hardest_day == HardestDay(day=date(2026, 10, 31), unpleasant=2, emotion="anxious", cause="")


def test_a_week_across_the_clocks_going_forward_has_an_hour_less():
    # New York, 2026-W10 (2-8 March): the clocks jump from 02:00 to 03:00 on Sunday 8 March.
    span = week_span("2026-W10", NEW_YORK, 4)
    assert span.end - span.start == timedelta(days=7, hours=-1)
    sunday = date(2026, 3, 8)
    moods = [mood(at(sunday, 3, 30, NEW_YORK), "weary"), mood(at(sunday, 4, 0, NEW_YORK), "calm")]
    r = summary(moods, week="2026-W10", zone=NEW_YORK)
    assert r.check_in_days == 2 and r.hardest_day.day == date(2026, 3, 7)


def test_the_hardest_day_has_the_largest_unpleasant_share_then_more_then_stronger():
    share = [mood(at(nov(16), 12), "anxious"), mood(at(nov(17), 12), "anxious"), mood(at(nov(17), 13), "calm")]
    assert summary(share).hardest_day.day == nov(16)  # 1 of 1 beats 1 of 2
    more = [mood(at(nov(16), 12), "anxious"), mood(at(nov(17), 12), "anxious"), mood(at(nov(17), 13), "weary")]
    assert summary(more).hardest_day.day == nov(17)  # 2 of 2 beats 1 of 1
    stronger = [mood(at(nov(16), 12), "anxious", intensity=2), mood(at(nov(17), 12), "anxious")]
    assert summary(stronger).hardest_day.day == nov(17)  # unrated counts as 3


def test_equally_hard_days_go_to_the_earlier_one_whatever_the_order_given():
    days = [mood(at(nov(day), 12), "weary", intensity=4) for day in (19, 17, 21)]
    assert summary(days).hardest_day.day == nov(17)
    assert summary(reversed(days)).hardest_day.day == nov(17)


def test_the_hardest_days_cause_is_the_strongest_words_else_its_commonest_tag():
    long_cause = "客户" * 30
    r = summary([mood(at(nov(18), 9), "anxious", "物流", intensity=2), mood(at(nov(18), 10), "angry", long_cause, intensity=5)])
    assert r.hardest_day.emotion == "angry"
    assert r.hardest_day.cause == long_cause[: HARDEST_CAUSE_MAX - 1] + "…"
    tagged = [mood(at(nov(18), 9), "anxious", tags=("abuse",)), mood(at(nov(18), 10), "weary", " ", ("abuse", "overtime"))]
    assert summary(tagged, language="en").hardest_day.cause == "Verbal abuse"
    assert summary(tagged, language="zh-CN").hardest_day.cause == "辱骂"


def test_ties_among_feelings_and_causes_keep_the_order_they_came_up_in():
    moods = [mood(at(nov(16), 9), "weary", "", ("overtime",)), mood(at(nov(17), 9), "anxious", "", ("abuse",)),
             mood(at(nov(18), 9), "anxious", "", ("abuse",)), mood(at(nov(19), 9), "calm", "", ("overtime",))]
    r = summary(moods[::-1])
    assert r.top_emotions == (("anxious", 2), ("weary", 1), ("calm", 1))
    assert r.top_causes == (Cause(tag="overtime", count=2), Cause(tag="abuse", count=2))


@pytest.mark.parametrize(("before", "now", "sentence"), [
    ("anxious", "happy", "Pleasant moments made up 100% of your check-ins, 100 points more than last week."),
    ("happy", "anxious", "Pleasant moments made up 0%, a little less than last week. It was a hard week, "
                         "and you saw it and named it."),
    ("calm", "happy", "Pleasant moments made up 100%, about the same as last week."),
])
def test_the_pleasant_share_is_compared_with_a_week_before_that_had_enough(before, now, sentence):
    moods = [mood(at(nov(day), 12), before) for day in (9, 10, 11)] + [mood(at(nov(d), 12), now) for d in (16, 17, 18)]
    r = summary(moods)
    assert r.comparable and r.sentences[1] == sentence
    r = summary(moods[1:])  # two in the week before: not enough to compare with
    assert not r.comparable and r.sentences[1].startswith("Pleasant moments made up ")
    assert r.sentences[1].endswith("of your check-ins this week.")


def test_the_highlights_are_the_three_most_detailed_wins_in_the_order_they_happened():
    wins = [Note("win", text, at(nov(16 + n), 20)) for n, text in enumerate(("短", "比较长的一条", "最长的一条小成就", "中等长度"))]
    r = summary(notes=[*wins, Note("gratitude", "谢谢同事", at(nov(20), 21))][::-1], language="zh-CN")
    assert r.win_highlights == ("比较长的一条", "最长的一条小成就", "中等长度")
    assert (r.wins_count, r.gratitude_count, r.check_in_days) == (4, 1, 5)


def test_notes_outside_the_week_are_not_counted():
    notes = [Note("win", "上周的", at(nov(16), 3, 59)), Note("win", "这周的", at(nov(16), 4)),
             Note("gratitude", "下周的", at(nov(23), 4))]
    r = summary(notes=notes)
    assert (r.wins_count, r.gratitude_count, r.win_highlights) == (1, 0, ("这周的",))


def test_care_recharge_and_goals_are_told_as_counted():
    moods = [mood(at(nov(day), 12), "calm") for day in (16, 17, 18)]
    recharges = [Recharge("done", 4), Recharge("done", 5), Recharge("done", None), Recharge("skipped"), Recharge("planned")]
    r = summary(moods, recharges=recharges, first_aid_uses=2, first_aid_completed=1, box_let_go=1, goals_done=1)
    assert (r.recharge_planned, r.recharge_done, r.recharge_rating) == (5, 3, 4.5)
    assert (r.first_aid_uses, r.first_aid_completed, r.box_let_go, r.goals_done) == (2, 1, 1, 1)
    assert r.sentences[-3:] == (
        "You did first aid 2 times and let go of one slip: when it hurt, you knew how to look after yourself.",
        "You had 3 recharge blocks, and they recharged you 4.5/5 on average.",
        "You finished one small goal within your control.",
    )
    assert "No small wins written down this week." in " ".join(r.sentences)
    unrated = summary(moods, recharges=[Recharge("done")])
    assert unrated.recharge_rating is None and "recharged you –/5" in unrated.sentences[-1]


def test_as_json_is_the_plain_shape_the_command_line_prints():
    r = summary([mood(at(nov(18), 11), "angry", "客户骂人", ("abuse",), 5)], language="zh-CN")
    data = r.as_json()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data  # nothing but JSON's own types
    assert list(data) == [
        "week", "from", "to", "as_of", "check_in_days", "current_streak", "longest_streak", "rest_days_used",
        "rest_days_left", "consistency", "logged_today", "mood_count", "quadrants", "top_emotions", "top_causes",
        "pleasant_share", "pleasant_share_before", "comparable", "hardest_day", "wins_count", "gratitude_count",
        "win_highlights", "first_aid_uses", "first_aid_completed", "box_let_go", "recharge_planned", "recharge_done",
        "recharge_rating", "goals_done", "little_data", "sentences",
    ]
    assert (data["week"], data["from"], data["to"], data["as_of"]) == ("2026-W47", "2026-11-16", "2026-11-22",
                                                                       "2026-11-22")
    assert data["hardest_day"] == {"day": "2026-11-18", "unpleasant": 1, "emotion": "angry", "cause": "客户骂人"}
    assert data["top_causes"] == [{"tag": "abuse", "count": 1}, {"word": "骂人", "count": 1}]
    assert data["top_emotions"] == [["angry", 1]] and data["little_data"] is True
    assert data["sentences"] == list(r.sentences) and data["win_highlights"] == []
    assert summary().as_json()["hardest_day"] is None


def test_a_bad_week_name_is_a_friendly_error():
    with pytest.raises(UserError) as caught:
        week_span("last week", SHANGHAI, 4)
    assert caught.value.key == "error.week_format"


def test_the_month_grid_puts_a_night_shift_on_the_day_before_and_pads_with_blanks():
    moods = [mood(at(nov(1), 2), "happy"), mood(at(nov(30), 23), "anxious"), mood(at(date(2026, 12, 1), 1), "weary")]
    report = streak_report({date(2026, 10, 31), nov(29), nov(30)}, nov(30))
    grid = month_grid(moods, 2026, 11, time_zone=SHANGHAI, day_start_hour=4, today=nov(30), report=report)
    days = {cell.day.isoformat(): cell for week in grid.weeks for cell in week}
    assert [len(week) for week in grid.weeks] == [7] * 6 and days["2026-10-26"].number == 0
    # 1 November 02:00 is still 31 October: padding, so blank however it felt.
    assert dataclasses.replace(days["2026-10-31"], today=False) == CalendarDay(
        day=date(2026, 10, 31), number=0, quadrant="", count=0, logged=False, rest=False, today=False, future=False)
    assert days["2026-11-01"].count == 0
    # 1 December 01:00 is still 30 November: one check-in each, equally strong, and the later one decides.
    assert days["2026-11-30"].count == 2 and days["2026-11-30"].quadrant == "low_unpleasant"
    assert days["2026-11-30"].today and days["2026-11-30"].logged and days["2026-12-01"].future
    assert (grid.logged_days, grid.rest_days) == (2, ())


# --- properties -----------------------------------------------------------------------------

ZONES = (SHANGHAI, NEW_YORK, "Europe/London", "Australia/Lord_Howe")
WEEKS = ("2026-W47", "2026-W44", "2026-W10", "2027-W01")
FEELINGS = ("anxious", "weary", "angry", "calm", "happy", "proud", "exhausted", "relieved")
CAUSES = ("", " ", "物流延误被客户催", "客户威胁给差评", "refund refused again", "late parcel")
TAGS = ("abuse", "overtime", "logistics_chase", "solved_hard_case")


@st.composite
def weeks_of_entries(draw):
    """A user's week and entries from a few days before the week before to a few days after it,
    at distinct minutes (equal instants keep the order given, so shuffling would change them)."""
    zone, day_start, week = draw(st.sampled_from(ZONES)), draw(st.sampled_from((0, 4))), draw(st.sampled_from(WEEKS))
    span = week_span(week, zone, day_start)
    first = span.before_start - timedelta(days=2)
    instants = st.builds(lambda day, minute: first + timedelta(days=day, minutes=minute),
                         st.integers(0, 18), st.integers(0, 24 * 60 - 1))
    moods = draw(st.lists(st.builds(
        mood, instants, st.sampled_from(FEELINGS), st.sampled_from(CAUSES),
        st.lists(st.sampled_from(TAGS), max_size=2, unique=True).map(tuple), st.sampled_from((None, 1, 3, 5)),
    ), max_size=25, unique_by=lambda m: m.felt_at))
    notes = draw(st.lists(st.builds(Note, st.sampled_from(("win", "gratitude")), st.sampled_from(("a", "bb", "ccc")),
                                    instants), max_size=8, unique_by=lambda n: n.written_at))
    return span, moods, notes


def _summary(span, moods, notes):
    entries = WeekEntries(moods=moods, notes=notes)
    return summarize_week(entries, span, today=span.sunday, report=streak_report(set(), span.sunday), language="en")


@settings(max_examples=60, deadline=None)
@given(weeks_of_entries())
def test_the_counts_are_the_entries_of_the_week(case):
    span, moods, notes = case
    r = _summary(span, moods, notes)
    in_week = [m for m in moods if span.start <= m.felt_at < span.end]
    before = [m for m in moods if span.before_start <= m.felt_at < span.start]
    assert r.mood_count == len(in_week) == sum(r.quadrants.values())
    assert r.wins_count + r.gratitude_count == sum(span.start <= n.written_at < span.end for n in notes)
    assert sum(n for _, n in r.top_emotions) <= len(in_week)
    assert r.comparable == (len(in_week) >= 3 and len(before) >= 3)
    assert r.check_in_days <= min(7, len(in_week) + r.wins_count + r.gratitude_count)
    assert r.little_data == (r.check_in_days < 3)
    if r.hardest_day:
        assert span.monday <= r.hardest_day.day <= span.sunday
        assert r.hardest_day.unpleasant <= len(in_week)
    else:
        assert all(m.pleasant for m in in_week)


@settings(max_examples=60, deadline=None)
@given(weeks_of_entries(), st.randoms(use_true_random=False))
def test_the_reflection_does_not_depend_on_the_order_entries_come_in(case, rng):
    span, moods, notes = case
    shuffled_moods, shuffled_notes = moods[:], notes[:]
    rng.shuffle(shuffled_moods)
    rng.shuffle(shuffled_notes)
    assert _summary(span, shuffled_moods, shuffled_notes) == _summary(span, moods, notes)


@settings(max_examples=60, deadline=None)
@given(weeks_of_entries())
def test_entries_outside_the_two_weeks_change_nothing(case):
    span, moods, notes = case
    kept_moods = [m for m in moods if span.before_start <= m.felt_at < span.end]
    kept_notes = [n for n in notes if span.start <= n.written_at < span.end]
    assert _summary(span, kept_moods, kept_notes) == _summary(span, moods, notes)
