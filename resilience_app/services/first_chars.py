"""Compile a long alternation so it is only tried where a match can start (issue 12: the safety check
runs on every save, 2 ms for 500 characters).

Python's regex engine tries every branch of an alternation at every position. `compile_fast` reads
the pattern with the standard library's own parser, collects the characters a match can begin with,
and puts a lookahead of exactly those in front: `(?=[想不活自…])(?:…)`. The lookahead only skips
positions where no match could start, so what matches is unchanged. A pattern whose first character
could be anything is compiled as it is.

It also moves the `\b` (or `(?<![a-z])`) that starts each of a run of alternatives in front of the run
(`\bkill me|\bend it` becomes `\b(?:kill me|end it)`): the engine skips an alternative that starts
with a letter the text does not have at once, but must enter one that starts with `\b`.
"""

from __future__ import annotations

import re
from re import _constants as c  # the parser's opcodes; the project runs on Python 3.11 only
from re import _parser

_CATEGORIES = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}
_ZERO_WIDTH = {c.ASSERT, c.ASSERT_NOT, c.AT}
_REPEATS = {c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT}


class _Anything(Exception):
    """The match could start with any character: no lookahead helps."""


def _char(code: int, ignore_case: bool) -> set[str]:
    ch = chr(code)
    return {ch, ch.lower(), ch.upper()} if ignore_case else {ch}


def _first_of_set(av, ignore_case: bool) -> set[str]:
    """The class fragments of a character set such as [a-z想]."""
    fragments = set()
    for item_op, item_av in av:
        if item_op is c.LITERAL:
            fragments |= {re.escape(ch) for ch in _char(item_av, ignore_case)}
        elif item_op is c.RANGE:
            low, high = item_av
            fragments.add(f"{re.escape(chr(low))}-{re.escape(chr(high))}")
            if ignore_case:
                fragments.add(f"{re.escape(chr(low))}-{re.escape(chr(high))}".swapcase())
        elif item_op is c.CATEGORY and item_av in _CATEGORIES:
            fragments.add(_CATEGORIES[item_av])
        else:
            raise _Anything  # a negated set, or a category like \D
    return fragments


def _first_of_branches(branches, flags: int) -> tuple[set[str], bool]:
    """What any of the alternatives can start with; nullable when one of them is."""
    fragments, nullable = set(), False
    for branch in branches:
        branch_fragments, branch_nullable = _first_of_sequence(branch.data, flags)
        fragments |= branch_fragments
        nullable = nullable or branch_nullable
    return fragments, nullable


def _first_of_item(op, av, flags: int) -> tuple[set[str], bool]:
    """(class fragments a match of this item can start with, whether the item can match nothing)."""
    ignore_case = bool(flags & re.IGNORECASE)
    if op is c.LITERAL:
        return {re.escape(ch) for ch in _char(av, ignore_case)}, False
    if op is c.IN:
        return _first_of_set(av, ignore_case), False
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return _first_of_sequence(sub.data, (flags | add_flags) & ~del_flags)
    if op is c.ATOMIC_GROUP:
        return _first_of_sequence(av.data, flags)
    if op is c.BRANCH:
        return _first_of_branches(av[1], flags)
    if op in _REPEATS:
        low, _high, sub = av
        fragments, nullable = _first_of_sequence(sub.data, flags)
        return fragments, nullable or low == 0
    if op in _ZERO_WIDTH:
        return set(), True
    raise _Anything  # ".", a negated literal, a back-reference


def _first_of_sequence(items, flags: int) -> tuple[set[str], bool]:
    fragments: set[str] = set()
    for op, av in items:
        item_fragments, nullable = _first_of_item(op, av, flags)
        fragments |= item_fragments
        if not nullable:
            return fragments, False
    return fragments, True


def _class_end(pattern: str, start: int) -> int:
    """The index of the "]" closing the character class opened at start."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i


def _syntax(pattern: str):
    """(index, character, depth) for each parenthesis and "|" of the pattern itself, not escaped and not
    inside a character class; depth is the nesting around it (after an opening, before a closing)."""
    depth, i = 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
        elif ch == "(":
            depth += 1
            yield i, ch, depth
        elif ch == ")":
            yield i, ch, depth
            depth -= 1
        elif ch == "|":
            yield i, ch, depth
        i += 1


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern, a group that is a whole alternative opened up:
    `a|(?:b|c)` gives a, b, c."""
    cuts = [i for i, ch, depth in _syntax(pattern) if ch == "|" and depth == 0]
    pieces = [pattern[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(pattern)])]
    out = []
    for piece in pieces:
        whole_group = piece.startswith("(?:") and next(
            (i for i, ch, depth in _syntax(piece) if ch == ")" and depth == 1), -1) == len(piece) - 1
        out += _alternatives(piece[3:-1]) if whole_group else [piece]
    return out


_LEADS = ("\\b", "(?<![a-z])", "(?<![A-Za-z])", "(?<![A-Za-z0-9])")  # zero-width starts worth sharing


def _boundary_first(pattern: str) -> str:
    """The pattern with each run of alternatives that start alike (\\b, (?<![a-z])) behind one copy of
    that start, order kept."""
    out: list[str] = []
    run: list[str] = []
    lead = None
    for alternative in _alternatives(pattern):
        start = next((x for x in _LEADS if alternative.startswith(x) and len(alternative) > len(x)), None)
        if run and start != lead:
            out.append(f"{lead}(?:{'|'.join(run)})")
            run = []
        if start is None:
            out.append(alternative)
        else:
            run.append(alternative[len(start):])
        lead = start
    if run:
        out.append(f"{lead}(?:{'|'.join(run)})")
    return "|".join(out)


def compile_fast(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), tried only at positions where a match can begin."""
    pattern = _boundary_first(pattern)
    try:
        fragments, nullable = _first_of_sequence(_parser.parse(pattern, flags).data, flags)
    except _Anything:
        return re.compile(pattern, flags)
    if nullable or not fragments:
        return re.compile(pattern, flags)
    return re.compile(f"(?=[{''.join(sorted(fragments))}])(?:{pattern})", flags)
