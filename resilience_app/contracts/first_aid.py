"""What a use of a first-aid exercise stores: the exercise's key (the exercises are data in services/first_aid.py)."""

EXERCISE_KEY_MAX = 30
