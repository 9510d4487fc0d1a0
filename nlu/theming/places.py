"""Places and spaces: where young people say things happen, as a hotspot list with trend.

A place is a gazetteer entry (matched on its name or aliases) or, for places the gazetteer does
not know yet, a noun phrase ending in a place word ("bus stop", "car park"). Noun phrases are
taken from REDACTED text, so a street or a person never becomes a "place". Counts are distinct
participants per period; apply `suppression.keep_publishable` before publishing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from nlu.features import noun_phrases, word_set
from nlu.redact import Gazetteer, default_gazetteer, place_mentions, redact_plain

PLACE_WORDS = word_set(
    "park parks station stop stops shop shops estate underpass alley alleyway alleys field "
    "fields woods canal towpath bridge garages stairwell stairs flats toilets chippy corner "
    "precinct centre subway playground rec car carpark lane path bench benches mcdonalds "
    "takeaway shelter arcade cinema pitch pitches beach river"
)
# Compounds the tagger splits wrongly ("bus stop" comes out as noun + verb).
_COMPOUNDS = re.compile(
    r"\b(bus stop|bus shelter|car park|corner shop|chicken shop|phone box|play ?park|"
    r"football pitch|multi[- ]storey|shopping centre|train station|bus station)\b",
    re.IGNORECASE,
)
_PLACE_HINT = re.compile(r"\b(?:" + "|".join(sorted(PLACE_WORDS)) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Hotspot:
    place: str  # gazetteer id, or "np:<noun phrase>"
    name: str
    kind: str  # gazetteer kind, or "mentioned" for noun phrases
    participants: int  # distinct participants in the current period
    previous: int  # distinct participants in the previous period
    trend: str  # "new", "up", "down" or "steady"


def mentioned_places(text: str, gazetteer: Gazetteer | None = None) -> dict[str, tuple[str, str]]:
    """{place key: (name, kind)} for one response."""
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    found = {m.place_id: (m.name, m.kind) for m in place_mentions(text, gaz)}
    if _PLACE_HINT.search(text):  # tagging is slow: only for texts that might name a place
        plain = redact_plain(text, gaz)
        compounds = [" ".join(m.group(1).lower().split()) for m in _COMPOUNDS.finditer(plain)]
        for phrase in compounds + noun_phrases(plain):
            if phrase.split()[-1] in PLACE_WORDS and len(phrase.split()) >= 2:
                found.setdefault(f"np:{phrase}", (phrase, "mentioned"))
    return found


def _trend(now: int, before: int) -> str:
    if before == 0:
        return "new" if now else "steady"
    ratio = now / before
    return "up" if ratio >= 1.25 else "down" if ratio <= 0.8 else "steady"


def hotspots(
    records: Iterable[tuple[Hashable, str, str]],
    gazetteer: Gazetteer | None = None,
    current_period: str | None = None,
) -> list[Hotspot]:
    """Hotspots from (participant_key, period, text) records, most-mentioned first.

    Periods are sortable strings ("2026-11", "2026-Q4"); trend compares `current_period`
    (default: the latest) with the period before it.
    """
    people: dict[tuple[str, str], set[Hashable]] = defaultdict(set)
    names: dict[str, tuple[str, str]] = {}
    periods: set[str] = set()
    for participant, period, text in records:
        periods.add(period)
        for key, name_kind in mentioned_places(text, gazetteer).items():
            people[(key, period)].add(participant)
            names.setdefault(key, name_kind)
    if not periods:
        return []
    ordered = sorted(periods)
    current = current_period or ordered[-1]
    earlier = [p for p in ordered if p < current]
    previous = earlier[-1] if earlier else None
    spots = []
    for key, (name, kind) in names.items():
        now = len(people.get((key, current), ()))
        before = len(people.get((key, previous), ())) if previous else 0
        if now or before:
            spots.append(Hotspot(key, name, kind, now, before, _trend(now, before)))
    return sorted(spots, key=lambda h: (-h.participants, -h.previous, h.place))
