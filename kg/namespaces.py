"""RDF namespaces: kg's own terms (a closed namespace) and the standard vocabularies it uses.

``KG`` is a closed :class:`rdflib.namespace.DefinedNamespace`: a misspelt term raises at import
time instead of silently minting a new IRI. Its terms are exactly those defined in
``ontology/kg.ttl`` (a test keeps the two in step).

>>> KG.ReportedFigure
rdflib.term.URIRef('https://w3id.org/inl-kg/def#ReportedFigure')
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import FOAF, ORG, PROV, DefinedNamespace
from rdflib.namespace import SOSA as _RDFLIB_SOSA
from rdflib.namespace import TIME as _RDFLIB_TIME

from kg.model import CURRENCY_KEYS, ActivityType, Change, OrgKind, Qualifier, Sector


class KG(DefinedNamespace):
    """kg's own ontology terms (``https://w3id.org/inl-kg/def#``)."""

    _NS = Namespace("https://w3id.org/inl-kg/def#")
    _fail = True

    # classes
    FactSheet: URIRef
    CountryProgram: URIRef
    NamedProgram: URIRef
    USFederalFiscalYear: URIRef
    ProgramActivity: URIRef
    ReportedFigure: URIRef
    ComparableFigures: URIRef
    EditionChange: URIRef
    # properties
    qualifier: URIRef
    change: URIRef
    creditedTo: URIRef
    outcomeOf: URIRef
    counted: URIRef
    upperBound: URIRef
    beneficiary: URIRef
    activityType: URIRef
    sector: URIRef
    sha256: URIRef
    genre: URIRef
    valuesAgree: URIRef
    changeKind: URIRef
    oldEdition: URIRef
    newEdition: URIRef
    oldItem: URIRef
    newItem: URIRef
    # concept schemes and concepts
    Qualifiers: URIRef
    Exact: URIRef
    MoreThan: URIRef
    AtLeast: URIRef
    About: URIRef
    UpTo: URIRef
    LessThan: URIRef
    ChangeDirections: URIRef
    Decrease: URIRef
    Increase: URIRef
    OrganizationKinds: URIRef
    USGovernment: URIRef
    PartnerGovernment: URIRef
    SecurityForce: URIRef
    ArmedGroup: URIRef
    International: URIRef
    TrainingInstitution: URIRef
    OtherOrganization: URIRef
    ActivityTypes: URIRef
    Training: URIRef
    Equipment: URIRef
    Construction: URIRef
    ForensicSupport: URIRef
    Sponsorship: URIRef
    SurveillanceBorderMonitoring: URIRef
    CounternarcoticsSupport: URIRef
    CorrectionsSupport: URIRef
    Funding: URIRef
    Advising: URIRef
    CapacityBuilding: URIRef
    CommunityPolicing: URIRef
    JusticeSectorReform: URIRef
    AntiCorruption: URIRef
    Assessment: URIRef
    Awareness: URIRef
    OtherActivity: URIRef
    Sectors: URIRef
    Sector15110: URIRef
    Sector15130: URIRef
    Sector15160: URIRef
    Sector15210: URIRef
    Sector15220: URIRef
    Sector16063: URIRef
    MeasuredProperties: URIRef
    SeizedQuantity: URIRef
    SeizedHeroin: URIRef
    SeizedOpium: URIRef
    SeizedMorphine: URIRef
    SeizedHashish: URIRef
    SeizedCannabis: URIRef
    SeizedCocaine: URIRef
    SeizedMethamphetamine: URIRef
    SeizedPrecursors: URIRef
    SeizedOtherDrugs: URIRef
    DrugProduction: URIRef
    EradicatedArea: URIRef
    CultivationArea: URIRef
    Area: URIRef
    FundingAmount: URIRef
    FundingINCLE: URIRef
    FundingESF: URIRef
    FundingPKO: URIRef
    FundingNADR: URIRef
    FundingSection1207: URIRef
    MonetaryValue: URIRef
    RelativeChange: URIRef
    Share: URIRef
    PeopleTrained: URIRef
    Convictions: URIRef
    Arrests: URIRef
    Cases: URIRef
    Population: URIRef
    EquipmentProvided: URIRef
    FacilitiesBuilt: URIRef
    Duration: URIRef
    Distance: URIRef
    OtherCount: URIRef
    OtherQuantity: URIRef
    DocumentGenres: URIRef
    FactSheetGenre: URIRef
    BudgetDocument: URIRef
    INCSRChapter: URIRef
    GAOReport: URIRef
    Testimony: URIRef
    PressRelease: URIRef
    Evaluation: URIRef
    Audit: URIRef
    Remarks: URIRef
    ChangeKinds: URIRef
    Added: URIRef
    Removed: URIRef
    ValueChanged: URIRef
    NewerYear: URIRef


#: The ontology's own IRI (also the name of the graph that carries the vocabulary in a build).
ONTOLOGY_IRI = URIRef("https://w3id.org/inl-kg/def")
#: Base of every minted instance IRI.
ID = Namespace("https://w3id.org/inl-kg/id/")

# ORG, PROV, SOSA, TIME and FOAF are rdflib's closed namespaces: a misspelt term raises.


class SOSA(_RDFLIB_SOSA):
    """rdflib's SOSA terms, closed (rdflib only warns on an unknown SOSA term)."""

    _fail = True


class TIME(_RDFLIB_TIME):
    """rdflib's OWL-Time terms, closed (rdflib only warns on an unknown OWL-Time term)."""

    _fail = True


QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
CNT = Namespace("http://www.w3.org/2011/content#")

#: Prefixes bound in every serialization and offered to every query.
PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "id": str(ID),
    "org": str(ORG),
    "prov": str(PROV),
    "sosa": str(SOSA),
    "qudt": str(QUDT),
    "unit": str(UNIT),
    "oa": str(OA),
    "schema": str(SCHEMA),
    "time": str(TIME),
    "cnt": str(CNT),
    "foaf": str(FOAF),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
}

#: QUDT unit for each unit key of :data:`kg.model.UNIT_KEYS`.
UNITS: dict[str, URIRef] = {
    "percent": UNIT.PERCENT,
    "metric-ton": UNIT.TONNE,
    "kilogram": UNIT.KiloGM,
    "gram": UNIT.GM,
    "pound": UNIT.LB,
    "hectare": UNIT.HA,
    "acre": UNIT.AC,
    "year": UNIT.YR,
    "month": UNIT.MO,
    "week": UNIT.WK,
    "day": UNIT.DAY,
    "hour": UNIT.HR,
    "kilometer": UNIT.KiloM,
    "square-kilometer": UNIT.KiloM2,
    "mile": UNIT.MI,
    "square-mile": UNIT.MI2,
    "square-meter": UNIT.M2,
    "nautical-mile": UNIT.MI_N,
    "horsepower": UNIT.HP,
    "meter": UNIT.M,
    "foot": UNIT.FT,
    "liter": UNIT.L,
    "gallon": UNIT.GAL_US,
    "count": UNIT.NUM,
    # a multiple of another level ("more than doubled", "threefold"): a ratio, no unit
    "times": UNIT.UNITLESS,
    # QUDT's currency units: "usd" -> unit:CCY_USD, "eur" -> unit:CCY_EUR
    **{code: UNIT[f"CCY_{code.upper()}"] for code in sorted(CURRENCY_KEYS)},
}

#: The unit key of each QUDT unit IRI (the inverse of :data:`UNITS`).
UNIT_KEYS_BY_IRI: dict[str, str] = {str(iri): key for key, iri in UNITS.items()}

QUALIFIERS: dict[Qualifier, URIRef] = {
    Qualifier.EXACT: KG.Exact,
    Qualifier.MORE_THAN: KG.MoreThan,
    Qualifier.AT_LEAST: KG.AtLeast,
    Qualifier.ABOUT: KG.About,
    Qualifier.UP_TO: KG.UpTo,
    Qualifier.LESS_THAN: KG.LessThan,
}

CHANGES: dict[Change, URIRef] = {Change.DECREASE: KG.Decrease, Change.INCREASE: KG.Increase}

ORG_KINDS: dict[OrgKind, URIRef] = {
    OrgKind.US_GOVERNMENT: KG.USGovernment,
    OrgKind.PARTNER_GOVERNMENT: KG.PartnerGovernment,
    OrgKind.SECURITY_FORCE: KG.SecurityForce,
    OrgKind.ARMED_GROUP: KG.ArmedGroup,
    OrgKind.INTERNATIONAL: KG.International,
    OrgKind.TRAINING_INSTITUTION: KG.TrainingInstitution,
    OrgKind.OTHER: KG.OtherOrganization,
}

ACTIVITY_TYPES: dict[ActivityType, URIRef] = {
    ActivityType.TRAINING: KG.Training,
    ActivityType.EQUIPMENT: KG.Equipment,
    ActivityType.CONSTRUCTION: KG.Construction,
    ActivityType.FORENSIC_SUPPORT: KG.ForensicSupport,
    ActivityType.SPONSORSHIP: KG.Sponsorship,
    ActivityType.SURVEILLANCE_BORDER: KG.SurveillanceBorderMonitoring,
    ActivityType.COUNTERNARCOTICS: KG.CounternarcoticsSupport,
    ActivityType.CORRECTIONS: KG.CorrectionsSupport,
    ActivityType.FUNDING: KG.Funding,
    ActivityType.ADVISING: KG.Advising,
    ActivityType.CAPACITY_BUILDING: KG.CapacityBuilding,
    ActivityType.COMMUNITY_POLICING: KG.CommunityPolicing,
    ActivityType.JUSTICE_REFORM: KG.JusticeSectorReform,
    ActivityType.ANTI_CORRUPTION: KG.AntiCorruption,
    ActivityType.ASSESSMENT: KG.Assessment,
    ActivityType.AWARENESS: KG.Awareness,
    ActivityType.OTHER: KG.OtherActivity,
}

SECTORS: dict[Sector, URIRef] = {s: getattr(KG, f"Sector{s.value}") for s in Sector}
