"""Pattern detectors for contact details: phones, emails, postcodes, addresses, handles.

Each detector returns (kind, start, end) spans over the original text; `redact` resolves
overlaps. Patterns lean towards over-redaction: a published quote losing a number is a small
cost, a child's phone number in a report is not.
"""

from __future__ import annotations

import re

from nlu.features import word_set

Span = tuple[str, int, int]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Any run that looks like it might be a phone number; digit count decides (see _is_uk_phone).
_PHONE_RUN = re.compile(r"(?<![\w+])(?:\+|00)?[\d(][\d\s().-]{7,20}\d(?!\w)")
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\s?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_STREET_TYPES = (
    "road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct|place|"
    "gardens|grove|terrace|hill|walk|mews|row|square|view|rise|parade|green|vale"
)
# "12 Acacia Road", "12a acacia rd", "Flat 3, 7 Mill Lane": a number then 1–3 words then a type.
_ADDRESS = re.compile(
    rf"(?<![\w])(?:flat\s+\d+[a-z]?,?\s+)?\d{{1,4}}[a-z]?,?\s+(?:[a-z'-]+\s+){{1,3}}"
    rf"(?:{_STREET_TYPES})\b\.?",
    re.IGNORECASE,
)
# A capitalised street name without a number ("lives on Acacia Road") still locates someone.
_STREET_NAME = re.compile(
    r"\b(?!(?:The|No|Any|Every|This|That|My|Our|One|Some|A|An|In|On|At|By|To|Your|Their|His"
    r"|Her|Its|All|Each|Which|What|Whose)\s)"
    rf"(?:[A-Z][a-z'-]+\s+){{1,2}}(?:{_STREET_TYPES.title()})\b"
)
# Words that show "3 days in a row" / "10 minute walk" is not an address.
_NOT_ADDRESS_WORDS = word_set(
    "a an the in on at of to for and or my your his her our their times time days day weeks "
    "week hours hour minutes minute mins min years year people miles mile steps quid pounds "
    "more less"
)
_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")
_HANDLE_CUE = re.compile(
    r"\b(?:snap(?:chat)?|sc|insta(?:gram)?|ig|tiktok|tt|discord|twitter|x|kik|telegram)"
    r"(?:\s+(?:is|name|username|handle))?\s*(?::|-|=|is)\s*@?([A-Za-z0-9_.]{3,30})",
    re.IGNORECASE,
)
_HANDLE_SHAPED = re.compile(r"[A-Za-z]*[0-9_.][A-Za-z0-9_.]*")


def _is_uk_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    international = digits.startswith("0044") or (
        digits.startswith("44") and candidate.lstrip().startswith("+")
    )
    if international:
        digits = "0" + digits[4 if digits.startswith("0044") else 2 :]
        # "+44 (0) 7700 900123" keeps its trunk zero: drop the doubled one.
        if digits.startswith("00"):
            digits = digits[1:]
    elif digits.startswith("00"):
        return False  # another country's number
    return digits.startswith("0") and len(digits) in (10, 11)


def find_emails(text: str) -> list[Span]:
    return [("email", m.start(), m.end()) for m in _EMAIL.finditer(text)]


def find_phones(text: str) -> list[Span]:
    spans = []
    for m in _PHONE_RUN.finditer(text):
        raw = m.group(0).rstrip(" .-(")
        if _is_uk_phone(raw):
            spans.append(("phone", m.start(), m.start() + len(raw)))
    return spans


def find_postcodes(text: str) -> list[Span]:
    return [("postcode", m.start(), m.end()) for m in _POSTCODE.finditer(text)]


def find_addresses(text: str) -> list[Span]:
    spans = [
        ("address", m.start(), m.end())
        for m in _ADDRESS.finditer(text)
        if not _NOT_ADDRESS_WORDS & set(m.group(0).lower().replace(",", " ").split()[1:-1])
    ]
    spans += [("address", m.start(), m.end()) for m in _STREET_NAME.finditer(text)]
    return spans


def find_handles(text: str) -> list[Span]:
    spans = [("handle", m.start(), m.end()) for m in _HANDLE.finditer(text)]
    for m in _HANDLE_CUE.finditer(text):
        handle = m.group(1).rstrip(".")
        if _HANDLE_SHAPED.fullmatch(handle) or ":" in m.group(0):
            spans.append(("handle", m.start(1), m.start(1) + len(handle)))
    return spans
