"""Places: countries, their subdivisions and named places the gazetteer lacks.

Countries and regions come from :mod:`kg.places` (the offline gazetteer); subdivisions are
looked for only in the countries named; cities, ports and airports are read from locating
phrases ("in Mixco", "the port of Callao").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from kg.extract.lexicon import ACTIVITY_VERBS, DEMONYMS, word_set, words
from kg.extract.text import _POSSESSIVE, _is_head, _SpanIndex
from kg.model import Document, PlaceKind, Span
from kg.places import (
    SUBDIVISION_SUFFIXES,
    GazetteerEntry,
    city_names,
    country_names,
    lookup,
    region_names,
    subdivision_names,
)

if TYPE_CHECKING:
    from kg.extract.figures import _Fig


_COUNTRY_NAMES = sorted(
    {n for n in country_names() if n not in ("U.S.", "USA")} | set(region_names()),
    key=len,
    reverse=True,
)
_PLACE_RE = re.compile(
    r"(?=[A-Z])(?<![\w-])("
    + "|".join(re.escape(n) for n in _COUNTRY_NAMES)
    + r"|U\.S\.(?=\s+(?:and|or|to|in|on|at|with)\b|[,.;:)]|$))(?:[’']s)?(?![\w-])"
    r"(?!\s+City\b)"  # "Guatemala City", "Mexico City": a city, not the country
)
_SUFFIX_RE = "|".join(SUBDIVISION_SUFFIXES)


@cache
def _country_subdivisions() -> dict[str, frozenset[str]]:
    """The gazetteer's subdivision names (longer than three letters, capitalized) by country."""
    out: dict[str, set[str]] = {}
    for name, entries in subdivision_names().items():
        if len(name) > 3 and name[0].isupper():
            for e in entries:
                if e.country:
                    out.setdefault(e.country, set()).add(name)
    return {country: frozenset(names) for country, names in out.items()}


@cache
def _subdivision_re(country: str) -> re.Pattern[str] | None:
    """A pattern of the gazetteer's subdivision names in ``country`` (group 2), with a
    subdivision word after the name (group 1: "Sindh Province"). Compiled once per country:
    patterns built per set of countries a document names were compiled again for nearly every
    document (6 ms each)."""
    names = sorted(_country_subdivisions().get(country, frozenset()), key=lambda n: (-len(n), n))
    if not names:
        return None
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(
        r"(?=[A-Z])(?<![\w-])((" + alt + r")(?:\s+(?:" + _SUFFIX_RE + r"))?)(?![\w-])"
    )


def _subdivision_matches(text: str, countries: frozenset[str]) -> list[re.Match[str]]:
    """The subdivision names of ``countries`` in ``text``, left to right and not overlapping:
    at each start the longest name (then its subdivision word), as one pattern of all the
    countries' names would find them."""
    patterns = [p for c in sorted(countries) if (p := _subdivision_re(c)) is not None]
    found = sorted(
        (
            (m.start(1), -len(m.group(2)), i, m)
            for i, p in enumerate(patterns)
            for m in p.finditer(text)
        ),
        key=lambda t: t[:3],
    )
    out: list[re.Match[str]] = []
    reach = -1
    for start, _neg, _i, m in found:
        if start >= reach:
            out.append(m)
            reach = m.end(1)
    return out


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
    if countries:
        # Country names do not overlap one another, and subdivision names found here do not
        # overlap earlier ones: the country hits alone can hold a subdivision's start.
        blocked_index = _SpanIndex(blocked)
        country_index = _SpanIndex([(h.span.start, h.span.end) for h in hits])
        for m in _subdivision_matches(text, countries):
            if blocked_index.holds(m.start(1)) and not re.search(
                r"\s(?:" + _SUFFIX_RE + r")$", m.group(1)
            ):
                continue
            if country_index.holds(m.start(1)) or m.group(1) in _NOT_PLACE_WORDS:
                continue  # a country's name, or a word more often than a place ("Reading")
            entry = lookup(m.group(1), countries=countries)
            if entry is None or entry.kind == PlaceKind.COUNTRY:
                continue
            hits.append(_PlaceHit(m.group(1), entry, Span.of(text, m.start(1), m.end(1))))
    # a name inside a longer one is no place of its own: "Spain" in "Port of Spain"
    hits.sort(key=lambda h: (h.span.start, -h.span.end))
    kept: list[_PlaceHit] = []
    reach = -1
    for h in hits:
        if h.span.end <= reach:
            continue
        kept.append(h)
        reach = h.span.end
    return kept


# Named places the gazetteer lacks (cities, ports, airports, valleys), read from the phrase that
# locates something: "in Mixco", "at Kotoka International Airport", "the port of Callao",
# "in Gbarnga, Bong County", "San Pedro Sula".
# (a hyphen may join capitalized parts: "Cap-Haïtien", "Houphouët-Boigny")
_NAME_WORD = r"(?:[A-Z][a-zà-ÿ’']+(?:-[A-Za-zà-ÿ][a-zà-ÿ’']*)*)"
_PLACE_NAME = (
    # an abbreviated saint or mount opens a name, never ends one: "St. George's", "Mt. Kenya"
    r"(?:(?:St|Ste|Mt|Ft)\.\s+)?"
    + _NAME_WORD
    + r"(?:\s+(?:(?:de|del|la|el|do|da|dos|las|los)\s+)?"
    + _NAME_WORD
    + r"){0,4}"
)
_LOCATIVE_RE = re.compile(
    r"\b(?:(?:[Cc]ity|[Tt]own|[Pp]ort|[Vv]illage|[Mm]unicipality|[Cc]apital)\s+of\s+("
    + _PLACE_NAME
    + r")"
    # (at a sentence's start too: "In Accra, ..."); "at the Port of X" is the branch above's
    r"|(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside|[Aa]round)\s+(?:the\s+)?"
    r"(?!(?:City|Town|Port|Village|Municipality|Capital)\s+of\s)(" + _PLACE_NAME + r")"
    # a river wherever it stands: "seized 11 riverboats on the Mamoré River"
    r"|\bthe\s+(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,2}\s+River))(?![\w-])"
)
# Endings of subject-matter and abstract nouns, which place names hardly have.
_SUBJECT_SUFFIXES = words("subject_suffixes")
_PLACE_SUFFIX_WORDS = word_set("place_suffix_words")
# Capitalized words that open or fill a phrase after "in" without naming a place.
_NOT_PLACE_WORDS = word_set("not_place_words")


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
        g = next(k for k in (1, 2, 3) if m.group(k))
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
        if any(w.rstrip("’'s") in _DEMONYM_TO_COUNTRY for w in words) or any(
            " ".join(words[i : i + 2]) in _DEMONYM_TO_COUNTRY for i in range(len(words) - 1)
        ):
            continue  # "Afghan", "Cabo Verdean ports": a people, not a place
        if blocked_index.containing(start, end) or known_index.containing(start, end):
            continue
        if blocked_index.holds(start) or known_index.holds(start):
            continue
        name = text[start:end]
        if not name.startswith(("St. ", "Ste. ")):  # "St. George's", "St. Ann's Bay": the name's
            name = _POSSESSIVE.sub("", name)
        length = len(name)
        known_entry = lookup(name)
        if known_entry is not None and known_entry.kind == PlaceKind.COUNTRY:
            continue
        if known_entry is not None and code and known_entry.country != code:
            if name not in _city_set(code):
                continue
            # a city of the program's country that the gazetteer also knows elsewhere ("in
            # Lae" in Papua New Guinea, not the Marshall Islands' atoll)
            entry = GazetteerEntry(name, PlaceKind.CITY, None, code)
        elif known_entry is not None:
            entry = known_entry  # a subdivision of the program's country, its country unnamed
        else:
            entry = GazetteerEntry(name, PlaceKind.CITY, None, code)
        out.append(_PlaceHit(name, entry, Span.of(text, start, start + length)))
    return out


@lru_cache(maxsize=64)
def _city_set(code: str) -> frozenset[str]:
    return frozenset(city_names(code))


_DEMONYM_TO_COUNTRY: dict[str, str] = {d: c for c, ds in DEMONYMS.items() for d in ds}


_NAME_TITLE_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words("name_titles"))) + r")\s+\Z"
)

# Words that end a place name a city's name opens ("Juba Central Prison", "Marawi City")
_CITY_PLACE_SUFFIX = "|".join(
    sorted({*_PLACE_SUFFIX_WORDS, "Prison", "Harbour", "Harbor", "Seaport", *SUBDIVISION_SUFFIXES})
)


@cache
def _country_city_re(code: str) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """A pattern of the gazetteer's city names in the country ``code`` (ISO alpha-2) that read
    as cities wherever they stand, and those names: capitalized, four letters or more, not a
    common word and not a country's, subdivision's or region's name. Compiled once per
    country: a document's cities are looked for country by country."""
    names = sorted(
        {
            n
            for n in city_names(code)
            if len(n) >= 4 and n[0].isupper() and n not in _NOT_PLACE_WORDS and lookup(n) is None
        },
        key=lambda n: (-len(n), n),
    )
    if not names:
        return None
    alt = "|".join(re.escape(n) for n in names)
    # with what makes the city's name part of a longer place name: "Port Klang", "the Strait
    # of Malacca", "Monrovia Central Prison", "Cairo International Airport", "Vientiane Province"
    return (
        re.compile(
            r"(?<![\w-])((?:(?:Port|Strait|Gulf|Bay)\s+(?:of\s+)?)?(" + alt + r")"
            r"(?:(?:\s+[A-Z][\w’'-]*){0,2}?\s+(?:" + _CITY_PLACE_SUFFIX + r"))?)(?![\w-])"
        ),
        frozenset(names),
    )


def _gazetteer_cities(
    text: str, blocked: list[tuple[int, int]], known: list[_PlaceHit], countries: frozenset[str]
) -> list[_PlaceHit]:
    """Cities of the countries the document names, by the gazetteer's names (kind: city); not
    inside an organization's name or a place already found. A name that is a city of two of
    those countries is not read."""
    found = [(code, _country_city_re(code)) for code in sorted(countries - {"US"})]
    tables = [(code, f) for code, f in found if f is not None]
    if not tables:
        return []
    seen: set[str] = set()
    twice: set[str] = set()
    for _, (_, names) in tables:
        twice |= seen & names
        seen |= names
    # every country's matches, then the leftmost and (at one start) longest of overlapping ones
    matches = sorted(
        (
            (m.start(1), -m.end(1), code, m)
            for code, (pattern, _) in tables
            for m in pattern.finditer(text)
            if m.group(2) not in twice
        ),
        key=lambda t: t[:3],
    )
    blocked_index = _SpanIndex(blocked)
    known_index = _SpanIndex([(h.span.start, h.span.end) for h in known])
    out: list[_PlaceHit] = []
    reach = -1
    for start, neg_end, code, m in matches:
        end = -neg_end
        if start < reach:
            continue
        reach = end
        if blocked_index.holds(start) or known_index.holds(start):
            continue
        if _NAME_TITLE_BEFORE_RE.search(text, max(0, start - 20), start):
            continue  # a person ("Chairman Alvarado") or a post ("Embassy Cairo")
        name = m.group(1)
        entry = GazetteerEntry(name, PlaceKind.CITY, None, code)
        out.append(_PlaceHit(name, entry, Span.of(text, start, end)))
    return out


# A port, an airport or a border crossing named by its town: "Port of Callao", "the port of
# Durrës", "Jaber crossing", "Chisinau International Airport". Such a place is where a figure
# is, more precisely than its town (airports and crossings named otherwise, "Kotoka
# International Airport", are read as places where they stand).
_PORT_OF_BEFORE_RE = re.compile(r"(?<![\w-])([Pp]ort\s+of\s+)\Z")
_FACILITY_AFTER_RE = re.compile(
    r"(\s+(?:International\s+)?Airport|\s+(?:[Bb]order\s+)?[Cc]rossing(?:\s+[Pp]oint)?"
    r"|\s+(?:Sea)?[Pp]ort(?!\s+of\b)|\s+Harbou?r)(?![\w-])"
)
_FACILITY_NAME_RE = re.compile(
    r"^Port\s+of\s|\s(?:Airport|[Cc]rossing|[Cc]rossing\s+[Pp]oint|(?:Sea)?[Pp]ort|Harbou?r)$"
)


_CITY_WORD_AFTER_RE = re.compile(r"\s+(City|River)(?![\w-])")


def _city_or_river_of_the_name(text: str, hits: list[_PlaceHit]) -> list[_PlaceHit]:
    """``hits`` with a province or town followed by "City" widened to the city of that name
    when the gazetteer has it in the same country ("Quezon" in "Quezon City", "Cebu City"),
    and one followed by "River" widened to the river (a region of that country: "Putumayo
    River", "Paraná River").

    >>> e = GazetteerEntry("Quezon", PlaceKind.SUBDIVISION, "PH-QUE", "PH")
    >>> t = "Equipment in Quezon City."
    >>> hit = _PlaceHit("Quezon", e, Span.of(t, 13, 19))
    >>> [(h.name, h.entry.kind.value) for h in _city_or_river_of_the_name(t, [hit])]
    [('Quezon City', 'city')]
    >>> e = GazetteerEntry("Putumayo", PlaceKind.SUBDIVISION, "CO-PUT", "CO")
    >>> t = "Patrols on the Putumayo River."
    >>> hit = _PlaceHit("Putumayo", e, Span.of(t, 15, 23))
    >>> [(h.name, h.entry.kind.value) for h in _city_or_river_of_the_name(t, [hit])]
    [('Putumayo River', 'region')]
    """
    out: list[_PlaceHit] = []
    for h in hits:
        m = _CITY_WORD_AFTER_RE.match(text, h.span.end)
        country = h.entry.country
        if m is not None and country and h.entry.kind != PlaceKind.COUNTRY:
            name = f"{h.name} {m.group(1)}"
            if m.group(1) == "River":
                entry = GazetteerEntry(name, PlaceKind.REGION, None, country)
                out.append(_PlaceHit(name, entry, Span.of(text, h.span.start, m.end())))
                continue
            if name in city_names(country):
                entry = GazetteerEntry(name, PlaceKind.CITY, None, country)
                out.append(_PlaceHit(name, entry, Span.of(text, h.span.start, m.end())))
                continue
        out.append(h)
    return out


def _facilities(text: str, hits: list[_PlaceHit]) -> list[_PlaceHit]:
    """``hits`` with each town named as a port, an airport or a crossing ("Port of Callao",
    "Jaber crossing") widened to that name (kind: city, in the town's country).

    >>> e = GazetteerEntry("Callao", PlaceKind.CITY, None, "PE")
    >>> t = "Seizures at the port of Callao fell."
    >>> [h.name for h in _facilities(t, [_PlaceHit("Callao", e, Span.of(t, 24, 30))])]
    ['Port of Callao']
    """
    out: list[_PlaceHit] = []
    for h in hits:
        start, end = h.span.start, h.span.end
        before = _PORT_OF_BEFORE_RE.search(text, max(0, start - 12), start)
        after = _FACILITY_AFTER_RE.match(text, end) if before is None else None
        if h.entry.kind == PlaceKind.COUNTRY or (before is None and after is None):
            out.append(h)
            continue
        if before is not None:
            name = "Port of " + h.name
            start = before.start(1)
        else:
            assert after is not None
            end = after.end()
            name = h.name + " " + " ".join(after.group(1).split())
        entry = GazetteerEntry(name, PlaceKind.CITY, None, h.entry.country)
        out.append(_PlaceHit(name, entry, Span.of(text, start, end)))
    return out


# What makes a known place's name part of a longer name, as written: a geographic word after
# it ("Riau Islands", "Burgas Bay", "Niassa Special Reserve", "Phu Quoc Island"), then perhaps
# a subdivision's ("Riau Islands Province"); a direction or "Bay of" before it ("South
# Tarawa", "Great Exuma", "Bay of Kotor", "Ras Beirut").
_WHOLE_AFTER_RE = re.compile(
    r"(?:\s+(?:Islands?|Bay|Atoll|Archipelago|Peninsula|Highlands|(?:Special\s+|Game\s+"
    r"|Forest\s+|Nature\s+)?Reserve|National\s+Park)(?:\s+(?:" + _SUFFIX_RE + r"))?)(?![\w-])"
)
_WHOLE_BEFORE_RE = re.compile(
    r"(?<![\w-])((?:North|South|East|West|Central|Upper|Lower|Great|Greater|Ras)\s+"
    r"|(?:Bay|Gulf|Strait|Isle)\s+of\s+(?:the\s+)?)\Z"
)


def _whole_names(
    text: str, hits: list[_PlaceHit], blocked: list[tuple[int, int]]
) -> list[_PlaceHit]:
    """``hits`` with each place that is not a country widened to the whole name the text gives
    it (``_WHOLE_AFTER_RE``, ``_WHOLE_BEFORE_RE``), where no organization's name holds the
    widened part and no other place's name starts there. The place keeps its kind (a town's
    bay or district is placed as the town is) unless a subdivision's word ends the name.

    >>> e = GazetteerEntry("Riau", PlaceKind.SUBDIVISION, "ID-RI", "ID")
    >>> t = "Patrols in the Riau Islands grew."
    >>> hit = _PlaceHit("Riau", e, Span.of(t, 15, 19))
    >>> [(h.name, h.entry.kind.value) for h in _whole_names(t, [hit], [])]
    [('Riau Islands', 'subdivision')]
    >>> e = GazetteerEntry("Tarawa", PlaceKind.CITY, None, "KI")
    >>> t = "Two visits to South Tarawa."
    >>> [h.name for h in _whole_names(t, [_PlaceHit("Tarawa", e, Span.of(t, 20, 26))], [])]
    ['South Tarawa']
    """
    blocked_index = _SpanIndex(blocked)
    starts = {h.span.start for h in hits}
    out: list[_PlaceHit] = []
    for h in hits:
        start, end = h.span.start, h.span.end
        if h.entry.kind == PlaceKind.COUNTRY or _is_facility(h.name):
            out.append(h)
            continue
        kind = h.entry.kind
        after = _WHOLE_AFTER_RE.match(text, end)
        if after is not None and not any(
            blocked_index.holds(i) or i in starts for i in range(end + 1, after.end())
        ):
            end = after.end()
            if after.group().split()[-1] in SUBDIVISION_SUFFIXES:
                kind = PlaceKind.SUBDIVISION
        before = _WHOLE_BEFORE_RE.search(text, max(0, start - 24), start)
        if before is not None and not any(
            blocked_index.holds(i) for i in range(before.start(1), start)
        ):
            start = before.start(1)
        if (start, end) == (h.span.start, h.span.end):
            out.append(h)
            continue
        name = " ".join(text[start:end].split())
        entry = GazetteerEntry(name, kind, None, h.entry.country)
        out.append(_PlaceHit(name, entry, Span.of(text, start, end)))
    # a widened name may now hold another place's ("Bay of Kotor" and "Kotor" found twice)
    out.sort(key=lambda h: (h.span.start, -h.span.end))
    kept: list[_PlaceHit] = []
    for h in out:
        if kept and h.span.start < kept[-1].span.end and h.span.end <= kept[-1].span.end:
            continue
        kept.append(h)
    return kept


def _is_facility(name: str) -> bool:
    """Whether a place's name names a port, an airport or a border crossing."""
    return _FACILITY_NAME_RE.search(name) is not None


def _program_country(document: Document, places: list[_PlaceHit]) -> str | None:
    stem = document.name.replace("-", " ").replace("_", " ").strip()
    for cand in (stem, stem.title()):
        entry = lookup(cand)
        if entry is not None and entry.kind == PlaceKind.COUNTRY:
            in_text = [h.name for h in places if h.entry.country == entry.country]
            return cand if cand in in_text or not in_text else in_text[0]
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    by_code: dict[str, int] = {}
    for h in places:
        first[h.name] = min(first.get(h.name, h.span.start), h.span.start)
        if h.entry.kind == PlaceKind.COUNTRY and h.entry.code != "US":
            counts[h.name] = counts.get(h.name, 0) + 1
            code = h.entry.country or h.name
            by_code[code] = by_code.get(code, 0) + 1
    if not counts or 2 * max(by_code.values()) <= sum(by_code.values()):
        # no country has most of the mentions: a document about a region or several countries
        # is about what its title names first ("Justice and Security in the Sahel: U.S.
        # Assistance to Mali and Niger", "CARIBBEAN BASIN SECURITY INITIATIVE"); of countries
        # the title names, the most named in the text ("UKRAINE BORDER SECURITY / ...
        # Equipment Provided to Poland", Poland named four times to Ukraine's three)
        titled = _title_places(document.text or "")
        if titled:
            name, line = titled[0]
            lead = lookup(name)
            if lead is None or lead.kind != PlaceKind.COUNTRY or not counts:
                return name  # a region the title names first is the document's subject
            # (not of one line's list, "Police Institutions in Ukraine, Moldova, and Kosovo",
            # nor of a short sentence the title's lines run into)
            most = max(counts, key=lambda n: (counts[n], -first[n]))
            text = document.text or ""
            other = any(
                n == most and at != line and not _line_of(text, at).rstrip().endswith(".")
                for n, at in titled
            )
            return most if other else name
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -first[n]))


#: How far a document's title can reach: the lines before its first paragraph of prose.
_TITLE_CHARS = 600
_PROSE_LINE = 150
# A line naming the committee or subcommittee a testimony is given before: its places
# ("Subcommittee on the Western Hemisphere", "Subcommittee on Europe, Eurasia, ...") are not
# what the document is about.
_COMMITTEE_LINE_RE = re.compile(r"(?:Sub)?[Cc]ommittee|Bureau\s+of")


# small words a title-cased line capitalizes that place names keep lower-case ("Democratic
# Republic of the Congo", "Bosnia and Herzegovina")
_SMALL_TITLE_WORD_RE = re.compile(r"(?<=\s)(?:And|Of|The|De|Du|La)(?=\s)")


def _line_of(text: str, start: int) -> str:
    """The line of ``text`` that starts at ``start``."""
    end = text.find("\n", start)
    return text[start : len(text) if end < 0 else end]


def _title_places(text: str) -> list[tuple[str, int]]:
    """The countries and regions (not the United States, not a hemisphere) named in the
    document's title, in order, each with where its line starts: the lines before its first
    line of prose, at most 600 characters."""
    end, pos = min(len(text), _TITLE_CHARS), 0
    while pos < end:
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        if nl - pos > _PROSE_LINE:
            end = pos
            break
        pos = nl + 1
    head = "\n".join(
        # a title in capitals ("CARIBBEAN BASIN SECURITY INITIATIVE") read in title case
        _SMALL_TITLE_WORD_RE.sub(lambda w: w.group().lower(), line.title())
        if line.isupper()
        else line
        for line in text[:end].split("\n")
    )
    out: list[tuple[str, int]] = []
    for h in _find_places(head, []):
        if h.entry.kind not in (PlaceKind.COUNTRY, PlaceKind.REGION) or h.entry.code == "US":
            continue
        if h.name.endswith("Hemisphere"):
            continue
        line_start = text.rfind("\n", 0, h.span.start) + 1
        if _COMMITTEE_LINE_RE.search(text, line_start, h.span.start):
            continue
        if _OFFICE_FOR_RE.search(text, max(line_start, h.span.start - 40), h.span.start):
            continue  # the author's office ("Regional Office for Southeast Asia"), not the subject
        out.append((h.name, line_start))
    return out


_OFFICE_FOR_RE = re.compile(
    r"\b(?:Office|Bureau|Section|Division|Centre|Center|Command|Mission)\s+(?:for|of|in)\s+"
    r"(?:the\s+)?\Z"
)


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
    if country != _DONOR and text:
        # the donor is where an assistance figure is only when the text says "in" it ("seized
        # in the United States"), not as giver or destination ("United States Donates $450K",
        # "bound for the United States")
        near = [
            h
            for h in near
            if h.entry.name != _DONOR
            or _IN_BEFORE_RE.search(text, max(0, h.span.start - 24), h.span.start) is not None
        ]
    if near and text:
        # the program country's name opening an organization's is not where the figure is
        # ("to the Sri Lanka Coast Guard at its base in Mirissa", "the Malta Police Force's
        # unit in Floriana"): it says no more than the program's country (in a regional
        # document, "the Trinidad and Tobago Police Service" does say where)
        near = [
            h
            for h in near
            if not (h.name == country and _NAME_GOES_ON_RE.match(text, h.span.end) is not None)
        ]
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
        # a place and what it lies in, in apposition, name one place: the first ("In Lae,
        # Morobe Province, ...", "in Gaborone, Botswana")
        near = [
            h
            for k, h in enumerate(near)
            if not (
                k
                and _contains(h.entry, near[k - 1].entry)
                and text[near[k - 1].span.end : h.span.start].strip() == ","
            )
        ]
        side = [h for h in near if h.span.start > fig.span.end]
        if len(side) < 2:
            # the places before the figure, nearest last: "trained in Guayaquil and Manta seized"
            side = [h for h in near if h.span.end <= fig.span.start][-2:]
        if (
            len(side) >= 2
            and side[0].name != side[1].name
            and side[1].entry.kind != PlaceKind.COUNTRY  # "in Gaborone, Botswana": appositive
            and _COORDINATED_PLACES_RE.fullmatch(text, side[0].span.end, side[1].span.start)
        ):
            return country  # "in Maputo and at provincial commands in Nampula": several places
        if (
            near
            and near[0].span.start > fig.span.end
            and all(h.name == near[0].name for h in near)
            and _PLACE_LIST_AFTER_RE.match(text, near[0].span.end, hi)
        ):
            return country  # "in Casablanca, Tetouan and Oujda": one of several places
    if near and text:
        # where the event the figure is part of took place, however far after it: "...
        # handed over 12 vehicles, valued at $2.3 million, at a ceremony in Hastings"
        ceremony = [
            h
            for h in near
            if h.span.start > fig.span.end
            and _EVENT_PLACE_BEFORE_RE.search(text, max(0, h.span.start - 60), h.span.start)
        ]
        # a place the figure's phrase does not reach: one named as an origin, direction or
        # neighbour ("from bases in Chimoré", "bound for Johannesburg", "near Sousse"), or
        # after the figure past a comma or a relative clause ("..., including a laboratory in
        # Abuja", "16 helicopters that fly from Santa Cruz"), unless a ceremony places it
        near = [
            h
            for h in near
            if _RELATION_BEFORE_RE.search(text, max(0, h.span.start - 90), h.span.start) is None
            and (
                h.span.start < fig.span.end
                or _PHRASE_BREAK_RE.search(text, fig.span.end, h.span.start) is None
                or h in ceremony
            )
        ]
        # a handover's ceremony is where what it hands over is, before a name on the way ("to
        # the Fiji Police Force at a ceremony in Suva")
        near = [h for h in ceremony if h in near] or near
    if near and text:
        # a place the figure's own phrase names ("$4.5 million for Moldova") beats one that
        # closed the list item before it ("... for Ukraine, $4.5 million for Moldova")
        own = [
            h
            for h in near
            if 0 <= h.span.start - fig.span.end <= 40
            and _OWN_PLACE_BETWEEN_RE.fullmatch(text, fig.span.end, h.span.start) is not None
            and not text.startswith(("'s", "’s"), h.span.end)  # "Ghana's container traffic"
            # (not a name it begins: "to the Cabo Verde Coast Guard")
            and _NAME_GOES_ON_RE.match(text, h.span.end) is None
        ]
        if own and all(
            _ITEM_BREAK_RE.search(text, h.span.end, fig.span.start) is not None
            for h in near
            if h.span.end <= fig.span.start
        ):
            near = own
    if near:
        # a port, airport or crossing in the clause is where the figure is, before its town
        ports = [h for h in near if _is_facility(h.name)]
        best = min(ports or near, key=lambda h: abs(h.span.start - fig.num_start))
        return best.name
    if fig.change is not None:
        return None
    if text and _GLOBAL_RE.search(text, s, e):
        return None  # a global figure has no country: "an estimated 275 million people worldwide"
    return country


_RANK = {PlaceKind.COUNTRY: 0, PlaceKind.SUBDIVISION: 1, PlaceKind.CITY: 2}


def _contains(outer: GazetteerEntry, inner: GazetteerEntry) -> bool:
    """Whether ``outer`` is a country or subdivision that ``inner``, a smaller place of the same
    country, lies in (as far as the gazetteer's kinds tell)."""
    if outer.kind not in (PlaceKind.COUNTRY, PlaceKind.SUBDIVISION) or inner.country is None:
        return False
    rank = _RANK.get(inner.kind)
    return outer.country == inner.country and rank is not None and rank > _RANK[outer.kind]


_RELATION_BEFORE_RE = re.compile(
    r"\b(?:from|toward|towards|bound\s+for|destined\s+for|headed\s+for|near|outside|beyond|with"
    r"|between|via)"
    r"(?:\s+(?:bases|the\s+(?:border|coast|city|capital|port|region)))?\s+(?:the\s+)?"
    # the later items of a list the relation governs: "borders with Thailand, Laos and Vietnam"
    r"(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)){0,4}"
    r"(?:\w+\s+)?\Z",
    re.IGNORECASE,
)
# the place of a handover or graduation ceremony: "at a ceremony at the SENAFRONT base in",
# "at a handover ceremony in", "during a ceremony at"
_EVENT_PLACE_BEFORE_RE = re.compile(
    r"\b(?:at|during)\s+an?\s+(?:[a-z-]+\s+){0,2}ceremony\s+(?:at|in)\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){0,4}?(?:(?:in|at|of)\s+)?\Z"
)
# where the list item before a figure ends: "for Ukraine, $4.5 million", "for Mali and $4.8"
_ITEM_BREAK_RE = re.compile(r"[,;]|\sand\s")
# between a figure's phrase and the place it names: "$4.5 million for Moldova", "64 boarding
# officers who completed a course in Lae"
_OWN_PLACE_BETWEEN_RE = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,4}?(?:for|in|to|at)\s+(?:the\s+)?")
_NAME_GOES_ON_RE = re.compile(r"[ \t]+[A-Z][a-z]")
_PHRASE_BREAK_RE = re.compile(
    r",|\b(?:from|toward|towards|bound\s+for|near|outside|beyond|with|including|which|who"
    r"|that|where|whose|while)\b"
)

#: The country whose assistance the documents describe.
_DONOR = "United States"
_IN_BEFORE_RE = re.compile(r"\b(?:in|within|inside|across|throughout)\s+(?:the\s+)?\Z")
_COORDINATED_PLACES_RE = re.compile(
    r"\s*(?:,|and\b|or\b)[\w\s,]{0,40}?\b(?:in|at)\s+|\s*(?:,\s*|and\s+|or\s+)"
    # a list whose other items the gazetteer does not know: "Casablanca, Tetouan and Oujda",
    # "Chisinau, Balti, Cahul"
    r"|(?:\s*,\s*(?:and\s+|or\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}){1,4}"
    r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
)
# More places listed after a known one, which the gazetteer does not know: ", Tetouan and Oujda"
_PLACE_LIST_AFTER_RE = re.compile(
    # (a comma before the "and" only after a list's middle names: "in the Riau Islands, and
    # Polairud reported" opens a clause)
    r"(?:(?:\s*,\s*[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}){1,4}\s*,?)?\s+(?:and|or)\s+[A-Z]"
)
# (a further act of the same subject after a comma, in its base form: "will provide cameras to
# units at the Siret crossing, train up to 250 officers, and support two teams"; not a
# participle's phrase, "Mpimba Central Prison in Bujumbura, built for 800, holds 2,500")
_FURTHER_ACTS = "|".join(
    sorted({forms[0] for forms, further in ACTIVITY_VERBS if further}, key=len)[::-1]
)
_PLACE_CLAUSE_BREAK_RE = re.compile(
    r";|,\s+(?:while|whereas|but|although|though)\b|,\s+and\s+(?=[a-z]+ed\b)"
    r"|\s[–—]\s|\s+and\s+(?:has|have|had)\s+(?=[a-z]+ed\b)"
    r"|,\s+(?:and\s+)?(?:will\s+)?(?:also\s+)?(?=(?:" + _FURTHER_ACTS + r")\s)"
)
_GLOBAL_RE = re.compile(
    r"\b(?:[Ww]orldwide|[Gg]lobally|[Gg]lobal(?=\s+(?:drug|opium|cocaine|heroin|production|market"
    r"|supply|demand|trade|flows?|total|population|economy|GDP|estimates?)\b)|(?:the\s+)?world[’']s"
    r"|(?:around|across|in)\s+the\s+world)\b"
)
