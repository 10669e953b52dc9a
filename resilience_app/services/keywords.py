"""Keywords from the free-text causes of check-ins, for the weekly reflection.

Chinese has no spaces, so words come from jieba's segmenter with part-of-speech tags, taught
this job's vocabulary (仅退款, 七天无理由 ...); only nouns, verbs and adjectives are kept
(not 终于, 十点, 路上). English is split on letters. Words every cause would share
("customer", 客户, 因为) are dropped, and a word counts once per cause, so one long rant
doesn't outweigh a week.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

_CJK = re.compile(r"[\u3400-\u9fff]")
_ENGLISH_WORD = re.compile(r"[a-z][a-z'-]{2,}")
# Words of this trade jieba would otherwise split (仅 / 退款, 七天 / 无 / 理由).
_TRADE_WORDS = (
    "仅退款", "七天无理由", "催发货", "催单", "差评", "中差评", "运费险", "大促", "双十一", "双11", "618",
    "千牛", "咚咚", "拼多多", "京东", "淘宝", "天猫", "抖音", "售后", "退货", "退款", "换货", "补发",
    "漏发", "错发", "破损", "物流", "快递", "延迟发货", "投诉", "举报", "平台介入", "小二", "主管",
    "绩效", "考核", "响应时间", "转人工", "机器人", "夜班", "排班", "加班", "话术", "质检", "满减",
    "优惠券", "价保", "骂人", "辱骂", "威胁",
)
_STOP_ZH = frozenset(
    "客户 顾客 买家 亲 因为 所以 但是 可是 然后 还是 就是 已经 一直 一个 一下 这个 那个 这样 那样 什么 怎么 "
    "自己 我们 他们 她们 你们 没有 不是 觉得 感觉 今天 昨天 明天 时候 现在 还有 而且 虽然 如果 因此 "
    "期间 要求 专门 回来 说 问 又 也 都 很 太 就 还 再 了 的 地 得 着 过 吗 吧 呢 啊 呀 哦 嗯".split()
)
_STOP_EN = frozenset(
    "the and for that this with was were are but not you your they them their have has had from about "
    "again just very really still when what who why how all any can could would should did does customer "
    "customers buyer buyers client clients today yesterday because said says asked ask get got one two "
    "then than too also into out over our his her she him its it's i'm i've don't didn't can't won't "
    "until after before while again finally went came back same time times way thing things made make "
    "ten twenty thirty hundred first second third once twice".split()
)

# jieba's tags: nouns (n, nr, nz ...), verbs (v, vn ...), adjectives (a, an ...).
_KEPT_TAGS = frozenset("nva")

_lock = threading.Lock()
_segmenter = None


def _jieba():
    """jieba, loaded once (about a second and 70 MB); `warm()` does it ahead of the first user."""
    global _segmenter
    with _lock:
        if _segmenter is None:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(60)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            tagger = jieba.posseg.POSTokenizer(tokenizer)
            for word in _TRADE_WORDS:
                tagger.add_word(word, freq=200000, tag="nz")
            _segmenter = tagger
    return _segmenter


def warm() -> None:
    _jieba()


@lru_cache(maxsize=4096)
def words_of(text: str) -> frozenset[str]:
    """The meaningful words of one cause, each once (cached: agents write the same causes often)."""
    text = text.strip()
    if not text:
        return frozenset()
    found: set[str] = set()
    if _CJK.search(text):
        for pair in _jieba().lcut(text):
            word = pair.word.strip()
            if word in _TRADE_WORDS or (
                len(word) >= 2 and word not in _STOP_ZH and pair.flag[:1] in _KEPT_TAGS and _CJK.search(word)
            ):
                found.add(word)
    for word in _ENGLISH_WORD.findall(text.lower()):
        word = word.strip("'-")
        if len(word) >= 3 and word not in _STOP_EN:
            found.add(word)
    return frozenset(found)


def top_keywords(causes: Iterable[str], limit: int = 5, *, known: Iterable[str] = ()) -> list[tuple[str, int]]:
    """The most frequent words across causes, as (word, number of causes that use it).

    Words inside `known` labels (the quick tags already counted) are left out, so "overtime"
    doesn't show up twice.
    """
    labels = " ".join(known).casefold()
    counts: Counter = Counter()
    for cause in causes:
        counts.update(word for word in words_of(cause) if word.casefold() not in labels)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(word, count) for word, count in ranked[:limit] if count >= 1]
