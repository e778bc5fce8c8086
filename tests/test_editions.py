"""Editions: when a document was published, which documents are editions of one program, and
figures reconciled across documents (tests/editions: a synthetic sheet in two editions plus a
regional summary of another program that reports the same figures)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg.build import build, collect_facts
from kg.editions import (
    document_edition,
    edition_from_funding,
    edition_from_name,
    edition_from_text,
    link_documents,
    parse_edition,
)
from kg.facts import FactsError, facts_to_dict, load_facts
from kg.model import Document, DocumentFacts, KgError, Measurement, Place, PlaceKind, Span
from kg.namespaces import KG
from kg.query import get_query, run_checks, run_query
from kg.rdf import document_iri, facts_to_graph, figure_iri
from kg.store import TermTriple, graph_triples, load_rdflib, load_store

EDITIONS = Path(__file__).parent / "editions"


# --- the edition of one document -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lexical", "datatype"),
    [
        ("2019", "2019", XSD.gYear),
        ("2019-06", "2019-06", XSD.gYearMonth),
        ("2019-6", "2019-06", XSD.gYearMonth),
        ("2019-06-05", "2019-06-05", XSD.date),
    ],
)
def test_parse_edition_keeps_its_precision(text: str, lexical: str, datatype: URIRef) -> None:
    e = parse_edition(text)
    assert (e.lexical, e.datatype) == (lexical, datatype)


@pytest.mark.parametrize("bad", ["June 2019", "19", "2019-13", "2019-02-30", "2019/06", "3019"])
def test_parse_edition_refuses_anything_else(bad: str) -> None:
    with pytest.raises(KgError, match="edition"):
        parse_edition(bad)


@pytest.mark.parametrize(
    ("text", "lexical"),
    [
        ("Fact Sheet\nBureau of X\nDecember 6, 2011\n\nFunding FY 2009-2012:", "2011-12-06"),
        ("Some title\n\nUpdated: June 2019\n\nINL trained 40 judges in 2016.", "2019-06"),
        ("Title\nAs of March 3, 2020\nText.", "2020-03-03"),
        ("Title\nLast updated 2018-09-14\nText.", "2018-09-14"),
        (
            "Evaluation Summary\nEvaluation period: 2016 - 2021\nReport date: August 2021\n",
            "2021-08",
        ),
        ("Title\nDate of publication: 5 May 2022\nText.", "2022-05-05"),
        ("STRATEGY\nBureau of X\nApproved: April 11, 2022\n", "2022-04-11"),
        # a cell of a letterhead's line: after wide spaces, between bars, after a weekday
        (
            "U.S. DEPARTMENT OF STATE\nFACT SHEET                       July 14, 1998\n",
            "1998-07-14",
        ),
        ("THE GLEANER | COMMENTARY | Sunday | October 13, 2019\n\nLast month I ...", "2019-10-13"),
        ("PRESS RELEASE\nThursday, November 16, 2023          (202) 555-0163\n", "2023-11-16"),
        # a news dateline whose place ends with a dash, not a comma
        (
            "Release\n\nCASTRIES, Saint Lucia – March 7, 2024 – The United States today",
            "2024-03-07",
        ),
    ],
)
def test_edition_from_a_dateline(text: str, lexical: str) -> None:
    found = edition_from_text(text)
    assert found is not None and found.lexical == lexical and found.source == "dateline"


def test_a_gao_reports_number_gives_its_year() -> None:
    found = edition_from_text("GAO-23-105814, a report to the Chairman\n\nMEXICO: State ...\n")
    assert found is not None and found.year == 2023
    # not a number cited further down
    assert edition_from_text("Peru\n\nx\n\ny\n\nAs GAO-19-12 found, ...\n") is None


def test_a_date_inside_a_sentence_is_no_dateline() -> None:
    assert edition_from_text("Title\n\nIn June 2016, INL trained 40 judges in the capital.") is None
    # nor a cell that says more than a date
    assert edition_from_text("Title\nPlan    Training held in June 2016 in Lima\n") is None


def test_edition_from_the_funding_lines_takes_the_latest_fiscal_year() -> None:
    text = (
        "Title\n\nFunding FY 2009-12:\n- FY 2009 $1 million\nSince FY 2015 INL trained 40 judges."
    )
    found = edition_from_funding(text)
    assert found is not None and found.lexical == "2012" and found.source == "fiscal-year"
    assert edition_from_funding("INL trained 40 judges.") is None


@pytest.mark.parametrize(
    ("name", "lexical"),
    [("pakistan-2019", "2019"), ("peru_2010-04", "2010-04"), ("a-2007-b-2009", "2009")],
)
def test_edition_from_the_file_name(name: str, lexical: str) -> None:
    found = edition_from_name(name)
    assert found is not None and found.lexical == lexical
    assert edition_from_name("pakistan") is None


def test_declared_then_text_then_file_name_then_fiscal_year() -> None:
    text = "Title\nMay 2, 2018\n\nFunding FY 2016-2019"
    declared = Document("peru-2017", text, edition="2019-06")
    assert document_edition(declared) == parse_edition("2019-06")
    assert document_edition(Document("peru-2017", text)) == parse_edition("2018-05-02")
    funding = "Title\n\nFunding FY 2016-2019"
    assert document_edition(Document("peru-2017", funding)) == parse_edition("2017")
    assert document_edition(Document("peru", funding)) == parse_edition("2019")
    assert document_edition(Document("peru", "No date at all.")) is None
    assert document_edition(Document("peru-2017", None, digest="0" * 64)) == parse_edition("2017")


def test_facts_file_edition_key(tmp_path: Path) -> None:
    facts = load_facts(EDITIONS / "paraguay-2019.facts.yaml")
    assert facts.document.edition == "2019-06"
    assert facts_to_dict(facts)["edition"] == "2019-06"
    assert load_facts(EDITIONS / "paraguay-2017.facts.yaml").document.edition is None
    (tmp_path / "x.txt").write_text("INL trained 40 judges.", encoding="utf-8")
    dated = tmp_path / "x.facts.yaml"
    dated.write_text("document: x.txt\nedition: 2019-06-05\n", encoding="utf-8")
    assert load_facts(dated).document.edition == "2019-06-05"  # a YAML date reads as ISO
    bad = tmp_path / "bad.facts.yaml"
    bad.write_text("document: x.txt\nedition: June 2019\n", encoding="utf-8")
    with pytest.raises(FactsError, match=r"bad\.facts\.yaml:2: edition 'June 2019' must be"):
        load_facts(bad)


def test_edition_is_dcterms_issued_with_its_precision() -> None:
    facts = collect_facts([EDITIONS])
    issued = {
        f.document.name: facts_to_graph(f).value(document_iri(f.document.name), DCTERMS.issued)
        for f in facts
    }
    assert issued == {
        "paraguay-2017": Literal("2017-03-03", datatype=XSD.date),  # dateline
        "paraguay-2019": Literal("2019-06", datatype=XSD.gYearMonth),  # declared
        "southern-cone-2018": Literal("2018", datatype=XSD.gYear),  # file name
    }


# --- editions linked, figures reconciled in a build ------------------------------------------


@pytest.fixture(scope="module")
def editions_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("editions") / "out"
    summary = build([EDITIONS], out=out)
    assert summary.conforms
    return out


def _doc(name: str) -> URIRef:
    return document_iri(name)


def _result(doc: str, quote: str) -> URIRef:
    text = (EDITIONS / f"{doc}.txt").read_text(encoding="utf-8")
    start = text.index(quote)
    return URIRef(f"{figure_iri(doc, Span.of(text, start, start + len(quote)))}-value")


def test_newer_edition_replaces_the_older_of_the_same_program(editions_build: Path) -> None:
    g = load_rdflib(editions_build)
    assert set(g.triples((None, DCTERMS.replaces, _doc("paraguay-2017")))) == {
        (_doc("paraguay-2019"), DCTERMS.replaces, _doc("paraguay-2017"))
    }
    # another country's program is no edition of Paraguay's, and nothing replaces it
    assert g.value(_doc("southern-cone-2018"), DCTERMS.replaces) is None
    assert g.value(None, DCTERMS.replaces, _doc("southern-cone-2018")) is None
    assert not list(g.triples((None, DCTERMS.isReplacedBy, None)))  # one direction only


def test_comparable_figures_are_grouped_and_flagged(editions_build: Path) -> None:
    g = load_rdflib(editions_build)
    sets = {
        s: set(g.objects(s, PROV.hadMember)) for s in g.subjects(RDF.type, KG.ComparableFigures)
    }
    by_label = {str(g.value(s, RDFS.label)): s for s in sets}
    assert set(by_label) == {"cocaine seized, Paraguay, 2016", "area eradicated, Paraguay, 2016"}
    cocaine, eradicated = (
        by_label["cocaine seized, Paraguay, 2016"],
        by_label["area eradicated, Paraguay, 2016"],
    )
    assert sets[cocaine] == {
        _result("paraguay-2017", "seized 12 metric tons of cocaine"),
        _result("paraguay-2019", "seized 14 metric tons of cocaine"),
        _result("southern-cone-2018", "seized 13 metric tons of cocaine"),
    }
    assert g.value(cocaine, KG.valuesAgree) == Literal(False)
    assert g.value(eradicated, KG.valuesAgree) == Literal(True)
    assert len(sets[eradicated]) == 3
    # people trained (2016 in one edition, 2018 in the other) are different periods: no set


def test_later_edition_value_supersedes_the_earlier(editions_build: Path) -> None:
    g = load_rdflib(editions_build)
    replaces = set(g.subject_objects(DCTERMS.replaces))
    figures = {(s, o) for s, o in replaces if "/fig-" in str(s)}
    assert figures == {
        (
            _result("paraguay-2019", "seized 14 metric tons of cocaine"),
            _result("paraguay-2017", "seized 12 metric tons of cocaine"),
        ),
        (
            _result("paraguay-2019", "eradicated 1,200 hectares of marijuana"),
            _result("paraguay-2017", "eradicated 1,200 hectares of marijuana"),
        ),
    }  # the regional summary is another program: it conflicts, it never supersedes


def test_conflicting_figures_query_lists_each_pair_once(editions_build: Path) -> None:
    store = load_store(editions_build)
    rows = run_query(store, get_query("conflicting-figures")).records()
    got = [
        (r["value_a"], r["value_b"], r["document_a"], r["document_b"], r["superseded"])
        for r in rows
    ]
    assert got == [
        ("12", "14", "paraguay-2017", "paraguay-2019", "true"),
        ("12", "13", "paraguay-2017", "southern-cone-2018", "false"),
        ("13", "14", "southern-cone-2018", "paraguay-2019", "false"),
    ]
    first = rows[0]
    assert first["quote_a"] == "seized 12 metric tons of cocaine"
    assert first["quote_b"] == "seized 14 metric tons of cocaine"
    assert (first["property"], first["place"], first["year"]) == (
        "cocaine seized",
        "Paraguay",
        "2016",
    )


def test_quality_rules_pass_on_a_graph_with_conflicts(editions_build: Path) -> None:
    assert run_checks(_store_with_ontology(editions_build)) == {}


def test_build_is_byte_identical(editions_build: Path, tmp_path: Path) -> None:
    build([EDITIONS], out=tmp_path / "again")
    for name in ("graph.trig", "graph.ttl"):
        assert (tmp_path / "again" / name).read_bytes() == (editions_build / name).read_bytes()


def test_no_links_for_a_single_document() -> None:
    facts = load_facts(EDITIONS / "paraguay-2017.facts.yaml")
    assert link_documents([("g", graph_triples(facts_to_graph(facts)))]) == []


def test_linking_groups_by_key_not_by_pairs() -> None:
    """Forty editions of one program state one figure: one set, and each edition's value
    replaces only the previous edition's (39 links, not 780)."""
    graphs = []
    for i in range(40):
        name = f"ruritania-{1980 + i}"
        text = f"Updated: {1980 + i}\nIn 1979, INL trained {100 + i} judges."
        quote = f"trained {100 + i} judges"
        start = text.index(quote)
        facts = DocumentFacts(
            Document(name, text),
            places=[Place("Paraguay", PlaceKind.COUNTRY)],
            measurements=[
                Measurement(
                    Span.of(text, start, start + len(quote)),
                    Decimal(100 + i),
                    "count",
                    counted="judge",
                    year=1979,
                    place="Paraguay",
                )
            ],
            country="Paraguay",
        )
        graphs.append((name, graph_triples(facts_to_graph(facts))))
    ((_, triples),) = link_documents(graphs)
    g = Graph()
    for s, p, o in triples:
        g.parse(data=f"{s} {p} {o} .", format="nt")
    assert len(set(g.subjects(RDF.type, KG.ComparableFigures))) == 1
    assert len(list(g.triples((None, PROV.hadMember, None)))) == 40
    figure_links = [t for t in g.triples((None, DCTERMS.replaces, None)) if "/fig-" in str(t[0])]
    assert len(figure_links) == 39
    assert len(list(g.triples((None, DCTERMS.replaces, None)))) == 78  # 39 documents, 39 figures


def _store_with_ontology(build_dir: Path) -> ox.Store:
    store = load_store(build_dir / "graph.trig")  # a writable copy in memory
    ontology = Path(__file__).parents[1] / "ontology" / "kg.ttl"
    store.bulk_load(path=str(ontology), format=ox.RdfFormat.TURTLE)
    return store


def test_checks_catch_superseding_backwards_and_a_wrong_flag(editions_build: Path) -> None:
    from kg.query import check_queries

    store = _store_with_ontology(editions_build)
    issued = ox.NamedNode(str(DCTERMS.issued))
    newer = ox.NamedNode(str(_doc("paraguay-2019")))
    for q in list(store.quads_for_pattern(newer, issued, None, None)):
        store.remove(q)
    store.add(ox.Quad(newer, issued, ox.Literal("2016", datatype=ox.NamedNode(str(XSD.gYear)))))
    rows = run_query(store, check_queries()["replaces-a-later-edition"]).records()
    assert {(r["newer"], r["older"], r["problem"]) for r in rows} == {
        ("paraguay-2019", "paraguay-2017", "replaces a later edition")
    }  # the documents and both superseded figures, one row (DISTINCT)

    store = _store_with_ontology(editions_build)
    agree = ox.NamedNode(str(KG.valuesAgree))
    boolean = ox.NamedNode(str(XSD.boolean))
    for q in list(store.quads_for_pattern(None, agree, None, None)):
        store.remove(q)
        flipped = "false" if q.object.value == "true" else "true"
        store.add(ox.Quad(q.subject, agree, ox.Literal(flipped, datatype=boolean), q.graph_name))
    rows = run_query(store, check_queries()["comparable-figures-flag-wrong"]).records()
    assert sorted(r["label"] for r in rows) == [
        "area eradicated, Paraguay, 2016",
        "cocaine seized, Paraguay, 2016",
    ]


# --- genres ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "genre"),
    [
        ("x", "CONGRESSIONAL BUDGET JUSTIFICATION\nDepartment of State", "budget-document"),
        ("x", "GAO Highlights\n\nWhy GAO did this study", "gao-report"),
        ("x", "2020 INTERNATIONAL NARCOTICS CONTROL STRATEGY REPORT (INCSR)", "incsr-chapter"),
        ("x", "TESTIMONY OF A. WITNESS\nDIRECTOR", "testimony"),
        ("x", "U.S. EMBASSY DAKAR PRESS RELEASE\n", "press-release"),
        ("x", "MID-TERM PERFORMANCE EVALUATION\n", "evaluation"),
        ("x", "UNCLASSIFIED\n\nOFFICE OF INSPECTOR GENERAL\nU.S. Department of State", "audit"),
        ("x", "Special Inspector General for Afghanistan Reconstruction\n", "audit"),
        ("oig-guatemala-audit", "Guatemala ...", "audit"),
        ("x", "Remarks by U.S. Ambassador A. Name\nHandover of Equipment\nAccra", "remarks"),
        ("x", "Ambassador's remarks\nAs prepared for delivery\n", "remarks"),
        ("ghana-ambassador-speech", "Accra ...", "remarks"),
        ("x", "Fact Sheet\nBureau of X", "fact-sheet"),
        ("gao-peru", "Peru has ...", "gao-report"),  # the file name, when the text is silent
        ("incsr-peru-2019", "Peru has ...", "incsr-chapter"),
        ("pressure-groups", "Peru has ...", "fact-sheet"),  # "press" must be a whole word
        ("peru", "Peru has ...", "fact-sheet"),  # what kg reads unless told otherwise
        # a word of the file name, after its start
        ("belize-incsr", "Belize is ...", "incsr-chapter"),
        ("cabo-verde-press-release", "Praia ...", "press-release"),
        # an embassy's release by another name, announced in its first lines
        ("x", "U.S. Embassy in Fiji\nMedia Release\nSeptember 12, 2023\n", "press-release"),
        ("x", "FOR IMMEDIATE RELEASE\nJune 3, 2021\n", "press-release"),
        ("x", "Office of the Spokesperson\nMay 2, 2024\n", "press-release"),
        ("impressions", "Peru has ...", "fact-sheet"),
        # an INCSR chapter without its title: its sections
        (
            "x",
            "Belize\n\nI. Summary\n\nBelize is ...\n\nII. Status of Country\n\n...\n\n"
            "III. Country Actions Against Drugs in 2014\n\n1. Institutional Development\n",
            "incsr-chapter",
        ),
        (
            "x",
            "PERU\n\nA. Introduction\n\nB. Drug Control Accomplishments, Policies, and "
            "Trends\n\n1. Institutional Development\n",
            "incsr-chapter",
        ),
        (
            "x",
            "Peru\n\nOVERVIEW\n\nKEY AML LAWS AND REGULATIONS\n\nAML DEFICIENCIES\n",
            "incsr-chapter",
        ),
        ("x", "Peru\n\nProgram Overview\n\n1. Institutional Development\n", "fact-sheet"),
        # a letterhead's blank line does not push the release line out of the top lines
        (
            "x",
            "THE WHITE HOUSE\nOffice of National Drug Control Policy\n\nFOR IMMEDIATE RELEASE\n",
            "press-release",
        ),
        # nor does a rule line; and the body text below the letterhead announces no genre
        ("x", "U.S. DEPARTMENT OF STATE\n____\n* * *\nFOR IMMEDIATE RELEASE\n", "press-release"),
        (
            "x",
            "U.S. Assistance to Peru\n\nJanuary 5, 2023\n\nThis fact sheet draws on the INCSR.\n",
            "fact-sheet",
        ),
        # the look of a genre's first page, when its first lines and file name name none
        ("kosovo", "KOSOVO\n\nBudget Summary ($000)\n\nFY 2011 Actual  FY 2012", "budget-document"),
        ("jordan", "Jordan\n\n($ in thousands)      FY 2019   FY 2020\n", "budget-document"),
        (
            "iraq",
            "Iraq\n\nINCLE      FY 2011 Actual   FY 2012 Estimate   FY 2013 Request\n",
            "budget-document",
        ),
        ("laos", "LAOS\n\nProgram Description and Budget Summary - FY 2006\n", "fact-sheet"),
        (
            "bosnia",
            "GAO\nAccountability\n\nHighlights\nHighlights of GAO-07-1126, a report",
            "gao-report",
        ),
        (
            "kiribati",
            "Report to the Chairman\nJuly 2023\n\nKIRIBATI\n\nWhat GAO Found\n",
            "gao-report",
        ),
        (
            "sahel",
            "Statement for the Record\n\nA. Witness\nDeputy Assistant Secretary\nBureau of X\n",
            "testimony",
        ),
        (
            "ecuador",
            "S. Hrg. 118-306\nSECURITY\nHEARING\nBEFORE THE\nSUBCOMMITTEE ON X\n",
            "testimony",
        ),
        (
            "x",
            "U.S. EMBASSY DAKAR\nPublic Affairs Section\nRoute des Almadies\n\nPRESS RELEASE\n",
            "press-release",
        ),
        # a statement of work is not testimony, nor a body sentence a release
        ("x", "STATEMENT OF WORK\nPolice Training\n", "fact-sheet"),
        (
            "x",
            "Peru\na\nb\nc\nThe embassy's press release of May 2 named the unit and its chief.\n",
            "fact-sheet",
        ),
        ("x", "Annual Program Evaluation Summary\nPeru Program\n", "evaluation"),
    ],
)
def test_document_genre(name: str, text: str, genre: str) -> None:
    from kg.editions import document_genre

    assert document_genre(Document(name, text)) == genre


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2017 International Narcotics Control Strategy Report (INCSR)\nVolume I\n", 2017),
        ("INCSR 2020 - Volume II\n\nParaguay\n", 2020),
        ("International Narcotics Control Strategy Report\nVolume I\n", None),
    ],
)
def test_edition_from_a_report_title(text: str, year: int | None) -> None:
    found = edition_from_text(text)
    assert (found.year if found else None) == year


def test_the_year_an_incsr_chapter_reports_on() -> None:
    from kg.editions import Edition, year_under_report

    titled = "2017 International Narcotics Control Strategy Report\n\nIn 2016 police ..."
    assert year_under_report(titled, edition_from_text(titled)) == 2016
    # the section naming the year wins over the edition
    section = "III. Country Actions Against Drugs in 2014\n"
    assert year_under_report(section, Edition(2017)) == 2014
    # without either: the year named most often, the later of equals
    assert year_under_report("since 1998 ... in 2008 ... 2008 ... 2007 ... 2007", None) == 2008
    assert year_under_report("No year at all.", None) is None


def test_genre_declared_in_the_facts_file(tmp_path: Path) -> None:
    from kg.editions import document_genre

    (tmp_path / "x.txt").write_text("Fact Sheet\nINL trained 40 judges.", encoding="utf-8")
    declared = tmp_path / "x.facts.yaml"
    declared.write_text("document: x.txt\ngenre: GAO report\n", encoding="utf-8")
    facts = load_facts(declared)
    assert document_genre(facts.document) == "gao-report"
    assert facts_to_dict(facts)["genre"] == "gao-report"
    assert facts_to_graph(facts).value(document_iri("x"), KG.genre) == KG.GAOReport
    declared.write_text("document: x.txt\ngenre: blog\n", encoding="utf-8")
    with pytest.raises(FactsError, match=r"x\.facts\.yaml:2: genre 'blog' must be one of"):
        load_facts(declared)


def _one_figure(name: str, value: int, genre: str | None = None) -> tuple[str, list[TermTriple]]:
    text = f"Fact Sheet\nIn 2016, INL trained {value} judges."
    quote = f"trained {value} judges"
    start = text.index(quote)
    facts = DocumentFacts(
        Document(name, text, genre=genre),
        places=[Place("Paraguay", PlaceKind.COUNTRY)],
        measurements=[
            Measurement(
                Span.of(text, start, start + len(quote)),
                Decimal(value),
                "count",
                counted="judge",
                year=2016,
                place="Paraguay",
            )
        ],
        country="Paraguay",
    )
    return (name, graph_triples(facts_to_graph(facts)))


def test_another_genre_is_no_edition_but_its_figures_are_compared() -> None:
    """A GAO report on the same country program neither replaces the fact sheet nor supersedes
    its figures; the figures it shares are still compared (and here conflict)."""
    graphs = [
        _one_figure("paraguay-2017", 40),
        _one_figure("paraguay-2019", 40),
        _one_figure("paraguay-gao-2020", 45, genre="gao-report"),
    ]
    ((_, triples),) = link_documents(graphs)
    g = Graph()
    for s, p, o in triples:
        g.parse(data=f"{s} {p} {o} .", format="nt")
    docs = {(s, o) for s, o in g.subject_objects(DCTERMS.replaces) if "/doc-" in str(s)}
    assert docs == {(_doc("paraguay-2019"), _doc("paraguay-2017"))}
    figures = [(s, o) for s, o in g.subject_objects(DCTERMS.replaces) if "/fig-" in str(s)]
    assert len(figures) == 1 and "paraguay-2019" in str(figures[0][0])
    (comparable,) = g.subjects(RDF.type, KG.ComparableFigures)
    assert len(list(g.objects(comparable, PROV.hadMember))) == 3
    assert g.value(comparable, KG.valuesAgree) == Literal(False)


def test_kg_validate_passes_on_the_editions_build(editions_build: Path) -> None:
    """Every named graph, the cross-document links' included, conforms on its own."""
    from kg.cli import main

    assert main(["validate", str(editions_build)]) == 0


def _seizure(name: str, value: str, unit: str, said: str) -> tuple[str, list[TermTriple]]:
    text = f"Fact Sheet\nIn 2016, SENAD seized {said} of cocaine."
    quote = f"seized {said} of cocaine"
    start = text.index(quote)
    facts = DocumentFacts(
        Document(name, text),
        places=[Place("Paraguay", PlaceKind.COUNTRY)],
        measurements=[
            Measurement(
                Span.of(text, start, start + len(quote)),
                Decimal(value),
                unit,
                year=2016,
                place="Paraguay",
                measured="seized-cocaine",
            )
        ],
        country="Paraguay",
    )
    return (str(document_iri(name)), graph_triples(facts_to_graph(facts)))


def _store(graphs: list[tuple[str, list[TermTriple]]]) -> ox.Store:
    store = ox.Store()
    nt = "".join(f"{s} {p} {o} .\n" for _, triples in graphs for s, p, o in triples)
    store.bulk_load(nt.encode(), ox.RdfFormat.N_TRIPLES)
    ontology = Path(__file__).parents[1] / "ontology" / "kg.ttl"
    store.bulk_load(path=str(ontology), format=ox.RdfFormat.TURTLE)
    return store


def test_masses_compare_in_kilograms() -> None:
    """12 metric tons and 12,000 kilograms agree; 13,000 kilograms conflicts with both."""
    docs = [
        _seizure("a-report", "12", "metric-ton", "12 metric tons"),
        _seizure("b-report", "12000", "kilogram", "12,000 kilograms"),
    ]
    graphs = docs + link_documents(docs)
    store = _store(graphs)
    agree = list(store.quads_for_pattern(None, ox.NamedNode(str(KG.valuesAgree)), None, None))
    assert [q.object.value for q in agree] == ["true"]
    assert run_checks(store) == {}
    assert run_query(store, get_query("conflicting-figures")).rows == []

    docs.append(_seizure("c-report", "13000", "kilogram", "13,000 kilograms"))
    store = _store(docs + link_documents(docs))
    rows = run_query(store, get_query("conflicting-figures")).records()
    assert [(r["document_a"], r["value_a"], r["document_b"], r["value_b"]) for r in rows] == [
        ("a-report", "12", "c-report", "13000"),
        ("b-report", "12000", "c-report", "13000"),
    ]
    assert rows[0]["unit_a"].endswith("TONNE") and rows[0]["unit_b"].endswith("KiloGM")
    assert run_checks(store) == {}


@pytest.mark.parametrize(
    "query", ["conflicting-figures.rq", "checks/comparable-figures-flag-wrong.rq"]
)
def test_queries_scale_units_as_the_code_does(query: str) -> None:
    import re

    from kg.editions import UNIT_SCALES
    from kg.namespaces import UNIT

    text = (Path(__file__).parents[1] / "kg" / "queries" / query).read_text(encoding="utf-8")
    tables = re.findall(r"VALUES \(\?u[ab]? \?k[ab]?\) \{([^}]*)\}", text)
    assert tables
    for table in tables:
        pairs = {
            f"<{UNIT[name]}>": Decimal(factor)
            for name, factor in re.findall(r"\(unit:(\w+) ([0-9.]+)\)", table)
        }
        assert pairs == {unit: factor for unit, (_, factor) in UNIT_SCALES.items()}
