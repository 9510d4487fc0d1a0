"""The screening engine: normalise, pick candidate rules by anchor word, match, weigh context."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from nlu.screen.ages import AgeReader
from nlu.screen.evidence import evidence, locate
from nlu.screen.layers import slot_bits, with_vocab
from nlu.screen.lexicon import Lexicon, Rule
from nlu.screen.normalise import squeeze, unsqueezed
from nlu.screen.patterns import word_start_any
from nlu.screen.result import Level, ScreenResult, max_level

_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"[.!?\n;]+|\s(?:but|tho|though|although)\s")
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = frozenset({"elevn", "twelve", "thirten", "fourten", "fiften", "sixten", "seventen"})
_MEMO_LIMIT = 200_000
# "our" and "us" are left out on purpose: "people in our area get stabbed", "the youth worker
# told us about knives" are about the area or a lesson, not something happening to the writer.
_FIRST_PERSON = frozenset({"i", "im", "me", "my", "myself", "ive", "id", "we", "mine"})
_SINGULAR = _FIRST_PERSON - {"we"}
_PERSONAL = _FIRST_PERSON | frozenset(
    {
        "mate",
        "mates",
        "friend",
        "friends",
        "bestie",
        "brother",
        "sister",
        "cousin",
        "bf",
        "gf",
        "boyfriend",
        "girlfriend",
        "son",
        "daughter",
        "bro",
        "sis",
    }
)


_DISCLOSURE_KINDS = frozenset({"urgent", "concern"})
_Woken = tuple[tuple[int, ...], tuple[int, ...], int]


@dataclass
class _Hit:
    rule: Rule
    start: int
    end: int
    level: Level


class Engine:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.version = lexicon.version
        self._exact: dict[str, list[int]] = {}
        self._prefix: list[tuple[str, int]] = []
        self._always: list[int] = []
        for i, rule in enumerate(lexicon.rules):
            if not rule.compiled.anchors:
                self._always.append(i)
            for a in rule.compiled.anchors:
                if a.endswith("*"):
                    self._prefix.append((a[:-1], i))
                else:
                    self._exact.setdefault(a, []).append(i)
        self._memo: dict[str, _Woken] = {}
        # Required slots beyond the anchor's own, as bits: rule i is satisfied when every bit of
        # _need[i] is among the bits of the message's words (integer ops, no per-slot loop).
        self._need, self._word_bits = slot_bits(
            [
                tuple(need for need in r.compiled.required if need != frozenset(r.compiled.anchors))
                for r in lexicon.rules
            ]
        )
        # Rules that can flag a message on their own; if none is woken, nothing else matters.
        alone = {next(iter(c.when)) for c in lexicon.combinations if len(c.when) == 1}
        self._producers = frozenset(
            i
            for i, r in enumerate(lexicon.rules)
            if r.kind in ("urgent", "concern", "topic")
            or (r.kind == "cue" and r.cue in alone)
            or (r.kind == "signal" and r.cue == "strong")
        )
        # One-word signals are looked up in the word set, not run as regexes.
        self._simple: dict[int, tuple[str, ...]] = {
            id(r): r.compiled.anchors
            for r in lexicon.rules
            if r.kind == "signal" and re.fullmatch(r"[a-z0-9]+", r.compiled.source.strip())
        }
        self._prefixes = tuple(sorted({p for p, _ in self._prefix}))
        # each combination is filed under every signal it needs, so only plausible ones are tried
        self._combos_by_signal: dict[str, list[int]] = {}
        for i, combo in enumerate(lexicon.combinations):
            for name in combo.when:
                self._combos_by_signal.setdefault(name, []).append(i)
        self._ages = AgeReader(lexicon.ages)
        self._none = ScreenResult(Level.NONE, (), (), self.version)
        self._negation = _word_set_regex(lexicon.negation or frozenset({"not"}))
        self._generic = _word_set_regex(lexicon.generic or frozenset({"people who"}))
        self._vocab = lexicon.vocabulary

    def _lookup(self, word: str) -> _Woken:
        """(rules this word wakes, those of them that can flag a message alone, the slot bits
        it gives), memoised."""
        found = self._memo.get(word)
        if found is None:
            ids = set(self._exact.get(word, ()))
            if word.startswith(self._prefixes):
                ids.update(i for p, i in self._prefix if word.startswith(p))
            found = (
                tuple(sorted(ids)),
                tuple(sorted(ids & self._producers)),
                self._word_bits.get(word, 0),
            )
            if len(self._memo) > _MEMO_LIMIT:
                self._memo.clear()
            self._memo[word] = found
        return found

    def _candidates(self, words: set[str], has_digits: bool) -> list[Rule]:
        """Rules whose anchor word is in the text and whose other required words are too.

        Empty when no rule that could flag the message on its own is fully woken (and there
        are no digits for the age reader): the common case for ordinary feedback, decided with
        memoised per-word lookups and set operations so it stays cheap.
        """
        rules = self.lexicon.rules
        memo_get = self._memo.get
        found = [memo_get(w) or self._lookup(w) for w in words]
        bits = 0
        for f in found:
            bits |= f[2]
        need = self._need
        if not has_digits and not self._any_satisfied(found, bits):
            return []
        ids = set().union(*[f[0] for f in found])
        return [rules[i] for i in sorted(ids) if need[i] & bits == need[i]]

    def _any_satisfied(self, found: list[_Woken], bits: int) -> bool:
        """Is any woken rule that can flag a message alone fully satisfied?"""
        need = self._need
        for _, producers, _ in found:
            for i in producers:
                if need[i] & bits == need[i]:
                    return True
        return False

    def screen(self, text: str) -> ScreenResult:
        return self.screen_tokens(text)[0]

    def screen_tokens(self, text: str) -> tuple[ScreenResult, list[str]]:
        """The result and the message's normalised words, which the learned reader reuses."""
        pre = unsqueezed(text)
        norm = squeeze(pre)
        tokens = _WORD.findall(norm)
        return self._screen(pre, norm, tokens), tokens

    def _screen(self, pre: str, norm: str, tokens: list[str]) -> ScreenResult:
        words = set(tokens)
        has_digits = _DIGIT.search(norm) is not None or not words.isdisjoint(_NUMBER_WORDS)
        candidates = self._candidates(words, has_digits)
        vocab = self._vocab
        if vocab is not None and not vocab.may_match(words, norm):
            vocab = None
        if not candidates and not has_digits:
            if vocab is None:
                return self._none
            # everyday phrases ("trapped on the bus", "fasting for ramadan") hide words from
            # the vocabulary as they do from the patterns
            norm, tokens = _masked(norm, tokens, self._masks(words))
            return with_vocab(self._none, vocab.read(tokens))
        norm, tokens = _masked(norm, tokens, (r for r in candidates if r.kind == "mask"))
        hits, general = self._match(norm, candidates, words, tokens)
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
        result = self._result(pre, hits, cues, bool(general))
        if general is None and result.level is Level.CONCERN:
            # flagged by cues alone: a lesson or talk naming them is not a disclosure
            context, _ = self._read_context(norm, candidates)
            if context and _general(tokens):
                result = self._result(pre, hits, cues, True)
        if result.level is Level.CONCERN and self._vocab is not None:
            vocab = self._vocab  # a concern may be quieted: "its all sorted now"
        if vocab is None or result.level is Level.URGENT:
            return result  # the vocabulary could only add categories to an urgent result
        reading = vocab.read(tokens)
        if result.level is Level.CONCERN and reading.quiet:
            result = self._none
        return with_vocab(result, reading)

    def _masks(self, words: set[str]) -> list[Rule]:
        """Mask rules whose words are all in the message (only asked when the vocabulary may
        match, so ordinary feedback never pays for it)."""
        found = [self._memo.get(w) or self._lookup(w) for w in words]
        bits = 0
        for f in found:
            bits |= f[2]
        rules, need = self.lexicon.rules, self._need
        ids = {i for f in found for i in f[0] if rules[i].kind == "mask"}
        return [rules[i] for i in sorted(ids) if need[i] & bits == need[i]]

    def _read_context(self, norm: str, candidates: list[Rule]) -> tuple[list[int], int]:
        """Where lesson/news context starts, and where "it stopped, I'm fine now" starts."""
        context: list[int] = []
        resolved = len(norm) + 1
        for rule in candidates:
            if rule.kind == "context":
                context.extend(m.start() for m in rule.compiled.regex.finditer(norm))
            elif rule.kind == "resolved":
                for m in rule.compiled.regex.finditer(norm):
                    resolved = min(resolved, m.start())
        return context, resolved

    def _match(
        self, norm: str, candidates: list[Rule], words: set[str], tokens: list[str]
    ) -> tuple[list[_Hit], bool | None]:
        """Matches worth counting, and whether the message reads as general talk about a topic
        (a lesson, the news) with no first person in it (None: not read, only cues matched).

        `words` are the message's words before masking, `tokens` those of `norm` (masked).
        """
        hits: list[_Hit] = []
        signals: list[_Hit] = []
        simple: list[tuple[Rule, list[str]]] = []  # one-word signals, located only if needed
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
                    hits.append(_Hit(rule, m.start(), m.end(), rule.level))
        for rule in self._worth_running(pending, simple):
            for m in rule.compiled.regex.finditer(norm):
                signals.append(_Hit(rule, m.start(), m.end(), Level.CONCERN))
        signals = self._promising(norm, signals, simple)
        if not signals and not any(h.rule.kind != "cue" for h in hits):
            return hits, None
        context, resolved = self._read_context(norm, readers)  # only once something matched
        kept = self._weigh_all(norm, hits, context, resolved)
        if signals and not context and not _PERSONAL.isdisjoint(tokens):
            # the same reading as any match: "never been bullied", "it stopped, I'm fine now"
            signals = self._weigh_all(norm, signals, [], resolved)
            kept += self._signalled(norm, signals, {h.rule.category for h in kept})
        return kept, bool(context) and _general(tokens)

    def _weigh_all(
        self, norm: str, hits: list[_Hit], context: list[int], resolved: int
    ) -> list[_Hit]:
        bounds = [m.end() for m in _SENTENCE_END.finditer(norm)]
        context_sentences = {bisect.bisect_right(bounds, c) for c in context}
        first_person: dict[int, bool] = {}
        kept = []
        for h in hits:
            if h.rule.kind != "cue":
                sentence = bisect.bisect_right(bounds, h.start)
                floor = bounds[sentence - 1] if sentence else 0
                if sentence not in first_person:
                    ceiling = bounds[sentence] if sentence < len(bounds) else len(norm)
                    words = _WORD.findall(norm, floor, ceiling)
                    first_person[sentence] = not _FIRST_PERSON.isdisjoint(words)
                h.level = self._weigh(
                    norm, h, floor, first_person[sentence], sentence in context_sentences, resolved
                )
            if h.level is not Level.NONE:
                kept.append(h)
        return kept

    def _worth_running(
        self, pending: list[Rule], simple: list[tuple[Rule, list[str]]]
    ) -> list[Rule]:
        """Phrase signals of the categories that could still reach the threshold.

        Each regex costs a scan of the message; a category whose one-word signals plus every
        pending phrase (at most 2 points each) cannot reach the threshold is not worth one.
        """
        if not pending:
            return pending
        bound: dict[str, int] = {}
        for rule, forms in simple:
            bound[rule.category] = bound.get(rule.category, 0) + len(forms) * (
                2 if rule.cue == "strong" else 1
            )
        for rule in pending:
            bound[rule.category] = bound.get(rule.category, 0) + (2 if rule.cue == "strong" else 1)
        threshold = self.lexicon.signal_threshold
        return [r for r in pending if bound[r.category] >= threshold]

    def _promising(
        self, norm: str, signals: list[_Hit], simple: list[tuple[Rule, list[str]]]
    ) -> list[_Hit]:
        """Signal hits of the categories that could reach the threshold, others dropped unread.

        Weak words ("phone", "they") wake in most messages; counting them by word first keeps
        the recall net from costing every message the full reading.
        """
        points: dict[str, dict[str, int]] = {}
        for rule, forms in simple:
            for form in forms:
                points.setdefault(rule.category, {})[form] = 2 if rule.cue == "strong" else 1
        for h in signals:
            points.setdefault(h.rule.category, {})[norm[h.start : h.end]] = (
                2 if h.rule.cue == "strong" else 1
            )
        threshold = self.lexicon.signal_threshold
        keep = {cat for cat, found in points.items() if sum(found.values()) >= threshold}
        if not keep:
            return []
        out = [h for h in signals if h.rule.category in keep]
        for rule, forms in simple:
            if rule.category in keep:
                out.extend(
                    _Hit(rule, a, b, Level.CONCERN) for form in forms for a, b in locate(norm, form)
                )
        return out

    def _signalled(self, norm: str, signals: list[_Hit], flagged: set[str]) -> list[_Hit]:
        """The recall net: enough risk words of one category in a personal message -> concern.

        Phrasings the patterns have never seen still use the words of the topic ("rope",
        "miss me"; "second phone", "ringing at night"). Strong words score 2, weak 1; a category
        reaching the threshold is a `concern` if the message is about the writer or someone
        they name (I/me/my, mate, brother...: the caller checks) and nothing marks it as a
        lesson or the news.
        """
        points: dict[str, dict[str, int]] = {}
        for h in signals:
            words = points.setdefault(h.rule.category, {})
            words[norm[h.start : h.end]] = 2 if h.rule.cue == "strong" else 1
        out = []
        for h in signals:
            cat = h.rule.category
            if cat not in flagged and sum(points[cat].values()) >= self.lexicon.signal_threshold:
                out.append(h)
        return out

    def _weigh(
        self, norm: str, hit: _Hit, floor: int, first_person: bool, in_context: bool, resolved: int
    ) -> Level:
        """The level a match is worth once the words around it are read.

        Naming a topic in a lesson, the news or a campaign is not a disclosure, nor is a general
        statement ("people who carry knives..."); neither excuses a first-person match. A
        negation lowers one step. "It stopped and I'm fine now" clears earlier concerns only.
        """
        words = _WORD.findall(norm[max(floor, hit.start - 60) : hit.start])
        level = hit.level
        general = hit.rule.kind == "topic" or (level is Level.CONCERN and not first_person)
        if in_context and general:
            return Level.NONE
        if not {"if", "unles", "or"} & set(words[-4:]):
            if not first_person and self._generic.search(" ".join(words[-6:])):
                return Level.NONE
            if self._negation.search(" ".join(words[-3:])):
                level = Level.CONCERN if level is Level.URGENT else Level.NONE
        if level is Level.CONCERN and hit.start < resolved < len(norm) + 1:
            return Level.NONE
        return level

    def _result(
        self, pre: str, hits: list[_Hit], cues: dict[str, list[tuple[int, int]]], general: bool
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


def _general(tokens: list[str]) -> bool:
    """No "I" in the message: "we had a talk about county lines" is a lesson, not a disclosure."""
    return _SINGULAR.isdisjoint(tokens)


def _word_set_regex(phrases: frozenset[str]) -> re.Pattern[str]:
    alternatives = [re.escape(p) for p in sorted(phrases, key=len, reverse=True)]
    return re.compile(word_start_any(alternatives) + "(?![a-z0-9])")


def _masked(norm: str, tokens: list[str], rules: Iterable[Rule]) -> tuple[str, list[str]]:
    """The text with masked phrases blanked, and its words (re-read only if anything changed)."""
    out = norm
    for rule in rules:
        out = rule.compiled.regex.sub(lambda m: " " * len(m.group(0)), out)
    return (norm, tokens) if out is norm else (out, _WORD.findall(out))
