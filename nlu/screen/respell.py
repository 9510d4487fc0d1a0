"""Spellings of how people talk, put back to the standard word before anything is matched.

Why: short messages in dialect or text speak ("gettin death threats", "everyone wud be better
off wivout me", "made meself sick") missed patterns written for the standard spelling. Two
general rules, no list of risk phrases:
- a dropped final g ("gettin", "runnin", "chuckin"): the word gets its g back when the word as
  written is not an English word but the word with a g, or its stem, is (so "skin", "begin",
  "win" and "cousin" stay);
- a short table of regional and text-speak spellings (spellings.txt), reviewable like the lexicon.
The English word list is TextBlob's (Norvig's big.txt frequencies), shipped with the package.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    import textblob

    path = resources.files(textblob) / "en" / "en-spelling.txt"
    text = path.read_text(encoding="utf-8")
    return frozenset(
        line.split(" ", 1)[0] for line in text.splitlines() if line and not line.startswith(";")
    )


class SpellingsError(ValueError):
    pass


@lru_cache(maxsize=1)
def spellings() -> dict[str, str]:
    text = (resources.files("nlu.screen") / "spellings.txt").read_text(encoding="utf-8")
    return parse_spellings(text)


def parse_spellings(text: str) -> dict[str, str]:
    """`written = standard` lines; reviewers edit the file, so a bad line names itself."""
    table = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        written, sep, standard = (part.strip() for part in line.partition("="))
        if not sep or not _WORD.fullmatch(written) or not _PHRASE.fullmatch(standard):
            raise SpellingsError(
                f"spellings.txt line {number}: {raw.strip()!r} is not 'word = standard words'"
                " (lower case letters and digits, no apostrophes)"
            )
        table[written] = standard
    return table


_WORD = re.compile(r"[a-z0-9]+")
_PHRASE = re.compile(r"[a-z0-9]+( [a-z0-9]+)*")


# A whole word ending in "in", read possessively so a long word is not backtracked into.
_DROPPED_G = re.compile(r"\b[a-z]++(?<=[a-z]in)\b")


@lru_cache(maxsize=1)
def _table_pattern() -> re.Pattern[str]:
    """The table's words as one regex shaped like a trie: a plain alternation of ~80 words is
    tried word by word at every position, and cost more than the rest of respelling."""
    trie: dict[str, Any] = {}
    for word in spellings():
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(r"\b(?:" + _trie_regex(trie) + r")\b")


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _with_g(match: re.Match[str]) -> str:
    word = match.group(0)
    english = english_words()
    if word in english:
        return word
    # "chuckin": "chucking" is too rare for the list, but "chuck" is there.
    if word + "g" in english or (len(word) > 5 and word[:-2] in english):
        return word + "g"
    return word


def _from_table(match: re.Match[str]) -> str:
    return spellings()[match.group(0)]


def respell(text: str) -> str:
    return _table_pattern().sub(_from_table, _DROPPED_G.sub(_with_g, text))
