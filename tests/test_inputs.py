"""Inputs that lie or would take the machine down are refused with one line, in bounded memory.

Facts files reach no file outside their folder, hold one YAML document without aliases, foreign
tags or duplicate keys; documents are never read as mojibake; graph files are size-capped, RDF/XML
may not declare entities, and JSON-LD contexts come from local files only (no network).
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

from kg.cli import main
from kg.documents import DocumentWarning, decode, load_document
from kg.facts import FactsError, dump_facts, load_facts
from kg.model import KgError
from kg.store import load_rdflib, load_store

DOC = "In 2017, INL trained more than 40 judges and reduced backlogs by 35 percent.\n"
FACTS = """document: demo.txt
organizations:
  - name: Bureau of International Narcotics and Law Enforcement Affairs
    aliases: [INL]
    kind: us-government
measurements:
  - quote: more than 40 judges
    value: 40
    unit: judge
    qualifier: more-than
"""
#: A secret elsewhere on the machine, which no facts file may pull into a graph.
SECRET = "root:x:0:0:secret-token-8c1f\n"


def _facts(folder: Path, body: str, name: str = "demo.facts.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "demo.txt").write_text(DOC, encoding="utf-8")
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def _refused(path: Path, line: int | None, words: str, **kwargs: Any) -> str:
    """Loading ``path`` fails with one line naming the file (and line), containing ``words``."""
    with pytest.raises(FactsError) as err:
        load_facts(path, **kwargs)
    message = str(err.value)
    prefix = f"{path}:{line}:" if line is not None else f"{path}:"
    assert message.startswith(prefix), message
    assert words in message, message
    assert "\n" not in message, message
    return message


def _capped(*args: str, cwd: Path, gigabytes: float = 2.0) -> subprocess.CompletedProcess[str]:
    """Run ``kg`` in a subprocess whose address space is capped, so a regression fails fast
    (out of memory) instead of taking the test machine down."""
    limit = int(gigabytes * 1024**3)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        preexec_fn=cap,
    )


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("kg: error:")]
    assert len(errors) == 1 and len(lines) == 1, result.stderr
    return errors[0]


# --- 1. a facts file's document stays beside it ------------------------------------------------


@pytest.mark.parametrize(
    "ref", ["../secret.txt", "sub/../../secret.txt", "{root}/secret.txt", "~/secret.txt"]
)
def test_document_outside_the_facts_folder_is_refused(tmp_path: Path, ref: str) -> None:
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    path = _facts(tmp_path / "facts", f"document: {ref.format(root=tmp_path)}\n")
    _refused(path, 1, "must be a file beside the facts file", corpus_dirs=[])


def test_document_linked_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "facts"
    path = _facts(folder, "document: link.txt\n")
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    _refused(path, 1, "links out of that folder", corpus_dirs=[])


def test_documents_beside_below_and_in_the_corpus_still_load(tmp_path: Path) -> None:
    folder = tmp_path / "facts"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "demo.txt").write_text(DOC, encoding="utf-8")
    below = folder / "below.facts.yaml"
    below.write_text(FACTS.replace("demo.txt", "sub/demo.txt"), encoding="utf-8")
    assert load_facts(below, corpus_dirs=[]).document.text == DOC
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "other.txt").write_text(DOC, encoding="utf-8")
    by_name = folder / "other.facts.yaml"
    by_name.write_text(FACTS.replace("demo.txt", "other.txt"), encoding="utf-8")
    assert load_facts(by_name, corpus_dirs=[corpus]).document.text == DOC
    # a path with a folder is looked up beside the facts file only, never in the corpus
    (corpus / "sub").mkdir()
    (corpus / "sub" / "x.txt").write_text(DOC, encoding="utf-8")
    nested = folder / "nested.facts.yaml"
    nested.write_text(FACTS.replace("demo.txt", "sub/x.txt"), encoding="utf-8")
    _refused(nested, 1, "not found", corpus_dirs=[corpus])


def test_kg_build_does_not_read_a_system_file_into_the_graph(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    facts = _facts(tmp_path / "facts", "document: ../secret.txt\n", name="x.facts.yaml")
    out = tmp_path / "out"
    result = _capped("build", str(facts), "--out", str(out), cwd=tmp_path)
    line = _one_line_error(result)
    assert f"{facts}:1:" in line
    assert not out.exists()


# --- 2. one document per facts file, no duplicate keys ----------------------------------------


def test_two_facts_files_run_together_are_refused(tmp_path: Path) -> None:
    """What ``kg extract a.txt b.txt > f.yaml`` wrote: two mappings, no '---' between."""
    (tmp_path / "other.txt").write_text(DOC.replace("40", "50"), encoding="utf-8")
    one = load_facts(_facts(tmp_path, FACTS))
    other = _facts(tmp_path, FACTS.replace("demo.txt", "other.txt").replace("40", "50"), "o.yaml")
    joined = dump_facts(one) + dump_facts(load_facts(other))
    path = tmp_path / "both.facts.yaml"
    path.write_text(joined, encoding="utf-8")
    second = len(dump_facts(one).splitlines()) + 1
    _refused(path, second, "key 'document' appears twice (first on line 1)")


def test_a_second_yaml_document_is_refused(tmp_path: Path) -> None:
    path = _facts(tmp_path, FACTS + "---\n" + FACTS)
    _refused(path, FACTS.count("\n") + 1, "give each document its own file")


@pytest.mark.parametrize(
    ("body", "line"),
    [
        (
            FACTS.replace(
                "    kind: us-government\n", "    kind: us-government\n    kind: other\n"
            ),
            6,
        ),
        (FACTS.replace("    value: 40\n", "    value: 40\n    value: 400\n"), 9),
        (FACTS + "organizations: []\n", 11),
    ],
    ids=["organization", "measurement", "top"],
)
def test_duplicate_keys_at_any_level_are_refused(tmp_path: Path, body: str, line: int) -> None:
    _refused(_facts(tmp_path, body), line, "appears twice")


# --- 3. encodings: never mojibake --------------------------------------------------------------

#: English in Windows-1252 with curly quotes and dashes; charset-normalizer alone says cp852.
CP1252_TEXT = (
    "In 2017, the Ministry of Justice \u2014 INL\u2019s partner \u2014 trained more than 40 "
    "judges. Police in Khyber Pakhtunkhwa \u2013 the province\u2019s largest force \u2013 "
    "received 200 vehicles.\n"
)
#: Czech in cp852: not English, and cp852 or cp1250 would both read it without complaint.
CP852_TEXT = (
    "Zpr\u00e1va: ministerstvo \u0161kolilo 40 soudc\u016f a \u010dinitel\u016f "
    "v \u0159\u00edjnu.\n"
)


def test_cp1252_with_curly_quotes_and_dashes_is_read_as_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "sheet.txt"
    path.write_bytes(CP1252_TEXT.encode("cp1252"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = load_document(path)
    assert doc.text == CP1252_TEXT
    assert any(
        issubclass(w.category, DocumentWarning) and "cp1252" in str(w.message) for w in caught
    )


@pytest.mark.parametrize(
    "data",
    [
        CP852_TEXT.encode("cp852"),
        # latin-1 or cp852? "\xe9t\xe9 \xe0 la caf\xe9" is French in one, letters soup in the other
        b"\xe9t\xe9 \xe0 la caf\xe9 na\xefve r\xe9sum\xe9\n",
        b"Zpr\xa0va: \x9fin\xd8 \x82kol\x9f 40 soudc\x85.\n",
    ],
    ids=["cp852-czech", "latin1-or-cp852", "short-cp852"],
)
def test_text_of_uncertain_encoding_is_refused_with_a_hint(data: bytes) -> None:
    with pytest.raises(KgError) as err:
        decode(data, source="x.txt")
    message = str(err.value)
    assert message.startswith("x.txt: cannot tell the encoding") and "--encoding" in message
    assert "\n" not in message


def test_encoding_named_by_the_user_is_used(tmp_path: Path) -> None:
    path = tmp_path / "zprava.txt"
    path.write_bytes(CP852_TEXT.encode("cp852"))
    assert load_document(path, encoding="cp852").text == CP852_TEXT
    with pytest.raises(KgError, match="not valid utf-8 text"):
        load_document(path, encoding="utf-8")
    for name in ("klingon", "base64"):  # base64 decodes bytes to bytes, not to text
        with pytest.raises(KgError, match="unknown encoding"):
            load_document(path, encoding=name)


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(CP1252_TEXT.encode("utf-16"))
    assert load_document(path).text == CP1252_TEXT


def test_kg_commands_take_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "sheet.txt"
    sheet.write_bytes(CP852_TEXT.encode("cp852"))
    assert main(["extract", str(sheet)]) == 2
    assert "cannot tell the encoding" in capsys.readouterr().err
    assert main(["extract", str(sheet), "--encoding", "cp852"]) == 0
    assert f"sha256: {_sha(CP852_TEXT)}" in capsys.readouterr().out
    assert "KG_ENCODING" not in os.environ  # the option is undone after the command
    out = tmp_path / "out"
    assert main(["build", str(sheet), "--encoding", "cp852", "--out", str(out)]) == 0
    assert "\u0161kolilo" in (out / "graph.ttl").read_text(encoding="utf-8")
    assert main(["eval", str(sheet), "--encoding", "cp852"]) == 0
    assert main(["build", str(sheet), "--encoding", "nope", "--out", str(out)]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("unknown encoding 'nope'; try utf-8, cp1252 or latin-1")
    )


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- 4. graph files: entity bombs, remote contexts, size ----------------------------------------

RDFXML = """<?xml version="1.0"?>
{doctype}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="http://example.org/a"><rdfs:label>{label}</rdfs:label></rdf:Description>
</rdf:RDF>
"""
BILLION_LAUGHS = (
    '<!DOCTYPE lolz [\n <!ENTITY lol0 "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">\n' for i in range(1, 10))
    + "]>\n"
)
LOADERS = [load_store, load_rdflib]


@pytest.mark.parametrize("load", LOADERS)
def test_rdfxml_declaring_entities_is_refused(tmp_path: Path, load: Any) -> None:
    small = tmp_path / "small.rdf"  # a harmless entity: the declaration alone is refused
    small.write_text(RDFXML.format(doctype='<!DOCTYPE r [<!ENTITY e "hi">]>\n', label="&e;"))
    with pytest.raises(KgError, match="DOCTYPE"):
        load(small)
    wide = tmp_path / "wide.rdf"  # the same in UTF-16, which a byte search would miss
    text = RDFXML.format(doctype='<!DOCTYPE r [<!ENTITY e "hi">]>\n', label="&e;")
    wide.write_bytes(text.replace('"1.0"', '"1.0" encoding="UTF-16"').encode("utf-16"))
    with pytest.raises(KgError, match="DOCTYPE"):
        load(wide)
    plain = tmp_path / "plain.rdf"
    plain.write_text(RDFXML.format(doctype="", label="hi"))
    assert any('"hi"' in q for q in _quads(load(plain)))


def _quads(loaded: Any) -> list[str]:
    """The statements of a loaded store or dataset, as text."""
    if hasattr(loaded, "quads_for_pattern"):
        return [str(q) for q in loaded.quads_for_pattern(None, None, None)]
    return [" ".join(t.n3() for t in q) for q in loaded.quads((None, None, None, None))]


@pytest.mark.parametrize("command", ["query", "export", "validate"])
def test_billion_laughs_is_refused_in_bounded_memory(tmp_path: Path, command: str) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(RDFXML.format(doctype=BILLION_LAUGHS, label="&lol9;"), encoding="utf-8")
    assert bomb.stat().st_size < 2000
    args = {
        "query": ["query", "organizations", "--graph", str(bomb)],
        "export": ["export", "--graph", str(bomb)],
        "validate": ["validate", str(bomb)],
    }[command]
    assert "DOCTYPE" in _one_line_error(_capped(*args, cwd=tmp_path))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record (and refuse) every attempt to open a network connection."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network use in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.mark.parametrize("load", LOADERS)
@pytest.mark.parametrize(
    "context",
    [
        '"http://127.0.0.1:9/context.jsonld"',
        '["https://example.org/c.jsonld", {"x": "http://ex.org/x"}]',
        '{"@import": "https://example.org/c.jsonld"}',
        '"file:///etc/passwd"',
    ],
    ids=["http", "list", "import", "file-url"],
)
def test_jsonld_remote_context_is_refused_without_network(
    tmp_path: Path, no_network: list[object], load: Any, context: str
) -> None:
    path = tmp_path / "g.jsonld"
    path.write_text(f'{{"@context": {context}, "@id": "http://ex.org/a", "x": "y"}}')
    with pytest.raises(KgError) as err:
        load(path)
    assert "kg never fetches" in str(err.value) and "\n" not in str(err.value)
    assert no_network == []


@pytest.mark.parametrize("load", LOADERS)
def test_jsonld_context_from_a_file_beside_it_loads(
    tmp_path: Path, no_network: list[object], load: Any
) -> None:
    (tmp_path / "ctx.jsonld").write_text('{"@context": {"@import": "base.jsonld"}}')
    (tmp_path / "base.jsonld").write_text('{"@context": {"name": "http://ex.org/name"}}')
    path = tmp_path / "g.jsonld"
    path.write_text('{"@context": "ctx.jsonld", "@id": "http://ex.org/a", "name": "Alpha"}')
    assert any('"Alpha"' in q for q in _quads(load(path)))
    assert no_network == []
    (tmp_path / "up").mkdir()
    above = tmp_path / "up" / "g.jsonld"
    above.write_text('{"@context": "../ctx.jsonld", "@id": "http://ex.org/a", "name": "A"}')
    with pytest.raises(KgError, match="must be a file beside the graph file"):
        load(above)


@pytest.mark.parametrize("load", LOADERS)
def test_graph_file_over_the_size_limit_is_refused(
    tmp_path: Path, load: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "g.nt"
    path.write_text('<http://ex.org/a> <http://ex.org/b> "c" .\n' * 100)
    with pytest.raises(KgError, match=r"over the 0\.0 MB limit for a graph file"):
        load(path, max_bytes=1000)
    monkeypatch.setenv("KG_MAX_GRAPH_BYTES", "1000")
    with pytest.raises(KgError, match="KG_MAX_GRAPH_BYTES"):
        load(path)
    monkeypatch.setenv("KG_MAX_GRAPH_BYTES", "1000000")
    assert load(path) is not None


# --- 5, 6. YAML aliases, anchors and tags --------------------------------------------------------

ALIAS_BOMB = "document: demo.txt\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        (FACTS + "places: &p [Pakistan]\nactivities: *p\n", 11, "anchor '&p'"),
        (FACTS.replace("aliases: [INL]", "aliases: &x [INL]"), 4, "anchor '&x'"),
        ("document: demo.txt\norganizations: &o\n  - name: INL\n    aliases: *o\n", 2, "anchor"),
        ("document: demo.txt\ncountry: !!python/name:os.system\n", 2, "tag"),
        ("document: demo.txt\ncountry: !!python/object/apply:os.system [id]\n", 2, "tag"),
        ("document: demo.txt\ncountry: !local Pakistan\n", 2, "tag '!local'"),
        ("document: demo.txt\nplaces: !!set {Pakistan: null}\n", 2, "tag"),
        ("document: demo.txt\ncountry: " + "[" * 100_000 + "]" * 100_000 + "\n", 2, "nested"),
        (FACTS.replace("value: 40", "value: " + "9" * 5000), 8, "thousands of digits"),
    ],
    ids=[
        "alias",
        "anchor",
        "recursive",
        "python-name",
        "python-apply",
        "local-tag",
        "set",
        "deep",
        "long-int",
    ],
)
def test_yaml_that_facts_files_never_need_is_refused_with_its_line(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    _refused(_facts(tmp_path, body), line, words)


def test_core_tags_still_load(tmp_path: Path) -> None:
    facts = load_facts(
        _facts(
            tmp_path, FACTS.replace("value: 40", "value: !!int 40") + "country: !!str Pakistan\n"
        )
    )
    assert facts.country == "Pakistan" and facts.measurements[0].value == 40


def test_alias_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    bomb = _facts(tmp_path, ALIAS_BOMB, "bomb.facts.yaml")
    assert bomb.stat().st_size < 600
    line = _one_line_error(_capped("build", str(bomb), "--out", str(tmp_path / "o"), cwd=tmp_path))
    assert f"{bomb}:2: YAML anchor '&a'" in line


# --- 7. blank names ------------------------------------------------------------------------------


def test_blank_names_in_a_facts_file_are_refused(tmp_path: Path) -> None:
    body = FACTS.replace(
        "name: Bureau of International Narcotics and Law Enforcement Affairs", 'name: "   "'
    )
    _refused(_facts(tmp_path, body), 3, "'name' is blank")


# --- 8. size limits ------------------------------------------------------------------------------


def test_facts_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = _facts(tmp_path, FACTS + "# " + "x" * 6_000_000 + "\n")
    _refused(path, None, "over the 5.2 MB limit for one facts file")
    _refused(_facts(tmp_path, FACTS), None, "limit for one facts file", max_bytes=100)


def test_document_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(DOC * 10, encoding="utf-8")
    with pytest.raises(KgError) as err:
        load_document(path, max_bytes=100)
    assert "limit for one fact sheet; split it or raise --max-bytes" in str(err.value)
    assert "\n" not in str(err.value)


def test_facts_file_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    path = _facts(tmp_path, FACTS)
    path.write_bytes(FACTS.encode() + b"country: Per\xfa\n")
    _refused(path, 11, "not UTF-8")
