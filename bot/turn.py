"""A turn: one inbound update handled inside one database transaction.

Flows append replies to the turn and change its conversation; the engine saves both (state and
sealed outbox rows) in the same transaction, then sends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from bot.catalogue import Catalogue, load_catalogue
from bot.inbound import Inbound
from bot.replies import Button, Reply
from bot.state import Conv
from consent.models import Participant
from consent.service import get_participant
from feedback_api.settings import Settings


@dataclass
class Turn:
    session: Session
    settings: Settings
    inbound: Inbound
    conv: Conv
    participant_key: str
    intent: str | None = None  # the NLU's reading of typed words, if any (never required)
    urgent: bool = False
    replies: list[Reply] = field(default_factory=list)

    @property
    def catalogue(self) -> Catalogue:
        return load_catalogue(self.conv.data.language)

    @property
    def language(self) -> str:
        return self.conv.data.language

    def text(self, key: str, **values: Any) -> str:
        return self.catalogue.text(key, **values)

    def help_values(self) -> dict[str, str]:
        return {
            "front_door_name": self.settings.front_door_name,
            "front_door_phone": self.settings.front_door_phone,
        }

    def say(self, key: str, *rows: list[tuple[str, str]], **values: Any) -> None:
        """Queue the catalogue message `key`, with rows of (label key, callback data) buttons."""
        if key in ("help", "urgent", "concern"):
            values = {**self.help_values(), **values}
        buttons = tuple(
            tuple(Button(self.text(label), data) for label, data in row) for row in rows
        )
        self.replies.append(Reply(self.text(key, **values), buttons))

    def say_raw(self, text: str, buttons: tuple[tuple[Button, ...], ...] = ()) -> None:
        self.replies.append(Reply(text, buttons))

    def participant(self) -> Participant | None:
        return get_participant(self.session, key=self.participant_key)
