"""The week's reflection and the month's calendar as pure functions of plain entries and "today".

Reading the database is `reflection`'s job; here is only arithmetic over the dataclasses below (as
Loop Habit Tracker keeps ScoreList and StreakList apart from storage), so it is tested at day,
week, time-zone and night-shift boundaries without a database. Days are the user's local days
(zone and day-start hour): a check-in at 01:30 with a 04:00 day start belongs to the day before.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any, TypeVar

from resilience_app.core import localtime
from resilience_app.core.i18n import translate, translate_count, weekday_name
from resilience_app.services import emotions, keywords
from resilience_app.services.streaks import StreakReport, days_of

TOP_EMOTIONS = 5
TOP_CAUSES = 5
HIGHLIGHTS = 3
# Fewer check-in days than this and the week "says so honestly" instead of drawing conclusions.
ENOUGH_DAYS = 3
# Both weeks need this many check-ins before their pleasant shares are compared.
ENOUGH_MOODS = 3
HARDEST_CAUSE_MAX = 40
# A change in the pleasant share smaller than this many points reads as "about the same".
SHARE_CHANGE = 5
PLEASANT = frozenset(q.key for q in emotions.quadrants() if q.pleasant)

T = TypeVar("T")


@dataclass(frozen=True)
class Mood:
    """A check-in, as much of it as the summaries read."""

    felt_at: datetime
    emotion: str
    quadrant: str
    intensity: int | None = None  # 1-5; None when not rated
    cause: str = ""
    cause_tags: tuple[str, ...] = ()

    @property
    def strength(self) -> int:
        return self.intensity or 3  # an unrated check-in counts as middling

    @property
    def pleasant(self) -> bool:
        return self.quadrant in PLEASANT


@dataclass(frozen=True)
class Note:
    """A journal entry: a win or a gratitude."""

    kind: str
    text: str
    written_at: datetime


@dataclass(frozen=True)
class Recharge:
    """A recharge block of the week: planned, done or skipped, and how recharged it left the user."""

    status: str
    rating: int | None = None


@dataclass(frozen=True)
class WeekSpan:
    """An ISO week in one user's days: its Monday and Sunday, and the instants it starts and ends at."""

    week: str
    monday: date
    sunday: date
    start: datetime
    end: datetime
    before_start: datetime  # where the week before starts: its pleasant share is the comparison
    time_zone: str
    day_start_hour: int


@dataclass(frozen=True)
class WeekEntries:
    """What a week's reflection reads. Check-ins and journal entries may come from any time: only
    the week's count (and the week before's check-ins, for the comparison). Recharge blocks and the
    counts of care are the week's already, as the loader counted them."""

    moods: Sequence[Mood] = ()
    notes: Sequence[Note] = ()
    recharges: Sequence[Recharge] = ()
    first_aid_uses: int = 0
    first_aid_completed: int = 0
    box_let_go: int = 0
    goals_done: int = 0


@dataclass(frozen=True)
class HardestDay:
    """The week's hardest day: how many unpleasant check-ins, the strongest feeling and its cause."""

    day: date  # the user's local day
    unpleasant: int
    emotion: str
    cause: str  # the user's own words (shortened) or a quick tag's label; "" when neither

    def as_json(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "unpleasant": self.unpleasant, "emotion": self.emotion,
                "cause": self.cause}


@dataclass(frozen=True)
class Cause:
    """A cause that came up in the week: a quick tag or a word of the user's own causes."""

    count: int
    tag: str = ""  # a quick tag's key (emotions.cause_tag), or "" for a word
    word: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"tag": self.tag, "count": self.count} if self.tag else {"word": self.word, "count": self.count}


@dataclass(frozen=True)
class WeeklyReflection:
    """Everything the week's reflection says: its numbers, and its sentences in one language."""

    week: str  # an ISO week, "2026-W47"
    monday: date  # the week's first and last local days
    sunday: date
    as_of: date  # the user's local "today" the streaks were counted to
    check_in_days: int
    current_streak: int
    longest_streak: int
    rest_days_used: int
    rest_days_left: int
    consistency: int  # 0-100
    logged_today: bool
    mood_count: int
    quadrants: dict[str, int]  # every quadrant's key, with its count of check-ins
    top_emotions: tuple[tuple[str, int], ...]  # (emotion key, count), the commonest first
    top_causes: tuple[Cause, ...]
    pleasant_share: float | None  # 0-1 to two places; None without check-ins
    pleasant_share_before: float | None  # the week before's
    comparable: bool  # both weeks have enough check-ins to compare their shares
    hardest_day: HardestDay | None
    wins_count: int
    gratitude_count: int
    win_highlights: tuple[str, ...]
    first_aid_uses: int
    first_aid_completed: int
    box_let_go: int
    recharge_planned: int
    recharge_done: int
    recharge_rating: float | None  # the done blocks' average rating, to one place
    goals_done: int
    sentences: tuple[str, ...] = ()

    @property
    def little_data(self) -> bool:
        """Too few days to draw conclusions from: the week says so honestly."""
        return self.check_in_days < ENOUGH_DAYS

    def as_json(self) -> dict[str, Any]:
        """The reflection as JSON-ready data, as `resilience summary` prints it."""
        dates = {"week", "monday", "sunday", "as_of", "sentences"}
        numbers = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in dates}
        return {
            "week": self.week, "from": self.monday.isoformat(), "to": self.sunday.isoformat(),
            "as_of": self.as_of.isoformat(),
            **numbers,
            "quadrants": dict(self.quadrants),
            "top_emotions": [[key, n] for key, n in self.top_emotions],
            "top_causes": [cause.as_json() for cause in self.top_causes],
            "hardest_day": self.hardest_day.as_json() if self.hardest_day else None,
            "win_highlights": list(self.win_highlights),
            "little_data": self.little_data,
            "sentences": list(self.sentences),
        }


@dataclass(frozen=True)
class CalendarDay:
    """One square of the month calendar; a day of the month before or after is blank padding."""

    day: date  # the user's local day
    number: int  # its day of the month; 0 for padding
    quadrant: str  # the dominant quadrant's key, or ""
    count: int  # check-ins that day
    logged: bool
    rest: bool
    today: bool
    future: bool


@dataclass(frozen=True)
class MonthCalendar:
    """A month as weeks of days, Monday first, with its logged and rest days."""

    year: int
    month: int
    weeks: tuple[tuple[CalendarDay, ...], ...]
    logged_days: int
    rest_days: tuple[date, ...]  # the user's local days, in order


def week_span(week: str, time_zone: str, day_start_hour: int) -> WeekSpan:
    """The span of an ISO week such as 2026-W47 (a UserError for anything else)."""
    monday, sunday = localtime.week_days(week)
    start, end = localtime.week_bounds(week, time_zone, day_start_hour)
    before_start = localtime.week_bounds(localtime.shift_week(week, -1), time_zone, day_start_hour)[0]
    return WeekSpan(week, monday, sunday, start, end, before_start, time_zone, day_start_hour)


def pleasant_share(quadrants: Counter) -> float | None:
    """The share of check-ins in a pleasant quadrant, to two places; None without check-ins."""
    total = sum(quadrants.values())
    return round(sum(quadrants[q] for q in PLEASANT) / total, 2) if total else None


def moods_by_day(moods: Iterable[Mood], time_zone: str, day_start_hour: int) -> dict[date, list[Mood]]:
    """Check-ins grouped by the user's local day, each day's in the order given."""
    by_day: dict[date, list[Mood]] = {}
    for mood in moods:
        by_day.setdefault(localtime.local_day(mood.felt_at, time_zone, day_start_hour), []).append(mood)
    return by_day


def dominant(moods: Sequence[Mood]) -> str:
    """The quadrant a day felt most like: most check-ins, then the stronger ones, then the latest."""
    score: dict[str, tuple[int, int, datetime]] = {}
    for mood in moods:
        count, strength, latest = score.get(mood.quadrant, (0, 0, mood.felt_at))
        score[mood.quadrant] = (count + 1, strength + mood.strength, max(latest, mood.felt_at))
    return max(score, key=lambda key: score[key]) if score else ""


def _shortened(cause: str) -> str:
    return cause if len(cause) <= HARDEST_CAUSE_MAX else cause[: HARDEST_CAUSE_MAX - 1] + "…"


def _hardest_cause(hard: Sequence[Mood], language: str) -> str:
    """The strongest check-in's own words (shortened), else the quick tag the day named most."""
    cause = next((m.cause.strip() for m in sorted(hard, key=lambda m: -m.strength) if m.cause.strip()), "")
    if cause:
        return _shortened(cause)
    tags = Counter(tag for m in hard for tag in m.cause_tags)
    tag = emotions.cause_tag(tags.most_common(1)[0][0]) if tags else None
    return tag.label(language) if tag else ""


def hardest_day(by_day: dict[date, list[Mood]], language: str) -> HardestDay | None:
    """The day with the largest unpleasant share (then more, then stronger), and what caused it.
    Days tie in the order given: the earlier one."""
    candidates = []
    for day, moods in by_day.items():
        if hard := [m for m in moods if not m.pleasant]:
            hardness = (len(hard) / len(moods), len(hard), sum(m.strength for m in hard))
            candidates.append((hardness, day, hard))
    if not candidates:
        return None
    _, day, hard = max(candidates, key=lambda c: c[0])
    strongest = max(hard, key=lambda m: (m.strength, bool(m.cause.strip()), m.felt_at))
    return HardestDay(day=day, unpleasant=len(hard), emotion=strongest.emotion, cause=_hardest_cause(hard, language))


def highlights(wins: Sequence[Note]) -> tuple[str, ...]:
    """Up to three wins, the most detailed ones, told in the order they happened."""
    chosen = sorted(wins, key=lambda w: -len(w.text))[:HIGHLIGHTS]
    return tuple(w.text for w in sorted(chosen, key=lambda w: w.written_at))


def top_causes(moods: Sequence[Mood]) -> tuple[Cause, ...]:
    """The quick tags and the words of the user's own causes that came up most, tags first on a tie;
    a word a tag's label already says is not counted twice."""
    tags = Counter(tag for m in moods for tag in m.cause_tags)
    tag_labels = [name for key in tags if (tag := emotions.cause_tag(key)) for name in tag.name.values()]
    words = keywords.top_keywords((m.cause for m in moods if m.cause.strip()), TOP_CAUSES, known=tag_labels)
    return tuple(sorted(
        [Cause(count=n, tag=key) for key, n in tags.items()] + [Cause(count=n, word=w) for w, n in words],
        key=lambda c: -c.count,
    )[:TOP_CAUSES])


def _streak_fields(report: StreakReport) -> dict[str, Any]:
    return {
        "current_streak": report.current,
        "longest_streak": report.longest,
        "rest_days_used": report.rest_days_used,
        "rest_days_left": report.rest_days_left,
        "consistency": report.consistency,
        "logged_today": report.logged_today,
    }


def _recharge_fields(recharges: Sequence[Recharge]) -> dict[str, Any]:
    done = [r for r in recharges if r.status == "done"]
    ratings = [r.rating for r in done if r.rating]
    return {
        "recharge_planned": len(recharges),
        "recharge_done": len(done),
        "recharge_rating": round(sum(ratings) / len(ratings), 1) if ratings else None,
    }


def _happened(items: Iterable[T], when: Callable[[T], datetime], start: datetime, end: datetime) -> list[T]:
    """The items whose time falls in [start, end), in the order they happened (ties as given)."""
    return sorted((item for item in items if start <= when(item) < end), key=when)


def _felt(mood: Mood) -> datetime:
    return mood.felt_at


def _written(note: Note) -> datetime:
    return note.written_at


def _check_in_days(by_day: dict[date, list[Mood]], notes: Sequence[Note], span: WeekSpan) -> int:
    """The week's days with a check-in or a journal entry."""
    logged = set(by_day) | days_of((n.written_at for n in notes), span.time_zone, span.day_start_hour)
    return len({d for d in logged if span.monday <= d <= span.sunday})


def summarize_week(
    entries: WeekEntries, span: WeekSpan, *, today: date, report: StreakReport, language: str,
) -> WeeklyReflection:
    """Everything the week's reflection says, with its sentences.

    Check-ins and notes count in the order they happened (ties in the order given): the first
    of equally frequent feelings, tags or words comes first."""
    this_week = _happened(entries.moods, _felt, span.start, span.end)
    before = Counter(m.quadrant for m in _happened(entries.moods, _felt, span.before_start, span.start))
    notes = _happened(entries.notes, _written, span.start, span.end)
    wins = [n for n in notes if n.kind == "win"]
    by_day = moods_by_day(this_week, span.time_zone, span.day_start_hour)
    quadrants = Counter({key: 0 for key in emotions.QUADRANT_KEYS})
    quadrants.update(m.quadrant for m in this_week)

    reflection = WeeklyReflection(
        week=span.week,
        monday=span.monday,
        sunday=span.sunday,
        as_of=today,
        check_in_days=_check_in_days(by_day, notes, span),
        **_streak_fields(report),
        mood_count=len(this_week),
        quadrants=dict(quadrants),
        top_emotions=tuple(Counter(m.emotion for m in this_week).most_common(TOP_EMOTIONS)),
        top_causes=top_causes(this_week),
        pleasant_share=pleasant_share(quadrants),
        pleasant_share_before=pleasant_share(before),
        comparable=len(this_week) >= ENOUGH_MOODS and sum(before.values()) >= ENOUGH_MOODS,
        hardest_day=hardest_day(by_day, language),
        wins_count=len(wins),
        gratitude_count=len(notes) - len(wins),
        win_highlights=highlights(wins),
        first_aid_uses=entries.first_aid_uses,
        first_aid_completed=entries.first_aid_completed,
        box_let_go=entries.box_let_go,
        **_recharge_fields(entries.recharges),
        goals_done=entries.goals_done,
    )
    return replace(reflection, sentences=tuple(reflection_sentences(reflection, language)))


# --- the sentences ---------------------------------------------------------------------


class _Say:
    """The messages of one language: say(key) or, about n things, say(key, n)."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, key: str, n: int | None = None, **params: Any) -> str:
        if n is None:
            return translate(self.language, key, **params)
        return translate_count(self.language, key, n, **params)


def _pleasant_sentence(r: WeeklyReflection, say: _Say) -> list[str]:
    """This week's pleasant share, beside last week's when both weeks have enough check-ins."""
    if not r.comparable:
        share = r.pleasant_share
        return [] if share is None else [say("reflect.pleasant_first", share=round(share * 100))]
    share, before = round(r.pleasant_share * 100), round(r.pleasant_share_before * 100)
    if share - before >= SHARE_CHANGE:
        return [say("reflect.pleasant_up", share=share, delta=share - before)]
    if before - share >= SHARE_CHANGE:
        return [say("reflect.pleasant_down", share=share)]
    return [say("reflect.pleasant_same", share=share)]


def _patterns(r: WeeklyReflection, say: _Say) -> list[str]:
    """What a week with enough data shows: the pleasant share, the commonest feeling, the hardest day."""
    lines = _pleasant_sentence(r, say)
    if r.top_emotions and (feeling := emotions.emotion(r.top_emotions[0][0])):
        lines.append(say("reflect.top_emotion", r.top_emotions[0][1], emotion=feeling.label(say.language)))
    if hard := r.hardest_day:
        day = weekday_name(say.language, hard.day)
        lines.append(say("reflect.hardest_cause", day=day, cause=hard.cause) if hard.cause
                     else say("reflect.hardest", day=day))
    return lines


def _care(r: WeeklyReflection, say: _Say) -> list[str]:
    """First aid and slips let go, in one sentence."""
    acts = [say("reflect.first_aid", r.first_aid_uses)] if r.first_aid_uses else []
    acts += [say("reflect.let_go", r.box_let_go)] if r.box_let_go else []
    return [say("reflect.care", acts=say("reflect.and").join(acts))] if acts else []


def _looking_after(r: WeeklyReflection, say: _Say) -> list[str]:
    """The wins, the care, the recharge and the small goals."""
    lines = []
    if r.wins_count:
        lines.append(say("reflect.wins", r.wins_count, example=r.win_highlights[0]))
    elif r.mood_count and not r.little_data:
        lines.append(say("reflect.no_wins"))
    lines += _care(r, say)
    if r.recharge_done:
        rating = "–" if r.recharge_rating is None else f"{r.recharge_rating:g}"
        lines.append(say("reflect.recharge", r.recharge_done, rating=rating))
    if r.goals_done:
        lines.append(say("reflect.goals", r.goals_done))
    return lines


def reflection_sentences(r: WeeklyReflection, language: str) -> list[str]:
    """A few warm sentences from the numbers: noticing, never grading."""
    say = _Say(language)
    if r.check_in_days == 0 and not (r.wins_count or r.gratitude_count):
        return [say("reflect.empty")]
    if r.mood_count == 0:  # only journal lines: nothing to count feelings by, and no "0 check-ins"
        lines = [say("reflect.notes_only", r.check_in_days)]
    else:
        lines = [say("reflect.little" if r.little_data else "reflect.days", r.check_in_days,
                     moods=say("reflect.check_ins", r.mood_count))]
    if not r.little_data:
        lines += _patterns(r, say)
    return lines + _looking_after(r, say)


# --- the month ---------------------------------------------------------------------------


def _month_day(day: date, month: int, by_day: dict[date, list[Mood]], report: StreakReport,
               today: date) -> CalendarDay:
    """One square of the calendar; a day of the month before or after is blank padding."""
    inside = day.month == month
    moods = by_day.get(day, []) if inside else []
    return CalendarDay(
        day=day,
        number=day.day if inside else 0,
        quadrant=dominant(moods) if inside else "",
        count=len(moods),
        logged=inside and day in report.logged_days,
        rest=inside and day in report.rest_days,
        today=day == today,
        future=day > today,
    )


def month_grid(
    moods: Sequence[Mood], year: int, month: int, *, time_zone: str, day_start_hour: int, today: date,
    report: StreakReport,
) -> MonthCalendar:
    """A month as weeks of days (Monday first), each with its dominant quadrant and whether it was
    logged, a rest day, today or still ahead; logged and rest days come from the streak report."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    by_day = moods_by_day(moods, time_zone, day_start_hour)
    weeks = tuple(tuple(_month_day(d, month, by_day, report, today) for d in row)
                  for row in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month))
    return MonthCalendar(year=year, month=month, weeks=weeks,
                         logged_days=sum(1 for d in report.logged_days if first <= d <= last),
                         rest_days=tuple(sorted(d for d in report.rest_days if first <= d <= last)))
