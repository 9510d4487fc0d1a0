"""Bot API request parameters: query string, JSON body, urlencoded or multipart form.

PTB sends form fields where numbers are strings and nested objects are JSON-encoded strings;
JSON clients send native values. These accessors accept both.
"""

from __future__ import annotations

import json
from typing import Any

from bot.emulator.models import JSON, bad_request

CALLBACK_DATA_MAX_BYTES = 64
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


class Params:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def has(self, key: str) -> bool:
        return self.data.get(key) not in (None, "")

    def string(self, key: str, default: str | None = None) -> str | None:
        value = self.data.get(key)
        if value is None:
            return default
        return value if isinstance(value, str) else json.dumps(value)

    def integer(self, key: str, default: int | None = None) -> int | None:
        value = self.data.get(key)
        if value in (None, ""):
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {key} specified") from None

    def number(self, key: str, default: float = 0.0) -> float:
        value = self.data.get(key)
        if value in (None, ""):
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {key} specified") from None

    def required_int(self, key: str, missing: str) -> int:
        value = self.integer(key)
        if value is None:
            raise bad_request(missing)
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes")
        return bool(value)

    def json(self, key: str, what: str = "JSON object") -> Any:
        value = self.data.get(key)
        if not isinstance(value, str):
            return value
        if value == "":
            return None
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {what}") from None


def parse_reply_markup(params: Params) -> JSON | None:
    """Validate reply_markup with Telegram's errors; returns it normalised, or None."""
    markup = params.json("reply_markup", "reply keyboard markup JSON object")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("object expected as reply markup")
    if "inline_keyboard" in markup:
        return {"inline_keyboard": _inline_rows(markup["inline_keyboard"])}
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise bad_request('field "keyboard" of the ReplyKeyboardMarkup must be an Array')
        buttons = [[b if isinstance(b, dict) else {"text": str(b)} for b in row] for row in rows]
        return {**markup, "keyboard": buttons}
    if markup.get("remove_keyboard") or markup.get("force_reply"):
        return markup
    raise bad_request('can\'t find field "inline_keyboard"')


def _inline_rows(rows: Any) -> list[list[JSON]]:
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    return [[_inline_button(b) for b in row] for row in rows]


def _inline_button(button: Any) -> JSON:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request('can\'t find field "text"')
    actions = [a for a in _BUTTON_ACTIONS if a in button]
    if len(actions) != 1:
        raise bad_request("text buttons are unallowed in the inline keyboard")
    data = button.get("callback_data")
    if "callback_data" in button and (
        not isinstance(data, str) or not 1 <= len(data.encode()) <= CALLBACK_DATA_MAX_BYTES
    ):
        raise bad_request("BUTTON_DATA_INVALID")
    return {k: v for k, v in button.items() if k == "text" or k in _BUTTON_ACTIONS}
