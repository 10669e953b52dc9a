"""Keywords from the free-text causes of check-ins, for the weekly reflection.

Chinese has no spaces, so words come from jieba's segmenter with part-of-speech tags, taught
this job's vocabulary (仅退款, 七天无理由 ...); only nouns, verbs and adjectives are kept
(not 终于, 十点, 路上). English has no tagger here, so single words are weaker evidence: a
longer stop-list drops the words of any sentence (said, went, home, finally), inflections count
as one word (refund, refunds, refunded), two words that always come together are shown as the
phrase they are ("bubble tea", not "bubble" and "tea"), and an English word must come up in at
least two causes of the week to count. Words every cause would share ("customer", 客户, 因为) are
dropped, and a word counts once per cause, so one long rant doesn't outweigh a week.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

_CJK = re.compile(r"[\u3400-\u9fff]")
_ENGLISH_WORD = re.compile(r"[a-z][a-z']*")
# A word, or any one other character: punctuation, digits and Chinese break a phrase (a hyphen doesn't).
_ENGLISH_TOKEN = re.compile(r"[a-z][a-z']*|\S")
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
    # function words
    "the and for nor that this these those with was were are but not you your yours they them their have has "
    "had having from about into onto out over under off down upon through without within around across along "
    "our ours his her hers she him its it's itself i'm i've i'd i'll we're we've you're they're he's she's "
    "don't didn't doesn't can't won't isn't wasn't aren't weren't couldn't wouldn't shouldn't haven't hasn't "
    "dont didnt cant wont isnt wasnt im ive "
    "all any some each every both other another such own same more most less much many lot lots bit "
    "can could would should will shall may might must been being does did doing done "
    "who whom whose which what when where why how there here then than too also very really quite just only "
    "still even ever never always again already almost finally yet soon now later while until after before "
    "since because though although unless whether once twice "
    # words of any sentence about a shift: who, when, where, and verbs that carry nothing alone
    "customer customers buyer buyers client clients someone somebody everyone everybody anyone people person "
    "something everything anything nothing thing things way time times today tonight yesterday tomorrow "
    "morning afternoon evening night day days week weeks hour hours minute minutes moment shift home "
    "say says said saying tell told ask asks asked asking get gets got getting go goes went gone going "
    "come comes came coming make makes made making take takes took taken give gives gave given keep kept "
    "let lets put try tried trying want wanted need needed know knew think thought feel felt look looked "
    "seem seemed back "
    # numbers written out
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
    "first second third last next".split()
)
# An English word (or phrase) counts once it comes up in this many of the week's causes.
ENGLISH_MIN_CAUSES = 2

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


def _undoubled(stem: str) -> str:
    """stopp -> stop, but call stays call (and miss, buzz)."""
    return stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz" else stem


def _without_ending(word: str) -> str:
    """The word without its plural, past or -ing ending, if it has one."""
    if len(word) > 4 and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if len(word) > 4 and word.endswith("ed"):
        return _undoubled(word[:-2])
    if len(word) > 5 and word.endswith("ing"):
        return _undoubled(word[:-3])
    return word


def lemma(word: str) -> str:
    """One key for an English word's forms (refund, refunds, refunded -> "refund"; chase, chased,
    chasing -> "chas"): counted, never shown, so a crude suffix rule is enough."""
    word = _without_ending(word.removesuffix("'s"))
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


_STOP_EN_KEYS = frozenset(lemma(word) for word in _STOP_EN)  # so "asks" and "weeks" are stop words too


@lru_cache(maxsize=4096)
def _english_terms(text: str) -> tuple[tuple[str, str], ...]:
    """(key, as written) for each English content word of one cause, and for each two of them
    side by side with no stop word or punctuation between ("bubble tea"): key "bubbl tea"."""
    terms: list[tuple[str, str]] = []
    previous: tuple[str, str] | None = None
    for token in _ENGLISH_TOKEN.findall(text.lower().replace("-", " ")):
        word = token.strip("'").removesuffix("'s")
        key = lemma(word) if _ENGLISH_WORD.fullmatch(word) else ""
        if not key or len(word) < 3 or word in _STOP_EN or key in _STOP_EN_KEYS:
            previous = None
            continue
        terms.append((key, word))
        if previous is not None:
            terms.append((f"{previous[0]} {key}", f"{previous[1]} {word}"))
        previous = (key, word)
    return tuple(terms)


@lru_cache(maxsize=4096)
def words_of(text: str) -> frozenset[str]:
    """The meaningful words of one cause, each once (cached: agents write the same causes often):
    Chinese words as written, English ones as their `lemma` key, and English two-word phrases."""
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
    found.update(key for key, _ in _english_terms(text))
    return frozenset(found)


def _counted(causes: Iterable[str]) -> tuple[Counter, dict[str, Counter]]:
    """How many causes use each word, and how each English key was written, form by form."""
    counts: Counter = Counter()
    written: dict[str, Counter] = {}
    for cause in causes:
        counts.update(words_of(cause))
        for key, word in _english_terms(cause.strip()):
            written.setdefault(key, Counter())[word] += 1
    return counts, written


def _drop_phrase_or_its_words(kept: dict[str, int], counts: Counter) -> None:
    """A phrase stands in for its words when they never come up without it, and is dropped when
    they do; the phrases in the most causes first."""
    for phrase, n in sorted(((k, n) for k, n in kept.items() if " " in k), key=lambda item: -item[1]):
        covered = [part for part in phrase.split(" ") if counts[part] == n]
        if covered:
            for part in covered:
                kept.pop(part, None)
        else:
            kept.pop(phrase)


def top_keywords(causes: Iterable[str], limit: int = 5, *, known: Iterable[str] = ()) -> list[tuple[str, int]]:
    """The most frequent words across causes, as (word, number of causes that use it).

    Words inside `known` labels (the quick tags already counted) are left out, so "overtime"
    doesn't show up twice. English words and phrases need ENGLISH_MIN_CAUSES causes; a phrase
    stands in for its words when they never come up without it, and is dropped when they do.
    """
    known = list(known)
    labels = " ".join(known).casefold()
    known_keys = {key for label in known for key, _ in _english_terms(label)}
    counts, written = _counted(causes)

    def worth_showing(key: str, n: int) -> bool:
        if key in written:  # English
            return not any(part in known_keys for part in key.split(" ")) and n >= ENGLISH_MIN_CAUSES
        return key.casefold() not in labels

    def label(key: str) -> str:
        """A Chinese word as it is; an English key as it was written most (then first alphabetically)."""
        if key not in written:
            return key
        return min(written[key].items(), key=lambda item: (-item[1], item[0]))[0]

    kept = {key: n for key, n in counts.items() if worth_showing(key, n)}
    _drop_phrase_or_its_words(kept, counts)
    ranked = sorted(((label(key), n) for key, n in kept.items()), key=lambda item: (-item[1], item[0]))
    return ranked[:limit]
