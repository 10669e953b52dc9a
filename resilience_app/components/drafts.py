"""Fields whose text survives reloads and dropped connections (see assets/drafts.js)."""

import reflex as rx

from resilience_app.state.auth import AuthState
from resilience_app.state.drafts import DraftState


def draft_attrs(name: str) -> dict:
    """custom_attrs for a field kept as a draft, per user, under `name`."""
    return {"data-draft": name + ":" + AuthState.username}


def drafts_marker() -> rx.Component:
    """What assets/drafts.js needs to know: who is signed in on this device (any other user's
    drafts are forgotten) and which drafts were just stored (state/drafts.py)."""
    return rx.el.div(
        hidden=True,
        id="drafts-marker",
        custom_attrs={"data-drafts-user": AuthState.username, "data-drafts-stored": DraftState.receipts},
    )
