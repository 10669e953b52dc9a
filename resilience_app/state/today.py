"""The Today screen: a greeting in the user's own time, and one gentle reminder a day."""

from __future__ import annotations

import reflex as rx

from resilience_app.core import i18n, localtime
from resilience_app.state.auth import AuthState, private_state

# Reminders drawn from the seed techniques; one per local day, in turn.
TIP_KEYS = (
    "today.tip.breath",
    "today.tip.not_your_fault",
    "today.tip.slow",
    "today.tip.win",
    "today.tip.body",
    "today.tip.boundary",
    "today.tip.recharge",
)


def greeting_key(hour: int) -> str:
    if 5 <= hour < 11:
        return "today.greeting.morning"
    if 11 <= hour < 13:
        return "today.greeting.noon"
    if 13 <= hour < 18:
        return "today.greeting.afternoon"
    if 18 <= hour < 23:
        return "today.greeting.evening"
    return "today.greeting.night"


@private_state
class TodayState(rx.State):
    greeting_key: str = "today.greeting.evening"
    date_text: str = ""
    tip_key: str = TIP_KEYS[0]
    welcome: bool = False
    # Set once every part of Today has loaded (this state's load is the page's last on_load event):
    # until then the page keeps its skeleton, so the cards appear at once and at their size.
    ready: bool = False

    @rx.event
    async def load(self):
        auth = await self.get_state(AuthState)
        profile = await auth.current_profile()
        if profile is None:
            return
        now = localtime.local_now(profile.time_zone)
        day = localtime.today(profile.time_zone, profile.day_start_hour)
        self.greeting_key = greeting_key(now.hour)
        self.date_text = i18n.format_long_date(profile.language, now.date())
        self.tip_key = TIP_KEYS[day.toordinal() % len(TIP_KEYS)]
        self.welcome = self.router.url.query_parameters.get("welcome") == "1"
        self.ready = True

    @rx.event
    def dismiss_welcome(self):
        self.welcome = False
