"""The user's calendar (core/localtime.py): local days, their labels and ISO weeks, at the awkward moments:
a 53-week year, New Year's Eve, Monday just after midnight before the day has started, and the days
New York's clocks change."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from resilience_app.core import clock, i18n, localtime
from resilience_app.core.errors import UserError

SHANGHAI, NEW_YORK = ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York")
HOUR = timedelta(hours=1)


def _week_error(call) -> UserError:
    with pytest.raises(UserError) as caught:
        call()
    assert caught.value.key == "error.week_format"
    return caught.value


# --- ISO weeks ---------------------------------------------------------------------------


def test_2026_has_53_weeks_and_its_last_one_ends_in_2027():
    assert localtime.week_of(date(2026, 12, 27)) == "2026-W52"
    assert localtime.week_of(date(2026, 12, 28)) == "2026-W53"
    assert localtime.week_of(date(2027, 1, 3)) == "2026-W53"
    assert localtime.week_of(date(2027, 1, 4)) == "2027-W01"
    assert localtime.week_days("2026-W53") == (date(2026, 12, 28), date(2027, 1, 3))
    assert localtime.shift_week("2026-W52", 1) == "2026-W53"
    assert localtime.shift_week("2026-W53", 1) == "2027-W01"
    assert localtime.shift_week("2027-W01", -1) == "2026-W53"
    assert localtime.shift_week("2026-W53", -53) == "2025-W52"  # 2025 has 52
    _week_error(lambda: localtime.week_days("2025-W53"))
    _week_error(lambda: localtime.week_days("2026-W54"))


def test_new_years_eve_is_in_the_week_that_ends_next_year():
    eve = date(2026, 12, 31)
    assert localtime.week_of(eve) == localtime.week_of(eve + timedelta(days=1)) == "2026-W53"
    assert localtime.monday_of(eve) == localtime.week_monday("2026-W53") == date(2026, 12, 28)
    assert localtime.week_of(date(2020, 12, 31)) == "2020-W53"
    assert localtime.week_of(date(2021, 12, 31)) == "2021-W52"
    # 1 January can belong to the year before's last week or to the new year's first.
    assert localtime.week_of(date(2022, 1, 1)) == "2021-W52" and localtime.week_of(date(2025, 1, 1)) == "2025-W01"
    assert localtime.week_of(date(2024, 12, 30)) == "2025-W01"


def test_a_week_of_days_runs_from_mondays_day_start_to_the_next_mondays():
    start, end = localtime.week_bounds("2026-W53", "Asia/Shanghai", 4)
    assert start == datetime(2026, 12, 28, 4, tzinfo=SHANGHAI) and end == datetime(2027, 1, 4, 4, tzinfo=SHANGHAI)
    assert start.utcoffset() == timedelta(0)  # given in UTC
    midnight = localtime.week_bounds("2026-W53", "Asia/Shanghai", 0)
    assert midnight == (datetime(2026, 12, 27, 16, tzinfo=UTC), datetime(2027, 1, 3, 16, tzinfo=UTC))


@pytest.mark.parametrize("week", [
    "", "last week", "2026-47", "2026-W4", "2026-W047", "2026-w47", "W47", "2026-W00", "2026-W54", "2025-W53",
    "0000-W01", "+2026-W47", "2026-W4_7", "２０２６-W４７", "٢٠٢٦-W47", "2026-W47-1", "9999-W52",
    None, 2026, 47.0, ["2026-W47"], {"week": "2026-W47"}, b"2026-W47",
])
def test_anything_but_an_iso_week_is_refused_with_one_key_that_quotes_it(week):
    error = _week_error(lambda: localtime.week_monday(week))
    assert i18n.translate("en", error.key, **error.params).startswith("That week isn't recognised:")
    _week_error(lambda: localtime.shift_week(week, 1))
    _week_error(lambda: localtime.week_bounds(week, "Asia/Shanghai", 4))


def test_a_week_is_read_without_the_spaces_around_it_and_written_one_way():
    assert localtime.week_monday(" 2026-W47\n") == date(2026, 11, 16)
    assert localtime.week_of(localtime.week_monday(" 2026-W47\n")) == "2026-W47"


def test_weeks_at_the_ends_of_the_calendar_are_refused_not_crashed():
    assert localtime.week_monday("0001-W01") == date(1, 1, 1)
    _week_error(lambda: localtime.shift_week("0001-W01", -1))
    _week_error(lambda: localtime.week_bounds("0001-W01", "Asia/Shanghai", 4))  # before the first instant in UTC
    assert localtime.shift_week("9999-W51", 0) == "9999-W51"
    _week_error(lambda: localtime.shift_week("9999-W51", 1))  # 9999-W52 ends in year 10000
    _week_error(lambda: localtime.shift_week("2026-W47", 10**6))
    _week_error(lambda: localtime.shift_week("2026-W47", -(10**20)))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20), st.integers(min_value=-(10**7), max_value=10**7))
@example("2026-W53", 1)
@example("0001-W01", -1)
@example("9999-W51", 1)
def test_no_text_breaks_the_week_functions(text, weeks):
    for call in (lambda: localtime.week_days(text), lambda: localtime.shift_week(text, weeks),
                 lambda: localtime.week_bounds(text, "Asia/Shanghai", 4),
                 lambda: localtime.week_bounds(text, "America/New_York", 0)):
        try:
            call()
        except UserError as error:
            assert error.key == "error.week_format"


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[0-9]{4}-W[0-9]{2}", fullmatch=True))
def test_every_week_that_reads_is_written_back_the_same(week):
    try:
        monday = localtime.week_monday(week)
    except UserError:
        return
    assert monday.weekday() == 0 and localtime.week_of(monday) == week


# --- local days and their labels ------------------------------------------------------------


def test_monday_half_past_midnight_in_shanghai_is_still_sunday_and_last_week():
    clock.set_now(datetime(2026, 11, 30, 0, 30, tzinfo=SHANGHAI))
    sunday = date(2026, 11, 29)
    assert localtime.today("Asia/Shanghai", 4) == sunday
    assert localtime.week_of(localtime.today("Asia/Shanghai", 4)) == "2026-W48"
    assert localtime.today("Asia/Shanghai", 0) == date(2026, 11, 30)
    assert localtime.week_of(localtime.today("Asia/Shanghai", 0)) == "2026-W49"
    start, end = localtime.day_bounds(sunday, "Asia/Shanghai", 4)
    assert start <= clock.now() < end
    assert localtime.week_bounds("2026-W48", "Asia/Shanghai", 4)[1] == datetime(2026, 11, 30, 4, tzinfo=SHANGHAI)
    today = localtime.today("Asia/Shanghai", 4)
    assert [localtime.day_label("zh-CN", sunday - timedelta(days=n), today) for n in range(3)] == [
        "今天", "昨天", "11月27日 星期五"]
    assert [localtime.day_label("en", sunday - timedelta(days=n), today) for n in range(3)] == [
        "Today", "Yesterday", "Friday, 27 November"]
    assert localtime.day_label("en", date(2026, 11, 30), today) == "Monday, 30 November"  # not yet begun


def test_new_years_eve_stays_today_until_the_day_start_and_is_yesterday_after():
    clock.set_now(datetime(2026, 12, 31, 23, 30, tzinfo=SHANGHAI))
    eve = localtime.today("Asia/Shanghai", 4)
    assert eve == date(2026, 12, 31) and localtime.day_label("en", eve, eve) == "Today"
    clock.set_now(datetime(2027, 1, 1, 2, 0, tzinfo=SHANGHAI))  # the night shift's last hours
    assert localtime.today("Asia/Shanghai", 4) == eve
    clock.set_now(datetime(2027, 1, 1, 4, 0, tzinfo=SHANGHAI))
    new_year = localtime.today("Asia/Shanghai", 4)
    assert new_year == date(2027, 1, 1) and localtime.week_of(new_year) == "2026-W53"
    assert localtime.day_label("en", eve, new_year) == "Yesterday"
    assert localtime.day_label("zh-CN", date(2026, 12, 30), new_year) == "12月30日 星期三"


# Clocks jump 02:00 -> 03:00 on Sunday 8 March 2026 and 02:00 -> 01:00 on Sunday 1 November. A day that
# starts after 02:00 takes the change into the day before: a night shift's Saturday is the short one.
@pytest.mark.parametrize(("day_start", "short_day", "long_day"), [
    (0, date(2026, 3, 8), date(2026, 11, 1)),
    (1, date(2026, 3, 8), date(2026, 11, 1)),
    (2, date(2026, 3, 8), date(2026, 10, 31)),
    (4, date(2026, 3, 7), date(2026, 10, 31)),
])
def test_new_york_days_are_as_long_as_the_clocks_make_them(day_start, short_day, long_day):
    def hours(day: date) -> float:
        start, end = (bound.astimezone(UTC) for bound in localtime.day_bounds(day, "America/New_York", day_start))
        assert localtime.local_day(start, "America/New_York", day_start) == day
        assert localtime.local_day(end - timedelta(seconds=1), "America/New_York", day_start) == day
        return (end - start) / HOUR  # in UTC: Python subtracts two times of one zone by their wall clocks

    days = [date(2026, 3, 6) + timedelta(days=n) for n in range(4)] + [
        date(2026, 10, 30) + timedelta(days=n) for n in range(4)]
    assert {day: hours(day) for day in days} == {
        day: 23 if day == short_day else 25 if day == long_day else 24 for day in days}
    for day in days:  # one day ends where the next begins
        assert (localtime.day_bounds(day, "America/New_York", day_start)[1].astimezone(UTC)
                == localtime.day_bounds(day + timedelta(days=1), "America/New_York", day_start)[0].astimezone(UTC))


def test_new_york_weeks_with_a_clock_change_are_an_hour_short_or_long():
    start, end = localtime.week_bounds("2026-W10", "America/New_York", 4)  # 2-8 March; spring forward on Sunday
    assert (start, end - start) == (datetime(2026, 3, 2, 9, tzinfo=UTC), 7 * 24 * HOUR - HOUR)
    start, end = localtime.week_bounds("2026-W44", "America/New_York", 4)  # 26 Oct - 1 Nov; fall back on Sunday
    assert (start, end - start) == (datetime(2026, 10, 26, 8, tzinfo=UTC), 7 * 24 * HOUR + HOUR)


def test_the_hour_new_york_skips_starts_its_day_at_the_first_hour_that_exists():
    # With a 02:00 day start, 8 March has no 02:00: its day begins when the clocks read 03:00.
    start = localtime.day_bounds(date(2026, 3, 8), "America/New_York", 2)[0].astimezone(UTC)
    assert start == datetime(2026, 3, 8, 7, tzinfo=UTC) == datetime(2026, 3, 8, 3, tzinfo=NEW_YORK)
    assert localtime.local_day(start - timedelta(seconds=1), "America/New_York", 2) == date(2026, 3, 7)
    # 1 November shows 01:30 twice; both belong to that day with a midnight start, to the day before with 02:00.
    for fold in (0, 1):
        twice = datetime(2026, 11, 1, 1, 30, fold=fold, tzinfo=NEW_YORK)
        assert localtime.local_day(twice, "America/New_York", 0) == date(2026, 11, 1)
        assert localtime.local_day(twice, "America/New_York", 2) == date(2026, 10, 31)


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(2025, 12, 20), max_value=datetime(2027, 1, 10), timezones=st.just(UTC)),
       st.sampled_from(["America/New_York", "Asia/Shanghai"]), st.integers(min_value=0, max_value=12))
@example(datetime(2026, 3, 8, 7, tzinfo=UTC), "America/New_York", 2)
@example(datetime(2026, 11, 1, 6, 30, tzinfo=UTC), "America/New_York", 1)
@example(datetime(2026, 11, 29, 16, 30, tzinfo=UTC), "Asia/Shanghai", 4)
def test_every_instant_lies_within_its_own_local_day_and_week(instant, zone, day_start):
    day = localtime.local_day(instant, zone, day_start)
    start, end = localtime.day_bounds(day, zone, day_start)
    assert start <= instant < end
    week_start, week_end = localtime.week_bounds(localtime.week_of(day), zone, day_start)
    assert week_start <= instant < week_end
    assert localtime.monday_of(day) == localtime.week_monday(localtime.week_of(day))
