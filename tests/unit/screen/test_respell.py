"""Dialect and text-speak spellings are read as the standard word, by patterns and model alike."""

from __future__ import annotations

import pytest

from nlu.screen import Level
from nlu.screen import respell as respell_module
from nlu.screen.features import words_of
from nlu.screen.respell import respell


@pytest.mark.parametrize(
    ("written", "standard"),
    [
        ("gettin", "getting"),
        ("runnin", "running"),
        ("chuckin", "chucking"),
        ("wud", "would"),
        ("wivout", "without"),
        ("meself", "myself"),
        ("tonite", "tonight"),
    ],
)
def test_a_dialect_or_text_speak_spelling_becomes_the_standard_word(written, standard):
    assert respell(f"im {written} now") == f"im {standard} now"


@pytest.mark.parametrize("word", ["skin", "begin", "win", "cousin", "in", "again", "robin"])
def test_real_words_ending_in_in_are_left_alone(word):
    assert respell(f"my {word} is fine") == f"my {word} is fine"


def test_only_whole_words_are_respelled():
    assert respell("wudnt wiv wivout") == "wouldnt with without"
    assert respell("swud awiv") == "swud awiv"


@pytest.mark.parametrize(
    "text",
    [
        "everyone wud be better off wivout me",
        "cuttin again tonite",
        "made meself sick after me tea",
    ],
)
def test_patterns_written_for_standard_spelling_catch_the_dialect_spelling(patterns_only, text):
    assert patterns_only.screen(text).level is not Level.NONE


def test_the_learned_reader_sees_the_respelled_words():
    assert words_of("im gettin death threats") == words_of("im getting death threats")


def test_the_shipped_spellings_table_reads_cleanly():
    assert respell_module.spellings()["wud"] == "would"


@pytest.mark.parametrize(
    "line", ["wud would", "wud = ", "Wud = would", "wud = would = could", "don't = dont"]
)
def test_a_malformed_spellings_line_is_refused_with_its_line_number(line):
    with pytest.raises(respell_module.SpellingsError, match="line 2"):
        respell_module.parse_spellings(f"# a comment\n{line}\n")


def test_comments_and_blank_lines_in_the_spellings_table_are_ignored():
    assert respell_module.parse_spellings("# why\n\nwiv = with  # London\n") == {"wiv": "with"}
