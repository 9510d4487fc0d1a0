from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from feedback_api.reports.render.pdf_wrap import wrap_words


def width(text: str) -> float:
    return float(len(text))  # a monospace "font": one unit a character


def test_words_wrap_at_spaces_without_exceeding_the_width() -> None:
    assert wrap_words("the last bus home is late", 10, width) == ["the last", "bus home", "is late"]


def test_newlines_start_new_lines_and_a_too_long_word_is_cut() -> None:
    assert wrap_words("see\nhttps://example.org/x", 8, width) == [
        "see",
        "https://",
        "example.",
        "org/x",
    ]


@given(st.text(alphabet="ab \n", max_size=80), st.integers(min_value=1, max_value=20))
def test_no_line_is_wider_than_asked_and_no_word_is_lost(text: str, limit: int) -> None:
    lines = wrap_words(text, limit, width)
    assert all(width(line) <= limit for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())
