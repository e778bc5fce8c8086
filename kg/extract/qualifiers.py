"""Qualifiers and changes: how a figure relates to the true number, and in which direction.

"more than 100" is :attr:`~kg.model.Qualifier.MORE_THAN` 100; "reduced ... by 35 percent" is
a :attr:`~kg.model.Change.DECREASE` of 35 percent.
"""

from __future__ import annotations

import re

from kg.model import Change, Qualifier

_QUALIFIERS: list[tuple[str, Qualifier]] = [
    (r"more than|over|greater than|in excess of|upwards of|above|exceeding", Qualifier.MORE_THAN),
    (
        r"estimated\s+at|estimated\s+to\s+(?:be|have\s+been)|put\s+at|approximated\s+at"
        r"|nearly|almost|approximately|about|around|roughly|some|an estimated|estimated|close to"
        r"|approx\.|an approximate|approximate",
        Qualifier.ABOUT,
    ),
    (r"at least|no fewer than|no less than|a minimum of", Qualifier.AT_LEAST),
    (r"up to|as many as|as much as|a maximum of", Qualifier.UP_TO),
    (r"fewer than|less than|under|below", Qualifier.LESS_THAN),
]
_ESTIMATE_AFTER_RE = re.compile(
    r"\s*\([^()]{0,40}(?:\b(?:estimated?|estimates?|approximate(?:ly)?|approx)\b|\best\.)"
    r"[^()]{0,20}\)",
    re.I,
)
# The qualifier before a number, past a currency word ("an estimated USD $25 trillion").
_QUAL_RE = re.compile(
    r"(?<![\w-])(?:(" + ")|(".join(p for p, _ in _QUALIFIERS) + r"))\s+(?:(?-i:USD|US)\s*)?$",
    re.IGNORECASE,
)
_CHANGE_VERBS: dict[str, Change] = {}
for _w in [
    "reduce",
    "reduced",
    "reduces",
    "reducing",
    "decrease",
    "decreased",
    "decreases",
    "decreasing",
    "cut",
    "cuts",
    "cutting",
    "lower",
    "lowered",
    "lowers",
    "lowering",
    "drop",
    "dropped",
    "drops",
    "dropping",
    "fall",
    "fell",
    "falls",
    "falling",
    "decline",
    "declined",
    "declines",
    "declining",
    "shrink",
    "shrank",
    "shrunk",
    "diminish",
    "diminished",
    "slash",
    "slashed",
]:
    _CHANGE_VERBS[_w] = Change.DECREASE
for _w in [
    "increase",
    "increased",
    "increases",
    "increasing",
    "rise",
    "rose",
    "rises",
    "rising",
    "risen",
    "grow",
    "grew",
    "grows",
    "growing",
    "grown",
    "expand",
    "expanded",
    "expands",
    "expanding",
    "boost",
    "boosted",
    "boosts",
    "raise",
    "raised",
    "raises",
    "raising",
    "jump",
    "jumped",
    "jumps",
    "climb",
    "climbed",
    "climbs",
    "double",
    "doubled",
    "improve",
    "improved",
    "improves",
    "improving",
    "surge",
    "surged",
]:
    _CHANGE_VERBS[_w] = Change.INCREASE
_CHANGE_NOUNS: dict[str, Change] = {
    "reduction": Change.DECREASE,
    "decrease": Change.DECREASE,
    "decline": Change.DECREASE,
    "drop": Change.DECREASE,
    "cut": Change.DECREASE,
    "fall": Change.DECREASE,
    "fewer": Change.DECREASE,
    "less": Change.DECREASE,
    "increase": Change.INCREASE,
    "rise": Change.INCREASE,
    "growth": Change.INCREASE,
    "jump": Change.INCREASE,
    "gain": Change.INCREASE,
    "more": Change.INCREASE,
    "improvement": Change.INCREASE,
}
_CHANGE_WORD_RE = re.compile(
    r"\b(" + "|".join(sorted(_CHANGE_VERBS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_CHANGE_AFTER_RE = re.compile(r"\s+(" + "|".join(_CHANGE_NOUNS) + r")\b(?!\s+than)", re.IGNORECASE)
_CHANGE_NOUN_BEFORE_RE = re.compile(
    r"\b(" + "|".join(_CHANGE_NOUNS) + r")\s+(?:of|by)\s+$", re.IGNORECASE
)
_VERB_BEFORE_RE = re.compile(
    r"\b(" + "|".join(sorted(_CHANGE_VERBS, key=len, reverse=True)) + r")\s+(?:by\s+)?$",
    re.IGNORECASE,
)
_UPDOWN_RE = re.compile(
    r"(?:[,;(]\s*|\b(?:is|was|are|were|now|been)\s+)(up|down)\s+$", re.IGNORECASE
)
