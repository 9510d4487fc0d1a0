from __future__ import annotations

from nlu.theming.labels import ctfidf_keywords, describe


def test_keywords_are_what_makes_a_cluster_different() -> None:
    buses = ["the bus is late again", "bus fares cost too much", "no bus after nine"] * 4
    parks = ["the park is dark at night", "lads in the park", "park lights broken"] * 4
    keywords = ctfidf_keywords([buses, parks], top_n=5)
    assert keywords[0][0] == "bus"
    assert keywords[1][0] == "park"
    assert "bus" not in keywords[1]


def test_labels_prefer_noun_phrases_and_read_like_topics() -> None:
    docs = ["the youth club shut down", "we miss the youth club", "bring back the youth club"]
    (theme,) = describe([docs * 4])
    assert theme.label.lower().startswith("youth club")


def test_descriptions_redact_their_input_unless_told_it_is_already_redacted() -> None:
    docs = [f"jayden from 12 acacia road said the park is scary {i}" for i in range(12)]
    (theme,) = describe([docs])
    published = " ".join([theme.label, *theme.keywords]).lower()
    assert "jayden" not in published
    assert "acacia" not in published
    assert "park" in published


def test_sentiment_is_a_rounded_mean_polarity() -> None:
    (good, bad) = describe([["it is great and lovely"] * 3, ["it is horrible and awful"] * 3])
    assert good.sentiment > 0.3 > -0.3 > bad.sentiment
    assert round(good.sentiment, 3) == good.sentiment
