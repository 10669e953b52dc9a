"""Me → delete account, and Me → erase old entries automatically.

Both act on the signed-in user only (SignedIn checks the session cookie now): nothing the page
sends names an account.
"""

from __future__ import annotations

import reflex as rx

from resilience_app import routes
from resilience_app.core import i18n
from resilience_app.core.db import run_db
from resilience_app.services import account_deletion, retention
from resilience_app.state import session_check
from resilience_app.state.auth import PRIVATE_STATES, AuthState, SignedIn, private_state
from resilience_app.web import client_id


@private_state
class DeleteAccountState(SignedIn, rx.State):
    posts: str = "delete"
    working: bool = False

    @rx.event
    def choose_posts(self, choice: str):
        self.posts = choice if choice in account_deletion.POST_CHOICES else "delete"

    @rx.event
    async def delete(self, form: dict):
        """Password again, then the account and everything of it, in one unit of work; then goodbye."""
        password = str(form.get("password", ""))
        posts = str(form.get("posts", self.posts))
        auth = await self.get_state(AuthState)
        # Counted like a sign-in: the browser's client id, else its address (services/throttle.py).
        client = client_id.client_key(self.router.headers.cookie, self.router.session.client_ip)
        self.working = True
        yield

        def delete_me(session, profile):
            account_deletion.confirm_password(session, user_id=profile.id, password=password, client=client)
            return account_deletion.delete_account(session, user_id=profile.id, posts=posts)

        done = await self._call(delete_me, needs_consent=False)  # a user who declined or withdrew may leave
        self.working = False
        if done is None:
            yield rx.set_value("delete-password", "")
            return
        session_check.forget_user(done[0].id)
        language = auth.lang
        for cls in PRIVATE_STATES:
            (await self.get_state(cls)).reset()
        auth._apply_profile(None)
        auth._owner_id = None
        auth.settle_language(language)
        yield rx.redirect(f"{routes.LOGIN}?notice=notice.account_deleted", replace=True)


@private_state
class RetentionState(SignedIn, rx.State):
    # "" for off, else the number of months as text (a <select>'s value).
    months: str = ""
    choices: list[dict[str, str]] = []
    saved: bool = False

    @rx.event
    async def load(self):
        profile = await self._profile_or_none()
        if profile is None:
            return
        months = await run_db(lambda session: retention.get_retention(session, user_id=profile.id))
        self.months = str(months) if months else ""
        self.choices = [{"value": "", "label": i18n.translate(profile.language, "me.retention_off")}] + [
            {"value": str(n), "label": i18n.translate(profile.language, "me.retention_months", n=n)}
            for n in retention.CHOICES
        ]
        self.saved = False
        self.error_text = ""

    @rx.event
    async def choose(self, value: str):
        months = int(value) if value.isdecimal() else None
        done = await self._call(lambda session, profile: retention.set_retention(
            session, user_id=profile.id, months=months))
        self.saved = done is not None
        if done is not None:
            self.months = str(done[1]) if done[1] else ""
