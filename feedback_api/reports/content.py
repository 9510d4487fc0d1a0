"""What a "you said, we did" report says, as data: built by the report service (already
suppressed and redacted), rendered to HTML, PDF, Markdown, CSV and JSON by `reports.render`.

Everything in a ReportContent is publishable: small numbers are already suppressed (None plus a
`suppressed` flag) and quotes are redacted text from people who agreed to be quoted.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field


class Count(BaseModel):
    """A count that may be withheld because fewer than k people stand behind it."""

    label: str
    value: int | None  # None when suppressed
    suppressed: bool = False
    # Withheld although not small, so a small neighbour cannot be worked out from the total.
    complementary: bool = False


class Participation(BaseModel):
    total_participants: int | None  # None when suppressed
    total_responses: int | None
    by_audience: list[Count] = Field(default_factory=list)  # "Young people", "Parents and carers"
    by_age_band: list[Count] = Field(default_factory=list)  # "13 to 15", ...
    suppression_note: str  # e.g. "Numbers under 5 are not shown, so nobody can be identified."
    # k: counts below this are withheld; renderers say "fewer than {k}" and never the number
    suppression_threshold: int = 5


class ActionItem(BaseModel):
    agency: str
    what: str  # what was done or committed
    status: str  # planned | in_progress | done
    due: date | None = None
    evidence_url: str | None = None


class ThemeSection(BaseModel):
    theme_id: int
    label: str  # in young people's words, e.g. "Not feeling safe at the bus station at night"
    summary: str  # one or two sentences, plain English
    participants: int  # distinct people (always >= k here; smaller themes are not in the report)
    responses: int
    previous_participants: int | None = None  # same theme in the previous period, if published
    trend: str = "new"  # up | down | same | new
    sentiment: float | None = None  # -1..1, weak signal
    keywords: list[str] = Field(default_factory=list)
    quotes: list[str] = Field(default_factory=list)  # redacted, consented, at most 3
    harm_types: list[str] = Field(default_factory=list)
    aims: list[str] = Field(default_factory=list)  # Prepare / Prevent / Protect / Pursue
    actions: list[ActionItem] = Field(default_factory=list)  # "we did"


class Place(BaseModel):
    name: str
    participants: int
    trend: str = "new"


class ReportContent(BaseModel):
    slug: str
    title: str  # e.g. "You said, we did: feeling safe outside home, July to September 2026"
    partnership: str  # e.g. "Northbridge Safeguarding Children Partnership"
    campaign: str
    period_start: date
    period_end: date
    published_at: datetime | None = None  # None while a draft
    introduction: str
    participation: Participation
    themes: list[ThemeSection]
    places: list[Place] = Field(default_factory=list)
    what_happens_next: str
    contact: str  # how to get help / give more views
    help_lines: list[str] = Field(default_factory=list)  # Childline 0800 1111, Shout 85258, ...
    method_note: str  # how themes were found; small numbers; sentiment caveat
