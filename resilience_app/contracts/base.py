"""The shapes a contract is made of: a text with its limits, a closed set of choices, a whole number in a range."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from resilience_app.core.errors import UserError

# Longer digit strings are no number anyone typed (and Python refuses to read past 4,300 digits).
_DIGITS_MAX = 18


@dataclass(frozen=True)
class Text:
    """Free text, stripped; `max` characters at most. `empty_key` set means the text is required."""

    max: int
    too_long_key: str
    empty_key: str | None = None
    # A name or a label: every run of spaces and line breaks becomes one space.
    one_line: bool = False
    # The column's length when it leaves room beyond `max` (a column sized before the limit was set).
    column: int | None = None

    def __post_init__(self) -> None:
        if self.column is not None and self.column < self.max:
            raise ValueError(f"a column of {self.column} cannot hold {self.max} characters")

    @property
    def column_length(self) -> int:
        """For the String column that stores the text."""
        return self.column or self.max

    def clean(self, value: Any, **params: Any) -> str:
        """The text as it is stored; UserError (with `max` and any params) when it is unusable."""
        text = str(value if value is not None else "")
        text = " ".join(text.split()) if self.one_line else text.strip()
        if not text and self.empty_key:
            raise UserError(self.empty_key, **params)
        if len(text) > self.max:
            raise UserError(self.too_long_key, max=self.max, **params)
        return text


@dataclass(frozen=True)
class Choice:
    """One of a closed set of values (stored as written); anything else is `unknown_key`.

    A choice only the app makes (a status) has no `unknown_key`: another value there is a bug.
    """

    values: tuple[str, ...]
    unknown_key: str | None = None
    # The column's length when it leaves room for longer values to come.
    column: int | None = None

    def __post_init__(self) -> None:
        if self.column is not None and self.column < self.longest:
            raise ValueError(f"a column of {self.column} cannot hold {max(self.values, key=len)!r}")

    def check(self, value: Any) -> str:
        if value not in self.values:
            if self.unknown_key is None:
                raise ValueError(f"{value!r} is not one of {self.values}")
            raise UserError(self.unknown_key)
        return value

    @property
    def longest(self) -> int:
        return max(len(value) for value in self.values)

    @property
    def column_length(self) -> int:
        """For the String column that stores the choice."""
        return self.column or self.longest


@dataclass(frozen=True)
class IntRange:
    """A whole number from `min` to `max`, given as an int or as its digits; anything else is `bad_key`."""

    min: int
    max: int
    bad_key: str

    @property
    def allowed(self) -> range:
        return range(self.min, self.max + 1)

    def check(self, value: Any, **params: Any) -> int:
        """The number; UserError(bad_key, **params) for anything else (the params are the caller's)."""
        if isinstance(value, int):
            number = int(value)
        elif (digits := str(value)).isdecimal() and len(digits) <= _DIGITS_MAX:
            number = int(digits)
        else:
            raise UserError(self.bad_key, **params)
        if number not in self.allowed:
            raise UserError(self.bad_key, **params)
        return number
