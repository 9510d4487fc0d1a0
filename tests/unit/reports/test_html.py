from __future__ import annotations

import itertools
import re

from feedback_api.reports.render import render_html, sample_content
from feedback_api.reports.render.phones import phone_links
from tests.unit.reports.factories import (
    SECRET,
    make_action,
    make_content,
    make_theme,
    with_leaky_suppressed_count,
    with_quote,
)
from tests.unit.reports.html_outline import outline


def test_the_sample_renders_as_a_standalone_page_in_english() -> None:
    page = render_html(sample_content())
    assert page.startswith("<!doctype html>")
    assert outline(page).lang.startswith("en")
    assert "<style>" in page and "<script" not in page
    assert not re.search(r"\ssrc=|<link|url\(|@import", page), "nothing loads from elsewhere"


def test_the_page_has_one_h1_and_headings_never_skip_a_level() -> None:
    headings = outline(render_html(sample_content())).headings
    levels = [level for level, _ in headings]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), headings
    assert all(text.strip() for _, text in headings)


def test_every_chart_is_an_image_with_a_title_and_an_accessible_name() -> None:
    svgs = outline(render_html(sample_content())).svgs
    assert len(svgs) == 3
    for svg in svgs:
        assert svg.attrs.get("role") == "img"
        assert svg.title.strip()
        assert svg.attrs.get("aria-labelledby") or svg.attrs.get("aria-label")


def test_every_table_has_a_caption_and_header_cells() -> None:
    tables = outline(render_html(sample_content())).tables
    assert len(tables) >= 4
    assert all(t.caption.strip() and t.header_cells for t in tables)


def test_landmarks_and_skip_link_are_present() -> None:
    page = outline(render_html(sample_content()))
    assert {"header", "nav", "main", "footer", "aside"} <= set(page.tags)
    assert page.links[0] == "#main" and "main" in page.ids


def test_every_internal_link_points_at_something_on_the_page() -> None:
    page = outline(render_html(sample_content()))
    targets = [href[1:] for href in page.links if href.startswith("#")]
    assert targets and set(targets) <= set(page.ids)


def test_a_quote_containing_a_script_tag_is_shown_as_text() -> None:
    page = render_html(with_quote('<script>alert("hi")</script> & “more”'))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#34;hi&#34;)&lt;/script&gt; &amp; “more”" in page


def test_markup_in_labels_agencies_and_titles_is_escaped_everywhere_including_charts() -> None:
    evil = '<img src=x onerror="alert(1)">'
    theme = make_theme(label=evil, actions=[make_action(agency=evil, what=evil)])
    page = render_html(make_content(title=evil, partnership=evil, themes=[theme]))
    assert "<img" not in page
    assert page.count("&lt;img src=x") >= 5


def test_a_suppressed_count_never_shows_its_number_but_says_fewer_than_k() -> None:
    page = render_html(with_leaky_suppressed_count(threshold=10))
    assert str(SECRET) not in page and f"{SECRET:,}" not in page
    assert page.count("fewer than 10") >= 4  # two rows, each in the chart and the table


def test_links_to_the_other_formats_use_the_base_url_and_slug() -> None:
    page = render_html(sample_content(), base_url="https://reports.example.org/")
    for ext in ("pdf", "md", "csv", "json"):
        assert f'href="https://reports.example.org/reports/northbridge-2026-q3.{ext}"' in page


def test_help_lines_and_what_happens_next_are_on_the_page() -> None:
    content = sample_content()
    page = render_html(content)
    assert 'Childline: call <a href="tel:08001111">0800 1111</a>' in page
    assert "What happens next" in page and "February 2027" in page


def test_an_evidence_link_is_only_made_for_web_addresses() -> None:
    bad = make_action(evidence_url="javascript:alert(1)")
    good = make_action(evidence_url="https://example.org/proof")
    page = render_html(make_content(themes=[make_theme(actions=[bad, good])]))
    assert "javascript:" not in page
    assert 'href="https://example.org/proof"' in page


def test_a_draft_says_it_is_not_published() -> None:
    page = render_html(make_content(published_at=None))
    assert "Draft: not yet published" in page and "Do not share it" in page


def test_a_report_with_no_themes_explains_why() -> None:
    page = render_html(make_content(themes=[]))
    assert "Not enough people raised the same thing" in page
    assert len(outline(page).svgs) == 2


def test_no_two_elements_share_an_id() -> None:
    ids = outline(render_html(sample_content())).ids
    assert len(ids) == len(set(ids))


def test_a_suppressed_total_is_written_in_words() -> None:
    content = sample_content()
    part = content.participation.model_copy(
        update={"total_participants": None, "total_responses": None}
    )
    page = render_html(content.model_copy(update={"participation": part}))
    assert "Fewer than 5 people sent us fewer than 5 messages" in " ".join(page.split())


def test_help_line_numbers_are_one_tap_links() -> None:
    page = render_html(sample_content())
    assert '<a href="tel:08001111">0800 1111</a>' in page
    assert '<a href="sms:85258">85258</a>' in page
    assert 'call <a href="tel:999">999</a>.' in page


def test_only_real_looking_numbers_become_links_and_text_stays_escaped() -> None:
    assert str(phone_links("ref 12345, 3.999.5 <b>")) == "ref 12345, 3.999.5 &lt;b&gt;"
    assert str(phone_links("Front door: 01234 567890")) == (
        'Front door: <a href="tel:01234567890">01234 567890</a>'
    )
