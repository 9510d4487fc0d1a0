from __future__ import annotations

import re

from feedback_api.reports.render import render_markdown, sample_content
from feedback_api.reports.render.markdown import md
from tests.unit.reports.factories import (
    SECRET,
    make_action,
    make_content,
    make_theme,
    with_leaky_suppressed_count,
    with_quote,
)

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def test_the_sample_renders_with_one_title_and_the_main_sections() -> None:
    text = render_markdown(sample_content())
    assert text.startswith("# You said, we did: feeling safe outside home")
    assert len(re.findall(r"^# ", text, re.M)) == 1
    for heading in (
        "## At a glance",
        "## Who took part",
        "## You said, we did",
        "#### We did",
        "## What happens next",
        "## Need help now?",
    ):
        assert f"\n{heading}\n" in text, heading
    assert "| Who | What | Status | By |" in text
    assert "| Northbridge Buses | A staffed help point" in text


def test_every_table_row_has_the_same_number_of_cells_even_with_pipes_in_text() -> None:
    theme = make_theme(label="Bus | train", actions=[make_action(agency="A | B", what="x|y")])
    text = render_markdown(make_content(themes=[theme]))
    for table in re.split(r"\n\n", text):
        rows = [line for line in table.splitlines() if line.startswith("| ")]
        if rows:
            assert len({len(UNESCAPED_PIPE.findall(row)) for row in rows}) == 1, table


def test_links_html_and_emphasis_in_a_quote_are_shown_literally() -> None:
    text = render_markdown(with_quote("[click me](https://evil.example) <script>x</script> *wow*"))
    assert "\\[click me\\](https://evil.example)" in text
    assert "<script>" not in text and "\\<script\\>" in text
    assert "\\*wow\\*" in text


def test_text_that_looks_like_a_list_or_heading_is_escaped() -> None:
    assert md("- not a bullet") == "\\- not a bullet"
    assert md("1. not a list") == "1\\. not a list"
    assert md("# not a heading") == "\\# not a heading"
    assert md("line one\nline two") == "line one line two"


def test_a_suppressed_count_never_shows_its_number_but_says_fewer_than_k() -> None:
    text = render_markdown(with_leaky_suppressed_count(threshold=10))
    assert str(SECRET) not in text and f"{SECRET:,}" not in text
    assert "| 11 to 12 | fewer than 10 |" in text


def test_quotes_are_blockquotes_in_quotation_marks() -> None:
    assert "> *“It happens every week.”*" in render_markdown(with_quote("It happens every week."))


def test_an_evidence_link_cannot_break_out_of_its_link_or_table_cell() -> None:
    action = make_action(evidence_url="https://example.org/a b)|[x](javascript:1)")
    text = render_markdown(make_content(themes=[make_theme(actions=[action])]))
    assert "([more](https://example.org/a%20b%29%7C[x]%28javascript:1%29))" in text
    bad = make_action(evidence_url="javascript:alert(1)")
    assert "javascript" not in render_markdown(make_content(themes=[make_theme(actions=[bad])]))
