"""Customer data found and replaced by a marker before anything is stored (seed 004, issue 12).

Finders run on text with full-width ASCII mapped to half-width (same length, so spans map back onto
the original); overlaps go to the leftmost, then the longest, then the earlier finder in the list.
Every pattern runs in linear time: starts are gated by lookbehinds, repeats are bounded or
possessive, so a hostile 100,000-character line costs what an ordinary one does per character.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from resilience_app.core import clock
from resilience_app.services.first_chars import compile_fast

# What a removed span becomes; stored inside posts, so this is data, not a UI catalog string.
MARKERS: dict[str, dict[str, str]] = {
    "phone": {"zh": "[手机号已隐藏]", "en": "[phone removed]"},
    "id_card": {"zh": "[身份证号已隐藏]", "en": "[ID number removed]"},
    "passport": {"zh": "[护照号已隐藏]", "en": "[passport number removed]"},
    "bank_card": {"zh": "[银行卡号已隐藏]", "en": "[card number removed]"},
    "email": {"zh": "[邮箱已隐藏]", "en": "[email removed]"},
    "order": {"zh": "[订单号已隐藏]", "en": "[order number removed]"},
    "tracking": {"zh": "[快递单号已隐藏]", "en": "[tracking number removed]"},
    "wechat": {"zh": "[微信号已隐藏]", "en": "[WeChat ID removed]"},
    "qq": {"zh": "[QQ号已隐藏]", "en": "[QQ number removed]"},
    "address": {"zh": "[地址已隐藏]", "en": "[address removed]"},
    "name": {"zh": "[姓名已隐藏]", "en": "[name removed]"},
    "plate": {"zh": "[车牌号已隐藏]", "en": "[licence plate removed]"},
    "social": {"zh": "[社交账号已隐藏]", "en": "[social media handle removed]"},
}


@dataclass(frozen=True)
class Removal:
    kind: str  # a key of MARKERS
    value: str  # the exact text that was removed


_HALF_WIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")  # Han, or punctuation only a CJK IME types

# A mainland mobile in any spacing, down to one digit at a time (1 8 6 1 2 3 ...).
_MOBILE = r"(?:(?:\+|00)86[ -]?|\(\+?86\) ?)?1[ -]?[3-9](?:[ -]?\d){9}"
_ZH_NAME = (
    r"[^\s\d,.;:!?()\[\]，。、；：！？（）【】的在住是到寄送给址为和与或我你他她了省市区县]"  # part of a place name
)
_UNIT = (  # 5号楼, 2单元, 1201室, C座, 三单元, 5号院, 2门, 二期, B区
    r"(?:\d+[A-Za-z]?|[A-Za-z]\d{0,2}|[一二三四五六七八九十]{1,3})(?:号楼|号院|栋|幢|座|单元|层|楼|室|号|户|门|期|区|F(?![A-Za-z]))"
)
_ROOM = r"(?: ?-?\d{3,4}(?!\d)(?:室|房)?)?"  # a bare room number after a unit: 2单元501, A栋 1208
_BLOCK = r"(?:\d{1,3}[A-Za-z]?|[A-Za-z]\d{0,2})(?:号楼|栋|幢|座|舍)"  # 5号楼, 3栋, A座, B2座, 8舍 (a dormitory)
_ZH_COUNT = r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})"
_VILLAGE_NAME = _ZH_NAME[:-1] + "镇乡街道]"  # a village's own name stops at its town
_EN_STREET = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Terrace|Close|Square|Parkway|Pkwy"
    r"|Highway|Hwy|Circle|Cir|Crescent|Cres|Row|Walk|Hill|Gardens|Grove|Mews|Parade|Alley|Trail|Plaza|Quay|Wharf|Esplanade"
    r"|Promenade|Embankment|Green|Heights|Expressway|Freeway|Pike|Lu|Jie|Dajie|Dadao|Hutong|Nong)"
)
_EN_UNIT = r"(?:(?i:apt|apartment|suite|unit|room|rm)\.?|Flat) ?#?\d+[A-Za-z]?"
# Alone, a room or unit number is an address only when long enough not to be a meeting room: Room 1502.
_EN_LONE_UNIT = r"(?:(?:(?i:apt|apartment|suite)\.?|Flat) ?#?\d+[A-Za-z]?|(?i:room|rm|unit)\.? ?#?\d{3,}[A-Za-z]?)"
_EN_BUILDING = rf"(?:Building|Bldg\.?|Block|Tower) \d+[A-Za-z]?(?:,? {_EN_UNIT})?"
_EN_SIDE = r"(?: (?:North|South|East|West|N|S|E|W|NE|NW|SE|SW)\b)?"  # 260 Queen Street West

# Common Chinese surnames (the hundred-odd that cover most people, and the compound ones).
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛"
    "曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席"
    "卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_COMPOUND_SURNAMES = "欧阳|司马|上官|诸葛|东方|慕容|令狐|皇甫|尉迟|公孙|长孙|宇文|司徒|夏侯|轩辕|端木|南宫"
# Characters that end a name rather than belong to it: honorifics and the little words around a name.
_NOT_GIVEN = "的了说是在和与及把被给要想让就都也还又很不没电手地打来去问先女总哥姐妹老师傅阿姨同学亲我你他她们这那哪面时候天"
_GIVEN = rf"(?:(?![{_NOT_GIVEN}])[\u4e00-\u9fff])"
_SURNAME = rf"(?:{_COMPOUND_SURNAMES}|[{_SURNAMES}])"
# Everyday words that start with a surname's character: never a name (客户马上, 买家高兴, 客户金额).
_NOT_NAMES = (
    "周[一二三四五六日天末]|明早|明晚|明日|明年|马上|高兴|高级|方便|方式|方法|安全|安排|安装|全部|全额|金额|关于|关注|关系|成功|成本|程序|付款|应该|路上|路过|包裹|包邮"
    "|包装|余额|任何|任务|连续|常用|申请|申通|文件|华为|苏宁|明显|明白|明确|江苏|黄金|白色|黑色|红色|蓝色|石头|曾经|米色"
    "|卫生|宁愿|尤其|管理|简单|毕竟|单号|单子|项目|车上|车子|车牌|钱包|汤圆|段落|邮费|邮箱|邮件|顾问|平台|向往|严重|解释"
    "|张口|张嘴|查询|查看|麻烦|司机|商家|商品|费用|房间|游戏|辛苦|解决|冷静|师傅|全程|舒服|符合|宁可|尚未|毕业|单独|季度"
    "|路线|颜色|温和|施工|文字|左边|纪律|凌晨|申诉|焦急|甘心|齐全|史上|万一|方面|于是|向我|向你|向他|关心|包括|任性|安排"
    "|常说|高高|金牌|黄牛|白白|成交|成为|程度|江湖|柯南|易碎|宋体|龙头|雷人|蓝牙|霍霍|高考|中考|高烧|高中|高铁|高速|高峰|全名|单位"
)
_PERSON = rf"(?!(?:{_NOT_NAMES})){_SURNAME}(?: ?{_GIVEN}){{1,2}}"  # 王芳, and 王 芳 typed with a space
_FULL_PERSON = rf"(?!(?:{_NOT_NAMES})){_SURNAME}{_GIVEN}{{2}}"  # three characters: where two could be a word (儿子高考)
# 老王, 小李: what a familiar customer is called (老师, 小时 and the like are words, not names)
_FAMILIAR = rf"(?!老师|老板|老公|老婆|老实|老是|小时|小白|小姐|小心|小区|小店|小票|小程序)[老小]{_SURNAME}"
_TITLED = (  # 何女士, 林先生, 刘阿婆, 宋老师: a surname with a title or a form of address
    rf"{_SURNAME}(?:女士|先生|小姐|太太|阿姨|阿婆|阿公|阿伯|婆婆|奶奶|爷爷|大爷|大妈|大娘|大叔|大姐|大哥|叔叔|老师|经理"
    r"|老板娘|老板|师傅|医生|律师|主任|同学|总)"
)
# Where a name after a role visibly ends: punctuation, a title, or the verb or word that follows a person.
_NAME_ENDS = (
    r"(?=[\s,.;:!?，。、；：！？)）…]|$|女士|先生|小姐|太太|电话|手机|地址|的(?:电话|手机|地址|订单|快递|包裹)|说|又|要|一直|反复|坚持|投诉"
    r"|反映|表示|留|发|打|问|在|来|收|签|退|申请|找|骂|催|称|觉得|认为|今天|昨天|刚才|非|不|没|很|特别|已经|再|第|和|跟|同|对|从|突然"
    r"|竟然|居然|总是|每次|都|才|却|怎么|为什么|当时|先|后来|下单|买|沟通|联系|给|把|被|让|也|还|就|代|帮"
    r"|反馈|评价|评论|咨询|询问|要求|回复|上传|付款|拒收|拒绝|同意|希望|想|需要|抱怨|质疑|追问|提出|强调|声称|私信|晒|夸|感谢|确认|取消|拍)"
)
_EN_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?"
_EN_NAME = r"(?:Mc|Mac|O'|D')?[A-Z][a-zà-öø-ÿ']+(?:-[A-Z]?[a-zà-öø-ÿ']+)?"  # Anna, Müller, McDonald, O'Brien, Sarah-Jane
_EN_PERSON = rf"{_EN_NAME}(?: {_EN_NAME}){{1,2}}"
_EN_NOT_NAMES = (
    r"(?:Service|Services|Support|Care|Team|Success|Experience|Relations|Satisfaction|Center|Centre|Portal|Agent|Data"
    r"|Order|Orders|Number|Name|Names|Id|Account|Accounts|Feedback|Reviews?|Complaints?|Questions?|Chat|Chats"
    r"|Mail|Post|Express|Parcel|Parcelforce|Courier|Delivery|Logistics|Freight|Fragile|Handle|Keep|Return|Sender|Open|Side"
    r"|Made|Please|The|This|That|These|With|And|Or|Of|For|To|From|In|On|At|By|Not|Do)\b"
)  # 何女士, 林先生: a surname with a title still points at one customer


# What a two-word line in capitals may be besides a name: a heading, a greeting, a sign-off.
_EN_HEADINGS = (
    r"(?:Phone|Tel|Mobile|Address|Shipping|Billing|Delivery|Summary|Details|Info|Information|Office|Hotline|Head|Main"
    r"|Call|Contact|Customer|Store|Shop|Warehouse|Dear|Hello|Hi|Thanks|Thank|Best|Kind|Warm|Regards|Sent|From|To|Ship"
    r"|Pasted|Copied|Total|Item|Items|Payment|Tracking|Return|Returns|Refund)\b"
)


def _judge_wechat(m: re.Match) -> str | None:
    # "add me on WeChat tomorrow": in English, a plain word is an id only after a colon or "is".
    plain_word = m.group("v").isalpha() and ":" not in m.group("sep") and "is" not in m.group("sep")
    return None if plain_word and not _CJK.search(m.string) else "wechat"


_TLDS = {"com", "cn", "net", "org", "edu", "gov", "io", "co", "uk", "hk", "tw", "jp", "de", "fr", "info", "me", "us"}


def _judge_obfuscated_email(m: re.Match) -> str | None:
    # Only when it ends in a real top-level domain: "meet at 3 dot com" would not.
    last = re.split(r"[ .。点)\]]+", m.group().lower())[-1]
    return "email" if last in _TLDS else None


def _judge_pdd(m: re.Match) -> str | None:
    return "order" if _plausible_date(2000 + int(m.group(1)), int(m.group(2)), int(m.group(3))) else None


def _judge_shopee(m: re.Match) -> str | None:
    # Shopee: the order's date (YYMMDD) then eight letters and digits, at least one a letter.
    tail_has_letter = any(ch.isalpha() for ch in m.group(4))
    return "order" if tail_has_letter and _judge_pdd(m) else None


def _judge_grouped(m: re.Match) -> str:
    # Spaced-out digits are somebody's number even when Luhn fails (a typo): keep them out.
    digits = _digits(m.group())
    named = _named_before(m.string[max(0, m.start() - 12) : m.start()])
    if named == "tracking" or (named == "either" and len(digits) < 16):
        return "tracking"
    return "bank_card" if 15 <= len(digits) <= 19 and _luhn(digits) else "order"


def _judge_id(m: re.Match) -> str | None:
    return "id_card" if _is_id(_digits(m.group()) + ("X" if m.group()[-1] in "Xx" else "")) else None


def _judge_hk_id(m: re.Match) -> str | None:
    """Hong Kong identity card: one or two letters, six digits, a mod-11 check digit (often bracketed)."""
    letters, digits, check = m.group("l").upper(), m.group("d"), m.group("c").upper()
    values = ([36] if len(letters) == 1 else []) + [ord(ch) - 55 for ch in letters] + [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1)))
    expected = (11 - total % 11) % 11
    return "id_card" if check == ("A" if expected == 10 else str(expected)) else None


_TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"  # 10, 11, ... 35 in the order Taiwan assigns them


def _judge_tw_id(m: re.Match) -> str | None:
    """Taiwan national ID: a letter, 1 or 2, eight digits, the last a weighted check digit."""
    text = m.group().upper()
    code = _TW_LETTERS.index(text[0]) + 10
    digits = [int(d) for d in text[1:]]
    total = code // 10 + (code % 10) * 9 + sum(d * w for d, w in zip(digits, (8, 7, 6, 5, 4, 3, 2, 1, 1)))
    return "id_card" if total % 10 == 0 else None


def _judge_international(m: re.Match) -> str | None:
    digits = _digits(m.group())
    return "phone" if 8 <= len(digits) <= 15 else None


def _judge_labelled_number(m: re.Match) -> str | None:
    """An id written after a label that names it: enough digits, and not a date."""
    value, label = m.group("v"), m.group("kind_hint")
    digits = sum(ch.isdigit() for ch in value)
    if digits < 5 or re.fullmatch(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}", value):
        return None
    if label == "订单" and digits * 2 < len(value):  # 订单 iPhone15ProMax256G: a product, not an id
        return None
    return "passport" if "permit" in label.lower() else _LABEL_KIND[label[:2].lower()]  # a travel permit, not "tr"acking


def _judge_plate(m: re.Match) -> str | None:
    value = m.group("v") or m.group()
    has_letter = any("A" <= ch <= "Z" for ch in value)
    return "plate" if has_letter and sum(ch.isdigit() for ch in value) >= 2 else None


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


# The first two letters of a label say which kind of number follows it.
_LABEL_KIND = {
    "订单": "order", "or": "order", "快递": "tracking", "运单": "tracking", "物流": "tracking", "tr": "tracking",
    "wa": "tracking", "aw": "tracking", "护照": "passport", "pa": "passport", "港澳": "passport", "通行": "passport",
    "台胞": "passport", "回乡": "passport", "旅行": "passport", "签证": "passport", "護照": "passport",
}
_COURIER_CODES = (  # carriers' own shapes, letters included, optionally spaced as printed on labels
    r"SF(?: ?\d){12,15}|YT(?: ?\d){13,15}|JT\d{13}|DPK\d{9,15}|JD[A-Z]{1,2}\d{9,15}|JJD\d{10,20}|GM\d{16,22}|LP\d{14,16}"
    r"|TBA\d{12}|1Z(?: ?[0-9A-Z]){16}|[A-Z]{2}\d{9}[A-Z]{2}"
)

Judge = Callable[[re.Match], "str | None"]

# (kind, pattern, judge). The removed span is group "v" when present, so labels like "微信：" stay.
# A judge may rename the kind or veto the match (None).
_FINDERS: list[tuple[str, re.Pattern, Judge | None]] = [
    (
        "email",  # the lookbehind starts a match only where a local part starts: linear on long runs
        re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]+(?:\n?\.[A-Za-z0-9-]+)*\n?\.[A-Za-z]{2,}"),  # \n: split over two lines
        None,
    ),
    (
        "email",  # written around the filters: name at 163 dot com, name#qq.com, name@qq。com
        re.compile(
            r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{2,40}+ ?(?:@|#|\((?i:at)\)|\[(?i:at)\]| (?i:at) |艾特|圈a) ?"
            r"[A-Za-z0-9-]{2,30}+(?: ?(?:\.|。|\((?i:dot)\)|\[(?i:dot)\]| (?i:dot) |点) ?[A-Za-z0-9-]{2,20}){1,3}"
        ),
        _judge_obfuscated_email,
    ),
    (
        "wechat",
        re.compile(
            r"(?<![A-Za-z])(?:微 ?信号?|威 ?信号?|薇 ?信号?|维 ?信号?|徽信|卫星号?|[vV]信|绿(?:色)?泡泡|小绿泡|加微(?!信)|薇(?=[❤♥💗💕💖])|(?i:v ?x|wx|wei ?xin|we ?chat))[❤♥💗💕💖]?"
            r"(?:[,，]? ?(?:号码|号|(?i:id|number|no\.?|account|handle)))?"
            r"(?P<sep> {0,3}[:(\[]? {0,3}(?:(?:是|为|is|搜一下|搜|加一下|加) {0,3})?)"
            rf"(?P<v>@?[a-zA-Z][-_.a-zA-Z0-9]{{4,18}}[-_a-zA-Z0-9]|{_MOBILE})(?![-_A-Za-z0-9])"
        ),
        _judge_wechat,
    ),
    (
        "wechat",  # 加我Vhappy_life_2023, vmm-shop_2024: in a Chinese post a lone v before an id means WeChat
        re.compile(
            r"(?<![A-Za-z0-9])[vV][❤♥💗💕💖]?(?: {0,2}:? {0,2})(?P<v>[a-zA-Z][a-zA-Z0-9]{0,18}[-_][-_a-zA-Z0-9]{2,18}+)"
            r"(?![-_A-Za-z0-9])|(?:(?<=加)|(?<=加我)|(?<![A-Za-z0-9]))[vV](?: {0,2}(?::|是) {0,2}|(?<=[加我][vV]) {0,2})"
            r"(?P<v2>[a-zA-Z][-_a-zA-Z0-9]{4,19}+)(?![-_A-Za-z0-9])"
        ),
        lambda m: "wechat" if _CJK.search(m.string) else None,
    ),
    (
        "qq",
        re.compile(
            r"(?<![A-Za-z])(?:(?i:qq)|扣扣|企鹅|Q(?=号|:))(?: ?(?:号码?|群|(?i:no\.?|number)))?(?:都是|也是)?"
            r" {0,3}:? {0,3}(?:(?:是|为|is) {0,3})?(?P<v>\d(?:[ -]?\d){4,10})(?!\d)"  # also 88 6655 2211
        ),
        None,
    ),
    (
        "order",  # an id after the label that names it: 订单号：DD2024061100123, passport no. K1234567
        re.compile(
            r"(?P<kind_hint>订单(?:编?号)?|(?i:order (?:no\.?|number|id|#)|order#)|(?:快递|运单|物流)(?:单?号|编号)"
            r"|(?i:tracking(?: no\.?| number| #| id)?|waybill(?: no\.?| number)?|awb)"
            r"|(?:护照|護照|港澳通行证|通行证|台胞证|回乡证|旅行证|签证)(?:上的)?(?:号码?|號碼?|编号)?"
            r"|(?i:passport(?:,? no\.?|,? number| #)?|(?:travel|home return|entry|exit) permit(?: no\.?| number)?))"
            r" {0,3}(?:是|为|is)? {0,3}[:#]? {0,3}(?:(?:是|为|is) {0,3})?"
            r"(?P<v>[A-Za-z0-9][A-Za-z0-9-]{5,39}+|[A-Za-z]{0,2} ?\d{2,4}(?: \d{2,5}){1,3})(?![A-Za-z0-9])"
        ),
        _judge_labelled_number,
    ),
    ("tracking", re.compile(rf"(?<![A-Za-z0-9])(?:{_COURIER_CODES})(?![A-Za-z0-9])", re.I), None),
    (
        "passport",  # mainland passports, also written in two groups: E12345678, EA1234567, G 1234 5678
        re.compile(r"(?<![A-Za-z0-9])(?:E[A-HJ-NP-Z](?: ?\d{7}|\d{3} \d{4}|\d{4} \d{3})|[EG](?: ?\d{8}|\d{4} \d{4}| \d{4} \d{4})"
                   r"|[SDP]E\d{7})(?![A-Za-z0-9])"),
        None,
    ),
    (
        "social",  # Line, Telegram, WhatsApp, Instagram... handles after their name
        re.compile(
            r"(?<![A-Za-z])(?i:line(?: id)?|telegram|tg|whatsapp|instagram|ig|kakao(?:talk)?|skype|discord|snapchat|小红书号?|抖音号|微博)"
            r" {0,2}(?:是|is)? {0,2}[:：]? {0,2}@?(?P<v>[A-Za-z][A-Za-z0-9._-]{2,29}+|@[A-Za-z0-9._-]{3,30}+)(?![A-Za-z0-9._-])"
        ),
        lambda m: "social" if (":" in m.group() or "@" in m.group() or any(ch.isdigit() or ch in "._-" for ch in m.group("v")))
        else None,
    ),
    ("order", re.compile(r"(?<!\d)(\d\d)(\d\d)(\d\d)-\d{15}(?!\d)"), _judge_pdd),  # Pinduoduo: YYMMDD-15 digits
    ("order", re.compile(r"(?<![\d-])\d{3}-\d{7}-\d{7}(?![\d-])"), None),  # Amazon: 3-7-7
    ("order", re.compile(r"(?<![\d-])\d{2}-\d{5}-\d{5}(?![\d-])"), None),  # eBay: 2-5-5
    ("order", re.compile(r"(?<![A-Za-z0-9])(\d\d)(\d\d)(\d\d)([A-Z0-9]{8})(?![A-Za-z0-9])"), _judge_shopee),
    (
        "id_card",  # 18 characters, spaces, dashes or a line break anywhere: 110101 19900307 4514, 1101-0119-...
        re.compile(r"(?<![\dA-Za-z])\d(?:[ \n-]?\d){16}[ \n-]?[\dXx](?![\dA-Za-z])"),
        _judge_id,
    ),
    ("id_card", re.compile(r"(?<![\dA-Za-z])\d(?:[ -]?\d){14}(?![\dA-Za-z])"), _judge_id),  # the old 15 digits
    ("id_card", re.compile(r"(?<![A-Za-z0-9])(?P<l>[A-Z]{1,2})(?P<d>\d{6}) ?\(?(?P<c>[0-9A])\)?(?![A-Za-z0-9])"),
     _judge_hk_id),
    ("id_card", re.compile(r"(?<![A-Za-z0-9])[A-Z][12]\d{8}(?![A-Za-z0-9])"), _judge_tw_id),
    ("phone", re.compile(rf"(?<!\d){_MOBILE}(?: ?(?:转|ext\.?|x) ?\d{{1,5}})?(?!\d)"), None),
    (
        "phone",  # landline with area code, optional extension: (010)12345678, 0755-1234567-123, (02) 2345-6789
        re.compile(r"(?<!\d)(?:\(0\d{1,3}\) ?|0\d{2,3}[ -]?)\d{3,4}[ -]?\d{4}(?: ?(?:-|转|ext\.?|x) ?\d{1,5})?(?!\d)"),
        None,
    ),
    (
        "phone",  # E.164 and international: +1 (415) 555-2671, +44 20 7946 0958, +852 9123 4567, (+886) 912 345 678
        re.compile(r"(?<![A-Za-z0-9+])(?:\+|\(\+)[1-9]\d{0,3}\)?(?:[ .-]?(?:\(\d{1,4}\)|\d++)){1,6}+"),
        _judge_international,
    ),
    (
        "phone",  # North America without the +: (415) 555-2671, 415-555-2671, 1-800-555-0199; UK, Taiwan, Australian mobiles
        re.compile(
            r"(?<![\d+])(?:1[ .-])?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\d)"
            r"|(?<!\d)07\d{3}[ -]?\d{6}(?!\d)|(?<!\d)0[4-9]\d{2}[ -]?\d{3}[ -]?\d{3}(?!\d)"  # 0912 345 678, 0491 570 156
            r"|(?<![\d.])0[1-9](?:[ .]\d\d){4}(?![\d.])"  # 06 12 34 56 78
        ),
        None,
    ),
    (
        "bank_card",  # digits printed in fours (cards, FedEx and USPS parcels), and Amex's 4-6-5
        re.compile(r"(?<![\d-])(?:\d{4}(?:[ \n-]\d{4}){2,5}(?:[ -]?\d{1,3})?|\d{4}[ -]\d{6}[ -]\d{5})(?!\d)"),
        _judge_grouped,
    ),
    (
        "address",  # Chinese: the road and number with what follows, a compound with its units, a building's rooms
        re.compile(
            rf"{_ZH_NAME}{{1,8}}?(?:路|街|大道|大街|巷|胡同|弄)[东西南北中]?(?:{_ZH_COUNT}段)?\s?(?:\d+[弄巷])?\d+(?:-\d+)?号(?:楼|院)?"
            rf"(?: ?{_ZH_NAME}{{0,10}}? ?{_UNIT})*{_ROOM}(?:\d{{1,2}}-\d{{1,2}}-\d{{1,4}}(?!\d))?"
            rf"|{_ZH_NAME}{{0,8}}?(?:小区|花园|公寓|大厦|新村|家园|社区|苑|广场|园|城|中心|家属院|宿舍|公馆|府|庭|湾|大楼|大院|山庄"
            rf"|工业区|开发区|园区|校区|厂区|生活区) ?(?:(?:{_UNIT})+{_ROOM}|\d{{1,2}}-\d{{1,2}}-\d{{3,4}}(?!\d)|[A-Z]-?\d{{3,4}}(?!\d))"
            rf"|(?<![\dA-Za-z]){_BLOCK}(?:(?:{_UNIT})+{_ROOM}| ?-?\d{{2,4}}(?!\d)(?:室|房|号)?)"
            # a block alone after an estate's name (幸福里8号楼, 颐和国际A座), not where we are (在5号楼开会)
            rf"|(?<=[\u4e00-\u9fff])(?<![在到去从往来回])(?:{_BLOCK}|\d{{1,3}}号院)"
            rf"|(?<!\d)(?:{_ZH_COUNT}[区期]|[东西南北]区){_BLOCK}"  # 白石龙一区6栋: the block goes, the name may stay
            rf"|(?<!\d)\d{{1,3}}单元(?:{_UNIT})*(?:-?\d{{3,4}}(?!\d)(?:室|房)?)?"
            r"|(?<!\d)\d{3,5}室"
        ),
        None,
    ),
    (
        "address",  # building-unit-room after a place's name, whatever it is called: 某某里 3-2-501 (its own finder: starts at a digit)
        re.compile(r"(?:(?<=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff] ))(?<![在到去从往来回第])\d{1,2}-\d{1,2}-\d{3,4}(?![\d-])"),
        None,
    ),
    (
        "address",  # a rural address: 李家村3组, 王庄村五组12号, 张村18号
        re.compile(rf"{_VILLAGE_NAME}{{1,6}}?(?:(?:村|屯|庄|寨)(?:委会)?(?:第?{_ZH_COUNT}(?:村民小组|组|队|社|屯)(?:\d{{1,4}}号)?|\d{{1,4}}号)"
                   rf"|村(?:委会|民委员会))"
                   rf"|(?<![\d组])\d{{1,2}}组\d{{1,4}}号"),
        None,
    ),
    (
        "address",  # English: 123 Main Street, Apt 4B; 221B Baker St; a lone "Flat 2"
        re.compile(
            rf"(?<![A-Za-z0-9/])(?:No\. ?|\d{{1,4}}[A-Za-z]?/)?\d{{1,5}}[A-Za-z]?(?:-\d{{1,5}})? (?:(?:[A-Z]|\d{{1,3}}(?:st|nd|rd|th) )[A-Za-z'-]* ?){{1,3}}"
            rf" ?{_EN_STREET}\b\.?{_EN_SIDE}"
            rf"(?:,? (?:{_EN_UNIT}|{_EN_BUILDING}))?"
            rf"|(?<![A-Za-z0-9])(?:(?:Building|Bldg\.?|Block|Tower) \d+[A-Za-z]?,? {_EN_UNIT}|{_EN_LONE_UNIT})(?![A-Za-z0-9])"
            r"|(?<![A-Za-z0-9])(?i:P\.? ?O\.? Box) \d{1,6}(?!\d)|(?<![A-Za-z0-9])#\d{1,3}-\d{1,5}(?!\d)"
            r"|(?<![A-Za-z0-9])(?:Flat [A-Z0-9]{1,4}, )?\d{1,3}/F\b|(?<![A-Za-z0-9])(?i:blk|block) \d{1,4}[A-Za-z]?(?= [A-Z])"
            rf"(?: (?:[A-Z][A-Za-z'-]* ){{1,4}}{_EN_STREET}(?: \d{{1,3}}(?!\d))?)?"
            r"|(?<![A-Za-z0-9])(?:Rue|Calle|Via|Avenida|Rua) (?:[A-Za-z'-]+ ){0,3}?\d{1,5}(?!\d)"
            r"|(?<![A-Za-z0-9])(?:No\. ?\d{1,5},? )?Lane \d{1,5}(?:,? (?:[A-Z][a-z]+ ){1,3}(?:Road|Rd|Street|St|Lu|Avenue|Ave)\b)?"  # 弄
            r"|(?<![A-Za-z0-9])No\. ?\d{1,4} (?:Building|Bldg|Block|Tower)\b"
            # a romanised village and group: Dongshan Village Group 3, No. 8; No. 8, Group 3, Dongshan Village; Shiqiao Cun 5 Zu
            r"|(?<![A-Za-z0-9])(?:[A-Z][a-z]+ ){1,2}(?:Village|Cun)(?: Committee)?,? (?:(?:Group|Team) \d{1,2}|\d{1,2} ?Zu|Zu \d{1,2}"
            r"|No\. ?\d{1,4})(?:,? No\. ?\d{1,4})?"
            r"|(?<![A-Za-z0-9])(?:No\. ?\d{1,4},? )?(?:Group|Team) \d{1,2},? (?:[A-Z][a-z]+ ){1,2}(?:Village|Cun)\b"
            r"|(?<![A-Za-z0-9])(?:(?:Unit|Room|Rm|Flat|Apt|Suite|Building|Bldg|Block|Blk|Tower)\.? ?#?\d{1,4}[A-Za-z]?,? ){1,3}"
            r"(?:(?:Unit|Room|Rm|Flat|Apt|Suite|Building|Bldg|Block|Blk|Tower)\.? ?#?\d{1,4}[A-Za-z]?(?![A-Za-z0-9])"
            r"|(?:[A-Z][a-z]+ ){1,3}(?:Residences?|Gardens?|Estate|Community|Court|Village|Apartments?|Mansion|Plaza|Park|Compound"
            r"|Xiaoqu|Huayuan|Jiayuan|Xincun|Gongyu|Dasha|Guangchang)\b)"
        ),
        None,
    ),
    (
        "name",  # 收件人：王芳, 联系人 欧阳明, 收货人写的是 黄志强: after a form label, a full name goes
        re.compile(
            rf"(?:收件人|收货人|寄件人|联系人|姓名|户名|开户名|账户名|持卡人)(?:姓名|名字)?"
            rf"(?: {{0,2}}[:：(（] {{0,2}}| {{1,2}}|(?:是|叫|为|(?:写|填)的是) {{0,2}})?"
            rf"(?P<v>{_TITLED}|(?:{_PERSON}|{_FAMILIAR})(?=[^\u4e00-\u9fff]|$|[说的电手地在要打问收寄先女签代本不没已来去取拒是也还就都帮])"
            rf"|{_EN_PERSON}(?![A-Za-z]))"
        ),
        None,
    ),
    (
        "name",  # 客户王芳，买家：李明，顾客是宋老师: after a role, a full name only where the name visibly ends
        re.compile(
            rf"(?:客户|买家|顾客|用户)(?:的)?(?:名字|姓名|真名|全名)?(?: {{0,2}}[:：] {{0,2}}| {{1,2}}|(?:是|叫|名叫|为) {{0,2}})?"
            rf"(?P<v>{_TITLED}|(?:{_PERSON}|{_FAMILIAR}){_NAME_ENDS})"
        ),
        None,
    ),
    (
        "name",  # 我叫王晓雯, 她妹妹林可欣代收: a name the customer gives for themselves or for someone close
        re.compile(
            rf"(?:(?:我|本人)(?:叫|名叫|的名字(?:是|叫)|姓名(?:是|为)?)|(?:妹妹|姐姐|哥哥|弟弟|老公|老婆|丈夫|妻子|爱人|儿子|女儿"
            rf"|妈妈|爸爸|母亲|父亲|婆婆|公公|朋友|同事|室友|邻居|亲戚|家人)(?:叫|是)?) {{0,2}}"
            rf"(?P<v>{_TITLED}|(?:(?<=[叫是名为] )|(?<=[叫是名为]))(?:{_PERSON}|{_FAMILIAR}){_NAME_ENDS}|{_FULL_PERSON}{_NAME_ENDS})"
        ),
        None,
    ),
    (
        "name",  # a name standing alone (a pasted order line), then a mobile: 王芳 138…, 陈女士\n电话 139…
        re.compile(
            rf"(?<![\u4e00-\u9fffA-Za-z])(?P<v>{_TITLED}|{_PERSON})(?=[ \t,，、]{{0,3}}\n?[ \t]{{0,2}}(?:电话|手机|(?i:tel|phone|mobile))?"
            rf"[:： ]{{0,2}}(?:\+?86[ -]?)?1[3-9]\d)"
        ),
        None,
    ),
    (
        "name",  # Recipient: Jane Doe; customer named John Smith; the recipient is Tom O'Neill; attn Harriet Vance
        re.compile(
            r"(?i:recipient|receiver|consignee|contact(?: person)?|customer(?: name)?|buyer(?: name)?"
            r"|name(?: on the (?:order|parcel|package|label|account|card))?|ship to|deliver to|attn\.?)"
            r" {0,2}[:\-–—] {0,2}(?P<v>" + _EN_TITLE + r" " + _EN_NAME + r"(?: " + _EN_NAME + r"){0,2}|" + _EN_PERSON + r")(?![A-Za-z])"
            r"|(?:named|called|[Bb]uyer|[Cc]ustomer|[Rr]ecipient|[Cc]onsignee|[Dd]eliver(?:ed)? to|[Ss]hip to|[Aa]ddressed to"
            r"|[Aa]ttn\.?|ATTN|c/o|[Cc]are of|signed(?: for)? by|picked up by|[Mm]y name is|[Mm]y name's"
            r"|(?:label|waybill|slip|sticker|parcel|package|box|envelope) (?:says|said|reads|read|shows|showed|is for|was for))"
            r"(?: name)?(?:,| is| was| will be)? (?P<v2>(?:" + _EN_TITLE + r" )?(?!"
            + _EN_NOT_NAMES + r")" + _EN_NAME + r" (?!" + _EN_NOT_NAMES + r")" + _EN_NAME + r")(?![A-Za-z])"
            r"|(?<![A-Za-z])" + _EN_TITLE + r" " + _EN_NAME + r"(?: " + _EN_NAME + r"){0,2}(?![A-Za-z])"
        ),
        None,
    ),
    (
        "name",  # a name alone on a line of a pasted block, a phone or a street address on the next line
        re.compile(
            rf"^(?P<v>(?!{_EN_NOT_NAMES}|{_EN_HEADINGS}){_EN_PERSON})[ \t]*(?=\n[ \t]*(?:"
            r"(?:(?i:phone|tel|mobile|cell)[.:]? ?)?[+(]?\d(?:[ ().-]{0,2}\d){6,14}[ \t]*$"
            rf"|\d{{1,5}}[A-Za-z]? (?:[A-Z][A-Za-z'-]* ){{1,3}}{_EN_STREET}\b))",
            re.M,
        ),
        None,
    ),
    (
        "plate",  # mainland plates: 京A12345, 粤B·D12345 (new energy), 粤Z·A123港 (cross-border), 京A1234学
        re.compile(
            r"(?P<v>[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•・. ]?"
            r"(?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[港澳学警挂领使试超]))(?![A-Za-z0-9])"
        ),
        _judge_plate,
    ),
    (
        "plate",  # an English label: licence plate AB12 CDE, plate no. 7ABC123
        re.compile(
            r"(?i:licen[cs]e plate|number plate|car plate|plate(?: no\.?| number)|registration(?: no\.?| number)?"
            r"|reg(?: no\.?| number|:))"
            r" {0,2}[:#]? {0,2}(?P<v>[A-Z0-9](?:[ -]?[A-Z0-9]){3,7})(?![A-Za-z0-9])"
        ),
        _judge_plate,
    ),
    ("id_card", re.compile(r"(?<!\d)\d{17}[Xx](?![A-Za-z0-9])"), _judge_id),
    ("order", re.compile(r"(?<![\d¥￥$])\d{9,}(?![\d元块万亿%])"), _judge_digit_run),  # not an amount: ¥…, …元
]

# Each finder tried only where its match can begin (same matches, far fewer attempts).
_FINDERS = [(kind, compile_fast(pattern.pattern, pattern.flags), judge) for kind, pattern, judge in _FINDERS]

# Words that name the number after them; the nearest wins, ties go to the longer word.
_NAMED = [
    (
        "tracking",
        re.compile(
            r"(?:快递|运单|物流|包裹|快件|顺丰|中通|圆通|韵达|申通|极兔|百世|德邦|邮政|菜鸟|ems|ups|fedex|dhl|usps|zto|sto|yto"
            r"|tracking|waybill|parcel|courier)(?:单号|号码|号|单)?",
            re.I,
        ),
    ),
    (
        "order",
        re.compile(r"订单号?|order|京东|jd|淘宝|天猫|拼多多|pdd|抖音|抖店|快手|亚马逊|amazon|shopee|虾皮|唯品会|苏宁", re.I),
    ),
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


def _span(m: re.Match) -> tuple[int, int]:
    for group in ("v", "v2"):
        if group in m.re.groupindex and m.group(group) is not None:
            return m.span(group)
    return m.span()


def redact(text: str, *, keep_numbers: frozenset[str] = frozenset()) -> tuple[str, tuple[Removal, ...]]:
    """The text with customer data replaced by markers, and what was removed in order. A number whose
    digits are in keep_numbers (the public help lines) is left alone."""
    plain = text.translate(_HALF_WIDTH)
    found = []
    for rank, (kind, pattern, judge) in enumerate(_FINDERS):
        for m in pattern.finditer(plain):
            start, end = _span(m)
            named = judge(m) if judge else kind
            if named and not (keep_numbers and _digits(plain[start:end]) in keep_numbers):
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
