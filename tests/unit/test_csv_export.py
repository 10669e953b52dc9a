"""The check-in and journal spreadsheets: BOM, quoting, local time and zone, the formula guard."""

import csv
import io
from datetime import UTC, datetime

import pytest

from resilience_app.services import accounts, csv_export, journal, moods
from tests.conftest import GOOD_PASSWORD

TRICKY_NOTE = '客户说"再不退款就差评"，\n我先深呼吸，\r\n再回复：好的, 马上处理'


def _read(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


@pytest.fixture
def people(db):
    with db() as s:
        lin = accounts.register(s, username="lin", password=GOOD_PASSWORD, language="zh-CN",
                                time_zone="Asia/Shanghai").id
        sam = accounts.register(s, username="sam", password=GOOD_PASSWORD, language="en",
                                time_zone="America/New_York").id
    return lin, sam


def test_guard_cell_makes_formula_starts_inert_and_leaves_the_rest():
    for risky in ("=1+1", "+86 138", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")'):
        assert csv_export.guard_cell(risky) == "'" + risky
    for plain in ("焦虑", "a=b", "", "3", "'quoted", " =spaced"):
        assert csv_export.guard_cell(plain) == plain
    assert csv_export.guard_cell(None) == "" and csv_export.guard_cell(4) == "4"


def test_write_csv_is_rfc4180_with_a_bom_and_crlf():
    text = csv_export.write_csv(["a", "b"], [["x,y", 'say "hi"'], ["line\nbreak", 5]])
    assert text.startswith("\ufeffa,b\r\n")
    assert text[1:] == 'a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",5\r\n'


def test_checkins_csv_rows_in_the_users_zone_and_language(db, people):
    lin, sam = people
    with db() as s:
        moods.log_mood(s, user_id=lin, emotion="anxious", felt_at=datetime(2026, 11, 29, 17, 5, tzinfo=UTC),
                       intensity=4, cause_tags=["refund_only", "bad_review_threat"], cause="=cmd|' /C calc'!A0",
                       reframe="-先喝口水", note=TRICKY_NOTE)
        moods.log_mood(s, user_id=sam, emotion="anxious", note="sam's own")
        rows = _read(csv_export.checkins_csv(s, user_id=lin))
    assert rows[0] == ["日期", "时间", "时区", "UTC 偏移", "情绪", "情绪键", "象限", "强度（1–5）", "原因标签", "原因",
                       "换个角度", "备注", "编号"]
    assert len(rows) == 2  # the header and Lin's one check-in; Sam's is not there
    date, time, zone, offset, word, key, quadrant, intensity, tags, cause, reframe, note, _id = rows[1]
    # 17:05 UTC on the 29th is 01:05 on the 30th in Shanghai.
    assert (date, time, zone, offset) == ("2026-11-30", "01:05", "Asia/Shanghai", "UTC+08:00")
    assert (word, key, quadrant, intensity) == ("焦虑", "anxious", "烦躁紧绷", "4")
    assert tags == "仅退款、差评威胁"
    assert cause == "'=cmd|' /C calc'!A0" and reframe == "'-先喝口水"
    assert note == TRICKY_NOTE  # commas, quotes and both kinds of newline come back as written


def test_checkins_csv_in_english_with_daylight_saving(db, people):
    _, sam = people
    with db() as s:
        moods.log_mood(s, user_id=sam, emotion="anxious", felt_at=datetime(2026, 7, 1, 13, 0, tzinfo=UTC))
        moods.log_mood(s, user_id=sam, emotion="anxious", felt_at=datetime(2026, 12, 1, 13, 0, tzinfo=UTC))
        rows = _read(csv_export.checkins_csv(s, user_id=sam))
    assert rows[0][:5] == ["Date", "Time", "Time zone", "UTC offset", "Emotion"]
    assert [r[:4] for r in rows[1:]] == [
        ["2026-07-01", "09:00", "America/New_York", "UTC-04:00"],
        ["2026-12-01", "08:00", "America/New_York", "UTC-05:00"],
    ]
    assert rows[1][4] == "Anxious" and rows[1][7] == ""  # no intensity given: an empty cell


def test_journal_csv_has_kind_text_and_prompt(db, people):
    lin, sam = people
    with db() as s:
        journal.add_entry(s, user_id=lin, kind="win", text="+1 五星好评，" + TRICKY_NOTE,
                          prompt_key="journal.prompt.1", written_at=datetime(2026, 11, 29, 3, 0, tzinfo=UTC))
        journal.add_entry(s, user_id=lin, kind="gratitude", text="同事帮我接了一个难缠的电话",
                          written_at=datetime(2026, 11, 29, 5, 0, tzinfo=UTC))  # later, whatever the run's moment
        journal.add_entry(s, user_id=sam, kind="win", text="sam's win")
        rows = _read(csv_export.journal_csv(s, user_id=lin))
    assert rows[0] == ["日期", "时间", "时区", "UTC 偏移", "类型", "类型键", "内容", "提示语", "编号"]
    assert [r[4:6] for r in rows[1:]] == [["小成就", "win"], ["感恩", "gratitude"]]
    assert rows[1][:4] == ["2026-11-29", "11:00", "Asia/Shanghai", "UTC+08:00"]
    assert rows[1][6] == "'+1 五星好评，" + TRICKY_NOTE
    assert rows[1][7] and rows[2][7] == ""
    assert "sam's win" not in str(rows)


def test_an_empty_history_is_just_the_header(db, people):
    lin, _ = people
    with db() as s:
        assert len(_read(csv_export.journal_csv(s, user_id=lin))) == 1
        assert len(_read(csv_export.checkins_csv(s, user_id=lin))) == 1
