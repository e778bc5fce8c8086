"""Organizations: names, acronyms, kinds and parents.

Capitalized runs headed by an organization noun ("Ministry of Interior", "National Police"),
acronyms defined in the text or known from the lexicon, governments named by country or
demonym, armed groups, and the mentions that tie them to the text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from itertools import pairwise

from kg.extract.lexicon import (
    ARMED_GROUPS,
    DEMONYMS,
    FORCE_WORDS,
    FUNDING_ACCOUNTS,
    HEADLINE_VERBS,
    KNOWN_ACRONYMS,
    KNOWN_NAMES,
    LEADING_HEADS,
    LEADING_STOPWORDS,
    NON_ORG_HEADS,
    NOT_ORG_ACRONYMS,
    OFFICE_TITLES,
    ORG_HEADS,
    POLICY_HEADS,
    POST_TITLES,
    PRESS_OFFICES,
    RELEASE_VERBS,
    SECURITY_WORDS,
    SINGULAR_BODIES,
    TITLE_WORDS,
    TRAINING_WORDS,
    word_set,
)
from kg.extract.places import (
    _COUNTRY_NAMES,
    _DEMONYM_TO_COUNTRY,
    _NAME_TITLE_BEFORE_RE,
    _PlaceHit,
)
from kg.extract.text import (
    _CONNECTORS,
    _POSSESSIVE,
    _is_cap,
    _is_head,
    _line_start,
    _line_starts,
    _runs,
    _SpanIndex,
    _Tok,
    consistent_case,
    unbroken,
)
from kg.extract.years import _MONTHS
from kg.model import Organization, OrgKind, PlaceKind, Span
from kg.numbers import NUMBER_WORDS, is_plural
from kg.places import SUBDIVISION_SUFFIXES, lookup

_DEMONYM_ALT = "|".join(sorted(map(re.escape, _DEMONYM_TO_COUNTRY), key=len, reverse=True))
_COUNTRY_ALT = "|".join(re.escape(n) for n in _COUNTRY_NAMES)
_GOV_OF_RE = re.compile(r"\b[Gg]overnment\s+of\s+((?:the\s+)?(?:" + _COUNTRY_ALT + r"))(?![\w-])")
_GOV_ADJ_RE = re.compile(
    # (not a region's people: "Central American authorities", "Latin American governments")
    r"(?=[A-Z])(?<![\w-])(?<!Central\s)(?<!Latin\s)(?<!South\s)(?<!North\s)"
    r"(?:(" + _DEMONYM_ALT + r")|(" + _COUNTRY_ALT + r")[’']s)\s+"
    r"(government|authorities|officials|[Gg]overnment\b(?!\s+of\b))(?![\w-])"
)
# "the GoL", "GOP": the host government by its initials (Government of Laos, of Pakistan)
_GO_INITIALS_RE = re.compile(r"(?<![\w-])G[Oo]([A-Z]{1,3})(?![\w-])")
_DEMONYM_GOV_RE = re.compile(r"(?:[A-Z][\w-]*\s+)?(" + _DEMONYM_ALT + r")\s+Government")
_US_DEPARTMENT_RE = re.compile(
    r"(?:the\s+)?(?:U\.S\.\s+)?Department\s+of\s+(?:State|Justice|Homeland\s+Security|Defense"
    r"|the\s+Treasury|Treasury|Agriculture|Labor|Commerce|Health\s+and\s+Human\s+Services)"
)
_HOST_GOV_RE = re.compile(
    r"(?<![\w-])(?:national|host[- ](?:nation|country|government))\s+authorities\b"
    r"|(?<![\w-])host[- ]government\b"
)
_US_GOV_RE = re.compile(
    # not the start of a longer name ("United States Government Accountability Office")
    r"(?<![\w-])(?:(?:U\.\s?S\.|United States)\s+[Gg]overnment|USG)(?![\w-])(?![ \t]+[A-Z][a-z])"
)
# the United States acting, as its government: "the United States is handing over 12
# vehicles", "The United States has invested $19 million", "United States Announces $14.5
# Million" (not the country as a place: "trained in the United States")
_US_ACTOR_RE = re.compile(
    r"(?<![\w.-])(?<!\bin\s)(?<!\bto\s)(?<!\bfrom\s)(?:[Tt]he\s+)?(United\s+States)"
    r"(?=\s+(?:(?:also|now|today|recently|again|further)\s+)?(?:is|was|has|have|had|will|would"
    r"|remains|continues|stands|provides|provided|donates|donated|announces|announced|funds"
    r"|funded|supports|supported|invests|invested|trains|trained|delivers|delivered|gives|gave"
    r"|commits|committed|pledges|pledged|hands|handed|builds|built|equips|equipped)\b)"
)
# what a country does as a donor, right after its name (or after its partner's: "Australia
# and New Zealand, which spent")
_GIVEN = (
    r"(?:(?:more\s+than|over|about|some|nearly|an?)\s+)?(?:(?:additional|new)\s+)?"
    r"(?:\$|US\$|A\$|funding|funds|training|equipment|assistance|support|grants?|boats?"
    r"|vessels?|aircraft|vehicles?|radios|scanners"
    r"|\d[\d.,]*\s+(?:million|billion|patrol|vehicles?|boats?|vessels?))"
)
_COUNTRY_DONOR_AFTER_RE = re.compile(
    r"(?:\s+and\s+(?:the\s+)?[A-Z][\w ]{2,30}?)?(?:,?\s+which)?"
    r"\s+(?:(?:also|has|have|had|will|recently|again|jointly)\s+)*"
    r"(?:(?:donated|donates|funded|funds?|spent|spends|pledged|pledges|financed|finances"
    r"|committed|commits"
    # a state's own acts: "Hungary contributes the campus", "Kenya enacted", "Japan and the
    # United States exchange financial intelligence", "Panama extradited 14"
    r"|co-?founded|founded|signed|ratified|enacted|adopted|extradited"
    r"|exchanges?|cooperates|cooperated|coordinates|coordinated|are\s+coordinating"
    r"|deployed|deploys|seized|arrested|prosecuted|convicted|criminalized|joined)\b"
    # "provided" and "gave" as a donor's, not a source's ("Afghanistan provides about 80
    # percent of the world's opium"): after the thing given ("a boat that Australia provided
    # under its program") or before what is given ("Japan provided $2 million")
    r"|(?:provided|provides|gave|gives|contributed|contributes)\b"
    r"(?=\s*[.,;:)]|\s+(?:under|through|in\s+(?:19|20)\d\d|to\s+(?:the\s+)?[A-Z])"
    r"|\s+" + _GIVEN + r"))"
)
# a country named as a place or a source before it ("comes from Pakistan and Afghanistan")
_NOT_ACTOR_BEFORE_RE = re.compile(
    r"\b(?:in|to|from|for|with|of|by|between)\s+(?:the\s+)?(?:[A-Z][\w ]{2,30}?\s+and\s+"
    r"(?:the\s+)?)?\Z"
)
#: Countries whose names take "the" ("the Government of the United Kingdom")
_THE_COUNTRIES = frozenset(
    {"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Seychelles", "Comoros",
     "Marshall Islands", "Solomon Islands"}
)  # fmt: skip


def _with_article(name: str) -> str:
    """A country's name as it follows "Government of": "the United Kingdom", "Australia"."""
    if name.startswith("United ") or "Republic" in name or name in _THE_COUNTRIES:
        return "the " + name
    return name


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
_SINGULAR_BODY_RE = re.compile(
    r"(?<![\w-])[Tt]he\s+(" + "|".join(sorted(SINGULAR_BODIES)) + r")(?![\w-])(?!\s+(?:of|for)\b)"
)
_KNOWN_NAMES_RE = re.compile(
    r"(?=[A-Z])(?<![\w-])(?:"
    + "|".join(re.escape(n) for n in sorted(KNOWN_NAMES, key=len, reverse=True))
    + r")(?![\w-])"
)
_ACRONYM_RE = re.compile(r"(?<![\w\-.])([A-Z][A-Za-z]*[A-Z](?:-[A-Z0-9]+)?)(?:[’']s)?(?![\w])")
_ACRONYM_DEF_RE = re.compile(
    r"\s*\(\s*"
    # after the name in the country's language: "(Policía Nacional Civil, or PNC)",
    # "(Fiscalía General del Estado, FGE)"
    r"(?:(?=[^()\n]{0,80}?[a-zà-ÿ])[^()\n,;]{2,80}?[,;]\s*(?:or\s+|known\s+as\s+)?)?"
    r"([A-Z][A-Za-z0-9&\-]*[A-Z0-9]s?(?:-[A-Z][a-z]+)?)\s*\)"
)
_US_MARKERS = re.compile(
    r"\bU\.S\.|\bUnited States\b|\b(?:House|Senate)\b|\bCommittee on (?:Foreign|Appropriations)"
    r"|^Subcommittee on\b|\bAffairs Section\b"  # an embassy's Narcotics/Public Affairs Section
    r"|^INL\b|\bBureau (?:of|for) International Narcotics\b"  # "INL Office of Aviation"
)
# Private and non-profit bodies: foundations, firms, non-governmental organizations
_OTHER_MARKERS = re.compile(
    r"\b(?:Foundation|Fundación|Fundação|Fondation|LLC|Inc\.?|Ltd\.?|Corporation|Partners"
    r"|Associates|Society|Consulting|Consultants|Evaluation Group|Research Group|University"
    r"|Hospital|Institute for Public|Centers?(?= for (?:Research|Studies|Strategic)))\b"
)
# A financial intelligence or analysis unit is an agency of its government, not a force
_FINANCIAL_UNIT_RE = re.compile(r"\bFinancial\s+(?:Intelligence|Information|Analysis)\b")
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
        """The preferred name (what :meth:`final` gives, without sorting the mentions), in the
        spelling every document gives it (:func:`~kg.extract.text.consistent_case`)."""
        full = [n for n in self.names if n != self.acronym]
        if self.canonical:
            return consistent_case(self.canonical)
        if full:
            return consistent_case(
                max(
                    full,
                    key=lambda n: (len(n.split()), -self.seen_at.get(n, 1 << 60), -full.index(n)),
                )
            )
        return self.acronym or consistent_case(self.names[0])

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


_FACILITY_WORDS = word_set("facility_words")
#: Heads of a name only as its last word: "Border Guard Command", "U.S. Southern Command"
_FINAL_HEADS = frozenset({"Command"})
#: Last words of a title's own "of" phrase ("Chief of Staff", "Deputy Chief of Mission").
_TITLE_OF_WORDS = frozenset({"Police", "Staff", "Mission", "State", "Operations"})
#: Prepositions after a verb in "-ing" that opens a sentence ("Speaking for the Ministry").
_VERB_PREPS = frozenset({"for", "with", "on", "against"})


# Capitalized words ending in a legal instrument's word after an acronym ("UN Drug
# Convention", "UN Security Council Resolution"); not a publication's ("UNODC World Drug
# Report": UNODC wrote it)
_DOCUMENT_AFTER_RE = re.compile(
    r"(?:[ \t]+[A-Z][\w-]*){0,4}?[ \t]+(?:Convention|Treaty|Resolution|Protocol|Charter"
    r"|Covenant|Accord|Agreement|Compact|Declaration|Act|Code)(?![\w-])"
)

#: The full names of the well-known organizations (kept whole where they hold "and").
_KNOWN_FULL_NAMES = frozenset(full for full, _kind in KNOWN_ACRONYMS.values()) | frozenset(
    KNOWN_NAMES
)


#: A head noun ending a longer word ("Undersecretariat", "Subdirectorate"): still a head.
_HEAD_SUFFIX_RE = re.compile(
    "(?:"
    + "|".join(
        sorted((re.escape(h.lower()) for h in LEADING_HEADS | ORG_HEADS), key=len, reverse=True)
    )
    + ")$",
    re.IGNORECASE,
)


def _org_from_run(run: list[_Tok], text: str, defined: bool = False) -> tuple[int, int] | None:
    """Indexes ``(i, j)`` (inclusive) of an organization name inside a capitalized run."""
    i = 0
    while i < len(run) and (
        run[i].text in LEADING_STOPWORDS
        or run[i].text in _CONNECTORS
        # "Four Port Control Units": a count of them, as "Sixty Lesotho Correctional Service
        # officers" is of the officers after the name (not "Five Eyes Law Enforcement Group")
        or (
            run[i].text.lower() in NUMBER_WORDS
            and (is_plural(run[-1].text) or (i + 1 < len(run) and not is_plural(run[i + 1].text)))
        )
    ):
        i += 1
    # a verb opening the sentence before a preposition: "Speaking for the Ministry of ..."
    if i < len(run) - 1 and run[i].text.endswith("ing") and run[i + 1].text in _VERB_PREPS:
        i += 1
    # a person's office (and name) before the body: "Permanent Secretary of the Ministry of
    # Home Affairs", "Sergeant Abena Owusu of the Motor Traffic and Transport Department"
    t = i
    if t < len(run) and run[t].text in OFFICE_TITLES:
        while t < len(run) and run[t].text != "of" and not _is_head(run[t].text):
            t += 1
    if i < t < len(run) - 1 and run[t].text == "of":
        i = t
        # the title's own "of": "Chief of Staff of the ...", "Commissioner of Police for the ..."
        u = i + 1
        while u < len(run) and run[u].text not in ("of", "for"):
            u += 1
        if u < len(run) - 1 and u - i <= 3 and run[u - 1].text in _TITLE_OF_WORDS:
            i = u
    while i < len(run) and run[i].text in _CONNECTORS:
        i += 1
    toks = run[i:]
    if not toks:
        return None
    if " ".join(t.text for t in toks) in _KNOWN_FULL_NAMES:
        return i, len(run) - 1  # "U.S. Customs and Border Protection", "Colombo Plan"
    heads = [k for k, t in enumerate(toks) if _is_head(t.text)]
    if len(toks) >= 2 and toks[-1].text.split("-")[0] in _FINAL_HEADS:
        # "Vietnam Border Guard Command", "Combined Security Transition Command-Afghanistan"
        # (not "Incident Command System")
        heads.append(len(toks) - 1)
    if not heads:
        return None
    k = heads[0]
    lead = [
        n
        for n in range(1, k)
        if toks[n].text in ("of", "for", "on")
        # a report's title or a person's office: "Audit of the Bureau ...", "Senior
        # Superintendent of Police" (not "General Staff of the Armed Forces")
        and (toks[n - 1].text in TITLE_WORDS or toks[n - 1].text in OFFICE_TITLES)
        # (not a head the lexicon spells inside a longer word: "Undersecretariat of Customs")
        and _HEAD_SUFFIX_RE.search(toks[n - 1].text) is None
    ]
    if lead:
        # a title before the body: "Audit of the Bureau of ... Affairs Security Assistance"
        i += lead[-1] + 1
        while i < len(run) and run[i].text in _CONNECTORS:
            i += 1
        toks = run[i:]
        heads = [n for n, t in enumerate(toks) if _is_head(t.text)]
        if not heads:
            return None
        k = heads[0]
        known = next(
            (
                n
                for n in range(len(toks) - 1, k - 1, -1)
                if " ".join(t.text for t in toks[: n + 1]) in _KNOWN_FULL_NAMES
            ),
            None,
        )
        if known is not None:
            return i, i + known
    # "Office of National Drug Control Policy": a body named after what it is for (also its
    # last head: "Senate Committee on Foreign Relations")
    head_of = any(
        h + 2 < len(toks)
        and (
            toks[h + 1].text in ("of", "for", "on", "against", "Against", "For")
            # where a mission is accredited: "the OSCE Mission to Serbia"
            or (h > 0 and toks[h + 1].text == "to" and toks[h].text in ("Mission", "Delegation"))
        )
        for h in (k, heads[-1])
    )
    if defined or head_of:
        j = len(toks) - 1
        if not defined:
            j = _without_date_or_post(toks, k, j)
    else:
        j = heads[-1]
        while j + 1 < len(toks) and re.fullmatch(r"[A-Z]|\d{1,3}|[IVX]{1,4}", toks[j + 1].text):
            j += 1
    while j > 0 and toks[j].text in _CONNECTORS:
        j -= 1
    if j == 0 and not toks[0].text.isupper():
        return None  # a lone head noun ("Police", "Program")
    if _names_a_document(toks[j].bare) and not (head_of and k < j):
        return None
    if any(t.text in HEADLINE_VERBS for t in toks[: j + 1]):
        return None  # a headline: "State Should Strengthen Performance Measures for Police"
    if j + 1 < len(toks) and toks[j + 1].bare in _FACILITY_WORDS:
        return None  # "Model Police Precincts", "Border Police Stations": places, not bodies
    if " ".join(t.text for t in toks[: j + 1]) in PRESS_OFFICES:
        return None  # a release's sender: "Public Affairs Section", "Office of the Spokesperson"
    return i, i + j


# a month's name (the year-reading module's list, not the locale's)
_MONTH_RE = re.compile(_MONTHS)
#: A post held in the body just named: "a Department of Justice Resident Legal Advisor" is a
#: person the body lends (whom the lead agency funds), not the body as a donor or beneficiary.
POST_AFTER_RE = re.compile(
    r"\s+(?:" + "|".join(re.escape(" ".join(p)) for p in POST_TITLES) + r")s?(?![\w-])"
)


def _without_date_or_post(toks: list[_Tok], k: int, j: int) -> int:
    """The last index of a name that runs on after its head (``toks[k]``) to ``toks[j]``,
    without a date after it ("European Union on January 1") or a post held in it ("Department
    of Justice Resident Legal Advisor")."""
    for n in range(k + 2, j + 1):
        if _MONTH_RE.fullmatch(toks[n].text) and toks[n - 1].text in _CONNECTORS:
            j = n - 2
            break
    words = [t.text for t in toks[: j + 1]]
    for post in POST_TITLES:
        if (
            len(words) > len(post) + 1
            and tuple(words[-len(post) :]) == post
            # (not the post an office is named after: "Office of the Legal Adviser")
            and words[-len(post) - 1] not in ("of", "the")
        ):
            return j - len(post)
    return j


def _org_kind(name: str) -> OrgKind:
    known = KNOWN_NAMES.get(name) or next(
        (k for n, k in KNOWN_NAMES.items() if name.startswith(n + " ")), None
    )
    if known is not None:
        return known  # "Colombo Plan Drug Advisory Programme"
    if _US_DEPARTMENT_RE.fullmatch(name):
        return OrgKind.US_GOVERNMENT  # "Department of Justice": a U.S. department in INL's text
    words = set(re.findall(r"[\w-]+", name))
    if words & TRAINING_WORDS:
        return OrgKind.TRAINING_INSTITUTION
    first = name.split(" ", 1)[0]
    if first in KNOWN_ACRONYMS and " " in name and not words & SECURITY_WORDS:
        return KNOWN_ACRONYMS[first][1]  # a known body's part: "OSCE Mission to Serbia"
    if _US_MARKERS.search(name) or name.endswith(" program") or name.endswith(" Program"):
        return OrgKind.US_GOVERNMENT
    if _INTERNATIONAL.search(name) or name.startswith("International "):
        return OrgKind.INTERNATIONAL
    if _OTHER_MARKERS.search(name):
        return OrgKind.OTHER
    if _FINANCIAL_UNIT_RE.search(name):
        return OrgKind.PARTNER_GOVERNMENT  # "Financial Intelligence Unit"
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
    head_words = set(re.findall(r"[\w-]+", re.split(r"\s+(?:of|for)\s+", name, maxsplit=1)[0]))
    if words & POLICY_HEADS and not (words if head_words == words else head_words) & FORCE_WORDS:
        # "National Commission for Drug Control"; what the body is for does not make it a force:
        # "Directorate for the Investigation and Evaluation of the Police Career"
        return OrgKind.PARTNER_GOVERNMENT
    if words & SECURITY_WORDS or {w.split("-")[0] for w in words} & SECURITY_WORDS:
        return OrgKind.SECURITY_FORCE
    return OrgKind.PARTNER_GOVERNMENT


_US_PREFIX_RE = re.compile(r"^(?:the )?united states ")
# Other names of one U.S. department (case-folded, after "United States" is read "U.S.")
_SAME_DEPARTMENT = {
    "department of state": "u.s. department of state",
    "state department": "u.s. department of state",
    "u.s. state department": "u.s. department of state",
}

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
        clean = _POSSESSIVE.sub("", " ".join(unbroken(name).split()))
        # "United States Government Accountability Office" is "U.S. Government ..." too, and
        # "Bureau for International Narcotics ..." the "Bureau of ..."
        us = _US_PREFIX_RE.sub("u.s. ", clean.casefold())
        if us not in _ACRONYM_OF_FULL and us not in self.name_key:
            us = us.replace(" for ", " of ")
        # "State Department" and "Department of State" are the U.S. Department of State
        us = _SAME_DEPARTMENT.get(us, us)
        key = self.name_key.get(clean.casefold()) or self.name_key.get(us)
        folded = clean.casefold() if clean.casefold() in _ACRONYM_OF_FULL else us
        if key is None and folded in _ACRONYM_OF_FULL:
            acr, _k = _ACRONYM_OF_FULL[folded]
            key = "acr:" + acr
            org = self.get(key, _k)
            org.acronym = acr
            self.acronyms.setdefault(acr, key)
            self.name_key[acr.casefold()] = key
        if key is None:
            key = "name:" + clean.casefold()
        org = self.get(key, kind or _org_kind(clean))
        self.name_key[clean.casefold()] = key
        self.name_key.setdefault(us, key)
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


# An office's name, and what may stand between it and the organization it belongs to
_OFFICE_RE = re.compile(r"(?:Office|Bureau|Division|Section|Directorate)\s+(?:of|for)\s")
_OFFICE_AFTER_RE = re.compile(r"\s*(?:\([A-Z][\w&.-]*\))?\s*(?:,|and\s+its)\s+(?:the\s+)?")


def _set_parent(child: _OrgBuild, parent: _OrgBuild) -> None:
    """Make ``parent`` the organization ``child`` belongs to; a part of a U.S. agency is the
    U.S. government's, whatever its own name suggests ("INL's Office of Aviation")."""
    child.parent = parent.name()
    if parent.kind == OrgKind.US_GOVERNMENT and child.kind in (
        OrgKind.PARTNER_GOVERNMENT,
        OrgKind.SECURITY_FORCE,
    ):
        child.kind = OrgKind.US_GOVERNMENT


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

    def gov(
        code_country: str,
        span: Span,
        alias: str | None,
        canonical: str | None,
        kind: OrgKind = OrgKind.PARTNER_GOVERNMENT,
    ) -> _OrgBuild:
        """The government of a country (``kind`` when it is new), named here as ``alias``."""
        entry = lookup(code_country)
        code = entry.country if entry else code_country
        org = orgs.get("gov:" + (code or code_country), kind)
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
                # (a well-known name may have no head: "Colombo Plan")
                first_head = next((k for k in range(i, j + 1) if _is_head(part[k].text)), j)
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
                _set_parent(orgs.by_key[child], orgs.by_key[key])
    # "INL, Office of Anticrime Programs", "INL and its Office of Aviation": an office of the
    # organization named just before it
    for (key, sp, _end), (child, csp, _cend) in itertools.pairwise(cap_names):
        if (
            key != child
            and key in orgs.by_key
            and child in orgs.by_key
            and _OFFICE_RE.match(csp.quote)
            and _OFFICE_AFTER_RE.fullmatch(text, sp.end, csp.start)
        ):
            _set_parent(orgs.by_key[child], orgs.by_key[key])

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
    host_entry = lookup(country) if country else None
    if country and host_entry is not None and host_entry.kind == PlaceKind.COUNTRY:
        # (a regional program's "host governments" are several: "Central America" has none)
        for m in _HOST_GOV_RE.finditer(text):  # "as reported by national authorities"
            sp = Span.of(text, m.start(), m.end())
            gov(country, sp, sp.quote, None)
        initials = "".join(w[0] for w in re.findall(r"[A-Z][\w-]*", country))
        for m in _GO_INITIALS_RE.finditer(text):
            if m.group(1) == initials:
                gov(country, Span.of(text, m.start(), m.end()), m.group(), None)
    for m in _US_GOV_RE.finditer(text):
        sp = Span.of(text, m.start(), m.end())
        org = orgs.add_name("U.S. Government", sp, OrgKind.US_GOVERNMENT)
        if sp.quote == "USG":
            org.add("USG", sp)  # "USG estimates": the text's own short name
        mention(org, sp)
    for m in _US_ACTOR_RE.finditer(text):
        sp = Span.of(text, m.start(1), m.end(1))
        org = orgs.add_name("U.S. Government", sp, OrgKind.US_GOVERNMENT)
        org.add(sp.quote, sp)
        mention(org, sp)
    # another country acting as a donor, as its government: "a patrol boat that Australia
    # provided", "Australia and New Zealand, which spent more than A$5 million"
    for hit in places:
        if hit.entry.kind is not PlaceKind.COUNTRY or hit.entry.name == "United States":
            continue
        if _COUNTRY_DONOR_AFTER_RE.match(text, hit.span.end) is None:
            continue
        if _NOT_ACTOR_BEFORE_RE.search(text, max(0, hit.span.start - 40), hit.span.start):
            continue
        if _NAME_TITLE_BEFORE_RE.search(text, max(0, hit.span.start - 30), hit.span.start):
            continue  # a person's surname: "Deputy Assistant Secretary Jordan provided"
        host = lookup(country) if country else None
        # a third country's government is no partner of the program (a known one stays)
        third = host is None or host.country != hit.entry.country
        kind = OrgKind.OTHER if third else OrgKind.PARTNER_GOVERNMENT
        gov(hit.name, hit.span, hit.name, "Government of " + _with_article(hit.name), kind)

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
    # "the Judiciary", "the Gendarmerie": a country's one institution of the kind
    for m in _SINGULAR_BODY_RE.finditer(text):
        sp = Span.of(text, m.start(1), m.end(1))
        if known_index.containing(sp.start, sp.end):
            continue  # part of a longer name ("the Judiciary of Uganda")
        # the body the text named in full ("the National Gendarmerie ... the Gendarmerie")
        fuller = [o for o in orgs.by_key.values() if sp.quote in o.name().split()]
        if len(fuller) == 1:
            fuller[0].add(sp.quote, sp)
            mention(fuller[0], sp)
            continue
        org = orgs.add_name(sp.quote, sp, _org_kind(sp.quote))
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
            if _DOCUMENT_AFTER_RE.match(text, sp.end):
                continue  # "the 1988 UN Drug Convention": a treaty's name, not the UN acting
            full, kind = KNOWN_ACRONYMS[acr]
            org = orgs.add_name(full, sp, kind) if full != acr else orgs.add_name(acr, sp, kind)
            org.mentions.pop()
            org.names = [n for n in org.names if n != full or full == acr or n in text]
            orgs.link_acronym(org, acr)
            if full != acr and full not in org.names:
                org.canonical = org.canonical or full
            org.mentions.append(sp)
        elif (spelt := _spelt_by(orgs, acr)) is not None:
            # the acronym of a name the text gives without it ("the Narcotics Control
            # Commission" ... "NACOC seized"): one node
            org = spelt
            orgs.link_acronym(org, acr)
            if sp not in org.mentions:
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
    # "the Border Police" after "the Border Police of Bosnia and Herzegovina", "the Marine
    # Police" after "the Marine Police Unit", "the Border Guard" after "the Vietnam Border Guard
    # Command": the body without its country or its unit word. One node, when one other node's
    # name holds the words so. (Candidates are looked up by the pair of words the short name
    # opens with, so the work does not grow with the square of the nodes.)
    by_pair: dict[tuple[str, str], set[str]] = {}
    for key, org in orgs.by_key.items():
        for n in org.names:
            ws = n.split()
            for pair in pairwise(ws):
                by_pair.setdefault(pair, set()).add(key)
    for key, org in list(orgs.by_key.items()):
        if key in remap or not key.startswith("name:") or org.acronym or len(org.names) != 1:
            continue
        words = org.names[0].split()
        if len(words) < 2:
            continue
        holders = [
            cand
            for okey in sorted(by_pair.get((words[0], words[1]), ()))
            if okey != key
            and okey not in remap
            and (cand := orgs.by_key.get(okey)) is not None
            and cand.kind == org.kind
            and any(_qualified(n.split(), words) for n in cand.names)
        ]
        if len(holders) == 1:
            holder = holders[0]
            holder.add(org.names[0], org.mentions[0])
            holder.mentions.extend(org.mentions[1:])
            remap[key] = holder.key
            orgs.name_key[org.names[0].casefold()] = holder.key
            del orgs.by_key[key]
    # A node named only by an acronym that another node was given ("the GOL declared ..." after
    # "the Government of Laos (GOL)"): one organization.
    named_by: dict[str, list[str]] = {}
    for key, org in orgs.by_key.items():
        for n in org.names:
            named_by.setdefault(n, []).append(key)
    for key, org in list(orgs.by_key.items()):
        if len(org.names) != 1 or key in remap:
            continue
        owners = [k for k in named_by.get(org.names[0], ()) if k != key and k in orgs.by_key]
        if len(owners) != 1 or len(orgs.by_key[owners[0]].names) < 2:
            continue
        owner = orgs.by_key[owners[0]]
        owner.mentions.extend(org.mentions)
        if org.acronym and owner.acronym is None:
            owner.acronym = org.acronym
        if orgs.acronyms.get(org.names[0]) == key:
            orgs.acronyms[org.names[0]] = owner.key
        orgs.name_key[org.names[0].casefold()] = owner.key
        remap[key] = owner.key
        del orgs.by_key[key]
    for mm in mentions:
        mm.org = remap.get(mm.org, mm.org)
    for key, org in list(orgs.by_key.items()):
        if any(n.casefold() in FUNDING_ACCOUNTS for n in org.names):
            del orgs.by_key[key]  # "International Narcotics Control and Law Enforcement (INCLE)"
    mentions = [mm for mm in mentions if mm.org in orgs.by_key]
    _embassy_posts(text, orgs, mentions)
    _committee_lists(text, orgs, mentions)
    _committee_chambers(text, orgs, mentions)
    _bare_state(text, orgs, mentions)
    _headline_actor(text, orgs, mentions)
    mentions.sort(key=lambda mm: (mm.span.start, -mm.span.end))
    return orgs, mentions


# A release's headline whose subject is the United States: "United States Donates Four Patrol
# Boats to ...", "U.S. Turns Over ₱48 Million in Equipment" (a title-case verb after it, not a
# name: "U.S. Embassy in Ghana", "United States Government Accountability Office")
_HEADLINE_US_RE = re.compile(
    r"^[ \t]*(?:The[ \t]+)?(United[ \t]+States|U\.S\.)"
    r"(?=[ \t]+([A-Z][a-z]+s)[ \t][^\n]*[^.\s][ \t]*$)",
    re.MULTILINE,
)
#: How far into a document its headline can stand (after a post's name, a date, a kind).
HEADLINE_REACH = 400


def headline_us(text: str) -> re.Match[str] | None:
    """The United States as the subject of a release's headline, in its first lines.

    >>> headline_us("U.S. Embassy Tallinn\\nUnited States Delivers $1.3 Million\\n").group(1)
    'United States'
    >>> headline_us("U.S. Embassy in Ghana\\nThe U.S. Embassy thanks.") is None
    True
    """
    for m in _HEADLINE_US_RE.finditer(text, 0, HEADLINE_REACH):
        if m.group(2) in RELEASE_VERBS:
            return m
    return None


def _headline_actor(text: str, orgs: _Orgs, mentions: list[_OrgMention]) -> None:
    """The U.S. Government as the subject of a release's headline ("United States Donates
    Four Patrol Boats"): the organization the headline credits."""
    m = headline_us(text)
    if m is None:
        return
    span = Span.of(text, m.start(1), m.end(1))
    org = orgs.add_name("U.S. Government", span, OrgKind.US_GOVERNMENT)
    mentions.append(_OrgMention(org.key, span))


# "State" alone as a subject, as GAO writes the Department of State ("State funded 11
# facilities", "State and USAID"): not "State Department", "Secretary of State", "the State
# Police", "Islamic State", "a Member State".
_BARE_STATE_RE = re.compile(
    r"(?<![\w.’'-])State(?![\w’'-])(?=\s+(?:and\s+(?:USAID|DOD|DOJ|the\s+U\.S\.)|also\b|has\b"
    r"|had\b|did\b|does\b|is\b|was\b|could\b|cannot\b|can\b|should\b|will\b|would\b"
    r"|may\b|[a-z]+ed\b))"
)
# Where "State" alone can open a clause as its subject: a line's or a sentence's start, or after
# a semicolon, a comma or a conjunction ("..., and State funded"); never after another word
# ("Lagos State has", "Shan State accounts", "the State").
_STATE_OPENS_AFTER_RE = re.compile(r"(?:^|[.;:!?]\s+|,\s+(?:and\s+|but\s+)?|\n\s*)\Z")


def _bare_state(text: str, orgs: _Orgs, mentions: list[_OrgMention]) -> None:
    """Mentions of the Department of State (when the document names it) by "State" alone."""
    dos = next(
        (
            o
            for o in orgs.by_key.values()
            if re.fullmatch(r"(?:U\.S\.\s+)?Department\s+of\s+State", o.name())
        ),
        None,
    )
    if dos is None:
        return
    taken = _SpanIndex([(mm.span.start, mm.span.end) for mm in mentions])
    for m in _BARE_STATE_RE.finditer(text):
        if taken.holds(m.start()):
            continue
        if not _STATE_OPENS_AFTER_RE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "Lagos State has trained", "the State funded": not the department
        sp = Span.of(text, m.start(), m.end())
        dos.add("State", sp)
        mentions.append(_OrgMention(dos.key, sp))


# The post an embassy names after it: "U.S. Embassy in Dakar", "U.S. Embassy Maputo" (a
# heading or sign-off line); capitalized words, "and" or a city name's small word between them
# ("in Bosnia and Herzegovina", "U.S. Embassy Port of Spain", "in Santo Domingo de Guzmán").
_EMBASSY_POST_RE = re.compile(
    r"(?:[ \t]+in[ \t]+|[ \t]+)(?P<post>[A-Z][\w-]+"
    r"(?:[ \t]+(?:(?:and|of|de|del|la)[ \t]+)?[A-Z][\w-]+)*)"
    r"(?:[’']s\b|(?=[ \t]*(?:$|[.,;:)]|[ \t]+[a-z])))",
    re.MULTILINE,
)


# The rest of a committee's list of subjects: "Subcommittee on State[, Foreign Operations, and
# Related Programs]", "Subcommittee on Europe[, Eurasia, Energy, and the Environment]".
_LIST_ITEM = r"[A-Z][\w-]*(?:[’']s)?(?:[ \t]+[A-Z][\w-]*(?:[’']s)?)*"  # "Global Women's Issues"
_LIST_REST_RE = re.compile(
    r"(?:,[ \t]+(?!(?:Committee|Subcommittee|House|Senate|U\.S\.)\b)(?:the[ \t]+)?"
    + _LIST_ITEM
    + r")*,?[ \t]+and[ \t]+(?:the[ \t]+)?"
    + _LIST_ITEM
    + r"(?=[ \t]*(?:[.,;:()]|$|[ \t][a-z]))",
    re.MULTILINE,
)
# A body named for what it covers: "Committee on", "Bureau of Alcohol", "Ministry of Labor"
# (or a few words: "Ministry of Social Affairs, Veterans and Youth Rehabilitation")
_NAMED_FOR_RE = re.compile(
    r"\b(?:of|on|for)[ \t]+(?:the[ \t]+)?[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){0,2}\Z"
)


def _committee_lists(text: str, orgs: _Orgs, mentions: list[_OrgMention]) -> None:
    """A body named for a list of subjects takes the whole list ("Subcommittee on Europe,
    Eurasia, Energy, and the Environment", "Bureau of Alcohol, Tobacco, Firearms and
    Explosives"), not only its first item; a committee's list may be of anything, another
    body's only of words that head no organization ("the Ministry of Justice, Police and
    Customs" names three)."""
    for mm in mentions:
        committee = text.startswith(("Subcommittee on ", "Committee on "), mm.span.start)
        old = " ".join(text[mm.span.start : mm.span.end].split())
        if not committee and (
            _NAMED_FOR_RE.search(text, mm.span.start, mm.span.end) is None
            # a department known by this name is named in full ("Department of State, Foreign
            # Operations, and Related Programs" is an appropriations title)
            or _US_DEPARTMENT_RE.fullmatch(old) is not None
            or old in _KNOWN_FULL_NAMES
        ):
            continue
        m = _LIST_REST_RE.match(text, mm.span.end)
        if m is None:
            continue
        if not committee and any(
            _is_head(w) or w in NON_ORG_HEADS for w in re.findall(r"[A-Z][\w-]*", m.group())
        ):
            continue
        if committee or "," in m.group():  # ("Ministry of Y and Z" is a run already)
            _extend_mention(text, orgs, mm, m.end(), keep_old=False)


# The chamber named after a committee, as GAO's reports address it ("a report to the Chairman,
# Committee on Foreign Affairs, House of Representatives")
_CHAMBER_AFTER_RE = re.compile(
    r",[ \t]+(?:the[ \t]+)?(?:U\.S\.[ \t]+|United[ \t]+States[ \t]+)?(?:House[ \t]+of[ \t]+"
    r"Representatives|Senate)(?![\w-])(?![ \t]+[A-Z])"
)


def _committee_chambers(text: str, orgs: _Orgs, mentions: list[_OrgMention]) -> None:
    """A committee followed by its chamber is named with it ("Committee on Foreign Affairs,
    House of Representatives"; the committee's own name stays an alias); the chamber stays an
    organization of its own."""
    for mm in mentions:
        if text.startswith(("Subcommittee on ", "Committee on "), mm.span.start):
            m = _CHAMBER_AFTER_RE.match(text, mm.span.end)
            if m is not None:
                _extend_mention(text, orgs, mm, m.end(), keep_old=True)


_GENERAL_RE = re.compile(r"[ \t]+General\b")


def _embassy_posts(text: str, orgs: _Orgs, mentions: list[_OrgMention]) -> None:
    """Name an embassy or a consulate with its post where the text does ("U.S. Embassy in
    Dakar", "U.S. Consulate General in Ho Chi Minh City"); "U.S. Embassy" stays an alias. A
    post is capitalized words that are not an organization's head ("U.S. Embassy Press
    Office" is another office)."""
    for mm in mentions:
        end = mm.span.end
        if text.endswith("Consulate", mm.span.start, end):
            general = _GENERAL_RE.match(text, end)
            end = general.end() if general is not None else end  # "U.S. Consulate General"
        elif not text.endswith("Embassy", mm.span.start, end):
            continue
        m = _EMBASSY_POST_RE.match(text, end)
        if m is None:
            continue
        words = m.group("post").split()
        if not any(w in ORG_HEADS or w in LEADING_HEADS or w in NON_ORG_HEADS for w in words):
            _extend_mention(text, orgs, mm, m.end("post"), keep_old=True)


def _extend_mention(text: str, orgs: _Orgs, mm: _OrgMention, end: int, *, keep_old: bool) -> None:
    """Grow a mention to end at ``end`` and give its organization the longer name, keeping
    the shorter one as an alias (``keep_old``) or replacing it (a name cut short)."""
    span = Span.of(text, mm.span.start, end)
    name = " ".join(span.quote.split())
    org = orgs.by_key[mm.org]
    old = " ".join(text[mm.span.start : mm.span.end].split())
    if keep_old:
        org.add(name, span)
    else:
        org.names = [name if n == old else n for n in org.names]
        org.seen_at[name] = min(org.seen_at.get(name, span.start), span.start)
    if org.kind == _org_kind(old):
        org.kind = _org_kind(name)  # the kind the whole name says
    orgs.name_key.setdefault(name.casefold(), org.key)
    mm.span = span


# Heads of kinds of unit that a description in title case may name ("a Community Policing
# Partnership Team in each district"), and the determiners that make it one of a kind.
_GENERIC_HEADS = word_set("generic_heads")
_INDEFINITE_BEFORE_RE = re.compile(r"\b(?:[Aa]n?|[Ee]ach|[Ee]very|[Oo]ne)\s+$")


_BARE_ACRONYM_RE = re.compile(r"[A-Z]{2,6}")
_THE_BEFORE_RE = re.compile(r"\b[Tt]he\s+$")
# A description ending in a kind of body, then the acronym as its name (an appositive or in
# parentheses): "the national drug agency, DEVIDA", "the border police (POLIFRONT)"
_DESCRIBED_BEFORE_RE = re.compile(
    r"\b(?:agency|directorate|police|unit|office|ministry|commission|force|service|department"
    r"|bureau|council|authority|institute|academy|guard|secretariat|prosecutor[’']?s?\s+office"
    r"|task\s+force|intelligence\s+unit|regulator|watchdog)\s*(?:,|\()\s*$"
)


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
            and lookup(acr) is None
        )
    if not known[acr]:
        return False
    if _DESCRIBED_BEFORE_RE.search(text, max(0, start - 40), start) is not None:
        return True  # "Peru's national drug agency, DEVIDA,", "the border police (POLIFRONT)"
    return (
        counts.get(acr, 0) >= 2
        and _THE_BEFORE_RE.search(text, max(0, start - 5), start) is not None
    )


def _names_a_document(word: str) -> bool:
    """Whether a name's last word makes it a law's, a treaty's or a document's, in any case
    ("Report", "REPORT" in a title line)."""
    return word in NON_ORG_HEADS or (word.isupper() and word.capitalize() in NON_ORG_HEADS)


_NAME_WORD_RE = re.compile(r"[A-Z][\w’'-]*")


def spells(acronym: str, name: str) -> bool:
    """Whether an acronym spells a name: its letters, in order, begin each capitalized word
    of the name (but "The") and may take further letters from inside a word, as short forms
    are made ("PSD": Public Security Directorate; "NACOC": NArcotics COntrol Commission).

    >>> spells("NACOC", "Narcotics Control Commission"), spells("NCP", "National Police")
    (True, False)
    """
    words = [w.upper() for w in _NAME_WORD_RE.findall(name) if w != "The"]
    letters = re.sub(r"[^A-Z]", "", acronym)
    if len(words) < 2 or len(letters) < 2:
        return False

    def match(i: int, k: int, pos: int) -> bool:
        # letters[i:] still to spell, in word k from its position pos on, or in later words
        if i == len(letters):
            return k == len(words) - 1
        if k + 1 < len(words) and letters[i] == words[k + 1][0] and match(i + 1, k + 1, 1):
            return True
        at = words[k].find(letters[i], pos)
        return at >= 0 and match(i + 1, k, at + 1)

    return letters[0] == words[0][0] and match(1, 0, 1)


_UNIT_WORDS = frozenset({"Unit", "Command"})


def _qualified(name: list[str], words: list[str]) -> bool:
    """Whether ``name`` is ``words`` with its country before it ("Vietnam Border Guard"), a
    unit word after it ("Marine Police Unit") or "of" and a place after it ("National Guard
    of Niger"), and nothing else."""
    for i in range(len(name) - len(words) + 1):
        if name[i : i + len(words)] != words:
            continue
        before, after = name[:i], name[i + len(words) :]
        if before and not _place_words(before):
            continue
        if not after and before:
            return True
        if len(after) == 1 and after[0] in _UNIT_WORDS:
            return True
        if len(after) >= 2 and after[0] == "of" and _place_words(after[1:]):
            return True
    return False


def _place_words(words: list[str]) -> bool:
    """Whether ``words`` name a country or place, or are a country's adjective."""
    joined = " ".join(w for w in words if w != "the")
    return lookup(joined) is not None or (len(words) == 1 and words[0] in _DEMONYM_TO_COUNTRY)


def _spelt_by(orgs: _Orgs, acronym: str) -> _OrgBuild | None:
    """The one organization known by its name alone (no acronym, not a host government, which
    its initials name their own way) whose name the acronym spells (:func:`spells`), if
    exactly one."""
    if not _BARE_ACRONYM_RE.fullmatch(acronym) or acronym in NOT_ORG_ACRONYMS:
        return None
    found = [
        o
        for o in orgs.by_key.values()
        if o.key.startswith("name:")
        and o.acronym is None
        and any(spells(acronym, n) for n in o.names)
    ]
    return found[0] if len(found) == 1 else None


def _initials_match(run: list[_Tok], acr: str) -> bool:
    """True when an acronym spells the run's capitalized words ("Mara Salvatrucha" MS-13)."""
    if _names_a_document(run[-1].bare) or len(run) < 2:
        return False
    if acr in KNOWN_ACRONYMS:
        return True
    letters, core = _initials(run), re.sub(r"[^A-Z]", "", acr)
    return (len(core) >= 2 and letters.startswith(core)) or core == letters


def _initials(run: list[_Tok]) -> str:
    """The initials of a run's capitalized words but a leading "The" ("NAFDAC")."""
    return "".join(t.text[0] for t in run if t.text[0].isupper() and t.text != "The")


def _is_acronym_name(run: list[_Tok], text: str) -> bool:
    """Whether a run is one organization's acronym, a whole name by itself ("INL" in "INL and
    U.S. Customs and Border Protection"): a well-known one or one the text defines, not a
    topic's ("the GBV and Child Protection Unit")."""
    words = [t for t in run if t.text not in LEADING_STOPWORDS]
    if len(words) != 1 or _ACRONYM_RE.fullmatch(words[0].text) is None:
        return False
    acr = words[0].text
    # well known, or defined: "(PJ)", "(Polícia Judiciária, or PJ)"
    return (
        acr in KNOWN_ACRONYMS
        or re.search(r"[(,]\s*(?:or\s+)?" + re.escape(acr) + r"\)", text) is not None
    )


# The heads of an office or body that takes modifiers before it ("Customs and Excise
# Department"), unlike a force that stands alone ("the Army and National Police": two)
_OFFICE_HEADS = frozenset(
    {"Department", "Division", "Directorate", "Unit", "Office", "Section", "Service", "Agency",
     "Authority", "Commission", "Centre", "Center", "Bureau", "Administration", "Board",
     "Council", "Brigade", "Branch", "Institute", "Committee"}
)  # fmt: skip


def _one_complement(left: list[_Tok], right: list[_Tok]) -> bool:
    """Whether the "and" between ``left`` and ``right`` joins two parts of one name rather than
    two names: the complements of an "of" ("Ministry of Health and Medical Services",
    "Academy of Criminalistic and Police Studies"), or one word and the modifiers of an
    office's head ("Customs and Excise Division"). Not a bare head after an "of" ("Ministry of
    Interior and Police": two).
    """
    part: list[str] = []
    for t in right:
        if t.text in _CONNECTORS:
            break
        part.append(t.text)
    if not part:
        return False
    if re.fullmatch(r"[A-Z]|\d+", part[-1]):
        return False  # a body by its designation: "the Ministry of Justice and Criminal Court E"
    if any(_POSSESSIVE.search(t.text) for t in left):
        return False  # a body's own part: "the Ministry of Justice's Sexual and Gender-Based ..."
    if any(t.text in ("of", "for") for t in left[1:]):
        # (not after a body's name: "the National Commissioner of the Icelandic Police and
        # Iceland Revenue and Customs" are two; a bare head at the end is a body of its own,
        # but one with a complement is not: "Office for the Custody and Administration of
        # Seized Assets")
        bare_head = len(part) == len(right) == 1 and _is_head(part[0])
        # (a body's own name after it ends in a head that is no plural noun: "Ministry of
        # Defense and National Police", "... and Supreme Court" are two; "Medical Services" is
        # the complement)
        body = len(part) == len(right) and _is_head(part[-1]) and not part[-1].endswith("s")
        return not (_is_head(left[-1].text) or bare_head or body)
    return (
        len(left) == 1
        and not left[0].text.isupper()  # an acronym names a body: "VNU and Anti-Corruption Branch"
        and len(part) >= 2
        and part[-1] in _OFFICE_HEADS
    )


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
        after = [x.text for x in run[k + 1 : k + 3]]
        if t.text == "in" and (after[:1] == ["Persons"] or after == ["Human", "Beings"]):
            continue  # "Trafficking in Persons", "Trafficking in Human Beings": one name
        if t.text in ("in", "without") and not defined:
            return [x for x in _split_run(run[:k], text)] if k else []
    d = _ACRONYM_DEF_RE.match(text, run[-1].end)
    if d is not None and _initials(run) == re.sub(r"[^A-Z]", "", d.group(1)):
        # one name, as its acronym spells: "National Agency for Food and Drug Administration
        # and Control (NAFDAC)"
        return [run]
    if " ".join(t.text for t in run) in _KNOWN_FULL_NAMES:
        return [run]  # "U.S. Customs and Border Protection": one name
    for k, t in enumerate(run):
        if t.text == "and" and 0 < k < len(run) - 1:
            left, right = run[:k], run[k + 1 :]
            if _one_complement(left, right):
                continue
            if (any(_is_head(x.text) for x in left) or _is_acronym_name(left, text)) and any(
                _is_head(x.text) for x in right
            ):
                return [x for x in _split_run(left, text)] + _split_run(right, text)
    while run and run[-1].text in _CONNECTORS:
        run = run[:-1]
    return [run] if run else []


_COLON_RE = re.compile(r"\s*:")
_PROGRAM_AFTER_RE = re.compile(r"\s+program\b")
_ALT_NAME_RE = re.compile(r"\s*\(([A-Z][\w’' -]{1,40})\)")
