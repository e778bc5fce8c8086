"""Text helpers: sentences, span indexes, tokens and capitalized runs.

Everything here works on offsets into the document's text, so every fact keeps the exact
:class:`~kg.model.Span` it was read from.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from kg.extract.lexicon import ARMED_GROUPS, KNOWN_ACRONYMS, ORG_HEADS, word_set
from kg.numbers import WORD_NUMBER_RE, parse_number, scale

_ABBREVIATIONS = word_set("abbreviations")
_SENT_BREAK = re.compile(r"[.!?][\"”’)\]]*(?=\s)|\n")
#: The longest sentence read as one: longer runs of text without a sentence break (no real
#: sheet has one; the longest in the corpora is under 400 characters) are cut at white space,
#: so that the work done per sentence stays bounded and extraction stays linear in the text.
MAX_SENTENCE = 1_000


# Unicode spaces (no-break, figure, thin, narrow no-break ...): web pages put them between a
# number and its unit ("19.5\u00a0MT", "$5\u00a0million")
_SPACES = str.maketrans(
    dict.fromkeys(
        "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "
    )
)


def reading_view(text: str) -> str:
    """The text extraction reads: Unicode spaces as plain spaces, hard-wrapped paragraphs
    as lines (:func:`reflowed`) and a number in words without the same number repeated in
    digits after it (:func:`without_repeated_digits`); one character for one, so every offset
    is the same.

    >>> reading_view("19.5\u00a0MT") == "19.5 MT"
    True
    """
    return titled_caps(
        without_repeated_digits(without_page_furniture(reflowed(text.translate(_SPACES))))
    )


# A page's number on a line of its own: "Page 2", "Page 2 of 9", "2", "- 2 -", "ii"
_PAGE_NUMBER_RE = re.compile(r"(?:Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|-?\s*\d{1,4}\s*-?|[ivx]{1,5})")
#: How long a running header or footer may be (characters), and how often it recurs.
FURNITURE_WIDTH = 60
FURNITURE_REPEATS = 2


def without_page_furniture(text: str) -> str:
    """``text`` with the page breaks that cut a sentence read through: where a line that ends
    inside a sentence is followed by blank lines, page numbers and running headers or
    footers (short lines in capitals or with digits that recur: "UNCLASSIFIED",
    "AUD-MERO-24-27") and then a line going on in lower case or digits, that stretch is
    spaces. One character for one, so every offset is the same.

    >>> t = "hours fell from about 2,900 in\\n\\nUNCLASSIFIED\\nPage 1\\n"
    >>> t += "UNCLASSIFIED\\n2022 to 1,700 in 2023. Next.\\n"
    >>> " ".join(without_page_furniture(t).split("\\n")[0].split())
    'hours fell from about 2,900 in 2022 to 1,700 in 2023. Next.'
    """
    lines = text.split("\n")
    if len(lines) < 6:
        return text
    counts: dict[str, int] = {}
    for line in lines:
        key = line.strip()
        if key and len(key) <= FURNITURE_WIDTH:
            counts[key] = counts.get(key, 0) + 1

    def furniture(line: str) -> bool:
        key = line.strip().strip("\f").strip()
        if _PAGE_NUMBER_RE.fullmatch(key):
            return True
        return (
            counts.get(line.strip(), 0) >= FURNITURE_REPEATS
            and key[-1:] not in (".", "!", "?", ":", ";")
            and (key.isupper() or any(c.isdigit() for c in key))
        )

    out = list(text)
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    k = 0
    while k < len(lines):
        line = lines[k]
        j = k + 1
        while j < len(lines) and (not lines[j].strip(" \t\f") or furniture(lines[j])):
            j += 1
        block = lines[k + 1 : j]
        if (
            j < len(lines)
            and any(b.strip(" \t\f") for b in block)
            and re.search(r"[\w,]\s*$", line)
            and re.match(r"[ \t\f]*[a-z0-9$]", lines[j])
        ):
            # the break after the line, the stretch and the break before the next line
            for pos in range(starts[k] + len(line), starts[j]):
                out[pos] = " "
        k = j if j > k + 1 else k + 1
    return "".join(out)


# A line in capitals that names an organization: a letterhead ("U.S. DEPARTMENT OF STATE",
# "U.S. DEPARTMENT of STATE", "U.S. EMBASSY DAKAR") or a heading ("OFFICE OF INSPECTOR
# GENERAL"): no lower-case word but a name's small words, an organization's head noun in it
_SHORT_LINE_RE = re.compile(
    r"^(?![^\n]*[a-z]{4})[^\S\n]*\S[^\n]{2,119}$", re.MULTILINE
)  # (a lower-case word longer than a name's small words: not such a line)
_CAPS_WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:[’'][^\W_]+)?")
_CAPS_HEADS = frozenset(h.upper() for h in ORG_HEADS) | {"EMBASSY", "CONSULATE"}
# words a name keeps in lower case ("Department of State", "Office on Drugs and Crime")
_NAME_SMALL_WORDS = frozenset(
    {"OF", "AND", "THE", "FOR", "ON", "IN", "TO", "AT", "DE", "DEL", "LA", "LOS", "DES", "DU"}
)


def titled_caps(text: str) -> str:
    """``text`` with each line in capitals that names an organization written as a name is
    ("U.S. DEPARTMENT OF STATE" -> "U.S. Department of State"), so the name is read as one,
    and a name wrapped after a small word ("BUREAU OF ... NARCOTICS AND" / "LAW ENFORCEMENT
    AFFAIRS") on one line; acronyms ("INL", "U.S.") and the other lines stay as they are, and
    every offset is the same.

    >>> titled_caps("UNITED STATES DEPARTMENT of STATE\\nFACT SHEET\\nINL works.")
    'United States Department of State\\nFACT SHEET\\nINL works.'
    >>> titled_caps("BUREAU OF INTERNATIONAL NARCOTICS AND\\nLAW ENFORCEMENT AFFAIRS (INL)")
    'Bureau of International Narcotics and Law Enforcement Affairs (INL)'
    """
    pieces: list[str] = []
    last = 0
    joins = -2  # where the last titled line ended on a small word (-2: none)
    for line in _SHORT_LINE_RE.finditer(text):
        words = list(_CAPS_WORD_RE.finditer(line.group()))
        if len(words) < 2 or any(
            not w.group().isupper()
            and not (w.group().islower() and w.group().upper() in _NAME_SMALL_WORDS)
            for w in words
        ):
            continue
        chars = list(line.group())
        for i, w in enumerate(words):
            word = w.group()
            if word in KNOWN_ACRONYMS or (w.start() > 0 and line.group()[w.start() - 1] in "(."):
                continue  # "INL", "(OIG)", the "S" of "U.S."
            if w.end() < len(chars) and chars[w.end()] == ".":
                continue  # an initial: "U." of "U.S."
            if (i > 0 or line.start() - 1 == joins) and word.upper() in _NAME_SMALL_WORDS:
                titled = word.lower()
            else:
                titled = word[0] + word[1:].lower()
            if len(titled) == len(word):
                chars[w.start() : w.end()] = titled
        if line.start() - 1 == joins:
            pieces.append(text[last:joins] + " ")  # one name wrapped over two lines
        else:
            pieces.append(text[last : line.start()])
        if any(w.group().upper() in _CAPS_HEADS for w in words) or line.start() - 1 == joins:
            pieces.append("".join(chars))
        else:
            pieces.append(line.group())  # a heading in capitals, not a name
        last = line.end()
        joins = line.end() if words[-1].group().upper() in _NAME_SMALL_WORDS else -2
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


# A number in words with the same number in digits after it, as legal and older documents
# write: "forty (40) vehicles", "seventy-one million (71,000,000) tablets"
_WORDS_THEN_DIGITS_RE = re.compile(
    r"(?<![\w-])(" + WORD_NUMBER_RE + r")(?:\s+(million|billion|thousand))?"
    r"\s*(\(\s*(\d{1,3}(?:,\d{3})+|\d+)\s*\))",
    re.IGNORECASE,
)


def without_repeated_digits(text: str) -> str:
    """``text`` with the digits that repeat a number written in words blanked out (spaces of
    the same length), so the number is read once, in words, with what it counts after it.

    >>> without_repeated_digits("provided forty (40) vehicles")
    'provided forty      vehicles'
    >>> without_repeated_digits("two (3) kits") == "two (3) kits"  # not the same number
    True
    """
    if "(" not in text:
        return text
    out: list[str] | None = None
    for m in _WORDS_THEN_DIGITS_RE.finditer(text):
        words = parse_number(m.group(1))
        if words is None or scale(words, m.group(2)) != int(m.group(4).replace(",", "")):
            continue
        if out is None:
            out = list(text)
        out[m.start(3) : m.end(3)] = " " * (m.end(3) - m.start(3))
    return text if out is None else "".join(out)


# A line that opens a list item, and a line laid out in columns (a table row)
_ITEM_START_RE = re.compile(r"\s*(?:[•*\-–·▪○◦]|\d{1,2}[.)]|\([a-z0-9]{1,3}\))\s")
# The end of a table's row as PDF text lays it out, one space between cells: two numbers
_TABLE_ROW_END_RE = re.compile(r"\d[\d,.]*%?\)?[ \t]+[-(]?\$?\d[\d,.]*%?\)?[ \t]*$")
_COLUMNS_RE = re.compile(r"\S(?: {3,}|\t)\S|\s\|\s")
#: A hard-wrapped text's lines are about this long (PDF text, e-mailed and archived sheets).
WRAP_WIDTHS = (60, 130)
# ... and have this many lines of about that width (a few long lines make no wrapped text)
_MIN_WRAPPED_LINES = 8


# A line break inside a figure, wherever lines break: an amount and its scale word ("$24" /
# "million", "$30.0 mil-" / "lion"), a fraction's parts ("one-" / "third", "two-" / "thirds")
_BROKEN_FIGURE_RE = re.compile(
    r"(?:\d[ \t]?|\d[ \t]?(?i:mil|bil|tril)-)[ \t]*\n(?=[ \t]*(?i:million|billion|thousand"
    r"|trillion|lion)\b)"
    r"|\b(?i:one|two|three|four|nine|a)-[ \t]*\n(?=[ \t]*(?i:half|thirds?|quarters?|fourths?"
    r"|fifths?|tenths?)\b)"
)


def _rejoined(text: str) -> str:
    """``text`` with the line break inside each figure a space (:data:`_BROKEN_FIGURE_RE`).

    >>> _rejoined("worth $1.3\\n   MILLION to the police")
    'worth $1.3    MILLION to the police'
    """
    if "\n" not in text:
        return text
    return _BROKEN_FIGURE_RE.sub(lambda m: m.group()[:-1] + " ", text)


def reflowed(text: str) -> str:
    r"""``text`` with each line break inside a hard-wrapped paragraph turned into a space.

    PDF text and archived sheets break their paragraphs into lines of about one width; read
    line by line, a sentence would end at each break. A text is hard-wrapped when the longest
    tenth of its lines are :data:`WRAP_WIDTHS` wide and at least two in five of its lines come
    near that width; then a line that comes near it runs on into the next unless that one is
    blank, opens a list item or a page, or either is laid out in columns. Only line breaks
    change, each into one space, so every offset into the result is an offset into ``text``.

    >>> first = "In 2019 the Bureau of International Narcotics and Law Enforcement Affairs trained"
    >>> second = "more than 300 police officers of the National Police in the capital and the north"
    >>> reflowed(f"{first}\n{second}.\n\n" * 5).split("\n")[0][54:111]
    'Enforcement Affairs trained more than 300 police officers'
    """
    text = _rejoined(text)
    lines = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 6:
        return text
    width = lengths[(len(lengths) * 9) // 10]
    near = 0.7 * width
    if not WRAP_WIDTHS[0] <= width <= WRAP_WIDTHS[1]:
        return text
    full = [line.rstrip() for line in lines if len(line.rstrip()) >= near]
    if len(full) < max(_MIN_WRAPPED_LINES, 0.4 * len(lengths)):
        return text
    # a paragraph's lines mostly break inside a sentence; a list's lines end their items
    if sum(1 for line in full if line[-1] not in ".!?:;)") < 0.5 * len(full):
        return text
    out = list(text)
    pos = 0
    for line, following in pairwise(lines):
        end = pos + len(line)  # the line break's offset
        if (
            len(line.rstrip()) >= near
            and following.strip()
            and not following.startswith("\f")
            and _ITEM_START_RE.match(following) is None
            and _COLUMNS_RE.search(line) is None
            and _COLUMNS_RE.search(following) is None
            # (a table row ends in two numbers: "Police professionalization 44.2 36.5")
            and _TABLE_ROW_END_RE.search(line) is None
            and _TABLE_ROW_END_RE.search(following) is None
            # (a word broken at the line's end keeps its break, which a name's words and
            # sentences read through: see BROKEN_NAME_WORD and sentences)
            and _WORD_BROKEN_AT_RE.match(text, end - 2, end + 40) is None
        ):
            out[end] = " "
        pos = end + 1
    return "".join(out)


# A word broken by a hyphen at a line's end: a letter, the hyphen, the break, a lower-case
# letter on the next line
_WORD_BROKEN_AT_RE = re.compile(r"[^\W\d_]-\n[ \t]*[a-z]")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets ``(start, end)`` of ``text``: lines, then sentence punctuation.

    Abbreviations such as "U.S." do not end a sentence; spans are trimmed of white space.
    """
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_BREAK.finditer(text):
        end = m.end()
        if m.group() == "\n" and _WORD_BROKEN_AT_RE.match(text, m.start() - 2, end + 40):
            continue  # a word broken at the line's end goes on: "assis-" / "tance"
        if m.group() != "\n":
            nxt = text[end : end + 3].lstrip()
            if nxt and not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in '•“"(-–*'):
                continue
            ws = text.rfind(" ", start, m.start())
            word = text[max(ws + 1, start) : m.start() + 1]
            if word in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)+", word):
                continue
        _push(text, start, end, out)
        start = end
    _push(text, start, len(text), out)
    return out


def _push(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        ws = max(text.rfind(" ", start + 1, cut), text.rfind("\t", start + 1, cut))
        cut = ws if ws > start else cut
        _push(text, start, cut, out)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))


#: A sentence's or clause's stop, not an initial's ("U.S. Embassy").
STOP_RE = re.compile(r"(?<!\b[A-Z])[.;:]\s")


def _line_starts(text: str) -> list[int]:
    """Offsets of the newlines of ``text``, for :func:`_line_start`."""
    return [m.start() for m in re.finditer("\n", text)]


def _line_start(newlines: list[int], pos: int) -> int:
    """The offset where the line holding ``pos`` starts (``text.rfind("\\n", 0, pos) + 1``)."""
    i = bisect_left(newlines, pos)
    return newlines[i - 1] + 1 if i else 0


class _SpanIndex:
    """Spans ``(start, end)`` sorted by start, for overlap and containment look-ups.

    A query looks only at spans starting within the longest span's length before it, so each
    costs the number of spans near it rather than the number in the document. Results are the
    indexes of the spans in the order they were given.
    """

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self.items = [(spans[i][0], spans[i][1], i) for i in order]
        self.starts = [it[0] for it in self.items]
        self.reach = max((e - s for s, e in spans), default=0)

    def _near(self, lo: int, hi_incl: int) -> list[tuple[int, int, int]]:
        return self.items[bisect_left(self.starts, lo) : bisect_right(self.starts, hi_incl)]

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indexes of the spans sharing a character with ``[start, end)``, in given order."""
        return sorted(i for _s, e, i in self._near(start - self.reach, end - 1) if start < e)

    def containing(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The spans ``(start, end, index)`` with ``s <= start`` and ``end <= e``."""
        return [it for it in self._near(end - self.reach, start) if it[1] >= end]

    def holds(self, pos: int) -> bool:
        """True when some span has ``s <= pos < e``."""
        return any(e > pos for _s, e, _i in self._near(pos - self.reach, pos))


#: A title-case word broken by a hyphen at a line's end, as PDF text breaks names ("Bureau
#: of International Nar-" / "cotics and Law Enforcement Affairs", "Ministry of Coun-" / "ter
#: Narcotics"): one word of a name (not a compound: "Anti-" / "Narcotics", "INL-" / "funded").
BROKEN_NAME_WORD = r"([A-Z][a-z]{1,14})-\n[ \t]*([a-z]{2,})"
_BROKEN_NAME_WORD_RE = re.compile(r"\b" + BROKEN_NAME_WORD)
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|"
    + BROKEN_NAME_WORD
    + r"(?:[’']s\b)?|[^\W_][\w&]*(?:[-‐'][^\W_][\w&]*)*(?:[’']s\b)?|[^\w\s]"
)


def unbroken(name: str) -> str:
    """``name`` with each word broken at a line's end (:data:`BROKEN_NAME_WORD`) whole.

    >>> unbroken("Bureau of International Nar-\\n  cotics and Law Enforcement Affairs")
    'Bureau of International Narcotics and Law Enforcement Affairs'
    """
    return _BROKEN_NAME_WORD_RE.sub(r"\1\2", name) if "-\n" in name else name


_NAME_POSSESSIVES = word_set("name_possessives")
_CONNECTORS = word_set("connectors")
_POSSESSIVE = re.compile(r"[’']s$")


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def bare(self) -> str:
        return _POSSESSIVE.sub("", self.text)

    @property
    def possessive(self) -> bool:
        return bool(_POSSESSIVE.search(self.text))


def _is_cap(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word in ("U.S.", "U.N."))


# A capitalized word with a participle joined to it: "State-led", "Podgorica-based".
_PARTICIPLE_SUFFIX_RE = re.compile(
    r"([A-Z][\w.]*)-(led|funded|run|backed|based|sponsored|supported|trained|built|owned"
    r"|operated|managed|implemented|donated|provided|equipped|mentored)"
)


_ACRONYM_MODIFIER_RE = re.compile(r"[A-Z][A-Z0-9]+-[a-z]")
_ACCREDITED_HEADS = frozenset({"Mission", "Delegation"})
_CAP_NEXT_RE = re.compile(r"\s+(?:the\s+)?[A-Z]")

# The gap between two columns of a laid-out page (PDF text): six spaces or a tab (a wrapped
# line's indent, read as spaces, is less)
_NAME_GAP_RE = re.compile(r"[ ]{6}|\t")
# An elided French particle inside a name: "Côte d'Ivoire", "Côte d’Ivoire"
_ELISION_RE = re.compile(r"d['’][A-Z]")

# "or" inside a name: capitalized words, then the acronym in parentheses that ends the name
_OR_IN_NAME_RE = re.compile(r"\s+(?:[A-Z][\w-]*\s+){1,4}\(\s*[A-Z][A-Z&-]+[A-Z]\s*\)")


def _runs(text: str, start: int, end: int) -> list[list[_Tok]]:
    """Runs of capitalized words (with connectors) in ``text[start:end]``."""
    runs: list[list[_Tok]] = []
    cur: list[_Tok] = []

    def close() -> None:
        while cur and cur[-1].text in _CONNECTORS:
            cur.pop()
        if cur:
            runs.append(list(cur))
        cur.clear()

    for m in _TOKEN.finditer(text, start, end):
        word = unbroken(m.group())
        if not cur and not word[0].isupper() and word not in ("U.S.", "U.N."):
            continue  # nothing to close and nothing that opens a run (the common case)
        t = _Tok(word, m.start(), m.end())
        if cur and _NAME_GAP_RE.search(text, cur[-1].end, t.start):
            close()  # a column gap ends a name: "Office of Audits        February 2021"
        hyphen = "-" in word
        if hyphen and _ACRONYM_MODIFIER_RE.match(word):
            close()  # "INL-funded", "INL-constructed": a modifier, not part of a name
        elif hyphen and (ed := _PARTICIPLE_SUFFIX_RE.fullmatch(word)) is not None:
            # "Department of State-led": the name ends before "-led"; "Podgorica-based
            # Institute": the name begins after the modifier
            if cur and ed.group(2) != "based":
                cur.append(_Tok(ed.group(1), t.start, t.start + len(ed.group(1))))
            close()
        elif _is_cap(t.text) and t.text[0].isalpha():
            cur.append(t)
            if t.possessive and t.bare not in _NAME_POSSESSIVES:
                close()
        elif t.text in _CONNECTORS and cur:
            cur.append(t)
        elif cur and _ELISION_RE.match(text, t.start):
            cur.append(t)  # "Côte d'Ivoire", "Côte d’Ivoire": one name
        elif cur and t.text == "’" and cur[-1].text == "d":
            continue
        elif (
            t.text == "to"
            and cur
            and cur[-1].text in _ACCREDITED_HEADS
            and _CAP_NEXT_RE.match(text, t.end, end)
        ):
            # "the European Union Border Assistance Mission to Moldova and Ukraine", "the U.S.
            # Mission to the United Nations": where a mission is accredited is part of its name
            cur.append(t)
        elif (
            t.text == "or"
            and cur
            and not _is_head(cur[-1].text)  # "National Police or Customs Service": two bodies
            and _OR_IN_NAME_RE.match(text, t.end, end)
        ):
            # "Secretariat for the Prevention of Money or Property Laundering (SEPRELAD)": a
            # name its acronym closes
            cur.append(t)
        elif t.text == "," and cur and _comma_in_name(text, cur, t.start, end):
            continue  # "Office of Overseas Prosecutorial Development, Assistance and Training"
        else:
            close()
    close()
    return runs


# The rest of a name after a comma, up to the acronym its initials spell: "Office of Overseas
# Prosecutorial Development, Assistance and Training (OPDAT)".
_COMMA_TAIL_RE = re.compile(
    r",\s+((?:[A-Z][\w-]*|and|&|of|for|the|on)(?:\s+(?:[A-Z][\w-]*|and|&|of|for|the|on)){0,6})"
    r"\s*\(\s*([A-Z][A-Za-z&]*[A-Z])\s*\)"
)


def _comma_in_name(text: str, cur: list[_Tok], pos: int, end: int) -> bool:
    """Whether the comma at ``pos`` lies inside the name ``cur`` opens: the words after it
    end in an acronym definition spelled by the initials of the whole (``cur`` and them)."""
    m = _COMMA_TAIL_RE.match(text, pos, end)
    if m is None:
        return False
    words = [t.text for t in cur] + m.group(1).split()
    if not any(_is_head(w) for w in words):
        return False  # a list of places or people, not one body ("Colombia, Ecuador and Peru")
    initials = "".join(w[0] for w in words if w[0].isupper() and w != "The")
    acronym = re.sub(r"[^A-Z]", "", m.group(2))
    tail = sum(1 for w in m.group(1).split() if w[0].isupper())
    # the acronym may leave out a leading head ("Office of"): it ends the initials, and spells
    # more than the words after the comma
    return len(acronym) > tail and initials.endswith(acronym)


def _is_head(tok: str) -> bool:
    base = _POSSESSIVE.sub("", tok)
    return base in ORG_HEADS or base.split("-")[0] in ORG_HEADS


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _ends_with_word(text: str, lo: int, hi: int, word: str) -> bool:
    """``re.search(r"\\bWORD\\s+$", text[lo:hi])`` without scanning all of it."""
    j = hi
    while j > lo and text[j - 1].isspace():
        j -= 1
    w = j - len(word)
    return (
        j < hi
        and w >= lo
        and text.startswith(word, w)
        and (w == lo or not _is_word_char(text[w - 1]) or not _is_word_char(word[0]))
    )


class _Ahead:
    """Searches of a text from increasing positions, each stretch of it scanned once.

    A match found from ``pos`` is also the first from any later position up to its start (a
    pattern matches at a place whatever the place the search started from), so a search from a
    later position scans again only once it has passed the last match.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._last: dict[tuple[re.Pattern[str], int], tuple[int, re.Match[str] | None]] = {}

    def search(
        self, rx: re.Pattern[str], pos: int, endpos: int, anchored: bool = False
    ) -> re.Match[str] | None:
        """``rx.search(text, pos, endpos)`` (``rx.match`` if ``anchored``)."""
        key = (rx, endpos)
        hit = self._last.get(key)
        if hit is not None:
            start, m = hit
            if anchored and start == pos:
                return m
            if not anchored and start <= pos and (m is None or m.start() >= pos):
                return m
        m = rx.match(self.text, pos, endpos) if anchored else rx.search(self.text, pos, endpos)
        self._last[key] = (pos, m)
        return m


# Words a title-cased name keeps in lower case (not at its start)
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "at", "de", "del", "des", "du", "for", "in", "la", "le", "of", "on", "or"}
    | {"the", "to", "y", "against"}
)
_LEXICON_SPELLING = {g.casefold(): g for g in ARMED_GROUPS}


def consistent_case(name: str) -> str:
    """A name in the one spelling every document gives it, so that a node named in several
    documents has one label: a name written in capitals in a heading ("CARIBBEAN BASIN SECURITY
    INITIATIVE") in title case, acronyms and abbreviations kept; a lexicon's name as the
    lexicon spells it ("Al-Shabaab" opening a sentence is al-Shabaab).

    >>> consistent_case("CARIBBEAN BASIN SECURITY INITIATIVE")
    'Caribbean Basin Security Initiative'
    >>> consistent_case("U.S. EMBASSY IN THE BAHAMAS"), consistent_case("Al-Shabaab")
    ('U.S. Embassy in the Bahamas', 'al-Shabaab')
    >>> consistent_case("INL"), consistent_case("National Police")
    ('INL', 'National Police')
    """
    known = _LEXICON_SPELLING.get(name.casefold())
    if known is not None:
        return known
    words = name.split()
    letters = [c for c in name if c.isalpha()]
    if len(words) < 2 or not letters or not all(c.isupper() for c in letters):
        return name
    out = []
    for k, w in enumerate(words):
        bare = w.strip("(),;:")
        if "." in w or bare in KNOWN_ACRONYMS or not any(c.isalpha() for c in w):
            out.append(w)  # "U.S.", "INL", "(CBSI)"
        elif k > 0 and w.lower() in _SMALL_WORDS:
            out.append(w.lower())
        else:
            out.append("-".join(part[:1] + part[1:].lower() for part in w.split("-")))
    return " ".join(out)
