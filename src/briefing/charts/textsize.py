"""How much room a chart label takes, before Vega draws it: advance widths of the house
font (DejaVu Sans, the first font of `theme.FONT`), so placement is computed in pixels
and the same on every machine, whatever fonts it has.

Widths are DejaVu Sans 2.37's horizontal advances in font units (2048 an em), read from
its `hmtx` table through `cmap`; a character not listed counts as a CJK ideograph (one em)
if it is one, else as the font's average lowercase letter."""

from __future__ import annotations

import unicodedata

UNITS_PER_EM = 2048
LINE_HEIGHT_EM = (1901 + 483) / UNITS_PER_EM  # ascent + descent, as a browser's text box
_CHARS = (" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
          "–—’‘“”…×÷−·é")
_ADVANCES = (651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303,
             1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405,
             1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300,
             1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300,
             1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212,
             1675, 1212, 1212, 1075, 1303, 690, 1303, 1716, 1024, 2048, 651, 651, 1061, 1061, 2048, 1716, 1716,
             1716, 651, 1260)
ADVANCE = dict(zip(_CHARS, _ADVANCES, strict=True))
AVERAGE = 1200  # a typical lowercase letter, for characters not listed


def _advance(char: str) -> int:
    if char in ADVANCE:
        return ADVANCE[char]
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return UNITS_PER_EM
    return AVERAGE


def text_width(text: str, size: float) -> float:
    """Width in pixels of `text` set at `size` px (the longest line, if it has several)."""
    lines = text.split("\n") if text else [""]
    return max(sum(_advance(c) for c in line) for line in lines) * size / UNITS_PER_EM


def text_height(size: float, lines: int = 1) -> float:
    """Height in pixels of `lines` lines of text at `size` px (Vega's line height is the font size)."""
    return LINE_HEIGHT_EM * size + (lines - 1) * size
