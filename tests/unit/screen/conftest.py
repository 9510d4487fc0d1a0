import pytest

from nlu.screen import Screener, default_lexicon_path


@pytest.fixture(scope="session")
def patterns_only() -> Screener:
    """The shipped lexicon without the learned reader: what the patterns alone decide."""
    return Screener.from_yaml(default_lexicon_path())
