"""Two requests reaching the forum at the same moment, on SQLite and on a real PostgreSQL.

Each side has its own session, as two requests would, and a barrier releases them together. A
race is lost only now and then, so every test plays many rounds.
"""

from __future__ import annotations

import contextvars
import threading

import pytest
from sqlalchemy import func, select

from resilience_app.core.db import db_session
from resilience_app.models import ForumPost, ForumReaction
from resilience_app.services.forum import posts as forum
from tests.unit.forum_support import answer, join, later, publish, register

ROUNDS = 50


@pytest.fixture
def racing_db(migrated_on_both, frozen_clock):
    """The migrated schema in SQLite (WAL, as the app runs it) or in the test run's PostgreSQL."""
    return db_session


@pytest.fixture
def people(racing_db):
    """Lin, Wang and Zhao, a month old, all in the 淘宝/天猫 group."""
    lin, wang, zhao = (register(racing_db, name) for name in ("lin", "wang", "zhao"))
    for uid in (lin, wang, zhao):
        join(racing_db, uid)
    return lin, wang, zhao


def at_once(*calls):
    """Each call in its own thread (with this test's context, so the frozen clock holds), all
    released by one barrier; their results in order. The first error, if any, is raised."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index, call, context):
        def released():
            barrier.wait(timeout=30)
            return call()
        try:
            results[index] = context.run(released)
        except BaseException as error:  # handed to the test's thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(index, call, contextvars.copy_context()))
               for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]
    return results


def test_two_people_replying_anonymously_at_once_get_different_pseudonyms(racing_db, people):
    lin, wang, zhao = people
    for number in range(ROUNDS):
        later(7)  # stays under the hourly limits
        anonymous_post = number % 2 == 0  # an anonymous author is #1, so repliers start at #2
        post = publish(racing_db, lin, anonymous=anonymous_post)
        at_once(lambda: answer(racing_db, wang, post.id, anonymous=True),
                lambda: answer(racing_db, zhao, post.id, anonymous=True))
        answer(racing_db, lin, post.id, anonymous=True)
        with racing_db() as s:
            seen = forum.thread(s, user_id=lin, post_id=post.id)
        first = 2 if anonymous_post else 1
        assert sorted(r.alias for r in seen.replies[:2]) == [first, first + 1], f"round {number}"
        assert seen.replies[2].alias == (1 if anonymous_post else first + 2)
        assert seen.post.reply_count == 3


def test_one_person_replying_anonymously_from_two_tabs_keeps_one_pseudonym(racing_db, people):
    lin, wang, zhao = people
    for number in range(ROUNDS):
        later(7)
        post = publish(racing_db, lin)
        at_once(lambda: answer(racing_db, wang, post.id, body="第一条", anonymous=True),
                lambda: answer(racing_db, wang, post.id, body="第二条", anonymous=True))
        answer(racing_db, zhao, post.id, anonymous=True)
        with racing_db() as s:
            seen = forum.thread(s, user_id=lin, post_id=post.id)
        assert [r.alias for r in seen.replies] == [1, 1, 2], f"round {number}"
        assert seen.post.reply_count == 3


def _stored(db, post_id: str) -> tuple[int, int, int]:
    """(hug_count, support_count, hug reactions) as stored for a post."""
    with db() as s:
        post = s.scalar(select(ForumPost).where(ForumPost.public_id == post_id))
        rows = s.scalar(select(func.count()).select_from(ForumReaction)
                        .where(ForumReaction.post_id == post.id, ForumReaction.kind == "hug"))
        return post.hug_count, post.support_count, rows


def test_both_taps_of_a_double_tapped_reaction_answer_with_the_counts_after_it(racing_db, people):
    lin, wang, zhao = people

    def tap(post_id: str, on: bool):
        def call():
            with racing_db() as s:
                return forum.react(s, user_id=wang, target="post", item_id=post_id, kind="hug", on=on)
        return call

    given = forum.ReactionTally({"understand": 0, "hug": 2, "helpful": 0}, 2, ("hug",))
    taken = forum.ReactionTally({"understand": 0, "hug": 1, "helpful": 0}, 1, ())
    for number in range(ROUNDS):
        later(7)
        post = publish(racing_db, lin)
        with racing_db() as s:
            forum.react(s, user_id=zhao, target="post", item_id=post.id, kind="hug")
        assert at_once(tap(post.id, True), tap(post.id, True)) == [given, given], f"round {number}"
        assert _stored(racing_db, post.id) == (2, 2, 2)
        assert at_once(tap(post.id, False), tap(post.id, False)) == [taken, taken], f"round {number}"
        assert _stored(racing_db, post.id) == (1, 1, 1)
