"""Which rules a message can wake: rules filed under their anchor words, with the other words
they require as bits, looked up once per distinct word and memoised.

Ordinary feedback must be turned away cheaply: a message's words are looked up here once, and
the same lookups answer three questions (which rules are woken, which masks apply, whether a
word starts one of the vocabulary's stems) with integer and set operations.
"""

from __future__ import annotations

import re

from nlu.screen.layers import slot_bits
from nlu.screen.lexicon import Lexicon, Rule

_MEMO_LIMIT = 200_000
_PLAIN_WORD = re.compile(r"[a-z0-9]+")
# (rules this word wakes, what those of them that can flag a message alone need beyond their
# anchor, as distinct bit masks, and the bits the word gives)
Woken = tuple[tuple[int, ...], tuple[int, ...], int]


class RuleIndex:
    def __init__(self, lexicon: Lexicon, stems: tuple[str, ...] = ()) -> None:
        self.rules = lexicon.rules
        self._exact: dict[str, list[int]] = {}
        self._prefix: list[tuple[str, int]] = []
        for i, rule in enumerate(lexicon.rules):
            for a in rule.compiled.anchors:
                if a.endswith("*"):
                    self._prefix.append((a[:-1], i))
                else:
                    self._exact.setdefault(a, []).append(i)
        self._prefixes = tuple(sorted({p for p, _ in self._prefix}))
        self._memo: dict[str, Woken] = {}
        # Required slots beyond the anchor's own, as bits: rule i is satisfied when every bit of
        # need[i] is among the bits of the message's words (integer ops, no per-slot loop).
        self.need, self._word_bits = slot_bits(
            [
                tuple(need for need in r.compiled.required if need != frozenset(r.compiled.anchors))
                for r in lexicon.rules
            ]
        )
        # One more bit, needed by no rule: "this word starts one of `stems`". Only offered when
        # every stem is a plain word start, where it means the same as searching the text.
        self._stems = stems if stems and all(map(_PLAIN_WORD.fullmatch, stems)) else ()
        top = max((b.bit_length() for b in self._word_bits.values()), default=0)
        self.stem_bit = 1 << top if self._stems else 0
        # Rules that can flag a message on their own; if none is woken, nothing else matters.
        alone = {next(iter(c.when)) for c in lexicon.combinations if len(c.when) == 1}
        self._producers = frozenset(
            i
            for i, r in enumerate(lexicon.rules)
            if r.kind in ("urgent", "concern", "topic")
            or (r.kind == "cue" and r.cue in alone)
            or (r.kind == "signal" and r.cue == "strong")
        )

    def lookup(self, word: str) -> Woken:
        found = self._memo.get(word)
        if found is None:
            ids = set(self._exact.get(word, ()))
            if word.startswith(self._prefixes):
                ids.update(i for p, i in self._prefix if word.startswith(p))
            bits = self._word_bits.get(word, 0)
            if self._stems and word.startswith(self._stems):
                bits |= self.stem_bit
            needs = tuple(sorted({self.need[i] for i in ids & self._producers}))
            found = (tuple(sorted(ids)), needs, bits)
            if len(self._memo) > _MEMO_LIMIT:
                self._memo.clear()
            self._memo[word] = found
        return found

    def scan(self, words: set[str]) -> tuple[list[Woken], int]:
        """Each word's lookup, and the bits of all of them together."""
        get, lookup = self._memo.get, self.lookup
        found = [get(w) or lookup(w) for w in words]
        bits = 0
        for f in found:
            bits |= f[2]
        return found, bits

    def candidates(self, found: list[Woken], bits: int, has_digits: bool) -> list[Rule]:
        """Rules whose anchor word is in the text and whose other required words are too.

        Empty when no rule that could flag the message on its own is fully woken (and there
        are no digits for the age reader): the common case for ordinary feedback.
        """
        if not has_digits and not _any_satisfied(found, bits):
            return []
        ids = set().union(*[f[0] for f in found])
        rules, need = self.rules, self.need
        return [rules[i] for i in sorted(ids) if need[i] & bits == need[i]]

    def masks(self, found: list[Woken], bits: int) -> list[Rule]:
        """Mask rules whose words are all in the message."""
        rules, need = self.rules, self.need
        ids = {i for f in found for i in f[0] if rules[i].kind == "mask"}
        return [rules[i] for i in sorted(ids) if need[i] & bits == need[i]]


def _any_satisfied(found: list[Woken], bits: int) -> bool:
    """Is any woken rule that can flag a message alone fully satisfied?"""
    for _, needs, _ in found:
        for need in needs:
            if need & bits == need:
                return True
    return False
