"""What assets/offline_capture.js needs on Today: whether the live connection is up, a place to say
what waits on this phone, a button it clicks once entries saved there have synced, and a form it
submits with their ids when the sync answered with care (then the private care card shows here)."""

import reflex as rx
from reflex_components_core.core.banner import has_connection_errors

from resilience_app.components.care_card import care_card
from resilience_app.state.care import CareState
from resilience_app.state.emotion_box import BoxState
from resilience_app.state.insights import InsightsState
from resilience_app.state.journal import WinsState


def offline_capture_slot() -> rx.Component:
    return rx.fragment(
        # "down" from the socket's first failed attempt: taps then go to the phone's queue at once.
        rx.el.span(hidden=True, id="live-connection",
                   custom_attrs={"data-live": rx.cond(has_connection_errors, "down", "up")}),
        # Filled by the script (never by React): "2 entries saved on this phone, will sync".
        rx.el.div(id="offline-pending", role="status"),
        rx.el.button(hidden=True, type="button", id="offline-synced", tab_index=-1,
                     on_click=[WinsState.load_today, BoxState.load_summary, InsightsState.load_streak]),
        # The ids only: the server reads the words again, and only the signed-in writer's (state/care.py).
        rx.el.form(rx.el.input(type="hidden", name="ids", id="offline-care-ids"),
                   hidden=True, id="offline-care", on_submit=CareState.after_sync),
        care_card("synced"),
    )
