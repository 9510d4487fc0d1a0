from __future__ import annotations

import csv
import io
import json

from feedback_api.reports.render import (
    CSV_COLUMNS,
    JSON_SCHEMA_VERSION,
    render_csv,
    render_json,
    sample_content,
)
from tests.unit.reports.factories import (
    SECRET,
    make_action,
    make_content,
    make_theme,
    with_leaky_suppressed_count,
)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_header_is_the_documented_columns_in_order() -> None:
    text = render_csv(sample_content())
    assert next(csv.reader(io.StringIO(text))) == list(CSV_COLUMNS)
    assert all(description.strip() for description in CSV_COLUMNS.values())


def test_csv_has_one_row_per_theme_with_its_numbers() -> None:
    content = sample_content()
    themes = [r for r in csv_rows(render_csv(content)) if r["section"] == "theme"]
    assert [r["label"] for r in themes] == [t.label for t in content.themes]
    first = themes[0]
    assert (
        first["participants"],
        first["responses"],
        first["previous_participants"],
        first["trend"],
    ) == ("42", "61", "30", "up")


def test_csv_has_participation_place_and_action_rows() -> None:
    rows = csv_rows(render_csv(sample_content()))
    sections = [r["section"] for r in rows]
    assert sections[0] == "total" and rows[0]["participants"] == "163"
    assert sections.count("audience") == 2 and sections.count("age_band") == 5
    assert sections.count("place") == 4
    assert sections.count("action") == sum(len(t.actions) for t in sample_content().themes)
    action = next(r for r in rows if r["section"] == "action")
    assert (action["agency"], action["status"], action["due"]) == (
        "Northbridge Borough Council",
        "done",
        "2026-09-12",
    )


def test_a_suppressed_count_is_empty_and_flagged_never_its_number() -> None:
    content = with_leaky_suppressed_count(threshold=10)
    for text in (render_csv(content), render_json(content)):
        assert str(SECRET) not in text
    rows = {r["label"]: r for r in csv_rows(render_csv(content)) if r["section"] == "age_band"}
    assert rows["11 to 12"]["participants"] == "" and rows["11 to 12"]["suppressed"] == "true"
    assert rows["16 to 17"]["participants"] == "44" and rows["16 to 17"]["suppressed"] == "false"
    assert rows["11 to 12"]["suppression_threshold"] == "10"
    ages = json.loads(render_json(content))["participation"]["by_age_band"]
    assert ages[0] == {"label": "11 to 12", "value": None, "suppressed": True}


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_defused() -> None:
    theme = make_theme(
        label='=HYPERLINK("http://evil","x")', actions=[make_action(agency="@agency", what="-1+2")]
    )
    rows = csv_rows(render_csv(make_content(themes=[theme])))
    labels = {r["label"] for r in rows} | {r["agency"] for r in rows}
    assert {'\'=HYPERLINK("http://evil","x")', "'-1+2", "'@agency"} <= labels


def test_json_round_trips_to_the_same_report() -> None:
    content = sample_content()
    document = json.loads(render_json(content))
    assert document["schema_version"] == JSON_SCHEMA_VERSION
    assert document["slug"] == content.slug
    assert document["period"] == {"start": "2026-07-01", "end": "2026-09-30"}
    assert document["published_at"] == "2026-11-02T09:30:00+00:00"
    assert [t["label"] for t in document["themes"]] == [t.label for t in content.themes]
    assert document["themes"][0]["quotes"] == content.themes[0].quotes  # emoji, Polish intact
    assert document["themes"][0]["actions"][0]["due"] == "2026-09-12"
    assert document["actions_summary"] == {"done": 3, "in_progress": 2, "planned": 2}


def test_json_keys_are_stable() -> None:
    document = json.loads(render_json(sample_content()))
    assert list(document) == [
        "schema",
        "schema_version",
        "slug",
        "title",
        "partnership",
        "campaign",
        "period",
        "published_at",
        "introduction",
        "participation",
        "actions_summary",
        "themes",
        "places",
        "what_happens_next",
        "contact",
        "help_lines",
        "method_note",
    ]
    assert list(document["themes"][0]) == [
        "id",
        "label",
        "summary",
        "participants",
        "responses",
        "previous_participants",
        "trend",
        "sentiment",
        "keywords",
        "quotes",
        "harm_types",
        "aims",
        "actions",
    ]


def test_json_is_utf8_text_not_escaped() -> None:
    assert "zwłaszcza zimą 😬" in render_json(sample_content())
