"""The peer forum's screens: the feed, groups, writing a post, and a thread."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.drafts import draft_attrs
from resilience_app.components.forum_ui import (
    KIND_BADGE, case_fields, crisis_card, mute_note, reactions, removed_list, status_note, who_line,
)
from resilience_app.components.mood_checkin import TEXTAREA
from resilience_app.components.shell import app_page
from resilience_app.components.ui import (
    banner, card, nav_link, primary_button, quiet_button, segment, select_input, t, text_input,
)
from resilience_app.contracts.forum import (
    BODY, CASE_FIELD, CASE_FIELDS, GROUP_NAME, INVITE_TYPED_MAX, KIND, REPLY, REPORT_NOTE, REPORT_REASON, TITLE,
)
from resilience_app.state.forum import BODY_DRAFT, REPLY_DRAFT, ComposeState, ForumState, GroupsState, ThreadState

LINK = "text-primary text-sm font-semibold min-h-11 inline-flex items-center gap-1"
SMALL = "min-h-11 min-w-11 shrink-0 whitespace-nowrap px-3 rounded-lg text-sm font-semibold cursor-pointer"


def _back() -> rx.Component:
    return nav_link(rx.icon("arrow-left", size=16), t("forum_ui.back_to_feed"), href=routes.FORUM, class_name=LINK)


def _kind_badge(kind) -> rx.Component:
    return rx.el.span(t("forum.kind." + kind.to(str)), class_name=KIND_BADGE)


# --- the feed ------------------------------------------------------------------------------


def _feed_item(item: rx.Var) -> rx.Component:
    return rx.el.li(
        nav_link(
            rx.el.div(_kind_badge(item.kind), rx.el.span(item.group_name, class_name="text-xs text-muted"),
                      class_name="flex items-center gap-2"),
            rx.cond(item.title != "", rx.el.h2(item.title, class_name="font-semibold leading-snug")),
            rx.el.p(item.body, class_name="text-sm leading-relaxed line-clamp-3 whitespace-pre-wrap"),
            rx.cond((item.title == "") & (item.body == "") & (item.case.length() > 0),
                    rx.el.p(item.case[0].text, class_name="text-sm leading-relaxed line-clamp-3")),
            who_line(item),
            rx.el.p(
                rx.foreach(item.reactions, lambda r: rx.el.span(
                    t("forum.reaction." + r.kind.to(str)), " ", r.count.to_string())),
                rx.el.span(t("forum_ui.replies"), " ", item.reply_count.to_string()),
                class_name="flex flex-wrap gap-x-3 text-xs text-muted",
            ),
            href=routes.FORUM_POST + "?id=" + item.id,
            class_name="flex flex-col gap-1.5 py-4 text-ink no-underline",
        ),
        custom_attrs={"data-post": item.id},
    )


def _warnings() -> rx.Component:
    return rx.foreach(ForumState.warnings, lambda w: card(
        rx.el.h2(t("forum.warning_title"), class_name="font-semibold"),
        rx.el.p(w["reason"], class_name="leading-relaxed"),
        rx.el.p("“", w["excerpt"], "”", class_name="text-sm text-muted"),
        quiet_button(t("forum_ui.warning_ok"), type="button", on_click=ForumState.acknowledge(w["id"])),
        class_name="flex flex-col gap-2 border-accent",
    ))


def forum() -> rx.Component:
    return app_page(
        routes.FORUM,
        "nav.forum",
        rx.el.p(t("forum_ui.intro"), class_name="text-muted leading-relaxed -mt-2"),
        _warnings(),
        mute_note(ForumState.mute_note),
        rx.el.div(
            rx.cond(ForumState.mute_note == "", nav_link(
                rx.icon("pen-line", size=18), t("forum_ui.write"), href=routes.FORUM_NEW,
                class_name="flex-1 min-h-12 rounded-xl bg-primary text-on-primary font-semibold flex items-center "
                           "justify-center gap-2 no-underline", id="forum-write")),
            nav_link(rx.icon("users", size=18), t("forum_ui.groups.title"), href=routes.FORUM_GROUPS,
                     class_name="min-h-12 px-4 rounded-xl bg-surface-2 border border-line text-ink font-semibold flex "
                                "items-center gap-2 no-underline", id="forum-groups"),
            class_name="flex gap-2",
        ),
        rx.cond(ForumState.is_moderator, nav_link(rx.icon("shield", size=16), t("forum_ui.moderation"),
                                                  href=routes.FORUM_MODERATION, class_name=LINK)),
        banner(ForumState.error_text, True),
        rx.cond(
            ForumState.loaded & (ForumState.groups.length() == 0),
            card(rx.el.p(t("forum_ui.no_groups"), class_name="leading-relaxed"),
                 nav_link(t("forum_ui.groups.find"), href=routes.FORUM_GROUPS, class_name=LINK)),
        ),
        rx.cond(
            ForumState.groups.length() > 0,
            rx.el.div(
                rx.el.div(segment(t("forum_ui.sort.newest"), selected=ForumState.sort == "newest",
                                  on_click=ForumState.set_sort("newest")),
                          segment(t("forum_ui.sort.supported"), selected=ForumState.sort == "supported",
                                  on_click=ForumState.set_sort("supported")),
                          class_name="flex p-1 rounded-xl bg-surface-2 border border-line text-sm"),
                rx.el.div(
                    segment(t("forum_ui.all_groups"), selected=ForumState.group_filter == "",
                            on_click=ForumState.show_group(""), fill=False),
                    rx.foreach(ForumState.groups, lambda g: segment(
                        g["name"], selected=ForumState.group_filter == g["id"], on_click=ForumState.show_group(g["id"]),
                        fill=False)),
                    class_name="flex gap-1 overflow-x-auto text-sm -mx-1 px-1",
                ),
                class_name="flex flex-col gap-2",
            ),
        ),
        rx.cond(
            ForumState.items.length() > 0,
            card(rx.el.ul(rx.foreach(ForumState.items, _feed_item), class_name="flex flex-col divide-y divide-line"),
                 class_name="py-0", id="forum-feed"),
            rx.cond(ForumState.loaded & (ForumState.groups.length() > 0),
                    card(rx.el.p(t("forum_ui.empty_feed"), class_name="leading-relaxed"))),
        ),
        rx.cond(ForumState.cursor != "", quiet_button(t("forum_ui.more"), type="button",
                                                      on_click=ForumState.load_more, class_name="w-full")),
    )


# --- groups --------------------------------------------------------------------------------


def _group_row(group: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.div(
            rx.el.p(group["name"], class_name="font-semibold"),
            rx.cond(group["description"] != "", rx.el.p(group["description"], class_name="text-sm text-muted")),
            rx.el.p(t("forum_ui.groups.members"), " ", group["member_count"].to_string(), class_name="text-xs text-muted"),
            rx.cond(group["invite_code"] != "", rx.el.div(
                rx.el.span(t("forum_ui.groups.code"), class_name="text-sm"),
                rx.el.code(group["invite_code"], class_name="font-mono font-bold tracking-widest",
                           custom_attrs={"data-invite-code": ""}),
                rx.el.button(t("forum_ui.groups.rotate"), type="button", on_click=GroupsState.rotate(group["id"]),
                             class_name=f"{SMALL} text-primary"),
                class_name="flex items-center gap-2 flex-wrap",
            )),
            class_name="flex-1 flex flex-col gap-0.5",
        ),
        rx.cond(
            group["joined"],
            rx.el.button(t("forum_ui.groups.leave"), type="button", on_click=GroupsState.leave(group["id"]),
                         class_name=f"{SMALL} text-muted border border-line"),
            rx.el.button(t("forum_ui.groups.join"), type="button", on_click=GroupsState.join(group["id"]),
                         class_name=f"{SMALL} bg-primary text-on-primary"),
        ),
        class_name="flex items-start gap-3 py-3",
        custom_attrs={"data-group": group["id"]},
    )


def forum_groups() -> rx.Component:
    return app_page(
        routes.FORUM,
        "forum_ui.groups.title",
        _back(),
        banner(GroupsState.notice_text, False),
        banner(GroupsState.error_text, True),
        card(rx.el.ul(rx.foreach(GroupsState.groups, _group_row), class_name="flex flex-col divide-y divide-line"),
             class_name="py-1", id="group-list"),
        card(
            rx.el.h2(t("forum_ui.groups.private_title"), class_name="font-semibold"),
            rx.el.p(t("forum_ui.groups.private_body"), class_name="text-sm text-muted leading-relaxed"),
            rx.el.form(
                text_input("code", id="invite-code", placeholder=t("forum_ui.groups.code_placeholder"),
                           auto_complete="off", auto_capitalize="characters", max_length=INVITE_TYPED_MAX),
                quiet_button(t("forum_ui.groups.join_code"), type="submit", id="invite-join", class_name="shrink-0"),
                on_submit=GroupsState.join_with_code, reset_on_submit=True, class_name="flex gap-2",
            ),
            rx.el.form(
                text_input("name", id="group-name", placeholder=t("forum_ui.groups.name_placeholder"),
                           max_length=GROUP_NAME.max),
                quiet_button(t("forum_ui.groups.create"), type="submit", id="group-create", class_name="shrink-0"),
                on_submit=GroupsState.create, reset_on_submit=True, class_name="flex gap-2",
            ),
            class_name="flex flex-col gap-3",
        ),
    )


# --- writing a post --------------------------------------------------------------------------


def _anonymous_switch(on: rx.Var, on_click, disabled=False) -> rx.Component:
    return rx.el.button(
        # Two static icons, not rx.icon(<var>): a named icon loads all of Lucide's (web/first_paint.py).
        rx.cond(on, rx.icon("venetian-mask", size=18), rx.icon("user", size=18)),
        rx.el.span(rx.cond(on, t("forum_ui.anonymous_on"), t("forum_ui.anonymous_off")), class_name="flex-1 text-left"),
        type="button", role="switch", aria_checked=rx.cond(on, "true", "false"), on_click=on_click, disabled=disabled,
        class_name="flex items-center gap-2 min-h-12 px-4 rounded-xl border border-line bg-surface-2 text-sm w-full",
        id="anonymous-switch",
    )


def _compose_form() -> rx.Component:
    kinds = rx.el.div(
        *[segment(t(f"forum.kind.{kind}"), selected=ComposeState.kind == kind, on_click=ComposeState.set_kind(kind),
                  custom_attrs={"data-kind": kind}) for kind in KIND.values],
        class_name="grid grid-cols-4 p-1 rounded-xl bg-surface-2 border border-line text-sm",
    )
    case = rx.el.div(
        *[rx.el.label(rx.el.span(t(f"forum.case.{name}"), class_name="text-sm font-medium text-muted"),
                      rx.el.textarea(name=f"case_{name}", rows=2, max_length=CASE_FIELD.max,
                                     default_value=ComposeState.case.get(name, ""), class_name=TEXTAREA,
                                     id=f"case-{name}"),
                      class_name="flex flex-col gap-1") for name in CASE_FIELDS],
        class_name="flex flex-col gap-3",
    )
    return rx.el.form(
        rx.cond(ComposeState.editing_id == "", kinds),
        rx.el.p(t("forum_ui.kind_hint." + ComposeState.kind), class_name="text-sm text-muted leading-relaxed"),
        rx.cond(ComposeState.editing_id == "", select_input(
            "group", rx.foreach(ComposeState.groups, lambda g: rx.el.option(g["name"], value=g["id"])),
            value=ComposeState.group_id, id="post-group", aria_label=t("forum_ui.group_label"),
            on_change=ComposeState.set_group_id,
        )),
        text_input("title", id="post-title", max_length=TITLE.max, default_value=ComposeState.title,
                   placeholder=t("forum_ui.title_placeholder"), key=ComposeState.editing_id),
        rx.cond(ComposeState.kind == "case", case),
        rx.el.textarea(name="body", id="post-body", rows=5, max_length=BODY.max, default_value=ComposeState.body,
                       placeholder=t("forum_ui.body_placeholder." + ComposeState.kind), class_name=TEXTAREA,
                       custom_attrs=draft_attrs(BODY_DRAFT)),
        rx.cond(ComposeState.editing_id == "",
                _anonymous_switch(ComposeState.anonymous, ComposeState.toggle_anonymous)),
        rx.el.p(t("forum_ui.privacy_note"), class_name="text-xs text-muted leading-relaxed"),
        banner(ComposeState.error_text, True),
        primary_button(t("forum_ui.check"), type="submit", id="post-check"),
        on_submit=ComposeState.check,
        class_name="flex flex-col gap-3",
    )


def _preview(title, body, case, removed, crisis, severity, error, on_back, on_publish,
             publish_id: str) -> rx.Component:
    """What will be published, what the check removed, and first the help card when words sound like
    despair (its urgent form when they are acute)."""
    return rx.el.div(
        rx.cond(crisis, crisis_card(severity == "acute")),
        card(
            rx.el.h2(t("forum_ui.preview_title"), class_name="font-semibold"),
            rx.el.div(
                rx.cond(title != "", rx.el.h3(title, class_name="font-semibold")),
                case_fields(case) if case is not None else rx.fragment(),
                rx.cond(body != "", rx.el.p(body, class_name="whitespace-pre-wrap leading-relaxed")),
                class_name="flex flex-col gap-2 rounded-xl border border-line p-4", id="preview-text",
            ),
            removed_list(removed),
            banner(error, True),
            rx.el.div(
                quiet_button(t("forum_ui.edit_more"), type="button", on_click=on_back, class_name="flex-1"),
                primary_button(rx.cond(crisis, t("forum_ui.publish_anyway"), t("forum_ui.publish")), type="button",
                               on_click=on_publish, class_name="flex-1", id=publish_id),
                class_name="flex gap-2",
            ),
            class_name="flex flex-col gap-3",
        ),
        class_name="flex flex-col gap-4",
    )


def forum_new() -> rx.Component:
    return app_page(
        routes.FORUM,
        "forum_ui.write_title",
        _back(),
        rx.cond(
            ComposeState.groups.length() == 0,
            card(rx.el.p(t("forum_ui.no_groups"), class_name="leading-relaxed"),
                 nav_link(t("forum_ui.groups.find"), href=routes.FORUM_GROUPS, class_name=LINK)),
            rx.cond(
                ComposeState.previewing,
                _preview(ComposeState.preview_title, ComposeState.preview_body, ComposeState.preview_case,
                         ComposeState.removed, ComposeState.crisis, ComposeState.severity, ComposeState.error_text,
                         ComposeState.back_to_edit, ComposeState.publish, "post-publish"),
                card(_compose_form()),
            ),
        ),
    )


# --- a thread --------------------------------------------------------------------------------


def _report_form() -> rx.Component:
    return rx.el.form(
        select_input("reason", *[rx.el.option(t(f"forum.report_reason.{r}"), value=r) for r in REPORT_REASON.values],
                     id="report-reason", aria_label=t("forum_ui.report_reason")),
        text_input("note", max_length=REPORT_NOTE.max, placeholder=t("forum_ui.report_note")),
        primary_button(t("forum_ui.report_send"), type="submit", id="report-send"),
        on_submit=ThreadState.report,
        class_name="flex flex-col gap-2 rounded-xl bg-surface-2 p-3",
    )


def _item_tools(item: rx.Var, target: str) -> rx.Component:
    """Edit, delete or report: each offered only where the viewer's Guardian allows it."""
    key = target + ":" + item.id.to(str)
    edit = (nav_link(t("forum_ui.edit"), href=routes.FORUM_NEW + "?edit=" + item.id,
                     class_name=f"{SMALL} text-primary inline-flex items-center no-underline") if target == "post"
            else rx.el.button(t("forum_ui.edit"), type="button", on_click=ThreadState.edit_reply(item.id),
                              class_name=f"{SMALL} text-primary"))
    tools = rx.el.div(
        rx.cond(item.can_edit, edit),
        rx.cond(item.can_delete, rx.el.button(t("forum_ui.delete"), type="button", on_click=ThreadState.ask_delete(key),
                                              class_name=f"{SMALL} text-muted", custom_attrs={"data-delete": key})),
        # Reporting is for what one can read: a hidden item shows only a placeholder.
        rx.cond(item.can_report & (item.status == "visible"), rx.el.button(
            t("forum_ui.report"), type="button", on_click=ThreadState.open_report(target, item.id),
            class_name=f"{SMALL} text-muted", custom_attrs={"data-report": key})),
        class_name="flex items-center gap-1",
    )
    return rx.el.div(
        tools,
        rx.cond(ThreadState.reporting == key, _report_form()),
        rx.cond(ThreadState.confirm_delete == key, rx.el.div(
            rx.el.p(t("forum_ui.delete_confirm"), class_name="text-sm"),
            rx.el.div(quiet_button(t("forum_ui.cancel"), type="button", on_click=ThreadState.ask_delete(""),
                                   class_name="flex-1"),
                      primary_button(t("forum_ui.delete"), type="button", on_click=ThreadState.delete,
                                     class_name="flex-1", id="delete-yes"),
                      class_name="flex gap-2"),
            class_name="flex flex-col gap-2 rounded-xl bg-surface-2 p-3",
        )),
        class_name="flex flex-col gap-2",
    )


def _reply(item: rx.Var) -> rx.Component:
    return rx.el.li(
        who_line(item),
        status_note(item),
        rx.cond(
            ThreadState.editing_reply == item.id,
            rx.el.form(rx.el.textarea(name="body", default_value=item.body, rows=3, max_length=REPLY.max,
                                      class_name=TEXTAREA),
                       primary_button(t("common.save"), type="submit"), on_submit=ThreadState.save_reply,
                       class_name="flex flex-col gap-2"),
            rx.el.p(item.body, class_name="whitespace-pre-wrap leading-relaxed"),
        ),
        reactions(item, lambda kind: ThreadState.react("reply", item.id, kind)),
        _item_tools(item, "reply"),
        class_name="flex flex-col gap-2 py-4",
        custom_attrs={"data-reply": item.id},
    )


def _reply_box() -> rx.Component:
    return rx.cond(
        ThreadState.previewing,
        _preview("", ThreadState.preview_body, None, ThreadState.removed, ThreadState.crisis, ThreadState.severity,
                 ThreadState.error_text, ThreadState.back_to_reply, ThreadState.send_reply, "reply-publish"),
        card(
            rx.el.form(
                rx.el.textarea(name="reply", id="reply-body", rows=3, max_length=REPLY.max,
                               default_value=ThreadState.reply_text, placeholder=t("forum_ui.reply_placeholder"),
                               class_name=TEXTAREA, custom_attrs=draft_attrs(REPLY_DRAFT)),
                _anonymous_switch(ThreadState.reply_anonymous, ThreadState.toggle_reply_anonymous),
                banner(ThreadState.error_text, True),
                primary_button(t("forum_ui.check_reply"), type="submit", id="reply-check"),
                on_submit=ThreadState.check_reply,
                class_name="flex flex-col gap-3",
            ),
        ),
    )


def _post(post: rx.Var) -> rx.Component:
    return card(
        rx.el.div(_kind_badge(post.kind), rx.el.span(post.group_name, class_name="text-xs text-muted"),
                  class_name="flex items-center gap-2"),
        rx.cond(post.title != "", rx.el.h2(post.title, class_name="text-xl font-semibold leading-snug",
                                           id="post-title-text")),
        who_line(post),
        status_note(post),
        case_fields(post.case),
        rx.cond(post.body != "", rx.el.p(post.body, class_name="whitespace-pre-wrap leading-relaxed",
                                         id="post-body-text")),
        reactions(post, lambda kind: ThreadState.react("post", post.id, kind)),
        _item_tools(post, "post"),
        class_name="flex flex-col gap-3",
        id="thread-post",
    )


def forum_post() -> rx.Component:
    return app_page(
        routes.FORUM,
        "forum_ui.thread_title",
        _back(),
        banner(ThreadState.notice_text, False),
        rx.cond(ThreadState.has_post, rx.el.div(
            _post(ThreadState.post),
            rx.el.h2(t("forum_ui.replies"), " ", ThreadState.replies.length().to_string(), class_name="font-semibold"),
            rx.cond(ThreadState.replies.length() > 0, card(
                rx.el.ul(rx.foreach(ThreadState.replies, _reply), class_name="flex flex-col divide-y divide-line"),
                class_name="py-0", id="replies")),
            rx.cond(ThreadState.post.can_reply, _reply_box(), mute_note(ThreadState.mute_note)),
            class_name="flex flex-col gap-4",
        ), banner(ThreadState.error_text, True)),
    )
