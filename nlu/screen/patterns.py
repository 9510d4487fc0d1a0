"""The lexicon's small pattern language, compiled to regular expressions.

Written for reviewers who are not programmers:

    kill myself                 words in order, any spaces or punctuation between them
    (kill|hurt|cut) myself      one of several words or phrases
    really? want to die         `?` after a word or group: it may be missing
    bull*                       `*` at the end of a word: any ending (bully, bullied, bullying)
    suicide~                    `~` at the end of a word: common misspellings too (suiside, sucide)
    said ... not to tell        `...` up to four other words in between
    {ME} want to die            a named list from the `lists:` section of the lexicon

Patterns are matched against normalised text (see normalise.py), so they are written in lower
case without apostrophes ("dont", "im"). Each compiled pattern also names an *anchor*: a word
that must appear for the pattern to match, used to skip patterns cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from nlu.screen.normalise import squeeze
from nlu.screen.rx import SEP, alternation, split_alternatives, word_start

GAP = r"(?:[^a-z0-9]+[a-z0-9]+){0,4}"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Words too common to be worth using as an anchor.
_STOPWORDS = frozenset(
    _words(
        "i im me my a an the to of and or is it in on at be am are was were he she they him "
        "her them his their we us you u ur your so do did dont not no for with this that have "
        "has had been get got go going gona wana want "
    )
)
_COMMON = frozenset(
    squeeze(w)
    for w in _words(
        "i im me my a an the to of and or is it in on at be am are was were he she they him "
        "her them his their we us you u ur your so do did dont not no for with this that have "
        "has had been get got go going gona gonna wana wanna want mum dad mom mam people "
        "school friend friends mate mates boy boys girl girls man guy year kids like just "
        "realy keep keeps always all some one time day home house think feel make made take "
        "took give gave see say said says come back out up down now then there told tell know "
        "if what when how can cant will would about by from as "
    )
)
_NO_INFLECT = frozenset(
    _words(
        "i im me my a an the to of and or is it in on at be am are was were he she they him "
        "her them his their we us you u ur your so do did not no for with that have has had "
        "been was myself yourself himself herself themselves ourselves anyone anybody someone "
        "somebody everyone everybody nobody noone nothing something anything everything all "
        "any some every this these those what when where which who whom why how than then "
        "there here now just only really very too also again anymore more most much many few "
        "lot lots loads never always still yet even about above after before below between "
        "into onto over under from off out up down away back but because cos coz cause if "
        "unless until till while though although mine yours ours theirs hers his its our "
        "their your would could should will shall might must can cant wont dont didnt doesnt "
        "isnt wasnt arent werent havent hasnt hadnt wouldnt couldnt shouldnt aint ima imma "
        "gonna gunna wanna tryna finna innit "
    )
)
_CONFUSABLE = {
    "c": "sk",
    "s": "cz",
    "k": "c",
    "z": "s",
    "i": "ye",
    "y": "i",
    "e": "ai",
    "a": "e",
    "o": "u",
    "u": "o",
}


COMMON_WORDS = _COMMON


class PatternError(ValueError):
    pass


@dataclass(frozen=True)
class Word:
    """One slot in a pattern: alternatives, each a tuple of words (already squeezed)."""

    alternatives: tuple[tuple[str, ...], ...]
    optional: bool = False


@dataclass(frozen=True)
class Compiled:
    source: str
    regex: re.Pattern[str]
    anchors: tuple[str, ...]  # exact words, or prefixes ending in "*"; empty = always try
    # For each required slot written without `*`: the words, one of which must be in the text.
    required: tuple[frozenset[str], ...] = ()


def fuzzy_variants(word: str) -> set[str]:
    """Misspellings one edit away that teenagers actually make: drops, swaps, sound-alikes."""
    base = squeeze(word)
    out = {base}
    if len(base) < 5:
        return out
    for i in range(len(base)):
        if len(base) >= 6:
            out.add(base[:i] + base[i + 1 :])
        if i + 1 < len(base):
            out.add(base[:i] + base[i + 1] + base[i] + base[i + 2 :])
        for sub in _CONFUSABLE.get(base[i], ""):
            out.add(base[:i] + sub + base[i + 1 :])
    return {squeeze(v) for v in out if len(v) >= 4}


def _word_regex(word: str) -> tuple[list[str], list[str]]:
    """Regex alternatives and anchor strings for one written word (with `*` or `~`)."""
    if word.endswith("*"):
        stem = squeeze(word[:-1])
        return [re.escape(stem) + "[a-z]*"], [stem + "*"]
    if word.endswith("~"):
        variants = sorted(fuzzy_variants(word[:-1]), key=lambda v: (-len(v), v))
        return [re.escape(v) for v in variants], variants
    if not re.fullmatch(r"[a-z0-9]+", word):
        raise PatternError(f"unexpected characters in {word!r}")
    forms = sorted(inflections(word), key=lambda v: (-len(v), v))
    return [re.escape(f) for f in forms], forms


def inflections(word: str) -> set[str]:
    """A word with its regular endings, squeezed: "stab" -> stab, stabs, stabed, stabing.

    Lexicon authors write one form ("want to die"); young people write "wants", "wanted",
    "wanting". Pronouns, short and function words, and words already inflected are left alone.
    """
    base = squeeze(word)
    if (
        len(word) < 3
        or not word.isalpha()
        or word in _NO_INFLECT
        or word.endswith(("ing", "ed"))
        or (word.endswith("s") and not word.endswith("ss"))
    ):
        return {base}
    forms = {word, word + "s", word + "ing"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
        if word.endswith("ie"):
            forms.add(word[:-2] + "ying")
    elif word.endswith("y") and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ed"}
    elif word.endswith(("s", "x", "ch", "sh")):
        forms |= {word + "es", word + "ed"}
    else:
        forms.add(word + "ed")
    return {squeeze(f) for f in forms}


def _phrase_regex(phrase: str) -> tuple[str, list[str]]:
    """Regex for a phrase, and the forms of its most telling word as anchors."""
    parts, best, best_score = [], [], (-1, -1)
    for w in phrase.split():
        alts, anc = _word_regex(w)
        parts.append(alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")")
        score = _anchor_quality(anc)
        if score > best_score:
            best, best_score = anc, score
    return SEP.join(parts), best


def _tokens(source: str) -> list[str]:
    """Split on spaces, keeping balanced (groups) and their trailing `?` as one token."""
    tokens: list[str] = []
    current, depth = "", 0
    for ch in source:
        if ch.isspace() and depth == 0:
            if current:
                tokens.append(current)
            current = ""
            continue
        if ch == "(":
            if depth == 0 and current and current != "?":
                tokens.append(current)
                current = ""
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise PatternError(f"unbalanced ')' in {source!r}")
        current += ch
    if depth:
        raise PatternError(f"unbalanced '(' in {source!r}")
    if current:
        tokens.append(current)
    return tokens


def expand(phrase: str, lists: Mapping[str, list[str]] | None = None) -> list[str]:
    """Spell out groups and optional words: "this (guy|man)?" -> "this guy", "this man", "this"."""
    results = [""]
    for token in _tokens(phrase):
        optional = token.endswith("?")
        token = token.rstrip("?")
        if token.startswith("("):
            alts = split_alternatives(token[1:-1])
            options = [e for alt in alts for e in expand(alt, lists)]
        elif token.startswith("{") and lists is not None:
            options = [e for alt in _list(token, lists) for e in expand(alt, lists)]
        else:
            options = [token]
        if optional:
            options.append("")
        results = [f"{r} {o}".strip() for r in results for o in options]
    return [r for r in results if r]


def _list(token: str, lists: Mapping[str, list[str]]) -> list[str]:
    name = token.strip("{}?").upper()
    if name not in lists:
        raise PatternError(f"unknown list {{{name.lower()}}}")
    return lists[name]


def _slot(token: str, lists: Mapping[str, list[str]]) -> tuple[str, bool, list[str]]:
    optional = token.endswith("?") and token != "?"
    token = token[:-1] if optional else token
    if token.startswith("{"):
        alternatives = [e for entry in _list(token, lists) for e in expand(entry, lists)]
    elif token.startswith("("):
        alternatives = [e for a in split_alternatives(token[1:-1]) for e in expand(a, lists)]
    else:
        alternatives = [token]
    regexes, anchors = [], []
    for alt in alternatives:
        rx, anc = _phrase_regex(alt)
        regexes.append(rx)
        anchors.extend(anc)
    if len(regexes) > 1:
        regexes.sort(key=len, reverse=True)
    body = alternation(regexes)
    return body, optional, sorted(set(anchors))


def _anchor_quality(anchors: list[str]) -> tuple[int, int]:
    """Rare, long words make good anchors; a common one would wake the pattern for every message."""
    if not anchors:
        return (-1, -1)
    common = sum(a.rstrip("*") in _COMMON for a in anchors)
    return (0 if common else 1, min(len(a.rstrip("*")) for a in anchors) - len(anchors) // 40)


def compile_pattern(source: str, lists: Mapping[str, list[str]]) -> Compiled:
    tokens = _tokens(source.strip().lower().replace("'", "").replace("’", ""))
    if not tokens:
        raise PatternError("empty pattern")
    pieces: list[str] = []
    best: list[str] = []
    required: list[frozenset[str]] = []
    leading = True
    for i, token in enumerate(tokens):
        if token == "...":
            if i == 0 or i == len(tokens) - 1:
                raise PatternError(f"{source!r}: '...' must be between words")
            pieces.append(GAP)
            continue
        body, optional, anchors = _slot(token, lists)
        if leading:  # optional slots before the first word carry their separator after them
            pieces.append(f"(?:{body}{SEP})?" if optional else body)
            leading = optional
        else:
            pieces.append(f"(?:{SEP}{body})?" if optional else f"{SEP}{body}")
        if not optional and _anchor_quality(anchors) > _anchor_quality(best):
            best = anchors
        if not optional and anchors and not any(a.endswith("*") for a in anchors):
            required.append(frozenset(anchors))
    regex = "".join(pieces)
    try:
        compiled = re.compile(word_start(regex) + "(?![a-z0-9])")
    except re.error as exc:
        raise PatternError(f"{source!r}: {exc}") from exc
    return Compiled(source=source, regex=compiled, anchors=tuple(best), required=tuple(required))
