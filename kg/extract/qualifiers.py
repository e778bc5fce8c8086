"""Qualifiers and changes: how a figure relates to the true number, and in which direction.

"more than 100" is :attr:`~kg.model.Qualifier.MORE_THAN` 100; "reduced ... by 35 percent" is
a :attr:`~kg.model.Change.DECREASE` of 35 percent.
"""

from __future__ import annotations

import re

from kg.extract.lexicon import CHANGE_NOUNS, CHANGE_VERBS, COMPARATIVES, QUALIFIER_PATTERNS
from kg.model import Change, Qualifier

_QUALIFIERS: list[tuple[str, Qualifier]] = list(QUALIFIER_PATTERNS)
_ESTIMATE_AFTER_RE = re.compile(
    # not a conversion into another currency ("RD$1.9 billion (approximately $43 million)")
    r"\s*\((?!\s*(?:approximately|approx\.?|about|roughly|some|around|nearly|or)?\s*"
    r"(?:US\$|USD|\$|€|£|EUR)\s?\d)"
    r"[^()]{0,40}(?:\b(?:estimated?|estimates?|approximate(?:ly)?|approx)\b|\best\.)"
    r"[^()]{0,20}\)",
    re.I,
)
# The qualifier before a number, past a currency word ("an estimated USD $25 trillion").
_QUAL_RE = re.compile(
    r"(?<![\w-])(?:(" + ")|(".join(p for p, _ in _QUALIFIERS) + r"))\s+(?:(?-i:USD|US)\s*)?$",
    re.IGNORECASE,
)
#: Words that may stand between a change verb (and its "by") and the number without changing
#: what the number is: "rose by only 6", "grew by a further 12 percent".
LIMITERS = r"only|just|another|a\s+further|an\s+additional"
# What may stand before a level after "to": "to more than 35,000", "from 18 to about 30"
_TO_LEVEL_QUALIFIER = (
    r"(?:(?:more\s+than|over|about|nearly|some|almost|approximately|roughly|as\s+many\s+as"
    r"|up\s+to|at\s+least|under|below|fewer\s+than|less\s+than)\s+)?"
)
_CHANGE_VERBS: dict[str, Change] = CHANGE_VERBS
_CHANGE_NOUNS: dict[str, Change] = CHANGE_NOUNS
_CHANGE_WORD_RE = re.compile(
    r"\b(" + "|".join(sorted(_CHANGE_VERBS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# a comparative right after a figure, measured against an earlier or planned amount: the figure
# is a difference ("36 percent higher than in 2003", "$2.4 million below the FY 2016 level",
# "26 percent less than a year earlier", "one-tenth fewer than planned", "62 percent more than
# the 7.2 metric tons seized in 2019"); not one against another place, group or line ("higher
# than in Narino", "below the national poverty line", "above capacity")
_COMPARATIVE_AFTER_RE = re.compile(
    r"\s+(" + "|".join(COMPARATIVES) + r")\b"
    # (or the levels before it in its sentence: "fell from 212 in 2021 to 139 in 2023, roughly
    # one-third lower.")
    r"(?:(?=\s*[.;:)]|\s*$)|(?:\s+than)?\s+(?:(?:in|during|for)\s+)?(?:(?:the|its|their|a|an)\s+)?"
    r"(?:(?:(?:FY|CY|fiscal\s+year|calendar\s+year)\s?)?(?:19|20)\d\d\b"
    r"|(?:previous|prior|preceding|same|last|past)\s+(?:year|period|quarter|month|reporting)"
    r"|(?:(?:a|one|two|three|four|five|ten|\d+)\s+)?(?:decades?|years?|months?)\s+"
    r"(?:earlier|before|ago)\b"
    # a level of the program's own, not a line or an average ("the poverty level", "the
    # national level", "the minimum wage level")
    r"|(?:(?!poverty|national|regional|global|world|minimum|wage|average|legal|official)"
    r"[\w-]+\s+){0,2}?(?:baseline|level|estimate|target|request|plan|projection|budget)s?\b"
    r"|(?:planned|expected|projected|targeted|budgeted|estimated|requested|anticipated)\b"
    r"|(?:US\$|USD|\$)?\d))",
    re.IGNORECASE,
)
_CHANGE_AFTER_RE = re.compile(r"\s+(" + "|".join(_CHANGE_NOUNS) + r")\b(?!\s+than)", re.IGNORECASE)
_CHANGE_NOUN_BEFORE_RE = re.compile(
    r"\b(" + "|".join(_CHANGE_NOUNS) + r")\s+(?:of|by)\s+$", re.IGNORECASE
)
_VERB_BEFORE_RE = re.compile(
    r"\b(" + "|".join(sorted(_CHANGE_VERBS, key=len, reverse=True)) + r")\s+(?:by\s+)?"
    r"(?:(?:" + LIMITERS + r"|an\s+average\s+of|on\s+average)\s+)?$",
    re.IGNORECASE,
)
_UPDOWN_RE = re.compile(
    r"(?:[,;(]\s*|\b(?:is|was|are|were|now|been)\s+)(up|down)\s+$", re.IGNORECASE
)
