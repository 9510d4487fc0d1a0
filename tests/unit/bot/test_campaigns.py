from __future__ import annotations

import pytest

from bot.campaigns import (
    DEFAULT_CAMPAIGN,
    CampaignError,
    _parse,
    all_campaigns,
    load_campaign,
    valid_payload,
)
from bot.catalogue import available_languages


def test_the_default_campaign_asks_the_partnerships_four_questions():
    campaign = load_campaign(DEFAULT_CAMPAIGN)
    assert [q.id for q in campaign.questions] == [
        "good_things",
        "unsafe_places",
        "make_better",
        "tell_partnership",
    ]


@pytest.mark.parametrize("language", available_languages())
def test_every_shipped_campaign_is_written_in_every_language(language):
    for campaign in all_campaigns():
        assert language in campaign.intro
        assert all(language in q.text for q in campaign.questions)


@pytest.mark.parametrize("payload", [None, "", "no-such-campaign", "../../etc/passwd", "a" * 65])
def test_an_unknown_or_malformed_payload_gets_the_default_campaign(payload):
    assert load_campaign(payload).id == DEFAULT_CAMPAIGN


@pytest.mark.parametrize(
    ("payload", "valid"),
    [("feeling-safe", True), ("Term_2", True), ("a b", False), ("x/y", False), ("é", False)],
)
def test_deep_link_payloads_are_validated(payload, valid):
    assert (valid_payload(payload) is not None) is valid


def test_a_question_without_english_is_rejected():
    data = {
        "id": "x",
        "title": {"en": "X"},
        "intro": {"en": "hi"},
        "questions": [{"id": "q", "text": {"pl": "tylko po polsku"}}],
    }
    with pytest.raises(CampaignError, match="English"):
        _parse(data, "x.yaml")


def test_a_missing_section_is_named():
    with pytest.raises(CampaignError, match="questions"):
        _parse({"id": "x", "title": {"en": "X"}, "intro": {"en": "hi"}}, "x.yaml")


def test_a_question_falls_back_to_english_in_another_language():
    question = load_campaign(None).questions[0]
    assert question.in_language("xx") == question.text["en"]
