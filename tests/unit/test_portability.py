import copy
import json
import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from resilience_app.contracts import goals as goal_contract
from resilience_app.contracts import journal as journal_contract
from resilience_app.core import i18n, security
from resilience_app.core.db import db_session
from resilience_app.core.errors import UserError
from resilience_app.models import (
    Base, BoxSlip, DailyGoal, FirstAidUse, ForumPost, ForumReply, Interest, JournalEntry, MoodEntry, RechargeBlock,
    WeeklyReview,
)
from resilience_app.services import (
    accounts, emotion_box, emotions, first_aid, goals, journal, moods, plan, portability,
)
from resilience_app.services.forum import groups as forum_groups, posts as forum
from tests.conftest import GOOD_PASSWORD
from tests.unit.forum_support import answer, join, publish, register
from tests.unit.import_support import problem


def _user(db, name="lin"):
    with db() as s:
        return accounts.register(s, username=name, password=GOOD_PASSWORD).id


def test_export_is_versioned_and_has_the_settings(db, frozen_clock):
    uid = _user(db)
    with db() as s:
        accounts.update_settings(s, user_id=uid, display_name="小林", time_zone="Asia/Tokyo")
        document = portability.export_user(s, user_id=uid)
    assert document["format"] == "resilience-export"
    assert document["version"] == 1
    assert document["exported_at"] == "2026-11-20T12:00:00+00:00"
    assert document["user"]["display_name"] == "小林"
    assert document["user"]["time_zone"] == "Asia/Tokyo"
    assert len(document["user"]["id"]) == 32
    assert "password" not in json.dumps(document)


def test_import_restores_settings_and_twice_changes_nothing(db, frozen_clock):
    source, target = _user(db, "lin"), _user(db, "lin2")
    with db() as s:
        accounts.update_settings(s, user_id=source, display_name="小林", language="en", day_start_hour=6)
        document = portability.export_user(s, user_id=source)
    for _ in range(2):
        with db() as s:
            assert portability.import_user(s, user_id=target, document=document)[0] == "user"
        with db() as s:
            after = portability.export_user(s, user_id=target)
        assert {k: after["user"][k] for k in ("display_name", "language", "day_start_hour")} == {
            "display_name": "小林", "language": "en", "day_start_hour": 6}


@pytest.mark.parametrize(
    ("document", "key"),
    [
        ([], "error.import_not_export"),
        ({"format": "other"}, "error.import_not_export"),
        ({"format": "resilience-export", "version": 99}, "error.import_version"),
        ({"format": "resilience-export", "version": 1, "user": "x"}, "error.import_bad_section"),
        ({"format": "resilience-export", "version": 1, "user": {"time_zone": "Nowhere"}}, "error.time_zone_unknown"),
    ],
)
def test_bad_documents_are_refused_and_nothing_changes(db, document, key):
    uid = _user(db)
    with db() as s:
        before = portability.export_user(s, user_id=uid)["user"]
    with pytest.raises(UserError) as caught:
        with db() as s:
            portability.import_user(s, user_id=uid, document=document)
    assert problem(caught.value).key == key
    with db() as s:
        assert portability.export_user(s, user_id=uid)["user"] == before


# --- hostile documents: one named refusal, nothing changed ------------------------------------------


def _fill_every_section(db, frozen_clock) -> int:
    """Lin with entries in every section of the export (and Wang, whose post Lin answered)."""
    lin, wang = register(db, "lin"), register(db, "wang")
    shanghai = {"time_zone": "Asia/Shanghai", "day_start_hour": 4}
    with db() as s:
        accounts.update_settings(s, user_id=lin, display_name="小林", language="en", review_weekday=5, review_hour=21,
                                 **shanghai)
        mood = moods.log_mood(s, user_id=lin, emotion="wronged", intensity=4, cause="客户说不给仅退款就差评",
                              cause_tags=["refund_only", "bad_review_threat"], reframe="这不是我的错", note="先喝口水")
        moods.log_mood(s, user_id=lin, emotion="calm")
        first_aid.start_use(s, user_id=lin, exercise="breathing_space", public_id=security.new_public_id(),
                            mood_public_id=mood.public_id)
        journal.add_entry(s, user_id=lin, kind="win", text="帮客户找回了包裹", prompt_key="journal.prompt.1")
        journal.add_entry(s, user_id=lin, kind="gratitude", text="同事帮我顶了十分钟班")
        journal.save_review(s, user_id=lin, week="2026-W47", recognition="这周我一直很耐心")
        old = goals.add_goal(s, user_id=lin, text="整理话术", reward="一杯奶茶", day=date(2026, 11, 19))
        done = goals.add_goal(s, user_id=lin, text="喝够8杯水", day=date(2026, 11, 20))
        goals.set_done(s, user_id=lin, public_id=done.public_id, done=True)
        goals.carry_over(s, user_id=lin, public_id=old.public_id, to_day=date(2026, 11, 20))
        plan.add_interest(s, user_id=lin, name="爬山")
        block = plan.add_block(s, user_id=lin, day="2026-11-21", start="10:00", interest="爬山")
        plan.add_switch_off(s, user_id=lin, public_id=block.public_id, label="钉钉")
        for text in ("客户骂我", "被扣绩效"):
            emotion_box.add_slip(s, user_id=lin, text=text)
        emotion_box.seal_box(s, user_id=lin, **shanghai)
        emotion_box.add_slip(s, user_id=lin, text="还没封的")
    frozen_clock.set_now(frozen_clock.now() + timedelta(days=1))
    with db() as s:
        plan.finish_block(s, user_id=lin, public_id=block.public_id, outcome="done", recharged=5, note="山顶很美")
        sealed = [slip["id"] for slip in emotion_box.export_slips(s, lin) if slip["status"] == "sealed"]
        emotion_box.keep_slip(s, user_id=lin, public_id=sealed[0], **shanghai)
        emotion_box.let_go(s, user_id=lin, public_id=sealed[1], **shanghai)
        forum_groups.create_group(s, user_id=lin, name="我的店")
    join(db, lin), join(db, wang)
    case = publish(db, lin, kind="case", title="复盘", case={"happened": "客户要求仅退款", "worked": "先共情"},
                   anonymous=True)
    publish(db, lin, kind="vent", body="好累")
    gone = publish(db, lin, kind="tip", title="小技巧", body="先读完再回")
    theirs = publish(db, wang, kind="question", title="怎么办", body="求助")
    answer(db, lin, theirs.id, body="抱抱你", anonymous=True)
    answer(db, lin, case.id, body="补充一句")
    with db() as s:
        forum.delete_post(s, user_id=lin, post_id=gone.id)
    return lin


@pytest.fixture
def filled(db, frozen_clock):
    """Lin's user id and Lin's export, every section filled."""
    lin = _fill_every_section(db, frozen_clock)
    with db() as s:
        document = portability.export_user(s, user_id=lin)
    assert all(document[section.name] for section in portability.SECTIONS)
    return lin, document


def _snapshot(db) -> dict[str, list]:
    """Every row of every table: what "nothing changed" is checked against."""
    with db() as s:
        return {table.name: sorted(map(tuple, s.execute(select(table)).all()), key=repr)
                for table in Base.metadata.sorted_tables}


def _message(error: UserError) -> str:
    """What the operator reads: it must be one complete line."""
    message = i18n.translate("en", error.key, **error.params)
    assert "\n" not in message and "\r" not in message, message
    assert not re.search(r"\{[a-z_]+\}|\b(?:error|import)\.[a-z_]+", message), message  # nothing left untranslated
    return message


def _refused(db, uid: int, document) -> str:
    """Import the document, expect a refusal; nothing may have changed. Returns the message."""
    before = _snapshot(db)
    with pytest.raises(UserError) as caught:
        with db() as s:
            portability.import_user(s, user_id=uid, document=document)
    assert _snapshot(db) == before
    return _message(caught.value)


def _changed(document: dict, path: tuple, value) -> dict:
    changed = copy.deepcopy(document)
    *parents, last = path
    node = changed
    for step in parents:
        node = node[step]
    node[last] = value
    return changed


HEX = "0123456789abcdef" * 2
HOSTILE = [
    # (where, the value put there, words the one-line message must contain)
    (("version",), True, "version (true)"),
    (("version",), 1.0, "version (1.0)"),
    (("exported_at",), "0001-01-01T00:00+14:00", "exported_at"),
    (("moods",), {"0": {}}, "“moods” section"),
    (("moods", 0), "a mood", "Entry 1 of the “moods” section"),
    (("moods", 0, "felt_at"), "0001-01-01T00:00+14:00", "outside the years 1970–2100"),
    (("moods", 0, "felt_at"), "9999-12-31T23:59:59-14:00", "outside the years"),
    (("moods", 0, "felt_at"), "1970-01-01T07:59:59+08:00", "outside the years"),  # 1969 in UTC
    (("moods", 0, "felt_at"), "2101-01-01T00:00:00+00:00", "outside the years"),
    (("moods", 0, "felt_at"), "2026-11-20T20:00:00", "ISO 8601 with an offset"),
    (("moods", 0, "felt_at"), 1763640000, "ISO 8601 with an offset"),
    (("moods", 0, "id"), "a" * 5000, "“id” can't be \"aaaa"),
    (("moods", 0, "id"), HEX[:31], "32 hex characters"),
    (("moods", 0, "id"), HEX.upper(), "32 hex characters"),
    (("moods", 0, "id"), HEX + "\n", "32 hex characters"),
    (("moods", 0, "id"), 7, "“id” can't be 7"),
    (("moods", 0, "id"), None, "“id” can't be null"),
    (("moods", 1, "id"), "{first mood id}", "already used by an earlier entry"),
    (("moods", 0, "intensity"), True, "“intensity” can't be true: a whole number from 1 to 5"),
    (("moods", 0, "intensity"), "3", "“intensity” can't be \"3\""),
    (("moods", 0, "intensity"), 2 ** 64, "“intensity” can't be 18446744073709551616"),
    (("moods", 0, "intensity"), 10 ** 5000, "“intensity” can't be ~10^"),
    (("moods", 0, "intensity"), float("nan"), "“intensity” can't be NaN"),
    (("moods", 0, "intensity"), float("inf"), "“intensity” can't be Infinity"),
    (("moods", 0, "emotion"), "grumpy", "That feeling word (\"grumpy\") isn't in the list"),
    (("moods", 0, "emotion"), ["calm"], "“emotion” can't be […]"),
    (("moods", 0, "emotion"), "calm\nhappy", "(\"calm\\nhappy\")"),
    (("moods", 0, "quadrant"), "high_pleasant", "“quadrant” can't be \"high_pleasant\""),
    (("moods", 0, "cause"), 5, "“cause” can't be 5: text is expected"),
    (("moods", 0, "cause"), None, "“cause” can't be null"),
    (("moods", 0, "cause"), "x" * 301, "“cause”: That's a little long"),
    (("moods", 0, "cause"), "nul\x00byte", "“cause” can't be"),
    (("moods", 0, "cause"), "lone \ud800 surrogate", "“cause” can't be"),
    (("moods", 0, "cause_tags"), "refund_only", "a list of texts is expected"),
    (("moods", 0, "cause_tags"), [1], "a list of texts is expected"),
    (("moods", 0, "cause_tags"), ["no_such_tag"], "no_such_tag"),
    (("first_aid", 0, "seconds"), 10 ** 30, "“seconds” can't be"),
    (("first_aid", 0, "completed"), 1, "true or false is expected"),
    (("first_aid", 0, "mood_id"), "", "“mood_id” can't be \"\""),
    (("journal", 0, "text"), "x" * 301, "entry 1 of “journal”, “text”"),
    (("journal", 0, "kind"), "diary", "one of win, gratitude is expected"),
    (("weekly_reviews", 0, "week"), "9999-W52", "“week”"),
    (("weekly_reviews", 0, "week"), "1969-W40", "outside the years"),
    (("goals", 0, "day"), "0001-01-01", "outside the years"),
    (("goals", 0, "day"), "2026-02-30", "a date such as 2026-11-22"),
    (("goals", 0, "carried_from"), "yesterday", "“carried_from”"),
    (("goals", 0, "text"), "", "“text”"),
    (("interests", 0, "name"), "x" * 21, "“name”"),
    (("recharge_blocks", 0, "minutes"), 120.0, "“minutes” can't be 120.0"),
    (("recharge_blocks", 0, "checklist"), [{"label": "千牛", "off": "yes"}] * 13, "“checklist”"),
    (("recharge_blocks", 0, "recharged"), 0, "“recharged” can't be 0"),
    (("emotion_box", 0, "opens_on"), "9999-12-31", "outside the years"),
    (("emotion_box", 0, "status"), None, "“status” can't be null"),
    (("user",), [], "“user” section"),
    (("user", "display_name"), "名" * 41, "“display_name”"),
    (("user", "language"), "fr", "“language”"),
    (("user", "time_zone"), "../../etc/passwd", "“time_zone”"),
    (("user", "time_zone"), 8, "“time_zone” can't be 8"),
    (("user", "day_start_hour"), True, "“day_start_hour” can't be true"),
    (("user", "review_hour"), 24, "“review_hour” can't be 24"),
    (("user", "id"), "short", "“id”"),
    (("groups", 0, "id"), "x" * 5000, "“id”"),
    (("groups", 0, "kind"), "secret", "“kind”"),
    (("posts", 0, "case"), "not an object", "“case”"),
    (("posts", 0, "group"), "../taobao", "“group”"),
    (("posts", 0, "title"), "x" * 61, "entry 1 of “posts”"),
    (("posts", 0, "anonymous"), "yes", "“anonymous”"),
    (("replies", 0, "post"), None, "“post” can't be null"),
    (("replies", 0, "created_at"), "0001-01-01T00:00+14:00", "outside the years"),
]


@pytest.fixture
def filled_on_both(migrated_on_both, frozen_clock):
    """As `filled`, once on SQLite and once on PostgreSQL (which refuses NUL and over-long strings)."""
    lin = _fill_every_section(db_session, frozen_clock)
    with db_session() as s:
        return db_session, lin, portability.export_user(s, user_id=lin)


def test_every_hostile_field_is_refused_by_name_and_changes_nothing(filled_on_both):
    db, lin, document = filled_on_both
    for path, value, words in HOSTILE:
        if value == "{first mood id}":
            value = document["moods"][0]["id"]
        message = _refused(db, lin, _changed(document, path, value))
        assert words in message, (path, message)
    # The unchanged document still imports: the refusals above were the fields, not the file.
    with db() as s:
        portability.import_user(s, user_id=lin, document=document)


# --- properties ------------------------------------------------------------------------------------

# Values that broke imports before, or sit at an edge, are drawn as often as arbitrary ones.
AWKWARD = st.sampled_from([
    True, 0, -1, 2 ** 63, -(2 ** 31) - 1, 10 ** 40, 1.5, float("nan"), float("inf"), "", " ", "\x00", "\ud800",
    "x" * 3001, HEX, HEX + "\n", HEX.upper(), "0001-01-01T00:00+14:00", "9999-12-31T23:59:59-14:00",
    "1970-01-01T00:00:00+08:00", "2100-12-31T23:59:59-01:00", "2026-11-20T20:00:00+08:00", "2026-11-20T20:00:00",
    "0001-01-01", "9999-12-31", "2026-11-20", "9999-W52", "2026-W47", "calm", "taobao", "../taobao", "done",
    "sealed", "released", "deleted", "case", [], {},
])
LEAVES = AWKWARD | st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
JSON_VALUES = st.recursive(
    LEAVES, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
SECTION_NAMES = [section.name for section in portability.SECTIONS]
HYPOTHESIS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _all_or_nothing(db, uid: int, document) -> None:
    """Either the import succeeds, and what it stored exports and re-imports unchanged, or it raises
    UserError with a one-line message and nothing in the database changed. Nothing else may happen."""
    before = _snapshot(db)
    try:
        with db() as s:
            portability.import_user(s, user_id=uid, document=document)
    except UserError as error:
        _message(error)
        assert _snapshot(db) == before
        return
    with db() as s:
        stored = portability.export_user(s, user_id=uid)
    with db() as s:
        portability.import_user(s, user_id=uid, document=stored)
        assert portability.export_user(s, user_id=uid) == stored


@HYPOTHESIS
@given(document=JSON_VALUES | st.fixed_dictionaries(
    {"format": st.just(portability.FORMAT), "version": st.just(portability.VERSION)},
    optional={name: JSON_VALUES for name in SECTION_NAMES},
))
def test_any_json_document_imports_or_is_refused_with_nothing_changed(filled, db, document):
    lin, _ = filled
    _all_or_nothing(db, lin, document)


def _paths(node, prefix=()) -> list[tuple]:
    """Every place in a document that holds a value."""
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    return [path for key, child in children for path in [(*prefix, key), *_paths(child, (*prefix, key))]]


@HYPOTHESIS
@given(data=st.data())
def test_a_real_export_with_any_value_replaced_or_removed_imports_or_is_refused(filled, db, data):
    lin, document = filled
    mutated = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(1, 2), label="mutations")):
        # A section first, then a place in it: each section gets its share of the examples.
        top = data.draw(st.sampled_from(sorted(mutated)), label="section")
        inside = [(top, *path) for path in _paths(mutated[top])] if isinstance(mutated[top], (dict, list)) else []
        *parents, last = data.draw(st.sampled_from([(top,), *inside]), label="where")
        node = mutated
        for step in parents:
            node = node[step]
        if isinstance(node, dict) and data.draw(st.booleans(), label="remove"):
            del node[last]
        else:
            node[last] = data.draw(AWKWARD | JSON_VALUES, label="value")
    _all_or_nothing(db, lin, mutated)


def test_export_import_export_of_every_section_round_trips(filled, db):
    """An account that lost everything (an old backup restored) gets it all back from its export."""
    lin, document = filled
    with db() as s:
        for model in (MoodEntry, FirstAidUse, JournalEntry, WeeklyReview, DailyGoal, Interest, RechargeBlock,
                      BoxSlip):
            s.execute(delete(model).where(model.user_id == lin))
        s.execute(delete(ForumReply).where(ForumReply.author_id == lin))
        s.execute(delete(ForumPost).where(ForumPost.author_id == lin))
        forum_groups.leave_group(s, user_id=lin, group_id="taobao")
        accounts.update_settings(s, user_id=lin, display_name="", language="zh-CN", time_zone="UTC")
        assert portability.export_user(s, user_id=lin) != document
    with db() as s:
        portability.import_user(s, user_id=lin, document=document)
    with db() as s:
        again = portability.export_user(s, user_id=lin)
    visible = [post for post in document["posts"] if post["status"] != "deleted"]  # a deleted post is not re-created
    assert {**again, "exported_at": None} == {**document, "posts": visible, "exported_at": None}


_OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
_INSTANTS = st.builds(
    lambda moment, zone: moment.replace(tzinfo=UTC).astimezone(zone).isoformat(),
    st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 12, 30)), _OFFSETS,
)
_IDS = st.binary(min_size=16, max_size=16).map(bytes.hex)
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)
_EMOTIONS = [emotion.key for emotion in emotions.emotions()]
_TAGS = [tag.key for tag in emotions.cause_tags()]


def _valid_entries(draw_entry) -> st.SearchStrategy:
    return st.lists(draw_entry, max_size=4, unique_by=lambda entry: entry["id"])


VALID_DOCUMENTS = st.fixed_dictionaries({
    "format": st.just(portability.FORMAT),
    "version": st.just(portability.VERSION),
    "user": st.fixed_dictionaries({}, optional={
        "display_name": _TEXT, "language": st.sampled_from(i18n.LANGUAGES),
        "time_zone": st.sampled_from(["Asia/Shanghai", "America/New_York", "Pacific/Kiritimati", "UTC"]),
        "day_start_hour": st.integers(0, 12), "review_weekday": st.integers(0, 6), "review_hour": st.integers(0, 23),
    }),
    "moods": _valid_entries(st.fixed_dictionaries(
        {"id": _IDS, "felt_at": _INSTANTS, "emotion": st.sampled_from(_EMOTIONS)},
        optional={"intensity": st.none() | st.integers(1, 5), "cause": _TEXT, "reframe": _TEXT, "note": _TEXT,
                  "cause_tags": st.lists(st.sampled_from(_TAGS), max_size=3, unique=True)})),
    "journal": _valid_entries(st.fixed_dictionaries(
        {"id": _IDS, "kind": st.sampled_from(journal_contract.KIND.values), "text": _TEXT, "written_at": _INSTANTS})),
    "goals": _valid_entries(st.fixed_dictionaries(
        {"id": _IDS, "day": st.dates(date(1970, 1, 1), date(2100, 12, 31)).map(date.isoformat),
         "text": _TEXT.map(lambda text: text[:goal_contract.GOAL_TEXT.max]),
         "status": st.sampled_from(goal_contract.STATUS.values)},
        optional={"done_at": st.none() | _INSTANTS, "carried_from": st.none() | _IDS})),
    "emotion_box": _valid_entries(st.fixed_dictionaries(
        {"id": _IDS, "text": _TEXT, "status": st.sampled_from(["open", "kept"]), "written_at": _INSTANTS})),
    "first_aid": _valid_entries(st.fixed_dictionaries(
        {"id": _IDS, "exercise": st.just("pause_30s"), "started_at": _INSTANTS, "seconds": st.integers(0, 30),
         "completed": st.booleans()})),
})


@HYPOTHESIS
@given(document=VALID_DOCUMENTS)
@example(document={  # sub-second moments, which exports round to the second, once reordered the slips
    "format": "resilience-export", "version": 1, "user": {}, "moods": [], "journal": [], "goals": [], "first_aid": [],
    "emotion_box": [{"id": f"{n:032d}", "text": "0", "status": "open", "written_at": at} for n, at in enumerate(
        ["2000-01-01T00:00:00+00:00", "2000-01-01T00:00:00.000001+00:00", "2000-01-01T00:00:00+00:00"])]})
def test_any_valid_document_round_trips_through_export_and_import(db, frozen_clock, document):
    with db() as s:
        uid = accounts.register(s, username=f"r{security.new_public_id()[:12]}", password=GOOD_PASSWORD).id
        portability.import_user(s, user_id=uid, document=document)
    with db() as s:
        first = portability.export_user(s, user_id=uid)
    for section in ("moods", "journal", "goals", "emotion_box", "first_aid"):
        assert sorted(entry["id"] for entry in first[section]) == sorted(entry["id"] for entry in document[section])
    with db() as s:
        portability.import_user(s, user_id=uid, document=first)
        assert portability.export_user(s, user_id=uid) == first
