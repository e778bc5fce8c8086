"""Every Turtle snippet in the README and the ontology folder parses, and the README's example
figure is what a build writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

from kg.resources import ontology_dir

ROOT = Path(__file__).resolve().parents[1]
_FENCE = re.compile(r"```turtle\n(.*?)```", re.DOTALL)


def _snippets() -> list[tuple[str, str]]:
    out = []
    for path in [ROOT / "README.md", *sorted(ontology_dir().glob("*.md"))]:
        for k, m in enumerate(_FENCE.finditer(path.read_text(encoding="utf-8"))):
            out.append((f"{path.name}#{k}", m.group(1)))
    return out


def test_there_are_snippets() -> None:
    assert _snippets()


@pytest.mark.parametrize(("where", "text"), _snippets(), ids=[w for w, _ in _snippets()])
def test_turtle_snippet_parses(where: str, text: str) -> None:
    Graph().parse(data=text, format="turtle")


def test_readme_example_is_in_the_built_graph(pakistan_build: Path) -> None:
    built = Graph().parse(pakistan_build / "graph.ttl", format="turtle")
    where, text = _snippets()[0]
    example = Graph().parse(data=text, format="turtle")
    missing = [t for t in example if t not in built]
    assert not missing, f"{where}: not in the build: {missing}"
