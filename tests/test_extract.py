"""Extraction: the figures, organizations and attributes users rely on, and the real corpus."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.evaluate import evaluate_corpus
from kg.extract import classify_activity, extract, extract_file, sentences
from kg.extract.text import _Ahead, _ends_with_word, _line_start, _line_starts, _SpanIndex
from kg.extract.years import _ANY_YEAR_RE, _ASIDE_RE, _PERIOD_RE, _YEAR_AFTER_RE, _Years
from kg.model import (
    ActivityType,
    Change,
    Document,
    DocumentFacts,
    Measurement,
    OrgKind,
    Qualifier,
    Sector,
)
from kg.numbers import parse_number, singularize
from kg.places import lookup

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
TEST_CORPUS = Path(__file__).resolve().parent / "corpus"


def facts_of(text: str, name: str = "pakistan") -> DocumentFacts:
    return extract(Document(name=name, text=text))


def figures(text: str, name: str = "pakistan") -> list[Measurement]:
    return facts_of(text, name).measurements


def one(text: str, name: str = "pakistan") -> Measurement:
    found = figures(text, name)
    assert len(found) == 1, [m.span.quote for m in found]
    return found[0]


# ---------------------------------------------------------------------------- figures


def test_more_than_count_with_counted_noun() -> None:
    m = one("INL's support led to more than 100 convictions in Sindh Province alone.")
    assert (m.value, m.unit, m.counted, m.qualifier) == (
        Decimal(100),
        "count",
        "conviction",
        Qualifier.MORE_THAN,
    )
    assert m.agency == "INL"


def test_span_is_exact_text() -> None:
    text = "Also, INL has trained over 1,150 prosecutors, judges, and investigators."
    m = one(text)
    assert text[m.span.start : m.span.end] == m.span.quote
    assert "1,150" in m.span.quote


def test_reduced_by_percent_is_a_decrease_for_every_coordinated_item() -> None:
    text = (
        "As reported by the Frontier Corps, INL-constructed outposts have reduced casualties by "
        "35 percent, infiltrations by 25 percent, and other crimes on the border by 20 percent."
    )
    found = figures(text)
    assert [m.value for m in found] == [35, 25, 20]
    assert all(m.change is Change.DECREASE and m.unit == "percent" for m in found)
    assert all(m.reported_by == "Frontier Corps" for m in found)
    assert all(m.agency == "INL" for m in found)


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("The program achieved a 50 percent reduction in relapse.", Change.DECREASE),
        ("Seizures increased by 17% after the training.", Change.INCREASE),
        ("Poppy cultivation decreased 12 percent last season.", Change.DECREASE),
        ("Arrests rose 9 percent.", Change.INCREASE),
        ("There was an increase of 35 percent over the prior season.", Change.INCREASE),
    ],
)
def test_change_words(text: str, change: Change) -> None:
    assert one(text).change is change


def test_increased_from_to_is_two_levels_not_a_change() -> None:
    found = figures("The share of women increased from 4 percent to 14 percent.")
    assert [(m.value, m.unit, m.change) for m in found] == [
        (4, "percent", None),
        (14, "percent", None),
    ]


def test_money_with_scale_word() -> None:
    m = one("INL provided $2.5 million for the courts.")
    assert (m.value, m.unit) == (Decimal(2500000), "usd")


def test_percent_range() -> None:
    m = one("An estimated 60-80 percent of detainees await trial.")
    assert (m.value, m.value_max, m.unit, m.qualifier) == (60, 80, "percent", Qualifier.ABOUT)


def test_money_range_in_millions() -> None:
    m = one("The Taliban earned an estimated $94-150 million from the drug trade.")
    assert (m.value, m.value_max, m.unit) == (94_000_000, 150_000_000, "usd")


def test_between_range_of_counts() -> None:
    m = one("Advisors mentor between 10 and 15 officers at each station.")
    assert (m.value, m.value_max, m.counted) == (10, 15, "officer")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Police seized 19.5 MT of heroin.", Decimal("19.5"), "metric-ton"),
        ("Police seized 3.2 metric tons of heroin.", Decimal("3.2"), "metric-ton"),
        ("Police seized 340 kg of heroin.", Decimal(340), "kilogram"),
        ("Farmers eradicated 10,025 hectares of coca.", Decimal(10025), "hectare"),
        ("The country has a 744-kilometer border.", Decimal(744), "kilometer"),
        ("INL sponsored a 10-week course.", Decimal(10), "week"),
        ("After 30 years of war, the country is poor.", Decimal(30), "year"),
        ("The police received 35% more vehicles.", Decimal(35), "percent"),
    ],
)
def test_units(text: str, value: Decimal, unit: str) -> None:
    m = one(text)
    assert (m.value, m.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "counted"),
    [
        ("INL donated four vehicles.", 4, "vehicle"),
        ("INL trained two dozen canine teams.", 24, "canine team"),
        ("INL trained a dozen judges.", 12, "judge"),
        ("INL sponsored over 270 Pakistan prison officials.", 270, "prison official"),
        ("The country has 190 million people.", 190_000_000, "person"),
        ("INL trained 1,150 prosecutors, judges, and investigators.", 1150, "person"),
        ("The attack killed at least 26 police officers and soldiers.", 26, "person"),
        ("INL renovated 22 police stations.", 22, "police station"),
        ("Courts held 1,300 pretrial detainees.", 1300, "detainee"),
        ("INL provided four fixed-wing aircraft.", 4, "aircraft"),
        ("An estimated 2.9 million Afghans use drugs.", 2_900_000, "person"),
    ],
)
def test_counts(text: str, value: int, counted: str) -> None:
    m = one(text)
    assert (m.value, m.unit, m.counted) == (value, "count", counted)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("INL trained over 40 judges.", Qualifier.MORE_THAN),
        ("INL trained nearly 40 judges.", Qualifier.ABOUT),
        ("INL trained some 40 judges.", Qualifier.ABOUT),
        ("INL trained at least 40 judges.", Qualifier.AT_LEAST),
        ("INL trained up to 40 judges.", Qualifier.UP_TO),
        ("Fewer than 10 percent relapsed.", Qualifier.LESS_THAN),
        ("INL trained 40 judges.", Qualifier.EXACT),
    ],
)
def test_qualifiers(text: str, qualifier: Qualifier) -> None:
    assert one(text).qualifier is qualifier


@pytest.mark.parametrize(
    "text",
    [
        "From 1962 to 2011, Burma was ruled by the military.",
        "Fact Sheet\nDecember 6, 2011\n",
        "INL programs include: 1) police reform; 2) justice; 4) corrections.",
        "Section 1207 of the National Defense Authorization Act funds the project.",
        "UN Security Council Resolution 1373 requires action.",
        "It was the second consecutive transfer of power, one of the first.",
        "The 1207 community-policing project will support the police.",
        "In 2017, the government held an election.",
        "The 30th promotion graduated.",
    ],
)
def test_not_figures(text: str) -> None:
    assert figures(text) == []


def test_funding_lines() -> None:
    text = (
        "Bureau of International Narcotics and Law Enforcement Affairs\n"
        "Funding FY 2009-2012:\n"
        "• FY 2009 – $200,000 (INCLE*) + $5,171,250 (1207**) = $5,371,250\n"
        "• FY 2010 – $350,000 (INCLE*)\n"
        "*INCLE: International Narcotics Control and Law Enforcement Funds\n"
        "**1207: Section 1207 of the National Defense Authorization Act\n"
    )
    found = figures(text, "bangladesh")
    assert [(m.value, m.year, m.agency) for m in found] == [
        (200000, 2009, "INL"),
        (5171250, 2009, "INL"),
        (5371250, 2009, "INL"),
        (350000, 2010, "INL"),
    ]


def test_years() -> None:
    text = (
        "In 2017, with the support of INL, the Anti-Narcotics Force reported seizing 19.5 MT of "
        "heroin and 32.6 MT of opium. Colombia was the source of approximately 89 percent of the "
        "cocaine seized in 2019. The election was held in 2010 after a gap of 20 years. "
        "Homicides fell 18 percent between June and December 2009."
    )
    found = figures(text)
    assert [(m.value, m.year) for m in found] == [
        (Decimal("19.5"), 2017),
        (Decimal("32.6"), 2017),
        (89, 2019),
        (20, None),
        (18, 2009),
    ]
    assert found[0].reported_by == "Anti-Narcotics Force"
    assert found[2].reported_by is None


def test_reporter_after_the_figure_and_acronym() -> None:
    text = (
        "The Ministry of Public Security (MPS) oversees police. Seizures dropped 28 percent in "
        "2019, the MPS reported."
    )
    m = one(text, "laos")
    assert m.reported_by == "Ministry of Public Security"
    assert m.year == 2019


def test_agency_only_when_credited() -> None:
    text = (
        "The country has 190 million people. INL-funded police made 40 arrests. "
        "The U.S. Agency for International Development (USAID), with INL, helped 9,800 families."
    )
    found = figures(text)
    # (the subject helped, past the partner named between commas: USAID's work, not INL's)
    assert [m.agency for m in found] == [None, "INL", "USAID"]


def test_bare_number_takes_the_unit_of_a_parallel_figure() -> None:
    found = figures(
        "With INL support, the police grew from 9,800 officers in 2010 to 14,000 in 2018."
    )
    assert [(m.value, m.counted, m.year) for m in found] == [
        (9800, "officer", 2010),
        (14000, "officer", 2018),
    ]


# ---------------------------------------------------------------------------- organizations


def test_inl_forms_are_one_organization() -> None:
    text = (
        "The U.S. Department of State’s Bureau of International Narcotics and Law Enforcement "
        "Affairs (INL) works abroad. INL’s programs help. INL-constructed outposts stand. "
        "INL trains police."
    )
    f = facts_of(text)
    names = [o.name for o in f.organizations]
    assert names == [
        "U.S. Department of State",
        "Bureau of International Narcotics and Law Enforcement Affairs",
    ]
    inl = f.organizations[1]
    assert "INL" in inl.aliases
    assert inl.parent == "U.S. Department of State"
    assert f.organization("INL") is inl


def test_government_forms_are_one_organization() -> None:
    text = (
        "Terrorists attack the Pakistani government. INL works with Pakistani authorities. "
        "The Government of Pakistan agrees."
    )
    f = facts_of(text)
    gov = [o for o in f.organizations if "Pakistan" in o.name]
    assert len(gov) == 1
    assert gov[0].name == "Government of Pakistan"
    assert {"Pakistani government", "Pakistani authorities"} <= set(gov[0].aliases)
    assert gov[0].kind.value == "partner-government"


def test_security_forces_armed_groups_and_non_organizations() -> None:
    text = (
        "Pakistan faces ISIS-K and the Pakistani Taliban. Pakistan’s Anti-Narcotics Force and "
        "the Drug Enforcement Division (DED) seize drugs. The Criminal Procedure Code (CPC) and "
        "the International Covenant on Civil and Political Rights (ICCPR) apply. INCLE funds "
        "help against drug trafficking organizations. Officers train at the International "
        "Corrections Management Training Center in Colorado."
    )
    kinds = {o.name: o.kind.value for o in facts_of(text).organizations}
    assert kinds == {
        "ISIS-K": "armed-group",
        "Pakistani Taliban": "armed-group",
        "Anti-Narcotics Force": "security-force",
        "Drug Enforcement Division": "security-force",
        "International Corrections Management Training Center": "training-institution",
    }


def test_places_and_program_country() -> None:
    f = facts_of(
        "INL supports police in Dhaka and the Rajshahi Division of Bangladesh.", "bangladesh"
    )
    assert f.country == "Bangladesh"
    codes = {p.name: p.code for p in f.places}
    assert codes == {"Dhaka": "BD-C", "Rajshahi Division": "BD-E", "Bangladesh": "BD"}


def test_regional_document_is_about_the_place_its_title_names() -> None:
    # no country has most of the mentions: the program is the region the title names (in
    # capitals too), and a figure its clause does not place is there, not in the first country
    text = (
        "WESTERN HEMISPHERE REGIONAL\nCARIBBEAN BASIN SECURITY INITIATIVE\n\n"
        "INL funds coast guards in The Bahamas, Jamaica and the Dominican Republic so that "
        "partners across the region can patrol their waters together. INL delivered 14 "
        "interceptor vessels to partner coast guards. Jamaica and Barbados host the hubs."
    )
    f = facts_of(text, "cbsi-budget-guide")
    assert f.country == "Caribbean"
    assert one(text, "cbsi-budget-guide").place == "Caribbean"
    # a testimony's committee ("Subcommittee on the Western Hemisphere") is not its subject
    testimony = (
        "Statement of A. Witness\nBefore the Subcommittee on Europe, Eurasia, and Emerging "
        'Threats\n"Police Institutions in Ukraine, Moldova, and Kosovo"\n\n'
        "INL works with police in Kosovo, in Moldova and in Ukraine, and it has trained "
        "officers of Kosovo and Moldova at academies the partners run together each year."
    )
    assert facts_of(testimony, "testimony").country == "Ukraine"
    # one country with most of the mentions keeps it, whatever the title names
    single = (
        "West Africa Programs\n\nINL trains police in Ghana. Ghana's police seized 2 tons. "
        "Ghana and Togo share a border."
    )
    assert facts_of(single, "wa").country == "Ghana"


def test_places_lookup_reads_english_spellings_of_subdivisions() -> None:
    # ISO writes Hakkâri and Nord-Kivu; English texts write Hakkari and North Kivu
    for name, code in (("Hakkari Province", "TR-30"), ("North Kivu", "CD-NK")):
        entry = lookup(name)
        assert entry is not None and entry.code == code
    assert lookup("Trndelag") is None and lookup("Trondelag") is None  # no plain "ø"
    f = facts_of("In 2006 the Jandarma seized 2.6 metric tons in Hakkari Province.", "turkey")
    assert [m.place for m in f.measurements] == ["Hakkari Province"]


def test_place_in_apposition_with_what_it_lies_in_is_the_place() -> None:
    # "Lae, Morobe Province": one place, the city; Lae is Papua New Guinea's city here, though
    # the gazetteer also knows a Lae in the Marshall Islands
    text = (
        "Papua New Guinea\n\nIn Lae, Morobe Province, INL's Safer Settlements Project reduced "
        "reported assaults by 18 percent between 2022 and 2023."
    )
    assert one(text, "papua-new-guinea").place == "Lae"
    # two places of one list are several places: the program's country
    listed = "In Madang, Morobe Province and Port Moresby, INL trained 40 officers."
    assert one(listed, "papua-new-guinea").place == "Papua New Guinea"


def test_places_lookup_prefers_top_level_subdivision() -> None:
    entry = lookup("Dhaka")
    assert entry is not None and entry.code == "BD-C"


# ---------------------------------------------------------------------------- activities


def test_activities_have_actor_type_and_span() -> None:
    text = "INL-constructed border outposts help the Frontier Corps. INL trained 40 judges."
    f = facts_of(text)
    kinds = {a.activity_type for a in f.activities}
    assert ActivityType.CONSTRUCTION in kinds and ActivityType.TRAINING in kinds
    for a in f.activities:
        assert a.actor == "INL"
        assert a.span is not None and text[a.span.start : a.span.end] == a.span.quote


@pytest.mark.parametrize(
    ("description", "kind", "sector"),
    [
        ("construction of border outposts", ActivityType.CONSTRUCTION, Sector.LEGAL_JUDICIAL),
        ("training of judges", ActivityType.TRAINING, Sector.LEGAL_JUDICIAL),
        (
            "support for counternarcotics seizures",
            ActivityType.COUNTERNARCOTICS,
            Sector.NARCOTICS_CONTROL,
        ),
        ("anti-corruption training", ActivityType.TRAINING, Sector.PUBLIC_SECTOR_POLICY),
        ("combating domestic violence", ActivityType.OTHER, Sector.HUMAN_RIGHTS),
        (
            "sponsorship of prison officials for training",
            ActivityType.SPONSORSHIP,
            Sector.LEGAL_JUDICIAL,
        ),
    ],
)
def test_classify_activity(description: str, kind: ActivityType, sector: Sector) -> None:
    assert classify_activity(description) == (kind, sector)


# ---------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n",
        ".",
        "…",
        "—– ‘’ “” • • •",
        "$ % 1) ( ) ** FY",
        "INL (INL) INL’s INL's",
        "Government of",
        "between and 5-",
        "x" * 10000,
        ("INL trained 40 judges. " * 3000),
        "١٢٣ ４５６ percent ²³",
    ],
)
def test_odd_text_never_raises(text: str) -> None:
    f = facts_of(text)
    for m in f.measurements:
        assert text[m.span.start : m.span.end] == m.span.quote


def test_deterministic() -> None:
    text = (SHARED / "pakistan.txt").read_text() if SHARED.is_dir() else "INL trained 4 judges."
    assert facts_of(text) == facts_of(text)


def test_sentences_respect_abbreviations() -> None:
    text = "Cooperation with the U.S. Government grew. It reached 19.5 MT."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Cooperation with the U.S. Government grew.",
        "It reached 19.5 MT.",
    ]


def test_numbers() -> None:
    assert parse_number("1,150") == 1150
    assert parse_number("twenty-five") == 25
    assert parse_number("two dozen") == 24
    assert parse_number("banana") is None
    assert singularize("Courtroom Administrators") == "courtroom administrator"


# ---------------------------------------------------------------------------- corpora


def _check_targets(folder: Path) -> None:
    report = evaluate_corpus([folder])
    assert report.documents, f"no gold files in {folder}"
    assert report.figures.f1 >= 0.95
    assert report.organizations.f1 >= 0.90
    for attr in ("unit", "qualifier", "change", "year", "reported_by", "agency"):
        assert report.accuracy(attr) >= 0.90, attr
    for d in report.documents:
        assert d.figures.f1 >= 0.85, d.name


def test_real_corpus_meets_targets() -> None:
    if not (SHARED / "pakistan.txt").is_file():
        pytest.skip(f"shared corpus not found at {SHARED}")
    _check_targets(SHARED)


def test_synthetic_corpus_meets_targets() -> None:
    if not any(TEST_CORPUS.glob("*.gold.yaml")):
        pytest.skip("no synthetic test corpus")
    _check_targets(TEST_CORPUS)


def test_extract_file(tmp_path: Path) -> None:
    p = tmp_path / "kenya.txt"
    p.write_text("INL trained 85 judges in Kenya.", encoding="utf-8")
    f = extract_file(p)
    assert f.country == "Kenya"
    assert f.measurements[0].counted == "judge"


def _facts(text: str) -> DocumentFacts:
    return extract(Document(name="demo", text=text))


def test_numbers_inside_names_are_not_figures() -> None:
    facts = _facts(
        "Street gangs such as Barrio 18 extort businesses; Detachment 88 arrested 40 suspects."
    )
    assert [m.value for m in facts.measurements] == [Decimal(40)]
    names = {o.name for o in facts.organizations}
    assert {"Barrio 18", "Detachment 88"} <= names


def test_each_numbered_list_item_is_its_own_figure() -> None:
    facts = _facts(
        "INL provided the border police with 14 pickup trucks, six outboard motors, and radios."
    )
    assert [(m.value, m.counted) for m in facts.measurements] == [
        (Decimal(14), "pickup truck"),
        (Decimal(6), "outboard motor"),
    ]


def test_estimate_in_parentheses_and_square_kilometers() -> None:
    facts = _facts("Funding:\n• FY 2010: $3.25 million (INCLE, estimate)\n")
    assert facts.measurements[0].qualifier is Qualifier.ABOUT
    assert facts.measurements[0].year == 2010
    facts = _facts("The country covers an estimated 174,000 square kilometers of territory.")
    assert facts.measurements[0].unit == "square-kilometer"


def test_named_gangs_and_full_government_names() -> None:
    facts = _facts(
        "Gangs such as Los Choneros and the Klansman gang control 12 ports. The Royal Government "
        "of Cambodia (RGC) welcomed the help, and Cambodian authorities seized 5 kilograms."
    )
    kinds = {o.name: o.kind for o in facts.organizations}
    assert kinds["Los Choneros"] is OrgKind.ARMED_GROUP
    assert kinds["Klansman gang"] is OrgKind.ARMED_GROUP
    gov = next(o for o in facts.organizations if o.name == "Royal Government of Cambodia")
    assert {"RGC", "Cambodian authorities"} <= set(gov.aliases)


def test_years_from_dates_and_clauses() -> None:
    facts = _facts(
        "In November 2011, officers seized 1,800 kilograms of marijuana. INL funds courses; "
        "in 2011, 14 officers attended courses. By the end of 2019, more than 3,400 officers "
        "had completed courses. INL trained 180 prosecutors in two provinces, where the new "
        "code takes effect in September 2012."
    )
    assert [m.year for m in facts.measurements] == [2011, 2011, 2019, None, None]


def test_money_suffixes_rates_populations_and_parts() -> None:
    facts = _facts(
        "INL provided $500K to the unit. The country has a population of roughly 23 million. "
        "Police answer approximately 3,000 calls per day. INL installed blockers in seven of the "
        "country’s 21 prisons. In FY2021, INL trained 160 RTP and ONCB officers and 75 customs "
        "officers."
    )
    got = [(m.value, m.unit, m.counted) for m in facts.measurements]
    assert got == [
        (Decimal(500000), "usd", None),
        (Decimal(23000000), "count", "person"),
        (Decimal(3000), "count", "call"),
        (Decimal(7), "count", "prison"),
        (Decimal(21), "count", "prison"),
        (Decimal(160), "count", "officer"),
        (Decimal(75), "count", "customs officer"),
    ]
    # the country's whole stock of prisons is context, not INL's work
    assert [m.agency for m in facts.measurements][3:5] == ["INL", None]


def test_lists_of_people_with_modifiers_count_persons() -> None:
    facts = _facts("INL trained well over 500 SENAD agents, police officers, and prosecutors.")
    assert facts.measurements[0].counted == "person"
    assert facts.measurements[0].qualifier is Qualifier.MORE_THAN


def test_host_government_under_its_own_names() -> None:
    facts = _facts(
        "The Royal Thai Government (RTG) cooperates. In 2019, police seized 4.7 metric tons of "
        "cocaine, as reported by national authorities."
    )
    gov = next(o for o in facts.organizations if o.name == "Royal Thai Government")
    assert "RTG" in gov.aliases
    facts = _facts(
        "In 2019, police in Paraguay seized 4.7 metric tons of cocaine, as reported by national "
        "authorities."
    )
    assert facts.measurements[0].reported_by == "Government of Paraguay"


def test_rates_per_population() -> None:
    facts = _facts(
        "The homicide rate fell from 86 per 100,000 residents in 2011 to 38 per 100,000 in 2019. "
        "The country has about 87 officers per 100,000 residents."
    )
    got = [(m.value, m.counted, m.year, m.change) for m in facts.measurements]
    assert got == [
        (Decimal(86), "homicide per 100000 resident", 2011, None),
        (Decimal(38), "homicide per 100000", 2019, None),
        (Decimal(87), "officer per 100000 resident", None, None),
    ]


def test_the_bureau_mission_statement_is_not_a_program_activity() -> None:
    facts = _facts(
        "INL helps countries deliver justice and fairness by strengthening their police. "
        "In Peru, INL trains police officers."
    )
    assert [a.description for a in facts.activities] == ["trains police officers"]


# The position indexes that keep extraction linear must answer exactly what the scans they
# replace answered.

_POS_TEXT = st.text(alphabet="12090 ,\na.", max_size=60)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(_POS_TEXT, st.integers(0, 70))
def test_year_index_matches_a_scan_from_the_start(text: str, limit: int) -> None:
    limit = min(limit, len(text))
    scan = list(_ANY_YEAR_RE.finditer(text, 0, limit))
    expect = int(scan[-1].group(1)) if scan else None
    assert _Years(text).last_before(limit) == expect


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(1, 20)), max_size=12),
    st.integers(0, 70),
    st.integers(1, 10),
)
def test_span_index_matches_a_scan_over_all_spans(
    raw: list[tuple[int, int]], start: int, length: int
) -> None:
    spans = [(s, s + n) for s, n in raw]
    index = _SpanIndex(spans)
    end = start + length
    assert index.overlapping(start, end) == [
        i for i, (s, e) in enumerate(spans) if s < end and start < e
    ]
    assert sorted(i for _s, _e, i in index.containing(start, end)) == [
        i for i, (s, e) in enumerate(spans) if s <= start and end <= e
    ]
    assert index.holds(start) == any(s <= start < e for s, e in spans)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(_POS_TEXT, st.integers(0, 70))
def test_line_index_matches_rfind(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    assert _line_start(_line_starts(text), pos) == text.rfind("\n", 0, pos) + 1


def test_that_same_year_takes_the_last_year_before_it_anywhere_in_the_text() -> None:
    facts = _facts(
        "In 2017, the program began. Later, in 2019, INL opened an office.\n\n"
        "That same year, INL trained 45 judges."
    )
    assert [(m.value, m.year) for m in facts.measurements] == [(Decimal(45), 2019)]


def test_a_name_merged_into_an_acronym_node_does_not_break_armed_groups() -> None:
    # found by fuzzing: the node of "People’s Army" was merged away when "NPA" was defined
    # twice, and the armed-group pass looked its old key up
    facts = _facts("New People’s Army(NPA)N P A(NPA)")
    assert any(o.name == "New People’s Army" for o in facts.organizations)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(["from", "to", "by", "x", "é", "_", "-", " ", "\n", "\t"]), max_size=8
    ).map("".join),
    st.sampled_from(["from", "to", "by"]),
)
def test_ends_with_word_matches_the_regex(text: str, word: str) -> None:
    expect = re.search(r"\b" + word + r"\s+$", text) is not None
    assert _ends_with_word(text, 0, len(text), word) == expect
    padded = "xx" + text
    assert _ends_with_word(padded, 2, len(padded), word) == expect


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    st.text(alphabet="in 2019 from and to, ;x", max_size=60),
    st.lists(st.integers(0, 60), max_size=8),
    st.integers(0, 60),
)
def test_searches_ahead_match_fresh_searches(text: str, positions: list[int], end: int) -> None:
    ahead = _Ahead(text)
    end = min(end, len(text))
    for rx in (_PERIOD_RE, _ASIDE_RE, _YEAR_AFTER_RE):
        for pos in sorted(positions):
            got = ahead.search(rx, pos, end)
            want = rx.search(text, pos, end)
            assert (got and got.span()) == (want and want.span())


def test_a_title_in_capitals_keeps_a_place_names_small_words() -> None:
    # "DEMOCRATIC REPUBLIC OF THE CONGO" read in title case is the Democratic Republic of the
    # Congo, not "Congo" (the Republic of the Congo)
    text = (
        "DEMOCRATIC REPUBLIC OF THE CONGO: SECURITY SECTOR REFORM\n\n"
        "INL trained 30 police officers in Rwanda and 20 in Uganda in 2019."
    )
    assert facts_of(text, "x").country == "Democratic Republic of the Congo"
