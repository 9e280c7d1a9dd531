"""GIFT's numbers: an answer '3.14', '3.14:0.01' or '1..5' as (answer, tolerance)."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

_NUMBER = r"[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?"


def _to_float(text: str) -> float:
    return float(text.replace(",", "."))


def number_spec(text: str) -> tuple[float, float] | None:
    """(answer, tolerance) from '3.14', '3.14:0.01' or '1..5'."""
    text = text.strip()
    m = re.fullmatch(rf"({_NUMBER})\s*\.\.\s*({_NUMBER})", text)
    if m:
        # Decimal arithmetic: 3.141..3.142 is 3.1415 ± 0.0005, not 3.1414999999999997 ± ...
        try:
            lo, hi = sorted(Decimal(g.replace(",", ".")) for g in m.groups())
        except InvalidOperation:
            return None
        middle, half = float((lo + hi) / 2), float((hi - lo) / 2)
        if math.isfinite(middle) and math.isfinite(half):
            return middle, half
        return None
    m = re.fullmatch(rf"({_NUMBER})(?:\s*:\s*({_NUMBER}))?", text)
    if m:
        value = _to_float(m.group(1))
        tolerance = abs(_to_float(m.group(2))) if m.group(2) else 0.0
        if math.isfinite(value) and math.isfinite(tolerance):
            return value, tolerance
    return None
