"""Emotion first aid: which exercise is open, and the record of each use.

The exercise itself runs in the browser (CSS animations); this state only opens the player
and records the start and the end, so a dropped connection never stops an exercise.
"""

from __future__ import annotations

import reflex as rx

from resilience_app.core import security
from resilience_app.services import first_aid
from resilience_app.state.auth import SignedIn, private_state


def _menu_item(exercise: first_aid.Exercise) -> dict[str, str]:
    minutes, seconds = divmod(exercise.total, 60)
    return {
        "key": exercise.key,
        "name_key": exercise.name_key,
        "when_key": exercise.when_key,
        "amount": str(minutes if not seconds else exercise.total),
        "unit_key": "fa.unit.minutes" if not seconds else "fa.unit.seconds",
    }


@private_state
class FirstAidState(SignedIn, rx.State):
    # The open exercise's key; "" while the player is closed.
    active: str = ""
    # The public id of the use being played (sent back with Stop/Done, so they still count
    # when they reach a server that restarted while the phone was offline).
    use_id: str = ""
    exercises: list[dict[str, str]] = [_menu_item(exercise) for exercise in first_aid.EXERCISES.values()]

    @rx.event
    async def start(self, exercise: str, mood_public_id: str = ""):
        """Open the player and record the start; a second tap while it opens does nothing."""
        if self.active:
            return None
        done = await self._call(lambda session, profile: first_aid.start_use(
            session, user_id=profile.id, exercise=exercise, public_id=security.new_public_id(),
            mood_public_id=mood_public_id or None,
        ))
        if done is None:
            return None
        # The open player keeps the phone's screen on (assets/first_aid.js).
        self.active, self.use_id = done[1].exercise, done[1].public_id
        return None

    async def _end(self, public_id: str, completed: bool) -> None:
        public_id = public_id or self.use_id
        # A tab whose state was lost (server restart) still has the player open: close it.
        if public_id == self.use_id or not self.use_id:
            self.active = self.use_id = ""
        await self._call(lambda session, profile: first_aid.finish_use(
            session, user_id=profile.id, public_id=public_id, completed=completed))

    @rx.event
    async def stop(self, public_id: str = ""):
        """Stop: the player is already hidden in the browser; this records the time spent."""
        await self._end(public_id, completed=False)

    @rx.event
    async def finish(self, public_id: str = ""):
        """Done at the end: recorded as completed."""
        await self._end(public_id, completed=True)

    @rx.event
    async def load(self):
        """on_load: a player left open by a reload would restart from zero, so close it."""
        if self.active:
            await self._end(self.use_id, completed=False)
        self.error_text = ""
