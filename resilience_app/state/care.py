"""Care in private entries: after a check-in's words, a win, a slip or a review line is saved, a crisis
sign in them brings a gentle card with the help lines, seen by the writer alone (services/care.py).

Nothing is stored on the server, flagged or shown to anyone: the card lives in this tab's state. "Not
now" hides it for the rest of the writer's local day by leaving a keyed mark on the device.
"""

from __future__ import annotations

import reflex as rx

from resilience_app.core.db import run_db
from resilience_app.services import accounts, care, offline_sync
from resilience_app.state.auth import AuthState, private_state


class CareDeviceState(rx.State):
    """The device's "not now" mark. Not a private state: a reset would wipe the mark at every sign-in
    check, and it names no one and nothing (services/care.quiet_mark), so drafts.js and sign-out can
    leave it be."""

    quiet_mark: str = rx.LocalStorage("", name="resilience_quiet", sync=True)


@private_state
class CareState(rx.State):
    visible: bool = False
    acute: bool = False
    # Which save the card answers, so it shows beside it: "today_mood", "mood:<id>", "today_win",
    # "win:<id>", "box", "box_ready", "review" or "synced" (written offline, on Today).
    where: str = ""

    async def notice(self, profile: accounts.Profile, *texts: str, where: str) -> None:
        """Called by the other states right after a successful save, with the words as saved."""
        severity = care.severity_of(*texts)
        if severity is None:
            return
        device = await self.get_state(CareDeviceState)
        if device.quiet_mark == _todays_mark(profile):
            self.visible = False
            return
        self.visible, self.acute, self.where = True, severity == "acute", where

    @rx.event
    async def after_sync(self, form: dict):
        """Entries written on the phone offline have just synced (assets/offline_capture.js submits their
        ids): check the words of those that are this writer's, as if saved here (where: "synced")."""
        profile = await (await self.get_state(AuthState)).current_profile()
        ids = str(form.get("ids", "")).split()
        if profile is None or not ids:
            return
        texts = await run_db(lambda session: offline_sync.written_texts(session, user_id=profile.id, public_ids=ids))
        await self.notice(profile, *texts, where="synced")

    @rx.event
    async def not_now(self):
        """Hide the card until the writer's next local day, on this device."""
        self.visible = False
        profile = await (await self.get_state(AuthState)).current_profile()
        if profile is not None:
            (await self.get_state(CareDeviceState)).quiet_mark = _todays_mark(profile)


def _todays_mark(profile: accounts.Profile) -> str:
    return care.quiet_mark_today(user_public_id=profile.public_id, time_zone=profile.time_zone,
                                 day_start_hour=profile.day_start_hour)


async def notice_care(state: rx.State, profile: accounts.Profile, *texts: str, where: str) -> None:
    """From a handler that has just saved private words: show the care card if they need it."""
    await (await state.get_state(CareState)).notice(profile, *texts, where=where)
