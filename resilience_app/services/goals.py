"""Small goals within one's control (可控小目标): set for a local day, checked off, rewarded.

A goal that hangs on other people or on results ("make every customer happy") gets a kind
suggestion of a step that is one's own ("read each question fully before replying"). The app
only suggests: whatever the user keeps is stored. Every function takes the owner's user id;
someone else's goal answers exactly like one that does not exist.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from resilience_app.contracts import goals as contract
from resilience_app.core import clock, i18n, localtime, security
from resilience_app.core.errors import UserError
from resilience_app.models import DailyGoal, User
from resilience_app.services import import_fields
from resilience_app.services.ownership import find_owned, owned, write_owned

GOALS_PER_DAY = 10
UNFINISHED_MAX = 10
ID_MAX = 32
# The goals a day shows and counts towards its limit; the others moved on or were let go.
ACTIVE = ("open", "done")

# --- controllable or not --------------------------------------------------------------
# Each rule: an outcome one cannot control, and the key of a step that is one's own.
# Negated outcomes ("不被投诉", "no bad reviews") are outcomes too, so negation is spelled out
# inside the patterns; a goal about one's own reaction never names those outcomes.

_CUSTOMER_ZH = r"(?:客户|顾客|买家|客人|亲们?)"
_BOSS_ZH = r"(?:主管|领导|老板|经理|组长|上级|上司|店长)"
_ALL_ZH = r"(?:所有|每[个一位]|全部|全体|任何)"

RULES_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        # Every problem solved (seed 000: "不要设定‘今天要解决所有售后问题’").
        (r"(?:解决|搞定)(?:完|好|掉)?" + _ALL_ZH + r"的?(?:售后|问题|工单|投诉|咨询)", "goals.suggest.note_needs"),
        (_ALL_ZH + r"的?(?:售后|问题|工单|投诉|咨询)(?:都|全)?(?:要|能|得)?(?:完美)?地?(?:解决|搞定)",
         "goals.suggest.note_needs"),
        # Customers satisfied, happy, liking me.
        (r"(?:让|使|令)" + _ALL_ZH + r"?的?" + _CUSTOMER_ZH + r".{0,4}(?<!不)(?:满意|开心|高兴|满足|舒心)(?!度)",
         "goals.suggest.read_first"),
        (_ALL_ZH + r"的?" + _CUSTOMER_ZH + r".{0,4}(?<!不)(?:满意|开心|高兴|满足|舒心)(?!度)", "goals.suggest.read_first"),
        (_CUSTOMER_ZH + r"们?(?:都|全都|个个)(?:很|能|要|会)?(?:满意|开心|高兴|满足)", "goals.suggest.read_first"),
        (r"(?:所有人|每个人|大家|" + _CUSTOMER_ZH + r")都?(?:喜欢|认可|理解)我", "goals.suggest.empathy_first"),
        # Nobody scolds me, nobody gets angry.
        (_CUSTOMER_ZH + r"们?都?(?:不再|不会|不要|别|没有?|不)再?(?:骂|吼|凶|发火|生气|找茬|刁难|为难)",
         "goals.suggest.breath_first"),
        (r"(?:没有?|无|不被|不挨|别被)(?:任何|一个)?(?:" + _CUSTOMER_ZH + r"|人)?(?:骂|吼|凶)", "goals.suggest.breath_first"),
        (r"(?:不让|别让|不惹)(?:任何|一个|每个|所有)?(?:" + _CUSTOMER_ZH + r"|人).{0,2}(?:生气|发火|不满|失望|不高兴|不开心|骂)",
         "goals.suggest.breath_first"),
        # No complaints.
        (r"(?:不|没有?|零|无|(?<![0-9])0|避免|杜绝)(?:被|挨|收到|接到|遭到?)?(?:任何|一个|一次|一条|一起)?(?:客诉|投诉)",
         "goals.suggest.empathy_first"),
        (r"(?:客诉|投诉)(?:率|量|数)?(?:为|是|=|等于|降到|到)?(?:零|0(?![0-9]))", "goals.suggest.empathy_first"),
        # No bad reviews, perfect ratings.
        (r"(?:不|别|没有?|零|无|(?<![0-9])0|避免|杜绝|拒绝)(?:要|要有|会有|能有|有|想要|收到|被|给|出|得到|拿到?)?"
         r"(?:任何|一个|一条|一次)?(?:中差评|差评|中评|负面评价|低分|一星)", "goals.suggest.check_order"),
        (r"(?:好评率|满意度|评分|好评).{0,4}(?:100|百分之百|满分|5\.0|五星)", "goals.suggest.check_order"),
        (r"(?:全|都|全部|全是|全都是)(?:好评|五星|5星)", "goals.suggest.check_order"),
        (r"(?:拿到?|得到|收到|收获|要到|冲)(?:.{0,2})(?:好评|五星|5星)", "goals.suggest.check_order"),
        (r"(?:提高|提升|拉高)(?:" + _CUSTOMER_ZH + r")?(?:满意度|好评率|评分)", "goals.suggest.check_order"),
        (r"(?:满意度|好评率|评分)(?:要|能|得)?(?:提升|提高|上升|涨)", "goals.suggest.check_order"),
        # Praise from the boss.
        (r"(?:被|让|得到|获得|求)" + _BOSS_ZH + r"的?.{0,2}(?:表扬|夸|认可|肯定|称赞|赞|满意|看见|看到|注意到)",
         "goals.suggest.note_wins"),
        (_BOSS_ZH + r"(?:会|能|要|都)?.{0,2}(?:表扬|夸奖?|认可|肯定|称赞)我", "goals.suggest.note_wins"),
        # Being the best.
        (r"(?:业绩|绩效|排名|考核|kpi|接待量|销售额|转化率|响应速度|成绩)(?:要|能|拿|达到|冲|进)?.{0,2}"
         r"(?:第一|最高|最好|前三|前[一二三四五十]名?|满分|冠军|top)", "goals.suggest.polish_template"),
        (r"(?:拿|争|当|冲|成为|考)(?:到|上)?(?:第一|冠军|最佳客服|金牌客服|优秀员工|销冠|top ?1)", "goals.suggest.polish_template"),
        (r"(?:全组|全店|全部门|团队|组里|店里)的?(?:第一|最快|最好|最强)", "goals.suggest.polish_template"),
        # No mistakes, perfection.
        (r"(?:不|没|零|无|绝不|从不|不能|不可以)(?:出|犯|有|出现)(?:任何|一点|一个|一次|半点)?(?:差错|错误|失误|纰漏|错(?![过开]))",
         "goals.suggest.reread"),
        (r"零(?:失误|差错|错误)", "goals.suggest.reread"),
        (r"(?:一个|一点|半点|任何|一次)(?:错误|失误|差错|错)(?:都|也)(?:不|没)", "goals.suggest.reread"),
        (r"十全十美|完美无缺|(?:做到|要|都|全部|必须)完美|完美地?(?:解决|处理|回答|回复|完成)", "goals.suggest.reread"),
    )
)

# Acceptance and self-kindness ("不强求每个客户都满意") are the opposite of a demand.
GUARDS_ZH = re.compile(r"不(?:必|用|需要|需|强求|苛求|追求|奢求|指望|期待|要求自己|一定要)|接受|允许|不再(?:要求|逼)自己")

_CUSTOMER_EN = r"(?:customers?|clients?|buyers?|shoppers?)"
_BOSS_EN = r"(?:manager|boss|supervisor|team ?lead(?:er)?|lead)"

RULES_EN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"\b(?:solve|resolve|fix)\s+(?:every|all|each)\s+(?:single\s+)?(?:of\s+the\s+|of\s+my\s+)?"
         r"(?:problems?|issues?|tickets?|cases?|complaints?)", "goals.suggest.note_needs"),
        (r"\b(?:every|all|each)\s+(?:single\s+)?(?:problems?|issues?|tickets?|cases?)\s+(?:is\s+|are\s+|gets?\s+)?"
         r"(?:solved|resolved|fixed)", "goals.suggest.note_needs"),
        (r"\b(?:make|keep|get)\s+(?:every|all|each)\s*(?:single\s+)?(?:one\s+)?(?:of\s+)?(?:the\s+|my\s+)?"
         + _CUSTOMER_EN
         + r"\s+(?:happy|satisfied|pleased|content|smile)", "goals.suggest.read_first"),
        (r"\b(?:every|all|each)\s+(?:single\s+)?(?:of\s+)?(?:the\s+|my\s+)?" + _CUSTOMER_EN
         + r"\s+(?:(?:is|are|will\s+be|leaves?|goes|walks\s+away|feels?|ends?\s+up|stays?)\s+)?"
           r"(?:happy|satisfied|pleased|content)", "goals.suggest.read_first"),
        (r"\b(?:make|keep)\s+(?:the\s+|my\s+)?(?:" + _CUSTOMER_EN
         + r"|everyone|everybody)\s+(?:happy|satisfied|pleased)",
         "goals.suggest.read_first"),
        (r"\b(?:everyone|everybody|all\s+(?:the\s+|my\s+)?" + _CUSTOMER_EN + r"|" + _CUSTOMER_EN + r")\s+"
         r"(?:likes?|loves?|understands?|appreciates?)\s+me\b", "goals.suggest.empathy_first"),
        (r"\b(?:no\s*one|nobody|no\s+" + _CUSTOMER_EN + r")\s+(?:ever\s+)?(?:yells?|shouts?|screams?|swears?|curses?|"
         r"gets?\s+(?:angry|mad|upset)|is\s+(?:angry|mad|rude|upset)|snaps?|complains?)", "goals.suggest.breath_first"),
        (r"\b(?:never|not|don'?t|won'?t)\s+(?:get|be)\s+(?:yelled|shouted|sworn|screamed|snapped)\s+at",
         "goals.suggest.breath_first"),
        (r"\b(?:don'?t|do\s+not|never|not)\s+(?:let|make)\s+(?:any|a\s+single|one|a)?\s*(?:single\s+)?" + _CUSTOMER_EN
         + r"\s+(?:get\s+|be\s+|feel\s+)?(?:angry|upset|mad|annoyed|unhappy)", "goals.suggest.breath_first"),
        (r"\bno\s+(?:angry|rude|upset|unhappy)\s+" + _CUSTOMER_EN, "goals.suggest.breath_first"),
        (r"\b" + _CUSTOMER_EN + r"\s+(?:stop|won'?t|don'?t|never|do\s+not|will\s+not)\s+"
         r"(?:yelling|shouting|swearing|being\s+rude|yell|shout|swear|get\s+angry|complain)",
         "goals.suggest.breath_first"),
        (r"\b(?:zero|no|never\s+(?:get|receive|have)\s+(?:a|any)|not\s+(?:get|receive|have)\s+(?:a|any)|"
         r"without\s+(?:a|any)|avoid\s+(?:all|any))\s+(?:single\s+)?complaints?\b", "goals.suggest.empathy_first"),
        (r"\b(?:zero|no|never\s+(?:get|receive|have)\s+(?:a|any)|not\s+(?:get|receive|have)\s+(?:a|any)|"
         r"not\s+(?:one|a\s+single)|avoid\s+(?:all|any)|without\s+(?:a|any))\s+(?:single\s+)?"
         r"(?:bad|negative|1-star|one-star|poor|low)\s+(?:reviews?|ratings?|feedback|scores?)",
         "goals.suggest.check_order"),
        (r"\b100\s*(?:%|percent)\s*(?:positive|satisfaction|satisfied|5-star|five-star|good|happy)",
         "goals.suggest.check_order"),
        (r"\b(?:satisfaction|rating|score|csat|reviews?)\b.{0,20}?(?:\b100\b|\bperfect\b|\b5\.0\b|\bfull\s+marks\b)",
         "goals.suggest.check_order"),
        (r"\b(?:all|only|get|receive|earn)\s+(?:only\s+)?(?:5|five)[- ]?stars?\b", "goals.suggest.check_order"),
        (r"\b(?:perfect|100\s*%|5\.0)\s+(?:[\w.-]+\s+)?(?:ratings?|scores?|satisfaction|reviews?|csat)\b",
         "goals.suggest.check_order"),
        (r"\b(?:get|be|being)\s+(?:praised|recognized|recognised|noticed|complimented|thanked)\s+(?:by|from)\b",
         "goals.suggest.note_wins"),
        (r"\b" + _BOSS_EN
         + r"\s+(?:praises?|notices?|recognizes?|recognises?|compliments?|thanks?|likes?|approves?)\s+(?:me|my)\b",
         "goals.suggest.note_wins"),
        (r"\b(?:impress|please)\s+(?:my\s+|the\s+)?" + _BOSS_EN + r"\b", "goals.suggest.note_wins"),
        (r"\b(?:be|become)\s+(?:the\s+)?(?:top|best|number\s+one|no\.?\s*1|#1)\s+"
         r"(?:agent|rep|performer|employee|seller|"
         r"in\s+the\s+team|on\s+the\s+team|in\s+my\s+team)", "goals.suggest.polish_template"),
        (r"\b(?:rank|finish|come)\s+(?:in\s+)?(?:first|#1|number\s+one|top)\b", "goals.suggest.polish_template"),
        (r"\b(?:beat|outperform|outdo)\s+(?:everyone|everybody|all|the\s+others|my\s+colleagues|my\s+coworkers)\b",
         "goals.suggest.polish_template"),
        (r"\b(?:top|highest|best)\s+(?:score|ranking|rank|kpi|numbers|sales)\b|\bemployee\s+of\s+the\s+month\b",
         "goals.suggest.polish_template"),
        (r"\b(?:never|not|don'?t|won'?t|do\s+not)\s+(?:make|do)\s+(?:a|any|one|a\s+single)\s+(?:single\s+)?"
         r"(?:mistakes?|errors?|slips?)\b", "goals.suggest.reread"),
        (r"\b(?:zero|no)\s+(?:mistakes?|errors?)\b|\bwithout\s+(?:a\s+single|any)\s+(?:mistakes?|errors?)\b",
         "goals.suggest.reread"),
        (r"\bbe\s+perfect\b|\bperfectly\b|\bflawless(?:ly)?\b", "goals.suggest.reread"),
    )
)

GUARDS_EN = re.compile(
    r"\b(?:don'?t|do\s+not|doesn'?t|does\s+not)\s+(?:need|have)\s+to\b|\bno\s+need\s+to\b"
    r"|\bnot\s+(?:my\s+job|up\s+to\s+me)\b|\baccept(?:ing)?\s+that\b|\blet(?:ting)?\s+go\s+of\b"
    r"|\b(?:it'?s\s+)?(?:ok|okay|fine|alright)\s+(?:if|that|when)\b"
    r"|\bstop\s+(?:trying|needing)\s+to\b"
)

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[a-z]")


def _normalise(text: str) -> str:
    """Full-width letters, digits and ％ as ASCII; curly apostrophes straight; one space."""
    plain = unicodedata.normalize("NFKC", text or "").casefold().replace("\u2019", "'")
    return re.sub(r"\s+", " ", plain).strip()


def _first_rule(text: str, rules, guards: re.Pattern[str]) -> str | None:
    if guards.search(text):
        return None
    return next((key for pattern, key in rules if pattern.search(text)), None)


def suggest_controllable(text: str, language: str) -> str | None:
    """A kind rewrite when the goal is an outcome one cannot control; None when it is one's own.

    The rules follow the goal's script (Han or Latin letters), whatever the UI language, and the
    rewrite is in that same language, since it replaces the user's words; a goal mixing both
    tries the UI language first.
    """
    plain = _normalise(text)
    sets = []
    if _HAN.search(plain):
        sets.append(("zh-CN", RULES_ZH, GUARDS_ZH))
    if _LATIN.search(plain):
        sets.append(("en", RULES_EN, GUARDS_EN))
    sets.sort(key=lambda entry: entry[0] != language)
    for answer_language, rules, guards in sets:
        if key := _first_rule(plain, rules, guards):
            return i18n.translate(answer_language, key)
    return None


# --- goals ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Goal:
    """A small goal: open, done, carried to a later day or dropped (let go)."""

    public_id: str
    text: str
    reward: str
    status: str
    day: date  # the user's local day it is set for
    carried_from: str | None  # the public id of the goal it was carried from


def _goal(row: DailyGoal) -> Goal:
    return Goal(public_id=row.public_id, text=row.text, reward=row.reward, status=row.status, day=row.day,
                carried_from=row.carried_from)


def check_goal(text: Any, reward: Any = "") -> tuple[str, str]:
    """The goal and reward as they would be stored; UserError when either is unusable."""
    return contract.GOAL_TEXT.clean(text), contract.REWARD.clean(reward)


def _find(session: Session, user_id: int, public_id: str) -> DailyGoal | None:
    return find_owned(session, DailyGoal, user_id, public_id)


def _owned(session: Session, user_id: int, public_id: str) -> DailyGoal:
    return owned(session, DailyGoal, user_id, public_id)


def _room_on(session: Session, user_id: int, day: date) -> None:
    count = session.scalar(
        select(func.count()).select_from(DailyGoal)
        .where(DailyGoal.user_id == user_id, DailyGoal.day == day, DailyGoal.status.in_(ACTIVE))
    )
    if count >= GOALS_PER_DAY:
        raise UserError("error.goal_too_many", max=GOALS_PER_DAY)


def _insert(session: Session, *, user_id: int, day: date, text: str, reward: str,
            public_id: str | None, carried_from: str | None = None) -> DailyGoal:
    now = clock.now()
    row = DailyGoal(
        public_id=public_id or security.new_public_id(), user_id=user_id, day=day, text=text, reward=reward,
        status="open", done_at=None, carried_from=carried_from, created_at=now, updated_at=now,
    )
    session.add(row)
    session.flush()
    return row


def add_goal(
    session: Session, *, user_id: int, text: str, reward: str = "", day: date, public_id: str | None = None
) -> Goal:
    """Set a goal for a local day; the same public_id twice (a double tap) stores it once."""
    clean_text, clean_reward = check_goal(text, reward)
    if public_id and len(public_id) > ID_MAX:
        raise ValueError("a goal's public id has at most 32 characters")
    if public_id and (existing := _find(session, user_id, public_id)) is not None:
        return _goal(existing)
    _room_on(session, user_id, day)
    return _goal(_insert(session, user_id=user_id, day=day, text=clean_text, reward=clean_reward,
                         public_id=public_id))


def goals_for_day(session: Session, *, user_id: int, day: date) -> list[Goal]:
    """Every goal set for the day, in the order they were set (whatever became of them)."""
    rows = session.scalars(
        select(DailyGoal).where(DailyGoal.user_id == user_id, DailyGoal.day == day)
        .order_by(DailyGoal.created_at, DailyGoal.id)
    )
    return [_goal(row) for row in rows]


def get_goal(session: Session, *, user_id: int, public_id: str) -> Goal:
    return _goal(_owned(session, user_id, public_id))


def set_done(session: Session, *, user_id: int, public_id: str, done: bool) -> Goal:
    """Check a goal off, or back on. A goal carried on or let go stays as it is."""
    row = _owned(session, user_id, public_id)
    if row.status not in ACTIVE:
        raise UserError("error.goal_closed")
    if done and row.status != "done":
        row.status, row.done_at = "done", clock.now()
    elif not done and row.status == "done":
        row.status, row.done_at = "open", None
    row.updated_at = clock.now()
    session.flush()
    return _goal(row)


def drop_goal(session: Session, *, user_id: int, public_id: str) -> Goal:
    """Let an open goal go (放下). Twice is the same as once."""
    row = _owned(session, user_id, public_id)
    if row.status == "dropped":
        return _goal(row)
    if row.status != "open":
        raise UserError("error.goal_closed")
    row.status, row.updated_at = "dropped", clock.now()
    session.flush()
    return _goal(row)


def carry_over(session: Session, *, user_id: int, public_id: str, to_day: date) -> Goal:
    """Bring an open goal to a later day (带到今天): the old one is marked carried, a new open
    goal remembers where it came from. Carrying it again returns that same new goal."""
    row = _owned(session, user_id, public_id)
    if row.status == "carried":
        moved = session.scalar(
            select(DailyGoal).where(DailyGoal.user_id == user_id, DailyGoal.carried_from == row.public_id)
            .order_by(DailyGoal.id)
        )
        if moved is not None:
            return _goal(moved)
    elif row.status != "open":
        raise UserError("error.goal_closed")
    if to_day <= row.day:
        raise UserError("error.goal_carry_day")
    _room_on(session, user_id, to_day)
    row.status, row.updated_at = "carried", clock.now()
    return _goal(_insert(session, user_id=user_id, day=to_day, text=row.text, reward=row.reward,
                         public_id=None, carried_from=row.public_id))


def unfinished_before(session: Session, *, user_id: int, day: date) -> list[Goal]:
    """Open goals of earlier days, the newest day first (at most UNFINISHED_MAX)."""
    rows = session.scalars(
        select(DailyGoal)
        .where(DailyGoal.user_id == user_id, DailyGoal.day < day, DailyGoal.status == "open")
        .order_by(DailyGoal.day.desc(), DailyGoal.created_at, DailyGoal.id)
        .limit(UNFINISHED_MAX)
    )
    return [_goal(row) for row in rows]


def delete_goal(session: Session, *, user_id: int, public_id: str) -> None:
    session.delete(_owned(session, user_id, public_id))
    session.flush()


# --- export / import (docs/export-format.md, section "goals") ------------------------


def export_goals(session: Session, user_id: int) -> list[dict[str, Any]]:
    zone = session.get(User, user_id).time_zone
    rows = session.scalars(
        select(DailyGoal).where(DailyGoal.user_id == user_id)
        .order_by(DailyGoal.day, DailyGoal.created_at, DailyGoal.id)
    )
    return [
        {
            "id": row.public_id,
            "day": row.day.isoformat(),
            "text": row.text,
            "reward": row.reward,
            "status": row.status,
            "done_at": localtime.to_local(row.done_at, zone).isoformat(timespec="seconds") if row.done_at else None,
            "carried_from": row.carried_from,
        }
        for row in rows
    ]


def _read_goal(entry: import_fields.Entry) -> dict[str, Any]:
    public_id, text, reward = entry.public_id(), entry.text("text"), entry.text("reward", "")
    return {
        "public_id": public_id, "day": entry.day("day"),
        "text": entry.check("text", contract.GOAL_TEXT.clean, text),
        "reward": entry.check("reward", contract.REWARD.clean, reward),
        "status": entry.choice("status", contract.STATUS.values, "open"),
        "done_at": entry.instant("done_at", None, nullable=True),
        "carried_from": entry.public_id("carried_from", None, nullable=True),
    }


def restore_goals(session: Session, user_id: int, items: Any) -> None:
    """Insert or overwrite by id; every goal is checked before any is written."""
    write_owned(session, DailyGoal, user_id, import_fields.read_section("goals", items, _read_goal), stamped=True)
