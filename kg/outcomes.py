"""Outcome links: which activity's result a figure reports, decided once and kept in the facts.

A figure stated in the same sentence as an activity ("INL-constructed border outposts ... have
reduced casualties by 35 percent") reports that activity's outcome. Extraction calls
:func:`link_outcomes` and records the link as :attr:`Measurement.outcome_of`; a curated facts
file records it too, so mapping to RDF only maps what the facts say.

>>> from kg.model import Activity, Document, DocumentFacts, Measurement, Span
>>> text = "INL training of judges led to 40 convictions. Crime fell."
>>> facts = DocumentFacts(Document(name="demo", text=text))
>>> facts.activities = [Activity("INL", "training of judges", span=Span.of(text, 4, 22))]
>>> facts.measurements = [Measurement(Span.of(text, 30, 44), Decimal(40), "count")]
>>> link_outcomes(facts)
>>> facts.measurements[0].outcome_of
'training of judges'
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from decimal import Decimal  # noqa: F401  (used by the doctest)

from kg.model import DocumentFacts


def link_outcomes(facts: DocumentFacts) -> None:
    """Set ``outcome_of`` on every figure stated with an activity (in place).

    The candidates are the activities stated in the figure's sentence, or whose span overlaps
    the figure's; when several are, those whose actor is the figure's credited agency are
    preferred; among them, the nearest mention before the figure, else the first after it.
    Figures that already name an activity keep it; an activity whose description is not unique
    cannot be named and is skipped.
    """
    counts = Counter(a.description for a in facts.activities)
    located = [
        (k, a.span)
        for k, a in enumerate(facts.activities)
        if a.span is not None and counts[a.description] == 1
    ]
    if not located:
        return
    text = facts.document.text
    starts: list[int] = []
    if text is not None:
        from kg.extract import sentences

        starts = [s for s, _ in sentences(text)]

    def sentence_of(offset: int) -> int | None:
        i = bisect_right(starts, offset) - 1
        return i if i >= 0 else None

    activity_sentence = {k: sentence_of(sp.start) for k, sp in located}
    out = []
    for m in facts.measurements:
        if m.outcome_of is not None:
            out.append(m)
            continue
        here = sentence_of(m.span.start) if starts else None
        candidates = [
            (k, sp)
            for k, sp in located
            if (here is not None and activity_sentence[k] == here) or sp.overlaps(m.span)
        ]
        agency = facts.organization(m.agency)
        credited = [
            (k, sp)
            for k, sp in candidates
            if agency is not None and facts.organization(facts.activities[k].actor) == agency
        ]
        pool = credited or candidates
        if not pool:
            out.append(m)
            continue
        before = [c for c in pool if c[1].start <= m.span.start]
        k, _ = max(before, key=lambda c: c[1].start) if before else pool[0]
        out.append(replace(m, outcome_of=facts.activities[k].description))
    facts.measurements = out
