"""Safety checks on anything people write (seed 004, issues 7 and 12): customer data removed before
a text is stored, and signs of crisis noticed with their categories and severity. Plain functions
over plain text, shared by the forum, the moderator queue and `resilience safety check`. The finders
live in customer_data (what is removed) and crisis_signs (what is noticed, with crisis_model as its
learned second reader); this is their one door."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from resilience_app.services import crisis_signs, customer_data
from resilience_app.services.customer_data import MARKERS, Removal

__all__ = ["MARKERS", "Removal", "SafetyResult", "as_json", "check", "hotlines", "redact", "shows_crisis"]

_DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class SafetyResult:
    text: str  # cleaned text
    removed: tuple[Removal, ...]  # in order of appearance
    crisis: bool
    severity: str | None = None  # "acute" or "concern" when crisis, else None
    categories: tuple[str, ...] = ()  # warning-sign categories (crisis_signs.CATEGORIES), never the words


def redact(text: str) -> tuple[str, tuple[Removal, ...]]:
    """The text with customer data replaced by markers, and what was removed in order. The public
    help lines are not customer data: a peer sharing one must be able to."""
    return customer_data.redact(text, keep_numbers=_hotline_digits())


def shows_crisis(text: str) -> bool:
    """True when the text shows signs of suicide risk or self-harm; only a bool, never why."""
    return crisis_signs.assess(text).severity is not None


def check(text: str) -> SafetyResult:
    """Redact customer data; judge crisis on the original words, which redaction must not hide."""
    cleaned, removed = redact(text)
    signs = crisis_signs.assess(text)
    return SafetyResult(text=cleaned, removed=removed, crisis=signs.severity is not None, severity=signs.severity,
                        categories=signs.categories)


def as_json(result: SafetyResult) -> dict:
    return {
        "text": result.text,
        "removed": [{"kind": r.kind, "value": r.value} for r in result.removed],
        "crisis": result.crisis,
        "severity": result.severity,
    }


@lru_cache(maxsize=1)
def _hotlines() -> tuple[dict, ...]:
    return tuple(json.loads((_DATA / "hotlines.json").read_text(encoding="utf-8")))


def hotlines() -> list[dict]:
    """The crisis hotlines from data/hotlines.json (read once); a copy, so no caller edits the cache."""
    return copy.deepcopy(list(_hotlines()))


@lru_cache(maxsize=1)
def _hotline_digits() -> frozenset[str]:
    # Public help lines are not customer data: a peer sharing one must be able to.
    return frozenset(re.sub(r"\D", "", h["number"]) for h in _hotlines())
