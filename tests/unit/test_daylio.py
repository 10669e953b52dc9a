"""Daylio CSV import: reading the file, mapping moods, stable ids, all or nothing."""

import csv
import io
from datetime import UTC, date, datetime, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from resilience_app.contracts import mood as mood_contract
from resilience_app.core.errors import UserError
from resilience_app.models import MoodEntry
from resilience_app.services import accounts, daylio, emotions

HEADER = ["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"]


def csv_bytes(rows: list[dict], header: list[str] = HEADER, *, bom: bool = True, crlf: bool = True) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n" if crlf else "\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({"date": "January 31", "weekday": "Wednesday", **row})
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


def row(full_date="2026-11-18", time="21:05", mood="good", activities="", note_title="", note="") -> dict:
    return {"full_date": full_date, "time": time, "mood": mood, "activities": activities,
            "note_title": note_title, "note": note}


def count(db, user_id: int) -> int:
    with db() as s:
        return s.scalar(select(func.count()).select_from(MoodEntry).where(MoodEntry.user_id == user_id))


def stored(db, user_id: int) -> list[MoodEntry]:
    with db() as s:
        return list(s.scalars(select(MoodEntry).where(MoodEntry.user_id == user_id).order_by(MoodEntry.felt_at)))


def run_import(db, user_id, data, mapping=None):
    with db() as s:
        return daylio.import_daylio(s, user_id=user_id, data=data, mapping=mapping)


# --- reading ---------------------------------------------------------------------------


def test_default_moods_are_real_words_of_the_right_kind():
    quadrant = {name: emotions.quadrant_of(key) for name, key in daylio.DEFAULT_MOODS.items()}
    assert quadrant["rad"] == "high_pleasant" and quadrant["good"] == "low_pleasant"
    assert quadrant["bad"] == "low_unpleasant" and quadrant["awful"] in ("high_unpleasant", "low_unpleasant")
    assert quadrant["meh"] is not None


@pytest.mark.parametrize(("written", "expected"), [
    ("21:05", time(21, 5)), ("9:05 pm", time(21, 5)), ("9:05 PM", time(21, 5)), ("12:15 am", time(0, 15)),
    ("12:00 pm", time(12, 0)), ("12:00 AM", time(0, 0)), ("1:00 a.m.", time(1, 0)), ("00:00", time(0, 0)),
    ("7:30:15", time(7, 30, 15)), (" 9:05pm ", time(21, 5)),
])
def test_times_in_24_and_12_hour_forms(written, expected):
    assert daylio.parse_time(written) == expected


@pytest.mark.parametrize("written", ["24:00", "13:00 pm", "0:30 am", "9:60", "9", "nine", "9:05 xm", ""])
def test_impossible_times_are_refused(written):
    with pytest.raises(ValueError):
        daylio.parse_time(written)


def test_quoted_commas_quotes_newlines_extra_columns_any_order():
    header = ["note", "scales", "mood", "time", "activities", "full_date", "note_title", "weekday", "date"]
    data = csv_bytes([row(note='said "hi", then\r\nleft', activities="work | 物流催单", note_title="A, B")], header)
    [read] = daylio.read_rows(data)
    assert read.note == 'said "hi", then\nleft' and read.title == "A, B"
    assert read.activities == ("work", "物流催单") and read.day == date(2026, 11, 18) and read.at == time(21, 5)
    assert read.line == 2


def test_minimal_header_is_enough_and_case_and_spaces_are_forgiven():
    data = b" Full_Date ,TIME,Mood\n2026-11-18,9:05 am,rad\n"
    [read] = daylio.read_rows(data)
    assert (read.mood, read.activities, read.title, read.note) == ("rad", (), "", "")


def test_markup_in_notes_is_made_plain_but_plain_angle_brackets_stay():
    assert daylio.plain_text("Long day<br>tired<br/>&amp; hungry&nbsp;now") == "Long day\ntired\n& hungry now"
    assert daylio.plain_text("<b>Bold</b> <span style='x'>move</span>") == "Bold move"
    assert daylio.plain_text("a <3 b and x < y > z, R&D") == "a <3 b and x < y > z, R&D"
    assert daylio.plain_text("<p>one</p><p>two</p>") == "one\ntwo"


@pytest.mark.parametrize(("data", "key", "params"), [
    (b"", "error.daylio_empty", {}),
    (b"  \r\n", "error.daylio_empty", {}),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "error.daylio_not_utf8", {"line": 1}),
    (b"full_date,time,mood\n2026-11-18,9:00,good\x00\n", "error.daylio_binary", {}),
    (b"full_date,time,mood\n2026-11-18,9:00,good\n2026-11-19,9:00,caf\xe9\n", "error.daylio_not_utf8", {"line": 3}),
    (b"date,when,feeling\n1,2,3\n", "error.daylio_header", {"missing": "full_date, time, mood"}),
    (b'{"format": "resilience-export"}', "error.daylio_header", {"missing": "full_date, time, mood"}),
    (b"full_date,time,mood,mood\n", "error.daylio_header_twice", {"column": '"mood"'}),
    (b"full_date,time,mood\r\n", "error.daylio_no_rows", {}),
    (b"full_date,time,mood\n\n,,\n", "error.daylio_no_rows", {}),
    (b"full_date,time,mood\n2026-11-18,9:00,good\n2026-02-30,9:00,good\n", "error.daylio_bad_date", {"line": 3}),
    (b"full_date,time,mood\n18/11/2026,9:00,good\n", "error.daylio_bad_date", {"line": 2}),
    (b"full_date,time,mood\n1900-01-01,9:00,good\n", "error.daylio_bad_date", {"line": 2}),
    (b"full_date,time,mood\n2026-11-18,25:00,good\n", "error.daylio_bad_time", {"line": 2}),
    (b"full_date,time,mood\n2026-11-18,9:00,\n", "error.daylio_no_mood", {"line": 2}),
    (b'full_date,time,mood,note\n2026-11-18,9:00,good,"a\nb"\n2026-11-19,x,good,\n', "error.daylio_bad_time",
     {"line": 4}),
    (b"full_date,time,mood,note\n2026-11-18,9:00,good," + b"x" * 200_000 + b"\n", "error.daylio_bad_csv",
     {"line": 2}),
    (b"x" * (daylio.MAX_BYTES + 1), "error.daylio_too_large", {"max": 10}),
])
def test_hostile_files_get_a_friendly_error(data, key, params):
    with pytest.raises(UserError) as caught:
        daylio.read_rows(data)
    assert caught.value.key == key
    for name, value in params.items():
        assert caught.value.params[name] == value


def test_row_cap(monkeypatch):
    monkeypatch.setattr(daylio, "MAX_ROWS", 3)
    data = csv_bytes([row(full_date=f"2026-11-{d:02d}") for d in range(1, 5)])
    with pytest.raises(UserError) as caught:
        daylio.read_rows(data)
    assert caught.value.key == "error.daylio_too_many_rows"


# --- round trip of generated rows --------------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<>&"), max_size=40)
_activity = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters="|<>&"),
                    min_size=1, max_size=12)
_rows = st.builds(
    dict,
    day=st.dates(date(1990, 1, 1), date(2090, 12, 31)),
    at=st.times().map(lambda t: t.replace(microsecond=0)),
    twelve=st.booleans(),
    mood=st.sampled_from(["rad", "good", "meh", "bad", "awful", "Sleepy", "疲惫"]),
    activities=st.lists(_activity, max_size=4, unique=True),
    title=_text.map(str.strip),
    note=_text.map(str.strip),
)


def _time_text(at: time, twelve: bool) -> str:
    if not twelve:
        return at.strftime("%H:%M:%S")
    suffix = "pm" if at.hour >= 12 else "am"
    return f"{(at.hour % 12) or 12}:{at.minute:02d}:{at.second:02d} {suffix}"


@settings(max_examples=60, deadline=None)
@given(st.lists(_rows, min_size=1, max_size=8), st.permutations(HEADER + ["scales"]), st.booleans(), st.booleans())
def test_generated_rows_round_trip_through_csv_in_any_column_order(rows, header, bom, crlf):
    written = [{"full_date": r["day"].isoformat(), "time": _time_text(r["at"], r["twelve"]), "mood": r["mood"],
                "activities": " | ".join(r["activities"]), "note_title": r["title"], "note": r["note"],
                "scales": "3"} for r in rows]
    read = daylio.read_rows(csv_bytes(written, list(header), bom=bom, crlf=crlf))
    assert [(x.day, x.at, x.mood, list(x.activities), x.title, x.note) for x in read] == [
        (r["day"], r["at"], r["mood"], r["activities"], r["title"], r["note"]) for r in rows]


# --- importing ---------------------------------------------------------------------------


def test_import_maps_moods_tags_notes_and_local_time(db, users, frozen_clock):
    lin, _ = users
    data = csv_bytes([
        row(time="9:05 pm", mood="rad", activities="Overtime | 物流催单 | gym | kpi_pressure",
            note_title="Big day", note="Shipped<br>the thing"),
        row(full_date="2026-11-19", time="12:15 am", mood="awful"),
    ])
    plan = run_import(db, lin, data)
    assert (plan.read, len(plan.entries), plan.skipped, plan.unknown_moods) == (2, 2, 0, ())
    first, second = stored(db, lin)
    assert first.emotion == "happy" and first.quadrant == "high_pleasant"
    assert first.felt_at == datetime(2026, 11, 18, 13, 5, tzinfo=UTC)  # 21:05 in Asia/Shanghai
    assert first.cause_tags == ["overtime", "logistics_chase", "kpi_pressure"]
    assert first.note == "Big day\n\nShipped\nthe thing\n\nDaylio 活动：gym"
    assert second.emotion == "sad" and second.felt_at == datetime(2026, 11, 18, 16, 15, tzinfo=UTC)
    assert second.note == "" and second.cause_tags == []


def test_same_file_twice_adds_nothing_and_duplicate_rows_count_once(db, users, frozen_clock):
    lin, _ = users
    data = csv_bytes([row(), row(), row(mood="meh"), row(time="9:05 PM")])  # 9:05 PM is 21:05: the same row
    first = run_import(db, lin, data)
    assert (len(first.entries), first.duplicates_in_file, first.already_here) == (2, 2, 0)
    again = run_import(db, lin, csv_bytes([row(), row(mood="meh")], bom=False, crlf=False))
    assert (len(again.entries), again.skipped, again.already_here) == (0, 2, 2)
    assert count(db, lin) == 2


def test_ids_belong_to_the_user_so_two_users_import_the_same_file(db, users, frozen_clock):
    lin, wang = users
    data = csv_bytes([row()])
    run_import(db, lin, data)
    run_import(db, wang, data)
    assert count(db, lin) == count(db, wang) == 1
    assert stored(db, lin)[0].public_id != stored(db, wang)[0].public_id


def test_unmapped_custom_moods_are_refused_by_name_and_nothing_is_stored(db, users, frozen_clock):
    lin, _ = users
    data = csv_bytes([row(), row(mood="Sleepy"), row(mood="sleepy", time="8:00"), row(mood="焦头烂额")])
    with pytest.raises(daylio.UnmappedMoods) as caught:
        run_import(db, lin, data)
    assert caught.value.names == ("Sleepy", "焦头烂额")
    assert count(db, lin) == 0


def test_map_gives_custom_moods_a_word_and_can_change_a_default(db, users, frozen_clock):
    lin, _ = users
    data = csv_bytes([row(mood="Sleepy"), row(mood="meh", time="10:00")])
    mapping = daylio.read_mapping(["sleepy=exhausted", "MEH=calm"])
    run_import(db, lin, data, mapping)
    assert [m.emotion for m in stored(db, lin)] == ["calm", "exhausted"]


@pytest.mark.parametrize(("pairs", "key"), [(["sleepy"], "error.daylio_bad_map"), (["=calm"], "error.daylio_bad_map"),
                                            (["sleepy=tired"], "error.daylio_map_unknown_word")])
def test_bad_maps_are_refused(db, users, pairs, key):
    lin, _ = users
    with pytest.raises(UserError) as caught:
        run_import(db, lin, csv_bytes([row(mood="sleepy")]), daylio.read_mapping(pairs))
    assert caught.value.key == key and count(db, lin) == 0


def test_a_bad_row_late_in_the_file_stores_nothing(db, users, frozen_clock):
    lin, _ = users
    data = csv_bytes([row(full_date=f"2026-10-{d:02d}") for d in range(1, 29)] + [row(full_date="2026-13-01")])
    with pytest.raises(UserError) as caught:
        run_import(db, lin, data)
    assert caught.value.params["line"] == 30 and count(db, lin) == 0


def test_formula_like_cells_are_kept_as_plain_text(db, users, frozen_clock):
    lin, _ = users
    run_import(db, lin, csv_bytes([row(note_title="=HYPERLINK(\"http://x\")", note="+1|cmd!A1", activities="@SUM(1)")]))
    [entry] = stored(db, lin)
    assert entry.note == '=HYPERLINK("http://x")\n\n+1|cmd!A1\n\nDaylio 活动：@SUM(1)'


def test_long_notes_are_shortened_to_the_limit_and_counted(db, users, frozen_clock):
    lin, _ = users
    plan = run_import(db, lin, csv_bytes([row(note="字" * 3000)]))
    assert plan.shortened == 1 and len(stored(db, lin)[0].note) == mood_contract.NOTE.max


def test_activities_line_follows_the_users_language(db, users, frozen_clock):
    lin, _ = users
    with db() as s:
        accounts.update_settings(s, user_id=lin, language="en")
    run_import(db, lin, csv_bytes([row(activities="Delivery chasing | reading")]))
    [entry] = stored(db, lin)
    assert entry.cause_tags == ["logistics_chase"] and entry.note == "Daylio activities: reading"


def test_wall_clock_times_across_daylight_saving_changes(db, users, frozen_clock):
    lin, _ = users
    with db() as s:
        accounts.update_settings(s, user_id=lin, time_zone="America/New_York")
    data = csv_bytes([
        row(full_date="2026-03-08", time="2:30 am"),  # never shown: clocks jumped from 02:00 to 03:00
        row(full_date="2026-11-01", time="1:30 am"),  # shown twice: the first is taken
        row(full_date="2026-07-01", time="9:00"),
    ])
    run_import(db, lin, data)
    assert [m.felt_at for m in stored(db, lin)] == [
        datetime(2026, 3, 8, 7, 30, tzinfo=UTC),  # 03:30 EDT
        datetime(2026, 7, 1, 13, 0, tzinfo=UTC),
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC),  # 01:30 EDT, the first of the two
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_any_bytes_import_or_are_refused_with_nothing_stored(db, users, data):
    lin, _ = users
    before = count(db, lin)
    try:
        run_import(db, lin, b"full_date,time,mood\n" + data)
    except UserError:
        assert count(db, lin) == before
