from datetime import UTC, datetime

from sqlalchemy import select

from resilience_app.core import clock
from resilience_app.models import RechargeBlock
from resilience_app.services import accounts, plan, sessions
from resilience_app.state.auth import AuthState
from resilience_app.state.plan import PlanState, RechargeTodayState
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, run, stored_drafts, substate


def _plan(token, query=None):
    root = make_root(token=token, path="/plan", query=query)
    run(substate(root, AuthState).load_private())
    state = substate(root, PlanState)
    run(state.load())
    return state


def _today(token):
    root = make_root(token=token)
    run(substate(root, AuthState).load_private())
    state = substate(root, RechargeTodayState)
    run(state.load())
    return state


def test_interests_are_added_typed_or_picked_and_three_are_encouraged(db, signed_in, frozen_clock):
    _, token = signed_in
    state = _plan(token)
    assert state.week == state.this_week == "2026-W47" and state.few_interests
    assert state.week_label == "16 Nov – 22 Nov" and state.ics_href == "/api/plan.ics?week=2026-W47"
    assert "Drawing" in state.suggestions
    run(state.add_interest({"interest": "Pottery"}))
    run(state.pick_suggestion("Drawing"))
    assert "Drawing" not in state.suggestions and state.few_interests
    run(state.pick_suggestion("Cooking"))
    assert [i["name"] for i in state.interests] == ["Pottery", "Drawing", "Cooking"]
    assert not state.few_interests
    run(state.add_interest({"interest": "  "}))
    assert state.error_where == "interests" and state.error_text == "Write down one thing that makes you forget work."
    run(state.remove_interest(state.interests[0]["id"]))
    assert [i["name"] for i in state.interests] == ["Drawing", "Cooking"] and state.error_text == ""


def test_a_block_is_planned_and_an_overlap_is_refused_in_the_users_language(db, signed_in, frozen_clock):
    _, token = signed_in
    state = _plan(token)
    assert state.default_day == "2026-11-20"  # today, when the week shown is this week
    assert [o["value"] for o in state.day_options][0] == "2026-11-16"
    form = {"day": "2026-11-21", "start": "14:00", "length": "120", "interest": "Drawing"}
    run(state.add_block(form))
    assert state.error_text == "" and state.notice_text.startswith("Planned.")
    [block] = state.blocks
    assert (block.start, block.end, block.interest, block.status, block.timing) == (
        "14:00", "16:00", "Drawing", "planned", "upcoming")
    assert [item.label for item in block.checklist][:2] == ["Qianniu", "WeCom"]
    run(state.add_block({**form, "start": "15:00"}))
    assert state.error_where == "block"
    assert state.error_text == "This overlaps “Drawing” (14:00–16:00). Try another time."
    run(state.add_block({**form, "start": "7pm"}))
    assert state.error_text == "Enter a start time, such as 19:00."
    assert len(state.blocks) == 1
    run(state.toggle_item(block.id, 1))
    run(state.add_item({"block": block.id, "label": "DingTalk"}))
    assert [(i.label, i.off) for i in state.blocks[0].checklist][1:] == [
        ("WeCom", True), ("Work group chats", False), ("Work notifications", False), ("DingTalk", False)]


def test_past_weeks_are_shown_but_get_no_new_blocks(db, signed_in, frozen_clock):
    _, token = signed_in
    state = _plan(token)
    run(state.show_week(-1))
    assert state.week == "2026-W46" and state.is_past
    run(state.add_block({"day": "2026-11-12", "start": "10:00", "length": "120", "interest": "Drawing"}))
    assert state.error_text == "Past weeks can't get new blocks. Plan this week or next instead."
    run(state.show_week(2))
    assert state.week == "2026-W48" and not state.is_past and state.default_day == "2026-11-23"
    assert _plan(token, {"week": "2026-W50"}).week == "2026-W50"
    assert _plan(token, {"week": "soon"}).week == "2026-W47"


def test_after_a_block_it_is_marked_done_with_a_rating_and_a_note(db, signed_in, frozen_clock):
    profile, token = signed_in
    with db() as s:
        plan.add_block(s, user_id=profile.id, day="2026-11-20", start="17:00", interest="Cooking")
    state = _plan(token)
    [block] = state.blocks
    assert block.timing == "past" and state.finishing_id == block.id  # the panel opens by itself
    run(state.save_finish({"note": ""}))
    assert state.error_where == "finish" and state.error_text == "How recharged do you feel? Pick 1 to 5."
    state.set_rating(4)
    run(state.save_finish({"note": "made dumplings"}))
    assert stored_drafts(state) == ["plan_note:lin"]  # the note's draft is forgotten
    assert state.notice_text == "Noted. Thank you for looking after yourself." and state.finishing_id == ""
    [block] = state.blocks
    assert (block.status, block.rating, block.note) == ("done", 4, "made dumplings")
    state.choose_finish(block.id)
    state.set_outcome("skipped")
    run(state.save_finish({"note": ""}))
    with db() as s:
        assert s.scalar(select(RechargeBlock.status)) == "skipped"


def test_someone_elses_block_cannot_be_touched_from_the_page(db, signed_in, frozen_clock):
    _, token = signed_in
    with db() as s:
        wang = accounts.register(s, username="wang", password=GOOD_PASSWORD).id
        theirs = plan.add_block(s, user_id=wang, day="2026-11-20", start="17:00", interest="爬山")
    state = _plan(token)
    assert state.blocks == []
    for call in (state.delete_block(theirs.public_id), state.toggle_item(theirs.public_id, 0),
                 state.add_item({"block": theirs.public_id, "label": "x"})):
        run(call)
        assert state.error_text == "We couldn't find that entry. It may have been deleted."
    state.choose_finish(theirs.public_id)
    state.set_rating(5)
    run(state.save_finish({"note": "mine now"}))
    assert state.error_where == "finish"
    with db() as s:
        assert plan.get_block(s, user_id=wang, public_id=theirs.public_id).status == "planned"


def test_today_is_calm_during_a_block_nudges_midweek_and_is_otherwise_quiet(db, signed_in, frozen_clock):
    profile, token = signed_in
    assert _today(token).mode == "nudge"  # Friday, nothing planned
    with db() as s:
        block = plan.add_block(s, user_id=profile.id, day="2026-11-21", start="10:00", interest="Hiking")
    assert _today(token).mode == ""
    clock.set_now(datetime(2026, 11, 21, 3, 0, tzinfo=UTC))  # Saturday 11:00 in Shanghai
    state = _today(token)
    assert (state.mode, state.interest, state.until, state.block_id) == ("calm", "Hiking", "12:00", block.public_id)
    run(state.toggle_item(0))
    assert state.checklist[0].off is True
    clock.set_now(datetime(2026, 11, 16, 3, 0, tzinfo=UTC))  # Monday: too early in the week to nudge
    with db() as s:
        other = sessions.create_session(s, user_id=accounts.register(s, username="mei", password=GOOD_PASSWORD).id)
    assert _today(other).mode == ""


def test_the_weeks_kept_line_reads_as_a_sentence_after_one_week_and_after_several(db, signed_in, frozen_clock):
    profile, token = signed_in  # joined on Friday 20 November (W47)
    assert _plan(token).adherence_text == ""  # a new account is not judged
    clock.set_now(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))  # W48: one whole week since joining
    assert _plan(token).adherence_text == "Last week had no recharge block done."
    clock.set_now(datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
    with db() as s:
        block = plan.add_block(s, user_id=profile.id, day="2026-11-20", start="17:00", interest="Cooking")
        plan.finish_block(s, user_id=profile.id, public_id=block.public_id, outcome="done", recharged=4)
    clock.set_now(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    assert _plan(token).adherence_text == "Last week had a recharge block done."
    with db() as s:
        accounts.update_settings(s, user_id=profile.id, language="zh-CN")
    assert _plan(token).adherence_text == "上周完成了充电。"
    clock.set_now(datetime(2026, 11, 30, 12, 0, tzinfo=UTC))  # Monday of W49: two whole weeks
    assert _plan(token).adherence_text == "过去 2 周里，有 1 周完成了充电。"
