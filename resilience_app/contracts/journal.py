"""What the journal accepts: a small win or a thank-you, and the Sunday review's line of self-recognition."""

from resilience_app.contracts.base import Choice, Text

KIND = Choice(("win", "gratitude"), "error.journal_kind", column=16)
ENTRY_TEXT = Text(300, "error.journal_too_long", "error.journal_empty")
RECOGNITION = Text(200, "error.review_too_long", "error.review_empty")
