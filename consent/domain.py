"""Consent rules as plain Python: no database, no Telegram, no HTTP.

Unit-tested on their own; the service layer only loads and stores what these functions decide.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Audience(StrEnum):
    YOUNG_PERSON = "young_person"
    PARENT_CARER = "parent_carer"


class AgeBand(StrEnum):
    UNDER_13 = "under_13"
    AGE_13_15 = "13_15"
    AGE_16_17 = "16_17"
    AGE_18_25 = "18_25"
    ADULT = "adult"  # parents and carers


class Scope(StrEnum):
    KEEP_VIEWS = "keep_views"  # keep my views anonymously
    QUOTE = "quote"  # quote my words anonymously in reports
    FOLLOW_UP = "follow_up"  # tell me what happened next


class ConsentRefused(Exception):
    """The person may not give this consent (for example, under 13)."""


def participant_key(pepper: bytes, channel: str, user_id: str | int) -> str:
    """Keyed hash of a platform identity: stable per person, useless without the pepper."""
    if not pepper:
        raise ValueError("an empty pepper would make participant keys guessable")
    message = f"{channel}:{user_id}".encode()
    return hmac.new(pepper, message, hashlib.sha256).hexdigest()


def statement_audience(audience: Audience, age_band: AgeBand | None) -> str:
    """Which consent statement a person is shown."""
    if audience is Audience.PARENT_CARER:
        return "parent_carer"
    if age_band is AgeBand.UNDER_13:
        return "under_13"
    return "young_person"


def may_consent_for_self(audience: Audience, age_band: AgeBand | None) -> bool:
    # Under-13s cannot give their own consent to keep their views (UK GDPR Article 8, ICO
    # children's code); the screen still protects them whatever they type.
    return not (audience is Audience.YOUNG_PERSON and age_band is AgeBand.UNDER_13)


@dataclass(frozen=True)
class ConsentEvent:
    scope: Scope
    granted: bool
    at: datetime
    statement_version: str


@dataclass(frozen=True)
class ConsentState:
    scopes: frozenset[Scope]

    @property
    def may_keep_views(self) -> bool:
        return Scope.KEEP_VIEWS in self.scopes

    @property
    def may_quote(self) -> bool:
        return Scope.KEEP_VIEWS in self.scopes and Scope.QUOTE in self.scopes

    @property
    def wants_follow_up(self) -> bool:
        return Scope.FOLLOW_UP in self.scopes

    @classmethod
    def from_events(cls, events: Iterable[ConsentEvent]) -> ConsentState:
        """The latest event per scope wins; quoting and follow-up lapse without keep_views."""
        latest: dict[Scope, ConsentEvent] = {}
        for event in sorted(events, key=lambda e: e.at):
            latest[event.scope] = event
        granted = {scope for scope, event in latest.items() if event.granted}
        if Scope.KEEP_VIEWS not in granted:
            granted.clear()
        return cls(scopes=frozenset(granted))


def validate_grant(
    audience: Audience, age_band: AgeBand | None, scopes: Iterable[Scope]
) -> frozenset[Scope]:
    chosen = frozenset(scopes)
    if not may_consent_for_self(audience, age_band):
        raise ConsentRefused("under-13s need a parent or carer's agreement to keep their views")
    if chosen and Scope.KEEP_VIEWS not in chosen:
        raise ConsentRefused("quoting or follow-up needs agreement to keep views first")
    return chosen
