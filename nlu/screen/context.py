"""What the words around a match say: a lesson or the news, a negation, general talk, "I".

A match is a place in the text; whether it is a disclosure depends on the sentence it sits in.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from nlu.screen.lexicon import Lexicon, Rule
from nlu.screen.result import Level
from nlu.screen.rx import word_start_any

WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"[.!?\n;]+|\s(?:but|tho|though|although)\s")
# "our" and "us" are left out on purpose: "people in our area get stabbed", "the youth worker
# told us about knives" are about the area or a lesson, not something happening to the writer.
FIRST_PERSON = frozenset({"i", "im", "me", "my", "myself", "ive", "id", "we", "mine"})
_SINGULAR = FIRST_PERSON - {"we"}
PERSONAL = FIRST_PERSON | frozenset(
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
_CONDITIONAL = frozenset({"if", "unles", "or"})


@dataclass
class Hit:
    rule: Rule
    start: int
    end: int
    level: Level


def general(tokens: Iterable[str]) -> bool:
    """No "I" in the message: "we had a talk about county lines" is a lesson, not a disclosure."""
    return _SINGULAR.isdisjoint(tokens)


def read_context(norm: str, rules: Iterable[Rule]) -> tuple[list[int], int]:
    """Where lesson/news context starts, and where "it stopped, I'm fine now" starts."""
    context: list[int] = []
    resolved = len(norm) + 1
    for rule in rules:
        if rule.kind == "context":
            context.extend(m.start() for m in rule.compiled.regex.finditer(norm))
        elif rule.kind == "resolved":
            for m in rule.compiled.regex.finditer(norm):
                resolved = min(resolved, m.start())
    return context, resolved


class Weigher:
    def __init__(self, lexicon: Lexicon) -> None:
        self._negation = _word_set_regex(lexicon.negation or frozenset({"not"}))
        self._generic = _word_set_regex(lexicon.generic or frozenset({"people who"}))

    def weigh_all(self, norm: str, hits: list[Hit], context: list[int], resolved: int) -> list[Hit]:
        """The hits still worth something once read in their sentence (levels updated)."""
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
                    words = WORD.findall(norm, floor, ceiling)
                    first_person[sentence] = not FIRST_PERSON.isdisjoint(words)
                h.level = self._weigh(
                    norm, h, floor, first_person[sentence], sentence in context_sentences, resolved
                )
            if h.level is not Level.NONE:
                kept.append(h)
        return kept

    def _weigh(
        self, norm: str, hit: Hit, floor: int, first_person: bool, in_context: bool, resolved: int
    ) -> Level:
        """The level a match is worth once the words around it are read.

        Naming a topic in a lesson, the news or a campaign is not a disclosure, nor is a general
        statement ("people who carry knives..."); neither excuses a first-person match. A
        negation lowers one step. "It stopped and I'm fine now" clears earlier concerns only.
        """
        words = WORD.findall(norm[max(floor, hit.start - 60) : hit.start])
        level = hit.level
        is_general = hit.rule.kind == "topic" or (level is Level.CONCERN and not first_person)
        if in_context and is_general:
            return Level.NONE
        if _CONDITIONAL.isdisjoint(words[-4:]):
            if not first_person and self._generic.search(" ".join(words[-6:])):
                return Level.NONE
            if self._negation.search(" ".join(words[-3:])):
                level = Level.CONCERN if level is Level.URGENT else Level.NONE
        if level is Level.CONCERN and hit.start < resolved < len(norm) + 1:
            return Level.NONE
        return level


def _word_set_regex(phrases: frozenset[str]) -> re.Pattern[str]:
    alternatives = [re.escape(p) for p in sorted(phrases, key=len, reverse=True)]
    return re.compile(word_start_any(alternatives) + "(?![a-z0-9])")
