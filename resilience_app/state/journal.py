"""Wins and gratitude (Today's quick entry, the Journal list) and the Sunday review."""

from __future__ import annotations

import reflex as rx

from resilience_app.contracts.journal import KIND
from resilience_app.core import i18n, localtime, security
from resilience_app.core.db import run_db
from resilience_app.services import accounts, journal
from resilience_app.state.auth import AuthState, SignedIn, private_state
from resilience_app.state.care import notice_care
from resilience_app.state.drafts import forget_drafts


@private_state
class WinsState(SignedIn, rx.State):
    kind: str = "win"
    prompt_key: str = journal.PROMPT_KEYS[0]
    today_count: int = 0
    # Guards a double tap on Add: the same id stores one entry.
    pending_id: str = ""
    just_saved: bool = False
    entries: list[dict[str, str]] = []
    editing_id: str = ""
    confirm_delete_id: str = ""

    async def _refresh_today(self, profile: accounts.Profile) -> None:
        day = localtime.today(profile.time_zone, profile.day_start_hour)
        start, end = localtime.day_bounds(day, profile.time_zone, profile.day_start_hour)
        self.today_count = await run_db(lambda session: len(journal.entries_between(
            session, user_id=profile.id, start=start, end=end)))
        self.prompt_key = journal.prompt_for(day, self.today_count)

    async def _refresh_list(self, profile: accounts.Profile) -> None:
        today = localtime.today(profile.time_zone, profile.day_start_hour)
        rows = await run_db(lambda session: journal.recent_entries(session, user_id=profile.id))
        self.entries = [
            {"id": entry.public_id, "kind": entry.kind, "text": entry.text, "prompt_key": entry.prompt_key,
             "day": localtime.day_label(profile.language, localtime.local_day(
                 entry.written_at, profile.time_zone, profile.day_start_hour), today),
             "time": entry.written_at.strftime("%H:%M")}
            for entry in rows
        ]

    @rx.event
    async def load_today(self):
        if (profile := await self._profile_or_none()) is None:
            return
        self.just_saved = False
        self.error_text = ""
        self.pending_id = security.new_public_id()
        await self._refresh_today(profile)

    @rx.event
    async def load_list(self):
        if (profile := await self._profile_or_none()) is None:
            return
        self.editing_id = self.confirm_delete_id = self.error_text = ""
        await self._refresh_list(profile)

    @rx.event
    def set_kind(self, kind: str):
        self.kind = kind if kind in KIND.values else "win"

    @rx.event
    async def add(self, form: dict):
        kind, text, public_id = self.kind, str(form.get("text", "")), self.pending_id or None
        prompt_key = self.prompt_key if kind == "win" else ""
        done = await self._call(lambda session, profile: journal.add_entry(
            session, user_id=profile.id, kind=kind, text=text, prompt_key=prompt_key, public_id=public_id))
        if done is None:
            return None
        profile, entry = done
        self.just_saved = True
        self.pending_id = security.new_public_id()
        await self._refresh_today(profile)
        await forget_drafts(self, profile.username, "win")
        await notice_care(self, profile, entry.text, where="today_win")

    @rx.event
    def start_edit(self, entry_id: str):
        self.editing_id, self.confirm_delete_id, self.error_text = entry_id, "", ""

    @rx.event
    def cancel_edit(self):
        self.editing_id = self.error_text = ""

    @rx.event
    async def save_edit(self, form: dict):
        public_id = self.editing_id
        done = await self._call(lambda session, profile: journal.update_entry(
            session, user_id=profile.id, public_id=public_id,
            kind=str(form.get("kind", "win")), text=str(form.get("text", ""))))
        if done is None:
            return
        profile, entry = done
        edited, self.editing_id = self.editing_id, ""
        await self._refresh_list(profile)
        await notice_care(self, profile, entry.text, where=f"win:{edited}")

    @rx.event
    def ask_delete(self, entry_id: str):
        self.confirm_delete_id = entry_id

    @rx.event
    async def delete(self):
        public_id = self.confirm_delete_id
        done = await self._call(lambda session, profile: journal.delete_entry(
            session, user_id=profile.id, public_id=public_id))
        if done is None:
            return
        self.confirm_delete_id = ""
        await self._refresh_list(done[0])


@private_state
class ReviewState(SignedIn, rx.State):
    """The Sunday review: walk through the week's wins, then one line of self-recognition."""

    week: str = ""
    due: bool = False
    done: bool = False
    wins: list[dict[str, str]] = []
    step: int = 0
    recognition: str = ""
    saved: bool = False

    @rx.var
    def current(self) -> dict[str, str]:
        return self.wins[self.step] if 0 <= self.step < len(self.wins) else {}

    @rx.var
    def at_recognition(self) -> bool:
        return self.step >= len(self.wins)

    async def _load(self) -> accounts.Profile | None:
        auth = await self.get_state(AuthState)
        profile = await auth.current_profile()
        if profile is None:
            return None
        now_local = localtime.local_now(profile.time_zone)
        today = localtime.today(profile.time_zone, profile.day_start_hour)
        self.week = localtime.week_of(today)
        week = self.week
        review = await run_db(lambda session: journal.get_review(session, user_id=profile.id, week=week))
        self.done = review is not None
        self.recognition = review.recognition if review else ""
        self.due = journal.review_due(now_local=now_local, today=today, review_weekday=profile.review_weekday,
                                      review_hour=profile.review_hour) and not self.done
        return profile

    @rx.event
    async def load_summary(self):
        await self._load()

    @rx.event
    async def load(self):
        profile = await self._load()
        if profile is None:
            return
        start, end = localtime.week_bounds(self.week, profile.time_zone, profile.day_start_hour)
        rows = await run_db(lambda session: journal.entries_between(
            session, user_id=profile.id, start=start, end=end))
        self.wins = [
            {"text": entry.text, "day": i18n.format_long_date(profile.language, localtime.local_day(
                entry.written_at, profile.time_zone, profile.day_start_hour))}
            for entry in rows if entry.kind == "win"
        ]
        self.step, self.saved, self.error_text = 0, False, ""

    @rx.event
    def next(self):
        self.step = min(self.step + 1, len(self.wins))

    @rx.event
    def back(self):
        self.step = max(self.step - 1, 0)

    @rx.event
    async def save(self, form: dict):
        week, recognition = self.week, str(form.get("recognition", ""))
        done = await self._call(lambda session, profile: journal.save_review(
            session, user_id=profile.id, week=week, recognition=recognition))
        if done is None:
            return None
        profile, review = done
        self.recognition, self.saved, self.done, self.due = review.recognition, True, True, False
        await forget_drafts(self, profile.username, "review")
        await notice_care(self, profile, review.recognition, where="review")
