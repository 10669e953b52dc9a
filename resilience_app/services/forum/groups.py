"""Forum groups (同行支持圈): public ones by platform and topic, private ones for a team or shop.

Anyone may join or leave a public group. A private group is created by one user (its owner) and
joined with an 8-character invite code the owner can rotate. Reading or writing in any group
needs membership; a private group answers a non-member exactly like a group that does not exist
(the Guardian in permissions.py decides).

Public groups come from data/forum_groups.json: migration 0006 inserts them, and
`ensure_public_groups` (called by listing and joining) inserts any added later, so a database
made by `Base.metadata.create_all` (the tests') gets them too.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import secrets
import unicodedata
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from resilience_app.contracts.forum import GROUP_KIND, GROUP_NAME, GROUP_ROLE, INVITE_ALPHABET, INVITE_LENGTH
from resilience_app.core import clock, security
from resilience_app.core.errors import RecordedRefusal, UserError
from resilience_app.core.i18n import DEFAULT_LANGUAGE
from resilience_app.models import ForumGroup, ForumInviteFailure, ForumMembership, User
from resilience_app.services import import_fields, safety
from resilience_app.services.forum.permissions import Guardian, guardian_for
from resilience_app.services.ownership import user_row

OWNED_GROUPS_MAX = 10
JOINED_GROUPS_MAX = 50  # bounds the home feed, which reads each group's newest posts
INVITE_FAILURES_PER_HOUR = 10
INVITE_WINDOW = timedelta(hours=1)
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,31}")  # also matches 32 hex characters
_DATA = Path(__file__).resolve().parents[2] / "data" / "forum_groups.json"


@dataclasses.dataclass(frozen=True)
class GroupView:
    """A group as one user sees it."""

    id: str  # a public group's slug, a private group's 32 hex characters
    kind: str  # "public" or "private"
    name: str  # in the viewer's language
    description: str  # public groups only
    joined: bool
    role: str  # the viewer's: "owner", "member" or "" when not a member
    member_count: int
    invite_code: str  # only the owner sees the code ("" for everyone else): they decide who is invited


@lru_cache(maxsize=1)
def public_group_catalog() -> tuple[dict[str, Any], ...]:
    """The public groups as listed in data/forum_groups.json: slug, name and description by language."""
    return tuple(json.loads(_DATA.read_text(encoding="utf-8")))


def _public_entry(slug: str) -> dict[str, Any] | None:
    return next((entry for entry in public_group_catalog() if entry["slug"] == slug), None)


def _pick(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or texts.get(DEFAULT_LANGUAGE, "")


def ensure_public_groups(session: Session) -> None:
    """Insert the public groups the database lacks (idempotent; one query when all are there)."""
    catalog = public_group_catalog()
    present = set(session.scalars(select(ForumGroup.public_id).where(ForumGroup.kind == "public")))
    now = clock.now()
    for position, entry in enumerate(catalog):
        if entry["slug"] not in present:
            session.add(ForumGroup(
                public_id=entry["slug"], kind="public", name=entry["name"][DEFAULT_LANGUAGE][:GROUP_NAME.max],
                position=position, invite_code=None, created_by=None, created_at=now, updated_at=now,
            ))
    session.flush()


def group_name(group: ForumGroup, language: str) -> str:
    if group.kind == "public" and (entry := _public_entry(group.public_id)):
        return _pick(entry["name"], language)
    return group.name


def _description(group: ForumGroup, language: str) -> str:
    if group.kind == "public" and (entry := _public_entry(group.public_id)):
        return _pick(entry["description"], language)
    return ""


def _user(session: Session, user_id: int) -> User:
    return user_row(session, user_id)


def _membership(session: Session, user_id: int, group_id: int) -> ForumMembership | None:
    return session.scalar(
        select(ForumMembership).where(ForumMembership.group_id == group_id, ForumMembership.user_id == user_id)
    )


def _view(session: Session, group: ForumGroup, guardian: Guardian) -> GroupView:
    members = session.scalar(
        select(func.count()).select_from(ForumMembership).where(ForumMembership.group_id == group.id)
    )
    return GroupView(
        id=group.public_id,
        kind=group.kind,
        name=group_name(group, guardian.language),
        description=_description(group, guardian.language),
        joined=guardian.is_member(group.id),
        role=guardian.groups.get(group.id, ""),
        member_count=members or 0,
        invite_code=(group.invite_code or "") if guardian.can_manage_group(group) else "",
    )


def _find_group(session: Session, group_id: str | None) -> ForumGroup | None:
    if not group_id or not isinstance(group_id, str):
        return None
    return session.scalar(select(ForumGroup).where(ForumGroup.public_id == group_id))


def group_to_read(session: Session, guardian: Guardian, group_id: str | None) -> ForumGroup:
    """The group, when the viewer is a member of it; otherwise error.not_found."""
    group = _find_group(session, group_id)
    if group is None:
        raise UserError("error.not_found")
    guardian.ensure_can_read_group(group)
    return group


def readable_group(session: Session, *, user_id: int, group_id: str | None) -> ForumGroup:
    return group_to_read(session, guardian_for(session, user_id), group_id)


def groups_by_row_id(session: Session, row_ids: set[int]) -> dict[int, ForumGroup]:
    if not row_ids:
        return {}
    return {group.id: group for group in session.scalars(select(ForumGroup).where(ForumGroup.id.in_(row_ids)))}


# --- listing, joining, leaving --------------------------------------------------------------


def list_groups(session: Session, *, user_id: int) -> list[GroupView]:
    """Every public group (in catalog order, joined or not), then the user's private groups."""
    ensure_public_groups(session)
    guardian = guardian_for(session, user_id)
    public = session.scalars(select(ForumGroup).where(ForumGroup.kind == "public").order_by(ForumGroup.position))
    private = session.scalars(
        select(ForumGroup).join(ForumMembership, ForumMembership.group_id == ForumGroup.id)
        .where(ForumGroup.kind == "private", ForumMembership.user_id == user_id)
        .order_by(ForumMembership.joined_at, ForumGroup.id)
    )
    return [_view(session, group, guardian) for group in [*public, *private]]


def get_group(session: Session, *, user_id: int, group_id: str) -> GroupView:
    """A public group (joined or not), or a private group the user belongs to."""
    guardian = guardian_for(session, user_id)
    group = _find_group(session, group_id)
    if group is None:
        raise UserError("error.not_found")
    guardian.ensure_can_see_group(group)
    return _view(session, group, guardian)


def _room_to_join(session: Session, user_id: int) -> None:
    joined = session.scalar(
        select(func.count()).select_from(ForumMembership).where(ForumMembership.user_id == user_id)
    )
    if joined >= JOINED_GROUPS_MAX:
        raise UserError("error.forum_too_many_groups", max=JOINED_GROUPS_MAX)


def _add_member(session: Session, group: ForumGroup, user_id: int, role: str = "member") -> ForumMembership:
    membership = ForumMembership(group_id=group.id, user_id=user_id, role=role, joined_at=clock.now())
    session.add(membership)
    session.flush()
    return membership


def _ensure_member(session: Session, group: ForumGroup, user_id: int) -> None:
    """Join (within JOINED_GROUPS_MAX) if not yet a member: joining twice is joining once."""
    if _membership(session, user_id, group.id) is None:
        _room_to_join(session, user_id)
        _add_member(session, group, user_id)


def join_group(session: Session, *, user_id: int, group_id: str) -> GroupView:
    """Join a public group; joining twice is the same as once. Private groups need their code."""
    ensure_public_groups(session)
    _user(session, user_id)
    group = _find_group(session, group_id)
    if group is None or group.kind != "public":
        raise UserError("error.not_found")
    _ensure_member(session, group, user_id)
    return _view(session, group, guardian_for(session, user_id))


def leave_group(session: Session, *, user_id: int, group_id: str) -> None:
    """Leave a group; one's posts stay. An owner hands the group to the longest-standing member;
    when the last member leaves a private group, its invite code stops working for good."""
    group = readable_group(session, user_id=user_id, group_id=group_id)
    if group.kind == "private" and not hand_on(session, group, _membership(session, user_id, group.id)):
        group.invite_code = None
    elif group.kind != "private":
        session.delete(_membership(session, user_id, group.id))
    group.updated_at = clock.now()
    session.flush()


def hand_on(session: Session, group: ForumGroup, membership: ForumMembership) -> bool:
    """Remove a membership of a private group; an owner hands the group to the longest-standing
    member. False when nobody is left in it (what then becomes of the group is the caller's)."""
    session.delete(membership)
    session.flush()
    successor = session.scalar(
        select(ForumMembership).where(ForumMembership.group_id == group.id)
        .order_by(ForumMembership.joined_at, ForumMembership.id)
    )
    if successor is not None and membership.role == "owner":
        successor.role = "owner"
    return successor is not None


# --- private groups and invite codes --------------------------------------------------------


def _new_invite_code(session: Session) -> str:
    while True:  # 31^8 codes: a clash is rare, but the column is unique
        code = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))
        if session.scalar(select(ForumGroup.id).where(ForumGroup.invite_code == code)) is None:
            return code


def check_group_name(name: Any) -> str:
    """The name as it would be stored (customer data removed); UserError when unusable."""
    clean = GROUP_NAME.clean(unicodedata.normalize("NFC", str(name or "")))
    checked = " ".join(safety.check(clean).text.split())
    if not checked:
        raise UserError(GROUP_NAME.empty_key)
    return checked


def create_group(session: Session, *, user_id: int, name: str) -> GroupView:
    """A private group with the creator as owner; the result carries its invite code."""
    _user(session, user_id)
    clean = check_group_name(name)
    owned = session.scalar(
        select(func.count()).select_from(ForumMembership)
        .where(ForumMembership.user_id == user_id, ForumMembership.role == "owner")
    )
    if owned >= OWNED_GROUPS_MAX:
        raise UserError("error.forum_too_many_owned", max=OWNED_GROUPS_MAX)
    _room_to_join(session, user_id)
    now = clock.now()
    group = ForumGroup(
        public_id=security.new_public_id(), kind="private", name=clean, position=0,
        invite_code=_new_invite_code(session), created_by=user_id, created_at=now, updated_at=now,
    )
    session.add(group)
    session.flush()
    _add_member(session, group, user_id, "owner")
    return _view(session, group, guardian_for(session, user_id))


def _managed_group(session: Session, user_id: int, group_id: str) -> tuple[ForumGroup, Guardian]:
    guardian = guardian_for(session, user_id)
    group = _find_group(session, group_id)
    if group is None:
        raise UserError("error.not_found")
    guardian.ensure_can_manage_group(group)
    return group, guardian


def rename_group(session: Session, *, user_id: int, group_id: str, name: str) -> GroupView:
    group, guardian = _managed_group(session, user_id, group_id)
    group.name, group.updated_at = check_group_name(name), clock.now()
    session.flush()
    return _view(session, group, guardian)


def rotate_invite_code(session: Session, *, user_id: int, group_id: str) -> GroupView:
    """A fresh code for the owner to share; the old one stops working at once."""
    group, guardian = _managed_group(session, user_id, group_id)
    group.invite_code, group.updated_at = _new_invite_code(session), clock.now()
    session.flush()
    return _view(session, group, guardian)


def normalise_invite_code(code: Any) -> str:
    """Upper case, without the spaces and dashes people add when they copy a code."""
    plain = unicodedata.normalize("NFKC", str(code or "")).upper()
    return "".join(ch for ch in plain if ch not in " -_\t\n")


def _invite_wait_seconds(session: Session, user_id: int) -> int:
    now = clock.now()
    failures = list(session.scalars(
        select(ForumInviteFailure.at)
        .where(ForumInviteFailure.user_id == user_id, ForumInviteFailure.at > now - INVITE_WINDOW)
        .order_by(ForumInviteFailure.at)
    ))
    if len(failures) < INVITE_FAILURES_PER_HOUR:
        return 0
    return max(1, math.ceil((failures[-INVITE_FAILURES_PER_HOUR] + INVITE_WINDOW - now).total_seconds()))


def join_with_code(session: Session, *, user_id: int, code: str) -> GroupView:
    """Join the private group whose current invite code this is (joining twice is the same as once).

    Wrong codes are counted per user: after INVITE_FAILURES_PER_HOUR in an hour, every code,
    right or wrong, waits, so codes cannot be guessed.
    """
    _user(session, user_id)
    if wait := _invite_wait_seconds(session, user_id):
        raise UserError("error.forum_invite_throttled", minutes=max(1, math.ceil(wait / 60)))
    clean = normalise_invite_code(code)
    well_formed = len(clean) == INVITE_LENGTH and all(ch in INVITE_ALPHABET for ch in clean)
    group = session.scalar(select(ForumGroup).where(ForumGroup.invite_code == clean)) if well_formed else None
    if group is None:
        if well_formed:  # a typo of the wrong shape could never match, so only real guesses count
            now = clock.now()
            session.add(ForumInviteFailure(user_id=user_id, at=now))
            session.execute(delete(ForumInviteFailure).where(ForumInviteFailure.at < now - INVITE_WINDOW))
            raise RecordedRefusal("error.forum_invite_wrong")  # counted even though the join fails
        raise UserError("error.forum_invite_wrong")
    _ensure_member(session, group, user_id)
    return _view(session, group, guardian_for(session, user_id))


# --- export / import (docs/export-format.md, section "groups") ----------------------------


def export_groups(session: Session, user_id: int) -> list[dict[str, Any]]:
    language = _user(session, user_id).language
    rows = session.execute(
        select(ForumGroup, ForumMembership).join(ForumMembership, ForumMembership.group_id == ForumGroup.id)
        .where(ForumMembership.user_id == user_id).order_by(ForumMembership.joined_at, ForumGroup.id)
    ).all()
    return [
        {"id": group.public_id, "kind": group.kind, "name": group_name(group, language), "role": membership.role}
        for group, membership in rows
    ]


def is_group_id(value: Any) -> bool:
    """A public group's slug (taobao) or a private group's 32 hex characters: what exports name groups by."""
    return isinstance(value, str) and _SLUG.fullmatch(value) is not None


def _read_group(entry: import_fields.Entry) -> dict[str, Any]:
    kind = entry.choice("kind", GROUP_KIND.values)
    # name and role are for the record only, but must still be well-formed
    entry.text("name", "")
    entry.choice("role", GROUP_ROLE.values, "member")
    if kind == "private":
        return {"id": entry.public_id(), "kind": kind}
    slug = entry.text("id")
    if not is_group_id(slug):
        raise entry.bad("id", slug, UserError("import.expect_group"))
    return {"id": slug, "kind": kind}


def restore_groups(session: Session, user_id: int, items: Any) -> None:
    """Re-join the public groups by slug. Private groups are not joined: an export file is not an
    invite (the owner may have rotated the code to keep someone out); they are listed for the record."""
    slugs = [fields["id"] for fields in import_fields.read_section("groups", items, _read_group)
             if fields["kind"] == "public"]
    ensure_public_groups(session)
    for slug in slugs:
        group = _find_group(session, slug)
        if group is not None and group.kind == "public" and _membership(session, user_id, group.id) is None:
            _add_member(session, group, user_id)
