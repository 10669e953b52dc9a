"""What the recharge plan accepts: an interest, a block's length, its switch-off list, and how it went."""

from resilience_app.contracts.base import Choice, IntRange, Text

# The columns (interests.name, recharge_blocks.interest) were made with room for 40.
INTEREST = Text(20, "error.plan_interest_too_long", "error.plan_interest_empty", one_line=True, column=40)
# An app or group on a block's switch-off checklist.
ITEM = Text(30, "error.plan_item_too_long", "error.plan_item_empty", one_line=True)
NOTE = Text(300, "error.plan_note_too_long")
# The message names the longest block in hours (services/plan.py).
MINUTES = IntRange(30, 8 * 60, "error.plan_bad_length")
RATING = IntRange(1, 5, "error.plan_bad_rating")  # how recharged one felt
OUTCOME = Choice(("done", "skipped"), "error.plan_bad_outcome")
STATUS = Choice(("planned", "done", "skipped"), column=8)
