"""The screening engine: normalise, pick candidate rules by anchor word, match, weigh context.

Which rules a message wakes is index.py's job, reading the sentence around a match context.py's,
the recall net of risk words signals.py's; this file runs them in order and builds the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nlu.screen.ages import AgeReader
from nlu.screen.context import PERSONAL, WORD, Hit, Weigher, general, read_context
from nlu.screen.evidence import evidence
from nlu.screen.index import RuleIndex
from nlu.screen.layers import with_vocab
from nlu.screen.lexicon import Lexicon, Rule
from nlu.screen.normalise import squeeze, unsqueezed
from nlu.screen.result import Level, ScreenResult, max_level
from nlu.screen.signals import Simple, promising, signalled, worth_running

_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = frozenset({"elevn", "twelve", "thirten", "fourten", "fiften", "sixten", "seventen"})
_DISCLOSURE_KINDS = frozenset({"urgent", "concern"})


class Engine:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.version = lexicon.version
        self._vocab = lexicon.vocabulary
        self._index = RuleIndex(lexicon, self._vocab.stems if self._vocab else ())
        # One-word signals are looked up in the word set, not run as regexes.
        self._simple: dict[int, tuple[str, ...]] = {
            id(r): r.compiled.anchors
            for r in lexicon.rules
            if r.kind == "signal" and re.fullmatch(r"[a-z0-9]+", r.compiled.source.strip())
        }
        # each combination is filed under every signal it needs, so only plausible ones are tried
        self._combos_by_signal: dict[str, list[int]] = {}
        for i, combo in enumerate(lexicon.combinations):
            for name in combo.when:
                self._combos_by_signal.setdefault(name, []).append(i)
        self._ages = AgeReader(lexicon.ages)
        self._none = ScreenResult(Level.NONE, (), (), self.version)
        self._weigher = Weigher(lexicon)
        self._threshold = lexicon.signal_threshold

    def screen(self, text: str) -> ScreenResult:
        return self.screen_tokens(text)[0]

    def screen_tokens(self, text: str) -> tuple[ScreenResult, list[str]]:
        """The result and the message's normalised words, which the learned reader reuses."""
        pre = unsqueezed(text)
        norm = squeeze(pre)
        tokens = WORD.findall(norm)
        return self._screen(pre, norm, tokens), tokens

    def _screen(self, pre: str, norm: str, tokens: list[str]) -> ScreenResult:
        words = set(tokens)
        has_digits = _DIGIT.search(norm) is not None or not words.isdisjoint(_NUMBER_WORDS)
        index = self._index
        found, bits = index.scan(words)
        candidates = index.candidates(found, bits, has_digits)
        vocab = self._vocab
        if vocab is not None and not vocab.may_match(
            words, norm, bool(bits & index.stem_bit) if index.stem_bit else None
        ):
            vocab = None
        if not candidates and not has_digits:
            if vocab is None:
                return self._none
            # everyday phrases ("trapped on the bus", "fasting for ramadan") hide words from
            # the vocabulary as they do from the patterns
            norm, tokens = _masked(norm, tokens, index.masks(found, bits))
            return with_vocab(self._none, vocab.read(tokens))
        norm, tokens = _masked(norm, tokens, (r for r in candidates if r.kind == "mask"))
        hits, in_general = self._match(norm, candidates, words, tokens)
        cues: dict[str, list[tuple[int, int]]] = {}
        for h in hits:
            if h.rule.kind == "cue":
                cues.setdefault(h.rule.cue, []).append((h.start, h.end))
        if has_digits:
            for cue, snippets in self._ages.cues(norm).items():
                spans = cues.setdefault(cue, [])
                for snippet in snippets:
                    at = norm.find(snippet)
                    spans.append((at, at + len(snippet)))
        result = self._result(pre, hits, cues, bool(in_general))
        if in_general is None and result.level is Level.CONCERN:
            # flagged by cues alone: a lesson or talk naming them is not a disclosure
            context, _ = read_context(norm, candidates)
            if context and general(tokens):
                result = self._result(pre, hits, cues, True)
        if result.level is Level.CONCERN and self._vocab is not None:
            vocab = self._vocab  # a concern may be quieted: "its all sorted now"
        if vocab is None or result.level is Level.URGENT:
            return result  # the vocabulary could only add categories to an urgent result
        reading = vocab.read(tokens)
        if result.level is Level.CONCERN and reading.quiet:
            result = self._none
        return with_vocab(result, reading)

    def _match(
        self, norm: str, candidates: list[Rule], words: set[str], tokens: list[str]
    ) -> tuple[list[Hit], bool | None]:
        """Matches worth counting, and whether the message reads as general talk about a topic
        (a lesson, the news) with no first person in it (None: not read, only cues matched).

        `words` are the message's words before masking, `tokens` those of `norm` (masked).
        """
        hits: list[Hit] = []
        signals: list[Hit] = []
        simple: Simple = []  # one-word signals, located only if needed
        readers: list[Rule] = []
        pending: list[Rule] = []  # phrase signals, run only if their category could add up
        for rule in candidates:
            if rule.kind in ("context", "resolved"):
                readers.append(rule)
            elif id(rule) in self._simple:
                present = [f for f in self._simple[id(rule)] if f in words]
                if present:
                    simple.append((rule, present))
            elif rule.kind == "signal":
                pending.append(rule)
            elif rule.kind != "mask":
                for m in rule.compiled.regex.finditer(norm):
                    hits.append(Hit(rule, m.start(), m.end(), rule.level))
        threshold = self._threshold
        for rule in worth_running(pending, simple, threshold):
            for m in rule.compiled.regex.finditer(norm):
                signals.append(Hit(rule, m.start(), m.end(), Level.CONCERN))
        signals = promising(norm, signals, simple, threshold)
        if not signals and not any(h.rule.kind != "cue" for h in hits):
            return hits, None
        context, resolved = read_context(norm, readers)  # only once something matched
        weigh_all = self._weigher.weigh_all
        kept = weigh_all(norm, hits, context, resolved)
        if signals and not context and not PERSONAL.isdisjoint(tokens):
            # the same reading as any match: "never been bullied", "it stopped, I'm fine now"
            signals = weigh_all(norm, signals, [], resolved)
            kept += signalled(norm, signals, {h.rule.category for h in kept}, threshold)
        return kept, bool(context) and general(tokens)

    def _result(
        self, pre: str, hits: list[Hit], cues: dict[str, list[tuple[int, int]]], general: bool
    ) -> ScreenResult:
        levels: dict[str, Level] = {}
        spans: list[tuple[int, int, int]] = []  # (-rank, start, end) in `norm`
        for h in hits:
            if h.rule.kind != "cue":
                before = levels.get(h.rule.category, Level.NONE)
                levels[h.rule.category] = max_level(before, h.level)
                spans.append((-h.level.rank, h.start, h.end))
        present = set(cues) | set(levels)
        tried = {i for name in present for i in self._combos_by_signal.get(name, ())}
        for combo in (self.lexicon.combinations[i] for i in sorted(tried)):
            # cues are context-free; in general talk about a topic only urgent combinations count
            if combo.when <= present and not (general and combo.level is Level.CONCERN):
                levels[combo.category] = max_level(
                    levels.get(combo.category, Level.NONE), combo.level
                )
                for cue in sorted(combo.when & set(cues)):
                    spans.extend((-combo.level.rank, a, b) for a, b in cues[cue])
        if not levels:
            return self._none
        level = max(levels.values(), key=lambda lv: lv.rank)
        cats = sorted(levels, key=lambda c: (-levels[c].rank, c))
        firm = any(h.rule.kind in _DISCLOSURE_KINDS and h.level is not Level.NONE for h in hits)
        return ScreenResult(level, tuple(cats), evidence(spans, pre), self.version, firm)


def _masked(norm: str, tokens: list[str], rules: Iterable[Rule]) -> tuple[str, list[str]]:
    """The text with masked phrases blanked, and its words (re-read only if anything changed)."""
    out = norm
    for rule in rules:
        out = rule.compiled.regex.sub(lambda m: " " * len(m.group(0)), out)
    return (norm, tokens) if out is norm else (out, WORD.findall(out))
