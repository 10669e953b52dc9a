"""The emotion box: write slips, seal them, and from the next local day keep, name or let them go."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta

import reflex as rx
from sqlalchemy.orm import Session

from resilience_app.core import i18n, localtime, security
from resilience_app.core.db import run_db
from resilience_app.core.errors import UserError
from resilience_app.services import accounts, emotion_box, emotions
from resilience_app.state.auth import SignedIn, private_state
from resilience_app.state.care import notice_care
from resilience_app.state.drafts import forget_drafts


def _local(profile: accounts.Profile) -> dict:
    """The user's calendar, as the service calls that know "today" take it."""
    return {"time_zone": profile.time_zone, "day_start_hour": profile.day_start_hour}


@dataclasses.dataclass
class WordGroup:
    """One unpleasant quadrant's words, for the check-in select."""

    name: str
    words: list[dict[str, str]]


@private_state
class BoxState(SignedIn, rx.State):
    # The summary the cards on Today and Journal show (no slip text).
    open_count: int = 0
    sealed_count: int = 0
    ready_count: int = 0
    opens_on_label: str = ""
    # The box page.
    open_slips: list[dict[str, str]] = []
    ready: list[dict[str, str]] = []
    kept: list[dict[str, str]] = []
    word_groups: list[WordGroup] = []
    # The closing screen, right after sealing.
    just_sealed: bool = False
    # Guards a double tap on Add: the same id stores one slip.
    pending_id: str = ""
    converting_id: str = ""
    confirm_let_go_id: str = ""
    notice_text: str = ""

    async def _fail(self, error: UserError) -> None:
        await SignedIn._fail(self, error)
        self.notice_text = ""

    def _when(self, profile: accounts.Profile, opens_on: date | None) -> str:
        if opens_on is None:
            return ""
        tomorrow = localtime.today(profile.time_zone, profile.day_start_hour) + timedelta(days=1)
        key = "box.when_tomorrow" if opens_on == tomorrow else "box.when_on"
        return i18n.translate(profile.language, key, date=i18n.format_long_date(profile.language, opens_on))

    def _slip(self, profile: accounts.Profile, slip: emotion_box.Slip) -> dict[str, str]:
        day = i18n.format_long_date(profile.language, slip.written_on)
        return {"id": slip.public_id, "text": slip.text,
                "day": i18n.translate(profile.language, "box.written_on", date=day)}

    async def _refresh_summary(self, profile: accounts.Profile) -> None:
        summary = await run_db(lambda session: emotion_box.box_summary(
            session, user_id=profile.id, **_local(profile)))
        self.open_count, self.sealed_count = summary.open_count, summary.sealed_count
        self.ready_count = summary.ready_count
        self.opens_on_label = self._when(profile, summary.opens_on)

    async def _refresh(self, profile: accounts.Profile) -> None:
        view = await run_db(lambda session: emotion_box.box_view(session, user_id=profile.id, **_local(profile)))
        self.open_slips = [{"id": slip.public_id, "text": slip.text} for slip in view.open]
        self.ready = [self._slip(profile, slip) for slip in view.ready]
        self.kept = [self._slip(profile, slip) for slip in view.kept]
        self.open_count, self.ready_count = len(view.open), len(view.ready)
        self.sealed_count = view.sealed_count
        self.opens_on_label = self._when(profile, view.opens_on)

    @rx.event
    async def load_summary(self):
        """on_load of Today and Journal: three counts from one grouped query."""
        if (profile := await self._profile_or_none()) is None:
            return
        await self._refresh_summary(profile)

    @rx.event
    async def load(self):
        """on_load of the box page."""
        if (profile := await self._profile_or_none()) is None:
            return
        self.word_groups = [
            WordGroup(name=q.name.get(profile.language) or q.name[i18n.DEFAULT_LANGUAGE],
                      words=[{"key": e.key, "name": e.label(profile.language)} for e in emotions.emotions_in(q.key)])
            for q in emotions.quadrants()
            if not q.pleasant
        ]
        self.just_sealed = False
        self.converting_id = self.confirm_let_go_id = self.notice_text = self.error_text = ""
        self.pending_id = security.new_public_id()
        await self._refresh(profile)

    async def _apply(
        self, call: Callable[[Session, accounts.Profile], object], quiet: str = ""
    ) -> accounts.Profile | None:
        """One service call for the signed-in user, then the box read again; None on a UserError
        (shown unless it is `quiet`, the answer a double tap's second event gets)."""
        done = await self._call(call, quiet=quiet)
        if done is None:
            return None
        profile = done[0]
        self.notice_text = ""
        await self._refresh(profile)
        return profile

    @rx.event
    async def add(self, form: dict):
        text, public_id = str(form.get("slip", "")), self.pending_id or None
        profile = await self._apply(lambda s, p: emotion_box.add_slip(s, user_id=p.id, text=text, public_id=public_id))
        if profile is None:
            return None
        self.just_sealed = False
        self.pending_id = security.new_public_id()
        await forget_drafts(self, profile.username, "slip")
        await notice_care(self, profile, text, where="box")

    @rx.event
    async def remove(self, slip_id: str):
        await self._apply(lambda s, p: emotion_box.remove_open_slip(s, user_id=p.id, public_id=slip_id),
                          quiet="error.not_found")

    @rx.event
    async def seal(self):
        quiet = "error.box_nothing_to_seal" if self.just_sealed else ""
        if await self._apply(lambda s, p: emotion_box.seal_box(s, user_id=p.id, **_local(p)), quiet=quiet):
            self.just_sealed = True

    async def _act_on_ready(self, action, slip_id: str, notice_key: str, **extra) -> accounts.Profile | None:
        """Keep, let go or convert one readable slip."""
        profile = await self._apply(lambda s, p: action(s, user_id=p.id, public_id=slip_id, **_local(p), **extra))
        if profile is not None:
            self.converting_id = self.confirm_let_go_id = ""
            self.notice_text = i18n.translate(profile.language, notice_key)
        return profile

    @rx.event
    async def keep(self, slip_id: str):
        await self._act_on_ready(emotion_box.keep_slip, slip_id, "box.kept_done")

    @rx.event
    def ask_let_go(self, slip_id: str):
        self.confirm_let_go_id, self.converting_id, self.error_text = slip_id, "", ""

    @rx.event
    async def let_go(self, slip_id: str):
        """Lets go only once "let go for good?" was asked for this slip; otherwise asks."""
        if self.confirm_let_go_id != slip_id:
            self.confirm_let_go_id, self.converting_id, self.error_text = slip_id, "", ""
            return
        await self._act_on_ready(emotion_box.let_go, slip_id, "box.let_go_done")

    @rx.event
    def start_convert(self, slip_id: str):
        self.converting_id, self.confirm_let_go_id, self.error_text = slip_id, "", ""

    @rx.event
    async def convert(self, form: dict):
        if not self.converting_id:  # the second event of a double tap
            return
        reframe = str(form.get("reframe", ""))
        profile = await self._act_on_ready(
            emotion_box.slip_to_mood, self.converting_id, "box.converted",
            emotion=str(form.get("emotion", "")) or None, reframe=reframe,
        )
        if profile:
            await forget_drafts(self, profile.username, "box_reframe")
            await notice_care(self, profile, reframe, where="box_ready")

    @rx.event
    def cancel(self):
        self.converting_id = self.confirm_let_go_id = self.error_text = ""
