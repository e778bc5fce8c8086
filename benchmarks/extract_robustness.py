"""Extraction on the same documents laid out differently: what changes.

Real documents reach kg hard-wrapped (PDF pages, archived and e-mailed sheets), with no-break
spaces (web pages: "19.5&nbsp;MT") or with other dashes and quotes. For every ``NAME.txt`` of the
given folders, this extracts the text as it is and once per layout below, and counts figures
lost or gained (by value and unit), figures whose attributes changed (qualifier, change, year,
place, credited agency, reporter, counted noun), and organizations found in one reading only.
A robust extractor reads all layouts alike::

    python benchmarks/extract_robustness.py dev1 dev2 dev3 heldout3 heldout4

Layouts: ``wrapped`` (every line longer than 80 characters wrapped at 80), ``nbsp`` (three in
ten spaces, chosen with a fixed seed, made no-break), ``ascii`` (curly quotes and en dashes
made plain).
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.extract import extract
from kg.model import Document, DocumentFacts, Measurement


def wrapped(text: str) -> str:
    """Every line longer than 80 characters wrapped at 80 (words kept whole)."""
    return "\n".join(
        textwrap.fill(line, 80, break_long_words=False, break_on_hyphens=False)
        if len(line) > 80
        else line
        for line in text.split("\n")
    )


def nbsp(text: str) -> str:
    """Three in ten spaces made no-break (seeded, so every run is the same)."""
    rng = random.Random(1)
    return "".join("\u00a0" if c == " " and rng.random() < 0.3 else c for c in text)


def ascii_marks(text: str) -> str:
    """Curly quotes and en dashes as their plain forms."""
    plain: dict[str, str | int | None] = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-"}
    return text.translate(str.maketrans(plain))


LAYOUTS: dict[str, Callable[[str], str]] = {
    "wrapped": wrapped,
    "nbsp": nbsp,
    "ascii": ascii_marks,
}


def _key(m: Measurement) -> tuple[str, str]:
    return str(m.value), m.unit


def _full(m: Measurement) -> tuple[object, ...]:
    return (str(m.value), m.unit, m.qualifier, m.change, m.year, m.place, m.agency,
            m.reported_by, m.counted)  # fmt: skip


def compare(a: DocumentFacts, b: DocumentFacts) -> collections.Counter[str]:
    """What differs between two readings of one document."""
    out: collections.Counter[str] = collections.Counter()
    ka = collections.Counter(map(_key, a.measurements))
    kb = collections.Counter(map(_key, b.measurements))
    fa = collections.Counter(map(_full, a.measurements))
    fb = collections.Counter(map(_full, b.measurements))
    out["figures"] += sum(ka.values())
    out["lost"] += sum((ka - kb).values())
    out["gained"] += sum((kb - ka).values())
    out["attributes changed"] += sum((fa - fb).values()) - sum((ka - kb).values())
    oa = {o.name for o in a.organizations}
    ob = {" ".join(o.name.split()) for o in b.organizations}
    out["organizations"] += len(oa)
    out["organizations changed"] += len(oa ^ ob)
    return out


def main() -> None:
    """Print, per layout, the differences summed over the folders' documents."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args()
    files = sorted(p for folder in args.folders for p in folder.glob("*.txt"))
    originals = {p: extract(Document(name=p.stem, text=p.read_text("utf-8"))) for p in files}
    print(f"{len(files)} documents, {sum(len(f.measurements) for f in originals.values())} figures")
    for name, layout in LAYOUTS.items():
        total: collections.Counter[str] = collections.Counter()
        for p, facts in originals.items():
            other = extract(Document(name=p.stem, text=layout(p.read_text("utf-8"))))
            total += compare(facts, other)
        share = total["lost"] / total["figures"] if total["figures"] else 0.0
        print(
            f"{name:8s} lost {total['lost']:5d} ({share:.1%})  gained {total['gained']:4d}  "
            f"attributes changed {total['attributes changed']:5d}  "
            f"organizations changed {total['organizations changed']:4d} "
            f"of {total['organizations']}"
        )


if __name__ == "__main__":
    main()
