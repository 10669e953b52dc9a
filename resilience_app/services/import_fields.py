"""Reading an imported section (docs/export-format.md) entry by entry and field by field.

Every fault is one UserError naming the section, the entry and the field, so an operator can find
it in a file of thousands of entries; the services' own checks (lengths, vocabularies) raised while
an entry is read are reported the same way. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, TypeVar

from resilience_app.core import localtime, security
from resilience_app.core.errors import UserError, shown

T = TypeVar("T")
_ABSENT: Any = object()


class Entry:
    """One object of a section; `number` counts from 1, None for a section that is one object."""

    def __init__(self, section: str, number: int | None, item: dict[str, Any], ids: set[str]) -> None:
        self._item, self._ids = item, ids
        self.place = (UserError("import.place_entry", section=section, entry=number) if number is not None
                      else UserError("import.place_section", section=section))

    def _read(self, field: str, default: Any, nullable: bool, convert: Callable[[Any], Any]) -> Any:
        """The field's value converted; an absent field is `default` (required when there is none)."""
        if field not in self._item:
            if default is _ABSENT:
                raise UserError("error.import_missing_field", place=self.place, field=field)
            return default
        value = self._item[field]
        if value is None and nullable:
            return None
        return convert(value)

    def bad(self, field: str, value: Any, expected: UserError) -> UserError:
        return UserError("error.import_bad_field", place=self.place, field=field, value=shown(value),
                         expected=expected)

    @contextmanager
    def checking(self, field: str) -> Iterator[None]:
        """Report a service's own refusal (too long, unknown key...) as this field's."""
        try:
            yield
        except UserError as error:
            if "place" in error.params:
                raise
            raise UserError("error.import_field_problem", place=self.place, field=field, problem=error) from None

    def raw(self, field: str, default: Any = _ABSENT) -> Any:
        return self._read(field, default, False, lambda value: value)

    def text(self, field: str, default: Any = _ABSENT, *, nullable: bool = False) -> Any:
        def convert(value: Any) -> str:
            if not is_text(value):
                raise self.bad(field, value, UserError("import.expect_text"))
            return value

        return self._read(field, default, nullable, convert)

    def public_id(self, field: str = "id", default: Any = _ABSENT, *, nullable: bool = False) -> Any:
        """A stable id; the entry's own `id` may appear only once in its section."""
        def convert(value: Any) -> str:
            if not security.is_public_id(value):
                raise self.bad(field, value, UserError("import.expect_id"))
            if field == "id":
                if value in self._ids:
                    raise UserError("error.import_duplicate_id", place=self.place, value=shown(value))
                self._ids.add(value)
            return value

        return self._read(field, default, nullable, convert)

    def integer(self, field: str, allowed: range, default: Any = _ABSENT, *, nullable: bool = False) -> Any:
        def convert(value: Any) -> int:
            # bool is an int in Python, but true is not a number in JSON.
            if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
                raise self.bad(field, value, UserError("import.expect_integer", min=allowed[0], max=allowed[-1]))
            return value

        return self._read(field, default, nullable, convert)

    def flag(self, field: str, default: Any = _ABSENT) -> bool:
        def convert(value: Any) -> bool:
            if not isinstance(value, bool):
                raise self.bad(field, value, UserError("import.expect_flag"))
            return value

        return self._read(field, default, False, convert)

    def choice(self, field: str, choices: Collection[str], default: Any = _ABSENT) -> str:
        def convert(value: Any) -> str:
            if not isinstance(value, str) or value not in choices:
                raise self.bad(field, value, UserError("import.expect_choice", choices=", ".join(choices)))
            return value

        return self._read(field, default, False, convert)

    def instant(self, field: str, default: Any = _ABSENT, *, nullable: bool = False) -> datetime | None:
        """To the second, as exports write it: an entry's order then survives export and import again."""
        value = self.check(field, self._read, field, default, nullable, localtime.parse_instant)
        return value.replace(microsecond=0) if isinstance(value, datetime) else value

    def day(self, field: str, default: Any = _ABSENT, *, nullable: bool = False) -> date | None:
        return self.check(field, self._read, field, default, nullable, localtime.parse_day)

    def check(self, field: str, check: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A service's own check applied to this field's value(s)."""
        with self.checking(field):
            return check(*args, **kwargs)


def is_text(value: Any) -> bool:
    """A string any database stores as given: no NUL character, no lone surrogate."""
    if not isinstance(value, str) or "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_section(section: str, items: Any, read: Callable[[Entry], T]) -> list[T]:
    """Read every entry of a list section before anything is written; the first fault is raised."""
    if not isinstance(items, list):
        raise UserError("error.import_bad_section", section=section, expected=UserError("import.expect_list"))
    ids: set[str] = set()
    result = []
    for number, item in enumerate(items, start=1):
        entry = read_object(section, number, item, ids)
        try:
            result.append(read(entry))
        except UserError as error:
            if "place" in error.params:
                raise
            raise UserError("error.import_problem", place=entry.place, problem=error) from None
    return result


def read_object(section: str, number: int | None, item: Any, ids: set[str] | None = None) -> Entry:
    if not isinstance(item, dict):
        if number is None:
            raise UserError("error.import_bad_section", section=section, expected=UserError("import.expect_object"))
        raise UserError("error.import_bad_entry", section=section, entry=number, value=shown(item))
    return Entry(section, number, item, ids if ids is not None else set())
