"""Fonts for the PDF, and making any text printable with them.

We embed DejaVu Sans (shipped in ./fonts, licence alongside) because quotes from young people
contain curly quotes, Polish letters and emoji that the PDF core fonts (latin-1) cannot show.
Characters the font lacks (colour emoji, mostly) become their Unicode name in brackets, e.g.
"[grimacing face]", so the meaning survives instead of an empty box. If the bundled font is
missing (a packaging slip) we use the system DejaVu, and failing that Helvetica with text
folded to latin-1.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

FAMILY = "DejaVu"
_STYLES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
_SYSTEM_DIR = Path("/usr/share/fonts/truetype/dejavu")
# Joiners and variation selectors shape emoji; with no emoji font they only add noise.
_INVISIBLE = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"}
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "„": '"',
        "‚": "'",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "•": "-",
        "→": "->",
        "↑": "^",
        "↓": "v",
        "★": "*",
    }
)


@dataclass(frozen=True)
class FontSet:
    family: str  # what to pass to set_font
    files: dict[str, Path]  # style -> TTF; empty for the core-font fallback
    glyphs: frozenset[int]  # code points the font can draw


def _font_dir() -> Path | None:
    bundled = Path(str(files("feedback_api.reports.render").joinpath("fonts")))
    for folder in (bundled, _SYSTEM_DIR):
        if all((folder / name).is_file() for name in _STYLES.values()):
            return folder
    return None


@lru_cache(maxsize=1)
def font_set() -> FontSet:
    folder = _font_dir()
    if folder is None:
        return FontSet("helvetica", {}, frozenset(range(32, 256)))
    from fontTools.ttLib import TTFont  # ships with fpdf2

    paths = {style: folder / name for style, name in _STYLES.items()}
    # Regular, bold and oblique DejaVu cover the same characters; read the cmap once.
    with TTFont(paths[""], lazy=True) as font:
        glyphs = frozenset(font.getBestCmap())
    return FontSet(FAMILY, paths, glyphs)


OTHER_SCRIPT = "[text in another script]"
_RUNS_OF_OTHER_SCRIPT = re.compile(r"(?:\[text in another script\]\s+)+\[text in another script\]")


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"[{name.lower()}]" if name else ""


def _drawable(char: str, fonts: FontSet) -> bool:
    # fpdf2 cannot shape right-to-left scripts without extra packages: unshaped Arabic or
    # Hebrew would be wrong, not just ugly, so they count as missing.
    if unicodedata.bidirectional(char) in {"R", "AL"}:
        return False
    return ord(char) in fonts.glyphs or char in "\n\t"


def printable(text: str, fonts: FontSet | None = None) -> str:
    """`text` with every character the font cannot draw replaced by words (or dropped).

    A missing symbol (an emoji) becomes its name; a run of letters in a script the font lacks
    becomes one OTHER_SCRIPT marker, and the HTML version still shows them as written.
    """
    fonts = fonts or font_set()
    if not fonts.files:
        text = _latin1(text)
    out: list[str] = []
    for char in text:
        if char in _INVISIBLE:
            continue
        category = unicodedata.category(char)
        if _drawable(char, fonts):
            out.append(char)
        elif category[0] in "LM":
            if not out or out[-1] != OTHER_SCRIPT:
                out.append(OTHER_SCRIPT)
        elif category not in {"Cf", "Cc"}:
            out.append(_describe(char))
    return _RUNS_OF_OTHER_SCRIPT.sub(OTHER_SCRIPT, "".join(out))


def _latin1(text: str) -> str:
    folded = text.translate(_FOLD)
    out: list[str] = []
    for char in folded:
        if ord(char) < 256:
            out.append(char)
            continue
        base = unicodedata.normalize("NFKD", char)[0]
        out.append(base if ord(base) < 256 and base.isalpha() else char)
    return "".join(out)
