"""Settings, read from the environment (prefix YOUSAID_) or a .env file.

Secrets that a small deployment should not have to invent (the participant pepper, the escalation
sealing key) are generated once into the var directory with 0600 permissions and never printed.
"""

from __future__ import annotations

import os
import secrets
from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError


class ConfigError(Exception):
    """A setting is unusable; the message is one sentence a person can act on."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="YOUSAID_", env_file=".env", extra="ignore", frozen=False
    )

    var_dir: Path = Path("var")
    database_url: str = ""  # empty means a SQLite file under var_dir
    pepper: SecretStr | None = None
    escalation_key: SecretStr | None = None
    retention_days: int = Field(default=365, ge=1)
    k_anonymity: int = Field(default=5, ge=1)

    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)
    public_base_url: str = "http://127.0.0.1:8000"

    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_webhook_secret: SecretStr | None = None
    emulator_port: int = Field(default=8081, ge=1, le=65535)
    safeguarding_chat_id: str | None = None
    backup_chat_id: str | None = None
    ack_timeout_minutes: int = Field(default=15, ge=1)
    outbox_lease_seconds: float = Field(default=60, gt=0)

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_from: str = "yousaid@localhost"
    smtp_to: str | None = None
    smtp_backup_to: str | None = None
    webhook_url: str | None = None

    front_door_name: str = "Children's Front Door"
    front_door_phone: str = "0300 123 4567"

    codebook_file: Path | None = None
    partnership_name: str = "Northbridge Safeguarding Children Partnership"

    nlu_sidecar: bool = True  # `yousaid run` starts Rasa when it can
    rasa_url: str | None = None
    rasa_token: SecretStr | None = None

    @field_validator(
        "pepper",
        "escalation_key",
        "telegram_token",
        "telegram_webhook_secret",
        "rasa_token",
        "safeguarding_chat_id",
        "backup_chat_id",
        "smtp_host",
        "smtp_to",
        "smtp_backup_to",
        "webhook_url",
        "rasa_url",
        "codebook_file",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # An exported-but-empty variable (YOUSAID_TELEGRAM_TOKEN=) means "not configured".
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        if not value:
            return value
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(f"not a database URL: {value!r}") from None
        if url.get_backend_name() not in {"sqlite", "postgresql"}:
            raise ValueError("YOUSAID_DATABASE_URL must be a sqlite:// or postgresql:// URL")
        return value

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.var_dir / 'yousaid.db').resolve()}"

    @property
    def codebook_path(self) -> Path:
        """The working codebook: promoted themes are written here (a copy of the default)."""
        return self.codebook_file or self.var_dir / "codebook.yaml"

    def prepare_var_dir(self) -> Path:
        """Create the var directory, or fail with one clear sentence."""
        try:
            self.var_dir.mkdir(parents=True, exist_ok=True)
            probe = self.var_dir / ".write-test"
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            raise ConfigError(
                f"The data directory {self.var_dir} is not writable ({exc.strerror})."
            ) from None
        return self.var_dir

    def _secret_file(self, name: str, make: str) -> str:
        path = self.prepare_var_dir() / name
        if not path.exists():
            # O_EXCL so two processes starting together cannot both write a different secret.
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                return path.read_text().strip()
            with os.fdopen(fd, "w") as fh:
                fh.write(make)
        return path.read_text().strip()

    def pepper_bytes(self) -> bytes:
        if self.pepper is not None:
            return self.pepper.get_secret_value().encode()
        return self._secret_file("pepper", secrets.token_hex(32)).encode()

    def escalation_key_bytes(self) -> bytes:
        if self.escalation_key is not None:
            return self.escalation_key.get_secret_value().encode()
        from cryptography.fernet import Fernet

        return self._secret_file("escalation.key", Fernet.generate_key().decode()).encode()


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning validation errors into one ConfigError sentence."""
    from pydantic import ValidationError

    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "settings"
        msg = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"Invalid setting YOUSAID_{field.upper()}: {msg}") from None
