"""Issue 12: the labelled corpus in tests/safety_corpus meets the goals, dev, train and holdout alike, so
CI keeps them. The scoring is bench/safety_eval.py's; only figures appear in a failure, never texts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("safety_eval", ROOT / "bench" / "safety_eval.py")
safety_eval = importlib.util.module_from_spec(_spec)
sys.modules["safety_eval"] = safety_eval  # its dataclasses look their module up by name
_spec.loader.exec_module(safety_eval)

pytestmark = pytest.mark.skipif(
    not all(path.exists() for path in safety_eval.corpus_files()), reason="tests/safety_corpus is not there"
)


# The rules fit the dev and train splits; on the measure-only holdout split they do not yet (issue 12
# stays open until they do; fresh meets them since the tenth train batch). strict: the day it meets
# the goals its xfail fails, so it cannot linger.
HOLDOUT_NOT_YET = pytest.mark.xfail(strict=True, reason="issue 12 open: crisis recall below goal on texts never learned from")


@pytest.mark.parametrize(
    "split", [pytest.param(s, marks=HOLDOUT_NOT_YET) if s == "holdout" else s for s in safety_eval.SPLITS]
)
def test_the_corpus_meets_the_goals(split):
    result = safety_eval.evaluate(split)
    met = result.meets_goals()
    figures = {name: round(value, 3) for name, value in result.totals().items() if value is not None}
    del result  # only the figures may appear in a failure, never a text
    assert all(met.values()), f"{split}: {figures} against {safety_eval.GOALS}"
