"""How long a weekly reflection and the streaks take for a user with three years of daily entries.

Builds a throwaway SQLite database (no server needed): one user in Shanghai with a day start of
04:00, two check-ins (with free-text causes) and a win every day for three years, a first-aid
use and a goal most days, a recharge block each week. Then times `weekly_reflection` (which
includes the streaks over the whole history) and `streaks` alone, and prints median and p95.
The goal (issue 6) is a median under 50 ms.

    .venv/bin/python bench/reflection.py [--years 3] [--runs 40]
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, date, datetime, timedelta

from _timing import report, throwaway_database


def _populate(years: int) -> tuple[int, date]:
    from resilience_app.core.db import db_session
    from resilience_app.models import DailyGoal, FirstAidUse, JournalEntry, MoodEntry, RechargeBlock
    from resilience_app.services import accounts, emotions

    rng = random.Random(6)
    words = emotions.emotions()
    causes = ["物流延误被客户催", "客户威胁给差评", "仅退款还骂人", "大促咨询量太大", "系统卡顿千牛掉线",
              "主管说回复太慢", "", "", "The customer shouted about a late parcel"]
    today = date(2026, 11, 22)
    first = today - timedelta(days=365 * years)
    with db_session() as session:
        user = accounts.register(session, username="veteran", password="tea after the late shift")
        rows = []
        for n in range((today - first).days + 1):
            day = first + timedelta(days=n)
            noon = datetime(day.year, day.month, day.day, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai
            for hour in (0, 10):
                emotion = rng.choice(words)
                rows.append(MoodEntry(
                    public_id=f"m{n}-{hour}", user_id=user.id, felt_at=noon + timedelta(hours=hour),
                    emotion=emotion.key, quadrant=emotion.quadrant, intensity=rng.randint(1, 5),
                    cause=rng.choice(causes), cause_tags=["logistics_chase"] if hour else [],
                    created_at=noon, updated_at=noon))
            rows.append(JournalEntry(public_id=f"j{n}", user_id=user.id, kind="win", text=f"第{n}个小成就：耐心回复了客户",
                                     written_at=noon, created_at=noon, updated_at=noon))
            rows.append(FirstAidUse(public_id=f"f{n}", user_id=user.id, exercise="breath_478", started_at=noon,
                                    seconds=60, completed=True))
            rows.append(DailyGoal(public_id=f"g{n}", user_id=user.id, day=day, text="按时吃午饭", status="done",
                                  done_at=noon, created_at=noon, updated_at=noon))
            if day.weekday() == 5:
                rows.append(RechargeBlock(public_id=f"b{n}", user_id=user.id, interest="爬山", starts_at=noon,
                                          minutes=120, checklist=[], status="done", recharged=4,
                                          created_at=noon, updated_at=noon))
        session.add_all(rows)
        return user.id, today


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()

    throwaway_database()
    from resilience_app.core.db import db_session
    from resilience_app.services import reflection

    user_id, today = _populate(args.years)

    def weekly() -> reflection.WeeklyReflection:
        with db_session() as session:
            return reflection.weekly_reflection(session, user_id=user_id, as_of=today)

    def streaks_only() -> None:
        with db_session() as session:
            reflection.streaks(session, user_id=user_id, as_of=today)

    sample = weekly()
    print(f"{args.years} years of daily entries: {sample.longest_streak}-day streak, "
          f"{sample.mood_count} check-ins this week")
    for name, call in (("weekly reflection + streaks", weekly), ("streaks alone", streaks_only)):
        report(name, call, args.runs)


if __name__ == "__main__":
    main()
