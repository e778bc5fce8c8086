"""Editions of a program's documents, and figures reconciled across documents.

INL republishes each country's fact sheet every year or two. This module decides

* a document's **edition** (when it was published): the facts file's ``edition:`` key, else a
  dateline in the text (``Updated: June 2019``, ``As of March 2020``, a lone ``December 6,
  2011`` line near the top), else a year in the file name (``pakistan-2019.txt``), else the
  latest fiscal year of the funding lines (``Funding FY 2009-2012``: a guess, since a sheet
  lists the coming year's request, so it comes last);
* which documents are **editions of one program** (same country, same genre) and their order,
  linked newer ``dcterms:replaces`` older;
* which **figures of several documents are comparable** (same measured property, place, year,
  unit, counted noun and change direction; for the catch-all properties also the same subject):
  each such set becomes a ``kg:ComparableFigures`` collection of their results, flagged with
  ``kg:valuesAgree``; within an edition series the later result ``dcterms:replaces`` the earlier.

The cross-document links are computed after mapping, over the term triples of every document
(one pass to index, then grouping by key: linear in the number of figures, never all pairs),
and go into a named graph of their own (:func:`links_graph_iri`).

>>> parse_edition("2019-06").lexical
'2019-06'
>>> edition_from_text("Fact Sheet\\nBureau of X\\nDecember 6, 2011\\n").lexical
'2011-12-06'
>>> edition_from_name("pakistan-2019").lexical
'2019'
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.model import Document, KgError
from kg.namespaces import ID, KG, OA, ORG, PROV, QUDT, SOSA, UNITS
from kg.store import TermTriple

# ---------------------------------------------------------------------------------------------
# Editions
# ---------------------------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}


@dataclass(frozen=True, slots=True)
class Edition:
    """When a document was published: a year, a year and month, or a full date.

    ``source`` says where it was read (``declared``, ``dateline``, ``file-name``,
    ``fiscal-year``); it takes no part in comparisons.
    """

    year: int
    month: int | None = None
    day: int | None = None
    source: str = field(default="declared", compare=False)

    @property
    def lexical(self) -> str:
        """The ISO 8601 form: ``2019``, ``2019-06`` or ``2019-06-05``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    @property
    def datatype(self) -> URIRef:
        """``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``, by precision."""
        if self.month is None:
            return XSD.gYear
        return XSD.gYearMonth if self.day is None else XSD.date

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Order of editions; a missing month or day sorts first."""
        return (self.year, self.month or 0, self.day or 0)


_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_edition(text: str, *, source: str = "declared") -> Edition:
    """An edition written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    :raises KgError: for anything else, or an impossible month or day.
    """
    m = _ISO.match(text.strip())
    if m is None:
        raise KgError(f"edition {text!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
    return _checked(
        int(m.group(1)),
        int(m.group(2)) if m.group(2) else None,
        int(m.group(3)) if m.group(3) else None,
        source,
        text,
    )


def _checked(year: int, month: int | None, day: int | None, source: str, text: str) -> Edition:
    import datetime

    if not 1900 <= year <= 2999:
        raise KgError(f"edition {text!r}: year {year} is out of range")
    if month is not None and not 1 <= month <= 12:
        raise KgError(f"edition {text!r}: month {month} is not 1-12")
    if month is not None and day is not None:
        try:
            datetime.date(year, month, day)
        except ValueError:
            raise KgError(f"edition {text!r}: no such day") from None
    return Edition(year, month, day, source)


_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
# "December 6, 2011", "Dec. 6 2011", "6 December 2011", "June 2019", "2019-06-05"
#: How many lines at the top of a document may open with a press dateline.
PRESS_DATELINE_LINES = 12
#: A news dateline opening a paragraph: "SARAJEVO, June 14, 2023 – Today, ...",
#: "METETÍ, DARIÉN, Panama, March 3, 2022 —".
_PRESS_DATELINE = re.compile(
    r"\s*[A-ZÀ-Þ][A-ZÀ-Þ .’'-]{1,40}(?:,\s*[A-ZÀ-Þa-zà-ÿ][\w .’'-]{1,40}){0,2}(?:,|\s[–—-])\s*"
    r"((?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+)\d{4})\s*[–—-]"
)
#: What separates the cells of a letterhead's line: a run of spaces, a tab, a bar.
_CELL_SEP = re.compile(r"\s{3,}|\t|\s*\|\s*")
#: A cell that is a date and nothing else, a weekday before it ("Thursday, November 16, 2023",
#: "14 June, 2021", "October - December 2018").
_DATE_CELL = re.compile(
    rf"(?:[A-Z][a-z]+day,?\s+)?(?:(?:{_MONTH_RE})\.?\s*[–—-]\s*)?"
    rf"(?:(?:{_MONTH_RE})\.?\s+\d{{1,2}},?|\d{{1,2}}\s+(?:{_MONTH_RE})\.?,?|(?:{_MONTH_RE})\.?,?)"
    r"\s+\d{4}\.?",
    re.IGNORECASE,
)
_DATE_PHRASES = (
    re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.IGNORECASE),
    re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b"),
)
_UPDATED = re.compile(
    r"^\s*(?:last\s+)?(?:updated|as\s+of|published|released|date[d]?"
    r"|for\s+immediate\s+release"
    # a label with its colon: "Report date: August 2021", "Date of publication: ...", "Issued:"
    r"|(?:(?:report|release|publication|issue)\s+date|date\s+of\s+(?:report|publication|issue)"
    r"|issued|approved)(?=\s*:))\b\s*[:\u2013\u2014-]?\s*(.{4,60})$",
    re.IGNORECASE | re.MULTILINE,
)
_FY = re.compile(r"\b(?:FY|fiscal\s+year)\s?(\d{4})(?:\s*[-\u2013]\s*(\d{2,4}))?\b", re.IGNORECASE)
# a funding line is a heading or table row that starts with it ("Funding FY 2009-2012:",
# "FY 2019 Estimate $11,750"); a year in prose ("Since FY 2008, INL has provided ...") says when
# something began, not when the document was written
# (or a budget table's header row that opens with its unit: "($ in thousands)  FY 2019  FY 2020")
_FUNDING_LINE = re.compile(
    r"^\W{0,3}(?:funding\b|FY\s?\d{4}|fiscal\s+year\s+\d{4}"
    r"|\$\s*in\s+(?:thousands|millions)\)|\$\s*000\)|in\s+thousands\s+of\s+dollars\))",
    re.IGNORECASE,
)
# A post's byline near the top: "Posted by Jane Roe / March 6, 2017", "Posted on June 2, 2020"
_POSTED = re.compile(r"\s*Posted\s*(?:by\b|on\b|:)(.{4,80})$", re.IGNORECASE)
#: How far into a document a dateline is looked for (lines).
DATELINE_LINES = 12


def _date_in(phrase: str, source: str) -> Edition | None:
    """The first date written in ``phrase``, as precise as it is written."""
    for i, pattern in enumerate(_DATE_PHRASES):
        m = pattern.search(phrase)
        if m is None:
            continue
        try:
            if i == 0:
                return _checked(
                    int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)), source, phrase
                )
            if i == 1:
                return _checked(
                    int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)), source, phrase
                )
            if i == 2:
                return _checked(int(m.group(2)), _MONTHS[m.group(1).lower()], None, source, phrase)
            day = int(m.group(3)) if m.group(3) else None
            return _checked(int(m.group(1)), int(m.group(2)), day, source, phrase)
        except KgError:
            continue
    return None


# A GAO report's number, which opens with its year's last two digits ("GAO-23-105814")
_GAO_NUMBER = re.compile(r"\bGAO-(\d{2})-\d{2,6}[A-Z]{0,2}\b")
# A report's year in its title: "2017 International Narcotics Control Strategy Report", "INCSR 2020"
_TITLE_YEAR = re.compile(
    r"^\s*(?:((?:19|20)\d\d)\s+(?:International\s+Narcotics\s+Control\s+Strategy\s+Report|INCSR)\b"
    r"|(?:International\s+Narcotics\s+Control\s+Strategy\s+Report|INCSR)\s*,?\s*((?:19|20)\d\d)\b)",
    re.IGNORECASE,
)


def edition_from_text(text: str) -> Edition | None:
    """The edition a document's text states: an ``Updated``/``As of`` line, else a byline near
    the top ("Posted by ... / March 6, 2017"), else a line near the top that is only a date (a
    dateline), else a report's year in its title ("2017 International Narcotics Control
    Strategy Report")."""
    for m in _UPDATED.finditer(text):
        found = _date_in(m.group(1), "dateline")
        if found is not None:
            return found
    head = text.splitlines()[:DATELINE_LINES]
    for line in head:
        posted = _POSTED.match(line)
        found = _date_in(posted.group(1), "dateline") if posted is not None else None
        if found is not None:
            return found  # a blog post's byline: "Posted by Jane Roe / March 6, 2017"
    for line in head:
        # a line that is only a date, or a cell of a letterhead's line that is ("FACT SHEET
        # <spaces> July 14, 1998", "THE GLEANER | COMMENTARY | Sunday | October 13, 2019")
        cells = _CELL_SEP.split(line.strip())
        for cell in cells:
            found = _date_in(cell, "dateline") if 0 < len(cell) <= 40 else None
            if found is not None and (
                _DATE_CELL.fullmatch(cell) if len(cells) > 1 else re.fullmatch(r"[\w ,.\-]+", cell)
            ):
                return found
    for line in text.splitlines()[:PRESS_DATELINE_LINES]:
        press = _PRESS_DATELINE.match(line)
        if press is not None:
            found = _date_in(press.group(1), "dateline")
            if found is not None:
                return found
    for line in head:
        title = _TITLE_YEAR.match(line)
        if title is not None:
            return Edition(int(title.group(1) or title.group(2)), source="title")
    for line in head[:3]:
        number = _GAO_NUMBER.search(line)
        if number is not None:  # "GAO-23-105814": a GAO report of 2023
            return Edition(2000 + int(number.group(1)), source="title")
    return None


def edition_from_funding(text: str) -> Edition | None:
    """The latest fiscal year named in the funding lines of a text (``Funding FY 2009-2012:``
    -> 2012): lines that begin with ``Funding``, ``FY YYYY`` or ``Fiscal Year YYYY``, and budget
    table headers that open with their unit ("($ in thousands)  FY 2019  FY 2020")."""
    years: list[int] = []
    for line in text.splitlines():
        if not _FUNDING_LINE.match(line.strip()):
            continue
        for m in _FY.finditer(line):
            years.append(int(m.group(1)))
            if m.group(2):
                end = m.group(2)
                years.append(int(end) if len(end) == 4 else int(m.group(1)[:2] + end))
    years = [y for y in years if 1900 <= y <= 2999]
    return Edition(max(years), source="fiscal-year") if years else None


_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:[-_.](0[1-9]|1[0-2]))?(?!\d)")


def edition_from_name(name: str) -> Edition | None:
    """A year (and month) in a document's file name: ``pakistan-2019`` -> 2019,
    ``peru-2010-04`` -> 2010-04; the last one when there are several."""
    found = list(_NAME_YEAR.finditer(name))
    if not found:
        return None
    m = found[-1]
    return Edition(int(m.group(1)), int(m.group(2)) if m.group(2) else None, source="file-name")


def document_edition(doc: Document) -> Edition | None:
    """The edition of a document: declared (facts file ``edition:``), else a dateline in its
    text, else a year in its file name, else the latest fiscal year of its funding lines."""
    if doc.edition:
        return parse_edition(doc.edition)
    if doc.text is not None:
        found = edition_from_text(doc.text)
        if found is not None:
            return found
    found = edition_from_name(doc.name)
    if found is not None:
        return found
    return edition_from_funding(doc.text) if doc.text is not None else None


# ---------------------------------------------------------------------------------------------
# Genres
# ---------------------------------------------------------------------------------------------

#: Genre notations (``kg:DocumentGenres``) with the words that announce them at the top of a
#: document or at the start of its file name, in the order they are tried.
GENRE_CLUES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "budget-document": (
        (
            "congressional budget justification",
            "budget justification",
            "budget guide",
        ),
        ("cbj", "budget"),
    ),
    "incsr-chapter": (("international narcotics control strategy report", "incsr"), ("incsr",)),
    "gao-report": (("government accountability office", "gao highlights"), ("gao",)),
    "testimony": (("testimony of", "statement of"), ("testimony", "statement")),
    "press-release": (
        (
            "press release",
            "media note",
            "media release",
            "news release",
            "press statement",
            "for immediate release",
            "office of the spokesperson",
        ),
        ("press", "media-note", "release"),
    ),
    "evaluation": (
        ("performance evaluation", "evaluation report", "program evaluation"),
        ("evaluation",),
    ),
    "audit": (
        ("office of inspector general", "inspector general for", "special inspector general"),
        ("oig", "audit", "sigar"),
    ),
    "remarks": (
        (
            "remarks by",
            "remarks of",
            "remarks at",
            "as prepared for delivery",
            "as delivered",
            # an official's blog post speaks for the bureau as remarks do
            "official blog",
            "dipnote",
        ),
        ("remarks", "speech"),
    ),
    "fact-sheet": (("fact sheet",), ("factsheet", "fact-sheet")),
}
#: Announces a budget document when no other genre's words do (a GAO report or an audit of
#: notifications names them too).
NOTIFICATION_PHRASE = "congressional notification"
#: How many lines with words at the top of a document announce its genre.
GENRE_LINES = 3


def genre_concepts() -> dict[str, URIRef]:
    """The ``kg:DocumentGenres`` concept of each genre notation."""
    return {
        "fact-sheet": KG.FactSheetGenre,
        "budget-document": KG.BudgetDocument,
        "incsr-chapter": KG.INCSRChapter,
        "gao-report": KG.GAOReport,
        "testimony": KG.Testimony,
        "press-release": KG.PressRelease,
        "evaluation": KG.Evaluation,
        "audit": KG.Audit,
        "remarks": KG.Remarks,
    }


def parse_genre(text: str) -> str:
    """A genre notation as written in a facts file (``fact-sheet``, ``gao-report``, ...).

    :raises KgError: for an unknown genre.
    """
    key = text.strip().lower().replace(" ", "-")
    if key not in genre_concepts():
        raise KgError(f"genre {text!r} must be one of: {', '.join(sorted(genre_concepts()))}")
    return key


def _genre_head(text: str) -> str:
    """The top lines that hold words, lower-cased, where a genre is announced (a letterhead's
    blank or rule line does not count, but the search stays in the letterhead, one line past
    :data:`GENRE_LINES`)."""
    top = text.splitlines()[: GENRE_LINES + 1]
    return " ".join([ln for ln in top if re.search(r"[^\W\d_]", ln)][:GENRE_LINES]).lower()


def document_genre(doc: Document) -> str:
    """A document's genre: declared (facts file ``genre:``), else announced in its first lines
    ("CONGRESSIONAL BUDGET JUSTIFICATION", "GAO Highlights"), else by the start of its file name
    (``incsr-nigeria``), else a budget document if its first lines say "Congressional
    Notification", else by the sections of an INCSR chapter ("Drug Control
    Accomplishments, Policies, and Trends", "Country Actions Against Drugs in 2014"), else by a
    word of its file name (``belize-incsr``), else a fact sheet (what kg reads unless told
    otherwise)."""
    if doc.genre:
        return parse_genre(doc.genre)
    head = _genre_head(doc.text) if doc.text is not None else ""
    # (a contract's "Statement of Work" is not a witness's statement)
    head = head.replace("statement of work", " ")
    if head:
        for genre, (phrases, _) in GENRE_CLUES.items():
            if any(p in head for p in phrases):
                return genre
    name = doc.name.lower()
    for genre, (_, prefixes) in GENRE_CLUES.items():
        if any(re.match(rf"{re.escape(p)}(?![a-z])", name) for p in prefixes):
            return genre
    if NOTIFICATION_PHRASE in head:
        # a notification of funds to Congress (what the funds will do, in their fiscal year),
        # unless another genre's words or its file name say it is a report about notifications
        return "budget-document"
    if doc.text is not None and len(_incsr_sections(doc.text)) >= 2:
        return "incsr-chapter"
    for genre, (_, words) in GENRE_CLUES.items():
        if any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", name) for w in words):
            return genre
    return _genre_by_layout(doc.text) if doc.text is not None else "fact-sheet"


#: How many lines with words at the top of a document :func:`_genre_by_layout` reads.
LAYOUT_LINES = 12
#: What a genre's first page looks like, for a document whose first lines and file name name
#: no genre: a GAO product's number ("GAO-10-548") or its highlights' headings; a budget table's
#: heading ("Budget Summary ($000)", "($ in thousands)") or its columns ("FY 2011 Actual ...
#: FY 2013 Request"); a hearing's record ("Statement for the Record", "Testimony of ...",
#: "Before the House Committee on ..."). Tried in this order.
_LAYOUT_CLUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "gao-report",
        re.compile(r"\bGAO-\d{2}-\d{2,6}[A-Z]?\b|\bWhat GAO Found\b|\bWhy GAO Did This Study\b"),
    ),
    (
        "budget-document",
        re.compile(
            r"^[ \t]*Budget\s+Summary\b|\(\s*\$\s*(?:in\s+)?(?:000|thousands)\s*\)"
            r"|^[^\n]*\bActual\b[^\n]*\b(?:Estimate|Enacted)\b[^\n]*\bRequest\b",
            re.MULTILINE | re.IGNORECASE,
        ),
    ),
    (
        "testimony",
        re.compile(
            r"^[ \t]*(?:Statement|Testimony)\s+for\s+the\s+Record\b"
            r"|^[ \t]*(?:Written\s+)?(?:Statement|Testimony)\s+(?:of|by|before)\s+(?!work\b)"
            r"|^[ \t]*Before\s+the\s+(?:U\.S\.\s+)?(?:House|Senate|Subcommittee|Committee)\b",
            re.MULTILINE | re.IGNORECASE,
        ),
    ),
)
#: A short line (a letterhead's or a heading's, not a sentence of the body) may announce a
#: release below the first lines: "U.S. EMBASSY DAKAR / Public Affairs Section / ... / PRESS
#: RELEASE".
_SHORT_LINE = 60


def _genre_by_layout(text: str) -> str:
    """A genre from the look of a document's first page (:data:`_LAYOUT_CLUES`), or a
    release's words on a short line of it; else a fact sheet.

    >>> _genre_by_layout("KOSOVO\\n\\nBudget Summary ($000)\\n")
    'budget-document'
    """
    lines = [ln for ln in text.splitlines()[: LAYOUT_LINES * 3] if re.search(r"[^\W\d_]", ln)]
    top = "\n".join(lines[:LAYOUT_LINES])
    for genre, clue in _LAYOUT_CLUES:
        if clue.search(top):
            return genre
    phrases, _ = GENRE_CLUES["press-release"]
    if any(
        any(p in ln.lower() for p in phrases)
        for ln in lines[:LAYOUT_LINES]
        if len(ln.strip()) <= _SHORT_LINE
    ):
        return "press-release"
    return "fact-sheet"


# The section headings of an INCSR chapter (Volume I of either layout, and Volume II)
_INCSR_SECTION = re.compile(
    r"^[ \t]*(?:(?:[A-H]|[IVX]{1,4}|\d{1,2})\.[ \t]+)?"
    r"(Drug Control Accomplishments, Policies,? and Trends|Status of Country"
    r"|Country Actions Against Drugs in|U\.S\. Policy Initiatives and|Institutional Development"
    r"|Supply Reduction|Public Corruption|Law Enforcement Efforts|National Goals, Objectives"
    r"|Domestic Consumption|Vulnerabilities and|Key AML Laws and Regulations|AML Deficiencies"
    r"|Enforcement/Implementation Issues)",
    re.MULTILINE | re.IGNORECASE,
)
_COUNTRY_ACTIONS = re.compile(
    r"^[ \t]*(?:[IVX]{1,4}\.[ \t]+)?Country\s+Actions\s+Against\s+Drugs\s+in\s+((?:19|20)\d\d)\b",
    re.MULTILINE | re.IGNORECASE,
)
# a year in running text, a comma after it too ("in 2019, security forces ..."); not part of a
# longer number ("12,019", "2019,500"), a date ("2019/20") or an amount ("$2019")
_BODY_YEAR = re.compile(r"(?<![\w$./-])(?<!\d,)((?:19|20)\d\d)(?![\w/-]|,\d)")


def _incsr_sections(text: str) -> set[str]:
    """The distinct INCSR section headings a text has, in lower case."""
    return {m.group(1).lower() for m in _INCSR_SECTION.finditer(text)}


def year_under_report(text: str, edition: Edition | None) -> int | None:
    """The year an INCSR chapter reports on: its "Country Actions Against Drugs in 2014"
    section, else the year before its edition (the 2017 INCSR covers 2016), else the year the
    text names most often (the later of equals); ``None`` for a text naming no year.

    >>> year_under_report("III. Country Actions Against Drugs in 2014\\n", None)
    2014
    >>> year_under_report("In 2015 and 2016 ... in 2016 ...", None)
    2016
    >>> year_under_report("in 2019, up from 2018 ... since 2018 ... in 2019, and", None)
    2019
    """
    m = _COUNTRY_ACTIONS.search(text)
    if m is not None:
        return int(m.group(1))
    if edition is not None:
        return edition.year - 1
    counts = Counter(int(y) for y in _BODY_YEAR.findall(text))
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


# ---------------------------------------------------------------------------------------------
# An index of the facts in term triples (N-Triples strings), for linking and diffs
# ---------------------------------------------------------------------------------------------


def _n(iri: str) -> str:
    return f"<{iri}>"


_A = _n(RDF.type)
_FACT_SHEET = _n(KG.FactSheet)
_PROGRAM = _n(KG.CountryProgram)
_FIGURE = _n(KG.ReportedFigure)
_ORG = _n(ORG.Organization)
_ACTIVITY = _n(KG.ProgramActivity)
_TYPES = frozenset({_FACT_SHEET, _PROGRAM, _FIGURE, _ORG, _ACTIVITY})
_P = {
    "identifier": _n(DCTERMS.identifier),
    "issued": _n(DCTERMS.issued),
    "genre": _n(KG.genre),
    "referenced": _n(DCTERMS.isReferencedBy),
    "spatial": _n(DCTERMS.spatial),
    "part": _n(DCTERMS.isPartOf),
    "subject": _n(DCTERMS.subject),
    "property": _n(SOSA.observedProperty),
    "feature": _n(SOSA.hasFeatureOfInterest),
    "time": _n(SOSA.phenomenonTime),
    "result": _n(SOSA.hasResult),
    "value": _n(QUDT.value),
    "unit": _n(QUDT.hasUnit),
    "counted": _n(KG.counted),
    "upper": _n(KG.upperBound),
    "qualifier": _n(KG.qualifier),
    "change": _n(KG.change),
    "derived": _n(PROV.wasDerivedFrom),
    "attributed": _n(PROV.wasAttributedTo),
    "associated": _n(PROV.wasAssociatedWith),
    "credited": _n(KG.creditedTo),
    "beneficiary": _n(KG.beneficiary),
    "body": _n(OA.hasBody),
    "target": _n(OA.hasTarget),
    "source": _n(OA.hasSource),
    "selector": _n(OA.hasSelector),
    "start": _n(OA.start),
    "exact": _n(OA.exact),
    "pref": _n(SKOS.prefLabel),
    "alt": _n(SKOS.altLabel),
    "label": _n(RDFS.label),
    "notation": _n(SKOS.notation),
}
_WANTED = frozenset(_P.values())
_LITERAL = re.compile(r'^"(.*)"(?:\^\^<([^>]*)>|@([A-Za-z0-9-]+))?$', re.DOTALL)
_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}

#: Units of one dimension: (dimension, factor to kilograms or hectares); others compare as is.
UNIT_SCALES: dict[str, tuple[str, Decimal]] = {
    _n(UNITS[key]): (dimension, Decimal(factor))
    for key, dimension, factor in (
        ("metric-ton", "mass", "1000"),
        ("kilogram", "mass", "1"),
        ("gram", "mass", "0.001"),
        ("pound", "mass", "0.45359237"),
        ("hectare", "area", "1"),
        ("square-kilometer", "area", "100"),
        ("acre", "area", "0.40468564224"),
        ("square-mile", "area", "258.9988110336"),
    )
}

#: Measured properties too broad to compare without their subject ("other count", "share").
GENERIC_PROPERTIES: frozenset[str] = frozenset(
    _n(iri)
    for iri in (
        KG.OtherCount,
        KG.OtherQuantity,
        KG.Share,
        KG.RelativeChange,
        KG.MonetaryValue,
        KG.Area,
        KG.Duration,
        KG.Distance,
        KG.FundingAmount,
    )
)


def lexical(term: str) -> str:
    """The text of a literal in N-Triples syntax (escapes undone), or an IRI without brackets."""
    m = _LITERAL.match(term)
    if m is None:
        return term[1:-1] if term.startswith("<") and term.endswith(">") else term

    def undo(e: re.Match[str]) -> str:
        if e.group(1) or e.group(2):
            return chr(int(e.group(1) or e.group(2), 16))
        return _SIMPLE.get(e.group(3), e.group(3))

    return _UNESCAPE.sub(undo, m.group(1))


def _decimal(term: str | None) -> Decimal | None:
    if term is None:
        return None
    try:
        return Decimal(lexical(term))
    except InvalidOperation:
        return None


@dataclass(frozen=True, slots=True)
class Quote:
    """Where a fact is stated: the span IRI, its start offset and exact text."""

    span: str
    start: int
    text: str


@dataclass(frozen=True, slots=True)
class Figure:
    """One reported figure, as read back from the graph (terms in N-Triples syntax)."""

    iri: str
    document: str
    result: str
    prop: str
    place: str | None
    year: int | None
    value: Decimal
    upper: Decimal | None
    unit: str
    counted: str | None
    qualifier: str | None
    change: str | None
    subject: str | None
    quote: Quote | None
    fiscal: bool = False
    #: The node of its time (whose label gives ``year`` and ``fiscal``).
    time: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str, str, str]:
        """What the figure measures, leaving out when: property, place, unit (mass and area
        units as one: 12 metric tons and 12,000 kilograms compare), counted noun, change
        direction and (for the catch-all properties) the subject."""
        subject = " ".join((self.subject or "").casefold().split())
        dimension = UNIT_SCALES.get(self.unit, (self.unit, Decimal(1)))[0]
        return (
            self.prop,
            self.place or "",
            dimension,
            (self.counted or "").casefold(),
            self.change or "",
            subject if self.prop in GENERIC_PROPERTIES else "",
        )

    @property
    def amount(self) -> tuple[Decimal, Decimal | None, str | None]:
        """What two figures must share to agree: value and upper bound (in kilograms or
        hectares for a mass or area) and qualifier."""
        scale = UNIT_SCALES.get(self.unit, (self.unit, Decimal(1)))[1]
        upper = self.upper * scale if self.upper is not None else None
        return (
            (self.value * scale).normalize(),
            upper.normalize() if upper else upper,
            self.qualifier,
        )


@dataclass(frozen=True, slots=True)
class Item:
    """An organization or activity a document names, with the quote that names it."""

    key: tuple[str, str]
    iri: str
    label: str
    quote: Quote | None


@dataclass(slots=True)
class DocumentInfo:
    """One document of a graph: identifier, edition, program and its country."""

    iri: str
    identifier: str
    edition: Edition | None
    program: str | None
    country: str | None
    genre: str
    figures: list[Figure] = field(default_factory=list)
    organizations: dict[tuple[str, str], Item] = field(default_factory=dict)
    activities: dict[tuple[str, str], Item] = field(default_factory=dict)

    @property
    def series(self) -> tuple[str, str] | None:
        """The program series: the program's country and the document's genre."""
        return (self.country, self.genre) if self.country else None


class GraphIndex:
    """The documents, figures, organizations and activities of a graph's term triples.

    Built in one pass over the triples; named graphs (one per document) tell which
    organizations a document names; a merged graph falls back on the organizations its facts
    and mentions refer to. With ``items=False`` only documents and figures are read (all that
    linking needs), not organizations and activities.
    """

    def __init__(
        self, graphs: Iterable[tuple[str, Iterable[TermTriple]]], *, items: bool = True
    ) -> None:
        self.items = items
        self.po: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.types: dict[str, set[str]] = defaultdict(set)
        self.bodies: dict[str, list[str]] = defaultdict(list)  # body -> annotations
        named_orgs: dict[str, set[str]] = {}
        for g, triples in graphs:
            docs_here: list[str] = []
            orgs_here: set[str] = set()
            for s, p, o in triples:
                if p == _A:
                    if o in _TYPES:
                        self.types[s].add(o)
                        if o == _FACT_SHEET:
                            docs_here.append(s)
                        elif o == _ORG:
                            orgs_here.add(s)
                elif p in _WANTED:
                    self.po[s][p].append(o)
                    if p == _P["body"]:
                        self.bodies[o].append(s)
            if g and len(docs_here) == 1:
                named_orgs[docs_here[0]] = orgs_here
        for preds in self.po.values():
            for p, objs in preds.items():
                if len(objs) > 1:
                    preds[p] = sorted(set(objs))
        self.documents: dict[str, DocumentInfo] = {}
        self._read_documents(named_orgs)

    def one(self, s: str, key: str) -> str | None:
        """The first object of ``s`` for the predicate named ``key`` (sorted), if any."""
        objs = self.po.get(s, {}).get(_P[key])
        return objs[0] if objs else None

    def all(self, s: str, key: str) -> list[str]:
        """Every object of ``s`` for the predicate named ``key``."""
        return list(self.po.get(s, {}).get(_P[key], []))

    def label(self, term: str | None) -> str:
        """A human label of a node: skos:prefLabel, else rdfs:label, else its IRI's last part."""
        if term is None:
            return ""
        return _label_text(term, self.one(term, "pref") or self.one(term, "label"))

    def short_label(self, term: str | None) -> str:
        """The shortest name of a node (an acronym such as ``INL`` if it has one)."""
        names = [lexical(a) for a in self.all(term, "alt")] if term else []
        return min(names, key=lambda n: (len(n), n)) if names else self.label(term)

    def _span_quote(self, span: str | None) -> Quote | None:
        if span is None:
            return None
        start, exact = None, None
        for sel in self.all(span, "selector"):
            start = start or self.one(sel, "start")
            exact = exact or self.one(sel, "exact")
        if exact is None:
            return None
        return Quote(lexical(span), int(lexical(start)) if start else -1, lexical(exact))

    def _index_mentions(self) -> None:
        """Which spans of which document each annotated node is named in (one pass)."""
        self._targets: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._mentioned: dict[str, set[str]] = defaultdict(set)
        for body, anns in self.bodies.items():
            for ann in anns:
                for target in self.all(ann, "target"):
                    source = self.one(target, "source")
                    if source is not None:
                        self._targets[(body, source)].append(target)
                        self._mentioned[source].add(body)

    def _mention(self, node: str, doc: str) -> Quote | None:
        """The first span of ``doc`` that an annotation of ``node`` targets."""
        quotes = [
            q for t in self._targets.get((node, doc), []) if (q := self._span_quote(t)) is not None
        ]
        return min(quotes, key=lambda q: (q.start, q.span), default=None)

    def _read_documents(self, named_orgs: dict[str, set[str]]) -> None:
        programs: dict[str, str] = {}
        for s, types in self.types.items():
            if _PROGRAM in types:
                for doc_iri in self.all(s, "referenced"):
                    programs.setdefault(doc_iri, s)
        for s, types in sorted(self.types.items()):
            if _FACT_SHEET not in types:
                continue
            edition = _graph_edition(self.one(s, "issued"))
            program = programs.get(s)
            self.documents[s] = DocumentInfo(
                iri=s,
                identifier=lexical(self.one(s, "identifier") or s),
                edition=edition,
                program=program,
                country=self.one(program, "spatial") if program else None,
                genre=self.one(s, "genre") or _n(KG.FactSheetGenre),
            )
        by_program = {d.program: d for d in self.documents.values() if d.program}
        if self.items:
            self._index_mentions()
        for s, types in self.types.items():
            if _FIGURE in types:
                self._read_figure(s, by_program)
            if _ACTIVITY in types and self.items:
                self._read_activity(s, by_program)
        for doc in self.documents.values():
            doc.figures.sort(key=lambda f: (f.quote.start if f.quote else -1, f.iri))
        if not self.items:
            return
        for doc in self.documents.values():
            orgs = named_orgs.get(doc.iri)
            if orgs is None:
                orgs = self._referenced_orgs(doc)
            for org in orgs:
                item = Item((org, ""), org, self.label(org), self._mention(org, doc.iri))
                doc.organizations[item.key] = item

    def _referenced_orgs(self, doc: DocumentInfo) -> set[str]:
        """The organizations a document's facts or mentions refer to (merged graphs)."""
        found: set[str] = set()
        if doc.program:
            found.update(self.all(doc.program, "associated"))
        for f in doc.figures:
            found.update(self.all(f.result, "attributed"))
            found.update(self.all(f.iri, "credited"))
        for a in doc.activities.values():
            found.update(self.all(a.iri, "associated"))
            found.update(self.all(a.iri, "beneficiary"))
        found.update(self._mentioned.get(doc.iri, set()))
        return {o for o in found if _ORG in self.types.get(o, set())}

    def _read_figure(self, s: str, by_program: dict[str, DocumentInfo]) -> None:
        doc = next((by_program[p] for p in self.all(s, "part") if p in by_program), None)
        result = self.one(s, "result")
        value = _decimal(self.one(result, "value")) if result else None
        if doc is None or result is None or value is None:
            return
        time = self.one(s, "time")
        year, fiscal = _year_of(self.label(time) if time else "")
        counted = self.one(result, "counted")
        subject = self.one(s, "subject")
        doc.figures.append(
            Figure(
                iri=s,
                document=doc.iri,
                result=result,
                prop=self.one(s, "property") or "",
                place=self.one(s, "feature"),
                year=year,
                value=value,
                upper=_decimal(self.one(result, "upper")),
                unit=self.one(result, "unit") or "",
                counted=lexical(counted) if counted else None,
                qualifier=self.one(s, "qualifier"),
                change=self.one(s, "change"),
                subject=lexical(subject) if subject else None,
                quote=self._span_quote(self.one(result, "derived")),
                fiscal=fiscal,
                time=time,
            )
        )

    def _read_activity(self, s: str, by_program: dict[str, DocumentInfo]) -> None:
        doc = next((by_program[p] for p in self.all(s, "part") if p in by_program), None)
        if doc is None:
            return
        label = self.label(s)
        actor = self.one(s, "associated") or ""
        key = (actor, " ".join(label.casefold().split()))
        item = Item(key, s, label, self._mention(s, doc.iri))
        previous = doc.activities.get(key)
        if previous is None or item.iri < previous.iri:
            doc.activities[key] = item

    def series(self) -> dict[tuple[str, str], list[DocumentInfo]]:
        """The documents of each program series (country, genre), oldest edition first;
        documents without an edition sort before the dated ones, by identifier."""
        return _series(self.documents.values())


def _graph_edition(issued: str | None) -> Edition | None:
    """The edition a document's ``dcterms:issued`` literal states (``None``: none, or not a
    date kg reads)."""
    if issued is None:
        return None
    try:
        return parse_edition(lexical(issued), source="graph")
    except KgError:
        return None


def _label_text(term: str, found: str | None) -> str:
    """A node's label literal as text, else the last part of its IRI."""
    if found is not None:
        return lexical(found)
    return re.split(r"[/#]", lexical(term))[-1]


def _series(documents: Iterable[DocumentInfo]) -> dict[tuple[str, str], list[DocumentInfo]]:
    out: dict[tuple[str, str], list[DocumentInfo]] = defaultdict(list)
    for d in documents:
        if d.series is not None:
            out[d.series].append(d)
    for docs in out.values():
        docs.sort(key=edition_order)
    return dict(sorted(out.items()))


def _year_of(label: str) -> tuple[int | None, bool]:
    """A time node's label as (year, fiscal): "FY2019" is a fiscal year, "2019" a calendar
    year, anything else no year."""
    fiscal = label.startswith("FY")
    text = label.removeprefix("FY")
    return (int(text) if text.isdigit() else None), fiscal


def edition_order(d: DocumentInfo) -> tuple[int, tuple[int, int, int], str]:
    """Sort key of documents in a series: undated first, then by edition, then identifier."""
    return (
        1 if d.edition else 0,
        d.edition.sort_key if d.edition else (0, 0, 0),
        d.identifier,
    )


# ---------------------------------------------------------------------------------------------
# Cross-document links: edition chains, comparable figures, superseding values
# ---------------------------------------------------------------------------------------------


def links_graph_iri() -> URIRef:
    """IRI of the named graph holding the links kg computes across documents."""
    return ID["graph-editions"]


def comparable_iri(key: tuple[str, ...], year: int) -> URIRef:
    """IRI of the set of comparable figures with this key in this year (a digest of the key)."""
    digest = hashlib.sha256("\x1f".join((*key, str(year))).encode()).hexdigest()[:16]
    return ID[f"comparable-{year:04d}-{digest}"]


def _tiers(docs: list[DocumentInfo]) -> list[list[DocumentInfo]]:
    """Dated documents grouped by equal edition, oldest first."""
    tiers: dict[tuple[int, int, int], list[DocumentInfo]] = defaultdict(list)
    for d in docs:
        if d.edition is not None:
            tiers[d.edition.sort_key].append(d)
    return [tiers[k] for k in sorted(tiers)]


def edition_links(index: GraphIndex | LinkIndex) -> Iterator[TermTriple]:
    """``newer dcterms:replaces older`` between consecutive editions of each program series."""
    replaces = _n(DCTERMS.replaces)
    for docs in index.series().values():
        tiers = _tiers(docs)
        for older, newer in pairwise(tiers):
            for n in newer:
                for o in older:
                    yield (n.iri, replaces, o.iri)


def _literal(text: str, datatype: URIRef | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    escaped = escaped.replace("\r", "\\r")
    return f'"{escaped}"' + (f"^^<{datatype}>" if datatype is not None else "")


def comparable_figures(index: GraphIndex | LinkIndex) -> Iterator[TermTriple]:
    """Figures of two or more documents with the same key and year, as a
    ``kg:ComparableFigures`` collection of their results, flagged ``kg:valuesAgree``; within a
    program series, each result ``dcterms:replaces`` those of the nearest earlier edition."""
    groups: dict[tuple[tuple[str, ...], int], list[Figure]] = defaultdict(list)
    for doc in index.documents.values():
        for f in doc.figures:
            if f.year is not None and f.place is not None and f.prop:
                groups[(*f.key, "fiscal" if f.fiscal else "calendar"), f.year].append(f)
    rank: dict[str, tuple[tuple[str, str], int]] = {}
    for series, docs in index.series().items():
        for i, tier in enumerate(_tiers(docs)):
            for d in tier:
                rank[d.iri] = (series, i)
    for (key, year), figs in sorted(groups.items()):
        if len({f.document for f in figs}) < 2:
            continue
        node = _n(comparable_iri(key, year))
        agree = len({f.amount for f in figs}) == 1
        yield (node, _A, _n(KG.ComparableFigures))
        yield (node, _A, _n(PROV.Collection))
        label = f"{index.label(key[0])}, {index.label(key[1])}, {year}"
        yield (node, _P["label"], _literal(label))
        yield (node, _n(KG.valuesAgree), _literal("true" if agree else "false", XSD.boolean))
        for f in figs:
            yield (node, _n(PROV.hadMember), f.result)
        # superseding: group the members by (series, edition rank)
        ranked: dict[tuple[str, str], dict[int, list[Figure]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for f in figs:
            if f.document in rank:
                series, i = rank[f.document]
                ranked[series][i].append(f)
        for by_rank in ranked.values():
            ranks = sorted(by_rank)
            for older, newer in pairwise(ranks):
                for n in by_rank[newer]:
                    for o in by_rank[older]:
                        yield (n.result, _n(DCTERMS.replaces), o.result)


def link_documents(
    graphs: Iterable[tuple[str, Iterable[TermTriple]]],
) -> list[tuple[str, list[TermTriple]]]:
    """The named graph of cross-document links for a build's graphs (empty list if none)."""
    index = GraphIndex(graphs, items=False)
    triples = sorted({*edition_links(index), *comparable_figures(index)})
    return [(str(links_graph_iri()), triples)] if triples else []


# ---------------------------------------------------------------------------------------------
# Linking from records: each document's graph read once, where it is made
# ---------------------------------------------------------------------------------------------

_LABELS = (_P["pref"], _P["label"])


def link_record(triples: Iterable[TermTriple]) -> bytes:
    """What linking reads of one document's graph (its term triples), as JSON: its documents
    with their figures, and every label its graph gives the times, properties and places of
    those figures or any node no document mints (a place one graph names without a figure
    there still gives its label to another's figures). A build's worker makes it beside the
    graph, and :func:`link_records` links a corpus from the records alone, as
    :func:`link_documents` links it from the graphs."""
    from kg.rdf import minted_by

    triples = list(triples)
    wanted = sorted(
        t for t in triples if (t[2] in _TYPES if t[1] == _A else t[1] in _WANTED)
    )  # the lines GraphIndex(items=False) reads, in the graph's sorted order
    index = GraphIndex([("", wanted)], items=False)
    documents = []
    nodes: set[str] = set()
    for d in index.documents.values():
        figures = []
        for f in d.figures:
            figures.append(
                [
                    f.iri,
                    f.result,
                    f.prop,
                    f.place,
                    f.time,
                    str(f.value),
                    None if f.upper is None else str(f.upper),
                    f.unit,
                    f.counted,
                    f.qualifier,
                    f.change,
                    f.subject,
                ]
            )
            nodes.update(n for n in (f.time, f.prop, f.place) if n)
        issued = index.one(d.iri, "issued")
        documents.append([d.iri, d.identifier, issued, d.program, d.country, d.genre, figures])
    nodes.update(s for s, p, _ in triples if p in _LABELS and minted_by(s) is None)
    labels = {n: [index.all(n, "pref"), index.all(n, "label")] for n in sorted(nodes)}
    data = {"documents": documents, "labels": labels}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class LinkIndex:
    """The documents and figures of a corpus from their :func:`link_record` records, and the
    labels of their nodes as the union of all graphs (the ontology's included) gives them:
    what :func:`edition_links` and :func:`comparable_figures` read of a :class:`GraphIndex`.

    :raises KgError: when a record is not one :func:`link_record` writes.
    """

    def __init__(self, records: Iterable[bytes], ontology: Iterable[TermTriple]) -> None:
        self._labels: dict[str, tuple[set[str], set[str]]] = {}
        for node, p, o in ontology:
            if p in _LABELS:
                self._label_sets(node)[_LABELS.index(p)].add(o)
        self.documents: dict[str, DocumentInfo] = {}
        # the figures wait for every record's labels: a figure's year is its time's label
        pending: list[tuple[DocumentInfo, list[Any]]] = []
        try:
            for record in records:
                pending += self._read(json.loads(record))
            years: dict[str | None, tuple[int | None, bool]] = {}
            for doc, fields in pending:
                fi, result, prop, place, time, value, upper, unit, counted, q, c, subj = fields
                when = years.get(time)
                if when is None:
                    when = years[time] = _year_of(self.label(time) if time else "")
                doc.figures.append(
                    Figure(
                        iri=fi,
                        document=doc.iri,
                        result=result,
                        prop=prop,
                        place=place,
                        year=when[0],
                        value=Decimal(value),
                        upper=None if upper is None else Decimal(upper),
                        unit=unit,
                        counted=counted,
                        qualifier=q,
                        change=c,
                        subject=subj,
                        quote=None,
                        fiscal=when[1],
                        time=time,
                    )
                )
        except (ValueError, TypeError, KeyError, IndexError, InvalidOperation) as exc:
            raise KgError(f"a damaged editions record: {exc}") from exc

    def _label_sets(self, node: str) -> tuple[set[str], set[str]]:
        found = self._labels.get(node)
        if found is None:
            found = self._labels[node] = (set(), set())
        return found

    def _read(self, data: dict[str, Any]) -> list[tuple[DocumentInfo, list[Any]]]:
        """Take a record's labels and documents in; returns its figures' fields, by document."""
        for node, (prefs, labels) in data["labels"].items():
            mine = self._label_sets(node)
            mine[0].update(prefs)
            mine[1].update(labels)
        figures: list[tuple[DocumentInfo, list[Any]]] = []
        for iri, identifier, issued, program, country, genre, fields in data["documents"]:
            doc = DocumentInfo(iri, identifier, _graph_edition(issued), program, country, genre)
            figures += [(doc, f) for f in fields]
            self.documents[iri] = doc
        return figures

    def label(self, term: str | None) -> str:
        """A node's label as :meth:`GraphIndex.label` gives it on the union of the graphs."""
        if term is None:
            return ""
        prefs, labels = self._labels.get(term, (set(), set()))
        return _label_text(term, min(prefs) if prefs else min(labels) if labels else None)

    def series(self) -> dict[tuple[str, str], list[DocumentInfo]]:
        """The documents of each program series, as :meth:`GraphIndex.series`."""
        return _series(self.documents.values())


def link_records(
    records: Iterable[bytes], ontology: Iterable[TermTriple]
) -> list[tuple[str, list[TermTriple]]]:
    """The named graph of cross-document links from the documents' :func:`link_record`
    records and the ontology's triples: what :func:`link_documents` makes of the graphs."""
    index = LinkIndex(records, ontology)
    triples = sorted({*edition_links(index), *comparable_figures(index)})
    return [(str(links_graph_iri()), triples)] if triples else []
