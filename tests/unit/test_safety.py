"""Forum safety checks (issue 7): customer data removed, ordinary numbers kept, crisis noticed,
idioms left alone, and the hotline file as the one home of the help-line numbers."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from resilience_app.services import safety

ROOT = Path(__file__).resolve().parents[2]
HOTLINE_FILE = ROOT / "resilience_app" / "data" / "hotlines.json"
HOTLINE_NUMBERS = [h["number"] for h in json.loads(HOTLINE_FILE.read_text(encoding="utf-8"))]


def kinds(text: str) -> list[str]:
    return [r.kind for r in safety.redact(text)[1]]


# (text, cleaned text, kinds removed in order)
REDACTIONS = [
    # mobile numbers, every usual spelling
    ("客户电话13812345678，说没收到货", "客户电话[手机号已隐藏]，说没收到货", ["phone"]),
    ("她的手机是138-1234-5678", "她的手机是[手机号已隐藏]", ["phone"]),
    ("138 1234 5678 是她留的号码", "[手机号已隐藏] 是她留的号码", ["phone"]),
    ("客户号码+86 138 1234 5678", "客户号码[手机号已隐藏]", ["phone"]),
    ("Call +86-13812345678 after 6", "Call [phone removed] after 6", ["phone"]),
    ("他写的是008613912345678", "他写的是[手机号已隐藏]", ["phone"]),
    ("(+86)15912345678 is her number", "[phone removed] is her number", ["phone"]),
    ("客户留的是１３８１２３４５６７８", "客户留的是[手机号已隐藏]", ["phone"]),
    ("号码（＋８６）１８６１２３４５６７８", "号码[手机号已隐藏]", ["phone"]),
    ("Please call me on 17712345678 tomorrow", "Please call me on [phone removed] tomorrow", ["phone"]),
    # landlines
    ("座机010-12345678", "座机[手机号已隐藏]", ["phone"]),
    ("座机(010)12345678，白天有人", "座机[手机号已隐藏]，白天有人", ["phone"]),
    ("店里电话0755-1234567", "店里电话[手机号已隐藏]", ["phone"]),
    ("office 021 6123 4567", "office [phone removed]", ["phone"]),
    ("总机010-12345678-123转前台", "总机[手机号已隐藏]转前台", ["phone"]),
    # ID cards (check digits valid)
    ("身份证110101199003074514发给我了", "身份证[身份证号已隐藏]发给我了", ["id_card"]),
    ("证件号44030419851231002X", "证件号[身份证号已隐藏]", ["id_card"]),
    ("ID 33010619920815123x on the form", "ID [ID number removed] on the form", ["id_card"]),
    ("老身份证110101900307123", "老身份证[身份证号已隐藏]", ["id_card"]),
    # bank cards (Luhn valid)
    ("退款到卡号6222021234567890128", "退款到卡号[银行卡号已隐藏]", ["bank_card"]),
    ("卡号 6222 0212 3456 7890 128 尾号要核对", "卡号 [银行卡号已隐藏] 尾号要核对", ["bank_card"]),
    ("card 4111-1111-1111-1111 was declined", "card [card number removed] was declined", ["bank_card"]),
    ("refund to 6228480012345671", "refund to [card number removed]", ["bank_card"]),
    # e-mail
    ("邮箱 lin.wang+shop@example.com 有发票", "邮箱 [邮箱已隐藏] 有发票", ["email"]),
    ("email me at buyer_01@mail.example.cn", "email me at [email removed]", ["email"]),
    ("发到123456789@qq.com", "发到[邮箱已隐藏]", ["email"]),
    # orders: Taobao/Tmall, JD, Pinduoduo, and unexplained long runs
    ("订单号：1234567890123456789 退款了", "订单号：[订单号已隐藏] 退款了", ["order"]),
    ("淘宝订单 123456789012345678", "淘宝订单 [订单号已隐藏]", ["order"]),
    ("京东订单 1234567890", "京东订单 [订单号已隐藏]", ["order"]),
    ("JD order 123456789012 was late", "JD order [order number removed] was late", ["order"]),
    ("拼多多 231111-123456789012345 仅退款", "拼多多 [订单号已隐藏] 仅退款", ["order"]),
    ("他报了个 240612345678 说是订单", "他报了个 [订单号已隐藏] 说是订单", ["order"]),
    ("会员号 123456789", "会员号 [订单号已隐藏]", ["order"]),
    # express tracking numbers
    ("顺丰 SF1234567890123 显示签收", "顺丰 [快递单号已隐藏] 显示签收", ["tracking"]),
    ("京东物流JDVA12345678901", "京东物流[快递单号已隐藏]", ["tracking"]),
    ("JDX001234567890 is stuck", "[tracking number removed] is stuck", ["tracking"]),
    ("EMS单号EA123456789CN", "EMS单号[快递单号已隐藏]", ["tracking"]),
    ("圆通YT1234567890123", "圆通[快递单号已隐藏]", ["tracking"]),
    ("中通快递 73512345678901 三天没动", "中通快递 [快递单号已隐藏] 三天没动", ["tracking"]),
    ("运单号 4312345678901", "运单号 [快递单号已隐藏]", ["tracking"]),
    ("Tracking: 773123456789012 (ZTO)", "Tracking: [tracking number removed] (ZTO)", ["tracking"]),
    # WeChat and QQ: the label stays, the id goes
    ("加我微信：lin_2023", "加我微信：[微信号已隐藏]", ["wechat"]),
    ("客户说加vx abcdefg", "客户说加vx [微信号已隐藏]", ["wechat"]),
    ("V信：shop_lin 私聊", "V信：[微信号已隐藏] 私聊", ["wechat"]),
    ("微信13812345678同号", "微信[微信号已隐藏]同号", ["wechat"]),
    ("WeChat: linlin88", "WeChat: [WeChat ID removed]", ["wechat"]),
    ("wechat id: wxid_abc123", "wechat id: [WeChat ID removed]", ["wechat"]),
    ("QQ：12345678", "QQ：[QQ号已隐藏]", ["qq"]),
    ("扣扣 123456 找我", "扣扣 [QQ号已隐藏] 找我", ["qq"]),
    ("企鹅号 987654321", "企鹅号 [QQ号已隐藏]", ["qq"]),
    ("my qq is 10001", "my qq is [QQ number removed]", ["qq"]),
    # addresses: the specific part goes, the region stays
    ("收货地址：浙江省杭州市西湖区文三路123号", "收货地址：浙江省杭州市西湖区[地址已隐藏]", ["address"]),
    ("寄到朝阳区建国路88号SOHO现代城5号楼1201室", "寄到朝阳区[地址已隐藏]", ["address"]),
    ("客户住在幸福小区3栋2单元501，很难沟通", "客户住在[地址已隐藏]，很难沟通", ["address"]),
    ("上海市长乐路100弄5号", "上海市[地址已隐藏]", ["address"]),
    ("Ship to 123 Main Street, Apt 4B please", "Ship to [address removed] please", ["address"]),
    ("221B Baker St is the address", "[address removed] is the address", ["address"]),
    ("She lives in Flat 2 now", "She lives in [address removed] now", ["address"]),
    # several kinds at once, in order of appearance (issue 12: a surname with a title after 客户 is a name too)
    (
        "客户张女士，电话13812345678，订单号1234567890123456789，地址文三路123号",
        "客户[姓名已隐藏]，电话[手机号已隐藏]，订单号[订单号已隐藏]，地址[地址已隐藏]",
        ["name", "phone", "order", "address"],
    ),
    (
        "Buyer a@b.co, card 4111111111111111, parcel SF123456789012",
        "Buyer [email removed], card [card number removed], parcel [tracking number removed]",
        ["email", "bank_card", "tracking"],
    ),
]


@pytest.mark.parametrize(("text", "cleaned", "expected_kinds"), REDACTIONS)
def test_customer_data_is_replaced_by_a_marker_in_the_texts_language(text, cleaned, expected_kinds):
    out, removed = safety.redact(text)
    assert out == cleaned
    assert [r.kind for r in removed] == expected_kinds
    for r in removed:
        assert r.value in text  # the original spelling, even full-width


def test_removed_values_are_the_exact_original_spans():
    text = "电话（＋８６）１３８１２３４５６７８，订单号 1234567890123456789"
    _, removed = safety.redact(text)
    assert removed == (
        safety.Removal("phone", "（＋８６）１３８１２３４５６７８"),
        safety.Removal("order", "1234567890123456789"),
    )


# Ordinary text: over-redaction is a bug.
MUST_STAY = [
    "¥199 包邮",
    "199元两件",
    "原价￥1,299.00，现价￥999",
    "It was $25.99 on sale",
    "11月11日 20:30 开抢",
    "2026-11-11 零点",
    "2026年11月11日",
    "值班 20:30-22:00",
    "3件一起发",
    "一共2箱",
    "500g 一袋",
    "支持7天无理由",
    "这是第2次催发货",
    "30% off today",
    "满300减50",
    "1号链接的库存",
    "618 大促",
    "双11 排班表",
    "iPhone 15 Pro 256G",
    "小米14 的屏幕",
    "给了5星好评",
    "★★★★☆ 4.8分",
    "更新到 v2.3.10 就好了",
    "我在杭州，北京的客户",
    "朝阳区的仓库",
    "文三路那边的快递点",
    "I gave 5 stars",
    "Nov 11 2026 at 8:30pm, order total $1,299.00",
    "add me on WeChat tomorrow",
    "I answered 500 chats, 3 refunds, 12 returns",
    "退货运费12元，第3次催发货",
    "工号 10086 的同事",
    "我知道123号那个客户",
    "一次性买了100000000元",
    "order 1234 was small",
    "客服 KPI 95% 响应 30秒",
]


@pytest.mark.parametrize("text", MUST_STAY)
def test_ordinary_numbers_and_words_stay(text):
    assert safety.redact(text) == (text, ())


# --- check digits: valid vs one digit off ----------------------------------------------------

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check(first17: str) -> str:
    """ISO 7064 mod 11-2, written independently of the module under test."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS)) % 11]


ID_BASES = [f"11010119900307{n:03d}" for n in range(0, 1000, 31)]  # 33 bases: every check character occurs
CHECK_CHARS = "0123456789X"


def with_check(first17: str) -> str:
    return first17 + id_check(first17)


def test_id_bases_cover_every_check_character():
    assert {id_check(b) for b in ID_BASES} == set(CHECK_CHARS)


@pytest.mark.parametrize("base", ID_BASES)
def test_id_with_valid_check_digit_is_an_id_and_one_off_is_not(base):
    check = id_check(base)
    off_by_one = CHECK_CHARS[(CHECK_CHARS.index(check) + 1) % len(CHECK_CHARS)]
    assert kinds(f"身份证{base}{check}") == ["id_card"]
    assert kinds(f"身份证{base}{check.lower()}") == ["id_card"]
    wrong = f"身份证{base}{off_by_one}"
    _, removed = safety.redact(wrong)
    if off_by_one == "X":  # the X stays behind: 17 digits then a letter is a long number, not an ID
        assert removed == (safety.Removal("order", base),)
    else:  # still removed, as a long number (or a card, if Luhn happens to hold), never as an ID
        assert [r.value for r in removed] == [base + off_by_one] and removed[0].kind != "id_card"


@pytest.mark.parametrize(
    ("number", "is_id"),
    [
        (with_check("11010119900307451"), True),
        ("11010119900307452" + id_check("11010119900307451"), False),  # a body digit off
        (with_check("11010119901307451"), False),  # month 13, check digit right
        (with_check("11010119900230451"), False),  # 30 February
        (with_check("11010121900307452"), False),  # born in 2190
        (with_check("11010118890307451"), False),  # born before 1900
        ("110101900307123", True),  # old 15-digit ID, 1990-03-07
        ("110101901307123", False),  # old ID with month 13
        ("910101900307123", False),  # old ID from no region (first digit 9)
    ],
)
def test_id_edge_cases(number, is_id):
    _, removed = safety.redact(f"号码 {number}")
    assert [r.value for r in removed] == [number]  # removed either way: a long number is customer data
    assert (removed[0].kind == "id_card") == is_id


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("4111111111111111", "bank_card"),
        ("4111111111111112", "order"),  # last digit off
        ("4111111111111121", "order"),  # second-to-last digit off
        ("6222021234567890128", "bank_card"),  # 19 digits
        ("6222021234567890127", "order"),
        ("6228480012345671", "bank_card"),
        ("6228480012345672", "order"),
        ("621483012345678902", "bank_card"),  # 18 digits, not an ID (no valid birth date)
        ("4111 1111 1111 1111", "bank_card"),  # grouped
        ("4111 1111 1111 1112", "order"),  # grouped, Luhn fails: still kept out of the post
    ],
)
def test_luhn_edge_cases(number, expected):
    assert luhn_ok(number.replace(" ", "")) == (expected == "bank_card")
    assert kinds(f"card {number} ok") == [expected]


# --- help lines -------------------------------------------------------------------------------


def test_hotlines_come_from_the_data_file():
    lines = safety.hotlines()
    assert [h["number"] for h in lines] == HOTLINE_NUMBERS
    assert len(lines) == 3
    for h in lines:
        assert set(h) >= {"id", "name", "number", "hours", "checked", "source"}
        assert set(h["name"]) == set(h["hours"]) == {"zh-CN", "en"}
        date.fromisoformat(h["checked"])
        assert h["source"]
    lines[0]["number"] = "changed"  # a caller's copy, not the cache
    assert safety.hotlines()[0]["number"] == HOTLINE_NUMBERS[0]


@pytest.mark.parametrize("number", HOTLINE_NUMBERS)
@pytest.mark.parametrize("template", ["实在撑不住就打{}，有人接", "Call {} any time", "热线：{}", "{}"])
def test_help_line_numbers_are_not_customer_data(number, template):
    text = template.format(number)
    assert safety.redact(text) == (text, ())


def test_help_lines_stay_while_customer_data_around_them_goes():
    text = f"客户13812345678很凶，我打了{HOTLINE_NUMBERS[0]}和{HOTLINE_NUMBERS[-1]}"
    cleaned, removed = safety.redact(text)
    assert cleaned == f"客户[手机号已隐藏]很凶，我打了{HOTLINE_NUMBERS[0]}和{HOTLINE_NUMBERS[-1]}"
    assert [r.kind for r in removed] == ["phone"]


def _spelled(number: str) -> re.Pattern:
    """The number in any spacing: digits with optional dashes or spaces, not inside a longer number."""
    digits = re.sub(r"\D", "", number)
    return re.compile(r"(?<![\d.])" + "[- ]?".join(digits) + r"(?![\d])")


def test_hotline_numbers_live_only_in_the_data_file():
    patterns = [_spelled(n) for n in HOTLINE_NUMBERS]
    offenders = []
    for folder in ("resilience_app", "tests", "assets", "docs"):
        for path in (ROOT / folder).rglob("*"):
            if not path.is_file() or path == HOTLINE_FILE or "__pycache__" in path.parts:
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue  # icons and other binaries
            offenders += [f"{path.relative_to(ROOT)}: {p.pattern}" for p in patterns if p.search(text)]
    assert offenders == []


# --- crisis -----------------------------------------------------------------------------------

CRISIS = [
    # Chinese, direct
    "不想活了",
    "我真的想死",
    "想过自杀",
    "最近总想轻生",
    "昨晚又割腕了",
    "忍不住自残",
    "控制不住想伤害自己",
    "我已经写好了遗书",
    "吃了一整瓶安眠药",
    "想去跳楼",
    "好想从楼上跳下去",
    "想了结自己",
    "想结束自己的生命",
    # Chinese, indirect
    "活着没意思",
    "活着真没意义",
    "活不下去了",
    "好想结束这一切",
    "真想睡过去不想再醒来",
    "要是我消失了就好了",
    "大家没有我会更好",
    "我走了以后，你们别难过",
    "世界没有我也一样",
    "活够了，真的",
    "死了算了",
    "累死了，不想活了",  # an idiom does not hide what follows it
    "差评又来了，真想一死了之",
    # Chinese slang
    "想紫砂",
    # English, direct
    "I want to kill myself",
    "I've been feeling suicidal",
    "I want to end my life",
    "thinking about ending my life",
    "I keep wanting to hurt myself",
    "I cut myself again last night",
    "self-harm is back",
    "I want to die",
    # English, indirect
    "I just want to end it all",
    "I don't want to live anymore",
    "I don’t want to be alive",
    "I don't want to wake up tomorrow",
    "everyone would be better off without me",
    "I'd be better off dead",
    "there's no reason to live",
    "I can't go on anymore",
    "I can't go on.",
    # English slang
    "honestly kms",
    "I want to unalive myself",
    "i wanna die",
    "SUICIDAL again tonight",
]


@pytest.mark.parametrize("text", CRISIS)
def test_signs_of_crisis_are_noticed(text):
    assert safety.shows_crisis(text) is True


NOT_CRISIS = [
    "累死了",
    "笑死",
    "笑死我了",
    "气死我了",
    "忙死了",
    "烦死了",
    "热死了",
    "饿死了",
    "困死了",
    "吓死我了",
    "系统死机",
    "又死机了",
    "电脑死机",
    "死循环",
    "死链接",
    "死磕到底",
    "这款卖死了",
    "自杀式降价",
    "自杀式营销",
    "跳楼价",
    "跳楼甩卖",
    "这个客户要把我逼疯了",
    "想辞职",
    "不想上班",
    "想躺平",
    "崩溃了",
    "累死了，明天还要早班，笑死",
    "想死你了",
    "紫砂壶卖得很好",
    "衣服上吊牌被剪了",
    "活动结束一切恢复原价",
    "我不想活成那样",
    "吃了好多药感冒还没好",
    "this customer is killing me",
    "I'm dying here lol",
    "dead tired",
    "I could die of embarrassment",
    "kill the ticket queue",
    "killing it today",
    "dying to go home",
    "the system died",
    "drop-dead deadline",
    "cut myself some slack today",
    "I'm cutting myself off from work apps on Sundays",
    "I cut myself on the packing tape",
    "I can't go on break until 3",
    "I don't want to live in this city",
    "the warehouse is 5 kms away",
]


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_everyday_idioms_are_not_a_crisis(text):
    assert safety.shows_crisis(text) is False


# --- check and JSON ---------------------------------------------------------------------------


def test_check_judges_crisis_on_the_original_text_and_cleans_it():
    result = safety.check("客户电话13812345678，我真的不想活了")
    assert result == safety.SafetyResult(  # issue 12: the result now also says how urgent, and which kind of sign
        text="客户电话[手机号已隐藏]，我真的不想活了",
        removed=(safety.Removal("phone", "13812345678"),),
        crisis=True,
        severity="concern",
        categories=("intent",),
    )


def test_check_of_plain_text():
    assert safety.check("累死了，满300减50") == safety.SafetyResult("累死了，满300减50", (), False)


def test_as_json_is_plain_serialisable_data():
    payload = safety.as_json(safety.check("WeChat: linlin88, I want to die"))
    assert payload == {
        "text": "WeChat: [WeChat ID removed], I want to die",
        "removed": [{"kind": "wechat", "value": "linlin88"}],
        "crisis": True,
        "severity": "concern",  # issue 12
    }
    assert json.loads(json.dumps(payload, ensure_ascii=False)) == payload


def test_every_kind_has_a_marker_in_both_languages():
    assert set(safety.MARKERS) == {
        "phone",
        "id_card",
        "bank_card",
        "email",
        "order",
        "tracking",
        "wechat",
        "qq",
        "address",
        "passport",  # issue 12: passports, names after a label, licence plates
        "name",
        "plate",
        "social",  # Line, Telegram, WhatsApp, Instagram handles
    }
    for marker in safety.MARKERS.values():
        assert set(marker) == {"zh", "en"}
        assert marker["zh"].startswith("[") and marker["en"].endswith(" removed]")


def test_empty_text():
    assert safety.check("") == safety.SafetyResult("", (), False)
