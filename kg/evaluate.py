"""Score extracted facts against gold files: organizations, programs, figures and activities.

A figure matches a gold figure when the values are equal (``Decimal`` equality; a gold file's
fraction, ``value: 0.333`` with ``unit: fraction``, equals the percent 33.3 to one decimal, also as
the same change) and the spans overlap; matching is greedy and one-to-one (largest overlap first).
Organizations match through any name or alias (case-insensitive, possessive "'s" stripped); a
second extracted node for one gold organization is a false positive. Named programs match the same
way. For matched figures the report gives the accuracy of unit, qualifier, change, year,
reported_by, agency, place (a null place reads as the program's country, as the corpus README says)
and counted noun (scored on gold counts only).

Activities. Gold activities have no span: an analyst writes the activity as a free phrase
("construction of border outposts and facilities"), so the overlap of an extracted activity with
a gold one is measured on words. The extracted activity's text is its source span (the quote kg
read it from; its description when it has no span), the gold activity's text its ``activity``
phrase. Each text becomes a set of content words (:func:`activity_words`): runs of letters
(numbers are scored as figures), lower-cased, without stop words and without the words of the
activity's own actor reference (the actor is scored on its own, so "INL has trained" and
"training" are the same activity), through a light suffix stemmer so that "constructed" and
"construction", "trained" and "training" agree. A gold and an extracted activity match when
they share at least :data:`ACTIVITY_MIN_SHARED_WORDS` content words and the shared words make
up at least :data:`ACTIVITY_OVERLAP_THRESHOLD` of the shorter text's words (the overlap
coefficient ``|G & X| / min(|G|, |X|)``): one text is mostly contained in the other.
Containment rather than Jaccard, because gold phrases are condensed paraphrases while extracted
spans are whole clauses, often holding several gold activities; the minimum of shared words
keeps a span such as "INL funding" or "INL's programs support" from matching every gold phrase
that says "funding" or "support". Matching is one to one and best first: pairs in order of
overlap coefficient, then Dice coefficient ``2|G & X| / (|G| + |X|)`` (the tighter of two
containing spans wins), then document order; each gold and each extracted activity is used at
most once, so a span holding three gold activities matches one of them and the other two count
as missed. For matched pairs the report gives the accuracy of the actor and the beneficiary: an
organization or named program matches through any of its names or aliases, exactly as
organizations are matched; a beneficiary that is not a listed organization or program (a group
such as "prison officials") compares by its normalized wording, last word singular; a null
beneficiary matches a missing one.

Run ``python -m kg.evaluate CORPUS_DIR`` for a table, ``--json`` for JSON.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from kg.documents import DOCUMENT_SUFFIXES, load_document
from kg.facts import load_facts
from kg.model import Activity, DocumentFacts, KgError, Measurement, Organization, Program
from kg.numbers import singularize
from kg.places import lookup

#: Attributes scored on matched figures, in report order.
ATTRIBUTES: tuple[str, ...] = (
    "unit",
    "qualifier",
    "change",
    "year",
    "reported_by",
    "agency",
    "place",
    "counted",
)

#: Attributes scored on matched activities, in report order.
ACTIVITY_ATTRIBUTES: tuple[str, ...] = ("actor", "beneficiary")

#: Share of the shorter activity text's content words that the other must contain (the overlap
#: coefficient) for a gold and an extracted activity to match.
ACTIVITY_OVERLAP_THRESHOLD = 0.5

#: Content words a gold and an extracted activity must share to match: a text with fewer
#: ("INL funding") says too little to tell one activity from another.
ACTIVITY_MIN_SHARED_WORDS = 2


@dataclass(slots=True)
class PRF:
    """True positives, false positives and false negatives, with derived scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was extracted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there is nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        """Add another count in place (micro-averaging)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass(slots=True)
class Mismatch:
    """One difference found: a missed or spurious fact, or a wrong attribute."""

    # "missed-figure", "extra-figure", "attribute", "missed-org", "extra-org", "org-kind",
    # "missed-program", "extra-program", "program-run-by", "missed-activity", "extra-activity",
    # "activity-actor", "activity-beneficiary"
    kind: str
    detail: str


@dataclass(slots=True)
class DocScore:
    """The scores of one document."""

    name: str
    organizations: PRF = field(default_factory=PRF)
    figures: PRF = field(default_factory=PRF)
    programs: PRF = field(default_factory=PRF)
    activities: PRF = field(default_factory=PRF)
    attributes: dict[str, list[int]] = field(
        default_factory=lambda: {a: [0, 0] for a in ATTRIBUTES}
    )  # attribute -> [correct, total]
    activity_attributes: dict[str, list[int]] = field(
        default_factory=lambda: {a: [0, 0] for a in ACTIVITY_ATTRIBUTES}
    )  # attribute -> [correct, total] over matched activities
    mismatches: list[Mismatch] = field(default_factory=list)
    org_kinds: list[int] = field(default_factory=lambda: [0, 0])  # [correct, total] matched
    program_runners: list[int] = field(default_factory=lambda: [0, 0])  # [correct, total]

    def accuracy(self, attribute: str) -> float:
        """Share of matched figures with this attribute right (1.0 when none matched)."""
        ok, total = self.attributes[attribute]
        return ok / total if total else 1.0

    def activity_accuracy(self, attribute: str) -> float:
        """Share of matched activities with this attribute right (1.0 when none matched)."""
        ok, total = self.activity_attributes[attribute]
        return ok / total if total else 1.0


@dataclass(slots=True)
class CorpusReport:
    """Scores of every document and the micro-averaged totals."""

    documents: list[DocScore] = field(default_factory=list)

    @property
    def organizations(self) -> PRF:
        """Micro-averaged organization counts."""
        total = PRF()
        for d in self.documents:
            total.add(d.organizations)
        return total

    @property
    def programs(self) -> PRF:
        """Micro-averaged named-program counts."""
        total = PRF()
        for d in self.documents:
            total.add(d.programs)
        return total

    @property
    def figures(self) -> PRF:
        """Micro-averaged figure counts."""
        total = PRF()
        for d in self.documents:
            total.add(d.figures)
        return total

    @property
    def activities(self) -> PRF:
        """Micro-averaged activity counts."""
        total = PRF()
        for d in self.documents:
            total.add(d.activities)
        return total

    def _summed(self, table: str, attribute: str) -> tuple[int, int]:
        """(correct, total) of one attribute summed over the documents' ``table``
        (``attributes`` of figures, ``activity_attributes`` of activities)."""
        rows = [getattr(d, table)[attribute] for d in self.documents]
        return sum(r[0] for r in rows), sum(r[1] for r in rows)

    def activity_attribute_counts(self, attribute: str) -> tuple[int, int]:
        """(correct, total) of one activity attribute over every matched activity."""
        return self._summed("activity_attributes", attribute)

    def activity_accuracy(self, attribute: str) -> float:
        """Micro-averaged accuracy of one activity attribute (actor, beneficiary)."""
        ok, total = self.activity_attribute_counts(attribute)
        return ok / total if total else 1.0

    def attribute_counts(self, attribute: str) -> tuple[int, int]:
        """(correct, total) over every matched figure of the corpus."""
        return self._summed("attributes", attribute)

    def accuracy(self, attribute: str) -> float:
        """Micro-averaged accuracy of one attribute over every matched figure."""
        ok, total = self.attribute_counts(attribute)
        return ok / total if total else 1.0

    @property
    def program_runner_accuracy(self) -> float:
        """Share of matched programs whose runner (run_by) agrees with the gold."""
        ok = sum(d.program_runners[0] for d in self.documents)
        total = sum(d.program_runners[1] for d in self.documents)
        return ok / total if total else 1.0

    @property
    def org_kind_accuracy(self) -> float:
        """Share of matched organizations whose kind agrees with the gold (not a target)."""
        ok = sum(d.org_kinds[0] for d in self.documents)
        total = sum(d.org_kinds[1] for d in self.documents)
        return ok / total if total else 1.0


_POSS = re.compile(r"[’']s$")


def _norm_name(name: str) -> str:
    return _POSS.sub("", " ".join(name.split())).casefold()


def _names(org: Organization | Program) -> set[str]:
    return {_norm_name(n) for n in org.names if n}


def _share(m: Measurement, *, changes: bool = False) -> Decimal | None:
    """A share as a percent, to one decimal: a percent figure's value, or a gold file's
    fraction ("one-third": ``value: 0.333``, ``unit: fraction``) times 100; else ``None``.
    A percent change ("rose by nearly a third") is a share only with ``changes``."""
    if m.unit == "percent" and (changes or m.change is None):
        return round(m.value, 1)
    if m.unit == "count" and m.counted == "fraction":
        return round(m.value * 100, 1)
    return None


def _same_value(g: Measurement, x: Measurement) -> bool:
    """Whether a gold and an extracted figure state the same value: equal, or the same share
    written as a fraction and as a percent (0.333 and 33.3)."""
    if g.value == x.value:
        return True
    # (a change written both ways too, when it is the same change: "rose by nearly a third",
    # 0.333 with change increase, is 33.3 percent with change increase)
    a, b = _share(g, changes=True), _share(x, changes=True)
    return (
        a is not None
        and a == b
        and (g.unit == "count") != (x.unit == "count")
        and g.change == x.change
    )


def _place_key(facts: DocumentFacts, name: str | None, *, gold: bool = False) -> str | None:
    """A comparable key for a figure's place: null reads as the program's country (in a gold
    file, the first entry of its ``places``, as the corpus README says: a region for a regional
    program); a place the gazetteer knows compares by its ISO code, any other by its normalized
    name."""
    if not name:
        if gold and facts.places:
            name = facts.places[0].name
        else:
            name = facts.country or (facts.places[0].name if facts.places else None)
    if not name:
        return None
    entry = lookup(name)
    return entry.code if entry is not None and entry.code else _norm_name(name)


def _counted(m: Measurement) -> str | None:
    if m.unit != "count":
        return None
    # "per 100,000 residents" and "per 100000 resident" name the same thing, and so do
    # "percentage-point" (a gold file's unit key) and "percentage point"
    noun = re.sub(r"(?<=\d),(?=\d{3})", "", m.counted or "")
    return singularize(re.sub(r"(?<=[^\W\d])-(?=[^\W\d])", " ", noun)) or None


#: What a reference (reported_by, agency, run_by, actor, beneficiary) points to, comparable
#: across gold and extracted facts: ``("organization", i)`` or ``("program", i)`` for the gold
#: document's i-th organization or named program, ``("text", wording)`` for anything else.
_Ref = tuple[str, int | str]


def _wording(name: str) -> _Ref:
    """The key of a reference to nothing listed in gold (a group such as "prison officials"):
    its normalized wording, last word singular."""
    return ("text", singularize(_norm_name(name)))


def _gold_refs(gold: DocumentFacts, keys: set[str]) -> _Ref | None:
    """The gold organization, else named program, having one of these normalized names."""
    for i, org in enumerate(gold.organizations):
        if keys & _names(org):
            return ("organization", i)
    for i, pg in enumerate(gold.programs):
        if keys & _names(pg):
            return ("program", i)
    return None


def _resolver(extracted: DocumentFacts, gold: DocumentFacts) -> Callable[[str | None], _Ref | None]:
    """Map an extracted reference to what it names in gold: through every name and alias of the
    extracted organization or program it names, to a gold organization or program sharing one."""

    def resolve(name: str | None) -> _Ref | None:
        if not name:
            return None
        keys = {_norm_name(name)}
        bare = _POSS.sub("", name)
        for node in (
            extracted.organization(name) or extracted.organization(bare),
            extracted.program(name) or extracted.program(bare),
        ):
            if node is not None:
                keys |= _names(node)
        return _gold_refs(gold, keys) or _wording(name)

    return resolve


def _gold_index(gold: DocumentFacts, name: str | None) -> _Ref | None:
    """What a gold reference names: a gold organization or program, else its wording."""
    if not name:
        return None
    return _gold_refs(gold, {_norm_name(name)}) or _wording(name)


#: Function words that say nothing about what an activity does.
_STOP_WORDS_TEXT = """a about across after against all also an and any are as at be been being
both but by can could did do does during each either for from had has have having he her his how
in including into is it its itself more most not of on onto or other our over same she so some
such than that the their them then there these they this those through to toward towards under
until upon very via was we were what when where which while who whom whose will with within
without would"""
_STOP_WORDS: frozenset[str] = frozenset(_STOP_WORDS_TEXT.split())

_WORD = re.compile(r"[^\W\d_]+")  # a run of letters: numbers and punctuation split words

# Suffixes the light stemmer strips (the first that fits, longest listed first).
_SUFFIXES: tuple[str, ...] = (
    "ings",
    "ing",
    "ions",
    "ion",
    "ments",
    "ment",
    "ship",
    "ed",
    "es",
    "s",
)


def _stem(word: str) -> str:
    """A light suffix stemmer: "constructed", "construction" -> "construct"; "trained",
    "training" -> "train"; "police", "policing" -> "polic"; "capacities" -> "capacity"."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in _SUFFIXES:
        if (
            word.endswith(suffix)
            and len(word) - len(suffix) >= 3
            and not (suffix == "s" and word.endswith(("ss", "us", "is")))
        ):
            word = word[: -len(suffix)]
            if suffix in ("ing", "ings", "ed") and word[-1] == word[-2] and word[-1] not in "lsfz":
                word = word[:-1]  # "equipping" -> "equip"
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def activity_words(text: str, actor: str | None = None) -> frozenset[str]:
    """The content words of an activity's text, stemmed: letters only, lower-case, without stop
    words, one-letter words and the words of ``actor`` (the actor reference as written).

    >>> sorted(activity_words("INL-constructed border outposts and facilities", "INL"))
    ['border', 'construct', 'facility', 'outpost']
    """
    drop = {w.casefold() for w in _WORD.findall(actor or "")}
    return frozenset(
        _stem(w)
        for w in (m.casefold() for m in _WORD.findall(text))
        if len(w) > 1 and w not in _STOP_WORDS and w not in drop
    )


def _activity_text(activity: Activity) -> str:
    """An extracted activity's text: the source span it was read from, else its description."""
    return activity.span.quote if activity.span is not None else activity.description


def activity_overlap(gold: frozenset[str], found: frozenset[str]) -> tuple[float, float] | None:
    """How well a gold activity's words and an extracted activity's words agree, as (overlap
    coefficient, Dice coefficient), or ``None`` when they do not match: fewer than
    :data:`ACTIVITY_MIN_SHARED_WORDS` shared words or an overlap coefficient below
    :data:`ACTIVITY_OVERLAP_THRESHOLD`.

    >>> gold = frozenset({"fund", "trainer", "prosecutor"})
    >>> activity_overlap(gold, frozenset({"fund", "trainer"}))
    (1.0, 0.8)
    >>> activity_overlap(gold, frozenset({"fund", "equipment"})) is None  # one word shared
    True
    """
    shared = len(gold & found)
    if shared < ACTIVITY_MIN_SHARED_WORDS:
        return None
    coefficient = shared / min(len(gold), len(found))
    if coefficient < ACTIVITY_OVERLAP_THRESHOLD:
        return None
    return coefficient, 2 * shared / (len(gold) + len(found))


_Named = TypeVar("_Named", Organization, Program)


def _match_by_names(
    found: list[_Named], wanted: list[_Named], prf: PRF, score: DocScore, what: str
) -> list[tuple[_Named, _Named]]:
    """Match extracted items to gold items sharing a name or alias, one to one, in order;
    count them in ``prf`` and record the extra and missed ones in ``score``."""
    gold_sets = [_names(w) for w in wanted]
    matched: set[int] = set()
    pairs: list[tuple[_Named, _Named]] = []
    for item in found:
        hits = [i for i, g in enumerate(gold_sets) if g & _names(item)]
        free = [i for i in hits if i not in matched]
        if free:
            matched.add(free[0])
            prf.tp += 1
            pairs.append((item, wanted[free[0]]))
        else:
            prf.fp += 1
            why = "duplicate node" if hits else "not in gold"
            score.mismatches.append(Mismatch(f"extra-{what}", f"{item.name} ({why})"))
    for i, w in enumerate(wanted):
        if i not in matched:
            prf.fn += 1
            score.mismatches.append(Mismatch(f"missed-{what}", w.name))
    return pairs


def evaluate_pair(extracted: DocumentFacts, gold: DocumentFacts) -> DocScore:
    """Score one document's extracted facts against its gold facts."""
    score = DocScore(name=gold.document.name)

    # Organizations and named programs: matched through any name or alias, one to one.
    for org, want in _match_by_names(
        extracted.organizations, gold.organizations, score.organizations, score, "org"
    ):
        score.org_kinds[1] += 1
        if org.kind == want.kind:
            score.org_kinds[0] += 1
        else:
            score.mismatches.append(
                Mismatch("org-kind", f"{org.name}: gold {want.kind.value}, got {org.kind.value}")
            )

    resolve = _resolver(extracted, gold)
    for pg, gold_pg in _match_by_names(
        extracted.programs, gold.programs, score.programs, score, "program"
    ):
        score.program_runners[1] += 1
        if _gold_index(gold, gold_pg.run_by) == resolve(pg.run_by):
            score.program_runners[0] += 1
        else:
            score.mismatches.append(
                Mismatch("program-run-by", f"{pg.name}: gold {gold_pg.run_by}, got {pg.run_by}")
            )

    # Figures: candidate pairs with equal value and overlapping spans, largest overlap first.
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold.measurements):
        for ei, x in enumerate(extracted.measurements):
            if _same_value(g, x) and x.span.overlaps(g.span):
                overlap = min(x.span.end, g.span.end) - max(x.span.start, g.span.start)
                pairs.append((-overlap, gi, ei))
    matched = _one_to_one([(gi, ei) for _neg, gi, ei in sorted(pairs)])
    matches = [(gold.measurements[gi], extracted.measurements[ei]) for gi, ei in matched]
    _count(
        score.figures,
        score,
        matched,
        [f"{g.value} {g.span.quote!r}" for g in gold.measurements],
        [f"{x.value} {x.span.quote!r}" for x in extracted.measurements],
        "figure",
    )

    _score_figure_attributes(score, gold, extracted, matches, resolve)
    _score_activities(score, gold, extracted, resolve)
    return score


def _score_figure_attributes(
    score: DocScore,
    gold: DocumentFacts,
    extracted: DocumentFacts,
    matches: list[tuple[Measurement, Measurement]],
    resolve: Callable[[str | None], _Ref | None],
) -> None:
    """Count the attributes of matched figures (gold, extracted) right and wrong in ``score``."""
    for g, x in sorted(matches, key=lambda gx: gx[0].span.start):
        # a fraction and a percent (of the same change, if any)
        share = (
            _share(g, changes=True) is not None
            and _share(x, changes=True) is not None
            and g.change == x.change
            and (g.unit == "count") != (x.unit == "count")
        )
        checks: dict[str, tuple[bool, Any, Any]] = {
            "unit": (
                (g.unit == x.unit and _counted(g) == _counted(x)) or share,
                g.counted or g.unit,
                x.counted or x.unit,
            ),
            "qualifier": (g.qualifier == x.qualifier, g.qualifier.value, x.qualifier.value),
            "change": (g.change == x.change, g.change, x.change),
            "year": (g.year == x.year, g.year, x.year),
            "reported_by": (
                _gold_index(gold, g.reported_by) == resolve(x.reported_by),
                g.reported_by,
                x.reported_by,
            ),
            "agency": (
                _gold_index(gold, g.agency) == resolve(x.agency),
                g.agency,
                x.agency,
            ),
            "place": (
                _place_key(gold, g.place, gold=True) == _place_key(extracted, x.place),
                g.place,
                x.place,
            ),
        }
        if g.unit == "count" and not share:
            checks["counted"] = (_counted(g) == _counted(x), g.counted, x.counted)
        for attr, (ok, want, got) in checks.items():
            score.attributes[attr][1] += 1
            if ok:
                score.attributes[attr][0] += 1
            else:
                score.mismatches.append(
                    Mismatch("attribute", f"{attr} of {g.span.quote!r}: gold {want}, got {got}")
                )


def _one_to_one(candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs (gold index, extracted index) taken from ``candidates`` in order, best first,
    each gold and each extracted item at most once."""
    used_g: set[int] = set()
    used_e: set[int] = set()
    out = []
    for gi, ei in candidates:
        if gi not in used_g and ei not in used_e:
            used_g.add(gi)
            used_e.add(ei)
            out.append((gi, ei))
    return out


def _count(
    prf: PRF,
    score: DocScore,
    matched: list[tuple[int, int]],
    gold: list[str],
    extracted: list[str],
    what: str,
) -> None:
    """Count true and false positives and misses of one kind of fact into ``prf``, and list
    every missed (``missed-WHAT``) and extra (``extra-WHAT``) one, described as given."""
    used_g = {gi for gi, _ in matched}
    used_e = {ei for _, ei in matched}
    prf.tp, prf.fp, prf.fn = len(matched), len(extracted) - len(matched), len(gold) - len(matched)
    score.mismatches += [
        Mismatch(f"missed-{what}", d) for i, d in enumerate(gold) if i not in used_g
    ]
    score.mismatches += [
        Mismatch(f"extra-{what}", d) for i, d in enumerate(extracted) if i not in used_e
    ]


def _score_activities(
    score: DocScore,
    gold: DocumentFacts,
    extracted: DocumentFacts,
    resolve: Callable[[str | None], _Ref | None],
) -> None:
    """Match activities one to one by word overlap, best first (see the module docstring), and
    count them and the actor and beneficiary of the matched pairs in ``score``."""
    gold_words = [activity_words(a.description, a.actor) for a in gold.activities]
    found_words = [activity_words(_activity_text(a), a.actor) for a in extracted.activities]
    candidates: list[tuple[float, float, int, int]] = []
    for gi, gw in enumerate(gold_words):
        for ei, xw in enumerate(found_words):
            agreement = activity_overlap(gw, xw)
            if agreement is not None:
                candidates.append((-agreement[0], -agreement[1], gi, ei))
    matched = _one_to_one([(gi, ei) for _coef, _dice, gi, ei in sorted(candidates)])
    pairs = [(gold.activities[gi], extracted.activities[ei]) for gi, ei in matched]
    _count(
        score.activities,
        score,
        matched,
        [f"{g.actor}: {g.description}" for g in gold.activities],
        [f"{x.actor}: {x.description}" for x in extracted.activities],
        "activity",
    )
    for g, x in pairs:
        for attr, want, got in (
            ("actor", g.actor, x.actor),
            ("beneficiary", g.beneficiary, x.beneficiary),
        ):
            score.activity_attributes[attr][1] += 1
            if _gold_index(gold, want) == resolve(got):
                score.activity_attributes[attr][0] += 1
            else:
                score.mismatches.append(
                    Mismatch(
                        f"activity-{attr}", f"{attr} of {g.description!r}: gold {want}, got {got}"
                    )
                )


def _documents(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(
                c
                for c in sorted(p.iterdir())
                if c.is_file() and c.suffix.lower() in DOCUMENT_SUFFIXES
            )
        elif p.is_file():
            out.append(p)
        else:
            raise KgError(f"{p}: no such file or folder")
    return out


def gold_path(document: Path) -> Path:
    """The gold file beside a document: ``NAME.gold.yaml``."""
    return document.with_name(document.stem + ".gold.yaml")


def evaluate_corpus(
    paths: Sequence[str | Path],
    *,
    gold: str | Path | None = None,
    extractor: Callable[[Path], DocumentFacts] | None = None,
) -> CorpusReport:
    """Extract and score every document under ``paths`` that has a ``NAME.gold.yaml`` beside it.

    ``gold`` names the gold file for a single document (overriding the one beside it).
    ``extractor`` defaults to :func:`kg.extract.extract_file`.
    """
    if extractor is None:
        from kg.extract import extract_file

        extractor = extract_file
    docs = _documents(paths)
    if gold is not None and len(docs) != 1:
        raise KgError("--gold applies to one document; give exactly one document")
    report = CorpusReport()
    for doc_path in docs:
        g_path = Path(gold) if gold is not None else gold_path(doc_path)
        if not g_path.is_file():
            continue
        document = load_document(doc_path)
        gold_facts = load_facts(g_path, document=document, strict=False)
        report.documents.append(evaluate_pair(extractor(doc_path), gold_facts))
    return report


def _pct(x: float) -> str:
    return f"{x:.3f}"


def format_report(report: CorpusReport, *, details: bool = False) -> str:
    """A readable table: per-document and overall P/R/F1, figure attribute accuracies, and
    activity P/R/F1 with the accuracy of matched activities' actor and beneficiary."""
    head = ["document", "org P", "org R", "org F1", "prog F1", "fig P", "fig R", "fig F1"]
    head += ["tp/gold"]
    head += [a[:8] for a in ATTRIBUTES]
    head += ["act P", "act R", "act F1", "act tp/gold", "actor", "benefic"]
    rows: list[list[str]] = []

    def row(
        name: str,
        scores: DocScore | CorpusReport,
        acc: Callable[[str], float],
        act_acc: Callable[[str], float],
    ) -> list[str]:
        orgs, progs, figs, acts = (
            scores.organizations,
            scores.programs,
            scores.figures,
            scores.activities,
        )
        return [
            name,
            _pct(orgs.precision),
            _pct(orgs.recall),
            _pct(orgs.f1),
            _pct(progs.f1),
            _pct(figs.precision),
            _pct(figs.recall),
            _pct(figs.f1),
            f"{figs.tp}/{figs.tp + figs.fn}",
            *(_pct(acc(a)) for a in ATTRIBUTES),
            _pct(acts.precision),
            _pct(acts.recall),
            _pct(acts.f1),
            f"{acts.tp}/{acts.tp + acts.fn}",
            *(_pct(act_acc(a)) for a in ACTIVITY_ATTRIBUTES),
        ]

    for d in report.documents:
        rows.append(row(d.name, d, d.accuracy, d.activity_accuracy))
    rows.append(row("OVERALL", report, report.accuracy, report.activity_accuracy))
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )
        for cells in [head, *rows]
    ]
    lines.insert(1, "-" * len(lines[0]))
    lines.insert(len(lines) - 1, "-" * len(lines[0]))
    lines.append(
        f"organization kind accuracy (matched organizations): {_pct(report.org_kind_accuracy)}"
    )
    lines.append(
        f"program runner accuracy (matched programs): {_pct(report.program_runner_accuracy)}"
    )
    acts = report.activities
    counts = {a: report.activity_attribute_counts(a) for a in ACTIVITY_ATTRIBUTES}
    lines.append(
        f"activities (word overlap >= {ACTIVITY_OVERLAP_THRESHOLD}, one to one):"
        f" P {_pct(acts.precision)}  R {_pct(acts.recall)}  F1 {_pct(acts.f1)}"
        f"  (tp {acts.tp}, fp {acts.fp}, fn {acts.fn});  matched activities: "
        + ", ".join(
            f"{a} {_pct(report.activity_accuracy(a))} ({ok}/{total})"
            for a, (ok, total) in counts.items()
        )
    )
    if details:
        for d in report.documents:
            for mm in d.mismatches:
                lines.append(f"{d.name}: {mm.kind}: {mm.detail}")
    return "\n".join(lines) + "\n"


def _prf_dict(prf: PRF) -> dict[str, Any]:
    return {
        "tp": prf.tp,
        "fp": prf.fp,
        "fn": prf.fn,
        "precision": round(prf.precision, 4),
        "recall": round(prf.recall, 4),
        "f1": round(prf.f1, 4),
    }


def report_to_dict(report: CorpusReport) -> dict[str, Any]:
    """The report as plain data (for ``--json``)."""
    return {
        "documents": [
            {
                "name": d.name,
                "organizations": _prf_dict(d.organizations),
                "programs": _prf_dict(d.programs),
                "figures": _prf_dict(d.figures),
                "attributes": {
                    a: {"correct": c, "total": t, "accuracy": round(d.accuracy(a), 4)}
                    for a, (c, t) in d.attributes.items()
                },
                "activities": _prf_dict(d.activities),
                "activity_attributes": {
                    a: {"correct": c, "total": t, "accuracy": round(d.activity_accuracy(a), 4)}
                    for a, (c, t) in d.activity_attributes.items()
                },
                "mismatches": [{"kind": m.kind, "detail": m.detail} for m in d.mismatches],
            }
            for d in report.documents
        ],
        "overall": {
            "organization_kind_accuracy": round(report.org_kind_accuracy, 4),
            "program_runner_accuracy": round(report.program_runner_accuracy, 4),
            "organizations": _prf_dict(report.organizations),
            "programs": _prf_dict(report.programs),
            "figures": _prf_dict(report.figures),
            "attributes": {
                a: {
                    "correct": report.attribute_counts(a)[0],
                    "total": report.attribute_counts(a)[1],
                    "accuracy": round(report.accuracy(a), 4),
                }
                for a in ATTRIBUTES
            },
            "activities": _prf_dict(report.activities),
            "activity_attributes": {
                a: {
                    "correct": report.activity_attribute_counts(a)[0],
                    "total": report.activity_attribute_counts(a)[1],
                    "accuracy": round(report.activity_accuracy(a), 4),
                }
                for a in ACTIVITY_ATTRIBUTES
            },
            "activity_overlap_threshold": ACTIVITY_OVERLAP_THRESHOLD,
            "activity_min_shared_words": ACTIVITY_MIN_SHARED_WORDS,
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m kg.evaluate PATH... [--gold FILE] [--json] [--details]``."""
    ap = argparse.ArgumentParser(prog="python -m kg.evaluate", description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+", help="fact sheets or folders holding them")
    ap.add_argument("--gold", help="gold file for a single document")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--details", action="store_true", help="list every mismatch")
    args = ap.parse_args(argv)
    try:
        report = evaluate_corpus(args.paths, gold=args.gold)
    except KgError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report_to_dict(report), indent=2, default=str))
    else:
        sys.stdout.write(format_report(report, details=args.details))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
