"""The public entry points: :func:`extract` runs every recognizer over a document."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

# kg.programs reads the extraction lexicons (importing this package): a module reference, so
# that importing kg.programs first does not find this module's names half made
from kg import programs
from kg.complete import complete_facts
from kg.documents import load_document
from kg.extract.activities import _activities
from kg.extract.agencies import (
    _BASELINE_RE,
    _CLAUSE_OPEN_RE,
    _CONTEXT_FIGURE_RE,
    _COURSE_RE,
    _CREDIT_RE_TEMPLATE,
    _ENFORCEMENT_WORDS_RE,
    _OUTPUT_WORDS_RE,
    _SUBJECT_LEAD_RE,
    _SUBJECT_PREFIX_RE,
    CALLOUT_RE,
    _clause_actor,
    _frames,
    _in_frame,
    _lead,
    channel_pattern,
    definite_subjects,
    funding_change,
    generic_subjects,
    handover_lists,
    indicator_value,
    subjectless_item,
)
from kg.extract.figures import (
    _FUNDING_WORDS,
    OF_THEM_AFTER_RE,
    _after_limits,
    _describe,
    _Fig,
    _find_figures,
    _identifiers,
    acronym_nouns,
)
from kg.extract.lexicon import ACCOUNT_AGENCIES
from kg.extract.organizations import POST_AFTER_RE, _find_orgs, _OrgMention, _Orgs, headline_us
from kg.extract.places import (
    _city_or_river_of_the_name,
    _facilities,
    _figure_place,
    _find_places,
    _gazetteer_cities,
    _locative_places,
    _program_country,
    _whole_names,
)
from kg.extract.reporters import SOURCE_HEADS, _reported_by, is_auditor, named_by_head
from kg.extract.text import (
    STOP_RE,
    _Ahead,
    _line_start,
    _line_starts,
    _SpanIndex,
    reading_view,
    sentences,
)
from kg.extract.units import _TIME_UNITS, LOCAL, LOCAL_CURRENCY_NOUNS, local_currency
from kg.extract.years import (
    _ANY_YEAR_RE,
    _CARRY_OPEN_RE,
    _FY_LINE_RE,
    _MONTHS,
    _NOW_AFTER_RE,
    _figure_year,
    _Years,
    base_year_after,
)
from kg.model import (
    CURRENCY_KEYS,
    Document,
    DocumentFacts,
    Measurement,
    OrgKind,
    Place,
    PlaceKind,
    Span,
)
from kg.outcomes import link_outcomes
from kg.places import GazetteerEntry, country_currency, lookup

# A year named relative to the document's date, or a part of the year it is dated in ("This
# quarter, the MCN approved 14 projects"): the word that says which is group 1 or 2
_RELATIVE_YEAR = (
    r"\b(?:(last|this|past|previous|next)\s+year\b(?!s)|(this)\s+(?:quarter|season|month)\b)"
)
_RELATIVE_YEAR_RE = re.compile(_RELATIVE_YEAR, re.IGNORECASE)
# A month named without its year: "in June", "In a single operation in April", "in early March"
# (not a running total's start: "since April")
_MONTH_ONLY_RE = re.compile(
    # (or a span of months: "between January and August", "from January to June")
    r"\b(?:(?:[Bb]etween|[Ff]rom)\s+(?:January|February|March|April|May|June|July|August"
    r"|September|October|November)\s+(?:and|to|through)\s+"
    r"|(?:[Ii]n|[Dd]uring|[Bb]y|[Oo]n|[Tt]his|[Ll]ast)\s+(?:(?:early|late|mid)[-\s]+)?)"
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b(?!\s+\d{1,2}\b)(?![^.;\n]{0,25}\b(?:19|20)\d\d\b)"
)
_PERFECT_RE = re.compile(r"\b(?:has|have)\s+(?:(?:also|now|already)\s+)?[a-z]+(?:ed|en|t)\b")
# The present of the document in the figure's own clause: "The RNP now numbers an estimated
# 9,800 officers", "a case tracking system now used in all 4 district offices", "INL currently
# supports programs in more than 90 countries" (not "until now", "from now on", "by now")
_NOW_IN_CLAUSE_RE = re.compile(
    r"(?<![Uu]ntil\s)(?<![Bb]y\s)(?<![Ff]rom\s)\b(?:[Nn]ow|[Cc]urrently|[Pp]resently"
    r"|[Aa]t\s+present)\b(?!\s+on\b)(?!-)[^.;:,\n]*\Z"
)
_OWN_RELATIVE_YEAR_RE = re.compile(
    r"(?:\s+(?!but\b|and\b|or\b|while\b|yet\b|then\b)[a-z]+){0,4}?\s+" + _RELATIVE_YEAR,
    re.IGNORECASE,
)
_RELATIVE_YEARS = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1}

# The countries whose CFA franc is the Central African one (XAF): Cameroon, the Central African
# Republic, Chad, the Republic of the Congo, Equatorial Guinea and Gabon; elsewhere it is XOF.
_XAF_COUNTRIES = frozenset({"CM", "CF", "TD", "CG", "GQ", "GA"})


@dataclass(frozen=True, slots=True)
class _Frame:
    """What a document's genre and date say about its figures (read once per document)."""

    #: The year it is dated, for "last year" and "this year".
    dated: int | None = None
    #: The year its undated figures are of: an INCSR chapter's year under report (the calendar
    #: year before its own), a press release's own (the event it announces).
    covered: int | None = None
    #: A budget document (a justification, guide or notification of funds): its amounts are
    #: the lead agency's request, its narrative a plan for them.
    budget: bool = False
    #: A budget document's request year: its narrative amounts are that fiscal year's (none
    #: when it notifies funds of several).
    request: int | None = None
    #: An evaluation, GAO review or Inspector General's audit of one program, or a press
    #: release announcing its assistance: its outputs are the lead agency's work throughout,
    #: as under an accomplishments heading.
    review: bool = False
    #: Testimony or remarks: the speaker speaks for the lead agency ("we", "I", "our
    #: advisors").
    first_person: bool = False
    #: A press release or an official's remarks: its date is the year of what it announces
    #: ("today").
    announcement: bool = False
    #: An INCSR chapter: the host country's own account, not a program's page.
    chapter: bool = False
    #: A GAO report or an Inspector General's audit: "we" is its auditor.
    audit: bool = False


def _generic_keys(orgs: _Orgs, country: str | None, code: str | None) -> dict[str, str | None]:
    """The organizations that generic subjects name in a document (see
    :func:`kg.extract.agencies.generic_subjects`): the host country's government, its one
    national police force, the U.S. Government (``None`` for each it does not name)."""
    government = f"gov:{code}" if code and f"gov:{code}" in orgs.by_key else None
    forces = [
        k
        for k, o in orgs.by_key.items()
        if o.kind == OrgKind.SECURITY_FORCE
        and re.search(r"\bPolice\b", o.name())
        and not re.search(r"\b(?:Military|Border|Tourist|Marine|Judicial)\s+Police\b", o.name())
    ]
    us = [
        k
        for k, o in orgs.by_key.items()
        if o.kind == OrgKind.US_GOVERNMENT and o.name() in ("U.S. Government", "USG")
    ]
    return {
        "country": country,
        "government": government,
        "police": forces[0] if len(forces) == 1 else None,
        "united_states": us[0] if len(us) == 1 else None,
    }


# A progress report's period, in its header: "Reporting period: Q3 2022 (1 July - 30 September
# 2022)", "Reporting Period:  1 January - 31 December 2021"
_REPORTING_PERIOD_RE = re.compile(
    r"^[ \t]*(?:Reporting|Report)\s+[Pp]eriod\s*:[^\n]*"
    # in a heading's parentheses: "Country Narratives (reporting period: April 1, 2018 - March
    # 31, 2019)"
    r"|\((?:reporting|report)\s+period\s*:[^\n()]*\)"
    # a year in review's title: "Lesotho: 2023 Year in Review", "Year in Review 2019"
    r"|^[^\n]*?\b(?:(?:19|20)\d\d\s+Year\s+in\s+Review|Year\s+in\s+Review\W{1,5}(?:19|20)\d\d)"
    r"\b[^\n]*",
    re.MULTILINE | re.IGNORECASE,
)
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _reporting_period(text: str) -> int | None:
    """The one year of a progress report's reporting period or of a year in review, stated in
    its first lines: the year its undated past figures are of, like an INCSR chapter's year
    under report.

    >>> _reporting_period("INL Lesotho | 2023 Year in Review\\n\\nINL trained 40 officers.")
    2023
    >>> _reporting_period("Reporting period: FY 2018 and FY 2019") is None
    True
    >>> _reporting_period("Narratives (reporting period: April 1, 2018 - March 31, 2019)")
    2019
    >>> _reporting_period("Reporting period: October 2016 - September 2021") is None
    True
    """
    head = "\n".join(text.splitlines()[:25])
    m = _REPORTING_PERIOD_RE.search(head)
    if m is None:
        return None
    years = sorted({int(y) for y in _YEAR_RE.findall(m.group(0))})
    if len(years) == 2 and years[1] == years[0] + 1 and _PERIOD_SPAN_RE.search(m.group(0)):
        # a year's span over two calendar years ("April 1, 2018 - March 31, 2019", a fiscal
        # year): of its last year; a longer one dates nothing
        return years[1]
    return years[0] if len(years) == 1 else None


# a notification's label lines of its funds: "Fiscal Year: 2016", "Amount: $28,400,000 (FY
# 2021)", "FUNDS: FY 2016 and FY 2017"
_FUNDS_LABEL_RE = re.compile(
    r"^[ \t]*(?:Fiscal\s+Year|FY|Funds|Amount)[ \t]*:[^\n]*", re.MULTILINE | re.IGNORECASE
)
_LABEL_YEAR_RE = re.compile(r"(?<![\d,.$])(?:19|20)\d\d(?![\d,])")


def _request_year(text: str, edition: int | None) -> int | None:
    """The fiscal year a budget document's narrative amounts are of: the one its label lines
    name ("Fiscal Year: 2016"), none when they name several ("FUNDS: FY 2016 and FY 2017"),
    else the year of its edition.

    >>> _request_year("CN 16-147\\nFiscal Year: 2016\\nAmount: $17,350,000\\n", 2017)
    2016
    >>> _request_year("FUNDS:     FY 2016 and FY 2017\\n", 2017) is None
    True
    """
    head = "\n".join(text.splitlines()[:20])
    years = {y for m in _FUNDS_LABEL_RE.finditer(head) for y in _LABEL_YEAR_RE.findall(m.group())}
    if years:
        return int(years.pop()) if len(years) == 1 else None
    return edition


# two dates or years of one span: "April 1, 2018 - March 31, 2019", "2018 to 2019"
_PERIOD_SPAN_RE = re.compile(
    r"(?:19|20)\d\d\s*(?:[-–—]|\bto\b|\bthrough\b)\s*(?:[A-Z][a-z]+\.?\s+(?:\d{1,2},?\s+)?)?"
    r"(?:19|20)\d\d"
)
# the title of a Trafficking in Persons Report, with its year ("2019 Trafficking in Persons
# Report", "Trafficking in Persons Report, June 2019"): its narratives report on the year before
_TIP_REPORT_RE = re.compile(
    # (a country's page may name it before or after: "Kenya - 2019 Trafficking in Persons
    # Report", "2019 Trafficking in Persons Report: Kenya")
    r"^[ \t]*(?:[A-Z][\w ]{0,40}?[ \t]*[-–—:|][ \t]*)?(?:((?:19|20)\d\d)[ \t]+)?"
    r"Trafficking[ \t]+in[ \t]+Persons[ \t]+Report"
    r"(?:,?[ \t]+(?:(?:" + _MONTHS + r")[ \t]+)?((?:19|20)\d\d))?"
    r"(?:[ \t]*[-–—:|][ \t]*[A-Z][^\n]{0,60})?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


# The year of the estimates, report or survey a release announces, in its first lines:
# "ONDCP Releases 2024 Estimates of Coca Cultivation", "UNODC Publishes 2019 Opium Survey"
_RELEASED_YEAR_RE = re.compile(
    r"\b(?:Releases?|Publish(?:es)?|Issues?|Announces?|Presents?)\s+(?:(?:the|its)\s+)?"
    r"((?:19|20)\d\d)\s+(?:[A-Z][\w-]*\s+){0,3}?(?:Estimates?|Reports?|Surveys?|Data"
    r"|Results|Statistics|Figures|Findings)\b"
)


def _released_year(text: str) -> int | None:
    """The year of the estimates or report a release's headline announces, if it names one.

    >>> _released_year("June 26, 2025\\n\\nONDCP Releases 2024 Estimates of Coca Cultivation")
    2024
    """
    head = "\n".join(text.splitlines()[:15])
    m = _RELEASED_YEAR_RE.search(head)
    return int(m.group(1)) if m else None


def _frame(document: Document) -> _Frame:
    """The :class:`_Frame` of a document, from its genre and edition."""
    from kg.editions import document_edition, document_genre, year_under_report

    genre = document_genre(document)
    edition = document_edition(document)
    year = edition.year if edition is not None else None
    if genre == "incsr-chapter":
        covered = year_under_report(document.text or "", edition)
    else:
        covered = year if genre in ("press-release", "remarks") else None
    # a release of a year's estimates or report: its figures are that year's, as a report's
    # ("ONDCP Releases 2024 Estimates of Coca Cultivation", dated June 2025)
    released = _released_year(document.text or "") if genre == "press-release" else None
    if released is not None:
        covered = released
    if covered is None:
        covered = _reporting_period(document.text or "")
    tip = _TIP_REPORT_RE.search("\n".join((document.text or "").splitlines()[:5]))
    if covered is None and tip is not None:
        # a Trafficking in Persons Report covers the year before its own, as an INCSR does
        titled = tip.group(1) or tip.group(2)
        covered = int(titled) - 1 if titled else year - 1 if year is not None else None
    return _Frame(
        dated=year,
        covered=covered,
        budget=genre == "budget-document",
        request=_request_year(document.text or "", year) if genre == "budget-document" else None,
        review=genre in ("evaluation", "gao-report", "audit", "press-release"),
        audit=genre in ("gao-report", "audit"),
        first_person=genre in ("testimony", "remarks"),
        announcement=genre in ("press-release", "remarks") and released is None,
        chapter=genre == "incsr-chapter",
    )


# What a share is of, when it is a country's whole: "of Haiti's prison population", "of the
# country's inmates", "of the prison population", "of Ghana's container traffic"
_SHARE_OF_RE = re.compile(
    r"(?:\s+percent)?\s+of\s+(?:all\s+)?(?:the\s+)?(?:(country|nation|[A-Z][\w-]*)[’']s\s+"
    r"|(?:national|total|entire)\s+|prison\s+population\b)"
)

# A relative clause of what its antecedent holds, just before a figure
# (not what the work made of it: "its call center, which now handles 3,000 calls per day", "the
# hub, which serves 1.2 million people")
_HOLDS_BEFORE_RE = re.compile(
    r"(?:,\s+(?:which|that)\s+(?:holds|held|handles|handled|houses|housed|employs|hosts"
    r"|accommodates)"
    r"|\b(?:which|that)\s+(?:holds|held|houses|housed|accommodates)"
    # a facility's capacity: "in space built for 800", "designed for 600", "could house 120"
    r"|\b(?:built|designed|intended|meant|planned)\s+for|\bcapacity\s+(?:for|of)"
    r"|\bcould\s+(?:house|hold|accommodate))\s+\Z"
)
# A U.S. diplomatic post ("U.S. Embassy in Maputo", "U.S. Consulate General Lagos")
_POST_RE = re.compile(r"\b(?:Embassy|Consulate)\b")

# What a press release says happens now: "announced today", "this year's assistance".
# The day (or the week, month or year) the document is dated in
_TODAY = r"today|tonight|yesterday|this\s+(?:week|month|year)"
_NOW_RE = re.compile(
    r"\b(?:" + _TODAY + r"|this\s+(?:morning|afternoon|evening)"
    r"|on\s+(?:Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday))\b"
    # the event announced, in the simple past ("have opened" is a running total)
    r"|(?<!has\s)(?<!have\s)(?<!had\s)\b(?:donated|handed\s+over|delivered|graduated"
    r"|inaugurated|announced|launched|celebrated|unveiled|signed"
    # the speaker's act of the day: "we are handing over", "I am pleased to present"
    r"|(?:am|are|is)\s+(?:also\s+)?(?:handing\s+over|donating|delivering|presenting"
    r"|celebrating|launching|inaugurating|graduating))\b",
    re.IGNORECASE,
)
# An event told in the simple past, which an INCSR chapter's year under report dates ("police
# seized 1,450 kilograms", "seizures fell by 31 percent", "618 suspects were arrested"), as
# against a standing fact in the present ("its 17 provinces", "a 350-member unit"), a running
# total ("has trained 1,900 officers") or a participle used as an adjective ("an estimated
# 5,000", "a vetted unit", "85 trained officers").
_PAST_RE = re.compile(
    r"\b(?:was|were|fell|rose|grew|made|took|gave|began|won|led|held|sent|brought|built|caught"
    r"|found|saw|spent|sold|paid|met|became)\b|\b[a-z]{2,}ed\b"
)
_NOT_PAST_BEFORE_RE = re.compile(
    r"(?:\b(?:has|have|had|is|are|be|been|being|a|an|the|of|by|for|with|its|their|newly|well)"
    r"|\d|[-,])\s*$",
    re.IGNORECASE,
)
# a present passive's auxiliary before an irregular participle: "are held in debt bondage",
# "have been held" (not the past perfect: "had been held")
_PRESENT_PASSIVE_BEFORE_RE = re.compile(r"\b(?:is|are|be|being|(?<!had\s)been)\s+$", re.IGNORECASE)
# "forced" as an act takes an object ("Traffickers forced 50 women to carry cocaine"); else it
# names a kind of exploitation ("forced labor", "forced or compulsory labor")
_FORCED_OBJECT_RE = re.compile(
    r"\s+(?:\d|them\b|him\b|her\b|the\b|their\b|some\b|many\b|hundreds\b|thousands\b|[A-Z])"
)
# participles that describe rather than tell ("organized crime", "an 18-month supervised program")
_ADJECTIVAL = frozenset(
    {"organized", "armed", "related", "based", "vetted", "supervised", "uninhabited", "limited",
     "specialized", "advanced", "sophisticated", "skilled", "planned", "registered", "located",
     "scattered", "dedicated", "designated", "licensed", "suspected", "detained", "sentenced",
     "destined"}
)  # fmt: skip
# the verbs among the words that open with "un" and end with "ed" (the rest describe a state)
_UN_VERBS = frozenset(
    {"unveiled", "uncovered", "unloaded", "unearthed", "unlocked", "unleashed", "unraveled",
     "unravelled", "unsealed", "undermined", "underscored", "underlined", "underwrote",
     "underpinned", "undertaked", "unified", "united", "unfolded", "unblocked", "unfroze",
     "unfrozen", "unpacked", "updated", "upgraded", "unmasked"}
)  # fmt: skip
# A present state the figure is the object of: "The DPSD has about 450 officers", "now serves
# over 52,000 patients" (no year under report dates it)
_STATE_BEFORE_RE = re.compile(
    r"\b(?:has|have|operates|operate|serves|serve|employs|employ|comprises|comprise|numbers"
    r"|houses|holds|hold|counts|remains|remain|is|are)\s+(?:(?:now|only|just|still|currently"
    r"|also)\s+)*\Z"
)
# Figures no year under report dates: durations and a unit's size ("a 350-member unit")
_UNDATED_RE = re.compile(r"\d[-‐](?:member|person|man|strong|bed|seat)\b")


# The account a budget table's row opens with (longest first), and the agency managing each
_ACCOUNT_RE = re.compile(
    "(?:" + "|".join(re.escape(a) for a, _ in ACCOUNT_AGENCIES) + r")(?![\w-])", re.IGNORECASE
)
_ACCOUNT_AGENCY = {a.casefold(): agency for a, agency in ACCOUNT_AGENCIES}


def _account_of(row: str | None) -> tuple[bool, str | None]:
    """Whether a budget table row's label names a foreign-assistance account or a total, and
    the acronym of the agency that manages that account (``None`` for a total)."""
    m = _ACCOUNT_RE.match(row) if row else None
    return (True, _ACCOUNT_AGENCY[m.group().casefold()]) if m else (False, None)


def _named_agency(orgs: _Orgs, acronym: str) -> str | None:
    """The reference of the organization of the document with this acronym, if it names one."""
    for org in orgs.by_key.values():
        if org.acronym == acronym or acronym in org.names:
            return org.short
    return None


def _currency_of(
    unit: str, counted: str | None, country: str | None, money: tuple[str, str] | None
) -> tuple[str, str | None]:
    """A figure's unit and counted noun with its currency settled by the document's
    ``country`` (code) and its currency (``money``): "CFA" is the Central African franc in its
    six countries; a sign or name several currencies share ("Rs.", "K", "pesos") is the
    country's currency when it is of that family, else (a sign) a count of the family's first
    name, (a name) the count it was read as.

    >>> _currency_of("local:rupee", None, "PK", ("PKR", "Rupee"))
    ('pkr', None)
    >>> _currency_of("local:kwacha|kina|kyat", None, "KE", ("KES", "Shilling"))
    ('count', 'kwacha')
    >>> _currency_of("count", "peso", "CO", ("COP", "Peso")), _currency_of("xof", None, "CM", None)
    (('cop', None), ('xaf', None))
    """
    if unit == "xof" and country in _XAF_COUNTRIES:
        return "xaf", counted
    if unit.startswith(LOCAL):
        families = tuple(unit.removeprefix(LOCAL).split("|"))
        code = local_currency(families, money)
        return (code, None) if code is not None else ("count", families[0])
    if unit == "count" and counted in LOCAL_CURRENCY_NOUNS:
        code = local_currency(LOCAL_CURRENCY_NOUNS[counted], money)
        if code is not None:
            return code, None
    return unit, counted


def _tables_by_agency(figs: list[_Fig], row_agencies: list[str | None]) -> list[bool]:
    """For each figure, whether it is a cell of a table by agency: a table whose rows name two
    agencies or more ("INL 60.3", "USAID 38.6"; its total row too). Other tables are not."""
    named: dict[int, set[str]] = {}
    for f, agency in zip(figs, row_agencies, strict=True):
        if f.table and agency is not None:
            named.setdefault(f.table, set()).add(agency)
    return [bool(f.table) and len(named.get(f.table, ())) > 1 for f in figs]


def _row_agency(orgs: _Orgs, row: str | None) -> str | None:
    """The organization a table row's label names, by name or acronym ("USAID", "State/INL":
    the last part naming one), as its reference; ``None`` when it names none, or names a
    program ("Police Development Program": a line of the bureau's own funds)."""
    if not row or programs.is_program_name(row.strip()):
        return None
    for part in reversed([row, *re.split(r"\s*/\s*", row)]):
        found = _named_agency(orgs, part.strip())
        if found is not None:
            return found
    return None


def _tells_past(text: str, s: int, e: int) -> bool:
    """Whether sentence ``[s, e)`` tells an event in the simple past (see :data:`_PAST_RE`),
    or is a callout of what was done ("- 1,150 Police Officers Trained")."""
    if CALLOUT_RE.match(text, text.rfind("\n", 0, s) + 1) is not None:
        return True
    for m in _PAST_RE.finditer(text, s, e):
        word = m.group()
        if (
            word.endswith("ed")
            and (
                word in _ADJECTIVAL
                # "unlicensed money changers", "undeclared cash": a state, not an event
                or (word.startswith("un") and word not in _UN_VERBS)
            )
        ) or (
            (_NOT_PAST_BEFORE_RE if word.endswith("ed") else _PRESENT_PASSIVE_BEFORE_RE).search(
                text, max(s, m.start() - 12), m.start()
            )
        ):
            continue
        if word == "forced" and not _FORCED_OBJECT_RE.match(text, m.end(), e):
            continue
        return True
    return False


# More of what a press release announces: its headline's verbs ("United States Donates $450K
# ..., Graduates 35 Investigators"), a day of the month without a year ("On March 2, the
# Ambassador handed over"), and the event itself ("The donation includes", "The ceremony also
# marked the graduation of 35 investigators").
_ANNOUNCED_RE = re.compile(
    r"\b(?:Donates|Hands\s+Over|Delivers|Graduates|Inaugurates|Announces|Launches|Celebrates"
    r"|Unveils|Signs|Opens|Trains|Provides|Awards|Equips)\b"
    r"|\b[Oo]n\s+(?:" + _MONTHS + r")\s+\d{1,2}\b(?!,?\s+(?:19|20)\d\d)"
    r"|\b(?:[Tt]he|[Tt]his|[Tt]oday's)\s+(?:donation|ceremony|graduation|handover|hand-over)\b"
)
# Coordinated figures share a year written after the last: "investigated 21,180 cases and
# arrested 31,900 suspects in 2019"; the parts of a total share its year: "seized 21.4 MT in
# 2020, including 9,850 kilograms of cocaine".
_COORDINATED_RE = re.compile(r"[^;:\d]{0,80}?(?:,\s*|\s+)(?:and|as\s+well\s+as)\s+[^;:\d]{0,40}")
_PARTS_RE = re.compile(
    r"[^;:]{0,60}?(?:,\s*|\s+)(?:including|of\s+which|among\s+(?:them|it)|comprising)\s+"
    r"[^;:\d]{0,40}"
)
# nothing but a list's separator between two figures' phrases
_LIST_SEPARATOR_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|,?\s+and\s+)")
# The next figure of a clause run on from a dated one, with nothing between but that date and a
# comma: "seized 214 kilograms ... in 2015, and dismantling 4 laboratories", "held some 17,500
# inmates at the end of 2019, about 140 percent of their designed capacity"
_DATED_BEFORE_RE = re.compile(
    r"[^;:.\d]{0,80}?\b(?:in|during|of|for)\s+(?:FY\s?|fiscal\s+year\s+)?((?:19|20)\d\d)\b"
    r"[^;:.\d]{0,10}?,\s+(?:and\s+)?(?:[a-z][\w-]*\s+){0,4}"
)
_OF_THE_BEFORE_RE = re.compile(r"\b[Oo]f\s+(?:the\s+)?\Z")
# The base year of a change, then the next clause: "up 38 percent from 2022, and seized"
_CHANGE_BASE_BEFORE_RE = re.compile(
    r"\s+(?:from|over|since|compared\s+(?:with|to))\s+(?:FY\s?)?((?:19|20)\d\d),\s+(?:and\s+)?"
    r"(?:[a-z][\w-]*\s+){0,4}"
)
# An auditor as the one told, or finding what others did: "officials told GAO that", "GAO
# found that only 23 of the 68 INL-provided vehicles"
_AUDIENCE_BEFORE_RE = re.compile(r"\b(?:told|informed|according\s+to)\s+(?:the\s+)?\Z")
_FINDING_AFTER_RE = re.compile(
    r"(?:\s*\([A-Z]+\))?\s+(?:also\s+)?(?:found|determined|noted|reported|concluded|observed"
    r"|estimated)\s+that\b"
)
# A multiple compared with an earlier year's level, in or after the figure's phrase: "nearly three
# times as many as in 2018", "twice the amount seized in 2019", "roughly double the 2008 total",
# "less than half the area planted in 2003", "more than twice what they took in 2021"
_MULTIPLE_BASE_RE = re.compile(
    r"\b(?:times|twice|double|triple|half(?!\s+of\b))\b[^.;\d]{0,40}?\b(?:as\s+(?:many|much)\s+as\s+(?:in\s+)?"
    r"|the\s+(?:[a-z]+\s+){0,3}?(?:in|of)\s+(?:all\s+of\s+)?|what\s+[^.;\d]{0,30}?\bin\s+|the\s+)"
    r"((?:19|20)\d\d)\b"
)
# Between two figures of one clause: words, no punctuation or number ("-week course for "),
# nor a contrast, a comparison or a part ("built for 374 inmates but held up to 1,000 during
# 2012", "fell to 9 kilograms from 54 kilograms in 2019", "212 of the 260 courses")
_ONE_CLAUSE_RE = re.compile(
    r"(?![^;:,.()\d\n]*\b(?:but|while|whereas|yet|from|to|than|compared|versus|against|up|down"
    r"|of)\b)[^;:,.()\d\n]{0,60}"
)
_CLAUSE_BREAK_RE = re.compile(r"[;:,.()\n]")
# (what stands now, not in the dated clause: "..., and now have 4 analysts", "..., and 40-45
# percent of the prisoners are awaiting trial", "and pretrial detainees make up 80 percent")
_PRESENT_RE = re.compile(
    r"\b(?:now|currently|today|still|is|are|remains?|makes?\s+up|accounts?\s+for|has|have"
    r"|awaits?|lacks?|needs?|faces?|holds?|lives?|uses?"
    # (or a time of the figure's own: "and 15 more the following year", "since 2016")
    r"|since|following\s+year|(?:year|month)s?\s+(?:later|earlier|before|after)|next\s+year"
    r"|previous|prior)\b"
)
_LIST_NEXT_RE = re.compile(r"[^;:\d]{0,40}?(?:,\s*(?:and\s+)?|\s+and\s+)[^;:\d]{0,30}")


# The line under a table that names its source: "Source: FELCN; NAS La Paz.", "Sources: ..."
_SOURCE_LINE_RE = re.compile(r"\n[ \t]*(?:Data\s+)?[Ss]ources?\s*:[ \t]*([^\n]*)")


# A unit's size in people, written with a hyphen: "160-member", "350-officer", "3,400-strong"
_STAFF_SIZE_RE = re.compile(
    r"[-‐](?:members?|officers?|strong|man|men|persons?|agents?|soldiers?|troops?|personnel"
    r"|staff)\b"
)

# Before an implementer of a project: "implemented by the U.S. Coast Guard", "led by CBP"
_IMPLEMENTER_BEFORE_RE = re.compile(
    r"\b(?:implemented|led|taught|run|conducted|delivered|managed|administered|executed|carried"
    r"\s+out)\s+(?:jointly\s+)?by\s+(?:the\s+)?(?:U\.\s?S\.\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}\Z"
    r"|\bthrough\s+(?:an?\s+)?(?:interagency\s+agreement\s+with\s+)(?:the\s+)?\Z"
)
# Around a source named before a pronoun that takes it up: "According to NABU, it has opened"
_SOURCE_BEFORE_RE = re.compile(r"[Aa]ccording\s+to\s+(?:the\s+)?\Z")
_SOURCE_AFTER_RE = re.compile(r"(?:\s*\([A-Z][\w.&/-]*\))?,\s+")
_THAT_BEFORE_RE = re.compile(r"\bthat\s+\Z")
# A pronoun as a clause's subject, taking up an organization: "It sent 131 reports", "Since
# then it has trained", "its officers seized" (its verb is checked as a named subject's is)
# (not "They", which may be anyone; not a state or a passive: "It is", "It was filed")
_PRONOUN_SUBJECT_RE = re.compile(
    r"(?<![\w’'-])(?:[Ii]t|[Ii]ts(?=\s+(?:[a-z][\w-]+\s+){0,2}(?:officers|agents|personnel"
    r"|investigators|prosecutors|inspectors|units?|teams?|crews|troops)\b))"
    r"(?=\s)(?!\s+(?:is|was|were|are|has\s+been|had\s+been|can|could|may|might|will|would"
    r"|takes?|took)\b)"
)

# A sentence whose subject takes up a noun phrase of an earlier one: "The bench adjudicated",
# "These officers then seized", "In 2022, the forums referred" (the subject's words, group 1)
_ANAPHOR_RE = re.compile(
    r"[\s•*\-–·]*(?:(?:In|By|During|Since|Last|This)\s+[^,.;]{1,30},\s+)?"
    r"(?:[Tt]he|[Tt]hese|[Tt]his|[Tt]hose|[Ii]ts|[Tt]heir|[Ee]ach)\s+((?:[a-z][\w-]*\s+){1,4})"
)
_WORD_RE = re.compile(r"[a-z][\w-]*")
# The speaker's bureau acting: "we delivered", "we have trained", "We also funded"
_WE_ACTED_RE = re.compile(r"\b[Ww]e\s+(?:have\s+|also\s+|then\s+)*(?:[a-z]+ed|built|sent|gave)\b")
# What a sentence says it uses or comes of, taking up an earlier sentence's thing: "Using those
# boats", "trained under the initiative", "Since the scanners arrived", "graduates of the course"
_BACK_REFERENCE_RE = re.compile(
    r"\b(?:[Uu]sing|[Ww]ith|[Tt]hanks\s+to)\s+(?:these|those|this|that|the\s+new)\s+"
    r"((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)"
    r"|\b(?:trained|equipped|mentored|supported|funded)\s+(?:under|through|by)\s+(?:the|this|that)"
    r"\s+([a-z][\w-]*)"
    r"|\b[Ss]ince\s+(?:the|these|those)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+(?:arrived|began"
    r"|opened|started|went\s+live|entered\s+service)"
    r"|\b(?:graduates|alumni)\s+of\s+(?:the|this|that|these)\s+([a-z][\w-]*)"
    r"|\b(program|project|course|academy)\s+(?:graduates|alumni)\b"
)

# Between a unit's size and the name of the unit: a few lowercase modifiers ("vetted", "new").
_SIZE_TO_NAME_RE = re.compile(r"\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}")
# A length as a thing's specification: "38-foot interceptor boats", "a 9-meter boat"
_LENGTH_SPEC_RE = re.compile(r"[-‐](?:foot|feet|ft|meters?|metres?|m)\b")
_BED_SPEC_RE = re.compile(r"[-‐]beds?\b")
# A duration that is a course's or a program's length: "10-day course", "three-week training"
_COURSE_LENGTH_RE = re.compile(
    r"[-‐\s](?:days?|weeks?|months?|hours?)(?:[-‐\s]+(?!course|training|program)[a-z][\w-]*){0,3}"
    r"[-‐\s]+(?:courses?|training|programs?|workshops?|seminars?|fellowships?|internships?"
    r"|sessions?|exercises?|curricul(?:um|a)|deployments?|rotations?)\b"
)
_RATING_SPEC_RE = re.compile(
    r"[-‐](?:horsepower|hp|terabytes?|gigabytes?|megapixels?|kilowatts?|square[-‐](?:meters?|metres?"
    r"|feet|foot))\b"
)
# A thing (not an organization) that can do something, up to the figure: "Each analyzer can
# identify more than 500 substances", "The scanners can inspect 80-100 containers an hour"
_CAN_DO_RE = re.compile(
    r"[\s•*\-–·]*(?:[Ee]ach|[Tt]he|[Tt]hese|[Tt]hose|[Ii]t|[Tt]hey)\b(?:\s+[a-z][\w-]*){0,3}"
    r"\s+can\s+(?:[a-z]+ly\s+)?[a-z]+\s+(?:[a-z][\w-]*\s+){0,3}?(?:up\s+to\s+|more\s+than\s+|over\s+"
    r"|about\s+|as\s+many\s+as\s+|in\s+(?:less\s+than\s+|under\s+)?)?"
)
# where a clause opens: after a semicolon, a conjunction or a relative's "which" (what a facility
# "which can treat 7,900 people a year" does is credited as its builder's: measured, the
# development gold credits it)
_CLAUSE_OPENING_RE = re.compile(r";\s*|,\s+(?:and|while|whereas|but|which)\s+")


def _clause_start(text: str, s: int, pos: int) -> int:
    """Where the clause holding ``pos`` opens in the sentence starting at ``s``."""
    return max((m.end() for m in _CLAUSE_OPENING_RE.finditer(text, s, pos)), default=s)


_CAPACITY_BEFORE_RE = re.compile(
    r"\b(?:with|has|had|have|holds?|of|capacity\s+(?:of|for))\s+(?:about\s+|some\s+"
    r"|approximately\s+|nearly\s+|a\s+(?:combined|total)\s+(?:capacity\s+of\s+)?)?$",
    re.IGNORECASE,
)


def _table_sources(
    text: str, figs: list[_Fig], mentions: list[_OrgMention], orgs: _Orgs
) -> dict[int, str]:
    """The organization each statistics table's source line names first, by table number:
    the line "Source: ..." within three lines of the table's last cell ("Source: FELCN; NAS La
    Paz."). A budget table's source (an analysis of a department's data, its budget
    justification) is where the amounts were read, not who reported them: no reporter.
    """
    last: dict[int, int] = {}
    money = {f.table for f in figs if f.table and f.unit == "usd"}
    for f in figs:
        if f.table and f.table not in money:
            last[f.table] = max(last.get(f.table, 0), f.span.end)
    out: dict[int, str] = {}
    for table, end in last.items():
        window = text[end : end + 400]
        m = _SOURCE_LINE_RE.search(window)
        if m is None or window.count("\n", 0, m.start() + 1) > 3:
            continue
        lo, hi = end + m.start(1), end + m.end(1)
        named = [mm for mm in mentions if lo <= mm.span.start < hi]
        if named:
            out[table] = orgs.by_key[min(named, key=lambda mm: mm.span.start).org].name()
    return out


# A performance indicator's "Data Source: DGAPR annual statistics": who reports its values
_DATA_SOURCE_RE = re.compile(r"^[ \t]*Data\s+[Ss]ources?\s*:[ \t]*(.+)$", re.MULTILINE)


def _indicator_sources(
    text: str, mentions: list[_OrgMention], orgs: _Orgs
) -> list[tuple[int, int, str]]:
    """The blocks of a budget document's performance indicators with the organization their
    "Data Source:" line names first: (start, end, organization name). A block is the lines
    above its source line, up to a blank line (at most twelve lines)."""
    out: list[tuple[int, int, str]] = []
    starts = [mm.span.start for mm in mentions]  # mentions are sorted by start
    for m in _DATA_SOURCE_RE.finditer(text):
        named = mentions[bisect_left(starts, m.start(1)) : bisect_left(starts, m.end(1))]
        if not named:
            continue
        start = m.start()
        for _ in range(12):
            prev = text.rfind("\n", 0, max(0, start - 1))
            line = text[prev + 1 : start]
            if start == 0 or not line.strip():
                break
            start = prev + 1
        org = orgs.by_key[min(named, key=lambda mm: mm.span.start).org].name()
        out.append((start, m.start(), org))
    return out


# The line that opens a list of an auditor's findings: "GAO found that INL's monitoring of the
# equipment it provided was limited:", "We also found the following:"
_FINDINGS_INTRO_RE = re.compile(
    r"^[^\n]*?\b(GAO|OIG|SIGAR|[Ww]e)\s+(?:also\s+)?(?:found|identified|determined)\b"
    r"[^\n]*:[ \t]*$",
    re.MULTILINE,
)
_FINDING_ITEM_RE = re.compile(r"[ \t]*(?:[-•*▪–]|\d{1,2}[.)])[ \t]")
#: The auditors whose findings a list may give, by acronym, and what "we" is in their reports.
_AUDITORS = ("GAO", "OIG", "SIGAR")


def _finding_lists(text: str, orgs: _Orgs, *, audit: bool) -> list[tuple[int, int, str]]:
    """The lists of an auditor's findings ("GAO found that INL's monitoring ... was limited:"
    and the items below it) with the auditor's name: (start, end, organization name), sorted.
    "We found" is the report's own auditor's, in a GAO report or an audit."""
    out: list[tuple[int, int, str]] = []
    for m in _FINDINGS_INTRO_RE.finditer(text):
        who = m.group(1)
        if who.lower() == "we":
            if not audit:
                continue
            who = next((a for a in _AUDITORS if a in orgs.acronyms), "")
        key = orgs.acronyms.get(who)
        if key is None or key not in orgs.by_key:
            continue
        start = end = m.end() + 1
        while end < len(text):
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            line = text[end:line_end]
            if line.strip() and not (_FINDING_ITEM_RE.match(line) or line[:1] in " \t"):
                break  # a paragraph of its own ends the list (an item's wrapped lines go on)
            end = line_end + 1
        if end > start:
            out.append((start, min(end, len(text)), orgs.by_key[key].name()))
    return out


_CLAUSE_BREAK_RE = re.compile(r"[,;:]|\.(?!\d)")


def _clause_end(text: str, end: int) -> int:
    """Where the clause of a figure ending at ``end`` ends: its next comma, colon, semicolon
    or full stop, at most 60 characters on."""
    cut = _CLAUSE_BREAK_RE.search(text, end, end + 60)
    return cut.start() if cut else min(len(text), end + 60)


def _share_years(
    text: str,
    figs: list[tuple[_Fig, int]],
    sents: list[tuple[int, int]],
    years: list[int | None],
) -> None:
    """Give figures without a year of their own the year of a figure beside them (in place):
    the next one's, when coordinated with it and its year is written after it, or the previous
    one's, when the figure is a part of it ("including ...", and the parts listed after)."""
    for k in range(len(figs) - 2, -1, -1):
        (fig, si), n = figs[k], k + 1
        if (
            n + 1 < len(figs)
            and figs[n + 1][1] == si
            and _OF_THEM_RE.search(figs[n][0].span.quote) is not None
        ):
            # past a part of the figure: "rescued 712 people, nearly two-thirds of them
            # women, and arrested 138 suspected traffickers in 2024"
            n += 1
        nxt, sj = figs[n]
        if years[k] is not None or si != sj or years[n] is None:
            continue
        rest = text[nxt.span.end : sents[si][1]]
        written = re.search(
            r"\b(?:in|during)\s+(?:the\s+)?(?:FY\s?)?" + str(years[n]) + r"\b", rest
        )
        if written is None:
            continue
        if _COORDINATED_RE.fullmatch(text, fig.span.end, nxt.span.start) or (
            # one clause, the date closing it: "a 12-week course for 30 prosecutors in 2019",
            # "two FIA analysts completed a six-week fellowship in Washington in 2006"
            _ONE_CLAUSE_RE.fullmatch(text, fig.span.end, nxt.span.start)
            and _CLAUSE_BREAK_RE.search(rest, 0, written.start()) is None
        ):
            years[k] = years[n]
    in_parts = False
    run_on = False  # the figure before took its year as run on from a dated one
    for k in range(1, len(figs)):
        (prev, si), (fig, sj) = figs[k - 1], figs[k]
        between = (prev.span.end, fig.span.start)
        if si != sj:
            in_parts = False
            continue
        carried = False
        if years[k] is None and years[k - 1] is not None:
            after = _DATED_BEFORE_RE.fullmatch(text, *between)
            if after is None and prev.change is not None:
                # past the base year of a change: "dismantled 47 laboratories in 2023, up 38
                # percent from 2022, and seized over 1.2 metric tons" (2023)
                after = _CHANGE_BASE_BEFORE_RE.fullmatch(text, *between)
                based = after is not None
            else:
                based = False
            if (
                after is not None
                and (based or int(after.group(1)) == years[k - 1])
                # (not the whole of a partitive: "Of the 31 vehicles INL donated in 2019, 4")
                and _OF_THE_BEFORE_RE.search(text, max(0, prev.span.start - 12), prev.span.start)
                is None
                and not prev.span.quote.startswith(("Of ", "of "))
                # (nor an earlier level, nor what stands now: "..., up from 620", "and now")
                and _COMPARED_WITH_RE.search(text, *between) is None
                # (from the date to the end of the figure's clause)
                and _PRESENT_RE.search(text, after.end(1), _clause_end(text, fig.span.end)) is None
            ):
                # the year of the clause's own figure, not of the earlier level it is compared
                # with: "seized 13.4 million tablets in 2006, up from 10.9 million in 2005, along
                # with 9.8 metric tons of hashish" (2006)
                j = k - 1
                if (
                    j > 0
                    and figs[j - 1][1] == si
                    and _COMPARED_WITH_RE.search(text, figs[j - 1][0].span.end, prev.span.start)
                ):
                    j -= 1
                years[k] = years[j]
                carried = True
            elif run_on and _LIST_NEXT_RE.fullmatch(text, *between) is not None:
                # the next item of the run-on figure's list: "..., and seized over 1.2 metric
                # tons of synthetic drugs and 31 metric tons of precursors"
                years[k] = years[k - 1]
                carried = True
        run_on = carried
        if _PARTS_RE.fullmatch(text, *between):
            in_parts = True
        elif not (in_parts and _LIST_NEXT_RE.fullmatch(text, *between)):
            in_parts = False
        if in_parts and years[k] is None:
            years[k] = years[k - 1]


# A running total's or a time frame's words: "since 2000", "to date", "over the past five years"
_RUNNING_TOTAL = r"since|to\s+date|[Oo]ver\s+the\s+(?:past|last)"
# A running total over a time frame, which a release's or a chapter's own year does not date:
# "Since 2022, INL has trained more than 150 officers and delivered equipment worth over $1.2
# million", "a program that has trained more than 400 police since 2016", "to date"
_RUNNING_SINCE_RE = re.compile(
    r"\b[Ss]ince\s+(?:(?:early|late|mid)[-\s]+)?(?:FY\s?|(?:" + _MONTHS + r")\s+)?(?:19|20)\d\d\b"
    r"|(?<!\bup\s)\bto\s+date\b"
)
# a record's "since", no running total: "the largest seizure since 1999", "the first ... since"
_RECORD_BEFORE_RE = re.compile(r"\b(?:[a-z]{2,}est|first|most|ever)\s+(?:[\w-]+\s+){0,2}\Z")


def _running_total(text: str, s: int, e: int) -> bool:
    """Whether sentence ``text[s:e]`` gives a running total over a time frame (see
    :data:`_RUNNING_SINCE_RE`), not a record's "since"."""
    return any(
        _RECORD_BEFORE_RE.search(text, max(s, m.start() - 40), m.start()) is None
        for m in _RUNNING_SINCE_RE.finditer(text, s, e)
    )


# The extent of a place, a standing fact no year under report dates: "a 266-kilometer land
# border", "roughly 120 kilometers of coastline", "30 kilometers east of Amman", "some 33,000
# square kilometers of sea"
_EXTENT_AFTER_RE = re.compile(
    r"(?:[-\s]+long)?[\s,]+(?:(?:of|along|off|from|away)\s+)?(?:(?:its|the|their|a)\s+)?"
    # (only words that place the line: not "45 kilometers of new border fence")
    r"(?:(?:land|sea|maritime|common|shared|porous|international|southern|northern|eastern"
    r"|western|rugged|remote|mountainous|long)\s+){0,2}"
    r"(?:borders?|coast(?:line)?s?|frontiers?|boundar(?:y|ies)|sea|territory|away"
    r"|(?:north|south|east|west)(?:east|west)?(?=\s+of\b))\b"
    # (a thing built or patrolled along it is work: "kilometers of border fence")
    r"(?!\s+(?:fences?|walls?|roads?|posts?|crossings?|patrols?|barriers?))"
)
_LENGTH_UNITS = frozenset({"kilometer", "mile", "nautical-mile"})
_AREA_UNITS = frozenset({"square-kilometer", "square-mile"})


def _extent(text: str, fig: _Fig, e: int) -> bool:
    """Whether a figure is the extent of a place: the length or area of a border, coast, sea
    or territory, or a distance away (see :data:`_EXTENT_AFTER_RE`)."""
    return (fig.unit in _LENGTH_UNITS or fig.unit in _AREA_UNITS) and _EXTENT_AFTER_RE.match(
        text, fig.span.end, e
    ) is not None


_TODAY_RE = re.compile(r"\b(?:" + _TODAY + r")\b", re.IGNORECASE)
# A plan right before a figure, in a budget document's narrative: "will train 250
# investigators", "plans to deliver up to 24 additional courses"
_PLANNED_RE = re.compile(
    r"\b(?:will|would|plans?\s+to|intends?\s+to|expects?\s+to|is\s+expected\s+to"
    r"|are\s+expected\s+to)\s+(?:(?:also|further|then|directly)\s+)?(?:train|deliver|provide"
    r"|equip|donate|fund|support|build|construct|renovate|refurbish|procure|purchase|conduct"
    r"|hold|host|mentor|deploy|establish|install|certify|graduate|assist|offer|organize|launch"
    r"|expand|create|open|hire|develop)\w*\s+(?:[\w-]+,?\s+){0,3}$"
)
# What a budget document plans, anywhere before a figure in its sentence: "The request will
# support the graduation of two promotions of 750 cadets", "Funds will sustain ... up to 14
# interceptor vessels"; a funding line's list of what it buys ("$4.1 million for up to 24 police
# advisors"); what the request itself is ("The FY 2014 request of $4.1 million, an increase of
# 57 percent", "Roughly 59 percent of the request")
_PLANS_RE = re.compile(
    r"\b(?:will|would|shall)\s+(?!have\b|had\b)[a-z]+"
    r"|^[ \t]*(?:[•*\-–·][ \t]*)?(?:(?:[Aa]pproximately|[Aa]bout|[Uu]p\s+to|[Nn]early)\s+)?"
    r"(?:US)?\$\s?[\d.,]+(?:\s+(?:million|billion|thousand))?\s+(?:to|for)\b"
    r"|^[ \t]*(?:The|This|Its)\s+(?:FY\s?\d{4}\s+)?(?:budget\s+)?request\b",
    re.MULTILINE,
)
# Between what a budget document plans and a figure: a clause of its own that states what is
# ("..., which has vetted more than 2,400 officers", "; official statistics show", "now
# processes"), or a baseline ("from 22 precincts to 30")
_PLANS_BREAK_RE = re.compile(
    r"[;:]|\b(?:which|where|who|that|has|have|had|is|are|was|were|since|now|from)\b"
)
# A fiscal year's request as a sentence's subject: "The President's FY 2025 budget requests",
# "our FY 2013 request for these programs totals", "DOD's fiscal year 2010 budget request seeks"
_REQUEST_OF_YEAR_RE = re.compile(
    r"\b(?:FY|[Ff]iscal\s+[Yy]ear)\s?((?:19|20)\d\d)\s+(?:[A-Za-z]+\s+){0,2}?(?:budget\s+)?"
    r"requests?\b(?!\s+(?:level|levels)\b)"
)
# A sentence that takes up the request before it: "These funds would ...", "Of that amount,
# $5.5 million would ...", "That request would allow us to ..."
_REQUEST_TAKEN_UP_RE = re.compile(
    r"\s*(?:(?:These|Those|The|This|That)\s+(?:funds|funding|resources|request|amount)\b"
    r"|Of\s+(?:that|this|the)\s+(?:amount|total|request|sum)\b)"
)
# "According to X, the bureau seized ...": the subject takes up the source by its head noun
_SOURCE_TAKEN_UP_RE = re.compile(
    r"\s*According\s+to\s+[^,;]{1,80},\s+(?:the|its)\s+(" + SOURCE_HEADS + r")\s+"
    r"(?:(?:has|had|also|then)\s+)*[a-z]+ed\b[^;]*\Z"
)
_OF_REQUEST_RE = re.compile(
    r"(?:\s+percent)?\s+of\s+(?:the|this|its)\s+(?:FY\s?\d{4}\s+)?request\b"
)
# A heading that dates its section: "Program Accomplishments (FY 2024)", "Program Goals (FY
# 2025 Request)", "Results in 2022", "2019 Accomplishments"
_SECTION_YEAR_RE = re.compile(
    r"[ \t]*(?:[A-Z][\w'’&/-]*[ \t]+(?:(?:of|and|in|for|the|to)[ \t]+)?){1,6}"
    r"(?:\([ \t]*(?:FY[ \t]?|CY[ \t]?|[Ff]iscal[ \t]+[Yy]ear[ \t]+)?((?:19|20)\d\d)"
    r"(?:[ \t]+[A-Z][a-z]+)?[ \t]*\)|in[ \t]+(?:FY[ \t]?)?((?:19|20)\d\d))[ \t]*:?[ \t]*$"
    r"|[ \t]*(?:FY[ \t]?)?((?:19|20)\d\d)[ \t]+(?:Accomplishments|Results|Achievements"
    r"|Highlights|Activities|Goals|Priorities|Program\s+Highlights)[ \t]*:?[ \t]*$"
)
# A heading that starts a section of its own (two or more words, no digits)
# (one word or more, numbered or not, a colon at its end: "Challenges", "1. Background",
# "COVID-19 Impact on Operations", "Key Challenges:")
_PLAIN_HEADING_RE = re.compile(
    r"[ \t]*(?:(?:[A-Z]|[IVX]+|\d{1,2})\.[ \t]+)?[A-Z][A-Za-z0-9'’&/,()-]*"
    r"(?:[ \t]+[A-Za-z'’&/,()-][A-Za-z0-9'’&/,()-]*){0,11}[ \t]*:?[ \t]*$"
)
# What a section's year does not date: a running total or a time frame of the sentence's own
_UNDATED_BY_SECTION_RE = re.compile(
    r"\b(?:" + _RUNNING_TOTAL + r"|[Ss]ince|[Oo]ver\s+the\s+life|[Cc]umulative|decades?)\b"
)


def _section_years(text: str) -> list[tuple[int, int | None, bool]]:
    """The headings of a text in order, as (start, year it dates its section by, or ``None``
    for a heading that starts an undated section, whether the heading names a request)."""
    out: list[tuple[int, int | None, bool]] = []
    at = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if 0 < len(body.strip()) <= 90 and at > 0:  # (not the document's title)
            m = _SECTION_YEAR_RE.fullmatch(body)
            if m is not None:
                out.append((at, int(next(g for g in m.groups() if g)), "Request" in body))
            elif _PLAIN_HEADING_RE.fullmatch(body) and not body.rstrip().endswith("."):
                out.append((at, None, False))
        at += len(line)
    return out


def _section_year(
    sections: list[tuple[int, int | None, bool]], pos: int
) -> tuple[int | None, bool]:
    """The year of the section ``pos`` is in, and whether its heading names a request (see
    :func:`_section_years`)."""
    # (by start only: a heading at ``pos`` itself may have no year to compare)
    i = bisect_right(sections, pos, key=lambda section: section[0]) - 1
    return (sections[i][1], sections[i][2]) if i >= 0 else (None, False)


# A second verb of the clause's subject after a figure with its year: "heard 340 cases in 2022,
# ... and secured 210 convictions", "eradicated 95,000 hectares in 2008, but suffered 26 deaths"
_SECOND_VERB_RE = re.compile(
    r"[^;:]*?(?:,\s*|\s+)(?:and|but|yet)\s+(?:(?:also|then|later|still)\s+)?"
    r"[a-z]+(?:ed|ew|ught|gave|ent|ook|ade|ot|ound|eld|ept|old|aw)\b[^;:]*"
)
# or a second object of its verb, in the same unit: "seized 9.1 tons of cocaine in 2022, up
# from 6.3 tons in 2021, and more than 180 tons of marijuana" (no new clause between)
_SECOND_OBJECT_RE = re.compile(
    r"(?:(?!\b(?:yet|but|while|whereas|although|though|remains?|is|are)\b)[^;:]){0,80}?"
    r",\s*(?:and|as\s+well\s+as)\s+"
)
_ALONG_WITH_RE = re.compile(
    r"(?:(?!\b(?:yet|but|while|whereas|although|though|remains?|is|are)\b)[^;:]){0,80}?"
    r",\s*(?:along\s+with|together\s+with|as\s+well\s+as|plus)\s+"
)
# the next item of a list of objects, right after the one before: "9.8 metric tons of hashish
# and 42 kilograms of heroin"
_NEXT_ITEM_RE = re.compile(r"(?:\s+of\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?(?:,\s*|,?\s+and\s+)")
_LEVEL_REACHED_RE = re.compile(r"[^;:]{0,60}?,\s+to\s+")
# Where the clause after a figure ends: a semicolon, or a comma and a conjunction opening
# another clause ("..., and the U.S. Coast Guard provided spare parts")
_NEXT_CLAUSE_RE = re.compile(r";|,\s+(?:and|but|while|whereas|although)\s+(?![\d$])")
# A figure that opens a clause of its own: "and more than 400 inmates have been killed"
_SUBJECT_OF_VERB_RE = re.compile(r"\s+(?:have|has|had|were|was|are|is|remain|died|fled)\b")
# A figure that is the level compared with: "up from 6.3 metric tons in 2021"
_BASELINE_BEFORE_RE = re.compile(
    r"\b(?:up|down|rising|falling|increasing|decreasing)\s+from\s+(?:\S+\s+){0,2}$"
    r"|\b(?:compared\s+(?:with|to)|against|than)\s+(?:\S+\s+){0,2}$"
)


_BASE_YEAR_BEFORE_RE = re.compile(r"\b(?:over|than|with|versus)\s+(?:in\s+)?$")


# A time frame of the figure's own after it: "since the program began", "to date", "over the
# past five years", "the following year"
_OWN_FRAME_AFTER_RE = re.compile(
    r"[^;:.]{0,60}?\b(?:" + _RUNNING_TOTAL + r"|(?:the\s+)?(?:following|previous|next|prior"
    r"|preceding)\s+year|(?:last|next)\s+year|a\s+year\s+(?:earlier|later))\b"
)


# a list item's line: "- $4.2 million to help ...", "• 40 patrol vehicles", "3) ..."
_ITEM_LINE_RE = re.compile(r"[ \t]*(?:[-•*·▪–—]|\d{1,2}[.)])[ \t]+")
# a year its list's introducing paragraph names for the list: a time the work is in or for
# ("for FY 2022", "in 2023", "during fiscal year 2019"), not one that dates something else ("The
# 2019 National Crime Survey"), a start ("Since 2015", "launched in 2008", "began in 2008") nor a
# period ("between 2019 and 2021", "2018-2020")
_INTRO_YEAR_RE = re.compile(
    r"(?i:(?<!since\s)(?<!from\s)(?<!began\s)(?<!begun\s)(?<!started\s)(?<!launched\s)"
    r"(?<!created\s)(?<!established\s)(?<!opened\s)(?<!founded\s)(?<!starting\s)"
    r"(?<!beginning\s)(?<!inception\s)"
    r"\b(?:in|for|during)\s+(?:(?:FY|fiscal\s+year)\s?)?"
    # (a bare fiscal year; after "in", "for" or "during" the branch before reads it)
    r"|(?<!since\s)(?<!from\s)(?<!in\s)(?<!for\s)(?<!during\s)\bFY\s?)"
    r"((?:19|20)\d\d)(?!\d|,\d|\s*(?:[-–]|to\b|and\b|through\b))"
)
_INTRO_PERIOD_RE = re.compile(
    r"(?i:\b(?:and|to|through)\s+|[-–]\s*)(?:(?:FY|fiscal\s+year)\s?)?(?:19|20)\d\d\b"
)
# how many lines up a list's items look for the paragraph that introduces them
_LIST_LINES = 40


def _list_years(
    text: str, figs: list[tuple[_Fig, int]], years: list[int | None], newlines: list[int]
) -> None:
    """Give a list item's figure without a year the one year that the paragraph introducing
    the list names (in place): "... $15.6 million in new assistance for FY 2022, which brings
    INL support since FY 2019 to more than $52 million. The new funds include:" dates "- $4.2
    million to help SNAI ..." 2022. Not a figure whose item names a time of its own up to the
    figure's clause's end ("..., where units inspected some 2,900 containers last year"). The
    introducing paragraph is the line before the list's items and blank lines, ending with a
    colon; one naming no year or several dates nothing."""
    intro_year: dict[int, int | None] = {}  # by the item's line start
    for k, (fig, _si) in enumerate(figs):
        if years[k] is not None:
            continue
        start = _line_start(newlines, fig.span.start)
        if start not in intro_year:
            intro_year[start] = _intro_year(text, start, newlines)
        year = intro_year[start]
        if year is None:
            continue
        stop = _CLAUSE_STOP_RE.search(text, fig.span.end)
        own = text[start : stop.start() if stop is not None else len(text)]
        if not (_ANY_YEAR_RE.search(own) or _RELATIVE_YEAR_RE.search(own)):
            years[k] = year


# the end of a figure's clause in a list item: a comma, a semicolon or the line's end
_CLAUSE_STOP_RE = re.compile(r"[,;\n]")


def _intro_year(text: str, start: int, newlines: list[int]) -> int | None:
    """The one year the paragraph introducing the list item on the line at ``start`` names
    (see :func:`_list_years`), if the line is a list item."""
    if not _ITEM_LINE_RE.match(text, start):
        return None
    at = start
    for _ in range(_LIST_LINES):
        if at == 0:
            return None
        at = _line_start(newlines, at - 1)
        end = text.find("\n", at)
        above = text[at:end]
        if above.strip() and not _ITEM_LINE_RE.match(above):
            if not above.rstrip().endswith(":") or _INTRO_PERIOD_RE.search(above):
                return None  # (a period dates no list: "Between FY 2019 and FY 2021, INL ...")
            found = set(_INTRO_YEAR_RE.findall(above))
            return int(found.pop()) if len(found) == 1 else None
    return None


def _carry_years(text: str, figs: list[tuple[_Fig, int]], years: list[int | None]) -> None:
    """Give a figure without a year the year of the figure its clause's subject achieved
    earlier in the sentence (in place): "mobile courts heard 340 cases in 2022, ... and
    secured 210 convictions" (2022), "seized 9.1 tons in 2022, ..., and 180 tons of
    marijuana" (2022); not a baseline's ("up from 6.3 tons in 2021"), and not
    across a semicolon, a colon or another written year."""
    last: tuple[int, int] | None = None  # (index of the figure, sentence)
    for k, (fig, si) in enumerate(figs):
        if last is not None and last[1] != si:
            last = None
        if years[k] is None and last is not None:
            prev = figs[last[0]][0]
            between = text[prev.span.end : fig.span.start]
            # the years written between are the earlier figure's and those of the figures
            # between (a baseline's "in 2021"), not a new time for this one
            own = {years[last[0]], *(years[j] for j in range(last[0] + 1, k))}
            # (not a comparison's base year: "an increase of 60 percent over 2022")
            written = {
                int(y.group(1))
                for y in _ANY_YEAR_RE.finditer(between)
                if not _BASE_YEAR_BEFORE_RE.search(between, 0, y.start())
            }
            # the level a change reached, whose period the years between give: "fell 38
            # percent from 2017 to 2018, to 3,340" (2018)
            reached = prev.change is not None and _LEVEL_REACHED_RE.fullmatch(between)
            listed = False
            if _OWN_FRAME_AFTER_RE.match(text, fig.span.end):
                pass  # a time of its own: "..., and 30,000 hectares in the previous year"
            elif reached or (
                (
                    _SECOND_VERB_RE.fullmatch(between)
                    or (fig.unit == prev.unit and _SECOND_OBJECT_RE.fullmatch(between))
                    # more objects of the verb, in any unit: "seized 13.4 million tablets in
                    # 2006, up from 10.9 million in 2005, along with 9.8 metric tons of hashish
                    # and 42 kilograms of heroin"
                    or (
                        listed := bool(
                            _ALONG_WITH_RE.fullmatch(between) or _NEXT_ITEM_RE.fullmatch(between)
                        )
                    )
                )
                and written <= own
                and not _SUBJECT_OF_VERB_RE.match(text, fig.span.end)
            ):
                years[k] = years[last[0]]
                if not listed:
                    continue
                # (the next item of the list takes it from this one: "... and 42 kilograms")
        if years[k] is not None:
            lo = max(0, fig.span.start - 40)
            if not _BASELINE_BEFORE_RE.search(text, lo, fig.num_start):
                last = (k, si)


# One amount in two currencies: "1.3 billion gourdes (about $9.9 million)", "$2.7 million, or
# roughly GH¢21 million"
_CONVERSION_RE = re.compile(
    r"\s*(?:\(\s*|,\s+or\s+|\s+or\s+)(?:(?:about|approximately|approx\.|roughly|some|around"
    r"|nearly|almost|just\s+(?:over|under)|over|under|equivalent\s+to|the\s+equivalent\s+of"
    r"|US)\s+)?"
)
# What comes before a figure that is a share of the one before it: "trained 1,450 officers,
# and about 30 percent of them were women" (the share follows); a part named after its whole:
# "more than 1,600 officers, among them 320 women"
_OF_THEM_RE = re.compile(r"\s+(?:percent\s+)?of\s+(?:them|whom)\b")
_AMONG_RE = re.compile(
    r"[^;:.\d]{0,60}?(?:,\s*|\s+)(?:among\s+(?:them|whom)|of\s+(?:them|whom)|including)\s+"
    r"(?:[a-z]+\s+){0,2}$"
)


_PARTS_SENTENCE_RE = re.compile(
    r"(?:[A-Z][\w-]*|[Tt]he|[Tt]hese|[Tt]hose)(?:\s+[\w-]+){0,2}\s+(?:included|includes"
    r"|comprised|consisted\s+of)\s"
)
_COMPARED_WITH_RE = re.compile(
    r"\b(?:compared\s+(?:with|to)|as\s+against|versus|vs\.?"
    r"|(?:up|down|rising|falling|rose|fell|increas(?:ed|ing)|decreas(?:ed|ing)|gr[eo]w(?:ing)?"
    r"|climb(?:ed|ing)|drop(?:ped|ping))\s+from)\s+(?:[a-z]+\s+)?$"
)
_PREVIOUS_YEAR_RE = re.compile(
    r"\s+(?:(?:in|during)\s+)?(?:the\s+(?:previous|preceding|prior)\s+(?:reporting\s+period|year)"
    r"|the\s+year\s+before|a\s+year\s+(?:earlier|before))\b"
)


def _as_part_of(part: Measurement, whole: Measurement) -> Measurement:
    """A part of a figure ("six of them"), credited, reported and dated as its whole unless it
    says otherwise."""
    return replace(
        part,
        agency=part.agency or whole.agency,
        reported_by=part.reported_by or whole.reported_by,
        year=whole.year if part.year is None else part.year,
    )


def _whole_before(text: str, figures: list[Measurement], k: int) -> Measurement | None:
    """The count a part ("212 of them") is of: the last count before figure ``k`` in its
    sentence, at most 240 characters before it."""
    b = figures[k]
    for a in reversed(figures[:k]):
        if b.span.start - a.span.end > 240 or STOP_RE.search(text, a.span.end, b.span.start):
            return None
        if a.unit == "count" and a.counted == b.counted:
            return a
    return None


def _share_attributes(
    text: str, built: list[Measurement], written: list[bool]
) -> list[Measurement]:
    """Give a figure what it lacks of the figure it restates or is part of (a new list;
    ``written[k]``: figure ``k``'s year is read from the text, not a default of the document's):

    - an amount and its conversion into another currency are one fact: the conversion takes
      the amount's credited agency and reporter, and either takes the other's written year
      when it has none;
    - a share or part of the figure before it ("about 30 percent of them", "among them 320
      women") takes that figure's credited agency when it has none; a count of them ("six of
      them as mentors") also its reporter and year;
    - an earlier level the figure before it is compared with ("187 reports, compared with 152
      the previous year") is credited and reported as that figure, and "the previous year" is
      the year before that figure's;
    - the parts a sentence lists ("Seizures included 312 kilograms of heroin, ...") take the
      credited agency of the last figure before it in the same unit.

    >>> from kg.model import Span
    >>> t = "froze assets worth 1.3 billion gourdes (about $9.9 million) in 2024"
    >>> a = Measurement(span=Span(19, 38, t[19:38]), value=1.3e9, unit="htg")
    >>> b = Measurement(span=Span(40, 58, t[40:58]), value=9.9e6, unit="usd", year=2024)
    >>> [m.year for m in _share_attributes(t, [a, b], [False, True])]
    [2024, 2024]
    """
    out = list(built)
    for k in range(1, len(out)):
        a, b = out[k - 1], out[k]
        if a.span.end > b.span.start:
            continue
        between = text[a.span.end : b.span.start]
        previous = _PREVIOUS_YEAR_RE.match(text, b.span.end) is not None
        if (
            a.unit in CURRENCY_KEYS
            and b.unit in CURRENCY_KEYS
            and a.unit != b.unit
            and _CONVERSION_RE.fullmatch(between) is not None
        ):
            year = a.year if written[k - 1] else b.year if written[k] else None
            out[k - 1] = replace(a, year=a.year if year is None else year)
            out[k] = replace(
                b,
                year=b.year if year is None else year,
                agency=a.agency,
                reported_by=a.reported_by or b.reported_by,
            )
        elif (
            a.unit == b.unit
            and _COMPARED_WITH_RE.search(between) is not None
            and (
                len(between) <= 80
                # (past a long clause when it says it is the year before's: "submitted 118
                # weapons for tracing through the ... system in 2014, compared with 35 the
                # year before")
                or (previous and len(between) <= 240 and not STOP_RE.search(between))
            )
            and (
                b.counted in (None, a.counted)
                # (what the year before counts may be worded anew: "convicted 81 traffickers,
                # up from 59 convictions the year before")
                or previous
            )
        ):
            # "187 reports ..., compared with 152 the previous year": the same count, an
            # earlier level; credited and reported as the figure it is compared with
            out[k] = replace(
                b,
                agency=b.agency or a.agency,
                reported_by=b.reported_by or a.reported_by,
                year=a.year - 1 if previous and a.year is not None else b.year,
            )
        elif (
            a.unit == b.unit == "count"
            and len(between) <= 80
            and (
                OF_THEM_AFTER_RE.match(text, b.span.end) is not None
                or _OF_THEM_RE.search(b.span.quote) is not None  # "22 of them women"
            )
        ):
            # "trained 40 officers, six of them as mentors": a part of the figure before it,
            # credited, reported and dated as that figure unless it says otherwise
            out[k] = _as_part_of(b, a)
        elif (
            b.unit == "count"
            and a.unit != "count"
            and OF_THEM_AFTER_RE.match(text, b.span.end) is not None
            and (whole := _whole_before(text, out, k)) is not None
        ):
            # past a figure of another unit: "received 2,315 reports, up 18 percent from 2020,
            # and referred 212 of them"
            out[k] = _as_part_of(b, whole)
        elif (
            b.unit == "percent"
            and b.year is None
            and a.year is not None
            and a.unit != "percent"
            and len(between) <= 80
            and (
                _OF_THEM_RE.match(text, b.span.end) is not None
                or _OF_THEM_RE.search(b.span.quote) is not None
            )
        ):
            # a share of the figure before it is of that figure's year: "arrested some 18,700
            # people on drug charges in 2006; roughly two in five of them were foreign
            # nationals" (and credited as it is, when it says no one)
            out[k] = replace(b, agency=b.agency or a.agency, year=a.year)
        elif (
            b.agency is None
            and a.agency is not None
            and (
                (
                    b.unit == "percent"
                    and len(between) <= 80
                    and (
                        _OF_THEM_RE.match(text, b.span.end) is not None
                        or _OF_THEM_RE.search(b.span.quote) is not None
                    )
                )
                or _AMONG_RE.fullmatch(between) is not None
                # the next item of a list the same verb governs: "is handing over 12 patrol
                # vehicles, 8 motorcycles, 40 portable radios and two drones"
                or (
                    _LIST_SEPARATOR_RE.fullmatch(between) is not None
                    and a.unit != "percent"
                    and b.unit != "percent"
                )
            )
        ):
            out[k] = replace(b, agency=a.agency)
    # the parts a sentence lists of the figure before it: "Tajik authorities seized 4,862
    # kilograms ... Seizures included 312 kilograms of heroin, 97 kilograms of opium, ..."
    wholes: dict[str, Measurement] = {}  # by unit, the last figure credited to someone
    for k, b in enumerate(out):
        lo = max(text.rfind(". ", max(0, b.span.start - 300), b.span.start) + 2, 0)
        parts = _PARTS_SENTENCE_RE.match(text, lo, b.span.start) is not None
        whole = wholes.get(b.unit)
        if not parts:
            if b.agency is not None:
                wholes[b.unit] = b
            continue
        if (
            whole is not None
            and whole.span.end <= lo
            and b.agency is None
            and lo - whole.span.end <= 300
        ):
            out[k] = replace(b, agency=whole.agency)
    return out


def extract(document: Document) -> DocumentFacts:
    """Every organization, place, figure and activity found in a document's text.

    Deterministic and offline; odd text (empty, unicode punctuation, very long) gives what
    can be found and never raises. Unicode spaces read as spaces and a hard-wrapped text (PDF
    text, archived sheets) with its paragraphs' line breaks as spaces
    (:func:`~kg.extract.text.reading_view`); every span still quotes the document's own
    characters.
    """
    text = document.text or ""
    view = reading_view(text)
    if view == text:
        return _extract(document)
    facts = _extract(replace(document, text=view))
    requoted = _requoted(facts, text)
    assert isinstance(requoted, DocumentFacts)
    requoted.document = document
    return requoted


def _requoted(value: Any, text: str) -> Any:
    """``value`` (facts, or any part of them) with every span's quote taken from ``text``."""
    if isinstance(value, Span):
        return Span.of(text, value.start, value.end)
    if isinstance(value, Document):
        return value
    if isinstance(value, (list, tuple)):
        return type(value)(_requoted(v, text) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _requoted(getattr(value, f.name), text) for f in fields(value)}
        return replace(value, **changes)
    return value


def _extract(document: Document) -> DocumentFacts:
    """:func:`extract` of a text read as it is."""
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
    named = {h.entry.country for h in places if h.entry.country}
    if country_code:
        named.add(country_code)
    extra += _gazetteer_cities(text, org_spans, [*places, *extra], frozenset(named))
    if extra:
        places = sorted([*places, *extra], key=lambda h: h.span.start)
    places = _whole_names(
        text, _facilities(text, _city_or_river_of_the_name(text, places)), org_spans
    )
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
    money = country_currency(country_code)
    lead = _lead(orgs)
    generic_keys = _generic_keys(orgs, country, country_code)
    frame = _frame(document)
    # a press release's U.S. embassy or consulate announces the lead agency's assistance: as
    # the subject of a sentence it does not take the lead's credit away
    posts = (
        {k for k, o in orgs.by_key.items() if _POST_RE.search(o.name())}
        if frame.announcement
        else set()
    )
    lead_names = [n for n in (lead.final().names if lead else ()) if n]
    us_head = headline_us(text) if frame.announcement else None
    headline = None
    if us_head is not None:
        us_key = next((mm.org for mm in mentions if mm.span.start == us_head.start(1)), None)
        if us_key is not None:
            line_end = text.find("\n", us_head.end())
            line_end = len(text) if line_end < 0 else line_end
            headline = (us_head.start(), line_end, orgs.by_key[us_key].short)
    # what a body taken up by its kind ("the Commission") can refer back to; its keys are the
    # organizations a figure can be credited to (no armed group, no named program)
    name_words = {
        key: frozenset(w.casefold() for n in o.names for w in re.findall(r"\w+", n))
        for key, o in orgs.by_key.items()
        if o.kind != OrgKind.ARMED_GROUP and not programs.is_program_name(o.name())
    }  # (once per organization, not per mention)
    antecedents = [
        (mm.span.start, mm.org, name_words[mm.org]) for mm in mentions if mm.org in name_words
    ]
    # named programs, still among the organizations here (kg.programs moves them out later)
    program_keys = {k for k, o in orgs.by_key.items() if programs.is_program_name(o.name())}
    place_starts = [h.span.start for h in places]  # places are sorted by start
    channel = channel_pattern(lead_names)
    credit_re = (
        re.compile(
            _CREDIT_RE_TEMPLATE.replace(
                "{n}", "(?:" + "|".join(re.escape(n) for n in lead_names) + ")"
            )
            # the agency as the channel: "Today, through INL, the United States is handing over"
            + "|"
            + channel
        )
        if lead_names
        else None
    )
    # "a Department of Justice Resident Legal Advisor funded by INL": the lead agency's money
    funded_by_re = (
        re.compile(
            r"[^.;:()]{0,40}?\b(?:funded|financed|supported|paid\s+for)\s+by\s+(?:the\s+)?(?:"
            + "|".join(re.escape(n) for n in lead_names)
            + r")\b"
        )
        if lead_names
        else None
    )
    through_re = re.compile(channel + r"(?:the\s+United\s+States|we)\b") if channel else None
    # the lead agency named as the channel right after an amount: "more than $21 million
    # through INL", "$120 million through the State Department's Bureau of ..., INL, in"
    through_after_re = (
        re.compile(
            r"[^.;,\d]{0,30}?\s+through\s+(?:the\s+)?(?:[\w.’'-]+\s+){0,6}?(?:"
            + "|".join(re.escape(n) for n in lead_names if n)
            + r")(?![\w’'-])"
        )
        if lead_names
        else None
    )
    if credit_re is not None and frame.first_person:
        # the speaker's bureau's support: "Through our support, the GPS trained 60 officers"
        credit_re = re.compile(
            credit_re.pattern
            + r"|(?i:(?:through|with|thanks\s+to)\s+our\s+(?:support|assistance|funding|help"
            r"|training|mentoring|programs?))"
        )
    # the lead agency as the acting subject: "INL conducted", "INL has trained"; in testimony
    # and remarks the speaker's "we" ("Working with DOJ, we have trained 1,250 officers")
    speaker = [r"[Ww]e(?:['’]ve)?"] if frame.first_person else []
    lead_verb_re = (
        re.compile(
            r"(?<![\w-])(?:"
            + "|".join([*(re.escape(n) for n in lead_names), *speaker])
            + r")"
            # the first of two named together: "INL and DOD built", "INL and the U.S.
            # Department of Justice helped train"
            + r"(?:\s+and\s+(?:the\s+)?(?:U\.\s?S\.\s+)?"
            + r"(?:(?:[A-Z][\w.’'-]*|of|for|on|and)\s+){0,6}?[A-Z][\w.’'-]*"
            + r"(?:\s+\([A-Z][\w.&/-]*\))?)?"
            + r"\s+(?:has\s+|have\s+|had\s+|also\s+|jointly\s+|together\s+)*"
            + r"(?:[a-z]+ed|[a-z]+s|built|rebuilt|gave|sent|made|led|held|taught|began|bought)\b"
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
    reported_in: dict[int, tuple[str, int] | None] = {}
    year_of_sentence: dict[int, int] = {}
    requested: dict[int, int] = {}  # sentences that speak of a fiscal year's request
    frames = _frames(text)
    if frame.review or frame.budget:
        # an evaluation or audit of the program, or a budget document's plan for it: all of it
        # frames it
        frames = [(0, len(text))]
    frame_starts = [a for a, _b in frames]  # the year of a sentence's last figure that has one
    subject_of: dict[int, str] = {}  # a sentence's acting organization (its first figure's)
    handed = handover_lists(text)
    handed_starts = [a for a, _b in handed]
    credit_in: dict[int, bool] = {}
    past_in: dict[int, bool] = {}

    def past(si: int) -> bool:
        """Whether sentence ``si`` tells an event in the simple past (once per sentence)."""
        if si not in past_in:
            past_in[si] = _tells_past(text, *sents[si])
        return past_in[si]

    funding_in: dict[int, bool] = {}

    def credited(si: int, rx: re.Pattern[str]) -> bool:
        """Whether sentence ``si`` credits the lead agency (once per sentence)."""
        if si not in credit_in:
            credit_in[si] = rx.search(text, *sents[si]) is not None
        return credit_in[si]

    def carried(si: int, rx: re.Pattern[str]) -> bool:
        """Whether sentence ``si``'s subject takes up what an earlier sentence of its paragraph
        credits to the lead agency: "INL's project supports the court's serious crimes bench.
        The bench adjudicated 214 cases" (the subject's noun is one of that sentence's)."""
        start, end = sents[si]
        m = _ANAPHOR_RE.match(text, start, end)
        # or what the sentence uses or comes of, which may be named in title case before
        # ("Using those boats, the Coast Guard intercepted 23 dhows", "officers trained under
        # the initiative boarded 61 vessels" after "the Pacific Islands Counternarcotics
        # Initiative")
        back = [
            next(g for g in b.groups() if g is not None)
            for b in _BACK_REFERENCE_RE.finditer(text, start, end)
        ]
        nouns = {w.rstrip("s") for w in m.group(1).split() if len(w) > 3} if m else set()
        named = {w.rstrip("s") for phrase in back for w in phrase.split() if len(w) > 3}
        top = _line_start(newlines, start)
        sj = si - 1
        while (nouns or named) and sj >= 0 and sents[sj][0] >= top:
            if credited(sj, rx) or (
                # in testimony or remarks, the speaker's bureau: "This year we delivered 6 new
                # interceptor boats"
                named and frame.first_person and _WE_ACTED_RE.search(text, *sents[sj]) is not None
            ):
                said = {w.rstrip("s") for w in _WORD_RE.findall(text, *sents[sj])}
                if nouns & said:
                    return True
                lowered = text[slice(*sents[sj])].lower()
                if named & {w.rstrip("s") for w in _WORD_RE.findall(lowered)}:
                    return True
            sj -= 1
        return False

    def opening_subject(lo: int, hi: int) -> str | None:
        """The organization named as the subject of the first clause in ``[lo, hi)``, whatever
        its verb (``None`` when that subject is a program or no organization)."""
        first = _CLAUSE_OPEN_RE.search(text, lo, hi)
        end = first.start() if first is not None else hi
        for mm in mentions_in(lo, end):
            if _SUBJECT_PREFIX_RE.fullmatch(text, lo, mm.span.start) is not None:
                return mm.org if mm.org in name_words else None
        return None

    def pronoun_antecedent(si: int, at: int) -> str | None:
        """The organization a pronoun at ``at`` in sentence ``si`` takes up: the source just
        named ("According to NABU, it has opened"), else the subject of the sentence's first
        clause, else (for a pronoun in the first clause) the acting organization of the
        sentence before, in the same paragraph. Not after "that", where it may be anything
        the reporter speaks of ("commanders report that it has cut")."""
        s = sents[si][0]
        if _THAT_BEFORE_RE.search(text, max(s, at - 6), at) is not None:
            return None
        for mm in reversed(mentions_in(s, at)):
            if (
                _SOURCE_BEFORE_RE.search(text, max(s, mm.span.start - 20), mm.span.start)
                and _SOURCE_AFTER_RE.fullmatch(text, mm.span.end, at) is not None
            ):
                return mm.org
        if (own := opening_subject(s, at)) is not None:
            return own
        if _CLAUSE_OPEN_RE.search(text, s, at) is not None:
            return None
        if si == 0 or "\n\n" in text[sents[si - 1][1] : s]:
            return None
        return subject_of.get(si - 1) or opening_subject(*sents[si - 1])

    def partner_spends(s: int, num_start: int, here: list[_OrgMention]) -> bool:
        """Whether a partner of the host country (one named, or the country or its government
        as such) is the subject of a figure's clause ("the Government of Paraguay raised
        SENAD's budget ... to approximately $10.4 million")."""
        named = [(mm.span.start, mm.span.end) for mm in here]
        partners = [
            (mm.org, mm.span.start, mm.span.end)
            for mm in here
            if orgs.by_key[mm.org].kind in (OrgKind.PARTNER_GOVERNMENT, OrgKind.SECURITY_FORCE)
        ]
        if _clause_actor(text, s, num_start, partners, named=named) is not None:
            return True
        generic = generic_subjects(
            text, s, num_start, **{**generic_keys, "united_states": None}, program=None
        )
        return _clause_actor(text, s, num_start, generic, named=named) is not None

    def funding(si: int) -> bool:
        """Whether sentence ``si`` speaks of funding (once per sentence)."""
        if si not in funding_in:
            funding_in[si] = _FUNDING_WORDS.search(text, *sents[si]) is not None
        return funding_in[si]

    # each figure's budget-table account, and the agencies managing the tables' accounts
    accounts = [_account_of(fig.row) for fig, _si in figs]
    table_managers = {manager for account, manager in accounts if account and manager is not None}
    # a table by agency ("INL 60.3", "USAID 38.6", "Total 109.7"): each row its agency's
    row_agencies = [_row_agency(orgs, fig.row) if fig.table else None for fig, _si in figs]
    by_agency = _tables_by_agency([fig for fig, _si in figs], row_agencies)
    own_years = [
        fig.year
        if fig.year is not None
        else _figure_year(text, sents[si][0], sents[si][1], fig, limits[k], newlines, years)
        for k, (fig, si) in enumerate(figs)
    ]
    _share_years(text, figs, sents, own_years)
    _carry_years(text, figs, own_years)
    _list_years(text, figs, own_years, newlines)
    table_sources = _table_sources(text, [f for f, _si in figs], mentions, orgs)
    indicator_sources = _indicator_sources(text, mentions, orgs)  # sorted, not overlapping
    source_starts = [a for a, _b, _org in indicator_sources]
    findings = _finding_lists(text, orgs, audit=frame.audit)
    finding_starts = [a for a, _b, _org in findings]
    spelled = acronym_nouns(text)
    sections = _section_years(text)
    # the places the text names, longest first, as counted nouns spell them
    place_words = sorted({h.name.lower() for h in places}, key=len, reverse=True)
    built: list[Measurement] = []
    open_credit: list[bool] = []  # whether figure k may be credited to an act's actor
    written: list[bool] = []  # whether each figure's year is read from the text
    for k, (fig, si) in enumerate(figs):
        if in_names.holds(fig.num_start):
            continue  # a number inside a name ("Barrio 18", "Detachment 88")
        s, e = sents[si]
        year = own_years[k]
        written.append(year is not None)
        if year is None and si - 1 in year_of_sentence and _CARRY_OPEN_RE.match(text, s, e):
            year = year_of_sentence[si - 1]  # "... in 2014. This represents a 40 percent rise"
        if year is None:
            # a fiscal year's request the sentence speaks of ("The President's FY 2025 budget
            # requests $125 million ..., a 30 percent increase"), or the sentences after it
            # that take it up ("These funds would train an additional 600 police")
            asked = _REQUEST_OF_YEAR_RE.search(text, s, fig.span.start)
            if asked is not None:
                year = int(asked.group(1))
                requested[si] = year
            elif _REQUEST_TAKEN_UP_RE.match(text, s, e):
                year = next(
                    (requested[j] for j in range(si - 1, si - 4, -1) if j in requested), None
                )
        if year is None and not fig.table and _UNDATED_BY_SECTION_RE.search(text, s, e) is None:
            # a section its heading dates: "Program Accomplishments (FY 2024)"; a request's
            # only its amounts and what it plans
            year, request = _section_year(sections, fig.span.start)
            if request and not (
                fig.unit == "usd"
                or funding(si)
                or _PLANNED_RE.search(text, max(s, fig.span.start - 60), fig.span.start)
            ):
                year = None
        if (
            year is None
            and frame.request is not None
            and (
                fig.unit == "usd"
                or _PLANNED_RE.search(text, max(s, fig.span.start - 60), fig.span.start) is not None
            )
        ):
            # a budget document's amounts are its fiscal year's request, and so are the
            # outputs it plans ("FY 2013 funds will train 300 corrections staff")
            year = frame.request
        # what a budget document plans beyond the figure's own phrase: its request's year once
        # the figure is found to be work someone is credited with (not the setting: "the
        # country's 28 prisons", "a 9,000-officer force")
        planned = (
            year is None
            and frame.request is not None
            and any(
                _PLANS_BREAK_RE.search(text, m.end(), fig.num_start) is None
                for m in _PLANS_RE.finditer(text, s, fig.span.start)
            )
        )
        if year is None and frame.request is not None and _OF_REQUEST_RE.match(text, fig.span.end):
            year = frame.request  # "Roughly 59 percent of the request"
        # what the frame's year can date: not a duration, unless a course's or a program's
        # ("completed an INL-funded 10-day course" in March of a 2021 speech)
        dated_unit = (
            fig.unit not in _TIME_UNITS or _COURSE_LENGTH_RE.match(text, fig.num_end) is not None
        )
        if year is None and (frame.dated is not None or frame.covered is not None):
            rel = (
                # the figure's own phrase's ("up from 17 in all of last year") before the
                # sentence's first ("... so far this year, up from 17 in all of last year")
                _OWN_RELATIVE_YEAR_RE.match(text, fig.span.end, e)
                or _RELATIVE_YEAR_RE.search(text, s, e)
                if frame.dated is not None
                else None
            )
            if rel is not None and frame.dated is not None:
                # "tried 512 cases last year" in a 2012 testimony: 2011
                year = frame.dated + _RELATIVE_YEARS[(rel.group(1) or rel.group(2)).lower()]
            elif (
                frame.covered is not None
                and not _extent(text, fig, e)
                and (
                    not _running_total(text, s, e)
                    # (the day's own event, beside a running total: "Today, 32 officers
                    # graduate from this course, the fourth INL has funded since 2021")
                    or _TODAY_RE.search(text, s, e) is not None
                )
                and (
                    (
                        not frame.announcement
                        and dated_unit
                        and not _UNDATED_RE.search(fig.span.quote)
                        and past(si)
                        and _STATE_BEFORE_RE.search(
                            text, max(s, fig.span.start - 40), fig.span.start
                        )
                        is None
                    )
                    or _NOW_RE.search(text, s, e) is not None
                    or _ANNOUNCED_RE.search(text, s, e) is not None
                )
            ):
                # an INCSR's year under report; a press release's own, for what it announces
                # ("today", "this year"), not for the history it recounts
                year = frame.covered
                if frame.dated is not None and _TODAY_RE.search(text, s, e) is not None:
                    # the day itself is the document's date, whatever year its figures cover
                    # (a release of last year's estimates: "Today, the Administrator announced")
                    year = frame.dated
            elif (
                frame.dated is not None
                and not frame.chapter
                and dated_unit
                and _MONTH_ONLY_RE.search(text, s, e) is not None
                # (not a running total: "INL has trained more than 520 officers, including 48
                # who completed a course in September")
                and _PERFECT_RE.search(text, s, fig.span.start) is None
            ):
                # a month without a year is of the year the document is dated: "We delivered
                # two interceptor boats to the Sri Lanka Coast Guard in June" (a 2019 testimony)
                year = frame.dated
            elif (
                frame.dated is not None
                and not fig.table
                and dated_unit
                and (
                    _NOW_IN_CLAUSE_RE.search(text, max(s, fig.span.start - 80), fig.span.start)
                    or _NOW_AFTER_RE.match(text, fig.span.end, e)
                )
            ):
                # a state the document gives as of its own date: "The PMPF now fields some 850
                # officers" (a 2019 media note)
                year = frame.dated
        base = base_year_after(text, fig, e) if year is None else None
        if base is not None and (
            # (a report's year under report vetoes it; a release's or a request's year does
            # not date a past change)
            frame.covered is None or frame.announcement or base + 1 == frame.covered
        ):
            # a change against a year, or a level with its change against one, that no
            # sentence, clause or frame dates: of the year after it, the writers' year-on-year
            # comparison ("up 62 percent from 1997"); not where the document's frame gives
            # another ("declined 25 percent from 2007" in a 2010 INCSR is of 2009)
            year = base + 1
        compared = (
            _MULTIPLE_BASE_RE.search(text, fig.span.start, min(e, fig.span.end + 60))
            if year is not None
            else None
        )
        if (
            compared is not None
            and compared.start() < fig.span.end
            and int(compared.group(1)) == year
        ):
            # a multiple of an earlier year's level is of the figure it multiplies, not of that
            # year: "the PJS tried 287 defendants in 2021, nearly three times as many as in
            # 2018" (2021; no year when no figure before it in its sentence has one)
            before = built[-1].year if built and figs[k - 1][1] == si else None
            year = before if before != year else None
        if year is not None:
            year_of_sentence[si] = year
        if si not in reported_in:
            reported_in[si] = _reported_by(text, s, e, mentions_in(s, e), orgs)
        said = reported_in[si]
        reported = said[0] if said is not None and fig.span.start >= said[1] else None
        if reported is None and fig.table:
            reported = table_sources.get(fig.table)  # "Source: FELCN; NAS La Paz."
        if reported is None:
            # an indicator's values, by the block's "Data Source: DGAPR annual statistics"
            at = bisect_right(source_starts, fig.span.start) - 1
            if at >= 0 and fig.span.start < indicator_sources[at][1]:
                reported = indicator_sources[at][2]
        if reported is None:
            # an item of a list of an auditor's findings: "GAO found that ...:" / "- INL
            # could not locate 9 items, worth about $410,000"
            at = bisect_right(finding_starts, fig.span.start) - 1
            if at >= 0 and fig.span.start < findings[at][1]:
                reported = findings[at][2]
        agency = None
        here = mentions_in(s, e)
        if headline is not None and headline[0] <= fig.span.start < headline[1]:
            # a release's headline credits its subject: "United States Donates Four Patrol
            # Boats" is the U.S. Government's, whoever the body says carried it out
            agency = headline[2]
        context = fig.unit in ("kilometer", "mile") and bool(
            _CONTEXT_FIGURE_RE.match(text, fig.span.end, e)
        )
        # "the country's 21 prisons", "Thailand's 143 prisons": the whole stock, not work done
        lo = max(s, fig.num_start - 40)
        owner = re.search(r"([\w-]+)[’']s\s+$", text[lo : fig.num_start])
        # the size of an organization's own unit ("the ENP's 160-member canine unit", "The
        # DCA's 350-officer staff"): that organization's
        size = _STAFF_SIZE_RE.match(text, fig.num_end)
        owner_org = (
            next((mm.org for mm in here if mm.span.end == lo + owner.end(1)), None)
            if owner is not None and size is not None
            else None
        )
        if size is not None and owner_org is None:
            # or the unit named after its size: "the 40-member Joint Airport Interdiction Task
            # Force", "a 14-member OIJ vetted unit"
            owner_org = next(
                (
                    mm.org
                    for mm in here
                    if mm.span.start >= size.end()
                    and _SIZE_TO_NAME_RE.fullmatch(text, size.end(), mm.span.start)
                ),
                None,
            )
        # A specification measures a thing, not work: a boat's length or speed, a facility's
        # beds. Nobody is credited with it. (The size of a unit no organization named owns is
        # credited as work is: "INL helped the PFA establish a 120-member vetted unit".)
        measure = fig.counted if fig.unit == "count" else fig.unit
        owned = size is not None and owner_org is not None
        context = context or (
            (measure in ("foot", "meter") and bool(_LENGTH_SPEC_RE.match(text, fig.num_end)))
            or measure == "knot"
            # a thing's rating ("twin 350-horsepower engines", "a 40-terabyte server", "a
            # 1,600-square-meter training center") or what it can do ("Each analyzer can
            # identify more than 500 substances in less than 60 seconds")
            or _RATING_SPEC_RE.match(text, fig.num_end) is not None
            or _CAN_DO_RE.fullmatch(text, _clause_start(text, s, fig.num_start), fig.num_start)
            is not None
            or (
                measure == "bed"
                and (
                    _BED_SPEC_RE.match(text, fig.num_end) is not None
                    or _CAPACITY_BEFORE_RE.search(text, max(s, fig.num_start - 30), fig.num_start)
                    is not None
                )
            )
        )
        stock = (
            (owner is not None and owner.group(1) not in lead_names)
            # what a place or body named before holds: "Zomba Central Prison, which holds
            # about 2,300 inmates", "the Port of Buenos Aires, which handles 1.7 million", or
            # could hold ("in space built for 800")
            or _HOLDS_BEFORE_RE.search(text, max(s, fig.span.start - 60), fig.span.start)
            is not None
            # a share of a country's whole: "over 80 percent of Haiti's prison population"
            or (
                fig.unit == "percent"
                and fig.change is None
                and (share := _SHARE_OF_RE.match(text, fig.num_end, e)) is not None
                and share.group(1) not in lead_names
            )
        )
        if lead is not None and credit_re is not None:
            line_start = _line_start(newlines, fig.span.start)
            nxt = _NEXT_CLAUSE_RE.search(text, fig.span.end, e)
            clause_end = nxt.start() if nxt is not None else e
            # another U.S. agency named in the sentence, up to the figure's clause's end (not
            # in a later clause: "..., and the U.S. Coast Guard provided spare parts")
            other_us = any(
                orgs.by_key[mm.org].kind == OrgKind.US_GOVERNMENT
                and mm.org != lead.key
                and mm.org not in program_keys  # "Police Development Program  92,410"
                and orgs.by_key[mm.org].name() != lead.parent
                and mm.org not in posts
                and mm.span.start < clause_end
                # an implementer of the lead agency's project, or one it funds, is not a
                # second donor: "implemented by OPDAT", "a DOJ advisor funded by INL"
                and _IMPLEMENTER_BEFORE_RE.search(text, max(s, mm.span.start - 40), mm.span.start)
                is None
                and POST_AFTER_RE.match(text, mm.span.end) is None
                # nor an auditor told or finding what others did: "officials told GAO that
                # INL-provided scanners helped them detect 26 smuggling attempts"
                and not (
                    is_auditor(orgs.by_key[mm.org])
                    and (
                        _AUDIENCE_BEFORE_RE.search(text, max(s, mm.span.start - 30), mm.span.start)
                        is not None
                        or _FINDING_AFTER_RE.match(text, mm.span.end) is not None
                    )
                )
                and (
                    funded_by_re is None
                    or funded_by_re.match(text, mm.span.end, min(e, mm.span.end + 60)) is None
                )
                for mm in here
            )
            # the lead agency acts in the figure's clause: no other U.S. agency between them
            acts = (
                [a.end() for a in lead_verb_re.finditer(text, s, fig.num_start)]
                if lead_verb_re is not None
                else []
            )
            lead_acts = (
                (
                    bool(acts)
                    and not any(
                        orgs.by_key[mm.org].kind == OrgKind.US_GOVERNMENT and mm.org != lead.key
                        for mm in mentions_in(acts[-1], fig.num_start)
                    )
                )
                or (
                    # the channel of the U.S. agency acting: "through INL, the United States is
                    # handing over", "the United States has provided more than $21 million through
                    # INL"
                    through_re is not None and through_re.search(text, s, fig.num_start) is not None
                )
                or (
                    through_after_re is not None
                    and through_after_re.match(
                        text, fig.span.end, min(clause_end, fig.span.end + 80)
                    )
                    is not None
                )
            )
            framed = (
                fig.unit != "percent"
                # a count of countries is the setting, not work: "13 Caribbean nations"
                and (fig.counted or "").rsplit(" ", 1)[-1] not in ("country", "nation")
                and fig.change is None
                and _in_frame(frames, frame_starts, fig.span.start)
                and not any(
                    mm.org != lead.key
                    and mm.org not in posts
                    and mm.span.start < fig.num_start
                    and _SUBJECT_LEAD_RE.fullmatch(text, s, mm.span.start)
                    for mm in here
                )
                and (fig.unit not in _TIME_UNITS or _COURSE_RE.search(text, s, e) is not None)
                and _OUTPUT_WORDS_RE.search(text, s, e) is not None
                and _ENFORCEMENT_WORDS_RE.search(text, s, e) is None
                and not _BASELINE_RE.search(text, max(s, fig.span.start - 160), fig.span.start)
            )
            account, manager = accounts[k]
            if by_agency[k] and (not account or manager is None):
                # a row of a table by agency: that agency's; its total row: no one's
                agency = row_agencies[k]
            elif account and (manager is not None or len(table_managers) > 1):
                # a budget table row of one account: the agency that manages it, if the
                # document names it ("Economic Support Fund": USAID); the total of several
                # agencies' accounts: no one's (of one agency's: that agency's, as below)
                agency = _named_agency(orgs, manager) if manager else None
            elif account and table_managers:
                agency = _named_agency(orgs, next(iter(table_managers)))
            elif context or stock or (other_us and not lead_acts) or owned:
                pass  # (a unit's size is its owner's, below)
            elif not lead_acts and (
                parent := _clause_actor(
                    text,
                    s,
                    fig.num_start,
                    [
                        (mm.org, mm.span.start, mm.span.end)
                        for mm in here
                        if mm.org != lead.key and orgs.by_key[mm.org].name() == lead.parent
                    ],
                )
            ):
                # the lead agency's department acting ("State funded 11 facilities"): its work
                agency = orgs.by_key[parent].short
            elif (
                credited(si, credit_re)
                or framed
                # on a program's page: a list item of what was done, a performance indicator,
                # a funding level's change from another year's
                or (
                    not frame.chapter
                    and (
                        subjectless_item(text, line_start, fig.span.start)
                        or indicator_value(text, max(s, line_start), fig.num_start)
                        or (
                            fig.unit == "percent"
                            and fig.change is not None
                            and funding_change(text, fig.num_end, e)
                        )
                    )
                )
                or (fig.table and _in_frame(frames, frame_starts, fig.span.start))
                # an item of a list of what was handed over ("The handover includes:")
                or _in_frame(handed, handed_starts, fig.span.start)
                or (
                    fig.unit == "usd"
                    and (
                        fig.table  # a budget table's cell: the bureau's funds
                        or (
                            # a budget document's amounts: its request (of one agency's
                            # document); a funding line; funding in a sentence no other U.S.
                            # agency is named in. Not what a partner spends ("Morocco has
                            # committed 30 million dirhams (approximately $3.6 million)")
                            (
                                (frame.budget and len(table_managers) <= 1)
                                or _FY_LINE_RE.match(text, line_start)
                                or (
                                    funding(si)
                                    and not any(
                                        orgs.by_key[mm.org].kind == OrgKind.US_GOVERNMENT
                                        and mm.org != lead.key
                                        for mm in here
                                    )
                                )
                            )
                            and not partner_spends(s, fig.num_start, here)
                        )
                    )
                )
            ):
                agency = lead.short
        if agency is None and not (context or stock or by_agency[k] or owned):
            # the organization the clause says did it, U.S. or partner: "DOD provided an
            # estimated $120 million", "SENAD eradicated 1,520 hectares", in testimony "we
            # trained 300" (the witness's bureau): the agency credited with the work
            actor = _clause_actor(
                text,
                s,
                fig.num_start,
                [(mm.org, mm.span.start, mm.span.end) for mm in here if mm.org in name_words],
                lead.key if lead is not None and frame.first_person else None,
                named=[
                    (mm.span.start, mm.span.end)
                    for mm in here
                    if not programs.is_program_name(orgs.by_key[mm.org].name())
                ],
            )
            if actor is None:
                # "authorities seized", "Peru extradited", "police dismantled"
                actor = _clause_actor(
                    text,
                    s,
                    fig.num_start,
                    generic_subjects(
                        text,
                        s,
                        fig.num_start,
                        **generic_keys,
                        program=None if frame.chapter or lead is None else lead.key,
                    ),
                    named=[(mm.span.start, mm.span.end) for mm in here],
                )
            if actor is None:
                # a body taken up by its kind: "the Commission seized 14.6 metric tons"
                actor = _clause_actor(
                    text,
                    s,
                    fig.num_start,
                    definite_subjects(text, s, fig.num_start, antecedents),
                    named=[(mm.span.start, mm.span.end) for mm in here],
                )
            if actor is None and said is not None:
                # the source named before, taken up as the subject: "According to BLTS
                # statistics, the bureau seized 1.6 metric tons" (the Counter-Narcotics Bureau)
                taken = _SOURCE_TAKEN_UP_RE.match(text, s, fig.num_start)
                if taken is not None and named_by_head(said[0], taken.group(1)):
                    actor = next((o.key for o in orgs.by_key.values() if o.name() == said[0]), None)
            if actor is None:
                # an organization taken up by a pronoun as the clause's subject: the subject
                # of an earlier clause of the sentence ("The FIU has 16 inspectors, and in 2007
                # it levied fines"), else of the sentence before in its paragraph ("In 2016,
                # the UAF received 6,912 STRs. It sent 131 intelligence reports to the PGR")
                taken_up = [
                    (antecedent, m.start(), m.end())
                    for m in _PRONOUN_SUBJECT_RE.finditer(text, s, fig.num_start)
                    if (antecedent := pronoun_antecedent(si, m.start())) is not None
                ]
                if taken_up:
                    actor = _clause_actor(
                        text, s, fig.num_start, taken_up, named=[(a, b) for _k, a, b in taken_up]
                    )
            if actor is not None:
                agency = orgs.by_key[actor].short
                subject_of.setdefault(si, actor)
        if agency is None and owner_org is not None and not by_agency[k]:
            agency = orgs.by_key[owner_org].short
        if (
            agency is None
            and lead is not None
            and credit_re is not None
            and not (context or stock or by_agency[k] or owned or frame.chapter)
            and not _BASELINE_RE.search(text, max(s, fig.span.start - 160), fig.span.start)
            and carried(si, credit_re)
        ):
            # what came of the lead agency's work, told in the sentences after it in the same
            # paragraph: "INL's project supports the court's serious crimes bench. The bench
            # adjudicated 214 cases in 2022"
            agency = lead.short
        if planned and year is None and agency is not None:
            year = frame.request
        unit, counted = _currency_of(fig.unit, fig.counted, country_code, money)
        counted = "police officer" if counted == "police" else counted
        # "1,200 STRs" after "suspicious transaction reports (STRs)": what the acronym names
        counted = spelled.get(counted, counted) if counted else counted
        if counted and " " in counted:
            # a place named before the kind is not part of it: "24 Bogota Metropolitan Police
            # Officers", "20 Guatemala City Prosecutors"
            for name in place_words:
                if counted.startswith(name + " "):
                    counted = counted[len(name) + 1 :]
                    break
        open_credit.append(not (context or stock or by_agency[k] or owned))
        built.append(
            Measurement(
                span=fig.span,
                value=fig.value,
                unit=unit,
                counted=counted,
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
    facts.measurements.extend(_share_attributes(text, built, written))

    facts.activities = _activities(
        text, sents, orgs, mentions, lead, first_person=frame.first_person
    )
    programs.separate_programs(facts)
    # an activity must have an actor the graph knows (an organization or a named program)
    facts.activities = [
        a
        for a in facts.activities
        if facts.organization(a.actor) is not None or facts.program(a.actor) is not None
    ]
    _credit_acts(facts, open_credit)
    link_outcomes(facts)
    complete_facts(facts)
    return facts


# A relative clause on the act's object speaks of it, not of the act: "provided equipment to
# the Tunisian Army, which lost 40 vehicles"
_RELATIVE_OPEN_RE = re.compile(r",\s+(?:which|who|whose|where)\b")
# A stock a body holds, not work it did: "in its 36 state commands"
_ITS_BEFORE_RE = re.compile(r"\b(?:its|their)\s+\Z")
# An act read from what a source says is no one's work: "According to the MVD, the number of
# registered drug users stood at 55,000"
_REPORT_OPENING_RE = re.compile(r"[Aa]ccording\s+to\b")


def _credit_acts(facts: DocumentFacts, open_credit: list[bool]) -> None:
    """Credit each figure no clause credited to the actor of the act whose object holds it (in
    place): "The United States today handed over four interceptor boats" is the U.S.
    Government's. ``open_credit[k]``: figure ``k`` may be credited at all (it is no
    specification, stock, unit size or cell of a table by agency).

    Not when a new clause comes between the act's start and the figure ("DOD provided ..., and
    in two of the four border sectors"), the act opens with a source ("According to ..."), the
    figure counts countries or nations, or it is a body's own stock ("its 36 state commands").
    """
    text = facts.document.text or ""
    acts = [
        (a.span, a.actor)
        for a in facts.activities
        if a.span is not None
        and facts.organization(a.actor) is not None
        and not _REPORT_OPENING_RE.match(text, a.span.start)
    ]
    for k, (m, may) in enumerate(zip(facts.measurements, open_credit, strict=True)):
        if (
            m.agency is not None
            or not may
            or (m.counted or "").rsplit(" ", 1)[-1] in ("country", "nation", "state")
            or _ITS_BEFORE_RE.search(text, max(0, m.span.start - 6), m.span.start)
        ):
            continue
        for span, actor in acts:
            if (
                span.start <= m.span.start
                and m.span.end <= span.end
                and _NEXT_CLAUSE_RE.search(text, span.start, m.span.start) is None
                and _RELATIVE_OPEN_RE.search(text, span.start, m.span.start) is None
            ):
                facts.measurements[k] = replace(m, agency=actor)
                break


def extract_file(path: str | Path) -> DocumentFacts:
    """Load a fact sheet (``.txt``, ``.md``, ``.html``) and extract its facts."""
    return extract(load_document(path))


def extract_many(documents: Iterable[Document]) -> list[DocumentFacts]:
    """:func:`extract` for each document, in order."""
    return [extract(d) for d in documents]
