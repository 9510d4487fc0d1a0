"""The safeguarding screen: pure Python, deterministic, no network.

One function serves the bot, the API and the CLI:

    >>> from nlu.screen import screen
    >>> screen("he's 23 and I'm 14 and he said not to tell my mum").level
    <Level.URGENT: 'urgent'>

The lexicon (lexicon.yaml) is data owned by the partnership; every result records its version.
See docs/safeguarding-screen.md for what the screen can and cannot catch.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from nlu.screen.engine import Engine
from nlu.screen.lexicon import CATEGORIES, LexiconError, load_lexicon
from nlu.screen.result import UNCLASSIFIED, Level, ScreenResult, raise_with_intent

__all__ = [
    "CATEGORIES",
    "UNCLASSIFIED",
    "Level",
    "LexiconError",
    "ScreenResult",
    "Screener",
    "default_lexicon_path",
    "default_screener",
    "raise_with_intent",
    "screen",
]


class Screener:
    """Screens messages against one lexicon. Build once, call `screen` many times."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.version: str = engine.version

    @classmethod
    def from_yaml(cls, path: Path) -> Screener:
        return cls(Engine(load_lexicon(Path(path))))

    def screen(self, text: str) -> ScreenResult:
        return self._engine.screen(text if isinstance(text, str) else str(text))


def default_lexicon_path() -> Path:
    return Path(str(resources.files("nlu.screen") / "lexicon.yaml"))


@lru_cache(maxsize=1)
def default_screener() -> Screener:
    return Screener.from_yaml(default_lexicon_path())


def screen(text: str) -> ScreenResult:
    return default_screener().screen(text)
