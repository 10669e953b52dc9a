"""The moderators' desk (版主工作台): the review queue, acting on one item, and the log.

The services check the moderator role on every call; `is_moderator` here only chooses what the
page shows. Anonymous authors stay unnamed in this state, except the one a moderator asked to
see (with a reason, logged by the service), and that name is dropped on the next action or load.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

import reflex as rx

from resilience_app.contracts.forum import CASE_FIELDS, REPORT_REASON
from resilience_app.core import i18n
from resilience_app.core.db import run_db
from resilience_app.services import accounts
from resilience_app.services.forum import moderation
from resilience_app.services.forum.limits import when_label
from resilience_app.state.auth import SignedIn, private_state

# What a moderator can do to one queue item; "identify" is "who wrote this?".
ITEM_ACTIONS = ("restore", "hide", "delete", "warn", "mute", "unmute", "identify")
# The mute lengths offered on the page (the service accepts contracts.forum.MUTE_DAYS: 1 to 90).
MUTE_CHOICES = (1, 3, 7, 30)


@dataclasses.dataclass
class CaseLine:
    key: str  # catalog key of the case question
    text: str


@dataclasses.dataclass
class ReportLine:
    reason_key: str
    note: str
    when: str


@dataclasses.dataclass
class QueueCard:
    """A queue item as the desk shows it."""

    key: str  # "post:<id>" or "reply:<id>"
    target: str
    id: str
    kind_key: str
    group_name: str
    post_title: str
    title: str
    body: str
    case: list[CaseLine]
    status: str
    care: bool  # the words sound like despair, or a peer reported being worried
    acute: bool  # the words name means or timing with intent, or harm already done: first, with an alert
    anonymous: bool
    who: str  # the pseudonym for anonymous items, the shown name otherwise
    when: str
    waiting_since: str
    report_count: int
    reports: list[ReportLine]


@dataclasses.dataclass
class LogRow:
    when: str
    moderator: str  # "" for the automatic hide
    action: str
    action_key: str
    target_key: str  # "" when the entry is about no item
    item_id: str
    user: str  # named items only: the log is no way around "who wrote this?"
    reason: str
    detail: str


@dataclasses.dataclass
class AuthorCard:
    """The author a moderator asked to see."""

    username: str
    display_name: str
    joined: str
    muted_until: str
    warnings: int


def _when(instant: datetime | None, profile: accounts.Profile) -> str:
    if instant is None:
        return ""
    return when_label(instant, language=profile.language, time_zone=profile.time_zone)


def _queue_card(view: moderation.QueueItem, profile: accounts.Profile) -> QueueCard:
    lang = profile.language
    who = (i18n.translate(lang, "forum.author_gone") if view.gone
           else i18n.translate(lang, "forum.alias", n=view.alias) if view.anonymous else view.author)
    return QueueCard(
        key=f"{view.target}:{view.id}", target=view.target, id=view.id,
        kind_key="mod.kind.reply" if view.kind == "reply" else f"forum.kind.{view.kind}",
        group_name=view.group_name, post_title=view.post_title, title=view.title, body=view.body,
        case=[CaseLine(f"forum.case.{name}", view.case[name]) for name in CASE_FIELDS if view.case.get(name)],
        status=view.status, care=view.crisis or view.worried, acute=view.severity == "acute",
        anonymous=view.anonymous,
        who=who, when=_when(view.created_at, profile), waiting_since=_when(view.in_review_since, profile),
        report_count=view.report_count,
        reports=[ReportLine(f"forum.report_reason.{r.reason}", r.note, _when(r.at, profile)) for r in view.reports],
    )


def _log_detail(entry: moderation.LogLine, profile: accounts.Profile) -> str:
    """The log's machine detail in words: which reasons hid an item, until when a mute runs."""
    lang, detail = profile.language, entry.detail
    if entry.action in ("auto_hide", "hide") and detail:
        reasons = [r for r in detail.split(",") if r in REPORT_REASON.values]
        separator = ", " if lang == "en" else "、"
        return separator.join(i18n.translate(lang, f"forum.report_reason.{r}") for r in reasons) if reasons else detail
    if entry.mute_until is not None:
        return i18n.translate(lang, "mod.log.until", until=_when(entry.mute_until, profile))
    return detail


def _log_row(entry: moderation.LogLine, profile: accounts.Profile) -> LogRow:
    def gone(tombstone: str) -> str:
        return i18n.translate(profile.language, "mod.gone_account", id=tombstone) if tombstone else ""

    return LogRow(
        when=_when(entry.at, profile), moderator=entry.moderator or gone(entry.moderator_gone),
        action=entry.action, action_key=f"forum.action.{entry.action}",
        target_key=f"mod.target.{entry.target}" if entry.target else "",
        item_id=entry.item_id, user=entry.user or gone(entry.user_gone), reason=entry.reason,
        detail=_log_detail(entry, profile),
    )


def _perform(session, moderator_id: int, action: str, target: str, item_id: str, reason: str,
             days: int) -> moderation.QueueItem | moderation.RevealedAuthor | datetime | None:
    """One action through its service (each checks the moderator role itself)."""
    where = {"moderator_id": moderator_id, "target": target, "item_id": item_id, "reason": reason}
    if action in moderation.ACTIONS:
        return moderation.moderate(session, action=action, **where)
    if action == "warn":
        return moderation.warn_author(session, **where)
    if action == "mute":
        return moderation.mute_author(session, days=days, **where)
    if action == "unmute":
        return moderation.lift_mute(session, **where)
    return moderation.reveal_author(session, **where)


@private_state
class ModerationState(SignedIn, rx.State):
    loaded: bool = False
    is_moderator: bool = False
    items: list[QueueCard] = []
    # Items with an acute crisis sign waiting (all of them, not only those the queue shows).
    acute_count: int = 0
    acute_alert: str = ""  # the desk's alert, in words: "2 items may be in danger right now"
    log: list[LogRow] = []
    # The item whose action panel is open ("post:<id>") and the action it asks a reason for.
    acting_key: str = ""
    acting: str = ""
    # The one author a moderator asked to see, on the item they asked about.
    revealed_key: str = ""
    revealed: list[AuthorCard] = []
    notice_text: str = ""
    # The item whose panel shows error_text; "" shows it at the top of the page.
    error_where: str = ""

    def _forget_author(self) -> None:
        self.revealed_key, self.revealed = "", []

    def _refresh(self, session, profile: accounts.Profile) -> None:
        self.is_moderator = moderation.is_moderator(session, user_id=profile.id)
        if self.is_moderator:
            self.items = [_queue_card(v, profile) for v in moderation.review_queue(session, moderator_id=profile.id)]
            self.acute_count = moderation.acute_waiting(session, moderator_id=profile.id)
            self.acute_alert = (i18n.translate_count(profile.language, "mod.acute_alert", self.acute_count)
                                if self.acute_count else "")
            self.log = [_log_row(e, profile) for e in moderation.moderation_log(session, moderator_id=profile.id)]
        else:
            self.items, self.log, self.acute_count, self.acute_alert = [], [], 0, ""
        self.loaded = True

    @rx.event
    async def load(self):
        self.notice_text = self.error_text = self.error_where = self.acting_key = self.acting = ""
        self._forget_author()
        if (profile := await self._profile_or_none()) is None:
            self.items, self.log, self.is_moderator, self.acute_count, self.acute_alert = [], [], False, 0, ""
            return
        await run_db(lambda session: self._refresh(session, profile))

    @rx.event
    def open_action(self, target: str, item_id: str, action: str):
        """Open (or, tapped again, close) the reason field for one action on one item."""
        key = f"{target}:{item_id}"
        if action not in ITEM_ACTIONS or (self.acting_key == key and self.acting == action):
            self.acting_key = self.acting = ""
        else:
            self.acting_key, self.acting = key, action
        self.error_text = self.error_where = ""

    @rx.event
    def cancel_action(self):
        self.acting_key = self.acting = self.error_text = self.error_where = ""

    @rx.event
    async def act(self, form: dict):
        """Carry out the open action with the typed reason (and days, for a mute)."""
        key, action = self.acting_key, self.acting
        target, _, item_id = key.partition(":")
        if not item_id or action not in ITEM_ACTIONS:
            return
        reason = str(form.get("reason", "") or "")
        days_text = str(form.get("days", "") or "").strip()
        days = int(days_text) if days_text.isdigit() else 0
        self.notice_text = ""
        self._forget_author()
        done = await self._call(lambda session, p: _perform(session, p.id, action, target, item_id, reason, days))
        if done is None:
            self.error_where = key if any(item.key == key for item in self.items) else ""
            return
        profile, result = done
        self.error_where = self.acting_key = self.acting = ""
        until = _when(result, profile) if isinstance(result, datetime) else ""
        self.notice_text = i18n.translate(profile.language, f"mod.done.{action}", until=until)
        if isinstance(result, moderation.RevealedAuthor):
            self.revealed_key = key
            self.revealed = [AuthorCard(
                username=result.username, display_name=result.display_name,
                joined=_when(result.joined_at, profile), muted_until=_when(result.muted_until, profile),
                warnings=result.warnings,
            )]
        await run_db(lambda session: self._refresh(session, profile))
