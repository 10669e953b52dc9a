"""Forum safety checks: remove customer data before a post is published (seed 004) and notice
signs of crisis (issue 7). Plain functions over plain text, shared by the composer preview, the
moderator queue and `resilience safety check`."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from resilience_app.core import clock

_DATA = Path(__file__).resolve().parent.parent / "data"

# What a removed span becomes; stored inside posts, so this is data, not a UI catalog string.
MARKERS: dict[str, dict[str, str]] = {
    "phone": {"zh": "[手机号已隐藏]", "en": "[phone removed]"},
    "id_card": {"zh": "[身份证号已隐藏]", "en": "[ID number removed]"},
    "bank_card": {"zh": "[银行卡号已隐藏]", "en": "[card number removed]"},
    "email": {"zh": "[邮箱已隐藏]", "en": "[email removed]"},
    "order": {"zh": "[订单号已隐藏]", "en": "[order number removed]"},
    "tracking": {"zh": "[快递单号已隐藏]", "en": "[tracking number removed]"},
    "wechat": {"zh": "[微信号已隐藏]", "en": "[WeChat ID removed]"},
    "qq": {"zh": "[QQ号已隐藏]", "en": "[QQ number removed]"},
    "address": {"zh": "[地址已隐藏]", "en": "[address removed]"},
}


@dataclass(frozen=True)
class Removal:
    kind: str  # a key of MARKERS
    value: str  # the exact text that was removed


@dataclass(frozen=True)
class SafetyResult:
    text: str  # cleaned text
    removed: tuple[Removal, ...]  # in order of appearance
    crisis: bool


# ---------------------------------------------------------------------------------------------
# Crisis signs. Idioms are masked out first, then any crisis pattern counts. Lower-cased text.
# ---------------------------------------------------------------------------------------------
_NOT_CRISIS = [
    re.compile(p)
    for p in (
        r"(?:累|笑|气|忙|烦|热|冷|饿|困|吓|卖|渴|痛|疼|急|丑|挤|吵|蠢|懒|馋)死",  # "X to death": 累死了, 笑死, 气死我了
        r"死(?:机|循环|链接?|磕|角|线)",  # tech and business words: 死机, 死循环, 死链接, 死磕, 死线
        r"想死(?:你|您|他|她|大家)",  # 想死你了 means "missed you so much"
        r"自杀式",  # 自杀式降价/营销: a ruinous price cut, not a person
        r"跳楼(?:价|甩卖|大甩卖|清仓|大促|秒杀)",  # clearance-sale slang
        r"不想活(?:在|成)",  # 不想活在别人的评价里, 不想活成那样: "live by / live like", not "live"
        r"跳楼机|上吊(?:牌|带|顶|灯)",  # the fairground ride; 衣服上吊牌 (a clothing tag)
        r"紫砂(?:壶|杯|锅|煲|茶|泥|陶)",  # the teapot clay, not the slang below
        r"\bdying to\b",  # "dying to go home": eager
        r"\b(?:die|died|dying) (?:of|from) (?:embarrassment|laughter|laughing|boredom|cringe)",
        r"\b(?:hurt|cut) myself (?:on|with|while|opening|lifting|shaving)\b",  # an accident at work
        r"\bcut(?:ting)? myself (?:some slack|off)\b",  # kindness to oneself; switching work apps off
        r"\b(?:want|wanna) to live (?:in|with|like|near|there|here)\b",  # where or how, not whether
        r"\bsuicid(?:e|al) (?:pricing|prices?|sales?|discounts?|marketing|deals?)\b",
        r"(?<!\d)\d+ ?kms\b",  # kilometres
    )
]

_CRISIS = [
    re.compile(p)
    for p in (
        r"不想活|活不下去|没法活了|活够了|不如死了|死了算了|一死了之|想(?:去)?死|寻死|求死",
        r"活着(?:真|好|太|都|也|还)?(?:没|没有)(?:什么|啥)?(?:意思|意义|盼头)|活着有(?:什么|啥)(?:意思|意义)",
        r"(?:想|要|打算|准备)结束掉?(?:这一切|一切)|结束掉?(?:自己|我自己)的?生命|结束生命|了结(?:自己|生命|此生)|自我了断",
        r"自杀|轻生|紫砂|割腕|自残|自伤|伤害自己|遗书|上吊|烧炭|喝农药",
        r"(?:一整瓶|整瓶|一把)的?(?:安眠药|药)|(?:吞|攒)了?.{0,4}安眠药",
        r"跳楼|(?:楼上|楼顶|天台|桥上|窗台?)(?:上)?跳下|想跳(?:楼|河|江|海)",
        r"不想(?:再)?醒来|睡着(?:了)?就(?:别|不要)醒",
        r"我.{0,4}消失(?:了)?就好|想永远消失",
        r"没有我.{0,4}(?:更好|更轻松|也一样)|(?:世界|大家)(?:上)?(?:少了|没了)我|我走了以后|我不在了以后",
        r"\bkill(?:ing)? myself\b|\bkms\b|\bunalive\b|\bsuicid(?:e|al)\b|\bsewer ?slide\b",
        r"\bend(?:ing)? (?:it all|my (?:own )?life)\b|\btak(?:e|ing) my (?:own )?life\b",
        r"\b(?:don'?t|do not|never) (?:want|wanna) to (?:live|be alive|wake up|exist)\b",
        r"\bbetter off (?:dead|without me)\b|\b(?:want|wanna) (?:to )?die\b|\bwish i (?:was|were) dead\b",
        r"\b(?:hurt|hurting|cut|cutting|harm|harming) myself\b|\bself[- ]?harm",
        r"\bno reason to live\b|\bnothing to live for\b",
        r"\bi (?:can'?t|cannot) go on(?: any ?more| any longer)? *(?:[.!?,;…]|$)",  # not "go on break"
    )
]


def shows_crisis(text: str) -> bool:
    """True when the text shows signs of suicidal intent or self-harm; only a bool, never why."""
    t = _normalise(text).lower().replace("’", "'")
    for idiom in _NOT_CRISIS:
        t = idiom.sub(" ", t)
    return any(p.search(t) for p in _CRISIS)


# ---------------------------------------------------------------------------------------------
# Customer data. Finders run on text with full-width ASCII mapped to half-width (same length,
# so spans map back onto the original); overlaps go to the leftmost, then longest, then the
# earlier finder in the list.
# ---------------------------------------------------------------------------------------------
_HALF_WIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")  # Han, or punctuation only a CJK IME types

_MOBILE = r"(?:(?:\+|00)86[ -]?|\(\+?86\) ?)?1[3-9]\d(?:[ -]?\d{4}){2}"
_ZH_NAME = (
    r"[^\s\d,.;:!?()\[\]，。、；：！？（）【】的在住是到寄送给址为和与或我你他她了省市区县]"  # part of a place name
)
_UNIT = r"\d+[A-Za-z]?(?:号楼|栋|幢|座|单元|层|楼|室|号|户)"  # 5号楼, 2单元, 1201室
_ROOM = r"(?:-?\d{3,4}(?!\d))?"  # a bare room number after a unit: 2单元501
_EN_STREET = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Terrace|Close|Square)"
)
_EN_UNIT = r"(?:(?i:apt|apartment|suite)\.?|Flat) ?#?\d+[A-Za-z]?"


def _judge_wechat(m: re.Match) -> str | None:
    # "add me on WeChat tomorrow": in English, a plain word is an id only after a colon.
    plain_word = m.group("v").isalpha() and ":" not in m.group("sep")
    return None if plain_word and not _CJK.search(m.string) else "wechat"


def _judge_pdd(m: re.Match) -> str | None:
    return "order" if _plausible_date(2000 + int(m.group(1)), int(m.group(2)), int(m.group(3))) else None


def _judge_card_groups(m: re.Match) -> str:
    # Spaced-out 16–19 digits are somebody's number even when Luhn fails (a typo): keep them out.
    return "bank_card" if _luhn(_digits(m.group())) else "order"


def _judge_id_with_x(m: re.Match) -> str | None:
    return "id_card" if _is_id(m.group()) else None


def _judge_digit_run(m: re.Match) -> str:
    """Name a bare run of 9+ digits. Amounts (¥…, …元) are skipped by the pattern, and dates, times and
    quantities never run this long; what is left is an order, member, parcel or card number, so an
    unexplained one is customer data until shown otherwise (kind "order")."""
    digits = m.group()
    named = _named_before(m.string[max(0, m.start() - 12) : m.start()])
    if named == "either":  # 单号 alone: parcels have 12-15 digits, orders other lengths
        named = "tracking" if 12 <= len(digits) <= 15 else "order"
    if named:
        return named
    if _is_id(digits):
        return "id_card"
    if 16 <= len(digits) <= 19 and _luhn(digits):
        return "bank_card"
    return "order"


# (kind, pattern, judge). The removed span is group "v" when present, so labels like "微信：" stay.
# A judge may rename the kind or veto the match (None).
_FINDERS = [
    (
        "email",  # the lookbehind starts a match only where a local part starts: linear on long runs
        re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
        None,
    ),
    (
        "wechat",
        re.compile(
            r"(?<![A-Za-z])(?:微信号?|威信|薇信|[vV]信|(?i:vx|wx|weixin|wechat))(?: ?(?:号|(?i:id)))?"
            r"(?P<sep> {0,3}:? {0,3}(?:(?:是|为|is) {0,3})?)"
            rf"(?P<v>[a-zA-Z][-_a-zA-Z0-9]{{5,19}}|{_MOBILE})(?![-_A-Za-z0-9])"
        ),
        _judge_wechat,
    ),
    (
        "qq",
        re.compile(
            r"(?<![A-Za-z])(?:(?i:qq)|扣扣|企鹅)(?: ?(?:号码?|群|(?i:no\.?|number)))?"
            r" {0,3}:? {0,3}(?:(?:是|为|is) {0,3})?(?P<v>\d{5,11})(?!\d)"
        ),
        None,
    ),
    (
        "tracking",  # SF, JD, YTO prefixes and 13-character S10 codes (EMS / China Post: EA123456789CN)
        re.compile(
            r"(?<![A-Za-z0-9])(?:SF\d{12,15}|JD[VX][A-Z]?\d{9,15}|YT\d{13,15}|[A-Z]{2}\d{9}[A-Z]{2})(?![A-Za-z0-9])",
            re.I,
        ),
        None,
    ),
    ("order", re.compile(r"(?<!\d)(\d\d)(\d\d)(\d\d)-\d{15}(?!\d)"), _judge_pdd),  # Pinduoduo: YYMMDD-15 digits
    ("phone", re.compile(rf"(?<!\d){_MOBILE}(?!\d)"), None),
    (
        "phone",  # landline with area code, optional extension: (010)12345678, 0755-1234567-123
        re.compile(r"(?<!\d)(?:\(0\d{2,3}\) ?|0\d{2,3}[ -]?)\d{3,4}[ -]?\d{4}(?: ?(?:-|转|ext\.?|x) ?\d{1,5})?(?!\d)"),
        None,
    ),
    ("bank_card", re.compile(r"(?<!\d)\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?(?!\d)"), _judge_card_groups),
    (
        "address",  # Chinese: the road and number with what follows, or a compound with its units
        re.compile(
            rf"{_ZH_NAME}{{1,8}}?(?:路|街|大道|巷|胡同)(?:\d+[弄巷])?\d+(?:-\d+)?号(?:{_ZH_NAME}{{0,10}}?{_UNIT})*{_ROOM}"
            rf"|{_ZH_NAME}{{0,8}}?(?:小区|花园|公寓|大厦|新村|家园|社区|苑|广场)(?:{_UNIT})+{_ROOM}"
            rf"|(?<!\d)\d+[A-Za-z]?(?:号楼|栋|幢|座)(?:{_UNIT})+{_ROOM}"
        ),
        None,
    ),
    (
        "address",  # English: 123 Main Street, Apt 4B; 221B Baker St; a lone "Flat 2"
        re.compile(
            rf"(?<![A-Za-z0-9])\d{{1,5}}[A-Za-z]? (?:[A-Z][A-Za-z'-]* ){{1,3}}{_EN_STREET}\b(?:,? {_EN_UNIT})?"
            rf"|(?<![A-Za-z0-9]){_EN_UNIT}(?![A-Za-z0-9])"
        ),
        None,
    ),
    ("id_card", re.compile(r"(?<!\d)\d{17}[Xx](?![A-Za-z0-9])"), _judge_id_with_x),
    ("order", re.compile(r"(?<![\d¥￥$])\d{9,}(?![\d元块万亿%])"), _judge_digit_run),  # not an amount: ¥…, …元
]

# Words that name the number after them; the nearest wins, ties go to the longer word.
_NAMED = [
    (
        "tracking",
        re.compile(
            r"(?:快递|运单|物流|包裹|快件|顺丰|中通|圆通|韵达|申通|极兔|邮政|ems|tracking|waybill|parcel)"
            r"(?:单号|号码|号|单)?",
            re.I,
        ),
    ),
    ("order", re.compile(r"订单号?|order|京东|jd|淘宝|天猫|拼多多|pdd", re.I)),
    ("either", re.compile(r"单号")),
]


def _named_before(before: str) -> str | None:
    before = re.split(r"\d", before)[-1]  # a word counts only if no other number sits between
    best = None
    for kind, pattern in _NAMED:
        for m in pattern.finditer(before):
            if best is None or (m.end(), -m.start()) > best[0]:
                best = ((m.end(), -m.start()), kind)
    return best[1] if best else None


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _plausible_date(year: int, month: int, day: int) -> bool:
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= clock.now().date()


def _is_id(text: str) -> bool:
    """A resident ID: 18 characters with an ISO 7064 mod 11-2 check digit, or the old 15 digits."""
    if len(text) == 15 and text.isdigit():
        return text[0] in "12345678" and _plausible_date(1900 + int(text[6:8]), int(text[8:10]), int(text[10:12]))
    if len(text) != 18 or not text[:17].isdigit():
        return False
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(text[:17], weights)) % 11]
    return text[17].upper() == check and _plausible_date(int(text[6:10]), int(text[10:12]), int(text[12:14]))


def _normalise(text: str) -> str:
    return text.translate(_HALF_WIDTH)


def redact(text: str) -> tuple[str, tuple[Removal, ...]]:
    """The text with customer data replaced by markers, and what was removed in order."""
    plain = _normalise(text)
    helplines = _hotline_digits()
    found = []
    for rank, (kind, pattern, judge) in enumerate(_FINDERS):
        for m in pattern.finditer(plain):
            start, end = m.span("v") if "v" in pattern.groupindex else m.span()
            named = judge(m) if judge else kind
            if named and _digits(plain[start:end]) not in helplines:
                found.append((start, -end, rank, named))
    language = "zh" if _CJK.search(text) else "en"
    pieces, removed, cursor = [], [], 0
    for start, neg_end, _rank, kind in sorted(found):
        if start < cursor:
            continue  # overlaps a span already taken
        pieces += [text[cursor:start], MARKERS[kind][language]]
        removed.append(Removal(kind, text[start:-neg_end]))
        cursor = -neg_end
    pieces.append(text[cursor:])
    return "".join(pieces), tuple(removed)


def check(text: str) -> SafetyResult:
    """Redact customer data; judge crisis on the original words, which redaction must not hide."""
    cleaned, removed = redact(text)
    return SafetyResult(text=cleaned, removed=removed, crisis=shows_crisis(text))


def as_json(result: SafetyResult) -> dict:
    return {
        "text": result.text,
        "removed": [{"kind": r.kind, "value": r.value} for r in result.removed],
        "crisis": result.crisis,
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
    return frozenset(_digits(h["number"]) for h in _hotlines())
