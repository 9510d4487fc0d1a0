from __future__ import annotations

import pytest
import yaml

from nlu.theming.codebook import (
    DEFAULT_CODEBOOK,
    CodebookError,
    load_codebook,
    parse_codebook,
    promote_theme,
)


def theme_data(theme_id: str = "late_buses", **overrides):
    data = {
        "id": theme_id,
        "label": "Late buses",
        "description": "Buses that stop early",
        "examples": ["no buses after 9", "walk home in the dark", "last bus is too early"],
        "harm_types": ["youth_violence"],
        "aims": ["Prevent"],
    }
    return data | overrides


def test_the_shipped_codebook_loads_with_aims_and_harm_types_on_every_theme() -> None:
    book = load_codebook()
    assert 12 <= len(book.themes) <= 15
    ids = {t.id for t in book.themes}
    assert {"safe_places", "things_to_do", "online_life", "being_listened_to"} <= ids
    assert all(t.aims and t.harm_types and len(t.examples) >= 3 for t in book.themes)


def test_an_unknown_aim_is_reported_with_the_theme_id_and_field() -> None:
    with pytest.raises(CodebookError) as err:
        parse_codebook({"themes": [theme_data(aims=["Punish"])]})
    assert "late_buses" in str(err.value)
    assert "aims" in str(err.value)


def test_unknown_harm_types_and_duplicate_ids_are_rejected() -> None:
    with pytest.raises(CodebookError, match="unknown harm types"):
        parse_codebook({"themes": [theme_data(harm_types=["boredom"])]})
    with pytest.raises(CodebookError, match="duplicate theme ids"):
        parse_codebook({"themes": [theme_data(), theme_data()]})


def test_too_few_examples_is_an_error() -> None:
    with pytest.raises(CodebookError, match="examples"):
        parse_codebook({"themes": [theme_data(examples=["one"])]})


def test_a_missing_or_malformed_file_gives_a_clear_error(tmp_path) -> None:
    with pytest.raises(CodebookError, match="not found"):
        load_codebook(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("themes: [unclosed")
    with pytest.raises(CodebookError, match="not valid YAML"):
        load_codebook(bad)


def test_promoting_a_discovered_theme_writes_a_codebook_that_loads(tmp_path) -> None:
    data = yaml.safe_load(DEFAULT_CODEBOOK.read_text())
    out = tmp_path / "codebook.yaml"
    promote_theme(
        data,
        theme_id="late_buses",
        label="Late buses",
        description="Buses stop running early in the evening",
        examples=["no buses after 9", "walk home in the dark", "last bus too early"],
        harm_types=["youth_violence"],
        aims=["Prevent"],
        path=out,
    )
    book = load_codebook(out)
    assert book.themes[-1].id == "late_buses"
    assert book.themes[-1].status == "proposed"
    assert len(book.themes) == len(data["themes"]) + 1


def test_promoting_an_invalid_theme_writes_nothing(tmp_path) -> None:
    out = tmp_path / "codebook.yaml"
    with pytest.raises(CodebookError):
        promote_theme(
            {"themes": [theme_data()]},
            theme_id="Bad Id",
            label="x",
            description="x",
            examples=["a", "b", "c"],
            path=out,
        )
    assert not out.exists()
