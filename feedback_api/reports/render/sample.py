"""A realistic, entirely fictional report (Northbridge is not a real partnership) for previews,
design reviews and tests. The quotes deliberately include curly quotes, Polish letters and an
emoji, because real young people write like that and every format must cope."""

from __future__ import annotations

from datetime import UTC, date, datetime

from feedback_api.reports.content import (
    ActionItem,
    Count,
    Participation,
    Place,
    ReportContent,
    ThemeSection,
)


def _participation() -> Participation:
    return Participation(
        total_participants=163,
        total_responses=241,
        by_audience=[
            Count(label="Young people", value=131),
            Count(label="Parents and carers", value=32),
        ],
        by_age_band=[
            Count(label="11 to 12", value=None, suppressed=True),
            Count(label="13 to 15", value=58),
            Count(label="16 to 17", value=44),
            Count(label="18 to 25", value=25),
            Count(label="Preferred not to say", value=None, suppressed=True),
        ],
        suppression_note="Numbers under 5 are not shown, so nobody can be identified.",
    )


def _bus_station() -> ThemeSection:
    return ThemeSection(
        theme_id=1,
        label="Not feeling safe at the bus station after dark",
        summary=(
            "Many of you said the bus station feels unsafe in the evening: it is badly lit, "
            "there are no staff after 7pm and groups of older people hang around the shelters."
        ),
        participants=42,
        responses=61,
        previous_participants=30,
        trend="up",
        sentiment=-0.6,
        keywords=["bus station", "dark", "lighting", "older groups"],
        quotes=[
            "I wait for the last bus with my keys between my fingers, every single time.",
            "It’s so dark by stand D you can’t see who’s there until they’re right next to you.",
            "Na przystanku jest ciemno i strasznie, zwłaszcza zimą 😬",
        ],
        harm_types=["youth_violence", "exploitation"],
        aims=["Prevent", "Protect"],
        actions=[
            ActionItem(
                agency="Northbridge Borough Council",
                what="New lighting fitted at stands A to F and along the path to Mill Street.",
                status="done",
                due=date(2026, 9, 12),
            ),
            ActionItem(
                agency="Northbridge Buses",
                what="A staffed help point open until the last bus, seven days a week.",
                status="in_progress",
                due=date(2026, 12, 1),
            ),
            ActionItem(
                agency="Police (Northbridge neighbourhood team)",
                what="Regular evening patrols on Friday and Saturday nights.",
                status="planned",
                due=date(2027, 1, 31),
            ),
        ],
    )


def _county_lines() -> ThemeSection:
    return ThemeSection(
        theme_id=2,
        label="Older lads asking younger ones to “hold” or carry things",
        summary=(
            "Young people told us that older teenagers and adults offer money, trainers or "
            "vapes to younger ones to carry packages, and that saying no feels risky."
        ),
        participants=27,
        responses=33,
        previous_participants=26,
        trend="same",
        sentiment=-0.4,
        keywords=["carrying", "money", "older lads", "vapes"],
        quotes=[
            "They make it sound like a favour, then you owe them.",
            "Everyone knows who they are but nobody says anything.",
        ],
        harm_types=["county_lines", "exploitation"],
        aims=["Prevent", "Pursue"],
        actions=[
            ActionItem(
                agency="Youth Service",
                what="Detached youth workers in the town centre on weekday evenings.",
                status="done",
            ),
            ActionItem(
                agency="Schools partnership",
                what="Lessons on grooming and exploitation for every Year 8 class.",
                status="in_progress",
                due=date(2027, 3, 31),
            ),
        ],
    )


def _online() -> ThemeSection:
    return ThemeSection(
        theme_id=3,
        label="Getting sent stuff online I didn’t ask for",
        summary=(
            "Lots of you, especially girls aged 13 to 15, said you are sent sexual images and "
            "messages you did not want, and that reporting it on the apps does not seem to work."
        ),
        participants=35,
        responses=52,
        trend="new",
        sentiment=-0.5,
        keywords=["images", "messages", "reporting", "apps"],
        quotes=[
            "You just block them and another account pops up.",
            "Teachers say tell someone but then everyone finds out.",
        ],
        harm_types=["online_abuse", "child_on_child_harassment"],
        aims=["Prepare", "Protect"],
        actions=[
            ActionItem(
                agency="Schools partnership",
                what="A confidential way to report online abuse to a named adult in each school.",
                status="planned",
                due=date(2027, 2, 28),
            ),
        ],
    )


def _park() -> ThemeSection:
    return ThemeSection(
        theme_id=4,
        label="Nowhere to go after school so everyone ends up at the park",
        summary=(
            "Fewer of you mentioned this than last time, but you still said there is nothing "
            "to do after school that is free, warm and safe."
        ),
        participants=18,
        responses=21,
        previous_participants=25,
        trend="down",
        sentiment=-0.2,
        keywords=["nothing to do", "park", "youth club"],
        quotes=["If the youth club was open more we wouldn't be out in the rain."],
        harm_types=["youth_violence"],
        aims=["Prevent"],
        actions=[
            ActionItem(
                agency="Youth Service",
                what="Riverside youth club now open Tuesday and Thursday evenings as well.",
                status="done",
                evidence_url="https://example.org/northbridge/youth-club",
            ),
        ],
    )


def sample_content() -> ReportContent:
    """A published quarterly report for the fictional Northbridge partnership."""
    return ReportContent(
        slug="northbridge-2026-q3",
        title="You said, we did: feeling safe outside home, July to September 2026",
        partnership="Northbridge Safeguarding Children Partnership",
        campaign="Feeling safe outside home",
        period_start=date(2026, 7, 1),
        period_end=date(2026, 9, 30),
        published_at=datetime(2026, 11, 2, 9, 30, tzinfo=UTC),
        introduction=(
            "Between July and September 2026, young people and parents in Northbridge told us, "
            "anonymously, what life is like outside home. Thank you. This report says what you "
            "told us, in your words, and what each agency has done or will do about it."
        ),
        participation=_participation(),
        themes=[_bus_station(), _online(), _county_lines(), _park()],
        places=[
            Place(name="Northbridge bus station", participants=39, trend="up"),
            Place(name="Riverside Park", participants=21, trend="down"),
            Place(name="Mill Street shopping centre", participants=14, trend="same"),
            Place(name="Canal towpath", participants=9, trend="new"),
        ],
        what_happens_next=(
            "We will check each action again in January and publish the next report in "
            "February 2027. The safeguarding board will see this report at its December "
            "meeting. You can keep telling us what it is like, any time, through the chatbot."
        ),
        contact=(
            "To tell us more, message the Northbridge You Said chatbot on Telegram or email "
            "yousaid@northbridge.example.gov.uk."
        ),
        help_lines=[
            "If you are in danger now, call 999.",
            "Childline: call 0800 1111 (free, any time) or chat at childline.org.uk",
            "Shout: text SHOUT to 85258 (free, any time)",
            "Fearless: report crime anonymously at fearless.org",
        ],
        method_note=(
            "Themes were found by grouping similar messages with a computer model and then "
            "checked and named by a youth worker. Only themes raised by at least 5 people are "
            "shown. Quotes are from people who agreed to be quoted, with anything that could "
            "identify someone removed. The mood of messages was estimated by a computer and "
            "is only a rough guide."
        ),
    )
