import re

from consent.statements import load_statements


def test_every_audience_has_a_versioned_statement():
    statements = load_statements("en")
    assert set(statements) == {"young_person", "under_13", "parent_carer"}
    for statement in statements.values():
        assert statement.version
        assert len(statement.sha256) == 64


def test_statements_say_safety_comes_first_even_without_consent():
    for statement in load_statements("en").values():
        assert "safe" in statement.text.lower()


def test_statements_use_short_sentences_for_a_reading_age_of_about_nine():
    for statement in load_statements("en").values():
        sentences = [s for s in re.split(r"[.!?]\s+", statement.text) if s.strip()]
        average = sum(len(s.split()) for s in sentences) / len(sentences)
        assert average <= 16, (statement.audience, average)


def test_an_unknown_language_falls_back_to_english():
    assert load_statements("xx")["young_person"].language == "en"


def test_polish_statements_exist_for_every_audience_with_the_same_versions():
    english, polish = load_statements("en"), load_statements("pl")
    assert set(polish) == set(english)
    assert all(polish[a].language == "pl" for a in polish)
    assert all(polish[a].version == english[a].version for a in polish)
    assert set(polish["young_person"].scopes) == set(english["young_person"].scopes)
