"""Campaigns are data: one YAML file per campaign, named by its id (the /start deep-link payload).

A QR code on a school poster links to t.me/<bot>?start=<campaign id>; an unknown or malformed
payload falls back to the default campaign rather than failing a young person's first message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

CAMPAIGN_DIR = Path(__file__).resolve().parent
DEFAULT_CAMPAIGN = "feeling-safe"
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


class CampaignError(Exception):
    pass


@dataclass(frozen=True)
class Question:
    id: str
    text: dict[str, str]

    def in_language(self, language: str) -> str:
        return self.text.get(language) or self.text["en"]


@dataclass(frozen=True)
class Campaign:
    id: str
    title: dict[str, str]
    intro: dict[str, str]
    questions: tuple[Question, ...]

    def intro_in(self, language: str) -> str:
        return self.intro.get(language) or self.intro["en"]


def valid_payload(payload: str | None) -> str | None:
    """The payload if it is a well-formed campaign id, else None."""
    if payload and _PAYLOAD.fullmatch(payload):
        return payload
    return None


def _parse(data: dict[str, object], source: str) -> Campaign:
    try:
        questions = tuple(
            Question(id=str(q["id"]), text={str(k): str(v) for k, v in q["text"].items()})
            for q in data["questions"]  # type: ignore[attr-defined]
        )
        title = {str(k): str(v) for k, v in data["title"].items()}  # type: ignore[attr-defined]
        intro = {str(k): str(v) for k, v in data["intro"].items()}  # type: ignore[attr-defined]
        campaign = Campaign(id=str(data["id"]), title=title, intro=intro, questions=questions)
    except (KeyError, TypeError, AttributeError) as exc:
        raise CampaignError(f"campaign {source} is malformed: missing {exc}") from None
    if not campaign.questions or any("en" not in q.text for q in campaign.questions):
        raise CampaignError(f"campaign {source} needs questions, each with English text")
    if "en" not in campaign.intro:
        raise CampaignError(f"campaign {source} needs an English intro")
    return campaign


@cache
def load_campaign(campaign_id: str | None) -> Campaign:
    """The campaign named by a deep-link payload, or the default one."""
    name = valid_payload(campaign_id) or DEFAULT_CAMPAIGN
    path = CAMPAIGN_DIR / f"{name}.yaml"
    if not path.is_file():
        path = CAMPAIGN_DIR / f"{DEFAULT_CAMPAIGN}.yaml"
    return _parse(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)


def all_campaigns() -> list[Campaign]:
    return [load_campaign(p.stem) for p in sorted(CAMPAIGN_DIR.glob("*.yaml"))]
