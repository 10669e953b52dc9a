"""The Me screen: settings saved to the account, and the password form's answer."""

from __future__ import annotations

import reflex as rx

from resilience_app.core import i18n, localtime, security
from resilience_app.services import accounts
from resilience_app.state import session_check
from resilience_app.state.auth import AuthState, SignedIn, private_state

COMMON_ZONES = (
    "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Kuala_Lumpur",
    "Asia/Tokyo", "Asia/Seoul", "Asia/Bangkok", "Asia/Jakarta", "Asia/Manila", "Asia/Kolkata",
    "Asia/Dubai", "Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Moscow",
    "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
    "America/Sao_Paulo", "Australia/Sydney", "Pacific/Auckland", "UTC",
)


@private_state
class SettingsState(SignedIn, rx.State):
    loaded: bool = False
    display_name: str = ""
    language: str = i18n.DEFAULT_LANGUAGE
    time_zone: str = ""
    day_start_hour: int = accounts.DEFAULT_DAY_START
    review_weekday: int = 6
    review_hour: int = 20
    zone_options: list[dict[str, str]] = []
    saved: bool = False
    password_error: str = ""
    password_notice: str = ""

    def _fill(self, profile: accounts.Profile, browser_tz: str) -> None:
        self.display_name = profile.display_name
        self.language = profile.language
        self.time_zone = profile.time_zone
        self.day_start_hour = profile.day_start_hour
        self.review_weekday = profile.review_weekday
        self.review_hour = profile.review_hour
        zones = list(dict.fromkeys([profile.time_zone, *([browser_tz] if browser_tz else []), *COMMON_ZONES]))
        self.zone_options = [
            {"value": zone, "label": f"{zone.replace('_', ' ')} · {localtime.utc_offset_label(zone)}"}
            for zone in zones
        ]

    @rx.event
    async def load(self):
        auth = await self.get_state(AuthState)
        profile = await auth.current_profile()
        if profile is None:
            return
        self._fill(profile, auth.browser_tz)
        self.saved = False
        self.error_text = ""
        query = self.router.url.query_parameters
        key = query.get("pw_error", "")
        self.password_error = i18n.translate(profile.language, key, min=security.PASSWORD_MIN, max=security.PASSWORD_MAX) if key.startswith("error.") and key in i18n.catalog(profile.language) else ""
        notice = query.get("notice", "")
        self.password_notice = i18n.translate(profile.language, notice) if notice == "notice.password_changed" else ""
        self.loaded = True

    @rx.event
    async def add_browser_zone(self, zone: str):
        """Offer this device's zone too, so travelling or a new phone is one tap away (the Me page
        reports it, components/browser_zone.py)."""
        auth = await self.get_state(AuthState)
        auth.browser_tz = accounts.valid_time_zone(zone) or ""
        profile = await auth.current_profile()
        if profile is not None:
            self._fill(profile, auth.browser_tz)

    @rx.event
    async def save(self, form: dict):
        auth = await self.get_state(AuthState)
        self.saved = False
        hour = str(form.get("day_start_hour", ""))

        def number(name: str) -> int | None:
            value = str(form.get(name, ""))
            return int(value) if value.isdecimal() else None

        def save(session, profile) -> accounts.Profile:
            return accounts.update_settings(
                session,
                user_id=profile.id,
                display_name=str(form.get("display_name", "")),
                language=str(form.get("language", "")),
                time_zone=str(form.get("time_zone", "")),
                day_start_hour=int(hour) if hour.isdigit() else -1,
                review_weekday=number("review_weekday"),
                review_hour=number("review_hour"),
            )

        # Like the language switch (AuthState.switch_language), settings are no sensitive information: no consent needed.
        done = await self._call(save, needs_consent=False)
        if done is None:
            return
        profile = done[1]
        session_check.forget_user(profile.id)
        auth._apply_profile(profile)
        self._fill(profile, auth.browser_tz)
        self.saved = True
