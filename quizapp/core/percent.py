"""How a share is written as a percent, the same everywhere: the library's Best and Last,
the results page, the progress tiles, tables and chart labels, the teacher's tables.

Whole percents, halves rounded up: 5 right of 8 is 63%. (The library wrote 62% for
it, Python's round-half-to-even, where the progress chart wrote 62.5%.)
"""

from __future__ import annotations

import math

NO_SCORE = "–"  # a score not there (no attempt yet)
_FLOAT_NOISE = 1e-9  # 0.145 * 100 is 14.499999999999998: still a half


def whole_percent(share: float) -> int:
    """`share` (0..1) as a whole percent, halves rounded up."""
    return math.floor(100.0 * share + 0.5 + _FLOAT_NOISE)


def percent_text(share: float | None) -> str:
    """'63%' for a share of 0.625; NO_SCORE for None."""
    return NO_SCORE if share is None else f"{whole_percent(share)}%"
