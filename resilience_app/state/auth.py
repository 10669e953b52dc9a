"""Who is signed in, and the UI language. Other states find it with get_state(AuthState).

The session token lives in an HttpOnly cookie set by resilience_app/web/auth_routes.py;
this state reads it from the websocket handshake on the server and checks it in the
database (at every page load, and at most a few seconds apart between them: state/session_check.py),
so nothing the page sends can claim another identity. Database work runs on a database thread
(core/db.run_db), never on the event loop that serves every tab.
"""

from __future__ import annotations

import logging

import reflex as rx
from reflex.event import EventSpec
from reflex.middleware import Middleware

from resilience_app import routes
from resilience_app.core import i18n, security
from resilience_app.core.db import run_db
from resilience_app.core.errors import UserError
from resilience_app.services import accounts, consent, sessions
from resilience_app.services.accounts import Profile
from resilience_app.state import session_check
from resilience_app.web.cookies import LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE, token_from_cookie_header

logger = logging.getLogger(__name__)

# States holding one user's private data; wiped when the tab's user changes (see below).
PRIVATE_STATES: list[type[rx.State]] = []


def private_state(cls: type[rx.State]) -> type[rx.State]:
    """Register a state that holds private data, so it is reset when the user changes."""
    PRIVATE_STATES.append(cls)
    return cls


# Only these keys may be shown from a URL, so a crafted link cannot inject text.
_URL_MESSAGE_PREFIXES = ("error.", "notice.")


class AuthState(rx.State):
    lang: str = i18n.DEFAULT_LANGUAGE
    # Mirrors the choice into localStorage for signed-out pages and the offline page.
    stored_lang: str = rx.LocalStorage("", name="resilience_lang", sync=True)
    # And into a cookie, so the server sends the next page prerendered in it (web/page_language.py).
    lang_cookie: str = rx.Cookie("", name=LANGUAGE_COOKIE, path="/", max_age=LANGUAGE_COOKIE_MAX_AGE, same_site="lax")
    signed_in: bool = False
    username: str = ""
    display_name: str = ""
    role: str = ""
    time_zone: str = ""
    day_start_hour: int = accounts.DEFAULT_DAY_START
    browser_tz: str = ""
    # True once this tab's language is settled (the register form sends it only then); until
    # then the page shows the language it was served in (components/ui.LANG).
    lang_ready: bool = False
    # Whose data the private states of this tab hold (backend only, never sent).
    _owner_id: int | None = None
    # Which login this tab's state was built for: a fingerprint of the session cookie that came
    # with its websocket (backend only). TabBinding wipes the tab when another one turns up.
    _bound_session: str | None = None
    # A message carried in the URL by a server route (key + one number parameter).
    message_key: str = ""
    message_wait: int = 0
    prefill_username: str = ""
    next_path: str = ""
    # Set when a handler failed unexpectedly on the server (report_backend_exception below).
    server_trouble: bool = False

    @rx.var
    def message_text(self) -> str:
        if not self.message_key:
            return ""
        return i18n.translate(self.lang, self.message_key, minutes=self.message_wait)

    @rx.var
    def message_is_error(self) -> bool:
        return self.message_key.startswith("error.")

    @rx.var
    def shown_name(self) -> str:
        return self.display_name or self.username

    # --- lookups other states use -------------------------------------------------

    def session_token(self) -> str | None:
        return token_from_cookie_header(self.router.headers.cookie)

    async def checked_session(self, *, fresh: bool = False) -> session_check.Checked | None:
        """Whose live session came with this tab's websocket and whether they agreed to the privacy
        notice; None without a session cookie. Remembered for a few seconds unless `fresh`."""
        token = self.session_token()
        if not token:
            return None
        key = security.hash_token(token)
        if not fresh and (known := session_check.recall(key)) is not None:
            return known
        profile, agreed = await run_db(lambda session: _look_up_session(session, token))
        return session_check.remember(key, profile, agreed)

    async def current_profile(self, *, fresh: bool = False) -> Profile | None:
        """The signed-in user's profile (checked against the database within the last few seconds)."""
        checked = await self.checked_session(fresh=fresh)
        return checked.profile if checked else None

    async def writer_profile(self, *, needs_consent: bool = True) -> Profile:
        """The signed-in user, allowed to keep entries: the one check every saving handler goes
        through (SignedIn._profile). UserError when signed out, or without consent to the current
        privacy notice (PIPL: no sensitive information is processed without it)."""
        checked = await self.checked_session()
        if checked is None or checked.profile is None:
            raise UserError("error.session_expired")
        if needs_consent and not checked.agreed:
            raise UserError("error.consent_needed")
        return checked.profile

    def _apply_profile(self, profile: Profile | None) -> None:
        self.signed_in = profile is not None
        self.username = profile.username if profile else ""
        self.display_name = profile.display_name if profile else ""
        self.role = profile.role if profile else ""
        self.time_zone = profile.time_zone if profile else ""
        self.day_start_hour = profile.day_start_hour if profile else accounts.DEFAULT_DAY_START
        if profile:
            self.settle_language(profile.language)

    def _read_url_message(self) -> None:
        query = self.router.url.query_parameters
        key = query.get("error") or query.get("notice") or ""
        known = key.startswith(_URL_MESSAGE_PREFIXES) and key in i18n.catalog(self.lang)
        self.message_key = key if known else ""
        wait = query.get("wait", "")
        self.message_wait = int(wait) if wait.isdecimal() else 0
        self.prefill_username = query.get("u", "")[:32]
        self.next_path = query.get("next", "")

    def settle_language(self, language: str) -> None:
        """The tab's language from now on, remembered in this browser for the next page."""
        self.lang = self.stored_lang = self.lang_cookie = language
        self.lang_ready = True

    def _pick_signed_out_language(self) -> None:
        if self.stored_lang in i18n.LANGUAGES:
            self.settle_language(self.stored_lang)
        else:
            self.settle_language(accounts.language_from_accept(self.router.headers.accept_language))

    # --- events -------------------------------------------------------------------

    async def _forget_previous_user(self, profile: Profile | None) -> None:
        """A shared phone: when the tab's user changes, nothing of the last one survives.

        Reflex sends a tab's whole state when a page loads, so private states are reset
        here, on the server, before anyone else can sign in on this tab.
        """
        owner = profile.id if profile else None
        if owner == self._owner_id:
            return
        for cls in PRIVATE_STATES:
            (await self.get_state(cls)).reset()
        self._owner_id = owner

    async def _bind_to_connection(self, fingerprint: str) -> None:
        """Serve this tab's state only to the login it was built for (see TabBinding)."""
        if fingerprint == self._bound_session:
            return
        for cls in PRIVATE_STATES:
            (await self.get_state(cls)).reset()
        self._apply_profile(None)
        self._owner_id = None
        self._bound_session = fingerprint

    @rx.event
    async def load_private(self):
        """on_load of every signed-in page: no valid session, no page."""
        self.server_trouble = False  # a new page: an earlier failure's notice is stale
        checked = await self.checked_session(fresh=True)
        profile = checked.profile if checked else None
        await self._forget_previous_user(profile)
        self._apply_profile(profile)
        path = self.router.url.path or routes.TODAY
        if profile is None:
            self._pick_signed_out_language()
            return rx.redirect(f"{routes.LOGIN}?next={path}", replace=True)
        # The privacy notice is answered before any other page (first sign-in, or a new version).
        if path.rstrip("/") not in routes.CONSENT_NOT_NEEDED and not checked.agreed:
            return rx.redirect(f"{routes.CONSENT}?next={path}", replace=True)
        return None

    @rx.event
    async def load_public(self):
        """on_load of login/register/about: language, URL messages, signed-in bounce."""
        self.server_trouble = False
        profile = await self.current_profile(fresh=True)
        await self._forget_previous_user(profile)
        self._apply_profile(profile)
        if profile is None:
            self._pick_signed_out_language()
        self._read_url_message()
        if profile is not None and self.router.url.path in (routes.LOGIN, routes.REGISTER):
            return rx.redirect(routes.TODAY, replace=True)
        return None

    @rx.event
    async def switch_language(self, language: str):
        """The language toggle: saved to the account when signed in, else to this browser."""
        language = accounts.normalise_language(language)
        self.settle_language(language)
        token = self.session_token()

        def save(session) -> int | None:
            user_id = sessions.user_for_token(session, token)
            if user_id is not None:
                accounts.update_settings(session, user_id=user_id, language=language)
            return user_id

        if token and (user_id := await run_db(save)) is not None:
            session_check.forget_user(user_id)

    @rx.event
    def dismiss_message(self):
        self.message_key = ""

    @rx.event
    def note_server_trouble(self):
        self.server_trouble = True

    @rx.event
    def dismiss_server_trouble(self):
        self.server_trouble = False


def report_backend_exception(exception: Exception) -> EventSpec:
    """Reflex's backend exception handler: log the failure, and tell the user in their language.

    Reflex's own handler shows an English toast that falls back to `alert` through `eval`, which
    the Content-Security-Policy blocks, so the user saw nothing at all. This one sets a flag that
    the page shows as a notice (components/connection.py), through an ordinary event.
    """
    logger.error("an event handler failed", exc_info=(type(exception), exception, exception.__traceback__))
    return AuthState.note_server_trouble()


def _look_up_session(session, token: str) -> tuple[Profile | None, bool]:
    user_id = sessions.user_for_token(session, token)
    profile = accounts.get_profile(session, user_id) if user_id is not None else None
    return profile, profile is not None and consent.has_current(session, user_id=profile.id)


def session_fingerprint(cookie_header: str | None) -> str:
    """A stand-in for the session cookie a connection carries: its token's hash, or "" for none."""
    token = token_from_cookie_header(cookie_header)
    return security.hash_token(token) if token else ""


class TabBinding(Middleware):
    """Before any event of a tab is handled, and so before any delta leaves the server, the
    tab's state must belong to the login on this connection.

    A Reflex tab token names a state on the server; it is in the page, copied when a tab is
    duplicated, and could be replayed on a websocket that carries another user's cookie. When
    the session cookie of the connection differs from the one the state was built for, every
    private state and the identity in AuthState are reset first, so a borrowed token yields an
    empty tab, never another person's entries.
    """

    async def preprocess(self, app, state: rx.State, event) -> None:
        root = state._get_root_state()
        cookie = (root.router_data.get("headers") or {}).get("cookie")
        auth = await root.get_state(AuthState)
        await auth._bind_to_connection(session_fingerprint(cookie))
        return None


class SignedIn(rx.State, mixin=True):
    """For private states: the signed-in profile, checked now, and errors in the user's language."""

    error_text: str = ""

    async def _profile(self, *, needs_consent: bool = True) -> Profile:
        """The signed-in user, with a standing consent to the privacy notice unless told otherwise
        (withdrawing consent or deleting the account needs none)."""
        auth = await self.get_state(AuthState)
        return await auth.writer_profile(needs_consent=needs_consent)

    async def _profile_or_none(self, *, needs_consent: bool = True) -> Profile | None:
        """For on_load handlers: None when signed out (the page's own guard redirects)."""
        try:
            return await self._profile(needs_consent=needs_consent)
        except UserError:
            return None

    async def _fail(self, error: UserError) -> None:
        auth = await self.get_state(AuthState)
        self.error_text = i18n.translate(auth.lang, error.key, **error.params)

    async def _call(self, change, *, quiet: str = "", needs_consent: bool = True):
        """One service call, change(session, profile), for the signed-in user in one committed session,
        on a database thread (core/db.run_db); it may set this state's vars, which only this event holds.

        Returns (profile, result); on a UserError returns None after showing it in the user's
        language, unless its key is `quiet` (the answer a double tap's second event gets).
        """
        try:
            profile = await self._profile(needs_consent=needs_consent)
            result = await run_db(lambda session: change(session, profile))
        except UserError as error:
            if error.key != quiet:
                await self._fail(error)
            return None
        self.error_text = ""
        return profile, result
