"""Named programs, projects and initiatives: told apart from organizations after extraction.

A fact sheet names programs the way it names organizations ("the Resident Legal Advisor
program", "the West Africa Coast Initiative (WACI)"), but a program is an endeavour, not an
organization. :func:`separate_programs` moves every extracted organization whose head noun is
*program*, *programme*, *project* or *initiative* into :attr:`DocumentFacts.programs`, finds
named programs that organization recognition did not see, and records who runs each one when the
text says so next to the name ("INL's Justice Sector Reform Project", "the INL-funded ...").

>>> from kg.model import Document
>>> text = "INL funds the Resident Legal Advisor program in Dhaka."
>>> facts = DocumentFacts(Document(name="demo", text=text))
>>> separate_programs(facts)
>>> [p.name for p in facts.programs]
['Resident Legal Advisor program']
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.model import Activity, DocumentFacts, Organization, PlaceKind, Program, Span

#: Head nouns that make a name a program rather than an organization.
PROGRAM_HEADS = ("Program", "Programme", "Project", "Initiative")

_HEAD_RE = re.compile(r"(?:" + "|".join(PROGRAM_HEADS) + r")$", re.IGNORECASE)
# A run of capitalized words (with the small connectors names use) ending in a program head; the
# head may be lowercase ("Resident Legal Advisor program"). An acronym may follow in parentheses.
# Names never run across a line break (a heading line is not part of the name above it).
_CAP = r"[A-Z][\w’'&-]*"
_NAMED_RE = re.compile(
    r"(?<![\w-])((?:" + _CAP + r"[ \t]+(?:(?:of|for|and|the|on|in|to|against)[ \t]+){0,2}){1,9}"
    r"(?:" + "|".join(PROGRAM_HEADS) + r"|" + "|".join(h.lower() for h in PROGRAM_HEADS) + r"))"
    r"(?![\w-])(?:\s*\(\s*([A-Z][A-Za-z0-9&-]*[A-Z0-9])\s*\))?"
)
_LEADING_STOP = frozenset({"The", "A", "An", "This", "That", "These", "Its", "Their", "Our"})
# "INL provided $18.6 million to the", "INL funds the": the funder, in the mention's own clause
_FUNDER_BEFORE_RE = re.compile(
    r"(?:^|[.;:]\s+|,\s+)(?:[A-Z]\w*\s+){0,2}?([\w.&()-]+(?:\s+[\w.&()-]+){0,10}?)\s+"
    r"(?:has\s+|also\s+)*(?:provided|provides|funds|funded|supports|supported|launched|runs|leads)"
    r"\b(?:[^.;:]|\.(?=\d)){0,80}?\s+(?:to|for|in)\s+$"
)
# "X (ACR), a joint program of ORG", "X, run by ORG", "X, funded by ORG"
_RUN_BY_AFTER_RE = re.compile(
    r"(?:\s*\([^)]{1,20}\))?,\s+(?:(?:a|an)\s+(?:joint\s+)?(?:[\w-]+\s+)?"
    r"(?:program|programme|project|initiative)\s+(?:of|run\s+by|funded\s+by|led\s+by)"
    r"|(?:run|funded|led|managed)\s+by)\s+(?:the\s+)?([^;.]{1,120})"
)
_RUNNER_BEFORE_RE = re.compile(r"([\w.&-]+(?:\s+[\w.&-]+){0,8}?)(?:[’']s|-funded|-supported)\s+$")


def _distinctive(words: list[str], known: set[str]) -> list[str]:
    """The capitalized words of a name that say which program it is: not an agency's name or
    acronym, a country or a demonym ("INL Bangladesh program" has none)."""
    from kg.lexicon import DEMONYMS
    from kg.places import lookup

    demonyms = {d.casefold() for ds in DEMONYMS.values() for d in ds}
    out = []
    for w in words:
        bare = re.sub(r"[’']s$", "", w)
        if not bare[:1].isupper() or bare.casefold() in known or bare.casefold() in demonyms:
            continue
        if bare.isupper() and len(bare) <= 6:
            continue  # an agency's acronym ("INL", "USAID")
        entry = lookup(bare)
        if entry is not None and entry.kind is PlaceKind.COUNTRY:
            continue
        out.append(w)
    return out


def _is_program_name(name: str) -> bool:
    return bool(_HEAD_RE.search(name.strip()))


def _trim(name: str) -> str:
    words = name.split()
    while words and words[0] in _LEADING_STOP:
        words.pop(0)
    return " ".join(words)


def _word_spans(text: str, name: str) -> list[Span]:
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
    return [Span(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def _org_at_end(facts: DocumentFacts, words: list[str]) -> str | None:
    """The longest tail of ``words`` that names an organization of the document."""
    for k in range(len(words)):
        org = facts.organization(" ".join(words[k:]).strip(",;:()"))
        if org is not None:
            return org.name
    return None


def _org_at_start(facts: DocumentFacts, words: list[str]) -> str | None:
    """The longest head of ``words`` that names an organization of the document."""
    for k in range(len(words), 0, -1):
        org = facts.organization(" ".join(words[:k]).strip(",;:"))
        if org is not None:
            return org.name
    return None


def _runner(facts: DocumentFacts, text: str, mentions: tuple[Span, ...]) -> str | None:
    """The organization the text names as running or funding the program, next to a mention:
    "INL's X program", "the INL-funded X", "ORG provided $5 million to X", "X, a joint program
    of ORG, ..."."""
    for span in mentions:
        before = text[max(0, span.start - 160) : span.start]
        before = re.sub(r"\b(?:the|a|an)\s+$", "", before)
        m = _RUNNER_BEFORE_RE.search(before)
        if m is not None and (org := _org_at_end(facts, m.group(1).split())):
            return org
        m = _FUNDER_BEFORE_RE.search(before)
        if m is not None and (org := _org_at_end(facts, m.group(1).split())):
            return org
        after = text[span.end : span.end + 160]
        m = _RUN_BY_AFTER_RE.match(after)
        if m is not None and (org := _org_at_start(facts, m.group(1).split())):
            return org
    return None


def separate_programs(facts: DocumentFacts) -> None:
    """Move named programs out of ``facts.organizations`` into ``facts.programs`` (in place).

    References to a moved organization stay valid: an activity's actor or beneficiary may name a
    program; a figure's reporter or credited agency may not, so those become the program's
    runner (or nothing, when the text does not say who runs it).
    """
    text = facts.document.text or ""
    found: dict[str, Program] = {p.name.casefold(): p for p in facts.programs}
    kept: list[Organization] = []
    known_orgs = {
        n.casefold() for o in facts.organizations if not _is_program_name(o.name) for n in o.names
    }
    for org in facts.organizations:
        if _is_program_name(org.name) and len(_distinctive(org.name.split()[:-1], known_orgs)) < 2:
            continue  # a generic mention ("the INL Bangladesh program") names no program
        if _is_program_name(org.name) and org.name.casefold() not in found:
            mentions = org.mentions or tuple(
                sorted(
                    {sp for n in org.names for sp in _word_spans(text, n)},
                    key=lambda sp: (sp.start, sp.end),
                )
            )
            found[org.name.casefold()] = Program(
                name=org.name, aliases=org.aliases, mentions=mentions
            )
        else:
            kept.append(org)
    moved = {name for name in found} - {p.name.casefold() for p in facts.programs}
    facts.organizations = kept

    known = {n.casefold() for o in kept for n in o.names}
    for m in _NAMED_RE.finditer(text):
        name = _trim(m.group(1))
        if name.casefold() in found or name.casefold() in known:
            continue
        if len(_distinctive(name.split()[:-1], known)) < 2:
            continue  # "INL Afghanistan program": a generic mention of an agency's work
        acronym = m.group(2)
        spans = _word_spans(text, name)
        aliases: tuple[str, ...] = ()
        if acronym and acronym.casefold() not in known:
            aliases = (acronym,)
            spans += _word_spans(text, acronym)
        found[name.casefold()] = Program(
            name=name,
            aliases=aliases,
            mentions=tuple(sorted(set(spans), key=lambda s: (s.start, s.end))),
        )

    programs = sorted(found.values(), key=lambda p: p.mentions[0].start if p.mentions else 0)
    facts.programs = [
        p if p.run_by else replace(p, run_by=_runner(facts, text, p.mentions)) for p in programs
    ]
    if not moved:
        return

    def runner_of(ref: str | None) -> str | None:
        program = facts.program(ref)
        return program.run_by if program is not None else ref

    facts.measurements = [
        replace(m, agency=runner_of(m.agency), reported_by=runner_of(m.reported_by))
        for m in facts.measurements
    ]
    facts.activities = [_part_of_program(a, facts) for a in facts.activities]


def _part_of_program(a: Activity, facts: DocumentFacts) -> Activity:
    """An activity whose actor is a program belongs to that program."""
    program = facts.program(a.actor)
    if program is None or a.program:
        return a
    return replace(a, program=program.name)
