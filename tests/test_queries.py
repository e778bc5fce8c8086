"""The analysts' query library: every named query (kg/queries/*.rq) and quality rule
(kg/queries/checks/*.rq) on built graphs.

Named queries are checked against concrete values of the curated Pakistan facts (and, when the
shared corpus is at hand, against the gold files of the multi-document corpus). Every quality rule
returns no rows on a good graph and at least one row once the graph is deliberately broken.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

from kg.model import KgError, Span
from kg.namespaces import CNT, KG, OA, ORG, PROV, QUDT, SOSA, UNIT
from kg.query import (
    NamedQuery,
    QueryResult,
    check_queries,
    named_queries,
    parse_query_file,
    run_query,
)
from kg.rdf import document_iri, figure_iri, graph_iri, group_iri, organization_iri, span_iri
from kg.resources import ontology_path, queries_dir, shapes_dir
from kg.store import load_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
INL = "Bureau of International Narcotics and Law Enforcement Affairs"
HOSTILE = 'x" } ; DROP ALL ; #'
#: A value of each parameter kind that binds without error (and, for the kinds that name
#: something, matches nothing in the Pakistan graph).
SAMPLE_VALUES = {
    "literal": "x",
    "iri": "http://example.org/x",
    "integer": "1",
    "decimal": "1.5",
    "year": "1900",
}
#: The columns of every named query: a new query needs an entry here (and a test below).
COLUMNS: dict[str, list[str]] = {
    "activity-outcomes": [
        "document", "actor", "activity", "activity_type", "value", "unit", "counted", "qualifier",
        "change", "year", "reported_by", "quote", "start",
    ],
    "activities-by-type": [
        "activity_type", "sector", "sector_name", "place", "document", "actor", "beneficiary",
        "activity",
    ],
    "conflicting-figures": [
        "property", "place", "year", "value_a", "unit_a", "value_b", "unit_b", "document_a",
        "document_b", "quote_a", "quote_b", "superseded",
    ],
    "documents": [
        "document", "title", "program", "agency", "organizations", "figures", "activities",
    ],
    "figures-by-unit": [
        "unit", "counted", "value", "value_max", "qualifier", "subject", "year", "document",
        "quote", "start",
    ],
    "figures-of-year": [
        "period", "year", "calendar", "document", "subject", "value", "unit", "counted",
        "qualifier", "reported_by", "agency", "quote", "start",
    ],
    "figures-without-year": [
        "document", "subject", "value", "unit", "counted", "qualifier", "agency", "quote", "start",
    ],
    "funding-lines": [
        "document", "period", "year", "value", "value_max", "qualifier", "subject", "agency",
        "quote", "start",
    ],
    "measurements": [
        "value", "unit", "counted", "qualifier", "change", "subject", "place", "year",
        "reported_by", "agency", "document", "start", "end", "quote",
    ],
    "organization-facts": [
        "label", "role", "fact", "document", "start", "end", "quote", "organization",
    ],
    "organizations": ["label", "aliases", "kind"],
    "outcomes": [
        "document", "subject", "value", "value_max", "unit", "counted", "qualifier", "change",
        "year", "reported_by", "agency", "quote", "start",
    ],
    "people-trained": [
        "document", "audience", "counted", "value", "qualifier", "year", "agency", "activity",
        "quote", "start",
    ],
    "percent-changes": [
        "document", "direction", "value", "value_max", "qualifier", "subject", "year",
        "reported_by", "agency", "quote", "start",
    ],
    "places-with-figures": ["place", "place_kind", "code", "within", "figures", "documents"],
    "program-activity-types": ["activity_type", "document", "program", "activities"],
    "program-partners": [
        "document", "program", "partner", "partner_kind", "activity_type", "activity", "actor",
    ],
    "programs": ["label", "aliases", "run_by", "documents"],
    "provenance-coverage": [
        "document", "figures", "figures_with_span", "activities", "activities_with_span",
        "mentions",
    ],
    "seizures": [
        "drug", "year", "value", "unit", "tonnes", "qualifier", "reported_by", "agency", "place",
        "document", "quote", "start",
    ],
    "shared-organizations": ["organization", "kind", "programs", "documents"],
    "third-party-figures": [
        "attribution", "reported_by", "reporter_kind", "agency", "document", "subject", "value",
        "unit", "year", "quote", "start",
    ],
}  # fmt: skip

# Pakistan figures (curated facts): IRIs by span.
HEROIN = figure_iri("pakistan", Span(2436, 2461, "seizing 19.5 MT of heroin"))
HEROIN_SPAN = span_iri("pakistan", Span(2436, 2461, "seizing 19.5 MT of heroin"))
CASUALTIES = figure_iri("pakistan", Span(2143, 2204, ""))
ANF = organization_iri("Anti-Narcotics Force")
PRISON_OFFICIALS = group_iri("Pakistan prison officials")
XSD_NNI = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"


# --------------------------------------------------------------------------------------------
# fixtures and helpers
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pakistan_graph(pakistan_build: Path) -> Path:
    """The bundled Pakistan build's graph file (built once per session in conftest)."""
    return pakistan_build / "graph.trig"


@pytest.fixture(scope="session")
def pk(pakistan_graph: Path) -> ox.Store:
    """The Pakistan graph, loaded once; tests only read it."""
    return load_store(pakistan_graph)


@pytest.fixture(scope="session")
def corpus_gold() -> list[Path]:
    """The gold files of the shared corpus (skips when the corpus is absent)."""
    golds = sorted(CORPUS.glob("*.gold.yaml")) if CORPUS.is_dir() else []
    if not golds:
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return golds


@pytest.fixture(scope="session")
def corpus_store(corpus_gold: list[Path], tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """The multi-document graph built from the corpus gold files, loaded once."""
    from kg.build import build

    out = tmp_path_factory.mktemp("queries-corpus")
    build(corpus_gold, out=out)
    return load_store(out)


def run(store: ox.Store, name: str, **params: str) -> list[dict[str, str]]:
    """Rows of a named query (checks included) as dictionaries."""
    queries = {**named_queries(), **check_queries()}
    return run_query(store, queries[name], params).records()


def project(rows: list[dict[str, str]], *cols: str) -> set[tuple[str, ...]]:
    return {tuple(r[c] for c in cols) for r in rows}


def all_queries() -> list[NamedQuery]:
    return [*named_queries().values(), *check_queries().values()]


# --------------------------------------------------------------------------------------------
# every query: description, parameters, parsing, injection
# --------------------------------------------------------------------------------------------


def test_the_library_has_enough_queries_and_checks() -> None:
    assert len(named_queries()) >= 16
    assert len(check_queries()) >= 5
    for q in all_queries():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", q.name), q.name


def test_every_named_query_is_listed_with_its_columns(pk: ox.Store) -> None:
    assert set(COLUMNS) == set(named_queries())
    for name, columns in COLUMNS.items():
        assert run_query(pk, named_queries()[name]).variables == columns, name


@pytest.mark.parametrize("query", all_queries(), ids=lambda q: q.name)
def test_query_has_description_and_runs(query: NamedQuery, pk: ox.Store) -> None:
    assert query.description, f"{query.name}: no description (first comment line)"
    assert not query.description.startswith("@param")
    assert query.description.endswith("."), query.description
    assert query.path is not None and parse_query_file(query.path) == query
    result = run_query(pk, query)
    assert isinstance(result, QueryResult)
    assert result.variables


@pytest.mark.parametrize("query", all_queries(), ids=lambda q: q.name)
def test_every_parameter_binds(query: NamedQuery, pk: ox.Store) -> None:
    """A declared parameter is a projected variable (pyoxigraph binds only those) that filters.

    A value that names nothing gives no rows: a parameter used only inside OPTIONAL would instead
    be echoed on every row, since a bound variable is a constant wherever it appears.
    """
    for param in query.params:
        assert param.description, f"{query.name}: parameter {param.name} has no description"
        result = run_query(pk, query, {param.name: SAMPLE_VALUES[param.kind]})
        assert param.name in result.variables
        if param.kind in ("literal", "iri", "year"):
            assert result.rows == [], f"{query.name}: {param.name} does not restrict the rows"


def test_unknown_parameter_is_refused(pk: ox.Store) -> None:
    with pytest.raises(KgError, match="no parameter"):
        run(pk, "seizures", drug="heroin")


@pytest.mark.parametrize(
    "query",
    [q for q in all_queries() if any(p.kind == "literal" for p in q.params)],
    ids=lambda q: q.name,
)
def test_hostile_parameter_is_bound_as_a_literal(query: NamedQuery, pk: ox.Store) -> None:
    """Text that would end the query and drop the store is just a value that matches nothing."""
    before = len(pk)
    shape = run_query(pk, query).variables
    for param in (p for p in query.params if p.kind == "literal"):
        result = run_query(pk, query, {param.name: HOSTILE})
        assert result.variables == shape
        assert result.rows == []
    assert len(pk) == before


def test_hostile_iri_and_year_are_refused(pk: ox.Store) -> None:
    with pytest.raises(KgError):
        run(pk, "figures-by-unit", unit=HOSTILE)
    with pytest.raises(KgError):
        run(pk, "figures-of-year", year=HOSTILE)


def test_every_kg_term_used_is_defined_in_the_ontology() -> None:
    g = Graph().parse(ontology_path(), format="turtle")
    ns = str(KG._NS)
    defined = {
        str(s)[len(ns) :] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)
    }
    used: dict[str, set[str]] = {}

    def scan(path: Path, pattern: str) -> None:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(pattern, text):
            used.setdefault(m.group(1), set()).add(str(path.relative_to(ROOT)))
        for m in re.finditer(re.escape(ns) + r"(\w+)", text):
            used.setdefault(m.group(1), set()).add(str(path.relative_to(ROOT)))

    for path in sorted((ROOT / "kg").glob("*.py")):
        scan(path, r"\bKG\.([A-Za-z]\w*)")
    for path in sorted(shapes_dir().glob("*.ttl")):
        scan(path, r"(?<![\w/#-])kg:(\w+)")
    for path in sorted(queries_dir().rglob("*.rq")):
        scan(path, r"(?<![\w/#-])kg:(\w+)")
    assert len(used) > 20
    undefined = {term: sorted(where) for term, where in used.items() if term not in defined}
    assert not undefined, f"kg: terms used but not defined in ontology/kg.ttl: {undefined}"


# --------------------------------------------------------------------------------------------
# named queries on the Pakistan graph
# --------------------------------------------------------------------------------------------


def test_measurements_and_organizations(pk: ox.Store) -> None:
    assert len(run(pk, "measurements")) == 10
    assert run(pk, "measurements", document="elsewhere") == []
    orgs = {r["label"]: r["kind"] for r in run(pk, "organizations")}
    assert orgs["Anti-Narcotics Force"] == "security-force"
    assert len(orgs) == 8


def test_program_partners(pk: ox.Store) -> None:
    rows = run(pk, "program-partners")
    assert project(rows, "partner", "partner_kind", "activity_type") == {
        ("Anti-Narcotics Force", "security-force", "counternarcotics-support"),
        ("Frontier Corps-KP", "security-force", "construction"),
        ("Government of Pakistan", "partner-government", "capacity-building"),
        ("Government of Pakistan", "partner-government", "corrections-support"),
        ("Government of Pakistan", "partner-government", "surveillance-and-border-monitoring"),
        ("Pakistan prison officials", "group", "sponsorship"),
        ("civilian law enforcement", "group", "training"),
    }
    assert {r["program"] for r in rows} == {"INL program in Pakistan"}
    assert {r["actor"] for r in rows} == {INL}
    assert run(pk, "program-partners", document="pakistan") == rows
    assert run(pk, "program-partners", document="colombia") == []


def test_outcomes(pk: ox.Store) -> None:
    rows = run(pk, "outcomes")
    assert len(rows) == 9  # every figure but the population of Pakistan (a context figure)
    assert "population of Pakistan" not in {r["subject"] for r in rows}
    assert {r["agency"] for r in rows} == {INL}
    heroin = next(r for r in rows if r["subject"] == "heroin seized")
    assert (heroin["value"], heroin["unit"], heroin["qualifier"], heroin["year"]) == (
        "19.5",
        str(UNIT.TONNE),
        "exact",
        "2017",
    )
    assert heroin["reported_by"] == "Anti-Narcotics Force"
    decreases = [r for r in rows if r["change"] == "decrease"]
    assert {Decimal(r["value"]) for r in decreases} == {35, 25, 20}
    trained = next(r for r in rows if r["counted"] == "person")
    assert (trained["value"], trained["qualifier"], trained["year"]) == ("1150", "more-than", "")


def test_seizures(pk: ox.Store) -> None:
    rows = run(pk, "seizures")
    assert {(r["drug"], r["year"], Decimal(r["value"]), r["reported_by"]) for r in rows} == {
        ("heroin", "2017", Decimal("19.5"), "Anti-Narcotics Force"),
        ("opium", "2017", Decimal("32.6"), "Anti-Narcotics Force"),
        ("hashish", "2017", Decimal("102"), "Anti-Narcotics Force"),
    }
    for r in rows:
        assert r["unit"] == str(UNIT.TONNE)
        assert Decimal(r["tonnes"]) == Decimal(r["value"])
        assert (r["agency"], r["place"], r["document"]) == (INL, "Pakistan", "pakistan")
    assert [r["drug"] for r in rows] == ["hashish", "heroin", "opium"]


def test_activity_outcomes(pk: ox.Store) -> None:
    rows = run(pk, "activity-outcomes")
    by_activity: dict[str, set[str]] = {}
    for r in rows:
        by_activity.setdefault(r["activity_type"], set()).add(r["value"])
        assert r["actor"] == INL
    assert by_activity["construction"] == {"35", "25", "20"}
    assert by_activity["counternarcotics-support"] == {"19.5", "32.6", "102"}
    assert by_activity["training"] == {"1150"}
    assert by_activity["sponsorship"] == {"270"}
    construction = [r for r in rows if r["activity_type"] == "construction"]
    assert {r["reported_by"] for r in construction} == {"Frontier Corps-KP"}
    assert {r["change"] for r in construction} == {"decrease"}


def test_people_trained(pk: ox.Store) -> None:
    rows = run(pk, "people-trained")
    assert project(rows, "counted", "value", "qualifier") == {
        ("person", "1150", "more-than"),
        ("prison official", "270", "more-than"),
    }
    by_count = {r["counted"]: r for r in rows}
    # the figures lie inside the quotes of the training and sponsorship activities
    assert by_count["person"]["activity"].startswith("training of prosecutors")
    assert by_count["prison official"]["activity"].startswith("sponsorship of prison officials")
    assert "prosecutors, judges" in by_count["person"]["audience"]


def test_third_party_figures(pk: ox.Store) -> None:
    rows = run(pk, "third-party-figures")
    assert Counter((r["attribution"], r["reported_by"]) for r in rows) == Counter(
        {
            ("third-party", "Frontier Corps-KP"): 3,
            ("third-party", "Anti-Narcotics Force"): 3,
            ("not-stated", ""): 3,
        }
    )
    assert {r["agency"] for r in rows} == {INL}
    third = [r for r in rows if r["attribution"] == "third-party"]
    assert {r["reporter_kind"] for r in third} == {"security-force"}
    assert rows[0]["attribution"] == "not-stated"  # ordered by attribution


def test_figures_without_year(pk: ox.Store) -> None:
    rows = run(pk, "figures-without-year")
    assert {Decimal(r["value"]) for r in rows} == {190000000, 100, 35, 25, 20, 1150, 270}
    assert [int(r["start"]) for r in rows] == sorted(int(r["start"]) for r in rows)


def test_organization_facts(pk: ox.Store) -> None:
    rows = run(pk, "organization-facts", organization="anti-narcotics FORCE")
    assert Counter(r["role"] for r in rows) == Counter(
        {"reported": 3, "benefits": 1, "mentioned": 1}
    )
    assert {r["label"] for r in rows} == {"Anti-Narcotics Force"}
    reported = {r["quote"] for r in rows if r["role"] == "reported"}
    assert reported == {"seizing 19.5 MT of heroin", "32.6 MT of opium", "102 MT of hashish"}
    for r in rows:
        assert r["document"] == "pakistan"
        assert int(r["start"]) < int(r["end"])
        assert r["quote"]
    mention = next(r for r in rows if r["role"] == "mentioned")
    assert mention["quote"] == "Anti-Narcotics Force"


def test_organization_facts_by_alias(pk: ox.Store) -> None:
    rows = run(pk, "organization-facts", organization="INL")
    assert {r["label"] for r in rows} == {INL}
    roles = Counter(r["role"] for r in rows)
    assert roles["leads"] == 1
    assert roles["performs"] == 9
    assert roles["credited"] == 9
    assert roles["mentioned"] >= 1
    leads = next(r for r in rows if r["role"] == "leads")
    assert (leads["fact"], leads["quote"]) == ("INL program in Pakistan", "")
    assert run(pk, "organization-facts", organization="Pakistani authorities")[0]["label"] == (
        "Government of Pakistan"
    )
    assert run(pk, "organization-facts", organization="Nobody") == []
    everyone = run(pk, "organization-facts")
    assert {r["label"] for r in everyone} >= {INL, "Anti-Narcotics Force", "Frontier Corps-KP"}


def test_activities_by_type(pk: ox.Store) -> None:
    rows = run(pk, "activities-by-type")
    assert len(rows) == 9
    training = run(pk, "activities-by-type", activity_type="training")
    assert project(training, "sector", "beneficiary") == {
        ("15130", ""),
        ("15210", "civilian law enforcement"),
    }
    cn = run(pk, "activities-by-type", activity_type="counternarcotics-support")
    assert project(cn, "sector", "sector_name", "place", "beneficiary") == {
        ("16063", "Narcotics control", "Pakistan", "Anti-Narcotics Force")
    }
    assert run(pk, "activities-by-type", activity_type="funding") == []


def test_program_activity_types(pk: ox.Store) -> None:
    rows = run(pk, "program-activity-types")
    counts = {r["activity_type"]: int(r["activities"]) for r in rows}
    assert counts == {
        "capacity-building": 1,
        "construction": 1,
        "corrections-support": 1,
        "counternarcotics-support": 1,
        "forensic-support": 1,
        "sponsorship": 1,
        "surveillance-and-border-monitoring": 1,
        "training": 2,
    }
    assert {r["program"] for r in rows} == {"INL program in Pakistan"}


def test_shared_organizations_needs_two_programs(pk: ox.Store) -> None:
    assert run(pk, "shared-organizations") == []


def test_funding_lines_none_in_pakistan(pk: ox.Store) -> None:
    assert run(pk, "funding-lines") == []


def test_percent_changes(pk: ox.Store) -> None:
    rows = run(pk, "percent-changes")
    assert {(r["direction"], Decimal(r["value"]), r["reported_by"]) for r in rows} == {
        ("decrease", Decimal(35), "Frontier Corps-KP"),
        ("decrease", Decimal(25), "Frontier Corps-KP"),
        ("decrease", Decimal(20), "Frontier Corps-KP"),
    }
    assert {r["agency"] for r in rows} == {INL}
    assert run(pk, "percent-changes", direction="decrease") == rows
    assert run(pk, "percent-changes", direction="increase") == []


def test_places_with_figures(pk: ox.Store) -> None:
    rows = run(pk, "places-with-figures")
    assert project(rows, "place", "place_kind", "code", "figures") == {
        ("Pakistan", "country", "PK", "5"),
        ("Sindh", "subdivision", "PK-SD", "1"),  # ISO 3166-2's name; the wording is an altLabel
        ("Colorado", "subdivision", "US-CO", "1"),
    }
    assert next(r for r in rows if r["place"] == "Sindh")["within"] == "Pakistan"
    assert rows[0]["place"] == "Pakistan"


def test_documents(pk: ox.Store) -> None:
    (row,) = run(pk, "documents")
    assert row["document"] == "pakistan"
    assert row["title"].startswith("Pakistan")
    assert (row["program"], row["agency"]) == ("INL program in Pakistan", INL)
    assert (row["organizations"], row["figures"], row["activities"]) == ("8", "10", "9")


def test_provenance_coverage(pk: ox.Store) -> None:
    (row,) = run(pk, "provenance-coverage")
    assert (row["figures"], row["figures_with_span"]) == ("10", "10")
    assert (row["activities"], row["activities_with_span"]) == ("9", "9")
    assert int(row["mentions"]) > 8


def test_figures_of_year(pk: ox.Store) -> None:
    rows = run(pk, "figures-of-year", year="2017")
    assert {r["subject"] for r in rows} == {"heroin seized", "opium seized", "hashish seized"}
    assert {r["year"] for r in rows} == {"2017"}
    assert run(pk, "figures-of-year") == rows  # no other figure of Pakistan states a year
    assert run(pk, "figures-of-year", year="2016") == []


def test_figures_by_unit(pk: ox.Store) -> None:
    counts = run(pk, "figures-by-unit", unit=str(UNIT.NUM))
    assert Counter(r["counted"] for r in counts) == Counter(
        {"person": 2, "conviction": 1, "prison official": 1}
    )
    assert len(run(pk, "figures-by-unit", unit=str(UNIT.PERCENT))) == 3
    assert len(run(pk, "figures-by-unit", unit=str(UNIT.TONNE))) == 3
    assert run(pk, "figures-by-unit", unit=str(UNIT.KiloGM)) == []
    assert len(run(pk, "figures-by-unit")) == 10


# --------------------------------------------------------------------------------------------
# named queries on the multi-document corpus graph (gold files)
# --------------------------------------------------------------------------------------------


def _gold(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _name(path: Path) -> str:
    return path.name.split(".")[0]


def test_corpus_documents_match_the_gold_files(
    corpus_store: ox.Store, corpus_gold: list[Path]
) -> None:
    rows = {r["document"]: r for r in run(corpus_store, "documents")}
    assert set(rows) == {_name(p) for p in corpus_gold}
    for path in corpus_gold:
        gold, row = _gold(path), rows[_name(path)]
        expected = tuple(
            len(gold.get(k) or []) for k in ("organizations", "measurements", "activities")
        )
        got = (int(row["organizations"]), int(row["figures"]), int(row["activities"]))
        assert got == expected, path.name


def test_corpus_shared_organizations(corpus_store: ox.Store, corpus_gold: list[Path]) -> None:
    rows = run(corpus_store, "shared-organizations")
    by_name = {r["organization"]: r for r in rows}
    with_inl = [p for p in corpus_gold if "INL" in str(_gold(p)["organizations"])]
    assert int(by_name[INL]["programs"]) == len(with_inl) > 1
    assert by_name[INL]["kind"] == "us-government"
    for r in rows:
        assert int(r["programs"]) > 1
        assert len(set(r["documents"].split("|"))) == int(r["programs"])
    assert rows[0]["organization"] == INL  # most programs first


def test_corpus_funding_lines(corpus_store: ox.Store, corpus_gold: list[Path]) -> None:
    usd = {
        (_name(p), str(m.get("year") or ""), Decimal(str(m["value"])))
        for p in corpus_gold
        for m in _gold(p).get("measurements") or []
        if m["unit"] == "usd" and m.get("agency") and not m.get("reported_by")
    }
    rows = run(corpus_store, "funding-lines")
    assert {(r["document"], r["year"], Decimal(r["value"])) for r in rows} == usd
    if "bangladesh" in {_name(p) for p in corpus_gold}:
        bd = run(corpus_store, "funding-lines", document="bangladesh")
        assert ("2009", Decimal(200000)) in {(r["year"], Decimal(r["value"])) for r in bd}


def test_corpus_program_activity_types_sum_to_activities(corpus_store: ox.Store) -> None:
    per_doc: Counter[str] = Counter()
    for r in run(corpus_store, "program-activity-types"):
        per_doc[r["document"]] += int(r["activities"])
    docs = {r["document"]: int(r["activities"]) for r in run(corpus_store, "documents")}
    assert per_doc == Counter({d: n for d, n in docs.items() if n})


def test_corpus_activities_are_traceable_to_their_document(corpus_store: ox.Store) -> None:
    for row in run(corpus_store, "provenance-coverage"):
        assert row["figures"] == row["figures_with_span"]
    assert run(corpus_store, "activity-without-provenance") == []


@pytest.mark.parametrize("name", sorted(check_queries()))
def test_check_passes_on_the_corpus(name: str, corpus_store: ox.Store) -> None:
    assert run(corpus_store, name) == []


# --------------------------------------------------------------------------------------------
# quality rules: no rows on a good graph, a row on a broken one
# --------------------------------------------------------------------------------------------


def _node(term: object) -> ox.NamedNode:
    return term if isinstance(term, ox.NamedNode) else ox.NamedNode(str(term))


def _drop(store: ox.Store, s: object, p: object, o: object | None = None) -> None:
    """Remove matching triples from every graph."""
    quads = list(store.quads_for_pattern(_node(s), _node(p), _node(o) if o else None, None))
    assert quads, f"nothing to remove: {s} {p} {o}"
    for q in quads:
        store.remove(q)


def _home(store: ox.Store, s: object) -> ox.NamedNode | ox.DefaultGraph:
    """The (document) graph that describes ``s``: where a break must go to be seen as a
    real broken build would have it."""
    for q in store.quads_for_pattern(_node(s), None, None, None):
        return q.graph_name  # type: ignore[return-value]
    return ox.DefaultGraph()


def _add(store: ox.Store, s: object, p: object, o: ox.NamedNode | ox.Literal | URIRef) -> None:
    obj = _node(o) if isinstance(o, URIRef) else o
    store.add(ox.Quad(_node(s), _node(p), obj, _home(store, s)))


def _object(store: ox.Store, s: object, p: object, *, having: object | None = None) -> ox.NamedNode:
    """The object of s p (one that has property ``having``, if given)."""
    for q in store.quads_for_pattern(_node(s), _node(p), None, None):
        if having is None or any(store.quads_for_pattern(q.object, _node(having), None, None)):
            return q.object  # type: ignore[return-value]
    raise AssertionError(f"no {p} of {s}")


def _replace(store: ox.Store, s: object, p: object, value: ox.Literal | ox.NamedNode) -> None:
    graph = _home(store, s)
    for q in list(store.quads_for_pattern(_node(s), _node(p), None, None)):
        store.remove(q)
    store.add(ox.Quad(_node(s), _node(p), value, graph))


def _decimal(text: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))


def _an_activity(store: ox.Store) -> ox.NamedNode:
    typed = store.quads_for_pattern(None, _node(RDF.type), _node(KG.ProgramActivity), None)
    return next(iter(typed)).subject


def _drop_description(store: ox.Store, act: ox.NamedNode) -> None:
    """Remove the text span an activity is described by (its annotations' targets)."""
    annotations = {q.subject for q in store.quads_for_pattern(None, _node(OA.hasBody), act, None)}
    for annotation in annotations:
        _drop(store, annotation, OA.hasTarget)


def _drop_activity_provenance(store: ox.Store) -> None:
    act = _an_activity(store)
    _drop_description(store, act)
    _drop(store, act, DCTERMS.isPartOf)


def _invert_offsets(store: ox.Store) -> None:
    pos = _object(store, HEROIN_SPAN, OA.hasSelector, having=OA.start)
    _replace(store, pos, OA.end, ox.Literal("2400", datatype=ox.NamedNode(XSD_NNI)))


def _change_quote(store: ox.Store) -> None:
    # the bundled default carries no document text; give the graph the real one to compare with
    text_file = CORPUS / "pakistan.txt"
    if not text_file.is_file():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    text = text_file.read_text(encoding="utf-8")
    doc = _node(document_iri("pakistan"))
    for graph in (ox.NamedNode(str(graph_iri("pakistan"))), ox.DefaultGraph()):
        store.add(ox.Quad(doc, _node(CNT.chars), ox.Literal(text), graph))
    sel = _object(store, HEROIN_SPAN, OA.hasSelector, having=OA.exact)
    _replace(store, sel, OA.exact, ox.Literal("seizing 91.5 MT of heroin"))


def _percent_decrease_over_100(store: ox.Store) -> None:
    # the casualties figure is a decrease; no decrease can exceed 100 percent
    _replace(store, _object(store, CASUALTIES, SOSA.hasResult), QUDT.value, _decimal("135"))


def _agreeing_set_of_different_values(store: ox.Store) -> None:
    comparable = URIRef("https://w3id.org/inl-kg/id/comparable/2017/test")
    _add(store, comparable, RDF.type, KG.ComparableFigures)
    _add(store, comparable, PROV.hadMember, URIRef(str(HEROIN) + "-value"))
    _add(store, comparable, PROV.hadMember, URIRef(str(CASUALTIES) + "-value"))
    boolean = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
    _add(store, comparable, KG.valuesAgree, ox.Literal("true", datatype=boolean))


#: For each quality rule, a way to break the Pakistan graph that the rule must catch.
BREAKERS: dict[str, Callable[[ox.Store], None]] = {
    "figure-without-span": lambda s: _drop(s, str(HEROIN) + "-value", PROV.wasDerivedFrom),
    "activity-without-provenance": _drop_activity_provenance,
    "span-incomplete": lambda s: _drop(s, HEROIN_SPAN, OA.hasSource),
    "span-offsets-inverted": _invert_offsets,
    "span-quote-mismatch": _change_quote,
    "organization-without-kind": lambda s: _drop(s, ANF, ORG.classification),
    "organization-with-several-kinds": lambda s: _add(
        s, ANF, ORG.classification, KG.PartnerGovernment
    ),
    "figure-reporter-not-organization": lambda s: _add(
        s, str(HEROIN) + "-value", PROV.wasAttributedTo, PRISON_OFFICIALS
    ),
    "percent-out-of-range": _percent_decrease_over_100,
    "range-bounds-inverted": lambda s: _add(
        s, str(HEROIN) + "-value", KG.upperBound, _decimal("10.0")
    ),
    "replaces-a-later-edition": lambda s: _add(
        s, document_iri("pakistan"), DCTERMS.replaces, document_iri("pakistan")
    ),
    "comparable-figures-flag-wrong": _agreeing_set_of_different_values,
    "dangling-iri": lambda s: _add(
        s, ANF, ORG.subOrganizationOf, URIRef("https://w3id.org/inl-kg/id/org-nowhere")
    ),
}


def test_every_check_has_a_breaker() -> None:
    assert set(BREAKERS) == set(check_queries())


@pytest.mark.parametrize("name", sorted(check_queries()))
def test_check_passes_on_the_good_graph(name: str, pk: ox.Store) -> None:
    assert run(pk, name) == []


@pytest.mark.parametrize("name", sorted(BREAKERS))
def test_check_catches_a_broken_graph(name: str, pakistan_graph: Path) -> None:
    store = load_store(pakistan_graph)
    BREAKERS[name](store)
    rows = run(store, name)
    assert rows, f"{name} did not notice the break"
    assert all(any(v for v in r.values()) for r in rows)


def test_activity_without_span_but_with_its_document_passes(pakistan_graph: Path) -> None:
    """The documented decision: span-less activities (as from gold files) are traceable enough."""
    store = load_store(pakistan_graph)
    _drop_description(store, _an_activity(store))
    assert run(store, "activity-without-provenance") == []


def test_levels_and_increases_over_100_percent_may_be_real(pakistan_graph: Path) -> None:
    store = load_store(pakistan_graph)
    _replace(store, CASUALTIES, KG.change, _node(KG.Increase))
    result = _object(store, CASUALTIES, SOSA.hasResult)
    _replace(store, result, QUDT.value, _decimal("150"))
    assert run(store, "percent-out-of-range") == []
    _drop(store, CASUALTIES, KG.change)  # "at 150 percent of capacity": a level
    assert run(store, "percent-out-of-range") == []
    _add(store, CASUALTIES, KG.change, _node(KG.Decrease))
    assert len(run(store, "percent-out-of-range")) == 1


def _drop_selector(having: URIRef) -> Callable[[ox.Store], None]:
    def breaker(store: ox.Store) -> None:
        selector = _object(store, HEROIN_SPAN, OA.hasSelector, having=having)
        _drop(store, HEROIN_SPAN, OA.hasSelector, selector)

    return breaker


def _drop_mention_source(store: ox.Store) -> None:
    ann = next(iter(store.quads_for_pattern(None, _node(OA.hasBody), _node(ANF), None))).subject
    _drop(store, _object(store, ann, OA.hasTarget), OA.hasSource)


@pytest.mark.parametrize(
    ("breaker", "problem"),
    [
        (lambda s: _drop(s, HEROIN_SPAN, OA.hasSource), "no source"),
        (_drop_selector(OA.start), "no oa:TextPositionSelector"),
        (_drop_selector(OA.exact), "no oa:TextQuoteSelector"),
        (_drop_mention_source, "no source"),
    ],
    ids=["figure-span-source", "position-selector", "quote-selector", "mention-source"],
)
def test_span_incomplete_names_the_missing_part(
    breaker: Callable[[ox.Store], None], problem: str, pakistan_graph: Path
) -> None:
    store = load_store(pakistan_graph)
    breaker(store)
    (row,) = run(store, "span-incomplete")
    assert problem in row["problem"]


def test_a_query_folder_is_read_again_only_when_a_file_changes(tmp_path, monkeypatch):
    """The quality rules are asked for once per document of a build: an unchanged folder is
    not read again, while an edited, added or removed file is seen at the next call."""
    import os

    import kg.query as q

    reads: list[str] = []
    parse = q.parse_query_file

    def counting(path: Path) -> q.NamedQuery:
        reads.append(path.name)
        return parse(path)

    monkeypatch.setattr(q, "parse_query_file", counting)
    a = tmp_path / "a.rq"
    a.write_text("# First.\nSELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    assert q._query_folder(tmp_path)["a"].description == "First."
    assert q._query_folder(tmp_path)["a"].description == "First."
    assert reads == ["a.rq"]
    # an edit of the same size within the clock's resolution is still seen: mtime_ns moves
    a.write_text("# Other.\nSELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    st = a.stat()
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert q._query_folder(tmp_path)["a"].description == "Other."
    (tmp_path / "b.rq").write_text("# Second.\nASK { ?s ?p ?o }\n", encoding="utf-8")
    assert sorted(q._query_folder(tmp_path)) == ["a", "b"]
    a.unlink()
    assert sorted(q._query_folder(tmp_path)) == ["b"]
    # callers get their own dictionary
    got = q._query_folder(tmp_path)
    got.clear()
    assert sorted(q._query_folder(tmp_path)) == ["b"]
