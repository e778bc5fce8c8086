"""The `kg` command: documented, thin, and never a traceback on bad input."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main, make_parser

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = make_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `kg` command as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_help_and_is_in_the_readme(name: str) -> None:
    parser = _commands()[name]
    assert parser.description and len(parser.description) > 20
    for action in parser._actions:
        if action.dest != "help":
            assert action.help, f"kg {name}: option {action.dest} has no help"
    assert f"kg {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_build_prints_summary(tmp_path: Path) -> None:
    result = run("build", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    for word in ("documents", "triples", "organizations", "activities", "figures", "conforms"):
        assert word in result.stdout
    assert "conforms       yes" in result.stdout


def _one_line_error(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("bad.facts.yaml", b"document: x.txt\nmeasurements: {oops\n", "not valid YAML"),
        ("list.facts.yaml", b"- just\n- a list\n", "must be a mapping"),
        ("novalue.facts.yaml", b"measurements:\n  - quote: x\n", "missing 'document'"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path: Path, name: str, content: bytes, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out"
    line = _one_line_error(run("build", str(path), "--out", str(out)))
    assert words in line
    assert not out.exists()


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"INL trained 40 judges. " * 460_000)  # about 10 MB
    line = _one_line_error(run("build", str(path), "--out", str(tmp_path / "out")))
    assert "MB" in line and "limit" in line


def test_missing_graph_and_unknown_query(tmp_path: Path) -> None:
    line = _one_line_error(run("query", "measurements", "--graph", str(tmp_path / "nope")))
    assert "no such graph" in line
    line = _one_line_error(run("validate", str(tmp_path / "nope.ttl")))
    assert "no such graph" in line
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    line = _one_line_error(run("query", "organizations", "--graph", str(bad)))
    assert "not valid RDF" in line


def test_query_parameters_are_bound_not_pasted(pakistan_build: Path) -> None:
    graph = str(pakistan_build)
    ok = run(
        "query",
        "measurements",
        "--graph",
        graph,
        "--format",
        "records",
        "--param",
        "document=pakistan",
    )
    assert ok.returncode == 0, ok.stderr
    assert len(json.loads(ok.stdout)) == 10
    hostile = 'pakistan" } UNION { ?fig ?p ?o } #'
    result = run(
        "query",
        "measurements",
        "--graph",
        graph,
        "--format",
        "records",
        "--param",
        f"document={hostile}",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    line = _one_line_error(run("query", "measurements", "--graph", graph, "--param", "nope=1"))
    assert "no parameter 'nope'" in line


def test_query_refuses_federation(pakistan_build: Path, tmp_path: Path) -> None:
    rq = tmp_path / "remote.rq"
    rq.write_text(
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", encoding="utf-8"
    )
    line = _one_line_error(run("query", str(rq), "--graph", str(pakistan_build)))
    assert line == "kg: error: SERVICE is not allowed: kg never reaches the network"


def test_query_list_shows_descriptions() -> None:
    result = run("query", "--list")
    assert result.returncode == 0
    lines = dict(line.split(None, 1) for line in result.stdout.splitlines() if line.strip())
    assert "measurements" in lines and "organizations" in lines
    assert all(len(desc) > 10 for desc in lines.values())


def test_validate_exit_codes(pakistan_build: Path, tmp_path: Path) -> None:
    good = run("validate", str(pakistan_build))
    assert good.returncode == 0
    assert "Quality rules: all" in good.stdout
    broken = tmp_path / "broken.ttl"
    fixture = ROOT / "tests" / "fixtures" / "shapes" / "QuoteMatchesTextShape.broken.ttl"
    broken.write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("validate", str(broken))
    assert result.returncode == 1
    assert "more than 50 judges" in result.stdout
    assert "message:" in result.stdout
    assert "span-quote-mismatch" in result.stdout  # the quality rule agrees with the shape


def test_validate_with_violations_exits_1_when_stdout_closes_early(tmp_path: Path) -> None:
    """`kg validate bad | head -1`: the reader goes away, the exit code still says violations."""
    import os

    broken = tmp_path / "broken.ttl"
    fixture = ROOT / "tests" / "fixtures" / "shapes" / "QuoteMatchesTextShape.broken.ttl"
    broken.write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        result = subprocess.run(
            [sys.executable, "-m", "kg.cli", "validate", str(broken)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_build_with_violations_prints_its_report_and_keeps_the_last_good(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", "--out", str(out)).returncode == 0
    before = (out / "graph.trig").read_bytes()
    sheets = tmp_path / "bad"
    sheets.mkdir()
    (sheets / "demo.txt").write_text(
        "In 2016, INL support reduced opium cultivation by 150 percent in Lima.\n",
        encoding="utf-8",
    )
    (sheets / "demo.facts.yaml").write_text(
        "document: demo.txt\n"
        "organizations:\n"
        "  - {name: Bureau of International Narcotics and Law Enforcement Affairs, "
        "aliases: [INL], kind: us-government}\n"
        "measurements:\n"
        "  - {quote: reduced opium cultivation by 150 percent, value: 150, unit: percent, "
        "qualifier: exact, change: decrease, year: 2016, agency: INL}\n",
        encoding="utf-8",
    )
    result = run("build", str(sheets), "--out", str(out))
    assert result.returncode == 1, result.stderr
    assert "decrease cannot exceed 100 percent" in result.stdout  # the report, printed
    assert f"rejected       {out / 'rejected' / 'validation.ttl'}" in result.stdout
    assert (out / "graph.trig").read_bytes() == before
    forced = run("build", str(sheets), "--out", str(out), "--allow-invalid")
    assert forced.returncode == 1, forced.stderr
    assert "published anyway" in forced.stdout
    assert (out / "graph.trig").read_bytes() != before


def test_document_iri_clash_is_one_line_naming_every_file(tmp_path: Path) -> None:
    folder = tmp_path / "sheets"
    folder.mkdir()
    for name in ("peru report.txt", "peru-report.txt", "Peru_Report.txt"):
        (folder / name).write_text("In 2016, INL trained more than 40 judges.\n", encoding="utf-8")
    line = _one_line_error(run("build", str(folder), "--out", str(tmp_path / "out")))
    assert all(name in line for name in ("peru report.txt", "peru-report.txt", "Peru_Report.txt"))
    assert "doc-peru-report" in line
    assert not (tmp_path / "out").exists()


def test_a_document_named_like_the_editions_graph_is_refused(tmp_path: Path) -> None:
    """A sheet named "editions" would get the IRI of kg's editions graph, which a build makes
    itself: one line naming the file, nothing written (before, its graph was lost)."""
    folder = tmp_path / "sheets"
    folder.mkdir()
    (folder / "editions.txt").write_text("In 2016, INL trained 40 judges.\n", encoding="utf-8")
    line = _one_line_error(run("build", str(folder), "--out", str(tmp_path / "out")))
    assert "editions.txt" in line and "rename it" in line
    assert not (tmp_path / "out").exists()


def test_extract_of_several_documents_writes_one_file_each(tmp_path: Path) -> None:
    """Never one stream of several YAML documents that a loader would read as one."""
    from kg.facts import load_facts

    sheets = []
    for name, number in (("alpha", 40), ("beta", 12)):
        sheet = tmp_path / f"{name}.txt"
        sheet.write_text(f"In 2016, INL trained more than {number} judges.\n", encoding="utf-8")
        sheets.append(str(sheet))
    line = _one_line_error(run("extract", *sheets))
    assert "give -o DIR" in line
    line = _one_line_error(run("extract", *sheets, "-o", str(tmp_path / "both.facts.yaml")))
    assert "folder" in line
    assert not (tmp_path / "both.facts.yaml").exists()

    drafts = tmp_path / "drafts"
    result = run("extract", *sheets, "-o", str(drafts))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in drafts.iterdir()) == ["alpha.facts.yaml", "beta.facts.yaml"]
    for name, number in (("alpha", 40), ("beta", 12)):
        facts = load_facts(drafts / f"{name}.facts.yaml", corpus_dirs=[tmp_path])
        assert facts.document.name == name
        assert [m.value for m in facts.measurements] == [number]

    line = _one_line_error(run("extract", *sheets, "-o", str(drafts)))
    assert "already exist" in line and "--force" in line
    assert run("extract", *sheets, "-o", str(drafts), "--force").returncode == 0


def test_main_returns_codes_in_process(tmp_path: Path) -> None:
    assert main(["build", "--out", str(tmp_path)]) == 0


def test_html_fact_sheet_builds_from_visible_text(tmp_path: Path) -> None:
    page = tmp_path / "demo.html"
    page.write_text(
        "<html><head><style>p {color: red}</style><script>var x = 99;</script></head>"
        "<body><p>In 2017, the Bureau of International Narcotics and Law Enforcement Affairs "
        "(INL) trained more than 40 judges.</p></body></html>",
        encoding="utf-8",
    )
    result = run("extract", str(page))
    assert result.returncode == 0, result.stderr
    assert "var x" not in result.stdout
    assert "more than 40 judges" in result.stdout


def test_text_that_is_not_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    page = tmp_path / "latin.txt"
    text = "INL’s support helped Peru’s police seize 12 metric tons of cocaine in 2016. " * 3
    page.write_bytes(text.encode("cp1252"))
    result = run("extract", str(page))
    assert result.returncode == 0, result.stderr
    assert "warning" in result.stderr and "not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_extract_writes_a_facts_file_that_builds(tmp_path: Path, corpus: Path) -> None:
    facts = tmp_path / "colombia.facts.yaml"
    result = run("extract", str(corpus / "colombia.txt"), "-o", str(facts))
    assert result.returncode == 0, result.stderr
    built = run("build", str(facts), "--out", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    assert "figures        1" in built.stdout


def test_eval_prints_scores(corpus: Path) -> None:
    result = run("eval", str(corpus / "pakistan.txt"), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report  # per-document and overall scores
    assert "pakistan" in result.stdout


def test_folder_build_reads_fact_sheets_not_the_folder_readme(tmp_path: Path) -> None:
    folder = tmp_path / "sheets"
    folder.mkdir()
    (folder / "README.md").write_text("# Our corpus\n\nINL trained 12 judges.\n", encoding="utf-8")
    (folder / "demo.txt").write_text(
        "In 2016, INL trained more than 40 judges in Lima.\n", encoding="utf-8"
    )
    result = run("build", str(folder), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "documents      1" in result.stdout


def test_curated_facts_take_precedence_over_extraction(tmp_path: Path) -> None:
    folder = tmp_path / "sheets"
    folder.mkdir()
    (folder / "demo.txt").write_text(
        "In 2016, INL trained more than 40 judges and 12 prosecutors in Lima.\n", encoding="utf-8"
    )
    (folder / "demo.facts.yaml").write_text(
        "document: demo.txt\n"
        "organizations:\n"
        "  - {name: Bureau of International Narcotics and Law Enforcement Affairs, "
        "aliases: [INL], kind: us-government}\n"
        "measurements:\n"
        "  - {quote: more than 40 judges, value: 40, unit: judge, qualifier: more-than, "
        "year: 2016, agency: INL}\n",
        encoding="utf-8",
    )
    result = run("build", str(folder), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "figures        1" in result.stdout  # the curated file's one figure, not two


def test_a_folder_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:  # root writes anywhere; a file in the way stands in for the folder
        blocker = tmp_path / "file"
        blocker.write_text("", encoding="utf-8")
        out = blocker / "out"
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        out = locked / "out"
    line = _one_line_error(run("build", "--out", str(out)))
    assert str(out) in line or str(out.parent) in line
