"""Shaping the compiled patterns' regexes so Python's regex engine searches them fast.

Every rewrite here keeps the matches exactly: the same spans are found, in the same order.
Python's engine tries the alternatives of `(?:a|b|...)` one after another at every position of
the text, so a list such as {someone}, hundreds of phrases long, costs hundreds of attempts per
position. Alternatives are therefore merged on what they start with ("my older brother|my older
sister" -> "my older (?:brother|sister)"), which is only done where it cannot change the result:

- Alternatives may be regrouped out of their order only when the things they start with can
  never match the same character (different letters or digits, or a letter against the
  separator `[^a-z0-9]+`): at any position at most one group can match, and within a group the
  order is kept.
- A shared start is taken out in front only when it can match in one way only, given what every
  alternative puts after it: a plain character always; the separator when a letter or digit
  follows it in every alternative (it must then take the whole run of spaces and punctuation);
  a group of whole words when a separator or punctuation follows it in every alternative (it
  must then take the whole word). The engine then meets the same choices in the same order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEP = r"[^a-z0-9]+"
_BOUNDARY = "(?<![a-z0-9])"
_BOUNDARY_AFTER_FIRST = "(?<![a-z0-9].)"  # the same check, made one letter into the match
QUANTIFIERS = ("?", "*", "+", "{")
_SPECIAL = frozenset(".^$*+?{}[]\\|()")
_WORD_GROUP = re.compile(r"\(\?:[a-z0-9]+(?:\|[a-z0-9]+)*\)")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


@dataclass(frozen=True)
class _Atom:
    text: str
    kind: str  # "alnum" | "char" (other literal) | "sep" | "words" | "other"


def split_alternatives(body: str) -> list[str]:
    """`body` split on its top-level `|` (nested groups kept whole)."""
    parts, current, depth = [], "", 0
    for ch in body:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    parts.append(current.strip())
    return parts


def word_start_any(alternatives: list[str]) -> str:
    """A regex for the first of `alternatives` (regexes, tried in order) found at a word start."""
    return word_start(alternation(alternatives))


def alternation(regexes: list[str]) -> str:
    """`(?:a|b|...)`, merged on shared starts (see the module's docstring) when every
    alternative starts with a plain letter or digit."""
    if len(regexes) == 1:
        return regexes[0]
    led = [_lead_letter(r) for r in regexes]
    atoms = [_atoms(r) for r in led if r is not None]
    if len(atoms) < len(regexes) or any(a is None for a in atoms):
        return "(?:" + "|".join(regexes) + ")"
    return "(?:" + "|".join(_merged([a for a in atoms if a is not None])) + ")"


def _merged(alternatives: list[list[_Atom]]) -> list[str]:
    """The alternatives of one alternation, as regexes, merged where that is exact."""
    firsts = [a[0] if a else None for a in alternatives]
    disjoint = all(f is not None and f.kind in ("alnum", "sep") for f in firsts)
    groups: list[tuple[_Atom | None, list[list[_Atom]]]] = []
    by_first: dict[_Atom, list[list[_Atom]]] = {}
    for first, alt in zip(firsts, alternatives, strict=True):
        if disjoint and first is not None and first in by_first:
            by_first[first].append(alt)
        elif not disjoint and groups and first is not None and groups[-1][0] == first:
            groups[-1][1].append(alt)
        else:
            groups.append((first, [alt]))
            if first is not None:
                by_first[first] = groups[-1][1]
    out: list[str] = []
    for first, members in groups:
        if first is None or len(members) == 1 or not _single_way(first, members):
            out.extend("".join(a.text for a in m) for m in members)
            continue
        rest = _merged([m[1:] for m in members])
        out.append(first.text + (rest[0] if len(rest) == 1 else "(?:" + "|".join(rest) + ")"))
    return out


def _single_way(first: _Atom, members: list[list[_Atom]]) -> bool:
    """Can `first` match in one way only, whatever follows it in `members`?"""
    if first.kind in ("alnum", "char"):
        return True
    nexts = [m[1] if len(m) > 1 else None for m in members]
    if first.kind == "sep":
        return all(n is not None and n.kind in ("alnum", "words") for n in nexts)
    if first.kind == "words":
        return all(n is not None and n.kind in ("sep", "char") for n in nexts)
    return False


def _atoms(regex: str) -> list[_Atom] | None:
    """`regex` as a sequence of atoms, or None if it uses anything not understood here."""
    if any(e in regex for e in ("\\(", "\\)", "\\[", "\\]")):
        return None  # escaped brackets would confuse the bracket matching below
    out: list[_Atom] = []
    i = 0
    while i < len(regex):
        ch = regex[i]
        if regex.startswith(SEP, i):
            atom, i = _Atom(SEP, "sep"), i + len(SEP)
        elif ch == "(" or ch == "[":
            end = _group_end(regex, i) if ch == "(" else regex.find("]", i)
            if end < 0:
                return None
            end += 1
            while end < len(regex) and regex[end] in "?*+{":
                end = regex.find("}", end) + 1 if regex[end] == "{" else end + 1
                if end <= 0:
                    return None
            text = regex[i:end]
            atom, i = _Atom(text, "words" if _WORD_GROUP.fullmatch(text) else "other"), end
        elif ch == "\\":
            if i + 1 >= len(regex) or regex[i + 1].isalnum():
                return None  # \d, \b...: a class or an assertion, not a character
            atom, i = _Atom(regex[i : i + 2], "char"), i + 2
        elif ch in _SPECIAL or (ch.isalnum() and ch not in _ALNUM):
            return None
        else:
            atom, i = _Atom(ch, "alnum" if ch in _ALNUM else "char"), i + 1
        if atom.kind in ("alnum", "char", "sep") and regex[i : i + 1] in ("?", "*", "+", "{"):
            return None  # a quantified character is not one character
        out.append(atom)
    return out


def _lead_letter(regex: str) -> str | None:
    """`regex` rewritten to start with a plain letter, or None if it cannot be.

    "(?:olders|older)..." becomes "o(?:lders|lder)..." when every form starts with the same
    letter (the same matches, tried in the same order).
    """
    if _plain_lead(regex):
        return regex
    end = regex.find(")")
    inner = regex[3:end]
    if not regex.startswith("(?:") or "(" in inner or regex[end + 1 : end + 2] in QUANTIFIERS:
        return None
    forms = inner.split("|")
    c = forms[0][:1]
    if not all(map(_plain_lead, forms)) or any(f[:1] != c for f in forms):
        return None
    return c + "(?:" + "|".join(f[1:] for f in forms) + ")" + regex[end + 1 :]


def word_start(regex: str) -> str:
    """`regex` made to start at a word boundary, in the form the regex engine searches fastest.

    "(?<![a-z0-9])(?:kil...|hurt...)" is tried at every position of the text. Checking the
    boundary after the first letter instead ("k(?<![a-z0-9].)il...|h(?<![a-z0-9].)urt...")
    lets the engine skip straight to positions holding one of those letters.
    """
    after = _BOUNDARY_AFTER_FIRST
    if _plain_lead(regex):
        return regex[0] + after + regex[1:]
    end = _group_end(regex) if regex.startswith("(?:") and "\\" not in regex else -1
    if end < 0 or regex[end + 1 : end + 2] in QUANTIFIERS:
        return _BOUNDARY + regex
    alternatives = split_alternatives(regex[3:end])
    if "|".join(alternatives) != regex[3:end] or not all(map(_plain_lead, alternatives)):
        return _BOUNDARY + regex
    led = "|".join(a[0] + after + a[1:] for a in alternatives)
    return f"(?:{led}){regex[end + 1 :]}"


def _plain_lead(regex: str) -> bool:
    """Does `regex` start with a letter or digit matched as itself (no quantifier after it)?"""
    return regex[:1].isascii() and regex[:1].isalnum() and regex[1:2] not in QUANTIFIERS


def _group_end(regex: str, start: int = 0) -> int:
    """Index of the ")" closing the group that opens at `start`."""
    depth = 0
    for i in range(start, len(regex)):
        depth += regex[i] == "("
        depth -= regex[i] == ")"
        if depth == 0:
            return i
    return -1
