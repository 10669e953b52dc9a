"""Today's small goals (可控小目标): set, check off, and what is still open from before.

A goal phrased as an outcome one cannot control is not saved at once: the card offers a step
that is one's own, and the user picks it or keeps their words.
"""

from __future__ import annotations

from datetime import date

import reflex as rx

from resilience_app.core import localtime, security
from resilience_app.core.db import run_db
from resilience_app.services import accounts, goals
from resilience_app.state.auth import SignedIn, private_state
from resilience_app.state.drafts import forget_drafts

GOAL_DRAFT = "goal"
REWARD_DRAFT = "goal_reward"


@private_state
class GoalsState(SignedIn, rx.State):
    # Today's goals still in play (open or done): id, text, reward, status.
    goals: list[dict[str, str]] = []
    # Open goals of earlier days: id, text, reward, day (a label in the user's language).
    unfinished: list[dict[str, str]] = []
    # The add form's goal awaiting a choice, and the step the app suggests instead.
    suggestion: str = ""
    pending_text: str = ""
    pending_reward: str = ""
    # The id the next save uses: a double tap on a choice stores one goal.
    pending_id: str = ""
    # The text last stored from the form: a repeated submit of it stores nothing more.
    _last_saved: str = ""

    @rx.var
    def done_count(self) -> int:
        return sum(1 for goal in self.goals if goal["status"] == "done")

    @staticmethod
    def _today(profile: accounts.Profile) -> date:
        return localtime.today(profile.time_zone, profile.day_start_hour)

    async def _refresh(self, profile: accounts.Profile) -> None:
        today = self._today(profile)
        todays, earlier = await run_db(lambda session: (
            goals.goals_for_day(session, user_id=profile.id, day=today),
            goals.unfinished_before(session, user_id=profile.id, day=today),
        ))
        self.goals = [
            {"id": g.public_id, "text": g.text, "reward": g.reward, "status": g.status}
            for g in todays if g.status in goals.ACTIVE
        ]
        self.unfinished = [
            {"id": g.public_id, "text": g.text, "reward": g.reward,
             "day": localtime.day_label(profile.language, g.day, today)}
            for g in earlier
        ]

    def _forget_pending(self) -> None:
        self.suggestion = self.pending_text = self.pending_reward = ""

    @rx.event
    async def load(self):
        if (profile := await self._profile_or_none()) is None:
            return
        self._forget_pending()
        self.error_text = ""
        self.pending_id = security.new_public_id()
        await self._refresh(profile)

    async def _save(self, text: str, reward: str):
        """Store a goal for today; the drafts are cleared once it is in the database."""
        public_id = self.pending_id or None
        done = await self._call(lambda session, profile: goals.add_goal(
            session, user_id=profile.id, text=text, reward=reward, day=self._today(profile), public_id=public_id))
        if done is None:
            return None
        profile = done[0]
        self._forget_pending()
        self._last_saved = text.strip()
        self.pending_id = security.new_public_id()
        await self._refresh(profile)
        await forget_drafts(self, profile.username, GOAL_DRAFT, REWARD_DRAFT)

    @rx.event
    async def add(self, form: dict):
        """Save a goal within one's control at once; for any other, offer a step first."""
        text, reward = str(form.get("goal", "")), str(form.get("reward", ""))
        done = await self._call(lambda session, profile: goals.check_goal(text, reward))
        if done is None:
            return None
        profile, (clean_text, clean_reward) = done
        # A second tap on Add reaches here before the field is cleared: it is the same goal.
        if clean_text == self._last_saved and any(g["text"] == clean_text for g in self.goals):
            self._forget_pending()
            await forget_drafts(self, profile.username, GOAL_DRAFT, REWARD_DRAFT)
            return None
        suggestion = goals.suggest_controllable(clean_text, profile.language)
        if suggestion:
            self.suggestion, self.pending_text, self.pending_reward = suggestion, clean_text, clean_reward
            return None
        return await self._save(clean_text, clean_reward)

    @rx.event
    async def use_suggestion(self):
        if not self.suggestion:
            return None
        return await self._save(self.suggestion, self.pending_reward)

    @rx.event
    async def keep_mine(self):
        if not self.pending_text:
            return None
        return await self._save(self.pending_text, self.pending_reward)

    async def _change(self, change) -> None:
        """Apply a change to one of the user's goals, then show the lists as they now are."""
        if (done := await self._call(change)) is not None:
            await self._refresh(done[0])

    @rx.event
    async def toggle_done(self, goal_id: str):
        done = not any(g["id"] == goal_id and g["status"] == "done" for g in self.goals)
        await self._change(lambda session, profile: goals.set_done(
            session, user_id=profile.id, public_id=goal_id, done=done))

    @rx.event
    async def drop(self, goal_id: str):
        await self._change(lambda session, profile: goals.drop_goal(session, user_id=profile.id, public_id=goal_id))

    @rx.event
    async def carry(self, goal_id: str):
        await self._change(lambda session, profile: goals.carry_over(
            session, user_id=profile.id, public_id=goal_id, to_day=self._today(profile)))

