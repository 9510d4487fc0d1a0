"""The report as GitHub-flavoured Markdown, for pasting into a board paper or a repository.

Every piece of user-derived text is escaped: a quote must never become a link, an image, HTML or
a broken table when the Markdown is rendered.
"""

from __future__ import annotations

import re

from feedback_api.reports.content import ActionItem, ReportContent, ThemeSection
from feedback_api.reports.render import words

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+|~&])")
_BULLET_START = re.compile(r"^(\s*)([-=+])")
_URL_ESCAPES = str.maketrans(
    {"(": "%28", ")": "%29", " ": "%20", "|": "%7C", "<": "%3C", ">": "%3E"}
)
_NUMBER_START = re.compile(r"^(\s*)(\d+)([.)])")


def md(text: str) -> str:
    """Escape text so Markdown shows it literally, on one line."""
    flat = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    flat = _BULLET_START.sub(r"\1\\\2", flat)
    return _NUMBER_START.sub(r"\1\2\\\3", flat)


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    align = ["---:" if i in numeric else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _participation(content: ReportContent) -> list[str]:
    part = content.participation
    out = [
        "## Who took part",
        "",
        f"{md(words.total_text(part.total_participants, content)).capitalize()} people sent us "
        f"{md(words.total_text(part.total_responses, content))} messages.",
        "",
        md(part.suppression_note),
    ]
    for heading, counts in (("Who they are", part.by_audience), ("Age", part.by_age_band)):
        if counts:
            rows = [[md(c.label), md(words.count_text(c, content))] for c in counts]
            out += ["", _table([heading, "People"], rows, {1})]
    return out


def _url(url: str) -> str:
    """A link target that cannot end the link early or break a table row."""
    return url.translate(_URL_ESCAPES)


def _action_row(action: ActionItem) -> list[str]:
    what = md(action.what)
    if action.evidence_url and action.evidence_url.startswith(("https://", "http://")):
        what += f" ([more]({_url(action.evidence_url)}))"
    due = words.long_date(action.due) if action.due else ""
    return [md(action.agency), what, words.status_label(action.status), due]


def _theme(theme: ThemeSection) -> list[str]:
    arrow = words.TREND_ARROWS.get(theme.trend, "")
    out = [
        f"### You said: {md(theme.label)}",
        "",
        f"**{words.people(theme.participants)}**, {words.messages(theme.responses)}. "
        f"{arrow} {md(words.theme_trend_text(theme))}.",
        "",
        md(theme.summary),
    ]
    for quote in theme.quotes:
        out += ["", f"> *“{md(quote)}”*"]
    out += ["", "#### We did", ""]
    if theme.actions:
        rows = [_action_row(a) for a in theme.actions]
        out.append(_table(["Who", "What", "Status", "By"], rows))
    else:
        out.append("We have not agreed an action on this yet.")
    return out


def _themes(content: ReportContent) -> list[str]:
    out = ["## You said, we did", ""]
    rows = [
        [md(t.label), f"{t.participants:,}", f"{t.responses:,}", md(words.theme_trend_text(t))]
        for t in content.themes
    ]
    if rows:
        out.append(_table(["Theme", "People", "Messages", "Since last time"], rows, {1, 2}))
    else:
        out.append(words.NO_THEMES)
    for theme in content.themes:
        out += ["", *_theme(theme)]
    return out


def _places(content: ReportContent) -> list[str]:
    if not content.places:
        return []
    rows = [
        [md(p.name), f"{p.participants:,}", words.trend_text(p.trend, None)] for p in content.places
    ]
    return ["## Places you told us about", "", _table(["Place", "People", "Since"], rows, {1})]


def _header(content: ReportContent) -> list[str]:
    totals = words.action_totals(content)
    part = content.participation
    return [
        f"# {md(content.title)}",
        "",
        f"**{md(content.partnership)}**  ",
        f"{words.period_text(content)}. {words.published_text(content)}.",
        "",
        md(content.introduction),
        "",
        "## At a glance",
        "",
        f"- People who took part: **{md(words.total_text(part.total_participants, content))}**",
        f"- Messages: **{md(words.total_text(part.total_responses, content))}**",
        f"- Themes: **{len(content.themes)}**",
        f"- Actions: **{totals.done}** done, **{totals.in_progress}** in progress, "
        f"**{totals.planned}** planned",
    ]


def _footer(content: ReportContent) -> list[str]:
    out = ["## What happens next", "", md(content.what_happens_next), "", md(content.contact)]
    out += ["", "## How we made this report", "", md(content.method_note)]
    if content.help_lines:
        out += ["", "## Need help now?", ""] + [f"- {md(line)}" for line in content.help_lines]
    return out


def render_markdown(content: ReportContent) -> str:
    sections = [
        _header(content),
        _participation(content),
        _themes(content),
        _places(content),
        _footer(content),
    ]
    return "\n\n".join("\n".join(s) for s in sections if s) + "\n"
