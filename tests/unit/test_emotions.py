"""The emotion vocabulary and cause tags: complete in both languages, soundly placed, stable keys."""

from __future__ import annotations

import re

from resilience_app.services import emotions

KEY = re.compile(r"^[a-z][a-z0-9_]*$")
HAN = re.compile(r"[\u4e00-\u9fff]")
LANGS = ("zh-CN", "en")
REQUIRED_PLACES = {
    "calm": {"low_pleasant"},
    "grateful": {"low_pleasant", "high_pleasant"},
    "proud": {"high_pleasant"},
    "relieved": {"low_pleasant"},
    "happy": {"high_pleasant"},
    "hopeful": {"low_pleasant", "high_pleasant"},
    "anxious": {"high_unpleasant"},
    "angry": {"high_unpleasant"},
    "frustrated": {"high_unpleasant"},
    "wronged": {"low_unpleasant"},
    "exhausted": {"low_unpleasant"},
    "numb": {"low_unpleasant"},
}
REQUIRED_WORDS = {
    "委屈": "low_unpleasant", "憋屈": None, "被误解": "low_unpleasant", "无力": "low_unpleasant",
    "焦虑": "high_unpleasant", "烦躁": "high_unpleasant", "愤怒": "high_unpleasant",
    "麻木": "low_unpleasant", "疲惫": "low_unpleasant", "心累": "low_unpleasant",
    "释然": "low_pleasant", "被认可": None, "有成就感": "high_pleasant", "平静": "low_pleasant",
    "感激": None,
}
FIRST_CAUSES = [
    "logistics_chase", "bad_review_threat", "refund_only", "abuse",
    "rule_misunderstanding", "system_outage", "kpi_pressure", "overtime",
]
MORE_CAUSES = {
    "big_sale", "repetitive_questions", "colleagues", "personal_life", "unwell",
    "customer_thanks", "solved_hard_case",
}


def test_vocabulary_is_large_enough():
    assert len(emotions.emotions()) >= 80


def test_quadrants_in_order_with_both_languages():
    quads = emotions.quadrants()
    assert tuple(q.key for q in quads) == emotions.QUADRANT_KEYS
    assert [(q.pleasant, q.energy) for q in quads] == [
        (False, "high"), (False, "low"), (True, "low"), (True, "high"),
    ]
    assert len({q.color for q in quads}) == 4
    for q in quads:
        for lang in LANGS:
            assert q.name[lang].strip() and q.hint[lang].strip(), (q.key, lang)


def test_every_word_complete_in_both_languages():
    for e in emotions.emotions():
        for lang in LANGS:
            assert e.name.get(lang, "").strip(), (e.key, lang)
            assert e.definition.get(lang, "").strip(), (e.key, lang)
        assert HAN.search(e.name["zh-CN"]), e.key
        assert HAN.search(e.definition["zh-CN"]), e.key
        assert not HAN.search(e.name["en"]), e.key
        assert not HAN.search(e.definition["en"]), e.key


def test_keys_unique_and_snake_case():
    keys = [e.key for e in emotions.emotions()]
    assert len(keys) == len(set(keys))
    assert all(KEY.match(k) for k in keys), [k for k in keys if not KEY.match(k)]


def test_names_unique_in_both_languages():
    for lang in LANGS:
        names = [e.name[lang].casefold() for e in emotions.emotions()]
        assert len(names) == len(set(names)), lang


def test_every_quadrant_has_enough_words():
    for key in emotions.QUADRANT_KEYS:
        assert len(emotions.emotions_in(key)) >= 15, key
    assert sum(len(emotions.emotions_in(k)) for k in emotions.QUADRANT_KEYS) == len(emotions.emotions())


def test_required_keys_sit_in_the_right_quadrant():
    for key, allowed in REQUIRED_PLACES.items():
        assert emotions.emotion(key) is not None, key
        assert emotions.quadrant_of(key) in allowed, key
    assert emotions.is_pleasant("grateful") and emotions.is_pleasant("hopeful")
    assert not emotions.is_pleasant("wronged")


def test_required_chinese_words_present_and_placed():
    by_name = {e.name["zh-CN"]: e for e in emotions.emotions()}
    for word, quadrant in REQUIRED_WORDS.items():
        assert word in by_name, word
        if quadrant:
            assert by_name[word].quadrant == quadrant, word
    assert by_name["委屈"].key == "wronged"
    assert by_name["被认可"].quadrant in {"low_pleasant", "high_pleasant"}
    assert by_name["感激"].quadrant in {"low_pleasant", "high_pleasant"}
    assert by_name["憋屈"].quadrant in {"high_unpleasant", "low_unpleasant"}


def test_definitions_within_length_limits():
    for e in emotions.emotions():
        assert len(e.definition["zh-CN"]) <= 30, e.key
        assert len(e.definition["en"]) <= 90, e.key


def test_punctuation_fits_each_language():
    for e in emotions.emotions():
        assert not re.search(r"[,.:;?!]", e.definition["zh-CN"]), e.key
        assert e.definition["zh-CN"][-1] in "。？！", e.key
        for text in (e.name["en"], e.definition["en"]):
            assert text.isascii(), e.key


def test_lookups_and_fallbacks():
    word = emotions.emotion("wronged")
    assert word.label("zh-CN") == "委屈" and word.label("en") == "Wronged"
    assert word.label("fr") == "委屈" and word.describe("fr") == word.describe("zh-CN")
    assert emotions.emotion("no_such_word") is None and emotions.emotion(None) is None
    assert emotions.quadrant_of("no_such_word") is None
    assert emotions.is_pleasant("no_such_word") is False
    assert emotions.emotions_in("no_such_quadrant") == ()
    assert emotions.emotions() is emotions.emotions()  # read once


def test_cause_tags():
    tags = emotions.cause_tags()
    keys = [t.key for t in tags]
    assert len(keys) == len(set(keys))
    assert all(KEY.match(k) for k in keys)
    assert keys[: len(FIRST_CAUSES)] == FIRST_CAUSES
    assert MORE_CAUSES <= set(keys)
    for tag in tags:
        assert HAN.search(tag.label("zh-CN")), tag.key
        english = tag.label("en")
        assert english.strip() and english.isascii() and len(english) <= 22, tag.key
    assert emotions.cause_tag("abuse").label("zh-CN") == "辱骂"
    assert emotions.cause_tag("nope") is None and emotions.cause_tag(None) is None


def test_picker_data_per_language():
    for lang in LANGS:
        data = emotions.picker_data(lang)
        assert [q["key"] for q in data] == list(emotions.QUADRANT_KEYS)
        for q in data:
            assert set(q) == {"key", "name", "hint", "color", "pleasant", "emotions"}
            assert isinstance(q["pleasant"], bool)
            assert len(q["emotions"]) >= 15
            texts = [q["name"], q["hint"]]
            for word in q["emotions"]:
                assert set(word) == {"key", "name", "definition"}
                assert all(isinstance(v, str) and v for v in word.values())
                texts += [word["name"], word["definition"]]
            for text in texts:
                assert bool(HAN.search(text)) == (lang == "zh-CN"), (lang, text)
    assert emotions.picker_data("en") == emotions.picker_data("en")
    assert emotions.picker_data("en") is not emotions.picker_data("en")
