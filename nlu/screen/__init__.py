"""The safeguarding screen: pure Python, deterministic, no network.

One function serves the bot, the API and the CLI:

    >>> from nlu.screen import screen
    >>> screen("he's 23 and I'm 14 and he said not to tell my mum").level
    <Level.URGENT: 'urgent'>

The lexicon (lexicon.yaml) is data owned by the partnership; every result records its version.
See docs/safeguarding-screen.md for what the screen can and cannot catch.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path

from nlu.screen.combine import combine
from nlu.screen.engine import Engine
from nlu.screen.lexicon import CATEGORIES, LexiconError, load_lexicon
from nlu.screen.model import RiskModel
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
    """Screens messages against one lexicon (and, by default, the learned model).

    Build once, call `screen` or `screen_many` many times.
    """

    def __init__(self, engine: Engine, model: RiskModel | None = None) -> None:
        self._engine = engine
        self._model = model
        self.version: str = engine.version + (f"+{model.version}" if model else "")

    @classmethod
    def from_yaml(cls, path: Path, *, with_model: bool = False) -> Screener:
        model = RiskModel.from_testsets() if with_model else None
        return cls(Engine(load_lexicon(Path(path))), model)

    def screen(self, text: str) -> ScreenResult:
        return self.screen_many([text])[0]

    def screen_many(self, texts: Sequence[str]) -> list[ScreenResult]:
        """Screen a batch; the text is normalised once and both readers use its words."""
        clean = [t if isinstance(t, str) else str(t) for t in texts]
        model = self._model
        if model is None:
            return [self._engine.screen(t) for t in clean]
        out = []
        for text in clean:
            patterns, words = self._engine.screen_tokens(text)
            category = partial(model.category, words)
            out.append(combine(patterns, model.read_words(words), model.version, category))
        return out


def default_lexicon_path() -> Path:
    return Path(str(resources.files("nlu.screen") / "lexicon.yaml"))


@lru_cache(maxsize=1)
def default_screener() -> Screener:
    return Screener.from_yaml(default_lexicon_path(), with_model=True)


def screen(text: str) -> ScreenResult:
    return default_screener().screen(text)
