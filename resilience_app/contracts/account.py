"""What an account accepts: its name, display name, language, role, time zone and the hours of its week."""

from resilience_app.contracts.base import Choice, IntRange, Text

# Checked by services/accounts.py (NFKC, then letters, digits and _.- only): more than a length.
USERNAME_MIN, USERNAME_MAX = 3, 32
DISPLAY_NAME = Text(40, "error.display_name_long", one_line=True)
LANGUAGE = Choice(("zh-CN", "en"), "error.language_unknown", column=8)
ROLE = Choice(("member", "moderator"), "error.role_unknown", column=16)
# IANA names are far shorter; which names are real, ZoneInfo decides.
TIME_ZONE_MAX = 64
# A "day" may start at any hour from midnight to noon.
DAY_START = IntRange(0, 12, "error.day_start_range")
REVIEW_WEEKDAY = IntRange(0, 6, "error.review_day_range")  # 0 Monday .. 6 Sunday
REVIEW_HOUR = IntRange(0, 23, "error.review_hour_range")
