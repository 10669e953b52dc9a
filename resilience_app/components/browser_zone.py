"""The phone's own time zone, read by the page itself: the CSP lets no script come from the server."""

import reflex as rx
from reflex_base.vars.base import Var

BROWSER_TIME_ZONE = Var("Intl.DateTimeFormat().resolvedOptions().timeZone", _var_type=str)


def report_browser_zone(handler) -> rx.Component:
    """Nothing on screen; once mounted, hands the browser's zone to `handler`."""
    return rx.fragment(on_mount=handler(BROWSER_TIME_ZONE))
