"""The report as an A4 PDF board paper (fpdf2): title block, summary box, who took part, each
theme with its quotes and a "we did" table, places, what happens next, method and help."""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from feedback_api.reports.content import ActionItem, Count, ReportContent, ThemeSection
from feedback_api.reports.render import words
from feedback_api.reports.render.pdf_doc import (
    AMBER,
    BRAND,
    INK,
    MUTED,
    STATUS_COLOURS,
    TINT,
    WARM,
    BoardPaper,
    PdfBar,
)

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _title_lines(c: ReportContent) -> list[tuple[float, str, float, str]]:
    """(size, style, line height, text) for each line group of the title band."""
    return [
        (10.5, "B", 5.0, c.partnership),
        (19.0, "B", 8.6, c.title),
        (10.5, "", 5.5, f"{words.period_text(c)}   |   {words.published_text(c)}"),
    ]


def _title_block(pdf: BoardPaper, c: ReportContent) -> None:
    width = pdf.content_width - 12
    height = 12.0
    for size, style, line_h, text in _title_lines(c):
        pdf.use(size, style)
        height += line_h * len(pdf.wrap(text, width)) + 1
    top = pdf.get_y()
    pdf.set_fill_color(*BRAND)
    pdf.rect(pdf.l_margin, top, pdf.content_width, height, style="F")
    pdf.set_y(top + 6)
    for size, style, line_h, text in _title_lines(c):
        pdf.set_x(pdf.l_margin + 6)
        pdf.use(size, style, (255, 255, 255))
        pdf.write_lines(text, line_h, indent=6, width=width)
        pdf.ln(1)
    pdf.set_y(top + height + 5)
    if c.published_at is None:
        pdf.para("DRAFT: not yet published. Do not share.", style="B", colour=AMBER)


def _summary_box(pdf: BoardPaper, c: ReportContent) -> None:
    part, totals = c.participation, words.action_totals(c)
    figures = [
        ("People who took part", words.total_text(part.total_participants, c)),
        ("Messages", words.total_text(part.total_responses, c)),
        ("Themes", str(len(c.themes))),
        ("Actions done", str(totals.done)),
        ("Actions in progress", str(totals.in_progress)),
        ("Actions planned", str(totals.planned)),
    ]
    pdf.ensure_room(40)
    top, cell_w, cell_h = pdf.get_y(), pdf.content_width / 3, 16.0
    pdf.set_fill_color(*TINT)
    pdf.rect(pdf.l_margin, top, pdf.content_width, cell_h * 2 + 6, style="F")
    for i, (label, value) in enumerate(figures):
        x = pdf.l_margin + 4 + (i % 3) * cell_w
        y = top + 3 + (i // 3) * cell_h
        pdf.set_xy(x, y)
        pdf.use(8.5, colour=MUTED)
        pdf.cell(cell_w - 6, 4.5, label)
        pdf.set_xy(x, y + 5)
        pdf.use(15 if value[:1].isdigit() else 11, "B", INK)
        pdf.cell(cell_w - 6, 8, pdf.text_of(value))
    pdf.set_y(top + cell_h * 2 + 10)


def _help_box(pdf: BoardPaper, c: ReportContent) -> None:
    if not c.help_lines:
        return
    pdf.use(10)
    lines = sum(len(pdf.wrap(line, pdf.content_width - 14)) for line in c.help_lines)
    height = 5.0 * lines + len(c.help_lines) * 0.8 + 13
    pdf.ensure_room(height)
    top = pdf.get_y()
    pdf.set_fill_color(*WARM)
    pdf.rect(pdf.l_margin, top, pdf.content_width, height, style="F")
    pdf.set_fill_color(*AMBER)
    pdf.rect(pdf.l_margin, top, 1.5, height, style="F")
    pdf.set_xy(pdf.l_margin + 5, top + 3)
    pdf.use(11.5, "B")
    pdf.cell(0, 6, "Need help now?", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_left_margin(pdf.l_margin + 4)
    pdf.bullets(c.help_lines)
    pdf.set_left_margin(pdf.l_margin - 4)
    pdf.set_y(top + height + 3)


def _count_bars(counts: list[Count], c: ReportContent) -> list[PdfBar]:
    return [
        PdfBar(x.label, None if words.is_withheld(x) else x.value, words.count_text(x, c))
        for x in counts
    ]


def _participation(pdf: BoardPaper, c: ReportContent) -> None:
    part = c.participation
    pdf.heading("Who took part")
    total = words.total_text(part.total_participants, c).capitalize()
    sent = words.total_text(part.total_responses, c)
    pdf.para(f"{total} people sent us {sent} messages. {part.suppression_note}")
    for title, counts in (
        ("Who they are", part.by_audience),
        ("How old they are", part.by_age_band),
    ):
        if counts:
            pdf.heading(title, 4)
            pdf.bars(_count_bars(counts, c))


def _theme_bars(c: ReportContent) -> list[PdfBar]:
    return [
        PdfBar(
            t.label,
            t.participants,
            f"{t.participants:,} {words.TREND_ARROWS.get(t.trend, '')} "
            f"{words.theme_trend_text(t).split(' (')[0].lower()}",
        )
        for t in c.themes
    ]


def _what(action: ActionItem) -> str:
    # Board papers are printed, so a web link is written out rather than hidden behind text.
    url = action.evidence_url or ""
    return action.what + (f"\nMore: {url}" if url.startswith(("https://", "http://")) else "")


def _actions_table(pdf: BoardPaper, theme: ThemeSection) -> None:
    pdf.use(9)
    # Tables draw with whatever colours and line width were last set; reset them.
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(177, 180, 182)
    pdf.set_line_width(0.2)
    heading = FontFace(emphasis="BOLD", color=INK, fill_color=TINT)
    widths = (42, 78, 24, 30)
    with pdf.table(
        col_widths=widths,
        headings_style=heading,
        line_height=4.6,
        borders_layout="HORIZONTAL_LINES",
        text_align="LEFT",
        padding=1.6,
        cell_fill_mode="NONE",
        v_align="TOP",
    ) as table:
        header = table.row()
        for text in ("Who", "What", "Status", "By"):
            header.cell(text)
        for action in theme.actions:
            row = table.row()
            row.cell(pdf.text_of(action.agency), style=FontFace(emphasis="BOLD"))
            row.cell(pdf.text_of(_what(action)))
            colour = STATUS_COLOURS.get(action.status, MUTED)
            row.cell(
                words.status_label(action.status), style=FontFace(emphasis="BOLD", color=colour)
            )
            row.cell(words.long_date(action.due) if action.due else "")


def _theme(pdf: BoardPaper, theme: ThemeSection) -> None:
    pdf.ensure_room(60)
    pdf.ln(3)
    pdf.para("YOU SAID", size=8.5, style="B", colour=BRAND, after=0)
    pdf.heading(theme.label, 3, gap=0.5)
    arrow = words.TREND_ARROWS.get(theme.trend, "")
    pdf.para(
        f"{words.people(theme.participants)}, {words.messages(theme.responses)}.  "
        f"{arrow} {words.theme_trend_text(theme)}.",
        style="B",
        size=10,
    )
    pdf.para(theme.summary)
    for quote in theme.quotes:
        pdf.quote(quote)
    if theme.aims:
        pdf.para("Partnership aims: " + ", ".join(theme.aims), size=8.5, colour=MUTED)
    pdf.heading("We did", 4)
    if theme.actions:
        _actions_table(pdf, theme)
    else:
        pdf.para(
            "We have not agreed an action on this yet. The next report will say what we are doing."
        )
    pdf.ln(3)


def _places(pdf: BoardPaper, c: ReportContent) -> None:
    if not c.places:
        return
    pdf.heading("Places you told us about")
    pdf.bars(
        [
            PdfBar(
                p.name,
                p.participants,
                f"{p.participants:,} {words.TREND_ARROWS.get(p.trend, '')} "
                f"{words.trend_text(p.trend, None).lower()}",
            )
            for p in c.places
        ]
    )


def _closing(pdf: BoardPaper, c: ReportContent) -> None:
    pdf.heading("What happens next")
    pdf.para(c.what_happens_next)
    pdf.para(c.contact)
    pdf.heading("How we made this report")
    pdf.para(c.method_note, size=9.5)
    pdf.para(c.participation.suppression_note, size=9.5)


def render_pdf(content: ReportContent) -> bytes:
    """A4 board paper; identical input gives identical bytes (the date comes from the report)."""
    pdf = BoardPaper(f"{content.partnership}: {content.title}")
    pdf.set_title(content.title)
    pdf.set_author(content.partnership)
    pdf.set_subject(f"{content.campaign}, {words.period_text(content)}")
    pdf.set_creator("yousaid")
    pdf.set_lang("en-GB")
    pdf.set_creation_date(content.published_at or _EPOCH)
    pdf.add_page()
    _title_block(pdf, content)
    pdf.para(content.introduction, size=11)
    _summary_box(pdf, content)
    _help_box(pdf, content)
    _participation(pdf, content)
    pdf.heading("You said, we did")
    if content.themes:
        pdf.bars(_theme_bars(content), label_width=70)
    else:
        pdf.para(words.NO_THEMES)
    for theme in content.themes:
        _theme(pdf, theme)
    _places(pdf, content)
    _closing(pdf, content)
    return bytes(pdf.output())
