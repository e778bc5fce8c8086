"""Named programs, projects and initiatives are their own class, never organizations."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import DCTERMS, PROV, RDF

from kg.build import build
from kg.evaluate import evaluate_pair
from kg.extract import extract
from kg.facts import FactsError, load_facts
from kg.model import Document, DocumentFacts, Organization, OrgKind, Program
from kg.namespaces import KG, ORG
from kg.programs import separate_programs
from kg.query import named_queries, run_query
from kg.rdf import facts_to_graph, named_program_iri, organization_iri
from kg.store import load_store

TEXT = (
    "INL works with the Ministry of Justice. In 2019, INL provided $2.5 million to the Rural "
    "Justice Access Initiative (RJAI), which trained 300 paralegals. The Resident Legal Advisor "
    "program held 12 workshops for prosecutors.\n"
)

FACTS = """document: demo.txt
organizations:
  - {name: Bureau of International Narcotics and Law Enforcement Affairs, aliases: [INL],
     kind: us-government}
  - {name: Ministry of Justice, aliases: [], kind: partner-government}
programs:
  - {name: Rural Justice Access Initiative, aliases: [RJAI], run_by: INL}
  - {name: Resident Legal Advisor program, aliases: [], run_by: null}
places: []
measurements:
  - {quote: "12 workshops", value: 12, unit: workshop, agency: null}
activities:
  - {actor: Resident Legal Advisor program, activity: workshops for prosecutors,
     beneficiary: null}
  - {actor: INL, activity: funding for the Rural Justice Access Initiative,
     beneficiary: Rural Justice Access Initiative}
"""


def _facts_file(tmp_path: Path, body: str = FACTS) -> Path:
    (tmp_path / "demo.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "demo.facts.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_facts_file_programs_load_with_their_runner(tmp_path: Path) -> None:
    facts = load_facts(_facts_file(tmp_path))
    assert [p.name for p in facts.programs] == [
        "Rural Justice Access Initiative",
        "Resident Legal Advisor program",
    ]
    rjai = facts.program("RJAI")
    assert rjai is not None and rjai.run_by == "INL"
    assert [(s.start, s.quote) for s in rjai.mentions][-1][1] == "RJAI"
    assert all(o.name != "Resident Legal Advisor program" for o in facts.organizations)


def test_program_runner_must_be_a_listed_organization(tmp_path: Path) -> None:
    body = FACTS.replace("run_by: INL}", "run_by: UNDP}")
    with pytest.raises(FactsError, match=r"demo.facts.yaml:7: 'run_by' names 'UNDP'"):
        load_facts(_facts_file(tmp_path, body))


def test_a_program_listed_as_an_organization_too_is_refused(tmp_path: Path) -> None:
    body = FACTS.replace(
        "  - {name: Ministry of Justice, aliases: [], kind: partner-government}\n",
        "  - {name: Ministry of Justice, aliases: [], kind: partner-government}\n"
        "  - {name: Rural Justice Access Initiative, aliases: [], kind: other}\n",
    )
    with pytest.raises(FactsError, match="a program is not an organization"):
        load_facts(_facts_file(tmp_path, body))


def test_programs_map_to_their_own_class_with_the_standard_runner_link(tmp_path: Path) -> None:
    g = facts_to_graph(load_facts(_facts_file(tmp_path)))
    rjai = named_program_iri("Rural Justice Access Initiative")
    rla = named_program_iri("Resident Legal Advisor program")
    inl = organization_iri("Bureau of International Narcotics and Law Enforcement Affairs")
    assert (rjai, RDF.type, KG.NamedProgram) in g
    assert (rjai, RDF.type, ORG.Organization) not in g
    assert (rjai, PROV.wasAssociatedWith, inl) in g
    assert not list(g.objects(rla, PROV.wasAssociatedWith))
    # the activity whose actor is the program belongs to it; the funding is for the program
    parts = {s for s in g.subjects(DCTERMS.isPartOf, rla)}
    assert len(parts) == 1
    assert list(g.subjects(KG.beneficiary, rjai))


def test_programs_query_lists_labels_aliases_and_runner(tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = build([_facts_file(tmp_path)], out=out)
    assert summary.conforms
    rows = run_query(load_store(out), named_queries()["programs"]).records()
    assert [(r["label"], r["aliases"], r["run_by"]) for r in rows] == [
        ("Resident Legal Advisor program", "", ""),
        (
            "Rural Justice Access Initiative",
            "RJAI",
            "Bureau of International Narcotics and Law Enforcement Affairs",
        ),
    ]


def test_extraction_lists_named_programs_apart_from_organizations() -> None:
    facts = extract(Document(name="demo", text=TEXT))
    names = {p.name: p for p in facts.programs}
    assert set(names) == {"Rural Justice Access Initiative", "Resident Legal Advisor program"}
    assert names["Rural Justice Access Initiative"].aliases == ("RJAI",)
    assert names["Rural Justice Access Initiative"].run_by == (
        "Bureau of International Narcotics and Law Enforcement Affairs"
    )
    # named without a runner on INL's page: the page's bureau's
    assert names["Resident Legal Advisor program"].run_by == (
        "Bureau of International Narcotics and Law Enforcement Affairs"
    )
    org_names = {n for o in facts.organizations for n in o.names}
    assert not org_names & {"Rural Justice Access Initiative", "RJAI"}


def test_generic_program_mentions_are_not_programs() -> None:
    text = "INL programs in the country grew. The INL Bangladesh program trained 40 officers.\n"
    facts = extract(Document(name="demo", text=text))
    assert facts.programs == []


def test_names_do_not_run_across_lines() -> None:
    text = "Section 1207 of the National Defense Authorization Act\n\nProgram Goals: none.\n"
    facts = DocumentFacts(Document(name="demo", text=text))
    separate_programs(facts)
    assert facts.programs == []


def test_program_as_credited_agency_becomes_its_runner() -> None:
    text = "The Police Reform Project, run by INL, trained 40 officers.\n"
    doc = Document(name="demo", text=text)
    facts = DocumentFacts(
        doc,
        organizations=[
            Organization("INL", kind=OrgKind.US_GOVERNMENT),
            Organization("Police Reform Project"),
        ],
    )
    separate_programs(facts)
    assert facts.programs[0].name == "Police Reform Project"
    assert facts.programs[0].run_by == "INL"
    assert [o.name for o in facts.organizations] == ["INL"]


def test_eval_scores_programs() -> None:
    doc = Document(name="demo", text=TEXT)
    gold = DocumentFacts(doc, programs=[Program("Rural Justice Access Initiative", ("RJAI",))])
    found = DocumentFacts(doc, programs=[Program("RJAI"), Program("Something Else Project")])
    score = evaluate_pair(found, gold)
    assert (score.programs.tp, score.programs.fp, score.programs.fn) == (1, 1, 0)


_ORGS = (
    "The Bureau of International Narcotics and Law Enforcement Affairs (INL) works with the "
    "United Nations Office on Drugs and Crime (UNODC) and the National Police. "
)


@pytest.mark.parametrize(
    ("sentence", "program", "runner"),
    [
        (
            "UNODC implements the Container Control Programme at three ports.",
            "Container Control Programme",
            "United Nations Office on Drugs and Crime",
        ),
        (
            "In 2015 INL launched the Community Policing Pilot Project in two districts.",
            "Community Policing Pilot Project",
            "Bureau of International Narcotics and Law Enforcement Affairs",
        ),
        (
            "The Border Liaison Office Initiative, implemented by UNODC, opened 4 offices.",
            "Border Liaison Office Initiative",
            "United Nations Office on Drugs and Crime",
        ),
        (
            "The Prison Literacy Project is administered by the National Police.",
            "Prison Literacy Project",
            "National Police",
        ),
        (
            "Through the Justice Sector Support Program, INL trained 120 judges.",
            "Justice Sector Support Program",
            "Bureau of International Narcotics and Law Enforcement Affairs",
        ),
        (
            "The Maritime Interdiction Initiative, which UNODC manages, trained 40 officers.",
            "Maritime Interdiction Initiative",
            "United Nations Office on Drugs and Crime",
        ),
        (
            "The Forensic Laboratory Project is an INL-funded program in the capital.",
            "Forensic Laboratory Project",
            "Bureau of International Narcotics and Law Enforcement Affairs",
        ),
        (
            "Police trained under the Coastal Security Partnership, a three-year INL initiative.",
            "Coastal Security Partnership",
            "Bureau of International Narcotics and Law Enforcement Affairs",
        ),
        (
            "The course is part of the Border Integrity Project, through which INL has invested "
            "$6 million.",
            "Border Integrity Project",
            "Bureau of International Narcotics and Law Enforcement Affairs",
        ),
        (
            "UNODC's largest effort, the Airport Communication Project, links 12 airports.",
            "Airport Communication Project",
            "United Nations Office on Drugs and Crime",
        ),
        (
            "Under the Community Policing Pilot, launched in mid-2019, INL trained 420 officers.",
            "Community Policing Pilot",
            "Bureau of International Narcotics and Law Enforcement Affairs",
        ),
        (
            "The Police Reform Initiative, which the Department of State's Bureau of "
            "International Narcotics and Law Enforcement Affairs (INL) manages, trained 40.",
            "Police Reform Initiative",
            "Bureau of International Narcotics and Law Enforcement Affairs",
        ),
        # the implementer of a clause naming funder and implementer
        (
            "Through the Rural Courts Project, which INL funds and UNODC implements, judges "
            "heard 300 cases.",
            "Rural Courts Project",
            "United Nations Office on Drugs and Crime",
        ),
        (
            "UNODC implements the INL-funded Prison Records Project in six prisons.",
            "Prison Records Project",
            "United Nations Office on Drugs and Crime",
        ),
        (
            "The Legal Aid Project, implemented through a grant agreement with UNODC, opened.",
            "Legal Aid Project",
            "United Nations Office on Drugs and Crime",
        ),
        # a funder with an auxiliary verb, a subject working through it, an owner after "of"
        (
            "INL will continue to fund the Regional Canine Program in FY 2015.",
            "Regional Canine Program",
            "Bureau of International Narcotics and Law Enforcement Affairs",
        ),
        (
            "INL supports police interdiction through the Lake Patrol Program on Lake Victoria.",
            "Lake Patrol Program",
            "Bureau of International Narcotics and Law Enforcement Affairs",
        ),
        (
            "Officers at the airport joined the Cargo Targeting Programme (CTP) of UNODC.",
            "Cargo Targeting Programme",
            "United Nations Office on Drugs and Crime",
        ),
    ],
)
def test_program_runner_from_the_words_around_a_mention(
    sentence: str, program: str, runner: str
) -> None:
    facts = extract(Document(name="demo", text=_ORGS + sentence))
    found = facts.program(program)
    assert found is not None, [p.name for p in facts.programs]
    assert found.run_by == runner


def test_a_program_the_text_does_not_attribute_has_no_runner() -> None:
    """Outside INL's own page (a document that does not name INL) nobody runs a program the
    text does not attribute."""
    text = (
        "The United Nations Office on Drugs and Crime (UNODC) works with the National Police. "
        "The Drug Demand Reduction Project reached 3,000 students in 2019."
    )
    found = extract(Document(name="demo", text=text)).program("Drug Demand Reduction Project")
    assert found is not None and found.run_by is None


@pytest.mark.parametrize(
    ("sentence", "program", "runner"),
    [
        (
            "Under the Regional Maritime Security Initiative (RMSI), INL trained 80 sailors.",
            "Regional Maritime Security Initiative",
            "Bureau of International Narcotics and Law Enforcement Affairs",
        ),
        (
            "INL's Rural Courts Modernization Program opened 6 courts.",
            "Rural Courts Modernization Program",
            "Bureau of International Narcotics and Law Enforcement Affairs",
        ),
        (
            "The UNODC-implemented Highland Livelihoods Project reached 900 farmers.",
            "Highland Livelihoods Project",
            "United Nations Office on Drugs and Crime",
        ),
        (
            "The Safe Streets Project was a $2 million effort funded by INL and implemented "
            "by UNODC in four provinces.",
            "Safe Streets Project",
            "United Nations Office on Drugs and Crime",
        ),
        (
            "INL has trained 1,500 judges through the Justice Training Transition Program, and "
            "advisors mentor staff at 28 prisons run by the National Police.",
            "Justice Training Transition Program",
            "Bureau of International Narcotics and Law Enforcement Affairs",
        ),
    ],
)
def test_a_name_starts_after_its_preposition_and_its_runner(
    sentence: str, program: str, runner: str
) -> None:
    facts = extract(Document(name="demo", text=_ORGS + sentence))
    assert [p.name for p in facts.programs] == [program]
    found = facts.program(program)
    assert found is not None and found.run_by == runner


def test_a_one_word_name_is_a_program_when_the_word_is_a_place() -> None:
    text = _ORGS + "INL manages most funds of the Mérida Initiative in Mexico."
    assert [p.name for p in extract(Document(name="demo", text=text)).programs] == [
        "Mérida Initiative"
    ]
    text = _ORGS + "INL runs the Police Initiative."  # one common word names no program
    assert extract(Document(name="demo", text=text)).programs == []


def test_a_reports_title_and_a_country_word_are_not_part_of_the_programs_name() -> None:
    text = (
        "Final Performance Evaluation of the Moldova Probation and Corrections Reform Project\n\n"
        "INL has invested $6.8 million in the Probation and Corrections Reform Project, "
        "implemented by UNODC.\n"
    )
    facts = extract(Document(name="md", text=_ORGS + text))
    assert [(p.name, p.aliases) for p in facts.programs] == [
        ("Probation and Corrections Reform Project", ())
    ]


def test_references_follow_a_renamed_program_and_the_build_conforms(tmp_path: Path) -> None:
    text = (
        "Final Performance Evaluation of the Moldova Probation and Corrections Reform Project\n\n"
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) funds the "
        "Probation and Corrections Reform Project. The Moldova Probation and Corrections Reform "
        "Project, implemented by the Council of Europe, trained 60 counselors.\n"
    )
    facts = extract(Document(name="md", text=text))
    assert [p.name for p in facts.programs] == ["Probation and Corrections Reform Project"]
    names = {o.name for o in facts.organizations} | {p.name for p in facts.programs}
    assert all(a.actor in names or facts.organization(a.actor) for a in facts.activities)
    (tmp_path / "md.txt").write_text(text, encoding="utf-8")
    assert build([tmp_path / "md.txt"], out=tmp_path / "out").conforms


def test_a_well_known_organization_named_like_a_program_stays_an_organization() -> None:
    text = (
        "The International Criminal Investigative Training Assistance Program (ICITAP) trained "
        "40 officers. The American Bar Association Rule of Law Initiative supports the courts.\n"
    )
    facts = extract(Document(name="ph", text=text))
    assert facts.programs == []
    kinds = {o.name: o.kind for o in facts.organizations}
    assert kinds["International Criminal Investigative Training Assistance Program"] == (
        OrgKind.US_GOVERNMENT
    )


@pytest.mark.parametrize(
    ("text", "name", "runner"),
    [
        (
            "The UNODC Global Maritime Crime Programme provides mentors at sea to the navy.\n",
            "Global Maritime Crime Programme",
            "United Nations Office on Drugs and Crime",
        ),
        (
            "The European Union (EU) funds customs. The European Union's Border Management "
            "Programme trained 40 border guards.\n",
            "Border Management Programme",
            "European Union",
        ),
    ],
)
def test_the_organization_opening_a_programs_name_is_its_runner(
    text: str, name: str, runner: str
) -> None:
    facts = extract(Document("pg", text))
    [program] = facts.programs
    assert program.name == name
    assert facts.organization(program.run_by) is not None
    assert facts.organization(program.run_by).name == runner  # type: ignore[union-attr]
    # the name as written is still the program's
    written = f"{'UNODC' if 'UNODC' in text else 'European Union’s'} {name}"
    assert program.name == name and (written in program.aliases or written not in text)


def test_words_of_a_programs_own_name_are_not_its_runner() -> None:
    text = (
        "The Nigeria Police Force works with INL. The Nigeria Police Reform and Community "
        "Safety Project trained 300 officers.\n"
    )
    names = [p.name for p in extract(Document("ng", text)).programs]
    assert names == ["Nigeria Police Reform and Community Safety Project"]


def test_two_program_names_joined_by_and_are_two_programs() -> None:
    text = (
        "INL supports Mongolia through the Mongolia Rule of Law Program and the Law Enforcement "
        "Training Initiative, which trained 300 officers.\n"
    )
    names = sorted(p.name for p in extract(Document("mn", text)).programs)
    assert names == ["Law Enforcement Training Initiative", "Mongolia Rule of Law Program"]


def test_a_known_organization_named_project_reports_and_is_no_program() -> None:
    text = (
        "According to the Armed Conflict Location and Event Data Project (ACLED), more than 1,800 "
        "people were killed in 2019.\n"
    )
    facts = extract(Document("bf", text))
    assert facts.programs == []
    assert [m.reported_by for m in facts.measurements] == [
        "Armed Conflict Location and Event Data Project"
    ]


def test_an_acronym_between_a_name_and_its_lowercase_head() -> None:
    text = (
        "INL funds the Resident Legal Advisor (RLA) program, under which a U.S. prosecutor "
        "trained 60 prosecutors. The Bureau of International Narcotics and Law Enforcement "
        "Affairs (INL) program in Guyana also trained 40 police officers.\n"
    )
    facts = extract(Document("gy", text))
    assert [(p.name, p.aliases) for p in facts.programs] == [
        ("Resident Legal Advisor program", ("RLA",))
    ]
    names = {o.name for o in facts.organizations}
    assert "Resident Legal Advisor" not in names  # a position, not an organization
    assert "Bureau of International Narcotics and Law Enforcement Affairs" in names


PAGE = (
    "Kenya: Program Overview\n"
    "The Bureau of International Narcotics and Law Enforcement Affairs (INL) supports the "
    "Kenya Police Service. The Justice Sector Strengthening Program trained 300 prosecutors. "
    "Kenya also takes part in the Caribbean Basin Security Initiative, the National Drug "
    "Control Program and the Operation Kingfisher Project.\n"
)


@pytest.mark.parametrize(
    ("name", "runner"),
    [
        ("kenya", "Bureau of International Narcotics and Law Enforcement Affairs"),
        ("kenya-incsr-2021", None),
    ],
)
def test_a_program_on_the_bureaus_own_page_is_run_by_it(name: str, runner: str | None) -> None:
    """A program named without a runner on INL's page is INL's; in an INCSR chapter (the host
    country's account) it has none, and a regional initiative of the whole government or a host
    country's operation has none anywhere."""
    text = "Kenya\nI. Summary\n" + PAGE if name.endswith("incsr-2021") else PAGE
    facts = extract(Document(name=name, text=text))
    runners = {p.name: p.run_by for p in facts.programs}
    assert runners["Justice Sector Strengthening Program"] == runner
    # each is extracted as a program, with no runner
    assert runners["Caribbean Basin Security Initiative"] is None
    assert runners["National Drug Control Program"] is None
    assert runners["Operation Kingfisher Project"] is None


def test_the_implementer_named_after_a_program_runs_it_before_its_funder() -> None:
    """ "INL also funds the Community-Based Drug Rehabilitation (CBDR) program, implemented by
    the Department of Health": the department runs it; INL pays for it."""
    from kg.extract import extract
    from kg.model import Document

    text = (
        "Philippines\nThe Bureau of International Narcotics and Law Enforcement Affairs (INL) "
        "supports treatment. INL also funds the Community-Based Drug Rehabilitation (CBDR) "
        "program, implemented by the Department of Health (DOH) in 40 municipalities.\n"
    )
    facts = extract(Document(name="philippines", text=text))
    program = next(p for p in facts.programs if "Rehabilitation" in p.name)
    assert program.run_by == "Department of Health"


def test_a_named_operation_is_a_program() -> None:
    """ "Under Operation Snowcap, DEA continued to ...": a named operation is a program (run by
    the subject it frames); "the Joint Operation Center" is not one."""
    from kg.extract import extract
    from kg.model import Document

    text = (
        "Bolivia\nThe Drug Enforcement Administration (DEA) works with INL. Under Operation "
        "Snowcap, DEA continued to advise 40 UMOPAR officers. The Joint Operation Center opened "
        "in 1995.\n"
    )
    facts = extract(Document(name="bolivia", text=text))
    snowcap = [p for p in facts.programs if p.name == "Operation Snowcap"]
    assert snowcap and snowcap[0].run_by == "Drug Enforcement Administration"
    assert not [p for p in facts.programs if "Center" in p.name]


def test_a_named_plan_is_a_program() -> None:
    """ "Plan Colombia", "Plan Frontera Norte": a plan named after a place or in the partner's
    language is a program; a heading's "Plan Overview" is not."""
    from kg.extract import extract
    from kg.model import Document

    text = (
        "Chile\nUnder Plan Colombia, the United States provided more than $10 billion. The "
        "government's Plan Frontera Norte secures the border.\nPlan Overview\nINL supports the "
        "police.\n"
    )
    names = {p.name for p in extract(Document(name="chile", text=text)).programs}
    assert {"Plan Colombia", "Plan Frontera Norte"} <= names
    assert "Plan Overview" not in names


def test_a_headline_or_a_status_report_is_not_a_program() -> None:
    """GAO titles ("State Should Align Its Police Advisory Program", "Status of Mérida
    Initiative") name no program, or the program after "Status of"."""
    text = (
        "Mexico\nState Should Align Its Police Advisory Program\nStatus of Mérida Initiative\n"
        "INL manages the Mérida Initiative and trained 40 officers.\n"
    )
    names = {p.name for p in extract(Document(name="mexico", text=text)).programs}
    assert "Mérida Initiative" in names
    assert not any(n.startswith(("State Should", "Status of")) for n in names)


def test_a_program_named_after_an_organizations_acronym_is_run_by_it() -> None:
    # with nothing else saying who runs it, "the UNODC-WCO Container Control Programme" is the
    # first named organization's (a joint program's lead); a name opening with a word that
    # is not an organization's acronym says nothing
    text = (
        "The United Nations Office on Drugs and Crime (UNODC) and the World Customs "
        "Organization (WCO) train port officers. The port unit trained under the UNODC-WCO "
        "Container Control Programme seized 2 tons. The MOST Border Project opened 4 posts."
    )
    found = {p.name: p.run_by for p in extract(Document("ecuador", text)).programs}
    assert found["UNODC-WCO Container Control Programme"] == (
        "United Nations Office on Drugs and Crime"
    )
    assert found.get("MOST Border Project") is None


def test_a_well_known_program_named_without_its_runner_gets_the_known_one() -> None:
    """The lexicon's runner, when the document names that organization; the text's own word
    comes first."""
    from kg.extract import extract
    from kg.model import Document

    text = (
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) works with "
        "the United Nations Office on Drugs and Crime (UNODC). The Mérida Initiative has "
        "trained 500 police. Under the Container Control Programme, port units seized 2 tons.\n"
    )
    facts = extract(Document(name="k", text=text))
    runners = {p.name: p.run_by for p in facts.programs}
    assert (
        runners["Mérida Initiative"]
        == "Bureau of International Narcotics and Law Enforcement Affairs"
    )
    assert runners["Container Control Programme"] == "United Nations Office on Drugs and Crime"


def test_a_report_number_or_a_titles_verb_is_not_part_of_a_programs_name() -> None:
    from kg.programs import _trim

    assert _trim("GAO-11-482 Mérida Initiative") == "Mérida Initiative"
    assert _trim("Assessing the Caribbean Basin Security Initiative") == (
        "Caribbean Basin Security Initiative"
    )
    assert _trim("Strengthening Rule of Law Program") == "Strengthening Rule of Law Program"


@pytest.mark.parametrize(
    "written",
    [
        "UNODC-WCO Container Control Programme",
        "UNODC-World Customs Organization Container Control Programme",
    ],
)
def test_runners_joined_by_a_hyphen_before_a_program_are_its_organizations(written: str) -> None:
    text = f"Togo\n\nINL funds the port control unit, set up under the {written}.\n"
    facts = extract(Document("togo", text))
    names = {o.name for o in facts.organizations}
    assert {"United Nations Office on Drugs and Crime", "World Customs Organization"} <= names
    (program,) = [p for p in facts.programs if "Container Control" in p.name]
    assert program.run_by == "United Nations Office on Drugs and Crime"
    assert written in (program.name, *program.aliases)


def test_a_program_head_with_its_complement_names_a_program() -> None:
    text = (
        "Bahrain\n\nWith INL funding, the UNODC Global Programme against Money Laundering "
        "placed a mentor in the FID. INL also supports the Border Management Programme in "
        "Central Asia (BOMCA).\n"
    )
    facts = extract(Document("bahrain", text))
    programs = {p.name: p.run_by for p in facts.programs}
    assert programs["Global Programme against Money Laundering"] == (
        "United Nations Office on Drugs and Crime"
    )
    assert "Border Management Programme in Central Asia" in programs
    assert not {o.name for o in facts.organizations} & {
        "UNODC Global Programme against Money Laundering",
        "Border Management Programme in Central Asia",
    }


def test_a_program_named_by_an_acronym_after_its_runners_possessive() -> None:
    text = (
        "Lithuania\n\nINL coordinates closely with the European Union's PHARE program. INL also "
        "funds the UNODC Global SMART Programme.\n"
    )
    facts = extract(Document("lithuania", text))
    programs = {p.name: p.run_by for p in facts.programs}
    assert programs["PHARE program"] == "European Union"
    assert programs["Global SMART Programme"] == "United Nations Office on Drugs and Crime"


def test_a_programs_heading_over_its_implementer_line_names_who_runs_it() -> None:
    text = (
        "INL Central African Republic | 2019 Year in Review\n\nINL works with the United "
        "Nations Multidimensional Integrated Stabilization Mission in the Central African "
        "Republic (MINUSCA).\n\nCORRECTIONS REFORM PROGRAM\n"
        "Implementer: MINUSCA, with INL-funded corrections advisors\n"
        "• The program trained 120 prison guards.\n"
    )
    facts = extract(Document(name="car-year-in-review", text=text))
    program = next(p for p in facts.programs if p.name.casefold() == "corrections reform program")
    assert program.run_by is not None and "Stabilization Mission" in program.run_by


def test_the_export_control_program_is_run_by_the_department_not_the_page_bureau() -> None:
    """EXBS is the State Department's (its nonproliferation bureau), not INL's, though INL's
    page names it."""
    from kg.extract import extract
    from kg.model import Document

    text = (
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) and the U.S. "
        "Department of State work in Montenegro. The Export Control and Related Border "
        "Security program trained 40 customs officers.\n"
    )
    facts = extract(Document(name="montenegro", text=text))
    runners = {p.name: p.run_by for p in facts.programs}
    assert runners["Export Control and Related Border Security program"] == (
        "U.S. Department of State"
    )


def test_a_program_whose_initialism_has_stops_is_named() -> None:
    from kg.extract import extract
    from kg.model import Document

    text = (
        "The Bureau of International Narcotics and Law Enforcement Affairs (INL) supports the "
        "Drug Abuse Resistance Education (D.A.R.E.) program, delivered by police in schools.\n"
    )
    programs = extract(Document(name="guyana", text=text)).programs
    assert [(p.name, p.aliases) for p in programs] == [
        ("Drug Abuse Resistance Education program", ("D.A.R.E.",))
    ]
