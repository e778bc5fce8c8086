"""Units: the words after a number that say what it measures (percent, kilograms, hectares,
dollars, years ...), and the unit keys they map to.
"""

from __future__ import annotations

import re

from kg.extract.lexicon import UNIT_PATTERNS

_UNIT_WORDS: list[tuple[str, str]] = list(UNIT_PATTERNS)
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
