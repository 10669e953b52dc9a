"""Looking back (回看): the streak, the week's reflection, the month calendar, the weekly trend."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.insights import month_calendar, reflection_card, streak_card, trend_chart
from resilience_app.components.shell import app_page
from resilience_app.components.ui import nav_link, t


def insights() -> rx.Component:
    return app_page(
        routes.JOURNAL,
        "insights.title",
        streak_card(),
        reflection_card(),
        month_calendar(),
        trend_chart(),
        nav_link(t("review.to_journal"), href=routes.JOURNAL, class_name="text-primary text-sm min-h-11 flex items-center"),
    )
