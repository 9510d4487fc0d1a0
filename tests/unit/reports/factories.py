"""Report content for tests: the realistic sample, changed only where a test needs it."""

from __future__ import annotations

from typing import Any

from feedback_api.reports.content import ActionItem, Count, ReportContent, ThemeSection
from feedback_api.reports.render import sample_content

# A number that appears nowhere else in the sample, so finding it anywhere means it leaked.
SECRET = 987654


def make_action(**overrides: Any) -> ActionItem:
    fields: dict[str, Any] = {
        "agency": "Youth Service",
        "what": "Open the club later.",
        "status": "done",
    }
    return ActionItem(**(fields | overrides))


def make_theme(theme_id: int = 99, **overrides: Any) -> ThemeSection:
    fields: dict[str, Any] = {
        "theme_id": theme_id,
        "label": f"Theme number {theme_id}",
        "summary": "People said something important.",
        "participants": 12,
        "responses": 14,
        "quotes": ["It happens every week."],
        "actions": [make_action()],
    }
    return ThemeSection(**(fields | overrides))


def make_content(**overrides: Any) -> ReportContent:
    return sample_content().model_copy(update=overrides)


def with_quote(quote: str) -> ReportContent:
    return make_content(themes=[make_theme(quotes=[quote])])


def with_leaky_suppressed_count(threshold: int = 5) -> ReportContent:
    """A suppressed count that wrongly still carries its number: renderers must ignore it."""
    content = sample_content()
    participation = content.participation.model_copy(
        update={
            "by_age_band": [
                Count(label="11 to 12", value=SECRET, suppressed=True),
                Count(label="13 to 15", value=None, suppressed=True),
                Count(label="16 to 17", value=44),
            ],
            "suppression_threshold": threshold,
        }
    )
    return content.model_copy(update={"participation": participation})
