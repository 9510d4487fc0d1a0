"""Building a "you said, we did" report from the system of record.

Everything that leaves here is publishable: counts under k are withheld, themes and places need
k distinct people behind them, quotes are redacted, screened, and only from people who agreed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from consent.models import Participant, Response
from consent.service import consent_state
from feedback_api.actions.models import Action
from feedback_api.reports.content import (
    ActionItem,
    Count,
    Participation,
    Place,
    ReportContent,
    ThemeSection,
)
from feedback_api.reports.suppress import complementary_cell, suppress_breakdown, suppressed_total
from feedback_api.settings import Settings
from feedback_api.themes.models import Theme, ThemeAssignment

AUDIENCE_LABELS = {"young_person": "Young people", "parent_carer": "Parents and carers"}
AGE_LABELS = {"13_15": "13 to 15", "16_17": "16 to 17", "18_25": "18 to 25", "adult": "Adults"}
MAX_QUOTES = 3
INTRODUCTION = (
    "Children, young people and families told us what life is like outside home: where they feel "
    "safe, where they don't, and what would help. This is what you said, and what we did about it."
)
WHAT_NEXT = (
    "We will keep listening. Every agency named here reports back on its actions at the next "
    "partnership board, and the next report will say what changed."
)
METHOD = (
    "Themes were found by grouping what people wrote by meaning (sentence embeddings), then "
    "checked and named by participation workers. A theme, place or number is only shown when at "
    "least {k} different people stand behind it. Quotes are only from people who agreed to be "
    "quoted, with names, places and contact details removed. Sentiment is a rough guide only: it "
    "misreads slang."
)
HELP_LINES = [
    "In danger now: call 999",
    "Childline: 0800 1111 (free, any time)",
    "Shout: text SHOUT to 85258",
]


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (
        datetime.combine(start, time.min, UTC),
        datetime.combine(end + timedelta(days=1), time.min, UTC),
    )


def _window(query: Any, start: date, end: date, campaign: str) -> Any:
    lo, hi = _bounds(start, end)
    return query.where(
        Response.campaign == campaign, Response.created_at >= lo, Response.created_at < hi
    )


def slug_for(campaign: str, start: date, end: date) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", campaign.lower()).strip("-") or "report"
    return f"{base}-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}"


def build_content(
    session: Session,
    *,
    settings: Settings,
    campaign: str,
    start: date,
    end: date,
    slug: str,
    title: str | None = None,
    introduction: str | None = None,
    what_happens_next: str | None = None,
) -> ReportContent:
    k = settings.k_anonymity
    rows = session.execute(
        _window(
            select(Response.participant_id, Response.audience, Response.age_band),
            start,
            end,
            campaign,
        )
    ).all()
    people = {r.participant_id for r in rows}
    audiences: dict[str, set[int]] = defaultdict(set)
    ages: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        audiences[r.audience].add(r.participant_id)
        if r.age_band in AGE_LABELS:
            ages[r.age_band].add(r.participant_id)
    participation = Participation(
        total_participants=suppressed_total(len(people), k),
        total_responses=suppressed_total(len(rows), k) if len(people) >= k else None,
        by_audience=_counts({AUDIENCE_LABELS.get(a, a): len(p) for a, p in audiences.items()}, k),
        by_age_band=_counts({AGE_LABELS[a]: len(ages[a]) for a in AGE_LABELS if a in ages}, k),
        suppression_note=f"Numbers under {k} are not shown, so nobody can be identified.",
        suppression_threshold=k,
    )
    length = end - start
    previous = _theme_people(
        session, campaign, start - length - timedelta(days=1), start - timedelta(days=1)
    )
    themes = _theme_sections(session, settings, campaign, start, end, previous)
    period = f"{start:%-d %B %Y} to {end:%-d %B %Y}"
    door, phone = settings.front_door_name, settings.front_door_phone
    return ReportContent(
        slug=slug,
        title=title or f"You said, we did: {campaign.replace('-', ' ')}, {period}",
        partnership=settings.partnership_name,
        campaign=campaign,
        period_start=start,
        period_end=end,
        introduction=introduction or INTRODUCTION,
        participation=participation,
        themes=themes,
        places=_places(session, campaign, start, end, k),
        what_happens_next=what_happens_next or WHAT_NEXT,
        contact=f"Worried about a child? Contact {door} on {phone}.",
        help_lines=[*HELP_LINES, f"{door}: {phone}"],
        method_note=METHOD.format(k=k),
    )


def _counts(values: dict[str, int], k: int) -> list[Count]:
    shown = suppress_breakdown(values, k)
    extra = complementary_cell(values, k)
    return [
        Count(
            label=label,
            value=shown[label],
            suppressed=shown[label] is None,
            complementary=label == extra,
        )
        for label in values
    ]


def _theme_people(session: Session, campaign: str, start: date, end: date) -> dict[int, int]:
    query = _window(
        select(ThemeAssignment.theme_id, func.count(func.distinct(Response.participant_id)))
        .join(Response, Response.id == ThemeAssignment.response_id)
        .group_by(ThemeAssignment.theme_id),
        start,
        end,
        campaign,
    )
    return {int(t): int(n) for t, n in session.execute(query)}


def _theme_sections(
    session: Session,
    settings: Settings,
    campaign: str,
    start: date,
    end: date,
    previous: dict[int, int],
) -> list[ThemeSection]:
    k = settings.k_anonymity
    current = _theme_people(session, campaign, start, end)
    themes = session.scalars(
        select(Theme).where(
            Theme.id.in_(list(current)), Theme.status == "active", Theme.key != "other"
        )
    ).all()
    sections = []
    for theme in sorted(themes, key=lambda t: -current[t.id]):
        people = current[theme.id]
        if people < k:
            continue
        before = previous.get(theme.id)
        before = before if before is not None and before >= k else None
        responses = (
            session.scalar(
                _window(
                    select(func.count())
                    .select_from(ThemeAssignment)
                    .join(Response, Response.id == ThemeAssignment.response_id)
                    .where(ThemeAssignment.theme_id == theme.id),
                    start,
                    end,
                    campaign,
                )
            )
            or 0
        )
        sections.append(
            ThemeSection(
                theme_id=theme.id,
                label=theme.label,
                summary=theme.description or f"{people} people raised this.",
                participants=people,
                responses=responses,
                previous_participants=before,
                trend=_trend(people, before),
                sentiment=theme.sentiment,
                keywords=theme.keywords[:6],
                quotes=_quotes(session, theme.id, campaign, start, end),
                harm_types=theme.harm_types,
                aims=theme.aims,
                actions=_actions(session, theme.id),
            )
        )
    return sections


def _trend(now: int, before: int | None) -> str:
    if before is None:
        return "new"
    if now > before * 1.1:
        return "up"
    if now < before * 0.9:
        return "down"
    return "same"


def _quotes(session: Session, theme_id: int, campaign: str, start: date, end: date) -> list[str]:
    from nlu.redact import redact
    from nlu.screen import Level, default_screener

    candidates = session.execute(
        _window(
            select(Response.participant_id, Response.text)
            .join(ThemeAssignment, ThemeAssignment.response_id == Response.id)
            .where(ThemeAssignment.theme_id == theme_id, Response.text.is_not(None))
            .order_by(ThemeAssignment.score.desc(), Response.id),
            start,
            end,
            campaign,
        ).limit(200)
    ).all()
    may_quote: dict[int, bool] = {}
    eligible: list[tuple[int, str]] = []
    for participant_id, text in candidates:
        if not text or not 15 <= len(text) <= 280:
            continue
        if participant_id not in may_quote:
            person = session.get(Participant, participant_id)
            may_quote[participant_id] = person is not None and (
                consent_state(session, participant=person).may_quote
            )
        if may_quote[participant_id]:
            eligible.append((participant_id, text))
    # A quote must never carry a disclosure into a public report; screened in one batch.
    screened = default_screener().screen_many([text for _, text in eligible])
    quotes: list[str] = []
    used: set[int] = set()
    for (participant_id, text), result in zip(eligible, screened, strict=True):
        if participant_id in used or result.level is not Level.NONE:
            continue
        quotes.append(redact(text).text.strip())
        used.add(participant_id)
        if len(quotes) == MAX_QUOTES:
            break
    return quotes


def _actions(session: Session, theme_id: int) -> list[ActionItem]:
    return [
        ActionItem(
            agency=a.agency,
            what=a.description,
            status=a.status,
            due=a.due_date,
            evidence_url=a.evidence_url,
        )
        for a in session.scalars(
            select(Action).where(Action.theme_id == theme_id).order_by(Action.id)
        )
    ]


def place_hotspots(session: Session, *, campaign: str | None, start: date, end: date) -> list[Any]:
    """Places people named in the period (distinct people), with the trend on the period before."""
    from nlu.theming.places import hotspots

    length = end - start
    windows = (
        ("1-previous", start - length - timedelta(days=1), start - timedelta(days=1)),
        ("2-current", start, end),
    )

    def records() -> Any:
        for label, lo, hi in windows:
            lo_t, hi_t = _bounds(lo, hi)
            query = select(Response.participant_id, Response.text).where(
                Response.text.is_not(None), Response.created_at >= lo_t, Response.created_at < hi_t
            )
            if campaign:
                query = query.where(Response.campaign == campaign)
            for participant_id, text in session.execute(query):
                yield participant_id, label, text

    return hotspots(records(), current_period="2-current")


def _places(session: Session, campaign: str, start: date, end: date, k: int) -> list[Place]:
    spots = place_hotspots(session, campaign=campaign, start=start, end=end)
    return [
        Place(
            name=h.name,
            participants=h.participants,
            trend=_trend(h.participants, h.previous if h.previous >= k else None),
        )
        for h in spots
        if h.participants >= k
    ][:10]
