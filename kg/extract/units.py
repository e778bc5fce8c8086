"""Units: the words after a number that say what it measures (percent, kilograms, hectares,
dollars, years ...), and the unit keys they map to.
"""

from __future__ import annotations

import re

from kg.extract.lexicon import CURRENCY_PATTERNS, LOCAL_CURRENCY_PATTERNS, UNIT_PATTERNS
from kg.model import CURRENCY_KEYS

# the units, then the names of currencies ("27.9 million euros")
_UNIT_WORDS: list[tuple[str, str]] = [
    *UNIT_PATTERNS,
    *((p, c) for p, where, c in CURRENCY_PATTERNS if where == "after"),
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


#: A unit column of ``units.tsv`` that names a count of a noun ("count:percentage point"): a
#: word that no QUDT unit stands for, but that is never a count of anything else.
COUNT_OF = "count:"


def unit_and_counted(word: str) -> tuple[str, str | None]:
    """The unit key of a unit word and, for a count the lexicon names, what it counts.

    >>> unit_and_counted("kilograms"), unit_and_counted("percentage points")
    (('kilogram', None), ('count', 'percentage point'))
    """
    key = _unit_key(word)
    if key.startswith(COUNT_OF):
        return "count", key.removeprefix(COUNT_OF)
    return key, None


#: The unit key prefix of a currency sign several countries share ("local:rupee"), which
#: :func:`local_currency` resolves with the document's country.
LOCAL = "local:"
#: Counted nouns that name a currency several countries share ("peso", "rupee") -> families.
LOCAL_CURRENCY_NOUNS: dict[str, tuple[str, ...]] = {
    p: f for p, where, f in LOCAL_CURRENCY_PATTERNS if where == "after"
}

# A currency before an amount: the dollar signs, the signs and codes of other currencies
# ("€3.2 million", "RM 38.6 million", "EUR 27.9 million"); matched case-sensitively.
# ISO codes that are also English words written in capitals ("ALL 12 PROVINCES", "TOP 10"):
# not read as a currency before a number (they stay unit keys)
_WORD_CODES = frozenset({"all", "top", "cup", "mop", "try", "bob", "sos"})
_CURRENCY_SIGNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"US\$|\$|USD"), "usd"),
    *((re.compile(p), c) for p, where, c in CURRENCY_PATTERNS if where == "before"),
    # signs several currencies share: "local:" and their families, for the country to decide
    *(
        (re.compile(p), LOCAL + "|".join(f))
        for p, where, f in LOCAL_CURRENCY_PATTERNS
        if where == "before"
    ),
    (re.compile("|".join(sorted(c.upper() for c in CURRENCY_KEYS - _WORD_CODES))), ""),
]
CURRENCY_BEFORE = "|".join(f"(?-i:{rx.pattern})" for rx, _ in _CURRENCY_SIGNS)


def currency_key(sign: str) -> str:
    """The unit key of the currency a sign or code before an amount names.

    >>> currency_key("$"), currency_key("€"), currency_key("EUR "), currency_key("RM")
    ('usd', 'eur', 'eur', 'myr')
    """
    sign = sign.strip()
    for rx, key in _SIGNS_ONLY:
        if rx.fullmatch(sign):
            return key or sign.lower()
    return "usd"


def _sign_only(pattern: str) -> str:
    """A sign's pattern without the lookahead on the amount after it ("Q(?=...)": "Q"); a
    lookahead must end the pattern.

    >>> _sign_only("Q(?=[0-9])"), _sign_only("JD")
    ('Q', 'JD')
    """
    head, sep, _rest = pattern.partition("(?=")
    if sep and not pattern.endswith(")"):
        raise ValueError(f"currency sign {pattern!r}: a lookahead must end the pattern")
    return head


#: The signs as they are matched on their own, to name the currency of a sign found.
_SIGNS_ONLY: list[tuple[re.Pattern[str], str]] = [
    (re.compile(_sign_only(rx.pattern)), key) for rx, key in _CURRENCY_SIGNS
]


def local_currency(
    families: tuple[str, ...], country_currency: tuple[str, str] | None
) -> str | None:
    """The currency a shared sign or name stands for in a document: its country's currency
    (``(ISO code, name)``, as GeoNames gives it) when that currency is of one of ``families``;
    ``None`` otherwise.

    >>> local_currency(("rupee",), ("PKR", "Rupee")), local_currency(("peso",), ("PKR", "Rupee"))
    ('pkr', None)
    """
    if country_currency is None:
        return None
    code, name = country_currency
    words = set(name.casefold().split())
    if any(f in words for f in families) and code.lower() in CURRENCY_KEYS:
        return code.lower()
    return None
