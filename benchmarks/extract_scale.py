"""How extraction time grows with the length of one document.

Builds long fact sheets by concatenating distinct fact-sheet paragraphs (the paragraphs of the
sheets in ``../shared/corpus`` and ``tests/corpus``, with every number varied so no two copies
are alike), then times :func:`kg.extract.extract` on documents of 0.1, 1 and 5 MB and of 1,000
and 8,000 sentences. Prints seconds per document and the ratio of the time to what linear growth
from the smallest case predicts (1.00 is exactly linear). Times are CPU seconds of this process::

    python benchmarks/extract_scale.py
    python benchmarks/extract_scale.py --mb 0.1 0.25 --sentences 1000 2000 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.extract import extract, sentences
from kg.model import Document

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT.parent / "shared" / "corpus", ROOT / "tests" / "corpus")
_DIGITS = re.compile(r"\d+")


def paragraphs() -> list[str]:
    """The non-empty paragraphs of every fact sheet found in the corpus folders."""
    out: list[str] = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            out.extend(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
    if not out:
        raise SystemExit("no fact sheets found under " + " or ".join(map(str, SOURCES)))
    return out


def _vary(paragraph: str, rng: random.Random) -> str:
    """The paragraph with every digit run replaced by another of the same length."""

    def repl(m: re.Match[str]) -> str:
        n = len(m.group())
        if n == 4 and m.group()[:2] in ("19", "20"):
            return str(rng.randint(2000, 2024))  # keep years looking like years
        return str(rng.randint(10 ** (n - 1) if n > 1 else 0, 10**n - 1))

    return _DIGITS.sub(repl, paragraph)


def long_text(size: int | None = None, n_sentences: int | None = None, seed: int = 7) -> str:
    """A text of at least ``size`` characters or ``n_sentences`` sentences (deterministic)."""
    rng = random.Random(seed)
    paras = paragraphs()
    parts: list[str] = []
    length = 0
    count = 0
    i = 0
    while (size is not None and length < size) or (n_sentences is not None and count < n_sentences):
        para = _vary(paras[i % len(paras)], rng)
        i += 1
        if n_sentences is not None:
            spans = sentences(para)
            if count + len(spans) > n_sentences:
                para = para[: spans[n_sentences - count - 1][1]]
                spans = spans[: n_sentences - count]
            count += len(spans)
        parts.append(para)
        length += len(para) + 2
    return "\n\n".join(parts)


def time_extract(text: str, repeat: int = 1) -> float:
    """Best-of-``repeat`` CPU seconds to extract one document with ``text``.

    CPU time of this process, not wall time: the figures stay comparable on a shared machine.
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        extract(Document("scale", text))
        best = min(best, time.process_time() - start)
    return best


def sheets_per_second(count: int) -> tuple[float, float]:
    """Whole fact sheets (the corpus files, in turn) extracted per CPU second, and their size."""
    texts = [
        path.read_text(encoding="utf-8")
        for folder in SOURCES
        for path in sorted(folder.glob("*.txt"))
    ]
    picked = [texts[i % len(texts)] for i in range(count)]
    start = time.process_time()
    for i, text in enumerate(picked):
        extract(Document(f"sheet-{i}", text))
    return count / (time.process_time() - start), sum(map(len, picked)) / count


def _report(label: str, cases: list[tuple[str, float, float]]) -> None:
    """Print seconds and ratio-to-linear against the first (smallest) case."""
    base_size, base_t = cases[0][1], cases[0][2]
    print(label)
    for name, size, t in cases:
        ratio = (t / base_t) / (size / base_size) if base_t > 0 else float("nan")
        print(
            f"  {name:>16}: {t:8.2f} s   {size / t if t else 0:10.0f} per s   x{ratio:.2f} linear"
        )


def main(argv: list[str] | None = None) -> int:
    """Time extraction on long documents and print the growth against linear."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, nargs="*", default=[0.1, 1.0, 5.0], help="sizes in MB")
    ap.add_argument(
        "--sentences", type=int, nargs="*", default=[1000, 8000], help="sentence counts"
    )
    ap.add_argument("--repeat", type=int, default=1, help="best of N runs per case")
    ap.add_argument(
        "--sheets", type=int, default=500, help="sheets extracted one by one for sheets/s"
    )
    ap.add_argument("--profile", action="store_true", help="cProfile the largest case")
    args = ap.parse_args(argv)
    extract(Document("warm", paragraphs()[0]))  # compile regexes, load the gazetteer

    size_cases: list[tuple[str, float, float]] = []
    for mb in args.mb:
        text = long_text(size=int(mb * 1_000_000))
        size_cases.append((f"{mb:g} MB", len(text), time_extract(text, args.repeat)))
    if size_cases:
        _report("by size (characters per second):", size_cases)

    sent_cases: list[tuple[str, float, float]] = []
    for n in args.sentences:
        text = long_text(n_sentences=n)
        got = len(sentences(text))
        sent_cases.append((f"{got} sentences", got, time_extract(text, args.repeat)))
    if sent_cases:
        _report("by sentences (sentences per second):", sent_cases)

    if args.sheets:
        rate, size = sheets_per_second(args.sheets)
        print(
            f"{args.sheets} sheets of {size:.0f} characters on average: {rate:.0f} per CPU second"
        )

    if args.profile:
        biggest = (
            long_text(size=int(max(args.mb) * 1_000_000))
            if args.mb
            else long_text(n_sentences=max(args.sentences))
        )
        prof = cProfile.Profile()
        prof.runcall(extract, Document("scale", biggest))
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
