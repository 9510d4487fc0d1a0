from datetime import UTC, datetime, timedelta

import pytest

from consent.domain import (
    AgeBand,
    Audience,
    ConsentEvent,
    ConsentRefused,
    ConsentState,
    Scope,
    may_consent_for_self,
    participant_key,
    statement_audience,
    validate_grant,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def test_participant_key_is_stable_for_the_same_person_and_pepper():
    assert participant_key(b"p", "telegram", 42) == participant_key(b"p", "telegram", "42")


def test_participant_key_differs_by_pepper_channel_and_user():
    base = participant_key(b"p", "telegram", 42)
    assert base != participant_key(b"q", "telegram", 42)
    assert base != participant_key(b"p", "web", 42)
    assert base != participant_key(b"p", "telegram", 43)


def test_participant_key_does_not_contain_the_raw_id():
    key = participant_key(b"pepper", "telegram", 123456789)
    assert "123456789" not in key
    assert len(key) == 64


def test_an_empty_pepper_is_refused():
    with pytest.raises(ValueError):
        participant_key(b"", "telegram", 1)


def test_under_13s_cannot_consent_for_themselves_but_parents_can():
    assert not may_consent_for_self(Audience.YOUNG_PERSON, AgeBand.UNDER_13)
    assert may_consent_for_self(Audience.YOUNG_PERSON, AgeBand.AGE_13_15)
    assert may_consent_for_self(Audience.PARENT_CARER, AgeBand.ADULT)


def test_under_13_grant_is_refused():
    with pytest.raises(ConsentRefused):
        validate_grant(Audience.YOUNG_PERSON, AgeBand.UNDER_13, {Scope.KEEP_VIEWS})


def test_quoting_without_keeping_views_is_refused():
    with pytest.raises(ConsentRefused):
        validate_grant(Audience.YOUNG_PERSON, AgeBand.AGE_16_17, {Scope.QUOTE})


def test_each_audience_sees_its_own_statement():
    assert statement_audience(Audience.YOUNG_PERSON, AgeBand.UNDER_13) == "under_13"
    assert statement_audience(Audience.YOUNG_PERSON, AgeBand.AGE_18_25) == "young_person"
    assert statement_audience(Audience.PARENT_CARER, None) == "parent_carer"


def _event(scope: Scope, granted: bool, minutes: int) -> ConsentEvent:
    return ConsentEvent(scope, granted, T0 + timedelta(minutes=minutes), "v1")


def test_the_latest_event_per_scope_wins():
    state = ConsentState.from_events(
        [
            _event(Scope.KEEP_VIEWS, True, 0),
            _event(Scope.QUOTE, True, 0),
            _event(Scope.QUOTE, False, 5),
        ]
    )
    assert state.may_keep_views
    assert not state.may_quote


def test_quote_and_follow_up_lapse_when_keep_views_is_withdrawn():
    state = ConsentState.from_events(
        [
            _event(Scope.KEEP_VIEWS, True, 0),
            _event(Scope.QUOTE, True, 0),
            _event(Scope.FOLLOW_UP, True, 0),
            _event(Scope.KEEP_VIEWS, False, 1),
        ]
    )
    assert state.scopes == frozenset()


def test_no_events_means_no_consent():
    assert not ConsentState.from_events([]).may_keep_views
