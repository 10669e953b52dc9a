"""The emotion vocabulary (four quadrants, precise words) and quick cause tags: one source of
truth for UI and services, read once from data/*.json and handed out as plain frozen values."""

from __future__ import annotations

import dataclasses
import json
from functools import lru_cache
from pathlib import Path

from resilience_app.core.i18n import DEFAULT_LANGUAGE

QUADRANT_KEYS = ("high_unpleasant", "low_unpleasant", "low_pleasant", "high_pleasant")
_DATA = Path(__file__).resolve().parent.parent / "data"


def _pick(texts: dict[str, str], language: str) -> str:
    """The text in language, else zh-CN: a missing translation never shows an empty label."""
    return texts.get(language) or texts.get(DEFAULT_LANGUAGE, "")


@dataclasses.dataclass(frozen=True)
class Quadrant:
    key: str
    pleasant: bool
    energy: str
    color: str
    name: dict[str, str]
    hint: dict[str, str]

    def label(self, language: str) -> str:
        return _pick(self.name, language)


@dataclasses.dataclass(frozen=True)
class Emotion:
    key: str
    quadrant: str
    name: dict[str, str]
    definition: dict[str, str]

    def label(self, language: str) -> str:
        return _pick(self.name, language)

    def describe(self, language: str) -> str:
        return _pick(self.definition, language)


@dataclasses.dataclass(frozen=True)
class CauseTag:
    key: str
    name: dict[str, str]

    def label(self, language: str) -> str:
        return _pick(self.name, language)


def _read(name: str):
    return json.loads((_DATA / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[tuple[Quadrant, ...], tuple[Emotion, ...], dict[str, Emotion]]:
    """Read emotions.json once; a word in an unknown quadrant is a data bug, so fail loudly."""
    raw = _read("emotions.json")
    quads = tuple(Quadrant(**q) for q in raw["quadrants"])
    if tuple(q.key for q in quads) != QUADRANT_KEYS:
        raise ValueError("emotions.json: quadrants must be " + ", ".join(QUADRANT_KEYS))
    words = tuple(Emotion(**e) for e in raw["emotions"])
    by_key = {e.key: e for e in words}
    if len(by_key) != len(words) or any(e.quadrant not in QUADRANT_KEYS for e in words):
        raise ValueError("emotions.json: duplicate emotion key or unknown quadrant")
    return quads, words, by_key


@lru_cache(maxsize=1)
def _causes() -> tuple[tuple[CauseTag, ...], dict[str, CauseTag]]:
    tags = tuple(CauseTag(**c) for c in _read("mood_causes.json"))
    return tags, {t.key: t for t in tags}


def quadrants() -> tuple[Quadrant, ...]:
    return _vocabulary()[0]


def emotions() -> tuple[Emotion, ...]:
    return _vocabulary()[1]


def emotion(key: str | None) -> Emotion | None:
    return _vocabulary()[2].get(key) if key else None


def emotions_in(quadrant_key: str) -> tuple[Emotion, ...]:
    """The words of one quadrant, most commonly felt first."""
    return tuple(e for e in emotions() if e.quadrant == quadrant_key)


def quadrant_of(emotion_key: str | None) -> str | None:
    word = emotion(emotion_key)
    return word.quadrant if word else None


def is_pleasant(emotion_key: str | None) -> bool:
    quadrant = quadrant_of(emotion_key)
    return any(q.pleasant for q in quadrants() if q.key == quadrant)


def cause_tags() -> tuple[CauseTag, ...]:
    return _causes()[0]


def cause_tag(key: str | None) -> CauseTag | None:
    return _causes()[1].get(key) if key else None


def picker_data(language: str) -> list[dict]:
    """The picker as plain dicts of str in one language: Reflex state vars must be plain data."""
    return [
        {
            "key": q.key,
            "name": _pick(q.name, language),
            "hint": _pick(q.hint, language),
            "color": q.color,
            "pleasant": q.pleasant,
            "emotions": [
                {"key": e.key, "name": e.label(language), "definition": e.describe(language)}
                for e in emotions_in(q.key)
            ],
        }
        for q in quadrants()
    ]
