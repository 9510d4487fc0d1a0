"""Ages said in a message: a child's own age, and an older person's age beside it.

"he's 23 and I'm 14" is not a word list problem, so it is code, with thresholds and the words
that introduce an older person kept in the lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlu.screen.lexicon import AgeRules
from nlu.screen.normalise import squeeze

_NUMBER_WORDS = {
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
}
_NOT_AGE = (
    r"(?![0-9])(?![^a-z0-9]*(?:min|hour|hr|pound|quid|mile|km|time|%|pm|am|th|st|nd|rd|x|m\b|k\b))"
)
_SELF = re.compile(
    r"(?<![a-z0-9])(?:im|i am|am|me|i turned|aged?)[^a-z0-9]+"
    r"(?:(?:only|just|literaly|like|stil)[^a-z0-9]+)?"
    r"(\d{1,2}|" + "|".join(squeeze(w) for w in _NUMBER_WORDS) + ")" + _NOT_AGE
)
_SCHOOL_YEAR = re.compile(
    r"(?<![a-z0-9])(?:im in |in )(?:year|yr|y)[^a-z0-9]*(7|8|9|10|11)(?![0-9])"
)
_N_YEARS_OLD = re.compile(
    r"(?<![a-z0-9])(\d{2})[^a-z0-9]*(?:yo|y o|yro|yrs? old|years? old|yr)(?![a-z])"
)
_OTHER_CHILD = re.compile(
    r"(?<![a-z0-9])(?:shes|hes|she is|he is|theyre|they are|whos|who is|(?:friend|mate|sister|"
    r"brother|cousin|girlfriend|boyfriend|gf|bf) is)[^a-z0-9]+(?:(?:only|just)[^a-z0-9]+)?"
    r"(\d{1,2})" + _NOT_AGE
)
_DECADE = {"20s": 25, "twenties": 25, "30s": 35, "thirties": 35, "40s": 45, "forties": 45}


@dataclass(frozen=True)
class AgeFinding:
    child_age: int | None
    child_evidence: str
    older_age: int | None
    older_evidence: str


def _child(text: str, rules: AgeRules) -> tuple[int | None, str]:
    for m in _SELF.finditer(text):
        raw = m.group(1)
        age = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(_unsqueeze(raw), 0)
        if 10 <= age <= rules.child_max:
            return age, m.group(0)
    year = _SCHOOL_YEAR.search(text)
    if year:
        return int(year.group(1)) + 5, year.group(0)  # "in year 9": 13 or 14
    return None, ""


def _unsqueeze(word: str) -> str:
    for full in _NUMBER_WORDS:
        if squeeze(full) == word:
            return full
    return word


class AgeReader:
    def __init__(self, rules: AgeRules) -> None:
        self.rules = rules
        refs = (
            "|".join(
                sorted((re.escape(squeeze(r)) for r in rules.older_refs), key=len, reverse=True)
            )
            or "he|she"
        )
        family = "|".join(re.escape(squeeze(f)) for f in rules.family) or "brother"
        self._older = re.compile(
            rf"(?<![a-z0-9])(?:{refs})(?:[^a-z0-9]+(?:is|s|was|are|like|about|nearly|almost|"
            rf"around|probably|prob|literaly|at|least|over|aged?|in|his|her|their))*"
            rf"[^a-z0-9]+(\d{{2}}|20s|30s|40s|twenties|thirties|forties)" + _NOT_AGE
        )
        # "a man i met on snap is 26": the person is named a few words before the age.
        self._older_far = re.compile(
            rf"(?<![a-z0-9])(?:{refs})(?:[^a-z0-9]+[a-z]+){{1,6}}?[^a-z0-9]+(?:is|s|was|aged?)"
            rf"[^a-z0-9]+(?:(?:like|about|nearly|almost|around|literaly)[^a-z0-9]+)?(\d{{2}})"
            + _NOT_AGE
        )
        self._family = re.compile(rf"(?<![a-z0-9])(?:{family})(?![a-z0-9])")

    def read(self, text: str) -> AgeFinding:
        child, child_ev = _child(text, self.rules)
        older, older_ev = None, ""
        for m in self._all_older(text):
            age = _DECADE.get(m.group(1)) or int(m.group(1))
            window = text[max(0, m.start() - 25) : m.end() + 12]
            if age >= self.rules.adult_min and not self._family.search(window):
                older, older_ev = age, m.group(0)
                break
        if child is None:
            child, child_ev = self._other_child(text)
        return AgeFinding(child, child_ev, older, older_ev)

    def _all_older(self, text: str) -> list[re.Match[str]]:
        return [
            *self._older.finditer(text),
            *self._older_far.finditer(text),
            *_N_YEARS_OLD.finditer(text),
        ]

    def _other_child(self, text: str) -> tuple[int | None, str]:
        """Someone else's age under 18: "she's 13", "my 15 year old friend"."""
        for m in [*_OTHER_CHILD.finditer(text), *_N_YEARS_OLD.finditer(text)]:
            age = int(m.group(1))
            if 10 <= age <= self.rules.child_max:
                return age, m.group(0)
        return None, ""

    def cues(self, text: str) -> dict[str, tuple[str, ...]]:
        """Cue name -> evidence: `child_age` (the writer is under 18), `adult_age`, `age_gap`."""
        found = self.read(text)
        out: dict[str, tuple[str, ...]] = {}
        if found.older_age is not None:
            out["adult_age"] = (found.older_evidence,)
        if found.child_age is not None:
            out["child_age"] = (found.child_evidence,)
            if (
                found.older_age is not None
                and found.older_age - found.child_age >= self.rules.min_gap
            ):
                out["age_gap"] = (found.older_evidence, found.child_evidence)
        return out
