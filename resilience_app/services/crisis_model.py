"""A learned second reader for crisis signs (issue 12): catches the paraphrases no pattern list can.

The warning-sign patterns in crisis_signs are precise but only know the phrasings someone wrote
down; people say "I want to sleep and not wake up" in more ways than any list holds. This is a
logistic regression over character 2-3-grams of Chinese and word 1-2-grams of English, read from
the text as crisis_signs.prepare leaves it (folded, idioms and quoted words set aside, the signs the
patterns discounted as negated or someone else's blanked), so 笑死, "killing it" and 我不会自杀 say
nothing to it. It is asked only when the patterns find no crisis. Beside the n-grams it sees each sentence
with its words put into a few dozen senses (_SENSES: 希望/盼着/wish → WISH, 没了/消失/gone → GONE,
天台/桥/ledge → HEIGHT), so what it learns from "希望明天别醒" carries over to "盼着一觉睡过去".

It tells the warning signs apart: one class per category of the corpus (a passive wish, a burden, a
farewell, means, …) and one for everything that is not a crisis, and a text's crisis probability is
what is left beside "none". Learning each sign as its own kind generalises better to writers it never
read than one "crisis" class (scripts/train_crisis_model.py --cross-validate, writer by writer).

The weights live in data/crisis_model.json, written offline by scripts/train_crisis_model.py from
the dev and train files of tests/safety_corpus (never the holdout or fresh files). Reading them is a
dictionary lookup per n-gram and a sum per class: no numpy, nothing on the network, well under a
millisecond for 500 characters.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "crisis_model.json"
FEATURES = "zh-char-1-3+en-word-1-3+senses-1-2+pattern-signs/v8"  # bump when features() or _SENSES change: old weights no longer fit

# Words by the sense they carry in a warning sign (NIMH, 988, C-SSRS) or in the near-misses around them.
# Chinese words are matched longest first inside a run of characters; English ones as whole words or phrases.
_SENSES = {
    "SELF": "我自己 我 我们 自己 本人 | i i'm im me my myself i've ive i'd mine",
    "FAMILY": "爸妈 父母 爸爸 妈妈 我妈 我爸 家人 家里 家里人 老公 老婆 孩子 女儿 儿子 妹妹 姐姐 弟弟 哥哥 男朋友 女朋友 闺蜜"
              " | mum mom dad parents family sister brother husband wife kid kids son daughter partner boyfriend girlfriend",
    "OTHER": "客户 买家 顾客 对方 网友 别人 邻居 同事 朋友 老板 领导 主管 组长 室友 他 他们 她 她们"
             " | customer customers buyer buyers client clients caller callers he she they someone somebody colleague colleagues"
             " coworker coworkers friend friends boss manager",
    "NEG": "不是 不会 并不 没有 没 不要 不用 别 从没 从未 绝不 不 | not never n't no dont cant wont nothing nobody no_one",
    "WISH": "希望 但愿 巴不得 祈祷 盼 盼着 要是 如果 假如 宁愿 宁可 羡慕"
            " | wish wishes wished wishing hope hopes hoped hoping if_only if rather envy pray praying",
    "WANT": "好想 真想 很想 想要 想 | want wants wanted wanting wanna need_to would_like",
    "INTENT": "打算 准备 决定 计划 想好 想好了 定了 定好 定好了 | going_to gonna plan plans planned planning decided ready_to will i'll",
    "DIE": "自杀 轻生 寻死 寻短见 去死 死掉 死了 死 去世 自尽 自我了断 上路"
           " | suicide suicidal kill_myself killing_myself die died dying dead death unalive end_my_life take_my_life off_myself",
    "GONE": "不在了 没了 消失 离开 走了 不存在 另一个世界 离开这个世界 | gone disappear disappeared disappearing vanish vanished exist existing leave"
            " not_be_here not_be_around cease",
    "END": "一了百了 结束 了断 了结 解脱 到头 到此为止 | end ending ended ends over stop finish finished escape out_of",
    "WAKE": "醒来 醒过来 醒 睁眼 睁开眼 | wake waking woke open_my_eyes",
    "SLEEP": "睡过去 睡着 长眠 睡 闭上眼 | sleep sleeping asleep close_my_eyes",
    "LIVE": "活着 活下去 活 生命 人生 这辈子 一辈子 存在 | live living alive life lives",
    "FOREVER": "永远 永久 再也 彻底 一直 | forever for_good permanent permanently ever_again anymore any_more no_longer much_longer",
    "FUTURE": "明天 以后 未来 将来 出路 盼头 | tomorrow future way_out better different",
    "TIME": "今晚 今天晚上 今夜 明晚 后天 周一 周二 周三 周四 周五 周六 周日 周末 月底 发工资 工资 过完 过年 凌晨 下了班 下班后 天亮 那天 那时候"
            " | tonight friday saturday sunday monday tuesday wednesday thursday weekend payday after",
    "FINAL": "最后一 最后 | last final finally",
    "PILL": "安眠药 药片 药 | pill pills meds medication tablet tablets prescription paracetamol overdose dose",
    "ROPE": "绳子 绳 围巾 皮带 | rope noose beam hang hanging",
    "BLADE": "刀片 美工刀 刀 剃刀 圆规 玻璃 | razor razors blade blades knife",
    "GAS": "木炭 炭 胶带 煤气 | charcoal tape engine_running gas",
    "HEIGHT": "楼顶 天台 顶楼 窗台 窗户 窗 阳台 桥 栏杆 护栏 高处 跳 | roof rooftop bridge ledge window balcony railing floor height high jump jumping",
    "TRAFFIC": "轨道 铁轨 站台 隔离带 隔离墩 高架 大货车 油门 车 | tracks train traffic divider overpass pillar truck bus car wheel swerve",
    "WATER": "江边 河边 海边 江 河 海 湖 | river water sea lake",
    "GATHER": "攒 囤 存 存着 藏 买好 备好 准备好 下单 够了 数了 | save saved saving keeping bought stockpile stockpiled hoard hoarding stash"
              " count counted counting enough",
    "SEARCH": "查 查了 搜 搜了 百度 研究 比较 说明书 多高 几楼 多少片 不痛 最快 致死 过量"
              " | google googled looked_up search searched research researched reading_about how_many how_high how_to painless"
              " method methods lethal",
    "BODY": "手腕 手臂 胳膊 大腿 手背 手心 手指 皮肤 头皮 | wrist wrists arm arms thigh thighs leg legs knuckles skin hand hands",
    "INJURE": "划 割 烫 磕 扎 掐 咬 抓 挠 撞墙 扇 伤害 自残 自伤"
              " | cut cuts cutting burn burned burnt burning blister blistered punch punched scratch scratched bit bite hurt hurting harm stubbed",
    "BLOOD": "血 疤 淤青 红肿 破皮 结痂 伤口 | blood bleed bleeding bled scar scars bruise bruised wound wounds",
    "RELIEF": "舒服 好受 平静 冷静 踏实 安心 放心 放松 轻松 喘 清醒 | calm calmer relief relieved breathe real_again peace peaceful quiet",
    "BURDEN": "负担 拖累 累赘 包袱 麻烦 添堵 省心 享福 欠 害的 多余 拖油瓶 不配 浪费 错误 价值 废物 没用"
              " | burden problem better_off easier space waste drain deserve fault without_me useless worthless",
    "HOPELESS": "绝望 没有尽头 尽头 出口 不会好 好不了 没办法 办法 看不到 理由 意义 意思 坐牢 生不如死 麻木 撑不 熬不 扛不 坚持不 困住"
                " 没盼头 没希望 走投无路 无路可走 出不去 逃不掉 看不到头 放弃"
                " | hopeless pointless point trapped stuck numb reason give_up gave_up giving_up no_way_out no_future",
    "BYE": "告别 再见 永别 拜拜 | goodbye bye farewell",
    "LETTER": "遗书 遗言 信 卡片 便利贴 备忘录 | letter letters note notes draft drafts",
    "GIVE": "送给 送人 送走 交给 托付 留给 转给 分给 | gave give giving given handed",
    "AFFAIRS": "密码 受益人 保险 存款 积蓄 还清 还上 清空 删 注销 交接 后事 交代"
               " | password passwords pin insurance beneficiary paid_off deleted cancelled canceled sold loose_ends savings",
    "SORRY": "对不起 原谅 抱歉 | sorry forgive",
    "THANKS": "谢谢 感谢 | thanks thank thank_you",
    "LAUGH": "哈哈 哈哈哈 笑死 | lol lmao haha hahaha",
    "SAY": "说 讲 骂 问 发消息 留言 评论 写着 喊 | said says told wrote asked yelled",
    "BUSINESS": "退款 退货 订单 商品 产品 链接 库存 发货 快递 物流 店铺 价格 促销 打折 售后 好评 差评"
                " | refund refunds order orders product products shipping parcel sale stock review reviews price",
    "WORK": "上班 下班 客服 夜班 早班 加班 工作 排班 绩效 | kpi shift shifts work job quit office",
    "TIRED": "累 困 疲 心累 | tired exhausted drained knackered burnout",
    "CRY": "哭 眼泪 | cry crying cried tears",
    "MEDIA": "新闻 电影 小说 纪录片 书 剧 培训 讲座 课程 演练 游戏 | news movie film book documentary training course game show article",
    # the everyday contexts near-misses come from: being ill, a trip, a new job, a pet, money
    "ILLNESS": "感冒 发烧 咳嗽 头疼 头痛 胃疼 生病 病了 医院 看病 | cold flu fever sick ill headache migraine hospital",
    "LEISURE": "旅游 度假 出去玩 放假 休假 假期 大理 逛街 追剧 | holiday vacation trip beach break day_off",
    "JOB": "辞职 离职 跳槽 换工作 新工作 调岗 转岗 面试 | resign resigned new_job transfer transferring interview promotion",
    "PET": "猫 狗 猫咪 狗狗 宠物 | cat dog pet cats dogs pets",
    "MONEY": "钱 债 网贷 房贷 贷款 房租 信用卡 | money debt debts loan loans rent",
}


def _lexicon() -> tuple[dict[str, str], dict[str, str]]:
    chinese, english = {}, {}
    for sense, words in _SENSES.items():
        zh, en = words.split("|")
        chinese.update(dict.fromkeys(zh.split(), "#" + sense))
        english.update(dict.fromkeys((w.replace("_", " ") for w in en.split()), "#" + sense))
    return chinese, english


_ZH_SENSE, _EN_SENSE = _lexicon()
_ZH_SENSE_WORDS = re.compile("|".join(sorted(_ZH_SENSE, key=len, reverse=True)))  # longest first at each place
_EN_FIRST = frozenset(phrase.split()[0] for phrase in _EN_SENSE)

_PIECE = re.compile(r"[^。!?;\n]+")  # a sentence, roughly: n-grams never cross one
_TOKEN = re.compile(r"[\u3400-\u9fff]+|[a-z]+(?:'[a-z]+)?|\d+|[^\s\w□]")
_HAN_BIGRAMS = re.compile(r"(?=([\u3400-\u9fff]{2}))")  # overlapping: every pair in a run
_HAN_TRIGRAMS = re.compile(r"(?=([\u3400-\u9fff]{3}))")
_HAN_ALONE = re.compile(r"(?<![\u3400-\u9fff])[\u3400-\u9fff](?![\u3400-\u9fff])")
_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


_EVIDENCE = "\x1f"  # between the text and what the patterns saw in it (prepare's output)


def with_evidence(view: str, evidence: set[str]) -> str:
    """The model's input: the prepared text, then the pattern signs found in it ("means:weak",
    "timing:weak", "intent:discounted"), each read as one more feature."""
    return view.replace(_EVIDENCE, " ") + _EVIDENCE + " ".join(sorted(evidence))


def features(prepared: str) -> list[str]:
    """The n-grams of an already prepared text: Chinese character 2-3-grams within a run of
    characters (a lone character stands for itself) and every character alone, English words and word
    pairs (a run of Chinese counts as one "word" between them) and runs of three English words;
    then each sentence as a string of senses and leftover tokens, and its grams (_sense_grams).
    It runs on every save, so it is written for speed."""
    prepared, _, evidence = prepared.partition(_EVIDENCE)
    # Character n-grams never cross a run of characters, so they are read off the whole text at once.
    out: list[str] = ["p " + sign for sign in evidence.split()]
    out += _HAN_BIGRAMS.findall(prepared) + _HAN_TRIGRAMS.findall(prepared) + _HAN_ALONE.findall(prepared)
    out += ["1 " + c for c in _HAN_CHAR.findall(prepared)]
    words = _WORD.findall(prepared)
    out += ["t " + " ".join(words[i : i + 3]) for i in range(len(words) - 2)]
    add = out.append
    for piece in _PIECE.findall(prepared.replace(". ", "\n")):
        previous = None
        sequence: list[str] = []
        places: list[int] = []  # where in the sequence a sense stands
        english = False
        for token in _TOKEN.findall(piece):
            if "\u3400" <= token[0] <= "\u9fff":
                _chinese_senses(token, sequence, places)
                previous = "<zh>"
                continue
            if token[0].isalpha():
                add("w " + token)
                english = True
            if previous is not None and not (previous == "<zh>" and not token[0].isalpha()):
                add("b " + previous + " " + token)
            previous = token
            sequence.append(token)
        if english:
            sequence = _english_senses(sequence)
            places = [i for i, token in enumerate(sequence) if token[0] == "#"]
        _sense_grams(sequence, places, add)
    return out


def _chinese_senses(run: str, sequence: list[str], places: list[int]) -> None:
    """Append a run of characters to the sequence, each sense word (longest first) as its #SENSE."""
    position = 0
    for m in _ZH_SENSE_WORDS.finditer(run):
        sequence.extend(run[position : m.start()])
        places.append(len(sequence))
        sequence.append(_ZH_SENSE[m.group()])
        position = m.end()
    sequence.extend(run[position:])


def _english_senses(sequence: list[str]) -> list[str]:
    """The sequence with English words and phrases that carry a sense replaced by it.

    Only the places where a sense can start are visited: in mixed text most of the sequence is
    single Chinese characters."""
    starts = [i for i, token in enumerate(sequence) if token in _EN_FIRST]
    if not starts:
        return sequence
    out: list[str] = []
    i, n = 0, len(sequence)
    for start in starts:
        if start < i:  # inside a phrase already replaced
            continue
        out.extend(sequence[i:start])
        for size in (3, 2, 1):
            sense = _EN_SENSE.get(" ".join(sequence[start : start + size])) if start + size <= n else None
            if sense:
                out.append(sense)
                i = start + size
                break
        else:
            out.append(sequence[start])
            i = start + 1
    out.extend(sequence[i:])
    return out


def _sense_grams(sequence: list[str], places: list[int], add) -> None:
    """The senses of a sentence, each with the token before and after it, and ordered pairs of senses
    up to 3 apart."""
    last = len(sequence) - 1
    for i in places:
        sense = sequence[i]
        add("s " + sense)
        if i < last:
            add("s " + sense + " " + sequence[i + 1])
        if i and sequence[i - 1][0] != "#":
            add("s " + sequence[i - 1] + " " + sense)
    senses = [sequence[i] for i in places]
    for i, first in enumerate(senses):
        for second in senses[i + 1 : i + 4]:
            add("k " + first + ">" + second)


@dataclass(frozen=True)
class CrisisModel:
    """weights[f] is where feature f's row starts in table; a row holds one weight per class, in the
    order of bias (the warning-sign categories, then "none"). A float bias with no table is a model of
    one class read through the logistic function, as the tests' stand-ins are."""

    weights: dict[str, int]
    bias: tuple[float, ...] | float
    threshold: float  # probability at or above which the model alone calls a text a crisis
    table: array = field(default_factory=lambda: array("f"))
    classes: tuple[str, ...] = ()  # the names of bias's classes, "none" last

    def probability(self, prepared: str) -> float:
        return self.reading(prepared)[0]

    def reading(self, prepared: str) -> tuple[float, str | None]:
        """The probability of a crisis, and the warning sign the model finds likeliest (None from a
        model of one class)."""
        weights = self.weights
        rows = [row for f in set(features(prepared)) if (row := weights.get(f)) is not None]
        if isinstance(self.bias, (int, float)):
            return _logistic(self.bias + sum(self.table[row] for row in rows)), None
        table, width = self.table, len(self.bias)
        columns = zip(*(table[row : row + width] for row in rows)) if rows else ((),) * width
        z = [b + sum(column) for b, column in zip(self.bias, columns)]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        likeliest = max(range(width - 1), key=z.__getitem__)
        return 1.0 - e[-1] / sum(e), self.classes[likeliest] if self.classes else None


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def from_json(data: dict) -> CrisisModel:
    """The file keeps the vocabulary in one list and the weights, times scale and rounded, in one flat
    list of integers, a row per feature: about a third of the size of a dictionary of float lists."""
    if data.get("features") != FEATURES:
        raise ValueError(f"crisis model was trained on features {data.get('features')!r}, this code makes {FEATURES!r}")
    width, scale = len(data["classes"]), data["scale"]
    table = array("f", (w / scale for w in data["weights"]))
    return CrisisModel(
        weights={f: i * width for i, f in enumerate(data["vocabulary"])},
        bias=tuple(b / scale for b in data["bias"]),
        threshold=data["threshold"],
        table=table,
        classes=tuple(data["classes"]),
    )


@lru_cache(maxsize=1)
def model() -> CrisisModel:
    """The shipped model, read once."""
    return from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
