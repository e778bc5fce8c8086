"""Lexicons: the word lists the recognizers use, read from data files beside the code.

The files live in ``kg/extract/lexicons/`` (see the README there), in two plain formats:

- ``NAME.txt``, a word list: one entry a line;
- ``NAME.tsv``, a table: the first line names the columns, each later line is one row with
  exactly as many fields, separated by tabs.

In both, blank lines and lines starting with ``#`` are skipped and fields are stripped of
surrounding white space. No entry repeats: in a table, no two rows share their first field
(the row's key). Order is kept, and matters where a list is tried in order (units,
qualifiers). Each file is read once (cached); a malformed file raises a one-line
:class:`~kg.model.KgError` naming it and the line.

The lexicons below are what the recognizers import; :mod:`kg.lexicon` re-exports the ones it
always had.

>>> DEMONYMS["Kyrgyz Republic"]
('Kyrgyz', 'Kyrgyzstani')
>>> KNOWN_ACRONYMS["INL"][1].value
'us-government'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TypeVar

from kg.model import (
    CURRENCY_KEYS,
    UNIT_KEYS,
    ActivityType,
    Change,
    KgError,
    OrgKind,
    Qualifier,
    Sector,
)

#: The folder of the lexicon files.
LEXICON_DIR = Path(__file__).with_name("lexicons")

_E = TypeVar("_E", bound=StrEnum)


def _lines(path: Path) -> list[tuple[int, str]]:
    """The lines of a lexicon file as ``(line number, text)``, without comments and blanks."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KgError(f"lexicon {path.name} not found in {path.parent}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"{path}: cannot read lexicon: {exc}") from None
    out = []
    for n, line in enumerate(raw.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            out.append((n, line))
    return out


def _unique(path: Path, keyed: list[tuple[int, str]]) -> None:
    """Raise :class:`KgError` on the first key that repeats an earlier line's."""
    first: dict[str, int] = {}
    for n, key in keyed:
        if key in first:
            raise KgError(f"{path}:{n}: {key!r} repeats line {first[key]}")
        first[key] = n


@cache
def words(name: str, folder: Path = LEXICON_DIR) -> tuple[str, ...]:
    """The entries of the word list ``NAME.txt``, in file order."""
    path = folder / f"{name}.txt"
    entries = [(n, line.strip()) for n, line in _lines(path)]
    for n, entry in entries:
        if "\t" in entry:
            raise KgError(f"{path}:{n}: a word list has one entry a line, found a tab")
    _unique(path, entries)
    return tuple(e for _n, e in entries)


@cache
def table(
    name: str, columns: tuple[str, ...], folder: Path = LEXICON_DIR
) -> tuple[tuple[str, ...], ...]:
    """The rows of the table ``NAME.tsv``, whose header must name exactly ``columns``."""
    path = folder / f"{name}.tsv"
    lines = _lines(path)
    if not lines:
        raise KgError(f"{path}: empty lexicon, expected a header naming {', '.join(columns)}")
    n0, head = lines[0]
    found = tuple(f.strip() for f in head.split("\t"))
    if found != columns:
        raise KgError(
            f"{path}:{n0}: header names {', '.join(found)}; expected {', '.join(columns)}"
        )
    rows: list[tuple[str, ...]] = []
    keyed: list[tuple[int, str]] = []
    for n, line in lines[1:]:
        fields = tuple(f.strip() for f in line.split("\t"))
        if len(fields) != len(columns) or not all(fields):
            raise KgError(
                f"{path}:{n}: expected {len(columns)} non-empty tab-separated fields "
                f"({', '.join(columns)}), found {sum(1 for f in fields if f)}"
            )
        rows.append(fields)
        keyed.append((n, fields[0]))
    _unique(path, keyed)
    return tuple(rows)


def _value(enum: Callable[[str], _E], name: str, column: str, value: str) -> _E:
    """``enum(value)``, or a one-line :class:`KgError` naming the lexicon and column."""
    try:
        return enum(value)
    except ValueError:
        raise KgError(f"lexicon {name}: unknown {column} {value!r}") from None


def word_set(name: str) -> frozenset[str]:
    """The entries of the word list ``NAME.txt`` as a set, for membership tests."""
    return frozenset(words(name))


def grouped(rows: tuple[tuple[str, ...], ...]) -> dict[str, tuple[str, ...]]:
    """Two-column rows ``(item, group)`` as ``{group: items}``, groups and items in file order."""
    out: dict[str, list[str]] = {}
    for item, group in rows:
        out.setdefault(group, []).append(item)
    return {g: tuple(items) for g, items in out.items()}


def _typed(name: str, enum: Callable[[str], _E]) -> dict[str, _E]:
    """The two-column table ``NAME.tsv`` as ``{key: enum(value)}``, in file order."""
    column = _columns(name)[1]
    return {key: _value(enum, name, column, v) for key, v in table(name, _columns(name))}


def _alternations(name: str, enum: Callable[[str], _E]) -> tuple[tuple[str, _E], ...]:
    """The rows ``(pattern, group)`` of ``NAME.tsv`` as one alternation ``a|b|...`` per group,
    groups and patterns in file order."""
    column = _columns(name)[1]
    return tuple(
        ("|".join(patterns), _value(enum, name, column, g))
        for g, patterns in grouped(table(name, _columns(name))).items()
    )


def _columns(name: str) -> tuple[str, ...]:
    """The columns of the table ``NAME.tsv`` (from :data:`LEXICONS`)."""
    columns = LEXICONS[name]
    if columns is None:
        raise KgError(f"lexicon {name} is a word list, not a table")
    return columns


#: Every lexicon file: name -> the columns of a table, or ``None`` for a word list.
LEXICONS: dict[str, tuple[str, ...] | None] = {
    "abbreviations": None,
    "abstract_nouns": None,
    "account_agencies": ("account", "agency"),
    "activity_sectors": ("keyword", "sector"),
    "activity_verbs": ("base", "third", "past", "gerund", "next"),
    "activity_types": ("keyword", "type"),
    "adjectives": None,
    "armed_groups": None,
    "change_nouns": ("noun", "change"),
    "comparatives": ("word", "change"),
    "change_verbs": ("verb", "change"),
    "compound_modifiers": None,
    "connectors": None,
    "currencies": ("pattern", "position", "currency"),
    "demonyms": ("demonym", "country"),
    "facility_words": None,
    "force_words": None,
    "funding_accounts": None,
    "generic_heads": None,
    "headline_verbs": None,
    "invariant_nouns": None,
    "irregular_past": None,
    "known_acronyms": ("acronym", "name", "kind"),
    "known_names": ("name", "kind"),
    "known_programs": ("program", "runners"),
    "leading_heads": None,
    "leading_stopwords": None,
    "local_currencies": ("pattern", "position", "family"),
    "name_possessives": None,
    "name_titles": None,
    "non_org_heads": None,
    "not_org_acronyms": None,
    "not_place_words": None,
    "noun_modifiers": None,
    "office_titles": None,
    "org_heads": None,
    "people_words": None,
    "place_suffix_words": None,
    "policy_heads": None,
    "post_titles": None,
    "press_offices": None,
    "release_verbs": None,
    "qualifiers": ("pattern", "qualifier"),
    "security_words": None,
    "service_words": None,
    "singular_bodies": None,
    "stop_after": None,
    "subject_suffixes": None,
    "title_words": None,
    "training_words": None,
    "units": ("pattern", "unit"),
}

#: Country name (as the gazetteer knows it) -> adjectives used for it in English.
DEMONYMS: dict[str, tuple[str, ...]] = grouped(table("demonyms", _columns("demonyms")))

#: Acronyms of well-known organizations: acronym -> (full name, kind).
KNOWN_ACRONYMS: dict[str, tuple[str, OrgKind]] = {
    acr: (full, _value(OrgKind, "known_acronyms", "kind", kind))
    for acr, full, kind in table("known_acronyms", _columns("known_acronyms"))
}

#: Spelled-out names of armed groups (matched case-sensitively, optionally after a demonym).
ARMED_GROUPS: tuple[str, ...] = words("armed_groups")

#: Verbs of title-case headlines: a capitalized run holding one is no organization's name.
HEADLINE_VERBS: frozenset[str] = word_set("headline_verbs")
RELEASE_VERBS: frozenset[str] = word_set("release_verbs")

#: Names of funding accounts and budget lines (case-folded): never organizations.
FUNDING_ACCOUNTS: frozenset[str] = frozenset(w.casefold() for w in words("funding_accounts"))

#: Well-known organizations whose names carry no head noun.
KNOWN_NAMES: dict[str, OrgKind] = _typed("known_names", OrgKind)
#: Nouns that end (or head) an organization's name.
ORG_HEADS: frozenset[str] = word_set("org_heads")
#: Head nouns that take a complement ("Ministry of Interior", "Office of the Prosecutor").
LEADING_HEADS: frozenset[str] = word_set("leading_heads")
#: Last words of laws, treaties and documents: such names are not organizations.
NON_ORG_HEADS: frozenset[str] = word_set("non_org_heads")
#: Words that mark a training institution.
TRAINING_WORDS: frozenset[str] = word_set("training_words")
#: Words that mark a security force.
SECURITY_WORDS: frozenset[str] = word_set("security_words")
#: Words naming the force-like part of a name, which outweigh a policy-body head ("Board").
FORCE_WORDS: frozenset[str] = word_set("force_words")
#: Heads of policy and coordination bodies: a government body even when about drugs or crime.
POLICY_HEADS: frozenset[str] = word_set("policy_heads")
#: Capitalized words that begin a sentence but are not part of a name.
LEADING_STOPWORDS: frozenset[str] = word_set("leading_stopwords")
#: Institutions a country has one of, named by their head noun alone ("the Judiciary").
SINGULAR_BODIES: frozenset[str] = word_set("singular_bodies")
#: Words heading a report's title before the body it is about ("Audit of the Bureau ...").
TITLE_WORDS: frozenset[str] = word_set("title_words")
#: Titles of a person holding an office: "Permanent Secretary of the Ministry of ...".
OFFICE_TITLES: frozenset[str] = word_set("office_titles")
#: Posts held in a body, written after its name: "a Department of Justice Resident Legal Advisor".
POST_TITLES: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in words("post_titles"))
#: Offices that issue releases or field the press: no organization of the document.
PRESS_OFFICES: frozenset[str] = word_set("press_offices")
#: Capitals that are not organizations when they stand alone and undefined.
NOT_ORG_ACRONYMS: frozenset[str] = word_set("not_org_acronyms")


def _units() -> tuple[tuple[str, str], ...]:
    rows = table("units", _columns("units"))
    for pattern, unit in rows:
        if unit not in UNIT_KEYS and not (unit.startswith("count:") and unit[6:].strip()):
            raise KgError(
                f"lexicon units: {pattern!r}: the unit must be a unit key kg knows or "
                f"count:NOUN, not {unit!r}"
            )
    return tuple((p, u) for p, u in rows)


#: Unit patterns (regular expressions) and their unit keys (``count:NOUN`` for a count of
#: NOUN), tried in order.
UNIT_PATTERNS: tuple[tuple[str, str], ...] = _units()


def _currencies() -> tuple[tuple[str, str, str], ...]:
    rows = table("currencies", _columns("currencies"))
    for pattern, position, currency in rows:
        if position not in ("before", "after") or currency not in CURRENCY_KEYS:
            raise KgError(
                f"lexicon currencies: {pattern!r}: position must be before or after and "
                f"currency an ISO 4217 code kg knows, not {position!r}, {currency!r}"
            )
    return tuple((p, pos, c) for p, pos, c in rows)


#: Currency signs and names (regular expressions), where they stand (``"before"`` or
#: ``"after"`` the amount) and the currency's unit key, in file order.
CURRENCY_PATTERNS: tuple[tuple[str, str, str], ...] = _currencies()


def _local_currencies() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    rows = table("local_currencies", _columns("local_currencies"))
    out = []
    for pattern, position, family in rows:
        names = tuple(f.strip() for f in family.split("|"))
        if position not in ("before", "after") or not all(
            re.fullmatch(r"[a-z]+", n) for n in names
        ):
            raise KgError(
                f"lexicon local_currencies: {pattern!r}: position must be before or after and "
                f"family lower-case currency names separated by '|', not {position!r}, {family!r}"
            )
        out.append((pattern, position, names))
    return tuple(out)


#: Currency signs and names several countries' currencies share (pattern, ``"before"`` or
#: ``"after"``, the currency families it may be): the document's country decides.
LOCAL_CURRENCY_PATTERNS: tuple[tuple[str, str, tuple[str, ...]], ...] = _local_currencies()

#: Foreign-assistance account (as a budget table row begins) -> the acronym of the U.S. agency
#: that manages it, ``None`` for a row summing several accounts ("TOTAL"); longest first.
ACCOUNT_AGENCIES: tuple[tuple[str, str | None], ...] = tuple(
    sorted(
        (
            (a, None if g == "-" else g)
            for a, g in table("account_agencies", _columns("account_agencies"))
        ),
        key=lambda row: -len(row[0]),
    )
)

#: Qualifier patterns, one alternation per qualifier, in file order.
QUALIFIER_PATTERNS: tuple[tuple[str, Qualifier], ...] = _alternations("qualifiers", Qualifier)

#: Verbs of change -> the direction they give a figure ("reduced ... by 35 percent").
CHANGE_VERBS: dict[str, Change] = _typed("change_verbs", Change)
#: Nouns of change -> direction ("a 35 percent reduction").
CHANGE_NOUNS: dict[str, Change] = _typed("change_nouns", Change)
#: Comparatives after a figure -> direction ("36 percent higher than in 2003").
COMPARATIVES: dict[str, Change] = _typed("comparatives", Change)

#: Keywords (regular expressions) typing an activity, one alternation per type, first match wins.
ACTIVITY_TYPE_PATTERNS: tuple[tuple[str, ActivityType], ...] = _alternations(
    "activity_types", ActivityType
)
#: Keywords (regular expressions) giving an activity its sector, as for the types.
ACTIVITY_SECTOR_PATTERNS: tuple[tuple[str, Sector], ...] = _alternations("activity_sectors", Sector)


def activity_verbs(folder: Path = LEXICON_DIR) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """The rows of ``activity_verbs.tsv`` as ``((base, third person, past, gerund), opens a
    further act)``.

    :raises KgError: a row whose ``next`` is neither "yes" nor "no".
    """
    rows = table("activity_verbs", _columns("activity_verbs"), folder)
    out = []
    for *forms, nxt in rows:
        if nxt not in ("yes", "no"):
            raise KgError(f"lexicon activity_verbs: next of {forms[0]!r} is {nxt!r}, not yes or no")
        out.append((tuple(forms), nxt == "yes"))
    return tuple(out)


#: Verbs of an activity: (their forms, whether one opens a further act after "and").
ACTIVITY_VERBS: tuple[tuple[tuple[str, ...], bool], ...] = activity_verbs()
