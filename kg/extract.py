"""Rule-based extraction of program facts from a fact sheet's text.

:func:`extract` reads organizations, places, figures and activities from a
:class:`~kg.model.Document` with regular expressions and small lexicons (compiled once at
import): it is pure, deterministic and fast, with no network and no models. Every fact carries
the exact :class:`~kg.model.Span` it was read from.

>>> from kg.model import Document
>>> facts = extract(Document("demo", "INL has trained more than 100 judges."))
>>> m = facts.measurements[0]
>>> (m.value, m.unit, m.counted, m.qualifier.value, m.agency)
(Decimal('100'), 'count', 'judge', 'more-than', 'INL')
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import islice
from pathlib import Path

from kg.complete import complete_facts
from kg.documents import load_document
from kg.lexicon import (
    ARMED_GROUPS,
    DEMONYMS,
    FORCE_WORDS,
    KNOWN_ACRONYMS,
    KNOWN_NAMES,
    LEADING_STOPWORDS,
    NON_ORG_HEADS,
    NOT_ORG_ACRONYMS,
    ORG_HEADS,
    POLICY_HEADS,
    SECURITY_WORDS,
    TRAINING_WORDS,
)
from kg.model import (
    Activity,
    ActivityType,
    Change,
    Document,
    DocumentFacts,
    Measurement,
    Organization,
    OrgKind,
    Place,
    PlaceKind,
    Qualifier,
    Sector,
    Span,
)
from kg.numbers import (
    NUMBER_WORDS,
    WORD_NUMBER_RE,
    is_plural,
    parse_number,
    plain,
    scale,
    singularize_word,
)
from kg.outcomes import link_outcomes
from kg.places import (
    SUBDIVISION_SUFFIXES,
    GazetteerEntry,
    country_names,
    lookup,
    region_names,
    subdivision_names,
)
from kg.programs import separate_programs

__all__ = ["classify_activity", "extract", "extract_file", "sentences"]

# --------------------------------------------------------------------------------------------
# Sentences

_ABBREVIATIONS = frozenset(
    [
        "U.S.",
        "U.N.",
        "U.K.",
        "E.U.",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "No.",
        "Nos.",
        "St.",
        "Jr.",
        "Sr.",
        "Gen.",
        "Col.",
        "Lt.",
        "Sgt.",
        "Capt.",
        "Inc.",
        "Co.",
        "Corp.",
        "Ltd.",
        "vs.",
        "e.g.",
        "i.e.",
        "etc.",
        "approx.",
        "Jan.",
        "Feb.",
        "Mar.",
        "Apr.",
        "Jun.",
        "Jul.",
        "Aug.",
        "Sep.",
        "Sept.",
        "Oct.",
        "Nov.",
        "Dec.",
        "Vol.",
        "Art.",
        "Sec.",
        "Gov.",
        "Amb.",
        "Rep.",
        "Sen.",
        "Prof.",
    ]
)
_SENT_BREAK = re.compile(r"[.!?][\"”’)\]]*(?=\s)|\n")
#: The longest sentence read as one: longer runs of text without a sentence break (no real
#: sheet has one; the longest in the corpora is under 400 characters) are cut at white space,
#: so that the work done per sentence stays bounded and extraction stays linear in the text.
MAX_SENTENCE = 1_000


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets ``(start, end)`` of ``text``: lines, then sentence punctuation.

    Abbreviations such as "U.S." do not end a sentence; spans are trimmed of white space.
    """
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_BREAK.finditer(text):
        end = m.end()
        if m.group() != "\n":
            nxt = text[end : end + 3].lstrip()
            if nxt and not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in '•“"(-–*'):
                continue
            ws = text.rfind(" ", start, m.start())
            word = text[max(ws + 1, start) : m.start() + 1]
            if word in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)+", word):
                continue
        _push(text, start, end, out)
        start = end
    _push(text, start, len(text), out)
    return out


def _push(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        ws = max(text.rfind(" ", start + 1, cut), text.rfind("\t", start + 1, cut))
        cut = ws if ws > start else cut
        _push(text, start, cut, out)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))


def _line_starts(text: str) -> list[int]:
    """Offsets of the newlines of ``text``, for :func:`_line_start`."""
    return [m.start() for m in re.finditer("\n", text)]


def _line_start(newlines: list[int], pos: int) -> int:
    """The offset where the line holding ``pos`` starts (``text.rfind("\\n", 0, pos) + 1``)."""
    i = bisect_left(newlines, pos)
    return newlines[i - 1] + 1 if i else 0


class _SpanIndex:
    """Spans ``(start, end)`` sorted by start, for overlap and containment look-ups.

    A query looks only at spans starting within the longest span's length before it, so each
    costs the number of spans near it rather than the number in the document. Results are the
    indexes of the spans in the order they were given.
    """

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self.items = [(spans[i][0], spans[i][1], i) for i in order]
        self.starts = [it[0] for it in self.items]
        self.reach = max((e - s for s, e in spans), default=0)

    def _near(self, lo: int, hi_incl: int) -> list[tuple[int, int, int]]:
        return self.items[bisect_left(self.starts, lo) : bisect_right(self.starts, hi_incl)]

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indexes of the spans sharing a character with ``[start, end)``, in given order."""
        return sorted(i for _s, e, i in self._near(start - self.reach, end - 1) if start < e)

    def containing(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The spans ``(start, end, index)`` with ``s <= start`` and ``end <= e``."""
        return [it for it in self._near(end - self.reach, start) if it[1] >= end]

    def holds(self, pos: int) -> bool:
        """True when some span has ``s <= pos < e``."""
        return any(e > pos for _s, e, _i in self._near(pos - self.reach, pos))


# --------------------------------------------------------------------------------------------
# Tokens and capitalized runs

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_][\w&]*(?:[-‐'][^\W_][\w&]*)*(?:[’']s\b)?|[^\w\s]")
_NAME_POSSESSIVES = frozenset(
    [
        "General",
        "Attorney",
        "Prosecutor",
        "President",
        "People",
        "Ombudsman",
        "Children",
        "Women",
        "Workers",
        "Citizens",
        "Minister",
        "Solicitor",
        "Procurator",
    ]
)
_CONNECTORS = frozenset(
    {"of", "and", "for", "the", "on", "against", "de", "del", "la", "&", "in", "without"}
)
_POSSESSIVE = re.compile(r"[’']s$")


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def bare(self) -> str:
        return _POSSESSIVE.sub("", self.text)

    @property
    def possessive(self) -> bool:
        return bool(_POSSESSIVE.search(self.text))


def _is_cap(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word in ("U.S.", "U.N."))


def _runs(text: str, start: int, end: int) -> list[list[_Tok]]:
    """Runs of capitalized words (with connectors) in ``text[start:end]``."""
    runs: list[list[_Tok]] = []
    cur: list[_Tok] = []

    def close() -> None:
        while cur and cur[-1].text in _CONNECTORS:
            cur.pop()
        if cur:
            runs.append(list(cur))
        cur.clear()

    for m in _TOKEN.finditer(text, start, end):
        t = _Tok(m.group(), m.start(), m.end())
        if re.match(r"[A-Z][A-Z0-9]+-[a-z]", t.text):
            close()  # "INL-funded", "INL-constructed": a modifier, not part of a name
        elif _is_cap(t.text) and t.text[0].isalpha():
            cur.append(t)
            if t.possessive and t.bare not in _NAME_POSSESSIVES:
                close()
        elif t.text in _CONNECTORS and cur:
            cur.append(t)
        else:
            close()
    close()
    return runs


# --------------------------------------------------------------------------------------------
# Places

_COUNTRY_NAMES = sorted(
    {n for n in country_names() if n not in ("U.S.", "USA")} | set(region_names()),
    key=len,
    reverse=True,
)
_PLACE_RE = re.compile(
    r"(?=[A-Z])(?<![\w-])("
    + "|".join(re.escape(n) for n in _COUNTRY_NAMES)
    + r"|U\.S\.(?=\s+(?:and|or|to|in|on|at|with)\b|[,.;:)]|$))(?:[’']s)?(?![\w-])"
)
_SUFFIX_RE = "|".join(SUBDIVISION_SUFFIXES)


@lru_cache(maxsize=256)
def _subdivision_re(countries: frozenset[str]) -> re.Pattern[str] | None:
    names = sorted(
        {
            name
            for name, entries in subdivision_names().items()
            if any(e.country in countries for e in entries) and len(name) > 3 and name[0].isupper()
        },
        key=len,
        reverse=True,
    )
    if not names:
        return None
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(
        r"(?=[A-Z])(?<![\w-])((?:" + alt + r")(?:\s+(?:" + _SUFFIX_RE + r"))?)(?![\w-])"
    )


@dataclass(slots=True)
class _PlaceHit:
    name: str
    entry: GazetteerEntry
    span: Span


def _find_places(text: str, blocked: list[tuple[int, int]]) -> list[_PlaceHit]:
    hits: list[_PlaceHit] = []
    for m in _PLACE_RE.finditer(text):
        raw = m.group(1)
        entry = lookup(raw)
        if entry is None:
            continue
        name = entry.name if raw in ("U.S.",) else raw
        hits.append(_PlaceHit(name, entry, Span.of(text, m.start(1), m.end(1))))
    countries = frozenset(h.entry.country for h in hits if h.entry.country)
    sub_re = _subdivision_re(countries) if countries else None
    if sub_re is not None:
        # Country names do not overlap one another, and subdivision names found here do not
        # overlap earlier ones: the country hits alone can hold a subdivision's start.
        blocked_index = _SpanIndex(blocked)
        country_index = _SpanIndex([(h.span.start, h.span.end) for h in hits])
        for m in sub_re.finditer(text):
            if blocked_index.holds(m.start(1)) and not re.search(
                r"\s(?:" + _SUFFIX_RE + r")$", m.group(1)
            ):
                continue
            if country_index.holds(m.start(1)):
                continue
            entry = lookup(m.group(1), countries=countries)
            if entry is None or entry.kind == PlaceKind.COUNTRY:
                continue
            hits.append(_PlaceHit(m.group(1), entry, Span.of(text, m.start(1), m.end(1))))
    hits.sort(key=lambda h: h.span.start)
    return hits


# Named places the gazetteer lacks (cities, ports, airports, valleys), read from the phrase that
# locates something: "in Mixco", "at Kotoka International Airport", "the port of Callao",
# "in Gbarnga, Bong County", "San Pedro Sula".
_NAME_WORD = r"(?:[A-Z][a-zà-ÿ’'\-]+)"
_PLACE_NAME = (
    _NAME_WORD + r"(?:\s+(?:(?:de|del|la|el|do|da|dos|las|los)\s+)?" + _NAME_WORD + r"){0,3}"
)
_LOCATIVE_RE = re.compile(
    r"\b(?:(?:[Cc]ity|[Tt]own|[Pp]ort|[Vv]illage|[Mm]unicipality|[Cc]apital)\s+of\s+("
    + _PLACE_NAME
    + r")"
    r"|(?:in|at|near|outside|around)\s+(?:the\s+)?(" + _PLACE_NAME + r"))(?![\w-])"
)
# Endings of subject-matter and abstract nouns, which place names hardly have.
_SUBJECT_SUFFIXES = (
    "ing",
    "ship",
    "ment",
    "tion",
    "sion",
    "ics",
    "ques",
    "ogy",
    "ism",
    "ness",
    "ance",
    "ence",
    "crime",
    "ity",
    "ware",
    "quarters",
    "skills",
    "ations",
)
_PLACE_SUFFIX_WORDS = frozenset(
    {"City", "Airport", "Port", "Valley", "Corridor", "Crossing", "Municipality", "Township"}
)
# Capitalized words that open or fill a phrase after "in" without naming a place.
_NOT_PLACE_WORDS = frozenset(
    {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "English",
        "Spanish",
        "French",
        "Arabic",
        "Portuguese",
        "Russian",
        "Dari",
        "Pashto",
        "Urdu",
        "Phase",
        "Fiscal",
        "Congress",
        "Parliament",
        "Senate",
        "Basic",
        "Advanced",
        "Introduction",
        "Investigation",
        "Investigations",
        "Management",
        "Policing",
        "Law",
        "Laws",
        "Justice",
        "Rights",
        "Human",
        "Crime",
        "Crimes",
        "Scene",
        "Course",
        "Courses",
        "Training",
        "Criminal",
        "Forensic",
        "Forensics",
        "Anti",
        "Counter",
        "Drug",
        "Drugs",
        "Narcotics",
        "Combating",
        "Countering",
        "Support",
        "Addition",
        "Accordance",
        "Partnership",
        "Cooperation",
        "The",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
        "A",
        "An",
        "Round",
        "Section",
        "Article",
        "Chapter",
        "Annex",
        "Title",
        "Part",
        "Year",
        "Years",
        "Program",
        "Programs",
        "Project",
        "Projects",
        "Initiative",
        "Plan",
        "Strategy",
        "Agreement",
        "Memorandum",
        "Letter",
        "Resolution",
        "Act",
        "Code",
        "Decree",
        "Office",
        "Ministry",
        "Bureau",
        "State",
        "States",
        "Government",
        "Total",
        "All",
        "Community",
        "Trafficking",
        "Money",
        "Laundering",
        "Prison",
        "Prisons",
        "Corrections",
        "Border",
        "Maritime",
        "Customs",
        "Women",
        "Gender",
        "Health",
        "Treatment",
        "Prevention",
        "Demand",
        "Reduction",
        "Rule",
        "Order",
        "Security",
        "Police",
        "Judicial",
        "Prosecutors",
        "Judges",
        "Persons",
        "People",
        "Port",
        "Ports",
        "City",
        "Airport",
        "Valley",
    }
)


def _locative_places(
    text: str, blocked: list[tuple[int, int]], known: list[_PlaceHit], country: str | None
) -> list[_PlaceHit]:
    """Places named in a locating phrase that the gazetteer does not know (kind: city).

    A name is taken after "in"/"at"/"near" when none of its words is a common capitalized word
    (months, languages, training and policy words), it is not part of an organization's name or
    a known place, and it is not an acronym; "city of X"/"port of X" and names ending in "City",
    "Airport", "Valley" ... are taken wherever they stand.
    """
    blocked_index = _SpanIndex(blocked)
    known_index = _SpanIndex([(h.span.start, h.span.end) for h in known])
    code = country
    out: list[_PlaceHit] = []
    for m in _LOCATIVE_RE.finditer(text):
        g = 1 if m.group(1) else 2
        start, end = m.start(g), m.end(g)
        words = text[start:end].split()
        # a place-type word ends a name ("Kotoka International Airport") but is none alone
        inner = words[:-1] if len(words) > 1 and words[-1] in _PLACE_SUFFIX_WORDS else words
        if not words or any(
            w.strip("’'-") in _NOT_PLACE_WORDS or w.lower().endswith(_SUBJECT_SUFFIXES)
            for w in inner
        ):
            continue  # a subject or an event, not a place: "in Leadership", "in Operation X"
        if any(_is_head(w) for w in words) and words[-1] not in _PLACE_SUFFIX_WORDS:
            continue
        if any(w.rstrip("’'s") in _DEMONYM_TO_COUNTRY for w in words):
            continue
        if blocked_index.containing(start, end) or known_index.containing(start, end):
            continue
        if blocked_index.holds(start) or known_index.holds(start):
            continue
        name = _POSSESSIVE.sub("", text[start:end])
        known_entry = lookup(name)
        if known_entry is not None:
            if known_entry.kind == PlaceKind.COUNTRY or (code and known_entry.country != code):
                continue
            entry = known_entry  # a subdivision of the program's country, its country unnamed
        else:
            entry = GazetteerEntry(name, PlaceKind.CITY, None, code)
        out.append(_PlaceHit(name, entry, Span.of(text, start, start + len(name))))
    return out


# --------------------------------------------------------------------------------------------
# Organizations

_DEMONYM_TO_COUNTRY: dict[str, str] = {d: c for c, ds in DEMONYMS.items() for d in ds}
_DEMONYM_ALT = "|".join(sorted(map(re.escape, _DEMONYM_TO_COUNTRY), key=len, reverse=True))
_COUNTRY_ALT = "|".join(re.escape(n) for n in _COUNTRY_NAMES)
_GOV_OF_RE = re.compile(r"\b[Gg]overnment\s+of\s+((?:the\s+)?(?:" + _COUNTRY_ALT + r"))(?![\w-])")
_GOV_ADJ_RE = re.compile(
    r"(?=[A-Z])(?<![\w-])(?:(" + _DEMONYM_ALT + r")|(" + _COUNTRY_ALT + r")[’']s)\s+"
    r"(government|authorities|[Gg]overnment\b(?!\s+of\b))(?![\w-])"
)
_DEMONYM_GOV_RE = re.compile(r"(?:[A-Z][\w-]*\s+)?(" + _DEMONYM_ALT + r")\s+Government")
_US_DEPARTMENT_RE = re.compile(
    r"(?:the\s+)?(?:U\.S\.\s+)?Department\s+of\s+(?:State|Justice|Homeland\s+Security|Defense"
    r"|the\s+Treasury|Treasury|Agriculture|Labor|Commerce|Health\s+and\s+Human\s+Services)"
)
_HOST_GOV_RE = re.compile(
    r"(?<![\w-])(?:national|host[- ](?:nation|country|government))\s+authorities\b"
    r"|(?<![\w-])host[- ]government\b"
)
_US_GOV_RE = re.compile(r"(?<![\w-])(?:U\.\s?S\.|United States)\s+[Gg]overnment(?![\w-])")
_MILITARY_RE = re.compile(
    r"(?=[A-Zma])(?<![\w-])(?:("
    + _DEMONYM_ALT
    + r")\s+|(?<=\bthe\s))(military|armed forces|army)\b"
)
_ARMED_RE = re.compile(
    r"(?=[A-Za-z])(?<![\w-])(?:("
    + _DEMONYM_ALT
    + r")\s+)?("
    + "|".join(
        re.escape(g).replace("al\\-", "[Aa]l\\-", 1) if g.startswith("al-") else re.escape(g)
        for g in sorted(ARMED_GROUPS, key=len, reverse=True)
    )
    + r")(?![\w])"
)
_NAMED_GANG_RE = re.compile(
    r"(?<![\w-])((?:[A-Z][\w’'-]*\s+){1,3})(?:gang|cartel|clan|militia)\b(?![\w-])"
)
_GANG_CONTEXT_RE = re.compile(
    r"\b(?:gangs?|cartels?|criminal\s+(?:groups?|organizations?))\b", re.I
)
_SPANISH_NAME_RE = re.compile(r"(?<![\w-])(?:Los|Las)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?![\w-])")
_NUMBERED_UNIT_RE = re.compile(
    r"(?<![\w-])(?:[A-Z][a-z]+\s+){0,2}(?:Detachment|Battalion|Brigade|Squadron|Task\s+Force)"
    r"\s+\d{1,4}(?![\w-])"
)
_CONGRESS_RE = re.compile(
    r"(?<![\w-])(?:U\.\s?S\.\s+)?Congress"
    r"(?![\w-])(?!\s+(?:of|on|for)\b)"
)
_KNOWN_NAMES_RE = re.compile(
    r"(?=[A-Z])(?<![\w-])(?:"
    + "|".join(re.escape(n) for n in sorted(KNOWN_NAMES, key=len, reverse=True))
    + r")(?![\w-])"
)
_ACRONYM_RE = re.compile(r"(?<![\w\-.])([A-Z][A-Za-z]*[A-Z](?:-[A-Z0-9]+)?)(?:[’']s)?(?![\w])")
_ACRONYM_DEF_RE = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&\-]*[A-Z0-9]s?)\s*\)")
_US_MARKERS = re.compile(r"\bU\.S\.|\bUnited States\b")
_INTERNATIONAL = re.compile(
    r"\b(?:United Nations|UN|International Criminal Police|European|African Union|World|"
    r"Inter-American|Organization of|Association of|Community of|Interpol)\b"
)


@dataclass(slots=True)
class _OrgBuild:
    key: str
    names: list[str] = field(default_factory=list)
    kind: OrgKind = OrgKind.OTHER
    acronym: str | None = None
    canonical: str | None = None
    parent: str | None = None
    mentions: list[Span] = field(default_factory=list)
    seen_at: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, span: Span) -> None:
        name = _POSSESSIVE.sub("", " ".join(name.split()))
        if name and name.casefold() not in {n.casefold() for n in self.names}:
            self.names.append(name)
        if name:
            self.seen_at[name] = min(self.seen_at.get(name, span.start), span.start)
        self.mentions.append(span)

    @property
    def first(self) -> int:
        return min((s.start for s in self.mentions), default=0)

    def name(self) -> str:
        """The preferred name (what :meth:`final` gives, without sorting the mentions)."""
        full = [n for n in self.names if n != self.acronym]
        if self.canonical:
            return self.canonical
        if full:
            return max(
                full, key=lambda n: (len(n.split()), -self.seen_at.get(n, 1 << 60), -full.index(n))
            )
        return self.acronym or self.names[0]

    def final(self) -> Organization:
        name = self.name()
        aliases: list[str] = []
        for n in self.names:
            if n.casefold() != name.casefold() and n.casefold() not in map(str.casefold, aliases):
                aliases.append(n)
        if self.acronym and self.acronym not in aliases and self.acronym != name:
            aliases.append(self.acronym)
        spans = sorted(set(self.mentions), key=lambda s: (s.start, s.end))
        return Organization(name, tuple(aliases), self.kind, self.parent, tuple(spans))

    @property
    def short(self) -> str:
        """The name used for references: the acronym when there is one (as gold files do)."""
        return self.acronym or self.name()


def _is_head(tok: str) -> bool:
    base = _POSSESSIVE.sub("", tok)
    return base in ORG_HEADS or base.split("-")[0] in ORG_HEADS


_FACILITY_WORDS = frozenset(
    [
        "Precinct",
        "Precincts",
        "Station",
        "Stations",
        "Post",
        "Posts",
        "Outpost",
        "Outposts",
        "Building",
        "Buildings",
        "Headquarters",
        "Facility",
        "Facilities",
        "Compound",
        "Checkpoint",
        "Checkpoints",
        "Hub",
        "Hubs",
        "Substation",
        "Substations",
        "Prison",
        "Prisons",
        "Jail",
        "Jails",
        "Laboratory",
        "Laboratories",
        "Lab",
        "Labs",
    ]
)


def _org_from_run(run: list[_Tok], text: str, defined: bool = False) -> tuple[int, int] | None:
    """Indexes ``(i, j)`` (inclusive) of an organization name inside a capitalized run."""
    i = 0
    while i < len(run) and (run[i].text in LEADING_STOPWORDS or run[i].text in _CONNECTORS):
        i += 1
    toks = run[i:]
    if not toks:
        return None
    heads = [k for k, t in enumerate(toks) if _is_head(t.text)]
    if not heads:
        return None
    k = heads[0]
    if defined or (k + 2 < len(toks) and toks[k + 1].text in ("of", "for", "on", "against")):
        j = len(toks) - 1
    else:
        j = heads[-1]
        while j + 1 < len(toks) and re.fullmatch(r"[A-Z]|\d{1,3}|[IVX]{1,4}", toks[j + 1].text):
            j += 1
    while j > 0 and toks[j].text in _CONNECTORS:
        j -= 1
    if j == 0 and not toks[0].text.isupper():
        return None  # a lone head noun ("Police", "Program")
    if toks[j].bare in NON_ORG_HEADS:
        return None
    if j + 1 < len(toks) and toks[j + 1].bare in _FACILITY_WORDS:
        return None  # "Model Police Precincts", "Border Police Stations": places, not bodies
    return i, i + j


def _org_kind(name: str) -> OrgKind:
    known = next((k for n, k in KNOWN_NAMES.items() if name.startswith(n + " ")), None)
    if known is not None:
        return known  # "Colombo Plan Drug Advisory Programme"
    if _US_DEPARTMENT_RE.fullmatch(name):
        return OrgKind.US_GOVERNMENT  # "Department of Justice": a U.S. department in INL's text
    words = set(re.findall(r"[\w-]+", name))
    if words & TRAINING_WORDS:
        return OrgKind.TRAINING_INSTITUTION
    if _US_MARKERS.search(name) or name.endswith(" program") or name.endswith(" Program"):
        return OrgKind.US_GOVERNMENT
    if _INTERNATIONAL.search(name) or name.startswith("International "):
        return OrgKind.INTERNATIONAL
    if words & {"Cartel", "Front", "Clan", "Taliban", "Gang", "Militia", "Mujahideen", "Brigades"}:
        return OrgKind.ARMED_GROUP
    security = words & SECURITY_WORDS or {w.split("-")[0] for w in words} & SECURITY_WORDS
    if (
        words & {"Group", "Network", "Movement"}
        and not security
        and not words & {"Working", "Task", "Contact", "Advisory", "Coordination", "Donor"}
        and not any(w.startswith(("Anti", "Counter")) for w in words)
    ):
        return OrgKind.ARMED_GROUP  # "Abu Sayyaf Group", "Haqqani Network"
    if words & {"Group", "Unit", "Squad", "Team"} and any(
        w.startswith(("Anti", "Counter")) for w in words
    ):
        return OrgKind.SECURITY_FORCE  # "Anti-Kidnapping Group"
    if words & {"Ministry", "Government", "Court", "Courts", "Parliament", "Prosecutor"}:
        return OrgKind.PARTNER_GOVERNMENT
    if words & POLICY_HEADS and not words & FORCE_WORDS:
        return OrgKind.PARTNER_GOVERNMENT  # "National Commission for Drug Control"
    if words & SECURITY_WORDS or {w.split("-")[0] for w in words} & SECURITY_WORDS:
        return OrgKind.SECURITY_FORCE
    return OrgKind.PARTNER_GOVERNMENT


#: Known acronyms by their full name (case-folded): the first in the lexicon's order.
_ACRONYM_OF_FULL: dict[str, tuple[str, OrgKind]] = {}
for _acr, (_full, _kind) in KNOWN_ACRONYMS.items():
    _ACRONYM_OF_FULL.setdefault(_full.casefold(), (_acr, _kind))


class _Orgs:
    """Collects organization mentions and merges them into nodes."""

    def __init__(self) -> None:
        self.by_key: dict[str, _OrgBuild] = {}
        self.name_key: dict[str, str] = {}
        self.acronyms: dict[str, str | None] = {}  # acronym -> org key (None: not an org)

    def get(self, key: str, kind: OrgKind) -> _OrgBuild:
        if key not in self.by_key:
            self.by_key[key] = _OrgBuild(key, kind=kind)
        return self.by_key[key]

    def add_name(self, name: str, span: Span, kind: OrgKind | None = None) -> _OrgBuild:
        clean = _POSSESSIVE.sub("", " ".join(name.split()))
        key = self.name_key.get(clean.casefold())
        if key is None and clean.casefold() in _ACRONYM_OF_FULL:
            acr, _k = _ACRONYM_OF_FULL[clean.casefold()]
            key = "acr:" + acr
            org = self.get(key, _k)
            org.acronym = acr
            self.acronyms.setdefault(acr, key)
            self.name_key[acr.casefold()] = key
        if key is None:
            key = "name:" + clean.casefold()
        org = self.get(key, kind or _org_kind(clean))
        self.name_key[clean.casefold()] = key
        org.add(clean, span)
        return org

    def link_acronym(self, org: _OrgBuild, acr: str) -> None:
        key = self.acronyms.get(acr)
        if key is not None and key != org.key and key in self.by_key:
            other = self.by_key.pop(key)  # merge the acronym's earlier node into this one
            for n in other.names:
                if n.casefold() not in {x.casefold() for x in org.names}:
                    org.names.append(n)
                self.name_key[n.casefold()] = org.key
            org.mentions.extend(other.mentions)
            for n, at in other.seen_at.items():
                org.seen_at[n] = min(org.seen_at.get(n, at), at)
        if acr in KNOWN_ACRONYMS:
            org.kind = KNOWN_ACRONYMS[acr][1]
        org.acronym = acr
        self.acronyms[acr] = org.key
        self.name_key[acr.casefold()] = org.key

    def lookup(self, name: str | None) -> _OrgBuild | None:
        if not name:
            return None
        key = self.name_key.get(_POSSESSIVE.sub("", name).casefold())
        return self.by_key.get(key) if key else None


@dataclass(slots=True)
class _OrgMention:
    org: str  # key
    span: Span


def _find_orgs(
    text: str,
    sents: list[tuple[int, int]],
    places: list[_PlaceHit],
    country: str | None,
    newlines: list[int] | None = None,
) -> tuple[_Orgs, list[_OrgMention]]:
    if newlines is None:
        newlines = _line_starts(text)
    orgs = _Orgs()
    mentions: list[_OrgMention] = []
    place_names = {h.name for h in places}
    cap_names: list[tuple[str, Span, int]] = []  # name, span, run index for parents

    def mention(org: _OrgBuild, span: Span) -> None:
        mentions.append(_OrgMention(org.key, span))

    def gov(code_country: str, span: Span, alias: str | None, canonical: str | None) -> _OrgBuild:
        entry = lookup(code_country)
        code = entry.country if entry else code_country
        org = orgs.get("gov:" + (code or code_country), OrgKind.PARTNER_GOVERNMENT)
        if (
            canonical
            and (org.canonical is None or org.canonical.startswith("Government of "))
            and (not org.canonical or org.canonical in org.names or canonical in org.names)
        ):
            org.canonical = canonical
        if org.canonical is None:
            org.canonical = "Government of " + (
                code_country if code_country in place_names else entry.name if entry else ""
            )
        org.add(alias or canonical or org.canonical, span)
        mention(org, span)
        return org

    # Capitalized names with organization head nouns (and acronym definitions after them).
    for s, e in sents:
        for run in _runs(text, s, e):
            for part in _split_run(run, text):
                after = part[-1].end
                line_start = _line_start(newlines, part[0].start)
                if _COLON_RE.match(text, after, e) and not text[line_start : part[0].start].strip(
                    " \t•*-–·"
                ):
                    continue  # a heading ("Specialized Units: ...")
                ij = _org_from_run(part, text, _ACRONYM_DEF_RE.match(text, after) is not None)
                if ij is None:
                    d = _ACRONYM_DEF_RE.match(text, after)
                    if d and _initials_match(part, d.group(1)):
                        lo = 1 if part[0].text in LEADING_STOPWORDS else 0
                        sp = Span.of(text, part[lo].start, after)
                        kind = KNOWN_ACRONYMS.get(d.group(1), ("", None))[1]
                        org = orgs.add_name(sp.quote, sp, kind)
                        mention(org, sp)
                        orgs.link_acronym(org, d.group(1))
                        mention(org, Span.of(text, d.start(1), d.end(1)))
                        continue
                    nxt = _PROGRAM_AFTER_RE.match(text, after, e)
                    if len(part) >= 2 and nxt and all(_is_cap(t.text) for t in part):
                        lo = 1 if part[0].text in LEADING_STOPWORDS else 0
                        sp = Span.of(text, part[lo].start, nxt.end())
                        mention(orgs.add_name(sp.quote, sp, OrgKind.US_GOVERNMENT), sp)
                    d = _ACRONYM_DEF_RE.match(text, after)
                    if d and d.group(1) not in orgs.acronyms:
                        orgs.acronyms[d.group(1)] = None
                    continue
                i, j = ij
                sp = Span.of(text, part[i].start, part[j].end)
                name = _POSSESSIVE.sub("", sp.quote)
                if name in place_names or lookup(name) is not None:
                    continue
                if (
                    part[j].text in _GENERIC_HEADS
                    and _INDEFINITE_BEFORE_RE.search(text, max(s, sp.start - 8), sp.start)
                    and not _ACRONYM_DEF_RE.match(text, after)
                ):
                    continue  # a description, not a name: "a Community Policing Partnership Team"
                first_head = next(k for k in range(i, j + 1) if _is_head(part[k].text))
                if lookup(text[part[i].start : part[first_head].end]) is not None:
                    continue  # "Rajshahi Division of Bangladesh" is a place
                if part[j].text in SUBDIVISION_SUFFIXES and re.search(
                    r"\b[A-Z][\w’'-]+\s+(?:a|de|del|de\s+la|la|el|do|da|dos|das)\s+$",
                    text[max(s, sp.start - 40) : sp.start],
                ):
                    continue  # "Gracias a Dios Department": a place named with a connector
                gm = re.fullmatch(r"Government of (?:the )?(.+)", name)
                if gm and lookup(gm.group(1)) is not None:
                    continue  # handled by the government patterns below
                dm = _DEMONYM_GOV_RE.fullmatch(name)
                if dm:  # "Royal Thai Government": the government, under its own name
                    org = gov(
                        _DEMONYM_TO_COUNTRY[dm.group(1)],
                        Span.of(text, sp.start, sp.start + len(name)),
                        None,
                        name,
                    )
                    d = _ACRONYM_DEF_RE.match(text, part[j].end)
                    if d:
                        orgs.link_acronym(org, d.group(1))
                        mention(org, Span.of(text, d.start(1), d.end(1)))
                    continue
                gm = re.fullmatch(r"(?:[A-Z][\w-]*\s+)+Government of (?:the )?(.+)", name)
                if gm and lookup(gm.group(1)) is not None:
                    # "Royal Government of Cambodia": the government, under its fullest name
                    org = gov(
                        gm.group(1), Span.of(text, sp.start, sp.start + len(name)), None, name
                    )
                    d = _ACRONYM_DEF_RE.match(text, part[j].end)
                    if d:
                        orgs.link_acronym(org, d.group(1))
                        mention(org, Span.of(text, d.start(1), d.end(1)))
                    continue
                org = orgs.add_name(name, Span.of(text, sp.start, sp.start + len(name)))
                mention(org, Span.of(text, sp.start, sp.start + len(name)))
                cap_names.append((org.key, sp, sp.end))
                if j == len(part) - 1:
                    d = _ACRONYM_DEF_RE.match(text, part[j].end)
                    if d:
                        acr = d.group(1)
                        orgs.link_acronym(org, acr)
                        mention(org, Span.of(text, d.start(1), d.end(1)))

    # Parents: "The U.S. Department of State's Bureau of ...".
    first_at: dict[int, int] = {}  # start offset -> index of the first name there
    for idx, (_key, sp, _end) in enumerate(cap_names):
        first_at.setdefault(sp.start, idx)
    for key, sp, _end in cap_names:
        if sp.quote.endswith(("’s", "'s")):
            at = [first_at[p] for p in (sp.end + 1, sp.end + 2) if p in first_at]
            child = cap_names[min(at)][0] if at else None
            if child and child in orgs.by_key and key in orgs.by_key:
                orgs.by_key[child].parent = orgs.by_key[key].name()

    # Governments.
    for m in _GOV_OF_RE.finditer(text):
        sp = Span.of(text, m.start(), m.end())
        target = re.sub(r"^the\s+", "", m.group(1))
        canonical = "Government of " + m.group(1)
        gov(target, sp, None, canonical[0].upper() + canonical[1:])
    for m in _GOV_ADJ_RE.finditer(text):
        c = _DEMONYM_TO_COUNTRY[m.group(1)] if m.group(1) else m.group(2)
        sp = Span.of(text, m.start(), m.end())
        if lookup(c) is not None:
            gov(c, sp, _POSSESSIVE.sub("", sp.quote), None)
    if country:
        for m in _HOST_GOV_RE.finditer(text):  # "as reported by national authorities"
            sp = Span.of(text, m.start(), m.end())
            gov(country, sp, sp.quote, None)
    for m in _US_GOV_RE.finditer(text):
        sp = Span.of(text, m.start(), m.end())
        org = orgs.add_name("U.S. Government", sp, OrgKind.US_GOVERNMENT)
        mention(org, sp)

    # Militaries: "the military", "Burmese armed forces".
    for m in _MILITARY_RE.finditer(text):
        dem = m.group(1)
        c = _DEMONYM_TO_COUNTRY[dem] if dem else country
        if not c:
            continue
        adj = dem or (DEMONYMS.get(c) or (c,))[0]
        sp = Span.of(text, m.start(), m.end())
        org = orgs.get("mil:" + c, OrgKind.SECURITY_FORCE)
        org.canonical = org.canonical or f"{adj} {m.group(2)}"
        org.add(sp.quote, sp)
        mention(org, sp)

    # Armed groups ("Shining Path (Sendero Luminoso)": one group, two names). The mentions
    # added here do not overlap later matches, so the earlier ones are all that can.
    armed_index = _SpanIndex([(mm.span.start, mm.span.end) for mm in mentions])
    armed_before = list(mentions)
    for m in _ARMED_RE.finditer(text):
        sp = Span.of(text, m.start(), m.end())
        over = [
            armed_before[i]
            for i in armed_index.overlapping(sp.start, sp.end)
            if armed_before[i].org in orgs.by_key  # not of a node merged away since
        ]
        if over:
            # a name found by its head noun that the lexicon knows as an armed group
            known = orgs.by_key[over[0].org]
            known.kind = OrgKind.ARMED_GROUP
            if over[0].span.start >= sp.start and over[0].span.end <= sp.end and sp != over[0].span:
                known.canonical = sp.quote  # "People’s Army" is the "New People’s Army"
                known.add(sp.quote, sp)
                mention(known, sp)
            continue
        org = orgs.add_name(sp.quote, sp, OrgKind.ARMED_GROUP)
        org.kind = OrgKind.ARMED_GROUP
        mention(org, sp)
        alt = _ALT_NAME_RE.match(text, m.end())
        if alt and not _ACRONYM_DEF_RE.match(text, m.end()):
            name = alt.group(1).strip()
            asp = Span.of(text, alt.start(1), alt.start(1) + len(name))
            orgs.name_key.setdefault(name.casefold(), org.key)
            org.add(name, asp)

    # Named gangs and cartels with a lowercase head ("the Klansman gang"), Spanish-named gangs
    # in a sentence about gangs or cartels ("Los Choneros"), numbered units ("Detachment 88").
    # Names found here lie inside their sentence: only the earlier mentions and those of the
    # same sentence can overlap them.
    covered_index = _SpanIndex([(mm.span.start, mm.span.end) for mm in mentions])
    n_here = len(mentions)

    def covered(sp: Span) -> bool:
        return bool(covered_index.overlapping(sp.start, sp.end)) or any(
            mm.span.start < sp.end and sp.start < mm.span.end for mm in mentions[n_here:]
        )

    for s, e in sents:
        n_here = len(mentions)
        sentence = text[s:e]
        for m in _NAMED_GANG_RE.finditer(text, s, e):
            sp = Span.of(text, m.start(1), m.end())
            words = m.group(1).split()
            if (
                words[0] in LEADING_STOPWORDS
                or words[0] in _DEMONYM_TO_COUNTRY
                or covered(sp)
                or re.search(r"\d\w*[\s-]+$", text[max(s, m.start() - 12) : m.start()])
            ):
                continue  # "the 18th Street gang": a name we cannot delimit
            org = orgs.add_name(sp.quote, sp, OrgKind.ARMED_GROUP)
            mention(org, sp)
        if _GANG_CONTEXT_RE.search(sentence):
            for m in _SPANISH_NAME_RE.finditer(text, s, e):
                sp = Span.of(text, m.start(), m.end())
                if covered(sp) or lookup(sp.quote) is not None:
                    continue
                org = orgs.add_name(sp.quote, sp, OrgKind.ARMED_GROUP)
                mention(org, sp)
        for m in _NUMBERED_UNIT_RE.finditer(text, s, e):
            sp = Span.of(text, m.start(), m.end())
            if not covered(sp):
                mention(orgs.add_name(sp.quote, sp, OrgKind.SECURITY_FORCE), sp)

    # Well-known organizations without a head noun ("Colombo Plan"). The names added here do
    # not overlap one another: the earlier mentions are all that can hold one.
    known_index = _SpanIndex([(mm.span.start, mm.span.end) for mm in mentions])
    for m in _KNOWN_NAMES_RE.finditer(text):
        sp = Span.of(text, m.start(), m.end())
        if known_index.containing(sp.start, sp.end):
            continue
        org = orgs.add_name(sp.quote, sp, KNOWN_NAMES[m.group()])
        mention(org, sp)
    # "Congress" standing alone in a U.S. document is the U.S. Congress.
    for m in _CONGRESS_RE.finditer(text):
        sp = Span.of(text, m.start(), m.end())
        if known_index.containing(sp.start, sp.end) or re.search(
            r"[A-Z][\w’'-]*\s+$", text[max(0, sp.start - 30) : sp.start]
        ):
            continue  # "Peruvian Congress", "National Congress": the run is the name
        org = orgs.add_name(sp.quote, sp, OrgKind.US_GOVERNMENT)
        mention(org, sp)

    # Acronyms standing alone. Acronyms found here do not overlap one another, so the earlier
    # mentions are all that can hold one, and an organization can already have this span as a
    # mention only from before.
    acr_index = _SpanIndex([(mm.span.start, mm.span.end) for mm in mentions])
    bare_counts: dict[str, int] = {}
    bare_ok: dict[str, bool] = {}
    for m in _ACRONYM_RE.finditer(text):
        bare_counts[m.group(1)] = bare_counts.get(m.group(1), 0) + 1
    had: dict[str, set[Span]] = {k: set(o.mentions) for k, o in orgs.by_key.items()}
    for m in _ACRONYM_RE.finditer(text):
        acr = m.group(1)
        sp = Span.of(text, m.start(1), m.end(1))
        if any((a, b) != (sp.start, sp.end) for a, b, _i in acr_index.containing(sp.start, sp.end)):
            continue  # part of a longer name ("UN Security Council")
        akey: str | None = None  # set when the acronym's node is known from before
        if acr in orgs.acronyms:
            akey = orgs.acronyms[acr]
            if akey is None or akey not in orgs.by_key:
                continue
            org = orgs.by_key[akey]
        elif acr in KNOWN_ACRONYMS:
            full, kind = KNOWN_ACRONYMS[acr]
            org = orgs.add_name(full, sp, kind) if full != acr else orgs.add_name(acr, sp, kind)
            org.mentions.pop()
            org.names = [n for n in org.names if n != full or full == acr or n in text]
            orgs.link_acronym(org, acr)
            if full != acr and full not in org.names:
                org.canonical = org.canonical or full
            org.mentions.append(sp)
        elif _bare_acronym_org(text, acr, m.start(1), bare_counts, bare_ok):
            # an acronym used bare, never defined ("The KPS received 40 radios"): a name
            org = orgs.add_name(acr, sp, _org_kind(acr))
            org.mentions.pop()
            orgs.link_acronym(org, acr)
            org.mentions.append(sp)
        else:
            continue
        if akey is not None and sp not in had.get(org.key, ()):
            org.mentions.append(sp)
        mention(org, sp)

    # "Court E" after "Criminal Court E", "Border Guards" after "Tajik Border Guards": one node.
    # The first other node (in order) with a longer name ending in the same words takes it.
    # Nodes are looked up by a hash of each name's last words; a name given to a node here ends
    # with words it already had, so it makes no new match.
    remap: dict[str, str] = {}
    listed = list(orgs.by_key.items())
    by_tail: dict[tuple[int, int], list[int]] = {}
    for rank, (_key, other) in enumerate(listed):
        for n in other.names:
            h = 0
            for length, w in enumerate(reversed(n.split()[1:]), start=1):
                h = hash((w, h))
                by_tail.setdefault((length, h), []).append(rank)
    for key, org in listed:
        if not key.startswith("name:") or org.acronym or len(org.names) != 1:
            continue
        words = org.names[0].split()
        if len(words) < 2:
            continue
        h = 0
        for w in reversed(words):
            h = hash((w, h))
        for rank in sorted(set(by_tail.get((len(words), h), ()))):
            other = listed[rank][1]
            if other is org or other.key in remap or other.key not in orgs.by_key:
                continue
            if any(
                len(n.split()) > len(words) and n.split()[-len(words) :] == words
                for n in other.names
            ):
                other.add(org.names[0], org.mentions[0])
                other.mentions.extend(org.mentions[1:])
                remap[key] = other.key
                orgs.name_key[org.names[0].casefold()] = other.key
                del orgs.by_key[key]
                break
    for mm in mentions:
        mm.org = remap.get(mm.org, mm.org)
    mentions = [mm for mm in mentions if mm.org in orgs.by_key]
    mentions.sort(key=lambda mm: (mm.span.start, -mm.span.end))
    return orgs, mentions


# Heads of kinds of unit that a description in title case may name ("a Community Policing
# Partnership Team in each district"), and the determiners that make it one of a kind.
_GENERIC_HEADS = frozenset(
    {
        "Team",
        "Teams",
        "Unit",
        "Units",
        "Squad",
        "Squads",
        "Cell",
        "Cells",
        "Committee",
        "Committees",
    }
    | {"Center", "Centers", "Centre", "Centres", "Council", "Councils", "Board", "Boards"}
)
_INDEFINITE_BEFORE_RE = re.compile(r"\b(?:[Aa]n?|[Ee]ach|[Ee]very|[Oo]ne)\s+$")


_BARE_ACRONYM_RE = re.compile(r"[A-Z]{2,6}")
_THE_BEFORE_RE = re.compile(r"\b[Tt]he\s+$")


def _bare_acronym_org(
    text: str, acr: str, start: int, counts: dict[str, int], known: dict[str, bool]
) -> bool:
    """Whether an undefined acronym names an organization: all capitals, not a known non-name
    ("FY", "INCLE", "HIV") nor a place, used at least twice and here after "the" ("the KPS").
    ``known`` caches the answer that does not depend on the place in the text."""
    if acr not in known:
        known[acr] = (
            _BARE_ACRONYM_RE.fullmatch(acr) is not None
            and acr not in NOT_ORG_ACRONYMS
            and counts.get(acr, 0) >= 2
            and lookup(acr) is None
        )
    return known[acr] and _THE_BEFORE_RE.search(text, max(0, start - 5), start) is not None


def _initials_match(run: list[_Tok], acr: str) -> bool:
    """True when an acronym spells the run's capitalized words ("Mara Salvatrucha" MS-13)."""
    if run[-1].bare in NON_ORG_HEADS or len(run) < 2:
        return False
    if acr in KNOWN_ACRONYMS:
        return True
    letters = "".join(t.text[0] for t in run if t.text[0].isupper() and t.text not in ("The",))
    core = re.sub(r"[^A-Z]", "", acr)
    return (len(core) >= 2 and letters.startswith(core)) or core == letters


def _split_run(run: list[_Tok], text: str) -> list[list[_Tok]]:
    """Split a capitalized run into name candidates.

    "A Force and B Corps" gives two runs when both sides are named bodies; "Help the
    Government of X" drops the words before "the"; "in"/"without" stay inside a name only when
    an acronym definition follows the run ("United Nations Mission in Liberia (UNMIL)").
    """
    for k, t in enumerate(run):
        if t.text == "the" and k > 0 and run[k - 1].text == "and":
            return _split_run(run[: k - 1], text) + _split_run(run[k + 1 :], text)
        if t.text == "the" and k > 0 and run[k - 1].text not in _CONNECTORS:
            return _split_run(run[k + 1 :], text) if k + 1 < len(run) else []
    defined = _ACRONYM_DEF_RE.match(text, run[-1].end) is not None
    for k, t in enumerate(run):
        if t.text in ("in", "without") and not defined:
            return [x for x in _split_run(run[:k], text)] if k else []
    for k, t in enumerate(run):
        if t.text == "and" and 0 < k < len(run) - 1:
            left, right = run[:k], run[k + 1 :]
            if any(_is_head(x.text) for x in left) and any(_is_head(x.text) for x in right):
                return [x for x in _split_run(left, text)] + _split_run(right, text)
    while run and run[-1].text in _CONNECTORS:
        run = run[:-1]
    return [run] if run else []


# --------------------------------------------------------------------------------------------
# Figures

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(million|billion|thousand|trillion)\b)?"
_NUMBER_RE = re.compile(
    r"(?<![\w.,\-–—/*#])(?:(US\$|\$|USD\s?)\s?)?("
    + _NUM
    + r")(?:(?![\w])|(?=(?-i:K|M|bn)\b))"
    + r"(?:\s?(million|billion|thousand|trillion)\b|(?<=\d)((?-i:K|M|bn))\b)?"
    + r"|(?<![\w-])("
    + WORD_NUMBER_RE
    + r")(?![\w])"
    + _SCALE,
    re.IGNORECASE,
)
_UNIT_WORDS: list[tuple[str, str]] = [
    (r"percentage points?", "percent"),
    (r"per\s?cent", "percent"),
    (r"percent", "percent"),
    (r"%", "percent"),
    (r"metric\s+tonnes?|metric\s+tons?|MT\b|tonnes?|tons?", "metric-ton"),
    (r"kilograms?|kilos?|kgs?", "kilogram"),
    (r"grams?", "gram"),
    (r"pounds?|lbs?", "pound"),
    (r"hectares?|ha\b", "hectare"),
    (r"acres?", "acre"),
    (r"square\s+kilometers?|square\s+kilometres?|sq\.?\s?km|km2|km²", "square-kilometer"),
    (r"square\s+miles?|sq\.?\s?mi", "square-mile"),
    (r"kilometers?|kilometres?|km", "kilometer"),
    (r"miles?", "mile"),
    (r"meters?|metres?", "meter"),
    (r"liters?|litres?", "liter"),
    (r"gallons?", "gallon"),
    (r"years?", "year"),
    (r"months?", "month"),
    (r"weeks?", "week"),
    (r"days?", "day"),
    (r"hours?", "hour"),
    (r"dollars?|USD", "usd"),
]
_UNIT_RE = re.compile(
    r"(?:\s?-\s?|\s*)(?:(" + "|".join(f"(?:{p})" for p, _ in _UNIT_WORDS) + r"))(?![\w])"
)
_UNIT_KEYS = [(re.compile(f"(?:{p})$", re.IGNORECASE), k) for p, k in _UNIT_WORDS]
_RANGE_RE = re.compile(
    r"\s?(?:-|–|—|to)\s?(?:US\$|\$)?(" + _NUM + r")(?![\w])" + _SCALE, re.IGNORECASE
)
_BETWEEN_RANGE_RE = re.compile(r"\s+and\s+(?:\$)?(" + _NUM + r")(?![\w])" + _SCALE)
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
# Fractions and small proportions written in words are percent figures (one decimal place):
# "one-third of the prisons", "over half of", "three-quarters of", "one percent".
_FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
_FRACTION_WORDS.update({"fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10})
_FRACTION_WORDS.update({"tenths": 10})
_FRACTION_NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}
_FRACTION_RE = re.compile(
    r"(?<![\w-])(?:(?:(a(?=\s\w+\s+of\b)|(?<=\bby\s)a|one|two|three|four|nine)[-\s‐](half|thirds?|quarters?"
    r"|fourths?|fifths?|tenths?))(?=\s+of\b|\s+(?:the|all|its|their)\b|[\s,.;)])"
    r"|(half)(?=\s+(?:of\b|the\b|all\b|its\b|their\b))"
    r"|(one)\s+(?=per\s?cent\b|percent\b)"
    r"|(one|two|three)\s+(?:in|out\s+of)\s+(three|four|five|six|seven|eight|nine|ten|\d{1,3})\b)",
    re.IGNORECASE,
)
_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_SMALL_NUMBERS.update({"eight": 8, "nine": 9, "ten": 10})
# A time frame is not a figure: "in the past ten years", "over the last two years".
_TIME_FRAME_BEFORE_RE = re.compile(
    r"\b(?:in|over|during|for|within|throughout|across)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:past|last|previous|preceding|next|coming|following|first|recent|ensuing)\s+$",
    re.IGNORECASE,
)
_TIME_UNITS = frozenset({"year", "month", "week", "day", "hour"})
_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_DAY_BEFORE_RE = re.compile(r"(?:" + _MONTHS + r")\s+$")
_DAY_AFTER_RE = re.compile(r"\s+(?:" + _MONTHS + r")\b")
_YEAR_LABEL_BEFORE_RE = re.compile(
    r"(?:\bFY|\bfiscal\s+year|\bcalendar\s+year|\byear|\bthe|\bin|\bsince|\bfrom|\bto|\bby"
    r"|\buntil|\bthrough|\bof|\bduring|\bbetween|\band|\bbefore|\bafter|\bearly|\blate|\bmid"
    r"|\bas\s+of|[–—,(-])\s*$",
    re.IGNORECASE,
)
_IDENT_BEFORE_RE = re.compile(
    r"(?:\b(?:Section|Sections|Resolution|Resolutions|Article|Articles|No\.|Nos\.|Number|Law|"
    r"Decree|Chapter|Title|Phase|Tier|Level|Act|Code|Rule|Paragraph|Annex|Item|Page|Volume|Vol\."
    r"|Route|Highway|UNSCR|Flight|Room|Order|Bill|Case|Battalion|Brigade|Zone|Lot|Box|Grade|"
    r"Class|Category|Station|Precinct|Cohort|Batch|Round|Step|Stage|Version|Amendment|Platoon"
    r"|Company|Unit|Group|Team|District|Region|Sector|Area|Camp|Base|Detachment|Squadron"
    r"|Chapters|Articles|Paragraphs|Titles|Phases|Levels|Tiers|Pages|Items|Annexes)"
    r"|\b(?:section|resolution|article|paragraph|number|no\.)|#|№)\s*"
    r"(?:\d+[A-Za-z]?(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*&\s*))*$"
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
_MID = r"(?:(?:[Mm]id|[Ee]arly|[Ll]ate)[-‐\s]+)?"
_YEAR_AFTER_RE = re.compile(
    r"\b(?:in|during|for|by\s+the\s+end\s+of|at\s+the\s+end\s+of|as\s+of)\s+"
    r"(?:(?:the\s+)?(?:fiscal|calendar)\s+year\s+|FY\s?|CY\s?|(?:"
    + _MONTHS
    + r")\s+|"
    + _MID
    + r")?"
    r"((?:19|20)\d\d)\b(?!\s*[-–—]\s*\d|\s+(?:and|to|through)\s+(?:19|20)\d\d\b)",
)
_YEAR_SENT_RE = re.compile(
    r"(?:[•*\-–·]\s*)?(?:[A-Z][\w/ ]{0,40}:\s*)?"
    r"(?:In|During|For|Throughout|By(?:\s+the\s+end\s+of)?|At\s+the\s+end\s+of|As\s+of)\s+"
    r"(?:(?:the\s+)?(?:fiscal|calendar)\s+year\s+|FY\s?|CY\s?|(?:"
    + _MONTHS
    + r")\s+|"
    + _MID
    + r")?"
    r"((?:19|20)\d\d)\b(?!\s*[-–—]\s*\d)"
)
# A relative or contrasting clause after a figure speaks of something else ("..., where the new
# system takes effect in 2011").
_ASIDE_RE = re.compile(r";|,\s+(?:where|while|whereas|but|although|though)\b")
# A year that opens the clause holding the figure: "...; in 2011, 14 officers attended",
# "..., and in 2022 the armed forces eradicated more than 80 hectares".
_YEAR_CLAUSE_RE = re.compile(
    r"(?:^\s*|[;,]\s*|\band\s+)(?:in|during|by\s+the\s+end\s+of|as\s+of)\s+"
    r"(?:(?:"
    + _MONTHS
    + r")\s+)?((?:19|20)\d\d)\b(?!\s*[-–—]\s*\d|\s+(?:and|to|through)\s+(?:19|20)\d\d\b)"
    r"(?:\s+alone)?,?\s+(?![^;]*\bsince\b)",
    re.IGNORECASE,
)
_YEAR = r"((?:19|20)\d\d)"
_PERIOD_RE = re.compile(
    r"\b(?:between|from)\s+(?:(?:" + _MONTHS + r")\s+)?(?:" + _YEAR + r"\s+)?(?:and|to|through)\s+"
    r"(?:(?:" + _MONTHS + r")\s+)?" + _YEAR + r"\b"
)
_SAME_YEAR_RE = re.compile(r"\b(?:[Tt]hat|[Tt]he\s+same|[Tt]hat\s+same)\s+year\b")
_YEAR_DIGITS_RE = re.compile(r"(?=(?:19|20)\d\d)")
_ANY_YEAR_RE = re.compile(r"(?<![\w$,.])((?:19|20)\d\d)(?!\w|,\d)")
_IN_YEAR_RE = re.compile(r"\b(?:in|during)\s+(?:FY\s?|" + _MID + r")?" + _YEAR + r"\b")
# A year in the figure's own clause, after a sentence-opening year: "In 2009, the government
# reported that in 2008 it had destroyed 5,480 hectares" (2008).
_OWN_CLAUSE_YEAR_RE = re.compile(
    r"\b(?:that|which|when|who|and)\s+(?:[\w-]+\s+){0,3}?(?:in|during)\s+"
    r"(?:FY\s?|" + _MID + r"|(?:" + _MONTHS + r")\s+)?" + _YEAR + r"\b(?![^,;]*\b(?:that|which)\b)"
)
# A clause that speaks of the previous one's figure: "This represents ...", "..., at which time".
_CARRY_OPEN_RE = re.compile(
    r"\s*(?:This|That|It|These|Which)\s+(?:figure\s+|number\s+|amount\s+|total\s+)?"
    r"(?:represents|represented|is|was|marks|marked|amounts|amounted|equals|equaled|reflects"
    r"|reflected|constitutes|constituted)\b"
)
_AT_WHICH_TIME_RE = re.compile(r"\b(?:at\s+which\s+(?:time|point)|by\s+which\s+time)\b")
_YEAR_MODIFIER_RE = re.compile(r"\b[Tt]he\s+" + _YEAR + r"\s+(?!and\b|to\b)[a-z]")
_FY_LINE_RE = re.compile(r"(?:[•*\-–·]\s*)?(?:FY|Fiscal Year)\s?((?:19|20)\d\d)\b(?!\s*[-–—]\d)")
_STOP_AFTER = frozenset(
    [
        "of",
        "in",
        "to",
        "for",
        "from",
        "with",
        "by",
        "at",
        "on",
        "and",
        "or",
        "per",
        "who",
        "that",
        "which",
        "were",
        "was",
        "are",
        "is",
        "have",
        "has",
        "had",
        "will",
        "would",
        "the",
        "a",
        "an",
        "this",
        "these",
        "its",
        "their",
        "than",
        "as",
        "into",
        "across",
        "during",
        "since",
        "between",
        "among",
        "under",
        "over",
        "through",
        "via",
        "while",
        "where",
        "when",
        "each",
        "who",
        "whom",
        "whose",
        "be",
        "been",
        "being",
        "not",
        "also",
    ]
)
_PEOPLE_WORDS = frozenset(
    [
        "judge",
        "official",
        "police",
        "people",
        "person",
        "individual",
        "staff",
        "personnel",
        "cadet",
        "recruit",
        "student",
        "trainee",
        "participant",
        "member",
        "guard",
        "agent",
        "attorney",
        "lawyer",
        "victim",
        "child",
        "woman",
        "man",
        "youth",
        "citizen",
        "worker",
        "leader",
        "representative",
        "delegate",
        "expert",
        "specialist",
        "professional",
        "analyst",
        "technician",
        "inspector",
        "investigator",
        "prosecutor",
        "officer",
        "administrator",
        "magistrate",
        "clerk",
        "instructor",
        "trainer",
        "mentor",
        "defender",
        "advocate",
        "practitioner",
        "journalist",
        "teacher",
        "nurse",
        "doctor",
        "soldier",
        "commander",
        "detective",
        "warden",
        "jailer",
        "paralegal",
        "counselor",
        "stakeholder",
        "responder",
    ]
)
_ADJECTIVES = frozenset(
    [
        "pretrial",
        "existing",
        "current",
        "dedicated",
        "suspected",
        "alleged",
        "convicted",
        "violent",
        "dangerous",
        "vulnerable",
        "unaccompanied",
        "experienced",
        "skilled",
        "highly",
        "better",
        "best",
        "new",
        "additional",
        "more",
        "other",
        "several",
        "different",
        "key",
        "local",
        "senior",
        "junior",
        "specialized",
        "trained",
        "qualified",
        "female",
        "male",
        "young",
        "total",
        "separate",
        "major",
        "small",
        "large",
        "modern",
        "various",
        "many",
        "few",
        "some",
        "numerous",
        "certain",
        "approximately",
        "vetted",
        "selected",
        "newly",
        "former",
        "clandestine",
        "illegal",
        "illicit",
        "active",
        "poor",
        "remote",
        "rapid",
        "elite",
        "special",
        "main",
        "major",
        "minor",
        "high",
        "low",
        "old",
        "young",
        "full",
        "front",
    ]
)
_NOUN_MODIFIERS = frozenset(
    [
        "trafficking",
        "smuggling",
        "screening",
        "sentencing",
        "policing",
        "processing",
        "counseling",
        "housing",
        "police",
        "border",
        "prison",
        "treatment",
        "canine",
        "court",
        "drug",
        "law",
        "enforcement",
        "customs",
        "training",
        "patrol",
        "security",
        "detention",
        "rehabilitation",
        "community",
        "justice",
        "crime",
        "case",
        "vehicle",
        "checkpoint",
        "precinct",
        "school",
        "health",
        "juvenile",
        "passport",
        "immigration",
        "port",
        "airport",
        "coast",
        "forensic",
        "forensics",
        "evidence",
        "investigation",
        "intelligence",
        "narcotics",
        "cocaine",
        "heroin",
        "opium",
        "poppy",
        "coca",
        "money",
        "wildlife",
        "crop",
        "field",
        "station",
        "service",
        "courtroom",
        "corrections",
        "correction",
        "defense",
        "prosecution",
        "victim",
        "witness",
        "gang",
        "youth",
        "women",
        "child",
        "family",
    ]
)
_REPORT_BEFORE_RE = re.compile(
    r"\b(?:as\s+reported\s+by|reported\s+by|according\s+to|as\s+estimated\s+by|estimated\s+by"
    r"|as\s+documented\s+by|(?:data|figures|statistics|estimates|numbers|reports?|surveys?"
    r"|information|records)\s+(?:from|by|of|published\s+by|compiled\s+by|released\s+by)"
    r"|as\s+recorded\s+by|as\s+confirmed\s+by|cited\s+by|published\s+by|released\s+by)"
    r"\s+(?:the\s+|a\s+|an\s+|its\s+)?$",
    re.IGNORECASE,
)
_REPORT_AFTER_RE = re.compile(
    r"(?:\s*\([^)]{1,20}\))?\)?(?:[’']s)?"
    # the name may head a noun phrase: "the annual UNODC opium survey estimates", "a UN report"
    r"(?:\s+(?:[a-z][\w-]*\s+){0,2}(?:reports?|surveys?|data|statistics|study|studies"
    r"|assessments?|estimates|figures|monitoring|analysis|census|records|findings|review)\b)?"
    r"(?:\s*,)?\s+(?:has\s+|have\s+|had\s+|also\s+)?(?:reported|reports|estimated|estimates"
    r"|announced|recorded|documented|confirmed|stated|noted|indicated|indicates|shows?|showed"
    r"|found|finds|counted|registered|puts|put|says|said)\b"
)
# What stands between a reporting phrase and the reporter's name: "according to a May 2018 UN
# report", "data from the annual", "according to Colombia's".
_REPORTER_MODIFIERS_RE = re.compile(
    r"(?:(?:[A-Z][\w\-]*[’']s|[A-Z][a-z]+|(?:19|20)\d\d|annual|latest|recent|most|new|official"
    r"|final|preliminary|joint|biannual|monthly|quarterly|yearly|(?:" + _MONTHS + r"))\s+)+$"
)
_FUNDING_WORDS = re.compile(
    r"\b(?:fund(?:s|ed|ing)?|budget|allocat\w+|provid\w+|obligat\w+|request\w*|INCLE|ESF"
    r"|assistance|grant\w*|invest\w+|award\w*)\b|\bFY\s?\d",
    re.IGNORECASE,
)
_CREDIT_RE_TEMPLATE = (
    r"(?:(?i:with\s+(?:the\s+)?(?:support|help|assistance|funding|mentoring|training|backing"
    r"|equipment|guidance)\s+(?:of|from)\s+(?:the\s+)?){n}"
    r"|(?i:with\s+){n}\s+(?:support|assistance|funding|help|mentoring|training)"
    r"|{n}[’']s\b|{n}-[a-z]+ed\b|{n}\)?\s+(?:has\s+|have\s+|had\s+|also\s+|is\s+"
    r"|continues\s+to\s+)?\w+)"
)
_COLON_RE = re.compile(r"\s*:")
_PROGRAM_AFTER_RE = re.compile(r"\s+program\b")
_ALT_NAME_RE = re.compile(r"\s*\(([A-Z][\w’' -]{1,40})\)")
_CONTEXT_FIGURE_RE = re.compile(r"\s*(?:long\s+)?(?:border|coastline|coast|frontier|shoreline)\b")


@dataclass(slots=True)
class _Fig:
    span: Span
    num_start: int
    num_end: int
    value: Decimal
    unit: str
    counted: str | None = None
    value_max: Decimal | None = None
    qualifier: Qualifier = Qualifier.EXACT
    change: Change | None = None
    subject: str | None = None
    year: int | None = None  # a budget table's column year (fiscal)


def _unit_key(word: str) -> str:
    for rx, key in _UNIT_KEYS:
        if rx.match(word):
            return key
    return "count"


def _plain(value: Decimal) -> Decimal:
    """``12400000.0`` -> ``12400000``: whole numbers without a decimal exponent (exact)."""
    return plain(value)


def _is_year_like(raw: str, value: Decimal) -> bool:
    return re.fullmatch(r"\d{4}", raw) is not None and 1900 <= value <= 2100


def _identifiers(text: str) -> set[str]:
    """Numbers the text uses as labels ("Section 1207", "(1207**)")."""
    out = {
        m.group(1)
        for m in re.finditer(
            r"\b(?:Section|Resolution|Article|Law|Decree|Chapter|Title)\s+(\d+)\b", text
        )
    }
    out |= {m.group(1) for m in re.finditer(r"\*+\s*(\d+)\s*:|\((\d+)\*+\)", text) if m.group(1)}
    out |= {m.group(2) for m in re.finditer(r"\*+\s*(\d+)\s*:|\((\d+)\*+\)", text) if m.group(2)}
    return out


_INVARIANT = frozenset(
    {"police", "personnel", "staff", "aircraft", "livestock", "cattle", "youth", "offspring"}
)
_DEMONYM_PLURALS = frozenset(d + "s" for ds in DEMONYMS.values() for d in ds if not d.endswith("s"))


def _adjectival(word: str) -> bool:
    """True for modifiers that describe rather than name ("pretrial", "former", "fixed-wing")."""
    if word in _NOUN_MODIFIERS:
        return False
    # Qualities, quantities and participles describe; nouns and classifying adjectives name
    # the kind of thing counted ("customs officer", "criminal case", "public official").
    return word in _ADJECTIVES or "-" in word or word.endswith(("ed", "ly", "ing"))


# A size written with a hyphen after an article: "a 500-man unit", "the 5,100-member force".
# What a "1,200-strong" size counts: the head of the noun phrase after it.
_STRONG_WHAT_RE = re.compile(
    r"(?:\s+[a-z][\w-]*){0,2}?\s+([a-z][\w-]*)(?=\s+(?:of|in|to|at|from|for|on|with)\b|[,.;]|$)"
)
_SIZE_BEFORE_RE = re.compile(r"\b(?:an?|the|its|their|one|each)\s+$", re.IGNORECASE)
_SIZE_RE = re.compile(
    r"[-‐]((?!fold\b|odd\b|plus\b|year\b|old\b|point\b|page\b|step\b|item\b)[a-z]{3,})\b"
    r"(?![-‐])"
)
# A partitive: "six of the ten battalions", "three of its five districts".
_PART_OF_RE = re.compile(
    r"\s+of\s+(?:the\s+|its\s+|their\s+|these\s+|those\s+)?(?:[\w-]+[’']s\s+)?"
    r"(?=\d|(?:" + WORD_NUMBER_RE + r")\b)",
    re.IGNORECASE,
)
_PARTITIVE_RE = re.compile(
    r"\s+of\s+(?:the|its|their|these|those)\s+(?:[\w-]+[’']s\s+)?(?=[a-z])"
    r"(?!(?:" + WORD_NUMBER_RE + r")\b|[\w-]*[’']s\b)"
)
# A noun shared by coordinated numbers: "20 new and 24 repaired motorcycles".
_SHARED_NOUN_RE = re.compile(
    r"(?:\s+[a-z][\w-]*){0,2}\s+(?:and|or)\s+(?=\d|(?:" + WORD_NUMBER_RE + r")\b)",
)
_SHARED_BETWEEN_RE = re.compile(r"(?:\s+[a-z][\w-]*){0,2}\s+(?:and|or)\s+")
# A plural acronym names what is counted: "60 police SUVs", "12 APCs".
_ACRONYM_PLURAL_RE = re.compile(r"[A-Z]{2,}s")
# The noun a bare number counts when the clause names it first: "the number of cartel members
# is estimated at 3,000", "the total of registered addicts reached 12,400".
_NUMBER_OF_RE = re.compile(
    r"\b(?:number|total|count)\s+of\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s)\b"
    r"(?:\s+[a-z][\w-]*){0,4}?\s+(?:is|was|are|were|has\s+been|stands\s+at|stood\s+at|reached"
    r"|totals?|totaled|totalled|rose\s+to|fell\s+to|grew\s+to|increased\s+to|decreased\s+to"
    r"|dropped\s+to|declined\s+to|remains?\s+at|remained\s+at)\s+"
    r"(?:(?:estimated|put|approximated|calculated|reported)\s+(?:at|to\s+be)\s+)?"
    r"(?:(?:more\s+than|over|about|around|approximately|nearly|almost|some|roughly|at\s+least"
    r"|fewer\s+than|less\s+than|up\s+to)\s+)?$"
)
_BARE_OK_RE = re.compile(r"\s+(?:of|in|during|by|at)\b|\s*[,.;)]|\s*$")
_POPULATION_RE = re.compile(r"\bpopulation\s+of\s+$", re.I)
_PER_POPULATION_RE = re.compile(r"\s+per\s+(\d{1,3}(?:,\d{3})+|\d+)(?:\s+([a-z]+))?")
_RATE_SUBJECT_RE = re.compile(r"\b([a-z]+)\s+rates?\b[^.;]*$")


def _rate_denominator(m: re.Match[str]) -> str:
    """ "per 100,000 residents" -> "per 100000 resident"."""
    noun = singularize_word(m.group(2)) if m.group(2) and m.group(2) not in _STOP_AFTER else ""
    return f"per {m.group(1).replace(',', '')} {noun}".strip()


_COUNT_TOKEN_RE = re.compile(r"[A-Za-z][\w\-’']*|[^\w\s]")
_ITEM_WORD_RE = re.compile(r"[a-z][\w\-]*")
_DIGIT_NEXT_RE = re.compile(r"\s*\d")
_PER_TIME_RE = re.compile(r"\s+(?:per|a|each)\s+(day|week|month|year|hour)\b", re.I)
_LIST_SEP_RE = re.compile(r"\s*,\s*(?:(and|or)\s+)?|\s+(and|or)\s+")


def _count_noun(
    text: str, pos: int, limit: int, ahead: _Ahead | None = None
) -> tuple[str, int, str] | None:
    """The counted noun after a number: (counted, end offset, subject phrase) or ``None``."""
    tok0 = (ahead or _Ahead(text)).search(_COUNT_TOKEN_RE, pos, limit)
    toks = [tok0, *islice(_COUNT_TOKEN_RE.finditer(text, tok0.end(), limit), 7)] if tok0 else []
    run: list[re.Match[str]] = []
    head = None
    for n, t in enumerate(toks):
        w = t.group()
        if (
            w in ("and", "or")
            and run
            and run[-1].group().isupper()
            and n + 1 < len(toks)
            and toks[n + 1].group().isupper()
        ):
            continue  # "RTP and ONCB officers": two units' officers, one count
        if not w[0].isalpha() or w.lower() in _STOP_AFTER:
            break
        run.append(t)
        if w in _DEMONYM_PLURALS and not run[:-1]:
            return "person", t.end(), w
        nxt0 = toks[n + 1].group() if n + 1 < len(toks) else ""
        if _ACRONYM_PLURAL_RE.fullmatch(w) and not (nxt0[:1].islower() and is_plural(nxt0)):
            head = t  # "60 police SUVs"
            break
        if (
            w[0].isupper()
            and len(w) > 3
            and w[1:].islower()
            and is_plural(w.lower())
            and not w.endswith(("’s", "'s", "ss", "us"))
            and not (nxt0[:1].isupper() and nxt0[1:].islower())
        ):
            head = t  # a title-case noun: "over 150 Supervisors", "21 Armored Vehicles"
            break
        if w[0].islower() and (is_plural(w) or w in _INVARIANT) and not w.endswith(("’s", "'s")):
            nxt = toks[n + 1].group() if n + 1 < len(toks) else ""
            if (w in _INVARIANT or w in _NOUN_MODIFIERS) and (
                (
                    nxt[:1].islower()
                    and nxt not in _STOP_AFTER
                    and (is_plural(nxt) or nxt in _INVARIANT)
                )
                or _ACRONYM_PLURAL_RE.fullmatch(nxt) is not None
            ):
                continue  # "police officers", "police stations", "customs officers"
            head = t
            break
    if head is None:
        return None
    mods: list[str] = []
    title = head.group()[0].isupper() and head.group()[1:].islower()
    for t in reversed(run[:-1]):
        w = t.group()
        if title and w.lower() in _NOUN_MODIFIERS:
            w = w.lower()  # "Border Police Stations" -> "police station"
        if not w[0].islower() or _adjectival(w):
            break
        mods.insert(0, w)
        if len(mods) == 2:
            break
    head_word = head.group()
    if _ACRONYM_PLURAL_RE.fullmatch(head_word):
        head_word = head_word[:-1]
    elif title:
        head_word = singularize_word(head_word.lower())
    if not _ACRONYM_PLURAL_RE.fullmatch(head.group()):
        head_word = singularize_word(head_word)
    counted = " ".join([*mods, head_word])
    end = head.end()
    per = _PER_TIME_RE.match(text, end, limit)
    if per:
        counted += f" per {per.group(1).lower()}"
        end = per.end()
    rate = _PER_POPULATION_RE.match(text, end, limit)
    if rate:
        counted += f" {_rate_denominator(rate)}"
        end = rate.end()
    first = run[0].start()
    # Coordinated lists: "prosecutors, judges, courtroom administrators, and investigators".
    items = [singularize_word(head.group())]
    p = end
    while True:
        sep = _LIST_SEP_RE.match(text, p, limit)
        if not sep:
            break
        item_words = list(islice(_ITEM_WORD_RE.finditer(text, sep.end(), limit), 3))
        item_end = None
        q = sep.end()
        if _DIGIT_NEXT_RE.match(text, sep.end(), limit) or (
            item_words and item_words[0].group() in NUMBER_WORDS
        ):
            break  # the next item is a figure of its own ("14 trucks, six motors")
        for k_, iw in enumerate(item_words):
            if text[q : iw.start()].strip() or iw.group() in _STOP_AFTER:
                break
            q = iw.end()
            nxt_w = item_words[k_ + 1].group() if k_ + 1 < len(item_words) else ""
            if (iw.group() in _INVARIANT or iw.group() in _NOUN_MODIFIERS) and (
                nxt_w and nxt_w not in _STOP_AFTER and is_plural(nxt_w)
            ):
                continue  # "police officers": a modifier, the item's noun follows
            if is_plural(iw.group()):
                item_end = q
                items.append(singularize_word(iw.group()))
                break
        if item_end is None:
            break
        p = item_end
        if sep.group(1) or sep.group(2):
            end = p
            break
    if len(items) > 1 and end == p:
        if any(i in _PEOPLE_WORDS for i in items):
            counted = "person"
    elif counted.split()[-1] in ("people", "person", "individual"):
        counted = "person"
    if counted.split()[-1] in ("person", "people", "individual"):
        counted = "person"
    return counted, end, text[first:end]


def _find_figures(
    text: str, sents: list[tuple[int, int]], identifiers: set[str], ahead: _Ahead | None = None
) -> list[tuple[_Fig, int]]:
    """Every figure with the index of its sentence."""
    ahead = ahead or _Ahead(text)
    out: list[tuple[_Fig, int]] = []
    found: list[_Fig] = []
    for si, (s, e) in enumerate(sents):
        pos = s
        fractions = _fractions(text, s, e, ahead)
        taken = [(f.num_start, f.num_end) for f in fractions]
        while True:
            m = _NUMBER_RE.search(text, pos, e)
            if not m:
                break
            pos = m.end()
            if fractions and any(a <= m.start() < b for a, b in taken):
                continue
            while fractions and fractions[0].num_start < m.start():
                found.append(fractions.pop(0))
            fig, consumed = _read_figure(text, m, s, e, identifiers, ahead)
            if consumed > pos:
                pos = consumed
            if fig is not None:
                found.append(fig)
        found.extend(fractions)
        out.extend((f, si) for f in _resolve_bare(text, found))
        found = []
    table = _table_figures(text)
    if table:
        # table amounts replace whatever the sentence reading made of the same numbers
        cells = sorted(f.num_start for f in table)
        starts = [a for a, _b in sents]

        def holds_cell(f: _Fig) -> bool:
            i = bisect_left(cells, f.span.start)
            return i < len(cells) and cells[i] < f.span.end

        out = [(f, si) for f, si in out if not holds_cell(f)]
        out.extend((f, max(0, bisect_right(starts, f.span.start) - 1)) for f in table)
        out.sort(key=lambda fs: fs[0].span.start)
    return out


def _fractions(text: str, s: int, e: int, ahead: _Ahead) -> list[_Fig]:
    """The fractions and word proportions of a sentence as percent figures, in order.

    "over half of the prisons" is more than 50 percent, "one-third" 33.3, "three-quarters" 75,
    "one percent" 1 (one decimal place, as the gold convention says).
    """
    if ahead.search(_FRACTION_RE, s, e) is None:
        return []
    out: list[_Fig] = []
    for m in _FRACTION_RE.finditer(text, s, e):
        if m.group(5):  # "one in four inmates": 25 percent
            num = _SMALL_NUMBERS[m.group(5).lower()]
            d = m.group(6).lower()
            den = int(d) if d.isdigit() else _SMALL_NUMBERS[d]
            if not 0 < num < den:
                continue
            value = _plain((Decimal(num * 100) / Decimal(den)).quantize(Decimal("0.1")))
            end = m.end()
        elif m.group(4):  # "one percent"
            value = Decimal(1)
            um = _UNIT_RE.match(text, m.end(), e)
            if um is None:
                continue
            end = um.end()
        else:
            num = _FRACTION_NUMERATORS[m.group(1).lower()] if m.group(1) else 1
            den = _FRACTION_WORDS[(m.group(2) or m.group(3)).lower()]
            if num >= den:
                continue
            value = _plain((Decimal(num * 100) / Decimal(den)).quantize(Decimal("0.1")))
            end = m.end()
        start = m.start()
        before = text[max(s, start - 60) : start]
        qualifier = Qualifier.EXACT
        qm = _QUAL_RE.search(before)
        if qm:
            for idx, (_p, qual) in enumerate(_QUALIFIERS):
                if qm.group(idx + 1):
                    qualifier = qual
            start = max(s, start - 60) + qm.start()
        of = re.match(
            r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?[\w-]+(?:\s+[a-z][\w-]*s\b)?", text[end:e]
        )
        span_end = end + of.end() if of else end
        subject = _subject(text, end, e, "percent")
        out.append(
            _Fig(
                Span.of(text, start, span_end),
                m.start(),
                end,
                value,
                "percent",
                None,
                None,
                qualifier,
                _change(text, s, start, span_end, e, before, "percent"),
                subject,
            )
        )
    return out


# Budget tables: amounts "in thousands" under fiscal-year columns.
_THOUSANDS_NOTE_RE = re.compile(
    r"\(\s*(?:\$|USD|US\$|dollars)\s*in\s+thousands\s*\)|\(\s*\$\s*0{3}s?\s*\)"
    r"|\$\s*in\s+thousands|\b(?:dollars|USD|amounts|figures|funds)\s+(?:are\s+)?in\s+thousands\b"
    r"|\bin\s+thousands\s+of\s+(?:U\.S\.\s+|US\s+)?dollars\b|\bthousands\s+of\s+dollars\b"
    r"|\(\s*in\s+\$?\s*thousands\s*\)",
    re.IGNORECASE,
)
_FY_COLUMN_RE = re.compile(
    r"\b(?:FY|Fiscal\s+Year)\s?((?:19|20)\d\d)(?:\s+(?:Actual|Actuals|Enacted|Estimate|Estimated"
    r"|Request|Requested|Plan|Planned|CR|Allocation|President[’']s\s+Budget|Budget))?\b"
)
_AMOUNT_CELL_RE = re.compile(
    r"(?<![\w.,$])\$?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?=[ \t]*(?:[;|]|\.?[ \t]*$|[ \t]{2,}|\t|[ \t]+\$?\d|[ \t]+FY\b))"
)
_PROSE_LINE_RE = re.compile(r"\.\s*$")


def _table_figures(text: str) -> list[_Fig]:
    """Amounts in budget tables whose note says they are in thousands of dollars.

    A header line with two or more fiscal-year columns ("FY 2019 Actual  FY 2020 Estimate")
    gives the years of the amounts in the rows below it, column by column; a row or line that
    names its own year ("FY 2019 Actual: 12,500") gives it directly. Under a note "($ in
    thousands)" each amount is multiplied by 1,000 ("12,500" is 12,500,000 USD). The note's
    scope runs to the first prose line (one ending with a period) after the table.
    """
    if _THOUSANDS_NOTE_RE.search(text) is None:
        return []
    out: list[_Fig] = []
    in_scope = False
    columns: list[int] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        lo = pos
        pos += len(line)
        if _THOUSANDS_NOTE_RE.search(line):
            in_scope = True
            if len(_FY_COLUMN_RE.findall(line)) < 2:
                continue
        if not in_scope:
            continue
        body = line.rstrip("\n")
        fys = list(_FY_COLUMN_RE.finditer(body))
        cells = [c for c in _AMOUNT_CELL_RE.finditer(body) if not _inside(c, fys)]
        if len(fys) >= 2 and not cells:
            columns = [int(f.group(1)) for f in fys]  # a header row
            continue
        if cells and fys:
            # "FY 2019 Actual: 12,500" or "FY 2018 Actual 9,800; FY 2019 Request 7,250": each
            # amount takes the year named last before it
            for c in cells:
                prior = [f for f in fys if f.end() <= c.start()]
                if prior:
                    out.append(_table_fig(text, lo, c, int(prior[-1].group(1)), body))
            continue
        if cells and columns and len(cells) <= len(columns):
            offset = len(columns) - len(cells)  # right-aligned: missing early columns
            for k, c in enumerate(cells):
                out.append(_table_fig(text, lo, c, columns[offset + k], body))
            continue
        if _PROSE_LINE_RE.search(body) and len(body.split()) >= 8:
            in_scope, columns = False, []
    return out


def _inside(c: re.Match[str], spans: list[re.Match[str]]) -> bool:
    return any(f.start() <= c.start() < f.end() for f in spans)


def _table_fig(text: str, lo: int, c: re.Match[str], year: int, body: str) -> _Fig:
    label = re.match(r"\s*([A-Za-z][\w&/ ()-]*?)\s*(?:[:\t]|\s{2,}|\bFY\b|$)", body)
    subject = f"{label.group(1).strip()} funding" if label and label.group(1).strip() else None
    raw = c.group(1)
    value = _plain((parse_number(raw) or Decimal(0)) * 1000)
    return _Fig(
        Span.of(text, lo + c.start(), lo + c.end()),
        lo + c.start(1),
        lo + c.end(1),
        value,
        "usd",
        subject=subject,
        year=year,
    )


def _resolve_bare(text: str, figs: list[_Fig]) -> list[_Fig]:
    """Give bare numbers the unit of a parallel figure, or drop them.

    "grew from 9,800 officers in 2010 to more than 14,000 in 2018": 14,000 officers;
    "at least 14 of Guatemala's 22 departments": 14 departments.
    """
    out: list[_Fig] = []
    for k, f in enumerate(figs):
        if f.unit:
            out.append(f)
            continue
        prev = next((g for g in reversed(figs[:k]) if g.unit), None)
        nxt = figs[k + 1] if k + 1 < len(figs) and figs[k + 1].unit else None
        src = None
        between = text[f.span.end : nxt.span.start] if nxt is not None else ""
        if nxt is not None and (
            re.fullmatch(r"\s+of\s+(?:the\s+)?(?:[\w-]+[’']s\s+)?", between)
            or (nxt.unit == "count" and _SHARED_BETWEEN_RE.fullmatch(between))
        ):
            src = nxt
        elif prev is not None and f.num_start - prev.span.end < 120 and prev.unit == "count":
            src = prev
        if src is not None:
            f.unit, f.counted = src.unit, src.counted
            out.append(f)
    return out


def _read_figure(
    text: str,
    m: re.Match[str],
    s: int,
    e: int,
    identifiers: set[str],
    ahead: _Ahead | None = None,
) -> tuple[_Fig | None, int]:
    money = m.group(1) is not None
    digits = m.group(2)
    raw = digits if digits is not None else m.group(5)
    scale_word = (m.group(3) or m.group(4)) if digits is not None else m.group(6)
    value = parse_number(raw)
    if value is None:
        return None, m.end()
    num_start = m.start(2) if digits is not None else m.start(5)
    start = m.start()
    before = text[max(s, start - 60) : start]
    end = m.end()
    after = text[end:e]
    if digits is not None and not money:
        if re.match(r"\s*\)", after) and not re.search(r"\(\s*$", before):
            return None, end  # list numbering "1)"
        if re.match(r"\.\s", after) and not before.strip(" \t•*-"):
            return None, end  # list numbering "1. "
        if re.match(r"(?:st|nd|rd|th)\b|:\d|/\d|\*", after) or re.search(r"\d/$", before):
            return None, end
        if _IDENT_BEFORE_RE.search(before) or (
            re.search(r"\(\s*$", before) and re.match(r"\*|\)", after)
        ):
            return None, end
        if _DAY_BEFORE_RE.search(before) or (
            re.fullmatch(r"\d{1,2}", raw) and _DAY_AFTER_RE.match(after)
        ):
            return None, end
    if re.search(r"\bper\s+$", before):
        return None, end  # a rate's denominator ("per 100,000 residents")
    value = _plain(scale(value, scale_word))
    value_max: Decimal | None = None
    unit: str | None = "usd" if money else None
    counted: str | None = None
    q_before = before
    qm = _QUAL_RE.search(q_before)
    qualifier = Qualifier.EXACT
    if qm:
        for idx, (_p, qual) in enumerate(_QUALIFIERS):
            if qm.group(idx + 1):
                qualifier = qual
        start = max(s, start - 60) + qm.start()
        before_q = before[: qm.start()]
    else:
        before_q = before
        if _ESTIMATE_AFTER_RE.match(text, m.end(), e):
            qualifier = Qualifier.ABOUT  # "$3.25 million (INCLE, estimate)"
    year_like = digits is not None and not money and _is_year_like(raw, value)
    # Ranges: "60-80 percent", "$94-150 million", "between 10 and 15".
    from_before = re.search(r"\bfrom\s+$", before_q, re.IGNORECASE)
    rm = None if from_before else _RANGE_RE.match(text, end, e)
    if re.search(r"\bbetween\s+$", before_q, re.IGNORECASE):
        rm = _BETWEEN_RANGE_RE.match(text, end, e)
    if rm:
        hi = parse_number(rm.group(1))
        if hi is not None:
            hi_scaled = scale(hi, rm.group(2) or scale_word)
            lo_scaled = value if scale_word else scale(parse_number(raw) or value, rm.group(2))
            hi_year = _is_year_like(rm.group(1), hi)
            if year_like or hi_year or hi_scaled <= lo_scaled:
                if year_like and hi_year:
                    return None, rm.end()
                rm = None
            else:
                value, value_max = _plain(lo_scaled), _plain(hi_scaled)
                end = rm.end()
    um = _UNIT_RE.match(text, end, e)
    if unit is None and um:
        unit = _unit_key(um.group(1))
        end = um.end()
        if unit in _TIME_UNITS and _TIME_FRAME_BEFORE_RE.search(before_q):
            return None, end  # a time frame: "in the past ten years"
    elif unit == "usd" and um and _unit_key(um.group(1)) == "usd":
        end = um.end()
    if not money and unit is None:
        if digits is not None and raw in identifiers:
            return None, end
        # "from 4 to 14 percent": the first level takes the second's unit.
        if from_before:
            nxt = re.match(r"\s+to\s+(?:" + _NUM + r")" + _SCALE, text[end:e])
            if nxt:
                um2 = _UNIT_RE.match(text, end + nxt.end(), e)
                if um2:
                    unit = _unit_key(um2.group(1))
        size = _SIZE_RE.match(text, end, e) if _SIZE_BEFORE_RE.search(before_q) else None
        if unit is None and size is not None and not year_like:
            # "a 500-man unit", "a 5,100-member force": the size counts the members;
            # "a 1,000-strong force" counts what follows.
            word = size.group(1).lower()
            if word == "strong":
                cn2 = _count_noun(text, size.end(), e, ahead)
                strong_what = _STRONG_WHAT_RE.match(text, size.end(), e) if cn2 is None else None
                unit = "count"
                counted = cn2[0] if cn2 else (strong_what.group(1) if strong_what else "member")
                end = cn2[1] if cn2 else (strong_what.end() if strong_what else size.end())
            else:
                unit, counted = "count", singularize_word(word)
                end = size.end()
        partitive = _PARTITIVE_RE.match(text, end, e) if unit is None and not year_like else None
        if partitive is not None:
            # "six of the ten battalions" (the second number is a figure of its own) and
            # "six of the battalions": both count battalions.
            cn3 = _count_noun(text, partitive.end(), e, ahead)
            if cn3 is not None and raw.lower() != "one":
                unit, counted = "count", cn3[0]
                end = cn3[1]
        if unit is None:
            cn = _count_noun(text, end, e, ahead)
            rate = _PER_POPULATION_RE.match(text, end, e) if cn is None else None
            if rate and not year_like:
                # a rate: "fell from 86 per 100,000 residents" (what is counted: "homicide rate")
                rated = _RATE_SUBJECT_RE.search(text[s : m.start()])
                what = singularize_word(rated.group(1)) + " " if rated else ""
                unit, counted = "count", what + _rate_denominator(rate)
                end = rate.end() if rate.group(2) not in _STOP_AFTER else rate.end(1)
            elif cn is None and _POPULATION_RE.search(before_q) and not year_like:
                unit, counted = "count", "person"  # "a population of roughly 23 million"
            elif (
                cn is None
                and not year_like
                and (nof := _NUMBER_OF_RE.search(text[max(s, start - 120) : start])) is not None
            ):
                # "the number of cartel members is estimated at 3,000": counts cartel members
                words = nof.group(1).split()
                unit, counted = "count", " ".join([*words[:-1], singularize_word(words[-1])])
            elif cn is None:
                part_of = _PART_OF_RE.match(text, end, e)
                shared = _SHARED_NOUN_RE.match(text, end, e)
                if year_like or not (_BARE_OK_RE.match(text, end, e) or shared):
                    return None, end
                if digits is None and not part_of and not shared:
                    return None, end  # "seven of the country's 21 prisons" is a count
                unit = ""  # a bare number: may take the unit of a parallel figure
            elif year_like and (
                _YEAR_LABEL_BEFORE_RE.search(before_q) or not re.match(r"\s+[a-z]", after)
            ):
                return None, end
            else:
                unit = "count"
                counted, end, _phrase = cn
    elif year_like and unit not in ("percent",) and _YEAR_LABEL_BEFORE_RE.search(before_q):
        return None, end
    if year_like and unit is None:
        return None, end
    assert unit is not None
    if qualifier == Qualifier.EXACT:
        est = _ESTIMATE_AFTER_RE.match(text, end, e)
        if est:
            qualifier = Qualifier.ABOUT  # "12,000 people (approximate figure)"
    subject = _subject(text, end, e, unit)
    # Mass and volume figures: extend over "of <substance>".
    if unit in ("metric-ton", "kilogram", "gram", "pound", "liter", "gallon"):
        of = re.match(r"\s+of\s+[a-z][\w\-]*", text[end:e])
        if of:
            end += of.end()
    fig = _Fig(
        Span.of(text, start, end),
        num_start,
        m.end(),
        value,
        unit,
        counted,
        value_max,
        qualifier,
        _change(text, s, start, end, e, before_q, unit),
        subject,
    )
    return fig, end


def _change(
    text: str, s: int, start: int, end: int, e: int, before: str, unit: str
) -> Change | None:
    after = text[end:e]
    am = _CHANGE_AFTER_RE.match(after)
    if am and unit == "percent":
        return _CHANGE_NOUNS[am.group(1).lower()]
    nb = _CHANGE_NOUN_BEFORE_RE.search(before)
    if nb:
        return _CHANGE_NOUNS[nb.group(1).lower()]
    if re.search(r"\bby\s+$", before):
        verbs = list(_CHANGE_WORD_RE.finditer(text, s, start))
        if verbs and start - verbs[-1].start() < 300:
            return _CHANGE_VERBS[verbs[-1].group(1).lower()]
        return None
    if unit == "percent":
        vm = _VERB_BEFORE_RE.search(before)
        if vm:
            return _CHANGE_VERBS[vm.group(1).lower()]
        ud = _UPDOWN_RE.search(before)
        if ud:
            return Change.INCREASE if ud.group(1).lower() == "up" else Change.DECREASE
    return None


def _subject(text: str, end: int, e: int, unit: str) -> str | None:
    m = re.match(
        r"\s+(?:of|in)\s+((?:the\s+)?[\w\-’' ]{2,60}?)"
        r"(?=[,.;:()]|\s+(?:in|by|to|for|from|at|and\s+\d)\b|$)",
        text[end:e],
    )
    if m:
        return " ".join(m.group(1).split())
    if unit == "count":
        return None
    m = re.match(r"\s+([a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3})", text[end:e])
    return m.group(1) if m else None


_SEIZE_BEFORE_RE = re.compile(r"\b(seiz\w*|confiscat\w*|interdict\w*|eradicat\w*|destroy\w*)\b")
_ACT_BEFORE_RE = re.compile(
    r"\b(trained|sponsored|arrested|convicted|prosecuted|rescued|graduated|certified|vetted"
    r"|hired|recruited|equipped|donated|provided|deployed|built|constructed|renovated"
    r"|established|opened|seized|eradicated|destroyed)\b(?:\s+\w+){0,3}\s*$"
)
_CHANGE_IN_RE = re.compile(
    r"\s*(?:\w+\s+)??(?:reduction|decrease|decline|drop|increase|rise|growth)\s+(?:in|of)\s+"
    r"((?:the\s+)?[\w\-’' ]{2,60}?)(?=[,.;:()]|\s+(?:in|by|from|at|over|since)\b|$)"
)
_LIST_BOUNDARY_RE = re.compile(r"(?:percent|%)\s*,\s*(?:and\s+)?|;\s*")


def _describe(text: str, s: int, fig: _Fig, unit: str, counted: str | None) -> str | None:
    """What a figure measures, as a short phrase ("civilian and law enforcement casualties",
    "heroin seized", "prosecutors, judges, ... trained"); ``None`` when nothing fits."""
    before = text[s : fig.span.start]
    after = text[fig.span.end : fig.span.end + 160]
    # "reduced X by 35 percent, Y by 25 percent, and Z by 20 percent"
    if fig.change is not None and _ends_with_word(text, s, fig.span.start, "by"):
        verbs = list(_CHANGE_WORD_RE.finditer(before))
        cut = max(
            [v.end() for v in verbs] + [b.end() for b in _LIST_BOUNDARY_RE.finditer(before)] + [0]
        )
        phrase = re.sub(r"\s+by\s+$", "", before[cut:]).strip(" ,")
        if 2 < len(phrase) <= 120:
            return phrase
    # "a 50 percent reduction in homicides"
    noun = _CHANGE_IN_RE.match(after)
    if noun:
        return " ".join(noun.group(1).split())
    if unit in ("metric-ton", "kilogram", "gram", "pound"):
        of = re.match(r"\s+of\s+((?:[\w\-]+\s+){0,2}?[\w\-]+)(?=[\s,.;:)]|$)", after)
        stuff = of.group(1) if of else fig.subject
        if stuff:
            stuff = re.sub(r"^of\s+", "", stuff)
            words = stuff.split()
            for k, w in enumerate(words):
                if w.lower() in _STOP_AFTER or w.lower() in ("and", "or", "were", "was", "worth"):
                    words = words[:k]
                    break
            stuff = " ".join(words)
            seized = _SEIZE_BEFORE_RE.search(before[-80:])
            verb = seized.group(1).lower() if seized else ""
            word = {"seiz": "seized", "conf": "confiscated", "inte": "interdicted",
                    "erad": "eradicated", "dest": "destroyed"}.get(verb[:4], "")  # fmt: skip
            return f"{stuff} {word}".strip()
    if unit == "usd":
        account = re.match(r"\s*\(([^()]{1,40})\)", after)
        if account:
            label = re.sub(r"[*]+", "", account.group(1)).strip()
            requested = re.search(r"\brequest", label, re.I)
            label = re.sub(r"\s*\brequest(?:ed)?\b\s*", " ", label, flags=re.I).strip(" ,")
            return ("requested " if requested else "") + (
                f"{label} funding" if label else "funding"
            )
        return "funding" if _FUNDING_WORDS.search(before[-80:] + after[:40]) else fig.subject
    if unit in ("kilometer", "mile", "meter"):
        what_m = re.match(
            r"[\s-]*([a-z][\w-]*(?:\s+(?:with|of|along|between)\s+[A-Z][\w-]+)?)", after
        )
        if what_m:
            return what_m.group(1)
    if unit == "count" and counted:
        if counted == "person" and re.search(r"\bcountry\s+of\s+(?:\w+\s+)?$", before):
            return "population"
        tail = re.match(
            r"\s*((?:[\w\-’']+,?\s+){0,8}?)(?=in\b|on\b|at\b|for\b|from\b|to\b|[.;:(]|$)", after
        )
        head = fig.span.quote[len(text[fig.span.start : fig.num_start]) :]
        head = re.sub(r"^[\d.,]+\s*(?:million|billion|thousand)?\s*", "", head).strip()
        head = re.sub(r"^(?:" + WORD_NUMBER_RE + r")\s+", "", head, flags=re.I).strip()
        act = _ACT_BEFORE_RE.search(before)
        base = head or (tail.group(1).strip(" ,") if tail else "")
        if base:
            return f"{base} {act.group(1)}" if act else base
    return fig.subject


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _ends_with_word(text: str, lo: int, hi: int, word: str) -> bool:
    """``re.search(r"\\bWORD\\s+$", text[lo:hi])`` without scanning all of it."""
    j = hi
    while j > lo and text[j - 1].isspace():
        j -= 1
    w = j - len(word)
    return (
        j < hi
        and w >= lo
        and text.startswith(word, w)
        and (w == lo or not _is_word_char(text[w - 1]) or not _is_word_char(word[0]))
    )


def _figure_year(
    text: str,
    s: int,
    e: int,
    fig: _Fig,
    after_limit: int,
    newlines: list[int] | None = None,
    years: _Years | None = None,
) -> int | None:
    """The year a figure refers to (see the module's conventions).

    ``newlines`` and ``years`` index the text (made here when not given): with them, the work
    per figure does not grow with the length of its sentence.
    """
    if newlines is None:
        newlines = _line_starts(text)
    idx = years or _Years(text)
    line_start = _line_start(newlines, fig.span.start)
    fy = _FY_LINE_RE.match(text, line_start)
    if fy:
        return int(fy.group(1))
    sy = idx.ahead(_YEAR_SENT_RE, s, e, anchored=True)
    if sy:
        own = list(_OWN_CLAUSE_YEAR_RE.finditer(text, sy.end(), fig.span.start))
        if own:
            return int(own[-1].group(1))
        # the figure's own trailing year beats the sentence's opening one: "In 2009, seizures
        # rose to 300 kilograms, from 200 kilograms in 2008"
        aside0 = idx.ahead(_ASIDE_RE, fig.span.end, after_limit)
        ay0 = idx.ahead(_YEAR_AFTER_RE, fig.span.end, aside0.start() if aside0 else after_limit)
        if ay0 and ay0.start() - fig.span.end < 40:
            return int(ay0.group(1))
        return int(sy.group(1))
    period = idx.ahead(_PERIOD_RE, fig.span.end, e)
    if period and _ends_with_word(text, s, fig.span.start, "from"):
        return int(period.group(1) or period.group(2))
    to_level = _ends_with_word(text, s, fig.span.start, "to")
    if period and to_level and re.search(r"\bfrom\s+(?:\$)?\d", text[s : fig.span.start]):
        return int(period.group(2))
    aside = idx.ahead(_ASIDE_RE, fig.span.end, after_limit)
    ay = idx.ahead(_YEAR_AFTER_RE, fig.span.end, aside.start() if aside else after_limit)
    if ay:
        return int(ay.group(1))
    if period and fig.change is not None:
        return int(period.group(2))
    same = idx.ahead(_SAME_YEAR_RE, s, e)
    if same:
        last = idx.last_before(min(same.start(), fig.span.start))
        if last is not None:
            return last
    if not idx.digits_between(s, fig.span.start):
        return None  # each pattern below reads a year before the figure
    if fig.change is not None or to_level:
        in_years = list(_IN_YEAR_RE.finditer(text, s, fig.span.start))
        if in_years:
            return int(in_years[-1].group(1))
    clause_start = max(s, idx.last_semicolon(s, fig.span.start) + 1)
    lead = list(_YEAR_CLAUSE_RE.finditer(text[clause_start : fig.span.start]))
    if lead:
        return int(lead[-1].group(1))
    mod = list(_YEAR_MODIFIER_RE.finditer(text, s, fig.span.start))
    if mod:
        return int(mod[-1].group(1))
    if _AT_WHICH_TIME_RE.search(text, s, fig.span.start):
        return idx.last_before(fig.span.start)  # "... in 2014, at which time 300 were held"
    return None


# --------------------------------------------------------------------------------------------
# Activities

_ACTIVITY_VERBS = re.compile(
    r"\b(?:(?:has|have|had|is|are|was|also|will|continues\s+to|continued\s+to|currently|"
    r"began\s+to|helps?\s+to)\s+)*"
    r"(train(?:s|ed|ing)?|equip(?:s|ped|ping)?|construct(?:s|ed|ing)?|buil[dt]s?|building"
    r"|sponsor(?:s|ed|ing)?|fund(?:s|ed|ing)?|support(?:s|ed|ing)?|advis(?:es|ed|ing)"
    r"|work(?:s|ed|ing)?\s+with|provid(?:es|ed|ing)|promot(?:es|ed|ing)|strengthen(?:s|ed|ing)?"
    r"|help(?:s|ed|ing)?|assist(?:s|ed|ing)?|develop(?:s|ed|ing)?|donat(?:es|ed|ing)"
    r"|deliver(?:s|ed|ing)?|mentor(?:s|ed|ing)?|launch(?:es|ed|ing)?|improv(?:es|ed|ing)"
    r"|expos(?:es|ed|ing)|aims?\s+to|aspires?\s+to|combats?|enhanc(?:es|ed|ing)|establish(?:es|ed))\b"
)

# a clause runs to the next stop, but not through "3.5" nor an initialism ("U.S.", "U.N.")
_CLAUSE_RE = re.compile(r"(?:[^.;:]|[.:](?=\d)|(?<=\b[A-Z])\.(?=[A-Z]\.|\s+[a-z]))*")
_TYPE_RULES: list[tuple[re.Pattern[str], ActivityType]] = [
    (re.compile(r"sponsor", re.I), ActivityType.SPONSORSHIP),
    (
        re.compile(r"construct|\bbuil[dt]\b(?!\w*\s+(?:the\s+)?capacit)|outpost|renovat", re.I),
        ActivityType.CONSTRUCTION,
    ),
    (re.compile(r"forensic", re.I), ActivityType.FORENSIC_SUPPORT),
    (re.compile(r"community[\s-]polic", re.I), ActivityType.COMMUNITY_POLICING),
    (re.compile(r"\bfund", re.I), ActivityType.FUNDING),
    (re.compile(r"train", re.I), ActivityType.TRAINING),
    (re.compile(r"equip|vehicle|donat|material support", re.I), ActivityType.EQUIPMENT),
    (re.compile(r"advis|mentor|technical assistance", re.I), ActivityType.ADVISING),
    (
        re.compile(r"surveillance|border monitor|border security", re.I),
        ActivityType.SURVEILLANCE_BORDER,
    ),
    (re.compile(r"correction|prison", re.I), ActivityType.CORRECTIONS),
    (re.compile(r"corruption", re.I), ActivityType.ANTI_CORRUPTION),
    (
        re.compile(
            r"justice sector|judicial reform|criminal procedure|legislat|rule of law"
            r"|defense bar|prosecution service",
            re.I,
        ),
        ActivityType.JUSTICE_REFORM,
    ),
    (re.compile(r"assessment|survey|evaluat", re.I), ActivityType.ASSESSMENT),
    (re.compile(r"awareness|campaign|prevention|demand reduction", re.I), ActivityType.AWARENESS),
    (
        re.compile(r"counternarcotic|counter-narcotic|seiz|interdict|eradicat|narcotic", re.I),
        ActivityType.COUNTERNARCOTICS,
    ),
    (re.compile(r"capacity|professionali|strengthen", re.I), ActivityType.CAPACITY_BUILDING),
]
_SECTOR_RULES: list[tuple[re.Pattern[str], Sector]] = [
    (
        re.compile(r"human rights|domestic violence|trafficking in persons|\bTIP\b|gender", re.I),
        Sector.HUMAN_RIGHTS,
    ),
    (
        re.compile(
            r"narcotic|\bdrugs?\b|coca\b|cocaine|heroin|opium|poppy|eradicat|hashish"
            r"|methamphetamine|drug treatment",
            re.I,
        ),
        Sector.NARCOTICS_CONTROL,
    ),
    (re.compile(r"corruption|governance|public sector", re.I), Sector.PUBLIC_SECTOR_POLICY),
    (re.compile(r"peace|reintegrat|reconciliation|demobiliz", re.I), Sector.CIVILIAN_PEACEBUILDING),
    (
        re.compile(r"military|security sector reform|counterterror|extremis|armed forces", re.I),
        Sector.SECURITY_SYSTEM,
    ),
]


def classify_activity(description: str) -> tuple[ActivityType, Sector]:
    """The activity type and OECD-DAC sector of an activity described in words.

    Keyword rules, first match wins: "construction of border outposts" is construction,
    "training of judges" is training; the sector is narcotics control (16063) for drug work,
    human rights (15160), public sector policy (15110) for anti-corruption, civilian
    peace-building (15220), security system (15210) for military and counter-terrorism work,
    and legal and judicial development (15130, which covers police, courts and prisons)
    otherwise.
    """
    kind = next((t for rx, t in _TYPE_RULES if rx.search(description)), ActivityType.OTHER)
    sector = next((s for rx, s in _SECTOR_RULES if rx.search(description)), Sector.LEGAL_JUDICIAL)
    return kind, sector


# What INL does everywhere ("helps countries deliver justice", "keep Americans safe"): the
# standard opening of its summaries says nothing about one program.
_MISSION_RE = re.compile(
    r"\bhelps\s+countries\b|\bkeep\s+Americans\s+safe\b|\bthese\s+efforts\s+reduce\b", re.I
)


def _activities(
    text: str,
    sents: list[tuple[int, int]],
    orgs: _Orgs,
    mentions: list[_OrgMention],
) -> list[Activity]:
    out: list[Activity] = []
    seen: set[tuple[str, str]] = set()
    starts = [mm.span.start for mm in mentions]  # mentions are sorted by start
    for s, e in sents:
        if _MISSION_RE.search(text, s, e):
            continue  # the bureau's mission statement, not this program's work
        in_sent = mentions[bisect_left(starts, s) : bisect_left(starts, e)]
        for mm in in_sent:
            org = orgs.by_key[mm.org]
            if (
                org.kind
                not in (
                    OrgKind.US_GOVERNMENT,
                    OrgKind.INTERNATIONAL,
                    OrgKind.PARTNER_GOVERNMENT,
                )
                and not org.acronym
            ):
                continue
            tail = text[mm.span.end : e]
            vm = None
            hyph = re.match(
                r"[’']s\s+([\w\-]+(?:\s+[\w\-]+)?\s+(?:support|assistance|training))", tail
            )
            pre = re.match(r"-(funded|constructed|built|supported|donated|sponsored)\s+", tail)
            if hyph:
                desc = hyph.group(1)
                d_start, d_end = mm.span.start, mm.span.end + hyph.end()
            elif pre:
                obj = re.match(
                    r"[\w\-’' ]+?(?=[,.;]|\s+(?:have|has|had|is|are|was|were)\b|$)",
                    tail[pre.end() :],
                )
                if not obj:
                    continue
                noun = {
                    "funded": "funding of",
                    "constructed": "construction of",
                    "built": "construction of",
                    "supported": "support for",
                    "donated": "donation of",
                    "sponsored": "sponsorship of",
                }[pre.group(1)]
                desc = f"{noun} {obj.group().strip()}"
                d_start, d_end = mm.span.start, mm.span.end + pre.end() + obj.end()
            else:
                vm = _ACTIVITY_VERBS.match(tail.lstrip(" ,"))
                if not vm:
                    continue
                lead = len(tail) - len(tail.lstrip(" ,"))
                rest_start = mm.span.end + lead + vm.start(1)
                clause = _CLAUSE_RE.match(text, rest_start, e).group()  # type: ignore[union-attr]
                clause = re.split(r",\s+(?:and\s+)?(?=[A-Z])|\s+–\s+", clause)[0]
                words = clause.split()
                desc = " ".join(words[:24]).rstrip(",")
                d_start, d_end = mm.span.start, rest_start + len(clause)
            if not desc:
                continue
            beneficiary = None
            for other in in_sent:
                if other.org != mm.org and d_start < other.span.start < d_end:
                    beneficiary = orgs.by_key[other.org].name()
                    break
            key = (org.key, desc.casefold())
            if key in seen:
                continue
            seen.add(key)
            kind, sector = classify_activity(desc)
            d_end = max(d_end, d_start + 1)
            out.append(
                Activity(
                    actor=org.short,
                    description=desc,
                    beneficiary=beneficiary,
                    activity_type=kind,
                    sector=sector,
                    span=Span.of(text, d_start, min(d_end, len(text))),
                )
            )
    return out


# --------------------------------------------------------------------------------------------
# Main entry points


def _program_country(document: Document, places: list[_PlaceHit]) -> str | None:
    stem = document.name.replace("-", " ").replace("_", " ").strip()
    for cand in (stem, stem.title()):
        entry = lookup(cand)
        if entry is not None and entry.kind == PlaceKind.COUNTRY:
            in_text = [h.name for h in places if h.entry.country == entry.country]
            return cand if cand in in_text or not in_text else in_text[0]
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for h in places:
        first[h.name] = min(first.get(h.name, h.span.start), h.span.start)
        if h.entry.kind == PlaceKind.COUNTRY and h.entry.code != "US":
            counts[h.name] = counts.get(h.name, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -first[n]))


# A heading that frames what follows as the lead agency's work: "INL Accomplishments",
# "Program Results:", "Key achievements include:".
_FRAME_HEAD_RE = re.compile(
    r"\b(?:[Aa]ccomplishments?|[Aa]chievements?|[Rr]esults|[Hh]ighlights|[Ss]uccesses|[Oo]utputs"
    r"|[Ii]mpacts?|[Mm]ilestones)\b"
)
_BULLET_RE = re.compile(r"\s*(?:[•*\-–·▪○◦]|\d{1,2}[.)])\s")
# A baseline: a year's state of things before the work ("In 1989, the country had 2,000 police").
_BASELINE_RE = re.compile(
    r"\b(?:[Ii]n|[Bb]y|[Aa]s\s+of|[Bb]efore|[Uu]ntil)\s+(?:(?:" + _MONTHS + r")\s+)?(?:19|20)\d\d\b"
    r"[^.;]{0,80}?\b(?:had|has|there\s+(?:were|was|are|is)|numbered|stood\s+at|totaled|was|were)\s+"
    r"(?:(?:only|just|about|some|approximately|nearly|over|more\s+than|fewer\s+than|less\s+than)\s+)?$"
)


# The program's own outputs (what an accomplishments list credits to the lead agency) and the
# host country's enforcement results (which it does not).
_OUTPUT_WORDS_RE = re.compile(
    r"\b(?:train\w*|courses?|workshops?|curricul\w+|pilot\w*|donat\w+|(?<!was\s)(?<!were\s)"
    r"buil[td](?!\s+for\b)\w*|construct\w*|renovat\w+|refurbish\w+|equipp(?:ed|ing)|equips?\b"
    r"|provid\w+|deliver\w*|graduat\w+|mentor\w*|install\w*"
    r"|procur\w+|fund\w*|sponsor\w*|launch\w*|advis\w+|seminars?|conferences?)\b",
    re.IGNORECASE,
)
_ENFORCEMENT_WORDS_RE = re.compile(
    r"\b(?:seiz\w+|eradicat\w+|arrest\w*|kill\w*|dismantl\w+|destroy\w*|interdict\w*"
    r"|convict\w*|prosecut\w+|investigations?\s+into|cultivat\w+|estimat\w+)\b",
    re.IGNORECASE,
)


_COURSE_RE = re.compile(r"\b(?:courses?|training|program|curriculum|workshops?|seminars?)\b", re.I)
# An organization named at the head of its sentence is the sentence's subject, the actor.
_SUBJECT_LEAD_RE = re.compile(r"[\s•*\-–·]*(?:[A-Z][\w ,/-]{0,40}:\s*)?(?:[Tt]he\s+)?")


def _in_frame(frames: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether ``pos`` lies in one of the (sorted, disjoint) ``frames``."""
    i = bisect_right(starts, pos)
    return i > 0 and pos < frames[i - 1][1]


def _is_heading(line: str) -> bool:
    """A short line that titles what follows (no closing period, not a bullet)."""
    t = line.strip()
    return (
        0 < len(t) <= 90
        and t[0].isupper()
        and not t.endswith((".", ";", ","))
        and len(t.split()) <= 12
        and _BULLET_RE.match(line) is None
    )


def _frames(text: str) -> list[tuple[int, int]]:
    """The stretches of text under an accomplishments heading, up to the next heading.

    On a program fact sheet, the outputs listed under "INL Accomplishments" are the lead
    agency's work even where a sentence does not name it.
    """
    out: list[tuple[int, int]] = []
    start: int | None = None
    pos = 0
    for line in text.splitlines(keepends=True):
        if _is_heading(line) or (
            line.strip().endswith(":") and len(line.strip()) <= 90 and not _BULLET_RE.match(line)
        ):
            if start is not None:
                out.append((start, pos))
                start = None
            if _FRAME_HEAD_RE.search(line):
                start = pos + len(line)
        pos += len(line)
    if start is not None:
        out.append((start, pos))
    return out


def _lead(orgs: _Orgs) -> _OrgBuild | None:
    if "acr:INL" in orgs.by_key:
        return orgs.by_key["acr:INL"]
    key = orgs.acronyms.get("INL")
    if key and key in orgs.by_key:
        return orgs.by_key[key]
    usg = [o for o in orgs.by_key.values() if o.kind == OrgKind.US_GOVERNMENT and o.acronym]
    return max(usg, key=lambda o: (len(o.mentions), -o.first)) if usg else None


def extract(document: Document) -> DocumentFacts:
    """Every organization, place, figure and activity found in a document's text.

    Deterministic and offline; odd text (empty, unicode punctuation, very long) gives what
    can be found and never raises.
    """
    text = document.text or ""
    facts = DocumentFacts(document=document)
    if not text.strip():
        return facts
    sents = sentences(text)
    newlines = _line_starts(text)

    pre_places = _find_places(text, [])
    country = _program_country(document, pre_places)
    orgs, mentions = _find_orgs(text, sents, pre_places, country, newlines)
    org_spans = [(mm.span.start, mm.span.end) for mm in mentions]
    places = _find_places(text, org_spans)
    country_entry = lookup(country) if country else None
    country_code = country_entry.country if country_entry is not None else None
    extra = _locative_places(text, org_spans, places, country_code)
    if extra:
        places = sorted([*places, *extra], key=lambda h: h.span.start)
    facts.country = country

    # Organizations in order of first mention.
    builds = sorted(orgs.by_key.values(), key=lambda o: o.first)
    facts.organizations = [o.final() for o in builds]

    # Places.
    seen_places: dict[str, list[Span]] = {}
    entries: dict[str, GazetteerEntry] = {}
    for h in places:
        seen_places.setdefault(h.name, []).append(h.span)
        entries.setdefault(h.name, h.entry)
    country_name: dict[str, str] = {}  # country code -> the first name of it in the text
    for n, en in entries.items():
        if en.kind == PlaceKind.COUNTRY and en.country:
            country_name.setdefault(en.country, n)
    for name, spans in seen_places.items():
        entry = entries[name]
        within = None
        if entry.kind != PlaceKind.COUNTRY and entry.country:
            within = country_name.get(entry.country)
        facts.places.append(Place(name, entry.kind, entry.code, within, tuple(spans)))

    # Figures.
    lead = _lead(orgs)
    lead_names = [n for n in (lead.final().names if lead else ()) if n]
    place_starts = [h.span.start for h in places]  # places are sorted by start
    credit_re = (
        re.compile(
            _CREDIT_RE_TEMPLATE.replace(
                "{n}", "(?:" + "|".join(re.escape(n) for n in lead_names) + ")"
            )
        )
        if lead_names
        else None
    )
    # the lead agency as the acting subject: "INL conducted", "INL has trained"
    lead_verb_re = (
        re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(n) for n in lead_names)
            + r")\s+(?:has\s+|have\s+|had\s+|also\s+)*(?:[a-z]+ed|[a-z]+s)\b"
        )
        if lead_names
        else None
    )
    identifiers = _identifiers(text)
    ahead = _Ahead(text)
    figs = _find_figures(text, sents, identifiers, ahead)
    in_names = _SpanIndex([(mm.span.start, mm.span.end) for mm in mentions])
    starts = [mm.span.start for mm in mentions]  # mentions are sorted by start

    def mentions_in(lo: int, hi: int) -> list[_OrgMention]:
        """The mentions starting in ``[lo, hi)``, in order."""
        return mentions[bisect_left(starts, lo) : bisect_left(starts, hi)]

    years = _Years(text, ahead)
    limits = _after_limits(text, figs, sents)
    reported_in: dict[int, str | None] = {}
    year_of_sentence: dict[int, int] = {}
    frames = _frames(text)
    frame_starts = [a for a, _b in frames]  # the year of a sentence's last figure that has one
    credit_in: dict[int, bool] = {}
    funding_in: dict[int, bool] = {}

    def credited(si: int, rx: re.Pattern[str]) -> bool:
        """Whether sentence ``si`` credits the lead agency (once per sentence)."""
        if si not in credit_in:
            credit_in[si] = rx.search(text, *sents[si]) is not None
        return credit_in[si]

    def funding(si: int) -> bool:
        """Whether sentence ``si`` speaks of funding (once per sentence)."""
        if si not in funding_in:
            funding_in[si] = _FUNDING_WORDS.search(text, *sents[si]) is not None
        return funding_in[si]

    for k, (fig, si) in enumerate(figs):
        if in_names.holds(fig.num_start):
            continue  # a number inside a name ("Barrio 18", "Detachment 88")
        s, e = sents[si]
        year = (
            fig.year
            if fig.year is not None
            else _figure_year(text, s, e, fig, limits[k], newlines, years)
        )
        if year is None and si - 1 in year_of_sentence and _CARRY_OPEN_RE.match(text, s, e):
            year = year_of_sentence[si - 1]  # "... in 2014. This represents a 40 percent rise"
        if year is not None:
            year_of_sentence[si] = year
        if si not in reported_in:
            reported_in[si] = _reported_by(text, s, e, mentions_in(s, e), orgs)
        reported = reported_in[si]
        agency = None
        if lead is not None and credit_re is not None:
            line_start = _line_start(newlines, fig.span.start)
            here = mentions_in(s, e)
            other_us = any(
                orgs.by_key[mm.org].kind == OrgKind.US_GOVERNMENT
                and mm.org != lead.key
                and orgs.by_key[mm.org].name() != lead.parent
                for mm in here
            )
            context = fig.unit in ("kilometer", "mile") and _CONTEXT_FIGURE_RE.match(
                text, fig.span.end, e
            )
            # "the country's 21 prisons", "Thailand's 143 prisons": the whole stock, not work done
            owner = re.search(
                r"([\w-]+)[’']s\s+$", text[max(s, fig.num_start - 40) : fig.num_start]
            )
            stock = owner is not None and owner.group(1) not in lead_names
            # the lead agency acts in the figure's clause: no other U.S. agency between them
            acts = (
                [a.end() for a in lead_verb_re.finditer(text, s, fig.num_start)]
                if lead_verb_re is not None
                else []
            )
            lead_acts = bool(acts) and not any(
                orgs.by_key[mm.org].kind == OrgKind.US_GOVERNMENT and mm.org != lead.key
                for mm in mentions_in(acts[-1], fig.num_start)
            )
            framed = (
                fig.unit != "percent"
                and fig.change is None
                and _in_frame(frames, frame_starts, fig.span.start)
                and not any(
                    mm.org != lead.key
                    and mm.span.start < fig.num_start
                    and _SUBJECT_LEAD_RE.fullmatch(text, s, mm.span.start)
                    for mm in here
                )
                and (fig.unit not in _TIME_UNITS or _COURSE_RE.search(text, s, e) is not None)
                and _OUTPUT_WORDS_RE.search(text, s, e) is not None
                and _ENFORCEMENT_WORDS_RE.search(text, s, e) is None
                and not _BASELINE_RE.search(text, max(s, fig.span.start - 160), fig.span.start)
            )
            if context or stock or (other_us and not lead_acts):
                pass
            elif (
                credited(si, credit_re)
                or framed
                or (
                    fig.unit == "usd"
                    and (
                        _FY_LINE_RE.match(text, line_start)
                        or (
                            funding(si)
                            and not any(
                                orgs.by_key[mm.org].kind == OrgKind.US_GOVERNMENT
                                and mm.org != lead.key
                                for mm in here
                            )
                        )
                    )
                )
            ):
                agency = lead.short
        facts.measurements.append(
            Measurement(
                span=fig.span,
                value=fig.value,
                unit=fig.unit,
                counted="police officer" if fig.counted == "police" else fig.counted,
                value_max=fig.value_max,
                qualifier=fig.qualifier,
                change=fig.change,
                subject=_describe(text, s, fig, fig.unit, fig.counted),
                place=_figure_place(fig, places, s, e, country, place_starts, text),
                year=year,
                reported_by=reported,
                agency=agency,
                fiscal=fig.year is not None,
            )
        )

    facts.activities = _activities(text, sents, orgs, mentions)
    separate_programs(facts)
    link_outcomes(facts)
    complete_facts(facts)
    return facts


_COORDINATED_RE = re.compile(
    r"\s*,?\s*(?:and\s+|or\s+|including\s+|of\s+which\s+|among\s+them\s+)?"
)


def _after_limits(
    text: str, figs: list[tuple[_Fig, int]], sents: list[tuple[int, int]]
) -> list[int]:
    """For each figure, where its trailing "in 2019" may be looked for: up to the next figure,
    or past figures coordinated with it ("450 kilograms of heroin and 1,200 kg of opium in
    2010"), else to the end of its sentence."""
    out = [0] * len(figs)
    for k in range(len(figs) - 1, -1, -1):
        fig, si = figs[k]
        if k + 1 < len(figs) and figs[k + 1][1] == si:
            nxt = figs[k + 1][0]
            between = text[fig.span.end : nxt.span.start]
            coordinated = _COORDINATED_RE.fullmatch(between) or (
                fig.unit == "count" and _SHARED_BETWEEN_RE.fullmatch(between)
            )
            out[k] = out[k + 1] if coordinated else nxt.span.start
        else:
            out[k] = sents[si][1]
    return out


class _Ahead:
    """Searches of a text from increasing positions, each stretch of it scanned once.

    A match found from ``pos`` is also the first from any later position up to its start (a
    pattern matches at a place whatever the place the search started from), so a search from a
    later position scans again only once it has passed the last match.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._last: dict[tuple[re.Pattern[str], int], tuple[int, re.Match[str] | None]] = {}

    def search(
        self, rx: re.Pattern[str], pos: int, endpos: int, anchored: bool = False
    ) -> re.Match[str] | None:
        """``rx.search(text, pos, endpos)`` (``rx.match`` if ``anchored``)."""
        key = (rx, endpos)
        hit = self._last.get(key)
        if hit is not None:
            start, m = hit
            if anchored and start == pos:
                return m
            if not anchored and start <= pos and (m is None or m.start() >= pos):
                return m
        m = rx.match(self.text, pos, endpos) if anchored else rx.search(self.text, pos, endpos)
        self._last[key] = (pos, m)
        return m


class _Years:
    """Indexes of a text for finding the years of its figures in time linear in the text.

    Every year-like number (``_ANY_YEAR_RE``), every place a year could start (``19``/``20``
    and two digits), every semicolon, and the last search of each pattern, so that searches
    from the successive figures of a sentence scan each stretch of it once.
    """

    def __init__(self, text: str, ahead: _Ahead | None = None) -> None:
        self.text = text
        self.ends = [m.end() for m in _ANY_YEAR_RE.finditer(text)]
        self.digits = [m.start() for m in _YEAR_DIGITS_RE.finditer(text)]
        self.semicolons = [m.start() for m in re.finditer(";", text)]
        self.ahead = (ahead or _Ahead(text)).search

    def digits_between(self, lo: int, hi: int) -> bool:
        """True when a year (``19``/``20`` and two digits) lies wholly in ``[lo, hi)``."""
        i = bisect_left(self.digits, lo)
        return i < len(self.digits) and self.digits[i] + 4 <= hi

    def last_semicolon(self, lo: int, hi: int) -> int:
        """``text.rfind(";", lo, hi)``."""
        i = bisect_left(self.semicolons, hi)
        return self.semicolons[i - 1] if i and self.semicolons[i - 1] >= lo else -1

    def last_before(self, limit: int) -> int | None:
        """The last year found by ``_ANY_YEAR_RE.finditer(text, 0, limit)``, if any."""
        # The search stops at ``limit``, where the look-ahead sees the end of the text: a year
        # ending there (or just before a comma there) can match that does not in the full text.
        for back in (4, 5):
            cut = _ANY_YEAR_RE.match(self.text, limit - back, limit) if limit >= back else None
            if cut:
                return int(cut.group(1))
        i = bisect_right(self.ends, limit)
        return int(self.text[self.ends[i - 1] - 4 : self.ends[i - 1]]) if i else None


def _reported_by(text: str, s: int, e: int, mentions: list[_OrgMention], orgs: _Orgs) -> str | None:
    for mm in mentions:
        if not s <= mm.span.start < e:
            continue
        before = text[max(s, mm.span.start - 40) : mm.span.start]
        # allow a possessive country or a demonym before the name
        before = _REPORTER_MODIFIERS_RE.sub("", before)
        if _REPORT_BEFORE_RE.search(before) or _REPORT_AFTER_RE.match(text, mm.span.end, e):
            return orgs.by_key[mm.org].name()
    return None


def _figure_place(
    fig: _Fig,
    places: list[_PlaceHit],
    s: int,
    e: int,
    country: str | None,
    starts: list[int] | None = None,
    text: str = "",
) -> str | None:
    """The most specific named place of the figure's sentence nearest to it, else the program's
    country (``None`` for a change, which compares, and for a global figure)."""
    if starts is None:
        starts = [h.span.start for h in places]
    near = places[bisect_left(starts, s) : bisect_left(starts, e)]
    if near and text:
        # the figure's own clause: past a semicolon, a contrast ("..., but violence remains
        # concentrated in San Pedro Sula") or a new coordinated verb ("..., and trained 30")
        lo, hi = s, e
        for b in _PLACE_CLAUSE_BREAK_RE.finditer(
            text, near[0].span.start if near[0].span.start < fig.span.start else fig.span.end, e
        ):
            if b.end() <= fig.span.start:
                lo = b.end()
            elif b.start() >= fig.span.end:
                hi = b.start()
                break
        near = [h for h in near if lo <= h.span.start < hi]
        if (
            len(near) >= 2
            and near[0].name != near[1].name
            and near[0].span.start > fig.span.end
            and near[1].entry.kind != PlaceKind.COUNTRY  # "in Gaborone, Botswana": appositive
            and _COORDINATED_PLACES_RE.fullmatch(text, near[0].span.end, near[1].span.start)
        ):
            return country  # "in Maputo and at provincial commands in Nampula": several places
    if near:
        best = min(near, key=lambda h: abs(h.span.start - fig.num_start))
        return best.name
    if fig.change is not None:
        return None
    if text and _GLOBAL_RE.search(text, s, e):
        return None  # a global figure has no country: "an estimated 275 million people worldwide"
    return country


_COORDINATED_PLACES_RE = re.compile(
    r"\s*(?:,|and\b|or\b)[\w\s,]{0,40}?\b(?:in|at)\s+|\s*(?:,\s*|and\s+|or\s+)"
)
_PLACE_CLAUSE_BREAK_RE = re.compile(
    r";|,\s+(?:while|whereas|but|although|though)\b|,\s+and\s+(?=[a-z]+ed\b)"
)
_GLOBAL_RE = re.compile(
    r"\b(?:[Ww]orldwide|[Gg]lobally|[Gg]lobal(?=\s+(?:drug|opium|cocaine|heroin|production|market"
    r"|supply|demand|trade|flows?|total|population|economy|GDP|estimates?)\b)|(?:the\s+)?world[’']s"
    r"|(?:around|across|in)\s+the\s+world)\b"
)


def extract_file(path: str | Path) -> DocumentFacts:
    """Load a fact sheet (``.txt``, ``.md``, ``.html``) and extract its facts."""
    return extract(load_document(path))


def extract_many(documents: Iterable[Document]) -> list[DocumentFacts]:
    """:func:`extract` for each document, in order."""
    return [extract(d) for d in documents]
