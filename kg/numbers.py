"""Parse the numbers fact sheets write: digits, number words, scale words and ranges.

>>> parse_number("5,171,250")
Decimal('5171250')
>>> parse_number("two dozen")
Decimal('24')
>>> scale("2.5", "million")
Decimal('2500000.0')
>>> singularize("prison officials")
'prison official'

Numbers written with more than :data:`MAX_DIGITS` digits are not figures (no fact sheet states
one; they are identifiers or noise): :func:`parse_number` refuses them, and the arithmetic on
the numbers it accepts is exact (:data:`EXACT`), so no input makes it raise.

>>> parse_number("9" * 40) is None
True
>>> scale("9" * 28, "trillion")
Decimal('9999999999999999999999999999000000000000')
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, InvalidOperation

#: The most digits a figure may be written with: Python's default decimal precision, so that
#: every accepted figure is held exactly by the rest of kg.
MAX_DIGITS = 28

#: A context wide enough to scale and round any accepted figure exactly (a 28-digit number
#: times a trillion has 40 digits); its errors raise rather than round silently.
EXACT = Context(prec=MAX_DIGITS + 24, traps=[InvalidOperation])

#: Cardinal number words (``one`` is left out on purpose: "one of" is not a figure).
NUMBER_WORDS: dict[str, int] = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "one hundred": 100,
    "a dozen": 12,
    "one dozen": 12,
    "a thousand": 1000,
    "one thousand": 1000,
}

#: Words that multiply the number before them.
SCALE_WORDS: dict[str, int] = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
}

_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

#: Regex source for a number written in words ("four", "twenty-five", "two dozen", "a dozen").
_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
# "one hundred eighty", "two hundred and twenty-five", "a hundred"
_HUNDREDS_RE = (
    r"(?:a|one|two|three|four|five|six|seven|eight|nine)\s+hundred(?:\s+(?:and\s+)?(?:"
    r"(?:" + "|".join(_TENS) + r")(?:[-\s](?:" + "|".join(_UNITS) + r"))?"
    r"|" + "|".join(_TEENS) + r"|" + "|".join(_UNITS) + r")(?![\w-]))?"
)
WORD_NUMBER_RE: str = (
    r"(?:" + _HUNDREDS_RE + r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten)\s+dozen"
    r"|(?:" + "|".join(_TENS) + r")[-\s](?:" + "|".join(_UNITS) + r")"
    r"|(?:a|one)\s+(?:hundred|thousand)"
    r"|" + "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True)) + r")"
)

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$|^\.\d+$")


def parse_number(raw: str) -> Decimal | None:
    """The value of a number written in digits or words, or ``None`` if it is not one.

    Digits may carry thousands separators and decimals ("1,150", "19.5"); words cover
    "four", "twenty-five", "a dozen", "two dozen", "a hundred". More than :data:`MAX_DIGITS`
    digits is not a figure: ``None``.
    """
    s = " ".join(raw.strip().lower().split())
    if not s:
        return None
    if _DIGITS.match(s):
        if sum(c.isdigit() for c in s) > MAX_DIGITS:
            return None
        try:
            return Decimal(s.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
            return None
    s = s.replace("-", " ")
    if s in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[s])
    parts = s.split()
    if len(parts) == 2 and parts[1] == "dozen":
        base = 1 if parts[0] in ("a", "one") else NUMBER_WORDS.get(parts[0])
        return Decimal(base * 12) if base else None
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
        return Decimal(NUMBER_WORDS[parts[0]] + _UNITS.index(parts[1]) + 1)
    if "hundred" in parts:
        return _hundreds(parts)
    return None


def _hundreds(parts: list[str]) -> Decimal | None:
    """ "one hundred eighty" (as words) -> 180; ``None`` unless it is such a number."""
    k = parts.index("hundred")
    if k != 1 or parts[0] not in ("a", *_UNITS):
        return None
    total = 100 * (1 if parts[0] == "a" else _UNITS.index(parts[0]) + 1)
    rest = [w for w in parts[2:] if w != "and"]
    if len(rest) > 2 or any(w not in NUMBER_WORDS or NUMBER_WORDS[w] >= 100 for w in rest):
        return None
    if len(rest) == 2 and not (rest[0] in _TENS and rest[1] in _UNITS):
        return None
    return Decimal(total + sum(NUMBER_WORDS[w] for w in rest))


def scale(number: str | Decimal, word: str | None) -> Decimal:
    """``number`` multiplied by a scale word ("million", "billion", "thousand"), if any.

    Exact for every number :func:`parse_number` accepts (computed in :data:`EXACT`).
    """
    value = number if isinstance(number, Decimal) else parse_number(number)
    if value is None:
        raise ValueError(f"not a number: {number!r}")
    if not word:
        return value
    # (a word broken at a line's end: "mil-" / "lion")
    factor = SCALE_WORDS.get(re.sub(r"[-\s]+", "", word).lower())
    return EXACT.multiply(value, Decimal(factor)) if factor else value


def plain(value: Decimal) -> Decimal:
    """``12400000.0`` -> ``12400000``: whole numbers without a decimal exponent (exact).

    >>> plain(Decimal("12400000.0")), plain(Decimal("2.50"))
    (Decimal('12400000'), Decimal('2.5'))
    """
    if value == value.to_integral_value(context=EXACT):
        return value.quantize(Decimal(1), context=EXACT)
    return value.normalize(context=EXACT)


_IRREGULAR: dict[str, str] = {
    "memoranda": "memorandum",
    "people": "person",
    "persons": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "police": "police",
    "personnel": "personnel",
    "staff": "staff",
    "series": "series",
    "species": "species",
    "analyses": "analysis",
    "crises": "crisis",
    "lives": "life",
    "knives": "knife",
    "wives": "wife",
    "thieves": "thief",
    "leaves": "leaf",
    "bases": "base",
    "cases": "case",
    "courses": "course",
    "houses": "house",
    "offices": "office",
    "vehicles": "vehicle",
    "aircraft": "aircraft",
    "data": "data",
    # nouns in -che, whose plural the "-ches" rule would cut to "-ch"
    "tranches": "tranche",
    "niches": "niche",
    "caches": "cache",
    "headaches": "headache",
    "avalanches": "avalanche",
}


def singularize_word(word: str) -> str:
    """The singular of one English noun (rule-based; good enough for counted nouns).

    >>> singularize_word("patches"), singularize_word("tranches"), singularize_word("Labs")
    ('patch', 'tranche', 'lab')
    """
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("men") and len(w) > 4:
        return w[:-3] + "man"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 2:
        return w[:-1]
    return w


def singularize(phrase: str) -> str:
    """A lower-cased noun phrase with its last word made singular ("prison officials")."""
    words = phrase.lower().split()
    if not words:
        return ""
    words[-1] = singularize_word(words[-1])
    return " ".join(words)


def is_plural(word: str) -> bool:
    """True when a noun looks plural ("officers", "people", "police")."""
    w = word.lower()
    if w in ("people", "persons", "police", "personnel", "staff", "children", "men", "women"):
        return True
    if w.endswith("men") and len(w) > 4:
        return True
    return len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous"))
