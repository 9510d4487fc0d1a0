"""Sealing: symmetric encryption (Fernet) for the few fields that can identify a person.

Keys come from settings; several comma-separated keys allow rotation (first one encrypts).
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from feedback_api.settings import Settings


class SealError(Exception):
    pass


class Sealer:
    def __init__(self, keys: list[bytes]) -> None:
        if not keys:
            raise SealError("no sealing key configured")
        self._fernet = MultiFernet([Fernet(k) for k in keys])

    @classmethod
    def from_settings(cls, settings: Settings) -> Sealer:
        raw = settings.escalation_key_bytes()
        return cls([k.strip() for k in raw.split(b",") if k.strip()])

    def seal(self, value: str) -> str:
        return self._fernet.encrypt(value.encode()).decode()

    def unseal(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            raise SealError("sealed value cannot be opened with the configured key") from None
