from sqlalchemy import func, select

from resilience_app.models import MoodEntry
from resilience_app.services import accounts, moods
from resilience_app.state.auth import AuthState
from resilience_app.state.mood import MoodHistoryState, MoodState
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, run, substate


def _today(token):
    root = make_root(token=token)
    run(substate(root, AuthState).load_private())
    mood = substate(root, MoodState)
    run(mood.load())
    return root, mood


def _count(db) -> int:
    with db() as s:
        return s.scalar(select(func.count()).select_from(MoodEntry))


def test_two_taps_save_and_the_entry_is_committed_in_the_event(db, signed_in):
    _, token = signed_in
    _, mood = _today(token)
    assert [q["key"] for q in mood.picker] == ["high_unpleasant", "low_unpleasant", "low_pleasant", "high_pleasant"]
    mood.choose_quadrant("low_unpleasant")
    assert any(w["key"] == "wronged" for w in mood.open_words)
    run(mood.save_emotion("wronged"))
    assert _count(db) == 1  # in the database already, not only in state
    assert mood.saved_name == "Wronged" and mood.saved_pleasant is False and mood.show_undo
    assert mood.open_quadrant == ""


def test_a_double_tap_stores_one_entry_and_says_so(db, signed_in):
    _, token = signed_in
    _, mood = _today(token)
    mood.choose_quadrant("high_pleasant")
    run(mood.save_emotion("proud"))
    run(mood.save_emotion("proud"))
    assert _count(db) == 1 and mood.repeat_tap
    # A new check-in after this one gets a new id, also once the confirmation is dismissed.
    mood.choose_quadrant("low_pleasant")
    run(mood.save_emotion("calm"))
    assert _count(db) == 2 and mood.saved_name == "Calm"
    mood.dismiss()
    mood.choose_quadrant("high_unpleasant")
    run(mood.save_emotion("angry"))
    assert _count(db) == 3 and mood.saved_name == "Angry" and not mood.repeat_tap


def test_no_word_and_unknown_word_get_clear_messages(db, signed_in):
    _, token = signed_in
    _, mood = _today(token)
    run(mood.save_emotion(""))
    assert mood.error_text == "Pick a word for the feeling first."
    run(mood.save_emotion("sort_of_meh"))
    assert "isn't in the list" in mood.error_text
    assert _count(db) == 0


def test_without_a_session_nothing_is_saved(db, signed_in):
    _, mood = _today("forged-token")
    run(mood.save_emotion("calm"))
    assert _count(db) == 0 and mood.saved_id == ""
    assert mood.error_text  # the session-expired message


def test_undo_deletes_the_entry(db, signed_in):
    _, token = signed_in
    _, mood = _today(token)
    mood.choose_quadrant("low_unpleasant")
    run(mood.save_emotion("numb"))
    run(mood.undo())
    assert _count(db) == 0 and mood.saved_id == ""


def test_details_are_saved_and_bad_details_keep_what_was_stored(db, signed_in):
    profile, token = signed_in
    _, mood = _today(token)
    mood.choose_quadrant("high_unpleasant")
    run(mood.save_emotion("angry"))
    mood.set_intensity(4)
    mood.toggle_tag("abuse")
    run(mood.save_details({"cause": "被骂了", "reframe": "不是我的错", "note": ""}))
    assert mood.details_saved and mood.error_text == ""
    run(mood.save_details({"cause": "x" * 400, "reframe": "", "note": ""}))
    assert "at most 300" in mood.error_text
    with db() as s:
        stored = moods.get_mood(s, user_id=profile.id, public_id=mood.saved_id)
    assert (stored.intensity, stored.cause_tags, stored.cause) == (4, ("abuse",), "被骂了")


def test_history_lists_only_my_entries_and_cannot_touch_others(db, signed_in):
    profile, token = signed_in
    with db() as s:
        other = accounts.register(s, username="wang", password=GOOD_PASSWORD).id
        theirs = moods.log_mood(s, user_id=other, emotion="happy").public_id
        moods.log_mood(s, user_id=profile.id, emotion="grateful", cause="客户说谢谢")
    root = make_root(token=token, path="/journal")
    run(substate(root, AuthState).load_private())
    history = substate(root, MoodHistoryState)
    run(history.load())
    entries = [e for day in history.days for e in day.checkins]
    assert [e.emotion for e in entries] == ["grateful"] and entries[0].cause == "客户说谢谢"
    assert history.days[0].label == "Today"
    run(history.start_edit(theirs))
    assert history.editing_id == "" and history.error_text
    history.ask_delete(theirs)
    run(history.delete())
    with db() as s:
        assert moods.get_mood(s, user_id=other, public_id=theirs).emotion == "happy"


def test_history_edit_and_delete_my_entry(db, signed_in):
    profile, token = signed_in
    with db() as s:
        mine = moods.log_mood(s, user_id=profile.id, emotion="anxious").public_id
    root = make_root(token=token, path="/journal")
    run(substate(root, AuthState).load_private())
    history = substate(root, MoodHistoryState)
    run(history.load())
    run(history.start_edit(mine))
    assert history.edit_emotion == "anxious"
    run(history.save_edit({"emotion": "", "cause": "", "reframe": "", "note": ""}))
    assert history.error_text == "Pick a word for the feeling first."
    run(history.save_edit({"emotion": "frustrated", "cause": "系统故障", "reframe": "", "note": ""}))
    assert history.days[0].checkins[0].emotion == "frustrated"
    history.ask_delete(mine)
    run(history.delete())
    assert history.days == [] and history.notice_text == "Deleted."
