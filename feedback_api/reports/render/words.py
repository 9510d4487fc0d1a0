"""Wording shared by every format, so HTML, PDF and Markdown say exactly the same thing.

The one rule that matters most lives here: a suppressed count is written as "fewer than k",
never as a number, whatever value (if any) the Count carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from feedback_api.reports.content import Count, ReportContent, ThemeSection

STATUSES = ("done", "in_progress", "planned")
_STATUS_LABELS = {"done": "Done", "in_progress": "In progress", "planned": "Planned"}
NO_THEMES = (
    "Not enough people raised the same thing for us to report a theme without risking "
    "identifying someone. Everything you told us was still read."
)
TREND_ARROWS = {"up": "↑", "down": "↓", "same": "→", "new": "★"}


def long_date(day: date | datetime) -> str:
    """UK style: 2 November 2026."""
    return f"{day.day} {day:%B %Y}"


def period_text(content: ReportContent) -> str:
    return f"{long_date(content.period_start)} to {long_date(content.period_end)}"


def published_text(content: ReportContent) -> str:
    if content.published_at is None:
        return "Draft: not yet published"
    return f"Published {long_date(content.published_at)}"


def fewer_than(content: ReportContent) -> str:
    return f"fewer than {content.participation.suppression_threshold}"


def is_withheld(count: Count) -> bool:
    return count.suppressed or count.value is None


def count_text(count: Count, content: ReportContent) -> str:
    if count.complementary:
        return "not shown"  # not small itself: "fewer than k" would be untrue
    return fewer_than(content) if is_withheld(count) else f"{count.value:,}"


def total_text(value: int | None, content: ReportContent) -> str:
    return fewer_than(content) if value is None else f"{value:,}"


def people(n: int) -> str:
    return f"{n:,} {'person' if n == 1 else 'people'}"


def messages(n: int) -> str:
    return f"{n:,} {'message' if n == 1 else 'messages'}"


def trend_text(trend: str, previous: int | None) -> str:
    """Plain-English trend against the previous period."""
    if trend == "up":
        return "More than last time" + (f" (up from {previous:,})" if previous else "")
    if trend == "down":
        return "Fewer than last time" + (f" (down from {previous:,})" if previous else "")
    if trend == "same":
        return "About the same as last time" + (f" ({previous:,})" if previous else "")
    return "New this time"


def theme_trend_text(theme: ThemeSection) -> str:
    return trend_text(theme.trend, theme.previous_participants)


def status_label(status: str) -> str:
    return _STATUS_LABELS.get(status, status.replace("_", " ").capitalize())


@dataclass(frozen=True)
class ActionTotals:
    done: int
    in_progress: int
    planned: int

    @property
    def total(self) -> int:
        return self.done + self.in_progress + self.planned


def action_totals(content: ReportContent) -> ActionTotals:
    statuses = [a.status for t in content.themes for a in t.actions]
    return ActionTotals(
        done=statuses.count("done"),
        in_progress=statuses.count("in_progress"),
        planned=statuses.count("planned"),
    )
