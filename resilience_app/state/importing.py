"""Me → Import: a file (this app's export or a Daylio CSV) is previewed, its unknown moods mapped, then
imported all or nothing.

The file travels twice, for the preview and for the import, so no copy stays on the server between
the two: each upload is read in memory (never past UPLOAD_MAX_BYTES) by a streaming handler and
dropped when it returns. The import must be the very file previewed (its digest is kept).
"""

from __future__ import annotations

import hashlib

import reflex as rx

from resilience_app.core import i18n
from resilience_app.core.errors import UserError
from resilience_app.services import emotions, import_file
from resilience_app.state.auth import SignedIn, private_state

UPLOAD_ID = "import-file"


async def read_upload(chunks: rx.UploadChunkIterator) -> tuple[bytes, str, str]:
    """The one uploaded file's bytes and name, and an error key; reading stops past the limit."""
    data, name = bytearray(), None
    async for chunk in chunks:
        if name is None:
            name = chunk.filename
        elif chunk.filename != name:
            return b"", name, "error.upload_one_file"
        if len(data) + len(chunk.data) > import_file.UPLOAD_MAX_BYTES:
            # Returning now makes the server answer the rest of the request with an error.
            return b"", name, "error.upload_too_large"
        data += chunk.data
    if name is None:
        return b"", "", "error.upload_nothing"
    return bytes(data), name, ""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@private_state
class ImportState(SignedIn, rx.State):
    phase: str = ""  # "", "preview" or "done"
    busy: bool = False
    file_name: str = ""
    kind: str = ""  # "export" or "daylio"
    counts: list[dict[str, str]] = []  # {"label", "count"}
    new_count: int = 0
    skipped_count: int = 0
    date_range: str = ""
    moods_found: list[dict[str, str]] = []  # every mood name of a Daylio file: {"name", "count", "word"}
    unknown: list[str] = []
    mapping: dict[str, str] = {}
    word_groups: list[dict] = []  # the picker: quadrants with their words, in the user's language
    shortened: int = 0
    result_text: str = ""
    _previewed: str = ""  # digest of the file previewed (backend only)

    @rx.var
    def unmapped(self) -> int:
        return sum(1 for name in self.unknown if not self.mapping.get(name))

    @rx.event
    async def load(self):
        self.reset()
        profile = await self._profile_or_none()
        if profile is not None:
            self.word_groups = emotions.picker_data(profile.language)

    @rx.event
    async def file_rejected(self, _rejected: list[dict]):
        """The picker refused the file before sending it (too big, or more than one)."""
        await self._fail(UserError("error.upload_too_large", max=import_file.UPLOAD_MAX_BYTES // (1024 * 1024)))

    @rx.event
    def set_word(self, name: str, key: str):
        if name in self.unknown:
            self.mapping = {**self.mapping, name: key if emotions.emotion(key) else ""}

    @rx.event
    def start_over(self):
        """Back to choosing (the chosen file stays chosen until another is picked)."""
        groups = self.word_groups
        self.reset()
        self.word_groups = groups

    @rx.event(background=True)
    async def preview_upload(self, chunks: rx.UploadChunkIterator):
        async with self:
            self.busy, self.error_text = True, ""
        data, name, problem = await read_upload(chunks)
        async with self:
            await self.show_preview(data, name, problem)

    @rx.event(background=True)
    async def import_upload(self, chunks: rx.UploadChunkIterator):
        async with self:
            self.busy, self.error_text = True, ""
        data, _name, problem = await read_upload(chunks)
        async with self:
            await self.run_import(data, problem)

    # --- the work, apart from the upload plumbing (the state tests call these) ----------

    async def _problem(self, problem: str) -> None:
        self.busy = False
        await self._fail(UserError(problem, max=import_file.UPLOAD_MAX_BYTES // (1024 * 1024)))

    async def show_preview(self, data: bytes, name: str, problem: str = "") -> None:
        """What importing the file would do, for the signed-in user; nothing is written."""
        if problem:
            await self._problem(problem)
            return
        self.phase, self.mapping, self._previewed = "", {}, ""
        done = await self._call(lambda session, profile: import_file.preview(
            session, user_id=profile.id, data=data, name=name))
        if done is None:
            self.busy = False
            return
        profile, preview = done
        lang = profile.language
        self.word_groups = emotions.picker_data(lang)
        self.file_name, self.kind = name, preview.kind
        self.counts = [{"label": i18n.translate(lang, f"importer.section.{section}"), "count": str(count)}
                       for section, count in preview.counts]
        self.new_count, self.skipped_count, self.shortened = preview.new, preview.skipped, preview.shortened
        self.date_range = (f"{preview.first_day.isoformat()} – {preview.last_day.isoformat()}"
                           if preview.first_day and preview.last_day else "")
        words = {**import_file.daylio.DEFAULT_MOODS}
        self.moods_found = [
            {"name": mood, "count": str(count),
             "word": (emotions.emotion(words.get(mood.casefold())).label(lang)
                      if mood.casefold() in words else "")}
            for mood, count in preview.mood_names
        ]
        self.unknown = list(preview.unknown_moods)
        self._previewed = _digest(data)
        self.phase, self.busy, self.error_text, self.result_text = "preview", False, "", ""

    async def run_import(self, data: bytes, problem: str = "") -> None:
        """Import the previewed file with the words chosen, all or nothing."""
        if problem:
            await self._problem(problem)
            return
        if self.phase != "preview" or _digest(data) != self._previewed:
            await self._problem("error.import_not_previewed")
            return
        mapping = {name: key for name, key in self.mapping.items() if name in self.unknown and key}
        file_name = self.file_name
        done = await self._call(lambda session, profile: import_file.import_file(
            session, user_id=profile.id, data=data, name=file_name, mapping=mapping))
        if done is None:
            self.busy = False
            return
        profile, result = done
        self.result_text = i18n.translate(profile.language, f"importer.done_{result.kind}",
                                          added=result.new, skipped=result.skipped)
        self.phase, self.busy, self.error_text, self._previewed = "done", False, "", ""

