"""The risk vocabulary: a broad, word-level recall layer under the lexicon's patterns.

Hand-written phrases only catch the phrasings someone thought of. Young people describing the
same danger in their own words still use a small set of telling words ("shank", "passport",
"last seen", "xanny", "batter"). This layer looks those words up, with misspellings, in a
message about the writer or someone they name, and makes the category a `concern`; with a
"now" cue ("rn", "tonight", "shaking", "outside") or an urgent-grade word it is `urgent`.
It never lowers what the patterns found.

Everything is precomputed at load time (inflections, misspellings, phrases keyed by first
word), so reading a message is a few dict lookups per word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from nlu.screen.common import EVERYDAY, FREQUENCY
from nlu.screen.normalise import squeeze
from nlu.screen.patterns import PatternError, expand, fuzzy_variants, inflections
from nlu.screen.result import Level
from nlu.screen.rx import word_start_any


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PERSONAL = _words(
    "i im me my myself ive id mine we us our mate mates friend friends bestie brother sister "
    "cousin bf gf boyfriend girlfriend son daughter bro sis g bredrin lil kid girl boy"
)
# Without any of these, a message with no "I" is read as the writer dropping it ("been feeling
# low", "mixin lean n pills"), as young people do; with them it may be about others in general.
_OTHERS = _words(
    "he she they them his her their people kids children ppl someone anyone everyone you u "
    "should shouldnt one ones those schools"
)


_INERT_LIMIT = 200_000


class VocabularyError(ValueError):
    pass


@dataclass(frozen=True)
class Entry:
    words: tuple[str, ...]  # squeezed tokens; one for a word, more for a phrase
    category: str  # a category name, or "" for the cue lists
    urgent: bool = False
    at: int = 0  # which of `words` the entry is filed under (its rarest word)
    wordset: frozenset[str] = frozenset()


def _anchor(words: Sequence[str]) -> int:
    """The word a phrase is filed under: its rarest, so that "the", "to" and "school" do not
    wake phrases in every message."""
    return min(range(len(words)), key=lambda i: (FREQUENCY.get(words[i], 0), -len(words[i])))


@dataclass
class _Index:
    by_first: dict[str, list[Entry]] = field(default_factory=dict)
    stems: list[tuple[str, Entry]] = field(default_factory=list)
    stem_prefixes: tuple[str, ...] = ()
    # Words seen to be neither filed nor stem-led: skipped with one set lookup; bounded so a
    # long-running service cannot grow it without end.
    inert: set[str] = field(default_factory=set)

    def add(
        self,
        source: str,
        category: str,
        urgent: bool,
        *,
        inflect: bool = True,
        everyday: frozenset[str] = frozenset(),
    ) -> None:
        try:
            forms = expand(source.lower().replace("'", ""))
        except PatternError as exc:
            raise VocabularyError(f"{category or 'cues'}: {exc}") from exc
        for form in forms:
            tokens = form.split()
            if len(tokens) == 1 and tokens[0].endswith("*"):
                self.stems.append((squeeze(tokens[0][:-1]), Entry((), category, urgent)))
                continue
            last = tokens[-1]
            variants = _word_forms(last, fuzzy=len(tokens) == 1) if inflect else {squeeze(last)}
            # a generated form that is an ordinary word ("trapped" from "strapped", "coking"
            # from "coke" = "cooking") is dropped; a form written in the lexicon never is
            variants = {v for v in variants if v == squeeze(last) or v not in everyday}
            for variant in variants:
                words = (*(squeeze(t) for t in tokens[:-1]), variant)
                at = _anchor(words)
                entry = Entry(words, category, urgent, at, frozenset(words))
                self.by_first.setdefault(words[at], []).append(entry)
        self.stem_prefixes = tuple(sorted({p for p, _ in self.stems}))
        self.inert.clear()

    def find(self, tokens: Sequence[str]) -> list[tuple[int, Entry]]:
        """(token index, entry) for every entry present in `tokens`."""
        out: list[tuple[int, Entry]] = []
        by_first, prefixes, inert = self.by_first, self.stem_prefixes, self.inert
        for i, tok in enumerate(tokens):
            if tok in inert:
                continue
            entries = by_first.get(tok)
            if entries is not None:
                for e in entries:
                    if len(e.words) == 1:
                        out.append((i, e))
                    elif tuple(tokens[i - e.at : i - e.at + len(e.words)]) == e.words:
                        out.append((i - e.at, e))
            if prefixes and tok.startswith(prefixes):
                out.extend((i, e) for p, e in self.stems if tok.startswith(p))
            elif entries is None and len(inert) < _INERT_LIMIT:
                inert.add(tok)
        return out

    def triggers(self) -> frozenset[str]:
        return frozenset(self.by_first)


def _word_forms(word: str, *, fuzzy: bool) -> set[str]:
    forms = inflections(word) if word.isalpha() else {squeeze(word)}
    if fuzzy and len(word) >= 7:
        for form in list(forms):
            forms |= fuzzy_variants(form) - EVERYDAY
    return forms


@dataclass(frozen=True)
class VocabHit:
    category: str
    level: Level
    evidence: str


@dataclass(frozen=True)
class Reading:
    hits: list[VocabHit]
    quiet: bool  # the patterns' `concern` findings should be dropped (see `quiet:`)
    escalate: frozenset[str] = frozenset()  # categories whose `escalate:` cue is present


_NOW, _SAFE, _QUIET, _ESCALATE = "#now", "#safe", "#quiet", "#escalate:"
_NOTHING = Reading([], False)


class Vocabulary:
    """Risk words per category, plus "now" cues that raise them and "safe" cues that quiet them.

    Risk words and cues share one index, so a message is walked once.
    """

    def __init__(
        self, data: Mapping[str, Any], categories: Sequence[str], negation: frozenset[str]
    ) -> None:
        self._index = _Index()
        everyday = frozenset(squeeze(str(w).lower()) for w in data.get("everyday") or [])
        for cat, body in (data.get("categories") or {}).items():
            if cat not in categories:
                raise VocabularyError(f"vocabulary: unknown category {cat!r}")
            extra = set(body or {}) - {"urgent", "concern"}
            if extra:
                raise VocabularyError(f"vocabulary.{cat}: unknown section(s) {sorted(extra)}")
            for level in ("urgent", "concern"):
                for src in (body or {}).get(level) or []:
                    self._index.add(str(src), cat, level == "urgent", everyday=everyday)
        self._triggers = self._index.triggers()
        # the risk words' stems (cue lists below may add their own, which are not looked for)
        self.stems: tuple[str, ...] = self._index.stem_prefixes
        stems = [re.escape(p) for p in sorted(self.stems, key=len)[::-1]]
        self._stem_rx = re.compile(word_start_any(stems) if stems else r"(?!x)x")
        # cues are read as written: "movie" must not become "moving"
        for key, marker in (("now", _NOW), ("quiet", _QUIET), ("quiet", _SAFE), ("safe", _SAFE)):
            for src in data.get(key) or []:
                self._index.add(str(src), marker, False, inflect=False)
        for cat, cues in (data.get("escalate") or {}).items():
            if cat not in categories:
                raise VocabularyError(f"vocabulary.escalate: unknown category {cat!r}")
            for src in cues or []:
                self._index.add(str(src), _ESCALATE + cat, False, inflect=False)
        self.negation = frozenset(n for n in negation if " " not in n)
        # "nobody has ever", "no longer": phrases are looked for in the words just before
        self._negation_phrases = tuple(n for n in negation if " " in n)

    def may_match(self, words: set[str], text: str, stem_seen: bool | None = None) -> bool:
        """Cheap first look: are all the words of some risk entry (or a stem) in the message?

        `stem_seen`: whether a word of `text` starts one of `stems`, if the caller knows.
        """
        for anchor in self._triggers & words:
            for entry in self._index.by_first[anchor]:
                if entry.wordset <= words:
                    return True
        if stem_seen is not None:
            return stem_seen
        return self._stem_rx.search(text) is not None

    def _denied(self, before: Sequence[str]) -> bool:
        if not self.negation.isdisjoint(before):
            return True
        text = " ".join(before)
        return any(p in text for p in self._negation_phrases)

    def read(self, tokens: Sequence[str]) -> Reading:
        """Risk words found, at their level, and whether the message quiets `concern`s.

        `quiet`: a clear sign the message is about the past, a question or a song ("its all
        sorted now", "ive recovered", "what do i do if..."); never with a `now:` cue.
        """
        found = self._index.find(tokens)
        if not found:
            return _NOTHING
        cues = {e.category for _, e in found if e.category.startswith("#")}
        now, safe = _NOW in cues, _SAFE in cues
        quiet = _QUIET in cues and not now
        escalate = (
            frozenset(c.removeprefix(_ESCALATE) for c in cues if c.startswith(_ESCALATE))
            if not (safe and not now)
            else frozenset()
        )
        hits = [(i, e) for i, e in found if not e.category.startswith("#")]
        if hits and _PERSONAL.isdisjoint(tokens) and not _OTHERS.isdisjoint(tokens):
            # urgent-grade words are specific enough alone
            hits = [(i, e) for i, e in hits if e.urgent]
        # Talk about a lesson, the news or the past counts only with something happening now,
        # and then as a concern: the patterns above still catch plain disclosures in it.
        if not hits or (safe and not now):
            return Reading([], quiet, escalate)
        out = []
        for i, entry in hits:
            if self._denied(tokens[max(0, i - 3) : i]):
                continue
            level = Level.URGENT if (entry.urgent or now) and not safe else Level.CONCERN
            span = " ".join(tokens[i : i + max(1, len(entry.words))])
            out.append(VocabHit(entry.category, level, span))
        return Reading(out, quiet, escalate)
