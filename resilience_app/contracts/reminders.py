"""What a user's reminders store: which kind was sent, and quiet hours as "HH:MM"."""

from resilience_app.contracts.base import Choice

KIND = Choice(("shift_end", "review", "recharge"), column=16)
# What a sent reminder takes up: the whole day when the user allows one a day, else its kind's place.
SLOT = Choice(("day", *KIND.values), column=16)
CLOCK_TIME_LENGTH = len("23:59")
