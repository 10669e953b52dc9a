"""Fields whose text survives reloads and dropped connections (see assets/drafts.js)."""

import reflex as rx

from resilience_app.state.auth import AuthState


def draft_attrs(name: str) -> dict:
    """custom_attrs for a field kept as a draft, per user, under `name`."""
    return {"data-draft": name + ":" + AuthState.username}


def clear_draft(name: str, username: str):
    """The event that forgets a draft once its entry is stored."""
    return rx.call_script(f"window.resilienceClearDraft && window.resilienceClearDraft({name + ':' + username!r})")
