from __future__ import annotations

import pytest

from nlu.theming.embeddings import Embedder, default_embedder


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real MiniLM model, loaded once per test session (a few seconds)."""
    return default_embedder()
