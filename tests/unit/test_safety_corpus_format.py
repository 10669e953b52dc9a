"""The labelled safety corpus (tests/safety_corpus) is well formed; this does not run the detector."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "safety_corpus"
CRISIS_FILES = ["crisis_dev.jsonl", "crisis_holdout.jsonl"]
DATA_FILES = ["customer_data_dev.jsonl", "customer_data_holdout.jsonl"]
# Written apart from dev and holdout, for the detectors' authors to learn from, like dev.
CRISIS_TRAIN, DATA_TRAIN = "crisis_train.jsonl", "customer_data_train.jsonl"
# Written later still, by a writer who saw neither the detector nor the other corpus lines: measure only.
CRISIS_FRESH, DATA_FRESH = "crisis_fresh.jsonl", "customer_data_fresh.jsonl"
ID_PREFIXES = {
    "crisis": "c", "data": "d", "crisis_train": "t", "data_train": "u", "crisis_fresh": "f", "data_fresh": "g",
}

CRISIS_CATEGORIES = {
    "passive_death_wish", "hopelessness_entrapment", "burden", "farewell_preparation", "method_means",
    "timing_acute", "self_harm", "obfuscated", "explicit_intent",
}
NONE_CATEGORIES = {"idiom_zh", "idiom_en", "hard_negatives", "venting", "ordinary"}
DATA_CATEGORIES = {
    "phone_cn", "phone_intl", "id_cn", "passport", "bank_card", "email", "order_number", "tracking_number",
    "address_cn", "address_en", "wechat_qq", "name_after_label", "licence_plate", "mixed",
}
MIN_PER_CRISIS_CATEGORY, MIN_PER_NONE_CATEGORY, MIN_PER_DATA_CATEGORY = 20, 25, 10
MIN_CRISIS_TEXTS, MIN_DATA_TEXTS = 450, 220
MIN_TRAIN_PER_CRISIS_CATEGORY, MIN_TRAIN_PER_NONE_CATEGORY, MIN_TRAIN_PER_DATA_CATEGORY = 30, 50, 14
MIN_TRAIN_CRISIS_TEXTS, MIN_TRAIN_DATA_TEXTS = 700, 250
MIN_FRESH_PER_CRISIS_CATEGORY, MIN_FRESH_PER_NONE_CATEGORY, MIN_FRESH_PER_DATA_CATEGORY = 18, 25, 8
MIN_FRESH_CRISIS_TEXTS, MIN_FRESH_DATA_TEXTS = 330, 130

# A resident ID: area code, a birth date 19xx/20xx, sequence, check digit (GB 11643), X often typed as x.
ID_SHAPE = re.compile(r"\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]")
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_check_digit_is_valid(number: str) -> bool:
    """ISO 7064 MOD 11-2, as GB 11643 uses it."""
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], ID_WEIGHTS))
    return "10X98765432"[total % 11] == number[17].upper()


def luhn_is_valid(number: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def compact(value: str) -> str:
    # NFKC turns full-width digits and letters (１２３Ｘ) into the ASCII ones the checksums read.
    return re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", value))


def load(name: str) -> list[dict]:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    assert lines, f"{name} is empty"
    records = []
    for number, line in enumerate(lines, 1):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as error:
            pytest.fail(f"{name}:{number} is not JSON: {error}")
    return records


@pytest.fixture(scope="module")
def crisis() -> dict[str, list[dict]]:
    return {name: load(name) for name in CRISIS_FILES}


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict]]:
    return {name: load(name) for name in DATA_FILES}


@pytest.fixture(scope="module")
def crisis_train() -> dict[str, list[dict]]:
    return {CRISIS_TRAIN: load(CRISIS_TRAIN)}


@pytest.fixture(scope="module")
def data_train() -> dict[str, list[dict]]:
    return {DATA_TRAIN: load(DATA_TRAIN)}


@pytest.fixture(scope="module")
def crisis_fresh() -> dict[str, list[dict]]:
    return {CRISIS_FRESH: load(CRISIS_FRESH)}


@pytest.fixture(scope="module")
def data_fresh() -> dict[str, list[dict]]:
    return {DATA_FRESH: load(DATA_FRESH)}


def all_records(files: dict[str, list[dict]]) -> list[dict]:
    return [record for records in files.values() for record in records]


# The self-checks: the two checksums this file relies on accept known-good numbers and refuse others.
def test_the_checksums_used_here_accept_valid_numbers_and_refuse_altered_ones():
    assert id_check_digit_is_valid("11010519491231002X")
    assert not id_check_digit_is_valid("110105194912310021")
    assert id_check_digit_is_valid("11010519491231002x")
    assert luhn_is_valid("4111111111111111") and luhn_is_valid("79927398713")
    assert not luhn_is_valid("4111111111111112") and not luhn_is_valid("79927398710")


def assert_common_fields(where: str, record: dict, fields: list[str], id_prefix: str) -> None:
    assert list(record) == fields, where
    assert re.fullmatch(id_prefix + r"-\d{4}", record["id"]), where
    assert record["lang"] in {"zh", "en"}, where
    text = record["text"]
    assert isinstance(text, str) and 5 <= len(text) <= 300 and text == text.strip(), where


@pytest.mark.parametrize("corpus", ["crisis", "crisis_train", "crisis_fresh"])
def test_crisis_records_have_exactly_the_agreed_fields_and_values(corpus, request):
    for name, records in request.getfixturevalue(corpus).items():
        for record in records:
            where = f"{name} {record.get('id')}"
            fields = ["id", "lang", "category", "label", "severity", "text"]
            assert_common_fields(where, record, fields, ID_PREFIXES[corpus])
            if record["label"] == "crisis":
                assert record["category"] in CRISIS_CATEGORIES, where
                assert record["severity"] in {"acute", "concern"}, where
            else:
                assert record["label"] == "none", where
                assert record["category"] in NONE_CATEGORIES, where
                assert record["severity"] is None, where


@pytest.mark.parametrize("corpus", ["crisis", "data", "crisis_train", "data_train", "crisis_fresh", "data_fresh"])
def test_ids_and_texts_are_unique_across_dev_and_holdout(corpus, request):
    records = all_records(request.getfixturevalue(corpus))
    for field in ("id", "text"):
        seen = Counter(record[field] for record in records)
        assert not [value for value, count in seen.items() if count > 1], field


def test_no_text_is_in_two_corpus_files(crisis, data, crisis_train, data_train, crisis_fresh, data_fresh):
    files = crisis | data | crisis_train | data_train | crisis_fresh | data_fresh
    assert len(files) == 8
    where: dict[str, str] = {}
    for name, records in files.items():
        for record in records:
            other = where.setdefault(record["text"], name)
            assert other == name, (record["id"], name, other)


@pytest.mark.parametrize(
    ("corpus", "minimum_total", "minimum_per_category"),
    [
        (
            "crisis",
            MIN_CRISIS_TEXTS,
            {category: MIN_PER_CRISIS_CATEGORY for category in CRISIS_CATEGORIES}
            | {category: MIN_PER_NONE_CATEGORY for category in NONE_CATEGORIES},
        ),
        ("data", MIN_DATA_TEXTS, {category: MIN_PER_DATA_CATEGORY for category in DATA_CATEGORIES}),
        (
            "crisis_train",
            MIN_TRAIN_CRISIS_TEXTS,
            {category: MIN_TRAIN_PER_CRISIS_CATEGORY for category in CRISIS_CATEGORIES}
            | {category: MIN_TRAIN_PER_NONE_CATEGORY for category in NONE_CATEGORIES},
        ),
        ("data_train", MIN_TRAIN_DATA_TEXTS, {category: MIN_TRAIN_PER_DATA_CATEGORY for category in DATA_CATEGORIES}),
        (
            "crisis_fresh",
            MIN_FRESH_CRISIS_TEXTS,
            {category: MIN_FRESH_PER_CRISIS_CATEGORY for category in CRISIS_CATEGORIES}
            | {category: MIN_FRESH_PER_NONE_CATEGORY for category in NONE_CATEGORIES},
        ),
        ("data_fresh", MIN_FRESH_DATA_TEXTS, {category: MIN_FRESH_PER_DATA_CATEGORY for category in DATA_CATEGORIES}),
    ],
)
def test_every_category_reaches_its_minimum(corpus, minimum_total, minimum_per_category, request):
    records = all_records(request.getfixturevalue(corpus))
    assert len(records) >= minimum_total
    per_category = Counter(record["category"] for record in records)
    for category, minimum in minimum_per_category.items():
        assert per_category[category] >= minimum, (category, per_category[category])
    assert {record["lang"] for record in records} == {"zh", "en"}


@pytest.mark.parametrize("corpus", ["crisis", "crisis_train", "crisis_fresh"])
def test_crisis_categories_have_both_languages_and_idioms_their_own(corpus, request):
    records = all_records(request.getfixturevalue(corpus))
    languages = {(record["category"], record["lang"]) for record in records}
    for category in CRISIS_CATEGORIES | {"hard_negatives", "venting", "ordinary"}:
        assert {(category, "zh"), (category, "en")} <= languages, category
    assert {record["lang"] for record in records if record["category"] == "idiom_zh"} == {"zh"}
    assert {record["lang"] for record in records if record["category"] == "idiom_en"} == {"en"}


@pytest.mark.parametrize("corpus", ["crisis", "crisis_train", "crisis_fresh"])
def test_crisis_share_language_mix_and_severities_are_as_designed(corpus, request):
    records = all_records(request.getfixturevalue(corpus))
    crisis_share = sum(record["label"] == "crisis" for record in records) / len(records)
    # The scoring sets are designed at 40-50% crisis; a learning set may lean a little further
    # towards the signs it is there to teach (the fifth train batch is 56% crisis).
    assert 0.40 <= crisis_share <= (0.55 if corpus == "crisis_train" else 0.50)
    chinese_share = sum(record["lang"] == "zh" for record in records) / len(records)
    # About two thirds Chinese; the learning set took one all-English batch for English's weakest signs.
    assert (0.50 if corpus == "crisis_train" else 0.55) <= chinese_share <= 0.75
    severities = Counter(record["severity"] for record in records if record["label"] == "crisis")
    assert severities["acute"] >= 40 and severities["concern"] >= 40
    # Harm under way is acute by definition.
    assert {record["severity"] for record in records if record["category"] == "timing_acute"} == {"acute"}


@pytest.mark.parametrize("corpus", ["crisis", "data"])
def test_each_category_is_split_about_forty_sixty_between_dev_and_holdout(corpus, request):
    files = request.getfixturevalue(corpus)
    dev, holdout = (Counter(record["category"] for record in records) for records in files.values())
    assert set(dev) == set(holdout)
    for category in dev:
        share = dev[category] / (dev[category] + holdout[category])
        assert 0.30 <= share <= 0.50, (category, dev[category], holdout[category])


@pytest.mark.parametrize("corpus", ["data", "data_train", "data_fresh"])
def test_customer_data_records_have_exactly_the_agreed_fields(corpus, request):
    for name, records in request.getfixturevalue(corpus).items():
        for record in records:
            where = f"{name} {record.get('id')}"
            fields = ["id", "lang", "category", "text", "remove", "keep"]
            assert_common_fields(where, record, fields, ID_PREFIXES[corpus])
            assert record["category"] in DATA_CATEGORIES, where
            assert record["remove"] and all(isinstance(item, str) and item.strip() for item in record["remove"]), where
            assert 2 <= len(record["keep"]) <= 5, where
            assert all(isinstance(item, str) and item.strip() for item in record["keep"]), where


@pytest.mark.parametrize("corpus", ["data", "data_train", "data_fresh"])
def test_every_remove_and_keep_string_occurs_in_its_text_and_they_do_not_overlap(corpus, request):
    for record in all_records(request.getfixturevalue(corpus)):
        text, remove, keep = record["text"], record["remove"], record["keep"]
        for item in remove + keep:
            assert item in text, (record["id"], item)
        for kept in keep:
            # A word to keep must not be part of what has to go, nor contain it.
            assert not any(kept in removed or removed in kept for removed in remove), (record["id"], kept)
            spans = [(m.start(), m.end()) for removed in remove for m in re.finditer(re.escape(removed), text)]
            for m in re.finditer(re.escape(kept), text):
                assert not any(m.start() < end and start < m.end() for start, end in spans), (record["id"], kept)


@pytest.mark.parametrize("corpus", ["data", "data_train", "data_fresh"])
def test_every_resident_id_number_has_a_valid_check_digit(corpus, request):
    id_texts = 0
    for record in all_records(request.getfixturevalue(corpus)):
        numbers = [compact(item) for item in record["remove"] if ID_SHAPE.fullmatch(compact(item))]
        for number in numbers:
            assert id_check_digit_is_valid(number), (record["id"], number)
        if record["category"] == "id_cn":
            assert numbers, f"{record['id']} is in id_cn without an ID number to remove"
            id_texts += 1
    assert id_texts >= (MIN_FRESH_PER_DATA_CATEGORY if corpus == "data_fresh" else MIN_PER_DATA_CATEGORY)


@pytest.mark.parametrize("corpus", ["data", "data_train", "data_fresh"])
def test_every_bank_card_number_passes_luhn(corpus, request):
    for record in all_records(request.getfixturevalue(corpus)):
        if record["category"] != "bank_card":
            continue
        cards = [compact(item) for item in record["remove"] if re.fullmatch(r"\d{16,19}", compact(item))]
        assert cards, f"{record['id']} is in bank_card without a card number to remove"
        for card in cards:
            assert luhn_is_valid(card), (record["id"], card)
