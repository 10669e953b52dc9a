"""Issue 12: crisis signs by warning-sign category with a severity, the ways people write around the
words, idioms and negations left alone; the new kinds of customer data; and patterns that stay
linear on hostile input. Written for this project, independently of tests/safety_corpus."""

from __future__ import annotations

import pytest

from resilience_app.services import crisis_model, crisis_signs, safety

# (category expected among the result's categories, severity, text)
CRISIS = [
    # explicit intent
    ("intent", "concern", "我真的想死，想了很久了"),
    ("intent", "concern", "我决定了，要结束这一切"),
    ("intent", "concern", "I'm going to end it, I just don't know when."),
    ("intent", "concern", "I'm planning how to do it."),
    # a passive wish to be dead
    ("passive_wish", "concern", "真想睡一觉就不用再醒来"),
    ("passive_wish", "concern", "要是哪天出意外走了，也挺好的"),
    ("passive_wish", "concern", "我对这个世界已经没有什么留恋了"),
    ("passive_wish", "concern", "每次过马路都希望有辆车撞过来"),
    ("passive_wish", "concern", "I wouldn't mind if I never woke up."),
    ("passive_wish", "concern", "If a truck hit me tomorrow, honestly, fine."),
    ("passive_wish", "concern", "I keep hoping something happens to me so I don't have to do this anymore."),
    # hopelessness, entrapment
    ("hopelessness", "concern", "怎么努力都没用，这辈子就这样了"),
    ("hopelessness", "concern", "没有人能救我，我自己也救不了自己"),
    ("hopelessness", "concern", "我已经没有任何办法了，每天都是一样的绝望，看不到任何出路"),
    ("hopelessness", "concern", "There's no way this ever gets better for me."),
    ("hopelessness", "concern", "I can't see myself getting out of this. I've run out of reasons to keep trying."),
    # feeling a burden
    ("burden", "concern", "我就是家里的拖油瓶，爸妈为了我花光了积蓄"),
    ("burden", "concern", "要不是因为我，他们早就过上好日子了"),
    ("burden", "concern", "我走了，他们就不用再为我操心了"),
    ("burden", "concern", "My family would be better off with the insurance money."),
    ("burden", "concern", "If I were gone my sister wouldn't have to look after me anymore."),
    # farewells and preparations
    ("farewell", "concern", "把存款都转给了我妈，备注写了对不起"),
    ("farewell", "concern", "这是我在这里的最后一条帖子，谢谢大家"),
    ("farewell", "concern", "写好了给爸妈的信，放在枕头下面"),
    ("farewell", "concern", "I gave my guitar to my cousin and my cat to my neighbour. I won't be needing them."),
    ("farewell", "concern", "Thank you all for being kind to me here. I won't be posting anymore."),
    ("farewell", "concern", "Made a playlist for my funeral today."),
    # methods and means: asked about is a concern, gathered or rehearsed is acute
    ("means", "concern", "搜了好几种方法，觉得吃药最不痛"),
    ("means", "concern", "站在28楼的窗边，想象掉下去的样子"),
    ("means", "concern", "I looked up how many of my antidepressants it would take."),
    ("means", "concern", "I know which floor of the car park has no fence."),
    ("means", "acute", "医生开的安眠药我一直没吃，都存着"),
    ("means", "acute", "在三个医院分别开了安眠药，加起来有六十多片"),
    ("means", "acute", "去五金店买了绳子，藏在床底下"),
    ("means", "acute", "I have two months of pills in one bottle now."),
    ("means", "acute", "Bought a rope at the hardware store today and checked the beam in the garage."),
    ("means", "acute", "想从楼上跳下去"),  # a method together with intent
    # timing, or the danger is already now
    ("timing", "acute", "今晚就做个了断"),
    ("timing", "acute", "等这个月的房租交完，我就去死"),
    ("timing", "acute", "药已经吃下去了，别告诉我家里人"),
    ("timing", "acute", "我现在在楼顶，风好大"),
    ("timing", "acute", "刚刚吃了三十多片，头开始晕了"),
    ("timing", "acute", "It's 3am and I'm sitting on the edge of the roof."),
    ("timing", "acute", "After I get paid on Friday I'll send mum the money and then that's it."),
    ("timing", "acute", "The pills are starting to work, I feel heavy."),
    # self-harm: an urge is a concern, harm done is acute
    ("self_harm", "concern", "夏天也穿长袖，因为手上的疤太多了"),
    ("self_harm", "concern", "I want to cut so badly, the urge won't go away."),
    ("self_harm", "acute", "用指甲掐手臂，掐到出血才停"),
    ("self_harm", "acute", "戒了半年，今天还是没忍住，又割了"),
    ("self_harm", "acute", "I bit my hand until it bled after the call."),
    ("self_harm", "acute", "Started cutting again after three months clean."),
]


@pytest.mark.parametrize(("category", "severity", "text"), CRISIS)
def test_each_warning_sign_category_is_noticed_with_its_severity(category, severity, text):
    result = safety.check(text)
    assert result.crisis is True
    assert category in result.categories
    assert result.severity == severity


# Written around the words: the same signs through traditional characters, full width, separators,
# pinyin and initials, homophones, leetspeak, look-alike letters and emoji.
OBFUSCATED = [
    "厭世，想輕生",
    "好想ｚｓ",
    "想 z s",
    "不.想.活.了",
    "自 杀",
    "我想紫砂",
    "想自鲨",
    "想亖",
    "想鼠了算了",
    "活不xia去了",
    "bu xiang zai huo xia qu le",
    "zi4 sha1 de nian tou you lai le",
    "i want to k!ll mys3lf",
    "i want to k*ll mys*lf",
    "I want to unalive",
    "ѕuісіdе is all i think about",  # Cyrillic look-alikes
    "thinking about sewer-slide",
    "s u i c i d e",
    "想吃💊💊💊💊然后睡过去",
    "🔪 手腕 又想了",
    "自\u200b杀",  # a zero-width space between the characters
]


@pytest.mark.parametrize("text", OBFUSCATED)
def test_signs_written_around_the_words_are_still_noticed(text):
    assert safety.check(text).crisis is True


NOT_CRISIS = [
    # idioms
    "开心死了，客户给了五星",
    "想死你们了！休完产假回来啦",
    "笑死，客户说要给我送锦旗",
    "自杀式降价，隔壁店疯了",
    "这波直播杀疯了",
    "砍一刀，血亏",
    "气得我想撞墙，这个客户说了十遍还不懂",
    "We were killing it today",
    "I'm dying to know who won the sales contest",
    "That sprint was a suicide mission",
    "I'd kill for a coffee right now",
    "I can't go on like this without coffee lol",
    # negation
    "我不会自杀的，放心，就是想吐槽一下",
    "I'm not suicidal, just exhausted",
    "I don't want to die, I want a day off",
    # other people, reports, training, products
    "A customer told me her son died by suicide last year, I didn't know what to say.",
    "The label warns about overdose, customer wants a clearer font.",
    "Customer asked about the lethal dose of chocolate for dogs.",
    "Our training covered how to spot suicide risk in chats.",
    "客户说她女儿有自残行为，问我们的刀具能不能不发货",
    "培训讲了如何识别轻生风险，还做了演练",
    "看了一本关于抑郁症和自杀的书，很受触动",
    "新闻说有人在江边烧炭，看了很难过",
    "今天有个客户让我“去死”，我没事，写下来就好",
    "周六团建烧烤，我负责买木炭和胶带",
    "客户问安眠药能不能和酒一起吃，我让她问医生",
    "Customer returned the box cutter, blade was blunt.",
    "The shop sells rope, razors and sleeping masks.",
    # venting and ordinary days
    "坚持不下去了，今天的健身先停一天",
    "减肥坚持不下去了，奶茶真香",
    "今天被骂哭了，下班吃顿好的",
    "周末想关机消失两天",
    "Need a holiday where nobody can reach me. Just vanish for a week.",
    "I'm dead tired, this queue will be the death of me",
    "大家再见，明天早班见！",
    "今天是我在这家公司的最后一天，谢谢大家这两年的照顾，再见啦",
]


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_idioms_negations_other_people_and_venting_are_not_a_crisis(text):
    result = safety.check(text)
    assert (result.crisis, result.severity, result.categories) == (False, None, ())


def test_only_categories_and_severity_leave_the_check_never_the_words():
    signs = crisis_signs.assess("今晚就去死，药都攒够了")
    assert signs.severity == "acute"
    assert set(signs.categories) <= set(crisis_signs.CATEGORIES)
    assert list(signs.categories) == sorted(signs.categories, key=crisis_signs.CATEGORIES.index)


def test_shows_crisis_agrees_with_check():
    for text in ("不想活了", "累死了", "I want to end my life", "killing it"):
        assert safety.shows_crisis(text) is safety.check(text).crisis


# --- customer data: the kinds issue 12 adds -----------------------------------------------------

# (text, what must be gone, kinds removed in order, words that must stay)
MORE_REDACTIONS = [
    ("身份证 110101 19900307 4514 发我了", ["110101 19900307 4514"], ["id_card"], ["身份证", "发我了"]),
    ("证件号110101-1990-0307-4514", ["110101-1990-0307-4514"], ["id_card"], ["证件号"]),
    ("护照号E12345678，问能不能改签", ["E12345678"], ["passport"], ["护照号", "改签"]),
    ("Passport no. K01234567 for pickup", ["K01234567"], ["passport"], ["pickup"]),
    ("送到万达广场B座1203", ["B座1203"], ["address"], ["送到"]),
    ("金开大道1208号云岭府3号楼2602，电梯坏了", ["金开大道1208号", "3号楼2602"], ["address"], ["电梯坏了"]),
    ("人民南路四段27号锦绣天成1栋2单元1506", ["人民南路四段27号", "1栋2单元1506"], ["address"], []),
    ("湖南省隆回县桃洪镇石门村3组，快递只到镇上", ["石门村3组"], ["address"], ["桃洪镇", "快递只到镇上"]),
    ("Ship to P.O. Box 4521, Anchorage", ["P.O. Box 4521"], ["address"], ["Anchorage"]),
    ("260 Queen Street West, Suite 1210, Toronto", ["260 Queen Street West, Suite 1210"], ["address"], ["Toronto"]),
    ("call +1 (415) 555-2671 after 5", ["+1 (415) 555-2671"], ["phone"], ["after 5"]),
    ("US number 415-555-0143, UK 07700 900123", ["415-555-0143", "07700 900123"], ["phone", "phone"], []),
    ("香港 +852 9123 4567，台湾 +886 912 345 678", ["+852 9123 4567", "+886 912 345 678"], ["phone", "phone"], []),
    ("麻烦打 1 8 6 1 2 3 4 5 6 7 8，门卫不让进", ["1 8 6 1 2 3 4 5 6 7 8"], ["phone"], ["门卫不让进"]),
    ("Amazon order 112-3456789-1234567 is late", ["112-3456789-1234567"], ["order"], ["is late"]),
    ("Shopee订单231130ABCD1234问发货", ["231130ABCD1234"], ["order"], ["问发货"]),
    ("UPS 1Z 999 AA1 01 2345 6784 left in the rain", ["1Z 999 AA1 01 2345 6784"], ["tracking"], ["rain"]),
    ("DHL waybill 1234567890 stuck at customs", ["1234567890"], ["tracking"], ["customs"]),
    ("FedEx tracking 7489 1234 5678 delayed", ["7489 1234 5678"], ["tracking"], ["delayed"]),
    ("极兔JT1234567890123没更新", ["JT1234567890123"], ["tracking"], ["没更新"]),
    ("卡号6222 0287 4397 7705 471，让他撤回", ["6222 0287 4397 7705 471"], ["bank_card"], ["撤回"]),
    ("收件人：王芳，放门口", ["王芳"], ["name"], ["收件人", "放门口"]),
    ("联系人 欧阳娜娜 电话空号", ["欧阳娜娜"], ["name"], ["联系人", "电话空号"]),
    ("买家 陈女士 要求换货", ["陈女士"], ["name"], ["买家", "换货"]),
    ("客户韩雪说颜色不对", ["韩雪"], ["name"], ["颜色不对"]),
    ("Recipient: Tom Baker, wants Saturday delivery", ["Tom Baker"], ["name"], ["Saturday"]),
    ("司机的车牌是京A·12345，态度很差", ["京A·12345"], ["plate"], ["态度很差"]),
    ("车停在粤B D12345旁边", ["粤B D12345"], ["plate"], ["旁边"]),
    ("加我Vhappy_life_2023，别在淘宝说", ["happy_life_2023"], ["wechat"], ["淘宝"]),
    ("WeChat number is lily_88, add me", ["lily_88"], ["wechat"], ["add me"]),
]


@pytest.mark.parametrize(("text", "gone", "expected_kinds", "kept"), MORE_REDACTIONS)
def test_more_kinds_of_customer_data_are_removed_and_named(text, gone, expected_kinds, kept):
    cleaned, removed = safety.redact(text)
    assert all(value not in cleaned for value in gone), cleaned
    assert [r.kind for r in removed] == expected_kinds
    assert all(word in cleaned for word in kept), cleaned
    assert all(r.value in text for r in removed)


MORE_MUST_STAY = [
    "我们在5号楼开会",
    "客户明天来取",
    "客户高兴地说谢谢",
    "客户方便的话周六送",
    "客户张口就骂",
    "2026-11-11 零点开抢",
    "订单 iPhone15ProMax256G 缺货",
    "meeting room 2 is free",
    "version 3.2.1 fixed it",
    "满300减50，第2件半价",
    "Customer Service Team replied",
    "vivoX100Pro 的屏幕",
    "registration opens in 2026",
]


@pytest.mark.parametrize("text", MORE_MUST_STAY)
def test_ordinary_words_near_the_new_kinds_stay(text):
    assert safety.redact(text) == (text, ())


# --- hostile input: every pattern stays linear --------------------------------------------------

HOSTILE = [
    "1" * 50_000, "1 " * 25_000, "1-" * 25_000, "a@" * 25_000, "a." * 25_000 + "@", "+1 " * 16_000,
    "路1号" * 16_000, "村1组" * 16_000, "收件人：" * 12_000, "客户王" * 16_000, "京A" * 25_000, "1Z" * 25_000,
    "E1" * 25_000, "号楼1" * 16_000, "想" * 50_000, "死" * 50_000, "zs " * 16_000, "k1ll " * 10_000,
    "s u " * 12_000, "“" * 50_000, "我不" * 25_000, "!" * 50_000, "🔪" * 25_000, "A座" * 25_000,
    "Flat " * 10_000, "12 Main " * 6_000, "不想活" * 16_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
def test_hostile_long_inputs_are_checked_without_catastrophic_backtracking(text):
    # A pattern that backtracks badly would take minutes here; bench/safety_speed.py prints the timings.
    result = safety.check(text)
    assert isinstance(result.text, str) and result.severity in (None, "concern", "acute")


PATTERNS_ALONE = crisis_model.CrisisModel({}, -30.0, threshold=1.0)


# What the patterns alone must not take for a sign: the writer's own 没(有)想…, someone else's words in
# single quotes, a braai, a workplace self-harm policy. The patterns alone, so the model cannot hide a regression.
@pytest.mark.parametrize("text", [
    "放心吧，我没想死，就是想换个组",
    "我没有想伤害自己，只是想把工牌摔了",
    "买家留言'不给退我就从天台跳下去'，已经按流程报给主管",
    "Returned: charcoal and duct tape for a braai, bag split in transit",
    "The self-harm policy for chat agents changed, read it before Monday",
    "切菜的时候不小心割到手指了，贴了个创可贴继续回消息",
    "炒菜被热油溅到，烫伤了手背，今天打字有点慢",
    "burned my wrist on the kitchen kettle by accident, typing one-handed tonight",
    "冬天别在屋里烧炭取暖，新闻又报了一家中毒的",
    "the welfare course had us practise answering a caller who says 'i can't go on, i want to die'",
])
def test_negations_quotes_and_contexts_do_not_make_a_pattern_sign(text):
    assert crisis_signs.assess(text, reader=PATTERNS_ALONE).severity is None


def test_a_sign_beside_english_quotes_or_apostrophes_is_still_read():
    # Apostrophes inside words open no quotation; the writer's own words after a quote still count.
    assert crisis_signs.assess("i can't do this anymore, i want to die tonight", reader=PATTERNS_ALONE).severity
    assert crisis_signs.assess("they call it 'a rough patch'. i want to die", reader=PATTERNS_ALONE).severity


def test_the_writers_own_search_in_quotes_is_still_theirs():
    # Quoted words are set aside as someone else's, unless the writer typed them into a search box.
    assert crisis_signs.assess("半夜一直在搜'吃多少片会死'", reader=PATTERNS_ALONE).severity is not None
    assert crisis_signs.assess("客户说'吃多少片会死'，我赶紧报给了组长", reader=PATTERNS_ALONE).severity is None


@pytest.mark.parametrize("text", [
    "别误会，我不想结束生命，我想结束的是这个排班表",
    "I don't want to die, I want a different job",
    "im not gonna do anything dumb, just needed to vent about the queue",
    "不想活了——开个玩笑而已，就是不想上夜班",
])
def test_the_writers_own_no_is_a_disclaimer_the_model_must_respect(text):
    assert crisis_signs._DISCLAIMED.search(crisis_signs.fold(text))


@pytest.mark.parametrize("text", [
    "ｉ ｗａｎｔ ｔｏ ｄｉｅ ｆｏｒ ｒｅａｌ",  # "to die for" is an idiom only after a noun (a cake to die for)
    "我。真。的。不。想。活。了",  # one character at a time, each behind the same mark
    "after the sale ends i'm not staying alive",
    "真的不想再有明天了",
])
def test_more_ways_round_the_words_are_still_signs(text):
    assert crisis_signs.assess(text, reader=PATTERNS_ALONE).severity is not None


def test_a_cut_on_purpose_is_still_self_harm_whatever_the_room():
    assert crisis_signs.assess("在厨房故意用刀划了自己手臂", reader=PATTERNS_ALONE).severity is not None


def test_a_dish_to_die_for_is_still_an_idiom():
    assert crisis_signs.assess("the night market has a noodle soup to die for", reader=PATTERNS_ALONE).severity is None
