"""Mood check-ins: Today's two-tap check-in, and the history grouped by the user's local day."""

from __future__ import annotations

import asyncio
import dataclasses

import reflex as rx

from resilience_app.core import i18n, localtime, security
from resilience_app.core.db import run_db
from resilience_app.services import emotions, moods
from resilience_app.state.auth import AuthState, SignedIn, private_state
from resilience_app.state.care import notice_care

UNDO_SECONDS = 8
HISTORY_PAGE = 60


class MoodDetails(SignedIn, mixin=True):
    """The optional details (strength, cause tags, cause, reframe, note), shared by both states."""

    cause_options: list[dict[str, str]] = []
    intensity: int = 0
    tags: list[str] = []
    cause: str = ""
    reframe: str = ""
    note: str = ""

    def _load_options(self, lang: str) -> None:
        options = [{"key": tag.key, "name": tag.label(lang)} for tag in emotions.cause_tags()]
        if options != self.cause_options:  # an assignment is sent to the page even when nothing changed
            self.cause_options = options

    def _fill_details(self, mood: moods.Mood | None) -> None:
        self.intensity = (mood.intensity or 0) if mood else 0
        self.tags = list(mood.cause_tags) if mood else []
        self.cause = mood.cause if mood else ""
        self.reframe = mood.reframe if mood else ""
        self.note = mood.note if mood else ""

    async def _save_details(self, public_id: str, form: dict, *, care_where: str, **extra) -> moods.Mood | None:
        """Store the details form for one of the user's entries; None (and a message) on error. The
        saved words may bring the writer's care card, beside the form (`care_where`)."""
        self.cause, self.reframe, self.note = (str(form.get(k, "")) for k in ("cause", "reframe", "note"))
        details = {"intensity": self.intensity or None, "cause": self.cause, "cause_tags": list(self.tags),
                   "reframe": self.reframe, "note": self.note, **extra}
        done = await self._call(lambda session, profile: moods.update_mood(
            session, user_id=profile.id, public_id=public_id, **details))
        if done is None:
            return None
        profile, mood = done
        await notice_care(self, profile, mood.cause, mood.note, mood.reframe, where=care_where)
        return mood

    @rx.event
    def set_intensity(self, value: int):
        self.intensity = 0 if value == self.intensity else value

    @rx.event
    def toggle_tag(self, key: str):
        self.tags = [t for t in self.tags if t != key] if key in self.tags else [*self.tags, key]


@private_state
class MoodState(MoodDetails, rx.State):
    """Today: quadrant, then word — the second tap saves — then the optional details."""

    picker: list[dict] = []
    open_quadrant: str = ""
    # The id the next save will use: a double tap sends it twice and stores one entry.
    pending_id: str = ""
    # The id most recently stored (kept after the confirmation is dismissed).
    _last_saved: str = ""
    saved_id: str = ""
    saved_name: str = ""
    saved_definition: str = ""
    saved_pleasant: bool = True
    saved_quadrant: str = ""
    saved_color: str = ""
    saved_count: int = 0
    show_undo: bool = False
    repeat_tap: bool = False
    details_open: bool = False
    details_saved: bool = False

    @rx.var
    def open_words(self) -> list[dict[str, str]]:
        group = next((q for q in self.picker if q["key"] == self.open_quadrant), None)
        return group["emotions"] if group else []

    @rx.var
    def open_name(self) -> str:
        return next((q["name"] for q in self.picker if q["key"] == self.open_quadrant), "")

    @rx.var
    def open_color(self) -> str:
        return next((q["color"] for q in self.picker if q["key"] == self.open_quadrant), "")

    @rx.event
    async def load(self):
        auth = await self.get_state(AuthState)
        picker = emotions.picker_data(auth.lang)
        if picker != self.picker:  # 10 KB that a reload already has from the hydration
            self.picker = picker
        self._load_options(auth.lang)
        self.error_text = ""

    @rx.event
    def choose_quadrant(self, quadrant: str):
        self.open_quadrant = quadrant if quadrant in emotions.QUADRANT_KEYS else ""
        self.error_text = ""
        if self.pending_id in ("", self._last_saved):
            self.pending_id = security.new_public_id()

    @rx.event
    def close_picker(self):
        self.open_quadrant = ""

    @rx.event
    async def save_emotion(self, emotion: str):
        """The second tap: committed to the database in this event, then confirmed."""
        public_id = self.pending_id or None
        done = await self._call(lambda session, profile: moods.log_mood(
            session, user_id=profile.id, emotion=emotion, public_id=public_id))
        if done is None:
            return None
        profile, mood = done
        lang = profile.language
        self.repeat_tap = mood.public_id == self._last_saved
        if self.repeat_tap:
            return None
        word = emotions.emotion(mood.emotion)
        self.saved_id = self.pending_id = self._last_saved = mood.public_id
        self.saved_name = word.label(lang)
        self.saved_definition = word.describe(lang)
        self.saved_pleasant = emotions.is_pleasant(mood.emotion)
        self.saved_quadrant = mood.quadrant
        self.saved_color = next(q.color for q in emotions.quadrants() if q.key == mood.quadrant)
        self.open_quadrant = self.error_text = ""
        self.show_undo, self.details_open, self.details_saved = True, False, False
        self._fill_details(None)
        self.saved_count += 1
        return MoodState.hide_undo(self.saved_count)

    @rx.event(background=True)
    async def hide_undo(self, count: int):
        await asyncio.sleep(UNDO_SECONDS)
        async with self:
            if self.saved_count == count:
                self.show_undo = False

    @rx.event
    async def undo(self):
        public_id = self.saved_id
        if await self._call(lambda session, profile: moods.delete_mood(
                session, user_id=profile.id, public_id=public_id)) is None:
            return
        self.saved_id = ""
        self.show_undo = self.details_open = False

    @rx.event
    def dismiss(self):
        self.saved_id = ""
        self.show_undo = self.details_open = self.repeat_tap = False

    @rx.event
    def open_details(self):
        self.details_open = True
        self.show_undo = False

    @rx.event
    async def save_details(self, form: dict):
        if await self._save_details(self.saved_id, form, care_where="today_mood"):
            self.details_saved = True
            self.details_open = False


@dataclasses.dataclass
class EntryView:
    id: str
    time: str
    emotion: str
    name: str
    color: str
    intensity: int
    tags: str
    cause: str
    reframe: str
    note: str


@dataclasses.dataclass
class DayView:
    label: str
    checkins: list[EntryView]


@private_state
class MoodHistoryState(MoodDetails, rx.State):
    """The Journal tab: check-ins by local day; edit or delete one's own."""

    days: list[DayView] = []
    more: bool = False
    limit: int = HISTORY_PAGE
    loaded: bool = False
    word_options: list[dict[str, str]] = []
    editing_id: str = ""
    edit_emotion: str = ""
    confirm_delete_id: str = ""
    notice_text: str = ""

    async def _refresh(self) -> None:
        if (profile := await self._profile_or_none()) is None:
            return
        user_id, lang = profile.id, profile.language
        auth = await self.get_state(AuthState)
        zone, day_start, limit = auth.time_zone, auth.day_start_hour, self.limit
        days, self.more = await run_db(lambda session: moods.history(
            session, user_id=user_id, time_zone=zone, day_start_hour=day_start, limit=limit))
        today = localtime.today(auth.time_zone, auth.day_start_hour)
        tags = {tag.key: tag.label(lang) for tag in emotions.cause_tags()}
        colors = {q.key: q.color for q in emotions.quadrants()}
        self.days = [
            DayView(
                label=localtime.day_label(lang, day.day, today),
                checkins=[
                    EntryView(
                        id=m.public_id,
                        time=localtime.to_local(m.felt_at, auth.time_zone).strftime("%H:%M"),
                        emotion=m.emotion,
                        name=emotions.emotion(m.emotion).label(lang),
                        color=colors[m.quadrant],
                        intensity=m.intensity or 0,
                        tags=" · ".join(tags.get(k, k) for k in m.cause_tags),
                        cause=m.cause,
                        reframe=m.reframe,
                        note=m.note,
                    )
                    for m in day.moods
                ],
            )
            for day in days
        ]
        self.loaded = True

    @rx.event
    async def load(self):
        auth = await self.get_state(AuthState)
        self._load_options(auth.lang)
        self.word_options = [
            {"key": e.key, "name": f"{q.name.get(auth.lang) or q.name['zh-CN']} · {e.label(auth.lang)}"}
            for q in emotions.quadrants()
            for e in emotions.emotions_in(q.key)
        ]
        self.limit = HISTORY_PAGE
        self.editing_id = self.confirm_delete_id = self.notice_text = self.error_text = ""
        await self._refresh()

    @rx.event
    async def load_more(self):
        self.limit += HISTORY_PAGE
        await self._refresh()

    @rx.event
    async def start_edit(self, public_id: str):
        done = await self._call(lambda session, profile: moods.get_mood(
            session, user_id=profile.id, public_id=public_id))
        if done is None:
            return
        mood = done[1]
        self.editing_id, self.edit_emotion = mood.public_id, mood.emotion
        self._fill_details(mood)
        self.confirm_delete_id = self.notice_text = self.error_text = ""

    @rx.event
    def cancel_edit(self):
        self.editing_id = self.error_text = ""

    @rx.event
    async def save_edit(self, form: dict):
        emotion = str(form.get("emotion", "")) or None
        if await self._save_details(self.editing_id, form, care_where=f"mood:{self.editing_id}", emotion=emotion):
            self.editing_id = ""
            await self._refresh()

    @rx.event
    def ask_delete(self, public_id: str):
        self.confirm_delete_id = public_id

    @rx.event
    async def delete(self):
        public_id = self.confirm_delete_id
        done = await self._call(lambda session, profile: moods.delete_mood(
            session, user_id=profile.id, public_id=public_id))
        if done is None:
            return
        self.confirm_delete_id = self.editing_id = ""
        self.notice_text = i18n.translate(done[0].language, "history.deleted")
        await self._refresh()

