from __future__ import annotations

import pytest

from nlu.redact import load_gazetteer, place_mentions, redact, redact_plain
from nlu.redact.gazetteer import GazetteerError


@pytest.mark.parametrize(
    "number",
    [
        "07700 900123",
        "07700900123",
        "+44 7700 900123",
        "+447700900123",
        "+44 (0)7700-900123",
        "0044 7700 900 123",
        "0161 496 0000",
        "(0161) 4960000",
    ],
)
def test_uk_phone_numbers_in_any_layout_are_redacted(number: str) -> None:
    result = redact(f"text me on {number} tonight")
    assert result.text == "text me on [phone] tonight"
    assert result.kinds == {"phone"}


def test_years_scores_and_foreign_numbers_are_not_phones() -> None:
    text = "in 2023 and 2024 i scored 10 out of 10, my code is 12345"
    assert redact(text).text == text


def test_emails_are_redacted_before_their_at_sign_looks_like_a_handle() -> None:
    result = redact("email jay.b22+x@gmail.co.uk please")
    assert result.text == "email [email] please"
    assert result.kinds == {"email"}


@pytest.mark.parametrize("postcode", ["M1 1AE", "m1 1ae", "SW1A 1AA", "ls62ab", "B33 8TH"])
def test_postcodes_are_redacted_in_upper_or_lower_case(postcode: str) -> None:
    assert redact(f"i live near {postcode} ok").text == "i live near [postcode] ok"


@pytest.mark.parametrize(
    "address", ["12 Acacia Road", "12a acacia rd", "7 Mill Lane", "221 Baker Street"]
)
def test_street_addresses_are_redacted(address: str) -> None:
    assert redact(f"he lives at {address} now").text == "he lives at [address] now"


def test_a_named_street_without_a_number_is_still_redacted() -> None:
    assert redact("they hang out on Acacia Road").text == "they hang out on [address]"


def test_counting_phrases_are_not_mistaken_for_addresses() -> None:
    text = "it happened 3 days in a row and it's a 10 minute walk. No Way."
    assert redact(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("follow @jay_22 on there", "follow [handle] on there"),
        ("add my snap: jayb_22", "add my snap: [handle]"),
        ("my insta is lil.j", "my insta is [handle]"),
    ],
)
def test_social_media_handles_are_redacted(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_talking_about_an_app_is_not_a_handle() -> None:
    text = "people put snapchat videos of fights up"
    assert redact(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("me and jayden got jumped", "me and [name] got jumped"),
        ("My mate Will Thompson saw it", "My mate [name] saw it"),
        ("a boy called Kofi texted me", "a boy called [name] texted me"),
        ("Chloe's brother is scary", "[name]'s brother is scary"),
        ("I told Mark and he laughed", "I told [name] and he laughed"),
    ],
)
def test_names_are_redacted_from_the_list_and_after_cues(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "I will tell someone if it may help",
        "there is hope and I have faith in it",
        "mark my words, the grace period is over",
        "Will you listen to us?",
        "we rose early and it was a joy",
    ],
)
def test_ordinary_words_that_are_also_names_are_left_alone(text: str) -> None:
    assert redact(text).text == text


def test_gazetteer_schools_and_places_are_redacted_through_their_aliases() -> None:
    result = redact("after St Marys we go to vicky park then the bus station")
    assert result.text == "after [school] we go to [place] then [place]"


def test_the_longest_gazetteer_alias_wins() -> None:
    mentions = place_mentions("outside Hartwell Bus Station")
    assert [(m.place_id, m.kind) for m in mentions] == [("hartwell_bus_station", "station")]


def test_found_spans_point_into_the_original_text() -> None:
    text = "ring 07700 900123 or email a@b.com"
    result = redact(text)
    assert [(k, text[s:e]) for k, (s, e) in result.found] == [
        ("phone", "07700 900123"),
        ("email", "a@b.com"),
    ]


def test_redact_plain_drops_placeholders_for_keyword_extraction() -> None:
    assert redact_plain("jayden said 07700 900123 is his") == "said is his"


def test_a_broken_gazetteer_file_gives_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "g.yaml"
    bad.write_text("places:\n  - id: x\n    kind: park\n")
    with pytest.raises(GazetteerError, match="name"):
        load_gazetteer(bad)


def test_a_custom_gazetteer_is_used_instead_of_the_default(tmp_path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(
        "places:\n  - id: elm\n    name: Elm Academy\n    kind: school\n    aliases: [Elmy]\n"
    )
    gaz = load_gazetteer(path)
    assert redact("elmy is rubbish, vicky park is fine", gaz).text == (
        "[school] is rubbish, vicky park is fine"
    )


def test_months_that_are_also_names_are_left_alone_unless_cued() -> None:
    assert redact("it started in May and got worse by June").text == (
        "it started in May and got worse by June"
    )
    assert redact("a girl called April").text == "a girl called [name]"


def test_acronyms_after_a_cue_are_not_names() -> None:
    assert redact("it was NHS staff").text == "it was NHS staff"


def test_a_name_that_is_also_a_town_is_a_place_after_a_preposition() -> None:
    assert redact("we went to Preston on the bus").text == "we went to Preston on the bus"
    assert redact("my mate Preston came too").text == "my mate [name] came too"
