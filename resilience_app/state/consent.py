"""The privacy notice (readable signed out) and the consent gate: agree, decline, withdraw."""

from __future__ import annotations

import reflex as rx

from resilience_app import routes
from resilience_app.core import i18n, localtime
from resilience_app.core.db import run_db
from resilience_app.core.errors import UserError
from resilience_app.core.settings import get_settings
from resilience_app.services import consent
from resilience_app.state import session_check
from resilience_app.state.auth import SignedIn, private_state

# What the consent page shows: the notice with the box, the confirmation before withdrawing, or
# what is left to do once the user said no (declined now, or withdrew).
ASK, WITHDRAW, DECLINED, WITHDRAWN = "ask", "withdraw", "declined", "withdrawn"


@private_state  # holds no one's data, but is wiped with the rest rather than listed as an exception
class NoticeState(rx.State):
    """The operator's contact, read from the server's settings when the notice is shown."""

    contact: str = ""

    @rx.event
    def load(self):
        self.contact = get_settings().privacy_contact


def _safe_next(target: str) -> str:
    """Only this site's own pages, and never the consent page again."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        if target.rstrip("/") != routes.CONSENT:
            return target
    return routes.TODAY


@private_state
class ConsentState(SignedIn, rx.State):
    mode: str = ""
    given_text: str = ""
    next_path: str = routes.TODAY

    @rx.event
    async def load(self):
        """on_load of the consent page (after AuthState.load_private)."""
        self.error_text = ""
        self.next_path = _safe_next(self.router.url.query_parameters.get("next", ""))
        if (profile := await self._profile_or_none(needs_consent=False)) is None:
            return
        standing = await run_db(lambda session: consent.current(session, user_id=profile.id))
        self.mode = WITHDRAW if standing else ASK
        self.given_text = i18n.translate(
            profile.language, "consent.given_on", version=standing.notice_version,
            date=i18n.format_long_date(profile.language, localtime.to_local(standing.given_at, profile.time_zone).date()),
        ) if standing else ""

    @rx.event
    async def agree(self, form: dict):
        """The box must be ticked here too: the server never takes a consent the page assumed."""
        if form.get("consent_sensitive") not in ("yes", "on", True):
            await self._fail(UserError("error.consent_box"))
            return None
        done = await self._call(lambda session, profile: consent.record(session, user_id=profile.id, source="sign_in"),
                                needs_consent=False)
        if done is None:
            return None
        session_check.forget_user(done[0].id)
        self.mode = ""
        return rx.redirect(self.next_path, replace=True)

    @rx.event
    def decline(self):
        self.error_text = ""
        self.mode = DECLINED

    @rx.event
    def reconsider(self):
        self.error_text = ""
        self.mode = ASK

    @rx.event
    async def withdraw(self):
        """Withdraw now; the page then offers export, then deletion (or agreeing again)."""
        done = await self._call(lambda session, profile: consent.withdraw(session, user_id=profile.id),
                                needs_consent=False)
        if done is None:
            return None
        session_check.forget_user(done[0].id)
        self.given_text = ""
        self.mode = WITHDRAWN
        return None
