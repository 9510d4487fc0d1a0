"""People's names: a shipped first-name list plus cue patterns ("my mate Jayden").

Young people often type in lower case, so unambiguous names ("jayden") are caught in any case.
Names that are also ordinary words ("will", "may", "mark") are only taken when capitalised
mid-sentence or after a cue, so "I will go" and "it may rain" stay as they are. A capitalised
word straight after a found name is taken as a surname ("Jayden Smith").
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from nlu.features import word_set
from nlu.redact.patterns import Span

DATA = Path(__file__).resolve().parent.parent / "data"

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CUE = re.compile(
    r"\b(?:my\s+(?:mate|mates|friend|friends|bestie|best\s+friend|bf|gf|boyfriend|girlfriend|"
    r"ex|brother|sister|bro|sis|cousin|teacher|tutor|social\s+worker|dad|mum|step\s*dad|"
    r"step\s*mum|uncle|auntie|aunt|neighbour|carer|foster\s+carer)|"
    r"(?:boy|girl|guy|man|lad|woman|kid|someone|person|teacher|bloke)\s+(?:called|named)|"
    r"called|named|name\s+is|name's|names|it\s+was|this\s+(?:boy|girl|guy|lad|man))\s+$",
    re.IGNORECASE,
)
# Capitalised words that follow cues but are not names ("my mate Snapchat" is rare; "called
# Police" is not).
_NOT_NAMES = word_set(
    "i the a an police childline camhs snapchat instagram tiktok whatsapp facebook youtube "
    "discord google school college mum dad monday tuesday wednesday thursday friday saturday "
    "sunday january february march august september october november december christmas "
    "english maths science god"
)


def _read_words(name: str) -> frozenset[str]:
    words: set[str] = set()
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(w.strip().lower() for w in line.split())
    return frozenset(w for w in words if w)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return _read_words("first_names.txt") | ambiguous_names()


@lru_cache(maxsize=1)
def ambiguous_names() -> frozenset[str]:
    return _read_words("ambiguous_names.txt")


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?\n\"'“("


_PLACE_PREPOSITIONS = frozenset(
    {"to", "in", "at", "from", "near", "round", "around", "by", "into", "outside", "towards"}
)
# Months that are also names: "since May" is far more common than "May said".
_MONTH_NAMES = frozenset({"april", "may", "june", "august"})


def _is_name_token(text: str, m: re.Match[str]) -> bool:
    word = m.group(0)
    lowered = word.lower().rstrip("'’s") if word.lower().endswith(("'s", "’s")) else word.lower()
    if lowered not in first_names() or lowered in _MONTH_NAMES:
        return False
    if lowered not in ambiguous_names():
        return True
    capitalised = word[0].isupper() and not word.isupper()
    before = text[: m.start()].split()
    # "went to Preston", "near Hazel Grove": after a place preposition it is a place.
    if before and before[-1].lower() in _PLACE_PREPOSITIONS:
        return False
    return capitalised and not _sentence_start(text, m.start())


def find_names(text: str) -> list[Span]:
    spans: list[Span] = []
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        word = m.group(0)
        cued = (
            word[0].isupper()
            and len(word) > 1
            and not word.isupper()
            and word.lower() not in _NOT_NAMES
            and _CUE.search(text[max(0, m.start() - 40) : m.start()]) is not None
        )
        if not (cued or _is_name_token(text, m)):
            continue
        end = m.end()
        nxt = words[i + 1] if i + 1 < len(words) else None
        if (
            nxt is not None
            and text[end : nxt.start()] == " "
            and nxt.group(0)[0].isupper()
            and nxt.group(0).lower() not in _NOT_NAMES
        ):
            end = nxt.end()  # surname
        if word.lower().endswith(("'s", "’s")):
            end = min(end, m.end() - 2) if end == m.end() else end
        spans.append(("name", m.start(), end))
    return spans
