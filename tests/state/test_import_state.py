import asyncio

from sqlalchemy import func, select

from resilience_app.models import MoodEntry
from resilience_app.services import accounts, import_file, sessions
from resilience_app.state import session_check
from resilience_app.state.auth import AuthState
from resilience_app.state.importing import ImportState, read_upload
from reflex_components_core.core._upload import UploadChunk, UploadChunkIterator
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, run, substate
from tests.unit.test_daylio import csv_bytes, row

DAYLIO = csv_bytes([row(), row(mood="Sleepy", time="8:00"), row(full_date="2026-11-17", mood="rad"), row()])


def _page(token):
    root = make_root(token=token, path="/me/import")
    run(substate(root, AuthState).load_private())
    state = substate(root, ImportState)
    run(state.load())
    return state


def _moods(db, username="lin"):
    with db() as s:
        user = accounts.find_user(s, username)
        return s.scalar(select(func.count()).select_from(MoodEntry).where(MoodEntry.user_id == user.id))


def test_preview_map_and_import(db, signed_in, frozen_clock):
    _, token = signed_in
    state = _page(token)
    assert state.word_groups and state.phase == ""
    run(state.show_preview(DAYLIO, "daylio_export.csv"))
    assert state.phase == "preview" and state.kind == "daylio" and state.error_text == ""
    assert state.counts == [{"label": "Check-ins", "count": "4"}]
    assert (state.new_count, state.skipped_count, state.date_range) == (3, 1, "2026-11-17 – 2026-11-18")
    assert state.unknown == ["Sleepy"] and state.unmapped == 1
    assert {m["name"]: m["word"] for m in state.moods_found} == {"good": "Content", "Sleepy": "", "rad": "Happy"}
    assert _moods(db) == 0

    # Importing before the mood has a word is refused, by the service too, and stores nothing.
    run(state.run_import(DAYLIO))
    assert "Sleepy" in state.error_text and state.phase == "preview" and _moods(db) == 0
    state.set_word("Sleepy", "not-a-word")
    assert state.unmapped == 1
    state.set_word("Unlisted", "calm")
    assert "Unlisted" not in state.mapping
    state.set_word("Sleepy", "exhausted")
    assert state.unmapped == 0
    run(state.run_import(DAYLIO))
    assert state.phase == "done" and state.error_text == "" and _moods(db) == 3
    assert state.result_text == "Check-ins imported: 3. Duplicates skipped: 1."

    # The same file again: a preview says everything is already here; importing adds nothing.
    run(state.show_preview(DAYLIO, "daylio_export.csv"))
    state.set_word("Sleepy", "exhausted")
    assert (state.new_count, state.skipped_count) == (0, 4)
    run(state.run_import(DAYLIO))
    assert _moods(db) == 3


def test_import_needs_the_file_previewed(db, signed_in, frozen_clock):
    _, token = signed_in
    state = _page(token)
    run(state.run_import(DAYLIO))
    assert state.error_text and _moods(db) == 0
    run(state.show_preview(csv_bytes([row()]), "a.csv"))
    run(state.run_import(DAYLIO))  # another file than the one previewed
    assert "differs" in state.error_text and _moods(db) == 0


def test_friendly_errors_for_bad_files_and_uploads(db, signed_in, frozen_clock):
    _, token = signed_in
    state = _page(token)
    run(state.show_preview(b"full_date,time,mood\n2026-11-18,9:00,good\n2026-11-31,9:00,good\n", "bad.csv"))
    assert state.error_text == "The date \"2026-11-31\" on line 3 isn't right (a date such as 2024-01-31 is needed)."
    assert state.phase == ""
    run(state.show_preview(b"", "big.csv", "error.upload_too_large"))
    assert state.error_text == "The file is larger than 10 MB and can't be imported here."
    run(state.file_rejected([{"file": {"path": "x"}, "errors": []}]))
    assert "10 MB" in state.error_text


def test_a_signed_out_tab_can_neither_preview_nor_import(db, signed_in, frozen_clock):
    _, token = signed_in
    state = _page(token)
    run(state.show_preview(DAYLIO, "daylio_export.csv"))
    state.set_word("Sleepy", "exhausted")
    with db() as s:
        sessions.revoke(s, token)
    frozen_clock.set_now(frozen_clock.now() + session_check.window())  # past the few seconds a check is trusted
    run(state.run_import(DAYLIO))
    assert state.phase == "preview" and state.error_text and _moods(db) == 0
    stranger = make_root(token=None, path="/me/import")
    other = substate(stranger, ImportState)
    run(other.show_preview(DAYLIO, "daylio_export.csv"))
    assert other.phase == "" and other.error_text


def test_entries_go_to_the_signed_in_user_only(db, signed_in, frozen_clock):
    _, token = signed_in
    with db() as s:
        accounts.register(s, username="wang", password=GOOD_PASSWORD)
    state = _page(token)
    run(state.show_preview(csv_bytes([row()]), "a.csv"))
    run(state.run_import(csv_bytes([row()])))
    assert (_moods(db, "lin"), _moods(db, "wang")) == (1, 0)


def _chunks(*parts: tuple[str, bytes]) -> UploadChunkIterator:
    async def fill():
        chunks = UploadChunkIterator(maxsize=100)
        offset = 0
        for name, data in parts:
            await chunks.push(UploadChunk(filename=name, offset=offset, content_type="text/csv", data=data))
            offset += len(data)
        await chunks.finish()
        return chunks

    return asyncio.run(fill())


def test_reading_an_upload_stops_at_the_limit():
    assert run(read_upload(_chunks(("a.csv", b"ab"), ("a.csv", b"cd")))) == (b"abcd", "a.csv", "")
    assert run(read_upload(_chunks())) == (b"", "", "error.upload_nothing")
    assert run(read_upload(_chunks(("a.csv", b"a"), ("b.csv", b"b"))))[2] == "error.upload_one_file"
    big = b"x" * (1024 * 1024)
    parts = [("a.csv", big)] * (import_file.UPLOAD_MAX_BYTES // len(big) + 1)
    assert run(read_upload(_chunks(*parts))) == (b"", "a.csv", "error.upload_too_large")
