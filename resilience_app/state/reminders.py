"""Reminders: chosen on Me (times, quiet hours, push on this phone, the calendar link); due ones on Today.

Every handler acts for the signed-in user only (SignedIn checks the session now); nothing the page sends
names an account.
"""

from __future__ import annotations

import asyncio
import time

import reflex as rx

from resilience_app import routes
from resilience_app.core import i18n, localtime
from resilience_app.core.db import run_db
from resilience_app.services import push, reminder_calendar, reminders
from resilience_app.state.auth import SignedIn, private_state

WEEKDAYS = range(7)
# A reconnect (a phone's network drops often) runs the page's on_load again: within this many seconds
# of a save, the card still says it saved.
STILL_SAVED_SECONDS = 30.0


@private_state
class ReminderSettingsState(SignedIn, rx.State):
    loaded: bool = False
    shift_end: list[str] = [""] * 7
    review: bool = False
    recharge: bool = False
    quiet_from: str = ""
    quiet_until: str = ""
    one_a_day: bool = True
    saved: bool = False
    vapid_key: str = ""
    # The calendar link is shown once, right after it is made (only its hash is kept).
    calendar_url: str = ""
    calendar_made: str = ""  # when the active link was made, as the user reads dates; "" for none
    calendar_notice: str = ""
    # Bumped on every load and save, so the form's uncontrolled inputs are drawn again with what was saved.
    form_key: int = 0
    _saved_at: float = 0.0  # time.monotonic() of the last save

    def _form_now(self) -> dict:
        return {"shift_end": list(self.shift_end), "review": self.review, "recharge": self.recharge,
                "one_a_day": self.one_a_day, "quiet_from": self.quiet_from, "quiet_until": self.quiet_until}

    def _fill(self, chosen: reminders.Choices) -> None:
        """The form drawn again with what is stored; left alone when that is what it already shows,
        so a reload (a reconnect) never wipes what the person is typing."""
        form = reminders.as_form(chosen)
        if self.loaded and form == self._form_now():
            return
        self.shift_end = form["shift_end"]
        self.review, self.recharge, self.one_a_day = form["review"], form["recharge"], form["one_a_day"]
        self.quiet_from, self.quiet_until = form["quiet_from"], form["quiet_until"]
        self.form_key += 1

    def _calendar_status(self, session, profile) -> None:
        made = reminder_calendar.link_created_at(session, user_id=profile.id)
        self.calendar_made = i18n.format_long_date(
            profile.language, localtime.to_local(made, profile.time_zone).date()) if made else ""

    @rx.event
    async def load(self):
        profile = await self._profile_or_none()
        if profile is None:
            return
        def read(session) -> None:
            self._fill(reminders.choices(session, user_id=profile.id))
            self._calendar_status(session, profile)

        await run_db(read)
        self.vapid_key = await asyncio.to_thread(push.public_key)  # made once, on first use
        self.error_text, self.calendar_url, self.calendar_notice = "", "", ""  # the link is shown once
        if time.monotonic() - self._saved_at > STILL_SAVED_SECONDS:
            self.saved = False
        self.loaded = True

    @rx.event
    async def save(self, form: dict):
        self.saved = False
        done = await self._call(lambda session, profile: reminders.save_choices(
            session, user_id=profile.id,
            shift_end=[str(form.get(f"shift_end_{weekday}", "")) for weekday in WEEKDAYS],
            review=form.get("review") == "on", recharge=form.get("recharge") == "on",
            quiet_from=str(form.get("quiet_from", "")), quiet_until=str(form.get("quiet_until", "")),
            one_a_day=form.get("one_a_day") == "on",
        ))
        if done is not None:
            self._fill(done[1])
            self.saved, self._saved_at = True, time.monotonic()

    def _link(self, token: str) -> str:
        origin = (self.router.headers.origin or "").rstrip("/")
        return origin + routes.API_REMINDERS_ICS.replace("{token}", token)

    @rx.event
    async def make_link(self):
        """A new private calendar link; any previous one stops working."""
        def make(session, profile):
            token = reminder_calendar.new_link(session, user_id=profile.id)
            self._calendar_status(session, profile)
            return token

        done = await self._call(make)
        if done is not None:
            self.calendar_url, self.calendar_notice = self._link(done[1]), ""

    @rx.event
    async def revoke_link(self):
        def revoke(session, profile):
            reminder_calendar.revoke_link(session, user_id=profile.id)
            self._calendar_status(session, profile)

        if await self._call(revoke) is not None:
            self.calendar_url, self.calendar_notice = "", "reminders.calendar_revoked"

    @rx.event
    def copy_link(self):
        if self.calendar_url:
            self.calendar_notice = "reminders.calendar_copied"
            return rx.set_clipboard(self.calendar_url)

    @rx.var
    def webcal_url(self) -> str:
        """The same link for "Add to calendar": webcal:// asks the phone to subscribe."""
        scheme, _, rest = self.calendar_url.partition("://")
        return f"webcal://{rest}" if rest and scheme in ("http", "https") else ""


@private_state
class ReminderDueState(SignedIn, rx.State):
    """What Today shows as due: [{"kind", "link", "time"}], from the reminders the user chose."""

    items: list[dict[str, str]] = []

    @rx.event
    async def load(self):
        profile = await self._profile_or_none()
        if profile is None:
            return
        self.items = await run_db(lambda session: reminders.due_today(session, user_id=profile.id))
