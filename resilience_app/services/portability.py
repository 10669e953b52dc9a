"""The user's data as one versioned JSON document (docs/export-format.md), and back.

Each feature adds a `Section`: a name, how to export its rows, how to import them.
Entries carry stable ids, so importing the same document twice changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from resilience_app.contracts import account
from resilience_app.core import clock, localtime
from resilience_app.core.errors import UserError, shown
from resilience_app.services import (
    accounts, emotion_box, first_aid, goals, import_fields, journal, moods, plan,
)
from resilience_app.services.forum import export as forum_export, groups as forum_groups

FORMAT = "resilience-export"
VERSION = 1


@dataclasses.dataclass(frozen=True)
class Section:
    name: str
    export: Callable[[Session, int], Any]
    restore: Callable[[Session, int, Any], None]


def _export_user(session: Session, user_id: int) -> dict[str, Any]:
    profile = accounts.get_profile(session, user_id)
    assert profile is not None
    return {
        "id": profile.public_id,
        "username": profile.username,
        "display_name": profile.display_name,
        "language": profile.language,
        "time_zone": profile.time_zone,
        "day_start_hour": profile.day_start_hour,
        "review_weekday": profile.review_weekday,
        "review_hour": profile.review_hour,
    }


def _restore_user(session: Session, user_id: int, data: Any) -> None:
    entry = import_fields.read_object("user", None, data)
    entry.public_id("id", None)  # the other account's id and name are for the record only
    entry.text("username", "")
    hours = {name: entry.integer(name, allowed, None, nullable=True)
             for name, allowed in (("day_start_hour", account.DAY_START.allowed),
                                   ("review_weekday", account.REVIEW_WEEKDAY.allowed),
                                   ("review_hour", account.REVIEW_HOUR.allowed))}
    accounts.update_settings(session, user_id=user_id, **hours)
    for name in ("display_name", "language", "time_zone"):
        value = entry.text(name, None, nullable=True)
        entry.check(name, accounts.update_settings, session, user_id=user_id, **{name: value})


# The settings come first: later sections read the time zone they restore.
SECTIONS: list[Section] = [
    Section("user", _export_user, _restore_user),
    Section("moods", moods.export_moods, moods.restore_moods),
    Section("first_aid", first_aid.export_uses, first_aid.restore_uses),
    Section("journal", journal.export_entries, journal.restore_entries),
    Section("weekly_reviews", journal.export_reviews, journal.restore_reviews),
    Section("goals", goals.export_goals, goals.restore_goals),
    Section("interests", plan.export_interests, plan.restore_interests),
    Section("recharge_blocks", plan.export_recharge_blocks, plan.restore_recharge_blocks),
    Section("emotion_box", emotion_box.export_slips, emotion_box.restore_slips),
    # Groups before posts, posts before replies: each goes back only where the one before allows.
    Section("groups", forum_groups.export_groups, forum_groups.restore_groups),
    Section("posts", forum_export.export_posts, forum_export.restore_posts),
    Section("replies", forum_export.export_replies, forum_export.restore_replies),
]


def export_user(session: Session, *, user_id: int) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": clock.now().isoformat(timespec="seconds"),
    }
    for section in SECTIONS:
        document[section.name] = section.export(session, user_id)
    return document


def import_user(session: Session, *, user_id: int, document: Any) -> list[str]:
    """Restore every known section present in the document; returns their names.

    Any fault raises UserError, and the caller's unit of work rolls back whatever was written."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise UserError("error.import_not_export")
    version = document.get("version")
    if type(version) is not int or version != VERSION:  # not true, not 1.0
        raise UserError("error.import_version", version=shown(version))
    if "exported_at" in document:
        try:
            localtime.parse_instant(document["exported_at"])
        except UserError as error:
            raise UserError("error.import_field_problem", place=UserError("import.place_document"),
                            field="exported_at", problem=error) from None
    restored = []
    for section in SECTIONS:
        if section.name in document:
            section.restore(session, user_id, document[section.name])
            restored.append(section.name)
    session.flush()
    return restored
