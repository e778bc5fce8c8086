"""Typed program facts: the data every pipeline stage passes on.

Loading documents gives :class:`Document`; extraction (or a curated facts file) gives
:class:`DocumentFacts`; the RDF mapping turns those into a graph. Nothing here knows about RDF.

Every fact carries the :class:`Span` of text it was read from: character offsets (Python ``str``
indices, i.e. Unicode code points, end exclusive) into :attr:`Document.text`, plus the exact quote.

>>> doc = Document(name="demo", text="INL trained 40 judges.")
>>> span = Span.of(doc.text, 12, 21)
>>> span.quote
'40 judges'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

import pycountry


class KgError(Exception):
    """An error a user can act on: the CLI prints its message on one line and exits non-zero."""


class OrgKind(StrEnum):
    """What sort of organization an :class:`Organization` is (a SKOS concept in the ontology)."""

    US_GOVERNMENT = "us-government"
    PARTNER_GOVERNMENT = "partner-government"
    SECURITY_FORCE = "security-force"
    ARMED_GROUP = "armed-group"
    INTERNATIONAL = "international"
    TRAINING_INSTITUTION = "training-institution"
    OTHER = "other"


class Qualifier(StrEnum):
    """How a figure relates to the true number ("more than 100" is MORE_THAN 100)."""

    EXACT = "exact"
    MORE_THAN = "more-than"
    AT_LEAST = "at-least"
    ABOUT = "about"
    UP_TO = "up-to"
    LESS_THAN = "less-than"


class Change(StrEnum):
    """Direction of a relative change ("reduced ... by 35 percent" is a DECREASE of 35 percent)."""

    DECREASE = "decrease"
    INCREASE = "increase"


class PlaceKind(StrEnum):
    """Granularity of a :class:`Place`."""

    COUNTRY = "country"
    SUBDIVISION = "subdivision"
    CITY = "city"
    REGION = "region"


class ActivityType(StrEnum):
    """What an activity does (a SKOS concept scheme in the ontology)."""

    TRAINING = "training"
    EQUIPMENT = "equipment"
    CONSTRUCTION = "construction"
    FORENSIC_SUPPORT = "forensic-support"
    SPONSORSHIP = "sponsorship"
    SURVEILLANCE_BORDER = "surveillance-and-border-monitoring"
    COUNTERNARCOTICS = "counternarcotics-support"
    CORRECTIONS = "corrections-support"
    FUNDING = "funding"
    ADVISING = "advising"
    CAPACITY_BUILDING = "capacity-building"
    COMMUNITY_POLICING = "community-policing"
    JUSTICE_REFORM = "justice-sector-reform"
    ANTI_CORRUPTION = "anti-corruption"
    ASSESSMENT = "assessment"
    AWARENESS = "awareness"
    OTHER = "other"


class Sector(StrEnum):
    """OECD-DAC / IATI purpose codes used for program activities (value is the code)."""

    PUBLIC_SECTOR_POLICY = "15110"
    LEGAL_JUDICIAL = "15130"
    HUMAN_RIGHTS = "15160"
    SECURITY_SYSTEM = "15210"
    CIVILIAN_PEACEBUILDING = "15220"
    NARCOTICS_CONTROL = "16063"


#: Currencies as units (ISO 4217 codes in lower case, as the gold files write them: "usd",
#: "eur", "xof"): the circulating currencies pycountry knows, without fund codes, precious
#: metals, drawing rights and testing codes.
CURRENCY_KEYS: frozenset[str] = frozenset(
    c.alpha_3.lower()
    for c in pycountry.currencies
    if c.alpha_3 not in {"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW"}
    and not (c.alpha_3.startswith("X") and c.alpha_3 not in {"XAF", "XCD", "XOF", "XPF"})
) | frozenset(
    # currencies withdrawn since the documents of their time were written (ISO 4217 list
    # three), which pycountry lists no longer: the lev (to the euro, 2026), the kuna (2023),
    # the litas, lats, kroon, koruna, Cypriot and Maltese pounds (to the euro), the bolivar
    # fuerte, the ouguiya and leone before their redenominations, the Zimbabwe dollar of 2009
    # and the Belarusian ruble before 2016 (their units follow QUDT's currency pattern, as the
    # others do: unit:CCY_BGN)
    {"bgn", "hrk", "ltl", "lvl", "eek", "skk", "cyp", "mtl", "vef", "mro", "sll", "zwl", "byr"}
)

# Units of measure, keyed as in the gold files. A count is unit "count" plus what is counted.
UNIT_KEYS: frozenset[str] = (
    frozenset(
        {
            "percent",
            "metric-ton",
            "kilogram",
            "gram",
            "pound",
            "hectare",
            "acre",
            "year",
            "month",
            "week",
            "day",
            "hour",
            "kilometer",
            "square-kilometer",
            "mile",
            "square-mile",
            "square-meter",
            "nautical-mile",
            "horsepower",
            "meter",
            "foot",
            "liter",
            "gallon",
            "count",
            # a multiple: "more than doubled", "a threefold increase", "twice as many"
            "times",
        }
    )
    | CURRENCY_KEYS
)


@dataclass(frozen=True, slots=True)
class Span:
    """A character span ``[start, end)`` of a document with the exact text it covers."""

    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``text[start:end]``."""
        return cls(start, end, text[start:end])

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Document:
    """A source fact sheet: its stable name (file stem), full text and metadata.

    ``text`` is ``None`` only when a curated facts file is built without its document at hand.
    ``edition`` is when it was published, as its facts file declares it (``2019``, ``2019-06``
    or ``2019-06-05``); when ``None``, mapping reads it from the text or the file name.
    ``genre`` is the kind of document as its facts file declares it (``fact-sheet``,
    ``gao-report``, ...); when ``None``, mapping reads it from the top of the text or the name.
    """

    name: str
    text: str | None
    title: str | None = None
    source_url: str | None = None
    path: str | None = None
    digest: str | None = None
    edition: str | None = None
    genre: str | None = None

    @property
    def sha256(self) -> str | None:
        """Hex SHA-256 of the UTF-8 text: identifies the exact version the spans refer to.

        When the text itself is not at hand (a curated facts file built without its document),
        the digest recorded in the facts file is used.
        """
        if self.text is not None:
            return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        return self.digest


@dataclass(frozen=True, slots=True)
class Organization:
    """An organization: canonical (fullest) name, other names used in the text, and its kind."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: OrgKind = OrgKind.OTHER
    parent: str | None = None
    mentions: tuple[Span, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Program:
    """A named program, project or initiative ("Central America Regional Security Initiative").

    Not an organization: it has no staff of its own; ``run_by`` names the organization (name or
    alias of the same document) that runs or funds it, when the text says.
    """

    name: str
    aliases: tuple[str, ...] = ()
    run_by: str | None = None
    mentions: tuple[Span, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Place:
    """A named place: country, province/state, city or region; ``code`` is ISO 3166 if known."""

    name: str
    kind: PlaceKind = PlaceKind.REGION
    code: str | None = None
    within: str | None = None
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Measurement:
    """One reported figure.

    ``unit`` is a key of :data:`UNIT_KEYS`; for ``"count"``, ``counted`` names what is counted
    (singular noun). ``reported_by`` and ``agency`` are organization names or aliases of the same
    document; ``place`` is a place name. ``value_max`` is the upper bound of a range.
    ``outcome_of`` is the description of the document's activity whose result the figure reports
    (decided by extraction or by the person who curated the facts; mapping only maps it).
    ``measured`` is the notation of the ``kg:MeasuredProperties`` concept the figure measures
    (``"seized-heroin"``, ``"people-trained"``); loading and extraction fill it in when absent.
    ``fiscal`` says that ``year`` is a U.S. government fiscal year (FY2019: October 2018 to
    September 2019), not a calendar year.
    """

    span: Span
    value: Decimal
    unit: str
    counted: str | None = None
    value_max: Decimal | None = None
    qualifier: Qualifier = Qualifier.EXACT
    change: Change | None = None
    subject: str | None = None
    place: str | None = None
    year: int | None = None
    reported_by: str | None = None
    agency: str | None = None
    outcome_of: str | None = None
    measured: str | None = None
    fiscal: bool = False


@dataclass(frozen=True, slots=True)
class Activity:
    """Something an actor does in the program, for a beneficiary (organization name or group).

    ``program`` names the named program (:class:`Program`) the activity belongs to, if any.
    """

    actor: str
    description: str
    beneficiary: str | None = None
    activity_type: ActivityType | None = None
    sector: Sector | None = None
    place: str | None = None
    span: Span | None = None
    program: str | None = None


@dataclass(slots=True)
class DocumentFacts:
    """Every fact read from one document. ``country`` is the program's country and ``agency``
    the organization (name or alias) that runs the country program."""

    document: Document
    organizations: list[Organization] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    country: str | None = None
    agency: str | None = None

    def organization(self, name: str | None) -> Organization | None:
        """The organization with this canonical name or alias (case-insensitive), if any."""
        if not name:
            return None
        key = name.casefold()
        for org in self.organizations:
            if any(n.casefold() == key for n in org.names):
                return org
        return None

    def program(self, name: str | None) -> Program | None:
        """The named program with this canonical name or alias (case-insensitive), if any."""
        if not name:
            return None
        key = name.casefold()
        return next((p for p in self.programs if any(n.casefold() == key for n in p.names)), None)

    def activity(self, description: str | None) -> Activity | None:
        """The activity with exactly this description, if any."""
        if not description:
            return None
        return next((a for a in self.activities if a.description == description), None)

    def place(self, name: str | None) -> Place | None:
        """The place with this name (case-insensitive), if any."""
        if not name:
            return None
        key = name.casefold()
        return next((p for p in self.places if p.name.casefold() == key), None)
