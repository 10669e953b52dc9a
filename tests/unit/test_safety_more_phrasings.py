"""Issue 12, second round: the warning signs and the customer data in more of the ways people write
them, and the near-misses beside them. Written for these tests from the warning-sign categories and the
formats in tests/safety_corpus/README.md, not copied from the corpus."""

from __future__ import annotations

import pytest

from resilience_app.services import crisis_model, crisis_signs, safety

PATTERNS_ALONE = crisis_model.CrisisModel({}, -30.0, threshold=1.0)

# (category, severity, text): caught by the patterns alone, without the model's help.
SIGNS = [
    ("intent", "concern", "我想杀了自己，这个念头越来越频繁"),
    ("intent", "concern", "把自己了断的念头又冒出来了"),
    ("passive_wish", "concern", "希望出个意外，这样就不用面对了"),
    ("passive_wish", "concern", "每晚都祈祷别再睁开眼"),
    ("passive_wish", "concern", "I keep hoping I don't wake up tomorrow"),
    ("passive_wish", "concern", "I want to go to sleep and never wake up"),
    ("hopelessness", "concern", "找不到任何继续活下去的理由"),
    ("hopelessness", "concern", "人生没有出口，我看不到以后"),
    ("burden", "concern", "我死了对家里反而是好事，至少不用再为我花钱"),
    ("burden", "concern", "不如没有我，他们能过得好一点"),
    ("burden", "concern", "I'm just taking up space at this point"),
    ("burden", "concern", "everyone would be happier if I just wasn't here"),
    ("means", "concern", "I've been looking up methods all night"),
    ("means", "acute", "在好几家药店分别买了安眠药，够了"),
    ("self_harm", "acute", "又划了几道，看着血流出来才平静"),
    ("self_harm", "concern", "扇了自己好几个耳光才停下来"),
    ("self_harm", "concern", "stubbed a lit cigarette out on my arm again"),
    ("timing", "acute", "俺今儿黑天就把自个儿了断"),  # 东北话: 俺 = 我, 今儿黑天 = 今天晚上
    ("timing", "acute", "gonna ctb tonight"),
]


@pytest.mark.parametrize(("category", "severity", "text"), SIGNS)
def test_more_phrasings_of_each_sign_are_noticed_by_the_patterns(category, severity, text):
    signs = crisis_signs.assess(text, reader=PATTERNS_ALONE)
    assert category in signs.categories
    assert signs.severity == severity
    assert safety.check(text).severity == severity


# Written around the words, in the ways tests/safety_corpus/README.md lists: emoji, spacing, leetspeak, dialect.
AROUND_THE_WORDS = [
    "thinking about 🪢 again",
    "🔪🩸 again tonight",
    "gonna 🪦 myself soon",
    "k.m.s",
    "i want 2 die",
    "想 4 了",
    "⚰️⚰️⚰️ 我想进去",
    "今晚 💊💊💊 然后睡一个很长很长的觉",
    "我打算去死",
]


@pytest.mark.parametrize("text", AROUND_THE_WORDS)
def test_signs_written_around_the_words_in_more_ways_are_noticed(text):
    assert crisis_signs.assess(text, reader=PATTERNS_ALONE).severity is not None


NEAR_MISSES = [
    "看到一条帖子说想死，我回复了热线电话",  # a post's words, not the writer's
    "心理课上讲了自杀的征兆，挺有用的",
    "The customer typed i want to die lol because the parcel was late",
    "We had a talk about self-harm at work, it was really informative.",
    "买家：再不退款我就去死",  # a transcript line
    "今天培训的角色扮演里，我演一个说“我想结束一切”的客户",
    "纪录片讲的是一个桥上的志愿者，每天劝想跳桥的人",
    "《自杀论》这本书今天到货了，客户说包装破了",
    "昨晚看了一部关于跳桥的纪录片，很沉重",
    "买家问这个农药怎么用，我说看说明书",
    "她在朋友圈发了遗书一样的东西，我很担心她",
    "Updated my will after we bought the flat, very grown-up of me.",
    "头疼了三天，吃了好多药还没好",
    "I took two painkillers for my headache and went back to work",
    "客户发消息说“你们再不发货我就跳楼”，后来说是开玩笑",
    "I'm thinking about the rope for the tent",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_in_more_phrasings_are_not_a_crisis(text):
    result = safety.check(text)
    assert (result.crisis, result.severity) == (False, None)


# (text, what must be gone, words that must stay)
REDACTIONS = [
    # names: spaced, familiar, Latin after a Chinese label, titles, Mc/O'/umlauts, more verbs after 客户
    ("收件人 刘 洋，系统匹配不上", ["刘 洋"], ["收件人", "系统匹配不上"]),
    ("客户老陈又来催了", ["老陈"], ["又来催了"]),
    ("收件人:Lily Wang，放前台", ["Lily Wang"], ["放前台"]),
    ("客户：欧阳娜娜女士要开发票", ["欧阳娜娜"], ["开发票"]),
    ("客户王芳反馈说漏发了", ["王芳"], ["漏发了"]),
    ("收件人（黄晓明）电话打不通", ["黄晓明"], ["电话打不通"]),
    ("Refund request from Ms. Priya Shah, card declined", ["Priya Shah"], ["Refund request", "card declined"]),
    ("Customer name David Okafor, wants a refund", ["David Okafor"], ["wants a refund"]),
    ("Recipient name: John O'Brien, leave at door", ["John O'Brien"], ["leave at door"]),
    ("customer Sarah McDonald complained twice", ["Sarah McDonald"], ["complained twice"]),
    ("Contact: Anna Müller, prefers email", ["Anna Müller"], ["prefers email"]),
    ("The customer, Maria Garcia, called again", ["Maria Garcia"], ["called again"]),
    # WeChat and QQ in their spellings
    ("加我卫星：lily_2024 私聊", ["lily_2024"], ["私聊"]),
    ("客户说薇❤：meimei88，别在平台说", ["meimei88"], ["平台"]),
    ("威 信：abc_12345 备注订单", ["abc_12345"], ["备注订单"]),
    ("企业微信：Chen.Manager，供应商对账", ["Chen.Manager"], ["供应商对账"]),
    ("buyer wants me on WeChat, ID tony_lee_1990, declined", ["tony_lee_1990"], ["declined"]),
    ("他的V是 shop2023abc，让我加", ["shop2023abc"], ["让我加"]),
    ("客户留了个Q：88889999 说方便联系", ["88889999"], ["方便联系"]),
    ("QQ号 66 5544 3322，分开写的", ["66 5544 3322"], ["分开写的"]),
    ("收件人写的是赵磊，签收的是门卫", ["赵磊"], ["签收的是门卫"]),
    ("退款打到这张卡，户名：李建国", ["李建国"], ["退款打到这张卡"]),
    # passports and travel permits
    ("护照：G 1234 5678，办签证用", ["G 1234 5678"], ["办签证用"]),
    ("客户护照 E1234 5678 过期了，问能不能改", ["E1234 5678"], ["过期了"]),
    ("travel permit C12345678 for the tour", ["C12345678"], ["for the tour"]),
    ("Her passport, no. 533380006, was uploaded", ["533380006"], ["was uploaded"]),
    # Chinese addresses: village committees and groups, a block after an estate's name, a number on the next line
    ("寄到北辰区天穆镇王庄村委会，周末不收", ["王庄村委会"], ["天穆镇", "周末不收"]),
    ("老家在王家村第三村民小组，快递送不到", ["第三村民小组"], ["快递送不到"]),
    ("客户住幸福里8号楼，说快递员不送上楼", ["幸福里8号楼"], ["快递员不送上楼"]),
    ("上海市长宁区安福弄8号，车开不进去", ["安福弄8号"], ["车开不进去"]),
    ("学校宿舍9舍215，周末没人", ["9舍215"], ["周末没人"]),
    ("南京市玄武区青藤中路\n215号，导航定位不准", ["青藤中路\n215号"], ["导航定位不准"]),
    ("重庆市江北区观音桥步行街6号2-3-5，放门口", ["6号2-3-5"], ["放门口"]),
    ("长沙市岳麓区枫林三路1号 A栋 1208，前台代收", ["A栋 1208"], ["前台代收"]),
    # romanised Chinese addresses
    ("Buyer's address: Unit 2, Block 5, Yangguang Residence, Chaoyang District", ["Unit 2, Block 5, Yangguang Residence"],
     ["Chaoyang District"]),
    ("No. 18, Lane 300, Huaihai Road, Shanghai", ["Lane 300"], ["Shanghai"]),
    # numbers broken over a line, a courier prefix
    ("身份证：110105\n19880512123X，客户发的", ["19880512123X"], ["客户发的"]),
    ("卡号 6228 4800\n1234 5671，让她撤回", ["1234 5671"], ["让她撤回"]),
    ("邮箱 lily.wang@example\n.com，发票发这里", ["lily.wang@example"], ["发票发这里"]),
    ("德邦 DPK123456789012 三天没动", ["DPK123456789012"], ["三天没动"]),
]


@pytest.mark.parametrize(("text", "gone", "kept"), REDACTIONS)
def test_more_formats_of_customer_data_are_removed(text, gone, kept):
    cleaned, removed = safety.redact(text)
    assert all(value not in cleaned for value in gone), cleaned
    assert all(word in cleaned for word in kept), cleaned
    assert removed and all(r.value in text for r in removed)


MUST_STAY = [
    "我们在5号楼开会",
    "去B座会议室拿快递",
    "客户希望尽快发货",
    "客户想要退款",
    "The customer service team was great",
    "Plan B: refund the deposit",
    "I gave a V: very good product",
    "Customer: Thanks for the quick reply",  # one capitalised word after a label is not a name
]


@pytest.mark.parametrize("text", MUST_STAY)
def test_ordinary_words_near_the_new_formats_stay(text):
    assert safety.redact(text) == (text, ())
