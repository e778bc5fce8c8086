"""The bundled default is hermetic; facts files carry mentions and outcome links themselves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.facts import FactsError, dump_facts, load_facts
from kg.resources import default_facts

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def _build_in(cwd: Path, out: Path, env_extra: dict[str, str]) -> None:
    env = {k: v for k, v in os.environ.items() if k != "KG_CORPUS"} | env_extra
    result = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", "--out", str(out)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_default_build_is_byte_identical_from_any_folder(tmp_path: Path) -> None:
    """From the checkout (beside ../shared/corpus), from an unrelated folder, and with a corpus
    on KG_CORPUS, the default build never reads a text from outside the package."""
    elsewhere = tmp_path / "a" / "b"
    elsewhere.mkdir(parents=True)
    _build_in(ROOT, tmp_path / "here", {})
    _build_in(elsewhere, tmp_path / "there", {})
    _build_in(elsewhere, tmp_path / "env", {"KG_CORPUS": str(CORPUS)})
    for name in ("graph.ttl", "graph.trig", "validation.ttl"):
        here = (tmp_path / "here" / name).read_bytes()
        assert here == (tmp_path / "there" / name).read_bytes(), name
        assert here == (tmp_path / "env" / name).read_bytes(), name


def test_default_facts_carry_mentions_and_outcome_links_without_the_text() -> None:
    facts = load_facts(default_facts()[0], corpus_dirs=[])
    assert facts.document.text is None
    inl = facts.organization("INL")
    assert inl is not None and len(inl.mentions) >= 5
    assert all(s.quote in inl.names for s in inl.mentions)
    linked = [m for m in facts.measurements if m.outcome_of]
    assert len(linked) == 9
    assert all(facts.activity(m.outcome_of) is not None for m in linked)


def test_recorded_mentions_and_links_agree_with_the_text() -> None:
    if not (CORPUS / "pakistan.txt").is_file():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    from kg.documents import load_document
    from kg.outcomes import link_outcomes

    with_text = load_facts(default_facts()[0], document=load_document(CORPUS / "pakistan.txt"))
    assert with_text.document.text is not None
    recorded = {m.span: m.outcome_of for m in with_text.measurements}
    link_outcomes(with_text)  # recorded links are kept; none is missing
    assert {m.span: m.outcome_of for m in with_text.measurements} == recorded


DOC = "INL trained 40 judges. The Ministry of Justice hosted INL.\n"


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "demo.txt").write_text(DOC, encoding="utf-8")
    path = tmp_path / "demo.facts.yaml"
    path.write_text("document: demo.txt\n" + body, encoding="utf-8")
    return path


ORGS = """organizations:
  - {name: INL, aliases: [], kind: us-government, mentions: ["INL@0", "INL@54"]}
  - {name: Ministry of Justice, aliases: [], kind: partner-government}
"""


def test_mentions_are_checked_against_the_text(tmp_path: Path) -> None:
    facts = load_facts(_write(tmp_path, ORGS))
    inl = facts.organization("INL")
    assert inl is not None and [s.start for s in inl.mentions] == [0, 54]
    with pytest.raises(FactsError, match=r"demo.facts.yaml:3: the text at 5 does not read 'INL'"):
        load_facts(_write(tmp_path, ORGS.replace("INL@54", "INL@5")))
    with pytest.raises(FactsError, match="must be NAME@OFFSET"):
        load_facts(_write(tmp_path, ORGS.replace("INL@54", "UNODC@54")))


def test_outcome_of_must_name_one_activity(tmp_path: Path) -> None:
    body = ORGS + (
        "measurements:\n"
        "  - {quote: 40 judges, value: 40, unit: judge, outcome_of: training of judges}\n"
        "activities:\n"
        "  - {actor: INL, activity: training of judges}\n"
    )
    facts = load_facts(_write(tmp_path, body))
    assert facts.measurements[0].outcome_of == "training of judges"
    assert "outcome_of: training of judges" in dump_facts(facts)
    with pytest.raises(FactsError, match=r":6: 'outcome_of' names 'judge training'"):
        load_facts(
            _write(
                tmp_path,
                body.replace("outcome_of: training of judges", "outcome_of: judge training"),
            )
        )
