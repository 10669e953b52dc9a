"""Keywords from the free-text causes of check-ins, for the weekly reflection.

Chinese has no spaces, so words come from jieba's segmenter, taught this job's vocabulary
(仅退款, 七天无理由 ...). English is split on letters. Words every cause would share
("customer", 客户, 因为) are dropped, and a word counts once per cause, so one long rant
doesn't outweigh a week.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable

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
    "期间 要求 说 问 又 也 都 很 太 就 还 再 了 的 地 得 着 过 吗 吧 呢 啊 呀 哦 嗯".split()
)
_STOP_EN = frozenset(
    "the and for that this with was were are but not you your they them their have has had from about "
    "again just very really still when what who why how all any can could would should did does customer "
    "customers buyer buyers client clients today yesterday because said says asked ask get got one two "
    "then than too also into out over our his her she him its it's i'm i've don't didn't can't won't".split()
)

_lock = threading.Lock()
_segmenter = None


def _jieba():
    """jieba, loaded once (about a second and 70 MB); `warm()` does it ahead of the first user."""
    global _segmenter
    with _lock:
        if _segmenter is None:
            import jieba

            jieba.setLogLevel(60)
            tokenizer = jieba.Tokenizer()
            for word in _TRADE_WORDS:
                tokenizer.add_word(word, freq=200000)
            tokenizer.initialize()
            _segmenter = tokenizer
    return _segmenter


def warm() -> None:
    _jieba()


def words_of(text: str) -> set[str]:
    """The meaningful words of one cause, each once."""
    text = text.strip()
    if not text:
        return set()
    found: set[str] = set()
    if _CJK.search(text):
        for word in _jieba().lcut(text):
            word = word.strip()
            if len(word) >= 2 and word not in _STOP_ZH and (_CJK.search(word) or word.isalnum()):
                if not word.isdigit() or word in _TRADE_WORDS:
                    found.add(word)
    for word in _ENGLISH_WORD.findall(text.lower()):
        word = word.strip("'-")
        if len(word) >= 3 and word not in _STOP_EN:
            found.add(word)
    return found


def top_keywords(causes: Iterable[str], limit: int = 5) -> list[tuple[str, int]]:
    """The most frequent words across causes, as (word, number of causes that use it)."""
    counts: Counter = Counter()
    for cause in causes:
        counts.update(words_of(cause))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(word, count) for word, count in ranked[:limit] if count >= 1]
