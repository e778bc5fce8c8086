"""Decisions made once, before mapping: what facts files may leave unsaid and extraction decides.

Loading a facts file and extracting a document both end with :func:`complete_facts`, which fills
in what the facts do not say, so that every later stage (RDF mapping, validation, evaluation)
only reads the facts: what each figure measures and whether its year is a fiscal year
(:mod:`kg.properties`), each activity's type and sector, and the agency that runs the country
program. A curated facts file can state each of these itself, and then it is kept.

>>> from kg.model import Activity, Document, DocumentFacts, Organization, OrgKind
>>> facts = DocumentFacts(Document(name="demo", text="INL trained 40 judges."))
>>> facts.organizations = [Organization("INL", kind=OrgKind.US_GOVERNMENT)]
>>> facts.activities = [Activity("INL", "training of judges")]
>>> complete_facts(facts)
>>> facts.agency, facts.activities[0].activity_type.value
('INL', 'training')
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from kg.model import DocumentFacts, OrgKind
from kg.properties import classify_measurements


def program_agency(facts: DocumentFacts) -> str | None:
    """The agency that runs the document's country program: the U.S. government actor of most
    activities (two votes each) and most credited figures (one each), ties by name; else the
    first U.S. government organization named."""
    votes: Counter[str] = Counter()
    for a in facts.activities:
        org = facts.organization(a.actor)
        if org is not None and org.kind is OrgKind.US_GOVERNMENT:
            votes[org.name] += 2
    for m in facts.measurements:
        org = facts.organization(m.agency)
        if org is not None:
            votes[org.name] += 1
    if votes:
        return min(votes, key=lambda n: (-votes[n], n))
    return next((o.name for o in facts.organizations if o.kind is OrgKind.US_GOVERNMENT), None)


def complete_facts(facts: DocumentFacts) -> None:
    """Fill in, in place, what the facts leave unsaid (see the module docstring)."""
    from kg.extract import classify_activity

    classify_measurements(facts)
    activities = []
    for a in facts.activities:
        if a.activity_type is None or a.sector is None:
            kind, sector = classify_activity(a.description)
            a = replace(a, activity_type=a.activity_type or kind, sector=a.sector or sector)
        activities.append(a)
    facts.activities = activities
    if facts.agency is None:
        facts.agency = program_agency(facts)
