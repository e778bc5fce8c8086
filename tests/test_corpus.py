"""The streamed corpus a build validates against reads the merged graph exactly as a sorted
list of its triples does, and the projections the build makes equal their whole-graph forms."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from kg.build import build
from kg.corpus import SortedCorpus, StreamedCorpus, footprint_lines
from kg.editions import link_documents
from kg.rdf import slug
from kg.rules import Footprint, analysed_plans, corpus_footprint
from kg.shape_split import decode_record
from kg.store import (
    TermTriple,
    file_chunks,
    graph_triples,
    merge_graphs,
    nt_lines,
    parse_nt_lines,
    read_graphs,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))


@pytest.fixture(scope="module")
def generated_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 generated sheets (shared organizations and places, editions of one program) and
    the team's sheets, built once."""
    import corpus as corpus_gen

    root = tmp_path_factory.mktemp("streamed")
    corpus_gen.generate(root / "sources", 40)
    sheets = sorted((Path(__file__).parent / "corpus").glob("*.txt"))
    out = root / "out"
    build([root / "sources", *sheets], out=out, allow_invalid=True)
    return out


def _streamed(out: Path) -> tuple[StreamedCorpus, list[TermTriple], int]:
    """The build's corpus as :class:`StreamedCorpus` (as the build makes it) and as a list."""
    from kg.namespaces import ONTOLOGY_IRI
    from kg.rdf import ontology_graph

    current = out / "current"
    manifest = json.loads((current / "manifest.json").read_text(encoding="utf-8"))
    docs = {e["graph"]: e for e in manifest["documents"].values()}
    graphs = dict(read_graphs(out / "graph.trig"))
    onto = str(ONTOLOGY_IRI)
    graphs[onto] = graph_triples(ontology_graph())
    names = sorted(graphs)
    key = {g: current / "docs" / _key(g) for g in docs}
    shared: set[str] = set()
    for g in docs:
        rec = decode_record(Path(f"{key[g]}.shapes").read_bytes())
        shared.update(rec.foreign)
        shared.update(rec.elsewhere)
    for g in names:
        if g not in docs and g != onto:
            shared.update(s for s, _, _ in graphs[g])

    def sources() -> list[Iterable[bytes]]:
        return [
            file_chunks(Path(f"{key[g]}.nt"), 500) if g in docs else [nt_lines(graphs[g])]
            for g in names
        ]

    streamed = StreamedCorpus(
        sources,
        names.index(onto),
        {slug(docs[g]["name"]): Path(f"{key[g]}.nt") for g in docs},
        shared,
        corpus_footprint(),
    )
    corpus = merge_graphs([(g, ts) for g, ts in graphs.items() if g != onto])
    return streamed, corpus, len(merge_graphs(list(graphs.items())))


def _key(graph: str) -> str:
    import hashlib

    return hashlib.sha256(graph.encode("utf-8")).hexdigest()[:24]


def test_streamed_corpus_reads_what_the_sorted_list_has(generated_build: Path) -> None:
    """Every subject's triples, the corpus rules' projection, any other footprint's and the
    whole corpus are the same from the streamed corpus as from the sorted list, and its
    blocks are graph.ttl's."""
    import io

    from kg.store import write_turtle_blocks

    streamed, corpus, merged = _streamed(generated_build)
    listed = SortedCorpus(corpus)
    out = io.StringIO()
    count = write_turtle_blocks(streamed.blocks(), out)
    assert out.getvalue() == (generated_build / "graph.ttl").read_text(encoding="utf-8")
    assert count == merged
    subjects = sorted({s for s, _, _ in corpus})
    assert len(subjects) > 1000
    for node in [*subjects, "<http://example.org/nobody>", "_:nothing"]:
        assert streamed.about(node) == listed.about(node), node
    fp = corpus_footprint()
    assert streamed.matching(fp) == listed.matching(fp)
    for plan in analysed_plans().values():  # footprints the pass did not keep: read again
        assert streamed.matching(plan.footprint) == listed.matching(plan.footprint)
    assert list(streamed.triples()) == corpus


def test_records_link_the_documents_as_their_whole_graphs(generated_build: Path) -> None:
    """Each document's record (made by its worker) links the corpus as the whole graphs and
    the ontology do: editions, comparable figures, their labels (the union of every graph's)
    and years."""
    from kg.editions import link_record, link_records
    from kg.namespaces import ONTOLOGY_IRI
    from kg.rdf import ontology_graph

    graphs = [(g, ts) for g, ts in read_graphs(generated_build / "graph.trig")]
    documents = [(g, ts) for g, ts in graphs if "graph-editions" not in g]
    onto = graph_triples(ontology_graph())
    whole = link_documents([(str(ONTOLOGY_IRI), onto), *documents])
    assert whole and any("ComparableFigures" in o for _, _, o in whole[0][1])
    records = [link_record(ts) for _, ts in documents]
    assert link_records(records, onto) == whole
    # a graph that names a place of others' figures, with a label of its own and no figure
    pref = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    places = sorted({s for _, ts in documents for s, p, _ in ts if p == pref and "/place-" in s})
    for named in places:
        other = [(named, pref, '"AAA other name"@en')]
        relinked = link_documents([(str(ONTOLOGY_IRI), onto), *documents, ("urn:x:o", other)])
        if relinked != whole:  # the label renamed a set of comparable figures
            break
    else:
        raise AssertionError("no place of a comparable figure")
    assert link_records([*records, link_record(other)], onto) == relinked


def test_a_damaged_editions_record_is_refused() -> None:
    """A record that is not one link_record writes is an error, never a guess."""
    from kg.editions import link_records
    from kg.model import KgError

    with pytest.raises(KgError, match="editions record"):
        link_records([b'{"documents": [["<d>"]], "labels": {}}'], [])


@pytest.mark.parametrize(
    "footprint",
    [
        Footprint(),
        Footprint(everything=True),
        Footprint(all_types=True),
        Footprint(frozenset({"<http://x/p>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"})),
        Footprint(frozenset({"<http://x/p2>"}), frozenset({"<http://x/C>"})),
    ],
)
def test_footprint_lines_keep_what_the_footprint_matches(footprint: Footprint) -> None:
    """The line filter keeps exactly the triples ``Footprint.matches`` keeps."""
    a = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    triples = sorted(
        {
            (s, p, o)
            for s in ("<http://x/a>", "_:b1")
            for p in (a, "<http://x/p>", "<http://x/p2>", "<http://x/q>")
            for o in ("<http://x/C>", "<http://x/C2>", '"x <http://x/p> y"', '"a"@en')
        }
    )
    kept = parse_nt_lines(footprint_lines(footprint, nt_lines(triples)))
    assert kept == [t for t in triples if footprint.matches(t)]
