"""The facts file: a human-editable YAML record of one document's facts.

The format is the analysts' gold format (see the corpus README) plus character spans, so a gold
file, a curated file and an extracted draft all load the same way::

    document: pakistan.txt          # the fact sheet, relative to this file (or found in a corpus)
    sha256: 3f1c...                 # optional: digest of the text the spans refer to
    title: Pakistan program summary # optional
    edition: 2019-06                # optional: when published (YYYY, YYYY-MM or YYYY-MM-DD)
    genre: fact-sheet               # optional: fact-sheet, gao-report, testimony, ...
    source: https://www.state.gov/...
    country: Pakistan
    agency: INL                     # optional: who runs the country program (else decided by votes)
    organizations:
      - {name: Bureau of International Narcotics and Law Enforcement Affairs, aliases: [INL],
         kind: us-government}
    programs:                       # named programs, projects, initiatives (not organizations)
      - {name: Resident Legal Advisor program, aliases: [], run_by: null}
    places: [Pakistan, {name: Sindh Province, kind: subdivision, code: PK-SD, within: Pakistan}]
    measurements:
      - quote: "more than 100 convictions in Sindh Province"
        start: 1234                 # optional when the quote occurs once in the text
        end: 1277
        value: 100
        unit: conviction            # a unit key (percent, metric-ton, usd, ...) or a counted noun
        qualifier: more-than
        ...
    activities:
      - {actor: INL, activity: construction of border outposts, beneficiary: Frontier Corps-KP,
         type: construction, quote: "INL-constructed border outposts"}

Mistakes are reported as :class:`FactsError` naming the file, line and problem. A facts file
may come from anyone, so loading is strict: at most :data:`MAX_FACTS_BYTES`, one YAML document,
no anchors or aliases (an alias bomb expands 500 bytes into gigabytes), no tags beyond the core
schema, no duplicate keys (two files run together), and ``document:`` only beside the file.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import yaml

from kg.complete import complete_facts
from kg.documents import load_document, read_limited
from kg.model import (
    UNIT_KEYS,
    Activity,
    ActivityType,
    Change,
    Document,
    DocumentFacts,
    KgError,
    Measurement,
    Organization,
    OrgKind,
    Place,
    PlaceKind,
    Program,
    Qualifier,
    Sector,
    Span,
)
from kg.properties import concept

#: Spellings accepted for unit keys.
UNIT_SYNONYMS: dict[str, str] = {
    "%": "percent",
    "percentage": "percent",
    "mt": "metric-ton",
    "metric ton": "metric-ton",
    "metric tonne": "metric-ton",
    "tonne": "metric-ton",
    "ton": "metric-ton",
    "kg": "kilogram",
    "km": "kilometer",
    "square kilometer": "square-kilometer",
    "square kilometre": "square-kilometer",
    "km2": "square-kilometer",
    "square mile": "square-mile",
    "kilometre": "kilometer",
    "metre": "meter",
    "feet": "foot",
    "ha": "hectare",
    "dollar": "usd",
    "us dollar": "usd",
    "$": "usd",
}

ENV_CORPUS = "KG_CORPUS"


_V = TypeVar("_V")


class FactsError(KgError):
    """A mistake in a facts file, reported as ``file:line: message``."""


@dataclass(frozen=True, slots=True)
class _Node:
    value: Any
    line: int


#: Largest facts file read (bytes). Facts files are a few kilobytes; a corpus's largest is
#: well under 100 KB.
MAX_FACTS_BYTES: int = 5 * 1024 * 1024
#: Deepest nesting of YAML collections accepted (a facts file needs 4).
MAX_DEPTH = 20
#: Explicit YAML tags a facts file may use: the core schema's (``!!str 2017``) and ``!``.
_ALLOWED_TAGS = frozenset(
    {"!"}
    | {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}
)


class _Refused(Exception):
    """YAML that a facts file must not hold, found while composing (line, message)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, composing one document and refusing what facts files never need.

    Anchors and aliases (``&a``/``*a``) are refused as the parser meets them, before anything is
    expanded: an alias bomb (each level repeating the last) or a recursive alias can otherwise
    take gigabytes or recurse without end. So are tags outside the core schema (such as
    ``!!python/name:``) and collections nested deeper than :data:`MAX_DEPTH`.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """Compose one node after checking its event (alias, anchor, tag, depth)."""
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                line, f"YAML alias '*{event.anchor}': facts files do not use anchors or aliases"
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(
                line,
                f"YAML anchor '&{anchor}': facts files do not use anchors or aliases; "
                "write each value out",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _ALLOWED_TAGS:
            raise _Refused(line, f"YAML tag {tag!r} is not allowed in a facts file")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(line, f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _compose(raw: str, path: Path) -> yaml.Node | None:
    """The one YAML document of a facts file as a node tree, or ``None`` if empty."""
    loader: _StrictLoader | None = None
    try:
        # the reader checks the characters as it is made: inside the try, so that a control
        # character is a one-line error too
        loader = _StrictLoader(raw)
        return loader.get_single_node()
    except _Refused as exc:
        raise FactsError(f"{path}:{exc.line}: {exc.message}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if "another document" in problem:
            raise FactsError(
                f"{path}:{line}: a second YAML document ('---'): a facts file holds one "
                "document's facts; give each document its own file"
            ) from None
        raise FactsError(f"{path}:{line}: not valid YAML: {problem}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _convert(node: yaml.Node, path: Path, *, top: bool = False) -> _Node:
    """Plain values with line numbers; duplicate keys at any level are a mistake, not a choice
    of the last (PyYAML's silent default)."""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, _Node] = {}
        for k, v in node.value:
            key_line = k.start_mark.line + 1
            if not isinstance(k, yaml.ScalarNode):
                raise FactsError(f"{path}:{key_line}: a key must be plain text")
            key = str(k.value)
            if key in out:
                first = next(k0.start_mark.line + 1 for k0, _ in node.value if str(k0.value) == key)
                hint = "; two facts files run together? give each its own file" if top else ""
                raise FactsError(
                    f"{path}:{key_line}: key '{key}' appears twice (first on line {first}){hint}"
                )
            out[key] = _convert(v, path)
        return _Node(out, line)
    if isinstance(node, yaml.SequenceNode):
        return _Node([_convert(v, path) for v in node.value], line)
    return _Node(_scalar(node, path), line)


def _scalar(node: yaml.Node, path: Path) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if "integer string conversion" in problem:
            problem = "a number with thousands of digits"
        raw = str(node.value)
        shown = raw if len(raw) <= 40 else raw[:40] + "..."
        raise FactsError(
            f"{path}:{node.start_mark.line + 1}: cannot read the value {shown!r}: {problem}"
        ) from None
    finally:
        loader.dispose()


class _Reader:
    """Typed access to YAML nodes with file:line errors."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, line: int, message: str) -> FactsError:
        return FactsError(f"{self.path}:{line}: {message}")

    def mapping(self, node: _Node, what: str) -> dict[str, _Node]:
        if not isinstance(node.value, dict):
            raise self.fail(node.line, f"{what} must be a mapping of keys to values")
        return node.value

    def seq(self, m: dict[str, _Node], key: str, line: int) -> list[_Node]:
        node = m.get(key)
        if node is None or node.value is None:
            return []
        if not isinstance(node.value, list):
            raise self.fail(node.line, f"'{key}' must be a list")
        return node.value

    def text(
        self, m: dict[str, _Node], key: str, line: int, *, required: bool = False
    ) -> str | None:
        node = m.get(key)
        if (
            node is None
            or node.value is None
            or (isinstance(node.value, str) and not node.value.strip())
        ):
            if required and (node is None or node.value is None):
                raise self.fail(line, f"missing '{key}'")
            if required and node is not None:
                raise self.fail(node.line, f"'{key}' is blank")
            return None
        if isinstance(node.value, (dict, list)):
            raise self.fail(node.line, f"'{key}' must be text")
        return str(node.value)

    def checked(
        self, m: dict[str, _Node], key: str, line: int, parse: Callable[[str], _V]
    ) -> _V | None:
        """An optional text value run through ``parse``; its :class:`KgError` becomes a
        ``file:line`` error."""
        raw = self.text(m, key, line)
        if raw is None:
            return None
        try:
            return parse(raw.strip())
        except KgError as exc:
            raise self.fail(m[key].line, str(exc)) from None

    def integer(self, m: dict[str, _Node], key: str, line: int) -> int | None:
        node = m.get(key)
        if node is None or node.value is None:
            return None
        if isinstance(node.value, bool) or not isinstance(node.value, int):
            raise self.fail(node.line, f"'{key}' must be a whole number, not {node.value!r}")
        return node.value

    def decimal(
        self, m: dict[str, _Node], key: str, line: int, *, required: bool = False
    ) -> Decimal | None:
        node = m.get(key)
        if node is None or node.value is None:
            if required:
                raise self.fail(line, f"missing '{key}'")
            return None
        raw = node.value
        if isinstance(raw, (bool, dict, list)):
            raise self.fail(node.line, f"'{key}' must be a number, not {raw!r}")
        try:
            value = Decimal(str(raw).replace(",", ""))
        except InvalidOperation:
            raise self.fail(node.line, f"'{key}' must be a number, not {raw!r}") from None
        if not value.is_finite():
            raise self.fail(node.line, f"'{key}' must be a finite number")
        return value

    def choice(self, m: dict[str, _Node], key: str, line: int, enum: type[Any]) -> Any:
        raw = self.text(m, key, line)
        if raw is None:
            return None
        try:
            return enum(raw.strip().lower())
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            node = m[key]
            raise self.fail(node.line, f"'{key}' is {raw!r}; expected one of: {allowed}") from None

    def names(self, m: dict[str, _Node], key: str, line: int) -> tuple[str, ...]:
        node = m.get(key)
        if node is None or node.value is None:
            return ()
        if isinstance(node.value, str):
            return (node.value,)
        if not isinstance(node.value, list) or any(
            not isinstance(n.value, str) for n in node.value
        ):
            raise self.fail(node.line, f"'{key}' must be a list of names")
        return tuple(n.value for n in node.value)


def default_corpus_dirs() -> list[Path]:
    """Folders searched for a facts file's document by bare name: ``$KG_CORPUS``, then the
    ``shared/corpus`` folder beside a source checkout (never one relative to the working folder,
    so a build does not depend on where it is run)."""
    dirs: list[Path] = []
    env = os.environ.get(ENV_CORPUS)
    if env:
        dirs.extend(Path(p) for p in env.split(os.pathsep) if p)
    checkout = Path(__file__).resolve().parent.parent
    dirs.append(checkout.parent / "shared" / "corpus")
    return dirs


def normalize_unit(raw: str) -> tuple[str, str | None]:
    """A unit as written in a facts file -> (unit key, counted noun or None)."""
    key = raw.strip().lower()
    key = UNIT_SYNONYMS.get(key, key)
    if key in UNIT_KEYS and key != "count":
        return key, None
    return "count", raw.strip()


def _word_spans(text: str, name: str) -> list[Span]:
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
    return [Span(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def load_facts(
    path: str | Path,
    *,
    document: Document | None = None,
    corpus_dirs: Sequence[Path] | None = None,
    strict: bool = True,
    max_bytes: int = MAX_FACTS_BYTES,
    encoding: str | None = None,
) -> DocumentFacts:
    """Load a facts (or gold) YAML file, tying every fact to its span in the document.

    ``document`` overrides the file's ``document:`` entry. When the document text is found, every
    quote is checked against it (``start``/``end`` if given, else the quote is located); with
    ``strict=False`` (gold files) an ambiguous quote takes its first unused occurrence. When the
    text cannot be found, every measurement must carry ``start`` and ``end``.

    The file is read only if at most ``max_bytes`` long, and must be one YAML document without
    anchors, aliases, non-core tags or duplicate keys. Its ``document:`` is a file beside it (a
    name or a path down from its folder, never ``..`` or absolute), or by bare name one in the
    corpus folders; ``encoding`` is that document's (default: detected, see
    :func:`kg.documents.decode`).

    Raises :class:`FactsError` with ``file:line: message`` for any mistake.
    """
    p = Path(path)
    r = _Reader(str(p))
    if not p.exists():
        raise FactsError(f"{p}: no such facts file")
    try:
        data = read_limited(p, max_bytes, what="facts file")
    except KgError as exc:
        raise FactsError(str(exc)) from None
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FactsError(
            f"{p}:{line}: not UTF-8 text (byte {data[exc.start]:#04x}); save it as UTF-8"
        ) from None
    root_node = _compose(raw, p)
    if root_node is None:
        raise FactsError(f"{p}:1: the facts file is empty")
    root = _convert(root_node, p, top=True)
    top = r.mapping(root, "the facts file")
    known = {
        "document", "sha256", "title", "source", "country", "agency", "edition", "genre",
        "organizations", "programs", "places", "measurements", "activities",
    }  # fmt: skip
    for key, node in top.items():
        if key not in known:
            raise r.fail(
                node.line, f"unknown key '{key}'; expected one of: {', '.join(sorted(known))}"
            )

    doc_name = r.text(top, "document", root.line, required=document is None)
    digest = r.text(top, "sha256", root.line)
    if document is None:
        assert doc_name is not None
        document = _find_document(
            p, doc_name, top["document"].line, corpus_dirs, digest, encoding=encoding
        )
    if digest and document.text is not None and document.sha256 != digest:
        raise r.fail(
            top["sha256"].line,
            f"the document {document.path or document.name} has changed since these facts were "
            "recorded (sha256 differs); re-extract or fix the spans",
        )
    document = Document(
        name=document.name,
        text=document.text,
        title=r.text(top, "title", root.line) or document.title,
        source_url=r.text(top, "source", root.line) or document.source_url,
        path=document.path,
        digest=digest,
        edition=_edition(r, top, root.line) or document.edition,
        genre=_genre(r, top, root.line) or document.genre,
    )
    text = document.text
    used: set[tuple[int, int]] = set()

    def locate(m: dict[str, _Node], line: int, *, required: bool) -> Span | None:
        quote = r.text(m, "quote", line, required=required)
        start = r.integer(m, "start", line)
        end = r.integer(m, "end", line)
        if quote is None:
            if start is not None or end is not None:
                raise r.fail(line, "'start'/'end' given without 'quote'")
            return None
        if (start is None) != (end is None):
            raise r.fail(line, "give both 'start' and 'end', or neither")
        if start is not None and end is not None:
            if not 0 <= start < end:
                raise r.fail(m["start"].line, f"bad span {start}-{end}: need 0 <= start < end")
            if text is not None and text[start:end] != quote:
                raise r.fail(
                    m["start"].line,
                    f"span {start}-{end} reads {text[start:end]!r}, not the quote {quote!r}",
                )
            if text is None and end - start != len(quote):
                raise r.fail(m["start"].line, f"span {start}-{end} is not as long as the quote")
            used.add((start, end))
            return Span(start, end, quote)
        if text is None:
            raise r.fail(
                line, "no 'start'/'end' and the document text was not found to locate the quote"
            )
        hits = [m_.start() for m_ in re.finditer(re.escape(quote), text)]
        if not hits:
            raise r.fail(m["quote"].line, f"quote not found in {document.name}: {quote!r}")
        free = [h for h in hits if (h, h + len(quote)) not in used]
        if len(hits) > 1 and strict:
            raise r.fail(
                m["quote"].line,
                f"quote occurs {len(hits)} times in {document.name}; add 'start' and 'end' "
                f"(one of: {', '.join(str(h) for h in hits)})",
            )
        at = (free or hits)[0]
        used.add((at, at + len(quote)))
        return Span(at, at + len(quote), quote)

    facts = DocumentFacts(document=document, country=r.text(top, "country", root.line))

    for node in r.seq(top, "organizations", root.line):
        m = r.mapping(node, "an organization")
        name = r.text(m, "name", node.line, required=True)
        assert name is not None
        aliases = tuple(a for a in r.names(m, "aliases", node.line) if a != name)
        kind = r.choice(m, "kind", node.line, OrgKind) or OrgKind.OTHER
        mentions = _mentions(r, m, node.line, (name, *aliases), text)
        facts.organizations.append(
            Organization(
                name=name,
                aliases=aliases,
                kind=kind,
                parent=r.text(m, "parent", node.line),
                mentions=mentions,
            )
        )
    _check_unique(
        r,
        [
            (o.name, n)
            for o, n in zip(facts.organizations, r.seq(top, "organizations", 0), strict=True)
        ],
        "organization",
    )

    for node in r.seq(top, "programs", root.line):
        m = r.mapping(node, "a program")
        name = r.text(m, "name", node.line, required=True)
        assert name is not None
        aliases = tuple(a for a in r.names(m, "aliases", node.line) if a != name)
        run_by = r.text(m, "run_by", node.line)
        if run_by is not None and facts.organization(run_by) is None:
            raise r.fail(
                m["run_by"].line, f"'run_by' names {run_by!r}, which is not listed in this file"
            )
        clash = facts.organization(name) or next(
            (o for a in aliases if (o := facts.organization(a)) is not None), None
        )
        if clash is not None:
            raise r.fail(
                node.line,
                f"program {name!r} shares a name with organization {clash.name!r}: a program is "
                "not an organization; list it once",
            )
        facts.programs.append(
            Program(
                name=name,
                aliases=aliases,
                run_by=run_by,
                mentions=_mentions(r, m, node.line, (name, *aliases), text),
            )
        )
    _check_unique(
        r,
        [(pg.name, n) for pg, n in zip(facts.programs, r.seq(top, "programs", 0), strict=True)],
        "program",
    )

    for node in r.seq(top, "places", root.line):
        m = {"name": node} if isinstance(node.value, str) else r.mapping(node, "a place")
        name = r.text(m, "name", node.line, required=True)
        assert name is not None
        facts.places.append(
            Place(
                name=name,
                kind=r.choice(m, "kind", node.line, PlaceKind) or _guess_place_kind(name),
                code=r.text(m, "code", node.line),
                within=r.text(m, "within", node.line),
                mentions=_mentions(r, m, node.line, (name,), text),
            )
        )
    _check_unique(
        r,
        [(pl.name, n) for pl, n in zip(facts.places, r.seq(top, "places", 0), strict=True)],
        "place",
    )

    def ref(
        m: dict[str, _Node], key: str, line: int, lookup: Callable[[str], object | None]
    ) -> str | None:
        value = r.text(m, key, line)
        if value is not None and lookup(value) is None:
            raise r.fail(m[key].line, f"'{key}' names {value!r}, which is not listed in this file")
        return value

    outcome_lines: list[tuple[str, int]] = []
    for node in r.seq(top, "measurements", root.line):
        m = r.mapping(node, "a measurement")
        span = locate(m, node.line, required=True)
        assert span is not None
        unit_raw = r.text(m, "unit", node.line, required=True)
        assert unit_raw is not None
        unit, counted = normalize_unit(unit_raw)
        if unit == "count":
            counted = r.text(m, "counted", node.line) or (counted if counted != "count" else None)
        value = r.decimal(m, "value", node.line, required=True)
        assert value is not None
        value_max = r.decimal(m, "value_max", node.line)
        if value_max is not None and value_max < value:
            raise r.fail(m["value_max"].line, f"value_max {value_max} is below value {value}")
        year, fiscal = _year(r, m, node.line)
        facts.measurements.append(
            Measurement(
                span=span,
                value=value,
                unit=unit,
                counted=counted,
                value_max=value_max,
                qualifier=r.choice(m, "qualifier", node.line, Qualifier) or Qualifier.EXACT,
                change=r.choice(m, "change", node.line, Change),
                subject=r.text(m, "subject", node.line),
                place=ref(m, "place", node.line, facts.place)
                if strict
                else r.text(m, "place", node.line),
                year=year,
                reported_by=ref(m, "reported_by", node.line, facts.organization),
                agency=ref(m, "agency", node.line, facts.organization),
                outcome_of=r.text(m, "outcome_of", node.line),
                measured=_measured(r, m, node.line),
                fiscal=fiscal,
            )
        )
        if "outcome_of" in m and facts.measurements[-1].outcome_of is not None:
            outcome_lines.append((facts.measurements[-1].outcome_of, m["outcome_of"].line))

    for node in r.seq(top, "activities", root.line):
        m = r.mapping(node, "an activity")
        description = r.text(m, "activity", node.line, required=True)
        assert description is not None
        facts.activities.append(
            Activity(
                actor=ref(
                    m, "actor", node.line, lambda n: facts.organization(n) or facts.program(n)
                )
                or "",
                description=description,
                beneficiary=r.text(m, "beneficiary", node.line),
                activity_type=r.choice(m, "type", node.line, ActivityType),
                sector=_sector(r, m, node.line),
                place=r.text(m, "place", node.line),
                span=locate(m, node.line, required=False),
                program=ref(m, "program", node.line, facts.program),
            )
        )
        if not facts.activities[-1].actor:
            raise r.fail(node.line, "missing 'actor'")
    descriptions = [a.description for a in facts.activities]
    for description, line in outcome_lines:
        if description not in descriptions:
            raise r.fail(
                line, f"'outcome_of' names {description!r}, which is not an activity of this file"
            )
        if descriptions.count(description) > 1:
            raise r.fail(
                line, f"'outcome_of' names {description!r}, which describes several activities"
            )
    if facts.country is None:
        facts.country = _infer_country(facts)
    facts.agency = ref(top, "agency", root.line, facts.organization)
    complete_facts(facts)
    return facts


_FISCAL_YEAR_RE = re.compile(r"^\s*(?:FY|Fiscal\s+Year)\s*(\d{4})\s*$", re.IGNORECASE)


def _year(r: _Reader, m: dict[str, _Node], line: int) -> tuple[int | None, bool]:
    """A figure's year: ``2017`` (calendar) or ``FY2019`` (U.S. fiscal year)."""
    node = m.get("year")
    if node is None or node.value is None:
        return None, False
    raw = node.value
    fiscal = False
    if isinstance(raw, str) and (fy := _FISCAL_YEAR_RE.match(raw)):
        raw, fiscal = int(fy.group(1)), True
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1000 <= raw <= 9999:
        raise r.fail(
            node.line,
            f"'year' must be a four-digit year (2017) or a fiscal year (FY2019), not {raw!r}",
        )
    return raw, fiscal


def _edition(r: _Reader, top: dict[str, _Node], line: int) -> str | None:
    """The declared edition, checked (``2019``, ``2019-06``, ``2019-06-05``), in ISO form."""
    from kg.editions import parse_edition

    return r.checked(top, "edition", line, lambda raw: parse_edition(raw).lexical)


def _genre(r: _Reader, top: dict[str, _Node], line: int) -> str | None:
    """The declared genre, checked against ``kg:DocumentGenres``."""
    from kg.editions import parse_genre

    return r.checked(top, "genre", line, parse_genre)


def _measured(r: _Reader, m: dict[str, _Node], line: int) -> str | None:
    """The declared measured property, checked against ``kg:MeasuredProperties``."""
    return r.checked(m, "measured", line, lambda raw: concept(raw).notation)


def _mentions(
    r: _Reader, m: dict[str, _Node], line: int, names: Sequence[str], text: str | None
) -> tuple[Span, ...]:
    """Where the text names an organization, program or place.

    A facts file may record them as ``mentions: ["INL@1862", ...]`` (the name as written, then
    its start offset), so that a build without the document text keeps them; each is checked
    against the text when it is at hand. Without that key they are every whole-word occurrence
    of a name in the text.
    """
    node = m.get("mentions")
    if node is None or node.value is None:
        if text is None:
            return ()
        found = {sp for n in names for sp in _word_spans(text, n)}
        return tuple(sorted(found, key=lambda s: (s.start, s.end)))
    if not isinstance(node.value, list):
        raise r.fail(node.line, "'mentions' must be a list of NAME@OFFSET entries")
    spans: set[Span] = set()
    for item in node.value:
        raw = item.value
        name, at, offset = str(raw).rpartition("@") if isinstance(raw, str) else ("", "", "")
        if not at or not offset.isdigit() or name not in names:
            raise r.fail(
                item.line,
                f"mention {raw!r} must be NAME@OFFSET with one of the names: {', '.join(names)}",
            )
        start = int(offset)
        span = Span(start, start + len(name), name)
        if text is not None and text[span.start : span.end] != name:
            raise r.fail(item.line, f"the text at {start} does not read {name!r}")
        spans.add(span)
    return tuple(sorted(spans, key=lambda s: (s.start, s.end)))


def _infer_country(facts: DocumentFacts) -> str | None:
    """The program's country when the file does not say: the country place named like the
    document ("kyrgyz-republic.txt" -> "Kyrgyz Republic"), else the first country place."""
    countries = [p for p in facts.places if p.kind is PlaceKind.COUNTRY]
    stem = re.sub(r"[^a-z]", "", facts.document.name.lower())
    for p in countries:
        if re.sub(r"[^a-z]", "", p.name.lower()) in stem:
            return p.name
    return countries[0].name if countries else None


def _sector(r: _Reader, m: dict[str, _Node], line: int) -> Sector | None:
    raw = r.text(m, "sector", line)
    if raw is None:
        return None
    try:
        return Sector(raw.strip())
    except ValueError:
        allowed = ", ".join(f"{s.value} ({s.name.lower()})" for s in Sector)
        raise r.fail(
            m["sector"].line, f"sector {raw!r} is not a known purpose code: {allowed}"
        ) from None


def _check_unique(r: _Reader, items: Iterable[tuple[str, _Node]], what: str) -> None:
    seen: set[str] = set()
    for name, node in items:
        key = name.casefold()
        if key in seen:
            raise r.fail(node.line, f"{what} {name!r} is listed twice")
        seen.add(key)


def _guess_place_kind(name: str) -> PlaceKind:
    from kg.places import place_kind

    return place_kind(name)


def _is_bundled(path: Path) -> bool:
    from kg.resources import data_dir

    return path.resolve().parent == data_dir().resolve()


def _find_document(
    facts_path: Path,
    name: str,
    line: int,
    corpus_dirs: Sequence[Path] | None,
    digest: str | None,
    *,
    encoding: str | None = None,
) -> Document:
    """The document a facts file names: beside it, or by bare name in a corpus folder.

    A facts file may come from anyone, so its ``document:`` must not reach other files of the
    machine: no absolute path, no ``..``, and no link out of the folder it is looked up in.
    """
    rel = Path(name)
    where = f"{facts_path}:{line}"
    if rel.is_absolute() or ".." in rel.parts or not rel.parts or rel.parts[0].startswith("~"):
        raise FactsError(
            f"{where}: document {name!r} must be a file beside the facts file (a name or a "
            "path down from its folder, no '..' or absolute path)"
        )
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise FactsError(f"{where}: document name {name!r} holds control characters")
    folders = [facts_path.parent]
    # a bare name may also be found in a corpus folder; the bundled default is hermetic: it
    # never looks for its text outside the package, so it builds the same bytes anywhere
    if len(rel.parts) == 1 and not _is_bundled(facts_path):
        folders += list(default_corpus_dirs() if corpus_dirs is None else corpus_dirs)
    for folder in folders:
        candidate = folder / rel
        if not candidate.is_file():
            continue
        if not candidate.resolve().is_relative_to(folder.resolve()):
            raise FactsError(
                f"{where}: document {name!r} in {folder} links out of that folder; "
                "kg reads no files elsewhere"
            )
        return load_document(candidate, encoding=encoding)
    if digest is None:
        searched = ", ".join(str(f) for f in folders)
        raise FactsError(
            f"{where}: document {name!r} not found (looked in {searched}); set "
            f"{ENV_CORPUS} to its folder, or record 'sha256' and spans to build without it"
        )
    return Document(name=rel.stem, text=None, digest=digest)


def _num(value: Decimal) -> int | float | str:
    if value == value.to_integral_value():
        return int(value)
    return float(value) if Decimal(str(float(value))) == value else str(value)


def facts_to_dict(facts: DocumentFacts, *, mentions: bool = False) -> dict[str, Any]:
    """A plain mapping of the facts in the file format (spans included), ready to dump.

    ``mentions`` also records where each organization, program and place is named
    (``NAME@OFFSET``), for facts meant to build without their document text.
    """

    def said(spans: tuple[Span, ...]) -> dict[str, Any]:
        return {"mentions": [f"{sp.quote}@{sp.start}" for sp in spans]} if mentions else {}

    doc = facts.document
    out: dict[str, Any] = {"document": Path(doc.path).name if doc.path else f"{doc.name}.txt"}
    if doc.sha256:
        out["sha256"] = doc.sha256
    if doc.title:
        out["title"] = doc.title
    if doc.source_url:
        out["source"] = doc.source_url
    if doc.edition:
        out["edition"] = doc.edition
    if doc.genre:
        out["genre"] = doc.genre
    if facts.country:
        out["country"] = facts.country
    if facts.agency:
        out["agency"] = facts.agency
    out["organizations"] = [
        {"name": o.name, "aliases": list(o.aliases), "kind": o.kind.value}
        | ({"parent": o.parent} if o.parent else {})
        | said(o.mentions)
        for o in facts.organizations
    ]
    out["programs"] = [
        {"name": pg.name, "aliases": list(pg.aliases), "run_by": pg.run_by} for pg in facts.programs
    ]
    out["places"] = [
        {"name": pl.name, "kind": pl.kind.value}
        | ({"code": pl.code} if pl.code else {})
        | ({"within": pl.within} if pl.within else {})
        | said(pl.mentions)
        for pl in facts.places
    ]
    out["measurements"] = [
        {
            "quote": ms.span.quote,
            "start": ms.span.start,
            "end": ms.span.end,
            "value": _num(ms.value),
            "value_max": _num(ms.value_max) if ms.value_max is not None else None,
            "unit": ms.counted if ms.unit == "count" and ms.counted else ms.unit,
            "qualifier": ms.qualifier.value,
            "change": ms.change.value if ms.change else None,
            "subject": ms.subject,
            "place": ms.place,
            "year": f"FY{ms.year}" if ms.fiscal and ms.year is not None else ms.year,
            "reported_by": ms.reported_by,
            "agency": ms.agency,
        }
        | ({"outcome_of": ms.outcome_of} if ms.outcome_of else {})
        | ({"measured": ms.measured} if ms.measured else {})
        for ms in facts.measurements
    ]
    out["activities"] = [
        {
            "actor": a.actor,
            "activity": a.description,
            "beneficiary": a.beneficiary,
            "type": a.activity_type.value if a.activity_type else None,
            "sector": a.sector.value if a.sector else None,
        }
        | ({"place": a.place} if a.place else {})
        | ({"program": a.program} if a.program else {})
        | ({"quote": a.span.quote, "start": a.span.start, "end": a.span.end} if a.span else {})
        for a in facts.activities
    ]
    return out


class _Dumper(yaml.SafeDumper):
    """Block style for records, flow style for lists of names."""


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(not isinstance(x, (dict, list)) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def dump_facts(facts: DocumentFacts) -> str:
    """The facts as YAML text in the facts file format (deterministic: same facts, same bytes)."""
    return yaml.dump(
        facts_to_dict(facts),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
