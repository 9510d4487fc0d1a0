from __future__ import annotations

import numpy as np
import pytest

from nlu.theming import ThemeInput, load_codebook, run_theming, theme_texts

IN_DOMAIN = {
    "getting_around": [
        "the last bus goes at 9 so i have to walk back",
        "bus tickets cost way too much for us",
    ],
    "mental_health": [
        "i've been so anxious and low lately and can't sleep",
        "waiting months to see someone about my depression",
    ],
    "online_life": [
        "a random on xbox keeps asking for pictures of me",
        "people screenshot your snaps and send them round",
    ],
    "things_to_do": [
        "we need a youth club, there's nowhere to go after school",
        "nothing to do in the holidays apart from hang round the shops",
    ],
}


def test_in_domain_responses_land_in_the_right_codebook_theme(embedder) -> None:
    ids: list[str] = []
    texts: list[str] = []
    expected: list[str] = []
    for theme, examples in IN_DOMAIN.items():
        for text in examples:
            ids.append(f"r{len(ids)}")
            texts.append(text)
            expected.append(theme)
    result = theme_texts(ids, texts, codebook=load_codebook(), embedder=embedder)
    assert [t for _, t in result.assignments] == expected
    assert all(theme.source == "codebook" for theme in result.themes)


def test_off_topic_responses_go_to_other_not_a_codebook_theme(embedder) -> None:
    texts = ["my cat is called biscuit", "what time is it", *IN_DOMAIN["mental_health"]]
    result = theme_texts(list(range(4)), texts, codebook=load_codebook(), embedder=embedder)
    assert [t for _, t in result.assignments] == ["other", "other"] + ["mental_health"] * 2


def test_what_fits_no_theme_is_clustered_into_proposed_themes() -> None:
    book = load_codebook()
    rng = np.random.default_rng(0)
    anchors = np.eye(len(book.themes), 64, dtype=np.float32)
    # 40 responses far from every anchor, in two tight groups.
    far = np.zeros((40, 64), dtype=np.float32)
    far[:20, 60] = 1.0
    far[20:, 61] = 1.0
    far += 0.01 * rng.normal(size=far.shape).astype(np.float32)
    near = anchors[:3] + 0.01
    vectors = np.vstack([near, far])
    items = [ThemeInput(i, f"response {i}") for i in range(len(vectors))]
    result = run_theming(items, vectors=vectors, codebook=book, anchor_vectors=anchors)
    themes = [t for _, t in result.assignments]
    assert themes[:3] == [t.id for t in book.themes[:3]]
    assert all(t.startswith("proposed_") for t in themes[3:])
    assert len(set(themes[3:23]) & set(themes[23:])) == 0


def test_every_item_is_assigned_once_in_input_order_without_a_codebook() -> None:
    rng = np.random.default_rng(5)
    vectors = rng.normal(size=(57, 16)).astype(np.float32)
    items = [ThemeInput(f"id{i}", "the park is scary at night") for i in range(57)]
    result = run_theming(items, vectors=vectors)
    assert [i for i, _ in result.assignments] == [item.id for item in items]
    assert sum(t.size for t in result.themes) == 57
    assert {t for _, t in result.assignments} == {t.id for t in result.themes}


def test_labels_and_keywords_never_contain_redacted_details() -> None:
    texts = [f"jayden told me to ring 07700 900{i:03d} about the park" for i in range(12)]
    items = [ThemeInput(i, t) for i, t in enumerate(texts)]
    vectors = np.ones((12, 8), dtype=np.float32)
    result = run_theming(items, vectors=vectors)
    words = " ".join([result.themes[0].label, *result.themes[0].keywords]).lower()
    assert "jayden" not in words
    assert "07700" not in words
    assert "park" in words


def test_mismatched_vectors_are_refused() -> None:
    with pytest.raises(ValueError, match="vectors"):
        run_theming([ThemeInput(1, "a")], vectors=np.zeros((2, 4), dtype=np.float32))
