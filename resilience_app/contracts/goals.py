"""What a small goal accepts: the goal, its reward, and the states it goes through."""

from resilience_app.contracts.base import Choice, Text

GOAL_TEXT = Text(80, "error.goal_too_long", "error.goal_empty")
REWARD = Text(40, "error.goal_reward_too_long")
# "carried": moved on to a later day as a new goal.
STATUS = Choice(("open", "done", "dropped", "carried"), column=8)
