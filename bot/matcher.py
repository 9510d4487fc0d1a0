"""A small deterministic matcher for typed words, so the flow never depends on the NLU.

It only matches whole, short messages ("yes", "delete my stuff"): a long answer that happens to
contain "stop" is an answer, not a command.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class Command(StrEnum):
    START = "start"
    HELP = "help"
    PRIVACY = "privacy"
    MYDATA = "mydata"
    DELETE = "delete"
    STOP = "stop"
    LANGUAGE = "language"


_COMMAND_PHRASES: dict[Command, tuple[str, ...]] = {
    Command.HELP: (
        r"help( me)?( please)?",
        r"i need help",
        r"pomocy?",
        r"potrzebuje pomocy",
    ),
    Command.PRIVACY: (
        r"privacy",
        r"what happens to (this|my words|my answers|what i (say|write))",
        r"who (sees|reads|can see) (this|my answers|it)",
        r"is (this|it) anonymous",
        r"prywatnosc",
        r"co sie dzieje z (tym|moimi slowami)",
    ),
    Command.MYDATA: (
        r"my ?data",
        r"what (do you|data do you) (hold|have|know|keep)( about me)?",
        r"moje dane",
        r"co o mnie (macie|wiecie)",
    ),
    Command.DELETE: (
        r"delete( my| all my)? (stuff|data|answers|messages|everything)",
        r"delete( it| me)?",
        r"erase( my)? (stuff|data|everything)",
        r"forget me",
        r"usun( moje)?( dane| wszystko)?",
    ),
    Command.STOP: (
        r"stop",
        r"unsubscribe",
        r"i (want|would like) to stop",
        r"withdraw( my)? consent",
        r"koniec",
        r"przestan",
    ),
    Command.LANGUAGE: (
        r"language",
        r"change language",
        r"jezyk",
        r"zmien jezyk",
    ),
}

_YES = (
    r"y",
    r"yes+",
    r"yeah?",
    r"yep",
    r"yup",
    r"ok(ay)?",
    r"sure",
    r"fine",
    r"go on",
    r"(yes|ok|sure),? (please|that'?s fine|ok|go on)",
    r"i agree",
    r"agreed?",
    r"of course",
    r"tak",
    r"dobrze",
    r"zgoda",
    r"zgadzam sie",
    r"jasne",
)
_NO = (
    r"n",
    r"no+",
    r"nah",
    r"nope",
    r"no,? thanks?( you)?",
    r"i don'?t agree",
    r"rather not",
    r"don'?t",
    r"nie",
    r"nie,? dziekuje",
    r"nie zgadzam sie",
)
_YOUNG = (
    r"young( person)?",
    r"(a )?(kid|child|teen(ager)?|student|pupil)",
    r"me",
    r"i'?m young",
    r"mloda osoba",
    r"osoba mloda",
    r"mlody",
    r"mloda",
    r"dziecko",
    r"nastolat(ek|ka)",
)
_PARENT = (
    r"(a )?(parent|carer|mum|mom|dad|guardian|foster carer)( or carer)?",
    r"i'?m a (parent|carer|mum|mom|dad)",
    r"rodzic",
    r"opiekun(ka)?",
    r"mama",
    r"tata",
)
_LANGS = {
    "en": (r"english", r"angielski", r"en"),
    "pl": (r"polish", r"polski", r"po polsku", r"pl"),
}


def normalise(text: str) -> str:
    """Lower case, accents off (Polish typed without diacritics too), punctuation trimmed."""
    folded = unicodedata.normalize("NFKD", text.lower().replace("ł", "l"))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    plain = re.sub(r"[\s]+", " ", plain).strip()
    return plain.strip(" .!?,;:\"'()")


def _matches(text: str, patterns: tuple[str, ...]) -> bool:
    return any(re.fullmatch(p, text) for p in patterns)


def match_command(text: str) -> Command | None:
    words = normalise(text)
    if not words or len(words) > 60:
        return None
    for command, patterns in _COMMAND_PHRASES.items():
        if _matches(words, patterns):
            return command
    return None


def match_yes_no(text: str) -> bool | None:
    words = normalise(text)
    if _matches(words, _YES):
        return True
    if _matches(words, _NO):
        return False
    return None


def match_audience(text: str) -> str | None:
    words = normalise(text)
    if _matches(words, _PARENT):
        return "parent_carer"
    if _matches(words, _YOUNG):
        return "young_person"
    return None


def match_language(text: str) -> str | None:
    words = normalise(text)
    for code, patterns in _LANGS.items():
        if _matches(words, patterns):
            return code
    return None


_AGE_WORDS = {
    r"under ?13|younger than 13|ponizej 13|mniej niz 13": "under_13",
    r"13 ?(-|to|–) ?15": "13_15",
    r"16 ?(or|-|to|–|lub) ?17": "16_17",
    r"18 ?(-|to|–) ?25": "18_25",
}


def match_age_band(text: str) -> str | None:
    """An age band from "14", "I'm 16", "under 13" or "16 or 17"."""
    words = normalise(text)
    for pattern, band in _AGE_WORDS.items():
        if re.fullmatch(pattern, words):
            return band
    found = re.fullmatch(r"(i'?m |i am |mam )?(\d{1,2})( years? old| lat(a)?)?", words)
    if found is None:
        return None
    age = int(found.group(2))
    if age < 13:
        return "under_13"
    if age <= 15:
        return "13_15"
    if age <= 17:
        return "16_17"
    return "18_25"
