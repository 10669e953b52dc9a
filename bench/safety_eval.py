"""How well the safety check does on the labelled corpus in tests/safety_corpus (issue 12).

Crisis texts (crisis_*.jsonl): recall per warning-sign category, false alarms per near-miss category
(idioms, hard negatives, venting, ordinary posts), and how often the severity ("acute" or "concern")
agrees with the label. Customer data (customer_data_*.jsonl): the share of texts with every "remove"
string gone, and the share of "keep" words still there. Dev, train, holdout and fresh are reported apart;
the holdout and fresh sets are only ever scored, never shown: misses can be listed for dev and train alone.

    .venv/bin/python bench/safety_eval.py [--split dev|train|holdout|fresh ...] [--show-misses]

With no --split, every split is scored. The detector's authors tune on dev and train and should name
--split dev --split train while they work, so that the holdout and fresh figures are seen only when
meant to be.

Goals: crisis recall >= 95 %, false alarms <= 3 %, customer data fully removed in >= 98 % of texts,
>= 95 % of the surrounding words kept.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "safety_corpus"
SPLITS = ("dev", "train", "holdout", "fresh")  # fresh: written later, apart from all the others; measure only
LOOKABLE = ("dev", "train")  # the splits whose texts may be shown and learned from
GOALS = {"crisis_recall": 0.95, "false_alarms": 0.03, "fully_removed": 0.98, "kept": 0.95}


@dataclass
class Tally:
    """Counts for one group of texts (a category, a language, or everything)."""

    texts: int = 0
    hits: int = 0  # crisis: noticed; none: flagged (a false alarm); customer data: fully removed
    severity_agreed: int = 0  # crisis texts whose severity matches the label
    keep_total: int = 0
    keep_kept: int = 0

    def share(self, part: int, whole: int | None = None) -> float | None:
        whole = self.texts if whole is None else whole
        return part / whole if whole else None


@dataclass
class SplitResult:
    crisis: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))  # (category, lang)
    none: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    customer: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[str] = field(default_factory=list)  # dev and train only

    def totals(self) -> dict[str, float | None]:
        crisis, none, customer = _sum(self.crisis.values()), _sum(self.none.values()), _sum(self.customer.values())
        return {
            "crisis_recall": crisis.share(crisis.hits),
            "severity_agreement": crisis.share(crisis.severity_agreed),
            "false_alarms": none.share(none.hits),
            "fully_removed": customer.share(customer.hits),
            "kept": customer.share(customer.keep_kept, customer.keep_total),
        }

    def meets_goals(self) -> dict[str, bool]:
        totals = self.totals()
        return {
            name: totals[name] is not None
            and (totals[name] <= goal if name == "false_alarms" else totals[name] >= goal)
            for name, goal in GOALS.items()
        }


def _sum(tallies) -> Tally:
    total = Tally()
    for t in tallies:
        total.texts += t.texts
        total.hits += t.hits
        total.severity_agreed += t.severity_agreed
        total.keep_total += t.keep_total
        total.keep_kept += t.keep_kept
    return total


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    return [corpus / f"{kind}_{split}.jsonl" for split in SPLITS for kind in ("crisis", "customer_data")]


def evaluate(split: str, corpus: Path = CORPUS) -> SplitResult:
    """Score one split; texts never leave this function except misses on dev and train."""
    from resilience_app.services import safety

    listed = split in LOOKABLE
    result = SplitResult()
    for row in _rows(corpus / f"crisis_{split}.jsonl"):
        checked = safety.check(row["text"])
        key = (row["category"], row["lang"])
        tally = (result.crisis if row["label"] == "crisis" else result.none)[key]
        tally.texts += 1
        tally.hits += checked.crisis
        if row["label"] == "crisis":
            tally.severity_agreed += checked.severity == row["severity"]
        if listed and checked.crisis != (row["label"] == "crisis"):
            result.misses.append(f"{row['id']} {row['category']}: expected {row['label']}, got "
                                 f"{checked.severity} {list(checked.categories)} | {row['text']}")
        elif listed and row["label"] == "crisis" and checked.severity != row["severity"]:
            result.misses.append(f"{row['id']} {row['category']}: severity {row['severity']}, got "
                                 f"{checked.severity} {list(checked.categories)} | {row['text']}")
    for row in _rows(corpus / f"customer_data_{split}.jsonl"):
        cleaned = safety.check(row["text"]).text
        tally = result.customer[(row["category"], row["lang"])]
        left = [value for value in row["remove"] if value in cleaned]
        lost = [word for word in row["keep"] if word not in cleaned]
        tally.texts += 1
        tally.hits += not left
        tally.keep_total += len(row["keep"])
        tally.keep_kept += len(row["keep"]) - len(lost)
        if listed and (left or lost):
            result.misses.append(f"{row['id']} {row['category']}: left {left}, lost {lost} | {cleaned}")
    return result


def _percent(value: float | None) -> str:
    return "   -  " if value is None else f"{value * 100:5.1f}%"


def _by_category(tallies: dict[tuple[str, str], Tally]) -> dict[str, dict[str, Tally]]:
    """category -> {"zh", "en", "all"} tallies."""
    table: dict[str, dict[str, Tally]] = defaultdict(dict)
    for (category, lang), tally in sorted(tallies.items()):
        table[category][lang] = tally
    for category, langs in table.items():
        langs["all"] = _sum(list(langs.values()))
    langs_total: dict[str, Tally] = {}
    for lang in ("zh", "en"):
        langs_total[lang] = _sum([t for (_, tally_lang), t in tallies.items() if tally_lang == lang])
    langs_total["all"] = _sum(tallies.values())
    table["TOTAL"] = langs_total
    return table


def report(split: str, result: SplitResult) -> list[str]:
    """The split's table: one line per category and measure, columns zh, en and both (texts in brackets)."""
    sections = [
        ("crisis texts", result.crisis, [("recall", lambda t: t.share(t.hits)),
                                         ("severity agreement", lambda t: t.share(t.severity_agreed))]),
        ("near misses", result.none, [("false alarms", lambda t: t.share(t.hits))]),
        ("customer data", result.customer, [("fully removed", lambda t: t.share(t.hits)),
                                            ("keep words kept", lambda t: t.share(t.keep_kept, t.keep_total))]),
    ]
    lines = [f"== {split} =="]
    for title, tallies, measures in sections:
        lines.append(f"{title:46}{'zh':>14}{'en':>14}{'all':>14}")
        for category, langs in _by_category(tallies).items():
            for measure, value in measures:
                cells = "".join(
                    f"{_percent(value(langs[lang])) + f' ({langs[lang].texts})':>14}" if lang in langs else f"{'-':>14}"
                    for lang in ("zh", "en", "all"))
                lines.append(f"  {category:24}{measure:20}{cells}")
        lines.append("")
    totals, met = result.totals(), result.meets_goals()
    lines.append("totals against the goals:")
    for name, goal in GOALS.items():
        sign = "<=" if name == "false_alarms" else ">="
        lines.append(f"  {name:20}{_percent(totals[name])}   goal {sign} {goal * 100:.0f}%   "
                     f"{'met' if met[name] else 'NOT MET'}")
    lines.append(f"  {'severity_agreement':20}{_percent(totals['severity_agreement'])}   (no goal set)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", choices=SPLITS, help="score this split (repeatable; default: all)")
    parser.add_argument("--show-misses", "--show-dev-misses", action="store_true",
                        help="list the dev and train texts the check gets wrong")
    args = parser.parse_args()
    splits = [s for s in SPLITS if s in (args.split or SPLITS)]
    missing = [str(path) for path in corpus_files() if path.stem.rsplit("_", 1)[1] in splits and not path.exists()]
    if missing:
        raise SystemExit(f"corpus files missing: {', '.join(missing)}")
    for split in splits:
        result = evaluate(split)
        print("\n".join(report(split, result)))
        if split in LOOKABLE and args.show_misses:
            print("\n".join([f"{split} misses:", *result.misses] if result.misses else [f"{split} misses: none"]))
        print()


if __name__ == "__main__":
    main()
