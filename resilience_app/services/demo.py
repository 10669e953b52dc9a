"""A believable few weeks of an agent's entries, as an export document: for trying the app,
screenshots and browser tests (`resilience demo NAME`). Deterministic for a given day."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from resilience_app.services import portability

# (emotion, cause tags, cause in zh-CN, cause in en), a shift's usual weather.
_MOODS = [
    ("stressed", ["big_sale"], "大促咨询量爆了", "The sale flooded the queue"),
    ("wronged", ["bad_review_threat"], "客户威胁给差评", "A customer threatened a bad review"),
    ("exhausted", ["overtime"], "连着加班到十点", "Overtime until ten again"),
    ("anxious", ["logistics_chase"], "物流延误被客户催", "Chased about a late parcel"),
    ("irritable", ["repetitive_questions"], "同一个问题回答了二十遍", "Answered the same question twenty times"),
    ("calm", [], "", ""),
    ("relieved", ["solved_hard_case"], "难缠的退款终于解决了", "The tricky refund finally went through"),
    ("proud", ["customer_thanks"], "客户专门回来道谢", "A customer came back to say thanks"),
    ("content", [], "下班路上买了奶茶", "Bubble tea on the way home"),
    ("happy", ["customer_thanks"], "被客户夸耐心", "A customer called me patient"),
]
_WINS = {
    "zh-CN": ["耐心帮一位老人改好了收货地址", "一个差评都没有", "学会了新的退款话术", "准时下班", "帮同事顶了十分钟班"],
    "en": ["Helped an older customer fix her address", "No bad reviews today", "Learned a better refund reply",
           "Left on time", "Covered ten minutes for a colleague"],
}
# Days without entries, counted back from today: rest days and one longer break.
_SKIPPED = {3, 9, 17, 18, 19, 26}


def _demo_id(name: str) -> str:
    """A stable id (32 hex characters) for a demo entry, so adding the demo twice adds it once."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"resilience-demo:{name}").hex


def demo_export(today: date, language: str = "zh-CN", weeks: int = 8, time_zone: str = "Asia/Shanghai") -> dict:
    rng = random.Random(today.toordinal())
    zone = ZoneInfo(time_zone)
    english = language == "en"
    moods: list[dict[str, Any]] = []
    journal: list[dict[str, Any]] = []
    blocks: list[dict[str, Any]] = []
    for back in range(weeks * 7 - 1, -1, -1):
        day = today - timedelta(days=back)
        if back in _SKIPPED:
            continue
        # Later weeks lean a little brighter: the practice helping.
        brighter = 3 * (weeks * 7 - back) // (weeks * 7)
        for n, hour in enumerate((13, 21)[: rng.choice((1, 2, 2))]):
            emotion, tags, zh, en = _MOODS[min(len(_MOODS) - 1, rng.randrange(len(_MOODS) - 3) + brighter)]
            felt = datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=zone)
            moods.append({"id": _demo_id(f"m-{day.isoformat()}-{n}"), "felt_at": felt.isoformat(), "emotion": emotion,
                          "intensity": rng.randint(2, 5), "cause": en if english else zh, "cause_tags": tags})
        if back % 2 == 0:
            text = _WINS[language if language in _WINS else "zh-CN"][back % 5]
            written = datetime.combine(day, time(22, 10), tzinfo=zone)
            journal.append({"id": _demo_id(f"w-{day.isoformat()}"), "kind": "win", "text": text, "prompt_key": "",
                            "written_at": written.isoformat()})
        if day.weekday() == 5 and back > 0:
            starts = datetime.combine(day, time(15), tzinfo=zone)
            blocks.append({"id": _demo_id(f"b-{day.isoformat()}"), "starts_at": starts.isoformat(), "minutes": 120,
                           "interest": "Hiking" if english else "爬山", "checklist": [], "status": "done",
                           "recharged": rng.randint(3, 5), "note": ""})
    return {"format": portability.FORMAT, "version": portability.VERSION,
            "moods": moods, "journal": journal, "recharge_blocks": blocks}
