"""Care in private entries, through the real states: a crisis sign in words just saved brings the writer
a card; an idiom does not; "not now" lasts until the writer's next local day; nothing reaches the database."""

from datetime import UTC, datetime

from sqlalchemy import func, select, text

from resilience_app.models import Base
from resilience_app.services import accounts, emotion_box, journal, moods, sessions
from resilience_app.state.auth import AuthState
from resilience_app.state.care import CareDeviceState, CareState
from resilience_app.state.emotion_box import BoxState
from resilience_app.state.journal import ReviewState, WinsState
from resilience_app.state.mood import MoodHistoryState, MoodState
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, run, substate

ACUTE = "我已经把攒的安眠药都吃了"
ACUTE_EN = "I've already taken all the pills I saved"
CONCERN = "活着没意思，不想再醒来了"
IDIOM = "累死了，笑死，这个客户要把我逼疯了"
# frozen_clock is 20:00 on 20 November in Shanghai; Lin's day starts at 04:00.
LAST_MINUTE_OF_THE_DAY = datetime(2026, 11, 20, 19, 59, tzinfo=UTC)  # 03:59 on the 21st: still the 20th
NEXT_LOCAL_DAY = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)  # 04:00 on the 21st


def _page(token, cls, path):
    root = make_root(token=token, path=path)
    run(substate(root, AuthState).load_private())
    state = substate(root, cls)
    run(state.load())
    return state


def _care(state) -> CareState:
    return substate(state._get_root_state(), CareState)


def _row_counts(db) -> dict[str, int]:
    with db() as s:
        return {table.name: s.scalar(select(func.count()).select_from(table)) for table in Base.metadata.sorted_tables}


def test_a_crisis_slip_brings_the_card_beside_the_box_and_an_idiom_does_not(db, frozen_clock, signed_in):
    _, token = signed_in
    box = _page(token, BoxState, "/box")
    run(box.add({"slip": IDIOM}))
    assert not _care(box).visible
    run(box.add({"slip": CONCERN}))
    care = _care(box)
    assert (care.visible, care.acute, care.where) == (True, False, "box")
    run(box.add({"slip": ACUTE}))
    assert (care.visible, care.acute) == (True, True)


def test_words_saved_anywhere_private_bring_the_card_where_they_were_saved(db, frozen_clock, signed_in):
    profile, token = signed_in
    mood = _page(token, MoodState, "/")
    run(mood.save_emotion("wronged"))
    run(mood.save_details({"cause": "客户骂我", "reframe": "", "note": ACUTE_EN}))
    care = _care(mood)
    assert (care.visible, care.acute, care.where) == (True, True, "today_mood")

    wins = substate(mood._get_root_state(), WinsState)
    run(wins.load_today())
    run(wins.add({"text": CONCERN}))
    assert (care.visible, care.acute, care.where) == (True, False, "today_win")

    with db() as s:
        entry = moods.log_mood(s, user_id=profile.id, emotion="anxious").public_id
        win = journal.add_entry(s, user_id=profile.id, kind="win", text="回了 500 条消息").public_id
    history = _page(token, MoodHistoryState, "/journal")
    run(history.start_edit(entry))
    run(history.save_edit({"emotion": "anxious", "cause": "", "reframe": CONCERN, "note": ""}))
    assert _care(history).where == f"mood:{entry}"
    listed = substate(history._get_root_state(), WinsState)
    run(listed.load_list())
    listed.start_edit(win)
    run(listed.save_edit({"kind": "win", "text": ACUTE}))
    assert (_care(history).where, _care(history).acute) == (f"win:{win}", True)

    review = _page(token, ReviewState, "/review")
    run(review.save({"recognition": CONCERN}))
    assert (_care(review).visible, _care(review).where) == (True, "review")


def test_ordinary_and_idiomatic_words_bring_nothing(db, frozen_clock, signed_in):
    _, token = signed_in
    mood = _page(token, MoodState, "/")
    run(mood.save_emotion("wronged"))
    run(mood.save_details({"cause": IDIOM, "reframe": "这不是我的错", "note": "I'm dying to know how the sale went"}))
    wins = substate(mood._get_root_state(), WinsState)
    run(wins.load_today())
    run(wins.add({"text": "今天这单我杀疯了，客户还夸我"}))
    assert not _care(mood).visible and _care(mood).where == ""


def test_a_failed_save_brings_no_card(db, frozen_clock, signed_in):
    _, token = signed_in
    box = _page(token, BoxState, "/box")
    run(box.add({"slip": CONCERN + "。" * 1000}))  # longer than a slip may be
    assert box.error_text and not _care(box).visible


def test_converting_a_slip_with_a_heavy_reframe_brings_the_card_beside_the_ready_slips(db, frozen_clock, signed_in):
    profile, token = signed_in
    with db() as s:
        emotion_box.add_slip(s, user_id=profile.id, text="被客户骂了")
        emotion_box.seal_box(s, user_id=profile.id, time_zone=profile.time_zone, day_start_hour=profile.day_start_hour)
    frozen_clock.set_now(NEXT_LOCAL_DAY)
    box = _page(token, BoxState, "/box")
    box.start_convert(box.ready[0]["id"])
    run(box.convert({"emotion": "wronged", "reframe": CONCERN}))
    assert (_care(box).visible, _care(box).where) == (True, "box_ready")


def test_not_now_lasts_until_the_writers_next_local_day(db, frozen_clock, signed_in):
    _, token = signed_in
    box = _page(token, BoxState, "/box")
    run(box.add({"slip": CONCERN}))
    care, device = _care(box), substate(box._get_root_state(), CareDeviceState)
    run(care.not_now())
    assert not care.visible and device.quiet_mark
    run(box.add({"slip": ACUTE}))
    assert not care.visible  # the same local day: even acute words stay quiet, as asked
    frozen_clock.set_now(LAST_MINUTE_OF_THE_DAY)
    run(box.add({"slip": CONCERN}))
    assert not care.visible
    frozen_clock.set_now(NEXT_LOCAL_DAY)
    run(box.add({"slip": IDIOM}))
    assert not care.visible
    run(box.add({"slip": CONCERN}))
    assert care.visible and care.where == "box"


def test_the_mark_on_the_device_holds_for_a_new_tab_and_only_for_its_writer(db, frozen_clock, signed_in):
    _, token = signed_in
    box = _page(token, BoxState, "/box")
    run(box.add({"slip": CONCERN}))
    run(_care(box).not_now())
    mark = substate(box._get_root_state(), CareDeviceState).quiet_mark

    # A reload: a new tab state, given the mark the browser kept.
    again = _page(token, BoxState, "/box")
    substate(again._get_root_state(), CareDeviceState).quiet_mark = mark
    run(again.add({"slip": CONCERN}))
    assert not _care(again).visible

    # Wang on the same phone, with Lin's mark still in its storage: his words still bring his card.
    with db() as s:
        wang = accounts.register(s, username="wang", password=GOOD_PASSWORD, language="en")
        wang_token = sessions.create_session(s, user_id=wang.id)
    his = _page(wang_token, BoxState, "/box")
    substate(his._get_root_state(), CareDeviceState).quiet_mark = mark
    run(his.add({"slip": CONCERN}))
    assert _care(his).visible


def test_the_card_is_the_writers_alone_and_nothing_reaches_the_database(db, frozen_clock, signed_in):
    profile, token = signed_in
    box = _page(token, BoxState, "/box")
    before = _row_counts(db)
    run(box.add({"slip": ACUTE}))
    after_save = _row_counts(db)
    assert {name: after_save[name] - before[name] for name in before if after_save[name] != before[name]} == \
        {"box_slips": 1}  # the slip itself, and nothing else
    run(_care(box).not_now())
    assert _row_counts(db) == after_save
    mark = substate(box._get_root_state(), CareDeviceState).quiet_mark
    # The mark names no one, no day and no words; no table holds it.
    for revealing in (profile.username, profile.public_id, "2026-11-20", "20261120", ACUTE):
        assert revealing not in mark
    with db() as s:
        for table in Base.metadata.sorted_tables:
            assert mark not in repr(s.execute(text(f"SELECT * FROM {table.name}")).all()), table.name



def test_another_person_on_the_same_tab_finds_no_card(db, frozen_clock, signed_in):
    _, token = signed_in
    box = _page(token, BoxState, "/box")
    run(box.add({"slip": ACUTE}))
    assert _care(box).visible
    with db() as s:
        wang = accounts.register(s, username="wang", password=GOOD_PASSWORD, language="en")
        wang_token = sessions.create_session(s, user_id=wang.id)
    root = box._get_root_state()
    root.router = make_root(token=wang_token, path="/box").router
    run(substate(root, AuthState).load_private())
    assert (_care(box).visible, _care(box).acute, _care(box).where) == (False, False, "")


def test_entries_synced_from_the_phone_bring_the_card_on_today_only_for_their_writer(db, frozen_clock, signed_in):
    """What assets/offline_capture.js submits after a sync answered care: the ids only; the words are
    read again, and only the signed-in writer's."""
    profile, token = signed_in
    with db() as s:
        heavy = emotion_box.add_slip(s, user_id=profile.id, text=ACUTE).public_id
        light = journal.add_entry(s, user_id=profile.id, kind="win", text=IDIOM).public_id
        wang = accounts.register(s, username="wang", password=GOOD_PASSWORD, language="en")
        wang_token = sessions.create_session(s, user_id=wang.id)
    care = _care(_page(token, BoxState, "/"))
    run(care.after_sync({"ids": light}))
    assert not care.visible
    run(care.after_sync({"ids": f"{light} not-an-id {heavy}"}))
    assert (care.visible, care.acute, care.where) == (True, True, "synced")

    # Wang's tab, given Lin's ids: nothing of Lin's is read, so no card.
    his = _page(wang_token, BoxState, "/")
    run(_care(his).after_sync({"ids": heavy}))
    assert not _care(his).visible

    # "Not now" holds for what syncs later the same day.
    run(care.not_now())
    run(care.after_sync({"ids": heavy}))
    assert not care.visible
