"""What a figure measures: a ``kg:MeasuredProperties`` concept, read from the ontology.

The scheme (concepts, labels, broader concepts and the keywords kg looks for, as
``skos:hiddenLabel``) is defined once, in ``ontology/kg.ttl``; this module reads it and decides
which concept a figure measures from its unit, change and words. The rules' order lives here;
their lexicon lives with the concepts.

>>> from decimal import Decimal
>>> from kg.model import Measurement, Span
>>> quote = "seizing 19.5 MT of heroin"
>>> measured_property(Measurement(Span(0, 25, quote), Decimal("19.5"), "metric-ton"))
'seized-heroin'
>>> concept("seized-heroin").broader
'seized'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from kg.model import CURRENCY_KEYS, DocumentFacts, KgError, Measurement


@dataclass(frozen=True, slots=True)
class MeasuredProperty:
    """One concept of the measured-properties scheme."""

    notation: str
    iri: URIRef
    label: str
    broader: str | None
    keywords: tuple[str, ...]


@cache
def scheme() -> dict[str, MeasuredProperty]:
    """Every measured property of the ontology, by notation, in notation order."""
    from kg.namespaces import KG
    from kg.rdf import ontology_graph

    g = ontology_graph()
    notation_of = {
        c: str(g.value(c, SKOS.notation))
        for c in g.subjects(SKOS.inScheme, KG.MeasuredProperties)
        if (c, RDF.type, SKOS.Concept) in g
    }
    out: dict[str, MeasuredProperty] = {}
    for c, notation in sorted(notation_of.items(), key=lambda kv: kv[1]):
        assert isinstance(c, URIRef)
        broader = g.value(c, SKOS.broader)
        out[notation] = MeasuredProperty(
            notation=notation,
            iri=c,
            label=str(g.value(c, SKOS.prefLabel)),
            broader=notation_of.get(broader) if isinstance(broader, URIRef) else None,
            keywords=tuple(sorted(str(k) for k in g.objects(c, SKOS.hiddenLabel))),
        )
    return out


def concept(notation: str) -> MeasuredProperty:
    """The measured property with this notation.

    :raises KgError: if the scheme has no such concept.
    """
    try:
        return scheme()[notation]
    except KeyError:
        known = ", ".join(scheme())
        raise KgError(f"unknown measured property {notation!r}; expected one of: {known}") from None


@cache
def _pattern(notation: str) -> re.Pattern[str] | None:
    words = concept(notation).keywords
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![a-z0-9])(?:" + alternatives + r")", re.IGNORECASE)


def _says(notation: str, text: str) -> bool:
    pattern = _pattern(notation)
    return pattern is not None and pattern.search(text) is not None


def _narrowest(broader: str, text: str) -> str | None:
    """The first narrower concept of ``broader`` whose keywords occur in ``text``."""
    for c in scheme().values():
        if c.broader == broader and _says(c.notation, text):
            return c.notation
    return None


_MASS = frozenset({"metric-ton", "kilogram", "gram", "pound", "liter", "gallon"})
_AREA = frozenset({"hectare", "acre", "square-kilometer", "square-mile"})
_TIME = frozenset({"year", "month", "week", "day", "hour"})
_LENGTH = frozenset({"kilometer", "mile", "meter", "foot"})
_SEIZED = re.compile(r"(?<![a-z])(?:seiz|confiscat|interdict|captur)", re.IGNORECASE)
_COUNT_RULES = (
    "people-trained",
    "convictions",
    "arrests",
    "cases",
    "equipment-provided",
    "facilities-built",
    "population",
)


def measured_property(m: Measurement) -> str:
    """The notation of the concept a figure measures, from its unit, change and words
    (subject, counted noun and quote)."""
    text = " ".join(x for x in (m.subject, m.counted, m.span.quote) if x)
    if m.counted == "percentage point":
        return "share"  # a share's difference ("rose by 21 percentage points"), not relative
    if m.change is not None:
        return "relative-change"
    if m.unit in CURRENCY_KEYS:
        account = _narrowest("funding", text)
        if account is not None:
            return account
        return "funding" if _says("funding", text) else "monetary-value"
    seized = _SEIZED.search(text) is not None
    if seized and (m.unit in _MASS or m.unit == "count"):
        return _narrowest("seized", text) or "seized-drugs"
    if m.unit in _MASS:
        return "drug-production" if _says("drug-production", text) else "quantity"
    if m.unit in _AREA:
        for notation in ("eradicated-area", "cultivation-area"):
            if _says(notation, text):
                return notation
        return "area"
    if m.unit == "percent":
        return "share"
    if m.unit in _TIME:
        return "duration"
    if m.unit in _LENGTH:
        return "distance"
    if m.unit == "count":
        if m.counted and re.search(r"\bper\b", m.counted):
            return "share"  # a rate: "86 per 100,000 residents"
        for notation in _COUNT_RULES:
            if _says(notation, text):
                return notation
        return "count"
    return "quantity"


def is_fiscal_year(m: Measurement, text: str | None) -> bool:
    """Whether a figure's year is stated as a fiscal year ("FY 2019 - $350,000", "in fiscal year
    2019"): "FY" or "fiscal year" right before the year, in the quote or just before it."""
    if m.year is None:
        return False
    before = text[max(0, m.span.start - 60) : m.span.start] if text is not None else ""
    window = before + " " + m.span.quote
    yy = f"{m.year:04d}"
    return (
        re.search(r"\b(?:FY|[Ff]iscal\s+[Yy]ear)\s*'?(?:" + yy + "|" + yy[2:] + r")\b", window)
        is not None
    )


def classify_measurements(facts: DocumentFacts) -> None:
    """Complete every figure of ``facts`` that does not say: its measured property, and whether
    its year is a fiscal year (in place)."""
    text = facts.document.text
    facts.measurements = [
        replace(
            m,
            measured=m.measured or measured_property(m),
            fiscal=m.fiscal or is_fiscal_year(m, text),
        )
        for m in facts.measurements
    ]
