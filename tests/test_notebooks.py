"""The notebooks run headless from top to bottom, on the bundled build and on a corpus build.

They run as Jupyter runs them: in ``notebooks/`` as working folder, on the ``python3`` kernel.
That kernelspec's ``argv`` starts ``python``, so the kernel gets this interpreter's folder first
on ``PATH`` (the venv's python, with kg installed); when no ``python3`` kernelspec is installed,
jupyter_client falls back to ipykernel's own spec, which uses ``sys.executable``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
EXPLORE = NOTEBOOKS / "explore_program.ipynb"
COMPARE = NOTEBOOKS / "compare_programs.ipynb"
TIMELINE = NOTEBOOKS / "timeline.ipynb"
ROOT = NOTEBOOKS.parent
TIMEOUT = 600


@pytest.fixture(scope="module")
def corpus_build(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared corpus's gold files built into one graph."""
    from kg.build import build

    out = tmp_path_factory.mktemp("corpus-build")
    build(sorted(corpus.glob("*.gold.yaml")), out=out)
    return out


def kernel_env(**extra: str) -> dict[str, str]:
    """The environment of the notebook kernel: ours, this Python first on PATH, the inline
    matplotlib backend (an inherited MPLBACKEND would suppress the pictures)."""
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    env.pop("KG_GRAPH", None)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env.update(extra)
    return env


def run(path: Path, *, env: dict[str, str], inject: str | None = None) -> Any:
    """Execute a notebook (optionally with a cell injected after its parameters cell) and
    return it with its outputs; a cell that raises fails the test."""
    nb = nbformat.read(path, as_version=4)
    if inject is not None:
        at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
        nb.cells.insert(at + 1, nbformat.v4.new_code_cell(inject))
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=TIMEOUT,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute(env=env)
    return nb


def outputs(nb: Any) -> list[Any]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def text_of(nb: Any) -> str:
    parts = []
    for o in outputs(nb):
        if o.output_type == "stream":
            parts.append(o.text)
        elif "data" in o:
            parts.extend(str(v) for k, v in o.data.items() if k.startswith("text/"))
    return "\n".join(parts)


def assert_ran_cleanly(nb: Any) -> None:
    errors = [o for o in outputs(nb) if o.output_type == "error"]
    assert errors == [], errors
    stderr = [o.text for o in outputs(nb) if o.output_type == "stream" and o.name == "stderr"]
    assert not any("Traceback" in t for t in stderr), stderr
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "a cell did not run"


def images(nb: Any) -> int:
    return sum(1 for o in outputs(nb) if "data" in o and "image/png" in o.data)


def test_explore_program_on_the_bundled_build(pakistan_build: Path) -> None:
    nb = run(EXPLORE, env=kernel_env(KG_GRAPH=str(pakistan_build)))
    assert_ran_cleanly(nb)
    text = text_of(nb)
    assert "INL program in Pakistan" in text
    assert "Frontier Corps-KP reported 3 figure(s)" in text
    assert "INL -achieves-> seizing 19.5 MT of heroin" in text
    assert "reduced civilian and law enforcement casualties by 35 percent" in text  # quotes table
    assert "<iframe srcdoc=" in text  # the interactive view
    assert images(nb) >= 2  # the network and the charts


def test_explore_program_on_a_corpus_build(corpus_build: Path) -> None:
    nb = run(EXPLORE, env=kernel_env(), inject=f"GRAPH = {str(corpus_build)!r}")
    assert_ran_cleanly(nb)
    assert "6 country programs" in text_of(nb) or "country programs" in text_of(nb)
    assert images(nb) >= 2


def test_compare_programs_on_a_corpus_build(corpus_build: Path) -> None:
    nb = run(COMPARE, env=kernel_env(KG_GRAPH=str(corpus_build)))
    assert_ran_cleanly(nb)
    text = text_of(nb)
    assert "Bureau of International Narcotics and Law Enforcement Affairs" in text
    for country in ("pakistan", "colombia"):
        assert country in text.casefold()
    assert images(nb) >= 4


def test_compare_programs_on_the_bundled_build(pakistan_build: Path) -> None:
    nb = run(COMPARE, env=kernel_env(), inject=f"GRAPH = {str(pakistan_build)!r}")
    assert_ran_cleanly(nb)
    assert "no partner appears in more than one program" in text_of(nb)


@pytest.mark.parametrize("path", [EXPLORE, COMPARE, TIMELINE], ids=lambda p: p.name)
def test_notebooks_start_cold(path: Path, tmp_path: Path) -> None:
    """Opened before any build, each notebook builds the bundled default into a temporary
    folder, says so in one line, and runs to the end."""
    missing = tmp_path / "not-built-yet"
    nb = run(path, env=kernel_env(KG_GRAPH=str(missing)))
    assert_ran_cleanly(nb)
    text = text_of(nb)
    notes = [line for line in text.splitlines() if line.startswith("no graph at")]
    assert len(notes) == 1, text[:500]
    assert str(missing) in notes[0] and "bundled default" in notes[0]
    assert not missing.exists()  # built into a temporary folder, nothing beside the notebook
    assert not (NOTEBOOKS / "out").exists()


def test_timeline_notebook_on_a_source_folder(tmp_path: Path) -> None:
    """KG_GRAPH may name fact sheets: the notebook builds them and charts a program by year."""
    import shutil

    for name in ("cbj-georgia.txt", "cbj-georgia.gold.yaml"):
        shutil.copy(ROOT / "heldout3" / name, tmp_path / name)
    nb = run(TIMELINE, env=kernel_env(KG_GRAPH=str(tmp_path), KG_PROGRAM="Georgia"))
    assert_ran_cleanly(nb)
    text = text_of(nb)
    assert "holds sources, not a build" in text
    assert "charting Georgia (document cbj-georgia)" in text
    assert "FY2019" in text and "funding: " in text
    assert images(nb) >= 1


def test_notebook_text_matches_the_readme() -> None:
    """The README says figures are linked to the activity stated with them (kg:outcomeOf); the
    notebooks must not say otherwise."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`kg:outcomeOf`" in readme
    for path in NOTEBOOKS.glob("*.ipynb"):
        text = " ".join(c.source for c in nbformat.read(path, as_version=4).cells)
        assert "does not link activities to" not in " ".join(text.split()), path.name
    explore = " ".join(c.source for c in nbformat.read(EXPLORE, as_version=4).cells)
    assert "kg:outcomeOf" in explore


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_are_stored_clean(path: Path) -> None:
    """Outputs cleared, a parameters cell first that honours KG_GRAPH, no library code."""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: outputs kept"
        assert "def " not in cell.source and "class " not in cell.source, "put code in kg"
    first = code[0]
    assert "parameters" in first.metadata.get("tags", [])
    assert 'GRAPH = "out"' in first.source and "KG_GRAPH" in first.source
    imported = {
        line.split()[1].split(".")[0]
        for cell in code
        for line in cell.source.splitlines()
        if line.startswith(("import ", "from "))
    }
    assert imported <= {"kg", "matplotlib", "IPython", "os", "pathlib", "tempfile"}, imported
