"""How long the first page of a group feed takes with 100,000 posts in the database.

Builds a throwaway SQLite database (no server needed): 200 authors, 100,000 posts spread over the
nine public groups (the measured group gets about 30,000), reactions on some, then times
`forum_feed.feed` for one group, newest and most supported, and the home feed of a member of
every group. Prints median and p95. The goal (issue 7) is a median under 100 ms.

    .venv/bin/python bench/forum_feed.py [--posts 100000] [--runs 40]
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta

from _timing import report, throwaway_database


def _populate(posts: int) -> tuple[int, str]:
    from sqlalchemy import insert

    from resilience_app.core import security
    from resilience_app.core.db import db_session
    from resilience_app.models import ForumGroup, ForumPost, User
    from resilience_app.services import accounts
    from resilience_app.services.forum import groups as forum_groups

    rng = random.Random(7)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    with db_session() as session:
        reader = accounts.register(session, username="reader", password="tea after the late shift")
        forum_groups.ensure_public_groups(session)
        groups = list(session.query(ForumGroup).order_by(ForumGroup.position))
        for group in groups:
            forum_groups.join_group(session, user_id=reader.id, group_id=group.public_id)
        authors = []
        for n in range(200):
            authors.append(User(public_id=security.new_public_id(), username=f"agent{n}", username_key=f"agent{n}",
                                password_hash="x", created_at=start, password_changed_at=start))
        session.add_all(authors)
        session.flush()
        weights = [3] + [1] * (len(groups) - 1)  # the first group is the busy one
        rows = []
        for n in range(posts):
            group = rng.choices(groups, weights)[0]
            at = start + timedelta(minutes=7 * n)
            support = rng.choice((0, 0, 0, 1, 2, 5, 12))
            rows.append({
                "public_id": f"{n:032x}", "group_id": group.id, "author_id": rng.choice(authors).id,
                "kind": rng.choice(("case", "vent", "tip", "question")), "title": f"帖子 {n}",
                "body": "今天被客户骂了一下午，好委屈。" * 3, "case_fields": {}, "anonymous": n % 2 == 0,
                "alias": 1 if n % 2 == 0 else 0, "status": "visible", "crisis": False, "created_at": at,
                "understand_count": support, "hug_count": 0, "helpful_count": 0, "support_count": support,
                "updated_at": at,
                "reply_count": 0,
            })
        for chunk in range(0, len(rows), 5000):
            session.execute(insert(ForumPost), rows[chunk:chunk + 5000])
        return reader.id, groups[0].public_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()

    throwaway_database()
    from resilience_app.core.db import db_session
    from resilience_app.services.forum import feed as forum_feed

    reader, busy_group = _populate(args.posts)

    def page(group: str | None, sort: str):
        def call() -> None:
            with db_session() as session:
                result = forum_feed.feed(session, user_id=reader, group_id=group, sort=sort)
                assert len(result.items) == forum_feed.PAGE_SIZE
        return call

    print(f"{args.posts:,} posts in the database")
    for name, call in (("group feed, newest", page(busy_group, "newest")),
                       ("group feed, most supported", page(busy_group, "supported")),
                       ("home feed (9 groups), newest", page(None, "newest"))):
        report(name, call, args.runs)


if __name__ == "__main__":
    main()
