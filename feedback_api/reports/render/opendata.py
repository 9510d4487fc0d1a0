"""Open data: the report's numbers as CSV (one tidy table) and JSON (a versioned document).

Both are built from explicit field lists, not from the model's internals, so the published
columns and keys only change when JSON_SCHEMA_VERSION does. Suppressed counts are empty (CSV) or
null (JSON) with `suppressed` true: the number is never written.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from feedback_api.reports.content import Count, ReportContent, ThemeSection
from feedback_api.reports.render import words

JSON_SCHEMA_VERSION = 1
JSON_SCHEMA = "yousaid-report"  # with schema_version: what this document is

# The CSV data dictionary (column -> meaning); publish it next to the file.
CSV_COLUMNS: dict[str, str] = {
    "report_slug": "The report's identifier, as in its web address.",
    "period_start": "First day the report covers (YYYY-MM-DD).",
    "period_end": "Last day the report covers (YYYY-MM-DD).",
    "section": "What the row counts: total, audience, age_band, theme, place or action.",
    "theme_id": "For theme and action rows: the theme's number within this report.",
    "label": "Audience, age band, theme (in young people's words), place, or the action itself.",
    "participants": "Distinct people. Empty when suppressed.",
    "suppressed": "true when fewer than `suppression_threshold` people: the number is withheld.",
    "suppression_threshold": "Counts below this are never published.",
    "responses": "Messages (total and theme rows).",
    "previous_participants": "Theme rows: people raising the same theme last period, if published.",
    "trend": "Theme and place rows: up, down, same or new.",
    "agency": "Action rows: who did or will do it.",
    "status": "Action rows: planned, in_progress or done.",
    "due": "Action rows: when it is due (YYYY-MM-DD), if set.",
}

# A spreadsheet treats these leading characters as a formula; text from the public must not run.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _base(content: ReportContent, section: str) -> dict[str, str]:
    row = dict.fromkeys(CSV_COLUMNS, "")
    row.update(
        report_slug=content.slug,
        period_start=content.period_start.isoformat(),
        period_end=content.period_end.isoformat(),
        section=section,
        suppressed="false",
        suppression_threshold=str(content.participation.suppression_threshold),
    )
    return row


def _count_row(content: ReportContent, section: str, count: Count) -> dict[str, str]:
    row = _base(content, section)
    withheld = words.is_withheld(count)
    row.update(
        label=_text(count.label),
        participants="" if withheld else str(count.value),
        suppressed="true" if withheld else "false",
    )
    return row


def _theme_rows(content: ReportContent, theme: ThemeSection) -> list[dict[str, str]]:
    row = _base(content, "theme")
    previous = theme.previous_participants
    row.update(
        theme_id=str(theme.theme_id),
        label=_text(theme.label),
        participants=str(theme.participants),
        responses=str(theme.responses),
        previous_participants="" if previous is None else str(previous),
        trend=theme.trend,
    )
    rows = [row]
    for action in theme.actions:
        arow = _base(content, "action")
        arow.update(
            theme_id=str(theme.theme_id),
            label=_text(action.what),
            agency=_text(action.agency),
            status=action.status,
            due=action.due.isoformat() if action.due else "",
        )
        rows.append(arow)
    return rows


def _total_row(content: ReportContent) -> dict[str, str]:
    part = content.participation
    row = _base(content, "total")
    row.update(
        label="Everyone",
        participants="" if part.total_participants is None else str(part.total_participants),
        suppressed="true" if part.total_participants is None else "false",
        responses="" if part.total_responses is None else str(part.total_responses),
    )
    return row


def csv_rows(content: ReportContent) -> list[dict[str, str]]:
    part = content.participation
    rows = [_total_row(content)]
    rows += [_count_row(content, "audience", c) for c in part.by_audience]
    rows += [_count_row(content, "age_band", c) for c in part.by_age_band]
    for theme in content.themes:
        rows += _theme_rows(content, theme)
    for place in content.places:
        row = _base(content, "place")
        row.update(label=_text(place.name), participants=str(place.participants), trend=place.trend)
        rows.append(row)
    return rows


def render_csv(content: ReportContent) -> str:
    """One tidy table; columns (in order) and their meaning are in CSV_COLUMNS."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_rows(content))
    return buffer.getvalue()


def _count_json(count: Count) -> dict[str, Any]:
    withheld = words.is_withheld(count)
    return {
        "label": count.label,
        "value": None if withheld else count.value,
        "suppressed": withheld,
    }


def _theme_json(theme: ThemeSection) -> dict[str, Any]:
    return {
        "id": theme.theme_id,
        "label": theme.label,
        "summary": theme.summary,
        "participants": theme.participants,
        "responses": theme.responses,
        "previous_participants": theme.previous_participants,
        "trend": theme.trend,
        "sentiment": theme.sentiment,
        "keywords": list(theme.keywords),
        "quotes": list(theme.quotes),
        "harm_types": list(theme.harm_types),
        "aims": list(theme.aims),
        "actions": [
            {
                "agency": a.agency,
                "what": a.what,
                "status": a.status,
                "due": a.due.isoformat() if a.due else None,
                "evidence_url": a.evidence_url,
            }
            for a in theme.actions
        ],
    }


def report_document(content: ReportContent) -> dict[str, Any]:
    part = content.participation
    totals = words.action_totals(content)
    return {
        "schema": JSON_SCHEMA,
        "schema_version": JSON_SCHEMA_VERSION,
        "slug": content.slug,
        "title": content.title,
        "partnership": content.partnership,
        "campaign": content.campaign,
        "period": {
            "start": content.period_start.isoformat(),
            "end": content.period_end.isoformat(),
        },
        "published_at": content.published_at.isoformat() if content.published_at else None,
        "introduction": content.introduction,
        "participation": {
            "total_participants": part.total_participants,
            "total_responses": part.total_responses,
            "by_audience": [_count_json(c) for c in part.by_audience],
            "by_age_band": [_count_json(c) for c in part.by_age_band],
            "suppression_threshold": part.suppression_threshold,
            "suppression_note": part.suppression_note,
        },
        "actions_summary": {
            "done": totals.done,
            "in_progress": totals.in_progress,
            "planned": totals.planned,
        },
        "themes": [_theme_json(t) for t in content.themes],
        "places": [
            {"name": p.name, "participants": p.participants, "trend": p.trend}
            for p in content.places
        ],
        "what_happens_next": content.what_happens_next,
        "contact": content.contact,
        "help_lines": list(content.help_lines),
        "method_note": content.method_note,
    }


def render_json(content: ReportContent) -> str:
    """Pretty, UTF-8 (not \\u-escaped) JSON with a fixed key order and a schema version."""
    return json.dumps(report_document(content), ensure_ascii=False, indent=2) + "\n"
