from resilience_app.services import journal
from resilience_app.state.auth import AuthState
from resilience_app.state.journal import ReviewState, WinsState
from tests.state.conftest import make_root, run, stored_drafts, substate


def _wins(token):
    root = make_root(token=token)
    run(substate(root, AuthState).load_private())
    wins = substate(root, WinsState)
    run(wins.load_today())
    return wins


def test_adding_a_win_stores_it_and_clears_the_draft(db, signed_in):
    profile, token = signed_in
    wins = _wins(token)
    before = wins.prompt_key
    run(wins.add({"text": "一个客户说谢谢"}))
    assert stored_drafts(wins) == ["win:lin"]
    assert wins.today_count == 1 and wins.just_saved and wins.prompt_key != before
    with db() as s:
        assert journal.recent_entries(s, user_id=profile.id)[0].text == "一个客户说谢谢"


def test_a_thank_you_is_not_filed_under_the_days_wins_question(db, signed_in):
    profile, token = signed_in
    wins = _wins(token)
    run(wins.add({"text": "一个客户说谢谢"}))
    wins.set_kind("gratitude")
    run(wins.add({"text": "同事帮我顶了一会儿班"}))
    with db() as s:
        stored = {e.kind: e.prompt_key for e in journal.recent_entries(s, user_id=profile.id)}
    assert stored["win"] in journal.PROMPT_KEYS and stored["gratitude"] == ""


def test_a_double_tap_on_add_stores_one_entry(db, signed_in):
    profile, token = signed_in
    wins = _wins(token)
    pending = wins.pending_id
    run(wins.add({"text": "twice"}))
    wins.pending_id = pending  # the second event of a double tap carries the same id
    run(wins.add({"text": "twice"}))
    with db() as s:
        assert len(journal.recent_entries(s, user_id=profile.id)) == 1


def test_an_empty_win_gets_a_message_and_the_draft_is_kept(db, signed_in):
    _, token = signed_in
    wins = _wins(token)
    assert run(wins.add({"text": "  "})) is None
    assert wins.error_text == "Write a little, even a few words."
    assert stored_drafts(wins) == []


def test_without_a_session_nothing_is_stored(db, signed_in):
    profile, _ = signed_in
    wins = _wins("forged")
    run(wins.add({"text": "hacked"}))
    with db() as s:
        assert journal.recent_entries(s, user_id=profile.id) == []


def test_the_review_walks_through_the_weeks_wins_then_saves_one_line(db, signed_in):
    profile, token = signed_in
    with db() as s:
        journal.add_entry(s, user_id=profile.id, kind="win", text="first win")
        journal.add_entry(s, user_id=profile.id, kind="gratitude", text="not a win")
        journal.add_entry(s, user_id=profile.id, kind="win", text="second win")
    root = make_root(token=token, path="/review")
    run(substate(root, AuthState).load_private())
    review = substate(root, ReviewState)
    run(review.load())
    assert [w["text"] for w in review.wins] == ["first win", "second win"]
    assert review.current["text"] == "first win" and not review.at_recognition
    review.next()
    review.next()
    assert review.at_recognition
    run(review.save({"recognition": "I held steady this week."}))
    assert review.saved and review.done and not review.due
    with db() as s:
        assert journal.get_review(s, user_id=profile.id, week=review.week).recognition == "I held steady this week."
