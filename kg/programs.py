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

import itertools
import re
from dataclasses import replace

from kg.extract.lexicon import HEADLINE_VERBS, KNOWN_ACRONYMS, KNOWN_NAMES, ORG_HEADS, table
from kg.extract.text import _POSSESSIVE, consistent_case
from kg.model import Activity, DocumentFacts, Organization, PlaceKind, Program, Span

#: Head nouns that make a name a program rather than an organization.
PROGRAM_HEADS = ("Program", "Programme", "Project", "Initiative")
#: Heads that make a program's name only when capitalized ("Coastal Security Partnership",
#: "Community Policing Pilot"); in lower case they are common nouns ("a strong partnership").
NAME_ONLY_HEADS = ("Partnership", "Pilot")

# (its head may take a complement: "Global Programme against Money Laundering", "Border
# Management Programme in Central Asia")
_HEAD_RE = re.compile(
    r"(?:" + "|".join(PROGRAM_HEADS + NAME_ONLY_HEADS) + r")"
    r"(?:\s+(?-i:against|for|in|on)\s+(?-i:[A-Z][\w’'-]*)(?:\s+(?-i:[A-Z][\w’'-]*|and|of|the))*"
    r"(?<![a-z]\sand)(?<!\sof)(?<!\sthe))?$",
    re.IGNORECASE,
)
# A run of capitalized words (with the small connectors names use) ending in a program head; the
# head may be lowercase ("Resident Legal Advisor program"). An acronym may follow in parentheses.
# Names never run across a line break (a heading line is not part of the name above it).
_CAP = r"[A-Z][\w’'&-]*"
_NAMED_RE = re.compile(
    r"(?<![\w-])((?:" + _CAP + r"[ \t]+(?:(?:of|for|and|the|on|in|to|against)[ \t]+){0,2}){1,9}"
    r"(?:"
    + "|".join(PROGRAM_HEADS + NAME_ONLY_HEADS)
    + r"|"
    + "|".join(h.lower() for h in PROGRAM_HEADS)
    + r"))"
    r"(?![\w-])(?:\s*\(\s*([A-Z][A-Za-z0-9&-]*[A-Z0-9])\s*\))?"
)
_ACRONYM_HEAD_RE = re.compile(
    r"(?<![\w-])((?:" + _CAP + r"[ \t]+(?:(?:of|for|and|the|on|in|to|against)[ \t]+){0,2}){1,9})"
    # (an initialism with stops too: "Drug Abuse Resistance Education (D.A.R.E.) program")
    r"\(\s*((?:[A-Z]\.){2,}|[A-Z][A-Za-z0-9&-]*[A-Z0-9])\s*\)[ \t]+"
    r"(program|programme|project|initiative)\b"
)
# "Operation Snowcap": a named operation is a program; not an organization's or a place's word
_OPERATION_RE = re.compile(
    r"(?<![\w-])(Operation\s+(?!(?:Center|Centre|Centers|Room|Unit|Units|Command|Base|Bases"
    r"|Support|Plan|Plans|Section|Division|Group|Team|Order|Orders)\b)"
    r"[A-Z][\w’'-]*(?:\s+(?!(?:Center|Centre|Unit|Command|Base|Section|Division|Group|Team)\b)"
    r"[A-Z][\w’'-]*){0,2})(?![\w-])"
)
# "Plan Colombia", "Plan Frontera Norte", "Plan Mérida": a plan named after a place or in the
# partner's language (not a heading's "Plan Overview" nor "Plan of Action")
_PLAN_RE = re.compile(
    r"(?<![\w-])(Plan\s+(?!(?:Overview|Summary|Objectives?|Goals?|Period|Year|Details|Area|Areas"
    r"|Implementation|Status|Progress|Budget|Targets?|Results?)\b)[A-ZÀ-Þ][\w’'-]*"
    r"(?:\s+(?:de\s+(?:la\s+)?)?[A-ZÀ-Þ][\w’'-]*){0,2})(?![\w-])"
)
# a capitalized word before "Operation" that makes it part of a name ("Joint Operation ..."),
# not a sentence's opening word ("Under Operation Snowcap, DEA ...")
_CAP_BEFORE_RE = re.compile(
    r"(?<![\w’'-])(?!(?:Under|Through|In|During|The|A|An|With|After|Since|Following|By|From"
    r"|Its|Their|Our|Via|As|And|Both|Each|Last|This)\s)[A-Z][\w’'-]*\s+$"
)
_HEAD_AND_RE = re.compile(
    r"\b(?:Program|Programme|Project|Initiative)(\s+and\s+(?:the\s+)?)(?=[A-Z])"
)
_LEADING_STOP = frozenset(
    {"The", "A", "An", "This", "That", "These", "Its", "Their", "Our", "Under", "Through", "Via"}
    | {"According", "What", "How"}
    | {"With", "Since", "In", "For", "From", "During", "As", "And", "By", "To", "At", "On", "Of"}
)
_LEADING_NOT_NAME_RE = re.compile(
    r"(?:GAO|OIG|AUD|ISP|SIGAR)-[\w-]+|Assessing|Evaluating|Reviewing|Auditing|Examining"
)
# A document's title before the program it is about: "Final Performance Evaluation of the"
_REVIEW_OF_RE = re.compile(
    r"\b(?:Evaluation|Review|Assessment|Audit|Report|Study|Analysis|Status)\s+of\s+(?:the\s+)?"
)
# A word that names a program's runner before the name: "INL's", "INL-backed"
_RUNNER_SUFFIX = (
    r"-(?:funded|backed|supported|sponsored|led|run|implemented|managed|administered|financed)"
)
_RUNNER_WORD_RE = re.compile(r"(?:[’']s|" + _RUNNER_SUFFIX + r")$")
# "INL provided $18.6 million to the", "INL funds the": the funder, in the mention's own clause
_FUNDER_BEFORE_RE = re.compile(
    r"(?:^|[.;:]\s+|,\s+)(?:[A-Z]\w*\s+){0,2}?([\w.&()-]+(?:\s+[\w.&()-]+){0,10}?)\s+"
    r"(?:has\s+|also\s+)*(?:provided|provides|funds|funded|supports|supported|launched|runs|leads)"
    r"\b(?:[^.;:]|\.(?=\d)){0,80}?\s+(?:to|for|in)\s+$"
)
# Verbs saying who runs or pays for a program, as a participle ("implemented by ORG") and as a
# finite verb ("ORG implements the X").
_RUN_PARTICIPLES = (
    r"(?:run|funded|led|managed|implemented|administered|operated|sponsored|supported|overseen"
    r"|coordinated|financed|conducted|delivered|launched|established|created)"
)
_RUN_VERBS = (
    r"(?:launched|launches|established|establishes|created|creates|implements|implemented"
    r"|administers|administered|manages|managed|runs|ran|operates|operated|sponsors|sponsored"
    r"|oversees|oversaw|leads|led|funds|funded|finances|financed|supports|supported"
    r"|coordinates|coordinated)"
)
# "X (ACR), a joint program of ORG", "X, run by ORG", "X, implemented by ORG",
# "X, which ORG manages", "X is administered by ORG", "X is an ORG-funded program"
_RUN_BY_AFTER_RE = re.compile(
    r"(?:\s*\([^)]{1,20}\))?(?:"
    r",\s+(?:(?:a|an)\s+(?:joint\s+)?(?:[\w-]+\s+)?"
    r"(?:program|programme|project|initiative)\s+(?:of|" + _RUN_PARTICIPLES + r"\s+by)"
    r"|(?:jointly\s+)?" + _RUN_PARTICIPLES + r"\s+by)"
    r"|\s+(?:is|was|are|were|has\s+been|had\s+been|will\s+be)\s+(?:\w+ly\s+)?"
    + _RUN_PARTICIPLES
    + r"\s+by"
    r")\s+(?:the\s+)?([^;.]{1,120})"
)
# "X, implemented by ORG", "X (ACR), run by ORG": the implementer, before any funder
# and a program's heading over its implementer's line: "CORRECTIONS REFORM PROGRAM\nImplementer:
# MINUSCA, with INL-funded advisors"
_IMPLEMENTED_BY_AFTER_RE = re.compile(
    r"(?:\s*\([^)]{1,20}\))?(?:(?:\s+program|\s+project|\s+programme)?,\s+(?:which\s+is\s+)?"
    r"(?:implemented|run|managed|administered|operated|carried\s+out)\s+by\s+"
    r"|[ \t]*\n[ \t]*(?:Implementer|Implementing\s+(?:partner|organization|agency)s?"
    r"|Implemented\s+by)[ \t]*:[ \t]*)"
    r"(?:the\s+)?([^;.,]{1,120})"
)
# "X, which ORG manages", "X, which is run by ORG" (the second is the participle form above)
_WHICH_AFTER_RE = re.compile(
    r"(?:\s*\([^)]{1,20}\))?,?\s+(?:which|that)\s+(?:the\s+)?([^;.,]{1,120}?)\s+"
    r"(?:has\s+|have\s+|also\s+|jointly\s+)*" + _RUN_VERBS + r"\b"
)
# The implementer of a relative clause naming funder and implementer: "X, which INL funds and
# the PFA implements"; "X, implemented through an agreement with the Department of Justice"
_WHICH_IMPLEMENTS_AFTER_RE = re.compile(
    r"(?:\s*\([^)]{1,20}\))?,?\s+(?:which|that)\s+[^;.,]{1,60}?\s+and\s+(?:the\s+)?"
    r"([^;.,]{1,80}?)\s+(?:implements|implemented|runs|ran|manages|managed|operates|operated)\b"
    r"|(?:\s*\([^)]{1,20}\))?,\s+(?:implemented|run|managed|carried\s+out)\s+(?:through|under"
    r"|via)\s+[^;.,]{1,60}?\bwith\s+(?:the\s+)?([^;.,]{1,80})"
)
# "ORG implements the INL-funded X": the implementer before a funder's word
_IMPLEMENTER_BEFORE_RE = re.compile(
    r"(?:^|[.;:]\s+|,\s+)(?:[A-Z]\w*\s+){0,2}?([\w.&()-]+(?:\s+[\w.&()-]+){0,10}?)\s+"
    r"(?:also\s+)?(?:implements|implemented|runs|ran|manages|managed|operates|operated)\s+"
    r"(?:the\s+)?[\w.&-]+" + _RUNNER_SUFFIX + r"\s+$"
)
# "X (AIRCOP) of the United Nations Office on Drugs and Crime": the owner after "of"
_OF_ORG_AFTER_RE = re.compile(r"(?:\s*\([^)]{1,20}\))?\s+of\s+(?:the\s+)?([^;.,]{1,120})")
# "X is an INL-funded program", "X, an INL program": the runner inside the predicate noun
_IS_A_AFTER_RE = re.compile(
    r"(?:\s*\([^)]{1,20}\))?(?:,|\s+(?:is|was|are|were))\s+(?:a|an)\s+((?:[\w.&,$-]+\s+){1,4}?)"
    r"(?:program|programme|project|initiative|effort|partnership)\b"
)
# "X, through which INL has invested", "X, under which INL will train": the relative clause's
# subject
_THROUGH_WHICH_AFTER_RE = re.compile(
    r"(?:\s*\([^)]{1,20}\))?,?\s+(?:through|under|with|by)\s+which\s+(?:the\s+)?"
    r"([^;.,]{1,80}?)\s+(?:has\s+|have\s+|had\s+|will\s+|also\s+|would\s+)*[a-z]{3,}\b"
)
# "INL's largest effort, the X", "our flagship program, the X": a possessive apposition
_EFFORT_BEFORE_RE = re.compile(
    r"([\w.&-]+)[’']s\s+(?:[\w-]+\s+){0,3}?(?:effort|program|programme|project|initiative"
    r"|undertaking|investment)s?,\s+$"
)
_RUNNER_BEFORE_RE = re.compile(
    r"([\w.&-]+(?:\s+[\w.&-]+){0,8}?)(?:[’']s|" + _RUNNER_SUFFIX + r")\s+$"
)
# "ORG implements the X", "In 2015 INL launched the X": the program is the verb's object
_VERB_BEFORE_RE = re.compile(
    r"(?:^|[.;:]\s+|,\s+)(?:[A-Z]\w*\s+\d{4},?\s+)?(?:[A-Z]\w*\s+){0,2}?"
    r"([\w.&()-]+(?:\s+[\w.&()-]+){0,10}?)\s+(?:has\s+|have\s+|also\s+|jointly\s+)*"
    + _RUN_VERBS
    + r"\s+(?:its\s+|their\s+)?$"
    # with an auxiliary: "INL will continue to fund the X", "INL plans to expand the X"
    r"|(?:^|[.;:]\s+|,\s+)(?:[A-Z]\w*\s+){0,2}?([\w.&()-]+(?:\s+[\w.&()-]+){0,10}?)\s+"
    r"(?:will|would|plans?\s+to|intends?\s+to|continues\s+to|will\s+continue\s+to)\s+"
    r"(?:fund|support|run|manage|implement|administer|expand|launch|sponsor|finance|lead)\s+"
    r"(?:its\s+|their\s+)?$"
)
# Later in the mention's sentence: who implements it first ("... effort funded by INL and
# implemented by FCS"), else who pays for it
_BY_IN_SENTENCE = tuple(
    re.compile(r"\b" + verbs + r"\s+by\s+(?:the\s+)?([^;,]{1,120})")
    for verbs in (
        r"(?:implemented|run|managed|administered|operated|conducted|delivered|carried\s+out)",
        r"(?:funded|financed|sponsored|supported)",
    )
)


def _descriptor_free(phrase: str) -> list[str]:
    """The words of a phrase naming an organization without leading lowercase descriptors
    ("the nonprofit Fundación ..." -> "Fundación ...")."""
    words = phrase.split()
    k = 0
    while k < min(3, len(words) - 1) and words[k][:1].islower():
        k += 1
    return words[k:]


# "INL has trained 1,500 professionals through the X": the clause's subject works through it
_SUBJECT_THROUGH_RE = re.compile(
    r"(?:^|[.;:]\s+|\n)(?:[A-Z]\w*\s+\w+,\s+)?((?:[A-Z][\w.&-]*\s+){0,8}?[A-Z][\w.&-]*)\s+"
    r"(?:has\s+|have\s+|had\s+|also\s+)*(?:[a-z]+ed|[a-z]{3,}s)\b[^.;:]{0,120}?\bthrough\s+$"
)
# "Through the X, ORG trained ...": the clause's subject after the fronted program
_THROUGH_BEFORE_RE = re.compile(r"(?:^|[.;:]\s+|\n)\s*(?:Through|Under|Via|With)\s+$")
_SUBJECT_AFTER_RE = re.compile(
    r"(?:\s*\([^)]{1,20}\))?"
    # past an aside: "Under the X, launched in mid-2019, INL trained ..."
    r"(?:,\s+(?:launched|begun|started|established|created|introduced)\b[^,;.]{1,40})?"
    r",\s+(?:the\s+)?([^;.,]{1,120})"
)


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
        if bare.isupper() and len(bare) <= 6 and bare in KNOWN_ACRONYMS:
            continue  # an agency's acronym ("INL", "USAID"; "PHARE" names no agency here)
        entry = lookup(bare)
        if entry is not None and entry.kind is PlaceKind.COUNTRY:
            continue
        out.append(w)
    return out


def _split_at_heads(name: str, acronym: str | None) -> list[tuple[str, str | None]]:
    """A run of words cut after each program head joined to the next name by "and (the)",
    each part with the acronym that follows it (the run's own, for its last part)."""
    parts: list[tuple[str, str | None]] = []
    at = 0
    for m in _HEAD_AND_RE.finditer(name):
        parts.append((name[at : m.start(1)], None))
        at = m.end(1)
    parts.append((name[at:], acronym))
    return [(p, a) for p, a in parts if p]


def is_program_name(name: str) -> bool:
    """Whether a name is a program's (it ends in program, project, initiative and the like),
    not a well-known organization's that happens to end so (ICITAP, "International Criminal
    Investigative Training Assistance Program", is a Department of Justice office; UNDP is a UN
    agency).

    >>> is_program_name("Justice Sector Reform Project"), is_program_name("Supreme Court")
    (True, False)
    >>> is_program_name("United Nations Development Programme")
    False
    >>> is_program_name("United Nations Development Program")  # in American spelling too
    False
    """
    name = name.strip()
    return bool(_HEAD_RE.search(name)) and _fold(name) not in _KNOWN_ORG_NAMES


def _fold(name: str) -> str:
    """A name compared without case and without the British spelling of "programme"."""
    return name.casefold().replace("programme", "program")


#: The full names (folded) of the well-known organizations of the lexicons.
_KNOWN_ORG_NAMES = frozenset(
    [_fold(full) for full, _kind in KNOWN_ACRONYMS.values()] + [_fold(name) for name in KNOWN_NAMES]
)


def _trim(name: str) -> str:
    """A matched name without what precedes the name itself: articles and prepositions that
    open a sentence ("Under the X"), and a runner named before it ("INL's X", "the INL-backed
    X"), which :func:`_runner` reads from the text before the mention instead."""
    name = _REVIEW_OF_RE.split(name)[-1]  # "Final Performance Evaluation of the X Project"
    words = name.split()
    while words and (
        words[0].title() in _LEADING_STOP
        or _RUNNER_WORD_RE.search(words[0])
        # a report's number or a title's verb before it: "GAO-11-482 Mérida Initiative",
        # "Assessing the Caribbean Basin Security Initiative"
        or _LEADING_NOT_NAME_RE.fullmatch(words[0])
    ):
        words.pop(0)
    # a runner of several words before the name: "Department of State's X Partnership"
    for k, w in enumerate(words[:-1]):
        if w.endswith(("'s", "’s")) and any(v in ORG_HEADS for v in words[:k]):
            return " ".join(words[k + 1 :])
    return " ".join(words)


def _without_country(name: str, text: str) -> str:
    """A name without its leading country word when the text also names the program without
    it ("the Moldova Probation and Corrections Reform Project" and "the Probation and
    Corrections Reform Project" are one program; "Tunisia Border Security Program" alone keeps
    its name)."""
    words = name.split()
    if len(words) > 3 and _is_country_word(words[0]):
        rest = " ".join(words[1:])
        if len(_word_spans(text, rest)) > len(_word_spans(text, name)):
            return rest
    return name


def _is_country_word(word: str) -> bool:
    """Whether a word is a country's name or demonym ("Moldova", "Moldovan")."""
    from kg.lexicon import DEMONYMS
    from kg.places import lookup

    entry = lookup(word)
    if entry is not None and entry.kind is PlaceKind.COUNTRY:
        return True
    return any(word in ds for ds in DEMONYMS.values())


def _enough_to_name(distinctive: list[str]) -> bool:
    """Whether a program name's distinctive words name one program: two or more, or one that
    is a named place below a country ("Mérida Initiative"; not "the INL Bangladesh program") or
    an acronym ("PHARE program")."""
    from kg.places import lookup

    if len(distinctive) >= 2:
        return True
    if len(distinctive) == 1:
        if _ACRONYM_WORD_RE.fullmatch(distinctive[0]) and len(distinctive[0]) >= 3:
            return True  # an acronym no organization of the text has: "PHARE program"
        entry = lookup(distinctive[0])
        return entry is not None and entry.kind is not PlaceKind.COUNTRY
    return False


_ACRONYM_WORD_RE = re.compile(r"[A-Z][A-Z0-9&-]*[A-Z0-9]")


def _runner_first(
    facts: DocumentFacts, name: str, known: set[str]
) -> tuple[str, str | None, tuple[Organization, ...]]:
    """A program's name without the organization named at its start, by its acronym or in the
    possessive ("UNODC Global Maritime Crime Programme", "European Union's Border Management
    Programme"; kept for organizations joined by a hyphen that run it together, "UNODC-WCO
    Container Control Programme"), the (first) organization's name, and the organizations the
    document names nowhere else (well-known ones, to be added); the name unchanged (and
    ``None``) when no organization opens it so, or when too little would be left to name a
    program."""
    words = name.split()
    for k in range(len(words) - 2, 0, -1):
        head = " ".join(words[:k])
        rest = words[k:]
        if not _enough_to_name(_distinctive(rest[:-1], known)):
            continue
        joined = _joined_runners(facts, head)
        if joined:
            # (the name keeps them, as it is written and known: "UNODC-WCO Container Control
            # Programme")
            new = tuple(o for o, is_new in joined if is_new)
            return name, joined[0][0].name, new
        owner = re.sub(r"[’']s$", "", head)
        if owner == head and not (k == 1 and _ACRONYM_WORD_RE.fullmatch(head)):
            continue  # "Nigeria Police Reform Project": words of the name, not its runner
        org = facts.organization(owner)
        added = None if org is not None else _known_organization(facts, owner)
        org = org or added
        if org is None or is_program_name(org.name):
            continue
        return " ".join(rest), org.name, (added,) if added is not None else ()
    return name, None, ()


def _joined_runners(facts: DocumentFacts, head: str) -> list[tuple[Organization, bool]]:
    """The organizations a hyphen joins at a program name's start ("UNODC-WCO",
    "UNODC-World Customs Organization"), each named by the document or well known (and then
    new: ``True``); empty unless every part is one."""
    if "-" not in head.split()[0]:
        return []
    first, second = head.split("-", 1)
    out: list[tuple[Organization, bool]] = []
    for part in (first, second):
        org = facts.organization(part)
        if org is not None and not is_program_name(org.name):
            out.append((org, False))
            continue
        acronym = part if part in KNOWN_ACRONYMS else _KNOWN_FULL.get(part)
        added = _known_organization(facts, acronym) if acronym else None
        if added is None:
            return []
        out.append((added, True))
    return out


#: Well-known organizations' acronyms by their full names.
_KNOWN_FULL = {full: acronym for acronym, (full, _kind) in KNOWN_ACRONYMS.items()}


def _known_organization(facts: DocumentFacts, acronym: str) -> Organization | None:
    """A well-known organization named only inside a program's name ("the UNODC Global SMART
    Programme"), for the document's organizations, so the program can name its runner."""
    known = KNOWN_ACRONYMS.get(acronym)
    if known is None:
        return None
    full, kind = known
    return Organization(
        name=full,
        aliases=(acronym,),
        kind=kind,
        mentions=tuple(_word_spans(facts.document.text or "", acronym)),
    )


def _names_a_body(words: str, acronym: str) -> bool:
    """Whether words before "(ACR) program" name an organization rather than a program's
    subject: a well-known acronym, or a name ending in an organization's head noun."""
    return acronym in KNOWN_ACRONYMS or words.split()[-1] in ORG_HEADS


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
    """The longest head of ``words`` that names an organization of the document; after a
    possessive, the office it owns ("the Department of State's Bureau of ... (INL)": INL)."""
    if len(words) > 1 and words[0] == "The":
        words = words[1:]  # "implemented by The Asia Foundation (TAF)"
    owner = next((k for k, w in enumerate(words[:-1]) if _POSSESSIVE.search(w)), None)
    if owner is not None:
        for k in range(len(words), owner + 1, -1):
            org = facts.organization(" ".join(words[owner + 1 : k]).strip(",;:"))
            if org is not None:
                return org.name
    for k in range(len(words), 0, -1):
        org = facts.organization(_POSSESSIVE.sub("", " ".join(words[:k]).strip(",;:")))
        if org is not None:
            return org.name
    return None


def _first_group(m: re.Match[str] | None) -> str | None:
    """The first group a match of a pattern with alternative groups filled, if any."""
    return next((g for g in m.groups() if g), None) if m is not None else None


def _runner(facts: DocumentFacts, text: str, mentions: tuple[Span, ...]) -> str | None:
    """The organization the text names as running or funding the program, next to a mention:
    "INL's X program", "the INL-funded X", "ORG provided $5 million to X", "ORG implements
    the X", "X, a joint program of ORG", "X, implemented by ORG", "X, which ORG manages",
    "X is an INL-funded program", "Through X, ORG trained ..."."""
    for span in mentions:
        before = text[max(0, span.start - 160) : span.start]
        before = re.sub(r"\b(?:the|a|an)\s+$", "", before, flags=re.IGNORECASE)
        after = text[span.end : span.end + 160]
        # who implements it, named right after it, runs it, whoever funds it ("INL funds the
        # X program, implemented by the Department of Health")
        found = _first_group(
            _IMPLEMENTED_BY_AFTER_RE.match(after) or _WHICH_IMPLEMENTS_AFTER_RE.match(after)
        )
        if found and (org := _org_at_start(facts, found.split())):
            return org
        for pattern in (
            _IMPLEMENTER_BEFORE_RE,
            _RUNNER_BEFORE_RE,
            _FUNDER_BEFORE_RE,
            _VERB_BEFORE_RE,
            _EFFORT_BEFORE_RE,
        ):
            found = _first_group(pattern.search(before))
            if found and (org := _org_at_end(facts, found.split())):
                return org
        m = _SUBJECT_THROUGH_RE.search(before)
        if m is not None and (org := _org_at_start(facts, m.group(1).split())):
            return org  # "INL has trained 1,500 professionals through the X"
        for pattern in (_RUN_BY_AFTER_RE, _WHICH_AFTER_RE):
            m = pattern.match(after)
            if m is not None and (org := _org_at_start(facts, m.group(1).split())):
                return org
        # the mention's own clause: not past ", and our advisors mentor ... prisons run by X"
        sentence = re.split(
            r"(?<=[a-z)])\.\s|[;\n]|,\s+(?:and|but|while|whereas)\s", after, maxsplit=1
        )[0]
        for pattern in _BY_IN_SENTENCE:
            m = pattern.search(sentence)
            if m is not None and (org := _org_at_start(facts, _descriptor_free(m.group(1)))):
                return org
        m = _IS_A_AFTER_RE.match(after)
        if m is not None:
            for word in m.group(1).split():
                named = facts.organization(_RUNNER_WORD_RE.sub("", word.strip(",")))
                if named is not None:
                    return named.name
        m = _THROUGH_WHICH_AFTER_RE.match(after)
        if m is not None and (org := _org_at_start(facts, m.group(1).split())):
            return org
        m = _SUBJECT_AFTER_RE.match(after) if _THROUGH_BEFORE_RE.search(before) else None
        if m is not None and (org := _org_at_start(facts, m.group(1).split())):
            return org
        m = _OF_ORG_AFTER_RE.match(after)
        if m is not None and (org := _org_at_start(facts, m.group(1).split())):
            return org
    for span in mentions:
        # the program named after the organization's acronym: "the UNODC-WCO Container Control
        # Programme" (the first of a joint program's), "the IOM Border Management Project"
        first = _LEADING_ACRONYM_RE.match(span.quote)
        if first is not None and (named := facts.organization(first.group(1))) is not None:
            return named.name
    return None


_LEADING_ACRONYM_RE = re.compile(r"(?:[Tt]he\s+)?([A-Z][A-Z&]+)(?=[-‐\s][A-Z])")


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
        n.casefold() for o in facts.organizations if not is_program_name(o.name) for n in o.names
    }
    # an organization's names -> the name they now refer to: its program's, or for a generic
    # mention ("the INL Bangladesh program") the organization named in it (INL), if any
    renamed: dict[str, str | None] = {}
    for org in facts.organizations:
        if is_program_name(org.name) and not _enough_to_name(
            _distinctive(org.name.split()[:-1], known_orgs)
        ):
            owner = _org_at_start(facts, org.name.split()[:-1])
            renamed.update({n.casefold(): owner for n in org.names})
            continue  # a generic mention ("the INL Bangladesh program") names no program
        name = _without_country(_trim(org.name), text)
        name, opener, new_orgs = _runner_first(facts, name, known_orgs)
        if is_program_name(org.name):
            renamed.update({n.casefold(): name for n in org.names})
        if is_program_name(org.name) and name.casefold() not in found:
            written = (org.name,) if opener is not None else ()  # "UNODC Global ... Programme"
            other = tuple(
                dict.fromkeys(
                    a for a in (*org.aliases, *written) if a.casefold() != name.casefold()
                )
            )
            names = (name, *other)
            mentions = (
                tuple(
                    sorted(
                        {sp for n in names for sp in _word_spans(text, n)},
                        key=lambda sp: (sp.start, sp.end),
                    )
                )
                or org.mentions
            )
            found[name.casefold()] = Program(
                name=name, aliases=other, run_by=opener, mentions=mentions
            )
            kept.extend(new_orgs)
        elif not is_program_name(org.name):
            kept.append(org)
    moved = {name for name in found} - {p.name.casefold() for p in facts.programs}
    facts.organizations = kept

    known = {n.casefold() for o in kept for n in o.names}
    # two names the pattern ran together: "the Mongolia Rule of Law Program and the Law
    # Enforcement Training Initiative"
    candidates = [
        (part, acronym)
        for m in _NAMED_RE.finditer(text)
        for part, acronym in _split_at_heads(m.group(1), m.group(2))
        if _HEAD_RE.search(part)
    ]
    for candidate, acronym in candidates:
        if any(w in HEADLINE_VERBS for w in candidate.split()):
            continue  # a headline: "State Should Align Its Police Advisory Program"
        as_written = _without_country(_trim(candidate), text)
        name = consistent_case(as_written)  # "CARIBBEAN BASIN SECURITY INITIATIVE" in a heading
        if name.casefold() in found or name.casefold() in known or not is_program_name(name):
            continue
        if not _enough_to_name(_distinctive(name.split()[:-1], known)):
            continue  # "INL Afghanistan program": a generic mention of an agency's work
        full = name
        name, opener, new_orgs = _runner_first(facts, name, known)
        if name.casefold() in found:
            continue
        for new_org in new_orgs:
            facts.organizations.append(new_org)
            known.update(n.casefold() for n in new_org.names)
        spans = _word_spans(text, name)
        if as_written != name:
            spans += _word_spans(text, as_written)
        aliases: tuple[str, ...] = (consistent_case(full),) if full != name else ()
        if acronym and acronym.casefold() not in known:
            aliases = (*aliases, acronym)
            spans += _word_spans(text, acronym)
        found[name.casefold()] = Program(
            name=name,
            aliases=aliases,
            run_by=opener,
            mentions=tuple(sorted(set(spans), key=lambda s: (s.start, s.end))),
        )

    # a named operation or plan: "Operation Snowcap", "Operation Channel", "Plan Colombia" (not
    # "Operation Center", nor an organization's "Joint Operation Command")
    for m in itertools.chain(_OPERATION_RE.finditer(text), _PLAN_RE.finditer(text)):
        name = m.group(1)
        before = text[max(0, m.start() - 30) : m.start()]
        if name.casefold() in found or name.casefold() in known or _CAP_BEFORE_RE.search(before):
            continue
        found[name.casefold()] = Program(
            name=name, mentions=tuple(_word_spans(text, name)) or (Span.of(text, *m.span(1)),)
        )
        moved.add(name.casefold())

    # an acronym between the name and a lowercase head: "the Resident Legal Advisor (RLA)
    # program"; the name without its head, found as an organization, was the program
    for m in _ACRONYM_HEAD_RE.finditer(text):
        words = _trim(m.group(1)).strip()
        name = f"{words} {m.group(3)}"
        if not words or name.casefold() in found or _names_a_body(words, m.group(2)):
            continue  # "the Bureau of ... Affairs (INL) program": the bureau's program
        if not _enough_to_name(_distinctive(words.split(), known - {words.casefold()})):
            continue
        found[name.casefold()] = Program(
            name=name, aliases=(m.group(2),), mentions=(Span.of(text, m.start(1), m.end()),)
        )
        moved.add(name.casefold())
        for org in [
            o for o in facts.organizations if words.casefold() in map(str.casefold, o.names)
        ]:
            facts.organizations.remove(org)
            renamed.update({n.casefold(): name for n in org.names})
    # a piece of a longer name, never written alone ("Community Safety Project" of "the Nigeria
    # Police Reform and Community Safety Project", when organization recognition split it)
    every = list(found.values())
    for key, p in list(found.items()):
        longer = [
            q
            for q in every
            if q is not p
            and q.name.casefold().endswith(" " + p.name.casefold())
            and p.mentions
            and all(
                any(m.start >= n.start and m.end <= n.end for n in q.mentions) for m in p.mentions
            )
        ]
        if longer:
            del found[key]
            renamed.update({n.casefold(): longer[0].name for n in p.names})
            moved.discard(key)
    programs = sorted(found.values(), key=lambda p: p.mentions[0].start if p.mentions else 0)
    lead = _page_owner(facts)
    facts.programs = [
        p
        if p.run_by
        else replace(
            p,
            run_by=_runner(facts, text, p.mentions) or _known_runner(facts, p) or _owned(p, lead),
        )
        for p in programs
    ]
    if not moved and not renamed:
        return

    def now(ref: str | None) -> str | None:
        """A reference under the name it now has (see ``renamed``)."""
        return renamed.get(ref.casefold(), ref) if ref else ref

    def runner_of(ref: str | None) -> str | None:
        program = facts.program(now(ref))
        return program.run_by if program is not None else now(ref)

    facts.activities = [
        replace(a, actor=now(a.actor) or a.actor, beneficiary=now(a.beneficiary))
        for a in facts.activities
    ]

    facts.measurements = [
        replace(m, agency=runner_of(m.agency), reported_by=runner_of(m.reported_by))
        for m in facts.measurements
    ]
    facts.activities = [_part_of_program(a, facts) for a in facts.activities]


# Names of what a host government or a multilateral body runs, not a bureau's project: "Operation
# Kingfisher", "National Master Plan on Drugs", "Penitentiary System Development Strategy".
# Nor the whole government's regional security initiatives ("Caribbean Basin Security
# Initiative", "Trans-Sahara Counterterrorism Partnership", "Mérida Initiative"), nor a
# "Programme", the spelling of the UN's and the EU's.
_NOT_OWNED_RE = re.compile(
    r"^(?:Operation|National)\b|\b(?:Plan|Strategy|Campaign|Policy|Programme)\b"
    r"|\b(?:Security|Counterterrorism|Counterdrug|Governance)\s+(?:Initiative|Partnership)\b"
    r"|\bM[ée]rida\b|\bRegional\b"
)


#: How far into a document its owner is named (characters): its title and first paragraphs.
_PAGE_HEAD = 1500


def _page_owner(facts: DocumentFacts) -> str | None:
    """The bureau whose page the document is (INL, when it names it), for programs it names
    without a runner; ``None`` for an INCSR chapter (the host country's account) or a document
    that does not name INL."""
    from kg.editions import document_genre

    if document_genre(facts.document) == "incsr-chapter":
        return None
    inl = facts.organization("INL")
    # INL's page names it at its head (title, dateline, first paragraph); a report that names
    # INL further down (a UNODC progress report thanking its donor) is someone else's
    if inl is None or not any(s.start < _PAGE_HEAD for s in inl.mentions):
        return None
    return inl.name


#: Well-known programs' runners, in order of preference, by program name (folded).
_KNOWN_RUNNERS = {
    _fold(program): tuple(r.strip() for r in runners.split(";"))
    for program, runners in table("known_programs", ("program", "runners"))
}


def _known_runner(facts: DocumentFacts, program: Program) -> str | None:
    """The runner the lexicon knows for a well-known program (the Mérida Initiative: INL), the
    first of its runners the document names; ``None`` when it knows none of them."""
    for name in program.names:
        folded = _fold(name)
        # the name itself, or with its runners written before it ("UNODC-WCO Container
        # Control Programme")
        runners = _KNOWN_RUNNERS.get(folded) or next(
            (r for known, r in _KNOWN_RUNNERS.items() if folded.endswith(" " + known)), ()
        )
        for runner in runners:
            org = facts.organization(runner)
            if org is not None:
                return org.name
    return None


def _owned(program: Program, owner: str | None) -> str | None:
    """The runner of a program the text names without one: the page's bureau (``owner``), as
    every gold writer reads a program on INL's own page; not a host country's operation, plan
    or strategy."""
    if owner is None or _NOT_OWNED_RE.search(program.name):
        return None
    return owner


def _part_of_program(a: Activity, facts: DocumentFacts) -> Activity:
    """An activity whose actor is a program belongs to that program."""
    program = facts.program(a.actor)
    if program is None or a.program:
        return a
    return replace(a, program=program.name)
