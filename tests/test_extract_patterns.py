"""Phrase-level extraction patterns seen in documents other than fact sheets.

Every sentence here was written for these tests (none is copied from a corpus): each states one
pattern the rules must read by its phrase (the noun phrase a number counts, the clause that holds
it, the frame of the document), in a wording the older window-based rules missed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from kg.documents import PAGE_BREAK, load_document, page_of
from kg.extract import extract, extract_file
from kg.extract.text import reflowed
from kg.model import Change, Document, DocumentFacts, KgError, Measurement, OrgKind, Qualifier
from kg.properties import measured_property


def facts_of(text: str, name: str = "kenya") -> DocumentFacts:
    return extract(Document(name=name, text=text))


def figures(text: str, name: str = "kenya") -> list[Measurement]:
    return facts_of(text, name).measurements


def fig(text: str, value: int | str, name: str = "kenya") -> Measurement:
    """The one figure of ``text`` with ``value``."""
    want = Decimal(str(value))
    found = [m for m in figures(text, name) if m.value == want]
    assert len(found) == 1, [(m.value, m.span.quote) for m in figures(text, name)]
    return found[0]


def _year_of(text: str, value: int | str, name: str = "kenya") -> int | None:
    """The year of the one figure of ``text`` with ``value``."""
    want = Decimal(str(value))
    [m] = [m for m in extract(Document(name=name, text=text)).measurements if m.value == want]
    return m.year


def quoted(text: str, quote: str) -> Measurement:
    """The one figure of ``text`` whose quote holds ``quote``."""
    [m] = [m for m in extract(Document(name="x", text=text)).measurements if quote in m.span.quote]
    return m


def org_names(text: str, name: str = "kenya") -> set[str]:
    out: set[str] = set()
    for o in facts_of(text, name).organizations:
        out.add(o.name)
        out.update(o.aliases)
    return out


# ------------------------------------------------------------------------ counted nouns


@pytest.mark.parametrize(
    ("text", "value", "counted"),
    [
        ("INL trained over 150 Supervisors from the National Police Service.", 150, "supervisor"),
        (
            "The embassy handed over 21 Armored Personnel Vehicles in March.",
            21,
            "armored personnel vehicle",
        ),
        ("The grant paid for 35 Mobile Scanners at the port of Mombasa.", 35, "mobile scanner"),
        (
            "Customs received 12 Border Police Stations worth of radios.",
            12,
            "border police station",
        ),
        ("INL donated 60 police SUVs to the traffic police.", 60, "police SUV"),
        ("The project delivered 8 APCs and 14 trucks to the gendarmerie.", 8, "APC"),
    ],
)
def test_title_case_and_acronym_heads(text: str, value: int, counted: str) -> None:
    m = fig(text, value)
    assert (m.unit, m.counted) == ("count", counted)


@pytest.mark.parametrize(
    ("text", "value", "counted"),
    [
        ("INL helped stand up a 500-man rapid response unit in Garissa.", 500, "man"),
        ("The mission supports a 5,100-member police force in the capital.", 5100, "member"),
        ("Donors equipped a 40-person forensic team with new kits.", 40, "person"),
        ("The ministry deployed a 1,200-strong contingent of border guards.", 1200, "contingent"),
    ],
)
def test_hyphenated_size_counts_the_members(text: str, value: int, counted: str) -> None:
    m = fig(text, value)
    assert (m.unit, m.counted, m.qualifier) == ("count", counted, Qualifier.EXACT)


def test_partitive_counts_the_noun_of_the_whole() -> None:
    found = figures("INL equipped six of the ten battalions deployed to the north.")
    assert [(m.value, m.counted) for m in found] == [
        (Decimal(6), "battalion"),
        (Decimal(10), "battalion"),
    ]
    m = fig("Inspectors visited four of the regional prisons last spring.", 4)
    assert m.counted == "regional prison"
    # "one of" is never a figure
    assert figures("INL renovated one of the oldest courthouses in Nakuru.") == []


def test_partitive_with_a_possessive_whole_is_still_read() -> None:
    found = figures("Jammers now work in seven of the country's 21 prisons.")
    assert [(m.value, m.counted) for m in found] == [
        (Decimal(7), "prison"),
        (Decimal(21), "prison"),
    ]


def test_us_before_the_counted_noun() -> None:
    found = figures("Funds cover 14 U.S. direct-hire and 26 locally employed staff.")
    assert [(m.value, m.counted) for m in found] == [
        (Decimal(14), "staff member"),
        (Decimal(26), "staff member"),
    ]
    m = fig("CBP officers screened some 4,300 U.S.-bound containers in 2016.", 4300)
    assert (m.counted, m.qualifier) == ("container", Qualifier.ABOUT)


@pytest.mark.parametrize(
    ("text", "quote", "counted"),
    [
        ("The PJ has only nine vehicles, and it maintains two boats.", "nine vehicles", "vehicle"),
        (
            "It has trained more than 13,000 police officers, and today it trains cadets.",
            "more than 13,000 police officers",
            "police officer",
        ),
    ],
)
def test_a_pronoun_after_a_list_separator_opens_a_clause_not_an_item(
    text: str, quote: str, counted: str
) -> None:
    """The counted noun's list ends where a new clause's subject begins: the verb after
    "and it" is no item of the list."""
    [m] = [m for m in figures(text) if m.span.quote.endswith(quote.split()[-1])]
    assert (m.span.quote, m.counted) == (quote, counted)


def test_a_kinds_compound_in_capitals_stays_in_the_counted_noun() -> None:
    """ "X-ray" names the kind of system counted, as "body-worn" does: it is kept."""
    found = figures("INL installed two vehicle X-ray systems and 24 X-ray vans at the port.")
    assert [m.counted for m in found] == ["vehicle X-ray system", "X-ray van"]


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Belize has one residential treatment center.", "residential treatment center"),
        ("Courts convicted one defendant of money laundering.", "defendant"),
        ("The Navy has just one seaworthy patrol boat.", "seaworthy patrol boat"),
        ("INL resolved one recommendation unresolved since 2019.", "recommendation"),
        ("The force has roughly one officer for every 2,300 residents.", None),
        ("In one case the boats broke down.", None),
    ],
)
def test_one_as_a_count(text: str, counted: str | None) -> None:
    """ "one" is a count where the text counts by it ("has one", "convicted one", "only one"),
    not in a rate, an idiom or "one case" told as an example."""
    ones = [(m.counted, m.unit) for m in figures(text) if m.value == 1]
    assert ones == ([] if counted is None else [(counted, "count")])


def test_a_duration_between_a_count_and_its_noun_is_a_figure_of_its_own() -> None:
    """ "ten two-week courses" counts ten courses and states a two-week duration."""
    found = {(m.value, m.unit, m.counted) for m in figures("INL will run ten two-week courses.")}
    assert found == {(Decimal(10), "count", "course"), (Decimal(2), "week", None)}


def test_a_part_of_these_or_those_counted_things() -> None:
    """ "9 of these 18 indicators", "Eighteen of those 36 officers": the part counts the
    whole's noun."""
    text = "Officials said 9 of these 18 indicators were new. Twelve of those 36 officers teach."
    assert (fig(text, 9).counted, fig(text, 12).counted) == ("indicator", "officer")


def test_a_part_of_them_takes_up_the_count_of_the_sentence_before() -> None:
    """ "... 12 awards. Officers documented site visits for just 4 of them": 4 awards."""
    text = "INL oversaw 12 awards in Baghdad. Officers documented site visits for just 4 of them."
    assert (fig(text, 4).unit, fig(text, 4).counted) == ("count", "award")


def test_a_noun_shared_by_two_numbers() -> None:
    found = figures("INL provided 20 new and 24 repaired motorcycles to border units.")
    assert [(m.value, m.counted) for m in found] == [
        (Decimal(20), "motorcycle"),
        (Decimal(24), "motorcycle"),
    ]
    found = figures("The academy graduated twelve female and thirty male cadets in June 2021.")
    assert [(m.value, m.counted, m.year) for m in found] == [
        (Decimal(12), "cadet", 2021),
        (Decimal(30), "cadet", 2021),
    ]


@pytest.mark.parametrize(
    ("text", "value", "counted", "last"),
    [
        ("INL trained nearly 600 federal and state officers in 2019.", 600, "officer", "officers"),
        ("INL trained 24,000 federal and state police officers.", 24000, "police officer", None),
        ("The course trained 318 Navy and Coast Guard personnel.", 318, "person", None),
        ("INL funded a course for 22 PJ and National Guard officers.", 22, "officer", None),
        ("INL trained 1,200 mid- and senior-level MOI officials.", 1200, "official", None),
        ("INL trained 180 Ministry of Interior (MVD) officers.", 180, "officer", None),
        ("The section has 14 U.S. direct-hire employees.", 14, "employee", None),
        (
            "INL trained 3,200 federal and provincial police officers, prosecutors, and judges.",
            3200,
            "person",
            None,
        ),
    ],
)
def test_modifiers_before_the_counted_noun(
    text: str, value: int, counted: str, last: str | None
) -> None:
    m = fig(text, value)
    assert (m.unit, m.counted) == ("count", counted)
    # the quote runs from the number over the modifiers to the noun
    assert m.span.quote.endswith(last or text.rstrip(".").split()[-1])


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Police seized assets worth €3.2 million in 2022.", 3_200_000, "eur"),
        ("The EU pledged EUR 27.9 million for the program.", 27_900_000, "eur"),
        ("The ministry spent more than BAM 18 million on prisons.", 18_000_000, "bam"),
        ("The MACC froze assets worth RM 38.6 million.", 38_600_000, "myr"),
        ("The court froze CFA 1.1 billion in assets.", 1_100_000_000, "xof"),
        ("Customs seized 5 million euros in cash.", 5_000_000, "eur"),
        ("Assets valued at more than 100 million lempiras were seized.", 100_000_000, "hnl"),
        ("INL provided US$ 3 million to the courts.", 3_000_000, "usd"),
        ("Australia pledged more than A$5 million.", 5_000_000, "aud"),
        ("The budget rose to SI$142 million.", 142_000_000, "sbd"),
        ("The ministry spent approximately BZ$600,000 on it.", 600_000, "bzd"),
    ],
)
def test_amounts_in_other_currencies(text: str, value: int, unit: str) -> None:
    m = fig(text, value)
    assert (m.unit, m.counted) == (unit, None)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Police seized 1.4 Tons of cocaine.", "1.4", "metric-ton"),
        ("Police seized 310 kilogrammes of syabu.", 310, "kilogram"),
        ("The budget was about 1.2 million kwanzas.", 1200000, "aoa"),
        ("The forfeiture came to 12 million escudos.", 12000000, "cve"),
        ("Seizures were nearly three times its 1997 total.", 3, "times"),
        ("Aircraft were hit by ground fire 271 times.", 271, "count"),
    ],
)
def test_unit_spellings_currency_names_and_multiples(
    text: str, value: int | str, unit: str
) -> None:
    """Title-case tons, "kilogrammes", kwanzas and escudos have their units; "three times its
    total" is a multiple, "hit 271 times" a count of times."""
    assert fig(text, value).unit == unit


def test_currency_names_with_their_country_and_an_amount_after_an_em_dash() -> None:
    found = figures(
        "Police seized 500 million Jamaican dollars, 20 million Kenyan shillings and 2.3 billion "
        "Turkish lira. Nearly half of the funds—$15.1 million—went to training."
    )
    units = {m.value: m.unit for m in found}
    assert units[Decimal(500_000_000)] == "jmd"
    assert units[Decimal(20_000_000)] == "kes"
    assert units[Decimal(2_300_000_000)] == "try"
    assert units[Decimal(15_100_000)] == "usd"


def test_estimated_before_the_measured_noun_is_about() -> None:
    m = fig("Casinos have an estimated annual turnover of $2.3 billion.", 2_300_000_000)
    assert m.qualifier == Qualifier.ABOUT


def test_an_iso_code_that_is_a_word_is_no_currency() -> None:
    m = fig("INL trained ALL 300 officers of the unit.", 300)
    assert (m.unit, m.counted) == ("count", "officer")


def test_the_cfa_franc_of_central_africa() -> None:
    text = "Cameroon\n\nThe court froze CFA 1.1 billion in assets in Douala.\n"
    assert [m.unit for m in figures(text, name="cameroon")] == ["xaf"]


def test_a_level_the_subject_reached_counts_the_subject() -> None:
    m = fig("Official statistics show that drug-related arrests reached 89,321 in 2019.", 89321)
    assert (m.unit, m.counted, m.year) == ("count", "arrest", 2019)
    m = fig("The number of registered drug users stood at approximately 55,000 in 2007.", 55000)
    assert (m.unit, m.qualifier) == ("count", Qualifier.ABOUT)


def test_a_number_standing_for_the_counted_noun_before_it() -> None:
    """ "Of the 31 indicators, only 9 had targets": 9 indicators; so "41 remained", "six were
    complete", "two more"; a number with no count before it stays unread."""
    found = figures("Of the 31 performance indicators INL used, only 9 had targets.")
    assert [(m.value, m.counted) for m in found] == [
        (Decimal(31), "performance indicator"),
        (Decimal(9), "performance indicator"),
    ]
    found = figures("INL built 8 border posts in 2019; six were complete by March.")
    assert [(m.value, m.counted) for m in found] == [
        (Decimal(8), "border post"),
        (Decimal(6), "border post"),
    ]
    assert figures("In the end, 41 remained.") == []
    assert figures("INL trained 30 judges. One was later dismissed.")[1:] == []


def test_how_a_text_is_divided_is_no_figure() -> None:
    assert figures("The program focuses on three areas: policing, courts and prisons.") == []
    assert figures("I would like to make three points about our assistance.") == []
    # counted in digits, or many of them, they are figures
    assert [m.value for m in figures("INL renovated 12 areas of the prison.")] == [Decimal(12)]
    # nor are the parties of a bilateral text
    text = "The two governments agreed to expand cooperation, and the two delegations met."
    assert figures(text) == []


def test_a_year_naming_a_thing_and_a_code_with_a_leading_zero_are_no_figures() -> None:
    assert figures("The PSD, since a 2019 merger, now includes the Gendarmerie.") == []
    found = figures('The so-called "06 centers" held 24,000 people.')
    assert [m.value for m in found] == [Decimal(24000)]


def test_identifier_lists_are_not_figures() -> None:
    assert figures("Kenya must meet the benchmarks of Chapters 23 and 24 of the agreement.") == []


def test_the_number_of_names_what_a_bare_number_counts() -> None:
    m = fig("The number of cartel members is estimated at 3,000.", 3000, "mexico")
    assert (m.unit, m.counted, m.qualifier) == ("count", "cartel member", Qualifier.ABOUT)
    m = fig("The total of registered drug users reached 48,000 in 2020.", 48000)
    assert (m.counted, m.year) == ("registered drug user", 2020)


# ------------------------------------------------------------------------ fractions, qualifiers


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("Only one percent of the cases reach trial.", "1", Qualifier.EXACT),
        ("Over half of the prisons are overcrowded.", "50", Qualifier.MORE_THAN),
        ("One-third of the judges completed the course.", "33.3", Qualifier.EXACT),
        ("Roughly two-thirds of seized cocaine transits the port.", "66.7", Qualifier.ABOUT),
        ("Three-quarters of the recruits passed the final exam.", "75", Qualifier.EXACT),
        ("Nearly a quarter of the country's police posts lack radios.", "25", Qualifier.ABOUT),
        ("Approximately one in four inmates is held before trial.", "25", Qualifier.ABOUT),
        ("Two out of three cases were dismissed on appeal.", "66.7", Qualifier.EXACT),
        ("The port moves roughly two of every five containers.", "40", Qualifier.ABOUT),
        ("Only about one container in fifty is inspected.", "2", Qualifier.ABOUT),
        ("Fewer than one in twenty cases led to a prosecution.", "5", Qualifier.LESS_THAN),
    ],
)
def test_fractions_and_small_proportions_are_percent(
    text: str, value: str, qualifier: Qualifier
) -> None:
    m = fig(text, value)
    assert (m.unit, m.qualifier) == ("percent", qualifier)
    assert text[m.span.start : m.span.end] == m.span.quote


def test_a_fraction_after_a_change_verb_is_the_change() -> None:
    m = fig("Homicides in the capital declined by a third between 2018 and 2020.", "33.3")
    assert (m.unit, m.change, m.year) == ("percent", Change.DECREASE, 2020)


def test_sixths_to_ninths_are_fractions_after_a_or_an() -> None:
    """ "roughly an eighth of the national total" is 12.5 percent; "the eighth of the series"
    and "its eighth consecutive year" are ordinals."""
    text = "It seized 23.6 tons, roughly an eighth of the national total."
    assert fig(text, "12.5").qualifier == Qualifier.ABOUT
    assert figures("It was the eighth of the series, in its eighth consecutive year.") == []


def test_ordinals_are_not_fractions() -> None:
    assert figures("A second and a third hub opened in the west.") == []


def test_a_persons_age_is_not_a_figure_but_an_age_bound_is() -> None:
    text = "A 24-year-old detective led 40 officers, all under 30 years old."
    assert [(m.value, m.unit) for m in figures(text)] == [(40, "count"), (30, "year")]


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("The gangs employ 12,000 people (approximate figure).", 12000, Qualifier.ABOUT),
        ("Illicit flows total an estimated USD $25 trillion a year.", 25 * 10**12, Qualifier.ABOUT),
        ("Losses were put at 4,500 hectares of maize.", 4500, Qualifier.ABOUT),
        ("Coca covered 61,000 hectares (est.) in the valley.", 61000, Qualifier.ABOUT),
    ],
)
def test_qualifiers_after_the_number_or_its_verb(
    text: str, value: int, qualifier: Qualifier
) -> None:
    assert fig(text, value).qualifier is qualifier


@pytest.mark.parametrize(
    "text",
    [
        "In the past ten years, INL has trained 4,000 police officers.",
        "Over the last two years, the unit trained 4,000 police officers.",
        "During the previous three months, instructors trained 4,000 police officers.",
        "In each of the past five years, instructors trained 4,000 police officers.",
        "Under a plan covering the next five years, INL trained 4,000 police officers.",
        "INL has supported the police for more than two decades and trained 4,000 police officers.",
        "Over the past two decades, INL trained 4,000 police officers.",
        "That is a staggering change in five years: INL trained 4,000 police officers.",
        "In the 12 months ending in September 2023, INL trained 4,000 police officers.",
        "INL trained 4,000 police officers during those two years.",
        "These funds consolidate the gains of the past 16 years: 4,000 police officers.",
    ],
)
def test_time_frames_are_not_figures(text: str) -> None:
    assert [m.value for m in figures(text)] == [Decimal(4000)]


def test_a_records_span_and_a_sentence_are_figures() -> None:
    """ "the first general election in 20 years" states a span; "2 years' imprisonment" a
    sentence: both are figures, unlike "a change in five years"."""
    assert fig("It held its first general election in 20 years.", 20).unit == "year"
    assert fig("The court imposed a sentence in 2 years' imprisonment.", 2).unit == "year"


def test_a_duration_is_still_a_figure() -> None:
    m = fig("Cadets attend a 10-week course at the academy.", 10)
    assert m.unit == "week"


# ------------------------------------------------------------------------ reporters


@pytest.mark.parametrize(
    ("text", "reporter"),
    [
        (
            "According to a May 2018 UN report, opium cultivation covered 328,000 hectares.",
            "United Nations",
        ),
        (
            "Official statistics from the Ministry of Interior show 3,200 arrests in 2017.",
            "Ministry of Interior",
        ),
        (
            "The annual UNODC opium survey estimates that 9,000 metric tons of opium were made.",
            "United Nations Office on Drugs and Crime",
        ),
        (
            "Data compiled by the National Police Service show 2,774 homicides last year.",
            "National Police Service",
        ),
        # a study with what it is of, an evaluation that rates, a study in a relative clause
        (
            "The National Service for Drug Prevention (SENDA) works on prevention. SENDA's 2019"
            " national survey of the general population found marijuana use of 12.1 percent.",
            "National Service for Drug Prevention",
        ),
        (
            "The Financial Action Task Force (FATF) sets standards. The FATF's 2016 mutual"
            " evaluation rated Singapore compliant with 37 of the 40 FATF Recommendations.",
            "Financial Action Task Force",
        ),
        (
            "Bahrain is a member of the Middle East and North Africa Financial Action Task Force"
            " (MENAFATF), whose 2018 mutual evaluation found Bahrain effective on 5 of the 11"
            " Immediate Outcomes.",
            "Middle East and North Africa Financial Action Task Force",
        ),
    ],
)
def test_reporters_behind_a_noun_phrase(text: str, reporter: str) -> None:
    found = figures(text, "afghanistan")
    assert {m.reported_by for m in found} == {reporter}


# ------------------------------------------------------------------------ years


def test_a_cost_estimated_for_a_study_has_no_reporter() -> None:
    """ "estimated to cost" is a participle, not the study's report."""
    text = "INL's planned independent evaluation, estimated to cost $1.5 million, had not begun."
    assert fig(text, 1500000).reported_by is None


def test_an_auditor_reports_what_its_audit_saw() -> None:
    text = (
        "GAO Highlights\n\nThe U.S. Government Accountability Office (GAO) reviewed the "
        "program. GAO observed 140 of the program's 150 vehicles in use. Of the 27 projects GAO "
        "reviewed, 11 had no performance indicators. INL reviewed 12 training plans.\n"
    )
    reporters = {m.value: m.reported_by for m in figures(text, name="gao-x")}
    gao = "U.S. Government Accountability Office"
    assert reporters[Decimal(140)] == reporters[Decimal(27)] == reporters[Decimal(11)] == gao
    assert reporters[Decimal(12)] is None  # an agency reviewing its own plans reports nothing


def test_the_figures_own_year_beats_the_sentence_opening_year() -> None:
    m = fig("In 2009, the ministry reported that in 2008 it had destroyed 5,480 hectares.", 5480)
    assert m.year == 2008
    m = fig("In 2011, seizures reached 300 kilograms, up from 120 kilograms in 2010.", 120)
    assert m.year == 2010
    # the opening year still holds where the clause names none
    assert fig("In 2011, seizures reached 300 kilograms.", 300).year == 2011


@pytest.mark.parametrize("when", ["mid-2016", "early 2016", "late 2016", "mid 2016"])
def test_mid_early_late_years(when: str) -> None:
    assert fig(f"Eradication reached 4,000 hectares in {when}.", 4000).year == 2016


def test_fiscal_year_in_capitals_and_the_year_a_change_is_measured_against() -> None:
    assert fig("Customs seized about 14,700 pounds in Fiscal Year 2022.", 14700).year == 2022
    # "than in 2005" is the baseline, not the figure's year: with no year of its own, the
    # change is of the year after it (the comparison is year on year)
    assert fig("Police seized 38 percent more cocaine than in 2005.", 38).year == 2006
    assert fig("In 2006, police seized 38 percent more cocaine than in 2005.", 38).year == 2006


def test_a_year_carried_into_the_next_clause() -> None:
    text = "Police seized 2,000 kilograms of heroin in 2014. This represents a 40 percent increase."
    assert fig(text, 40).year == 2014
    text = "The courts opened in 2012, at which time 350 cases were pending."
    assert fig(text, 350).year == 2012
    # a sentence that does not refer back keeps no year
    text = "Police seized 2,000 kilograms of heroin in 2014. Courts handled 40 cases."
    assert fig(text, 40).year is None


def test_a_multiple_of_an_earlier_years_level_is_of_the_figure_it_multiplies() -> None:
    """ "287 defendants in 2021, nearly three times as many as in 2018": the multiple is of
    2021; alone in its sentence, of no year; a share of a year's whole keeps that year."""
    text = "The PJS tried 287 defendants in 2021, nearly three times as many as in 2018."
    assert fig(text, 3).year == 2021
    text = "Seizures were nearly three times as many as in 2018."
    assert fig(text, 3).year is None
    text = "Over half of the cases heard in 2022 ended in convictions."
    assert fig(text, 50).year == 2022


def test_a_courses_length_takes_the_documents_year_as_its_course_does() -> None:
    """A course's length in a dated speech's "In March" sentence is of that year; a sentence
    length is not."""
    text = (
        "Remarks by the Charge d'Affaires\nBamako, June 14, 2021\n\nIn March, 26 BIS"
        " investigators completed an INL-funded 10-day course on crime scene management."
        " In May, courts handed down sentences of up to 15 years."
    )
    assert (fig(text, 10, "x").year, fig(text, 15, "x").year) == (2021, None)


def test_an_opening_year_after_an_adverb_or_of_a_fiscal_years_program() -> None:
    """ "Also in FY 2023, ..." and "Under the FY 2022 APS, ..." date their whole sentence."""
    text = (
        "Also in FY 2023, INL-funded instructors trained more than 2,300 officers, and FESCCO"
        " obtained 146 convictions."
    )
    assert (fig(text, 2300).year, fig(text, 146).year) == (2023, 2023)
    text = "Under the FY 2022 APS, INL made 11 awards that reached more than 3,200 people."
    assert (fig(text, 11).year, fig(text, 3200).year) == (2022, 2022)


def test_a_date_closing_a_clause_dates_its_earlier_figures() -> None:
    """A year written at the end of a clause dates every figure of the clause before it, not
    across a contrast or a comparison."""
    text = "INL funded a 12-week course for 30 prosecutors in 2019, and OTA is helping them."
    assert (fig(text, 12).year, fig(text, 30).year) == (2019, 2019)
    text = "Two analysts completed a six-week fellowship in Washington in 2006."
    assert fig(text, 2).year == 2006
    text = "The prison was built for 374 inmates but held up to 1,000 during 2012."
    assert fig(text, 374).year is None
    text = "Heroin seizures fell to 9 kilograms from 54 kilograms in 2019."
    assert fig(text, 9).year is None


def test_a_year_reaches_past_a_part_and_a_changes_base_year() -> None:
    """A year written after coordinated verbs dates the figure before a part of it; a figure
    run on past a change's base year, and the next item of its list, take the change's own
    year."""
    text = (
        "The bureau rescued 712 people, nearly two-thirds of them women, and arrested 138"
        " suspected traffickers in 2024."
    )
    assert fig(text, 712).year == 2024
    text = (
        "Investigators dismantled 47 laboratories in 2023, up 38 percent from 2022, and seized"
        " over 1.2 metric tons of synthetic drugs and 31 metric tons of precursor chemicals."
    )
    assert (fig(text, "1.2").year, fig(text, 31).year) == (2023, 2023)
    # not past a base year that is no change's: "from 2022" of a level stays undated
    text = (
        "Investigators moved to a new building in 2023, and trained 40 analysts. Seizures came"
        " from 2022, and 31 metric tons were burned."
    )
    assert fig(text, 31).year is None


INCSR = """Belize

I. Summary

Belize is a transit country with a 266-kilometer land border with Mexico and more than 200 cays.

II. Status of Country

The Belize Police Department (BPD) has a 40-member anti-drug unit. Police seized 1,450 kilograms \
of cocaine and arrested 618 suspects. Seizures fell by 31 percent. INL funded a 16-week course.

III. Country Actions Against Drugs in 2014

INL donated four interceptor boats to the Belize Coast Guard (BCG).
"""


def test_an_incsr_chapter_dates_its_events_by_the_year_under_report() -> None:
    """Events told in the simple past are of the year the chapter reports on, a course's length
    as its course; standing facts in the present and a unit's size are of no year."""
    years = {m.span.quote: m.year for m in figures(INCSR, name="belize")}
    assert years["1,450 kilograms of cocaine"] == 2014
    assert years["618 suspects"] == 2014
    assert years["31 percent"] == 2014
    assert years["four interceptor boats"] == 2014
    assert years["266-kilometer"] is None
    assert years["more than 200 cays"] is None
    assert years["40-member"] is None
    assert years["16-week"] == 2014  # "INL funded a 16-week course"


def test_an_incsr_chapters_standing_facts_stay_undated_beside_an_event() -> None:
    """A present state the figure is the object of ("The DPSD has about 450 officers") and a
    sentence whose only "-ed" words describe ("unlicensed money changers") are of no year,
    even in a chapter that dates its events."""
    text = INCSR.replace(
        "INL donated four",
        "Belize has 28 licensed exchange houses, but unlicensed money changers operate openly. "
        "The DPSD has about 450 officers and opened a new brigade in Orange Walk. INL donated "
        "four",
    )
    years = {m.span.quote: m.year for m in figures(text, name="belize")}
    assert years["28 licensed exchange houses"] is None
    assert years["about 450 officers"] is None
    assert years["four interceptor boats"] == 2014


# ------------------------------------------------------------------------ credited agency


SHEET = """Kenya: INL Program Overview
The Bureau of International Narcotics and Law Enforcement Affairs (INL) supports police reform in
Kenya.

INL Accomplishments
• Trained 450 police officers in community policing and crime scene management.
• Donated 30 motorcycles and 12 radios to county commanders.
• A 6-week course for 25 investigators began in May 2022.
• Police seized 1.2 metric tons of heroin at the port.
• In 1989, the country had 2,000 police officers.

Background
Kenya has 47 counties.
"""


def test_outputs_under_the_accomplishments_heading_are_the_lead_agencys() -> None:
    by_value = {m.value: m for m in figures(SHEET)}
    for v in (450, 30, 12, 6, 25):
        assert by_value[Decimal(v)].agency == "INL", v
    # enforcement results, baselines and context are nobody's work
    assert by_value[Decimal("1.2")].agency is None
    assert by_value[Decimal(2000)].agency is None
    assert by_value[Decimal(2000)].year == 1989
    assert by_value[Decimal(47)].agency is None


PARTNERS = """Paraguay: INL Program Overview
The Bureau of International Narcotics and Law Enforcement Affairs (INL) supports Paraguay's \
National Anti-Drug Secretariat (SENAD).

In 2019 alone, SENAD eradicated 1,520 hectares of marijuana and made 212 arrests.
The United Nations Multidimensional Integrated Stabilization Mission (MINUSMA) recorded 600 \
violent incidents in 2018.
The Paraguayan National Police (PNP) fields an estimated 14,000 officers.
The Armed Forces of the People (EPP) earned an estimated $5 million from kidnapping.
"""


def test_a_partners_own_work_is_credited_to_the_partner() -> None:
    """The organization acting in the figure's clause is the agency credited with the work
    (the corpus README's definition), also with an irregular verb ("made"); a record, a state
    ("fields") and an armed group's takings credit no one."""
    by_value = {m.value: m.agency for m in figures(PARTNERS, name="paraguay")}
    assert by_value[Decimal(1520)] == "SENAD"
    assert by_value[Decimal(212)] == "SENAD"
    assert by_value[Decimal(600)] is None
    assert by_value[Decimal(14000)] is None
    assert by_value[Decimal(5000000)] is None


CHAPTER = """Peru
I. Summary
The Government of Peru (GOP) cooperates closely with the Bureau of International Narcotics and \
Law Enforcement Affairs (INL).

II. Country Actions Against Drugs in 2020
In 2020, Peru extradited 11 fugitives to the United States. Authorities also seized 3.2 \
metric tons of marijuana. Peru shares a 1,500-kilometer border with Colombia. INCLE funds pay \
salary supplements for some 350 officers of the Peruvian National Police (PNP).
"""


def test_generic_subjects_and_the_bureaus_account() -> None:
    """ "Peru extradited" and "Authorities seized" are the host government's work; sharing a
    border is no one's; "INCLE funds pay" credits the bureau whose account INCLE is."""
    facts = facts_of(CHAPTER, name="peru-incsr-2021")
    by_value = {m.value: m.agency for m in facts.measurements}
    assert by_value[Decimal(11)] == "Government of Peru"
    assert by_value[Decimal("3.2")] == "Government of Peru"
    assert by_value[Decimal(1500)] is None
    assert by_value[Decimal(350)] == "INL"


PROGRAM_PAGE = """Niger: INL Program Overview
The Bureau of International Narcotics and Law Enforcement Affairs (INL) supports the police.

Police Development
• Trained 850 police officers in crime scene management.
• With IOM, built or rehabilitated four border posts on the northern border.
• The National Guard seized 3 metric tons of cannabis.

Performance
Officers certified in community policing: baseline 310; target 2,500; actual 2,870.
For fiscal year 2021, INL requests $13 million for Niger, a reduction of about 11 percent from \
the FY 2020 level.
"""


def test_list_items_indicators_and_funding_changes_are_the_programs() -> None:
    """On a program's page a list item that says what was done without a subject, a performance
    indicator's baseline, target and result, and a funding level's change from another year's
    are the lead agency's; a list item whose partner acts is not."""
    by_value = {m.value: m.agency for m in figures(PROGRAM_PAGE, name="niger")}
    for v in (850, 4, 310, 2500, 2870, 11):
        assert by_value[Decimal(v)] == "INL", v
    assert by_value[Decimal(3)] == "National Guard"


TESTIMONY = """Testimony of the Deputy Assistant Secretary, Bureau of International Narcotics and \
Law Enforcement Affairs (INL), before the House Foreign Affairs Committee, 2019

Since 2016, we have built 9 border posts in the Tillaberi Region, and trained 640 police \
officers in border and investigative skills.
"""


def test_a_second_verb_of_the_same_subject_keeps_it() -> None:
    """A second verb after ", and" ("and trained 640") keeps the subject of the first."""
    by_value = {m.value: m.agency for m in figures(TESTIMONY, name="niger-testimony-2019")}
    assert by_value[Decimal(9)] == "INL"
    assert by_value[Decimal(640)] == "INL"


RELEASE = """U.S. Embassy Dakar
Press Release
March 3, 2023

United States Donates Vehicles to Senegal's Gendarmerie

The U.S. Department of State's Bureau of International Narcotics and Law Enforcement Affairs \
(INL) today donated equipment to the National Gendarmerie. The donation includes 12 \
four-wheel-drive vehicles and 30 motorcycles for border posts. Gendarmes seized 2 metric tons \
of cannabis in 2022.
"""


def test_a_press_release_announces_the_lead_agencys_assistance() -> None:
    """What a release announces (the items donated) is the lead agency's work even where the
    sentence does not name it; a partner's enforcement results are not."""
    by_value = {m.value: m for m in figures(RELEASE, name="senegal-press-release")}
    assert by_value[Decimal(12)].agency == "INL"
    assert by_value[Decimal(30)].agency == "INL"
    assert by_value[Decimal(2)].agency is None


# ------------------------------------------------------------------------ places


@pytest.mark.parametrize(
    "text",
    [
        "Morocco. The Colombo Plan certified 120 counselors serving clinics in Casablanca, "
        "Tetouan and Oujda.",
        "Moldova. The team visited 11 sites in Chisinau, Balti, Cahul and Gagauzia.",
    ],
)
def test_one_of_several_places_listed_is_not_the_figures_place(text: str) -> None:
    """A list of places (some unknown to the gazetteer) leaves the program's country."""
    country = text.split(".")[0]
    [m] = figures(text, name=country.lower())
    assert m.place == country


def test_of_the_countries_a_title_names_the_most_named_is_the_programs() -> None:
    """A topic in the title ("UKRAINE BORDER SECURITY") gives way to the country the title
    also names and the text names most."""
    text = (
        "GAO Highlights\n\nUKRAINE BORDER SECURITY\nState Should Strengthen Oversight of"
        " Equipment Provided to Poland\n\nSince Russia's invasion of Ukraine, Poland has"
        " recorded many crossings at its border with Ukraine and become a hub for aid to"
        " Ukraine. INL allocated $38.6 million to Poland. GAO visited Poland. INL trained 300"
        " officers."
    )
    [m] = [m for m in figures(text, "x") if m.value == 300]
    assert m.place == "Poland"


def test_a_country_inside_a_citys_name_is_no_place_of_its_own() -> None:
    """ "Spain" in "Port of Spain" neither names Spain nor makes it the program's country."""
    text = (
        "U.S. Embassy Port of Spain\n15 Queen's Park West, Port of Spain, Trinidad and"
        " Tobago\n\nPRESS RELEASE\n\nThe United States today handed over three interceptor"
        " boats to the Coast Guard of Trinidad and Tobago. INL trained 16 Coast Guard"
        " coxswains."
    )
    [m] = [m for m in figures(text, "x") if m.value == 16]
    assert m.place == "Trinidad and Tobago"


def test_a_further_act_after_a_comma_does_not_take_the_place_before_it() -> None:
    """ "will provide cameras to units at the Siret crossing, train up to 250 officers, and
    support two teams on the Danube in Tulcea County": the officers are not at Siret."""
    text = (
        "INCLE funds will provide 14 cameras to Border Police units at the Siret crossing,"
        " train up to 250 Border Police officers in explosives detection, and support two"
        " interdiction teams in Tulcea County."
    )
    found = {m.value: m.place for m in figures(text, "romania")}
    assert found[Decimal(14)] == "Siret crossing"
    assert found[Decimal(250)] == "Romania"
    assert found[Decimal(2)] == "Tulcea County"


def test_a_five_word_airport_is_the_place() -> None:
    text = (
        "Suriname. The Military Police at Johan Adolf Pengel International Airport intercepted "
        "71 drug couriers."
    )
    assert fig(text, 71, "suriname").place == "Johan Adolf Pengel International Airport"


def test_democratic_republic_of_congo_is_not_the_republic() -> None:
    m = fig("INL trained 300 police officers in the Democratic Republic of Congo.", 300, "drc")
    assert m.place == "Democratic Republic of Congo"
    facts = facts_of("INL trained 300 police officers in the Democratic Republic of Congo.", "drc")
    assert [(p.name, p.code) for p in facts.places] == [("Democratic Republic of Congo", "CD")]


def test_a_global_figure_has_no_country() -> None:
    m = fig("Worldwide, an estimated 275 million people used drugs in 2016.", 275_000_000)
    assert (m.place, m.qualifier, m.year) == (None, Qualifier.ABOUT, 2016)
    m = fig("The world's cocaine output reached 1,976 metric tons.", 1976)
    assert m.place is None


# ------------------------------------------------------------------------ organizations


def test_an_embassy_is_named_with_its_post() -> None:
    text = (
        "U.S. Embassy Maputo\n\nPEMBA - The U.S. Embassy in Maputo today celebrated the "
        "graduation of 64 officers. Contact the U.S. Embassy Press Office."
    )
    orgs = extract(Document(name="mz", text=text)).organizations
    embassy = next(o for o in orgs if o.name == "U.S. Embassy in Maputo")
    assert {"U.S. Embassy", "U.S. Embassy Maputo"} <= set(embassy.aliases)
    assert "U.S. Embassy Press Office" not in embassy.aliases


@pytest.mark.parametrize(
    ("name", "country", "demonym"),
    [
        ("iceland", "Iceland", "Icelandic"),
        ("guinea-bissau", "Guinea-Bissau", "Bissau-Guinean"),
        ("portugal", "Portugal", "Portuguese"),
        ("slovakia", "Slovakia", "Slovak"),
    ],
)
def test_a_countrys_authorities_by_its_demonym_are_its_government(
    name: str, country: str, demonym: str
) -> None:
    """ "Icelandic authorities arrested 12 couriers" in an Iceland sheet: the Government of
    Iceland did it."""
    text = f"{country}: INL Programs\n\n{demonym} authorities arrested 12 couriers."
    facts = extract(Document(name=name, text=text))
    assert [m.agency for m in facts.measurements] == [f"Government of {country}"]


def test_an_acronym_with_a_hyphenated_word_defines_the_whole_name() -> None:
    text = "Ships working with Joint Interagency Task Force South (JIATF-South) helped."
    orgs = {o.name: o.aliases for o in extract(Document(name="co", text=text)).organizations}
    assert orgs == {"Joint Interagency Task Force South": ("JIATF-South",)}


def test_a_number_word_before_a_name_counts_what_follows_the_name() -> None:
    """ "Sixty Lesotho Correctional Service officers": sixty officers of the Service, not a
    body named "Sixty ..."; "Five Eyes" stays a name's part."""
    text = (
        "Sixty Lesotho Correctional Service officers graduated. The Five Eyes Law Enforcement"
        " Group met."
    )
    facts = extract(Document(name="ls", text=text))
    assert {o.name for o in facts.organizations} == {
        "Lesotho Correctional Service",
        "Five Eyes Law Enforcement Group",
    }
    assert [(m.value, m.counted) for m in facts.measurements] == [(Decimal(60), "officer")]


def test_a_consulate_is_named_with_its_post() -> None:
    text = "The U.S. Consulate General in Ho Chi Minh City today handed over equipment."
    orgs = {o.name: o.kind for o in extract(Document(name="vn", text=text)).organizations}
    assert orgs == {"U.S. Consulate General in Ho Chi Minh City": OrgKind.US_GOVERNMENT}


def test_names_defined_by_an_acronym_of_another_language() -> None:
    """A name with "Against" in title case, or headed by "Prefecture", defined by an acronym
    of its name in Spanish, is an organization."""
    text = (
        "INL works with the National Commission Against the Illicit Use of Drugs (CONACUID)."
        " INL donated boats to the Argentine Naval Prefecture (PNA) in 2021."
    )
    orgs = {o.name: o.aliases for o in extract(Document(name="ve", text=text)).organizations}
    assert "CONACUID" in orgs["National Commission Against the Illicit Use of Drugs"]
    assert "PNA" in orgs["Argentine Naval Prefecture"]


def test_an_embassys_post_may_hold_a_small_word() -> None:
    text = "U.S. Embassy Port of Spain\n\nThe U.S. Embassy in Port of Spain trained 40 officers."
    names = {o.name for o in extract(Document(name="tt", text=text)).organizations}
    assert "U.S. Embassy in Port of Spain" in names and "U.S. Embassy in Port" not in names


def test_the_house_and_its_subcommittees_are_us_government() -> None:
    text = (
        "Testimony before the Subcommittee on the Western Hemisphere\n"
        "U.S. House of Representatives\n\nLast year INL trained 300 police officers."
    )
    kinds = {o.name: o.kind for o in extract(Document(name="t", text=text)).organizations}
    assert kinds["U.S. House of Representatives"] == OrgKind.US_GOVERNMENT
    assert kinds["Subcommittee on the Western Hemisphere"] == OrgKind.US_GOVERNMENT


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Nigeria Customs Service", OrgKind.PARTNER_GOVERNMENT),
        ("Financial Intelligence Unit", OrgKind.PARTNER_GOVERNMENT),
        ("Customs Police", OrgKind.SECURITY_FORCE),
        ("Egmont Group", OrgKind.INTERNATIONAL),
        ("State Department", OrgKind.US_GOVERNMENT),
        ("Meridian Evaluation Group", OrgKind.OTHER),
        ("Regional Security System", OrgKind.INTERNATIONAL),
        ("INL Office of Aviation", OrgKind.US_GOVERNMENT),
    ],
)
def test_kinds_of_agencies_that_are_not_forces(name: str, kind: OrgKind) -> None:
    """Customs services and financial intelligence units are agencies of a government, as the
    gold files mostly record them; a unit of police stays a force."""
    text = f"Nigeria\n\nThe {name} received 12 computers from INL.\n"
    kinds = {o.name: o.kind for o in extract(Document(name="ng", text=text)).organizations}
    assert kinds[name] == kind


@pytest.mark.parametrize("acronym", ["MS-13", "MS-99"])
def test_a_gang_is_an_armed_group_whatever_its_acronym(acronym: str) -> None:
    """The kind of a name does not depend on the acronym beside it: one organization, one kind
    across a corpus (the quality rule organization-with-several-kinds rejects a build otherwise)."""
    text = f"Ghana\n\nMara Salvatrucha ({acronym}) is active in 53 of Ghana's 62 districts.\n"
    kinds = {o.name: o.kind for o in extract(Document(name="gh", text=text)).organizations}
    assert kinds["Mara Salvatrucha"] == OrgKind.ARMED_GROUP


def test_an_embassy_section_is_a_us_government_body_and_a_law_section_is_not() -> None:
    text = (
        "Haiti. The remaining $2 million will cover oversight costs of the Narcotics Affairs "
        "Section in Port-au-Prince. Section 1207 of the act allowed 3 transfers."
    )
    orgs = extract(Document(name="ht", text=text)).organizations
    kinds = {o.name: o.kind for o in orgs}
    assert kinds["Narcotics Affairs Section"] == OrgKind.US_GOVERNMENT
    assert not any(name.startswith("Section") for name in kinds)


def test_a_committee_named_for_a_list_takes_the_whole_list() -> None:
    text = (
        "Highlights of GAO-13-482, a report to the Subcommittee on State, Foreign Operations, "
        "and Related Programs, Committee on Appropriations, U.S. Senate\n\nINL spent $5 million."
    )
    orgs = extract(Document(name="g", text=text)).organizations
    names = {o.name for o in orgs}
    assert "Subcommittee on State, Foreign Operations, and Related Programs" in names
    # named with its chamber, its own name an alias
    assert "Committee on Appropriations" in {a for o in orgs for a in o.aliases}
    assert "Committee on Appropriations, U.S. Senate" in names
    assert "Subcommittee on State" not in names


def test_a_title_case_headline_is_no_organization() -> None:
    text = (
        "What GAO Found\nState Has Expanded Police Training but Lacks Measures\n\n"
        "INL trained 300 officers of the Tunisian National Police."
    )
    names = {o.name for o in extract(Document(name="g", text=text)).organizations}
    assert not any(name.startswith("State Has") for name in names)
    assert "Tunisian National Police" in names


def test_a_capitalized_partnership_or_pilot_is_a_program_without_its_runner() -> None:
    text = (
        "INL's assistance to Panama is part of the Department of State's Isthmus Citizen "
        "Security Partnership (ICSP). INL also funds the Colon Community Policing Pilot, "
        "and its strong partnership with the police trained 40 officers."
    )
    facts = extract(Document(name="pa", text=text))
    names = {p.name for p in facts.programs}
    assert names == {"Isthmus Citizen Security Partnership", "Colon Community Policing Pilot"}


def test_an_acronym_used_bare_is_an_organization() -> None:
    text = "INL works with the KPS on border security. The KPS received 40 radios."
    assert "KPS" in org_names(text)
    # funding accounts and units are not
    assert "INCLE" not in org_names("The INCLE account paid for it. The INCLE funds grew.")


def test_congress_and_heads_without_definition() -> None:
    names = org_names("Congress appropriated $15 million for the program in 2019.")
    assert "Congress" in names
    names = org_names("The National Drug Observatory reported 1,200 overdoses in 2021.")
    assert "National Drug Observatory" in names
    assert "Peruvian Congress" in org_names("The Peruvian Congress passed the law.", "peru")


def test_spaced_us_government_is_the_us_government() -> None:
    facts = facts_of("The U. S. government supports the reform of the judiciary.")
    assert any(o.kind.value == "us-government" for o in facts.organizations)


def test_a_description_in_title_case_is_not_a_name() -> None:
    names = org_names("INL funds a Community Policing Partnership Team in each district.")
    assert "Community Policing Partnership Team" not in names


# ------------------------------------------------------------------------ budget tables


BUDGET = """Kenya Budget Justification
($ in thousands)
Account      FY 2019 Actual   FY 2020 Estimate   FY 2021 Request
INCLE        12,500           13,000             11,250
ESF          4,000            4,200              3,900

The request supports police reform and border security in all of Kenya's counties.
INL trained 300 police officers.
"""


def test_budget_table_amounts_are_thousands_of_dollars_by_fiscal_year() -> None:
    found = figures(BUDGET)
    table = [(m.value, m.unit, m.year, m.fiscal) for m in found if m.unit == "usd"]
    assert table == [
        (Decimal(12_500_000), "usd", 2019, True),
        (Decimal(13_000_000), "usd", 2020, True),
        (Decimal(11_250_000), "usd", 2021, True),
        (Decimal(4_000_000), "usd", 2019, True),
        (Decimal(4_200_000), "usd", 2020, True),
        (Decimal(3_900_000), "usd", 2021, True),
    ]
    for m in found:
        assert BUDGET[m.span.start : m.span.end] == m.span.quote
    # prose after the table is read as prose
    assert any(m.value == 300 and m.counted == "police officer" for m in found)


ACCOUNTS = """Kenya
Programs are carried out by the Department of State (INL) and the U.S. Agency for \
International Development (USAID).

($ in thousands)                                       FY 2013     FY 2014     FY 2015
TOTAL                                                    2,000       2,100       2,200
International Narcotics Control and Law Enforcement     1,500       1,600       1,700
Economic Support Fund                                      500         500         500

The request supports police reform in all of Kenya's counties.
"""


def test_a_budget_table_row_is_the_agency_managing_its_account() -> None:
    """INCLE is INL's, ESF USAID's; the total of two agencies' accounts is no one's."""
    by_value = {m.value: m.agency for m in figures(ACCOUNTS)}
    assert by_value[Decimal(1_600_000)] == "INL"
    assert by_value[Decimal(500_000)] == "USAID"
    assert by_value[Decimal(2_100_000)] is None
    # a table of one agency's account: its total is that agency's too
    one = ACCOUNTS.replace("Economic Support Fund     ", "Program Development and Support")
    by_value = {m.value: m.agency for m in figures(one)}
    assert by_value[Decimal(2_100_000)] == "INL"


def test_a_statistics_table_with_its_unit_in_the_title_and_a_change_column() -> None:
    """Rows under "Substance  2017  2018  Change, %" take the unit the table's title names
    ("(kg)"), each year's cell its year, and the signed last cell is a percent change."""
    text = (
        "Tajikistan\n\nThe Agency seized drugs with INL-supplied equipment.\n\n"
        "Table 4.1. Seizures by Agency units, 2017-2018 (kg)\n\n"
        "Substance        2017        2018        Change, %\n"
        "Heroin          206.3       188.5           -8.6\n"
        "Hashish         512.9       744.1          +45.1\n"
    )
    found = {m.span.quote: (m.value, m.unit, m.year, m.change) for m in figures(text, "tj")}
    assert found["206.3"] == (Decimal("206.3"), "kilogram", 2017, None)
    assert found["744.1"] == (Decimal("744.1"), "kilogram", 2018, None)
    assert found["-8.6"] == (Decimal("8.6"), "percent", 2018, Change.DECREASE)
    assert found["+45.1"] == (Decimal("45.1"), "percent", 2018, Change.INCREASE)


def test_an_indicators_table_by_fiscal_year_takes_the_indicators_unit() -> None:
    """Cells under "FY 2018  FY 2019  FY 2019" over "Actual  Target  Actual" are of their
    columns' fiscal years, counting what the indicator's label above counts."""
    text = (
        "El Salvador\n\nPERFORMANCE INDICATORS\n\n"
        "Indicator PS.5.2-14: Number of host government law enforcement officials trained\n"
        "Indicator Type: Output    Unit of Measure: Number\n\n"
        "                  FY 2018    FY 2019    FY 2019\n"
        "                   Actual     Target     Actual\n"
        "Total               1,486      1,500      1,732\n"
    )
    found = {m.span.quote: (m.unit, m.counted, m.year) for m in figures(text, "sv")}
    assert found["1,486"] == ("count", "official", 2018)
    assert found["1,732"] == ("count", "official", 2019)


def test_a_table_in_millions_of_dollars() -> None:
    text = (
        "Libya\n\nINCLE Allocations for Libya, Fiscal Years 2012-2014 (dollars in millions)\n"
        "Fiscal year 2012:  8.0\nFiscal year 2013: 20.4\n\nINL trained 40 officers.\n"
    )
    found = [(m.value, m.unit, m.year) for m in figures(text, name="libya") if m.unit == "usd"]
    assert found == [(Decimal(8_000_000), "usd", 2012), (Decimal(20_400_000), "usd", 2013)]


def test_indicator_values_under_an_indicator_line() -> None:
    """The label on the line above says what the values count; each value takes the fiscal
    year named nearest before it on its line."""
    text = (
        "Indicator: Number of SSNPS personnel completing INL-funded basic training.\n"
        "FY 2011 target: 2,000; FY 2011 result: 1,864; FY 2012 target: 2,500.\n"
    )
    assert [(m.value, m.counted, m.year) for m in figures(text)] == [
        (Decimal(2000), "person", 2011),
        (Decimal(1864), "person", 2011),
        (Decimal(2500), "person", 2012),
    ]


def test_the_number_of_things_that_rose_counts_the_things() -> None:
    text = (
        "CONASUR reports that the number of internally displaced persons rose from 87,000 in "
        "January 2019 to over 765,000 in February 2020."
    )
    assert [(m.value, m.counted) for m in figures(text)] == [
        (Decimal(87000), "person"),
        (Decimal(765000), "person"),
    ]


def test_budget_lines_naming_their_year() -> None:
    text = "Funding (dollars in thousands)\nFY 2019 Actual: 12,500\nFY 2020 Enacted: 13,000\n"
    assert [(m.value, m.year) for m in figures(text)] == [
        (Decimal(12_500_000), 2019),
        (Decimal(13_000_000), 2020),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "($ in thousands)   FY 2011 Actual   FY 2012 Estimate   FY 2013 Request"
        "   Increase / Decrease",
        "Budget ($000)\n\n              FY 2011     FY 2012     FY 2013     Increase/\n"
        "               Actual    Estimate     Request    (Decrease)",
    ],
)
def test_a_change_column_after_the_fiscal_years_is_the_change(header: str) -> None:
    text = (
        f"Kenya\n\n{header}\nINCLE         1,640       1,515       1,230        -285\n"
        "ESF           1,500       1,350       1,480        (130)\n"
        "Training            400         410         437          27\n\n"
        "The request supports police reform in all of Kenya's counties.\n"
    )
    rows = [(m.span.quote, m.value, m.year, m.change) for m in figures(text)]
    assert rows == [
        ("1,640", Decimal(1_640_000), 2011, None),
        ("1,515", Decimal(1_515_000), 2012, None),
        ("1,230", Decimal(1_230_000), 2013, None),
        ("-285", Decimal(285_000), 2013, Change.DECREASE),
        ("1,500", Decimal(1_500_000), 2011, None),
        ("1,350", Decimal(1_350_000), 2012, None),
        ("1,480", Decimal(1_480_000), 2013, None),
        ("(130)", Decimal(130_000), 2013, Change.DECREASE),
        ("400", Decimal(400_000), 2011, None),
        ("410", Decimal(410_000), 2012, None),
        ("437", Decimal(437_000), 2013, None),
        ("27", Decimal(27_000), 2013, Change.INCREASE),
    ]


def test_amounts_without_a_thousands_note_are_not_scaled() -> None:
    text = "FY 2019 Actual: $12,500 for supplies.\n"
    assert [m.value for m in figures(text)] == [Decimal(12_500)]


# ------------------------------------------------------------------------ PDF input


def _write_pdf(path: Path, pages: list[list[str]]) -> None:
    """A small PDF with one line of text per entry (matplotlib's PDF backend, no download)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path) as pdf:
        for lines in pages:
            figure = plt.figure(figsize=(8.5, 11))
            for i, line in enumerate(lines):
                figure.text(0.08, 0.92 - 0.04 * i, line, fontsize=10)
            pdf.savefig(figure)
            plt.close(figure)


def test_pdf_is_read_page_by_page_with_exact_spans(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    path = tmp_path / "kenya-report.pdf"
    _write_pdf(
        path,
        [
            ["Kenya: INL Program Overview", "INL trained more than 1,200 police officers in 2019."],
            ["INL donated 60 motorcycles to the National Police Service."],
        ],
    )
    doc = load_document(path)
    assert doc.name == "kenya-report"
    assert doc.text is not None and doc.text.count(PAGE_BREAK) == 1
    facts = extract_file(path)
    by_value = {m.value: m for m in facts.measurements}
    officers, bikes = by_value[Decimal(1200)], by_value[Decimal(60)]
    assert (officers.qualifier, officers.year, officers.agency) == (
        Qualifier.MORE_THAN,
        2019,
        "INL",
    )
    assert bikes.counted == "motorcycle"
    for m in facts.measurements:
        assert doc.text[m.span.start : m.span.end] == m.span.quote
    assert page_of(doc.text, officers.span.start) == 1
    assert page_of(doc.text, bikes.span.start) == 2


_WRAPPED_SHEET = """\
Kenya: INL Program Overview

The Bureau of International Narcotics and Law Enforcement Affairs (INL) works with the
National Police Service (NPS) and the Directorate of Criminal Investigations (DCI) to
counter drug trafficking along the coast. In 2019, INL trained more than 1,200 police
officers in Mombasa, and according to the NPS, heroin seizures at the port rose by 35
percent in 2020. INL also donated 60 motorcycles and 12 patrol boats to the Kenya Coast
Guard Service, which reported 40 maritime interdictions in its first year of operations.
"""


def test_a_hard_wrapped_sheet_reads_as_its_paragraphs() -> None:
    """PDF text and archived sheets break paragraphs into lines: the figures, their years,
    places and reporters are those of the same text unwrapped, and every span still quotes
    the wrapped text's own characters."""
    wrapped = _WRAPPED_SHEET * 2  # long enough to tell its wrapping
    flat = re.sub(r"(?<=\S)\n(?=\S)", " ", wrapped)
    assert len(flat) == len(wrapped)

    def summary(facts: DocumentFacts) -> list[tuple[object, ...]]:
        return [
            (m.value, m.unit, m.counted, m.qualifier, m.change, m.year, m.place, m.reported_by)
            for m in facts.measurements
        ]

    got, want = facts_of(wrapped), facts_of(flat)
    assert summary(got) == summary(want)
    assert (Decimal(35), 2020, "National Police Service") in {
        (m.value, m.year, m.reported_by) for m in got.measurements
    }
    assert {o.name for o in got.organizations} == {o.name for o in want.organizations}
    for m in got.measurements:
        assert wrapped[m.span.start : m.span.end] == m.span.quote
    for o in got.organizations:
        assert all(wrapped[sp.start : sp.end] == sp.quote for sp in o.mentions)
    assert got.document.text == wrapped


def test_a_pdfs_wrapped_lines_read_as_sentences(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    path = tmp_path / "kenya-overview.pdf"
    _write_pdf(path, [(_WRAPPED_SHEET * 2).splitlines()])
    doc = load_document(path)
    assert doc.text is not None
    facts = extract_file(path)
    rise = next(m for m in facts.measurements if m.value == 35)
    assert (rise.change, rise.year, rise.reported_by) == (
        Change.INCREASE,
        2020,
        "National Police Service",
    )
    for m in facts.measurements:
        assert doc.text[m.span.start : m.span.end] == m.span.quote


def test_a_text_of_unwrapped_paragraphs_is_read_as_it_is() -> None:
    text = "Kenya\n\nINL trained 300 officers.\nINL donated 60 motorcycles.\n" * 4
    assert reflowed(text) == text


def test_a_broken_pdf_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    with pytest.raises(KgError, match=r"broken\.pdf"):
        load_document(path)


@pytest.mark.parametrize(
    ("text", "value", "name", "place"),
    [
        (
            "Police seized 2,100 kilograms of cocaine at the port of Callao.",
            2100,
            "peru",
            "Port of Callao",
        ),
        ("INL trained 400 teachers in Mixco, Guatemala.", 400, "guatemala", "Mixco"),
        (
            "Customs seized 60 kilograms of heroin at Kotoka International Airport.",
            60,
            "ghana",
            "Kotoka International Airport",
        ),
        ("INL trained 50 officers in Crime Scene Investigation.", 50, "kenya", "Kenya"),
        ("INL trained 50 officers in English at the academy.", 50, "kenya", "Kenya"),
    ],
)
def test_named_places_from_locating_phrases(text: str, value: int, name: str, place: str) -> None:
    assert fig(text, value, name).place == place


def test_the_place_of_another_clause_is_not_the_figures() -> None:
    text = (
        "Police arrested 300 gang members in 2019, but violence remains concentrated in "
        "San Pedro Sula."
    )
    assert fig(text, 300, "honduras").place == "Honduras"
    text = "INL funded training for 900 police in Maputo and at provincial commands in Nampula."
    assert fig(text, 900, "mozambique").place == "Mozambique"
    text = "INL helped courts in Quezon City, where judges cleared 1,200 cases."
    assert fig(text, 1200, "philippines").place == "Quezon City"


def test_a_ceremonys_place_is_where_what_it_hands_over_is() -> None:
    """A handover's ceremony places what is handed over, past the commas between them; a place
    after a comma that no ceremony introduces does not."""
    text = (
        "INL today handed over two 9-meter boats, outboard engines and 40 sets of gear to the "
        "Fiji Police Force at a ceremony at the Walu Bay wharf in Suva."
    )
    assert fig(text, 40, "fiji").place == "Suva"
    text = "INL handed over two boats to the Fiji Police Force, which patrols from Suva."
    assert fig(text, 2, "fiji").place == "Fiji"


def test_the_program_countrys_name_opening_a_partners_is_not_the_place() -> None:
    """ "to the Sri Lanka Coast Guard at its base in Mirissa": the country's name that opens
    the partner's says no more than the program's country; the town the clause names is the
    place. In a regional document a country's name in a partner's is its place."""
    text = (
        "Sri Lanka\nCOLOMBO, March 9, 2023 - The United States today handed over two patrol "
        "boats worth USD 1.9 million to the Sri Lanka Coast Guard (SLCG) at the Coast Guard's "
        "base in Mirissa.\n"
    )
    assert fig(text, 1900000, "sri-lanka").place == "Mirissa"
    text = (
        "Caribbean Basin Security Initiative\nINL donated 12 vehicles worth $3.4 million to the "
        "Trinidad and Tobago Police Service.\n"
    )
    assert fig(text, 3400000, "cbsi").place == "Trinidad and Tobago"


def test_the_place_a_figures_own_phrase_names_beats_the_list_item_before() -> None:
    """ "... for Ukraine, $4.5 million for Moldova": Moldova; not a possessive whole ("80
    percent of Ghana's traffic") nor a name the place begins ("to the Cabo Verde Coast Guard")."""
    text = (
        "Testimony of Jane Doe\n\nThe budget requests $35.4 million for Ukraine, $4.5 million "
        "for Moldova, and $8.2 million for Kosovo.\n"
    )
    places = [m.place for m in figures(text, name="ukraine-moldova-kosovo-testimony")]
    assert places == ["Ukraine", "Moldova", "Kosovo"]
    text = "Sahel\n\nINL allocated $6.5 million for Mali and $4.8 million for Niger.\n"
    assert [m.place for m in figures(text, name="sahel-testimony")] == ["Mali", "Niger"]
    text = (
        "At the Port of Tema, which handles 80 percent of Ghana's container traffic, INL "
        "trained staff."
    )
    assert fig(text, 80, "ghana").place == "Port of Tema"


def test_police_as_a_head_counts_police_officers() -> None:
    m = fig("INL funded basic training for 2,100 police at the national academy.", 2100)
    assert m.counted == "police officer"
    assert fig("INL trained 300 police officers.", 300).counted == "police officer"
    assert fig("INL refurbished 12 police stations.", 12).counted == "police station"


@pytest.mark.parametrize(
    "phrase",
    [
        "at Headquarters",
        "in Interviewing Techniques",
        "in Leadership",
        "in Cybercrime",
        "in Operation Thunder",
        "in Dari and Pashto",
        "in Anti-Money Laundering",
    ],
)
def test_subjects_and_events_after_in_are_not_places(phrase: str) -> None:
    assert fig(f"INL trained 40 officers {phrase}.", 40).place == "Kenya"


def test_an_activity_runs_through_an_initialism() -> None:
    """ "U.S." inside a clause does not end the activity's description (it used to read "promotes
    the key U")."""
    from kg.extract import extract
    from kg.model import Document

    text = (
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) works in the "
        "country. INL promotes the key U.S. objective of border security. INL has exposed judges "
        "and police to U.S. practices.\n"
    )
    descriptions = [a.description for a in extract(Document(name="demo", text=text)).activities]
    assert any("U.S. objective of border security" in d for d in descriptions), descriptions
    assert any("to U.S. practices" in d for d in descriptions), descriptions


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("United States Donates $450,000 in Equipment to the Ghana Police Service.", "Ghana"),
        ("Police seized 3 MT of cocaine bound for the United States.", "Ghana"),
        ("About 89 percent of the cocaine seized in the United States came from abroad.",
         "United States"),
    ],
)  # fmt: skip
def test_the_donor_is_a_figures_place_only_when_it_happens_there(text: str, place: str) -> None:
    facts = extract(Document(name="ghana", text="INL works in Ghana. " + text))
    [m] = [m for m in facts.measurements if m.value >= 3]
    assert m.place == place


@pytest.mark.parametrize(
    ("text", "value", "change"),
    [
        ("Homicides fell by roughly one quarter in 2019.", 25, "decrease"),
        ("Public trust rose by only 6 percent.", 6, "increase"),
        ("Homicides declined an average of 38 percent.", 38, "decrease"),
        ("Cultivation has fallen by roughly 90 percent since 2012.", 90, "decrease"),
        ("Processing time was cut by half.", 50, "decrease"),
        ("Arrests fell by just 3 percent.", 3, "decrease"),
        ("Nine in ten shipments now pass inspection.", 90, None),
    ],
)
def test_changes_past_an_adverb_and_fractions_by_half_or_in_ten(
    text: str, value: int, change: str | None
) -> None:
    [m] = extract(Document(name="peru", text="INL works in Peru. " + text)).measurements
    assert (m.value, m.unit) == (value, "percent")
    assert (m.change.value if m.change else None) == change


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Trust in police stood at 52 percent (2022), against a target of 45.", 2022),
        ("INL had obligated about $2.6 million as of September 30, 2022.", 2022),
        ("The plan would lower that share to 70 percent by 2026.", 2026),
    ],
)
def test_a_figures_year_in_parentheses_after_a_dated_day_or_as_a_target(
    text: str, year: int
) -> None:
    facts = extract(Document(name="peru", text="INL works in Peru. " + text))
    assert facts.measurements[0].year == year


def test_the_part_of_a_possessive_whole_takes_its_noun() -> None:
    text = "INL works in Mexico. The section filled just 11 of its 17 monitoring positions."
    got = [(m.value, m.counted) for m in extract(Document(name="m", text=text)).measurements]
    assert got == [(11, "monitoring position"), (17, "monitoring position")]


def test_indicator_values_count_what_their_label_names() -> None:
    text = (
        "INL works in El Salvador.\n"
        "Indicator 2. PNC officers certified in community policing: baseline 0; target 2,500; "
        "actual 2,870.\nThe target for 2021 is 300 cases.\n"
    )
    got = [(m.value, m.counted) for m in extract(Document(name="sv", text=text)).measurements]
    assert got == [(0, "officer"), (2500, "officer"), (2870, "officer"), (300, "case")]


def test_pipe_tables_in_thousands_by_column_and_prose_years_are_not_amounts() -> None:
    text = (
        "Haiti\n\n($ in thousands)\n\n"
        "| Account | FY 2022 Actual | FY 2023 Estimate | FY 2024 Request | Increase / Decrease |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| INCLE | 14,500 | 16,000 | 17,250 | 1,250 |\n\n"
        "Overview: gangs have grown stronger and the police lost officers since January 2022.\n"
    )
    figs = [m for m in extract(Document(name="haiti", text=text)).measurements if m.unit == "usd"]
    assert [(m.value, m.year, m.change.value if m.change else None) for m in figs] == [
        (14500000, 2022, None),
        (16000000, 2023, None),
        (17250000, 2024, None),
        (1250000, 2024, "increase"),
    ]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Peru's national drug agency, DEVIDA, reports that cultivation fell.", "DEVIDA",
         "partner-government"),
        ("The project was implemented by the Fundación Cívica para la Seguridad (FCS).",
         "Fundación Cívica para la Seguridad", "other"),
        ("Prepared for the U.S. Department of State by an evaluation team.",
         "U.S. Department of State", "us-government"),
        ("Testimony before the House Foreign Affairs Subcommittee on the Western Hemisphere.",
         "House Foreign Affairs Subcommittee on the Western Hemisphere", "us-government"),
        ("The grant went to the Wildlife Conservation Society in Niassa.",
         "Wildlife Conservation Society", "other"),
        ("The evaluation was conducted by Halvorsen Evaluation Associates in 2021.",
         "Halvorsen Evaluation Associates", "other"),
    ],
)  # fmt: skip
def test_names_by_description_foreign_connectors_sections_and_their_kinds(
    text: str, name: str, kind: str
) -> None:
    facts = extract(Document(name="peru", text="INL works in Peru. " + text))
    org = facts.organization(name)
    assert org is not None, [o.name for o in facts.organizations]
    assert org.name == name and org.kind.value == kind


def test_an_activity_object_runs_through_decimals_initialisms_and_parentheses() -> None:
    text = (
        "INL works in Ghana. An INL-funded advisor from the U.S. Department of the Treasury's "
        "Office of Technical Assistance (OTA) is mentoring analysts. INL-supported CNU officers "
        "seized 1.6 million tablets in 2019."
    )
    got = [a.description for a in extract(Document(name="g", text=text)).activities]
    assert got[0] == (
        "funding of advisor from the U.S. Department of the Treasury's Office of Technical "
        "Assistance (OTA)"
    )
    assert any(d.startswith("support for CNU officers seized 1.6 million tablets") for d in got)


@pytest.mark.parametrize(
    ("text", "description", "beneficiary"),
    [
        ("With INL support, the Counter Narcotics Unit (CNU) trained 40 officers in 2019.",
         "the Counter Narcotics Unit (CNU) trained 40 officers in 2019", "Counter Narcotics Unit"),
        ("INL assistance has also helped establish a 250-strong Marine Police unit.",
         "helped establish a 250-strong Marine Police unit", "Marine Police"),
        ("Key accomplishments:\n• Training 1,800 PNC officers at the academy.\n",
         "Training 1,800 PNC officers at the academy", None),
    ],
)  # fmt: skip
def test_activities_caused_by_support_and_gerund_bullets_of_the_lead_agency(
    text: str, description: str, beneficiary: str | None
) -> None:
    facts = extract(Document(name="kenya", text="INL works in Kenya. " + text))
    [a] = facts.activities
    assert (a.actor, a.description, a.beneficiary) == ("INL", description, beneficiary)


def test_a_funding_account_is_no_organization_and_its_funds_are_the_bureaus() -> None:
    text = (
        "INL works in Georgia. International Narcotics Control and Law Enforcement (INCLE)\n"
        "FY 2020 INCLE funds of $3.2 million will support the MIA Academy's move to a new "
        "curriculum. The station was built with $640,000 in INCLE funds."
    )
    facts = extract(Document(name="ge", text=text))
    names = {o.name for o in facts.organizations} | {
        a for o in facts.organizations for a in o.aliases
    }
    assert not names & {"INCLE", "International Narcotics Control and Law Enforcement"}
    [a] = facts.activities  # the station's funds were spent on it: no activity of their own
    assert (a.actor, a.beneficiary) == ("INL", "MIA Academy")
    assert "will support" in a.description


def test_the_bureaus_mission_is_not_an_activity() -> None:
    text = (
        "The U.S. Department of State helps partner governments confront the crime that "
        "threatens U.S. citizens."
    )
    assert extract(Document(name="x", text=text)).activities == []


def test_a_budget_documents_narrative_amounts_are_its_request_years() -> None:
    text = (
        "Congressional Budget Justification\nFiscal Year 2024\n\nHaiti\n\n"
        "Funding of approximately $3.1 million will help the border police. Gangs grew "
        "stronger in 2022, when donors gave $1.2 million in 2022 for shelters.\n"
    )
    got = [(m.value, m.year) for m in extract(Document(name="cbj", text=text)).measurements]
    assert got == [(3100000, 2024), (1200000, 2022)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("INL trained 1,800 officers at the academy in Guatemala City.", "Guatemala City"),
        ("The army eradicated 5,868 hectares of coca – more than ever – and then entered "
         "the valley near Cobán.", "Guatemala"),
        ("INL built outposts in Petén Department and has delivered 12 vehicles to the police.",
         "Guatemala"),
    ],
)  # fmt: skip
def test_a_capital_city_and_clauses_after_a_dash_or_a_new_verb(text: str, place: str) -> None:
    facts = extract(Document(name="gt", text="INL works in Guatemala. " + text))
    [m] = [m for m in facts.measurements if m.value > 11]
    assert m.place == place


@pytest.mark.parametrize(
    ("country", "text", "reporter"),
    [
        ("Guatemala", "Guatemalan officials estimate that nine in ten shipments transit it.",
         "Government of Guatemala"),
        ("Laos", "The GoL estimates that between 40 and 55 percent of detainees are users.",
         "Government of Laos"),
    ],
)  # fmt: skip
def test_the_host_government_by_its_officials_or_initials_reports(
    country: str, text: str, reporter: str | None
) -> None:
    facts = extract(Document(name="x", text=f"INL works in {country}. {text}"))
    assert facts.measurements[0].reported_by == reporter


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("End-use checks were completed for fewer than half.", [(50, "less-than")]),
        ("Reviews covered more than half, as planned.", [(50, "more-than")]),
        ("Violence rose in the first half of 2023.", []),
        ("Engagement over the next three to five years matters.", []),
    ],
)
def test_half_at_a_clause_end_and_time_frames_with_ranges(
    text: str, expected: list[tuple[int, str]]
) -> None:
    facts = extract(Document(name="x", text="INL works in Peru. " + text))
    assert [(m.value, m.qualifier.value) for m in facts.measurements] == expected


@pytest.mark.parametrize(
    ("words", "value"),
    [("one hundred eighty", 180), ("two hundred and fifty", 250), ("nine hundred ninety-nine", 999),
     ("a hundred", 100), ("two hundred", 200)],
)  # fmt: skip
def test_hundreds_in_words(words: str, value: int) -> None:
    from kg.numbers import parse_number

    assert parse_number(words) == value
    text = f"INL works in Peru. {words.capitalize()} prison officials completed the course."
    [m] = extract(Document(name="p", text=text)).measurements
    assert (m.value, m.counted) == (value, "prison official")


def test_a_thousands_note_is_not_an_amount() -> None:
    text = "Haiti\n\nFunding ($000)\n\nINL provided $2.5 million to the police in 2020.\n"
    assert [m.value for m in extract(Document(name="h", text=text)).measurements] == [2500000]


def test_budget_table_lines_are_the_bureaus_funds() -> None:
    text = (
        "INL Program and Budget Guide\nCambodia\n\n($ in thousands)\n"
        "                          FY 2010 Actual   FY 2011 Estimate\n"
        "Counternarcotics                    450               600\n\n"
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) supports "
        "the police in Cambodia with training and equipment for border units.\n"
    )
    figs = extract(Document(name="kh", text=text)).measurements
    assert [(m.value, m.year, m.agency) for m in figs if m.unit == "usd"] == [
        (450000, 2010, "INL"),
        (600000, 2011, "INL"),
    ]


def test_a_size_between_a_count_and_its_noun_is_a_figure_too() -> None:
    text = "INL works in Ecuador. INL donated three 36-foot interceptor boats to the navy."
    figs = extract(Document(name="e", text=text)).measurements
    got = [(m.value, m.unit, m.counted) for m in figs]
    assert got == [(3, "count", "interceptor boat"), (36, "foot", None)]


@pytest.mark.parametrize(
    ("text", "counted", "change"),
    [
        ("Patrols in the sector increased by 300 between 2008 and 2009.", "patrol", "increase"),
        ("Trafficking cases rose to 1,236 in 2009.", "case", None),
        ("The number of officers fell by 45.", "officer", "decrease"),
    ],
)
def test_a_bare_number_after_a_change_verb_counts_what_changed(
    text: str, counted: str, change: str | None
) -> None:
    [m] = [m for m in extract(Document(name="x", text="INL works in Peru. " + text)).measurements
           if m.unit == "count"]  # fmt: skip
    assert (m.counted, m.change.value if m.change else None) == (counted, change)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Statement of Jane Roe\nTestimony before the Subcommittee\nJune 8, 2012\n\n"
         "Afghan courts tried 512 cases last year.", 2011),
        ("International Narcotics Control Strategy Report\nUpdated: March 1, 2004\n\nJamaica\n\n"
         "Police seized 1.8 metric tons of cocaine.", 2003),
        ("Press Release\nFor Immediate Release – March 3, 2022\n\n"
         "The embassy donated two DNA analyzers to the police.", 2022),
    ],
)  # fmt: skip
def test_the_documents_date_dates_its_undated_figures_by_genre(text: str, year: int) -> None:
    [m] = extract(Document(name="x", text=text)).measurements
    assert m.year == year


@pytest.mark.parametrize(
    ("sentence", "value", "year"),
    [
        # a state given as of the document's own date
        ("The Rwanda National Police now numbers an estimated 9,800 officers.", 9800, 2004),
        ("INL currently supports programs in more than 90 countries.", 90, 2004),
        ("Police set up a case tracking system, now used in all 4 district offices.", 4, 2004),
        # not a time frame that ends now
        ("Until now the unit had only 3 boats.", 3, None),
        # a clause of the year just named
        ("The fleet has shrunk since fiscal year 2014, when it numbered 112 aircraft.", 112,
         2014),
        # a year modifying the figure's own noun
        ("Alcohol was involved in about 60 percent of the 2003 cases.", 60, 2003),
        ("Attacks wounded 23 eradicators during the 2002 season.", 23, 2002),
    ],
)  # fmt: skip
def test_a_figures_year_from_now_a_when_clause_or_its_nouns_year(
    sentence: str, value: int, year: int | None
) -> None:
    assert _year_of("Updated: March 1, 2004\n\n" + sentence, value) == year


@pytest.mark.parametrize(
    ("sentence", "value", "year"),
    [
        # a running total over a time frame: not the release's own year
        ("Since 2022, INL has trained more than 150 officers and delivered radios worth over "
         "$1.2 million.", 150, None),
        ("The program has trained more than 400 police since 2016.", 400, None),
        # the day's own event beside a running total
        ("Today, 32 officers graduate from this course, the fourth INL has funded since 2021.",
         32, 2022),
        # the release's own event
        ("The embassy donated two DNA analyzers to the police.", 2, 2022),
    ],
)  # fmt: skip
def test_a_running_total_in_a_release_is_not_of_the_releases_year(
    sentence: str, value: int, year: int | None
) -> None:
    text = "Press Release\nFor Immediate Release – March 3, 2022\n\n" + sentence
    assert _year_of(text, value, name="x") == year


@pytest.mark.parametrize(
    ("sentence", "value", "year"),
    [
        # the extent of a place is a standing fact, not the year under report's
        ("Traffickers smuggled cocaine across Brazil's 16,886-kilometer land border.", 16886,
         None),
        ("The Coast Guard patrolled roughly 120 kilometers of coastline.", 120, None),
        ("Police opened a kennel 30 kilometers east of the capital.", 30, None),
        # an event's distance is the year's
        ("Police intercepted a boat 40 kilometers after a chase.", 40, 2003),
    ],
)  # fmt: skip
def test_the_extent_of_a_place_is_not_dated_by_the_year_under_report(
    sentence: str, value: int, year: int | None
) -> None:
    text = (
        "International Narcotics Control Strategy Report\nUpdated: March 1, 2004\n\nBrazil\n\n"
        + sentence
    )
    assert _year_of(text, value, name="x") == year


@pytest.mark.parametrize(
    ("sentence", "value", "year"),
    [
        # a fiscal year's amount named by its phrase, with a verb
        ("In FY 2002, INL obligated $8.4 million, and our FY 2004 request is $9.2 million.",
         "9.2e6", 2004),
        ("INL's FY 2003 budget for Haiti is $18.7 million.", "18.7e6", 2003),
        # a body's year before its total
        ("Police seized 97 kilograms, more than the ANB's 2001 total of 61 kilograms.", 61,
         2001),
        # a level as of now, however the earlier level is dated
        ("The police have grown from 6,500 officers in 2001 to more than 35,000 today.", 35000,
         2004),
        # the year of the poll a sentence opens with
        ("In a 2002 poll by the Center for Public Opinion Research, 64 percent of respondents "
         "said they felt less safe.", 64, 2002),
        # what a fiscal year's budget was
        ("The HNP's budget for fiscal year 2002 was 5.4 billion gourdes.", "5.4e9", 2002),
        # a clause opening with its own time after "yet"
        ("SIPA trained recruits, yet as of June 2002 SIPA had filled only 58 percent of its "
         "posts.", 58, 2002),
        # the figure's own "last year" beats the sentence's first relative year
        ("The unit has intercepted 41 smuggling attempts so far this year, up from 17 in all "
         "of last year.", 17, 2003),
    ],
)  # fmt: skip
def test_a_figures_year_from_its_own_phrase(sentence: str, value: int | str, year: int) -> None:
    text = "Statement of Jane Roe\nTestimony before the Subcommittee\nMarch 1, 2004\n\n" + sentence
    assert _year_of(text, value, name="x") == year


@pytest.mark.parametrize(
    ("sentence", "value", "year"),
    [
        ("Cocaine seized in Jamaica: 2.1 metric tons, up 62 percent from 1997.", "2.1", 1998),
        ("Cocaine seized in Jamaica: 2.1 metric tons, up 62 percent from 1997.", 62, 1998),
        ("Police froze assets worth $4.7 million, a 60 percent increase over 2006.", 60, 2007),
        ("Cocaine seizures were 36 percent higher than in 2003.", 36, 2004),
        ("The FIU received 87 reports, a decline of 12 percent from 2008.", 87, 2009),
        # the start of a period is no base year
        ("Seizures rose 40 percent from 2010 to 2014.", 40, 2014),
    ],
)
def test_a_change_against_a_year_is_of_the_year_after(
    sentence: str, value: int | str, year: int
) -> None:
    assert _year_of("INL works in Kenya. " + sentence, value) == year


@pytest.mark.parametrize(
    ("sentence", "value", "change"),
    [
        ("Cocaine seizures were 36 percent higher than in 2003.", 36, Change.INCREASE),
        ("Arrests were 14 percent lower than in 2022.", 14, Change.DECREASE),
        ("The unit seized 38 percent more than in 2005.", 38, Change.INCREASE),
        ("Traffickers made 22 percent fewer crossings than in 2022.", 22, Change.DECREASE),
        ("The FY 2017 request is $2.4 million below the FY 2016 level.", "2.4e6", Change.DECREASE),
        # an amount's comparative names what it is compared with; a share below a line is
        # no difference
        ("Each boat costs $25,000 more to maintain.", 25000, None),
        ("About 40 percent below the poverty line live in the north.", 40, None),
        # a comparison with another place, group or line is no change over time
        ("Seizures were 25 percent higher than in Narino.", 25, None),
        ("Homicide rates are 20 percent higher than the regional average.", 20, None),
        ("Prisons operate at 180 percent above capacity.", 180, None),
        ("Purity was 35 percent above the legal threshold.", 35, None),
        # ... but a sentence's own levels are: "to 139 in 2023, roughly one-third lower."
        (
            "The backlog fell from 212 in 2021 to 139 in 2023, roughly 34 percent lower.",
            34,
            Change.DECREASE,
        ),
        ("Seizures were 26 percent less than a year earlier.", 26, Change.DECREASE),
        ("Graduates were 10 percent fewer than planned.", 10, Change.DECREASE),
    ],
)
def test_a_figure_before_a_comparative_is_a_difference(
    sentence: str, value: int | str, change: Change | None
) -> None:
    want = Decimal(str(value))
    facts = extract(Document(name="kenya", text="INL works in Kenya. " + sentence))
    [m] = [m for m in facts.measurements if m.value == want]
    assert m.change == change


@pytest.mark.parametrize(
    ("head", "year"),
    [
        # a stated reporting period: its last year
        (
            "Trafficking in Persons Report, June 2019\nCountry Narratives (reporting period: "
            "April 1, 2018 - March 31, 2019)\n",
            2019,
        ),
        # none stated: the year before the report's, as an INCSR's
        (
            "2019 Trafficking in Persons Report\nOffice to Monitor and Combat Trafficking in "
            "Persons\n",
            2018,
        ),
    ],
)
def test_a_trafficking_in_persons_report_dates_its_past_figures(head: str, year: int) -> None:
    text = (
        head + "\nCAMBODIA: TIER 2 WATCH LIST\n\nThe government convicted 81 traffickers, up "
        "from 59 convictions the year before. An estimated 940,000 Cambodians work in Thailand. "
        "Some 12,500 workers are held in debt bondage.\n"
    )
    years = {m.value: m.year for m in extract(Document(name="x", text=text)).measurements}
    # what the year before counts is worded anew; a present state is of no year
    assert years == {81: year, 59: year - 1, 940000: None, 12500: None}


@pytest.mark.parametrize(
    ("funds", "year"),
    [("Fiscal Year: 2016\nAmount: $17,350,000", 2016), ("FUNDS: FY 2016 and FY 2017", None)],
)
def test_a_congressional_notification_plans_in_its_funds_fiscal_year(
    funds: str, year: int | None
) -> None:
    text = (
        "CONGRESSIONAL NOTIFICATION\n\nU.S. Department of State\nBureau of International "
        "Narcotics and Law Enforcement Affairs (INL)\n\nCN 17-183\nAugust 24, 2017\n\n"
        "Country: Nigeria\n" + funds + "\n\nFunds will train about 1,200 Nigeria Police Force "
        "officers in Borno State.\n"
    )
    [m] = extract(Document(name="x", text=text)).measurements[-1:]
    assert (m.value, m.year, m.agency) == (1200, year, "INL")


def test_a_list_takes_the_one_year_its_introducing_paragraph_names() -> None:
    text = (
        "Readout of the Security Dialogue\nOFFICE OF THE SPOKESPERSON\nSeptember 28, 2022\n\n"
        "The Assistant Secretary announced $15.6 million in new INL assistance for FY 2020, "
        "which brings INL support to Ecuador since FY 2018 to more than $52 million. The new "
        "funds include:\n\n"
        "- $4.2 million to help the prison service restore control of its prisons;\n"
        "- $2.5 million for port security, where units inspected some 2,900 containers last "
        "year;\n\n"
        "Deputy ministers noted the rise in crime. Ecuador recorded 2,466 violent deaths between "
        "January and August.\n"
    )
    years = {m.value: m.year for m in extract(Document(name="x", text=text)).measurements}
    # (an item's own relative year is its own; a span of months is of the document's year)
    assert (years[Decimal("4.2e6")], years[Decimal("2.5e6")], years[2900]) == (2020, 2020, 2021)
    assert years[2466] == 2022


def test_an_officials_blog_post_speaks_for_the_bureau_on_its_date() -> None:
    text = (
        "DipNote: U.S. Department of State Official Blog\n\nHelping Afghan Families Recover\n\n"
        "Posted by Jane Roe / March 6, 2017\n\nThe Bureau of International Narcotics and Law "
        "Enforcement Affairs (INL) has supported drug treatment here for a decade. Today we fund "
        "67 treatment centers across the country.\n"
    )
    [m] = [m for m in extract(Document(name="x", text=text)).measurements if m.value == 67]
    assert (m.year, m.agency) == (2017, "INL")


def test_an_indicators_values_take_its_labels_unit_and_their_years() -> None:
    text = (
        "Functional Bureau Strategy\n\n"
        "Indicator 1.1.1: Metric tons of cocaine seized by partner forces\n"
        "   Baseline (FY 2021): 612\n   Target (FY 2023): 655\n\n"
        "Indicator 1.1.2: Heroin seized by partner units (kilograms)\n"
        "   Baseline (CY 2020): 540\n\n"
        "Indicator 3.2.1: Percent of crisis assistance obligated on time\n"
        "   Target (FY 2026): 85\n"
    )
    got = {m.value: (m.unit, m.year) for m in extract(Document(name="x", text=text)).measurements}
    assert got == {
        612: ("metric-ton", 2021),
        655: ("metric-ton", 2023),
        540: ("kilogram", 2020),
        85: ("percent", 2026),
    }


def test_a_tables_note_in_millions_of_current_dollars_scales_its_cells() -> None:
    text = (
        "Table 3. CARSI Appropriations by Account\n(in millions of current U.S. dollars)\n\n"
        "Account            FY2012        FY2013\nINCLE                84.6         102.3\n"
    )
    values = [m.value for m in extract(Document(name="x", text=text)).measurements]
    assert values == [Decimal("84.6e6"), Decimal("102.3e6")]


def test_a_body_named_for_a_list_of_several_words_keeps_the_whole_list() -> None:
    text = (
        "The Ministry of Social Affairs, Veterans and Youth Rehabilitation (MOSAVY) reported "
        "1,127 victims. The Ministry of Public Security, Border Guards and Customs met."
    )
    names = org_names(text, "cambodia")
    assert "Ministry of Social Affairs, Veterans and Youth Rehabilitation" in names
    assert "Ministry of Social Affairs" not in names
    # a list of bodies is no list of subjects
    assert "Ministry of Public Security, Border Guards and Customs" not in names


@pytest.mark.parametrize(
    "intro",
    [
        "Since 2015, INL has provided:",
        "INL assistance began in 2008. Key accomplishments include:",
        "Under the Merida Initiative, launched in 2008, INL supports:",
        "The 2019 National Crime Survey informed these activities:",
        "INL provided, between 2019 and 2021, the following:",
    ],
)
def test_a_year_that_dates_something_else_does_not_date_a_list(intro: str) -> None:
    text = "Kenya\n\n" + intro + "\n\n- 40 patrol vehicles for the police;\n"
    assert _year_of(text, 40) is None


def test_a_documents_frame_year_beats_the_year_after_a_base_year() -> None:
    head = "2010 International Narcotics Control Strategy Report\n\nPeru\n\nI. Summary\n\n"
    # the chapter reports on 2009: "from 2007" is a two-year comparison, not of 2008
    assert _year_of(head + "Coca cultivation declined 25 percent from 2007.", 25, "x") == 2009
    # a base year's own clause after it
    text = "INL works in Kenya. Arrests increased 15 percent from 2015, when the program began."
    assert _year_of(text, 15) is None


@pytest.mark.parametrize(
    ("sentence", "value", "year"),
    [
        ("Traffickers forced 50 women to carry cocaine.", 50, 2009),
        ("The 46 couriers had been held for months.", 46, 2009),
        ("Some 300 victims of forced labor live in Lima.", 300, None),
    ],
)
def test_which_participles_tell_a_past_event(sentence: str, value: int, year: int | None) -> None:
    head = "2010 International Narcotics Control Strategy Report\n\nPeru\n\nI. Summary\n\n"
    assert _year_of(head + sentence, value, "x") == year


def test_a_reporting_period_over_several_years_dates_nothing() -> None:
    text = (
        "FINAL EVALUATION REPORT\nReporting period: October 2016 - September 2021\n\n"
        "UNODC trained 86 frontline officers.\n"
    )
    assert _year_of(text, 86, "x") is None


def test_a_trafficking_in_persons_report_named_in_the_text_dates_nothing() -> None:
    text = (
        "Kenya Fact Sheet\nKenya has been on Tier 2 of the Trafficking in Persons Report since "
        "2015.\n\nINL trained 450 police officers.\n"
    )
    assert _year_of(text, 450) is None


def test_a_posted_line_in_the_body_is_no_byline() -> None:
    from kg.editions import edition_from_text

    text = (
        "GAO Highlights\nSeptember 2021\n\nWhat GAO Found\nINL\n"
        "posted the required notices on its website in March 2018, and\n"
    )
    edition = edition_from_text(text)
    assert edition is not None and (edition.year, edition.month) == (2021, 9)


def test_a_report_about_congressional_notifications_keeps_its_genre() -> None:
    from kg.editions import document_genre

    text = (
        "GAO-19-330: State Should Improve Congressional Notification of Foreign Assistance\n"
        "United States Government Accountability Office\n\nWhat GAO Found\n"
    )
    assert document_genre(Document(name="x", text=text)) == "gao-report"


def test_an_indicator_in_percent_by_its_label() -> None:
    text = (
        "Strategy\n\nIndicator 1.1.6: Conviction rate (%)\n   Baseline (FY 2021): 35\n\n"
        "Indicator 1.1.7: Percentage of cases adjudicated within a year\n"
        "   Target (FY 2023): 40\n\nIndicator 1.1.8: Number of officers trained\n"
        "   Target (FY 2023): 1,200\n"
    )
    got = {
        m.value: (m.unit, m.counted) for m in extract(Document(name="x", text=text)).measurements
    }
    assert got == {35: ("percent", None), 40: ("percent", None), 1200: ("count", "officer")}


def test_an_activitys_clause_runs_through_a_name_with_a_comma() -> None:
    text = (
        "INL funds advisors from the Office of Overseas Prosecutorial Development, Assistance "
        "and Training (OPDAT) who mentor judges in Ouagadougou."
    )
    [act] = extract(Document(name="burkina-faso", text=text)).activities
    assert act.span is not None and act.span.quote.endswith("who mentor judges in Ouagadougou")


@pytest.mark.parametrize(
    ("sentence", "value", "reporter"),
    [
        # a speaker named after the quotation
        (
            '"Homicides fell by nearly 40 percent since 2015," said INL Assistant Secretary Jane '
            "Roe.",
            40,
            "Bureau of International Narcotics and Law Enforcement Affairs",
        ),
        ("Today, the Tonga Police tell us that 310 people tested positive.", 310, "Tonga Police"),
        # a quotation with no organization after it names no reporter
        ('"We trained 45 officers," said Jane Roe.', 45, None),
    ],
)
def test_who_a_quoted_or_told_figure_is_reported_by(
    sentence: str, value: int, reporter: str | None
) -> None:
    text = (
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) works in Tonga. "
        + sentence
    )
    [m] = [m for m in extract(Document(name="tonga", text=text)).measurements if m.value == value]
    assert m.reported_by == reporter


def test_an_earlier_level_past_a_long_clause_counts_and_dates_as_the_year_before() -> None:
    text = (
        "INL works in Barbados. The unit submitted 118 weapons for tracing through the Bureau "
        "of Alcohol, Tobacco, Firearms and Explosives (ATF) eTrace system in 2014, compared "
        "with 35 the year before."
    )
    [m] = [m for m in extract(Document(name="barbados", text=text)).measurements if m.value == 35]
    assert (m.counted, m.year) == ("weapon", 2013)


def test_a_regions_people_and_hosts_are_no_government() -> None:
    text = (
        "Central America Regional Security Initiative\n\nCentral American authorities seized "
        "about 67 metric tons of cocaine in 2013. Results depend on larger host-government "
        "budgets. South African authorities seized 12 kilograms."
    )
    names = org_names(text, "central-america")
    assert not any(
        n.startswith(("Government of United States", "Government of Central")) for n in names
    )
    assert "Government of South Africa" in names


@pytest.mark.parametrize(
    "title",
    ["2019 Trafficking in Persons Report: Kenya", "Kenya - 2019 Trafficking in Persons Report"],
)
def test_a_countrys_trafficking_in_persons_page_dates_its_past_figures(title: str) -> None:
    text = title + "\n\nThe government convicted 45 traffickers.\n"
    assert _year_of(text, 45, "x") == 2018


@pytest.mark.parametrize(
    ("sentence", "value", "year"),
    [
        ("Some 300 children work in forced child labor.", 300, None),
        ("Some 40 victims have been held in debt bondage for years.", 40, None),
    ],
)
def test_a_state_named_by_a_participle_is_no_past_event(
    sentence: str, value: int, year: int | None
) -> None:
    head = "2010 International Narcotics Control Strategy Report\n\nPeru\n\nI. Summary\n\n"
    assert _year_of(head + sentence, value, "x") == year


@pytest.mark.parametrize(
    "intro", ["Between FY 2019 and FY 2021, INL provided:", "Starting in FY 2019, INL funded:"]
)
def test_a_period_or_a_start_does_not_date_a_list(intro: str) -> None:
    text = "Kenya\n\n" + intro + "\n\n- 40 patrol vehicles for the police;\n"
    assert _year_of(text, 40) is None


def test_a_releases_own_year_does_not_veto_the_year_after_a_base_year() -> None:
    text = (
        "PRESS RELEASE\nU.S. Embassy Nairobi\nMarch 3, 2019\n\nKenya's seizures rose 36 "
        "percent over 2017."
    )
    assert _year_of(text, 36) == 2018


@pytest.mark.parametrize(
    "sentence",
    [
        "Incomes are 30 percent below the poverty level.",
        "Rates are 30 percent higher than the national level.",
    ],
)
def test_a_comparison_with_a_line_or_an_average_level_is_no_change(sentence: str) -> None:
    [m] = [m for m in facts_of("INL works in Kenya. " + sentence, "kenya").measurements]
    assert m.change is None


def test_a_name_that_modifies_the_speaker_does_not_report() -> None:
    text = (
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) works in Kenya. "
        '"We convicted 45 traffickers," said an INL-trained investigator.'
    )
    [m] = extract(Document(name="kenya", text=text)).measurements
    assert m.reported_by is None


def test_north_macedonian_authorities_are_its_government() -> None:
    names = org_names("North Macedonian authorities seized 40 kilograms.", "north-macedonia")
    assert "Government of North Macedonia" in names


def test_a_posted_label_dates_a_post() -> None:
    from kg.editions import edition_from_text

    edition = edition_from_text("DipNote\n\nA Title\n\nPosted: March 6, 2017\n\nText.\n")
    assert edition is not None and (edition.year, edition.month) == (2017, 3)


def test_a_gao_file_about_notifications_stays_a_gao_report() -> None:
    from kg.editions import document_genre

    text = "GAO-19-330\nFOREIGN ASSISTANCE: State Should Improve Congressional Notification\n\nx"
    assert document_genre(Document(name="gao-19-330", text=text)) == "gao-report"


def test_an_indicator_in_percentage_points_is_a_count_of_them() -> None:
    text = (
        "Strategy\n\nIndicator 1.1.9: Percentage point change in conviction rates\n"
        "   Target (FY 2023): 5\n"
    )
    [m] = extract(Document(name="x", text=text)).measurements
    assert m.unit != "percent"


def test_a_callout_line_is_a_figure_of_the_programs_work() -> None:
    text = (
        "INL Kosovo | 2023 Year in Review\n\nBY THE NUMBERS\n- 1,150 Police Officers Trained\n"
        "- 87 Defendants Indicted by the SPRK\n- 40 Patrol Vehicles Delivered\n"
    )
    got = {
        m.value: (m.counted, m.year, m.agency)
        for m in extract(Document(name="kosovo", text=text)).measurements
    }
    assert got == {
        1150: ("police officer", 2023, "INL"),
        87: ("defendant", 2023, "INL"),
        40: ("patrol vehicle", 2023, "INL"),
    }


def test_an_act_named_by_its_noun_is_the_lead_agencys() -> None:
    text = (
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) works in "
        "Senegal. The U.S. Embassy announced today the donation of equipment valued at $2.3 "
        "million to the National Gendarmerie of Senegal. The donation includes 12 vehicles and "
        "30 motorcycles."
    )
    acts = [
        (a.actor, a.beneficiary, a.span.quote.split()[:2])
        for a in extract(Document(name="senegal", text=text)).activities
        if a.span is not None
    ]
    assert ("INL", "National Gendarmerie of Senegal", ["donation", "of"]) in acts
    # what the donation includes serves whom the donation it takes up served
    assert ("INL", "National Gendarmerie of Senegal", ["donation", "includes"]) in acts


def test_anothers_act_named_by_its_noun_is_not_the_lead_agencys() -> None:
    text = (
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) works in Kenya. "
        "The Kenyan government completed the construction of a new prison. Delays slowed the "
        "delivery of spare parts."
    )
    assert extract(Document(name="kenya", text=text)).activities == []


def test_a_title_case_percent_is_a_percent() -> None:
    text = "INL works in Kenya.\n\nHighlights\n- 40 Percent of Cases Resolved\n"
    [m] = extract(Document(name="kenya", text=text)).measurements
    assert (m.value, m.unit, m.counted) == (40, "percent", None)


def test_a_release_of_a_years_estimates_dates_its_figures_by_that_year() -> None:
    text = (
        "Office of National Drug Control Policy\n\nFOR IMMEDIATE RELEASE\nJune 26, 2025\n\n"
        "ONDCP Releases 2024 Estimates of Coca Cultivation in Peru\n\n"
        "Cultivation in the Putumayo border area rose by 14 percent to 7,950 hectares."
    )
    years = {m.value: m.year for m in extract(Document(name="x", text=text)).measurements}
    assert years == {14: 2024, 7950: 2024}


def test_this_quarter_is_of_the_year_the_document_is_dated() -> None:
    text = (
        "Statement of Jane Roe\nTestimony before the Subcommittee\nJune 8, 2012\n\n"
        "This quarter, the ministry approved 14 new projects in Helmand."
    )
    assert _year_of(text, 14, name="x") == 2012


def test_a_fact_sheets_undated_figure_stays_undated() -> None:
    text = "Updated: March 1, 2004\n\nINL trained 40 judges in Kenya."
    [m] = extract(Document(name="kenya", text=text)).measurements
    assert m.year is None


def test_an_estimate_note_after_what_a_figure_measures() -> None:
    text = "INL works in Jamaica. Farmers grew 1,050 hectares of cannabis (estimated) in 2003."
    [m] = extract(Document(name="jm", text=text)).measurements
    assert (m.value, m.qualifier.value) == (1050, "about")


def test_a_testimonys_salutation_names_no_organization() -> None:
    text = "Chairman Smith, Ranking Member Jones, Members of the Subcommittee: thank you."
    names = [o.name for o in extract(Document(name="t", text=text)).organizations]
    assert not any(n.startswith(("Members", "Ranking", "Chairman")) for n in names)


def test_an_evaluations_program_outputs_are_the_lead_agencys() -> None:
    text = (
        "Final Performance Evaluation: Prison Reform Project\n\n"
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) funded the "
        "project. The project equipped 4 vocational workshops and trained 60 counselors.\n"
    )
    figs = extract(Document(name="md", text=text)).measurements
    assert [(m.value, m.agency) for m in figs] == [(4, "INL"), (60, "INL")]


@pytest.mark.parametrize(
    ("sentence", "quote", "agency"),
    [
        # a specification measures a thing, not work: nobody is credited with it
        ("INL donated three 38-foot interceptor boats to the Coast Guard.", "38-foot", None),
        ("INL delivered two 11-meter patrol boats to the Navy.", "11-meter", None),
        ("INL donated boats capable of speeds of 45 knots.", "45 knots", None),
        ("INL funded a new 120-bed wing at the central prison.", "120-bed", None),
        ("INL renovated the clinic, which now operates with 40 beds.", "40 beds", None),
        # a unit's size is the unit's, or its owner's; a unit no organization named owns is
        # credited as work is (the development gold: 28 to the bureau acting, 18 to no one)
        (
            "INL helped the police establish a 120-member vetted investigative unit.",
            "120-member",
            "INL",
        ),
        (
            "INL trained the 40-member Joint Airport Interdiction Task Force (JAITF).",
            "40-member",
            "JAITF",
        ),
        ("INL equipped the ENP's 160-member canine unit.", "160-member", "ENP"),
        # the first of two agencies named together did the work
        ("INL and DOD built or renovated 31 border outposts.", "31 border outposts", "INL"),
        ("INL and the U.S. Department of Justice helped train 120 judges.", "120 judges", "INL"),
        # the bureau's funds as the subject of a budget narrative
        ("Funds will train 200 judges and prosecutors.", "200 judges and prosecutors", "INL"),
    ],
)
def test_the_credited_agency_of_specifications_sizes_and_joint_work(
    sentence: str, quote: str, agency: str | None
) -> None:
    text = (
        "Bureau of International Narcotics and Law Enforcement Affairs (INL)\n\n"
        "The Ethiopian National Police (ENP) works with INL. " + sentence + "\n"
    )
    figs = extract(Document(name="s", text=text)).measurements
    [m] = [m for m in figs if m.span.quote == quote]
    assert m.agency == agency


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The national inmate population grew by 4,200 between 2007 and 2009.",
         [(4200, "inmate")]),
        ("Twenty of its 34 provinces were poppy-free in 2011, up from just six in 2006.",
         [(20, "province"), (34, "province"), (6, "province")]),
        ("Complaints fell by nearly half in the first year.", [(50, None)]),
    ],
)  # fmt: skip
def test_levels_after_up_from_populations_and_nearly_half(
    text: str, expected: list[tuple[int, str | None]]
) -> None:
    figs = extract(Document(name="x", text="INL works in Peru. " + text)).measurements
    assert [(m.value, m.counted) for m in figs] == expected


def test_a_figure_someone_estimates_is_approximate() -> None:
    text = "INL works in Laos. The GoL estimates that between 40 and 55 percent of detainees use."
    [m] = extract(Document(name="la", text=text)).measurements
    assert (m.value, m.value_max, m.qualifier.value) == (40, 55, "about")


def test_more_program_verbs_and_the_witness_speaking_for_the_bureau() -> None:
    text = "INL works in Afghanistan. INL reimburses governors for eradication."
    facts = extract(Document(name="af", text=text))
    assert [a.description for a in facts.activities] == ["reimburses governors for eradication"]
    text = (
        "Statement of Jane Roe, Assistant Secretary, Bureau of International Narcotics and Law "
        "Enforcement Affairs (INL)\nTestimony before the Subcommittee\n\n"
        "In Kabul, our corrections advisors mentor staff at 28 prisons.\n"
    )
    facts = extract(Document(name="af", text=text))
    assert [(a.actor, a.description) for a in facts.activities] == [
        ("INL", "mentor staff at 28 prisons")
    ]


def test_a_thousands_table_without_fiscal_year_columns_takes_its_status_year() -> None:
    text = (
        "INL works in Mexico.\n\n"
        "Status of INCLE Funds by Pillar, as of March 31, 2016 (dollars in thousands)\n\n"
        "Pillar | Allocated | Obligated\n"
        "I. Disrupt organized crime | 1,014,680 | 913,120\n"
        "Total | 2,227,000 | 1,817,000\n\n"
        "Source: GAO analysis of agency data, which shows slow progress over several years.\n"
    )
    figs = [m for m in extract(Document(name="mx", text=text)).measurements if m.unit == "usd"]
    assert [(m.value, m.year) for m in figs] == [
        (1014680000, 2016),
        (913120000, 2016),
        (2227000000, 2016),
        (1817000000, 2016),
    ]
    assert all(m.agency == "INL" for m in figs)


def test_in_dollar_thousands_note_scales_a_fiscal_year_table() -> None:
    text = (
        "Georgia\n\nProgram Area Summary (in $000)\n\n"
        "Program Area          FY 2018 Actual   FY 2019 Estimate\n"
        "Counternarcotics         2,215            2,060\n"
    )
    got = [(m.value, m.year) for m in extract(Document(name="ge", text=text)).measurements]
    assert got == [(2215000, 2018), (2060000, 2019)]


def test_indicator_pipe_tables_take_unit_from_the_label_and_year_from_the_column() -> None:
    text = (
        "INL works in Peru.\n\nOutcome Indicators\n\n"
        "Indicator | Baseline (2014) | FY 2017 Target | FY 2017 Actual\n"
        "Coca eradicated by CORAH (hectares) | 31,205 | 25,000 | 25,107\n"
        "Drug cases reaching trial (percent) | 27 | 45 | 41\n"
        "Prosecutors trained in the new code | 310 | 650 | 702\n"
    )
    got = [
        (m.value, m.unit, m.counted, m.year)
        for m in extract(Document(name="pe", text=text)).measurements
    ]
    assert got == [
        (31205, "hectare", None, 2014),
        (25000, "hectare", None, 2017),
        (25107, "hectare", None, 2017),
        (27, "percent", None, 2014),
        (45, "percent", None, 2017),
        (41, "percent", None, 2017),
        (310, "count", "prosecutor", 2014),
        (650, "count", "prosecutor", 2017),
        (702, "count", "prosecutor", 2017),
    ]


@pytest.mark.parametrize(
    ("sentence", "value", "counted"),
    [
        ("INL created a new 45-member maritime interdiction unit.", 45, "member"),
        ("INL trained the DNCD's vetted 85-agent investigations unit.", 85, "agent"),
        ("INL supports Bolivia's 1,500-officer counternarcotics police.", 1500, "officer"),
    ],
)
def test_a_hyphenated_size_after_a_possessive_or_a_modifier(
    sentence: str, value: int, counted: str
) -> None:
    [m] = extract(Document(name="bo", text=sentence)).measurements
    assert (m.value, m.counted) == (value, counted)


def test_a_parenthesised_qualifier_between_number_and_noun() -> None:
    text = "INL works in Laos. The centers treated 2,000 (approximate) patients in 2008."
    [m] = extract(Document(name="la", text=text)).measurements
    assert (m.value, m.counted, m.qualifier.value) == (2000, "patient", "about")


def test_the_first_level_of_from_to_counts_what_the_second_counts() -> None:
    text = "INL works in Indonesia. INL will expand the program from 18 to 30 dog teams."
    got = [(m.value, m.counted) for m in extract(Document(name="id", text=text)).measurements]
    assert got == [(18, "dog team"), (30, "dog team")]


def test_a_us_agency_acting_in_the_clause_is_credited_not_the_lead() -> None:
    text = (
        "INL works in Tunisia. The Department of Defense (DOD) provided an estimated "
        "$120 million in equipment to the Tunisian military."
    )
    [m] = extract(Document(name="tn", text=text)).measurements
    assert m.agency == "DOD"


def test_a_relative_clause_credits_its_antecedent_not_the_sentence_subject() -> None:
    text = (
        "Peru. INL works closely with the U.S. Agency for International Development (USAID), "
        "which has helped some 9,800 farming families replace coca with cacao."
    )
    [m] = extract(Document(name="pe", text=text)).measurements
    assert m.agency == "USAID"


def test_in_testimony_we_is_the_witness_bureau() -> None:
    text = (
        "Statement of Jane Roe, Deputy Assistant Secretary, Bureau of International Narcotics "
        "and Law Enforcement Affairs (INL), before the House Committee on Foreign Affairs\n\n"
        "Chairman Smith, thank you for the opportunity to testify on our work in Uzbekistan.\n"
        "Last year we trained more than 300 customs officers at the Termez post."
    )
    facts = extract(Document(name="uz-testimony", text=text))
    [m] = [m for m in facts.measurements if m.value == 300]
    assert m.agency == "INL"


def test_a_status_date_with_a_day_dates_the_clause() -> None:
    text = (
        "INL works in Tunisia. As of September 30, 2018, INL had disbursed about 58 percent "
        "of the funds allocated."
    )
    [m] = extract(Document(name="tn", text=text)).measurements
    assert m.year == 2018


def test_coordinated_figures_share_the_year_written_after_them() -> None:
    text = (
        "INL works in Vietnam. Law enforcement agencies investigated 21,180 drug cases and "
        "arrested 31,900 suspects in 2019."
    )
    got = [(m.value, m.year) for m in extract(Document(name="vn", text=text)).measurements]
    assert got == [(21180, 2019), (31900, 2019)]


def test_the_parts_of_a_total_share_its_year() -> None:
    text = (
        "INL works in Peru. The PNP reported seizing 21.4 metric tons of cocaine products in "
        "2020, including 9,850 kilograms of cocaine hydrochloride and 11.5 MT of cocaine base."
    )
    got = [m.year for m in extract(Document(name="pe", text=text)).measurements]
    assert got == [2020, 2020, 2020]


def test_a_press_dateline_dates_what_the_release_announces_not_its_history() -> None:
    text = (
        "U.S. Embassy Sarajevo\nPress Release\n\n"
        "SARAJEVO, June 14, 2023 – Today, 42 investigators graduated from a course funded "
        "by INL.\nThe National Police have opened 12 new stations in Bosnia and Herzegovina.\n"
    )
    got = {m.value: m.year for m in extract(Document(name="ba", text=text)).measurements}
    assert got == {42: 2023, 12: None}


def test_a_press_releases_headline_dated_day_and_event_are_what_it_announces() -> None:
    text = (
        "U.S. Embassy in Ghana\nPress Release\nFor Immediate Release – March 3, 2022\n\n"
        "United States Donates $450K in Forensic Equipment\n\n"
        "ACCRA – On March 2, the Ambassador handed the equipment to the police. "
        "The donation includes 1,200 evidence kits.\n"
        "INL has trained 900 officers since 2010.\n"
    )
    got = {m.value: m.year for m in extract(Document(name="gh", text=text)).measurements}
    assert got == {450000: 2022, 1200: 2022, 900: None}


def test_a_us_office_announcing_its_own_assistance_is_not_its_reporter() -> None:
    text = (
        "U.S. Embassy Yerevan\nPress Release\n\nThe U.S. Embassy in Yerevan announced today "
        "an additional $4.8 million in assistance. The Ministry of Interior announced that "
        "police seized 35 kilograms of heroin."
    )
    got = {m.value: m.reported_by for m in extract(Document(name="am", text=text)).measurements}
    assert got == {4800000: None, 35: "Ministry of Interior"}


def test_a_locative_opening_the_sentence_places_its_figures() -> None:
    text = "Ghana. In Accra, INL donated 12 vehicles. In 2019, INL trained 40 judges."
    got = {m.value: m.place for m in extract(Document(name="gh", text=text)).measurements}
    assert got == {12: "Accra", 40: "Ghana"}


def test_levels_moved_from_and_to_count_the_subjects_head() -> None:
    text = (
        "INL works in Azerbaijan. The SBS reports that apprehensions of illegal border "
        "crossers in the Astara sector rose from 320 in 2005 to 510 in 2006."
    )
    got = [
        (m.value, m.counted, m.year) for m in extract(Document(name="az", text=text)).measurements
    ]
    assert got == [(320, "apprehension", 2005), (510, "apprehension", 2006)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The task force operates 16 helicopters from bases in Chimoré.",
        "INL provided $4.2 million in 2018, including a new forensic laboratory in Abuja.",
        "Attacks near Sousse killed 60 people in 2015.",
    ],
)
def test_a_place_the_figures_phrase_does_not_reach_is_not_its_place(sentence: str) -> None:
    text = "INL works in Bolivia. " + sentence
    figs = [m for m in extract(Document(name="bo", text=text)).measurements if m.value != 2018]
    assert figs and all(m.place in (None, "Bolivia") for m in figs)


@pytest.mark.parametrize(
    ("text", "value", "name", "place"),
    [
        # a city the gazetteer knows, named without a locating phrase
        ("Kumasi police seized 40 kilograms of cocaine.", 40, "ghana", "Kumasi"),
        # the longer place name a city's name opens
        ("Pretrial detainees at Monrovia Central Prison fell to 640.", 640, "liberia",
         "Monrovia Central Prison"),
        ("INL donated 12 scanners to Port Klang customs.", 12, "malaysia", "Port Klang"),
        # a title before a surname that is also a city's name: a person, not a place
        ("Chairman Alvarado, INL trained 300 police.", 300, "mexico", "Mexico"),
    ],
)  # fmt: skip
def test_gazetteer_cities_of_the_documents_countries(
    text: str, value: int, name: str, place: str
) -> None:
    assert fig(text, value, name).place == place


def test_a_gazetteer_city_is_a_place_within_its_country() -> None:
    facts = facts_of("In Ghana, police in Kumasi and Tamale seized 40 kilograms.", "ghana")
    places = {p.name: p for p in facts.places}
    assert places["Kumasi"].within == "Ghana"
    assert places["Tamale"].within == "Ghana"
    # cities are looked up only in the countries the document names
    assert "Kumasi" not in {p.name for p in facts_of("Kumasi trained 40.", "peru").places}


def test_places_coordinated_before_the_figure_leave_the_country() -> None:
    text = "Port teams trained by INL in Guayaquil and Manta seized 9 metric tons of cocaine."
    assert fig(text, 9, "ecuador").place == "Ecuador"


@pytest.mark.parametrize(
    ("text", "value", "year"),
    [
        # a later clause's own opening year beats the sentence's
        ("In 2017, INL helped the police set up a vetted unit; in 2022 the unit dismantled 14 "
         "criminal organizations.", 14, 2022),
        # the figure's own trailing year, however far, while no comma intervenes
        ("In 2018, the ministry reported more arrests, while officers seized 1.6 metric tons of "
         "heroin hidden in a shipment of building materials at the port in mid-2017.", "1.6", 2017),
        # the subject's time; a year of the next clause (", and in March 2016 ...") is not it
        ("Terrorist attacks in 2015 at a museum in Tunis killed 60 people, and in March 2016 "
         "militants attacked a border town.", 60, 2015),
        # a year that dates the subject's origin, or a clause before the figure's, is not its year
        ("CICIG, a body created in 2007, has helped prosecutors charge some 130 people.", 130,
         None),
        ("Courts had 500,000 pending cases in 2019, and 40 percent of the country's prisoners "
         "await trial.", 40, None),
        ("The program, launched in Hanoi in 2008, now serves over 52,000 patients.", 52000, None),
    ],
)  # fmt: skip
def test_the_year_of_the_figures_own_clause(text: str, value: int | str, year: int | None) -> None:
    assert fig(text, value, "tunisia").year == year


BUDGET_PLAN = """\
South Sudan
FY 2013 Program and Budget Guide
Bureau of International Narcotics and Law Enforcement Affairs (INL)

The South Sudan National Police Service (SSNPS) numbers about 33,000 personnel.

Key Interventions:
• $5.3 million to continue basic training for the SSNPS, including refresher training for \
2,400 serving officers;
• $4.1 million for up to 24 police advisors to mentor SSNPS leadership.
The region's 13 Caribbean nations share the same routes.
"""


def test_a_budget_documents_planned_work_is_the_bureaus() -> None:
    """A budget document plans the bureau's work: its amounts and outputs are the lead
    agency's; the partner's size and a count of countries are no one's."""
    by_value = {m.value: m.agency for m in figures(BUDGET_PLAN, name="south-sudan")}
    assert by_value[Decimal(5_300_000)] == "INL"
    assert by_value[Decimal(4_100_000)] == "INL"
    assert by_value[Decimal(2400)] == "INL"
    assert by_value[Decimal(24)] == "INL"
    assert by_value[Decimal(33000)] is None
    assert by_value[Decimal(13)] is None


def test_a_press_releases_embassy_and_an_interdiction_course_leave_the_lead_its_credit() -> None:
    text = (
        "U.S. Embassy Maputo\nPress Release\nSeptember 22, 2021\n\n"
        "The U.S. Embassy in Maputo today celebrated the graduation of 64 officers who completed "
        "a six-week maritime interdiction course funded by the Bureau of International Narcotics "
        "and Law Enforcement Affairs (INL).\n"
    )
    by_value = {m.value: m.agency for m in figures(text, name="mozambique-press-release")}
    assert by_value[Decimal(64)] == "INL"
    assert by_value[Decimal(6)] == "INL"


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("The ambassador handed over two patrol boats.", 2, Qualifier.EXACT),
        ("Seizures exceeded 811,000 kilograms in 2021.", 811000, Qualifier.MORE_THAN),
        ("Funding topped $35 million in 2006.", 35_000_000, Qualifier.MORE_THAN),
        ("The unit met or exceeded four of its targets.", 4, Qualifier.EXACT),
        ("Police must respond within 30 minutes of a call.", 30, Qualifier.UP_TO),
        ("The law punishes possession of 15 grams or more of heroin.", 15, Qualifier.AT_LEAST),
        ("Equipment valued at $25,000 or more is tracked.", 25000, Qualifier.AT_LEAST),
        ("Courts may hold suspects for five days or fewer.", 5, Qualifier.UP_TO),
    ],
)
def test_qualifiers_of_verbs_and_bounds(text: str, value: int, qualifier: Qualifier) -> None:
    assert fig(text, value).qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "value", "counted"),
    [
        ("INL donated 40 night-vision monoculars.", 40, "night-vision monocular"),
        ("INL supplied 16 drug-detection dogs.", 16, "drug-detection dog"),
        ("INL provided 300 body-worn cameras.", 300, "body-worn camera"),
        # a hyphenated modifier that describes is dropped
        ("INL bought 14 four-wheel-drive vehicles.", 14, "vehicle"),
        ("INL trained 40 INL-funded investigators.", 40, "investigator"),
    ],
)
def test_hyphenated_modifiers_naming_a_kind_stay_in_the_counted_noun(
    text: str, value: int, counted: str
) -> None:
    assert fig(text, value).counted == counted


def test_a_governments_acronym_used_bare_is_the_government() -> None:
    text = (
        "The Government of Laos (GOL) lacks the resources to address drug trafficking. "
        "In 2006, the GOL declared the country opium-free."
    )
    found = [o for o in facts_of(text, "laos").organizations if "GOL" in (o.name, *o.aliases)]
    assert [(o.name, o.aliases) for o in found] == [("Government of Laos", ("GOL",))]


@pytest.mark.parametrize(
    "text",
    [
        "INL and the Department of the Treasury's Office of Technical Assistance trained 40 "
        "analysts.",
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) and its Office "
        "of Aviation flew 300 missions.",
        "Prepared by the Bureau of International Narcotics and Law Enforcement Affairs (INL), "
        "Office of Anticrime Programs, in 2020 with 12 partners.",
    ],
)
def test_an_office_of_a_us_agency_is_us_government(text: str) -> None:
    office = next(o for o in facts_of(text, "peru").organizations if o.name.startswith("Office"))
    assert office.kind == OrgKind.US_GOVERNMENT
    assert office.parent is not None


def test_a_name_with_and_that_its_acronym_spells_is_one_organization() -> None:
    text = (
        "The National Agency for Food and Drug Administration and Control (NAFDAC) seized 40 "
        "tons. The Federal Police and Drug Enforcement Administration (DEA) met."
    )
    names = org_names(text, "nigeria")
    assert "National Agency for Food and Drug Administration and Control" in names
    assert "National Agency for Food" not in names
    assert "Drug Enforcement Administration" in names


_REPORT_ORGS = (
    "INL works with the Internal Security Forces (ISF), the Directorate of Criminal "
    "Investigations (DCI), the Congolese National Police (PNC) and the United Nations Office on "
    "Drugs and Crime (UNODC). "
)


@pytest.mark.parametrize(
    ("sentence", "value", "reporter"),
    [
        ("ISF officials told GAO that street crime fell by nearly half in the first year.", 50,
         "Internal Security Forces"),
        ("Residents surveyed by the PNC reported a 30 percent drop in burglaries.", 30,
         "Congolese National Police"),
        ("The UNODC World Drug Report 2020 estimated that 269 million people used drugs.",
         269_000_000, "United Nations Office on Drugs and Crime"),
        ("According to the Office of National Drug Control Policy (ONDCP), coca covered 167,000 "
         "hectares.", 167000, "Office of National Drug Control Policy"),
        # a relative clause reports what follows it, not the sentence's earlier figures
        ("INL donated 85 vehicles to the DCI, which reported a 25 percent increase in cases.", 25,
         "Directorate of Criminal Investigations"),
        ("INL donated 85 vehicles to the DCI, which reported a 25 percent increase in cases.", 85,
         None),
        # the clause that names the reporter, not the one before it
        ("Audits covered 5 prisons, and the PNC reported that seizures rose 40 percent.", 5, None),
        ("Audits covered 5 prisons, and the PNC reported that seizures rose 40 percent.", 40,
         "Congolese National Police"),
        # a closing attribution reports the whole sentence
        ("Kidnappings dropped 28 percent in 2019, the PNC reported, after INL trained its unit.",
         28, "Congolese National Police"),
        # "X's stated interest" is no report
        ("The request of $4.1 million reflects the PNC's stated interest in training.",
         4_100_000, None),
    ],
)  # fmt: skip
def test_who_reported_a_figure(sentence: str, value: int, reporter: str | None) -> None:
    assert fig(_REPORT_ORGS + sentence, value, "lebanon").reported_by == reporter


@pytest.mark.parametrize(
    ("text", "value", "agency"),
    [
        # a share of a country's whole is context, whoever speaks
        ("INL trained 40 guards; over 80 percent of Haiti's prison population awaits trial.", 80,
         None),
        ("INL supports courts where about 40 percent of the prison population is held.", 40, None),
        # the lead agency's own share is its own
        ("Under the program INL spent nearly 45 percent of INL's obligations on training.", 45,
         "INL"),
    ],
)  # fmt: skip
def test_a_share_of_a_countrys_whole_is_no_ones_work(
    text: str, value: int, agency: str | None
) -> None:
    lead = "The Bureau of International Narcotics and Law Enforcement Affairs (INL) works here. "
    assert fig(lead + text, value, "haiti").agency == agency


def test_unicode_spaces_read_as_spaces() -> None:
    text = (
        "INL trained more\u00a0than 300 police officers in\u00a02019. According\u00a0to UNODC, "
        "seizures rose by 35\u00a0percent in 2020."
    )
    facts = facts_of(text, "kenya")
    found = {(m.value, m.qualifier, m.change, m.reported_by) for m in facts.measurements}
    assert found == {
        (Decimal(300), Qualifier.MORE_THAN, None, None),
        (Decimal(35), Qualifier.EXACT, Change.INCREASE, "United Nations Office on Drugs and Crime"),
    }
    for m in facts.measurements:
        assert text[m.span.start : m.span.end] == m.span.quote


@pytest.mark.parametrize(
    ("text", "value", "counted"),
    [
        ("Police intercepted 26 vessels carrying smuggled goods in 2021, up from 17 in 2020.", 17,
         "vessel"),
        ("The unit charged 30 defendants in 42 cases in 2021, up from 21 in 2020.", 21, "case"),
        # a level with its own noun keeps it
        ("Police seized 580 million tablets, up from roughly 150 million tablets in 2016.",
         150_000_000, "tablet"),
    ],
)  # fmt: skip
def test_an_earlier_level_counts_what_the_figure_before_it_counts(
    text: str, value: int, counted: str
) -> None:
    assert fig(text, value).counted == counted


@pytest.mark.parametrize(
    ("text", "value", "year"),
    [
        ("With FY 2019 funds of $4.5 million, INL trained judges.", 4_500_000, 2019),
        ("The request keeps the FY 2020 level of $14 million.", 14_000_000, 2020),
        ("Evaluators urge INL to shift a quarter of its FY 2019 aviation budget.", 25, 2019),
        ("  – 2006 seizures: 14 MT of cocaine base, up 28 percent over 2005.", 14, 2006),
        ("Public trust in the police stood at 79 percent in a 2018 survey.", 79, 2018),
        # a fiscal year elsewhere in the sentence is not the phrase's
        ("The program was re-launched in FY 2012 after a hiatus of almost ten years.", 10, None),
    ],
)
def test_the_year_of_a_figures_own_phrase_or_line(text: str, value: int, year: int | None) -> None:
    assert fig(text, value, "peru").year == year


def test_a_city_named_like_a_common_word_is_not_read_from_the_gazetteer() -> None:
    text = (
        "The United Kingdom and INL fund the program. Reading the audit, officials in "
        "Washington said INL trained 40 officers."
    )
    assert {p.name for p in facts_of(text, "ghana").places} <= {"United Kingdom", "Ghana"}


GAO_TABLE = """GAO Highlights

What GAO Found
The Bureau of International Narcotics and Law Enforcement Affairs (INL), the U.S. Agency for \
International Development (USAID) and the Drug Enforcement Administration (DEA) fund \
counternarcotics programs in Afghanistan.

Figure: Counternarcotics Funding for Afghanistan, by Agency (Dollars in millions)

Agency        2008      2009
State/INL    301.2     382.5
USAID        189.7     263.9
Total        490.9     646.4

Source: GAO analysis of agency data.

Rule-of-Law Assistance, Fiscal Years 2007-2011
Dollars in millions

Agency      Amount
INL           60.3
USAID         38.6
Total         98.9

Source: GAO analysis of agency data.
"""


def test_a_table_by_agency_in_millions_under_bare_year_columns() -> None:
    """A "Dollars in millions" table: a header of bare years gives each column's year, a
    one-column table its amounts without one; each row is its agency's, the total no one's."""
    by_value = {m.value: m for m in figures(GAO_TABLE, name="afghanistan-gao-highlights")}
    assert (by_value[Decimal(301200000)].year, by_value[Decimal(301200000)].agency) == (
        2008,
        "INL",
    )
    assert (by_value[Decimal(263900000)].year, by_value[Decimal(263900000)].agency) == (
        2009,
        "USAID",
    )
    assert by_value[Decimal(646400000)].agency is None
    assert by_value[Decimal(38600000)].agency == "USAID"
    assert by_value[Decimal(38600000)].unit == "usd"
    assert by_value[Decimal(98900000)].agency is None


@pytest.mark.parametrize(
    ("name", "sentence", "value", "unit"),
    [
        ("dominican-republic", "The DNCD seized assets worth RD$1.9 billion.", "1900000000", "dop"),
        ("dominican-republic", "Police seized 2.5 billion pesos in cash.", "2500000000", "dop"),
        ("colombia", "Police seized 2.5 billion pesos in cash.", "2500000000", "cop"),
        ("guatemala", "The Ministry committed Q18 million to the model.", "18000000", "gtq"),
        ("zambia", "The DEC seized K10.9 million in cash.", "10900000", "zmw"),
        ("papua-new-guinea", "The police received K10.9 million.", "10900000", "pgk"),
        ("jordan", "The PSD spent JD 2.1 million on training.", "2100000", "jod"),
        ("pakistan", "The ANF seized Rs. 45 million in 2019.", "45000000", "pkr"),
        ("sri-lanka", "The heroin had a value of 3.2 billion rupees.", "3200000000", "lkr"),
        ("haiti", "The fund paid 12,000 gourdes a month.", "12000", "htg"),
    ],
)
def test_a_currency_several_countries_share_is_the_documents_countrys(
    name: str, sentence: str, value: str, unit: str
) -> None:
    """Signs and names several currencies share ("pesos", "Rs.", "K") are the program
    country's currency when it is of that family (GeoNames); the others are one currency's."""
    text = f"{name.replace('-', ' ').title()}\n{sentence}\n"
    m = fig(text, value, name=name)
    assert (m.unit, m.counted) == (unit, None)


def test_a_shared_currency_sign_of_another_countrys_family_is_no_currency() -> None:
    """In a Colombia sheet "Rs." names no currency of the country: the amount is not read as
    pesos (nor as dollars); "K9" and "Q1" are no amounts."""
    text = (
        "Colombia\nThe unit seized Rs. 45 million. The K9 unit has 12 dogs. In Q1 2020 it grew.\n"
    )
    by_value = {m.value: m for m in figures(text, name="colombia")}
    assert by_value[Decimal(45000000)].unit == "count"
    assert by_value[Decimal(45000000)].counted == "rupee"
    assert Decimal(9) not in by_value and Decimal(1) not in by_value


def test_a_conversion_in_parentheses_does_not_make_the_amount_approximate() -> None:
    """ "CLP 15 billion (approximately $21 million)": the conversion is about, the amount exact;
    "$3.25 million (estimate)" is about."""
    text = "Chile\nThe plan committed CLP 15 billion (approximately $21 million) in 2019.\n"
    assert fig(text, 15000000000, name="chile").qualifier == Qualifier.EXACT
    assert fig(text, 21000000, name="chile").qualifier == Qualifier.ABOUT
    text = "Chile\nFY 2019: $3.25 million (estimate)\n"
    assert fig(text, 3250000, name="chile").qualifier == Qualifier.ABOUT


def test_a_name_with_a_comma_spelled_by_its_acronym_is_one_name() -> None:
    """ "Office of Overseas Prosecutorial Development, Assistance and Training (OPDAT)": the
    words after the comma belong to the name, as its acronym spells; "Committee on Foreign
    Affairs, House of Representatives" (no acronym) stays two names."""
    text = (
        "INL works with the Department of Justice, Office of Overseas Prosecutorial "
        "Development, Assistance and Training (OPDAT). The Committee on Foreign Affairs, House "
        "of Representatives, met.\n"
    )
    names = org_names(text)
    assert "Office of Overseas Prosecutorial Development, Assistance and Training" in names
    assert "Office of Overseas Prosecutorial Development" not in names
    assert {"Committee on Foreign Affairs", "House of Representatives"} <= names


def test_trafficking_in_persons_stays_inside_a_name() -> None:
    """ "in Persons" and "in Human Beings" are part of a name; another "in" ends it."""
    text = (
        "The National Commission for Combating Trafficking in Human Beings met the Ministry of "
        "Justice in Kabul.\n"
    )
    names = org_names(text)
    assert "National Commission for Combating Trafficking in Human Beings" in names
    assert "Ministry of Justice" in names


def test_a_participle_joined_to_a_name_is_not_part_of_it() -> None:
    """ "Department of State-led": the name ends before "-led"; "Podgorica-based Institute for
    Public Integrity": it begins after the modifier."""
    names = org_names(
        "The Department of State-led effort helped the Podgorica-based Institute for Public "
        "Integrity.\n",
        name="montenegro",
    )
    assert {"Department of State", "Institute for Public Integrity"} <= names
    assert not any("-led" in n or "-based" in n for n in names)


GAO_STATE = """GAO Highlights
What GAO Found
The Department of State's Bureau of International Narcotics and Law Enforcement Affairs (INL) \
manages the program. State funded the construction or renovation of 11 facilities in Jericho. \
INL trained 300 officers. The Secretary of State met the State Police.
"""


def test_state_alone_is_the_department_acting_in_its_clause() -> None:
    """GAO's "State funded 11 facilities" names the Department of State, credited with its own
    work (not its bureau); "Secretary of State" and "State Police" are no such mention."""
    facts = facts_of(GAO_STATE, name="west-bank-gao-highlights")
    by_value = {m.value: m.agency for m in facts.measurements}
    assert by_value[Decimal(11)] == "Department of State"
    assert by_value[Decimal(300)] == "INL"
    dos = facts.organization("Department of State")
    assert dos is not None and "State" in dos.aliases
    assert len([s for s in dos.mentions if s.quote == "State"]) == 1


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        (
            "Canine teams at the port of Callao detected 2,100 kilograms of cocaine.",
            "Port of Callao",
        ),
        (
            "Officers at Chisinau International Airport made 40 seizures.",
            "Chisinau International Airport",
        ),
        ("Units at the Torkham crossing seized 2,350 kilograms of heroin.", "Torkham crossing"),
        ("Police in Callao seized 12 kilograms of cocaine.", "Callao"),
    ],
)
def test_a_port_airport_or_crossing_is_the_figures_place(sentence: str, place: str) -> None:
    """A port, airport or border crossing named by its town is the most specific place of a
    figure there, before the town itself."""
    text = "Peru, Moldova and Afghanistan\n" + sentence + "\n"
    value = re.search(r"\d[\d,]*", sentence)
    assert value is not None
    assert fig(text, value.group().replace(",", ""), name="peru").place == place


def test_the_subject_after_a_source_or_an_occasion_acts() -> None:
    """ "According to the KPS, Surinamese authorities seized ...": the authorities act (the KPS
    reports); "National Guard units manually eradicated": the National Guard; a country that
    "produces" a crop does no work."""
    text = (
        "Suriname\nThe Government of Suriname (GOS) and the Korps Politie Suriname (KPS) work "
        "with INL. According to the KPS, Surinamese authorities seized 1,240 kilograms of "
        "cocaine in 2015. The National Guard (GN) units manually eradicated 18 hectares of coca. "
        "Suriname produces an estimated 300 metric tons of cannabis a year.\n"
    )
    by_value = {m.value: m for m in figures(text, name="suriname")}
    assert by_value[Decimal(1240)].agency == "Government of Suriname"
    assert by_value[Decimal(1240)].reported_by in ("KPS", "Korps Politie Suriname")
    assert by_value[Decimal(18)].agency == "GN"
    assert by_value[Decimal(300)].agency is None


def test_the_program_or_the_witness_as_subject_is_the_lead_agencys() -> None:
    """In testimony "Under this project we have trained 600", "the project has trained 2,600"
    and "Our canine program has certified 64 teams" are the witness's bureau's work."""
    text = (
        "Testimony of the Deputy Assistant Secretary, Bureau of International Narcotics and Law "
        "Enforcement Affairs (INL), 2019\n\n"
        "Under this project we have trained more than 600 personnel from the Navy. Since 2014, "
        "the project has trained 2,600 police officers. Our canine program has certified 64 "
        "detection teams at ports of entry.\n"
    )
    by_value = {m.value: m.agency for m in figures(text, name="sri-lanka-testimony-2019")}
    assert by_value[Decimal(600)] == "INL"
    assert by_value[Decimal(2600)] == "INL"
    assert by_value[Decimal(64)] == "INL"


@pytest.mark.parametrize(
    "sentence",
    [
        "Lagos State has trained 300 community police officers.",
        "Shan State accounts for 80 percent of poppy cultivation.",
        "State prosecutors filed 300 cases.",
        "State officials seized 3 tons of cocaine.",
    ],
)
def test_state_after_a_name_or_before_a_noun_is_not_the_department(sentence: str) -> None:
    """Only "State" opening a clause before a verb is GAO's Department of State."""
    text = GAO_STATE + sentence + "\n"
    facts = facts_of(text, name="west-bank-gao-highlights")
    dos = facts.organization("Department of State")
    assert dos is not None
    assert [s.quote for s in dos.mentions].count("State") == 1  # GAO_STATE's own
    assert all(m.agency != "Department of State" for m in facts.measurements if m.value != 11)


def test_descriptive_participles_and_later_clauses_are_not_subjectless_items() -> None:
    """ "• Estimated coca cultivation: 200,000 hectares" and "• Armed groups killed 300" say
    nothing the lead agency did; in "• Trained 850 officers; the FARC killed 40 soldiers" the
    item's subject left out reaches only its own clause."""
    text = (
        "Colombia: INL Program Overview\n"
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) supports "
        "Colombia.\n\nResults\n"
        "• Estimated coca cultivation: 200,000 hectares\n"
        "• Armed groups killed 300 social leaders\n"
        "• Trained 850 officers; the FARC dissidents killed 40 soldiers\n"
    )
    by_value = {m.value: m.agency for m in figures(text, name="colombia")}
    assert by_value[Decimal(200000)] is None
    assert by_value[Decimal(300)] is None
    assert by_value[Decimal(850)] == "INL"
    assert by_value[Decimal(40)] is None


def test_generic_subjects_of_another_country_or_a_noun_compound_credit_no_one() -> None:
    """ "Bolivian police arrested" in a Peru sheet is not Peru's police; "Police salaries rose"
    and "Peru accounts for 60 percent" are no one's work; "The police dismantled" is."""
    head = (
        "Peru\nThe Bureau of International Narcotics and Law Enforcement Affairs (INL) and the "
        "Peruvian National Police (PNP) work together.\n"
    )
    text = head + (
        "Bolivian police arrested 40 traffickers. Police salaries rose 10 percent. The police "
        "dismantled 24 laboratories.\n"
    )
    by_value = {m.value: m.agency for m in figures(text, name="peru")}
    assert by_value[Decimal(40)] is None
    assert by_value[Decimal(10)] is None
    assert by_value[Decimal(24)] == "PNP"


def test_an_indicator_needs_its_label_and_a_request_its_fiscal_year() -> None:
    """ "The police achieved 95 percent of its goal" is no indicator; "Mexico's extradition
    request will cover 12 fugitives" is no budget request."""
    text = (
        "Mexico\nThe Bureau of International Narcotics and Law Enforcement Affairs (INL) "
        "supports Mexico.\nThe Federal Police achieved 95 percent of its eradication goal. "
        "Mexico's extradition request will cover 12 fugitives.\n"
    )
    by_value = {m.value: m.agency for m in figures(text, name="mexico")}
    assert by_value[Decimal(95)] != "INL"
    assert by_value[Decimal(12)] is None


def test_tables_by_agency_do_not_reach_other_tables() -> None:
    """A table by agency makes its rows those agencies'; a budget table elsewhere in the
    document keeps the bureau's credit, and a row of two far-apart years is no header."""
    text = GAO_TABLE + (
        "\nThe request is described below.\n\nINL Budget by Account ($ in thousands)\n"
        "                 FY 2019    FY 2020\n"
        "INCLE             14,500     15,250\n"
        "Maritime Interdiction   1998   2015\n"
    )
    by_value = {m.value: m for m in figures(text, name="afghanistan-gao-highlights")}
    assert by_value[Decimal(38600000)].agency == "USAID"
    assert by_value[Decimal(14500000)].agency == "INL"
    assert by_value[Decimal(14500000)].year == 2019
    assert by_value[Decimal(1998000)].year == 2019


def test_a_port_named_as_a_destination_is_not_where_the_figure_is() -> None:
    """ "Police in Lima seized 5 tons destined for the port of Callao": the seizure was in Lima."""
    text = "Peru\nPolice in Lima seized 5 metric tons of cocaine destined for the port of Callao.\n"
    assert fig(text, 5, name="peru").place == "Lima"


def test_a_list_of_places_with_an_acronym_is_no_organization() -> None:
    """ "Colombia, Ecuador and Peru (CEP)": the comma continuation needs a body's head noun."""
    names = org_names("INL works with Colombia, Ecuador and Peru (CEP) on border security.\n")
    assert not any("Ecuador" in n for n in names)


@pytest.mark.parametrize(
    ("name", "sentence", "value", "unit"),
    [
        ("canada", "Canada pledged C$5 million to the program.", "5000000", "cad"),
        ("nicaragua", "The police received C$5 million.", "5000000", "nio"),
        ("venezuela", "Authorities seized Bs. 40 million in cash.", "40000000", "ves"),
        ("bolivia", "Authorities seized Bs. 40 million in cash.", "40000000", "bob"),
    ],
)
def test_shared_dollar_and_bolivar_signs_are_the_countrys(
    name: str, sentence: str, value: str, unit: str
) -> None:
    """ "C$" and "Bs." name several currencies: the program country's decides."""
    text = f"{name.title()}\n{sentence}\n"
    assert fig(text, value, name=name).unit == unit


def test_jd_before_a_year_is_no_currency() -> None:
    """ "His JD 2005 at Georgetown" is a degree: "JD" is the dinar only before an amount."""
    text = "Jordan\nThe advisor earned his JD 2005 at Georgetown and JD 2.1 million was spent.\n"
    units = {m.value: m.unit for m in figures(text, name="jordan")}
    assert units.get(Decimal(2005)) != "jod"
    assert units[Decimal(2100000)] == "jod"


def test_an_amount_and_its_conversion_are_one_fact() -> None:
    """ "1.3 billion gourdes (about $9.9 million) ... in 2024": both amounts take the year
    written after the conversion and the agency credited with the amount; a partner's budget
    converted into dollars is not the bureau's funding."""
    text = (
        "Haiti\nWith INL-funded mentoring, the Haitian National Police (HNP) froze assets worth "
        "1.3 billion gourdes (about $9.9 million) linked to gang financing in 2024.\n"
    )
    amount, converted = fig(text, 1300000000, name="haiti"), fig(text, 9900000, name="haiti")
    assert (amount.year, converted.year) == (2024, 2024)
    assert amount.agency == converted.agency == "INL"
    text = (
        "Lebanon\nINL supports the Internal Security Forces (ISF). The Government of Lebanon's "
        "budget allocated roughly LBP 1.35 trillion (about $895 million) to the ISF.\n"
    )
    amount = fig(text, 1350000000000, name="lebanon")
    assert fig(text, 895000000, name="lebanon").agency == amount.agency != "INL"


def test_a_share_of_them_is_credited_like_its_whole() -> None:
    """ "INL has established 157 performance indicators, but GAO found that about 40 percent of
    them measured outputs": the share is of the bureau's indicators, whoever found it."""
    text = (
        "Mexico\nThe Government Accountability Office (GAO) reviewed INL. INL has established 157 "
        "performance indicators, but GAO found that about 40 percent of them measured outputs.\n"
    )
    assert fig(text, 157, name="mexico").agency == "INL"
    assert fig(text, 40, name="mexico").agency == "INL"


def test_a_count_of_them_past_another_unit_or_after_a_plural_noun() -> None:
    """ "received 2,315 reports in 2021, up 18 percent from 2020, and referred 212 of them": the
    part counts, and is dated, as the count before it past the percent between them; "judges,
    19 of whom have been appointed" counts judges; "Courts convicted 131 of them" counts the
    persons the sentence before charged."""
    text = (
        "Angola\nThe FIU received 2,315 suspicious transaction reports (STRs) in 2021, up 18 "
        "percent from 2020, and referred 212 of them to law enforcement. INL supports "
        "specialized anti-corruption judges, 19 of whom have been appointed to date. The AGC "
        "charged 162 persons. Courts convicted 131 of them that year.\n"
    )
    part = fig(text, 212, name="angola")
    assert (part.unit, part.counted, part.year) == ("count", "suspicious transaction report", 2021)
    assert fig(text, 19, name="angola").counted == "judge"
    assert fig(text, 131, name="angola").counted == "person"


def test_remarks_speak_for_the_lead_agency_and_date_what_they_announce() -> None:
    """An official's remarks: "Today, on behalf of ... INL, I am pleased to hand over 20
    motorcycles" and "Since then, we've trained 1,600 officers" are the bureau's work, and what
    the remarks announce today is of the year they are dated."""
    text = (
        "Remarks by U.S. Ambassador A. Name\nHandover of Equipment to the Ghana Police Service\n"
        "Accra, March 17, 2022\n\n"
        "INL began its work with the Ghana Police Service (GPS) in 2015. Since then, we've "
        "trained more than 1,600 Ghanaian officers. Today, on behalf of the American people and "
        "the Bureau of International Narcotics and Law Enforcement Affairs, or INL, I am pleased "
        "to hand over 20 motorcycles to the GPS.\n"
    )
    trained, handed = fig(text, 1600, name="ghana"), fig(text, 20, name="ghana")
    assert (trained.agency, handed.agency) == ("INL", "INL")
    assert handed.year == 2022


def test_what_remarks_hand_over_this_morning_is_of_their_year() -> None:
    text = (
        "Remarks by U.S. Ambassador A. Name\nWildlife Crime Course Graduation\n"
        "Libreville, June 8, 2017\n\n"
        "This morning, through INL, we are also handing over 5 new and 3 refurbished pickup "
        "trucks and 40 GPS units for ANPN rangers.\n"
    )
    assert fig(text, 40, name="gabon").year == 2017


def test_a_number_in_words_repeated_in_digits_is_one_figure() -> None:
    """ "forty (40) Toyota vehicles", "seventy-one million (71,000,000) tablets": one figure
    each, counting what follows the digits; digits that differ from the words are no repeat."""
    text = (
        "Thailand\nINL provided forty (40) Toyota four-wheel-drive vehicles. In 2000 police "
        "seized seventy-one million (71,000,000) methamphetamine tablets.\n"
    )
    vehicles = fig(text, 40, name="thailand")
    assert (vehicles.counted, vehicles.span.quote) == (
        "vehicle",
        "forty (40) Toyota four-wheel-drive vehicles",
    )
    assert fig(text, 71000000, name="thailand").counted == "methamphetamine tablet"
    assert not [m for m in figures(text, name="thailand") if m.value in (Decimal(41), 1)]


@pytest.mark.parametrize(
    "note",
    ["(millions of current U.S. dollars)", "(millions of dollars)", "(US$ million)"],
)
def test_a_table_in_millions_of_dollars_under_fiscal_year_columns(note: str) -> None:
    """A CRS-style table: "Account  FY2020  FY2021" under a note "(millions of dollars)"; each
    cell is its column's year's amount, in dollars."""
    text = (
        f"Ecuador\nTable 1. U.S. Assistance to Ecuador by Account\n{note}\n\n"
        "Account    FY2020    FY2021\nINCLE        14.5      22.0\nTotal        33.5   1,050.0\n"
    )
    cells = {(m.value, m.year) for m in figures(text, name="ecuador") if m.unit == "usd"}
    assert cells == {
        (Decimal(14500000), 2020),
        (Decimal(22000000), 2021),
        (Decimal(33500000), 2020),
        (Decimal(1050000000), 2021),
    }


def test_a_table_laid_out_one_cell_a_line_as_pdf_text_gives_it() -> None:
    """GAO table text taken from a PDF: each cell a line of its own under "Dollars in
    millions", the status date in the title above the note."""
    text = (
        "Mexico\nTable 2: Status of Funds for Mexico by Category, as of March 31,\n2011\n"
        "Dollars in millions\nCategory\nAppropriated\nObligated\nAircraft\n$590.5\n$528.0\n"
        "Total\n$1,600.0\n$1,100.0\n"
    )
    cells = {(m.value, m.year) for m in figures(text, name="mexico") if m.unit == "usd"}
    assert cells == {
        (Decimal(590500000), 2011),
        (Decimal(528000000), 2011),
        (Decimal(1600000000), 2011),
        (Decimal(1100000000), 2011),
    }


@pytest.mark.parametrize(
    ("sentence", "value", "counted"),
    [
        # a part of a named possessor's whole
        ("Repairs returned four of the Haitian Coast Guard's seven boats.", 4, "boat"),
        ("State turned over 8 of the Colombian Army's 33 helicopters.", 8, "helicopter"),
        # a level before "to as many as"
        ("Eradication teams will grow from 23 to as many as 60 teams.", 23, "team"),
        # what "a rise in ..." rose in counts both levels
        (
            "Officers contributed to a rise in convictions from 212 in 2019 to 347 in 2020.",
            212,
            "conviction",
        ),
        (
            "Officers contributed to a rise in convictions from 212 in 2019 to 347 in 2020.",
            347,
            "conviction",
        ),
        # an earlier level compared with
        ("The unit filed 187 reports in 2024, compared with 152 the previous year.", 152, "report"),
        ("Prosecutors filed 14 indictments in 2006, compared with nine in 2004.", 9, "indictment"),
    ],
)
def test_a_bare_number_counts_what_its_whole_or_level_counts(
    sentence: str, value: int, counted: str
) -> None:
    """A number with no noun of its own counts what the figure it is a part of, a level of or
    compared with counts."""
    assert fig(f"Haiti\n{sentence}\n", value, name="haiti").counted == counted


def test_an_earlier_level_compared_with_is_credited_and_dated_like_its_figure() -> None:
    """ "SEPRELAD disseminated 187 reports in 2024, compared with 152 the previous year": 152
    is SEPRELAD's too, of 2023."""
    text = (
        "Paraguay\nINL trains analysts of the Secretariat for the Prevention of Money Laundering "
        "(SEPRELAD). SEPRELAD disseminated 187 reports in 2024, compared with 152 the previous "
        "year.\n"
    )
    now, before = fig(text, 187, name="paraguay"), fig(text, 152, name="paraguay")
    assert (now.year, before.year) == (2024, 2023)
    assert before.agency == now.agency == "SEPRELAD"


@pytest.mark.parametrize(
    ("sentence", "value", "counted"),
    [
        ("INL delivered 40 armored vehicles to the police.", 40, "armored vehicle"),
        ("More than 120 armed groups operate in the east.", 120, "armed group"),
        ("Police dismantled eight organized crime groups.", 8, "organized crime group"),
        ("INL provided 140 hand-held radios.", 140, "radio"),
        ("Police dismantled 14 clandestine laboratories.", 14, "laboratory"),
        # a word in -ing names an activity, the kind of thing; a listed participle describes
        ("The FIU opened 19 money laundering cases.", 19, "money laundering case"),
        ("The Navy boarded 27 fishing vessels.", 27, "fishing vessel"),
        ("INL donated 12 thermal imaging cameras.", 12, "thermal imaging camera"),
        ("The courts hold 1,600 pending cases.", 1600, "case"),
        ("The unit has only three working boats.", 3, "boat"),
    ],
)
def test_a_classifying_adjective_stays_in_the_counted_noun(
    sentence: str, value: int, counted: str
) -> None:
    """ "armored vehicles", "armed groups", "organized crime groups", "money laundering
    investigations" name kinds of thing; a describing adjective ("clandestine", "hand-held")
    or participle ("pending", "working") does not."""
    assert fig(f"Kenya\n{sentence}\n", value).counted == counted


def test_individuals_are_counted_as_written_people_as_persons() -> None:
    """ "charged 41 individuals" counts individuals (as the text says); "300 people" and "50
    personnel" count persons."""
    text = "Kenya\nProsecutors charged 41 individuals. INL trained 300 people and 50 personnel.\n"
    assert fig(text, 41).counted == "individual"
    assert fig(text, 300).counted == fig(text, 50).counted == "person"


def test_a_rate_counts_its_numerator_and_keeps_the_rate_in_its_subject() -> None:
    """ "up to 20 trucks per hour": 20 trucks, the subject "trucks per hour"; "lives" are
    lives."""
    text = "Kenya\nEach scanner can inspect up to 20 trucks per hour. Floods cost 12 lives.\n"
    trucks = fig(text, 20)
    assert (trucks.counted, trucks.subject) == ("truck", "trucks per hour")
    assert trucks.span.quote == "up to 20 trucks per hour"
    assert fig(text, 12).counted == "life"


def test_a_span_of_years_opens_the_clause_of_its_subject() -> None:
    """ "From fiscal years 2011 through 2018, State allocated $183 million": the department
    allocated it, not its bureau; an identifier or a curriculum is no organization."""
    text = (
        "Tunisia\nGAO reviewed the Department of State's (State) Bureau of International "
        "Narcotics and Law Enforcement Affairs (INL). From fiscal years 2011 through 2018, "
        "State allocated approximately $183 million for Tunisia. Grantees need a Unique Entity "
        "Identifier (UEI).\n"
    )
    assert fig(text, 183000000, name="tunisia").agency == "Department of State"
    assert not {"Unique Entity Identifier", "UEI"} & org_names(text, name="tunisia")


def test_a_quoted_sentence_keeps_its_opening_year() -> None:
    """'"In 2022, our forces seized 3.4 metric tons," the minister said': 2022."""
    text = (
        "Cote d'Ivoire\nINL supports the police. \"In 2022, our forces seized 3.4 metric tons of "
        'cocaine," the minister said.\n'
    )
    assert fig(text, "3.4", name="cote-divoire").year == 2022


def test_a_statistics_table_under_a_header_of_years() -> None:
    """An INCSR statistics table: years as columns (latest first), each row's unit from its
    label ("(ha)", "(mt)") or the noun it counts ("Labs Destroyed"), a section row without
    numbers, and the source line naming who reported the cells."""
    text = (
        "Bolivia\nThe Bolivian National Police (BNP) leads interdiction.\n\n"
        "Bolivia Statistics (1993-1995)\n\n"
        "                                 1995      1994      1993\n"
        "Coca\n"
        "  Net Cultivation (ha)         48,600    48,100    47,200\n"
        "Seizures\n"
        "  Cocaine HCl (mt)                3.2       6.0       2.6\n"
        "Labs Destroyed                  1,879     1,442     1,054\n\n"
        "Source: BNP.\n"
    )
    cells = {
        (m.value, m.unit, m.counted, m.year, m.reported_by)
        for m in figures(text, name="bolivia")
        if m.year is not None
    }
    police = "Bolivian National Police"
    assert (Decimal(48600), "hectare", None, 1995, police) in cells
    assert (Decimal(47200), "hectare", None, 1993, police) in cells
    assert (Decimal("2.6"), "metric-ton", None, 1993, police) in cells
    assert (Decimal(1442), "count", "lab", 1994, police) in cells
    assert len(cells) == 9
    assert fig(text, 48600, name="bolivia").subject == "Net Cultivation"


def test_a_table_by_year_counts_what_its_columns_name() -> None:
    """ "Fiscal year    Aircraft    Flight hours" over "2019    88    24,310": each cell of its
    row's year, counting its column's noun; a budget table's source names no reporter."""
    text = (
        "Colombia\nINL supports the fleet.\n\nFiscal year    Aircraft    Flight hours\n"
        "2019              88         24,310\n2020              83         21,760\n\n"
        "INL FUNDING FOR COLOMBIA (INCLE, $ millions)\nFY 2019      FY 2020\n  2.0          3.5\n"
        "Source: GAO analysis of INL data.\n"
    )
    cells = {(m.value, m.unit, m.counted, m.year) for m in figures(text, name="colombia")}
    assert {
        (Decimal(88), "count", "aircraft", 2019),
        (Decimal(24310), "count", "flight hour", 2019),
        (Decimal(21760), "count", "flight hour", 2020),
        (Decimal(2000000), "usd", None, 2019),
        (Decimal(3500000), "usd", None, 2020),
    } <= cells
    assert all(m.reported_by is None for m in figures(text, name="colombia"))


def test_the_parts_a_sentence_lists_are_credited_like_their_whole() -> None:
    """ "Tajik authorities seized 4,862 kilograms ... Seizures included 312 kilograms of
    heroin, 97 kilograms of opium": the parts are the same authorities' seizures."""
    text = (
        "Tajikistan\nINL supports the Drug Control Agency (DCA). According to the DCA, Tajik "
        "authorities seized 4,862 kilograms of illicit drugs in 2023. Seizures included 312 "
        "kilograms of heroin and 97 kilograms of opium.\n"
    )
    whole = fig(text, 4862, name="tajikistan")
    assert whole.agency is not None
    assert fig(text, 312, name="tajikistan").agency == whole.agency
    assert fig(text, 97, name="tajikistan").agency == whole.agency


def test_an_indicator_laid_out_in_fiscal_year_lines() -> None:
    """A numbered indicator with its values on indented fiscal-year lines, two to a line:
    each value counts the indicator's noun, of its label's fiscal year; a label in running
    text ("...; FY 2023 result: 58 percent") dates its figure too."""
    text = (
        "Morocco\nINL trains the police.\n\n"
        "Indicator 1: Number of DGSN investigators certified in evidence techniques\n"
        "   FY 2010 Baseline: 0\n"
        "   FY 2011 Target: 80      FY 2011 Result: 96\n"
        "   FY 2012 Target: 200     FY 2013 Target: 450\n\n"
        "Indicator 2: share of cases closed; FY 2023 result: 58 percent; FY 2025 target: 65 "
        "percent.\n"
    )
    got = {(m.value, m.counted, m.year) for m in figures(text, name="morocco")}
    assert {
        (Decimal(0), "investigator", 2010),
        (Decimal(80), "investigator", 2011),
        (Decimal(96), "investigator", 2011),
        (Decimal(200), "investigator", 2012),
        (Decimal(450), "investigator", 2013),
        (Decimal(58), None, 2023),
        (Decimal(65), None, 2025),
    } <= got


def test_a_partner_named_before_the_subject_does_not_take_its_place() -> None:
    """ "Working with the U.S. Department of Justice, we have trained 1,250 police officers":
    in testimony the witness's bureau trained them."""
    text = (
        "Testimony of A. Witness, Bureau of International Narcotics and Law Enforcement Affairs "
        "(INL)\n\nWorking with the U.S. Department of Justice, we have trained 1,250 police "
        "officers in community policing.\n"
    )
    assert fig(text, 1250, name="sri-lanka-testimony").agency == "INL"


@pytest.mark.parametrize(
    ("sentence", "value", "agency"),
    [
        # a month of the year under report opens the clause
        (
            "In September the Ministry of Government dismissed 73 agents for corruption.",
            73,
            "Ministry of Government",
        ),
        # an organization's possessive before the subject
        (
            "The Cyprus Police's Economic Crime Investigation Office opened 64 investigations.",
            64,
            "Economic Crime Investigation Office",
        ),
        # what the subject is, in apposition before its name
        (
            "Paraguay's financial intelligence unit, the Secretariat for the Prevention of Money "
            "Laundering (SEPRELAD), received 48,912 reports.",
            48912,
            "SEPRELAD",
        ),
    ],
)
def test_the_subject_after_a_month_a_possessive_or_an_apposition_acts(
    sentence: str, value: int, agency: str
) -> None:
    """A month, an organization's possessive or an apposition before the subject does not
    hide it: the named body did the work."""
    text = f"Cyprus\nINL supports the country's police.\n{sentence}\n"
    assert fig(text, value, name="cyprus").agency == agency


@pytest.mark.parametrize(
    ("sentence", "value", "agency"),
    [
        # a second verb of one subject, in an irregular past tense
        (
            "The Financial Analysis Unit (UAF) received 9,874 suspicious transaction reports in "
            "2021, and sent 412 intelligence reports to the Public Ministry.",
            412,
            "UAF",
        ),
        ("The Cyprus Police (CYPOL) arrested 50 people, and froze 12 bank accounts.", 12, "CYPOL"),
        # the period under report before the subject
        (
            "During the year the Public Prosecution Service (PPS) charged 37 port workers.",
            37,
            "PPS",
        ),
        # an organization's people where they work: "officers there"
        (
            "The Customs Department (CD) guards the port; CD officers there seized 4.7 metric "
            "tons of cocaine.",
            Decimal("4.7"),
            "CD",
        ),
        # a subject that brought people somewhere acted; one that brings them together did not
        (
            "The Cyprus Police (CYPOL) brought 18 detectives to the academy in Nicosia.",
            18,
            "CYPOL",
        ),
        ("The Cyprus Police (CYPOL) brings together 24 officers from five agencies.", 24, None),
        # what a prison service holds is nobody's work, though its subject runs the prisons
        (
            "The Cyprus Prison Department (CPD) runs the central prison, and held about 1,650 "
            "inmates at the end of 2022.",
            1650,
            None,
        ),
    ],
)
def test_the_subjects_second_verb_and_the_period_before_it(
    sentence: str, value: object, agency: str | None
) -> None:
    """The subject of a clause is credited with its second verb's figure ("..., and sent 412
    reports") and past an opening "During the year"; not with what a prison holds."""
    text = f"Cyprus\nINL supports the country's police.\n{sentence}\n"
    assert fig(text, value, name="cyprus").agency == agency


def test_a_province_named_with_city_is_the_city() -> None:
    """ "Quezon City", "Cebu City": the city of that name, not the province it opens with."""
    text = (
        "Philippines\nPolice in Cebu City seized 40 kilograms of shabu in 2019.\n"
        "INL trained 25 officers in Quezon City.\n"
    )
    assert fig(text, 40, name="philippines").place == "Cebu City"
    assert fig(text, 25, name="philippines").place == "Quezon City"
    assert {"Quezon City", "Cebu City"} <= {p.name for p in facts_of(text, "philippines").places}


@pytest.mark.parametrize(
    ("sentence", "value", "change"),
    [
        ("Trust in the police rose by 21 percentage points.", 21, Change.INCREASE),
        ("The share of cases fell 4.5 percentage points in 2019.", Decimal("4.5"), Change.DECREASE),
        # a difference from a baseline is a rise (cfd570a: the writers' "20 percent above the
        # FY 2009 baseline" is an increase)
        ("Conviction rates stand 12 percentage points above the baseline.", 12, Change.INCREASE),
        ("Conviction rates stand at 12 percentage points.", 12, None),
    ],
)
def test_percentage_points_are_not_percent(sentence: str, value: object, change: object) -> None:
    """A difference of two percents counts percentage points: "rose by 21 percentage points"
    is not a 21 percent (relative) rise, and its measured property is the share's."""
    text = f"Peru\nINL supports the police.\n{sentence}\n"
    f = fig(text, value, name="peru")
    assert (f.unit, f.counted, f.change) == ("count", "percentage point", change)
    assert measured_property(f) == "share"


@pytest.mark.parametrize(
    ("sentence", "value", "year"),
    [
        # a second verb of the clause's subject
        (
            "Mobile courts heard 340 cases in Ituri Province in 2022, about two-thirds of which "
            "involved SGBV, and secured 210 convictions.",
            210,
            2022,
        ),
        ("Teams eradicated some 95,000 hectares in 2008, but suffered 26 deaths.", 26, 2008),
        # a second object of the verb, past a baseline with a year of its own
        (
            "Federal forces seized 9.1 metric tons of cocaine in 2022, up from 6.3 metric tons "
            "in 2021, and more than 180 metric tons of marijuana.",
            180,
            2022,
        ),
        # not a new clause with a subject and time of its own
        (
            "The homicide rate fell to 15.3 per 100,000 in 2020, yet extortion remains "
            "pervasive, and fewer than 10 percent of reported crimes end in a conviction.",
            10,
            None,
        ),
        (
            "The homicide rate climbed to 24.7 per 100,000 in 2022, and more than 400 inmates "
            "have been killed in prison riots since February 2021.",
            400,
            None,
        ),
        ("Police seized 12 tons in 2019, and in 2020 they seized 15 tons.", 12, 2019),
    ],
)
def test_a_figure_takes_the_year_of_its_subjects_earlier_figure(
    sentence: str, value: int, year: int | None
) -> None:
    """The year of what the clause's subject did earlier in the sentence carries to its next
    verb or object, not to a new clause or past a baseline's year."""
    text = f"Colombia\nINL supports the police.\n{sentence}\n"
    assert fig(text, value, name="colombia").year == year


@pytest.mark.parametrize(
    ("sentence", "value", "year"),
    [
        (
            "Authorities seized 118 metric tons of cannabis resin in the first half of 2011.",
            118,
            2011,
        ),
        (
            "In the first nine months of 2019, police answered some 2.1 million calls.",
            2100000,
            2019,
        ),
        (
            "During the last quarter of fiscal year 2024, the unit conducted 412 operations.",
            412,
            2024,
        ),
        (
            "The Coast Guard seized 310 kilograms of heroin in the first eight months of 2019.",
            310,
            2019,
        ),
        ("Officers seized 19 kilograms of heroin in all of 2001.", 19, 2001),
    ],
)
def test_a_part_of_a_year_dates_the_figure(sentence: str, value: int, year: int) -> None:
    """ "In the first half of 2011" is not a figure, but it dates the figure it frames."""
    text = f"Morocco\nINL supports the police.\n{sentence}\n"
    f = fig(text, value, name="morocco")
    assert f.year == year
    assert all(m.value not in (1, 9) for m in facts_of(text, "morocco").measurements)


@pytest.mark.parametrize(
    ("sentence", "value", "counted", "year"),
    [
        ("Statistics show that murders fell 22 percent in 2024, to 1,087.", 1087, "murder", 2024),
        (
            "Homicides declined by 38 percent from 2017 to 2018, to 3,340, police say.",
            3340,
            "homicide",
            2018,
        ),
        (
            "The number of poppy-free provinces increased from 13 to 20 over the same period.",
            20,
            "province",
            None,
        ),
    ],
)
def test_the_level_a_change_reached_is_a_figure(
    sentence: str, value: int, counted: str, year: int | None
) -> None:
    """A bare number after a change ("fell 22 percent in 2024, to 1,087") or after "from N
    to" is the level reached: it counts what changed, in the change's year."""
    text = f"Jamaica\nINL supports the police.\n{sentence}\n"
    f = fig(text, value, name="jamaica")
    assert (f.unit, f.counted, f.change, f.year) == ("count", counted, None, year)


def test_or_inside_a_name_its_acronym_closes() -> None:
    """ "Secretariat for the Prevention of Money or Property Laundering (SEPRELAD)" is one
    name; "police or army units" are not joined."""
    text = (
        "Paraguay\nParaguay's financial intelligence unit, the Secretariat for the Prevention of "
        "Money or Property Laundering (SEPRELAD), received 48,912 reports in 2024. "
        "Customs or Army patrols seized 30 kilograms of cocaine.\n"
    )
    facts = facts_of(text, "paraguay")
    names = {o.name for o in facts.organizations}
    assert "Secretariat for the Prevention of Money or Property Laundering" in names
    assert not any(
        " or " in n
        for n in names - {"Secretariat for the Prevention of Money or Property Laundering"}
    )
    assert fig(text, 48912, name="paraguay").agency == "SEPRELAD"


def test_a_partner_acting_is_credited_in_a_document_without_a_us_agency() -> None:
    """A document that names no U.S. agency (a partner's or UNODC's report) still credits the
    organization acting in a figure's clause."""
    text = (
        "Peru\nThe National Police of Peru (PNP) seized 12 metric tons of cocaine in 2021. "
        "The United Nations Office on Drugs and Crime (UNODC) trained 40 prosecutors.\n"
    )
    assert fig(text, 12, name="peru").agency == "PNP"
    assert fig(text, 40, name="peru").agency == "UNODC"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "The Permanent Secretary of the Ministry of Home Affairs attended.",
            "Ministry of Home Affairs",
        ),
        (
            "Speaking for the Ministry of Internal Administration, the minister thanked INL.",
            "Ministry of Internal Administration",
        ),
        ("The Commissioner of the Customs Division opened the post.", "Customs Division"),
        (
            "Sergeant Abena Owusu of the Motor Traffic and Transport Department spoke.",
            "Motor Traffic and Transport Department",
        ),
    ],
)
def test_an_office_or_an_opening_verb_is_not_part_of_a_name(sentence: str, name: str) -> None:
    """A person's office before "of" ("Permanent Secretary of the ...") and a sentence's
    opening verb ("Speaking for the ...") stand before the body's name, not in it."""
    text = f"Zambia\nINL supports the police.\n{sentence}\n"
    names = {o.name for o in facts_of(text, "zambia").organizations}
    assert name in names
    assert not any(n.endswith(name) and n != name for n in names)


def test_a_title_line_naming_a_report_is_not_an_organization() -> None:
    """ "2020 INTERNATIONAL NARCOTICS CONTROL STRATEGY REPORT (INCSR)" names a document, in
    capitals as in lower case."""
    text = (
        "Vietnam\n2020 INTERNATIONAL NARCOTICS CONTROL STRATEGY REPORT (INCSR) - Volume I\n"
        "INL trained 40 police officers.\n"
    )
    names = {o.name for o in facts_of(text, "vietnam").organizations}
    assert not any("Report" in n or "REPORT" in n for n in names)


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "INL and U.S. Customs and Border Protection deliver port security training.",
            {"U.S. Customs and Border Protection"},
        ),
        (
            "The American Bar Association Rule of Law Initiative trains judges.",
            {"American Bar Association Rule of Law Initiative"},
        ),
        (
            "The Judicial Police (PJ) grew. The PJ and National Guard seized 40 kilograms.",
            {"National Guard"},
        ),
        ("The Colombo Plan trains counselors.", {"Colombo Plan"}),
    ],
)
def test_well_known_names_stay_whole_and_an_acronym_before_and_is_a_name(
    sentence: str, names: set[str]
) -> None:
    """A well-known organization's full name holds its "and" and needs no head noun; an
    acronym before "and" is a whole name, not the start of a longer one."""
    text = f"Chile\nINL supports the police.\n{sentence}\n"
    found = {o.name for o in facts_of(text, "chile").organizations}
    assert names <= found
    assert not any(n.startswith(("INL and", "PJ and")) for n in found)


def test_a_command_is_a_body_and_brazils_gangs_are_armed_groups() -> None:
    """ "Border Guard Command" is a force's name (not "Border Guard"); the First Capital
    Command and the Red Command are criminal groups."""
    text = (
        "Brazil\nINL trained 40 officers of the Vietnam Border Guard Command. Groups such as "
        "the First Capital Command (PCC) and the Red Command traffic cocaine.\n"
    )
    kinds = {o.name: o.kind for o in facts_of(text, "brazil").organizations}
    assert kinds["Vietnam Border Guard Command"] == OrgKind.SECURITY_FORCE
    assert kinds["First Capital Command"] == OrgKind.ARMED_GROUP
    assert kinds["Red Command"] == OrgKind.ARMED_GROUP


def test_a_committee_is_named_with_its_chamber() -> None:
    """GAO's "a report to the Chairman, Committee on Foreign Affairs, House of
    Representatives" names the committee with its chamber (its own name an alias)."""
    text = (
        "Benin\nHighlights of GAO-18-207, a report to the Chairman, Committee on Foreign "
        "Affairs, House of Representatives\nINL trained 40 police officers.\n"
    )
    orgs = {o.name: o.aliases for o in facts_of(text, "benin").organizations}
    assert (
        "Committee on Foreign Affairs"
        in orgs["Committee on Foreign Affairs, House of Representatives"]
    )


def test_an_acronym_naming_a_treaty_is_not_the_organization_acting() -> None:
    """ "a party to the 1988 UN Drug Convention" names a treaty, not the UN; "the UNODC World
    Drug Report" is UNODC's, and "the UN trained" is the UN acting."""
    treaty = "Laos\nLaos is a party to the 1988 UN Drug Convention.\n"
    assert not facts_of(treaty, "laos").organizations
    report = (
        "Laos\nThe UNODC World Drug Report 2020 estimated that 269 million people used drugs.\n"
    )
    assert [o.name for o in facts_of(report, "laos").organizations] == [
        "United Nations Office on Drugs and Crime"
    ]
    acting = "Laos\nLaos is a party to the 1988 UN Drug Convention. The UN trained 40 police.\n"
    assert [o.name for o in facts_of(acting, "laos").organizations] == ["United Nations"]


def test_the_us_government_by_its_initials_and_not_inside_gaos_name() -> None:
    """ "USG estimates" name the U.S. Government (with "USG" as the text's alias); the
    "United States Government Accountability Office" is GAO, not also the government."""
    usg = "Bolivia\nUSG estimates put coca cultivation at 25,400 hectares in 2005.\n"
    assert [(o.name, o.aliases) for o in facts_of(usg, "bolivia").organizations] == [
        ("U.S. Government", ("USG",))
    ]
    gao = "Costa Rica\nUnited States Government Accountability Office\nINL gave 2 boats.\n"
    names = {o.name for o in facts_of(gao, "costa-rica").organizations}
    assert "United States Government Accountability Office" in names
    assert "U.S. Government" not in names


def test_united_states_and_us_spell_one_organization() -> None:
    """ "United States Government Accountability Office" and GAO (whose known name is "U.S.
    Government Accountability Office") are one node."""
    text = (
        "Costa Rica\nUnited States Government Accountability Office\nWhy GAO Did This Study\n"
        "GAO reviewed INL's assistance. INL gave 2 boats.\n"
    )
    orgs = [o for o in facts_of(text, "costa-rica").organizations if "Accountability" in o.name]
    assert [(o.name, o.aliases) for o in orgs] == [
        ("United States Government Accountability Office", ("GAO",))
    ]


def test_the_bureau_for_and_the_bureau_of_are_one_bureau() -> None:
    """Older sheets write "Bureau for International Narcotics and Law Enforcement Affairs":
    the same bureau as INL, one node."""
    text = (
        "Laos\nThe Bureau for International Narcotics and Law Enforcement Affairs funds "
        "the program. INL trained 40 officers.\n"
    )
    orgs = [o for o in facts_of(text, "laos").organizations if "Narcotics" in o.name]
    assert len(orgs) == 1 and "INL" in orgs[0].aliases


def test_a_place_named_with_river_is_the_river() -> None:
    """ "the Putumayo River" is the river (a region of the country), not the department it
    shares its name with."""
    text = "Colombia\nINL delivered 12 patrol boats for the Putumayo River in 2019.\n"
    assert fig(text, 12, name="colombia").place == "Putumayo River"


def test_a_year_after_since_is_not_the_figures_year() -> None:
    """ "60 officers graduated, the fourth class since it began in 2021": 2021 is when the
    course began, not the year of the figure."""
    text = (
        "Ghana\nINL supports the police.\nAt the same ceremony, 60 officers of the National "
        "Police and the Gendarmerie graduated from a 10-week criminal investigations course, the "
        "fourth class to complete the course since it began in 2021; it has now trained 215 "
        "investigators.\n"
    )
    assert fig(text, 60, name="ghana").year is None


def test_another_us_agency_in_a_later_clause_does_not_take_the_leads_credit() -> None:
    """ "INL-funded instructors delivered a four-week course ..., and the U.S. Coast Guard
    provided spare parts": the course is INL's; the Coast Guard acts in another clause."""
    text = (
        "Trinidad and Tobago\nINL supports the coast guard.\nIn 2019, INL-funded instructors "
        "delivered a four-week maritime interdiction course to TTCG boarding officers, and the "
        "U.S. Coast Guard provided spare parts.\n"
    )
    assert fig(text, 4, name="trinidad-and-tobago").agency == "INL"


@pytest.mark.parametrize(
    ("phrase", "counted"),
    [
        ("19 Mobile Gamma Ray Units", "mobile gamma ray unit"),
        ("two Resident Legal Advisors", "resident legal advisor"),
        ("16 Jamaica Customs Officers", "customs officer"),
        ("75 Honduran Prosecutors", "prosecutor"),
        ("60 Ivorian Investigators", "investigator"),
        ("40 Marine Police officers", "officer"),
        ("4 New Vehicles", "vehicle"),
    ],
)
def test_a_kind_named_in_title_case_is_counted_whole(phrase: str, counted: str) -> None:
    """A title-case plural counts the kind its title-case words name ("Mobile Gamma Ray
    Units"), without a country's or a people's name, "New", or a force named before its
    members."""
    text = f"Panama\nINL supports the police.\nIn 2020 INL trained or donated {phrase}.\n"
    first = phrase.split()[0]
    value = 2 if first == "two" else int(first)
    assert fig(text, value, name="panama").counted == counted


def test_a_plural_acronym_counts_what_it_abbreviates() -> None:
    """ "1,200 STRs" after "suspicious transaction reports (STRs)" counts suspicious
    transaction reports, not "STR"."""
    text = (
        "Paraguay\nSEPRELAD received 48,912 suspicious transaction reports (STRs) in 2024. "
        "Banks filed 1,200 STRs.\n"
    )
    assert fig(text, 1200, name="paraguay").counted == "suspicious transaction report"


def test_a_number_word_opening_a_capitalized_run_is_a_count() -> None:
    """ "Four Port Control Units (PCUs) were set up": four is a figure, not part of a name."""
    text = "Panama\nINL funds the ports.\nFour Port Control Units (PCUs) were set up in 2020.\n"
    facts = facts_of(text, "panama")
    assert fig(text, 4, name="panama").counted == "port control unit"
    assert not any(o.name.startswith("Four") for o in facts.organizations)


def test_a_heading_with_a_year_dates_its_section() -> None:
    """Figures under "Program Accomplishments (FY 2024)" without a year of their own are of
    FY 2024, those under "Program Goals (FY 2025 Request)" of 2025; an undated heading ends
    the section."""
    text = (
        "Togo\nProgram Accomplishments (FY 2024)\n\nINL trained 24 gendarmes.\n\n"
        "Program Goals (FY 2025 Request)\n\nINL will train 300 police officers.\n\n"
        "Country Background\n\nTogo has 5 regions.\n"
    )
    assert fig(text, 24, name="togo").year == 2024
    assert fig(text, 300, name="togo").year == 2025
    assert fig(text, 5, name="togo").year is None


def test_a_budget_documents_planned_outputs_are_of_its_request_year() -> None:
    """In a budget document, what it plans ("will train 250 investigators") is of the fiscal
    year it requests, like its amounts; a standing fact is not."""
    text = (
        "Morocco\nFY 2013 Congressional Budget Justification\n\nINL requests $3.5 million. "
        "Funds will train 250 investigators and equip two regional forensic laboratories. "
        "Morocco has 12 regions.\n"
    )
    assert fig(text, 250, name="morocco").year == 2013
    assert fig(text, 12, name="morocco").year is None


# ------------------------------------------------- over-matches a review of the rules found


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "The Chief of Staff of the Ghana Armed Forces received 4 boats from INL.",
            {"Ghana Armed Forces"},
        ),
        (
            "The Commissioner of Police for the Criminal Investigations Department thanked INL.",
            {"Criminal Investigations Department"},
        ),
        (
            "INL provided 15 vehicles to the General Staff of the Honduran Armed Forces.",
            {"General Staff of the Honduran Armed Forces"},
        ),
        (
            "INL funded a meeting of the Five Eyes Law Enforcement Group in Lima.",
            {"Five Eyes Law Enforcement Group"},
        ),
        ("INL trained 40 officers in the Incident Command System in 2021.", set()),
        ("INL provided the police with 3 Mobile Command Vehicles in 2021.", set()),
        ("INL funded the Command and Control Center (C2) in 2021.", {"Command and Control Center"}),
        (
            "INL trained 25 officers of the GBV and Child Protection Unit in 2021.",
            {"GBV and Child Protection Unit"},
        ),
        (
            "INL trained 50 officers from the National Police or Customs Service (SENAE).",
            {"National Police", "Customs Service"},
        ),
        (
            "GAO briefed the Committee on Foreign Affairs, Senate Foreign Relations Committee "
            "staff, and others.",
            {
                "U.S. Government Accountability Office",
                "Committee on Foreign Affairs",
                "Senate Foreign Relations Committee",
            },
        ),
    ],
)
def test_names_the_new_name_rules_must_leave_alone(sentence: str, names: set[str]) -> None:
    """A title's own "of" ("Chief of Staff of the ..."), a name opening with a number word or
    holding "Command" not at its end, a topic's acronym before "and", "or" between two bodies
    and a committee after a chamber's name keep the organizations as they are."""
    text = f"Ghana\nINL supports the police.\n{sentence}\n"
    found = {o.name for o in facts_of(text, "ghana").organizations}
    assert found - {"Bureau of International Narcotics and Law Enforcement Affairs"} == names


def test_united_states_agency_for_international_development_is_usaid() -> None:
    """ "United States Agency for International Development" is USAID ("for" is part of it)."""
    text = "Ghana\nThe United States Agency for International Development funded 12 projects.\n"
    [usaid] = facts_of(text, "ghana").organizations
    assert "USAID" in usaid.aliases


def test_usg_at_a_lines_end_is_the_us_government() -> None:
    text = "Peru\nThis project was funded by the USG\nImplementing Partner: UNODC\n"
    assert "U.S. Government" in {o.name for o in facts_of(text, "peru").organizations}


@pytest.mark.parametrize(
    ("phrase", "counted"),
    [
        ("24 Bogota Metropolitan Police Officers", "police officer"),
        ("20 Guatemala City Prosecutors", "prosecutor"),
        ("30 Western Region Police Officers", "police officer"),
        ("12 Tegucigalpa Model Police Precincts", "model police precinct"),
    ],
)
def test_a_place_before_a_title_case_kind_is_not_part_of_it(phrase: str, counted: str) -> None:
    text = (
        f"Colombia\nINL supports the police in Colombia, Guatemala, Ghana and Honduras.\n"
        f"In 2021 INL trained or equipped {phrase}.\n"
    )
    assert fig(text, int(phrase.split()[0]), name="colombia").counted == counted


@pytest.mark.parametrize(
    ("definition", "value", "counted"),
    [
        ("Letters of Agreement (LOAs)", 4, "letter of agreement"),
        ("Memoranda of Understanding (MOUs)", 9, "memorandum of understanding"),
    ],
)
def test_a_plural_acronym_of_an_x_of_y_counts_x_in_the_singular(
    definition: str, value: int, counted: str
) -> None:
    acronym = definition.rsplit("(", 1)[1].rstrip(")")
    text = f"Peru\nINL negotiates {definition} with ministries. INL signed {value} {acronym}.\n"
    assert fig(text, value, name="peru").counted == counted


@pytest.mark.parametrize(
    ("sentence", "value", "year"),
    [
        (
            "Mobile courts heard 340 cases in 2022, and have resolved more than 2,000 cases "
            "since they were established.",
            2000,
            None,
        ),
        (
            "INL donated 20 vehicles to the PNP in 2019, and delivered 15 more vehicles the "
            "following year.",
            15,
            None,
        ),
        (
            "INL trained 500 officers in 2018, and more than 5,000 officers since the "
            "program began.",
            5000,
            None,
        ),
    ],
)
def test_a_carried_year_stops_at_a_time_of_the_figures_own(
    sentence: str, value: int, year: int | None
) -> None:
    text = f"Peru\nINL supports the police.\n{sentence}\n"
    assert fig(text, value, name="peru").year == year


def test_a_budget_documents_plans_date_what_they_buy_not_what_is() -> None:
    """What a request plans is of its fiscal year even far from the modal ("The request will
    support the graduation of two promotions of 750 cadets"), in a funding line's list ("$4.1
    million for up to 24 police advisors") and as a share of it; a clause stating what is
    ("which has vetted 2,400 officers since 2011") or a baseline ("from 22 precincts") is not."""
    text = (
        "Haiti\nFY 2024 Congressional Budget Justification\n\nINL requests $60 million. The "
        "request will support the graduation of two promotions of 750 cadets each from the "
        "National Police Academy. Roughly 59 percent of the request would support police "
        "reform.\n\u2022 $4.1 million for up to 24 police advisors deployed to Port-au-Prince;\n"
        "INL will continue to fund the Polygraph Program, which has vetted more than 2,400 "
        "officers since 2011. INL will expand the Model Police Precinct program from 22 "
        "precincts to 30.\n"
    )
    assert fig(text, 750, name="haiti").year == 2024
    assert fig(text, 59, name="haiti").year == 2024
    assert fig(text, 24, name="haiti").year == 2024
    assert fig(text, 2400, name="haiti").year is None
    assert fig(text, 22, name="haiti").year is None


def test_a_fiscal_years_request_dates_its_sentence_and_what_takes_it_up() -> None:
    """ "The President's FY 2021 budget requests $12.5 million ..., a reduction of about 11
    percent from the FY 2020 level of $14 million": the request and its change are FY 2021's,
    the level compared with FY 2020's; "These funds would train an additional 600 police"
    takes up the request's year (in testimony, not only in a budget document)."""
    text = (
        "Statement of Jane Doe, INL\n\nThe President's FY 2021 budget requests $12.5 million "
        "for Burkina Faso, a reduction of about 11 percent from the FY 2020 level of $14 "
        "million. These funds would train an additional 600 police and gendarmes.\n"
    )
    years = {m.span.quote: m.year for m in figures(text, name="burkina-faso-testimony")}
    assert years["$12.5 million"] == 2021
    assert years["about 11 percent"] == 2021
    assert years["$14 million"] == 2020
    assert years["600 police and gendarmes"] == 2021


def test_a_month_without_its_year_is_of_the_documents_year() -> None:
    """In a dated testimony, "in June" is of the testimony's year; a running total ("has
    trained ... in September") and a month whose year follows ("In October and November 2019")
    are not dated by it."""
    text = (
        "Testimony of John Roe, INL\nMay 14, 2019\n\nWe delivered two interceptor boats to "
        "the Sri Lanka Coast Guard in June. INL has trained more than 520 officers, including "
        "48 who completed a course in Colombo in September. In October and November 2018, the "
        "team interviewed 58 officials.\n"
    )
    years = {m.span.quote: m.year for m in figures(text, name="sri-lanka-testimony")}
    assert years["two interceptor boats"] == 2019
    assert years["more than 520 officers"] is None
    assert years["58 officials"] == 2018


def test_a_surveys_year_past_the_figures_clause_and_a_month_before_its_year() -> None:
    """ "An estimated 1.9 million Filipinos use illegal drugs, according to a 2019 Dangerous
    Drugs Board (DDB) survey" is of the survey's year, unless the figure has its own ("40
    percent in 2020, according to a 2021 report"); "in November 2007" dates a clause as "in
    2007" does."""
    text = (
        "Philippines\n\nAn estimated 1.9 million Filipinos use illegal drugs, according to a "
        "2019 Dangerous Drugs Board (DDB) survey. Use fell to 40 percent in 2020, according to "
        "a 2021 report.\n"
    )
    years = {m.span.quote: m.year for m in figures(text, name="philippines")}
    assert years["An estimated 1.9 million Filipinos"] == 2019
    assert years["40 percent"] == 2020
    text = "Ghana\n\nINL donated 30 computers to NACOB in November 2007.\n"
    assert fig(text, 30, name="ghana").year == 2007


def test_a_budget_documents_projections_are_not_its_plans() -> None:
    """ "cultivation will likely exceed 70,000 hectares" is a projection, not an output the
    request plans: no year."""
    text = (
        "Peru\nFY 2013 Congressional Budget Justification\n\nINL requests $40 million. Coca "
        "cultivation will likely exceed 70,000 hectares. Funds will train 300 police.\n"
    )
    assert fig(text, 70000, name="peru").year is None
    assert fig(text, 300, name="peru").year == 2013


def test_a_section_year_stops_at_a_one_word_heading_and_skips_running_totals() -> None:
    text = (
        "Peru\nKey Results (FY 2018)\nINL trained 500 police officers. Since 2000, INL has "
        "delivered more than 150 vehicles.\nBackground\nPeru has 72,000 hectares of coca.\n"
        "Program Goals (FY 2025 Request)\nNearly 30 percent of Peruvians live in poverty. "
        "INL will train 200 judges.\n"
    )
    assert fig(text, 500, name="peru").year == 2018
    assert fig(text, 150, name="peru").year is None
    assert fig(text, 72000, name="peru").year is None
    assert fig(text, 30, name="peru").year is None
    assert fig(text, 200, name="peru").year == 2025


@pytest.mark.parametrize(
    ("text", "value", "counted"),
    [
        # a plural modifying the noun it counts, directly or through nouns naming a kind
        ("The grant bought 80 narcotics field test kits for Kenyan customs.", 80, "field test kit"),
        ("Investigators reopened 300 war crimes dossiers last year.", 300, "war crimes dossier"),
        ("INL trained 45 Customs officers at the Malaba crossing.", 45, "officer"),
        (
            "The project funded 13 counternarcotics projects in the region.",
            13,
            "counternarcotics project",
        ),
        # not when the plural is the subject of a verb in -s
        ("A force of 9,000 officers serves a population of 5 million.", 9000, "officer"),
        ("It sent 20 officers to the border but lacks vehicles.", 20, "officer"),
    ],
)
def test_a_plural_before_the_counted_noun_modifies_it(text: str, value: int, counted: str) -> None:
    m = fig(text, value)
    assert (m.unit, m.counted) == ("count", counted)


def test_an_acronym_spelling_a_name_given_without_it_is_that_organization() -> None:
    """ "the Drug Control Commission" ... "DRUCOC seized": one organization, the acronym its
    alias, and a title before the name is no part of it."""
    text = (
        "Kenya\nINL met the Director-General of the Drug Control Commission in Nairobi. "
        "In 2021 DRUCOC seized 2.1 metric tons of cocaine at Mombasa, and DRUCOC "
        "officers trained 40 dog handlers.\n"
    )
    facts = extract(Document(name="kenya", text=text))
    org = facts.organization("DRUCOC")
    assert org is not None and org.name == "Drug Control Commission"
    assert "DRUCOC" in org.aliases
    assert [o.name for o in facts.organizations if "Control" in o.name] == [org.name]


_INL_FULL = "Bureau of International Narcotics and Law Enforcement Affairs (INL)"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the bureau as the subject, a time between it and its verb
        (
            f"Kenya\nThe Department of State's {_INL_FULL}, today handed over 12 patrol "
            "boats to the Kenya Coast Guard in Mombasa.\n",
            12,
        ),
        # money from the bureau
        (
            "Kenya\nThe forensic laboratory in Nairobi opened in May with $1.8 million from "
            f"the State Department's {_INL_FULL}.\n",
            1_800_000,
        ),
        # a budget table's row named after a program is the bureau's funds
        (
            "Kenya\n\nINCLE ($000)                   FY 2014     FY 2015\n"
            "  Police Development Program       4,200       5,100\n"
            "  Corrections Program              1,300       1,450\n\n"
            f"Through the {_INL_FULL}, the Department of State supports Kenya's police. "
            "The Police Development Program (PDP), which INL manages, advises the National "
            "Police Service.\n",
            1_450_000,
        ),
    ],
)
def test_the_bureau_is_credited_past_a_time_with_its_money_and_in_its_tables(
    text: str, value: int
) -> None:
    assert fig(text, value).agency in ("INL", _INL_FULL.removesuffix(" (INL)"))


def test_a_headlines_next_word_ends_a_title_case_kind() -> None:
    m = fig("Kenya\nSix of Kenya's 47 Police Divisions Now Use Digital Case Files\n", 47)
    assert m.counted == "police division"


def test_an_indicators_data_source_reports_its_values() -> None:
    # a budget document's performance indicator: its "Data Source:" line names who reports
    # the baseline, targets and results above it, and no figure outside the block
    text = (
        "Morocco\n\nINL trained 40 judges in 2011.\n\n"
        "Indicator 2: Pretrial detainees as a percentage of the prison population\n"
        "   FY 2010 Baseline: 48 percent\n"
        "   FY 2011 Target: 46 percent      FY 2011 Result: 47 percent\n"
        "   Data Source: General Delegation for Prison Administration and Reintegration "
        "(DGAPR) annual statistics\n\n"
        "INL trained 30 prosecutors in 2012.\n"
    )
    found = {m.value: m.reported_by for m in figures(text, "morocco")}
    dgapr = "General Delegation for Prison Administration and Reintegration"
    assert found == {40: None, 48: dgapr, 46: dgapr, 47: dgapr, 30: None}


def test_a_participle_that_describes_does_not_tell_a_past_event() -> None:
    # "most of it destined for Brazil" is no event: the chapter's year under report does not
    # date a yearly estimate in the present tense
    text = (
        "Paraguay\n\nA. Introduction\n\nParaguay produces an estimated 30,000 metric tons of "
        "marijuana a year, most of it destined for Brazil. Police seized 12 tons in 2019 and "
        "courts convicted 40 traffickers in 2019.\n\nB. Drug Control Accomplishments, Policies, "
        "and Trends\n\n1. Supply Reduction\n\nIn 2019 the police seized 3 tons.\n"
    )
    assert fig(text, 30000, name="paraguay").year is None


def test_an_indicators_label_counts_its_values_past_a_baseline_line() -> None:
    # "Indicator: Number of prosecutors ..." names what its targets and results count, with a
    # "Baseline (FY 2009): 0" line between the label and them
    text = (
        "Georgia\n\nIndicator: Number of prosecutors certified in jury trial advocacy.\n"
        "Baseline (FY 2009): 0\nFY 2010 Target: 35\nFY 2010 Actual: 52\nFY 2011 Target: 90\n"
    )
    assert {fig(text, v, name="georgia").counted for v in (35, 52, 90)} == {"prosecutor"}


def test_the_size_of_an_organizations_own_unit_is_credited_to_it() -> None:
    # "the ENP's 160-member canine unit": the unit is the police's; a plain count after a
    # possessive ("the SNG's 47 vessels") is a stock, credited to no one
    text = (
        "Ecuador\n\nThe Ecuadorian National Police (ENP) patrols the ports. INL trained the "
        "ENP's 160-member canine unit. The ENP's 47 vessels patrol the coast."
    )
    assert fig(text, 160, name="ecuador").agency == "ENP"
    assert fig(text, 47, name="ecuador").agency is None


def test_the_host_countrys_security_forces_act_for_its_government() -> None:
    text = (
        "Ecuador\n\nThe Government of Ecuador cooperated closely with the United States. "
        "Ecuadorian security forces seized 84.6 metric tons of illicit drugs in 2019."
    )
    m = fig(text, "84.6", name="ecuador")
    org = facts_of(text, "ecuador").organization(m.agency or "")
    assert org is not None and org.name == "Government of Ecuador"


def test_where_a_mission_is_accredited_is_part_of_its_name() -> None:
    text = (
        "INL works with the European Union Border Assistance Mission to Moldova and Ukraine "
        "(EUBAM) and gave $2 million to the Border Police."
    )
    names = org_names(text, "moldova")
    assert "European Union Border Assistance Mission to Moldova and Ukraine" in names
    assert "European Union Border Assistance Mission" not in names


def test_a_budget_table_headed_by_its_unit_dates_the_request() -> None:
    # "($ in thousands)  FY 2019  FY 2020  FY 2021": the document requests FY 2021 funds, and
    # what it plans is that year's; a baseline labelled "(FY 2009)" is that year's
    text = (
        "Jordan\n\n($ in thousands)          FY 2019     FY 2020     FY 2021\n"
        "                            Actual    Estimate     Request\n"
        "INCLE Total                  4,650       5,400       5,000\n\n"
        "INL will train 450 PSD officers in community policing.\n\n"
        "Indicator: Percentage of officers trained.\nBaseline (FY 2009): 18 percent\n"
    )
    # (a congressional budget justification, as its file is named)
    assert fig(text, 450, name="jordan-cbj").year == 2021
    assert fig(text, 18, name="jordan-cbj").year == 2009


@pytest.mark.parametrize(
    ("name", "text", "full", "short"),
    [
        (
            "niger",
            "INL trains the National Guard of Niger. The National Guard received 20 trucks.",
            "National Guard of Niger",
            "National Guard",
        ),
        (
            "tanzania",
            "INL supports the Marine Police Unit. The Marine Police received 2 boats.",
            "Marine Police Unit",
            "Marine Police",
        ),
        (
            "vietnam",
            "INL works with the Vietnam Border Guard Command. The Border Guard seized 20 kg.",
            "Vietnam Border Guard Command",
            "Border Guard",
        ),
    ],
)
def test_a_body_named_without_its_country_or_unit_word_is_one_node(
    name: str, text: str, full: str, short: str
) -> None:
    orgs = facts_of(text, name).organizations
    assert [o.names for o in orgs if full in o.names] == [(full, short)]
    # a different body whose name holds the same words is not merged
    other = "INL built the National Police Academy. The National Police received 20 trucks."
    assert {"National Police Academy", "National Police"} <= org_names(other, "niger")


def test_a_sentence_taking_up_what_the_lead_agency_supports_is_its_work() -> None:
    """Credit carries to the next sentence of a paragraph when its subject takes up a noun of
    the sentence that credits INL, and not to the setting told beside it."""
    text = (
        "Bureau of International Narcotics and Law Enforcement Affairs (INL)\n\n"
        "INL's Justice Project supports the serious crimes bench of the regional court. "
        "The bench adjudicated 214 cases in 2022. Prisons held about 9,000 inmates.\n"
    )
    figs = {m.span.quote: m.agency for m in extract(Document(name="s", text=text)).measurements}
    assert figs["214 cases"] == "INL"
    assert figs["about 9,000 inmates"] is None


def test_a_progress_reports_period_dates_its_past_figures() -> None:
    text = (
        "QUARTERLY PROGRESS REPORT\n"
        "Reporting period: Q3 2022 (1 July - 30 September 2022)\n\n"
        "UNODC trained 86 frontline officers and installed radio links at three offices.\n"
    )
    figs = {m.span.quote: m.year for m in extract(Document(name="r", text=text)).measurements}
    assert figs["86 frontline officers"] == 2022
    # a period over two years is of its last, as a fiscal year is named by its last (9e15b9e:
    # a TIP report's "April 1, 2018 - March 31, 2019" is 2019 in the writers' gold)
    two = text.replace("Q3 2022 (1 July - 30 September 2022)", "October 2021 - September 2022")
    figs = {m.span.quote: m.year for m in extract(Document(name="r", text=two)).measurements}
    assert figs["86 frontline officers"] == 2022
    # two years that are no span date nothing
    both = text.replace("Q3 2022 (1 July - 30 September 2022)", "FY 2021 and FY 2022")
    figs = {m.span.quote: m.year for m in extract(Document(name="r", text=both)).measurements}
    assert figs["86 frontline officers"] is None


@pytest.mark.parametrize(
    ("text", "quote", "counted"),
    [
        ("UNODC trained 86 officers and installed radio links.", "86 officers", "officer"),
        ("INL trained 86 officers and built two posts.", "86 officers", "officer"),
        # a second kind of thing is still one count of both
        ("INL trained 40 judges and prosecutors.", "40 judges and prosecutors", "person"),
    ],
)
def test_a_second_verb_after_a_counts_noun_is_not_a_second_kind(
    text: str, quote: str, counted: str
) -> None:
    figs = {m.span.quote: m.counted for m in extract(Document(name="v", text=text)).measurements}
    assert figs[quote] == counted


@pytest.mark.parametrize(
    ("text", "quote", "place"),
    [
        # a sea named after a country is not that country
        (
            "Benin\n\nPirates kidnapped 121 crew members in the Gulf of Guinea.\n",
            "121 crew members",
            "Gulf of Guinea",
        ),
        # every neighbour of a list after "with" is a relation, not where the figure is
        (
            "Cambodia\n\nCambodia's borders with Thailand, Laos and Vietnam and its 443-kilometer "
            "coastline make it a transit point.\n",
            "443-kilometer",
            "Cambodia",
        ),
    ],
)
def test_places_a_figure_is_not_in(text: str, quote: str, place: str) -> None:
    figs = {m.span.quote: m.place for m in extract(Document(name="p", text=text)).measurements}
    assert figs[quote] == place


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("INL donated 12 all-terrain vehicles.", "all-terrain vehicle"),
        ("INL donated 3 thermal-imaging cameras.", "thermal-imaging camera"),
        ("INL donated 2 full-body scanners.", "full-body scanner"),
        ("INL renovated 5 border crossing points.", "border crossing point"),
        ("INL donated 14 four-wheel-drive vehicles.", "vehicle"),
    ],
)
def test_hyphenated_and_noun_modifiers_that_name_the_kind_stay(text: str, counted: str) -> None:
    [m] = extract(Document(name="k", text=text)).measurements
    assert m.counted == counted


def test_an_acronym_defined_after_the_local_name_is_the_organizations() -> None:
    text = (
        "The National Civil Police (Policía Nacional Civil, or PNC) trained 40 officers. "
        "The PNC seized 3 boats.\n"
    )
    orgs = extract(Document(name="a", text=text)).organizations
    assert [(o.name, o.aliases) for o in orgs] == [("National Civil Police", ("PNC",))]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # an implementer of the lead agency's project is not a second donor
        (
            "With mentoring from an INL-funded advisor under the Justice Project, implemented "
            "by OPDAT, the prosecutors indicted 37 defendants.",
            "37 defendants",
        ),
        (
            "With mentoring from a Department of Justice advisor funded by INL, the brigade "
            "opened 450 case files.",
            "450 case files",
        ),
    ],
)
def test_an_implementer_named_with_the_lead_agency_does_not_take_its_credit(
    text: str, quote: str
) -> None:
    head = "Bureau of International Narcotics and Law Enforcement Affairs (INL)\n\n"
    figs = extract(Document(name="i", text=head + text + "\n")).measurements
    [m] = [m for m in figs if quote in m.span.quote]
    assert m.agency == "INL"


def test_a_witnesss_our_support_credits_the_bureau() -> None:
    text = (
        "Statement of the Assistant Secretary, Bureau of International Narcotics and Law "
        "Enforcement Affairs (INL), before the Senate Foreign Relations Committee\n\n"
        "Through our support, the Ghana Police Service trained 60 officers last year.\n"
    )
    figs = extract(Document(name="t", text=text, genre="testimony")).measurements
    [m] = [m for m in figs if "60 officers" in m.span.quote]
    assert m.agency == "INL"


def test_a_quarter_before_the_subject_keeps_it_the_actor() -> None:
    text = "Report\n\nIn Q3, UNODC trained 86 frontline officers.\n"
    [m] = extract(Document(name="q", text=text)).measurements
    assert m.agency == "UNODC"


@pytest.mark.parametrize(
    ("sentence", "quote", "reporter"),
    [
        # the auditor doing its own work is not reporting anyone's figure
        ("OIG tested 148 invoices totaling $6.7 million.", "148 invoices", None),
        # what its audit saw, told after the thing it looked at, is its report
        (
            "Of the 48 INL-funded vehicles GAO inspected, 9 were inoperable.",
            "48 INL-funded vehicles",
            "U.S. Government Accountability Office",
        ),
    ],
)
def test_an_auditors_own_work_is_not_its_report(
    sentence: str, quote: str, reporter: str | None
) -> None:
    text = (
        "The U.S. Government Accountability Office (GAO) and the Office of Inspector General "
        "(OIG) reviewed INL's programs.\n\n" + sentence + "\n"
    )
    figs = extract(Document(name="a", text=text)).measurements
    [m] = [m for m in figs if quote in m.span.quote]
    assert m.reported_by == reporter


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("INL trained 86 police, gendarmerie and customs officers.", "officer"),
        ("INL trained 235 Thai police, customs and ONCB officers.", "officer"),
        # a service named in capitals
        ("INL trained 30 customs and Border Police officers.", "officer"),
        # different people listed are persons
        ("INL trained 140 Cambodian police, prosecutors and customs officers.", "person"),
    ],
)
def test_services_named_before_one_head_noun_count_that_noun(text: str, counted: str) -> None:
    [m] = extract(Document(name="g", text=text)).measurements
    assert m.counted == counted


def test_a_count_of_staff_counts_staff_members() -> None:
    [m] = extract(Document(name="s", text="INL trained 250 prison staff.\n")).measurements
    assert m.counted == "prison staff member"


def test_a_headers_office_for_a_region_is_not_the_documents_place() -> None:
    text = (
        "UNITED NATIONS OFFICE ON DRUGS AND CRIME\n"
        "Regional Office for Southeast Asia and the Pacific\n\n"
        "Project: Border Liaison Office Strengthening in Lao PDR\n\n"
        "In Q3, UNODC trained 86 frontline officers at offices on the borders with China and "
        "Thailand.\n"
    )
    [m] = extract(Document(name="p", text=text)).measurements
    assert m.place == "Lao PDR"  # as written; the gazetteer knows it as Laos


def test_the_united_states_acting_is_its_government() -> None:
    """ "the United States is handing over ..." names the U.S. Government (its alias "United
    States"); the country as a place ("trained in the United States") does not."""
    acting = "Today, the United States is handing over 12 patrol vehicles to the Haitian police.\n"
    facts = facts_of(acting, name="haiti")
    usg = next(o for o in facts.organizations if o.name == "U.S. Government")
    assert "United States" in usg.aliases
    placed = "Two forensic chemists from Haiti completed an internship in the United States.\n"
    assert "U.S. Government" not in org_names(placed, name="haiti")


def test_the_items_of_one_list_share_their_credited_agency() -> None:
    text = (
        "According to SENAD, Paraguayan authorities seized 562 metric tons of marijuana, 4.2 "
        "metric tons of cocaine, and 1,900 kilograms of cocaine base in 2017.\n"
    )
    agencies = [fig(text, v, name="paraguay").agency for v in (562, "4.2", 1900)]
    assert agencies[0] is not None and agencies == [agencies[0]] * 3


def test_a_source_reporting_its_own_work_is_credited_with_it() -> None:
    """ "The NDLEA reported that it seized 3.7 metric tons" is the NDLEA's work as well as its
    report; "According to BLTS statistics, the bureau seized" takes the source up by its head
    noun; "UNODC said that the police seized" is not UNODC's work."""
    text = (
        "Nigeria\n\nINL supports the National Drug Law Enforcement Agency (NDLEA). The NDLEA "
        "reported that it seized 3.7 metric tons of precursors in 2015. UNODC said that the "
        "police seized 40 kilograms of heroin.\n"
    )
    assert fig(text, "3.7", name="nigeria").agency == "NDLEA"
    assert fig(text, 40, name="nigeria").agency != "UNODC"
    text = (
        "Haiti\n\nINL supports the Counter-Narcotics Bureau (BLTS). According to BLTS "
        "statistics, the bureau seized 1.6 metric tons of cocaine in 2024.\n"
    )
    assert fig(text, "1.6", name="haiti").agency == "BLTS"


def test_a_partner_trained_and_equipped_by_inl_credits_inl() -> None:
    text = (
        "Guatemala\n\nINL supports the police. Guatemala's vetted Counternarcotics Task Force, "
        "trained and equipped by INL, seized 14.2 MT of cocaine in 2019.\n"
    )
    assert fig(text, "14.2", name="guatemala").agency == "INL"


def test_who_made_a_study_reports_its_figures_not_what_it_studies() -> None:
    """ "according to a 2021 assessment by UNODC", "a survey commissioned by USAID" name the
    reporter; "An evaluation of the Model Police Precinct program" names what was studied."""
    text = (
        "Brazil\n\nAccording to a 2021 assessment by the United Nations Office on Drugs and Crime "
        "(UNODC), an estimated 70 percent of the cocaine seized at Santos was bound for Europe. "
        "An evaluation of the Model Police Precinct program found that trust rose to 47 "
        "percent.\n"
    )
    assert fig(text, 70, name="brazil").reported_by == "United Nations Office on Drugs and Crime"
    assert fig(text, 47, name="brazil").reported_by is None


def test_a_source_named_by_its_head_noun_after_the_figures_reports_them() -> None:
    text = (
        "Jamaica\n\nIn 2024, Jamaica Customs Agency (JCA) officers seized 214 illegal firearms "
        "at Kingston's ports, according to the agency.\n"
    )
    assert fig(text, 214, name="jamaica").reported_by == "Jamaica Customs Agency"


def test_old_sheets_double_dash_bullets_keep_their_fiscal_and_opening_years() -> None:
    text = (
        "Lithuania\n\nINCLE FUNDING\n-- FY 2001: $1.1 million\n-- FY 2003: $2.3 million (request)\n"
        "-- FY 2003 funds will train up to 200 border guards in Vilnius.\n"
        "-- In 2001 the Prosecutor General's Office won 37 trafficking convictions.\n"
    )
    assert fig(text, 1100000, name="lithuania").year == 2001
    assert fig(text, 2300000, name="lithuania").year == 2003
    assert fig(text, 200, name="lithuania").year == 2003
    assert fig(text, 37, name="lithuania").year == 2001


def test_a_count_of_them_is_a_part_of_the_figure_before_it() -> None:
    text = (
        "Liberia\n\nIn 2011 INL trained 40 Liberian police officers, six of them as mentors.\n"
        "The Coast Guard patrols 115 islands, nine of which are inhabited.\n"
    )
    six = fig(text, 6, name="liberia")
    assert (six.counted, six.year, six.agency) == ("police officer", 2011, "INL")
    assert fig(text, 9, name="liberia").counted == "island"
    # a number word alone is still no figure ("seven of the 21 prisons" needs its whole)
    assert [m.value for m in figures("Liberia\n\nSix of them attended.\n", "liberia")] == []


@pytest.mark.parametrize(
    "text",
    [
        "A 2017 survey by the Kyiv International Institute of Sociology found that 41 percent "
        "of residents trust the police, up from 12 percent in 2014.",
        "According to a 2017 Council of Europe assessment, prisons operate at 41 percent of "
        "their capacity.",
    ],
)
def test_a_study_of_a_year_opening_the_sentence_dates_its_figures(text: str) -> None:
    found = figures(f"Ukraine\n\n{text}\n", "ukraine")
    assert fig(f"Ukraine\n\n{text}\n", 41, name="ukraine").year == 2017
    # the figure's own year still wins
    assert [m.year for m in found if m.value == 12] in ([], [2014])


def test_the_lead_agency_as_the_channel_of_the_united_states_is_credited() -> None:
    text = (
        "Remarks by Ambassador Jane Doe at the Equipment Handover\nJune 5, 2019\n\n"
        "Today, through the Bureau of International Narcotics and Law Enforcement Affairs, or "
        "INL, the United States is handing over two 11-meter interceptor boats and 40 portable "
        "radios to the Seychelles Coast Guard.\n"
    )
    found = extract(Document(name="seychelles-remarks", text=text)).measurements
    assert {m.value: m.agency for m in found if m.value in (2, 40)} == {2: "INL", 40: "INL"}


def test_a_speakers_we_after_a_place_is_the_witness_bureau() -> None:
    text = (
        "Statement of John Doe\nDeputy Assistant Secretary, Bureau of International Narcotics "
        "and Law Enforcement Affairs (INL)\nOctober 22, 2019\n\n"
        "In Djibouti, we funded a maritime interdiction course for 30 Djiboutian Coast Guard "
        "officers this spring.\n"
    )
    found = extract(Document(name="oman-testimony", text=text)).measurements
    assert [m.agency for m in found if m.value == 30] == ["INL"]


@pytest.mark.parametrize(
    ("sentence", "value", "reporter"),
    [
        (
            "The Federal Highway Police (PRF) separately reported seizing 19.6 MT of cocaine and "
            "451 MT of marijuana.",
            451,
            "Federal Highway Police",
        ),
        (
            "According to its own figures, the National Police of Timor-Leste (PNTL) seized 4.6 "
            "kilograms of methamphetamine in 2018 and arrested 27 people.",
            27,
            "National Police of Timor-Leste",
        ),
        (
            "The Ghana Police Service tells us that six of the 16 regional commands now have "
            "trained evidence custodians.",
            16,
            "Ghana Police Service",
        ),
    ],
)
def test_a_subject_reporting_or_counting_its_own_work_reports_it(
    sentence: str, value: int, reporter: str
) -> None:
    assert fig(f"Ghana\n\nINL supports the police.\n{sentence}\n", value).reported_by == reporter


def test_a_body_named_for_a_list_of_subjects_takes_the_whole_list() -> None:
    text = (
        "Testimony\n\nStatement before the Senate Committee on Foreign Relations, Subcommittee "
        "on East Asia, the Pacific, and International Cybersecurity Policy. INL works with the "
        "Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF), the Ministry of Labor, "
        "Invalids and Social Affairs, and the Ministry of Justice, Police and Customs.\n"
    )
    names = org_names(text)
    assert {
        "Senate Committee on Foreign Relations",
        "Subcommittee on East Asia, the Pacific, and International Cybersecurity Policy",
        "Bureau of Alcohol, Tobacco, Firearms and Explosives",
        "Ministry of Labor, Invalids and Social Affairs",
        "Ministry of Justice",  # a list of bodies is not one name
    } <= names
    assert not names & {"Senate Committee", "Bureau of Alcohol", "Ministry of Labor"}


def test_a_report_title_before_a_body_is_not_part_of_its_name() -> None:
    text = (
        "Audit of the Bureau of International Narcotics and Law Enforcement Affairs Security "
        "Assistance to Chad\n\nINL trained 300 police officers. The Undersecretariat of "
        "Customs seized 120 kilograms of heroin.\n"
    )
    names = org_names(text, "chad")
    assert "Bureau of International Narcotics and Law Enforcement Affairs" in names
    assert "Undersecretariat of Customs" in names
    assert not any(n.startswith("Audit") for n in names)


def test_a_countrys_one_institution_named_by_its_head_noun_is_an_organization() -> None:
    text = (
        "Kenya\n\nThe Judiciary reported 300 cases in 2019. Officers of the National Gendarmerie "
        "seized 20 kilograms of heroin, and the Gendarmerie arrested 12 suspects. The Police "
        "arrested 40.\n"
    )
    facts = facts_of(text)
    names = {o.name: o for o in facts.organizations}
    assert "Judiciary" in names
    assert "Gendarmerie" in names["National Gendarmerie"].aliases  # one body, not two
    assert "Police" not in names and "Officers of the National Gendarmerie" not in names
    assert fig(text, 300).reported_by == "Judiciary"


def test_what_an_inl_funded_thing_did_is_part_of_the_activity() -> None:
    text = (
        "Chad\n\nOIG found that INL-funded training had reached more than 2,300 Chadian police "
        "officers and gendarmes, about one in five of them women.\n"
    )
    (act,) = [a for a in facts_of(text, "chad").activities if a.actor == "INL"]
    assert act.span is not None
    assert act.span.quote.startswith("INL-funded training had reached")
    assert "police officers and gendarmes" in act.span.quote


def test_an_activity_clause_is_cut_into_the_acts_it_coordinates() -> None:
    text = (
        "Namibia\n\nINCLE funds will train 300 NamPol investigators, equip a 20-member "
        "rapid-response team at Walvis Bay and provide 8 four-wheel-drive vehicles to NamPol. "
        "INL trained and equipped 40 officers. INL provided more than $6 million in equipment, "
        "training, and technical assistance to the police.\n"
    )
    quotes = [a.span.quote for a in facts_of(text, "namibia").activities if a.span is not None]
    assert "equip a 20-member rapid-response team at Walvis Bay" in quotes
    assert "provide 8 four-wheel-drive vehicles to NamPol" in quotes
    assert "INL trained and equipped 40 officers" in quotes
    assert any(q.endswith("training, and technical assistance to the police") for q in quotes)


def test_the_acts_of_one_clause_serve_whom_one_of_them_names() -> None:
    text = (
        "Namibia\n\nINL trained 300 investigators of the Namibian Police Force (NamPol), "
        "equipped a 20-member rapid-response team at Walvis Bay and provided 8 vehicles.\n"
    )
    acts = [a for a in facts_of(text, "namibia").activities if a.actor == "INL"]
    assert len(acts) == 3
    assert {a.beneficiary for a in acts} == {"Namibian Police Force"}


def test_handing_over_through_inl_is_an_activity_of_inl() -> None:
    text = (
        "Remarks by Ambassador Jane Doe\nJune 5, 2019\n\n"
        "Today, through the Bureau of International Narcotics and Law Enforcement Affairs, or "
        "INL, the United States is handing over two interceptor boats to the Seychelles Coast "
        "Guard. INL-funded courses trained 2,400 police officers.\n"
    )
    acts = extract(Document(name="seychelles-remarks", text=text)).activities
    quotes = {a.span.quote: a.actor for a in acts if a.span is not None}
    assert (
        quotes["United States is handing over two interceptor boats to the Seychelles Coast Guard"]
        == "INL"
    )
    assert "INL-funded courses trained 2,400 police officers" in quotes


@pytest.mark.parametrize(
    ("sentence", "agency"),
    [
        (
            "At 4 de Fevereiro International Airport in Luanda, officers of the General Tax "
            "Administration (AGT) seized 186 kilograms of cocaine.",
            "AGT",
        ),
        (
            "MPS data show that in 2014 the Drug Law Enforcement Unit (DLEU) seized 186 "
            "kilograms of cannabis.",
            "DLEU",
        ),
    ],
)
def test_the_subject_past_a_place_its_people_or_a_lowercase_year_is_credited(
    sentence: str, agency: str
) -> None:
    assert fig(f"Angola\n\n{sentence}\n", 186, name="angola").agency == agency


def test_a_part_of_a_times_possessive_whole_counts_its_noun() -> None:
    text = "Seychelles\n\nToday 24 officers graduated. Nine of today's graduates are women.\n"
    nine = fig(text, 9, name="seychelles")
    assert (nine.counted, nine.span.quote) == ("graduate", "Nine of today's graduates")


def test_what_a_place_holds_and_what_inl_estimates_are_not_inl_work() -> None:
    text = (
        "Malawi\n\nINL supports the Malawi Prison Service in reducing overcrowding at Zomba "
        "Central Prison, which holds about 2,300 inmates. INL estimates that the government "
        "will need an additional $69 million a year. INL reported that it trained more than "
        "1,800 police officers.\n"
    )
    assert fig(text, 2300, name="malawi").agency is None
    built = (
        "Malawi\n\nINL renovated Zomba Prison, which holds 2,300 inmates in space built for 800.\n"
    )
    assert fig(built, 800, name="malawi").agency is None
    assert fig(text, 69000000, name="malawi").agency is None
    assert fig(text, 1800, name="malawi").agency == "INL"


def test_a_bullet_that_opens_with_a_past_act_is_the_lead_agencys_activity() -> None:
    text = (
        "Niger\n\nINL Accomplishments\n"
        "• Trained more than 850 officers of the National Police in crime scene management.\n"
        "• Donated 22 pickup trucks to the National Guard of Niger.\n"
        "• Most cocaine transits the region by air.\n"
    )
    acts = {a.description: a for a in facts_of(text, "niger").activities}
    trained = next(a for d, a in acts.items() if d.startswith("Trained more than 850"))
    donated = next(a for d, a in acts.items() if d.startswith("Donated 22 pickup trucks"))
    assert (trained.actor, trained.beneficiary) == ("INL", "National Police")
    assert (donated.actor, donated.beneficiary) == ("INL", "National Guard of Niger")
    assert not any(d.startswith("Most") for d in acts)


def test_a_budget_documents_money_as_subject_is_the_lead_agencys_activity() -> None:
    text = (
        "Jordan\n\nINL supports the Public Security Directorate (PSD). Civilian Security ($2.3 "
        "million): Funds will train 450 PSD officers in community policing. The FY 2008 request "
        "would provide two interceptor boats to the PSD. Funding for the program grew.\n"
    )
    acts = {a.span.quote: a for a in facts_of(text, "jordan").activities if a.span is not None}
    assert acts["Funds will train 450 PSD officers in community policing"].actor == "INL"
    boats = acts["The FY 2008 request would provide two interceptor boats to the PSD"]
    assert (boats.actor, boats.beneficiary) == ("INL", "Public Security Directorate")
    assert not any(q.startswith("Funding for") for q in acts)  # no act: "grew"


def test_an_activity_verbs_base_form_after_will_is_an_activity() -> None:
    text = "Jordan\n\nINL will provide 12 vehicles and will donate radios to the PSD.\n"
    quotes = [a.span.quote for a in facts_of(text, "jordan").activities if a.span is not None]
    assert quotes == ["INL will provide 12 vehicles", "donate radios to the PSD"]


def test_the_subject_of_an_activity_runs_past_its_acronym_aside_time_and_co_subjects() -> None:
    text = (
        "Chile\n\nIn 2019, the Bureau of International Narcotics and Law Enforcement Affairs "
        "(INL) provided $1.2 million for training. INL and U.S. Customs and Border Protection "
        "delivered a port security course to the National Customs Service. INL, in partnership "
        "with the International Organization for Migration (IOM), trained 120 investigators. "
        "INL in FY 2017 delivered 24 vehicles to the Carabineros.\n"
    )
    acts = [(a.actor, a.span.quote, a.beneficiary) for a in facts_of(text, "chile").activities]
    quotes = {q: (actor, ben) for actor, q, ben in acts}
    assert quotes[
        "Bureau of International Narcotics and Law Enforcement Affairs (INL) provided $1.2 "
        "million for training"
    ] == ("INL", None)
    course = [(actor, ben) for actor, q, ben in acts if "port security course" in q]
    # both subjects act; neither serves the other
    assert sorted(course) == [
        ("CBP", "National Customs Service"),
        ("INL", "National Customs Service"),
    ]
    assert next(
        (actor, ben) for actor, q, ben in acts if q.endswith("trained 120 investigators")
    ) == ("INL", None)
    assert not any(actor == "IOM" for actor, _q, _b in acts)  # a partner, not the subject
    assert any(
        actor == "INL" and q.endswith("delivered 24 vehicles to the Carabineros")
        for actor, q, _b in acts
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "INL will help the Argentine Federal Police (PFA) establish a vetted unit.",
        "INL supports the Honduran National Police (HNP), strengthening its academy.",
    ],
)
def test_an_object_of_the_lead_agencys_act_is_not_an_actor(sentence: str) -> None:
    acts = facts_of(f"Argentina\n\n{sentence}\n", "argentina").activities
    assert {a.actor for a in acts} == {"INL"}


def test_a_passive_participle_does_not_start_another_act() -> None:
    text = (
        "Bulgaria\n\nINL funds a victim shelter project, implemented by the International "
        "Organization for Migration (IOM), and strengthens the Border Police.\n"
    )
    quotes = [a.span.quote for a in facts_of(text, "bulgaria").activities if a.span is not None]
    assert not any(q.startswith("implemented by") for q in quotes)
    assert "strengthens the Border Police" in quotes


def test_reported_speech_and_a_bodys_department_credit_the_body_and_its_comparison() -> None:
    text = (
        "Togo\n\nThe Central Office for the Repression of Illicit Drug Trafficking (OCRTIDB) "
        "works with INL. He said OCRTIDB has arrested 38 suspected traffickers so far this "
        "year, up from 21 in the same period of 2020. The Ministry of Security (MS) leads. "
        "The MS's anti-trafficking department opened 29 criminal cases in 2006, up from 11 in "
        "the previous year.\n"
    )
    assert fig(text, 38, name="togo").agency == "OCRTIDB"
    assert fig(text, 21, name="togo").agency == "OCRTIDB"  # the level it is compared with
    assert fig(text, 29, name="togo").agency == "MS"
    eleven = fig(text, 11, name="togo")
    assert (eleven.agency, eleven.year) == ("MS", 2005)


def test_a_body_taken_up_by_its_kind_is_credited() -> None:
    text = (
        "Zambia\n\nThe Drug Enforcement Commission (DEC) works with INL. In 2020, the "
        "Commission seized 14.6 metric tons of cannabis. The Anti-Drug and Smuggling Unit "
        "(ADSU) seized heroin. The 320-member unit also dismantled 11 trafficking networks. "
        "The Office of the President (OP) met. The office approved 5 plans. The Commission on "
        "Narcotic Drugs listed 3 substances.\n"
    )
    assert fig(text, "14.6", name="zambia").agency == "DEC"
    assert fig(text, 11, name="zambia").agency == "ADSU"
    assert fig(text, 3, name="zambia").agency != "DEC"  # a name that starts "the Commission"


def test_a_program_a_partner_or_an_implementer_is_no_beneficiary() -> None:
    text = (
        "Guatemala\n\nThe Central America Regional Security Initiative (CARSI) funds the work. "
        "INL provided assistance under CARSI to the National Civil Police (PNC). INL funded a "
        "course with the Drug Enforcement Administration (DEA) for the PNC. INL works with the "
        "Public Ministry (MP) to train prosecutors.\n"
    )
    acts = {a.span.quote: a.beneficiary for a in facts_of(text, "guatemala").activities}
    assert acts["INL provided assistance under CARSI to the National Civil Police (PNC)"] == (
        "National Civil Police"
    )
    assert acts[
        "INL funded a course with the Drug Enforcement Administration (DEA) for the PNC"
    ] == ("National Civil Police")
    assert acts["INL works with the Public Ministry (MP) to train prosecutors"] == "Public Ministry"


def test_a_year_in_review_dates_its_undated_past_figures() -> None:
    text = (
        "INL Kosovo | 2023 Year in Review\n\nINL trained 140 police officers. The Kosovo "
        "Police has 9,000 officers.\n"
    )
    facts = extract(Document(name="kosovo-year-in-review", text=text))
    years = {m.value: m.year for m in facts.measurements}
    assert years[Decimal(140)] == 2023
    assert years[Decimal(9000)] is None  # a standing fact, not the year's work


def test_a_letterhead_in_capitals_names_its_organizations() -> None:
    text = (
        "U.S. DEPARTMENT of STATE\nBUREAU OF INTERNATIONAL NARCOTICS AND\nLAW ENFORCEMENT "
        "AFFAIRS\nU.S. EMBASSY DAKAR\n\nFACT SHEET\nBORDER SECURITY\n\nThe State Department "
        "funds the program. INL trained 40 officers.\n"
    )
    facts = facts_of(text, "senegal")
    orgs = {o.name: o for o in facts.organizations}
    state = orgs["U.S. Department of State"]
    assert "State Department" in state.aliases  # one department, however it is written
    assert state.mentions[0].quote == "U.S. DEPARTMENT of STATE"  # the source's own characters
    assert "INL" in orgs["Bureau of International Narcotics and Law Enforcement Affairs"].aliases
    assert "U.S. Embassy Dakar" in orgs
    assert not any("Border" in n or "Fact" in n for n in orgs)  # headings, not names


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier"),
    [
        ("Seizures reached 12 tons, more than double the 2018 figure.", 2, "more-than"),
        ("Arrests nearly tripled between 2001 and 2007.", 3, "about"),
        ("Cultivation rose more than sixfold.", 6, "more-than"),
        ("Police made twice as many arrests as in 2018.", 2, "exact"),
        ("Officials reported a threefold increase in seizures.", 3, "exact"),
    ],
)
def test_a_multiple_is_a_figure_in_times(sentence: str, value: int, qualifier: str) -> None:
    (m,) = [m for m in figures(f"Peru\n\n{sentence}\n", "peru") if m.unit == "times"]
    assert (m.value, m.qualifier.value, m.change) == (Decimal(value), qualifier, None)


@pytest.mark.parametrize(
    "sentence",
    ["The commission met twice in 2019.", "INL donated double-cabin pickup trucks.",
     "Training is held twice a year."],
)  # fmt: skip
def test_a_frequency_or_a_kind_is_no_multiple(sentence: str) -> None:
    assert not [m for m in figures(f"Peru\n\n{sentence}\n", "peru") if m.unit == "times"]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("INL built a 600-square-meter vehicle inspection hall.", 600, "square-meter"),
        ("The boats have twin 350-horsepower outboard engines.", 350, "horsepower"),
        ("Patrols now reach 150 nautical miles from shore.", 150, "nautical-mile"),
        ("The reserve covers a 680,000-square-kilometer zone.", 680_000, "square-kilometer"),
    ],
)
def test_areas_engine_power_and_sea_distances_have_their_units(
    sentence: str, value: int, unit: str
) -> None:
    assert fig(f"Tonga\n\n{sentence}\n", value, name="tonga").unit == unit


def test_a_release_headline_credits_the_united_states_and_the_body_inl() -> None:
    text = (
        "U.S. Embassy Tallinn\n\nUnited States Delivers $1.3 Million in Cybercrime Equipment to "
        "Estonian Police\n\nTALLINN, May 4, 2023 - The United States, through the U.S. "
        "Department of State's Bureau of International Narcotics and Law Enforcement Affairs "
        "(INL), today delivered $1.3 million in equipment to the Police and Border Guard Board.\n"
    )
    facts = extract(Document(name="estonia-press-release", text=text))
    assert "U.S. Government" in {o.name for o in facts.organizations}
    head, body = [m for m in facts.measurements if m.value == Decimal(1_300_000)]
    assert (head.span.quote, head.agency) == ("$1.3 Million", "U.S. Government")
    assert body.agency == "INL"


def test_a_report_title_opening_with_us_names_no_actor() -> None:
    text = (
        "GAO Highlights\n\nU.S. Agencies Have Expanded Support in West Africa\n\n"
        "State funds 3 units.\n"
    )
    facts = extract(Document(name="gao-west-africa-highlights", text=text))
    assert "U.S. Government" not in {o.name for o in facts.organizations}


def test_a_speakers_own_act_in_remarks_is_the_lead_agencys_activity() -> None:
    text = (
        "Remarks by Ambassador Jane Doe\nJune 5, 2019\n\nToday, on behalf of the American "
        "people and the Bureau of International Narcotics and Law Enforcement Affairs, or INL, "
        "I am pleased to hand over 20 new motorcycles to the Ghana Police Service.\n"
    )
    (act,) = extract(Document(name="ghana-ambassador-remarks", text=text)).activities
    assert (act.actor, act.beneficiary) == ("INL", "Ghana Police Service")
    assert act.span is not None and act.span.quote.startswith("I am pleased to hand over")


@pytest.mark.parametrize(
    ("text", "value", "name", "place"),
    [
        # a geographic word after the known name is part of it
        (
            "With FY 2021 funds, INL delivered 4 new and 2 refurbished patrol vessels to Polairud "
            "units in the Riau Islands, and Polairud intercepted 26 vessels in 2021.",
            2,
            "indonesia",
            "Riau Islands",
        ),
        (
            "INL provided two patrol boats for use in Burgas Bay, Bulgaria.",
            2,
            "bulgaria",
            "Burgas Bay",
        ),
        # a direction or "Bay of" before it
        (
            "Two rival criminal clans operate around the Bay of Kotor in Montenegro.",
            2,
            "montenegro",
            "Bay of Kotor",
        ),
        ("Kiribati: INL staff made 2 site visits to South Tarawa.", 2, "kiribati", "South Tarawa"),
        # an abbreviated saint opens a name; a hyphen joins capitalized parts
        ("Grenada: the center in St. George's admitted 48 clients.", 48, "grenada", "St. George's"),
        (
            "At Félix Houphouët-Boigny International Airport, Ivorian customs intercepted "
            "23 drug couriers.",
            23,
            "cote-divoire",
            "Félix Houphouët-Boigny International Airport",
        ),
        # world regions that join two
        (
            "Vietnam: seizures in East and Southeast Asia reached a record 141 metric tons.",
            141,
            "vietnam",
            "East and Southeast Asia",
        ),
    ],
)
def test_a_place_is_named_whole_as_written(text: str, value: int, name: str, place: str) -> None:
    """The figure's place is the whole name the text gives it, not the known part of it."""
    assert fig(text, value, name).place == place


def test_a_peoples_name_of_two_words_is_not_a_place() -> None:
    """ "in Cabo Verdean ports": the demonym is not a place; the figure is the country's."""
    text = "Cabo Verde\n\nAuthorities seized 4.8 metric tons of cocaine in Cabo Verdean ports.\n"
    assert fig(text, "4.8", "cabo-verde").place == "Cabo Verde"


def test_a_river_is_a_place_wherever_it_stands() -> None:
    text = "Bolivia\n\nThe Navy task force seized 11 riverboats on the Mamoré River.\n"
    assert fig(text, 11, "bolivia").place == "Mamoré River"


@pytest.mark.parametrize(
    ("sentence", "actor", "description", "quote"),
    [
        # a relative clause: the object first, the actor after it
        (
            "Two of the three X-ray scanners that INL installed at La Mesilla were idle.",
            "INL",
            "installed Two of the three X-ray scanners",
            "Two of the three X-ray scanners that INL installed",
        ),
        # a passive, its actor after "by" (and "in part")
        (
            "The PNC received a two-week financial investigations course funded in part by "
            "INL in 2019.",
            "INL",
            "funded a two-week financial investigations course",
            "a two-week financial investigations course funded in part by INL",
        ),
        (
            "The new academy dormitory was built by INL in 2021.",
            "INL",
            "built The new academy dormitory",
            "The new academy dormitory was built by INL",
        ),
        # done with an organization's support
        (
            "In 2018, 340 new patrol officers were recruited and trained with INL support.",
            "INL",
            "recruited and trained 340 new patrol officers",
            "340 new patrol officers were recruited and trained with INL support",
        ),
    ],
)
def test_an_act_written_object_first_is_its_actors_activity(
    sentence: str, actor: str, description: str, quote: str
) -> None:
    text = f"Guatemala\n\n{sentence}\n"
    acts = [
        (a.actor, a.description, a.span.quote if a.span else None)
        for a in facts_of(text, "guatemala").activities
    ]
    assert (actor, description, quote) in acts


@pytest.mark.parametrize(
    "sentence",
    [
        "The PNC trained with INL in 2019.",  # with a partner, not with its support
        "The scanners were designed and funded by INL.",  # no noun phrase of its own
        "Officers who were themselves trained by INL now teach.",  # a relative "who"
    ],
)
def test_an_object_first_act_needs_a_cause_and_an_object_of_its_own(sentence: str) -> None:
    text = f"Guatemala\n\n{sentence}\n"
    descriptions = [a.description for a in facts_of(text, "guatemala").activities]
    assert not any(d.startswith(("trained with", "funded ", "trained ")) for d in descriptions)


def test_an_organizations_programs_and_advisors_act_for_it_but_its_aims_are_no_act() -> None:
    text = (
        "Albania\n\nOver the past five years, INL programs have trained over 4,000 Albanian "
        "police officers. INL's corrections advisors mentor prison directors in Tirana. "
        "INL programs aim to reduce corruption in the courts.\n"
    )
    acts = [(a.actor, a.span.quote) for a in facts_of(text, "albania").activities if a.span]
    assert ("INL", "INL programs have trained over 4,000 Albanian police officers") in acts
    assert ("INL", "INL's corrections advisors mentor prison directors in Tirana") in acts
    assert not any("aim to" in q for _a, q in acts)


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("INL rehabilitated two cell blocks at the central prison.", "rehabilitated two cell"),
        ("INL coordinates joint planning with the national police.", "coordinates joint"),
        ("INL plans to fund a 40-bed dormitory on Praslin.", "plans to fund a 40-bed"),
        ("INL has paid to renovate a 24-seat classroom.", "has paid to renovate"),
        ("INL bought 38 vehicles for the NDLEA.", "bought 38 vehicles"),
    ],
)
def test_the_activity_verbs_of_the_lexicon_open_an_activity(sentence: str, quote: str) -> None:
    text = f"Seychelles\n\n{sentence}\n"
    quotes = [a.span.quote for a in facts_of(text, "seychelles").activities if a.span]
    assert any(quote in q for q in quotes)


def test_the_subdivisions_of_every_country_a_document_names_are_places() -> None:
    # each country's subdivisions are looked for with that country's own pattern
    text = (
        "Pakistan\n\nINL trained 40 officers in Sindh Province of Pakistan and 30 in Helmand "
        "Province of Afghanistan. Balochistan police seized 12 kilograms.\n"
    )
    places = [(m.value, m.place) for m in figures(text, "pakistan")]
    assert places == [
        (Decimal(40), "Sindh Province"),
        (Decimal(30), "Helmand Province"),
        (Decimal(12), "Balochistan"),
    ]


@pytest.mark.parametrize(
    ("sentence", "description"),
    [
        # what the organization's aid consisted of
        (
            "Earlier INL donations include 24 vehicles for the Border Police.",
            "donations include 24 vehicles for the Border Police",
        ),
        (
            "INL's assistance to Benin from 2012 through 2017 consisted primarily of equipment "
            "and training.",
            "assistance to Benin from 2012 through 2017 consisted primarily of equipment and "
            "training",
        ),
        # the money spent on an act
        (
            "INL also spent $14.6 million to renovate academy classrooms.",
            "renovate academy classrooms",
        ),
        # the verb's phrase set off by commas, after its object
        (
            "Through the UNODC Global SMART Programme, funded in part by INL, UNODC has "
            "identified 1,200 substances.",
            "funded the UNODC Global SMART Programme",
        ),
    ],
)
def test_an_organizations_aid_spending_and_appositive_acts_are_its_activities(
    sentence: str, description: str
) -> None:
    text = f"Benin\n\n{sentence}\n"
    acts = [(a.actor, a.description) for a in facts_of(text, "benin").activities]
    assert ("INL", description) in acts


@pytest.mark.parametrize(
    ("sentence", "description"),
    [
        # the channel's aside closes before the verb
        (
            "The U.S. Embassy, through the Department of State's Bureau of International "
            "Narcotics and Law Enforcement Affairs (INL), handed over two patrol boats.",
            "handed over two patrol boats",
        ),
        # a budget line's money with its amount as the subject
        (
            "INL programs in Haiti continue. Funding of approximately $3.1 million will help "
            "the HNP staff two border crossings.",
            "help the HNP staff two border crossings",
        ),
        # a relative clause without its pronoun
        (
            "One-quarter of the 240 investigators INL trained in 2023 were women.",
            "trained One-quarter of the 240 investigators",
        ),
        ("INL manages the assistance.", "manages the assistance"),
        ("INL will place a Resident Legal Advisor with the prosecutor.", "place a Resident"),
    ],
)
def test_acts_behind_an_aside_a_budget_amount_or_a_bare_relative_are_activities(
    sentence: str, description: str
) -> None:
    text = f"Haiti\n\n{sentence}\n"
    acts = [(a.actor, a.description) for a in facts_of(text, "haiti").activities]
    assert any(actor == "INL" and d.startswith(description) for actor, d in acts), acts


def test_a_bare_relative_needs_a_plural_noun_before_and_no_object_after() -> None:
    text = "Jordan\n\nIn 2019 INL trained 300 officers. Of the 38 vehicles INL bought, 26 work.\n"
    acts = [a.description for a in facts_of(text, "jordan").activities]
    assert "trained 300 officers" in acts
    assert not any(d.startswith("bought of") for d in acts)  # no object opens with "of"


def test_an_activity_runs_past_an_initialism_in_parentheses() -> None:
    text = (
        "Guyana\n\nINL funds the Drug Abuse Resistance Education (D.A.R.E.) program for 1,200 "
        "pupils.\n"
    )
    (act,) = facts_of(text, "guyana").activities
    assert act.description.endswith("(D.A.R.E.) program for 1,200 pupils")


def test_the_partner_an_aside_of_support_follows_is_the_beneficiary() -> None:
    text = (
        "Kosovo\n\nThe Kosovo Police (KP) is growing. The KP, with INL training and equipment, "
        "has stood up a 260-member directorate.\n"
    )
    acts = [(a.actor, a.beneficiary) for a in facts_of(text, "kosovo").activities]
    assert acts == [("INL", "Kosovo Police")]


def test_an_object_first_act_takes_the_noun_phrase_after_a_participle() -> None:
    text = (
        "Ghana\n\nIn 2011, GPS officers using two trucks donated by INL destroyed farms. "
        "INL helps the Directorate General of Corrections and Detachment 88, the police "
        "counterterrorism unit, manage 250 inmates.\n"
    )
    acts = [a.description for a in facts_of(text, "ghana").activities]
    assert "donated two trucks" in acts  # not "donated GPS officers using two trucks"
    # "help X manage Y" is one act: "manage" opens no further act after a comma
    assert not any(d.startswith("manage") for d in acts)


@pytest.mark.parametrize(
    ("text", "quote", "names"),
    [
        # the figure is the object of an act its actor opens: the actor's work
        (
            "INL works in Benin. COTONOU, February 12, 2020 - The United States today handed "
            "over four interceptor boats to the Benin Navy.",
            "four interceptor boats",
            "United States",
        ),
        # a new clause after the act is not its object
        (
            "INL works in Tunisia. The Department of Defense (DOD) provided equipment to the "
            "Tunisian military, and in two of the four border sectors GAO examined, units had "
            "incompatible radios.",
            "four border sectors",
            None,
        ),
        # what a report says, listed among the accomplishments, is nobody's work
        (
            "Kazakhstan\n\nProgram Accomplishments:\n• According to the Ministry of Internal "
            "Affairs (MVD), the number of registered drug users in Kazakhstan stood at "
            "approximately 55,000 in 2007.\n• INL trained 40 officers.",
            "approximately 55,000",
            None,
        ),
    ],
)
def test_a_figure_in_the_object_of_an_act_is_credited_to_its_actor(
    text: str, quote: str, names: str | None
) -> None:
    facts = extract(Document(name="act", text=text))
    [m] = [m for m in facts.measurements if m.span.quote == quote]
    if names is None:
        assert m.agency is None
    else:
        org = facts.organization(m.agency)
        assert org is not None and names in org.names


@pytest.mark.parametrize(
    ("sentence", "quote", "agency"),
    [
        # the organization's people, named by what they do
        (
            "DPF eradication teams destroyed roughly 1.1 million marijuana plants.",
            "roughly 1.1 million marijuana plants",
            "DPF",
        ),
        # where it works, between the organization and its verb
        (
            "The Military Police (KMar) at Johan Adolf Pengel International Airport "
            "intercepted 71 drug couriers.",
            "71 drug couriers",
            "Military Police",
        ),
    ],
)
def test_a_partners_people_and_a_partner_at_a_place_do_its_work(
    sentence: str, quote: str, agency: str
) -> None:
    text = (
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) supports the "
        "Federal Police (DPF) and the Military Police (KMar). " + sentence
    )
    facts = extract(Document(name="br", text=text))
    [m] = [m for m in facts.measurements if m.span.quote == quote]
    org = facts.organization(m.agency)
    assert org is not None and agency in org.names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # "and" inside the complement of "of", or before an office's head: one name
        (
            "INL works with the Ministry of Health and Medical Services.",
            ["Ministry of Health and Medical Services"],
        ),
        (
            "INL trains instructors at the Academy of Criminalistic and Police Studies.",
            ["Academy of Criminalistic and Police Studies"],
        ),
        ("INL equips the Customs and Excise Department.", ["Customs and Excise Department"]),
        # two bodies: a force that stands alone, a bare head, a designated body, an acronym
        ("INL trains the Army and National Police.", ["National Police"]),
        (
            "INL supports the Ministry of Justice and Criminal Court E.",
            ["Ministry of Justice", "Criminal Court E"],
        ),
        (
            "INL vets the Vetted Narcotics Unit (VNU). It funds polygraphs for the VNU and "
            "Anti-Corruption Branch.",
            ["Vetted Narcotics Unit", "Anti-Corruption Branch"],
        ),
    ],
)
def test_and_joins_parts_of_one_name_or_two_names(sentence: str, names: list[str]) -> None:
    text = "The Bureau of International Narcotics and Law Enforcement Affairs (INL). " + sentence
    found = [o.name for o in extract(Document(name="x", text=text)).organizations]
    assert [
        n for n in found if n != "Bureau of International Narcotics and Law Enforcement Affairs"
    ] == names


def test_a_name_ends_before_a_date_or_a_post_held_in_the_body() -> None:
    """ "joined the European Union on January 1" names the Union; "a Department of Justice
    Resident Legal Advisor" is a post in the Department, lent to the lead agency's program: not
    a second donor (the budget line stays the bureau's) nor whom the program serves."""
    text = (
        "Bulgaria\n\nBureau of International Narcotics and Law Enforcement Affairs (INL)\n\n"
        "Bulgaria joined the European Union on January 1, 2007.\n\n"
        "Rule of Law ($0.79 million): Funds will support a Department of Justice Resident Legal "
        "Advisor to mentor prosecutors.\n\n"
        "We thank Prefect Andres Toloza of the Investigations Police.\n"
    )
    facts = extract(Document(name="bulgaria-cbj-fy2019", text=text))
    names = {o.name for o in facts.organizations}
    assert {"European Union", "Department of Justice", "Investigations Police"} <= names
    assert not any("January" in n or "Advisor" in n or "Prefect" in n for n in names)
    [m] = [m for m in facts.measurements if m.unit == "usd"]
    assert m.agency == "INL"
    assert all(a.beneficiary != "Department of Justice" for a in facts.activities)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # an elided particle inside a country's name: one government, not "Government of Côte"
        (
            "Côte d'Ivoire\n\nThe Government of Côte d'Ivoire adopted a strategy.",
            "Government of Côte d'Ivoire",
            OrgKind.PARTNER_GOVERNMENT,
        ),
        (
            "Côte d’Ivoire\n\nThe Government of Côte d’Ivoire adopted a strategy.",
            "Government of Côte d’Ivoire",
            OrgKind.PARTNER_GOVERNMENT,
        ),
        # where a mission is accredited is part of its name; a known body's part is its kind
        (
            "Serbia\n\nINL's program, which the OSCE Mission to Serbia carries out, trains police.",
            "OSCE Mission to Serbia",
            OrgKind.INTERNATIONAL,
        ),
    ],
)
def test_names_with_an_elided_particle_or_an_accredited_mission(
    text: str, name: str, kind: OrgKind
) -> None:
    orgs = extract(Document(name="x", text=text)).organizations
    assert [o.kind for o in orgs if o.name == name] == [kind]
    assert not any(o.name in ("Government of Côte", "OSCE Mission") for o in orgs)


def test_one_verb_giving_several_objects_to_several_bodies_is_one_act_each() -> None:
    """ "I am handing over A to X, B to Y, and C to Z": the speaker (in remarks, for the lead
    agency) hands over three things to three bodies; each handover serves its own body."""
    text = (
        "Remarks by the U.S. Ambassador on behalf of the Bureau of International Narcotics and "
        "Law Enforcement Affairs (INL)\n\nToday I am handing over three interceptor boats to "
        "the Fiji Police Force, 24 sets of boarding equipment to the Republic of Fiji Navy, and "
        "10 handheld narcotics analyzers to the Fiji Revenue and Customs Service.\n"
    )
    facts = extract(Document(name="fiji-remarks-2024", text=text))
    assert [(a.actor, a.description, a.beneficiary) for a in facts.activities] == [
        (
            "INL",
            "handing over three interceptor boats to the Fiji Police Force",
            "Fiji Police Force",
        ),
        (
            "INL",
            "handing over 24 sets of boarding equipment to the Republic of Fiji Navy",
            "Republic of Fiji Navy",
        ),
        (
            "INL",
            "handing over 10 handheld narcotics analyzers to the Fiji Revenue and Customs Service",
            "Fiji Revenue and Customs Service",
        ),
    ]
    assert {m.agency for m in facts.measurements if m.unit == "count"} == {"INL"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Today I hand over three interceptor boats to the Fiji Police Force.",
        "Today I am handing over three interceptor boats to the Fiji Police Force.",
    ],
)
def test_the_speaker_acting_in_remarks_is_the_lead_agency(sentence: str) -> None:
    text = (
        "Remarks by the U.S. Ambassador on behalf of the Bureau of International Narcotics and "
        "Law Enforcement Affairs (INL)\n\n" + sentence + "\n"
    )
    [act] = extract(Document(name="fiji-remarks-2024", text=text)).activities
    assert (act.actor, act.beneficiary) == ("INL", "Fiji Police Force")


def test_a_budget_line_extends_trains_and_supports() -> None:
    text = (
        "Bureau of International Narcotics and Law Enforcement Affairs (INL)\n\n"
        "Funds will extend the Judiciary's electronic case management system from 4 to 10 "
        "subordinate courts, train 120 prosecutors in plea negotiation, and support the "
        "Financial Intelligence Centre's analysis of suspicious transactions.\n"
    )
    acts = extract(Document(name="zambia-cbj-fy2024", text=text)).activities
    assert [a.description.split()[0] for a in acts] == ["extend", "train", "support"]


@pytest.mark.parametrize(
    ("sentence", "quote", "year"),
    [
        # a change over a period is of the period's last year
        ("Caseloads more than doubled between 2021 and 2023.", "more than doubled", 2023),
        ("Seizures nearly tripled between fiscal years 2019 and 2022.", "nearly tripled", 2022),
        ("Arrests rose 34 percent between 2019 and 2021.", "34 percent", 2021),
        # a total over a period is of no one year
        (
            "INL provided about $94 million in fiscal years 2015 through 2019.",
            "about $94 million",
            None,
        ),
    ],
)
def test_a_change_over_a_period_is_of_its_last_year_a_total_of_none(
    sentence: str, quote: str, year: int | None
) -> None:
    facts = extract(Document(name="x", text="INL works in Guyana. " + sentence))
    [m] = [m for m in facts.measurements if m.span.quote == quote]
    assert m.year == year


def test_a_part_of_them_counts_the_kind_it_names() -> None:
    """ "22 of them women" counts women (and is credited as the figure it is part of); "six of
    them as mentors" stays a count of the officers."""
    text = (
        "Bureau of International Narcotics and Law Enforcement Affairs (INL)\n\n"
        "INL trained 60 officers, 22 of them women. INL trained 14 investigators. Nine of them "
        "are women. INL trained 40 officers, six of them as mentors.\n"
    )
    figs = extract(Document(name="nauru", text=text)).measurements
    got = [(m.span.quote, m.counted) for m in figs]
    assert ("22 of them women", "woman") in got
    assert ("Nine of them are women", "woman") in got
    assert ("six", "officer") in got
    assert next(m.agency for m in figs if m.span.quote == "22 of them women") == "INL"


def test_a_table_in_us_dollars_thousands_is_scaled() -> None:
    text = (
        "Bolivia\n\nBureau of International Narcotics and Law Enforcement Affairs (INL)\n\n"
        "INL FUNDING (US$ 000)      FY 1997     FY 1998\n"
        "LAW ENFORCEMENT             10,640      11,950\n"
    )
    figs = extract(Document(name="bolivia-1998", text=text)).measurements
    assert [(m.value, m.unit, m.year) for m in figs] == [
        (Decimal(10640000), "usd", 1997),
        (Decimal(11950000), "usd", 1998),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a size after an adjective is a figure of its own, and the count still counts boats
        (
            "INL delivered three refurbished 45-foot patrol boats.",
            [("three refurbished 45-foot patrol boats", "patrol boat"), ("45-foot", None)],
        ),
        # the second level of "from 21 days to 6" is in days; "to about 160 today" is a level
        ("The lab cut turnaround from 21 days to 6.", [("21 days", None), ("6", None)]),
        (
            "The unit grew from 35 investigators in 2015 to about 160 today.",
            [("35 investigators", "investigator"), ("about 160", "investigator")],
        ),
        # an age band and a rate's base are no counts ("one officer for every 940" gives 940)
        (
            "Some 1.7 million Filipinos aged 10 to 69 used drugs.",
            [("Some 1.7 million Filipinos", "person")],
        ),
        ("The force has 1.1 officers for every 1,000 residents.", [("1.1 officers", "officer")]),
    ],
)  # fmt: skip
def test_sizes_after_adjectives_second_levels_and_what_is_no_count(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(m.span.quote, m.counted) for m in figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # a column gap ends a name
        (
            "Office of Inspector General\nOffice of Audits                         February 2021\n",
            "Office of Audits",
            None,
        ),
        (
            "The Superintendency of Banks (SIB) inspected 14 banks.",
            "Superintendency of Banks",
            None,
        ),
        # "and" inside the complement of "for"
        (
            "INL supports the Office for the Custody and Administration of Seized Assets.",
            "Office for the Custody and Administration of Seized Assets",
            None,
        ),
        # what a commission is for does not make it a force
        (
            "INL advises the Special Commission for Police Reform.",
            "Special Commission for Police Reform",
            OrgKind.PARTNER_GOVERNMENT,
        ),
    ],
)
def test_names_after_a_column_gap_a_superintendency_and_a_bodys_purpose(
    text: str, name: str, kind: OrgKind | None
) -> None:
    orgs = {o.name: o.kind for o in extract(Document(name="x", text=text)).organizations}
    assert name in orgs
    assert kind is None or orgs[name] == kind


def test_a_table_by_year_in_millions_dates_and_scales_each_row() -> None:
    text = (
        "Bureau of International Narcotics and Law Enforcement Affairs (INL)\n\n"
        "Table 1: INL Corrections Obligations in Afghanistan, Fiscal Years 2007-2010\n"
        "(dollars in millions)\n\n"
        "Fiscal year     Advisors and training     Construction\n"
        "2007            13.4                      6.8\n"
        "2008            17.9                      14.2\n"
    )
    figs = extract(Document(name="afghanistan-gao", text=text)).measurements
    assert [(m.value, m.unit, m.year) for m in figs if m.unit == "usd"] == [
        (Decimal(13400000), "usd", 2007),
        (Decimal(6800000), "usd", 2007),
        (Decimal(17900000), "usd", 2008),
        (Decimal(14200000), "usd", 2008),
    ]


def test_a_releases_sender_office_is_no_organization_and_against_joins_a_name() -> None:
    text = (
        "U.S. EMBASSY DAKAR\nPress Section\n\nOffice of the Spokesperson\n\n"
        "INL supports the Prosecutor's Office Against Narcoactivity (FECN) with $1.2 Million "
        "Forensic Laboratory equipment.\n"
    )
    names = [o.name for o in extract(Document(name="x", text=text)).organizations]
    assert "Prosecutor's Office Against Narcoactivity" in names
    assert not {"Press Section", "Office of the Spokesperson"} & set(names)
    assert not any(n.startswith("Million") for n in names)


def test_what_a_handover_list_includes_is_the_lead_agencys() -> None:
    text = (
        "U.S. Embassy Amman\n\nThe Bureau of International Narcotics and Law Enforcement "
        "Affairs (INL) today handed over equipment to the Public Security Directorate.\n\n"
        "The handover includes:\n- four mobile X-ray cargo scanners;\n"
        "- 12 handheld narcotics analyzers.\n\n"
        "Jordan's border with Syria is about 360 kilometers long.\n"
    )
    figs = extract(Document(name="jordan-press-release", text=text)).measurements
    agency = {m.span.quote: m.agency for m in figs}
    assert agency["four mobile X-ray cargo scanners"] == "INL"
    assert agency["12 handheld narcotics analyzers"] == "INL"
    assert agency["about 360 kilometers"] is None


@pytest.mark.parametrize(
    "opening",
    ["Between January 1 and August 31, 1998,", "From January to June 1998,"],
)
def test_a_stretch_of_a_year_opening_the_sentence_dates_its_figures(opening: str) -> None:
    m = fig(opening + " the FTC eradicated 6,120 hectares of coca.", 6120)
    assert m.year == 1998


def test_a_bullet_opening_with_a_word_in_ing_that_is_no_activity_verb_is_no_act() -> None:
    text = (
        "Haiti\n\nBureau of International Narcotics and Law Enforcement Affairs (INL)\n\n"
        "RESULTS\n- According to MINUSTAH, reported homicides declined 21 percent in 2013.\n"
        "- Training 1,800 police officers at the National Police Academy.\n\n"
        "INL supports programs in more than 90 countries.\n"
    )
    acts = extract(Document(name="haiti-2014", text=text)).activities
    assert [a.description for a in acts] == [
        "Training 1,800 police officers at the National Police Academy"
    ]


def test_the_first_of_two_subjects_of_one_verb_did_the_work() -> None:
    text = (
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) supports the "
        "Special Force (FTC) and the Directorate of Agricultural Reconversion (DIRECO). In "
        "1998, the FTC and DIRECO eradicated 6,120 hectares of coca.\n"
    )
    [m] = extract(Document(name="bolivia", text=text)).measurements
    assert m.agency == "FTC"


def test_a_pronoun_taking_up_the_last_sentences_acting_body_is_that_body() -> None:
    text = (
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) supports the "
        "Financial Analysis Unit (UAF). In 2016, the UAF received 6,912 STRs. It sent 131 "
        "intelligence reports to the PGR. It is a member of a group of 21 partners.\n"
    )
    agency = {m.span.quote: m.agency for m in extract(Document(name="dr", text=text)).measurements}
    assert agency["131 intelligence reports"] == "UAF"
    assert agency["21 partners"] is None  # "is" is no act


def test_an_organizations_program_acts_past_an_aside_on_how_it_is_run() -> None:
    text = (
        "Bureau of International Narcotics and Law Enforcement Affairs (INL)\n\n"
        "INL's program, coordinated with the Office of the U.S. Security Coordinator (USSC), "
        "trains and equips the National Security Forces (NSF) and builds facilities for them.\n"
    )
    acts = extract(Document(name="west-bank", text=text)).activities
    assert [(a.actor, a.description) for a in acts] == [
        ("INL", "trains and equips the National Security Forces (NSF)"),
        ("INL", "builds facilities for them"),
    ]


@pytest.mark.parametrize(
    ("text", "check"),
    [
        # no crash on a spaced "a  hundred"
        ("INL works in Chile. One container in a  hundred was inspected.", "runs"),
        # an adverb after "of them" is no kind
        ("INL trained 40 police officers in 2019, 12 of them overseas.", "12:police officer"),
        # a relative clause on the act's object is not the act's figure
        (
            "INL works in Tunisia. The Department of Defense (DOD) provided equipment to the "
            "Tunisian Army, which lost 40 vehicles in 2019.",
            "40 vehicles:None",
        ),
        # a list of what was seized is no handover
        (
            "Bureau of International Narcotics and Law Enforcement Affairs (INL)\n\n"
            "Equipment seized by the police in 2019 included:\n- 40 firearms;\n- 200 rifles.\n",
            "40 firearms:None",
        ),
    ],
)
def test_review_cases_of_the_new_rules(text: str, check: str) -> None:
    facts = extract(Document(name="review", text=text))
    if check == "runs":
        return
    quote, want = check.split(":")
    [m] = [m for m in facts.measurements if m.span.quote.startswith(quote)]
    assert (m.counted if quote == "12" else str(m.agency)) == want


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "INL trained officials of the Ministry of Defense and National Police.",
            {"Ministry of Defense", "National Police"},
        ),
        ("INL worked with the Office of the Legal Adviser.", {"Office of the Legal Adviser"}),
    ],
)
def test_review_cases_of_the_name_rules(sentence: str, names: set[str]) -> None:
    text = "The Bureau of International Narcotics and Law Enforcement Affairs (INL). " + sentence
    found = {o.name for o in extract(Document(name="x", text=text)).organizations}
    assert names <= found


def test_a_dea_unit_is_a_security_force_and_phase_i_is_no_speaker() -> None:
    text = "The Bureau of International Narcotics and Law Enforcement Affairs (INL) funds the DEA "
    text += "Sensitive Investigative Unit in Bogota."
    orgs = {o.name: o.kind for o in extract(Document(name="x", text=text)).organizations}
    assert orgs["DEA Sensitive Investigative Unit"] == OrgKind.SECURITY_FORCE
    remarks = (
        "Remarks by the U.S. Ambassador on behalf of the Bureau of International Narcotics and "
        "Law Enforcement Affairs (INL)\n\nPhase I funds supported 12 courts in 2019.\n"
    )
    assert extract(Document(name="remarks", text=remarks)).activities == []


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        # PDF text: a word hyphenated at a line's end, read with the break as a space
        ("INL trained its 85 investiga-   tors in crime-scene management.", "investigator"),
        ("The program had 68 U.S. corrections advi- sors in Kabul.", "corrections advisor"),
        # a suspended hyphen is no broken word
        ("INL trained 40 mid- and senior-level officials.", "official"),
    ],
)
def test_a_counted_noun_hyphenated_across_a_line_break_is_one_word(
    sentence: str, counted: str
) -> None:
    [m] = extract(Document(name="mali", text="INL works in Mali. " + sentence)).measurements
    assert m.counted == counted


@pytest.mark.parametrize(
    ("sentence", "levels"),
    [
        # what a verb moved, as its object, counts both bare levels (a hyphenated modifier
        # describes, as in "2,300 latent-print cases")
        ("The laboratory has cut its backlog of latent-print cases from about 2,300 to 600.",
         {2300: "case", 600: "case"}),
        ("INL helped the unit increase sea patrol days from 40 in FY 2015 to 96 in FY 2017.",
         {40: "sea patrol day", 96: "sea patrol day"}),
        # the subject's head with the words naming its kind
        ("The High Court's backlog of criminal cases fell from 312 in 2021 to 239 in 2023.",
         {312: "criminal case", 239: "criminal case"}),
        # the second level's own noun counts both
        ("INL will help expand its case analysis platform from 3 to 8 partner agencies.",
         {3: "partner agency", 8: "partner agency"}),
        ("A mentor helped the office cut its case backlog from 212 to 139 cases.",
         {212: "case", 139: "case"}),
        # no auxiliary is a head: "staff has grown"
        ("INL's regional staff has grown from 3 to 11, and we plan more.",
         {3: "regional staff", 11: "regional staff"}),
    ],
)  # fmt: skip
def test_bare_levels_count_what_was_moved(sentence: str, levels: dict[int, str]) -> None:
    found = {
        int(m.value): m.counted
        for m in extract(Document(name="iraq", text="INL works in Iraq. " + sentence)).measurements
        if m.unit == "count"
    }
    assert found == levels


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        ("Programs trained approximately 120,000 health, education and public security "
         "professionals.", "professional"),
        ("OPDAT ran courses for 32 FID, Public Prosecution and Customs Affairs officers.",
         "officer"),
        ("INL trained 26 ANIF, police and customs officials in 2019.", "official"),
    ],
)  # fmt: skip
def test_a_list_of_modifiers_counts_the_noun_it_ends_in(sentence: str, counted: str) -> None:
    [m] = extract(Document(name="x", text="INL works in Brazil. " + sentence)).measurements
    assert m.counted == counted


def test_a_list_of_things_is_not_a_list_of_modifiers() -> None:
    text = "INL works in Brazil. Police seized 14 trucks, radios and boats."
    [m] = extract(Document(name="x", text=text)).measurements
    assert (m.value, m.counted) == (14, "truck")


def test_a_third_country_acting_as_a_donor_is_its_government() -> None:
    text = (
        "INL works in Tonga. The Navy patrols those waters with a boat that Australia provided "
        "under its program. Tonga cannot fight this alone, and neither can Australia and the "
        "United Kingdom, which spent more than $5 million on Tonga. Officers trained in Fiji."
    )
    orgs = {
        o.name: (o.kind, o.aliases)
        for o in extract(Document(name="tonga", text=text)).organizations
    }
    assert orgs["Government of Australia"] == (OrgKind.OTHER, ("Australia",))
    assert orgs["Government of the United Kingdom"] == (OrgKind.OTHER, ("United Kingdom",))
    assert "Government of Fiji" not in orgs  # a place, not an actor


@pytest.mark.parametrize(
    ("sentence", "government"),
    [
        ("Hungary founded the academy in 1995.", "Government of Hungary"),
        ("Jamaica extradited 24 people to the United States.", "Government of Jamaica"),
        ("The United Kingdom and Canada fund police training.", "Government of Canada"),
        ("Japan and the United States exchange financial intelligence.", "Government of Japan"),
    ],
)
def test_a_country_doing_what_only_a_state_does_is_its_government(
    sentence: str, government: str
) -> None:
    """A country as the subject of a state's own act (funding, extraditing, exchanging
    intelligence) is its government; the country where something happens is not."""
    facts = extract(Document(name="x", text="INL works in the Caribbean. " + sentence))
    assert government in {o.name for o in facts.organizations}
    hosting = extract(Document(name="x", text="INL works in Uganda. Uganda hosts 1.5 million."))
    assert "Government of Uganda" not in {o.name for o in hosting.organizations}


def test_acronyms_joined_by_a_slash_modify_the_counted_noun() -> None:
    text = "INL works in Japan. Japan carried out 38 on-site AML/CFT inspections."
    [m] = extract(Document(name="japan", text=text)).measurements
    assert (m.value, m.counted) == (38, "inspection")


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("Twelve years ago, a large seizure was rare.", []),
        ("Eight years after the 2003 Agreement ended the war, Liberia rebuilt its courts.", []),
        ('"Four years ago, Ukrainians saw the first patrol officers."', []),
        # a duration that is a figure
        ("INL funded a course lasting six weeks after the academy opened.", [6]),
        ("Officers completed a 12-week course.", [12]),
    ],
)
def test_a_time_reference_is_no_figure(sentence: str, values: list[int]) -> None:
    ms = extract(Document(name="liberia", text="INL works in Liberia. " + sentence)).measurements
    assert [m.value for m in ms] == values


@pytest.mark.parametrize(
    ("sentence", "value", "value_max", "unit"),
    [
        ("INL funded 14 courses lasting two to four weeks each.", 2, 4, "week"),
        ("Mentorships lasted between three and five days each.", 3, 5, "day"),
        ("The unit has forty to sixty officers.", 40, 60, "count"),
        ("The unit has 40 to 60 officers.", 40, 60, "count"),
    ],
)
def test_a_range_written_in_words_is_one_figure(
    sentence: str, value: int, value_max: int, unit: str
) -> None:
    ms = extract(Document(name="x", text="INL works in Liberia. " + sentence)).measurements
    [m] = [m for m in ms if m.unit == unit]
    assert (m.value, m.value_max) == (value, value_max)


def test_a_list_of_modifiers_holds_no_number() -> None:
    text = "INL works in Kenya. The academy graduated twenty-five female and thirty-one male cadets"
    found = [(m.value, m.counted) for m in extract(Document(name="x", text=text)).measurements]
    assert found == [(25, "cadet"), (31, "cadet")]


_TESTIMONY_2004 = "Statement of Jane Roe\nTestimony before the Subcommittee\nMarch 1, 2004\n\n"
_INCSR_2004 = "International Narcotics Control Strategy Report\nUpdated: March 1, 2004\n\nKenya\n\n"
_RELEASE_OF_2024_ESTIMATES = (
    "Press Release\nFor Immediate Release – June 26, 2025\n\n"
    "ONDCP Releases 2024 Estimates of Coca Cultivation in Colombia\n\n"
)


@pytest.mark.parametrize(
    ("head", "sentence", "value", "year"),
    [
        # an explicit clause year is kept beside a later "now"
        (_TESTIMONY_2004, "The academy opened in 1995, and in 1999 it trained 300 officers who "
         "are now retired.", 300, 1999),
        # "now" outside the figure's clause dates nothing
        (_TESTIMONY_2004, "The unit, now disbanded, arrested 45 traffickers during its "
         "operations.", 45, None),
        (_TESTIMONY_2004, "Police arrested 45 suspects and are now seeking others.", 45, None),
        (_TESTIMONY_2004, "INL trained 300 officers until now.", 300, None),
        # an event noun's year is no figure's year
        (_INCSR_2004, "Police arrested 12 suspects in the 1998 murder of a journalist.", 12,
         2003),
        (_INCSR_2004, "Seizures were 12 percent higher than in the 2001 season.", 12, 2003),
        # "today" is the release's date, whatever year its estimates cover
        (_RELEASE_OF_2024_ESTIMATES, "Today, the Administrator announced a new $5 million "
         "program for Colombia.", 5000000, 2025),
        # a record's "since" and "up to date" are no running totals
        (_INCSR_2004, "Police seized 3.5 metric tons of cocaine, the largest seizure since "
         "1999.", "3.5", 2003),
        (_INCSR_2004, "The police arrested 120 suspects, keeping their records up to date.", 120,
         2003),
        # work measured in length is no extent of a place
        (_INCSR_2004, "With INL support, the army built 45 kilometers of new border fence.", 45,
         2003),
        # a second level does not take the first level's year
        (_TESTIMONY_2004, "Customs increased sea patrol days from 40 in FY 2015 to 96.", 96,
         None),
        # a relative year past a conjunction is another verb phrase's
        (_TESTIMONY_2004, "Last year, police arrested 300 suspects but made no arrests this "
         "year.", 300, 2003),
    ],
)  # fmt: skip
def test_review_cases_of_the_year_rules(
    head: str, sentence: str, value: int | str, year: int | None
) -> None:
    assert _year_of(head + "INL works in Kenya. " + sentence, value) == year


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("An estimated two to three million people use drugs.", (2000000, 3000000)),
        ("Colombia produces two to three hundred tons of cocaine.", (200, 300)),
        ("Officials estimate five to ten thousand gang members.", (5000, 10000)),
    ],
)
def test_a_range_in_words_keeps_its_scale(sentence: str, values: tuple[int, int]) -> None:
    [m] = extract(Document(name="kenya", text="INL works in Kenya. " + sentence)).measurements
    assert (m.value, m.value_max) == values


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        ("Officials say seizures rose from 12 to 30.", "seizure"),
        ("Police data show arrests fell from 300 to 200.", "arrest"),
    ],
)
def test_a_verb_before_the_subject_names_no_kind(sentence: str, counted: str) -> None:
    found = {m.counted for m in extract(Document(name="k", text=sentence)).measurements}
    assert found == {counted}


@pytest.mark.parametrize(
    "sentence",
    [
        "Afghanistan provides about 80 percent of the world's opium.",
        "Most heroin comes from Pakistan and Afghanistan, which provided 90 percent of it.",
        "Deputy Assistant Secretary Jordan provided an overview of the program.",
    ],
)
def test_a_source_or_a_surname_is_no_donor_government(sentence: str) -> None:
    facts = extract(Document(name="kenya", text="INL works in Kenya. " + sentence))
    assert not [o for o in facts.organizations if o.name.startswith("Government of")]
    assert all(m.agency is None for m in facts.measurements)


def test_a_partner_government_stays_a_partner_when_it_gives() -> None:
    text = (
        "INL works in Guatemala. INL also partners with the Government of Honduras on border "
        "security. Honduras provided 40 officers for the joint course. The Dominican Republic "
        "donated two boats."
    )
    orgs = {o.name: o.kind for o in extract(Document(name="guatemala", text=text)).organizations}
    assert orgs["Government of Honduras"] == OrgKind.PARTNER_GOVERNMENT
    assert orgs["Government of the Dominican Republic"] == OrgKind.OTHER


def test_a_headlines_title_case_count_before_its_verb() -> None:
    """ "Forty-Two Officers Graduate from ...", "U.S. Hands Over 6 Interceptor Boats Worth RM
    7.2 Million": the count ends at the headline's verb or its value. A figure opening a line
    that is a heading of its own is read too (the section's year is looked up by the
    heading's start alone)."""
    text = (
        "Malaysia\nOverview\n\nForty-Two Officers Graduate from Course\n\n"
        "U.S. Hands Over 6 Interceptor Boats Worth RM 7.2 Million to the Marine Police Force\n"
    )
    assert fig(text, 42, name="malaysia").counted == "officer"
    assert fig(text, 6, name="malaysia").counted == "interceptor boat"


def test_what_went_from_one_level_to_another_counts_both() -> None:
    """ "arrests involving meth went from about 9,800 in 2021 to over 16,000 in 2023": both
    levels count arrests, as after "rose from"."""
    text = (
        "Sri Lanka\nPolice figures show arrests involving meth went from about 9,800 in 2021 to "
        "over 16,000 in 2023.\n"
    )
    assert [(m.counted, m.year) for m in figures(text, "sri-lanka")] == [
        ("arrest", 2021),
        ("arrest", 2023),
    ]


def test_a_line_break_inside_an_amount_or_a_fraction() -> None:
    """PDF text breaks lines anywhere: "$86.7" / "million", "$30.0 mil-" / "lion", "$1.3" /
    "   MILLION", "one-" / "third" are one figure each, its quote over the break."""
    text = (
        "Ukraine\nINL obligated about $86.7\nmillion for 24 awards. The cost rose to $30.0 mil-\n"
        "lion in 2019. UNITED STATES DONATES EQUIPMENT WORTH $1.3\n      MILLION TO POLICE\n"
        "Roughly one-\nthird of the officers were women.\n"
    )
    found = [(m.value, m.span.quote) for m in figures(text, "ukraine")]
    assert (86700000, "about $86.7\nmillion") in found
    assert (30000000, "$30.0 mil-\nlion") in found
    assert (1300000, "$1.3\n      MILLION") in found
    assert (Decimal("33.3"), "Roughly one-\nthird of the officers") in found


def test_a_year_with_a_footnote_fused_to_it_is_no_figure() -> None:
    """PDF text fuses a footnote's number to the year that ends a sentence: "in 2013.23
    Prisons remain ..." is the year 2013 and footnote 23, not 2013.23 prisons; "19.5 MT"
    stays a figure."""
    text = (
        "Guatemala\nPolice seized 19.5 MT of cocaine in 2013.23 Prisons remain crowded. Response "
        "times fell from 61 percent in 2016.2 Response times are measured monthly.\n"
    )
    values = [m.value for m in figures(text, "guatemala")]
    assert Decimal("19.5") in values and 61 in values
    assert Decimal("2013.23") not in values and Decimal("2016.2") not in values


def test_more_objects_and_a_share_of_them_take_the_figures_year() -> None:
    """ "seized 13.4 million tablets in 2006, up from 10.9 million in 2005, along with 9.8
    metric tons of hashish and 42 kilograms of heroin": every object is of 2006, past the
    earlier level; "arrested some 18,700 people in 2006; roughly two in five of them were
    foreign nationals": the share too."""
    text = (
        "Saudi Arabia\nAccording to the GDNC, Saudi authorities seized 13.4 million amphetamine "
        "tablets in 2006, up from 10.9 million in 2005, along with 9.8 metric tons of hashish "
        "and 42 kilograms of heroin. The GDNC arrested some 18,700 people on drug charges in "
        "2006; roughly two in five of them were foreign nationals.\n"
    )
    years = {m.span.quote: m.year for m in figures(text, "saudi-arabia")}
    assert years["10.9 million"] == 2005
    assert years["9.8 metric tons of hashish"] == 2006
    assert years["42 kilograms of heroin"] == 2006
    assert years["roughly two in five of them"] == 2006


def test_a_name_broken_by_a_hyphen_at_a_lines_end_is_one_name() -> None:
    """PDF text breaks words of names at its lines' ends: "Bureau of International Nar-" /
    "cotics and Law Enforcement Affairs (INL)" is INL, "Ministry of Coun-" / "ter Narcotics
    (MCN)" the ministry that eradicated; each mention quotes the text as it stands. A compound
    broken at its hyphen ("INL-" / "funded") is no broken word."""
    text = (
        "Afghanistan\nThe Department of State's Bureau of International Nar-\n"
        "cotics and Law Enforcement Affairs (INL) manages most of this assis-\n"
        "tance. The Ministry of Coun-\nter Narcotics (MCN) eradicated 3,760 hectares with INL-\n"
        "funded equipment.\n"
    )
    facts = facts_of(text, "afghanistan")
    names = {o.name for o in facts.organizations}
    assert "Bureau of International Narcotics and Law Enforcement Affairs" in names
    assert "Ministry of Counter Narcotics" in names
    assert not [n for n in names if n.endswith(("Nar", "Coun")) or "INLfunded" in n]
    ministry = next(o for o in facts.organizations if o.name == "Ministry of Counter Narcotics")
    assert "Ministry of Coun-\nter Narcotics" in {m.quote for m in ministry.mentions}
    assert fig(text, 3760, "afghanistan").agency == "MCN"


def test_a_page_break_inside_a_sentence_is_read_through() -> None:
    """PDF text puts a page's footer and the next page's header inside a sentence ("... fell
    from about 2,900 in" / "UNCLASSIFIED" / "Page 1" / "AUD-MERO-24-27" / "UNCLASSIFIED" /
    "2022 to roughly 1,700 in 2023."): the sentence goes on past them; a heading after a
    paragraph that ends is not joined to it."""
    page = "UNCLASSIFIED\nPage {n}\nAUD-MERO-24-27\nUNCLASSIFIED\n"
    text = (
        "Djibouti\nAUD-MERO-24-27\n\nThe Coast Guard told OIG that its patrol hours fell from "
        "about 2,900 in\n\n" + page.format(n=1) + "2022 to roughly 1,700 in 2023. INL trained "
        "40 officers.\n\n" + page.format(n=2) + "Findings\nINL donated 12 boats.\n"
    )
    found = {m.value: m.year for m in figures(text, "djibouti")}
    assert found[2900] == 2022 and found[1700] == 2023
    assert 12 in found and 40 in found


def test_the_items_of_an_auditors_findings_are_reported_by_it() -> None:
    """ "GAO found that INL's monitoring ... was limited:" and the items below it: each figure
    of an item is GAO's finding; a paragraph after the list is no longer; "we found" is the
    auditor's in a GAO report, nobody's elsewhere."""
    text = (
        "GAO Highlights\nEgypt\nThe Government Accountability Office (GAO) reviewed INL's "
        "assistance. GAO found that INL's monitoring of the equipment it provided was limited:\n"
        "\n- INL could not locate 9 items, worth about $410,000.\n- Of the 18 armored vehicles "
        "INL delivered in 2019, 7 were out of\n  service for lack of spare parts.\n\n"
        "INL trained 40 officers in 2022.\n"
    )
    reporters = {m.value: m.reported_by for m in figures(text, "egypt-gao")}
    assert reporters[9] == reporters[410000] == reporters[18] == "Government Accountability Office"
    assert reporters[40] is None
    fact_sheet = "Peru\nWe found that our work helped:\n- INL trained 12 judges.\n"
    assert fig(fact_sheet, 12, "peru").reported_by is None


def test_people_named_by_a_plural_demonym_and_craft() -> None:
    """ "including more than 1,900 Batswana" counts people ("Batswana" is only a noun; "12
    Beninese officers" counts officers); "112 patrol craft" counts craft, whose plural is
    itself."""
    text = (
        "Botswana\nINL has trained more than 11,500 officials from 33 African countries, "
        "including more than 1,900 Batswana. The fleet now numbers 112 patrol craft. INL trained "
        "12 Beninese officers.\n"
    )
    assert fig(text, 1900, "botswana").counted == "person"
    assert fig(text, 112, "botswana").counted == "patrol craft"
    assert fig(text, 12, "botswana").counted == "officer"


def test_a_speakers_count_of_you() -> None:
    """ "Eleven of you are women": a speaker's count of the audience, counting its own kind."""
    text = (
        "Remarks by the Ambassador\nToday 58 officers complete the program. Eleven of you are "
        "women.\n"
    )
    assert fig(text, 11, "remarks-hungary").counted == "woman"


def test_the_cells_of_a_table_by_category() -> None:
    """Under "Category   Items in inventory   Items inspected", each row "Vehicles and boats
    226   205" gives one figure per cell, counting what its column's head names (items); a table
    by year ("Fiscal year   Aircraft") is read as before."""
    text = (
        "Tajikistan\nINVENTORY BY CATEGORY\n\n"
        "Category                       Items in inventory      Items inspected\n"
        "Vehicles and boats             226                     205\n"
        "Communications equipment       1,102                   871\n\n"
        "Fiscal year    Aircraft    Flight hours\n2019           88          24,310\n"
    )
    found = {m.value: m.counted for m in figures(text, "tajikistan")}
    assert found[226] == found[205] == found[1102] == found[871] == "item"
    assert found[88] == "aircraft" and found[24310] == "flight hour"


def test_an_indicator_blocks_unit_line_and_a_line_of_targets_by_year() -> None:
    """An M&E plan's block: "Indicator 1.1  Number of LNP officers ..." with its "Unit of
    measure:    officers" line counts officers; "Targets:   FY 2021: 450 | FY 2022: 600" gives
    one figure per year; "since FY 1999: over $14 million" is no figure of 1999; a goal's
    number ("Mission Goal 2 | ...") no figure."""
    text = (
        "Liberia\nIndicator 1.1  Number of LNP officers completing INL-funded training\n"
        "  Unit of measure:    officers (disaggregated by sex and county)\n"
        "  Baseline (FY 2020): 412\n"
        "  Targets:            FY 2021: 450 | FY 2022: 600 | FY 2023: 625\n\n"
        "Mission Goal 2 | Liberia secures its borders.\n"
        "* Total INL assistance to Liberia since FY 1999: over $14 million\n"
    )
    found = {m.value: (m.counted, m.year) for m in figures(text, "liberia-me-plan")}
    assert found[412] == ("officer", 2020)
    assert found[450] == ("officer", 2021) and found[600] == ("officer", 2022)
    assert 2 not in found
    assert found[14000000][1] is None


def test_a_budget_tables_years_over_its_note_line() -> None:
    """The years over the note's line ("FY 2023   FY 2024   FY 2025" over "($ in thousands)
    Actual   Estimate   Request") are the columns of the rows below."""
    text = (
        "Cook Islands\n\n                            FY 2023    FY 2024    FY 2025\n"
        "($ in thousands)             Actual   Estimate    Request\n"
        "INCLE Total                     640        915      1,260\n"
        "Maritime Security               390        545        710\n\n"
        "The Cook Islands guard a large zone with one patrol boat.\n"
    )
    found = {(m.value, m.year) for m in figures(text, "cook-islands-cbj")}
    assert {(640000, 2023), (915000, 2024), (1260000, 2025), (710000, 2025)} <= found


def test_a_one_column_table_with_dot_leaders_and_a_titles_fiscal_year() -> None:
    """ "FY 2023 INCLE Allocation ($000)" over "Port and Maritime Security ......... 8,200":
    each row's amount is in thousands, of the title's fiscal year."""
    text = (
        "Ecuador\n\n(SBU) FY 2023 INCLE Allocation ($000)\n\n"
        "  Port and Maritime Security ............. 8,200\n"
        "  Total .................................. 18,500\n\n"
        "(SBU) Issues You May Hear\n\n- Aviation. The PN has asked for helicopters.\n"
    )
    found = {(m.value, m.unit, m.year) for m in figures(text, "ecuador-memo")}
    assert {(8200000, "usd", 2023), (18500000, "usd", 2023)} <= found


def test_a_table_whose_columns_name_their_years() -> None:
    """ "Indicator   Baseline (2017)   Endline (2021)": each row's cells are of their column's
    year, counting the row's noun or in its cells' percent."""
    text = (
        "Cabo Verde\n\nKey Results\n"
        "Indicator                                        Baseline (2017)   Endline (2021)\n"
        "PJ cases referred for prosecution (per year)                 318              547\n"
        "Investigators passing standardized skills test               29%              71%\n\n"
        "Source: Social Impact analysis of PJ records.\n"
    )
    found = {(m.value, m.unit, m.year) for m in figures(text, "cabo-verde-evaluation")}
    assert {(318, "count", 2017), (547, "count", 2021), (71, "percent", 2021)} <= found


def test_a_fiscal_years_program_budgeted_at_an_amount() -> None:
    """ "INL's FY 2006 program in Laos is budgeted at $1.5 million, down from $1.98 million in
    FY 2005": the amount is of the program's fiscal year, the earlier level of its own."""
    text = (
        "Laos\nProgram Funding. INL's FY 2006 program in Laos is budgeted at $1.5 million, down "
        "from $1.98 million in FY 2005.\n"
    )
    years = {m.value: m.year for m in figures(text, "laos-factsheet")}
    assert years[1500000] == 2006 and years[1980000] == 2005


def test_the_day_a_level_was_taken_dates_it() -> None:
    """ "stood at 98,700 hectares on December 31, 2002", "held 1,108 inmates as of 15 March
    2023": the date right after the level gives its year."""
    text = (
        "Colombia\nThe coca area stood at 98,700 hectares on December 31, 2002. The prison held "
        "1,108 inmates as of 15 March 2023.\n"
    )
    years = {m.value: m.year for m in figures(text, "colombia")}
    assert years[98700] == 2002 and years[1108] == 2023


def test_a_budget_table_laid_out_one_cell_a_line_as_pdf_text_has_it() -> None:
    """PDF text of a budget justification lays its header out one cell a line ("FY 2022" /
    "Actual1" / "FY 2023" / ... / "Increase /" / "Decrease"), a row's cells one a line after
    its label ("INCLE Total" / "17,865" / ...) and other rows with one space between cells:
    each amount is of its column's year, the last a change."""
    text = (
        "Moldova\n($ in thousands)\nFY 2022\nActual1\nFY 2023\nEstimate\nFY 2024\nRequest\n"
        "Increase /\nDecrease\nINCLE Total\n17,865\n10,450\n9,735\n-715\n"
        "Peace and Security 6,240 3,890 3,640 -250\n\n"
        "The FY 2024 request of $9.7 million will help Moldova withstand the pressures it faces.\n"
    )
    found = {m.span.quote: (m.value, m.year, m.change) for m in figures(text, "moldova-cbj")}
    assert found["17,865"] == (17865000, 2022, None)
    assert found["9,735"] == (9735000, 2024, None)
    assert found["-715"] == (715000, 2024, Change.DECREASE)
    assert found["3,890"] == (3890000, 2023, None)
    assert found["-250"] == (250000, 2024, Change.DECREASE)


def test_an_incsr_money_laundering_chapters_statistics_lines() -> None:
    """ "Number of STRs received and time frame: 1,146 in 2013", "Prosecutions: 9: January 1 -
    December 31, 2012": each line's number counts what its label names, of its year."""
    text = (
        "Kenya\nSuspicious transaction reports (STRs) are filed with the FRC.\n\n"
        "Number of STRs received and time frame: 1,146 in 2013\n"
        "Prosecutions: 9: January 1 - December 31, 2012\n"
        "Convictions: 1 in 2013\n"
    )
    found = {m.value: (m.counted, m.year) for m in figures(text, "kenya-incsr-vol2")}
    assert found[1146] == ("suspicious transaction report", 2013)
    assert found[9] == ("prosecution", 2012) and found[1] == ("conviction", 2013)


def test_a_bodys_staff_counts_people() -> None:
    """ "with a staff of 120", "had a staff of about 70": a count of people; "a staff of 19
    deputy prosecutors" counts its own noun."""
    text = (
        "Mongolia\nThe IAAC, created in 2007 with a staff of 120, is independent. The unit had a "
        "staff of about 70. The SPO has a staff of 19 deputy prosecutors.\n"
    )
    found = {m.value: m.counted for m in figures(text, "mongolia")}
    assert found[120] == found[70] == "person"
    assert found[19] == "deputy prosecutor"


def test_a_pdf_tables_amount_and_share_columns() -> None:
    """A GAO table as PDF text: its rows' cells one space apart are not reflowed into prose,
    and under "Activity area Amount (dollars in millions) Percentage of total" each row gives
    an amount in millions and its share in percent (the total's 100 percent is no figure)."""
    wide = "x" * 70
    text = (
        "Honduras\n"
        + "".join(
            f"The bureau's programs in Honduras reached many places {wide[:20]} and\n"
            for _ in range(8)
        )
        + "Table 2: INL Allocations for Honduras, by Activity Area, Fiscal Years 2014-2018\n"
        "Activity area Amount (dollars in millions) Percentage of total\n"
        "Police professionalization 44.2 36.5\n"
        "Justice sector reform 24.8 20.5\n"
        "Total 121.0 100.0\n"
        "Source: GAO analysis of Department of State data.\n"
    )
    found = {m.span.quote: (m.value, m.unit) for m in figures(text, "honduras-gao")}
    assert found["44.2"] == (44200000, "usd") and found["36.5"] == (Decimal("36.5"), "percent")
    assert found["121.0"] == (121000000, "usd") and "100.0" not in found


@pytest.mark.parametrize(
    ("sentence", "quote", "agency"),
    [
        (
            "The National Interdiction Unit (NIU), which numbers some 540 officers, carried"
            " out 220 operations in 2011.",
            "220 operations",
            "NIU",
        ),
        (
            "The Special Prosecutor's Office for Organized Crime, with a staff of 19 deputy"
            " prosecutors, indicted 214 defendants in 2009.",
            "214 defendants",
            "Special Prosecutor's Office for Organized Crime",
        ),
        (
            "The Anti-Drug Unit (ADU), which has only about 140 officers, arrested 23 drug"
            " couriers.",
            "23 drug couriers",
            "ADU",
        ),
        # what the subject holds, not does: "keeps fewer than 300 officers" (no one's work)
        (
            "The Nicaraguan National Police (NNP), with about 9,200 officers, keeps fewer"
            " than 300 officers in the North Atlantic Autonomous Region.",
            "300 officers",
            None,
        ),
    ],
)
def test_a_subject_acts_past_what_is_said_of_it_between_commas(
    sentence: str, quote: str, agency: str | None
) -> None:
    """The subject of a figure's verb is credited when a relative clause or a "with" phrase
    stands between them; a verb of holding credits no one."""
    assert quoted("INL works in Guyana. " + sentence, quote).agency == agency


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "Fiji: INL Programs\n\nThrough the Pacific Islands Counternarcotics Initiative,"
            " which INL launched in 2022, INL has trained police officers in Fiji. Last year,"
            " officers trained under the initiative boarded 61 vessels.",
            "61 vessels",
        ),
        (
            "Statement of Jane Doe\nDeputy Assistant Secretary, Bureau of International"
            " Narcotics and Law Enforcement Affairs (INL)\nBefore the Subcommittee on the"
            " Middle East, House Committee on Foreign Affairs\n\nOman\n\nThis year we"
            " delivered 6 new interceptor boats to the Coast Guard base in Sur. Using those"
            " boats, the Coast Guard intercepted 23 dhows.",
            "23 dhows",
        ),
    ],
)
def test_what_comes_of_the_lead_agencys_work_taken_up_by_a_phrase(text: str, quote: str) -> None:
    """A sentence that says it uses or comes of what an earlier sentence of its paragraph
    credits to the lead agency (in testimony, to "we") is the lead agency's work."""
    assert quoted(text, quote).agency == "INL"


@pytest.mark.parametrize(
    ("sentence", "quote", "agency"),
    [
        # what the subject is, in apposition between it and its verb
        (
            "The Unit for Combating Money Laundering (MOKAS), the ROC's financial intelligence"
            " unit (FIU), received 3,871 suspicious transaction reports in 2018.",
            "3,871 suspicious",
            "MOKAS",
        ),
        # an operation, and what it is, opening the sentence
        (
            "-- Under Operation Kingfish, a JCF-led effort against major crime networks, the"
            " Jamaica Constabulary Force (JCF) dismantled eight organized crime groups.",
            "eight organized crime groups",
            "JCF",
        ),
        # a second subject no organization names: the first did the work
        (
            "The Ecuadorian National Police (ENP) and the Army destroyed 4 cocaine laboratories.",
            "4 cocaine laboratories",
            "ENP",
        ),
        # but two governments together are no one agency
        (
            "The United States and Nepal concluded the two-day inaugural dialogue.",
            "two-day",
            None,
        ),
    ],
)
def test_a_subject_past_an_apposition_an_operation_or_a_second_subject(
    sentence: str, quote: str, agency: str | None
) -> None:
    """The subject is found past what it is in apposition, past an operation named with what
    it is, and before a second subject that is no organization; two countries credit no one."""
    assert quoted("Guyana\n\n" + sentence, quote).agency == agency


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        (
            "INL donated 12 narcotics analyzers to the police. Each analyzer can identify more"
            " than 500 substances in less than 60 seconds.",
            "500",
        ),
        (
            "INL donated two cargo scanners to customs. Each scanner can inspect 80-100"
            " containers an hour without opening them.",
            "80-100",
        ),
        (
            "INL donated three boats to the navy. The boats have twin 350-horsepower engines.",
            "350-horsepower",
        ),
        ("INL delivered a 40-terabyte evidence server.", "40-terabyte"),
    ],
)
def test_what_a_thing_can_do_or_is_rated_at_credits_no_one(sentence: str, quote: str) -> None:
    """A thing's rating or what it can do is its specification, no one's work."""
    assert quoted("Lebanon: INL Programs\n\n" + sentence, quote).agency is None


def test_the_lead_agency_named_as_the_channel_after_an_amount() -> None:
    """ "the United States has provided more than $21 million through INL": INL's funds."""
    text = (
        "Nepal: INL Programs\n\nSince 2013, the United States has provided more than $21"
        " million through INL to strengthen Nepal's police."
    )
    [m] = extract(Document(name="np", text=text)).measurements
    assert m.agency == "INL"


def test_an_auditor_told_or_finding_is_no_second_donor() -> None:
    """An auditor named as the one told or as finding what others did does not stand beside
    the lead agency as another U.S. agency: the INL-provided equipment's results are INL's."""
    text = (
        "Egypt: INL Programs\n\nEgyptian Customs Authority officials told GAO that"
        " INL-provided container scanners at the port of Alexandria helped them detect 26"
        " smuggling attempts in 2021. GAO found that only 23 of the 68 INL-provided vehicles"
        " were in use."
    )
    found = {m.span.quote: m.agency for m in extract(Document(name="x", text=text)).measurements}
    assert found["26 smuggling attempts"] == "INL"
    assert [a for q, a in found.items() if q.startswith("23")] == ["INL"]


@pytest.mark.parametrize(
    ("sentence", "quote", "agency"),
    [
        # a topic or a circumstance before the subject
        (
            "On money laundering, Argentina's Financial Information Unit (UIF) received more"
            " than 1,200 suspicious transaction reports in 2008.",
            "1,200 suspicious",
            "UIF",
        ),
        (
            "For the 2009-2010 crop year the Central Bureau of Narcotics (CBN) licensed"
            " approximately 44,800 cultivators.",
            "44,800 cultivators",
            "CBN",
        ),
        # ", when" opens a clause of its own: the first subject did not do it
        (
            "The Government of Laos (GOL) declared the country opium-free in 2006, when"
            " cultivation had fallen by 94 percent from its 1998 peak.",
            "94 percent",
            None,
        ),
        # what a body keeps in place is no work done
        (
            "The Judicial Police (PJ) still has only nine vehicles, and it maintains no"
            " permanent presence in four of the eight regions.",
            "four",
            None,
        ),
    ],
)
def test_the_subject_after_an_opening_phrase_and_the_clause_it_governs(
    sentence: str, quote: str, agency: str | None
) -> None:
    """A subject is found past a topic or a circumstance that opens its sentence; its verb
    governs its own clause, not one opened by ", when"; "maintains" is a state."""
    assert quoted("Guyana\n\n" + sentence, quote).agency == agency


@pytest.mark.parametrize(
    ("sentences", "quote", "agency"),
    [
        # the subject of the sentence before, after an opening phrase of time
        (
            "The Kosovo Academy for Public Safety (KAPS) opened in 2006. Since then it has"
            " trained more than 13,000 police officers.",
            "13,000 police officers",
            "KAPS",
        ),
        # the subject of the sentence's first clause, whatever its verb there
        (
            "The Financial Monitoring Service (FMS) has 16 bank inspectors, and in 2007 it"
            " levied fines totaling $2 million.",
            "$2 million",
            "FMS",
        ),
        (
            "The Financial Monitoring Service (FMS) is a member of the Egmont Group; it"
            " exchanged information with 68 foreign FIUs.",
            "68 foreign FIUs",
            "FMS",
        ),
        # a possessive pronoun before the organization's people
        (
            "The Anti-Narcotics Force (ANF) works in Sindh. Its officers seized 40 kilograms"
            " of heroin.",
            "40 kilograms",
            "ANF",
        ),
        # the source just named
        (
            "INL trained 65 detectives of the National Anti-Corruption Bureau (NABU) in 2019."
            " According to NABU, it has opened more than 1,100 criminal proceedings.",
            "1,100 criminal proceedings",
            "NABU",
        ),
        # not what a reporter speaks of ("it" is the system here), nor a state
        (
            "The JCF's new case system went live in July. JCF commanders report that it has"
            " cut case preparation time by nearly one-third.",
            "one-third",
            None,
        ),
        (
            "The Kosovo Academy for Public Safety (KAPS) opened in 2006. It is estimated that"
            " 40 percent of cases fail.",
            "40 percent",
            None,
        ),
    ],
)
def test_a_pronoun_takes_up_the_organization_acting_before_it(
    sentences: str, quote: str, agency: str | None
) -> None:
    """A pronoun ("it", "its officers") as a clause's subject is the organization it takes up: the
    source just named, the subject of the sentence's first clause, or the acting organization
    of the sentence before."""
    assert quoted("Guyana\n\n" + sentences, quote).agency == agency


@pytest.mark.parametrize(
    ("sentence", "quote", "year"),
    [
        # the next figure of a clause run on from a dated one takes its date
        (
            "The NDLEA reported seizing 214 kilograms of cocaine in 2015, and dismantling 4"
            " clandestine laboratories.",
            "4 clandestine",
            2015,
        ),
        (
            "Jordan's prisons held approximately 17,500 inmates at the end of 2019, about 140"
            " percent of their designed capacity.",
            "140",
            2019,
        ),
        # the clause's own figure's date, not the earlier level's it is compared with
        (
            "Saudi authorities seized 13.4 million amphetamine tablets in 2006, up from 10.9"
            " million in 2005, along with 9.8 metric tons of hashish.",
            "9.8 metric tons",
            2006,
        ),
        # what stands now is not dated by the clause before
        (
            "Kenya's courts had more than 500,000 pending cases in 2019, and 40-45 percent of"
            " the country's prisoners are awaiting trial.",
            "40-45 percent",
            None,
        ),
    ],
)
def test_a_figure_run_on_from_a_dated_clause_takes_its_date(
    sentence: str, quote: str, year: int | None
) -> None:
    """A figure with no date of its own, right after a dated figure of its sentence (a comma
    and a few words between), is of that date; an earlier level's date and a present-tense
    clause do not pass on."""
    facts = extract(Document(name="x", text="INL works in the region. " + sentence))
    [m] = [m for m in facts.measurements if quote in m.span.quote or m.span.quote in quote]
    assert m.year == year


@pytest.mark.parametrize(
    ("text", "value", "counted"),
    [
        # a bare number a verb acts on takes up the count of the sentence before
        (
            "The Tonga Police arrested 324 people on drug charges. In 2016, they arrested 96.",
            96,
            "person",
        ),
        (
            "The FELCN arrested 1,467 persons. Of those arrested, 388 had been convicted.",
            388,
            "person",
        ),
        # a bare number sent somewhere, or found to be something
        (
            "The State Police opened 96 criminal cases, prosecutors sent 41 to court, and courts"
            " convicted 23 persons.",
            41,
            "criminal case",
        ),
        (
            "The center screened some 73,400 migrants and identified 208 as victims.",
            208,
            "victim",
        ),
    ],
)
def test_a_bare_number_a_verb_acts_on_counts_what_was_counted_before(
    text: str, value: int, counted: str
) -> None:
    """A number with no noun of its own that a verb acts on ("they arrested 96", "sent 41 to
    court") or that acts ("388 had been convicted") counts what the count before it counts,
    in its sentence or the one before; "identified 208 as victims" counts victims."""
    facts = extract(Document(name="x", text="INL works in the region. " + text))
    [m] = [m for m in facts.measurements if m.value == value]
    assert (m.unit, m.counted) == ("count", counted)


def test_a_heading_number_after_a_count_is_no_figure() -> None:
    """A section's number on its own line after a sentence with a count is not taken up."""
    text = (
        "INL works in Peru. Police arrested 1,200 traffickers.\n\n2. Supply Reduction\n\n"
        "Peru remains a source country."
    )
    assert [m.value for m in extract(Document(name="peru", text=text)).measurements] == [1200]


@pytest.mark.parametrize(
    ("sentence", "value", "change", "qualifier"),
    [
        (
            "Police destroyed 1,200 cannabis plants in 2009, roughly a third fewer than in 2008.",
            Decimal("33.3"),
            Change.DECREASE,
            Qualifier.ABOUT,
        ),
        (
            "Seizures reached 4.1 tons, about a fifth more than in 2015.",
            Decimal(20),
            Change.INCREASE,
            Qualifier.ABOUT,
        ),
        (
            "Arrests were a quarter higher than the year before.",
            Decimal(25),
            Change.INCREASE,
            Qualifier.EXACT,
        ),
    ],
)
def test_a_fraction_more_or_fewer_than_is_a_change(
    sentence: str, value: Decimal, change: Change, qualifier: Qualifier
) -> None:
    """ "a third fewer than in 2008" is a decrease of a third, "a fifth more than" an increase
    of a fifth (percent, one decimal place)."""
    facts = extract(Document(name="x", text="INL works in Peru. " + sentence))
    [m] = [m for m in facts.measurements if m.unit == "percent"]
    assert (m.value, m.change, m.qualifier) == (value, change, qualifier)


@pytest.mark.parametrize(
    ("country", "sentence", "value", "unit"),
    [
        # a currency withdrawn since (the lev joined the euro in 2026; pycountry has no BGN)
        ("bulgaria", "Investigators froze assets worth BGN 11.8 million.", 11_800_000, "bgn"),
        ("croatia", "Police seized HRK 2.4 million in cash.", 2_400_000, "hrk"),
        ("israel", "Cash payments above NIS 5,500 are banned.", 5500, "ils"),
        ("bhutan", "The grant was Nu 38.6 million.", 38_600_000, "btn"),
    ],
)
def test_amounts_in_local_and_withdrawn_currencies(
    country: str, sentence: str, value: int, unit: str
) -> None:
    """An amount after a currency's sign or code is read in that currency, including
    currencies withdrawn since the document was written and signs such as NIS and Nu."""
    text = f"INL works in {country.title()}. {sentence}"
    [m] = extract(Document(name=country, text=text)).measurements
    assert (m.value, m.unit) == (value, unit)
