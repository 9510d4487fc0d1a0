"""An A4 board paper built on fpdf2: fonts, running footer, headings, paragraphs and bars.

Every string goes through `printable` first, so no input can make the PDF fail to render.
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from feedback_api.reports.render.pdf_fonts import FontSet, font_set, printable
from feedback_api.reports.render.pdf_wrap import wrap_words

Colour = tuple[int, int, int]
INK: Colour = (29, 29, 27)
MUTED: Colour = (72, 73, 73)
BRAND: Colour = (0, 90, 112)
TINT: Colour = (238, 246, 248)
WARM: Colour = (255, 247, 224)
AMBER: Colour = (179, 92, 0)
STATUS_COLOURS: dict[str, Colour] = {
    "done": (0, 112, 60),
    "in_progress": (29, 90, 158),
    "planned": (80, 90, 95),
}
MARGIN = 18.0
LINE = 5.2  # mm per line of 10pt body text


@dataclass(frozen=True)
class PdfBar:
    label: str
    value: int | None  # None: withheld, drawn as a dashed box and words
    value_text: str


class BoardPaper(FPDF):
    def __init__(self, running_title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.fontset: FontSet = font_set()
        for style, path in self.fontset.files.items():
            self.add_font(self.fontset.family, style, str(path))
        self.running_title = running_title
        self._footer_text: str | None = None
        self._widths: dict[tuple[str, str, float, str], float] = {}
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 4)
        self.set_text_color(*INK)

    @property
    def content_width(self) -> float:
        return float(self.w - self.l_margin - self.r_margin)

    def text_of(self, text: str) -> str:
        return printable(text, self.fontset)

    def use(self, size: float, style: str = "", colour: Colour = INK) -> None:
        self.set_font(self.fontset.family, style, size)
        self.set_text_color(*colour)

    def footer(self) -> None:
        self.set_y(-MARGIN + 2)
        self.set_draw_color(*BRAND)
        self.set_line_width(0.3)
        self.line(self.l_margin, self.get_y() - 2, self.w - self.r_margin, self.get_y() - 2)
        self.use(8, colour=MUTED)
        width = self.content_width
        if self._footer_text is None:  # the same on every page: fit it once
            self._footer_text = self._fit(self.text_of(self.running_title), width * 0.78)
        self.cell(width * 0.8, 5, self._footer_text)
        self.cell(width * 0.2, 5, f"Page {self.page_no()} of {{nb}}", align="R")

    def _fit(self, text: str, width: float) -> str:
        """`text` cut (with an ellipsis) to fit `width` mm in the current font."""
        if self.get_string_width(text) <= width:
            return text
        ellipsis = self.text_of("…")
        while text and self.get_string_width(text + ellipsis) > width:
            text = text[:-1]
        return text.rstrip() + ellipsis

    def _measure(self, word: str) -> float:
        key = (self.font_family, self.font_style, self.font_size_pt, word)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = float(self.get_string_width(word))
        return width

    def wrap(self, text: str, width: float) -> list[str]:
        """The lines `text` takes at `width` mm in the current font, without drawing it."""
        return wrap_words(self.text_of(text), width, self._measure)

    def write_lines(
        self, text: str, line_height: float, *, indent: float = 0.0, width: float | None = None
    ) -> None:
        """Left-aligned wrapped text from the left margin (+ indent); breaks pages as needed."""
        width = self.content_width - indent if width is None else width
        for line in self.wrap(text, width - 2 * self.c_margin):
            self.set_x(self.l_margin + indent)
            self.cell(width, line_height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def ensure_room(self, height: float) -> None:
        """Start a new page unless `height` mm fit, so headings stay with what follows."""
        if self.will_page_break(height):
            self.add_page()

    def heading(self, text: str, level: int = 2, *, gap: float | None = None) -> None:
        size, default_gap = {2: (15.0, 7.0), 3: (12.5, 5.0), 4: (11.0, 3.0)}[level]
        self.ensure_room(30 if level <= 3 else 18)
        self.ln(default_gap if gap is None else gap)
        if level <= 3:  # bookmarks, so a board member can jump to a theme
            self.start_section(self.text_of(text), level=level - 2)
        if level == 2:
            self.set_draw_color(*BRAND)
            self.set_line_width(0.8)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.ln(2.5)
        self.use(size, "B", BRAND if level == 2 else INK)
        self.write_lines(text, size * 0.47)
        self.ln(1.5)

    def para(
        self,
        text: str,
        *,
        size: float = 10.0,
        style: str = "",
        colour: Colour = INK,
        after: float = 2.5,
    ) -> None:
        self.use(size, style, colour)
        self.write_lines(text, LINE * size / 10)
        self.ln(after)

    def bullets(self, items: list[str], *, size: float = 10.0) -> None:
        self.use(size)
        for item in items:
            self.set_x(self.l_margin + 2)
            self.cell(4, LINE, "•" if self.fontset.files else "-")
            self.set_x(self.l_margin)
            self.write_lines(item, LINE, indent=6)
            self.ln(0.8)

    def quote(self, text: str) -> None:
        """A young person's words: italic, in quotation marks, with a brand rule at the left."""
        self.use(10.5, "I")
        lines = self.wrap(f"“{text}”", self.content_width - 9)
        height = 5.6 * len(lines) + 4
        self.ensure_room(height + 2)
        top = self.get_y()
        self.set_fill_color(*TINT)
        self.rect(self.l_margin, top, self.content_width, height, style="F")
        self.set_fill_color(*BRAND)
        self.rect(self.l_margin, top, 1.2, height, style="F")
        self.set_y(top + 2)
        for line in lines:
            self.set_x(self.l_margin + 5)
            self.cell(self.content_width - 9, 5.6, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(top + height + 2)

    def bars(self, bars: list[PdfBar], *, label_width: float = 52.0) -> None:
        """Horizontal bars with the label on the left and the value in words on the right."""
        longest = max((b.value for b in bars if b.value is not None), default=0)
        self.use(9, "B")
        widest = max((self.get_string_width(self.text_of(b.value_text)) for b in bars), default=0)
        text_room = float(widest) + 4
        usable = self.content_width - label_width - text_room
        for bar in bars:
            label_lines = self._label_lines(bar.label, label_width - 3)
            row = max(7.0, 4.4 * len(label_lines) + 2.6)
            self.ensure_room(row)
            top = self.get_y()
            self.use(9)
            self.set_xy(self.l_margin, top + 1)
            for line in label_lines:
                self.set_x(self.l_margin)
                self.cell(label_width - 3, 4.4, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            x = self.l_margin + label_width
            width = 0.0 if bar.value is None or longest == 0 else usable * bar.value / longest
            self._bar(x, top + 1, max(width, 1.0), bar.value is None)
            self.use(9, "B")
            self.set_xy(x + (8.0 if bar.value is None else width) + 2, top + 1)
            self.cell(text_room, 4.6, self.text_of(bar.value_text))
            self.set_y(top + row)
        self.ln(2)

    def _label_lines(self, label: str, width: float) -> list[str]:
        self.use(9)
        return self.wrap(label, width)

    def _bar(self, x: float, y: float, width: float, withheld: bool) -> None:
        if withheld:
            self.set_draw_color(*MUTED)
            self.set_line_width(0.35)
            with self.local_context():
                self.set_dash_pattern(dash=1, gap=0.8)
                self.rect(x, y, 8, 4.6, style="D")
            return
        self.set_fill_color(*BRAND)
        self.rect(x, y, width, 4.6, style="F")
