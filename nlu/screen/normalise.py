"""Turn a message into the form the lexicon is matched against.

Young people write "k1ll", "s u i c i d e", "bulllied", "don’t", "💊". Every step here is a
regex or str.translate so that screening stays fast (plain ASCII text never leaves C code).
The result is lower-case ASCII without apostrophes and with repeated letters squeezed to one
("bullied" -> "bulied"); lexicon patterns go through the same squeeze, so doubled-letter
misspellings match for free. Punctuation is kept: sentence ends mark context boundaries.
"""

from __future__ import annotations

import re
import unicodedata

from nlu.screen.respell import respell

_EMOJI = {
    "🔪": " knife ",
    "🗡": " knife ",
    "🔫": " gun ",
    "💊": " pills ",
    "💉": " needle ",
    "🍃": " weed ",
    "🔌": " plug ",
    "⚰": " coffin ",
    "🪦": " grave ",
    "🩸": " blood ",
    "😂": " lol ",
    "🤣": " lol ",
    "💀": " lol ",
    "😭": " crying ",
    "£": " pounds ",
}
_APOSTROPHES = "'’‘`´ʼ′"
_TRANSLATE = str.maketrans({**dict.fromkeys(_APOSTROPHES, ""), **_EMOJI})
_LEET = str.maketrans(
    {
        "1": "i",
        "3": "e",
        "4": "a",
        "0": "o",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
    }
)
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_COMBINING = re.compile("[\u0300-\u036f]")
# A run of 3+ single characters split by one space, dot, dash or star: "s u i c i d e", "k.m.s".
_SPACED = re.compile(r"(?<![a-z0-9@$])(?:[a-z0-9@$][ .\-*_]){2,}[a-z0-9@$](?![a-z0-9@$])")
# Three-letter runs are usually text speak made of real one-letter words ("u r a"); only these
# are joined.
_SHORT_RISK = frozenset({"die", "kms", "kys", "cut", "gun", "od", "sh"})
# A cheap first look (no lookbehind, so the engine can skip ahead) before the exact pattern.
_MAYBE_SPACED = re.compile(r"[a-z0-9@$][ .\-*_][a-z0-9@$][ .\-*_][a-z0-9@$](?![a-z0-9@$])")
_SPACE_SEP = re.compile(r"[ .\-*_]")
# Whole phrases spelt out with one space between letters and two between words:
# "i w a n t  t o  d i e". The double spaces are the only word breaks the writer left.
_SPACED_PHRASE = re.compile(r"(?<![a-z0-9@$])[a-z0-9@$](?: {1,2}[a-z0-9@$]){3,}(?![a-z0-9@$])")
# "i" glued to the next word when the writer left no double space after it: "iwant" -> "i want".
_GLUED_I = frozenset(
    {"want", "wana", "wanna", "hate", "cant", "dont", "feel", "need", "wish", "am"}
)
# Words mixing letters with digits or symbols: "k1ll", "r@pe", "$uicide", "su1c1d3".
_LEET_TOKEN = re.compile(
    r"(?<![a-z0-9@$])(?=[a-z0-9@$!|]*[a-z])(?=[a-z0-9@$!|]*[0-9@$!|])[a-z0-9@$!|]*[a-z0-9@$]"
)
_LEETISH = re.compile(r"[a-z][0-9@$!|]|[0-9@$][a-z]")
# Numbers with units are not leet: "14yo", "23yrs", "3am", "2nd".
_NUMBER_WITH_UNIT = re.compile(
    r"\d+(?:yo|y|yrs?|years?|yro|th|st|nd|rd|am|pm|ish|m|f|k|x|mins?|hrs?|p|mg|ml|kg|g|cm|ft|"
    r"mph|days?|wks?|weeks?|months?|s|pounds?|quid|grand|bags?|oz|gb)"
)
# Cheap first looks, each a necessary condition of the exact pattern after it: a search that
# starts with a rare character class is skipped through in C, one starting with any letter is
# tried at every position. Neither fixing spaced letters nor "2"/"4" adds a leet character.
_SPACED_HINT = re.compile(r"[ .\-*_][a-z0-9@$][ .\-*_][a-z0-9@$]")
_LEET_CHAR = re.compile(r"[0-9@$!|]")
# Text-speak numbers between words: "i want 2 die", "die 4 a greggs".
_TWO = re.compile(r"(?<=[a-z] )2(?= [a-z])")
_FOUR = re.compile(r"(?<=[a-z] )4(?= [a-z])")


def _join_spaced(match: re.Match[str]) -> str:
    run = match.group(0)
    letters = _SPACE_SEP.sub("", run)
    if sum(ch.isalpha() for ch in letters) < 3:
        return run  # "1 2 3 4" is a list of numbers, not a word
    if len(letters) == 3 and letters not in _SHORT_RISK:
        return run
    return letters


def _join_phrase(match: re.Match[str]) -> str:
    run = match.group(0)
    if "  " not in run:
        return run  # single-spaced runs are _SPACED's job (it knows text speak like "u r a")
    words = [w.replace(" ", "") for w in run.split("  ")]
    if len(words[0]) > 1 and words[0][0] == "i" and words[0][1:] in _GLUED_I:
        words[0] = "i " + words[0][1:]
    return " ".join(words)


def _unleet(match: re.Match[str]) -> str:
    token = match.group(0)
    if token[0].isdigit() and _NUMBER_WITH_UNIT.fullmatch(token):
        return token
    return token.translate(_LEET)


def fold(text: str) -> str:
    """Lower-case, fold unicode to ASCII letters, drop apostrophes, map risk emoji to words."""
    text = text.lower()
    if text.isascii():
        return text.replace("'", "").replace("`", "") if ("'" in text or "`" in text) else text
    text = _ZERO_WIDTH.sub("", text.translate(_TRANSLATE))
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def unsqueezed(text: str) -> str:
    """Fold, join spaced letters, undo leet and respell dialect, but keep repeated letters (for
    evidence)."""
    text = fold(text)
    leet = _LEET_CHAR.search(text) is not None
    if _SPACED_HINT.search(text) and _MAYBE_SPACED.search(text):
        if "  " in text:
            text = _SPACED_PHRASE.sub(_join_phrase, text)
        text = _SPACED.sub(_join_spaced, text)
    if " 2 " in text or " 4 " in text:
        text = _FOUR.sub("for", _TWO.sub("to", text))
    if leet and _LEETISH.search(text):
        text = _LEET_TOKEN.sub(_unleet, text)
    return respell(text)


_DOUBLE = re.compile(r"([a-z])\1")


def squeeze(text: str) -> str:
    """Collapse repeated letters: "killlll" and "kill" both become "kil".

    Done with str.replace per doubled letter found rather than a regex substitution: re.sub
    with a group template runs Python code for every match, and ordinary text has many.
    """
    for ch in set(_DOUBLE.findall(text)):
        double = ch + ch
        while double in text:
            text = text.replace(double, ch)
    return text


def normalise(text: str) -> str:
    """The full pipeline: fold, join spaced letters, undo leet, squeeze repeats."""
    return squeeze(unsqueezed(text))
