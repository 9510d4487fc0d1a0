"""The report as one standalone, accessible HTML page (inline CSS and SVG, no JavaScript, no
external fonts), rendered with Jinja2 with autoescaping on: every string in a report is derived
from what people wrote."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from feedback_api.reports.content import Count, ReportContent
from feedback_api.reports.render import words
from feedback_api.reports.render.phones import phone_links
from feedback_api.reports.render.svg import Bar, bar_chart

FORMATS = (
    ("pdf", "PDF for printing"),
    ("md", "Markdown"),
    ("csv", "CSV open data"),
    ("json", "JSON open data"),
)


def _is_safe_url(url: object) -> bool:
    """Only web links: an evidence URL typed by staff must not become a javascript: link."""
    return isinstance(url, str) and url.lower().startswith(("https://", "http://"))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("feedback_api.reports.render", "templates"),
        autoescape=True,  # everything, whatever the template name
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["w"] = words
    env.tests["safe_url"] = _is_safe_url
    env.filters["phone_links"] = phone_links
    return env


@lru_cache(maxsize=1)
def _stylesheet() -> Markup:
    css = files("feedback_api.reports.render").joinpath("templates/report.css").read_text("utf-8")
    return Markup(css)  # our own file, not user text


def _count_bars(counts: list[Count], content: ReportContent) -> list[Bar]:
    return [
        Bar(
            label=c.label,
            value=None if words.is_withheld(c) else c.value,
            value_text=words.count_text(c, content),
        )
        for c in counts
    ]


def _theme_bars(content: ReportContent) -> list[Bar]:
    return [
        Bar(
            label=t.label,
            value=t.participants,
            value_text=f"{t.participants:,} {words.TREND_ARROWS.get(t.trend, '')} "
            f"{words.theme_trend_text(t).split(' (')[0].lower()}",
        )
        for t in content.themes
    ]


def _charts(content: ReportContent) -> dict[str, Markup]:
    part = content.participation
    fewer = words.fewer_than(content)
    charts: dict[str, Markup] = {}
    if part.by_audience:
        charts["audience"] = bar_chart(
            _count_bars(part.by_audience, content),
            chart_id="chart-audience",
            title="Who took part",
            description=f"People who took part, by who they are. Groups of {fewer} are not "
            "counted exactly. The same numbers are in the table below.",
        )
    if part.by_age_band:
        charts["age"] = bar_chart(
            _count_bars(part.by_age_band, content),
            chart_id="chart-age",
            title="Ages of people who took part",
            description=f"People who took part, by age. Groups of {fewer} are not counted "
            "exactly. The same numbers are in the table below.",
        )
    if content.themes:
        charts["themes"] = bar_chart(
            _theme_bars(content),
            chart_id="chart-themes",
            title="What you told us about, by number of people",
            description="How many people raised each theme, and whether that is more or "
            "fewer than last time. The same numbers are in the table below.",
        )
    return charts


def _format_links(content: ReportContent, base_url: str) -> list[tuple[str, str]]:
    root = base_url.rstrip("/")
    return [(f"{root}/reports/{content.slug}.{ext}", label) for ext, label in FORMATS]


def render_html(content: ReportContent, *, base_url: str = "") -> str:
    """A full standalone HTML page; `base_url` prefixes the links to the other formats."""
    template = _environment().get_template("report.html")
    return template.render(
        c=content,
        css=_stylesheet(),
        charts=_charts(content),
        totals=words.action_totals(content),
        links=_format_links(content, base_url),
    )
