from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from feedback_api.reports.render import pdf_fonts, render_pdf, sample_content
from feedback_api.reports.render.pdf import render_pdf as render_uncached
from feedback_api.reports.render.pdf_fonts import FontSet, printable
from tests.unit.reports.factories import (
    SECRET,
    make_content,
    make_theme,
    with_leaky_suppressed_count,
    with_quote,
)

A4_POINTS = (595, 842)


@lru_cache(maxsize=1)
def sample_pdf() -> bytes:
    return render_pdf(sample_content())  # rendering takes a while; most tests only read it


def pdf_text(data: bytes) -> tuple[list[str], PdfReader]:
    reader = PdfReader(io.BytesIO(data))
    # pypdf keeps the layout's line breaks; join words so phrases can be searched for.
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    return pages, reader


def test_the_sample_is_an_a4_pdf_with_the_title_and_sections() -> None:
    data = sample_pdf()
    assert data.startswith(b"%PDF-")
    pages, reader = pdf_text(data)
    assert all(tuple(round(x) for x in p.mediabox[2:]) == A4_POINTS for p in reader.pages)
    text = " ".join(pages)
    for phrase in (
        "You said, we did: feeling safe outside home",
        "Who took part",
        "What happens next",
        "How we made this report",
        "Need help now?",
        "Places you told us about",
        "In progress",
    ):
        assert phrase in text, phrase
    assert reader.metadata is not None and reader.metadata.title == sample_content().title


def test_sections_and_themes_are_bookmarked() -> None:
    _, reader = pdf_text(sample_pdf())
    outline: list[Any] = list(reader.outline)  # sections, with a nested list after a parent
    titles = [str(item.title) for item in outline if not isinstance(item, list)]
    assert titles[:2] == ["Who took part", "You said, we did"]
    themes = next(item for item in outline if isinstance(item, list))
    assert [str(t.title) for t in themes] == [t.label for t in sample_content().themes]


def test_every_page_is_numbered_page_n_of_total() -> None:
    pages, _ = pdf_text(sample_pdf())
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text


def test_quotes_are_italic_and_in_quotation_marks() -> None:
    data = render_pdf(with_quote("Nobody listens to us"))
    pages, reader = pdf_text(data)
    assert "“Nobody listens to us”" in " ".join(pages)
    resources: Any = reader.pages[-1]["/Resources"]
    fonts = {str(f["/BaseFont"]) for f in resources["/Font"].values()}
    assert any("Oblique" in name for name in fonts), fonts


def test_polish_letters_curly_quotes_and_emoji_render_without_error() -> None:
    data = render_pdf(with_quote("Zażółć gęślą jaźń — „cześć” 😬👍🏽 ❤️"))
    text = " ".join(pdf_text(data)[0])
    assert "Zażółć gęślą jaźń — „cześć”" in text
    assert "[grimacing face]" in text  # no emoji font: the name keeps the meaning


def test_scripts_the_font_cannot_shape_become_one_marker_not_boxes() -> None:
    text = " ".join(pdf_text(render_pdf(with_quote("Salam مرحبا بك, ok")))[0])
    assert "“Salam [text in another script], ok”" in text


def test_a_suppressed_count_never_shows_its_number_but_says_fewer_than_k() -> None:
    text = " ".join(pdf_text(render_pdf(with_leaky_suppressed_count(threshold=10)))[0])
    assert str(SECRET) not in text and f"{SECRET:,}" not in text
    assert text.count("fewer than 10") >= 2


def test_a_long_report_flows_onto_more_pages_and_keeps_every_theme() -> None:
    themes = [
        make_theme(i, label=f"Theme about place {i}", quotes=["A quote. " * 12] * 3)
        for i in range(1, 9)
    ]
    pages, _ = pdf_text(render_pdf(make_content(themes=themes)))
    assert len(pages) > len(pdf_text(sample_pdf())[0])
    text = " ".join(pages)
    assert all(f"Theme about place {i}" in text for i in range(1, 9))


def test_the_same_report_gives_the_same_bytes_so_caching_it_is_safe() -> None:
    assert render_uncached(sample_content()) == sample_pdf()


def test_a_draft_is_marked_as_not_published() -> None:
    text = " ".join(pdf_text(render_pdf(make_content(published_at=None)))[0])
    assert "DRAFT: not yet published" in text


@given(st.text())
def test_any_text_is_made_drawable_by_the_embedded_font(text: str) -> None:
    fonts = pdf_fonts.font_set()
    assert all(ord(ch) in fonts.glyphs or ch in "\n\t" for ch in printable(text, fonts))


def test_without_any_ttf_font_text_is_folded_to_latin1_readably() -> None:
    core = FontSet("helvetica", {}, frozenset(range(32, 256)))
    assert printable("zwłaszcza “tak” — ok… 😬", core) == 'zwlaszcza "tak" - ok... [grimacing face]'


def test_the_pdf_still_renders_when_no_ttf_font_can_be_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf_fonts, "_font_dir", lambda: None)
    pdf_fonts.font_set.cache_clear()
    try:
        data = render_uncached(with_quote("Zażółć „cześć” 😬"))
    finally:
        pdf_fonts.font_set.cache_clear()
    text = " ".join(pdf_text(data)[0])
    assert 'Zazólc "czesc" [grimacing face]' in text


def test_the_page_count_matches_the_page_objects() -> None:
    data = sample_pdf()
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert pages == len(PdfReader(io.BytesIO(data)).pages)
