"""The Plan tab (兴趣充电计划) and its calm screen on Today.

PlanState drives the week view: interests, planning a block, the switch-off checklist, and
how a block went. RechargeTodayState only asks whether a block is on now, or whether the
week still has none by mid-week.
"""

from __future__ import annotations

import contextlib
import dataclasses
from datetime import date, datetime, timedelta

import reflex as rx

from resilience_app.contracts.plan import OUTCOME, RATING
from resilience_app.core import i18n, localtime, security
from resilience_app.core.db import run_db
from resilience_app.core.errors import UserError
from resilience_app.services import accounts, plan
from resilience_app.state.auth import SignedIn, private_state
from resilience_app.state.drafts import forget_drafts

INTEREST_DRAFT = "plan_interest"
NOTE_DRAFT = "plan_note"


@dataclasses.dataclass
class SwitchOffView:
    index: int
    label: str
    off: bool


@dataclasses.dataclass
class BlockView:
    id: str
    day_label: str
    start: str
    end: str
    interest: str
    status: str  # planned, done, skipped
    timing: str  # upcoming, now, past
    rating: int
    note: str
    checklist: list[SwitchOffView]
    switched_off: str = ""  # "1/4": how much of the checklist is off, shown on its button


def _clock_time(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def _switch_offs(block: plan.Block) -> list[SwitchOffView]:
    return [SwitchOffView(index=i, label=item.label, off=item.off) for i, item in enumerate(block.checklist)]


def _adherence_text(lang: str, kept: plan.Adherence) -> str:
    """How many of the last whole weeks had a block done ("In the last 1 weeks" is no sentence)."""
    if kept.weeks == 0:
        return ""  # a new account is not judged
    if kept.weeks == 1:
        return i18n.translate(lang, "plan.adherence.last_week_done" if kept.done else "plan.adherence.last_week_none")
    return i18n.translate(lang, "plan.adherence", weeks=kept.weeks, done=kept.done)


def _block_view(lang: str, block: plan.Block) -> BlockView:
    checklist = block.checklist
    return BlockView(
        id=block.public_id, day_label=i18n.format_long_date(lang, block.day),
        start=_clock_time(block.starts_at), end=_clock_time(block.ends_at), interest=block.interest,
        status=block.status, timing=block.timing, rating=block.recharged or 0, note=block.note,
        checklist=_switch_offs(block), switched_off=f"{sum(item.off for item in checklist)}/{len(checklist)}",
    )


@private_state
class PlanState(SignedIn, rx.State):
    week: str = ""
    this_week: str = ""
    week_label: str = ""
    interests: list[dict[str, str]] = []
    # Suggested interests not yet on the list, in the user's language.
    suggestions: list[str] = []
    day_options: list[dict[str, str]] = []
    default_day: str = ""
    length_options: list[dict[str, str]] = []
    blocks: list[BlockView] = []
    adherence_text: str = ""
    # The block whose "how did it go" panel is open, and the choices made in it so far.
    finishing_id: str = ""
    outcome: str = "done"
    rating: int = 0
    notice_text: str = ""
    # Which card shows error_text: "interests", "block" or "finish".
    error_where: str = ""
    # The id the next planned block uses: a double tap on Add plans one block.
    pending_block_id: str = ""

    @rx.var
    def is_past(self) -> bool:
        return bool(self.week) and self.week < self.this_week

    @rx.var
    def ics_href(self) -> str:
        return f"/api/plan.ics?week={self.week}"

    @rx.var
    def few_interests(self) -> bool:
        return len(self.interests) < plan.INTERESTS_ENCOURAGED

    async def _refresh(self, profile: accounts.Profile) -> None:
        lang = profile.language
        shown = self.week

        def read(session):
            this_week = plan.current_week(session, user_id=profile.id)
            week = shown or this_week
            return (this_week, week, plan.list_interests(session, user_id=profile.id),
                    plan.week_blocks(session, user_id=profile.id, week=week),
                    plan.adherence(session, user_id=profile.id))

        self.this_week, self.week, interests, blocks, kept = await run_db(read)
        self._show_interests(lang, interests)
        self._show_days(lang, localtime.today(profile.time_zone, profile.day_start_hour))
        self.length_options = [
            {"value": str(m), "label": i18n.translate(lang, "plan.length_option", hours=f"{m / 60:g}")}
            for m in plan.LENGTHS
        ]
        self.blocks = [_block_view(lang, b) for b in blocks]
        self.adherence_text = _adherence_text(lang, kept)
        open_ids = [b.id for b in self.blocks if b.status == "planned" and b.timing != "upcoming"]
        if self.finishing_id not in {b.id for b in self.blocks}:
            self.finishing_id = open_ids[0] if open_ids else ""
            self.outcome, self.rating = "done", 0

    def _show_interests(self, lang: str, interests: list[plan.Interest]) -> None:
        """The user's interests, and the suggestions not yet among them."""
        self.interests = [{"id": i.public_id, "name": i.name} for i in interests]
        taken = {i.name.casefold() for i in interests}
        self.suggestions = [s for s in plan.suggestions(lang) if s.casefold() not in taken]

    def _show_days(self, lang: str, today: date) -> None:
        """The week's range and its days to plan on: today, when this week is shown, else its Monday."""
        monday, sunday = localtime.week_days(self.week)
        days = [monday + timedelta(days=n) for n in range(7)]
        self.week_label = i18n.translate(lang, "plan.week_range", start=i18n.format_short_date(lang, monday),
                                         end=i18n.format_short_date(lang, sunday))
        self.day_options = [{"value": d.isoformat(), "label": i18n.format_long_date(lang, d)} for d in days]
        self.default_day = (today if today in days else monday).isoformat()

    async def _run(self, where: str, change) -> accounts.Profile | None:
        """Apply a change to the user's plan; on a UserError show it where it happened."""
        self.notice_text = ""
        done = await self._call(change)
        if done is None:
            self.error_where = where
            return None
        profile = done[0]
        self.error_where = ""
        await self._refresh(profile)
        return profile

    @rx.event
    async def load(self):
        if (profile := await self._profile_or_none()) is None:
            return
        self.error_text = self.error_where = self.notice_text = ""
        self.finishing_id = ""
        self.pending_block_id = security.new_public_id()
        self.week = ""
        with contextlib.suppress(UserError):  # a link may name a week (?week=2026-W47); else this week
            self.week = localtime.week_of(localtime.week_monday(self.router.url.query_parameters.get("week")))
        await self._refresh(profile)

    @rx.event
    async def show_week(self, weeks: int):
        shown = self.week or self.this_week
        done = await self._call(lambda session, profile: localtime.shift_week(shown, int(weeks)))
        if done is None:
            return
        profile, self.week = done
        self.error_where = self.notice_text = ""
        self.finishing_id = ""
        await self._refresh(profile)

    # --- interests ---

    @rx.event
    async def add_interest(self, form: dict):
        name = str(form.get("interest", ""))
        profile = await self._run("interests", lambda s, p: plan.add_interest(s, user_id=p.id, name=name))
        if profile:
            await forget_drafts(self, profile.username, INTEREST_DRAFT)

    @rx.event
    async def pick_suggestion(self, name: str):
        await self._run("interests", lambda s, p: plan.add_interest(s, user_id=p.id, name=name))

    @rx.event
    async def remove_interest(self, interest_id: str):
        await self._run("interests", lambda s, p: plan.remove_interest(s, user_id=p.id, public_id=interest_id))

    # --- blocks ---

    @rx.event
    async def add_block(self, form: dict):
        def change(session, profile):
            plan.add_block(session, user_id=profile.id, day=form.get("day"), start=form.get("start"),
                           minutes=form.get("length"), interest=form.get("interest"),
                           public_id=self.pending_block_id or None)

        if profile := await self._run("block", change):
            self.pending_block_id = security.new_public_id()
            self.notice_text = i18n.translate(profile.language, "plan.block_added")

    @rx.event
    async def delete_block(self, block_id: str):
        await self._run("block", lambda s, p: plan.delete_block(s, user_id=p.id, public_id=block_id))

    @rx.event
    async def toggle_item(self, block_id: str, index: int):
        await self._run("block", lambda s, p: plan.toggle_switch_off(s, user_id=p.id, public_id=block_id,
                                                                      index=int(index)))

    @rx.event
    async def add_item(self, form: dict):
        block_id, label = str(form.get("block", "")), str(form.get("label", ""))
        await self._run("block", lambda s, p: plan.add_switch_off(s, user_id=p.id, public_id=block_id, label=label))

    # --- after a block ---

    @rx.event
    def choose_finish(self, block_id: str):
        self.finishing_id, self.outcome, self.rating = block_id, "done", 0
        self.error_text = self.error_where = ""

    @rx.event
    def set_outcome(self, outcome: str):
        self.outcome = outcome if outcome in OUTCOME.values else "done"

    @rx.event
    def set_rating(self, rating: int):
        self.rating = int(rating) if int(rating) in RATING.allowed else 0
        self.outcome = "done"

    @rx.event
    async def save_finish(self, form: dict):
        block_id, outcome, rating = self.finishing_id, self.outcome, self.rating
        note = str(form.get("note", ""))
        profile = await self._run("finish", lambda s, p: plan.finish_block(
            s, user_id=p.id, public_id=block_id, outcome=outcome, recharged=rating or None, note=note))
        if profile is None:
            return None
        self.notice_text = i18n.translate(profile.language, f"plan.saved_{outcome}")
        self.finishing_id = ""
        await self._refresh(profile)
        await forget_drafts(self, profile.username, NOTE_DRAFT)


@private_state
class RechargeTodayState(SignedIn, rx.State):
    # "calm" during a block, "nudge" from mid-week with nothing planned, else "".
    mode: str = ""
    block_id: str = ""
    interest: str = ""
    until: str = ""
    checklist: list[SwitchOffView] = []

    def _show(self, block: plan.Block | None) -> None:
        self.block_id = block.public_id if block else ""
        self.interest = block.interest if block else ""
        self.until = _clock_time(block.ends_at) if block else ""
        self.checklist = _switch_offs(block) if block else []

    @rx.event
    async def load(self):
        if (profile := await self._profile_or_none()) is None:
            return
        def read(session):
            block = plan.current_block(session, user_id=profile.id)
            return block, block is None and plan.needs_nudge(session, user_id=profile.id)

        block, nudge = await run_db(read)
        self.mode = "calm" if block else "nudge" if nudge else ""
        self._show(block)

    @rx.event
    async def toggle_item(self, index: int):
        public_id = self.block_id
        done = await self._call(lambda session, profile: plan.toggle_switch_off(
            session, user_id=profile.id, public_id=public_id, index=int(index)))
        if done is not None:
            self._show(done[1])
