"""A seeded generator of realistic synthetic fact sheets, for benchmarks at corpus scale.

Each sheet recombines paragraphs of the fact sheets found at run time in ``tests/corpus`` (and
``../shared/corpus`` when present) under the usual headings (Challenges, Goals,
Accomplishments), with every number varied and the program's country swapped for another, so
every sheet is distinct while organizations, places and units recur as they do in a real
corpus. No corpus text is stored in this repository: it is read and recombined when run::

    python benchmarks/corpus.py --docs 1000 --out /tmp/corpus-1000
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "tests" / "corpus", ROOT.parent / "shared" / "corpus")
HEADINGS = ("Challenges", "Goals", "Accomplishments")
#: Countries a sheet may be about (the source sheet's country is replaced by one of these).
COUNTRIES = (
    "Afghanistan",
    "Bangladesh",
    "Bolivia",
    "Brazil",
    "Burma",
    "Cambodia",
    "Colombia",
    "Ecuador",
    "Egypt",
    "Ghana",
    "Guatemala",
    "Haiti",
    "Honduras",
    "Indonesia",
    "Jamaica",
    "Jordan",
    "Kenya",
    "Laos",
    "Liberia",
    "Mexico",
    "Morocco",
    "Nepal",
    "Nigeria",
    "Pakistan",
    "Panama",
    "Peru",
    "Philippines",
    "Senegal",
    "Tajikistan",
    "Thailand",
    "Tunisia",
    "Ukraine",
    "Uzbekistan",
    "Vietnam",
    "Zambia",
)
_DIGITS = re.compile(r"\d+")


def _sections(text: str) -> dict[str, list[str]]:
    """A sheet's paragraphs by heading (``intro`` before the first heading)."""
    out: dict[str, list[str]] = {"intro": []}
    current = "intro"
    for para in (p.strip() for p in re.split(r"\n\s*\n", text)):
        if not para:
            continue
        if para in HEADINGS:
            current = para
            out.setdefault(current, [])
        else:
            out.setdefault(current, []).append(para)
    return out


def load_sources() -> list[tuple[str, dict[str, list[str]]]]:
    """(country name, paragraphs by heading) of every source sheet found."""
    found = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            country = path.stem.replace("-", " ").title()
            found.append((country, _sections(path.read_text(encoding="utf-8"))))
    if not found:
        raise SystemExit("no fact sheets found under " + " or ".join(map(str, SOURCES)))
    return found


def _vary(paragraph: str, rng: random.Random) -> str:
    """The paragraph with every number replaced by another of the same length (years stay
    years)."""

    def repl(m: re.Match[str]) -> str:
        n = len(m.group())
        if n == 4 and m.group()[:2] in ("19", "20"):
            return str(rng.randint(2005, 2024))
        return str(rng.randint(10 ** (n - 1) if n > 1 else 1, 10**n - 1))

    return _DIGITS.sub(repl, paragraph)


def make_sheet(sources: list[tuple[str, dict[str, list[str]]]], rng: random.Random) -> str:
    """One sheet: an intro, then each heading with paragraphs drawn from several sources."""
    country = rng.choice(COUNTRIES)
    parts: list[str] = []
    for heading, count in (("intro", 1), ("Challenges", 2), ("Goals", 1), ("Accomplishments", 4)):
        if heading != "intro":
            parts.append(heading)
        for _ in range(rng.randint(1, count)):
            origin, sections = rng.choice(sources)
            paras = sections.get(heading) or sections["intro"] or [""]
            text = _vary(rng.choice(paras), rng).replace(origin, country)
            if text:
                parts.append(text)
    return "\n\n".join(parts) + "\n"


def generate(folder: Path, count: int, seed: int = 20261130) -> list[Path]:
    """Write ``count`` sheets ``<country>-<n>.txt`` into ``folder`` (same seed, same sheets)."""
    rng = random.Random(seed)
    sources = load_sources()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        text = make_sheet(sources, rng)
        p = folder / f"sheet-{i:05d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Write a synthetic corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=20261130)
    args = parser.parse_args(argv)
    paths = generate(args.out, args.docs, args.seed)
    print(f"wrote {len(paths)} sheets to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
