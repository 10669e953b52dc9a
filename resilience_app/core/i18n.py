"""Message catalogs (resilience_app/i18n/*.json): one key set, zh-CN default, English second."""

from __future__ import annotations

import json
from functools import lru_cache
from datetime import date
from pathlib import Path

from resilience_app.core.errors import UserError

LANGUAGES = ("zh-CN", "en")
DEFAULT_LANGUAGE = "zh-CN"
# One folder per language, one JSON file per area of the app (app.json, mood.json, ...).
_DIR = Path(__file__).resolve().parent.parent / "i18n"


@lru_cache(maxsize=len(LANGUAGES))
def catalog(language: str) -> dict[str, str]:
    folder = _DIR / (language if language in LANGUAGES else DEFAULT_LANGUAGE)
    merged: dict[str, str] = {}
    for path in sorted(folder.glob("*.json")):
        part = json.loads(path.read_text(encoding="utf-8"))
        if clash := merged.keys() & part.keys():
            raise ValueError(f"{path.name} repeats keys {sorted(clash)}")
        merged.update(part)
    return merged


def catalog_files(language: str) -> dict[str, dict[str, str]]:
    """Each area file of a language, by file name (for the completeness tests)."""
    folder = _DIR / language
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def translate(language: str, key: str, /, **params: object) -> str:
    """The message for key in language; falls back to zh-CN, then to the key itself.

    A UserError among the params is translated too (an import names where a problem is, then the problem)."""
    text = catalog(language).get(key) or catalog(DEFAULT_LANGUAGE).get(key) or key
    params = {name: translate(language, value.key, **value.params) if isinstance(value, UserError) else value
              for name, value in params.items()}
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def translate_count(language: str, key: str, n: int, /, **params: object) -> str:
    """A message about n things: English needs "1 day" / "3 days", so such keys have a ".one" form."""
    return translate(language, key + (".one" if n == 1 else ""), n=n, **params)


_WEEKDAYS_ZH = "一二三四五六日"


def format_long_date(language: str, day: date) -> str:
    """11月22日 星期日 / Sunday, 22 November."""
    if language == "en":
        return day.strftime("%A, %-d %B")
    return f"{day.month}月{day.day}日 星期{_WEEKDAYS_ZH[day.weekday()]}"


def weekday_name(language: str, day: date) -> str:
    """周三（11月18日） / Wednesday 18 November: a day named the way people say it."""
    if language == "en":
        return day.strftime("%A %-d %B")
    return f"周{_WEEKDAYS_ZH[day.weekday()]}（{day.month}月{day.day}日）"


def format_short_date(language: str, day: date) -> str:
    """11月22日 / 22 Nov."""
    return day.strftime("%-d %b") if language == "en" else f"{day.month}月{day.day}日"
