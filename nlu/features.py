"""Offline text features: tokens, TextBlob sentiment and noun phrases.

TextBlob's default tokeniser, tagger front end and noun-phrase extractors all need NLTK corpora
(punkt, brown, ...), which are not installed and cannot be downloaded here or in production. We
only touch the two parts that ship their own data: `PatternAnalyzer` (sentiment lexicon) and
`PatternTagger` (the pattern library's Brill tagger). Noun phrases come from our own chunker
over PatternTagger tags.

Sentiment is a WEAK signal: PatternAnalyzer is a lexicon of adult, mostly product-review English.
It misreads youth slang ("sick", "bad", "peak", "calm") and sarcasm, and cannot see that "I feel
safe now" after a long complaint is relief. Use it to sort or colour themes, never to decide
anything about a young person.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def word_set(words: str) -> frozenset[str]:
    """A frozenset from a whitespace-separated word list (keeps long lists readable)."""
    return frozenset(words.split())


# Short English stop list for keywords/labels (scikit-learn's is used for c-TF-IDF too).
STOPWORDS = word_set(
    "a about above after again against all also am an and any are as at be because been "
    "before being below between both but by can could did do does doing don down during each "
    "even ever every few for from further get gets getting got had has have having he her "
    "here hers herself him himself his how i if im in into is it its itself just like lot "
    "lots me more most my myself no nor not now of off on once only or other our ours out "
    "over own really same she should so some such than that thats the their theirs them "
    "themselves then there these they this those through to too under until up very was we "
    "were what when where which while who whom why will with would you your yours yourself "
    "yourselves thing things something anything nothing way one ones bit kind sort time times "
    "day days people person lot yes ok okay think much absolutely definitely maybe always "
    "never feel felt don't can't couldn't wouldn't didn't doesn't isn't wasn't won't couldn "
    "wouldn didn doesn isn wasn shouldn aren hasn haven i'm i've it's there's that's they're "
    "we're you're"
)

# (JJ|NN)* NN — optional adjectives/nouns ending on a noun; tags are joined into a string
# of one-letter codes so an ordinary regex does the chunking.
_CHUNK = re.compile(r"[AN]*N")


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens; our own, so nothing reaches for NLTK's punkt."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from textblob.en.sentiments import PatternAnalyzer

    return PatternAnalyzer()


@lru_cache(maxsize=1)
def _tagger() -> Any:
    from textblob.en.taggers import PatternTagger

    return PatternTagger()


def sentiment(text: str) -> float:
    """PatternAnalyzer polarity in −1..1 (weak signal: see module docstring)."""
    if not text.strip():
        return 0.0
    return float(_analyzer().analyze(text).polarity)


def pos_tags(text: str) -> list[tuple[str, str]]:
    """(word, Penn tag) pairs from PatternTagger, which needs no NLTK corpora."""
    if not text.strip():
        return []
    return [(str(w), str(t)) for w, t in _tagger().tag(text)]


def _tag_code(word: str, tag: str, first: bool) -> str:
    lowered = word.lower()
    if not lowered.isalpha() or lowered in STOPWORDS or len(lowered) < 2:
        return "O"
    if first and tag.startswith("NNP"):
        return "O"  # a capitalised first word is usually a mis-tagged adverb or verb
    if tag.startswith("NN"):
        return "N"
    if tag.startswith("JJ") or tag == "VBG":
        return "A"
    return "O"


def noun_phrases(text: str, max_words: int = 4) -> list[str]:
    """Noun phrases ("bus stop", "park near the shops" → "park", "shops"), lower-cased."""
    tagged = pos_tags(text)
    codes = "".join(
        _tag_code(w, t, i == 0 or tagged[i - 1][1] == ".") for i, (w, t) in enumerate(tagged)
    )
    phrases: list[str] = []
    for match in _CHUNK.finditer(codes):
        words = [tagged[i][0].lower() for i in range(match.start(), match.end())]
        phrases.append(" ".join(words[-max_words:]))
    return phrases
