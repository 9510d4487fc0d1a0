"""Redaction: remove what could identify a young person before any text is shown or published.

    redact(text, gazetteer=None) -> RedactionResult   # .text with [phone] [email] [postcode]
                                                      # [address] [handle] [name] [school] [place]
                                                      # .found: list of (kind, (start, end))
    redact_plain(text) -> str                         # redacted, placeholders removed (labels)
    place_mentions(text, gazetteer=None) -> list[PlaceMention]   # for hotspots
    load_gazetteer(path) / default_gazetteer() -> Gazetteer

Published quotes only ever use `redact(...).text`. `gazetteer=None` means the shipped default
(nlu/data/gazetteer.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlu.redact.gazetteer import (
    SCHOOL_KINDS,
    Gazetteer,
    GazetteerError,
    PlaceMention,
    default_gazetteer,
    load_gazetteer,
)
from nlu.redact.names import find_names
from nlu.redact.patterns import (
    Span,
    find_addresses,
    find_emails,
    find_handles,
    find_phones,
    find_postcodes,
)

__all__ = [
    "Gazetteer",
    "GazetteerError",
    "PlaceMention",
    "RedactionResult",
    "default_gazetteer",
    "load_gazetteer",
    "place_mentions",
    "redact",
    "redact_plain",
]

# Earlier kinds win overlaps: an email contains an @handle, an address may contain a name.
_PRIORITY = ("email", "handle", "phone", "postcode", "address", "school", "place", "name")
_PLACEHOLDER = re.compile(r"\[(?:" + "|".join(_PRIORITY) + r")\]")


@dataclass(frozen=True)
class RedactionResult:
    text: str
    found: list[tuple[str, tuple[int, int]]] = field(default_factory=list)  # spans in original

    @property
    def kinds(self) -> set[str]:
        return {kind for kind, _ in self.found}


def _gazetteer_spans(text: str, gazetteer: Gazetteer) -> list[Span]:
    return [
        ("school" if m.kind in SCHOOL_KINDS else "place", m.start, m.end)
        for m in gazetteer.mentions(text)
    ]


def _resolve(spans: list[Span]) -> list[Span]:
    ranked = sorted(spans, key=lambda s: (_PRIORITY.index(s[0]), -(s[2] - s[1]), s[1]))
    chosen: list[Span] = []
    for span in ranked:
        if all(span[2] <= c[1] or span[1] >= c[2] for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s[1])


def redact(text: str, gazetteer: Gazetteer | None = None) -> RedactionResult:
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    spans = (
        find_emails(text)
        + find_handles(text)
        + find_phones(text)
        + find_postcodes(text)
        + find_addresses(text)
        + _gazetteer_spans(text, gaz)
        + find_names(text)
    )
    chosen = _resolve(spans)
    out, last = [], 0
    for kind, start, end in chosen:
        out.append(text[last:start])
        out.append(f"[{kind}]")
        last = end
    out.append(text[last:])
    return RedactionResult("".join(out), [(k, (s, e)) for k, s, e in chosen])


def redact_plain(text: str, gazetteer: Gazetteer | None = None) -> str:
    """Redacted text with the placeholders removed: for keywords and labels, not for quotes."""
    return " ".join(_PLACEHOLDER.sub(" ", redact(text, gazetteer).text).split())


def place_mentions(text: str, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    return gaz.mentions(text)
