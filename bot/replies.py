"""What a turn decides to say: plain values, sealed into the outbox and sent after commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TELEGRAM_TEXT_LIMIT = 4096


@dataclass(frozen=True)
class Button:
    label: str
    data: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[tuple[Button, ...], ...] = field(default=())

    def to_json(self, chat_id: int) -> dict[str, Any]:
        return {
            "chat_id": chat_id,
            "text": self.text,
            "buttons": [[[b.label, b.data] for b in row] for row in self.buttons],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> tuple[int, Reply]:
        buttons = tuple(tuple(Button(str(a), str(b)) for a, b in row) for row in data["buttons"])
        return int(data["chat_id"]), cls(text=str(data["text"]), buttons=buttons)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Pieces of at most `limit` UTF-16 units (Telegram's measure), split at lines or spaces."""
    pieces: list[str] = []
    rest = text
    while _utf16_len(rest) > limit:
        cut = limit
        while _utf16_len(rest[:cut]) > limit:
            cut -= 1
        window = rest[:cut]
        at = max(window.rfind("\n"), window.rfind(" "))
        if at < cut // 2:
            at = cut
        pieces.append(rest[:at].rstrip())
        rest = rest[at:].lstrip()
    if rest or not pieces:
        pieces.append(rest)
    return pieces


def split_reply(reply: Reply) -> list[Reply]:
    """A reply too long for one message becomes several; buttons go on the last piece."""
    parts = split_text(reply.text)
    return [Reply(p) for p in parts[:-1]] + [Reply(parts[-1], reply.buttons)]
