"""What a mood check-in accepts: its three texts and how strongly it was felt.

The feeling words and their quadrants are data (data/emotions.json); the contract only bounds their keys.
"""

from resilience_app.contracts.base import IntRange, Text

CAUSE = Text(300, "error.mood_text_long")
REFRAME = Text(300, "error.mood_text_long")
NOTE = Text(1000, "error.mood_text_long")
INTENSITY = IntRange(1, 5, "error.mood_intensity")
EMOTION_KEY_MAX = 40
QUADRANT_KEY_MAX = 20
