"""Message catalogs (resilience_app/i18n/*.json): one key set, zh-CN default, English second."""

from __future__ import annotations

import json
from functools import lru_cache
from datetime import date
from pathlib import Path

LANGUAGES = ("zh-CN", "en")
DEFAULT_LANGUAGE = "zh-CN"
_FILES = {"zh-CN": "zh_CN.json", "en": "en.json"}
_DIR = Path(__file__).resolve().parent.parent / "i18n"


@lru_cache(maxsize=len(LANGUAGES))
def catalog(language: str) -> dict[str, str]:
    name = _FILES.get(language, _FILES[DEFAULT_LANGUAGE])
    return json.loads((_DIR / name).read_text(encoding="utf-8"))


def translate(language: str, key: str, **params: object) -> str:
    """The message for key in language; falls back to zh-CN, then to the key itself."""
    text = catalog(language).get(key) or catalog(DEFAULT_LANGUAGE).get(key) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


_WEEKDAYS_ZH = "一二三四五六日"


def format_long_date(language: str, day: date) -> str:
    """11月22日 星期日 / Sunday, 22 November."""
    if language == "en":
        return day.strftime("%A, %-d %B")
    return f"{day.month}月{day.day}日 星期{_WEEKDAYS_ZH[day.weekday()]}"
