"""Errors a user can cause: carry a catalog key, shown in the user's language."""

from __future__ import annotations


class UserError(Exception):
    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
