"""Issue 12, second round: the learned reader beside the warning-sign patterns. It catches the same
signs put in words no pattern holds, stays quiet where the writer says it is not that, never sees what
the patterns set aside, and the shipped weights fit the code that reads them. Texts written for these
tests, not taken from tests/safety_corpus."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resilience_app.services import crisis_model, crisis_signs, safety

CORPUS = Path(__file__).resolve().parents[1] / "safety_corpus"
PATTERNS_ALONE = crisis_model.CrisisModel({}, -30.0, threshold=1.0)  # never speaks
ALWAYS = crisis_model.CrisisModel({}, 30.0, threshold=0.0)  # speaks whenever it is asked

# The same warning signs in words the pattern lists do not hold.
PARAPHRASES = [
    "我感觉自己像一根快要断掉的弦，哪天断了也就结束了吧，反正也没人会在意",
    "最近常常想，要是能就这样睡过去，不用再面对明天的排班和骂声，该多轻松",
    "感觉活着就是在熬，熬到哪天算哪天，我已经不想再熬了",
    "每次站在地铁站台边上，脑子里都有个声音叫我往前一步",
    "I keep imagining how quiet everything would be if I just wasn't around anymore",
    "I don't think I'll be around for much longer, and honestly that feels like relief",
    "My family would honestly do better without the mess I bring into their lives",
]


@pytest.mark.parametrize("text", PARAPHRASES)
def test_the_model_notices_what_the_patterns_miss(text):
    assert crisis_signs.assess(text, reader=PATTERNS_ALONE).severity is None
    result = safety.check(text)
    assert result.crisis is True
    assert result.severity in ("concern", "acute")


# The writer's own word that it is not a crisis, or a context that makes the words everyday: the model
# must be all but sure to overrule it.
DISCLAIMED = [
    "我不是要做傻事，只是想请两天假好好睡一觉",
    "不是想不开啊，就是这个月的考核压得我喘不过气",
    "I'm not suicidal, just sick of this queue and I want a long weekend",
    "Don't worry, I'm not going to do anything stupid, I'm just venting about the refund policy",
    "今天是我在这家公司的最后一天，谢谢大家这两年的照顾，再见啦",
    "I'm thinking about the rope for the tent",
]
FAIRLY_SURE = crisis_model.CrisisModel({}, 2.0, threshold=0.5)  # says 0.88 of anything


@pytest.mark.parametrize("text", DISCLAIMED)
def test_a_disclaimer_or_context_keeps_a_fairly_sure_model_quiet(text):
    assert crisis_signs.assess(text, reader=FAIRLY_SURE).severity is None
    assert crisis_signs.assess(text, reader=ALWAYS).severity is not None  # all but sure: it may speak
    assert safety.check(text).crisis is False


def test_a_wish_after_a_disclaimer_is_still_a_wish():
    # README of the corpus: "我不是想怎么样，就是觉得我不在了也挺好" is a passive death wish.
    assert safety.check("I'm not going to do anything, I just wouldn't fight it if a bus took me out tomorrow").crisis
    assert safety.check("我不是想怎么样，就是觉得我不在了也挺好").crisis


def test_the_model_reads_around_idioms_negations_and_other_peoples_words():
    assert "死" not in crisis_signs.prepare("今天累死了，笑死")
    assert "自杀" not in crisis_signs.prepare("我不会自杀的，放心")
    assert "想死" not in crisis_signs.prepare("客户说：我想死")
    assert "kill myself" not in crisis_signs.prepare("I'm not going to kill myself")


def test_a_pattern_match_does_not_wait_for_the_model():
    # 不想活了 is a sign on its own: even a model that never speaks cannot undo it.
    assert crisis_signs.assess("我真的不想活了", reader=PATTERNS_ALONE).severity == "concern"


def test_features_are_deterministic_and_carry_senses():
    prepared = crisis_signs.prepare("我希望明天别再醒过来。I just want to sleep forever.")
    features = crisis_model.features(prepared)
    assert features == crisis_model.features(prepared)
    assert {"希望", "醒过来", "w sleep", "b sleep forever", "s #WISH", "s #WAKE", "k #WISH>#WAKE", "s #SLEEP"} <= set(features)


def test_the_shipped_model_fits_this_code_and_stays_small():
    data = json.loads(crisis_model.MODEL_FILE.read_text(encoding="utf-8"))
    assert data["features"] == crisis_model.FEATURES
    assert crisis_model.MODEL_FILE.stat().st_size < 2_000_000  # read once by the server (about 6 MB), never sent to a phone
    assert data["trained_on"] and not any("holdout" in name for name in data["trained_on"])
    assert 0.5 < data["threshold"] < 1.0
    assert crisis_model.model().threshold == data["threshold"]


@pytest.mark.skipif(not (CORPUS / "crisis_train.jsonl").exists(), reason="tests/safety_corpus is not there")
def test_every_weight_is_a_feature_the_code_still_makes():
    # A feature renamed without retraining would silently drop out of every sum.
    made: set[str] = set()
    for split in ("dev", "train"):
        with (CORPUS / f"crisis_{split}.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                made.update(crisis_model.features(crisis_signs.prepare(json.loads(line)["text"])))
    assert set(crisis_model.model().weights) <= made


def test_a_model_of_several_signs_gives_what_is_left_beside_none():
    # Two features, two warning signs and "none"; weights stored times scale, a row per feature.
    data = {
        "features": crisis_model.FEATURES,
        "classes": ["passive_death_wish", "burden", "none"],
        "scale": 1000,
        "bias": [0, 0, 1000],
        "vocabulary": ["s #WISH", "s #BURDEN"],
        "weights": [2000, 0, 0, 0, 3000, -1000],
        "threshold": 0.7,
    }
    reader = crisis_model.from_json(data)
    assert reader.probability("") == pytest.approx(1 - math.e / (2 + math.e), rel=1e-6)
    # "希望" is a WISH word and "负担" a BURDEN word (_SENSES): both rows count, each in its own class.
    z = [2.0, 3.0, 0.0]  # passive_death_wish, burden, none (its bias 1, its BURDEN weight -1)
    expected = 1 - math.exp(z[2]) / sum(math.exp(v) for v in z)
    assert reader.probability(crisis_signs.prepare("希望我不是大家的负担")) == pytest.approx(expected, rel=1e-5)
    with pytest.raises(ValueError):
        crisis_model.from_json({**data, "features": "something older"})


def test_the_sign_the_model_reads_names_the_category_and_means_are_acute():
    # A stand-in that reads any text as means named as the writer's own, or as a burden, and is sure of it.
    def sure_of(kind):
        return crisis_model.from_json({
            "features": crisis_model.FEATURES, "classes": [kind, "passive_death_wish", "none"], "scale": 1,
            "bias": [20, 0, 0], "vocabulary": [], "weights": [], "threshold": 0.5,
        })

    text = "抽屉里那一小袋东西我一直留着"  # no pattern sign: only the model speaks
    assert crisis_signs.assess(text, reader=PATTERNS_ALONE).severity is None
    means = crisis_signs.assess(text, reader=sure_of("method_means"))
    assert (means.categories, means.severity) == (("means",), "acute")
    burden = crisis_signs.assess(text, reader=sure_of("burden"))
    assert (burden.categories, burden.severity) == (("burden",), "concern")


def _senses_one_token_at_a_time(sequence: list[str]) -> list[str]:
    """The reading _english_senses must give: at each token, the longest phrase (3, 2, 1 tokens) that
    carries a sense is replaced by it."""
    out, i = [], 0
    while i < len(sequence):
        for size in (3, 2, 1):
            sense = crisis_model._EN_SENSE.get(" ".join(sequence[i : i + size])) if i + size <= len(sequence) else None
            if sense:
                out.append(sense)
                i += size
                break
        else:
            out.append(sequence[i])
            i += 1
    return out


_PHRASE_WORDS = sorted({word for phrase in crisis_model._EN_SENSE for word in phrase.split(" ")})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PHRASE_WORDS), st.sampled_from(list("我想死了累")),
                          st.sampled_from(["the", "and", "1", "!"])), max_size=40))
def test_english_senses_visit_only_where_a_sense_can_start_and_read_the_same(sequence):
    assert crisis_model._english_senses(list(sequence)) == _senses_one_token_at_a_time(list(sequence))
