"""compile_fast (issue 12) only changes where a match is tried, never what matches: the gate of first
characters and the shared leading \\b or (?<![a-z]) must give the same matches as re.compile."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resilience_app.services import crisis_signs
from resilience_app.services.first_chars import compile_fast

HANDMADE = [
    r"\bkill me\b|\bend it\b|[a-z]x|\bfoo|\bbar",
    r"(?:\bkill me|\bend it)|(?<![a-z])zi ?sha|(?<![a-z])bu|[|(]x|\(y|(?:d)e",
    r"\b(?:a|b)c|\bd[^|]e|x\|y|\bz",
    r"(?<![a-z])s(?=了)|(?<![a-z])si|想死|\bdie\b",
]
SIGN_SOURCES = [
    "|".join(f"(?:{p})" for p in getattr(signs, level)).replace("⋯", crisis_signs._GAP)
    for signs in crisis_signs.SIGN_SETS
    for level in ("acute", "strong", "weak", "faint")
    if getattr(signs, level)
]
ALPHABET = "abcdefiklmnorstuxyz '|()想死不活自杀了我要去累药楼跳,.。!?"
WORDS = ["kill me", "end it", "die", "想死", "不想活了", "zi sha", "si了", "i want to die", "自杀", "bu xiang huo",
         "kill myself", "pills", "跳楼", "tonight", "今晚"]
TEXTS = st.lists(st.one_of(st.text(alphabet=ALPHABET, max_size=6), st.sampled_from(WORDS)), max_size=12).map("".join)


def spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("source", HANDMADE + SIGN_SOURCES, ids=lambda s: s[:30])
@settings(max_examples=60, deadline=None)
@given(text=TEXTS)
def test_compile_fast_matches_exactly_what_re_compile_matches(source, text):
    assert spans(compile_fast(source), text) == spans(re.compile(source), text)
