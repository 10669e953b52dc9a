#!/usr/bin/env python3
"""Train the crisis model (resilience_app/services/crisis_model.py) and say honestly how well it does.

Reads tests/safety_corpus/crisis_dev.jsonl and crisis_train.jsonl, never a holdout or fresh file.
Multinomial logistic regression (scikit-learn, L2, lbfgs: the same files give the same weights) with
one class per warning-sign category and one for "none", over the features that occur in at least two
texts (a word one writer used once teaches nothing about the next writer). Then the probability
above which the model alone calls a text a crisis is chosen writer by writer: each writer's texts are
scored by a model trained on the other writers' texts, and the threshold is the lowest at which the
whole check false-alarms on no more than FALSE_ALARMS of all their near-misses. Writes
resilience_app/data/crisis_model.json.

    .venv/bin/python scripts/train_crisis_model.py               # train on dev + train, write the file
    .venv/bin/python scripts/train_crisis_model.py --cross-validate

scikit-learn is needed here only, never by the app: `pip install -e '.[train]'`.

--cross-validate writes nothing. It scores the whole check (patterns, then the model) per
warning-sign category on each writer's texts with a model that never read that writer. The patterns
were written looking at dev and train, so their share of these figures is flattering; only the
holdout and fresh files (bench/safety_eval.py) are a clean measure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from resilience_app.services import crisis_model, crisis_signs  # noqa: E402

CORPUS = ROOT / "tests" / "safety_corpus"
SPLITS = ("dev", "train")  # the files a detector may learn from; holdout and fresh are for scoring only
C = 10.0  # inverse L2 strength; 3 to 30 score alike writer by writer
MIN_TEXTS = 2  # a feature is kept when at least this many texts have it
FALSE_ALARMS = 0.025  # of all near-misses, pooled over the writers, scored by models that never read them
SCALE = 1000  # weights are stored times this, as integers
NONE = "none"
# Who wrote which lines of the train file (tests/safety_corpus/README.md): the last id of each batch.
TRAIN_BATCHES = (756, 1236, 1736, 2236, 2556, 2876, 3196, 3515, 3833, 4152, 4469, 4787, 5104, 5424, 5744)


def load(split: str) -> list[dict]:
    if split not in SPLITS:
        raise SystemExit(f"{split}: the model learns from {', '.join(SPLITS)} only")
    with (CORPUS / f"crisis_{split}.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def writer(row: dict) -> str:
    if row["id"].startswith("c-"):
        return "dev"
    number = int(row["id"][2:])
    return f"train batch {next((i + 1 for i, last in enumerate(TRAIN_BATCHES) if number <= last), len(TRAIN_BATCHES) + 1)}"


def target(row: dict) -> str:
    return row["category"] if row["label"] == "crisis" else NONE


class Examples:
    """The rows as a sparse 0/1 matrix over the features kept, with their classes."""

    def __init__(self, rows: list[dict], prepared: dict[str, str]):
        from scipy.sparse import csr_matrix

        made = [set(crisis_model.features(prepared[r["id"]])) for r in rows]
        counts = Counter(f for features in made for f in features)
        self.vocabulary = sorted(f for f, n in counts.items() if n >= MIN_TEXTS)
        index = {f: i for i, f in enumerate(self.vocabulary)}
        columns, starts = [], [0]
        for features in made:
            columns += sorted(index[f] for f in features if f in index)
            starts.append(len(columns))
        self.matrix = csr_matrix(([1.0] * len(columns), columns, starts), shape=(len(rows), len(index)))
        self.classes = [target(r) for r in rows]


def fit(rows: list[dict], prepared: dict[str, str]) -> crisis_model.CrisisModel:
    """A model of rows and the data of its file; its threshold is left at 1 (it never speaks) for the caller to set."""
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise SystemExit("training needs scikit-learn: .venv/bin/pip install -e '.[train]'") from None
    examples = Examples(rows, prepared)
    learner = LogisticRegression(C=C, max_iter=5000).fit(examples.matrix, examples.classes)
    order = [i for i, c in enumerate(learner.classes_) if c != NONE] + [list(learner.classes_).index(NONE)]
    data = {
        "features": crisis_model.FEATURES,
        "classes": [str(learner.classes_[i]) for i in order],
        "threshold": 1.0,
        "scale": SCALE,
        "bias": [round(float(learner.intercept_[i]) * SCALE) for i in order],
        "vocabulary": examples.vocabulary,
        "weights": [round(float(learner.coef_[i, j]) * SCALE) for j in range(len(examples.vocabulary)) for i in order],
    }
    return crisis_model.from_json(data), data


def by_writer(rows: list[dict], prepared: dict[str, str]) -> dict[str, tuple[float, str | None]]:
    """Each row's reading (crisis probability, likeliest sign) by a model trained on every other writer's rows."""
    readings = {}
    for held in sorted({writer(r) for r in rows}):
        reader, _ = fit([r for r in rows if writer(r) != held], prepared)
        readings.update({r["id"]: reader.reading(prepared[r["id"]]) for r in rows if writer(r) == held})
    return readings


class _Fixed(crisis_model.CrisisModel):
    """A stand-in that gives one reading, already computed, to crisis_signs.assess."""

    def __init__(self, given: tuple[float, str | None], threshold: float):
        super().__init__({}, 0.0, threshold)
        object.__setattr__(self, "given", given)

    def reading(self, prepared: str) -> tuple[float, str | None]:
        return self.given


def verdicts(rows: list[dict], readings: dict[str, tuple[float, str | None]], threshold: float) -> dict[str, str | None]:
    return {r["id"]: crisis_signs.assess(r["text"], reader=_Fixed(readings[r["id"]], threshold)).severity for r in rows}


def choose_threshold(rows: list[dict], readings: dict[str, tuple[float, str | None]]) -> float:
    """The lowest threshold (in hundredths) at which the whole check flags no more than FALSE_ALARMS
    of the near-misses, each scored by a model that never read its writer."""
    near_misses = [r for r in rows if r["label"] == "none"]
    for hundredths in range(30, 100):
        flagged = verdicts(near_misses, readings, hundredths / 100)
        if sum(v is not None for v in flagged.values()) <= FALSE_ALARMS * len(near_misses):
            return hundredths / 100
    return 0.99


def report(title: str, rows: list[dict], severity: dict[str, str | None]) -> None:
    """Recall per crisis category and false alarms per near-miss category, and severity agreement."""
    tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        t = tallies[row["category"]]
        t[0] += 1
        t[1] += severity[row["id"]] is not None
        t[2] += severity[row["id"]] == row["severity"]
    print(f"== {title}")
    for label, measure in (("crisis", "recall"), ("none", "false alarms")):
        total = [0, 0, 0]
        for category in sorted({r["category"] for r in rows if r["label"] == label}):
            n, hits, agreed = tallies[category]
            total = [total[0] + n, total[1] + hits, total[2] + agreed]
            print(f"  {category:26}{measure:14}{hits / n * 100:6.1f}% ({n})")
        extra = f", severity agreed {total[2] / total[0] * 100:.1f}%" if label == "crisis" else ""
        print(f"  {'TOTAL':26}{measure:14}{total[1] / total[0] * 100:6.1f}% ({total[0]}){extra}")


def cross_validate(rows: list[dict], prepared: dict[str, str], show_misses: bool = False) -> None:
    readings = by_writer(rows, prepared)
    threshold = choose_threshold(rows, readings)
    severity = verdicts(rows, readings, threshold)
    report(f"writer by writer, each scored by a model that never read it (threshold {threshold:.2f})", rows, severity)
    for name in sorted({writer(r) for r in rows}):
        mine = [r for r in rows if writer(r) == name]
        crisis = [r for r in mine if r["label"] == "crisis"]
        calm = [r for r in mine if r["label"] == "none"]
        print(f"  {name:26}recall {sum(severity[r['id']] is not None for r in crisis) / len(crisis) * 100:5.1f}%"
              f"  false alarms {sum(severity[r['id']] is not None for r in calm) / len(calm) * 100:4.1f}%")
    if show_misses:
        print("== what the writer-by-writer check gets wrong (dev and train only)")
        for r in rows:
            if (severity[r["id"]] is not None) != (r["label"] == "crisis"):
                missed = "missed" if r["label"] == "crisis" else "false alarm"
                print(f"  {writer(r):14}{missed:12}{readings[r['id']][0]:.2f} {r['category']}: {r['text']}")
    never = crisis_model.CrisisModel({}, -30.0, threshold=1.0)
    report("the patterns alone", rows, {r["id"]: crisis_signs.assess(r["text"], reader=never).severity for r in rows})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cross-validate", action="store_true", help="print writer-by-writer figures, write nothing")
    parser.add_argument("--show-misses", action="store_true", help="with --cross-validate: list the dev and train texts it gets wrong")
    args = parser.parse_args()
    rows = load("dev") + load("train")
    prepared = {r["id"]: crisis_signs.prepare(r["text"]) for r in rows}
    if args.cross_validate:
        cross_validate(rows, prepared, args.show_misses)
        return
    threshold = choose_threshold(rows, by_writer(rows, prepared))
    _, data = fit(rows, prepared)
    data = {"features": data.pop("features"), "trained_on": [f"tests/safety_corpus/crisis_{split}.jsonl" for split in SPLITS],
            "texts": len(rows), **data, "threshold": threshold}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    crisis_model.MODEL_FILE.write_text(text + "\n", encoding="utf-8")
    print(f"{crisis_model.MODEL_FILE.relative_to(ROOT)}: {len(data['vocabulary'])} features × {len(data['classes'])} classes,"
          f" threshold {threshold}, {len(text.encode()) // 1024} KB")


if __name__ == "__main__":
    main()
