"""Telegram's parse modes: visible text, UTF-16 entity offsets, and the errors Telegram gives."""

from __future__ import annotations

import pytest

from bot.emulator.formatting import (
    EntityParseError,
    UnsupportedParseMode,
    parse_text,
    utf16_len,
)


def _kinds(entities: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(e["type"], e["offset"], e["length"]) for e in entities]


def test_plain_text_is_left_alone() -> None:
    assert parse_text("<b>not bold</b>", None) == ("<b>not bold</b>", [])


def test_html_tags_become_entities_and_escapes_are_decoded() -> None:
    text, entities = parse_text("<b>Hi</b> <i>you</i> &lt;3 &amp; <code>x</code>", "HTML")
    assert text == "Hi you <3 & x"
    assert _kinds(entities) == [("bold", 0, 2), ("italic", 3, 3), ("code", 12, 1)]


def test_html_links_and_spoilers() -> None:
    text, entities = parse_text(
        '<a href="https://ok.org">help</a> <span class="tg-spoiler">s</span>', "HTML"
    )
    assert text == "help s"
    assert entities[0] == {"type": "text_link", "url": "https://ok.org", "offset": 0, "length": 4}
    assert entities[1]["type"] == "spoiler"


def test_pre_with_a_language_is_one_entity() -> None:
    _text, entities = parse_text('<pre><code class="language-python">x = 1</code></pre>', "HTML")
    assert entities == [{"type": "pre", "language": "python", "offset": 0, "length": 5}]


@pytest.mark.parametrize(
    ("html", "error"),
    [("<blink>x</blink>", "Unsupported start tag"), ("<b>x", "Can't find end tag"),
     ("<b><i>x</b></i>", "Unmatched end tag"), ('<span class="x">y</span>', "Unsupported")],
)  # fmt: skip
def test_bad_html_is_rejected(html: str, error: str) -> None:
    with pytest.raises(EntityParseError, match=error):
        parse_text(html, "HTML")


def test_entity_offsets_count_utf16_code_units() -> None:
    text, entities = parse_text("😀 <b>bold</b>", "HTML")
    assert utf16_len("😀 ") == 3
    assert _kinds(entities) == [("bold", 3, 4)]
    assert text == "😀 bold"


def test_markdown_v2_entities_and_escapes() -> None:
    text, entities = parse_text(
        "*bold* _it_ __under__ ~gone~ ||secret|| `co\\`de` [link](https://a.b/c) 1\\.5\\!",
        "MarkdownV2",
    )
    assert text == "bold it under gone secret co`de link 1.5!"
    kinds = [e["type"] for e in entities]
    assert kinds == ["bold", "italic", "underline", "strikethrough", "spoiler", "code", "text_link"]
    assert entities[-1]["url"] == "https://a.b/c"


@pytest.mark.parametrize("char", list("_*[]()~`>#+-=|{}.!"))
def test_every_reserved_markdown_v2_character_must_be_escaped(char: str) -> None:
    escaped, _ = parse_text(f"a \\{char} b", "MarkdownV2")
    assert escaped == f"a {char} b"
    if char in "_*~`[":  # these open entities, so unclosed they fail differently
        with pytest.raises(EntityParseError):
            parse_text(f"a {char} b", "MarkdownV2")
    elif char != ">":  # '>' mid-line is a plain error; at line start it is a quote
        with pytest.raises(EntityParseError, match="is reserved"):
            parse_text(f"a {char} b", "MarkdownV2")


def test_unclosed_markdown_v2_entities_are_reported() -> None:
    with pytest.raises(EntityParseError, match="Can't find end of Bold entity"):
        parse_text("*never closed", "MarkdownV2")


def test_markdown_v2_pre_blocks_keep_their_language() -> None:
    text, entities = parse_text("```python\nprint(1)\n```", "MarkdownV2")
    assert text == "print(1)\n"
    assert entities[0]["type"] == "pre" and entities[0]["language"] == "python"


def test_legacy_markdown_leaves_other_punctuation_alone() -> None:
    text, entities = parse_text("*Thanks!* See you (soon).", "Markdown")
    assert text == "Thanks! See you (soon)."
    assert _kinds(entities) == [("bold", 0, 7)]


def test_parse_mode_names_ignore_case_and_unknown_modes_fail() -> None:
    assert parse_text("<b>x</b>", "html")[0] == "x"
    with pytest.raises(UnsupportedParseMode):
        parse_text("x", "BBCode")
