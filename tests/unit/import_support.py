"""Helpers shared by the import tests (plain functions; each test file has its fixtures)."""

from __future__ import annotations

import hashlib

from resilience_app.core.errors import UserError


def hex_id(name: str) -> str:
    """A valid stable id (32 hex characters) that a test can still call by a short name."""
    return hashlib.md5(name.encode()).hexdigest()


def problem(error: UserError) -> UserError:
    """The refusal inside an import error: imports wrap a service's own refusal with where it happened."""
    while isinstance(error.params.get("problem"), UserError):
        error = error.params["problem"]
    return error
