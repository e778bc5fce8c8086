"""`kg diff`: what changed between two editions, in every output format, byte for byte stable.

tests/editions holds a synthetic sheet in two editions (2017, 2019) with known changes: the
2016 cocaine seizure changed (12 -> 14 metric tons), people trained moved to a newer year
(2016 -> 2018), judges trained added, vehicles donated removed, OAS removed and UNODC added,
two activities added and two removed; marijuana eradicated is unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from kg.build import build
from kg.diff import Diff, diff_builds, diff_documents, diff_in_graph
from kg.editions import GraphIndex
from kg.model import Document, DocumentFacts, Measurement, Place, PlaceKind, Span
from kg.namespaces import KG, OA
from kg.rdf import document_iri, facts_to_graph, graph_iri
from kg.store import TermTriple, graph_triples

EDITIONS = Path(__file__).parent / "editions"

#: (kind, item, label, old year, new year, old value, new value, old quote, new quote)
EXPECTED = {
    (
        "changed", "figure", "cocaine seized", "2016", "2016", "12 metric-ton", "14 metric-ton",
        "seized 12 metric tons of cocaine", "seized 14 metric tons of cocaine",
    ),
    (
        "newer-year", "figure", "people trained", "2016", "2018", "more than 300 police officer",
        "more than 450 police officer", "trained more than 300 police officers",
        "trained more than 450 police officers",
    ),
    ("added", "figure", "people trained", "", "2018", "", "60 judge", "", "trained 60 judges"),
    (
        "removed", "figure", "equipment provided", "2016", "", "25 vehicle", "",
        "donated 25 vehicles", "",
    ),
    (
        "removed", "organization", "Organization of American States", "", "", "", "",
        "Organization of American States", "",
    ),
    (
        "added", "organization", "United Nations Office on Drugs and Crime", "", "", "", "", "",
        "United Nations Office on Drugs and Crime",
    ),
    (
        "added", "activity",
        "construction of a forensic laboratory (INL)",
        "", "", "", "", "", "INL built a forensic laboratory for the PNP",
    ),
    (
        "added", "activity", "advice to SENAD (UNODC)",
        "", "", "", "", "", "The United Nations Office on Drugs and Crime (UNODC) advised SENAD",
    ),
    (
        "removed", "activity",
        "donation of vehicles (INL)",
        "", "", "", "", "INL donated 25 vehicles to the PNP", "",
    ),
    (
        "removed", "activity", "workshop for prosecutors (OAS)",
        "", "", "", "", "delivered a workshop for prosecutors", "",
    ),
}  # fmt: skip


def _rows(diff: Diff) -> set[tuple[str, ...]]:
    return {
        (
            r.kind, r.item, r.label, r.old_year, r.new_year, r.old_value, r.new_value,
            r.old_quote, r.new_quote,
        )
        for r in diff.rows
    }  # fmt: skip


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One build with all three documents, and one build per Paraguay edition."""
    root = tmp_path_factory.mktemp("diff")
    out = {"all": root / "all", "old": root / "old", "new": root / "new"}
    assert build([EDITIONS], out=out["all"]).conforms
    assert build([EDITIONS / "paraguay-2017.facts.yaml"], out=out["old"]).conforms
    assert build([EDITIONS / "paraguay-2019.facts.yaml"], out=out["new"]).conforms
    return out


def test_diff_of_two_editions_in_one_build(builds: dict[str, Path]) -> None:
    diff = diff_in_graph(builds["all"], "paraguay-2017", "paraguay-2019")
    assert _rows(diff) == EXPECTED
    assert {r.program for r in diff.rows} == {"Paraguay"}
    assert {(r.old_document, r.new_document) for r in diff.rows} == {
        ("paraguay-2017", "paraguay-2019")
    }
    # unchanged: marijuana eradicated (same value), INL, PNP, SENAD, Government of Paraguay
    assert not [r for r in diff.rows if r.label == "area eradicated"]
    assert not [r for r in diff.rows if r.label == "Paraguayan National Police"]


def test_diff_of_two_builds_compares_each_program(builds: dict[str, Path]) -> None:
    diff = diff_builds(builds["old"], builds["new"])
    assert _rows(diff) == EXPECTED
    assert diff_builds(builds["old"], builds["old"]).rows == []


def test_diff_of_two_builds_takes_the_latest_edition(builds: dict[str, Path]) -> None:
    """The full build's latest Paraguay edition is 2019, the same as the new build: nothing
    changed for Paraguay; the regional summary (Argentina's program) exists only in one."""
    diff = diff_builds(builds["new"], builds["all"])
    assert {r.program for r in diff.rows} == {"Argentina"}
    assert {r.kind for r in diff.rows} == {"added"}
    assert {r.new_document for r in diff.rows} == {"southern-cone-2018"}


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=300
    )


def _diff_cli(builds: dict[str, Path], fmt: str) -> str:
    a = _kg(
        "diff", "--graph", str(builds["all"]), "paraguay-2017", "paraguay-2019", "--format", fmt
    )
    b = _kg(
        "diff", "--graph", str(builds["all"]), "paraguay-2017", "paraguay-2019", "--format", fmt
    )
    assert a.returncode == 0, a.stderr
    assert a.stdout == b.stdout  # same input, same bytes
    return a.stdout


def test_cli_table(builds: dict[str, Path]) -> None:
    out = _diff_cli(builds, "table")
    assert out.startswith("Paraguay: paraguay-2017 -> paraguay-2019\n")
    assert "4 added, 4 removed, 1 changed, 1 newer-year" in out
    assert "old: “seized 12 metric tons of cocaine”" in out
    assert "new: “seized 14 metric tons of cocaine”" in out
    default = _kg("diff", str(builds["old"]), str(builds["new"]))
    assert default.returncode == 0 and default.stdout == out


def test_cli_csv(builds: dict[str, Path]) -> None:
    rows = list(csv.DictReader(io.StringIO(_diff_cli(builds, "csv"))))
    assert len(rows) == len(EXPECTED)
    assert {
        (
            r["kind"], r["item"], r["label"], r["old_year"], r["new_year"], r["old_value"],
            r["new_value"], r["old_quote"], r["new_quote"],
        )
        for r in rows
    } == EXPECTED  # fmt: skip
    assert list(rows[0])[:4] == ["program", "old_document", "new_document", "kind"]


def test_cli_json(builds: dict[str, Path]) -> None:
    rows = json.loads(_diff_cli(builds, "json"))
    assert len(rows) == len(EXPECTED)
    changed = next(r for r in rows if r["kind"] == "changed")
    assert changed["old_iri"].endswith("/fig-paraguay-2017-254-286")
    assert changed["new_span"].endswith("/span-paraguay-2019-240-272")


def test_cli_turtle(builds: dict[str, Path]) -> None:
    g = Graph().parse(data=_diff_cli(builds, "turtle"), format="turtle")
    changes = set(g.subjects(RDF.type, KG.EditionChange))
    assert len(changes) == len(EXPECTED)
    kinds = sorted(str(g.value(c, KG.changeKind)).rsplit("#", 1)[1] for c in changes)
    assert kinds == ["Added"] * 4 + ["NewerYear"] + ["Removed"] * 4 + ["ValueChanged"]
    (changed,) = [c for c in changes if g.value(c, KG.changeKind) == KG.ValueChanged]
    assert g.value(changed, KG.oldEdition) == document_iri("paraguay-2017")
    assert g.value(changed, KG.newEdition) == document_iri("paraguay-2019")
    assert g.value(changed, KG.oldItem) is not None and g.value(changed, KG.newItem) is not None
    quotes = {
        str(g.value(sel, OA.exact))
        for span in g.objects(changed, PROV.wasDerivedFrom)
        for sel in g.objects(span, OA.hasSelector)
    }
    assert quotes == {"seized 12 metric tons of cocaine", "seized 14 metric tons of cocaine"}
    assert "cocaine seized" in str(g.value(changed, RDFS.label))
    assert g.value(document_iri("paraguay-2017"), DCTERMS.identifier) == Literal("paraguay-2017")


def test_no_differences(builds: dict[str, Path]) -> None:
    result = _kg("diff", str(builds["old"]), str(builds["old"]))
    assert result.returncode == 0 and result.stdout == "no differences\n"
    assert (
        _kg("diff", str(builds["old"]), str(builds["old"]), "--format", "csv").stdout.count("\n")
        == 1
    )  # the header only


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--graph", "{all}", "paraguay-2017", "peru"], "no document 'peru' in"),
        (["--graph", "{all}", "paraguay-2017", "paraguay-2017"], "are the same document"),
        (["{old}", "{missing}"], "no such graph file or folder"),
    ],
)
def test_bad_input_is_one_line_error(
    builds: dict[str, Path], args: list[str], message: str
) -> None:
    paths = {**{k: str(v) for k, v in builds.items()}, "missing": str(builds["old"]) + "-nope"}
    result = _kg("diff", *(a.format(**paths) for a in args))
    assert result.returncode == 2, result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(errors) == 1 and message in errors[0], result.stderr
    assert "Traceback" not in result.stderr


def test_diff_of_a_merged_graph_file_is_the_same(builds: dict[str, Path]) -> None:
    """graph.ttl has no named graphs: a document's organizations are then those its facts and
    mentions refer to, which for these editions are the same."""
    merged = diff_in_graph(builds["all"] / "graph.ttl", "paraguay-2017", "paraguay-2019")
    assert _rows(merged) == EXPECTED


def test_readme_example_is_real_output(builds: dict[str, Path]) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    command = "$ kg diff --graph out paraguay-2017 paraguay-2019\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0]
    assert shown == _diff_cli(builds, "table").rstrip("\n") + "\n"


def _doc_with(name: str, values: list[int], year: int = 2018) -> tuple[str, list[TermTriple]]:
    text = "Fact Sheet\n" + " ".join(f"In {year}, INL trained {v} judges." for v in values)
    measurements = []
    for v in values:
        quote = f"trained {v} judges"
        start = text.index(quote)
        measurements.append(
            Measurement(
                Span.of(text, start, start + len(quote)),
                Decimal(v),
                "count",
                counted="judge",
                year=year,
                place="Paraguay",
            )
        )
    facts = DocumentFacts(
        Document(name, text),
        places=[Place("Paraguay", PlaceKind.COUNTRY)],
        measurements=measurements,
        country="Paraguay",
    )
    return (str(graph_iri(name)), graph_triples(facts_to_graph(facts)))


def test_figures_of_one_key_match_equal_values_first() -> None:
    """Old 100 and 200, new 200 and 300 judges trained in 2018: 200 is unchanged, and only
    100 -> 300 changed (not 100 -> 200 and 200 -> 300)."""
    index = GraphIndex([_doc_with("p-2017", [100, 200]), _doc_with("p-2019", [200, 300])])
    old, new = (
        next(d for d in index.documents.values() if d.identifier == n) for n in ("p-2017", "p-2019")
    )
    rows = diff_documents(index, old, index, new, "Paraguay")
    assert [(r.kind, r.old_value, r.new_value) for r in rows] == [
        ("changed", "100 judge", "300 judge")
    ]


def test_a_newer_year_pairs_with_the_latest_older_year() -> None:
    index = GraphIndex(
        [_doc_with("p-2017", [100], year=2015), _doc_with("p-2019", [300], year=2018)]
    )
    old, new = (
        next(d for d in index.documents.values() if d.identifier == n) for n in ("p-2017", "p-2019")
    )
    rows = diff_documents(index, old, index, new, "Paraguay")
    assert [(r.kind, r.old_year, r.new_year) for r in rows] == [("newer-year", "2015", "2018")]
    # the other way round (an older year in the new edition) is a removal and an addition
    rows = diff_documents(index, new, index, old, "Paraguay")
    assert sorted(r.kind for r in rows) == ["added", "removed"]
