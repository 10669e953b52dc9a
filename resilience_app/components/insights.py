"""The pieces of Looking back: the streak card, the week's reflection, the month calendar and
the weekly pleasant-share chart. The Sunday review reuses the reflection card."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.ui import banner, card, nav_link, t
from resilience_app.state.insights import InsightsState

ARROW = "size-11 flex items-center justify-center rounded-xl text-ink disabled:opacity-30"


def _stepper(label: rx.Var, on_prev, on_next, at_end: rx.Var, prev_key: str, next_key: str, id: str) -> rx.Component:
    """‹ label ›: the previous / next week or month (nothing after the current one)."""
    return rx.el.div(
        rx.el.button(rx.icon("chevron-left", size=22), type="button", on_click=on_prev,
                     aria_label=t(prev_key), class_name=ARROW),
        # The card's title, so its h3 sections follow an h2 (no skipped heading level).
        rx.el.h2(label, class_name="font-semibold text-center flex-1", id=id, aria_live="polite"),
        rx.el.button(rx.icon("chevron-right", size=22), type="button", on_click=on_next, disabled=at_end,
                     aria_label=t(next_key), class_name=ARROW),
        class_name="flex items-center gap-1 -mx-2",
    )


def streak_card() -> rx.Component:
    return card(
        rx.el.div(
            rx.el.span(rx.icon("sprout", size=24), class_name="size-12 rounded-2xl bg-accent-soft text-accent flex "
                                                               "items-center justify-center shrink-0"),
            rx.el.div(
                rx.el.p(InsightsState.streak_text, class_name="text-2xl font-bold leading-tight", id="streak-current"),
                rx.el.p(InsightsState.longest_text, " · ", InsightsState.rest_text,
                        class_name="text-sm text-muted mt-0.5", id="streak-details"),
            ),
            class_name="flex gap-3 items-center",
        ),
        rx.cond(~InsightsState.logged_today,
                rx.el.p(t("insights.streak.today_open"), class_name="text-sm leading-relaxed")),
        rx.el.div(
            rx.el.div(
                rx.el.span(t("insights.streak.consistency"), class_name="text-sm"),
                rx.el.span(InsightsState.consistency.to_string(), "%", class_name="font-semibold", id="consistency"),
                class_name="flex justify-between items-baseline",
            ),
            rx.el.div(
                rx.el.div(class_name="h-full rounded-full bg-accent",
                          style={"width": InsightsState.consistency.to_string() + "%"}),
                class_name="h-2 rounded-full bg-surface-2 overflow-hidden mt-1.5",
                role="progressbar", aria_valuenow=InsightsState.consistency, aria_valuemin=0, aria_valuemax=100,
                aria_label=t("insights.streak.consistency"),
            ),
            rx.el.p(t("insights.streak.consistency_hint"), class_name="text-xs text-muted mt-1.5 leading-relaxed"),
        ),
        rx.el.p(t("insights.streak.rest_explain"), class_name="text-xs text-muted leading-relaxed"),
        class_name="flex flex-col gap-3",
        id="streak-card",
    )


def _chips(title_key: str, chips: rx.Var) -> rx.Component:
    return rx.cond(
        chips.length() > 0,
        rx.el.div(
            rx.el.h3(t(title_key), class_name="text-sm font-semibold text-muted"),
            rx.el.ul(
                rx.foreach(chips, lambda chip: rx.el.li(
                    chip.label, rx.el.span(" ×", chip.count.to_string(), class_name="text-muted"),
                    class_name="px-3 py-1.5 rounded-full bg-surface-2 border border-line text-sm",
                )),
                class_name="flex flex-wrap gap-2 mt-2",
            ),
        ),
    )


def _quadrant_bar() -> rx.Component:
    return rx.cond(
        InsightsState.quadrant_shares.length() > 0,
        rx.el.div(
            rx.el.h3(t("insights.quadrants"), class_name="text-sm font-semibold text-muted"),
            rx.el.div(
                rx.foreach(InsightsState.quadrant_shares, lambda q: rx.el.div(
                    class_name="h-full q-dot", custom_attrs={"data-q": q.color},
                    style={"width": q.percent.to_string() + "%"},
                )),
                class_name="flex h-3 rounded-full overflow-hidden bg-surface-2 mt-2",
                aria_hidden="true",
            ),
            rx.el.ul(
                rx.foreach(InsightsState.quadrant_shares, lambda q: rx.el.li(
                    rx.el.span(class_name="size-2.5 rounded-full q-dot shrink-0", custom_attrs={"data-q": q.color}),
                    q.label, rx.el.span(q.count.to_string(), class_name="text-muted ml-auto"),
                    class_name="flex items-center gap-2 text-sm",
                )),
                class_name="grid grid-cols-2 gap-x-4 gap-y-1 mt-2",
            ),
        ),
    )


def reflection_card(with_stepper: bool = True) -> rx.Component:
    """This week (or the week chosen) in sentences and numbers."""
    heading = (
        _stepper(InsightsState.week_range, InsightsState.show_week(-1), InsightsState.show_week(1),
                 InsightsState.at_this_week, "insights.week.prev", "insights.week.next", "week-range")
        if with_stepper else
        rx.el.h2(t("insights.week.title"), " · ", InsightsState.week_range, class_name="font-semibold")
    )
    return card(
        heading,
        banner(InsightsState.error_text, True),
        rx.el.div(
            rx.foreach(InsightsState.sentences, lambda line: rx.el.p(line, class_name="leading-relaxed")),
            class_name="flex flex-col gap-2", id="reflection-sentences",
        ),
        rx.el.dl(
            rx.foreach(InsightsState.stats, lambda stat: rx.el.div(
                rx.el.dt(t(stat.key), class_name="text-xs text-muted leading-tight"),
                rx.el.dd(stat.value, class_name="text-xl font-bold"),
                class_name="rounded-xl bg-surface-2 px-2 py-2 flex flex-col-reverse",
            )),
            class_name="grid grid-cols-4 gap-2",
        ),
        _quadrant_bar(),
        _chips("insights.top_emotions", InsightsState.top_emotions),
        _chips("insights.top_causes", InsightsState.top_causes),
        rx.cond(
            InsightsState.highlights.length() > 0,
            rx.el.div(
                rx.el.h3(t("insights.highlights"), class_name="text-sm font-semibold text-muted"),
                rx.el.ul(rx.foreach(InsightsState.highlights, lambda win: rx.el.li(
                    rx.icon("star", size=16, class_name="text-accent shrink-0 mt-1"), rx.el.span(win),
                    class_name="flex gap-2 leading-relaxed")), class_name="flex flex-col gap-1.5 mt-2"),
            ),
        ),
        class_name="flex flex-col gap-4",
        id="reflection-card",
    )


def _day_cell(day: rx.Var) -> rx.Component:
    number = rx.el.span(day.day.to_string(), class_name="text-sm")
    return rx.cond(
        day.day == 0,
        rx.el.span(class_name="aspect-square"),
        rx.el.span(
            rx.cond(day.rest, rx.el.span(t("insights.calendar.rest_mark"), class_name="text-[10px] leading-none"),
                    number),
            class_name=rx.cond(
                day.color != "",
                "aspect-square rounded-full flex items-center justify-center q-day font-semibold",
                rx.cond(
                    day.rest, "aspect-square rounded-full flex items-center justify-center border-2 border-dashed "
                              "border-accent text-accent-ink",
                    rx.cond(day.logged, "aspect-square rounded-full flex items-center justify-center border-2 "
                                        "border-primary text-ink",
                            # Days to come in a lighter weight, not faded: faded numbers fail 4.5:1.
                            rx.cond(day.future, "aspect-square rounded-full flex items-center justify-center "
                                                "text-muted font-light",
                                    "aspect-square rounded-full flex items-center justify-center text-muted "
                                    "font-medium")),
                ),
            ),
            custom_attrs={"data-q": day.color, "data-today": rx.cond(day.today, "true", "false")},
            role="img",
            aria_label=day.label,
            title=day.label,
        ),
    )


def _legend_item(swatch: rx.Component, label) -> rx.Component:
    return rx.el.li(swatch, label, class_name="flex items-center gap-1.5")


def month_calendar() -> rx.Component:
    weekdays = t("insights.calendar.weekdays").to(str).split(" ")
    return card(
        _stepper(InsightsState.month_label, InsightsState.show_month(-1), InsightsState.show_month(1),
                 InsightsState.at_this_month, "insights.calendar.prev", "insights.calendar.next", "month-label"),
        rx.el.div(
            rx.foreach(weekdays, lambda name: rx.el.span(name, class_name="text-xs text-muted text-center")),
            class_name="grid grid-cols-7 gap-1.5",
            aria_hidden="true",
        ),
        rx.el.div(
            rx.foreach(InsightsState.calendar, lambda week: rx.foreach(week, _day_cell)),
            class_name="grid grid-cols-7 gap-1.5 month-grid",
            id="month-calendar",
        ),
        rx.el.p(InsightsState.month_summary, class_name="text-sm text-muted"),
        rx.el.ul(
            rx.foreach(InsightsState.quadrant_legend, lambda q: _legend_item(
                rx.el.span(class_name="size-3 rounded-full q-day", custom_attrs={"data-q": q.color}), q.label)),
            _legend_item(rx.el.span(class_name="size-3 rounded-full border-2 border-dashed border-accent"),
                         t("insights.calendar.legend_rest")),
            _legend_item(rx.el.span(class_name="size-3 rounded-full border-2 border-primary"),
                         t("insights.calendar.legend_logged")),
            class_name="flex flex-wrap gap-x-4 gap-y-1.5 text-xs text-muted",
        ),
        class_name="flex flex-col gap-3",
        id="calendar-card",
    )


def trend_chart() -> rx.Component:
    return card(
        rx.el.h2(t("insights.trend.title"), class_name="font-semibold"),
        rx.cond(
            InsightsState.has_trend,
            rx.el.div(
                rx.recharts.bar_chart(
                    rx.recharts.cartesian_grid(vertical=False, stroke_dasharray="3 3", stroke="var(--line)"),
                    rx.recharts.x_axis(data_key="label", tick_line=False, interval=1, font_size=11,
                                       stroke="var(--muted)"),
                    rx.recharts.y_axis(domain=[0, 100], ticks=[0, 50, 100], width=48, tick_line=False,
                                       font_size=11, stroke="var(--muted)", unit="%", allow_decimals=False),
                    rx.recharts.bar(data_key="share", name=t("insights.trend.series"), fill="var(--accent)",
                                    radius=[6, 6, 0, 0], is_animation_active=False, unit="%"),
                    data=InsightsState.trend,
                    width="100%",
                    height=180,
                    margin={"top": 8, "right": 4, "left": 0, "bottom": 0},
                ),
                id="trend-chart",
                role="img",
                aria_label=t("insights.trend.title"),
            ),
            rx.el.p(t("insights.trend.empty"), class_name="text-sm text-muted leading-relaxed"),
        ),
        rx.el.p(t("insights.trend.note"), class_name="text-xs text-muted leading-relaxed"),
        class_name="flex flex-col gap-3",
        id="trend-card",
    )


def insights_link() -> rx.Component:
    """The way in from Journal and Today."""
    return nav_link(
        rx.el.span(rx.icon("calendar-heart", size=22), class_name="size-11 rounded-xl bg-accent-soft text-accent "
                                                                   "flex items-center justify-center shrink-0"),
        rx.el.span(t("insights.link"), class_name="flex-1 font-semibold"),
        rx.icon("chevron-right", size=20, class_name="text-muted"),
        href=routes.INSIGHTS,
        class_name="flex items-center gap-3 min-h-16 px-4 py-3 rounded-2xl bg-surface border border-line text-ink "
                   "no-underline",
        id="insights-link",
    )


def streak_chip() -> rx.Component:
    """Today's one line about the streak, once there is one to speak of."""
    return rx.cond(
        InsightsState.longest_streak > 0,
        nav_link(
            rx.icon("sprout", size=16, class_name="text-accent"),
            rx.el.span(InsightsState.streak_text, class_name="font-semibold"),
            rx.icon("chevron-right", size=16, class_name="text-muted"),
            href=routes.INSIGHTS,
            aria_label=InsightsState.streak_text + " · " + t("insights.title").to(str),
            class_name="flex items-center gap-1 min-h-11 pl-3 pr-2 -mr-2 text-sm text-ink no-underline shrink-0",
            id="streak-chip",
        ),
    )
