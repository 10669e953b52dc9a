from datetime import UTC, datetime, timedelta

from resilience_app.core import i18n
from resilience_app.services import accounts, journal, moods, sessions
from resilience_app.state.auth import AuthState
from resilience_app.state.insights import InsightsState
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, run, substate

EXPIRED = i18n.translate("zh-CN", "error.session_expired")


def _insights(token, handler="load"):
    root = make_root(token=token, path="/insights")
    run(substate(root, AuthState).load_private())
    state = substate(root, InsightsState)
    run(getattr(state, handler)())
    return state


def _log_days(db, user_id, days: int, *, emotion="calm"):
    """A check-in at 20:00 Shanghai on each of the last `days` days up to Friday 20 November 2026."""
    with db() as s:
        for n in range(days):
            felt = datetime(2026, 11, 20, 12, 0, tzinfo=UTC) - timedelta(days=n)
            moods.log_mood(s, user_id=user_id, emotion=emotion, felt_at=felt, cause="物流延误")


def test_a_new_user_sees_honest_empty_states(db, signed_in, frozen_clock):
    _, token = signed_in
    state = _insights(token)
    assert (state.current_streak, state.longest_streak, state.consistency) == (0, 0, 0)
    assert state.streak_text == "Log something today and a new streak begins"
    assert state.week == state.this_week == "2026-W47" and state.at_this_week
    assert state.sentences == [
        "Nothing logged this week. That's all right: resting is looking after yourself too. "
        "This will be here when you come back."]
    assert state.month_label == "November 2026" and state.at_this_month
    assert not state.has_trend and state.quadrant_shares == []


def test_streak_week_calendar_and_trend_in_the_users_language(db, signed_in, frozen_clock):
    profile, token = signed_in
    _log_days(db, profile.id, 20)
    with db() as s:
        journal.add_entry(s, user_id=profile.id, kind="win", text="Calmed an angry buyer")
    state = _insights(token)
    assert state.current_streak == 20 and state.streak_text == "20-day streak"
    assert state.longest_text == "Longest: 20 days" and state.rest_text == "2 rest days left this month"
    assert state.consistency == 100 and state.logged_today
    assert state.week_range == "16 Nov – 22 Nov"
    assert state.sentences[0] == "On 5 days this week you stopped to look after your feelings, with 5 check-ins in all."
    assert [(s.key, s.value) for s in state.stats][:4] == [
        ("insights.stat.days", "5"), ("insights.stat.moods", "5"), ("insights.stat.pleasant", "100%"),
        ("insights.stat.wins", "1")]
    assert [(c.label, c.count) for c in state.top_emotions] == [("Calm", 5)]
    assert [(c.label, c.count) for c in state.top_causes] == [("延误", 5), ("物流", 5)]
    assert state.highlights == ["Calmed an angry buyer"]
    cells = [day for week in state.calendar for day in week if day.day]
    assert len(cells) == 30
    assert cells[19].color == "green" and cells[19].label == "Friday, 20 November: Calm & at ease"
    assert cells[0].color == "green" and cells[20].color == "" and cells[20].future
    assert state.month_summary == "20 days logged this month, 0 rest days used"
    assert state.has_trend
    assert [w["share"] for w in state.trend][-5:] == [None, 100, 100, 100, 100]  # 1-20 November: W44 to W47


def test_the_month_line_counts_one_day_as_a_day(db, signed_in, frozen_clock):
    profile, token = signed_in
    _log_days(db, profile.id, 1)
    assert _insights(token).month_summary == "1 day logged this month, 0 rest days used"
    with db() as s:  # 18 November too: the 19th between them is a rest day
        moods.log_mood(s, user_id=profile.id, emotion="calm", felt_at=datetime(2026, 11, 18, 12, 0, tzinfo=UTC))
    assert _insights(token).month_summary == "2 days logged this month, 1 rest day used"
    with db() as s:
        accounts.update_settings(s, user_id=profile.id, language="zh-CN")
    assert _insights(token).month_summary == "这个月有 2 天记录，用了 1 天休息日"


def test_what_came_up_most_in_english_is_whole_words_that_came_up_more_than_once(db, signed_in, frozen_clock):
    profile, token = signed_in
    causes = ["Bubble tea on the way home", "bubble tea on the way home again", "Answered the same question twice",
              "A customer threatened a bad review", "Threatened with a bad review, again"]
    with db() as s:
        for n, cause in enumerate(causes):
            moods.log_mood(s, user_id=profile.id, emotion="calm", cause=cause,
                           felt_at=datetime(2026, 11, 20, 12, 0, tzinfo=UTC) - timedelta(days=n))
    state = _insights(token)
    assert [(c.label, c.count) for c in state.top_causes] == [("bad review", 2), ("bubble tea", 2), ("threatened", 2)]


def test_weeks_and_months_step_back_but_not_past_now(db, signed_in, frozen_clock):
    profile, token = signed_in
    _log_days(db, profile.id, 40, emotion="stressed")
    state = _insights(token)
    run(state.show_week(1))
    assert state.week == "2026-W47"
    run(state.show_week(-1))
    assert state.week == "2026-W46" and not state.at_this_week and state.week_range == "9 Nov – 15 Nov"
    assert state.sentences[0].startswith("On 7 days this week")
    run(state.show_month(-1))
    assert state.month == "2026-10" and state.month_label == "October 2026"
    cells = [day for week in state.calendar for day in week if day.day]
    assert len(cells) == 31 and cells[-1].color == "red" and cells[0].color == ""
    run(state.show_month(5))
    assert state.month == "2026-11"
    assert state.has_trend


def test_another_session_sees_its_own_numbers_and_a_signed_out_tab_nothing(db, signed_in, frozen_clock):
    profile, token = signed_in
    _log_days(db, profile.id, 3)
    with db() as s:
        wang = accounts.register(s, username="wang", password=GOOD_PASSWORD, language="zh-CN")
        wang_token = sessions.create_session(s, user_id=wang.id)
    state = _insights(wang_token)
    assert state.current_streak == 0 and state.streak_text == "今天记一笔，就是新的开始"
    assert state.month_label == "2026年11月"
    signed_out = _insights(None)
    assert signed_out.sentences == [] and signed_out.calendar == []
    run(signed_out.show_week(-1))
    assert signed_out.error_text == EXPIRED
    assert signed_out.sentences == []


def test_today_loads_only_the_streak_and_review_only_this_week(db, signed_in, frozen_clock):
    profile, token = signed_in
    _log_days(db, profile.id, 2)
    today = _insights(token, "load_streak")
    assert today.current_streak == 2 and today.sentences == [] and today.calendar == []
    review = _insights(token, "load_this_week")
    assert review.week == "2026-W47" and review.sentences and review.calendar == []
