"""Streaks and consistency: pure functions of logged days and today, at every boundary."""

from datetime import UTC, date, datetime, timedelta

import pytest

from resilience_app.services.streaks import REST_DAYS_PER_MONTH, consistency, days_of, streak_report


def run(first: date, last: date, *, skip: tuple[date, ...] = ()) -> set[date]:
    """Every day from first to last inclusive, except the skipped ones."""
    days = {first + timedelta(days=n) for n in range((last - first).days + 1)}
    return days - set(skip)


D = date


# --- which day an entry belongs to -------------------------------------------------------


@pytest.mark.parametrize(
    ("instant", "zone", "day_start", "expected"),
    [
        # 01:30 in Shanghai with day start 04:00 belongs to the day before (a late shift).
        (datetime(2026, 11, 19, 17, 30, tzinfo=UTC), "Asia/Shanghai", 4, D(2026, 11, 19)),
        # 04:00 sharp starts the new day.
        (datetime(2026, 11, 19, 20, 0, tzinfo=UTC), "Asia/Shanghai", 4, D(2026, 11, 20)),
        # With a midnight day start, 01:30 is already the new day.
        (datetime(2026, 11, 19, 17, 30, tzinfo=UTC), "Asia/Shanghai", 0, D(2026, 11, 20)),
        # The same instant is a different day in New York and in Shanghai.
        (datetime(2026, 11, 20, 3, 0, tzinfo=UTC), "America/New_York", 0, D(2026, 11, 19)),
        (datetime(2026, 11, 20, 3, 0, tzinfo=UTC), "Asia/Shanghai", 0, D(2026, 11, 20)),
        # Across New York's clock change (1 November 2026, 02:00 EDT → 01:00 EST).
        (datetime(2026, 11, 1, 7, 30, tzinfo=UTC), "America/New_York", 4, D(2026, 10, 31)),
        (datetime(2026, 11, 1, 9, 0, tzinfo=UTC), "America/New_York", 4, D(2026, 11, 1)),
        # A night shift ending at 03:59 on the first of the month still counts for the last day of the old one.
        (datetime(2026, 11, 30, 19, 59, tzinfo=UTC), "Asia/Shanghai", 4, D(2026, 11, 30)),
        (datetime(2026, 11, 30, 20, 0, tzinfo=UTC), "Asia/Shanghai", 4, D(2026, 12, 1)),
    ],
)
def test_an_entry_counts_for_the_users_local_day(instant, zone, day_start, expected):
    assert days_of([instant], zone, day_start) == {expected}


def test_a_night_shift_check_in_keeps_the_streak_of_the_day_before():
    # Logged at 22:00 on the 18th and 01:30 "on the 20th" (still the 19th with day start 04:00).
    instants = [datetime(2026, 11, 18, 14, 0, tzinfo=UTC), datetime(2026, 11, 19, 17, 30, tzinfo=UTC)]
    days = days_of(instants, "Asia/Shanghai", 4)
    report = streak_report(days, D(2026, 11, 20))
    assert (report.current, report.rest_days) == (2, frozenset())
    # The same entries with a midnight day start leave the 19th empty: a rest day bridges it.
    report = streak_report(days_of(instants, "Asia/Shanghai", 0), D(2026, 11, 20))
    assert (report.current, report.rest_days) == (2, frozenset({D(2026, 11, 19)}))


# --- streaks ---------------------------------------------------------------------------


def test_nothing_logged_is_an_honest_zero():
    report = streak_report([], D(2026, 11, 20))
    assert (report.current, report.longest, report.consistency, report.rest_days_left) == (0, 0, 0, 2)


def test_today_not_yet_logged_does_not_break_the_streak():
    days = run(D(2026, 11, 10), D(2026, 11, 19))
    report = streak_report(days, D(2026, 11, 20))
    assert (report.current, report.longest, report.logged_today, report.rest_days_used) == (10, 10, False, 0)
    report = streak_report(days | {D(2026, 11, 20)}, D(2026, 11, 20))
    assert (report.current, report.longest, report.logged_today) == (11, 11, True)


def test_a_rest_day_bridges_but_does_not_lengthen():
    days = run(D(2026, 11, 10), D(2026, 11, 20), skip=(D(2026, 11, 15),))
    report = streak_report(days, D(2026, 11, 20))
    assert report.current == 10  # 11 days in the range, one of them rest
    assert report.rest_days == frozenset({D(2026, 11, 15)})
    assert (report.rest_days_used, report.rest_days_left) == (1, 1)


def test_two_rest_days_a_month_then_the_third_gap_breaks():
    skipped = (D(2026, 11, 5), D(2026, 11, 10), D(2026, 11, 15))
    days = run(D(2026, 11, 1), D(2026, 11, 20), skip=skipped)
    report = streak_report(days, D(2026, 11, 20))
    # The 5th and 10th are rest days; the 15th breaks: the streak restarts on the 16th.
    assert report.rest_days == frozenset(skipped[:2])
    assert report.current == 5
    assert report.longest == 12  # 1st-14th minus two rest days
    assert (report.rest_days_used, report.rest_days_left) == (REST_DAYS_PER_MONTH, 0)


def test_a_two_day_gap_is_bridged_but_a_three_day_gap_is_not_and_costs_nothing():
    two = run(D(2026, 11, 1), D(2026, 11, 12), skip=(D(2026, 11, 5), D(2026, 11, 6)))
    report = streak_report(two, D(2026, 11, 12))
    assert (report.current, report.rest_days_used) == (10, 2)
    three = run(D(2026, 11, 1), D(2026, 11, 12), skip=(D(2026, 11, 5), D(2026, 11, 6), D(2026, 11, 7)))
    report = streak_report(three, D(2026, 11, 12))
    # The long gap can't be bridged, so no rest day is spent on it.
    assert (report.current, report.longest, report.rest_days_used) == (5, 5, 0)
    assert report.rest_days == frozenset()


def test_the_allowance_is_per_calendar_month():
    # Two rest days at the end of October and two at the start of November: all bridged.
    skipped = (D(2026, 10, 28), D(2026, 10, 30), D(2026, 11, 2), D(2026, 11, 4))
    days = run(D(2026, 10, 20), D(2026, 11, 10), skip=skipped)
    report = streak_report(days, D(2026, 11, 10))
    assert report.rest_days == frozenset(skipped)
    assert report.current == 22 - 4
    assert (report.rest_days_used, report.rest_days_left) == (2, 0)


def test_a_gap_across_the_month_boundary_uses_one_day_of_each_month():
    days = run(D(2026, 10, 25), D(2026, 11, 5), skip=(D(2026, 10, 31), D(2026, 11, 1)))
    report = streak_report(days, D(2026, 11, 5))
    assert report.rest_days == frozenset({D(2026, 10, 31), D(2026, 11, 1)})
    assert (report.current, report.rest_days_used) == (10, 1)


def test_a_new_month_brings_new_rest_days():
    # November's two are spent; December 1st is missed and bridged by December's allowance.
    skipped = (D(2026, 11, 20), D(2026, 11, 25), D(2026, 12, 1))
    days = run(D(2026, 11, 15), D(2026, 12, 3), skip=skipped)
    report = streak_report(days, D(2026, 12, 3))
    assert report.rest_days == frozenset(skipped)
    assert report.current == 19 - 3
    assert (report.rest_days_used, report.rest_days_left) == (1, 1)


def test_yesterday_missed_is_a_rest_day_until_today_is_logged():
    days = run(D(2026, 11, 10), D(2026, 11, 18))
    report = streak_report(days, D(2026, 11, 20))
    assert (report.current, report.rest_days) == (9, frozenset({D(2026, 11, 19)}))
    report = streak_report(days, D(2026, 11, 21))  # the 19th and 20th both missed: still bridged
    assert (report.current, report.rest_days_used) == (9, 2)
    report = streak_report(days, D(2026, 11, 22))  # three missed days: the streak has ended
    assert (report.current, report.longest, report.rest_days_used) == (0, 9, 0)


def test_a_week_boundary_is_nothing_special():
    # Sunday the 22nd to Monday the 23rd of November 2026, ISO weeks 47 and 48.
    days = run(D(2026, 11, 19), D(2026, 11, 24))
    assert streak_report(days, D(2026, 11, 24)).current == 6


def test_entries_after_today_are_ignored():
    days = run(D(2026, 11, 10), D(2026, 11, 30))
    report = streak_report(days, D(2026, 11, 20))
    assert (report.current, report.longest, report.logged_today) == (11, 11, True)


def test_the_longest_streak_survives_a_break():
    days = run(D(2026, 9, 1), D(2026, 9, 30)) | run(D(2026, 11, 18), D(2026, 11, 20))
    report = streak_report(days, D(2026, 11, 20))
    assert (report.current, report.longest) == (3, 30)


# --- consistency ------------------------------------------------------------------------


def test_every_day_logged_is_full_consistency_and_nothing_is_zero():
    today = D(2026, 11, 20)
    assert consistency(run(D(2026, 9, 1), today), today) == 100
    assert consistency(set(), today) == 0


def test_one_miss_dents_but_does_not_zero_and_recent_misses_weigh_more():
    today = D(2026, 11, 20)
    every_day = run(D(2026, 9, 1), today)
    missed_yesterday = consistency(every_day - {D(2026, 11, 19)}, today)
    missed_long_ago = consistency(every_day - {D(2026, 10, 25)}, today)
    assert 90 <= missed_yesterday < 100
    assert missed_yesterday < missed_long_ago < 100


def test_a_comeback_lifts_the_score_day_by_day():
    today = D(2026, 11, 20)
    history = run(D(2026, 10, 1), D(2026, 10, 31))  # a good October, then two weeks away
    scores = []
    for back in range(5):
        history |= {D(2026, 11, 16) + timedelta(days=back)}
        scores.append(consistency(history, D(2026, 11, 16) + timedelta(days=back)))
    assert scores == sorted(scores) and scores[0] < scores[-1]
    assert 0 < consistency(history, today) < 100


def test_today_still_open_does_not_lower_consistency():
    today = D(2026, 11, 20)
    days = run(D(2026, 10, 1), D(2026, 11, 19))
    assert consistency(days, today) == 100


def test_a_newcomer_is_scored_only_from_their_first_day():
    today = D(2026, 11, 20)
    assert consistency({today}, today) == 100
    assert consistency(run(D(2026, 11, 18), today), today) == 100
    half = consistency({D(2026, 11, 17), D(2026, 11, 19)}, today)
    assert 60 < half < 75  # two of three days, the missed one in the middle
    assert streak_report({D(2026, 11, 17), D(2026, 11, 19)}, today).consistency == half
