"""The forum's inputs: how long each text may be and which choices exist, declared once.

Read by models/forum.py (column sizes), the services under services/forum/ (their checks) and the
forum pages (maxlength).
"""

from resilience_app.contracts.base import Choice, IntRange, Text

# --- posts and replies -----------------------------------------------------------------------

KIND = Choice(("case", "vent", "tip", "question"), "error.forum_kind_unknown", column=10)
# The 复盘 template: what happened, what the customer said, what I did, what worked, what I'd do differently.
CASE_FIELDS = ("happened", "customer_said", "i_did", "worked", "next_time")
TITLE = Text(60, "error.forum_title_long", one_line=True)
BODY = Text(3000, "error.forum_body_long")
CASE_FIELD = Text(800, "error.forum_case_field_long")
REPLY = Text(1000, "error.forum_reply_long", "error.forum_reply_empty")
# Which kinds need which text, checked once customer data is taken out: a vent (树洞) may be just words.
TITLE_REQUIRED = ("case", "tip", "question")
BODY_REQUIRED = ("vent", "tip")
REACTION = Choice(("understand", "hug", "helpful"), "error.forum_reaction_unknown", column=12)  # 我懂你, 抱抱, 有用
# "visible", "hidden" (pending review or by a moderator), "deleted" (by its author), "removed" (by a moderator).
STATUS = Choice(("visible", "hidden", "deleted", "removed"), column=10)
SORT = Choice(("newest", "supported"), "error.forum_sort_unknown")

# --- groups ----------------------------------------------------------------------------------

GROUP_KIND = Choice(("public", "private"), column=8)
GROUP_NAME = Text(30, "error.forum_group_name_long", "error.forum_group_name_empty", one_line=True)
GROUP_ROLE = Choice(("owner", "member"), column=8)
# No 0/O, 1/I/L: a code read aloud or copied from a screenshot stays unambiguous.
INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INVITE_LENGTH = 8
INVITE_TYPED_MAX = 12  # what the page lets one type: room for the spaces and dashes people add

# --- reports and moderation ------------------------------------------------------------------

REPORT_REASON = Choice(("customer_data", "hostile", "spam", "worried", "other"), "error.forum_report_reason_unknown",
                       column=16)
REPORT_NOTE = Text(200, "error.forum_report_note_long", one_line=True)
# Why a moderator hides, restores, deletes, warns, mutes, lifts a mute or looks up an author.
MODERATOR_REASON = Text(500, "error.forum_reason_long", "error.forum_reason_required", one_line=True)
MODERATOR_ACTION = Choice(("restore", "hide", "delete"), "error.forum_action_unknown")
MUTE_DAYS = IntRange(1, 90, "error.forum_mute_days")
LOG_ACTION = Choice(("auto_hide", "hide", "restore", "delete", "warn", "mute", "unmute", "identify"), column=16)
