from datetime import UTC, datetime

from resilience_app.services import emotion_box, moods
from resilience_app.state.auth import AuthState
from resilience_app.state.drafts import DraftState
from resilience_app.state.emotion_box import BoxState
from tests.state.conftest import make_root, run, stored_drafts, substate

NEXT_MORNING = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)  # 04:00 on the 21st in Shanghai


def _box(token, path="/box"):
    root = make_root(token=token, path=path)
    run(substate(root, AuthState).load_private())
    box = substate(root, BoxState)
    run(box.load())
    return box


def _slips(db, user_id):
    with db() as s:
        return emotion_box.export_slips(s, user_id)


def test_adding_slips_stores_them_and_clears_the_draft(db, frozen_clock, signed_in):
    profile, token = signed_in
    box = _box(token)
    run(box.add({"slip": "A customer called me brainless"}))
    receipts = substate(box.parent_state, DraftState).receipts.split()
    assert [receipt.split("/", 1)[1] for receipt in receipts] == ["slip:lin"]
    run(box.add({"slip": "I could not fix the discount"}))
    later = substate(box.parent_state, DraftState).receipts.split()
    assert later[0] == receipts[0] and len(later) == 2 and later[1] != receipts[0]  # a new receipt each time
    assert [slip["text"] for slip in box.open_slips] == ["A customer called me brainless", "I could not fix the discount"]
    assert box.open_count == 2 and box.error_text == ""
    assert [slip["status"] for slip in _slips(db, profile.id)] == ["open", "open"]


def test_a_double_tap_on_add_stores_one_slip(db, frozen_clock, signed_in):
    profile, token = signed_in
    box = _box(token)
    pending = box.pending_id
    run(box.add({"slip": "twice"}))
    box.pending_id = pending  # the second event of a double tap carries the same id
    run(box.add({"slip": "twice"}))
    assert len(_slips(db, profile.id)) == 1


def test_an_empty_slip_gets_a_message_in_the_users_language(db, frozen_clock, signed_in):
    _, token = signed_in
    box = _box(token)
    assert run(box.add({"slip": "   "})) is None
    assert box.error_text == "The slip is still blank. A few words are enough."
    run(box.seal())
    assert box.error_text == "The box is empty. Write a slip first." and not box.just_sealed


def test_remove_takes_an_open_slip_back_out(db, frozen_clock, signed_in):
    profile, token = signed_in
    box = _box(token)
    run(box.add({"slip": "never mind"}))
    slip_id = box.open_slips[0]["id"]
    run(box.remove(slip_id))
    run(box.remove(slip_id))  # a double tap: already gone, no message
    assert box.open_slips == [] and box.error_text == "" and _slips(db, profile.id) == []


def test_sealing_shows_the_closing_screen_and_hides_the_text(db, frozen_clock, signed_in):
    profile, token = signed_in
    box = _box(token)
    run(box.add({"slip": "secret one"}))
    run(box.add({"slip": "secret two"}))
    run(box.seal())
    run(box.seal())  # a double tap says nothing more
    assert box.just_sealed and box.error_text == ""
    assert box.sealed_count == 2 and box.open_slips == [] and box.ready == []
    assert box.opens_on_label == "tomorrow (Saturday, 21 November)"
    # A reload: the closing screen gives way to the count, and no text is held anywhere.
    box = _box(token)
    assert not box.just_sealed and box.sealed_count == 2
    assert "secret" not in str(box.dict())


def test_next_morning_slips_can_be_kept_let_go_or_named(db, frozen_clock, signed_in):
    profile, token = signed_in
    box = _box(token)
    for text in ("keep me", "let me go", "name me"):
        run(box.add({"slip": text}))
    run(box.seal())
    ids = {slip["text"]: slip["id"] for slip in _slips(db, profile.id)}

    run(box.keep(ids["keep me"]))
    assert box.error_text == "This slip is still sealed. Come back tomorrow to open it."

    frozen_clock.set_now(NEXT_MORNING)
    box = _box(token)
    assert [slip["text"] for slip in box.ready] == ["keep me", "let me go", "name me"]
    assert box.ready[0]["day"] == "Written Friday, 20 November" and box.sealed_count == 0

    run(box.keep(ids["keep me"]))
    assert [slip["text"] for slip in box.kept] == ["keep me"]
    assert box.notice_text == "Kept. It's below whenever you want it."

    run(box.let_go(ids["let me go"]))  # the first tap only asks
    assert box.confirm_let_go_id == ids["let me go"] and len(box.ready) == 2
    box.cancel()
    assert box.confirm_let_go_id == ""
    box.ask_let_go(ids["let me go"])
    run(box.let_go(ids["let me go"]))
    assert [slip["text"] for slip in box.ready] == ["name me"] and box.confirm_let_go_id == ""

    box.start_convert(ids["name me"])
    assert box.converting_id == ids["name me"]
    run(box.convert({"emotion": "wronged", "reframe": "I feel wronged, but it is not my fault"}))
    assert stored_drafts(box)[-1] == "box_reframe:lin"
    assert box.ready == [] and box.converting_id == ""
    assert box.notice_text == "Saved as a check-in; you'll find it in Journal."
    run(box.convert({"emotion": "wronged", "reframe": ""}))  # a double tap does nothing more
    with db() as s:
        mood = moods.get_mood(s, user_id=profile.id, public_id=ids["name me"])
    assert mood.cause == "name me" and mood.reframe == "I feel wronged, but it is not my fault"
    # The let-go slip's words are gone; only that it was let go is kept, for the weekly reflection.
    assert [(slip["status"], slip["text"]) for slip in _slips(db, profile.id)] == [
        ("kept", "keep me"), ("released", "")]


def test_converting_without_a_word_explains_and_keeps_the_slip(db, frozen_clock, signed_in):
    profile, token = signed_in
    box = _box(token)
    run(box.add({"slip": "hard day"}))
    run(box.seal())
    frozen_clock.set_now(NEXT_MORNING)
    box = _box(token)
    box.start_convert(box.ready[0]["id"])
    assert run(box.convert({"emotion": "", "reframe": ""})) is None
    assert box.error_text == "Pick a word for the feeling first."
    assert box.converting_id and len(box.ready) == 1


def test_the_word_select_offers_only_unpleasant_words_grouped_by_quadrant(db, frozen_clock, signed_in):
    _, token = signed_in
    box = _box(token)
    assert [group.name for group in box.word_groups] == ["Tense & upset", "Low & drained"]
    keys = {word["key"] for group in box.word_groups for word in group.words}
    assert "wronged" in keys and "angry" in keys and "happy" not in keys


def test_the_summary_for_the_cards_counts_without_text(db, frozen_clock, signed_in):
    profile, token = signed_in
    with db() as s:
        emotion_box.add_slip(s, user_id=profile.id, text="sealed yesterday")
        emotion_box.seal_box(s, user_id=profile.id, time_zone=profile.time_zone, day_start_hour=profile.day_start_hour)
        emotion_box.add_slip(s, user_id=profile.id, text="still open")
    root = make_root(token=token)
    run(substate(root, AuthState).load_private())
    box = substate(root, BoxState)
    run(box.load_summary())
    assert (box.open_count, box.sealed_count, box.ready_count) == (1, 1, 0)
    assert box.open_slips == [] and "sealed yesterday" not in str(box.dict())
    frozen_clock.set_now(NEXT_MORNING)
    run(box.load_summary())
    assert (box.open_count, box.sealed_count, box.ready_count) == (1, 0, 1)


def test_without_a_session_nothing_is_read_or_stored(db, frozen_clock, signed_in):
    profile, _ = signed_in
    with db() as s:
        emotion_box.add_slip(s, user_id=profile.id, text="lin's slip")
    box = _box("forged")
    run(box.load_summary())
    assert box.open_slips == [] and box.open_count == 0
    run(box.add({"slip": "hacked"}))
    assert box.error_text  # the session-expired message
    slip_id = _slips(db, profile.id)[0]["id"]
    run(box.remove(slip_id))
    run(box.seal())
    run(box.keep(slip_id))
    run(box.let_go(slip_id))
    run(box.let_go(slip_id))
    box.converting_id = slip_id
    run(box.convert({"emotion": "sad", "reframe": ""}))
    assert [(slip["text"], slip["status"]) for slip in _slips(db, profile.id)] == [("lin's slip", "open")]
