"""Units: the words after a number that say what it measures (percent, kilograms, hectares,
dollars, years ...), and the unit keys they map to.
"""

from __future__ import annotations

import re

_UNIT_WORDS: list[tuple[str, str]] = [
    (r"percentage points?", "percent"),
    (r"per\s?cent", "percent"),
    (r"percent", "percent"),
    (r"%", "percent"),
    (r"metric\s+tonnes?|metric\s+tons?|MT\b|tonnes?|tons?", "metric-ton"),
    (r"kilograms?|kilos?|kgs?", "kilogram"),
    (r"grams?", "gram"),
    (r"pounds?|lbs?", "pound"),
    (r"hectares?|ha\b", "hectare"),
    (r"acres?", "acre"),
    (r"square\s+kilometers?|square\s+kilometres?|sq\.?\s?km|km2|km²", "square-kilometer"),
    (r"square\s+miles?|sq\.?\s?mi", "square-mile"),
    (r"kilometers?|kilometres?|km", "kilometer"),
    (r"miles?", "mile"),
    (r"meters?|metres?", "meter"),
    (r"liters?|litres?", "liter"),
    (r"gallons?", "gallon"),
    (r"years?", "year"),
    (r"months?", "month"),
    (r"weeks?", "week"),
    (r"days?", "day"),
    (r"hours?", "hour"),
    (r"dollars?|USD", "usd"),
]
_UNIT_RE = re.compile(
    r"(?:\s?-\s?|\s*)(?:(" + "|".join(f"(?:{p})" for p, _ in _UNIT_WORDS) + r"))(?![\w])"
)
_UNIT_KEYS = [(re.compile(f"(?:{p})$", re.IGNORECASE), k) for p, k in _UNIT_WORDS]
_TIME_UNITS = frozenset({"year", "month", "week", "day", "hour"})


def _unit_key(word: str) -> str:
    for rx, key in _UNIT_KEYS:
        if rx.match(word):
            return key
    return "count"
