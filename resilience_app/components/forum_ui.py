"""Pieces of the peer forum: a post card, reactions, the check before publishing, the help card.

All user text is rendered as text children (React escapes it): HTML in a post is shown, never run.
"""

import reflex as rx

from resilience_app.components.help_lines import help_card
from resilience_app.components.ui import t

CHIP = "inline-flex items-center gap-1 min-h-11 px-3 rounded-full text-sm border cursor-pointer"
KIND_BADGE = "text-xs font-semibold px-2 py-0.5 rounded-full bg-primary-soft text-primary"


def who_line(item: rx.Var) -> rx.Component:
    return rx.el.p(
        rx.cond(item.anonymous, rx.icon("venetian-mask", size=14, class_name="shrink-0"), rx.fragment()),
        rx.el.span(item.who, class_name="font-medium", custom_attrs={"data-who": ""}),
        rx.el.span("·"), rx.el.span(item.when),
        rx.cond(item.edited, rx.el.span("· ", t("forum_ui.edited"))),
        class_name="flex items-center gap-1.5 text-xs text-muted flex-wrap",
    )


def status_note(item: rx.Var) -> rx.Component:
    return rx.cond(
        item.status != "visible",
        rx.el.p(t("forum.status." + item.status.to(str)),
                class_name="text-sm text-muted italic", custom_attrs={"data-status": item.status}),
    )


def reactions(item: rx.Var, on_react) -> rx.Component:
    """我懂你 · 抱抱 · 有用: counts for everyone, buttons where you may react (pressed for the ones you
    gave); never on your own items, nor while muted."""
    def one(reaction: rx.Var) -> rx.Component:
        label = rx.el.span(t("forum.reaction." + reaction.kind.to(str)))
        count = rx.el.span(reaction.count.to_string(), class_name="font-semibold")
        return rx.cond(
            item.can_react,
            rx.el.button(
                label, count, type="button", on_click=on_react(reaction.kind),
                aria_pressed=rx.cond(reaction.mine, "true", "false"),
                custom_attrs={"data-react": reaction.kind},
                class_name=rx.cond(reaction.mine, f"{CHIP} bg-accent-soft border-accent text-ink",
                                   f"{CHIP} bg-surface border-line text-ink"),
            ),
            rx.el.span(label, count, class_name="inline-flex items-center gap-1 text-sm text-muted px-1"),
        )

    return rx.cond(item.status == "visible",
                   rx.el.div(rx.foreach(item.reactions, one), class_name="flex flex-wrap gap-2"))


def mute_note(text: rx.Var) -> rx.Component:
    """In place of what a muted member can't do for now: that they can still read, and until when."""
    return rx.cond(
        text != "",
        rx.el.p(rx.icon("pause", size=16, class_name="shrink-0 mt-0.5"), rx.el.span(text),
                class_name="flex items-start gap-2 rounded-xl bg-surface-2 border border-line px-4 py-3 text-sm "
                           "leading-relaxed", role="status", custom_attrs={"data-muted": ""}),
    )


def case_fields(fields: rx.Var) -> rx.Component:
    return rx.el.dl(
        rx.foreach(fields, lambda f: rx.el.div(
            rx.el.dt(t(f.key), class_name="text-xs font-semibold text-muted"),
            rx.el.dd(f.text, class_name="whitespace-pre-wrap leading-relaxed"),
        )),
        class_name="flex flex-col gap-2",
    )


def removed_list(removed: rx.Var) -> rx.Component:
    """What the check took out before anyone else can read it."""
    return rx.cond(
        removed.length() > 0,
        rx.el.div(
            rx.el.p(rx.icon("shield-check", size=18, class_name="shrink-0"), t("forum_ui.removed_title"),
                    class_name="flex items-center gap-2 font-semibold"),
            rx.el.p(t("forum_ui.removed_body"), class_name="text-sm text-muted leading-relaxed"),
            rx.el.ul(
                rx.foreach(removed, lambda r: rx.el.li(
                    rx.el.span(t(r.kind_key), class_name="font-medium"),
                    rx.el.span(r.value, class_name="line-through text-muted break-all"),
                    rx.el.span(t(r.field_key), class_name="text-xs text-muted"),
                    class_name="flex flex-wrap gap-x-2 items-baseline text-sm",
                )),
                class_name="flex flex-col gap-1", id="removed-list",
            ),
            class_name="rounded-xl bg-surface-2 border border-line p-4 flex flex-col gap-2",
        ),
        rx.el.p(rx.icon("shield-check", size=16, class_name="shrink-0"), t("forum_ui.nothing_removed"),
                class_name="flex items-center gap-2 text-sm text-muted"),
    )


def _crisis_card(urgent: bool) -> rx.Component:
    still_post = rx.el.p(t("forum_ui.crisis.still_post"), class_name="text-sm text-muted leading-relaxed")
    return help_card(urgent, title_key="forum_ui.crisis.title", body_key="forum_ui.crisis.body", after=(still_post,),
                     card_id="crisis-card")


def crisis_card(acute: rx.Var) -> rx.Component:
    """Shown to the author before publishing words that sound like they want to die or hurt
    themselves: warm, no judgement, real help (data/hotlines.json). When the words are acute (means
    or timing with intent, or harm already done), the numbers come first, large, with a line that
    someone can answer right now."""
    return rx.cond(acute, _crisis_card(True), _crisis_card(False))
