#!/usr/bin/env python3
"""Train the crisis model (resilience_app/services/crisis_model.py) and say honestly how well it does.

Reads tests/safety_corpus/crisis_dev.jsonl and crisis_train.jsonl, never a holdout file. Logistic
regression in pure Python (Adagrad, L2, a fixed seed: the same files give the same weights), then only
the strongest weights are kept so the file stays small; then the probability above which the model
alone calls a text a crisis is chosen by cross-validation so that it adds few false alarms to the
patterns'. Writes resilience_app/data/crisis_model.json.

    .venv/bin/python scripts/train_crisis_model.py               # train on dev + train, write the file
    .venv/bin/python scripts/train_crisis_model.py --cross-validate

--cross-validate writes nothing. It scores the whole check (patterns, then the model) on texts the
model did not learn from, per warning-sign category: trained on train and scored on dev, trained on
dev and scored on train, and 5-fold over both. The patterns were written looking at dev and train, so
their share of these figures is flattering; only the holdout (bench/safety_eval.py) is a clean measure.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from resilience_app.services import crisis_model, crisis_signs  # noqa: E402

CORPUS = ROOT / "tests" / "safety_corpus"
SPLITS = ("dev", "train")  # the files a detector may learn from; the holdout is for scoring only
EPOCHS, RATE, L2, SEED = 30, 0.15, 1e-4, 20261130
KEEP = 20000  # strongest weights kept: about 400 KB of JSON
MODEL_FALSE_ALARMS = 0.02  # near-misses the model alone may flag, out of all near-misses, in cross-validation
SPLITTINGS = 3  # cross-validations (each with other folds) the threshold is averaged over


def load(split: str) -> list[dict]:
    if split not in SPLITS:
        raise SystemExit(f"{split}: the model learns from {', '.join(SPLITS)} only")
    with (CORPUS / f"crisis_{split}.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def train(examples: list[tuple[frozenset[str], bool]]) -> tuple[dict[str, float], float]:
    """Logistic regression by Adagrad over binary features; deterministic for given examples."""
    weights: dict[str, float] = defaultdict(float)
    squares: dict[str, float] = defaultdict(lambda: 1e-8)
    bias, bias_square = 0.0, 1e-8
    order = list(range(len(examples)))
    shuffle = random.Random(SEED)
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for i in order:
            features, label = examples[i]
            z = bias + sum(weights[f] for f in features)
            gradient = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - label
            for f in features:
                g = gradient + L2 * weights[f]
                squares[f] += g * g
                weights[f] -= RATE * g / math.sqrt(squares[f])
            bias_square += gradient * gradient
            bias -= RATE * gradient / math.sqrt(bias_square)
    return dict(weights), bias


def fit(rows: list[dict], prepared: dict[str, str]) -> tuple[dict[str, float], float]:
    """Train, keep the KEEP strongest features, and train again on those alone."""
    examples = [(frozenset(crisis_model.features(prepared[r["id"]])), r["label"] == "crisis") for r in rows]
    weights, _ = train(examples)
    kept = set(sorted(weights, key=lambda f: -abs(weights[f]))[:KEEP])
    return train([(features & kept, label) for features, label in examples])


def folds(rows: list[dict], k: int, seed: int = SEED) -> list[list[dict]]:
    """k folds with every category and language spread evenly."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        groups[(row["category"], row["lang"])].append(row)
    out: list[list[dict]] = [[] for _ in range(k)]
    shuffle, i = random.Random(seed), 0
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda r: r["id"])
        shuffle.shuffle(group)
        for row in group:
            out[i % k].append(row)
            i += 1
    return out


def out_of_fold(rows: list[dict], prepared: dict[str, str], k: int = 5, seed: int = SEED) -> dict[str, float]:
    """For each row, the probability given by a model trained on the other folds."""
    probabilities = {}
    parts = folds(rows, k, seed)
    for held in range(k):
        weights, bias = fit([r for j, part in enumerate(parts) if j != held for r in part], prepared)
        reader = crisis_model.CrisisModel(weights, bias, threshold=1.0)
        probabilities.update({r["id"]: reader.probability(prepared[r["id"]]) for r in parts[held]})
    return probabilities


_NEVER = crisis_model.CrisisModel({}, -30.0, threshold=1.0)  # a model that never speaks: the patterns alone
_ALWAYS = crisis_model.CrisisModel({}, 30.0, threshold=0.0)  # one that always does, where it is asked at all


def choose_threshold(rows: list[dict], prepared: dict[str, str]) -> float:
    """The lowest threshold at which the model, on texts it did not learn from, flags no more than
    MODEL_FALSE_ALARMS of all near-misses, among those it is asked about (the patterns let them pass).
    A handful of texts decide it, so it is the mean over cross-validations with SPLITTINGS different folds."""
    asked = [r for r in rows if r["label"] == "none"
             and crisis_signs.assess(r["text"], reader=_NEVER).severity is None
             and crisis_signs.assess(r["text"], reader=_ALWAYS).severity is not None]
    allowed = int(MODEL_FALSE_ALARMS * sum(r["label"] == "none" for r in rows))
    thresholds = []
    for seed in range(SEED, SEED + SPLITTINGS):
        probabilities = out_of_fold(rows, prepared, seed=seed)
        quiet_none = sorted(probabilities[r["id"]] for r in asked)
        thresholds.append(quiet_none[-allowed - 1] + 1e-6 if allowed < len(quiet_none) else 0.5)
    return round(sum(thresholds) / len(thresholds), 6)


def score(rows: list[dict], reader_of) -> dict:
    """Recall per crisis category and false alarms per near-miss category, and severity agreement."""
    tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        signs = crisis_signs.assess(row["text"], reader=reader_of(row))
        t = tallies[row["category"]]
        t[0] += 1
        t[1] += signs.severity is not None
        t[2] += signs.severity == row["severity"]
    return tallies


def report(title: str, rows: list[dict], reader_of) -> None:
    tallies = score(rows, reader_of)
    crisis_categories = sorted({r["category"] for r in rows if r["label"] == "crisis"})
    none_categories = sorted({r["category"] for r in rows if r["label"] == "none"})
    print(f"== {title}")
    for categories, measure in ((crisis_categories, "recall"), (none_categories, "false alarms")):
        total = [0, 0, 0]
        for category in categories:
            n, hits, agreed = tallies[category]
            total = [total[0] + n, total[1] + hits, total[2] + agreed]
            print(f"  {category:26}{measure:14}{hits / n * 100:6.1f}% ({n})")
        extra = f", severity agreed {total[2] / total[0] * 100:.1f}%" if measure == "recall" else ""
        print(f"  {'TOTAL':26}{measure:14}{total[1] / total[0] * 100:6.1f}% ({total[0]}){extra}")


def cross_validate(dev: list[dict], train_rows: list[dict], prepared: dict[str, str]) -> None:
    everything = dev + train_rows
    for name, learn, held in (("trained on train, scored on dev", train_rows, dev),
                              ("trained on dev, scored on train", dev, train_rows)):
        threshold = choose_threshold(learn, prepared)
        reader = crisis_model.CrisisModel(*fit(learn, prepared), threshold)
        report(f"{name} (threshold {threshold:.3f})", held, lambda row, reader=reader: reader)
        report(f"{name}: the patterns alone", held, lambda row: _NEVER)
    readers = {}
    parts = folds(everything, 5)
    for held in range(5):
        learn = [r for j, part in enumerate(parts) if j != held for r in part]
        reader = crisis_model.CrisisModel(*fit(learn, prepared), choose_threshold(learn, prepared))
        readers.update({r["id"]: reader for r in parts[held]})
    report("5-fold over dev and train (threshold chosen inside each fold)", everything, lambda row: readers[row["id"]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cross-validate", action="store_true", help="print cross-validated figures, write nothing")
    args = parser.parse_args()
    dev, train_rows = load("dev"), load("train")
    prepared = {r["id"]: crisis_signs.prepare(r["text"]) for r in dev + train_rows}
    if args.cross_validate:
        cross_validate(dev, train_rows, prepared)
        return
    everything = dev + train_rows
    threshold = choose_threshold(everything, prepared)
    weights, bias = fit(everything, prepared)
    data = {
        "features": crisis_model.FEATURES,
        "trained_on": [f"tests/safety_corpus/crisis_{split}.jsonl" for split in SPLITS],
        "texts": len(everything),
        "threshold": threshold,
        "bias": round(bias, 4),
        "weights": {f: round(w, 4) for f, w in sorted(weights.items()) if round(w, 4)},
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    crisis_model.MODEL_FILE.write_text(text + "\n", encoding="utf-8")
    print(f"{crisis_model.MODEL_FILE.relative_to(ROOT)}: {len(data['weights'])} weights, threshold {threshold}, "
          f"{len(text.encode()) // 1024} KB")


if __name__ == "__main__":
    main()
