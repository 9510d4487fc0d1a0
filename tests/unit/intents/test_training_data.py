from __future__ import annotations

from collections import Counter

import yaml

from nlu.intent_data import (
    HELDOUT_YAML,
    NLU_YAML,
    RASA_DIR,
    load_examples,
    load_nlu,
    parse_annotated,
)
from nlu.intents import INTENTS


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def test_no_held_out_text_appears_in_the_training_data():
    training = {_normal(e.text) for e in load_examples(NLU_YAML)}
    leaked = [e.text for e in load_examples(HELDOUT_YAML) if _normal(e.text) in training]
    assert leaked == []


def test_every_intent_has_several_dozen_training_examples():
    counts = Counter(e.intent for e in load_examples(NLU_YAML))
    assert set(counts) == set(INTENTS)
    assert min(counts.values()) >= 30, counts


def test_every_intent_is_in_the_held_out_file():
    assert {e.intent for e in load_examples(HELDOUT_YAML)} == set(INTENTS)


def test_the_domain_declares_exactly_the_intents_and_the_place_entity():
    domain = yaml.safe_load((RASA_DIR / "domain.yml").read_text())
    assert tuple(domain["intents"]) == INTENTS
    assert domain["entities"] == ["place"]


def test_share_view_examples_annotate_places():
    views = [e for e in load_examples(NLU_YAML) if e.intent == "share_view"]
    places = [ent for e in views for ent in e.entities]
    assert len(places) >= 20
    assert all(ent.entity == "place" for ent in places)


def test_annotations_are_stripped_and_spans_point_at_the_place():
    example = parse_annotated("meet at [the underpass by the station](place) later", "share_view")
    assert example.text == "meet at the underpass by the station later"
    (place,) = example.entities
    assert example.text[place.start : place.end] == "the underpass by the station"


def test_long_form_annotations_are_understood():
    example = parse_annotated('[the rec]{"entity": "place"} is boring', "share_view")
    assert example.text == "the rec is boring"
    assert example.entities[0].entity == "place"


def test_the_place_lookup_table_is_loaded():
    assert "underpass" in load_nlu().lookups["place"]
