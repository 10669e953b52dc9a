"""The peer forum (同行支持圈): the feed, groups, writing a post, and a thread.

These states hold only what the services' views give a reader: an anonymous author is a
per-thread pseudonym ("匿名同行 #3"), never a name or an id. Every handler re-checks the
session, and the services re-check membership, ownership and the safety of the text. What a
page offers (edit, delete, react, report, reply) is the viewer's Guardian's answer, carried in the views.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import reflex as rx

from resilience_app import routes
from resilience_app.contracts.forum import CASE_FIELDS, KIND, REACTION, SORT
from resilience_app.core import i18n, security
from resilience_app.services import accounts
from resilience_app.services.forum import feed, groups, moderation, posts
from resilience_app.services.forum.limits import when_label
from resilience_app.services.forum.posts import Preview
from resilience_app.services.forum.views import PostView, ReplyView
from resilience_app.state.auth import SignedIn, private_state
from resilience_app.state.drafts import forget_drafts

BODY_DRAFT = "forum_body"
REPLY_DRAFT = "forum_reply"


@dataclasses.dataclass
class Reaction:
    kind: str
    count: int
    mine: bool


@dataclasses.dataclass
class CaseField:
    key: str  # catalog key of the question
    text: str


@dataclasses.dataclass
class Item:
    """A post or a reply as a reader sees it."""

    id: str
    kind: str
    title: str
    body: str
    case: list[CaseField]
    who: str
    anonymous: bool
    mine: bool
    can_edit: bool
    can_delete: bool
    can_react: bool
    can_report: bool
    can_reply: bool  # posts only: the thread takes one's reply
    group_id: str
    group_name: str
    when: str
    edited: bool
    status: str
    reply_count: int
    reactions: list[Reaction]


@dataclasses.dataclass
class Removed:
    field_key: str
    kind_key: str
    value: str


def _post_fields(view: PostView | ReplyView) -> dict[str, Any]:
    """What only a post shows (a reply has no kind, title, case, group or replies of its own)."""
    if not isinstance(view, PostView):
        return {"kind": "", "title": "", "case": [], "can_reply": False, "group_id": "", "group_name": "",
                "reply_count": 0}
    return {"kind": view.kind, "title": view.title,
            "case": [CaseField(f"forum.case.{name}", view.case[name]) for name in CASE_FIELDS if view.case.get(name)],
            "can_reply": view.can_reply, "group_id": view.group_id, "group_name": view.group_name,
            "reply_count": view.reply_count}


def _item(view: PostView | ReplyView, profile: accounts.Profile) -> Item:
    lang = profile.language
    who = (i18n.translate(lang, "forum.author_gone") if view.gone
           else i18n.translate(lang, "forum.alias", n=view.alias) if view.anonymous
           else view.author or i18n.translate(lang, "forum_ui.someone"))
    return Item(
        id=view.id, body=view.body, who=who, anonymous=view.anonymous and not view.gone, mine=view.mine,
        can_edit=view.can_edit, can_delete=view.can_delete, can_react=view.can_react, can_report=view.can_report,
        when=when_label(view.created_at, language=lang, time_zone=profile.time_zone), edited=view.edited,
        status=view.status,
        reactions=[Reaction(kind, view.reactions[kind], kind in view.my_reactions) for kind in REACTION.values],
        **_post_fields(view),
    )


def _removed(preview: Preview) -> list[Removed]:
    return [Removed(field_key="forum.case." + r.field[5:] if r.field.startswith("case.")
                    else f"forum_ui.field.{r.field}", kind_key=f"forum_ui.removed.{r.kind}", value=r.value)
            for r in preview.removed]


def _joined_groups(session, profile: accounts.Profile) -> list[dict[str, str]]:
    """The groups one can post to and read, by id and name in one's language."""
    return [{"id": g.id, "name": g.name} for g in groups.list_groups(session, user_id=profile.id) if g.joined]


def _mute_note(session, profile: accounts.Profile) -> str:
    """While a moderator's mute is in force, the page says so (and until when) instead of offering to write."""
    mute = moderation.mute_status(session, user_id=profile.id)
    return i18n.translate(profile.language, "error.forum_muted", until=mute.until_label) if mute.muted else ""


class _ForumBase(SignedIn, mixin=True):
    notice_text: str = ""
    mute_note: str = ""


@private_state
class ForumState(_ForumBase, rx.State):
    """The home feed: posts from one's groups, newest or most supported, 20 at a time."""

    sort: str = "newest"
    group_filter: str = ""
    groups: list[dict[str, str]] = []
    items: list[Item] = []
    cursor: str = ""
    loaded: bool = False
    is_moderator: bool = False
    warnings: list[dict[str, str]] = []

    def _refresh(self, session, profile: accounts.Profile) -> None:
        """The page: one's groups, moderator or not, warnings to read, and the feed's first page."""
        self.groups = _joined_groups(session, profile)
        self.mute_note = _mute_note(session, profile)
        self.is_moderator = moderation.is_moderator(session, user_id=profile.id)
        self.warnings = [{"id": w.id, "reason": w.reason, "excerpt": w.excerpt}
                         for w in moderation.pending_warnings(session, user_id=profile.id)]
        self._first_page(session, profile)

    def _first_page(self, session, profile: accounts.Profile) -> None:
        if self.group_filter not in {g["id"] for g in self.groups}:
            self.group_filter = ""
        page = feed.feed(session, user_id=profile.id, group_id=self.group_filter or None, sort=self.sort)
        self.items = [_item(view, profile) for view in page.items]
        self.cursor = page.next_cursor or ""
        self.loaded = True

    @rx.event
    async def load(self):
        self.notice_text = ""
        await self._call(self._refresh)

    @rx.event
    async def set_sort(self, sort: str):
        self.sort = sort if sort in SORT.values else "newest"
        await self._call(self._first_page)

    @rx.event
    async def show_group(self, group_id: str):
        self.group_filter = group_id
        await self._call(self._first_page)

    @rx.event
    async def load_more(self):
        if not self.cursor:
            return
        done = await self._call(lambda s, p: feed.feed(s, user_id=p.id, group_id=self.group_filter or None,
                                                     sort=self.sort, cursor=self.cursor))
        if done:
            profile, page = done
            seen = {item.id for item in self.items}
            self.items += [_item(v, profile) for v in page.items if v.id not in seen]
            self.cursor = page.next_cursor or ""

    @rx.event
    async def acknowledge(self, warning_id: str):
        if await self._call(lambda s, p: moderation.acknowledge_warning(s, user_id=p.id, warning_id=warning_id)):
            self.warnings = [w for w in self.warnings if w["id"] != warning_id]


@private_state
class GroupsState(_ForumBase, rx.State):
    """Public groups to join or leave, one's private groups and their invite codes."""

    groups: list[dict[str, Any]] = []  # GroupView's fields

    def _refresh(self, session, profile: accounts.Profile) -> None:
        self.groups = [dataclasses.asdict(group) for group in groups.list_groups(session, user_id=profile.id)]

    async def _change(self, change, notice_key: str = "") -> None:
        def run(session, profile):
            result = change(session, profile)
            self._refresh(session, profile)
            return result

        done = await self._call(run)
        if done and notice_key:
            self.notice_text = i18n.translate(done[0].language, notice_key, **(done[1] or {}))

    @rx.event
    async def load(self):
        self.notice_text = ""
        await self._call(self._refresh)

    @rx.event
    async def join(self, group_id: str):
        await self._change(lambda s, p: groups.join_group(s, user_id=p.id, group_id=group_id) and None)

    @rx.event
    async def leave(self, group_id: str):
        await self._change(lambda s, p: groups.leave_group(s, user_id=p.id, group_id=group_id))

    @rx.event
    async def create(self, form: dict):
        await self._change(lambda s, p: {"name": groups.create_group(s, user_id=p.id, name=form.get("name", ""))
                                         .name}, "forum_ui.groups.created")

    @rx.event
    async def join_with_code(self, form: dict):
        await self._change(lambda s, p: {"name": groups.join_with_code(s, user_id=p.id, code=form.get("code", ""))
                                         .name}, "forum_ui.groups.joined")

    @rx.event
    async def rotate(self, group_id: str):
        await self._change(lambda s, p: groups.rotate_invite_code(s, user_id=p.id, group_id=group_id) and None,
                           "forum_ui.groups.rotated")


@private_state
class ComposeState(_ForumBase, rx.State):
    """Write (or edit) a post: check it, see what would be removed and the help card, then publish."""

    groups: list[dict[str, str]] = []
    group_id: str = ""
    kind: str = "vent"
    anonymous: bool = True
    editing_id: str = ""
    # The fields as typed (kept across the preview), and the preview itself.
    title: str = ""
    body: str = ""
    case: dict[str, str] = {}
    previewing: bool = False
    preview_title: str = ""
    preview_body: str = ""
    preview_case: list[CaseField] = []
    removed: list[Removed] = []
    crisis: bool = False
    severity: str = ""  # "acute" or "concern" with a crisis sign: acute shows the urgent help card
    pending_id: str = ""

    @rx.event
    async def load(self):
        query = self.router.url.query_parameters
        edit_id = str(query.get("edit", "") or "")

        def start(session, profile):
            self.groups = _joined_groups(session, profile)
            if edit_id:
                return posts.post_for_editing(session, user_id=profile.id, post_id=edit_id)
            return None

        self.previewing, self.removed, self.crisis, self.severity, self.notice_text = False, [], False, "", ""
        self.editing_id, self.pending_id = "", security.new_public_id()
        done = await self._call(start)
        if not done:
            return
        view = done[1]
        wanted = str(query.get("group", "") or "")
        ids = [g["id"] for g in self.groups]
        self.group_id = wanted if wanted in ids else (self.group_id if self.group_id in ids else (ids[0] if ids else ""))
        if view:
            self.editing_id, self.kind, self.group_id, self.anonymous = view.id, view.kind, view.group_id, view.anonymous
            self.title, self.body, self.case = view.title, view.body, dict(view.case)
        else:
            self.title, self.body, self.case = "", "", {}

    @rx.event
    def set_group_id(self, group_id: str):
        self.group_id = group_id

    @rx.event
    def set_kind(self, kind: str):
        if kind in KIND.values and not self.editing_id:
            self.kind = kind

    @rx.event
    def toggle_anonymous(self):
        if not self.editing_id:
            self.anonymous = not self.anonymous

    def _take(self, form: dict) -> None:
        self.title = str(form.get("title", ""))
        self.body = str(form.get("body", ""))
        self.case = {name: str(form.get(f"case_{name}", "")) for name in CASE_FIELDS}
        if form.get("group"):
            self.group_id = str(form["group"])

    @rx.event
    async def check(self, form: dict):
        """Step one: what publishing would store (nothing is stored yet)."""
        self._take(form)
        done = await self._call(lambda s, p: posts.preview(kind=self.kind, title=self.title, body=self.body,
                                                          case=self.case))
        if done:
            preview = done[1]
            self.preview_title, self.preview_body = preview.title, preview.body
            self.preview_case = [CaseField(f"forum.case.{k}", v) for k, v in preview.case.items() if v]
            self.removed, self.crisis, self.previewing = _removed(preview), preview.crisis, True
            self.severity = preview.severity or ""

    @rx.event
    def back_to_edit(self):
        self.previewing = False

    @rx.event
    async def publish(self):
        """Step two: the server checks again and stores only the cleaned text."""
        if self.editing_id:
            change = (lambda s, p: posts.edit_post(s, user_id=p.id, post_id=self.editing_id, title=self.title,
                                                   body=self.body, case=self.case))
        else:
            change = (lambda s, p: posts.publish_post(
                s, user_id=p.id, group_id=self.group_id, kind=self.kind, title=self.title, body=self.body,
                case=self.case, anonymous=self.anonymous, public_id=self.pending_id))
        done = await self._call(change)
        if not done:
            self.previewing = False
            return None
        profile, view = done
        self.previewing, self.title, self.body, self.case = False, "", "", {}
        await forget_drafts(self, profile.username, BODY_DRAFT)
        return rx.redirect(f"{routes.FORUM_POST}?id={view.id}")


@private_state
class ThreadState(_ForumBase, rx.State):
    """One post and its replies: react, reply (checked and previewed like a post), report, edit, delete."""

    post_id: str = ""
    has_post: bool = False
    post: Item = Item(id="", kind="vent", title="", body="", case=[], who="", anonymous=False, mine=False,
                      can_edit=False, can_delete=False, can_react=False, can_report=False, can_reply=False,
                      group_id="", group_name="", when="", edited=False, status="visible", reply_count=0,
                      reactions=[])
    replies: list[Item] = []
    reply_anonymous: bool = True
    reply_text: str = ""
    previewing: bool = False
    preview_body: str = ""
    removed: list[Removed] = []
    crisis: bool = False
    severity: str = ""
    pending_reply_id: str = ""
    reporting: str = ""  # "post:<id>" or "reply:<id>" while the report form is open
    editing_reply: str = ""
    confirm_delete: str = ""

    def _refresh(self, session, profile: accounts.Profile) -> None:
        thread = posts.thread(session, user_id=profile.id, post_id=self.post_id)
        self.post, self.has_post = _item(thread.post, profile), True
        self.replies = [_item(reply, profile) for reply in thread.replies]
        self.mute_note = _mute_note(session, profile)

    @rx.event
    async def load(self):
        self.post_id = str(self.router.url.query_parameters.get("id", "") or "")
        self.has_post, self.replies, self.notice_text = False, [], ""
        self.previewing, self.reporting, self.editing_reply, self.confirm_delete = False, "", "", ""
        self.pending_reply_id = security.new_public_id()
        await self._call(self._refresh)

    async def _change(self, change, notice_key: str = "") -> bool:
        def run(session, profile):
            change(session, profile)
            self._refresh(session, profile)

        done = await self._call(run)
        if done:
            self.notice_text = i18n.translate(done[0].language, notice_key) if notice_key else ""
        return bool(done)

    @rx.event
    async def react(self, target: str, item_id: str, kind: str):
        await self._change(lambda s, p: posts.react(s, user_id=p.id, target=target, item_id=item_id, kind=kind))

    @rx.event
    def toggle_reply_anonymous(self):
        self.reply_anonymous = not self.reply_anonymous

    @rx.event
    async def check_reply(self, form: dict):
        self.reply_text = str(form.get("reply", ""))
        done = await self._call(lambda s, p: posts.preview_reply(body=self.reply_text))
        if done:
            preview = done[1]
            self.preview_body, self.removed, self.crisis = preview.body, _removed(preview), preview.crisis
            self.severity = preview.severity or ""
            self.previewing = True

    @rx.event
    def back_to_reply(self):
        self.previewing = False

    @rx.event
    async def send_reply(self):
        done = await self._call(lambda s, p: posts.reply(s, user_id=p.id, post_id=self.post_id, body=self.reply_text,
                                                        anonymous=self.reply_anonymous,
                                                        public_id=self.pending_reply_id))
        self.previewing = False
        if not done:
            return None
        profile = done[0]
        self.reply_text, self.pending_reply_id = "", security.new_public_id()
        await self._call(self._refresh)
        await forget_drafts(self, profile.username, REPLY_DRAFT)

    @rx.event
    def open_report(self, target: str, item_id: str):
        self.reporting = "" if self.reporting == f"{target}:{item_id}" else f"{target}:{item_id}"

    @rx.event
    async def report(self, form: dict):
        target, _, item_id = self.reporting.partition(":")
        done = await self._call(lambda s, p: moderation.report(s, user_id=p.id, target=target, item_id=item_id,
                                                              reason=str(form.get("reason", "")),
                                                              note=str(form.get("note", ""))))
        if done:
            self.reporting = ""
            self.notice_text = i18n.translate(done[0].language, "forum_ui.reported")
            await self._call(self._refresh)

    @rx.event
    def edit_reply(self, reply_id: str):
        self.editing_reply = reply_id

    @rx.event
    async def save_reply(self, form: dict):
        if await self._change(lambda s, p: posts.edit_reply(s, user_id=p.id, reply_id=self.editing_reply,
                                                            body=str(form.get("body", "")))):
            self.editing_reply = ""

    @rx.event
    def ask_delete(self, what: str):
        self.confirm_delete = what

    @rx.event
    async def delete(self):
        target, _, item_id = self.confirm_delete.partition(":")
        if target == "post":
            if await self._change(lambda s, p: posts.delete_post(s, user_id=p.id, post_id=item_id),
                                  "forum_ui.deleted"):
                self.confirm_delete = ""
        elif target == "reply":
            if await self._change(lambda s, p: posts.delete_reply(s, user_id=p.id, reply_id=item_id),
                                  "forum_ui.deleted"):
                self.confirm_delete = ""

