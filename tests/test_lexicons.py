"""The extractor's lexicons: every data file loads, repeats nothing, a bad one is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import lexicon
from kg.extract.lexicon import LEXICON_DIR, LEXICONS, table, words
from kg.model import UNIT_KEYS, KgError


def _files() -> list[Path]:
    return sorted(p for p in LEXICON_DIR.iterdir() if p.suffix in (".txt", ".tsv"))


def test_every_lexicon_file_is_known_and_loads() -> None:
    found = {p.stem: p.suffix for p in _files()}
    assert found == {n: (".txt" if cols is None else ".tsv") for n, cols in LEXICONS.items()}
    for name, cols in LEXICONS.items():
        entries = words(name) if cols is None else table(name, cols)
        assert entries, name


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_no_lexicon_repeats_an_entry(path: Path) -> None:
    # read independently of the loader: entry lines, keyed by their first field
    keys = [
        line.split("\t")[0].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(keys) == len(set(keys)), sorted(k for k in set(keys) if keys.count(k) > 1)
    assert all(line == line.strip() for line in keys)


def test_typed_lexicons() -> None:
    assert lexicon.DEMONYMS["Philippines"] == ("Philippine", "Filipino")
    assert lexicon.KNOWN_ACRONYMS["UNODC"][0] == "United Nations Office on Drugs and Crime"
    assert "Ministry" in lexicon.ORG_HEADS
    assert [q.value for _p, q in lexicon.QUALIFIER_PATTERNS][:2] == ["more-than", "about"]
    assert lexicon.UNIT_PATTERNS[0] == ("percentage points?", "count:percentage point")
    assert all(u in UNIT_KEYS or u.startswith("count:") for _p, u in lexicon.UNIT_PATTERNS)


def test_kg_lexicon_still_exports_the_lexicons() -> None:
    from kg import lexicon as old

    assert old.DEMONYMS is lexicon.DEMONYMS
    assert old.NOT_ORG_ACRONYMS is lexicon.NOT_ORG_ACRONYMS


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad_words", "# a list\nalpha\nbeta\nalpha\n", "bad_words.txt:4: 'alpha' repeats line 2"),
        ("bad_words", "alpha\tbeta\n", "bad_words.txt:1: a word list has one entry a line"),
        ("bad_table", "key\tvalue\none\t1\ntwo\n", "bad_table.tsv:3: expected 2 non-empty"),
        ("bad_table", "key\tvalue\none\t1\none\t2\n", "bad_table.tsv:3: 'one' repeats line 2"),
        ("bad_table", "key\tother\n", "bad_table.tsv:1: header names key, other; expected key"),
        ("bad_table", "# nothing\n\n", "bad_table.tsv: empty lexicon"),
        ("missing", None, "lexicon missing.txt not found"),
    ],
)
def test_malformed_lexicon_is_a_one_line_error(
    tmp_path: Path, name: str, text: str | None, message: str
) -> None:
    suffix = ".txt" if name != "bad_table" else ".tsv"
    if text is not None:
        (tmp_path / f"{name}{suffix}").write_text(text, encoding="utf-8")
    with pytest.raises(KgError) as err:
        if suffix == ".txt":
            words(name, tmp_path)
        else:
            table(name, ("key", "value"), tmp_path)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_unknown_kind_is_a_one_line_error() -> None:
    with pytest.raises(KgError, match=r"^lexicon known_names: unknown kind 'gang'$"):
        lexicon._value(lexicon.OrgKind, "known_names", "kind", "gang")


def test_activity_verbs_give_every_form_and_whether_it_opens_a_further_act(
    tmp_path: Path,
) -> None:
    verbs = dict(lexicon.ACTIVITY_VERBS)
    assert verbs[("train", "trains", "trained", "training")] is True
    assert verbs[("set up", "sets up", "set up", "setting up")] is True  # past = base
    assert verbs[("hand over", "hands over", "handed over", "handing over")] is False
    (tmp_path / "activity_verbs.tsv").write_text(
        "base\tthird\tpast\tgerund\tnext\ntrain\ttrains\ttrained\ttraining\tmaybe\n",
        encoding="utf-8",
    )
    with pytest.raises(KgError, match=r"^lexicon activity_verbs: next of 'train' is 'maybe'"):
        lexicon.activity_verbs(tmp_path)
