"""What the emotion box accepts: a slip's text, and the states a slip goes through."""

from resilience_app.contracts.base import Choice, Text

SLIP_TEXT = Text(500, "error.box_too_long", "error.box_empty")
# "released": let go for good. The text is wiped; only the moment stays, for the weekly reflection.
STATUS = Choice(("open", "sealed", "kept", "released"))
