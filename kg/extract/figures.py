"""Figures: numbers in the text, what they count, and what they describe.

A number (digits, words, fractions, table cells) with its unit (:mod:`kg.extract.units`),
qualifier and change (:mod:`kg.extract.qualifiers`), the noun it counts and a short
description of what it measures.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import islice, pairwise
from typing import Any

from kg.extract.lexicon import (
    COMPARATIVES,
    DEMONYMS,
    FORCE_WORDS,
    HEADLINE_VERBS,
    word_set,
    words,
)
from kg.extract.places import _DEMONYM_TO_COUNTRY
from kg.extract.qualifiers import (
    _CHANGE_AFTER_RE,
    _CHANGE_NOUN_BEFORE_RE,
    _CHANGE_NOUNS,
    _CHANGE_VERBS,
    _CHANGE_WORD_RE,
    _COMPARATIVE_AFTER_RE,
    _ESTIMATE_AFTER_RE,
    _QUAL_RE,
    _QUALIFIERS,
    _TO_LEVEL_QUALIFIER,
    _UPDOWN_RE,
    _VERB_BEFORE_RE,
    LIMITERS,
)
from kg.extract.text import STOP_RE, _Ahead, _ends_with_word
from kg.extract.units import (
    _TIME_UNITS,
    _UNIT_RE,
    CURRENCY_BEFORE,
    _unit_key,
    currency_key,
    unit_and_counted,
)
from kg.extract.years import _DAY_AFTER_RE, _DAY_BEFORE_RE, _YEAR_LABEL_BEFORE_RE
from kg.model import Change, Qualifier, Span
from kg.numbers import (
    NUMBER_WORDS,
    WORD_NUMBER_RE,
    is_plural,
    parse_number,
    plain,
    scale,
    singularize,
    singularize_word,
)
from kg.places import lookup

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# a scale word, after a line break too ("$1.3" / "   MILLION", "$30.0 mil-" / "lion": see
# kg.extract.text._rejoined)
_SCALE_WORD = r"(?:\s?|\s{2,40})(million|billion|thousand|trillion|(?:mil|bil|tril)-\s{1,40}lion)\b"
_SCALE = r"(?:" + _SCALE_WORD + r")?"
_NUMBER_RE = re.compile(
    # an amount may follow an em dash used as a parenthesis ("the funds—$15.1 million—")
    r"(?:(?<![\w.,\-–—/*#])|(?<=—)(?=[$€£]))(?:("
    + CURRENCY_BEFORE
    + r")\s?)?("
    + _NUM
    + r")(?:(?![\w])|(?=(?-i:K|M|bn)\b))"
    + r"(?:"
    + _SCALE_WORD
    + r"|(?<=\d)((?-i:K|M|bn))\b)?"
    + r"|(?<![\w-])("
    + WORD_NUMBER_RE
    + r")(?![\w])"
    + _SCALE,
    re.IGNORECASE,
)
_RANGE_RE = re.compile(
    r"\s?(?:-|–|—|to)\s?(?:US\$|\$)?("
    + _NUM
    + r")(?![\w])"
    + _SCALE
    # a range in words: "two to four weeks"
    + r"|\s+to\s+("
    + WORD_NUMBER_RE
    + r")(?![\w-])"
    + _SCALE,
    re.IGNORECASE,
)
_BETWEEN_RANGE_RE = re.compile(
    r"\s+and\s+(?:\$)?(?:("
    + _NUM
    + r")(?![\w])"
    + _SCALE
    + r"|("
    + WORD_NUMBER_RE
    + r")(?![\w-])"
    + _SCALE
    + r")"
)
# Fractions and small proportions written in words are percent figures (one decimal place):
# "one-third of the prisons", "over half of", "three-quarters of", "one percent".
_FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
_FRACTION_WORDS.update({"fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10})
_FRACTION_WORDS.update({"tenths": 10, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7})
_FRACTION_WORDS.update({"eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9})
_FRACTION_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}
# A fraction of change: "roughly a third fewer than in 2008", "about a fifth more than in 2015"
# (the comparatives of the lexicon; :func:`_change` reads the direction)
_COMPARATIVE = "(?:" + "|".join(COMPARATIVES) + ")"
_FRACTION_THAN_RE = re.compile(r"\s+" + _COMPARATIVE + r"\s+than\b")
_FRACTION_RE = re.compile(
    r"(?<![\w-])(?:(?:(an?(?=\s\w+\s+of\b)|a(?=\s\w+\s+"
    + _COMPARATIVE
    + r"\s+than\b)|(?:(?<=\bby\s)|(?<=\bby\sabout\s)|(?<=\bby\snearly\s)"
    r"|(?<=\bby\sroughly\s)|(?<=\bby\salmost\s)|(?<=\bby\sover\s))a|one|two|three|four|nine)"
    r"(?:[-‐]\s*|\s)(half|thirds?|quarters?"
    r"|fourths?|fifths?|tenths?|sixths?|sevenths?|eighths?|ninths?))"
    r"(?=\s+of\b|\s+(?:the|all|its|their)\b|[\s,.;)])"
    r"|(?<!\bfirst\s)(?<!\bsecond\s)(?<!\blatter\s)(?<!\bformer\s)"  # "the first half of 2023"
    r"(half)(?:(?=\s+(?:of\b(?!\s+(?:19|20)\d\d)|the\b|all\b|its\b|their\b))"
    r"|(?:(?<=\bby\shalf)|(?<=\bthan\shalf)|(?<=\bover\shalf)|(?<=\bnearly\shalf)"
    r"|(?<=\balmost\shalf)|(?<=\broughly\shalf)|(?<=\babout\shalf))(?=[\s,.;)]))"
    r"|(one)\s+(?=per\s?cent\b|percent\b)"
    # "one in four", "two out of five", "two of every five containers", "one container in fifty"
    r"|(one|two|three|four|five|six|seven|eight|nine|[1-9])\s+(?:in|out\s+of|of\s+every)\s+"
    r"(three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|\d{1,3})\b"
    r"|(one)\s+[a-z]+\s+in\s+(ten|twenty|thirty|forty|fifty|a\s+hundred)\b)",
    re.IGNORECASE,
)
_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_SMALL_NUMBERS.update({"eight": 8, "nine": 9, "ten": 10})
# A person's age is not a figure: "a 24-year-old detective" (but "cases over five years old"
# and "officers under 30 years old" are)
_AGE_AFTER_RE = re.compile(r"-old\b")
# Numbers that are no count: the ages of a band ("Filipinos aged 10 to 69") and the base of a
# rate ("1.1 officers for every 1,000 residents")
# (but "one officer for every 940 residents" and "1 officer for every 940" give the 940)
_NOT_A_COUNT_BEFORE_RE = re.compile(
    r"\b(?:aged|ages)\s+(?:between\s+)?$|(?<![\d.,])(?!1\s)\d[\d.,]*\s+[a-z]+\s+for\s+every\s+$"
)
# A time frame is not a figure: "in the past ten years", "over the last two years".
_TIME_FRAME_BEFORE_RE = re.compile(
    r"\b(?:in|over|during|for|within|throughout|across|covering|spanning|of)\s+(?:each\s+of\s+)?"
    r"(?:the\s+|its\s+|their\s+)?"
    r"(?:past|last|previous|preceding|next|coming|following|first|recent|ensuing)\s+"
    r"(?:[\w-]+\s+(?:to|or)\s+)?$"  # "over the next three to five years"
    # "during those two years"
    r"|\bduring\s+(?:those|these)\s+$",
    re.IGNORECASE,
)
_COURSE_WORDS_AFTER_RE = re.compile(
    r"\s+(?:[a-z]+\s+){0,2}(?:courses?|training|programs?|workshops?|curricul(?:um|a))\b"
)
# A bare "in" before years, months or weeks is a time frame ("a staggering change in five years",
# "the lowest level in two decades", "we'll see you in two weeks"), not a sentence's length
# ("in 2 years' imprisonment") or a course's; nor are the months a period ends with ("in the
# 12 months ending in September 2023")
_IN_BEFORE_RE = re.compile(r"\bin\s+$", re.IGNORECASE)
_PERIOD_BEFORE_RE = re.compile(r"\b(?:in|over|during)\s+the\s+$", re.IGNORECASE)
_FIRST_BEFORE_RE = re.compile(r"\b(?:first|last|largest|highest|lowest)\b[^.;]*\Z", re.IGNORECASE)
_NOT_A_FRAME_AFTER_RE = re.compile(r"[’']|\s+(?:of|in\s+prison|imprisonment|sentences?)\b")
_PERIOD_END_AFTER_RE = re.compile(r"\s+(?:ending|ended|through|up\s+to)\b")
# A time reference, not a figure: "Twelve years ago", "Eight years after the 2003 Comprehensive
# Peace Agreement ended", "Two years earlier"
_TIME_AGO_AFTER_RE = re.compile(
    r"\s+(?:ago|earlier|later|(before|after)\s+(?:the|that|its|their|it|they)\b)"
)
# "for (more than) N decades": a span of time the sentence is about
_FOR_BEFORE_RE = re.compile(
    r"\bfor\s+(?:(?:more\s+than|over|nearly|almost|about|some|close\s+to)\s+)?$", re.IGNORECASE
)
_IDENT_BEFORE_RE = re.compile(
    r"(?:\b(?:Section|Sections|Resolution|Resolutions|Article|Articles|No\.|Nos\.|Number|Law|"
    r"Decree|Chapter|Title|Phase|Tier|Level|Act|Code|Rule|Paragraph|Annex|Item|Page|Volume|Vol\."
    r"|Route|Highway|UNSCR|Flight|Room|Order|Bill|Case|Battalion|Brigade|Zone|Lot|Box|Grade|"
    r"Class|Category|Station|Precinct|Cohort|Batch|Round|Step|Stage|Version|Amendment|Platoon"
    r"|Company|Unit|Group|Team|District|Region|Sector|Area|Camp|Base|Detachment|Squadron"
    r"|Chapters|Articles|Paragraphs|Titles|Phases|Levels|Tiers|Pages|Items|Annexes)"
    r"|\b(?:section|resolution|article|paragraph|number|no\.)|#|№)\s*"
    r"(?:\d+[A-Za-z]?(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*&\s*))*$"
)
_STOP_AFTER = word_set("stop_after")
_ABSTRACT_NOUNS = word_set("abstract_nouns")
_PEOPLE_WORDS = word_set("people_words")
_ADJECTIVES = word_set("adjectives")
_NOUN_MODIFIERS = word_set("noun_modifiers")
_FUNDING_WORDS = re.compile(
    r"\b(?:fund(?:s|ed|ing)?|budget|allocat\w+|provid\w+|obligat\w+|request\w*|INCLE|ESF"
    r"|assistance|grant\w*|invest\w+|award\w*)\b|\bFY\s?\d",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Fig:
    span: Span
    num_start: int
    num_end: int
    value: Decimal
    unit: str
    counted: str | None = None
    value_max: Decimal | None = None
    qualifier: Qualifier = Qualifier.EXACT
    change: Change | None = None
    subject: str | None = None
    year: int | None = None  # a table cell's year: its column's (or its table's)
    table: int = 0  # a table cell: its table's number (1, 2, ... in text order); 0 in prose
    row: str | None = None  # a budget table cell's row label ("Economic Support Fund")


def _plain(value: Decimal) -> Decimal:
    """``12400000.0`` -> ``12400000``: whole numbers without a decimal exponent (exact)."""
    return plain(value)


def _is_year_like(raw: str, value: Decimal) -> bool:
    return re.fullmatch(r"\d{4}", raw) is not None and 1900 <= value <= 2100


def _identifiers(text: str) -> set[str]:
    """Numbers the text uses as labels ("Section 1207", "(1207**)")."""
    out = {
        m.group(1)
        for m in re.finditer(
            r"\b(?:Section|Resolution|Article|Law|Decree|Chapter|Title)\s+(\d+)\b", text
        )
    }
    out |= {m.group(1) for m in re.finditer(r"\*+\s*(\d+)\s*:|\((\d+)\*+\)", text) if m.group(1)}
    out |= {m.group(2) for m in re.finditer(r"\*+\s*(\d+)\s*:|\((\d+)\*+\)", text) if m.group(2)}
    return out


_INVARIANT = word_set("invariant_nouns")
# (and the demonyms that are only plural nouns: "1,900 Batswana", "Basotho"; not "Beninese",
# which is an adjective too: "12 Beninese officers")
_PLURAL_DEMONYMS = frozenset({"Batswana", "Basotho"})
_DEMONYM_PLURALS = (
    frozenset(d + "s" for ds in DEMONYMS.values() for d in ds if not d.endswith("s"))
    | _PLURAL_DEMONYMS
)


_COMPOUND_NOUN_RE = re.compile(r"[a-z]+-(?:" + "|".join(words("compound_modifiers")) + ")")


#: Irregular past tenses that open a clause's second verb phrase ("and built two posts").
_IRREGULAR_PAST = word_set("irregular_past")


def _verb_next(word: str) -> bool:
    """Whether ``word``, after "and" past a count's noun, opens a verb phrase rather than
    naming a second kind ("and installed radio links", not "and armored vehicles")."""
    if word in _IRREGULAR_PAST:
        return True
    return word.endswith("ed") and word not in _NOUN_MODIFIERS and word not in _ADJECTIVES


def _adjectival(word: str) -> bool:
    """True for modifiers that describe rather than name ("pretrial", "former", "fixed-wing")."""
    if word in _NOUN_MODIFIERS or _COMPOUND_NOUN_RE.fullmatch(word):
        return False  # "thermal-imaging camera", "body-worn camera": the kind of thing
    # Qualities, quantities and participles describe; nouns and classifying adjectives name
    # the kind of thing counted ("customs officer", "criminal case", "public official").
    # (a word in -ing names an activity, the kind: "money laundering cases", "fishing
    # vessels", "thermal imaging cameras"; the participles that describe are listed)
    return (
        word in _ADJECTIVES
        or word.endswith(("ed", "ly"))
        or ("-" in word and not _COMPOUND_NOUN_RE.fullmatch(word))
    )


# A size written with a hyphen after an article: "a 500-man unit", "the 5,100-member force".
# What a "1,200-strong" size counts: the head of the noun phrase after it.
_STRONG_WHAT_RE = re.compile(
    r"(?:\s+[a-z][\w-]*){0,2}?\s+([a-z][\w-]*)(?=\s+(?:of|in|to|at|from|for|on|with)\b|[,.;]|$)"
)
# The determiner may be a possessive and one or two modifiers may follow it: "a new 45-member
# unit", "the DNCD's vetted 85-agent unit", "Bolivia's 1,500-officer police".
_SIZE_BEFORE_RE = re.compile(
    r"(?:\b(?:an?|the|its|their|one|each|this|that|our|whose)|[\w.-]+[’']s)"
    r"(?:\s+(?!(?:and|or|of|to|in|by|with|for|from)\b)[a-z][a-z-]*){0,2}\s+$",
    re.IGNORECASE,
)
_SIZE_RE = re.compile(
    r"[-‐]((?!fold\b|odd\b|plus\b|year\b|old\b|point\b|page\b|step\b|item\b)[a-z]{3,})\b"
    r"(?![-‐])"
)
# A partitive: "six of the ten battalions", "three of its five districts".
# ... and "four of the Haitian Coast Guard's seven patrol boats" (a possessive of a name)
_POSSESSOR = r"(?:(?:[A-Z][\w.-]*\s+){0,3}[\w-]+[’']s\s+)?"
_PART_OF_RE = re.compile(
    r"\s+of\s+(?:the\s+|its\s+|their\s+|these\s+|those\s+)?"
    + _POSSESSOR
    + r"(?=\d|(?:"
    + WORD_NUMBER_RE
    + r")\b)",
    re.IGNORECASE,
)
_PARTITIVE_RE = re.compile(
    # (also a time's possessive: "Nine of today's graduates", "of this year's recruits")
    r"\s+of\s+(?:(?:the|its|their|these|those|our|your)\s+(?:[\w-]+[’']s\s+)?"
    r"|(?:today|this\s+year|last\s+year|this\s+week)[’']s\s+)(?=[a-z])"
    r"(?!(?:" + WORD_NUMBER_RE + r")\b|[\w-]*[’']s\b)"
)
# A noun shared by coordinated numbers: "20 new and 24 repaired motorcycles".
_SHARED_NOUN_RE = re.compile(
    r"(?:\s+(?:U\.S\.|[a-z][\w-]*)){0,2}\s+(?:and|or)\s+(?=\d|(?:" + WORD_NUMBER_RE + r")\b)",
)
_SHARED_BETWEEN_RE = re.compile(r"(?:\s+(?:U\.S\.|[a-z][\w-]*)){0,2}\s+(?:and|or)\s+")
# A plural acronym names what is counted: "60 police SUVs", "12 APCs".
_ACRONYM_PLURAL_RE = re.compile(r"[A-Z]{2,}s")
# The noun a bare number counts when the clause names it first: "the number of cartel members
# is estimated at 3,000", "the total of registered addicts reached 12,400".
_NUMBER_OF_RE = re.compile(
    r"\b(?:number|total|count)\s+of\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s)\b"
    r"(?:\s+[a-z][\w-]*){0,4}?\s+(?:is|was|are|were|has\s+been|stands\s+at|stood\s+at|reached"
    r"|totals?|totaled|totalled|rose\s+to|fell\s+to|grew\s+to|increased\s+to|decreased\s+to"
    r"|dropped\s+to|declined\s+to|remains?\s+at|remained\s+at)\s+"
    r"(?:(?:estimated|put|approximated|calculated|reported)\s+(?:at|to\s+be)\s+)?"
    r"(?:(?:more\s+than|over|about|around|approximately|nearly|almost|some|roughly|at\s+least"
    r"|fewer\s+than|less\s+than|up\s+to)\s+)?$"
)
# (or a column gap: "FY 2011 Target: 80      FY 2011 Result: 96")
_BARE_OK_RE = re.compile(
    r"\s+(?:of|in|during|by|at|today|now|currently)\b|\s*[,.;)]|\s*$|[ ]{3,}|\t"
    # (a statistics line's period after a colon: "Prosecutions: 9: January 1 - December 31")
    r"|:\s+(?=[A-Z][a-z]+\s+\d)"
    # (before the next item of a line of them by year: "FY 2021: 450 | FY 2022: 600")
    r"|\s*\|(?=\s*(?:FY|CY)\s?(?:19|20)\d\d\b)"
)
#: A part of what the figure before it counts: "trained 40 officers, six of them as mentors",
#: "115 islands, nine of which are inhabited".
OF_THEM_AFTER_RE = re.compile(r"\s+of\s+(?:them|whom|which|you|us)\b")
# and the kind it names: "22 of them women", "nine of them are women"
# (words in -s that are no kind: "12 of them overseas", "six of them afterwards joined")
_NOT_NOUNS_AFTER_THEM = frozenset(
    {"overseas", "afterwards", "sometimes", "always", "towards", "perhaps", "has", "was", "is"}
)
# (a speaker's "Eleven of you are women")
_OF_THEM_NOUN_RE = re.compile(
    r"\s+of\s+(?:them|you|us)\s+(?:(?:are|were)\s+)?([a-z]+(?<!ed)(?<!ing))\b"
)
# A number standing for what the sentence before counted, as the subject of its own verb ("of
# the 31 indicators, only 9 had targets", "41 remained", "six were complete", "two more")
_SUBJECT_NUMBER_RE = re.compile(
    r"\s+(?:more\b|(?:had|have|has|were|was|are|remained|remain|completed|received|lacked|met"
    r"|became|graduated|passed|failed)\b(?!\s+(?:been\s+)?(?:years?|months?|weeks?|days?)\b))"
)
_TO_LEVEL_RE = re.compile(r"\s+to\s+" + _TO_LEVEL_QUALIFIER + r"\d")
# The second level after a first ("from 3 to 8 partner agencies"), up to its number's end
_TO_LEVEL_NUMBER_RE = re.compile(r"\s+to\s+" + _TO_LEVEL_QUALIFIER + r"\d[\d,.]*\d|\s+to\s+\d")
# A level after "from N to": "the number of provinces increased from 13 to 20", "from 21 days
# to 6"
_FROM_TO_BEFORE_RE = re.compile(
    r"\bfrom\s+"
    + _TO_LEVEL_QUALIFIER
    + r"\d[\d,.]*(?:\s+[a-z]+)?(?:\s+(?:in\s+)?(?:19|20)\d\d)?\s+to\s+"
    + _TO_LEVEL_QUALIFIER
    + r"$"
)
_POPULATION_RE = re.compile(r"\bpopulation\s+of\s+$", re.I)
_PER_POPULATION_RE = re.compile(r"\s+per\s+(\d{1,3}(?:,\d{3})+|\d+)(?:\s+([a-z]+))?")
_RATE_SUBJECT_RE = re.compile(r"\b([a-z]+)\s+rates?\b[^.;]*$")


def _rate_denominator(m: re.Match[str]) -> str:
    """ "per 100,000 residents" -> "per 100000 resident"."""
    noun = singularize_word(m.group(2)) if m.group(2) and m.group(2) not in _STOP_AFTER else ""
    return f"per {m.group(1).replace(',', '')} {noun}".strip()


_COUNT_TOKEN_RE = re.compile(
    r"U\.S\.(?:-[a-z]+\b)?|\d+(?:\.\d+)?[-‐][A-Za-z]+\b"
    # acronyms joined by a slash, one modifier: "38 on-site AML/CFT inspections"
    r"|[A-Z]{2,}(?:/[A-Z]{2,})+\b"
    r"|[A-Za-z][\w\-’']*|[^\w\s]"
)
_ITEM_WORD_RE = re.compile(r"[a-z][\w\-]*")
_DIGIT_NEXT_RE = re.compile(r"\s*\d")
_PER_TIME_RE = re.compile(r"\s+(?:per|a|each)\s+(day|week|month|year|hour)\b", re.I)
# Services named before one head noun of their members: ", gendarmerie and customs officers"
_GROUPS_HEAD_RE = re.compile(
    r"(?P<between>(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)[A-Za-z][\w-]*"
    r"(?:\s+[A-Za-z][\w-]*)?){1,5})\s+(?P<head>officers|officials|agents|personnel)\b"
)
_ITEM_WORD_ANY_RE = re.compile(r"[A-Za-z][\w-]*")
#: Words naming a service whose members a count may name by one head noun.
_GROUP_WORDS = frozenset(words("service_words"))
_LIST_SEP_RE = re.compile(r"\s*,\s*(?:(and|or)\s+)?|\s+(and|or)\s+")


# A size between a count and its noun: "three 36-foot interceptor boats"
_SIZE_TOKEN_RE = re.compile(
    r"(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[-‐]"
    r"(?:foot|feet|meters?|metres?|ton|tonne|kilometers?|miles?|inch|liter"
    r"|gallon|hectares?|acres?|seat|bed|person|man|member"
    # a duration: "ten two-week courses", "three 10-day courses"
    r"|week|day|month|hour)"
)


_SIZE_IN_RE = re.compile(r"(?<![\w.,])" + _SIZE_TOKEN_RE.pattern + r"\b")


_ACRONYM_RE = re.compile(r"[A-Z][A-Z&]{1,7}")


def _modifier_pair(before: str, after: str) -> bool:
    """Whether "and"/"or" between these words joins two modifiers of one counted noun
    ("federal and state officers", "Navy and Coast Guard personnel", "mid- and senior-level
    officials") rather than ending the phrase: the word before is not itself a plural noun and
    the word after is a word."""
    if not after[:1].isalpha() or after in _STOP_AFTER or after in NUMBER_WORDS:
        return False
    if "-" in after and parse_number(after) is not None:
        return False  # a second number: "twenty-five female and thirty-one male cadets"
    if before.isupper() or before.endswith("-"):
        return True
    if before[0].isupper():
        return not (before[1:].islower() and is_plural(before.lower()))
    return not is_plural(before) and before not in _INVARIANT and before not in _STOP_AFTER


#: Capitalized words of a title-case noun that are no part of a kind's name (besides a
#: country's or a people's: "16 Jamaica Customs Officers", "75 Honduran Prosecutors").
_NOT_KIND_WORDS = frozenset(
    {"New", "Additional", "Other", "More", "Total", "All", "The"}
    # the end of a place's name ("Guatemala City Prosecutors", "Bogota Metropolitan Police")
    | {"City", "Region", "Province", "District", "Department", "State", "County"}
    | {"Metropolitan", "Municipal", "Capital"}
)


@cache
def _title_modifier(word: str) -> bool:
    """Whether a title-case word before a title-case plural is part of the kind it counts
    ("Mobile" in "Mobile Gamma Ray Units"), not a demonym, a country's name or a number."""
    return (
        word[:1].isupper()
        and word[1:].islower()
        and word not in _NOT_KIND_WORDS
        and word.lower() not in NUMBER_WORDS
        and word not in _DEMONYM_TO_COUNTRY
        and lookup(word) is None
    )


_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "this", "these"})


def _compound_ahead(toks: list[re.Match[str]], n: int) -> bool:
    """Whether the plural at ``toks[n]`` modifies a plural noun within the next three words
    ("narcotics field test kits", "war crimes files", "Customs officers"): each word between
    names a kind ("field", "detection"), never a verb or a stop word."""
    for k in range(n + 1, min(n + 4, len(toks))):
        w = toks[k].group()
        if not w.isalpha() or not w.islower() or w in _STOP_AFTER:
            return False
        if is_plural(w) or w in _INVARIANT:
            # not a verb taking its object: "12,000 officers serves a population"
            after = toks[k + 1].group().lower() if k + 1 < len(toks) else ""
            return after not in _DETERMINERS and not after[:1].isdigit()
        if w not in _NOUN_MODIFIERS and not w.endswith(("tion", "sion", "ment")):
            # a word between must be a noun that names a kind ("field", "detection"), not a
            # verb whose subject the plural is ("counties protect citizens")
            return False
    return False


@dataclass(frozen=True, slots=True)
class _Joined:
    """A word hyphenated across a line break, as one token: "investiga-" / "tors" is
    "investigators" (the text keeps its offsets; only the word read is joined)."""

    word: str
    at: int
    to: int

    def group(self) -> str:
        """The word without its break (as ``re.Match.group()``)."""
        return self.word

    def start(self) -> int:
        """Where the word's first part starts."""
        return self.at

    def end(self) -> int:
        """Where the word's second part ends."""
        return self.to


# a line break (and the next line's indent) inside a hyphenated word of PDF text, or the space
# the reading view puts there (:func:`kg.extract.text.reflowed`)
_WORD_BREAK_RE = re.compile(r"[ \t]*\n[ \t]*| [ \t]*")


def _joined_at_breaks(text: str, toks: list[Any]) -> list[Any]:
    """``toks`` with each word broken by a hyphen at a line's end joined to its second part
    ("had 68 U.S. corrections advi-" / "sors": "advisors")."""
    out: list[Any] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        w = t.group()
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if (
            nxt is not None
            and len(w) >= 3
            and w.endswith("-")
            and w[:-1].isalpha()
            and nxt.group().isalpha()
            and nxt.group().islower()
            # (a suspended hyphen is no break: "mid- and senior-level officials")
            and nxt.group() not in _STOP_AFTER
            and _WORD_BREAK_RE.fullmatch(text, t.end(), nxt.start())
        ):
            out.append(_Joined(w[:-1] + nxt.group(), t.start(), nxt.end()))
            k += 2
            continue
        out.append(t)
        k += 1
    return out


# Several modifiers of one plural noun, listed: "120,000 health, education and public security
# professionals", "32 FID, Public Prosecution and Customs Affairs officers"
_MODIFIER_LIST_RE = re.compile(
    r"(?P<items>{w}(?:\s+{w})?(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+){w}(?:\s+{w})?){{1,5}})"
    r"\s+(?P<head>[a-z][a-z-]*[^s\W]s)\b".format(w=r"(?!(?:and|or)\b)[A-Za-z][\w-]*")
)


def _modifier_list(text: str, pos: int, limit: int) -> tuple[str, int, str] | None:
    """The plural noun a list of modifiers after a number ends in, as :func:`_count_noun`
    gives a counted noun, or ``None`` (the words listed must be no plural nouns, verbs or
    stop words: "trucks, radios and boats" is a list of things)."""
    m = _MODIFIER_LIST_RE.match(text, pos, limit)
    if m is None:
        return None
    for w in _ITEM_WORD_ANY_RE.findall(m.group("items")):
        low = w.lower()
        if low in ("and", "or"):
            continue
        # (a name's words may look plural: "Customs Affairs officers")
        plural = (
            w.islower() and is_plural(low) and low not in _INVARIANT and low not in _NOUN_MODIFIERS
        )
        # (nor a number: "twelve female and thirty male cadets" is two figures)
        if low in _STOP_AFTER or plural or _verb_next(low) or parse_number(low) is not None:
            return None
    return singularize_word(m.group("head")), m.end(), text[pos : m.end()]


def _count_noun(
    text: str, pos: int, limit: int, ahead: _Ahead | None = None
) -> tuple[str, int, str] | None:
    """The counted noun after a number: (counted, end offset, subject phrase) or ``None``."""
    tok0 = (ahead or _Ahead(text)).search(_COUNT_TOKEN_RE, pos, limit)
    toks: list[Any] = (
        _joined_at_breaks(
            text, [tok0, *islice(_COUNT_TOKEN_RE.finditer(text, tok0.end(), limit), 9)]
        )
        if tok0
        else []
    )
    run: list[re.Match[str]] = []
    head = None
    skip = 0
    coordinated = -1
    for n, t in enumerate(toks):
        if skip:
            skip -= 1
            continue
        w = t.group()
        nxt0 = toks[n + 1].group() if n + 1 < len(toks) else ""
        if (
            w in ("and", "or")
            and run
            and _modifier_pair(run[-1].group(), nxt0)
            and not _DIGIT_NEXT_RE.match(text, t.end(), limit)
        ):
            coordinated = len(run)  # the second modifier's place in the run
            continue  # "federal and state officers", "RTP and ONCB officers": one count
        if (
            w == "of"
            and run
            and run[-1].group()[0].isupper()
            and nxt0[:1].isupper()
            and nxt0[1:].islower()
        ):
            continue  # "180 Ministry of Interior officers"
        if (
            w == "("
            and run
            and n + 2 < len(toks)
            and _ACRONYM_RE.fullmatch(nxt0)
            and toks[n + 2].group() == ")"
        ):
            skip = 2  # "26 Maritime Enforcement Agency (MMEA) officers"
            continue
        if _SIZE_TOKEN_RE.fullmatch(w) and len(run) <= 2 and all(r.group().islower() for r in run):
            # "three 36-foot boats", "three refurbished 45-foot boats": the size is a figure of
            # its own
            continue
        if not w[0].isalpha() or w.lower() in _STOP_AFTER:
            break
        run.append(t)
        if w in _DEMONYM_PLURALS and not run[:-1]:
            return "person", t.end(), w
        if _ACRONYM_PLURAL_RE.fullmatch(w) and not (nxt0[:1].islower() and is_plural(nxt0)):
            head = t  # "60 police SUVs"
            break
        if (
            w[0].isupper()
            and len(w) > 3
            and w[1:].islower()
            and is_plural(w.lower())
            and not w.endswith(("’s", "'s", "ss", "us"))
            and not (
                nxt0[:1].isupper()
                and nxt0[1:].islower()
                # a headline's next word is no part of the kind: "19 Police Divisions Now Use",
                # "12 Officers Are Trained"
                and nxt0.lower() not in _STOP_AFTER
                and nxt0 != "Now"
                # nor its verb or a value after it: "42 Officers Graduate from ...", "6
                # Interceptor Boats Worth RM 7.2 Million"
                and nxt0 not in HEADLINE_VERBS
                and nxt0 != "Worth"
                # nor a callout's participle: "1,150 Police Officers Trained", "40 Patrol
                # Vehicles Delivered"
                and not (nxt0.endswith("ed") and len(nxt0) > 4)
            )
        ):
            if _compound_ahead(toks, n):
                # "45 Customs officers", "40 Marine Police officers", "nine Carabineros
                # officers": a name before the members it counts
                continue
            head = t  # a title-case noun: "over 150 Supervisors", "21 Armored Vehicles"
            break
        if w[0].islower() and (is_plural(w) or w in _INVARIANT) and not w.endswith(("’s", "'s")):
            nxt = toks[n + 1].group() if n + 1 < len(toks) else ""
            if (w in _INVARIANT or w in _NOUN_MODIFIERS) and (
                (
                    nxt[:1].islower()
                    and nxt not in _STOP_AFTER
                    and (is_plural(nxt) or nxt in _INVARIANT)
                )
                or _ACRONYM_PLURAL_RE.fullmatch(nxt) is not None
            ):
                continue  # "police officers", "police stations", "customs officers"
            if _compound_ahead(toks, n):
                continue  # "narcotics field test kits", "war crimes files"
            head = t
            break
    if head is None:
        return _modifier_list(text, toks[0].start(), limit) if toks else None
    mods: list[str] = []
    title = head.group()[0].isupper() and head.group()[1:].islower()
    # after "federal and state", only what follows the second modifier ("police officers")
    # a kind named in title case ("19 Mobile Gamma Ray Units"), not a force's name before
    # its members ("Marine Police officers")
    kind = title and head.group() not in FORCE_WORDS
    for t in reversed(run[coordinated + 1 : -1]):
        w = t.group()
        named = kind and _title_modifier(w)
        if title and (w.lower() in _NOUN_MODIFIERS or named):
            # "Border Police Stations" -> "police station", "19 Mobile Gamma Ray Units" ->
            # "mobile gamma ray unit"
            w = w.lower()
        # (a kind's compound in capitals is one too: "vehicle X-ray systems")
        compound = _COMPOUND_NOUN_RE.fullmatch(w.lower()) is not None
        if not (w[0].islower() or compound) or _adjectival(w.lower() if compound else w):
            break
        mods.insert(0, w)
        if len(mods) == (3 if named else 2):
            break
    head_word = head.group()
    if _ACRONYM_PLURAL_RE.fullmatch(head_word):
        head_word = head_word[:-1]
    elif title:
        head_word = singularize_word(head_word.lower())
    if not _ACRONYM_PLURAL_RE.fullmatch(head.group()):
        head_word = singularize_word(head_word)
    counted = " ".join([*mods, head_word])
    end = head.end()
    per = _PER_TIME_RE.match(text, end, limit)
    if per:
        # a rate counts its numerator ("20 trucks per hour": truck); the rate stays in the
        # quote and the subject ("trucks per hour")
        end = per.end()
    rate = _PER_POPULATION_RE.match(text, end, limit)
    if rate:
        counted += f" {_rate_denominator(rate)}"
        end = rate.end()
    first = run[0].start()
    groups = _GROUPS_HEAD_RE.match(text, end, limit) if head.group() in _GROUP_WORDS else None
    if groups is not None and all(
        w.lower() in _GROUP_WORDS or not (is_plural(w.lower()) or w.lower() in _PEOPLE_WORDS)
        for w in _ITEM_WORD_ANY_RE.findall(groups.group("between"))
        if w not in ("and", "or")
    ):
        # several services' members named by one head noun: "86 police, gendarmerie and
        # customs officers", "450 police, customs, and border officers": officer
        return singularize_word(groups.group("head")), groups.end(), text[first : groups.end()]
    # Coordinated lists: "prosecutors, judges, courtroom administrators, and investigators".
    items = [singularize_word(head.group())]
    p = end
    while True:
        sep = _LIST_SEP_RE.match(text, p, limit)
        if not sep:
            break
        item_words = list(islice(_ITEM_WORD_RE.finditer(text, sep.end(), limit), 3))
        item_end = None
        q = sep.end()
        if _DIGIT_NEXT_RE.match(text, sep.end(), limit) or (
            item_words and item_words[0].group() in NUMBER_WORDS
        ):
            break  # the next item is a figure of its own ("14 trucks, six motors")
        if item_words and _verb_next(item_words[0].group()):
            break  # a second verb of the clause: "trained 86 officers and installed radios"
        for k_, iw in enumerate(item_words):
            if text[q : iw.start()].strip() or iw.group() in _STOP_AFTER:
                break
            q = iw.end()
            nxt_w = item_words[k_ + 1].group() if k_ + 1 < len(item_words) else ""
            if (iw.group() in _INVARIANT or iw.group() in _NOUN_MODIFIERS) and (
                nxt_w and nxt_w not in _STOP_AFTER and is_plural(nxt_w)
            ):
                continue  # "police officers": a modifier, the item's noun follows
            if is_plural(iw.group()):
                item_end = q
                items.append(singularize_word(iw.group()))
                break
        if item_end is None:
            break
        p = item_end
        if sep.group(1) or sep.group(2):
            end = p
            break
    if len(items) > 1 and end == p:
        if any(i in _PEOPLE_WORDS for i in items):
            counted = "person"
    elif counted.split()[-1] in ("people", "person"):
        counted = "person"
    # "people" and "personnel" count persons; "31 individuals" stays as written
    if counted.split()[-1] in ("person", "people", "personnel"):
        counted = "person"
    elif counted.split()[-1] == "staff":
        counted += " member"  # "60 NACD staff", "150 prison staff": one staff member each
    return counted, end, text[first:end]


# "one" as a count where the text counts by it, after a word that counts or holds: "Belize has
# one residential treatment center", "Courts convicted one defendant", "only one patrol boat"
# (not "one of", "in one case", "one officer for every 2,300 residents")
_ONE_RE = re.compile(
    r"\b(?:only|just|exactly|has|have|had|operates|operated|runs|ran|convicted|reported"
    r"|employs|employed|fields|fielded|opened|resolved)\s+(one)\s+(?=[a-z])"
)
_ONE_WORD_RE = re.compile(r"[a-z][a-z-]*")
_BLANKS_RE = re.compile(r"[ \t]+")
_ONE_NOT_HEADS = frozenset({"time", "day", "way", "another", "more", "last", "such", "other"})
_RATE_AFTER_RE = re.compile(r"\s+(?:for\s+every|per|in\s+(?:every|each))\b")


def _one_counts(text: str, s: int, e: int, taken: list[_Fig]) -> list[_Fig]:
    """The counts that "one" states in sentence ``text[s:e]`` (see :data:`_ONE_RE`), outside
    the figures ``taken``: the counted noun is the last word of the noun phrase after it that
    is no participle or adjective ("one recommendation unresolved" counts recommendations)."""
    out: list[_Fig] = []
    for m in _ONE_RE.finditer(text, s, e):
        if any(f.span.start <= m.start(1) < f.span.end for f in taken):
            continue
        words: list[re.Match[str]] = []
        pos = m.end()
        while len(words) < 4:
            w = _ONE_WORD_RE.match(text, pos, e)
            if w is None or w.group() in _STOP_AFTER or w.group() in ("but", "had", "was"):
                break
            words.append(w)
            sp = _BLANKS_RE.match(text, w.end(), e)
            if sp is None:
                break
            pos = sp.end()
        while words and (
            words[-1].group().endswith(("ed", "ly")) or _adjectival(words[-1].group())
        ):
            words.pop()
        if not words or words[-1].group() in _ONE_NOT_HEADS or is_plural(words[-1].group()):
            continue
        head = words[-1]
        if _RATE_AFTER_RE.match(text, head.end(), e):
            continue
        mods: list[str] = []
        for w in reversed(words[:-1]):
            if _adjectival(w.group()) or len(mods) == 2:
                break
            mods.insert(0, w.group())
        counted = " ".join([*mods, head.group()])
        out.append(
            _Fig(
                Span.of(text, m.start(1), head.end()),
                m.start(1),
                m.end(1),
                Decimal(1),
                "count",
                counted=counted,
                subject=counted,
            )
        )
    return out


def _find_figures(
    text: str, sents: list[tuple[int, int]], identifiers: set[str], ahead: _Ahead | None = None
) -> list[tuple[_Fig, int]]:
    """Every figure with the index of its sentence."""
    ahead = ahead or _Ahead(text)
    out: list[tuple[_Fig, int]] = []
    found: list[_Fig] = []
    multiples = _MULTIPLE_RE.search(text) is not None  # (most documents state none)
    last: _Fig | None = None  # the last count of the sentence before
    for si, (s, e) in enumerate(sents):
        pos = s
        fractions = _fractions(text, s, e, ahead)
        if multiples:
            fractions = sorted(fractions + _multiples(text, s, e), key=lambda f: f.num_start)
        taken = [(f.num_start, f.num_end) for f in fractions]
        while True:
            m = _NUMBER_RE.search(text, pos, e)
            if not m:
                break
            pos = m.end()
            if fractions and any(a <= m.start() < b for a, b in taken):
                continue
            while fractions and fractions[0].num_start < m.start():
                found.append(fractions.pop(0))
            fig, consumed = _read_figure(text, m, s, e, identifiers, ahead)
            size = _SIZE_IN_RE.search(text, m.end(), consumed) if fig is not None else None
            if size is not None:
                consumed = size.start()  # "three (refurbished) 36-foot boats": read the size too
            if consumed > pos:
                pos = consumed
            if fig is not None:
                found.append(fig)
        found.extend(fractions)
        found.extend(_one_counts(text, s, e, found))
        found.sort(key=lambda f: f.num_start)
        resolved = _resolve_bare(text, found, last)
        out.extend((f, si) for f in resolved)
        last = next((f for f in reversed(resolved) if f.unit == "count"), None)
        found = []
    table = _table_figures(text)
    taken_cells = {f.num_start for f in table}
    shift = max((f.table for f in table), default=0)  # indicator tables number on after them
    for f in _indicator_table_figures(text):
        if f.num_start not in taken_cells:
            f.table += shift
            table.append(f)
    taken_cells = {f.num_start for f in table}
    shift = max((f.table for f in table), default=0)
    for f in _statistics_table_figures(text):
        if f.num_start not in taken_cells:
            f.table += shift
            table.append(f)
    table.sort(key=lambda f: f.num_start)
    if table:
        # table amounts replace whatever the sentence reading made of the same numbers
        cells = sorted(f.num_start for f in table)
        starts = [a for a, _b in sents]

        def holds_cell(f: _Fig) -> bool:
            i = bisect_left(cells, f.span.start)
            return i < len(cells) and cells[i] < f.span.end

        out = [(f, si) for f, si in out if not holds_cell(f)]
        out.extend((f, max(0, bisect_right(starts, f.span.start) - 1)) for f in table)
        out.sort(key=lambda fs: fs[0].span.start)
    return out


# A multiple of another level: "more than double the 2019 figure", "nearly doubled", "twice as
# many", "a threefold increase", "rose more than sixfold", "five times as many". Not a
# frequency ("twice a year", "met twice in 2019") nor a kind ("double-cabin", "double agents").
_MULTIPLE_WORDS = {"twice": 2, "double": 2, "thrice": 3, "triple": 3, "quadruple": 4}
_MULTIPLE_RE = re.compile(
    r"(?<![\w-])(?:(twice|thrice)(?=\s+(?:as|the|its|their|his|her|our|this|that|what|more"
    r"|over|higher|larger|greater)\b)"
    r"|(doubl|tripl|quadrupl)(?:ed|ing|es\b(?=\s+(?:the|its|their|this|that|in|to|from|over))"
    r"|e(?=\s+(?:the|its|their|his|her|our|this|that|what)\b))"
    r"|(two|three|four|five|six|seven|eight|nine|ten|twenty|\d+(?:\.\d+)?)(?:-fold|fold"
    r"|\s+times(?=\s+(?:as|more|higher|greater|larger|the|that|what|over)\b)))(?![\w-])",
    re.IGNORECASE,
)
_MULTIPLE_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twenty": 20,
}  # fmt: skip


def _multiples(text: str, s: int, e: int) -> list[_Fig]:
    """The multiples of a sentence ("more than doubled", "a threefold increase", "twice as
    many arrests") as figures of unit ``times``: the value is the factor, the qualifier the
    word before it.

    >>> t = "Seizures more than doubled in 2019, and arrests rose fivefold."
    >>> [(str(f.value), f.unit, f.qualifier.value) for f in _multiples(t, 0, len(t))]
    [('2', 'times', 'more-than'), ('5', 'times', 'exact')]
    """
    out: list[_Fig] = []
    for m in _MULTIPLE_RE.finditer(text, s, e):
        word = (m.group(1) or m.group(2) or "").lower()
        if m.group(3):
            factor = m.group(3).lower()
            value = Decimal(_MULTIPLE_NUMBERS[factor]) if factor.isalpha() else Decimal(factor)
        else:
            value = Decimal(_MULTIPLE_WORDS[word + ("e" if m.group(2) else "")])
        if value <= 1:
            continue
        start = m.start()
        qualifier = Qualifier.EXACT
        qm = _QUAL_RE.search(text, max(s, start - 40), start)
        if qm:
            for idx, (_p, qual) in enumerate(_QUALIFIERS):
                if qm.group(idx + 1):
                    qualifier = qual
            start = qm.start()
        out.append(
            _Fig(Span.of(text, start, m.end()), m.start(), m.end(), _plain(value), "times",
                 qualifier=qualifier)
        )  # fmt: skip
    return out


def _fractions(text: str, s: int, e: int, ahead: _Ahead) -> list[_Fig]:
    """The fractions and word proportions of a sentence as percent figures, in order.

    "over half of the prisons" is more than 50 percent, "one-third" 33.3, "three-quarters" 75,
    "one percent" 1 (one decimal place, as the gold convention says).
    """
    if ahead.search(_FRACTION_RE, s, e) is None:
        return []
    out: list[_Fig] = []
    for m in _FRACTION_RE.finditer(text, s, e):
        if m.group(5) or m.group(7):  # "one in four inmates": 25 percent
            numerator = (m.group(5) or m.group(7)).lower()
            num = int(numerator) if numerator.isdigit() else _SMALL_NUMBERS[numerator]
            d = " ".join((m.group(6) or m.group(8)).lower().split()).removeprefix("a ")
            den = int(d) if d.isdigit() else NUMBER_WORDS[d]
            if not 0 < num < den:
                continue
            value = _plain((Decimal(num * 100) / Decimal(den)).quantize(Decimal("0.1")))
            end = m.end()
        elif m.group(4):  # "one percent"
            value = Decimal(1)
            um = _UNIT_RE.match(text, m.end(), e)
            if um is None:
                continue
            end = um.end()
        else:
            num = _FRACTION_NUMERATORS[m.group(1).lower()] if m.group(1) else 1
            den = _FRACTION_WORDS[(m.group(2) or m.group(3)).lower()]
            if num >= den:
                continue
            value = _plain((Decimal(num * 100) / Decimal(den)).quantize(Decimal("0.1")))
            end = m.end()
        start = m.start()
        before = text[max(s, start - 60) : start]
        qualifier = Qualifier.EXACT
        qm = _QUAL_RE.search(before)
        if qm:
            for idx, (_p, qual) in enumerate(_QUALIFIERS):
                if qm.group(idx + 1):
                    qualifier = qual
            start = max(s, start - 60) + qm.start()
        of = re.match(
            r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?[\w-]+(?:\s+[a-z][\w-]*s\b)?", text[end:e]
        )
        span_end = end + of.end() if of else end
        subject = _subject(text, end, e, "percent")
        change = _change(text, s, start, span_end, e, text[s:start], "percent")
        than = _FRACTION_THAN_RE.match(text, end, e)
        if than is not None:
            span_end = than.end()  # "a third fewer than in 2008": quoted through "than"
        out.append(
            _Fig(
                Span.of(text, start, span_end),
                m.start(),
                end,
                value,
                "percent",
                None,
                None,
                qualifier,
                change,
                subject,
            )
        )
    return out


# Budget tables: amounts "in thousands" under fiscal-year columns.
# the dollars a table's note names: "dollars", "current U.S. dollars"
_DOLLARS = r"(?:current\s+|constant\s+|nominal\s+)?(?:U\.S\.\s+|US\s+)?dollars"
_THOUSANDS_NOTE_RE = re.compile(
    r"\(\s*(?:\$|USD|US\$|dollars)\s*in\s+thousands\s*\)|\(\s*(?:\$|USD|US\$)\s*0{3}s?\s*\)"
    r"|\(\s*in\s+(?:\$|USD\s?|US\$)\s*0{3}s?\s*\)|\(\s*(?:\$|USD|US\$)\s*thousands\s*\)"
    r"|\$\s*in\s+thousands|\b(?:dollars|USD|amounts|figures|funds)\s+(?:are\s+)?in\s+thousands\b"
    # ("in thousands of current U.S. dollars" too)
    r"|\bthousands\s+of\s+" + _DOLLARS + r"\b"
    r"|\(\s*in\s+\$?\s*thousands\s*\)",
    re.IGNORECASE,
)
# ... and "in millions": "(dollars in millions)", "($ in millions)", "(in millions of dollars)"
_MILLIONS_NOTE_RE = re.compile(
    r"\(\s*(?:\$|USD|US\$|dollars)\s*in\s+millions\s*\)|\(\s*(?:\$|USD|US\$)\s*millions\s*\)"
    r"|\(\s*in\s+(?:\$\s*)?millions(?:\s+of\s+" + _DOLLARS + r")?\s*\)"
    # "(millions of dollars)", "(millions of current U.S. dollars)", "(US$ million)", "($M)"
    r"|\(\s*millions\s+of\s+" + _DOLLARS + r"\s*\)"
    r"|\(\s*(?:\$|USD|US\$)\s*(?:million|M|mn)\s*\)"
    # a note after the table's account: "(INCLE, $ millions)"
    r"|\([^()\n]{1,40},\s*(?:\$|USD|US\$)\s*(?:in\s+)?millions?\s*\)"
    r"|\b(?:dollars|USD|amounts|figures|funds)\s+(?:are\s+)?in\s+millions\b",
    re.IGNORECASE,
)


def _amounts_factor(text: str) -> int | None:
    """What a note on the amounts multiplies them by: 1,000 "in thousands", 1,000,000 "in
    millions"; ``None`` without a note."""
    if _MILLIONS_NOTE_RE.search(text):
        return 1_000_000
    return 1000 if _THOUSANDS_NOTE_RE.search(text) else None


_FY_COLUMN_RE = re.compile(
    r"\b(?:FY|Fiscal\s+[Yy]ear)\s?((?:19|20)\d\d)(?:\s+(?:Actual|Actuals|Enacted|Estimate|Estimated"
    r"|Request|Requested|Plan|Planned|CR|Allocation|President[’']s\s+Budget|Budget))?\b"
)
_AMOUNT_CELL_RE = re.compile(
    r"(?<![\w.,$])(?:(?<![(-])-|\((?=[\d,.]+\)))?\$?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\)?"
    r"(?=[ \t]*(?:[;|]|\.?[ \t]*$|[ \t]{2,}|\t|[ \t]+[-(]?\$?\d|[ \t]+FY\b))"
)
# A change column of a header ("Increase / Decrease", "Increase/" over "(Decrease)", "Change")
_CHANGE_COLUMN_RE = re.compile(r"\b(?:increase|change|difference)\b", re.IGNORECASE)
_PROSE_LINE_RE = re.compile(r"\.\s*$")


def _table_figures(text: str) -> list[_Fig]:
    """Amounts in budget tables whose note says they are in thousands of dollars.

    A header line with two or more fiscal-year columns ("FY 2019 Actual  FY 2020 Estimate")
    gives the years of the amounts in the rows below it, column by column; a row or line that
    names its own year ("FY 2019 Actual: 12,500") gives it directly. Under a note "($ in
    thousands)" each amount is multiplied by 1,000 ("12,500" is 12,500,000 USD), under "(dollars
    in millions)" by 1,000,000. The note's scope runs to the first prose line (one ending with a
    period) after the table.
    """
    if _amounts_factor(text) is None:
        return []
    factor = 1000
    out: list[_Fig] = []
    number = 0  # the table's number: one more at each note and each header row

    def emit(figs: list[_Fig]) -> None:
        for f in figs:
            f.table = number
        out.extend(figs)

    in_scope = False
    note_year: int | None = None
    columns: list[int] = []
    change_column = False
    piped: list[tuple[int, int, int | None, bool]] = []
    pos = 0
    recent: list[str] = []  # the two lines before this one (a table's title above its note)
    # a header laid out one cell a line, as PDF text has it ("FY 2022" / "Actual" / "FY 2023"
    # / ... / "Increase /" / "Decrease"): its years so far, and whether it has a change column
    stacked: list[int] = []
    stacked_change = False
    # a row laid out one cell a line ("INCLE Total" / "17,865" / "10,450" / ...): the column of
    # the next amount, after a label line
    vertical: int | None = None
    row_label = ""
    # a header whose columns are an amount and its share: "Activity area  Amount (dollars in
    # millions)  Percentage of total": each column's kind
    kinds: list[str] = []
    for line in text.splitlines(keepends=True):
        lo = pos
        pos += len(line)
        before = recent[-1] if recent else ""
        above, recent = " ".join(recent), [*recent[-1:], line.strip()]
        note = _amounts_factor(line)
        if note is not None:
            in_scope, factor = True, note
            number += 1
            header = [int(f.group(1)) for f in _FY_COLUMN_RE.finditer(before)]
            if len(_FY_COLUMN_RE.findall(line)) < 2 and len(header) >= 2:
                # the years over the note's line ("FY 2023   FY 2024   FY 2025" over "($ in
                # thousands)   Actual   Estimate   Request"): the columns of the rows below
                columns, piped = header, []
                change_column = _CHANGE_COLUMN_RE.search(line) is not None
            # "..., as of March 31, 2016 (dollars in thousands)": the status date's year; a
            # span of years ("Fiscal Years 2008-2015") gives none; the title may be above the
            # note ("Table 2: Status of Funds, as of March 31,\n2011\nDollars in millions")
            as_of = re.search(r"\bas\s+of\s+[^()]*?((?:19|20)\d\d)\b", line) or (
                re.search(r"\bas\s+of\s+[^()]*?((?:19|20)\d\d)\b\s*$", above)
                if not re.search(r"\d", line)
                else None
            )
            note_year = int(as_of.group(1)) if as_of else None
            if note_year is None and len(single := _FY_COLUMN_RE.findall(line)) == 1:
                # a title of one fiscal year: "FY 2023 INCLE Allocation ($000)"
                note_year = int(single[0])
            kinds = []
            share = _SHARE_HEAD_RE.search(line)
            found = _MILLIONS_NOTE_RE.search(line) or _THOUSANDS_NOTE_RE.search(line)
            if share is not None and found is not None and not _FY_COLUMN_RE.search(line):
                kinds = (
                    ["amount", "percent"]
                    if found.start() < share.start()
                    else ["percent", "amount"]
                )
            if len(_FY_COLUMN_RE.findall(line)) < 2:
                continue
        if not in_scope:
            continue
        body = line.rstrip("\n")
        if _PROSE_LINE_RE.search(body) and len(body.split()) >= 8:
            in_scope, columns, piped, stacked, vertical = False, [], [], [], None
            continue
        if not columns and _STACKED_HEAD_RE.fullmatch(body):
            head = _FY_COLUMN_RE.match(body.strip())
            if head is not None:
                stacked.append(int(head.group(1)))
            stacked_change = stacked_change or _CHANGE_COLUMN_RE.search(body) is not None
            continue
        if len(stacked) >= 2:
            columns, change_column, piped = stacked, stacked_change, []
            number += 1
        stacked, stacked_change = [], False
        if columns and _LONE_AMOUNT_RE.fullmatch(body) and vertical is not None:
            cell = _AMOUNT_CELL_RE.search(body)
            if cell is not None and vertical < len(columns):
                emit([_table_fig(text, lo, cell, columns[vertical], row_label, factor)])
            elif cell is not None and change_column and vertical == len(columns):
                emit([_change_cell(text, lo, cell, columns[-1], row_label, factor)])
            vertical += 1
            continue
        vertical = None
        fys = list(_FY_COLUMN_RE.finditer(body))
        cells = [
            c
            for c in _AMOUNT_CELL_RE.finditer(body)
            if not _inside(c, fys) and c.group().startswith("(") == c.group().endswith(")")
        ]
        years = _bare_year_columns(body) if len(fys) < 2 else []
        if years:
            # a header row of bare years ("Agency   2007   2008   2009")
            columns, change_column, piped = years, False, []
            number += 1
            continue
        if len(fys) >= 2 and not cells:
            columns = [int(f.group(1)) for f in fys]  # a header row
            number += 1
            change_column = _CHANGE_COLUMN_RE.search(body, fys[-1].end()) is not None
            piped = _pipe_header(body)
            continue
        if not cells and body.count("|") >= 2:
            if not re.fullmatch(r"[\s|:-]*", body):  # not a "| --- | --- |" rule
                piped = _pipe_header(body)  # "Pillar | Allocated | Obligated | Expended"
                number += 1
            continue
        if kinds and not columns and len(cells) == len(kinds):
            # a row of an amount and its share ("Police professionalization 44.2 36.5")
            for c, kind in zip(cells, kinds, strict=True):
                fig = _table_fig(text, lo, c, note_year, body, factor)
                if kind == "percent":
                    fig.unit, fig.value = "percent", _plain(parse_number(c.group(1)) or Decimal(0))
                    if fig.value == 100 and (fig.row or "").lower().startswith("total"):
                        continue  # the whole's share of itself
                emit([fig])
            continue
        if columns and not cells and not fys and _ROW_LABEL_RE.fullmatch(body):
            vertical, row_label = 0, body  # the label of a row laid out one cell a line
            continue
        if cells and piped and body.count("|") >= 2:
            # a pipe table: each cell under its own header cell ("| INCLE | 14,500 | ...");
            # without a fiscal year over any column, the table's own year (its title's)
            whole = None if any(y is not None for _, _, y, _ in piped) else note_year
            emit(_pipe_row(text, lo, body, cells, piped, whole, factor))
            continue
        if cells and fys:
            # "FY 2019 Actual: 12,500" or "FY 2018 Actual 9,800; FY 2019 Request 7,250": each
            # amount takes the year named last before it
            for c in cells:
                prior = [f for f in fys if f.end() <= c.start()]
                if prior:
                    emit([_table_fig(text, lo, c, int(prior[-1].group(1)), body, factor)])
            continue
        row_year = _ROW_YEAR_RE.match(body) if not columns else None
        if cells and row_year is not None:
            # a table by year, one row a year ("2007      13.4      6.8"): each amount is of it
            year = int(row_year.group(1))
            emit(
                [
                    _table_fig(text, lo, c, year, body, factor)
                    for c in cells
                    if c.start() >= row_year.end()
                ]
            )
            continue
        if cells and columns and change_column and len(cells) == len(columns) + 1:
            # the last amount is the change from the column before it to the last year's
            # ("-455", "(135)" a decrease)
            emit(
                [
                    _table_fig(text, lo, c, y, body, factor)
                    for c, y in zip(cells, columns, strict=False)
                ]
            )
            emit([_change_cell(text, lo, cells[-1], columns[-1], body, factor)])
            continue
        if cells and columns and len(cells) <= len(columns):
            offset = len(columns) - len(cells)  # right-aligned: missing early columns
            emit(
                [
                    _table_fig(text, lo, c, columns[offset + k], body, factor)
                    for k, c in enumerate(cells)
                ]
            )
            continue
        if len(cells) == 1 and not columns and _LABELLED_ROW_RE.match(body):
            # a one-column table ("Agency  Amount" over "INL   60.3"): the note's year, if any
            emit([_table_fig(text, lo, cells[0], note_year, body, factor)])
        elif len(cells) == 1 and not columns and _AMOUNT_LINE_RE.fullmatch(body):
            # a table whose cells are lines of their own, as text taken from a PDF lays it out
            # ("Aircraft and related support" over "$590.5" over "$528.0"): the note's year
            emit([_table_fig(text, lo, cells[0], note_year, body, factor)])
    return out


# A cell of a header laid out one cell a line: "FY 2022", "Actual1" (a footnote's marker
# fused to it), "Estimate", "Increase /", "(Decrease)"
_STACKED_HEAD_RE = re.compile(
    r"[ \t]*(?:(?:FY|Fiscal\s+Year)\s?(?:19|20)\d\d|Actuals?|Enacted|Estimated?|Request(?:ed)?"
    r"|Increase|Decrease|Change|Difference|CR|Plan(?:ned)?)\d?[ \t]*/?[ \t]*"
    r"|[ \t]*/?[ \t]*\(?(?:Increase|Decrease)\)?\d?[ \t]*"
)
# a header's column of shares: "Percentage of total", "Percent of total", "Share"
_SHARE_HEAD_RE = re.compile(r"\b(?:Percent(?:age)?|Share)(?:\s+of\s+(?:the\s+)?total)?\b")
# A line that is one amount ("17,865", "-715", "(135)")
_LONE_AMOUNT_RE = re.compile(r"[ \t]*(?:-|\()?\$?[\d,.]+\)?[ \t]*")
# The label of a row whose cells follow it one a line ("INCLE Total", "Peace and Security")
_ROW_LABEL_RE = re.compile(r"[ \t]*[A-Z][A-Za-z,&/' ()-]{1,60}[ \t]*")
# A row of a table by year: a year, then a column gap ("2007            13.4       6.8")
_ROW_YEAR_RE = re.compile(r"[ \t]*(?:FY\s?)?((?:19|20)\d\d)(?=[ ]{2,}|\t)")
# A line that is one amount and nothing else ("$590.5", "214.8")
_AMOUNT_LINE_RE = re.compile(r"[ \t]*\$?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d[ \t]*|[ \t]*\$[\d,.]+[ \t]*")
# A row of a one-column table: a label, a gap of two or more spaces (or a tab), one amount.
_LABELLED_ROW_RE = re.compile(
    # (or dot leaders: "Port and Maritime Security ............. 8,200")
    r"[ \t]*[A-Za-z][^\d\n]{0,60}?(?:[ ]{2,}|\t|[ ]?\.{3,}[ ]*)[ \t]*\(?\$?[\d,.]+\)?[ \t]*$"
)
_BARE_YEAR_RE = re.compile(r"(?<![\w.,$/-])((?:19|20)\d\d)(?![\w.,/-])")


def _bare_year_columns(body: str) -> list[int]:
    """The years of a header row of bare years, two or more and no other number
    ("Agency        2007      2008      2009"); ``[]`` for any other line.

    >>> _bare_year_columns("Agency        2007      2008      2009")
    [2007, 2008, 2009]
    >>> _bare_year_columns("INL   2007   60.3"), _bare_year_columns("Maritime   1998   2015")
    ([], [])
    """
    years = [int(m.group(1)) for m in _BARE_YEAR_RE.finditer(body)]
    if len(years) < 2 or re.search(r"\d", _BARE_YEAR_RE.sub("", body)):
        return []
    # the years of columns follow each other ("2007 2008 2009"), not a row's values ("1998 2015")
    if any(not 0 < b - a <= 2 for a, b in itertools.pairwise(years)):
        return []
    return years


_NUMBER_CELL_RE = re.compile(r"^\s*(?:[<>~≈]\s*)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(%?)\s*$")
_LABEL_UNIT_RE = re.compile(r"\(([^()]{1,30})\)\s*$")
# An indicator table's column heads: a fiscal year ("FY 2019") and a role ("Actual"), and the
# indicator's label above it ("Indicator PS.5.2-14: Number of ... officials trained")
_FY_HEAD_RE = re.compile(r"(?:FY|CY)\s?((?:19|20)\d\d)")
_COLUMN_ROLE_RE = re.compile(r"(?:Actual|Target|Baseline|Estimate|Planned|Result)s?")
_INDICATOR_HEAD_RE = re.compile(r"^[ \t]*Indicator\b(?!\s+Type\b)[^:\n]*:[ \t]*([^\n]+)$", re.M)


def _indicator_block_unit(text: str, pos: int) -> tuple[str, str | None] | None:
    """The unit of an indicator's table at ``pos``: the indicator's label on a line above it
    (within 400 characters) names it ("Number of host government law enforcement officials
    trained": official; "Unit of Measure: Percent": percent); ``None`` when it names none."""
    lo = max(0, pos - 400)
    labels = list(_INDICATOR_HEAD_RE.finditer(text, lo, pos))
    if not labels:
        return None
    label = labels[-1].group(1)
    measure = _UNIT_OF_MEASURE_INLINE_RE.search(text, labels[-1].end(), pos)
    if measure is not None and measure.group(1).lower().startswith("percent"):
        return "percent", None
    found = _indicator_unit(label)
    if found is not None:
        return found
    noun = _label_noun(label)
    return ("count", noun) if noun else None


_UNIT_OF_MEASURE_INLINE_RE = re.compile(r"\bUnits?\s+of\s+Measure\s*:\s*(\w+)", re.I)
# A table's title line ("Table 4.1. Seizures by Agency units, 2017-2018 (kg)") and a last
# column of percent changes ("Change, %", "% change"), with its signed cells ("-8.6", "+45.1")
_TABLE_TITLE_RE = re.compile(r"\s*(?:Table|Figure|Exhibit)\s+[\w.-]+[.:]?\s")
_CHANGE_HEAD_RE = re.compile(r"(?:Change,?\s*%|%\s*[Cc]hange|[Cc]hange\s*\(%\)|Percent\s+change)")
_SIGNED_CELL_RE = re.compile(r"[+\-−–]\d+(?:\.\d+)?")


# A statistics table laid out in columns: cells apart by two spaces or more (or a tab)
_COLUMN_GAP_RE = re.compile(r"[ ]{2,}|\t+")
_STAT_CELL_RE = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(%?)")
# a column head naming its year: "Baseline (2017)", "Endline (2021)", "Target (FY 2023)"
_NAMED_YEAR_HEAD_RE = re.compile(
    r"(?:Baseline|Endline|Midline|Target|Actual|Result)s?\s+\((?:(?:FY|CY)\s?)?((?:19|20)\d\d)\)"
)
# a column head of a table by category: words only, no figure ("Items in inventory")
_CATEGORY_HEAD_RE = re.compile(r"[A-Z][A-Za-z]*(?:[ ,/-]{1,2}[A-Za-z()]+){0,5}")
# the first column of a table by year: "Fiscal year", "Year", "FY", "Calendar year"
_YEAR_COLUMN_RE = re.compile(r"(?:Fiscal\s+year|Calendar\s+year|Year|FY)", re.IGNORECASE)


def _row_cells(body: str) -> tuple[str, list[tuple[int, int, str]]]:
    """A table line's label and its cells as (start, end, text), split at gaps of two
    spaces or more; the label is the first cell when it is not a number."""
    cells: list[tuple[int, int, str]] = []
    pos = len(body) - len(body.lstrip())
    for gap in [*_COLUMN_GAP_RE.finditer(body, pos), None]:
        end = gap.start() if gap is not None else len(body.rstrip())
        if end > pos:
            cells.append((pos, end, body[pos:end]))
        if gap is None:
            break
        pos = gap.end()
    if cells and not _STAT_CELL_RE.fullmatch(cells[0][2]):
        return cells[0][2], cells[1:]
    return "", cells


def _label_unit(label: str) -> tuple[str, str | None] | None:
    """The unit (and counted noun) a statistics table row's label gives its cells: a unit in
    parentheses ("Net Cultivation (ha)": hectare, "(mt)": metric-ton, "(%)": percent), else
    the count of its first plural noun ("Labs Destroyed": lab); ``None`` for neither."""
    paren = _LABEL_UNIT_RE.search(label)
    if paren is not None:
        word = paren.group(1).strip()
        if word in ("%", "percent"):
            return "percent", None
        if _UNIT_RE.fullmatch(" " + word) or _UNIT_RE.fullmatch(" " + word.upper()):
            unit, noun = unit_and_counted(word)
            if unit != "count" or noun is not None:
                return unit, noun
    counted = _label_noun(_LABEL_UNIT_RE.sub("", label))
    return ("count", counted) if counted else None


def _statistics_table_figures(text: str) -> list[_Fig]:
    """The cells of statistics tables laid out in columns, without an amounts note:

    - under a header of years ("                1995      1994      1993", either order),
      each row "Net Cultivation (ha)    48,600    48,100    47,200" gives one figure per
      cell, of its column's year, in the unit its label names (hectare) or counting its
      label's noun ("Labs Destroyed": lab); a row without numbers ("Seizures") heads the
      rows below;
    - under a header whose first column is the year ("Fiscal year    Aircraft    Flight
      hours"), each row "2019    88    24,310" gives one figure per cell, of the row's year,
      counting its column's noun (aircraft, flight hour).

    A table ends at a blank line followed by anything but a table row, or at a prose line.
    """
    out: list[_Fig] = []
    number = 0
    years: list[int] = []  # the columns' years (a header of years)
    columns: list[tuple[int, int, str]] = []  # the column heads (a table by year)
    categories: list[str] = []  # the column heads of a table by category
    titled: tuple[str, str | None] | None = None  # the unit a table's title line names
    change_column = False  # a header of years ends with a column of percent changes
    pos = 0
    for line in text.splitlines(keepends=True):
        lo = pos
        pos += len(line)
        body = line.rstrip("\n")
        if not body.strip():
            continue
        label, cells = _row_cells(body)
        if not cells and _TABLE_TITLE_RE.match(body):
            # "Table 4.1. Seizures by Agency units, 2017-2018 (kg)": its rows' unit
            titled = _label_unit(body)
            titled = titled if titled is not None and titled[0] != "count" else None
            continue
        if (
            categories
            and label
            and len(cells) == len(categories)
            and all(_STAT_CELL_RE.fullmatch(c[2]) for c in cells)
        ):
            # a row of a table by category: "Vehicles and boats   226   205" under
            # "Category   Items in inventory   Items inspected" counts items
            for (a, b, cell), category in zip(cells, categories, strict=True):
                found = _label_unit(category) or _label_unit(label)
                if found is None:
                    continue
                fig = _stat_cell(text, lo + a, lo + b, cell, *found, None)
                if fig is not None:
                    fig.table, fig.row = number, label.strip()
                    fig.subject = f"{label.strip()}: {category}"
                    out.append(fig)
            continue
        categories = []
        if (
            len(cells) >= 2
            and not years
            and not columns
            and all(_CATEGORY_HEAD_RE.fullmatch(c[2]) for c in cells)
            and (not label or _CATEGORY_HEAD_RE.fullmatch(label.strip()))
            and not _YEAR_COLUMN_RE.fullmatch(label.strip())  # (a table by year: below)
            and not _PROSE_LINE_RE.search(body)
        ):
            categories = [c[2] for c in cells]
            number += 1
            continue
        header_years = [int(c[2]) for c in cells if re.fullmatch(r"(?:19|20)\d\d", c[2])]
        # (a last column of the percent change between the two years: "Change, %")
        changed = (
            len(cells) == len(header_years) + 1 == 3
            and _CHANGE_HEAD_RE.fullmatch(cells[-1][2]) is not None
        )
        # or columns named with their years: "Baseline (2017)   Endline (2021)"
        named = [_NAMED_YEAR_HEAD_RE.fullmatch(c[2]) for c in cells]
        if len(cells) >= 2 and all(named) and not header_years:
            header_years = [int(m.group(1)) for m in named if m]
        if (
            cells
            and (
                _FY_HEAD_RE.fullmatch(label.strip())
                and all(_FY_HEAD_RE.fullmatch(c[2]) for c in cells)
            )
        ) or (
            _COLUMN_ROLE_RE.fullmatch(label.strip())
            and all(_COLUMN_ROLE_RE.fullmatch(c[2]) for c in cells)
        ):
            # (a header's first cell, which the row reader takes for a label)
            at = len(body) - len(body.lstrip())
            cells = [(at, at + len(label.strip()), label.strip()), *cells]
            label = ""
        fiscal = [m for c in cells if (m := _FY_HEAD_RE.fullmatch(c[2])) is not None]
        if not label.strip() and len(cells) >= 2 and len(fiscal) == len(cells):
            # an indicator's columns by fiscal year, a year repeated for its target and actual
            # ("FY 2018  FY 2019  FY 2019  FY 2020" over "Actual  Target  Actual  Target"):
            # the rows take the unit the indicator's label above names
            fy = [int(m.group(1)) for m in fiscal]
            if all(0 <= b - a <= 1 for a, b in pairwise(fy)):
                years, columns, change_column = fy, [], False
                titled = _indicator_block_unit(text, lo) or titled
                number += 1
                continue
        if (
            years
            and all(_COLUMN_ROLE_RE.fullmatch(c[2]) for c in cells)
            and (not label.strip() or _COLUMN_ROLE_RE.fullmatch(label.strip()))
        ):
            continue  # the columns' roles under their years: "Actual  Target"
        if (
            len(header_years) >= 2
            and (len(header_years) == len(cells) or changed)
            and not label.strip(" \t:").replace("Year", "").strip().isdigit()
        ):
            steps = [abs(b - a) for a, b in pairwise(header_years)]
            if all(0 < d <= (10 if all(named) else 2) for d in steps) and (
                header_years == sorted(header_years)
                or header_years == sorted(header_years, reverse=True)
            ):
                years, columns, change_column = header_years, [], changed
                number += 1
                continue
        if (
            label
            and _YEAR_COLUMN_RE.fullmatch(label.strip())
            and len(cells) >= 1
            and not any(_STAT_CELL_RE.fullmatch(c[2]) for c in cells)
        ):
            columns, years = cells, []
            number += 1
            continue
        if _PROSE_LINE_RE.search(body) and len(body.split()) >= 8:
            years, columns, titled = [], [], None
            continue
        numeric = [c for c in cells if _STAT_CELL_RE.fullmatch(c[2])]
        if (
            years
            and change_column
            and label
            and len(cells) == len(years) + 1
            and all(_STAT_CELL_RE.fullmatch(c[2]) for c in cells[:-1])
            and _SIGNED_CELL_RE.fullmatch(cells[-1][2])
        ):
            # "Heroin   206.3   188.5   -8.6" under "Substance  2017  2018  Change, %" (kg)
            found = _label_unit(label) or titled
            if found is None:
                continue
            for k, (a, b, cell) in enumerate(cells[:-1]):
                fig = _stat_cell(text, lo + a, lo + b, cell, *found, years[k])
                if fig is not None:
                    fig.table, fig.row = number, label.strip()
                    fig.subject = label.strip()
                    out.append(fig)
            a, b, cell = cells[-1]
            fig = _stat_cell(text, lo + a, lo + b, cell.lstrip("+-−–"), "percent", None, years[-1])
            if fig is not None and cell.lstrip("+-−–").strip("0.") != "":
                fig.change = Change.DECREASE if cell[0] in "-−–" else Change.INCREASE
                fig.table, fig.row = number, label.strip()
                fig.subject = f"{label.strip()}: change"
                out.append(fig)
            continue
        if years and label and numeric and len(numeric) == len(cells) <= len(years):
            found = _label_unit(label) or titled
            if found is None:
                continue
            unit, counted = found
            offset = len(years) - len(cells)  # right-aligned: missing early columns
            for k, (a, b, cell) in enumerate(cells):
                fig = _stat_cell(text, lo + a, lo + b, cell, unit, counted, years[offset + k])
                if fig is not None:
                    fig.table, fig.row = number, label.strip()
                    fig.subject = _LABEL_UNIT_RE.sub("", label).strip() or None
                    out.append(fig)
            continue
        if columns and not label and cells and re.fullmatch(r"(?:19|20)\d\d", cells[0][2]):
            year = int(cells[0][2])
            rest = cells[1:]
            if (
                not rest
                or len(rest) > len(columns)
                or not all(_STAT_CELL_RE.fullmatch(c[2]) for c in rest)
            ):
                continue
            heads = columns[len(columns) - len(rest) :]  # right-aligned
            for (a, b, cell), head in zip(rest, heads, strict=True):
                # a column head names what its cells count ("Flight hours": flight hour)
                found = (
                    ("count", singularize(head[2].lower()))
                    if re.fullmatch(r"[A-Za-z][A-Za-z -]{1,30}", head[2])
                    else _label_unit(head[2])
                )
                if found is None:
                    continue
                fig = _stat_cell(text, lo + a, lo + b, cell, *found, year)
                if fig is not None:
                    fig.table, fig.subject = number, head[2]
                    out.append(fig)
            continue
        if not numeric and label and (years or columns):
            continue  # a section row ("Seizures") or a note inside the table
        years, columns = ([], []) if not numeric else (years, columns)
    return out


def _stat_cell(
    text: str, start: int, end: int, cell: str, unit: str, counted: str | None, year: int | None
) -> _Fig | None:
    """One statistics table cell as a figure."""
    m = _STAT_CELL_RE.fullmatch(cell)
    value = parse_number(cell.rstrip("%")) if m else None
    if m is None or value is None:
        return None
    if m.group(1):
        unit, counted = "percent", None
    num_end = end - len(m.group(1))
    return _Fig(
        Span.of(text, start, end),
        start,
        num_end,
        _plain(value),
        unit,
        counted=counted if unit == "count" else None,
        year=year,
        table=1,
    )


def _indicator_table_figures(text: str) -> list[_Fig]:
    """The numbers of pipe tables of indicators: one figure per number cell.

    A header line of cells names the columns ("Indicator | Baseline (2014) | FY 2017 Target |
    FY 2017 Actual"); a column's year is the one its header names. A row's label gives the
    unit, in parentheses ("Coca eradicated (hectares)", "(percent)") or, without one, the
    thing counted (its first plural noun: "Prosecutors trained ..." counts prosecutors).
    """
    out: list[_Fig] = []
    header: list[int | None] = []  # the year of each column
    number = 0  # the table's number: one more at each header
    pos = 0
    for line in text.splitlines(keepends=True):
        lo = pos
        pos += len(line)
        body = line.rstrip("\n")
        bounds = _pipe_bounds(body) if body.count("|") >= 2 else []
        if len(bounds) < 3:
            header = []
            continue
        pieces = [body[a + 1 : b] for a, b in pairwise(bounds)]
        numbers = [_NUMBER_CELL_RE.match(c) for c in pieces[1:]]
        if not any(numbers):
            if not re.fullmatch(r"[\s|:-]*", body):  # not a "|---|---|" rule
                header = [_column_year(c) for c in pieces]
                number += 1
            continue
        if len(header) != len(pieces):
            continue
        label = pieces[0].strip()
        paren = _LABEL_UNIT_RE.search(label)
        unit_word = paren.group(1).strip() if paren else ""
        unit, counted = (
            unit_and_counted(unit_word)
            if unit_word and _UNIT_RE.fullmatch(" " + unit_word)
            else (None, None)
        )
        if unit is None or (unit == "count" and counted is None):
            unit, counted = "count", _label_noun(label)
        for k, num in enumerate(numbers, start=1):
            if num is None:
                continue
            a = bounds[k] + 1
            start, end = lo + a + num.start(1), lo + a + num.end(1)
            value = parse_number(num.group(1))
            if value is None:
                continue
            cell_unit = "percent" if num.group(2) else unit
            if cell_unit == "count" and counted is None:
                continue  # a count of nothing named
            out.append(
                _Fig(
                    Span.of(text, start, end),
                    start,
                    end,
                    _plain(value),
                    cell_unit,
                    counted=counted if cell_unit == "count" else None,
                    subject=re.sub(r"\s*\([^()]*\)\s*$", "", label) or None,
                    year=header[k],
                    table=number,
                )
            )
    return out


def _column_year(cell: str) -> int | None:
    """The year a table column's header names: "FY 2017 Target", "Baseline (2014)", "2019"."""
    fy = _FY_COLUMN_RE.search(cell)
    if fy:
        return int(fy.group(1))
    years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", cell)
    return int(years[0]) if len(years) == 1 else None


def _pipe_header(body: str) -> list[tuple[int, int, int | None, bool]]:
    """The cells of a pipe-table header: (start, end, fiscal year or ``None``, whether it is a
    change column such as "Increase / Decrease"); empty for a header without pipes."""
    bounds = _pipe_bounds(body)
    if len(bounds) < 3:
        return []
    cells = []
    for a, b in pairwise(bounds):
        cell = body[a + 1 : b]
        fy = _FY_COLUMN_RE.search(cell)
        change = fy is None and _CHANGE_COLUMN_RE.search(cell) is not None
        cells.append((a + 1, b, int(fy.group(1)) if fy else None, change))
    return cells


def _pipe_bounds(body: str) -> list[int]:
    """The cell borders of a pipe-table line: its pipes, and the line's ends where a border
    pipe is left out ("Pillar | Allocated | Obligated")."""
    bounds = [m.start() for m in re.finditer(r"\|", body)]
    if not bounds:
        return []
    if body[: bounds[0]].strip():
        bounds.insert(0, -1)
    if body[bounds[-1] + 1 :].strip():
        bounds.append(len(body))
    return bounds


def _pipe_row(
    text: str,
    lo: int,
    body: str,
    cells: list[re.Match[str]],
    header: list[tuple[int, int, int | None, bool]],
    whole: int | None = None,
    factor: int = 1000,
) -> list[_Fig]:
    """The amounts of one pipe-table row, each with the year of its column; an amount under a
    change column ("Increase / Decrease") is the change from the column before it. In a table
    without fiscal-year columns every amount (except the row label's) has the year ``whole``."""
    bounds = _pipe_bounds(body)
    out = []
    if all(y is None for _, _, y, _ in header):
        for c in cells:
            col = bisect_right(bounds, c.start()) - 1
            if 1 <= col < len(header) and not header[col][3]:
                out.append(_table_fig(text, lo, c, whole, body, factor))
        return out
    years = [y for _, _, y, _ in header]
    for c in cells:
        col = bisect_right(bounds, c.start()) - 1  # the cell between pipes col and col + 1
        if not 0 <= col < len(header):
            continue
        year, change = header[col][2], header[col][3]
        if year is None and change:
            earlier = [y for y in years[:col] if y is not None]
            if not earlier:
                continue
            out.append(_change_cell(text, lo, c, earlier[-1], body, factor))
        elif year is not None:
            out.append(_table_fig(text, lo, c, year, body, factor))
    return out


def _inside(c: re.Match[str], spans: list[re.Match[str]]) -> bool:
    return any(f.start() <= c.start() < f.end() for f in spans)


def _change_cell(
    text: str, lo: int, c: re.Match[str], year: int | None, body: str, factor: int = 1000
) -> _Fig:
    """A cell of a change column: its amount, a decrease when written "-455" or "(135)"."""
    fig = _table_fig(text, lo, c, year, body, factor)
    fig.change = Change.DECREASE if c.group()[:1] in "-(" else Change.INCREASE
    return fig


def _table_fig(
    text: str, lo: int, c: re.Match[str], year: int | None, body: str, factor: int = 1000
) -> _Fig:
    label = re.match(
        # (up to its first amount, when a single space sets them apart, as PDF text has it:
        # "Peace and Security 6,240 3,890 3,640 -250")
        r"\s*(?:[IVX]+\.\s+)?([A-Za-z][\w&/ ()-]*?)\s*(?:[:\t|]|\s{2,}|\bFY\b"
        r"|\s(?=[-(]?\$?\d[\d,.]*(?:\s|$))|$)",
        body,
    )
    row = label.group(1).strip() if label and label.group(1).strip() else None
    subject = f"{row} funding" if row else None
    raw = c.group(1)
    value = _plain((parse_number(raw) or Decimal(0)) * factor)
    return _Fig(
        Span.of(text, lo + c.start(), lo + c.end()),
        lo + c.start(1),
        lo + c.end(1),
        value,
        "usd",
        subject=subject,
        year=year,
        table=1,  # numbered by _table_figures
        row=row,
    )


# A change verb and "by"/"to" before a bare number: "patrols increased by 300"
_CHANGED_BEFORE_RE = re.compile(
    r"\b(?:(?:" + "|".join(sorted(_CHANGE_VERBS, key=len, reverse=True)) + r")\s+(?:by|to)"
    r"|(?:up|down)\s+from"
    # the level after a change: "murders fell 22 percent in 2024, to 1,087"
    r"|(?:percent|%)(?:\s+(?:in|from|between|over|during|since)\s+[^,;.]{1,30})?,\s+to"
    # a level the subject reached: "arrests reached 89,321", "users stood at 55,000"
    r"|reached|stood\s+at|totall?ed|numbered|peaked\s+at)\s+"
    r"(?:(?:" + LIMITERS + r"|nearly|almost|roughly|about|some|approximately|more\s+than|over)"
    r"\s+)?$",
    re.IGNORECASE,
)
# "or more" / "or fewer" after a figure (and its unit): a bound
_OR_MORE_RE = re.compile(r"\s+or\s+(?:more|greater|higher|above|(fewer|less|lower|below))\b")


_ESTIMATE_AFTER_OF_RE = re.compile(
    r"\s+of\s+[\w-]+(?:\s+[\w-]+)?" + _ESTIMATE_AFTER_RE.pattern, _ESTIMATE_AFTER_RE.flags
)
_POPULATION_OF_RE = re.compile(r"\b([a-z]+)\s+population\s+(?:\w+\s+)?$")
_ESTIMATE_THAT_RE = re.compile(
    r"\bestimat(?:es?|ed)\s+that\s+(?:(?:the|a|an|some|its|their)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:between\s+)?$",
    re.IGNORECASE,
)
# "estimated" before the noun the number measures: "an estimated annual turnover of"
_ESTIMATED_OF_RE = re.compile(
    r"\bestimated\s+(?:[a-z-]+\s+){1,3}(?:of|at)\s+(?:(?:US\$|\$|€|£)\s?)?$", re.IGNORECASE
)
# A qualifier in parentheses between a number and what it counts.
_APPROX_ASIDE_RE = re.compile(
    r"\s*\(\s*(?:approximate(?:ly)?|approx\.?|estimated?|est\.|about|roughly)\s*\)(?=\s+[a-z])",
    re.IGNORECASE,
)
#: What a figure in percentage points counts: a difference of two percents, which changes as a
#: percent does but is not one (see ``units.tsv``).
PP = "percentage point"
_NOUN_AFTER_RE = re.compile(r"\s+(?:[a-z]+\s+){0,2}[a-z]+s\b")
# The value columns of a performance indicator, before a bare number
# A body's staff, counted: "with a staff of 120" (the number's noun left out)
_STAFF_OF_BEFORE_RE = re.compile(r"\bstaff\s+of\s+$")
# What an INCSR money-laundering chapter's statistics line counts: an acronym's plural ("STRs",
# "CTRs") or one of its heads
_STATS_HEAD = r"(?-i:([A-Z]{2,5})s|(Prosecutions|Convictions|Arrests|Indictments|Investigations))"
_STATS_LABEL_RE = re.compile(r"(?:^|\n)[ \t]*(?:[Nn]umber\s+of\s+)?" + _STATS_HEAD + r"\b")
_INDICATOR_BEFORE_RE = re.compile(
    r"\b(?:baseline|target|actual|goal|result)s?"
    # its year: "Baseline (2014)", "Baseline (FY 2021)", "Target (CY 2023)"
    r"(?:\s+\((?:(?:FY|CY)\s?)?(?:19|20)\d\d\))?\s*:?\s*$"
    # an INCSR money-laundering chapter's statistics lines: "Number of STRs received and time
    # frame: 1,146 in 2013", "Prosecutions: 4 in 2013"
    r"|(?-i:^|\n)[ \t]*(?:(?i:number)\s+of\s+)?" + _STATS_HEAD + r"\b[^\n:]{0,40}:\s*$"
    # one of a line of them by year: "Targets:   FY 2021: 450 | FY 2022: 600"
    r"|\b(?:baseline|target|actual|goal|result)s?\s*:[^\n]*?\b(?:FY|CY)\s?(?:19|20)\d\d\s*:\s*$",
    re.IGNORECASE,
)
# an indicator's label that opens with the unit its values are in: "Metric tons of cocaine
# seized", "Hectares of coca eradicated", "Percent of crisis assistance obligated"
# an indicator's label that opens with a share: its values are percents ("Percentage of cases
# adjudicated", "Percent change in officers vetted", "Share of seizures")
_PERCENT_LABEL_RE = re.compile(
    r"\s*(?:the\s+)?(?:percent(?:age)?|share|proportion)\b(?!\s+points?\b)", re.I
)
_LABEL_OPENING_UNIT_RE = re.compile(r"\s*(?:the\s+)?(?:total\s+)?([A-Za-z][\w ]{1,20}?)\s+of\b")
_LABEL_PLURAL_RE = re.compile(r"\b([A-Za-z][a-z-]*[^s\W]s)\b")


# (numbered, "Indicator 1: ...", with the indicator's other year lines between: "FY 2010
# Target: 35", "Baseline (FY 2009): 0")
_INDICATOR_LINE_RE = re.compile(
    r"(?:^|\n)[ \t]*(?:Performance\s+)?Indicator(?:\s+\d{1,2}(?:\.\d{1,2}){0,2})?"
    r"(?:\s*:\s*|[ \t]{2,})([^\n]+)\n"
    # (and the block's labelled lines: "Unit of measure:", "Data source:", "Frequency:")
    r"(?:[ \t]*(?:(?:FY|Fiscal\s+Year)\s?(?:19|20)\d\d|(?:Baseline|Target|Actual|Result)s?\b"
    r"|[A-Z][A-Za-z ]{2,30}:)[^\n]*\n){0,7}[ \t]*$"
)
# an indicator block's unit line: "Unit of measure:    officers (disaggregated by sex)"
_UNIT_OF_MEASURE_RE = re.compile(r"^[ \t]*Units?\s+of\s+measure\s*:[ \t]*([^\n(]+)", re.M | re.I)
_NUMBER_OF_LABEL_RE = re.compile(
    r"\b(?:[Nn]umber|[Pp]ercentage|[Ss]hare)\s+of\s+(?:[\w-]+\s+){0,3}?(personnel|staff)\b"
)


def _indicator_unit(label: str) -> tuple[str, str | None] | None:
    """The unit an indicator's label gives its values when it is no count: named in
    parentheses ("Heroin seized by INL-supported units (kilograms)"), a share ("Percentage of
    cases adjudicated", "Percent change in ..."), or the unit it opens with ("Metric tons of
    cocaine seized"); ``None`` for a count.

    >>> _indicator_unit("Metric tons of cocaine seized"), _indicator_unit("Number of officers")
    (('metric-ton', None), None)
    """
    given = _label_unit(label) if _LABEL_UNIT_RE.search(label) else None
    if given is not None and given[0] != "count":
        return given
    if _PERCENT_LABEL_RE.match(label):
        return "percent", None
    opening = _LABEL_OPENING_UNIT_RE.match(label)
    if opening is not None and _unit_key(opening.group(1)) != "count":
        return _unit_key(opening.group(1)), None
    return None


def _label_noun(label: str) -> str | None:
    """The counted noun of an indicator's label: its first plural noun, singular ("PNC
    officers certified in community policing:" -> "officer"), or the people a "Number of ...
    personnel" label counts; ``None`` when it has none."""
    people = _NUMBER_OF_LABEL_RE.search(label)
    m = _LABEL_PLURAL_RE.search(label)
    if people is not None and (m is None or people.start(1) < m.start()):
        return "person"
    return singularize_word(m.group(1)) if m else None


_MOVED_FROM_RE = re.compile(
    # (or that went: "arrests involving meth went from about 9,800 in 2021 to over 16,000")
    r"\b(?:" + "|".join(sorted(_CHANGE_VERBS, key=len, reverse=True)) + r"|went|gone)"
    r"\s+from\s+$",
    re.IGNORECASE,
)
_CHANGE_IN_FROM_RE = re.compile(
    r"\b(?:rise|increase|decrease|decline|drop|fall|reduction|growth|jump|surge)\s+in\s+"
    r"(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}?([a-z][\w-]*s)\s+from\s+$"
)
# a level compared with another: "187 reports, compared with 152 the previous year"
# what may stand before an earlier level: "compared with about 150", "up from only 17"
_EARLIER_QUALIFIER = r"(?:(?:about|nearly|some|almost|approximately|roughly|only|just)\s+)?$"
_COMPARED_BEFORE_RE = re.compile(
    r"\b(?:compared\s+(?:with|to)|as\s+against|versus|vs\.?)\s+" + _EARLIER_QUALIFIER
)
_MOVED_OBJECT_FROM_RE = re.compile(
    r"\b(?:cut|cuts|reduced|reduces|reduce|lowered|lowers|lower|increased|increases|increase"
    r"|raised|raises|raise|expanded|expands|expand|boosted|boosts|boost|decreased|decreases"
    r"|decrease|brought|brings|bring|grew|grow|grows)\s+"
    r"((?:(?:its|their|the|his|her|our)\s+)?[A-Za-z][^,;:()\d]{0,60}?)\s+from\s+$"
)
_SUBJECT_START_RE = re.compile(r"(?:^|[,;:(]\s*|\bthat\s+|\bwhile\s+|\band\s+)(?=[^,;:(]*$)")
_SUBJECT_CUT_RE = re.compile(r"\s(?:of|for|in|at|on|by|among|under|across)\s")


def _moved_from_subject(before: str) -> list[str]:
    """What "X rose from N ..." counts, as a one-item plural list, or ``[]``: the plural noun
    that heads the clause's subject, before its first preposition, with up to two words that
    name its kind ("apprehensions of illegal border crossers" -> apprehensions, "the High
    Court's backlog of criminal cases fell from" -> criminal cases); or the object of a verb
    that moved it ("cut its backlog of latent-print cases from about 2,300 to 600").
    """
    verb = _MOVED_FROM_RE.search(before)
    if verb is not None:
        start = _SUBJECT_START_RE.search(before, 0, verb.start())
        subject = before[start.end() if start else 0 : verb.start()]
    else:
        # "a rise in drug trafficking convictions from 212": what rose
        noun = _CHANGE_IN_FROM_RE.search(before)
        if noun is not None:
            return [noun.group(1)]
        moved = _MOVED_OBJECT_FROM_RE.search(before)
        if moved is None:
            return []
        subject = moved.group(1)
    # "the number of internally displaced persons rose from": what is numbered
    subject = re.sub(r"^.*?\b(?:number|total|count|backlog)\s+of\s+", "", subject, count=1)
    cut = _SUBJECT_CUT_RE.search(subject)
    words = (subject[: cut.start()] if cut else subject).split()
    # its plural head ("criminal cases pending": cases); none in "cut its case backlog from 212
    # to 139 cases", where the second level says what both count
    heads = [
        i
        for i, w in enumerate(words)
        # (not a word like "has": "INL's regional staff has grown from 3 to 11")
        if (_LABEL_PLURAL_RE.fullmatch(w) or w in _INVARIANT)
        and w not in _DETERMINERS
        and w not in _STOP_AFTER
    ]
    if not heads:
        return []
    i = heads[-1]
    # the words before the head that name its kind, nearest first, up to the first that does
    # not (a verb before the subject: "Officials say seizures rose", "data show arrests fell",
    # "the Service reports apprehensions rose")
    kind: list[str] = []
    for w in reversed(words[max(0, i - 2) : i]):
        if not (
            w.islower()
            and w not in _STOP_AFTER
            and w not in _DETERMINERS
            and w not in _SAYING_VERBS
            and not _adjectival(w)
            and not _verb_next(w)
            and (not w.endswith("s") or w.endswith("ss") or w in _INVARIANT or w in _NOUN_MODIFIERS)
        ):
            break
        kind.insert(0, w)
    return [" ".join([*kind, words[i]])]


#: Verbs of saying or showing that stand before a subject they report on
_SAYING_VERBS = frozenset(
    {"say", "said", "show", "showed", "shown", "report", "note", "indicate", "suggest", "find",
     "found", "estimate", "confirm", "reveal", "state", "claim", "believe", "think"}
)  # fmt: skip


_UP_FROM_BEFORE_RE = re.compile(
    r",\s+(?:up|down)\s+from\s+(?:(?:nearly|almost|about|some|roughly|just|only)\s+)?\Z"
)


_BARE_NUMBER_RE = re.compile(r"[\d.,]+(?:\s+(?:thousand|million|billion))?")


# what introduces an earlier level of the figure before it: "compared with", "up from"
_EARLIER_LEVEL_BEFORE_RE = re.compile(
    r"\b(?:compared\s+(?:with|to)|(?:up|down)\s+from|as\s+against)\s+" + _EARLIER_QUALIFIER
)


# A part of what was named before ("212 of them", "19 of whom"; not a speaker's "three of you")
_OF_THIRD_PERSON_RE = re.compile(r"\s+of\s+(?:them|whom|which)\b")
# The plural noun a part ("19 of whom") takes up, just before it: "judges, 19 of whom"
_TAKEN_UP_NOUN_RE = re.compile(
    r"\b([a-z][a-z-]*[a-z]s),\s+(?:(?:" + LIMITERS + r")\s+)?(?:only\s+|just\s+)?\Z"
)


# What follows a bare number a verb acted on: where it sent it, what it found it to be
_BARE_OBJECT_AFTER_RE = re.compile(r"\s+(?:to|as|into)\s+(?!\d)")
_FOUND_AS_RE = re.compile(r"\s+as\s+([a-z][a-z-]*[a-z])\b")
# The word right before a bare number, on its line: "they arrested 96", "sent another 41"
_WORD_BEFORE_RE = re.compile(r"(?<![\w-])([a-z]+)[ \t]+(?:(?:only|just|another)[ \t]+)?\Z")


def _acted_on(text: str, lo: int, start: int) -> bool:
    """Whether a past verb stands right before ``start`` (from ``lo``): the number is what
    it acted on. (Not :func:`_verb_next`: a participle that can modify a noun still acts
    here, "Courts convicted 131 of them".)"""
    m = _WORD_BEFORE_RE.search(text, lo, start)
    if m is None:
        return False
    word = m.group(1)
    return word in _IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed"))


def _resolve_bare(text: str, figs: list[_Fig], before: _Fig | None = None) -> list[_Fig]:
    """Give bare numbers the unit of a parallel figure, or drop them.

    "grew from 9,800 officers in 2010 to more than 14,000 in 2018": 14,000 officers;
    "at least 14 of Guatemala's 22 departments": 14 departments. ``before`` is the last count
    of the sentence before, which a bare number opening its sentence's figures takes up when
    it is near ("arrested 324 people on drug charges. In 2016, they arrested 96.").
    """
    out: list[_Fig] = []
    for k, f in enumerate(figs):
        if f.unit == "count" and _UP_FROM_BEFORE_RE.search(
            text, max(0, f.num_start - 30), f.num_start
        ):
            # "intercepting 26 vessels carrying smuggled goods in 2021, up from 17 in 2020": the
            # earlier level counts what the figure before it does
            prev = next((g for g in reversed(figs[:k]) if g.unit == "count"), None)
            bare = _BARE_NUMBER_RE.fullmatch(text, f.num_start, f.span.end) is not None
            if bare and prev is not None and f.num_start - prev.span.end < 120:
                f.counted = prev.counted
        if f.unit:
            out.append(f)
            continue
        prev = next((g for g in reversed(figs[:k]) if g.unit), None)
        if (
            prev is None
            and before is not None
            and not any(g.unit for g in figs[:k])
            and (
                _acted_on(text, max(0, f.span.start - 40), f.span.start)
                or _SUBJECT_NUMBER_RE.match(text, f.span.end)
            )
        ):
            # (only what a verb acts on or what acts: not a heading's or a list's number)
            prev = before
        nxt = figs[k + 1] if k + 1 < len(figs) and figs[k + 1].unit else None
        src = None
        between = text[f.span.end : nxt.span.start] if nxt is not None else ""
        if (
            nxt is not None
            and (
                re.fullmatch(
                    r"\s+of\s+(?:the\s+|its\s+|their\s+|these\s+|those\s+)?" + _POSSESSOR, between
                )
                or (nxt.unit == "count" and _SHARED_BETWEEN_RE.fullmatch(between))
                # "from 18 to 30 dog teams": the first level counts what the second does
                or (
                    nxt.unit == "count"
                    and re.fullmatch(
                        r"\s+to\s+" + _TO_LEVEL_QUALIFIER,
                        text[f.span.end : nxt.num_start] if nxt.num_start > f.span.end else between,
                    )
                    and re.search(r"\bfrom\s+$", text[max(0, f.span.start - 8) : f.span.start])
                )
            )
        ):
            src = nxt
        elif prev is not None and f.num_start - prev.span.end < 120 and prev.unit == "count":
            src = prev
        elif _OF_THIRD_PERSON_RE.match(text, f.span.end) is not None:
            # a part of what was counted before it, past a figure of another unit: "received
            # 2,315 reports, up 18 percent from 2020, and referred 212 of them"; with no count
            # before it, of the plural noun it takes up: "anti-corruption judges, 19 of whom"
            whole = next(
                (
                    g
                    for g in reversed(figs[:k])
                    if g.unit == "count" and f.num_start - g.span.end < 240
                ),
                None,
            )
            if whole is not None and not STOP_RE.search(text, whole.span.end, f.num_start):
                src = whole
            elif whole is None:
                noun = _TAKEN_UP_NOUN_RE.search(text, max(0, f.num_start - 60), f.num_start)
                if noun is not None and is_plural(noun.group(1)):
                    f.unit, f.counted = "count", singularize_word(noun.group(1))
                    out.append(f)
                elif (
                    before is not None
                    and before.counted is not None
                    and f.num_start - before.span.end < 300
                    and not any(g.unit for g in figs[:k])
                ):
                    # of the count of the sentence before: "INL had approved monitoring
                    # plans for 12 awards. Officers documented site visits for just 4 of them."
                    src = before
        elif (
            prev is not None
            and prev.unit == "count"
            and f.num_start - prev.span.end < 240
            and _EARLIER_LEVEL_BEFORE_RE.search(text, max(0, f.num_start - 30), f.num_start)
            and not STOP_RE.search(text, prev.span.end, f.num_start)
        ):
            # an earlier level compared with the count before it, however long the clause
            # between: "submitted 118 weapons for tracing through the ... eTrace system in
            # 2014, compared with 35 the year before"
            src = prev
        elif (
            prev is not None
            and re.fullmatch(r"\s+to\s+" + _TO_LEVEL_QUALIFIER, text[prev.span.end : f.num_start])
            and re.search(r"\bfrom\s+$", text[max(0, prev.span.start - 8) : prev.span.start])
        ):
            src = prev  # "from 21 days to 6": the second level is in the first's unit
        if src is not None:
            f.unit, f.counted = src.unit, src.counted
            out.append(f)
    return out


_FOOTNOTED_YEAR_RE = re.compile(r"(?:19|20)\d\d\.\d{1,3}")


def _read_figure(
    text: str,
    m: re.Match[str],
    s: int,
    e: int,
    identifiers: set[str],
    ahead: _Ahead | None = None,
) -> tuple[_Fig | None, int]:
    money = m.group(1) is not None
    digits = m.group(2)
    raw = digits if digits is not None else m.group(5)
    scale_word = (m.group(3) or m.group(4)) if digits is not None else m.group(6)
    value = parse_number(raw)
    if value is None or (money and raw == "000"):
        return None, m.end()  # "($000)": a note that amounts are in thousands
    num_start = m.start(2) if digits is not None else m.start(5)
    start = m.start()
    before = text[max(s, start - 60) : start]
    end = m.end()
    after = text[end:e]
    if digits is not None and not money:
        if re.fullmatch(r"0\d+", raw):
            return None, end  # a code with a leading zero: the "06 centers"
        if _FOOTNOTED_YEAR_RE.fullmatch(raw) and re.match(r"\s+[A-Z“\"]", after):
            # a year at a sentence's end with a footnote's number fused to it, as PDF text
            # has: "seized in 2013.23 Prisons remain ...", "... since 2004.412 The Department"
            return None, end
        if re.match(r"\s*\)", after) and not re.search(r"\(\s*$", before):
            return None, end  # list numbering "1)"
        if re.match(r"\.\s", after) and not before.strip(" \t•*-"):
            return None, end  # list numbering "1. "
        if re.match(r"(?:st|nd|rd|th)\b|:\d|/\d|\*", after) or re.search(r"\d/$", before):
            return None, end
        if _IDENT_BEFORE_RE.search(before) or (
            re.search(r"\(\s*$", before) and re.match(r"\*|\)", after)
        ):
            return None, end
        if _DAY_BEFORE_RE.search(before) or (
            re.fullmatch(r"\d{1,2}", raw) and _DAY_AFTER_RE.match(after)
        ):
            return None, end
    if re.search(r"\bper\s+$", before):
        return None, end  # a rate's denominator ("per 100,000 residents")
    value = _plain(scale(value, scale_word))
    value_max: Decimal | None = None
    unit: str | None = currency_key(m.group(1)) if money else None
    counted: str | None = None
    q_before = before
    qm = _QUAL_RE.search(q_before)
    qualifier = Qualifier.EXACT
    if qm:
        for idx, (_p, qual) in enumerate(_QUALIFIERS):
            if qm.group(idx + 1):
                qualifier = qual
        start = max(s, start - 60) + qm.start()
        before_q = before[: qm.start()]
    else:
        before_q = before
        if _ESTIMATE_AFTER_RE.match(text, m.end(), e):
            qualifier = Qualifier.ABOUT  # "$3.25 million (INCLE, estimate)"
    year_like = digits is not None and not money and _is_year_like(raw, value)
    # Ranges: "60-80 percent", "$94-150 million", "between 10 and 15".
    from_before = re.search(r"\bfrom\s+$", before_q, re.IGNORECASE)
    rm = None if from_before else _RANGE_RE.match(text, end, e)
    if re.search(r"\bbetween\s+$", before_q, re.IGNORECASE):
        rm = _BETWEEN_RANGE_RE.match(text, end, e)
    if rm:
        # (digits: groups 1 and 2; words: groups 3 and 4, with no scale of their own)
        worded = rm.group(1) is None
        hi_raw = rm.group(3) if worded else rm.group(1)
        hi_scale = rm.group(4) if worded else rm.group(2)
        hi = parse_number(hi_raw)
        if hi is not None and worded and digits is not None:
            hi = None  # "12 to four": no range of digits and words
        if hi is not None:
            hi_scaled = scale(hi, hi_scale or scale_word)
            lo_scaled = value if scale_word else scale(parse_number(raw) or value, hi_scale)
            # "two to three hundred tons", "five to ten thousand": the multiplier is shared
            shared = re.search(r"\s(hundred|thousand)$", hi_raw.lower()) if worded else None
            if shared is not None:
                mult = 100 if shared.group(1) == "hundred" else 1000
                if lo_scaled < mult:
                    lo_scaled = lo_scaled * mult
            hi_year = _is_year_like(hi_raw, hi)
            if year_like or hi_year or hi_scaled <= lo_scaled:
                if year_like and hi_year:
                    return None, rm.end()
                rm = None
            else:
                value, value_max = _plain(lo_scaled), _plain(hi_scaled)
                end = rm.end()
    if _NOT_A_COUNT_BEFORE_RE.search(before_q):
        return None, end  # an age band ("aged 10 to 69") or a rate's base ("for every 1,000")
    aside = _APPROX_ASIDE_RE.match(text, end, e)
    if aside is not None:  # "2,000 (approximate) patients": the qualifier, then the noun
        qualifier = Qualifier.ABOUT
        end = aside.end()
    um = _UNIT_RE.match(text, end, e)
    if unit is None and um:
        unit, counted = unit_and_counted(um.group(1))
        end = um.end()
        if unit in _TIME_UNITS and _TIME_FRAME_BEFORE_RE.search(before_q):
            return None, end  # a time frame: "in the past ten years"
        if unit in ("year", "month", "week") and (
            (
                _IN_BEFORE_RE.search(before_q)
                # (a record's span is a figure: "the country's first general election in 20
                # years", "for the first time in nearly 15 years")
                and not _FIRST_BEFORE_RE.search(text, max(s, start - 100), start)
                and not _NOT_A_FRAME_AFTER_RE.match(text, end, e)
                and not _COURSE_WORDS_AFTER_RE.match(text, end, e)
            )
            or (_PERIOD_BEFORE_RE.search(before_q) and _PERIOD_END_AFTER_RE.match(text, end, e))
        ):
            return None, end  # a time frame: "in five years", "in the 12 months ending in"
        ago = _TIME_AGO_AFTER_RE.match(text, end, e) if unit in _TIME_UNITS else None
        if ago is not None and (ago.group(1) is None or not text[s:start].strip(" \t\n\"“‘'")):
            # a time reference: "Twelve years ago", a sentence's "Eight years after the"
            return None, end
        if unit in _TIME_UNITS and _AGE_AFTER_RE.match(text, end, e):
            return None, end  # a person's age: "a 24-year-old detective"
    elif unit == "usd" and um and _unit_key(um.group(1)) == "usd":
        end = um.end()
    if not money and unit is None:
        if digits is not None and raw in identifiers:
            return None, end
        # "from 4 to 14 percent": the first level takes the second's unit.
        if from_before:
            nxt = re.match(r"\s+to\s+(?:" + _NUM + r")" + _SCALE, text[end:e])
            if nxt:
                um2 = _UNIT_RE.match(text, end + nxt.end(), e)
                if um2:
                    unit, counted = unit_and_counted(um2.group(1))
        size = _SIZE_RE.match(text, end, e) if _SIZE_BEFORE_RE.search(before_q) else None
        if unit is None and size is not None and not year_like:
            # "a 500-man unit", "a 5,100-member force": the size counts the members;
            # "a 1,000-strong force" counts what follows.
            word = size.group(1).lower()
            if word == "strong":
                cn2 = _count_noun(text, size.end(), e, ahead)
                strong_what = _STRONG_WHAT_RE.match(text, size.end(), e) if cn2 is None else None
                unit = "count"
                counted = cn2[0] if cn2 else (strong_what.group(1) if strong_what else "member")
                end = cn2[1] if cn2 else (strong_what.end() if strong_what else size.end())
            else:
                unit, counted = "count", singularize_word(word)
                end = size.end()
        partitive = _PARTITIVE_RE.match(text, end, e) if unit is None and not year_like else None
        if partitive is not None:
            # "six of the ten battalions" (the second number is a figure of its own) and
            # "six of the battalions": both count battalions.
            cn3 = _count_noun(text, partitive.end(), e, ahead)
            if cn3 is not None and raw.lower() != "one":
                unit, counted = "count", cn3[0]
                end = cn3[1]
        if unit is None:
            cn = _count_noun(text, end, e, ahead)
            rate = _PER_POPULATION_RE.match(text, end, e) if cn is None else None
            if rate and not year_like:
                # a rate: "fell from 86 per 100,000 residents" (what is counted: "homicide rate")
                rated = _RATE_SUBJECT_RE.search(text[s : m.start()])
                what = singularize_word(rated.group(1)) + " " if rated else ""
                unit, counted = "count", what + _rate_denominator(rate)
                end = rate.end() if rate.group(2) not in _STOP_AFTER else rate.end(1)
            elif cn is None and _POPULATION_RE.search(before_q) and not year_like:
                unit, counted = "count", "person"  # "a population of roughly 23 million"
            elif (
                cn is None
                and not year_like
                and (nof := _NUMBER_OF_RE.search(text[max(s, start - 120) : start])) is not None
            ):
                # "the number of cartel members is estimated at 3,000": counts cartel members
                words = nof.group(1).split()
                unit, counted = "count", " ".join([*words[:-1], singularize_word(words[-1])])
            elif cn is None:
                part_of = _PART_OF_RE.match(text, end, e)
                shared = _SHARED_NOUN_RE.match(text, end, e)
                moved = _CHANGED_BEFORE_RE.search(before_q)
                plural = _LABEL_PLURAL_RE.findall(before_q[: moved.start()]) if moved else []
                pop = _POPULATION_OF_RE.search(before_q[: moved.start()]) if moved else None
                if pop is not None:
                    plural = [pop.group(1) + "s"]  # "the inmate population grew by 4,200"
                # "from 18 to 30 dog teams": the first level, counted by the second's noun
                leveled = from_before is not None and _TO_LEVEL_RE.match(text, end, e) is not None
                second = _TO_LEVEL_NUMBER_RE.match(text, end, e) if leveled else None
                if (
                    moved is None
                    and from_before is not None
                    and (second is None or _count_noun(text, second.end(), e) is None)
                ):
                    # "apprehensions of border crossers rose from 320 in 2005 to 510": the
                    # subject's head counts both levels (the second's own noun, when it has one)
                    plural = _moved_from_subject(text[max(s, start - 160) : start])
                if _NOUN_AFTER_RE.match(after):
                    plural = []  # "rose by 300 percent", "fell by 45 cases": the unit is there
                # "increased from 13 to 20 over the same period": the second level
                to_level = _FROM_TO_BEFORE_RE.search(before_q) is not None
                as_subject = _SUBJECT_NUMBER_RE.match(text, end, e) is not None
                compared = _COMPARED_BEFORE_RE.search(before_q) is not None
                # what a verb acted on, then where it went: "prosecutors sent 41 to court",
                # "identified 208 as victims"
                acted_on = (
                    _acted_on(before_q, 0, len(before_q))
                    and _BARE_OBJECT_AFTER_RE.match(text, end, e) is not None
                )
                found_as = _FOUND_AS_RE.match(text, end, e) if acted_on else None
                if found_as is not None and is_plural(found_as.group(1)):
                    plural = [found_as.group(1)]  # "identified 208 as victims": victims
                if year_like or not (
                    _BARE_OK_RE.match(text, end, e)
                    or acted_on
                    or shared
                    or plural
                    or leveled
                    or to_level
                    or as_subject
                    or compared
                ):
                    return None, end
                if (
                    digits is None
                    and not part_of
                    and OF_THEM_AFTER_RE.match(text, end, e) is None
                    and not shared
                    and not plural
                    and not (as_subject and value > 1)
                    and not compared
                ):
                    return None, end  # "seven of the country's 21 prisons" is a count
                unit = ""  # a bare number: may take the unit of a parallel figure
                if plural and not year_like:
                    # "patrols increased by 300", "cases rose to 1,236": what changed counts
                    unit, counted = "count", singularize_word(plural[-1])
                indicator = _INDICATOR_BEFORE_RE.search(before_q)
                if _STAFF_OF_BEFORE_RE.search(before_q) and not year_like:
                    # "with a staff of 120", "had a staff of about 70": the people it has
                    unit, counted = "count", "person"
                if indicator is not None and not year_like:
                    # "Officers certified: baseline 0; target 2,500; actual 2,870": the
                    # indicator's label says what is counted
                    at = start - len(before_q) + indicator.start()
                    line = max(text.rfind("\n", max(0, at - 300), at) + 1, at - 300)
                    label = text[line:at]
                    counted = _label_noun(label)
                    stats = _STATS_LABEL_RE.search(indicator.group())
                    if counted is None and stats is not None:
                        # a statistics line's own label: "Prosecutions: 4 in 2013", "Number
                        # of STRs received and time frame: 1,146" (the acronym, spelled out
                        # where the text defines it)
                        counted = stats.group(1) or singularize_word(stats.group(2).lower())
                    if counted is None:
                        # "Indicator: Number of SSNPS personnel trained." on the line above
                        above = _INDICATOR_LINE_RE.search(text, max(0, line - 500), line)
                        label = above.group(1) if above else ""
                        counted = _label_noun(label)
                        measure = (
                            [*_UNIT_OF_MEASURE_RE.finditer(text, above.end(1), line)]
                            if above
                            else []
                        )
                        if measure:
                            # the block's "Unit of measure:    officers" says it outright
                            label = measure[-1].group(1)
                            counted = _label_noun(label + " ") or counted
                    unit, counted = _indicator_unit(label) or ("count", counted)
            elif year_like and (
                _YEAR_LABEL_BEFORE_RE.search(before_q)
                or not re.match(r"\s+[a-z]", after)
                or re.search(r"\b(?:a|an|the|its|their|this|that)\s+$", before_q, re.IGNORECASE)
            ):
                return None, end  # a year, also naming a thing: "since a 2019 merger"
            else:
                unit = "count"
                counted, end, _phrase = cn
                if digits is None and counted in _ABSTRACT_NOUNS and value <= 10:
                    return None, end  # "three areas", "two parts": how the text is organized
                if counted in ("decade", "century") and (
                    _TIME_FRAME_BEFORE_RE.search(before_q)
                    or _FOR_BEFORE_RE.search(before_q)
                    or _IN_BEFORE_RE.search(before_q)
                ):
                    return None, end  # "for more than two decades": how long, not a figure
    elif year_like and unit not in ("percent",) and _YEAR_LABEL_BEFORE_RE.search(before_q):
        return None, end
    if year_like and unit is None:
        return None, end
    assert unit is not None
    if qualifier == Qualifier.EXACT and (
        _ESTIMATE_THAT_RE.search(before_q) or _ESTIMATED_OF_RE.search(before_q)
    ):
        # "the GoL estimates that between 40 and 55 percent", "an estimated annual turnover of
        # 2.3 billion lira"
        qualifier = Qualifier.ABOUT
    if qualifier == Qualifier.EXACT:
        est = _ESTIMATE_AFTER_RE.match(text, end, e) or _ESTIMATE_AFTER_OF_RE.match(text, end, e)
        if est:  # "1,050 hectares of cannabis (estimated)"
            qualifier = Qualifier.ABOUT  # "12,000 people (approximate figure)"
        more = _OR_MORE_RE.match(text, end, e)
        if more:  # "15 grams or more", "$25,000 or more"; "five or fewer"
            qualifier = Qualifier.UP_TO if more.group(1) else Qualifier.AT_LEAST
    if unit in ("", "count"):
        them = _OF_THEM_NOUN_RE.match(text, end, e)
        if (
            them is not None
            and is_plural(them.group(1))
            and them.group(1) not in _NOT_NOUNS_AFTER_THEM
        ):
            # "22 of them women", "nine of them are women": the part counts its own kind
            unit, counted, end = "count", singularize_word(them.group(1)), them.end()
    subject = _subject(text, end, e, unit)
    # Mass and volume figures: extend over "of <substance>".
    if unit in ("metric-ton", "kilogram", "gram", "pound", "liter", "gallon"):
        of = re.match(r"\s+of\s+[a-z][\w\-]*", text[end:e])
        if of:
            end += of.end()
    fig = _Fig(
        Span.of(text, start, end),
        num_start,
        m.end(),
        value,
        unit,
        counted,
        value_max,
        qualifier,
        # percentage points change as percents do ("fell 4.5 percentage points")
        _change(text, s, start, end, e, before_q, "percent" if counted == PP else unit),
        subject,
    )
    return fig, end


# "fell by 3 percent", "rose by only 6 points", "grew by a further 12 percent"
_BY_END_RE = re.compile(r"\bby\s+(?:(?:" + LIMITERS + r"|a\s+total\s+of)\s+)?$")


def _change(
    text: str, s: int, start: int, end: int, e: int, before: str, unit: str
) -> Change | None:
    after = text[end:e]
    am = _CHANGE_AFTER_RE.match(after)
    if am and unit == "percent":
        return _CHANGE_NOUNS[am.group(1).lower()]
    cm = _COMPARATIVE_AFTER_RE.match(after)
    # (a comparative that ends its sentence compares a share with the levels before it: "to
    # 139 in 2023, roughly one-third lower."; an amount's is more money: "includes $3 million
    # more.")
    if cm and unit not in ("count", "") and (unit == "percent" or cm.end() > cm.end(1)):
        return COMPARATIVES[cm.group(1).lower()]
    nb = _CHANGE_NOUN_BEFORE_RE.search(before)
    if nb:
        return _CHANGE_NOUNS[nb.group(1).lower()]
    if _BY_END_RE.search(before):
        verbs = list(_CHANGE_WORD_RE.finditer(text, s, start))
        if verbs and start - verbs[-1].start() < 300:
            return _CHANGE_VERBS[verbs[-1].group(1).lower()]
        return None
    if unit == "percent":
        vm = _VERB_BEFORE_RE.search(before)
        if vm:
            return _CHANGE_VERBS[vm.group(1).lower()]
        ud = _UPDOWN_RE.search(before)
        if ud:
            return Change.INCREASE if ud.group(1).lower() == "up" else Change.DECREASE
    return None


def _subject(text: str, end: int, e: int, unit: str) -> str | None:
    m = re.match(
        r"\s+(?:of|in)\s+((?:the\s+)?[\w\-’' ]{2,60}?)"
        r"(?=[,.;:()]|\s+(?:in|by|to|for|from|at|and\s+\d)\b|$)",
        text[end:e],
    )
    if m:
        return " ".join(m.group(1).split())
    if unit == "count":
        return None
    m = re.match(r"\s+([a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3})", text[end:e])
    return m.group(1) if m else None


_SEIZE_BEFORE_RE = re.compile(r"\b(seiz\w*|confiscat\w*|interdict\w*|eradicat\w*|destroy\w*)\b")
_ACT_BEFORE_RE = re.compile(
    r"\b(trained|sponsored|arrested|convicted|prosecuted|rescued|graduated|certified|vetted"
    r"|hired|recruited|equipped|donated|provided|deployed|built|constructed|renovated"
    r"|established|opened|seized|eradicated|destroyed)\b(?:\s+\w+){0,3}\s*$"
)
_CHANGE_IN_RE = re.compile(
    r"\s*(?:\w+\s+)??(?:reduction|decrease|decline|drop|increase|rise|growth)\s+(?:in|of)\s+"
    r"((?:the\s+)?[\w\-’' ]{2,60}?)(?=[,.;:()]|\s+(?:in|by|from|at|over|since)\b|$)"
)
_LIST_BOUNDARY_RE = re.compile(r"(?:percent|%)\s*,\s*(?:and\s+)?|;\s*")


def _describe(text: str, s: int, fig: _Fig, unit: str, counted: str | None) -> str | None:
    """What a figure measures, as a short phrase ("civilian and law enforcement casualties",
    "heroin seized", "prosecutors, judges, ... trained"); ``None`` when nothing fits."""
    before = text[s : fig.span.start]
    after = text[fig.span.end : fig.span.end + 160]
    # "reduced X by 35 percent, Y by 25 percent, and Z by 20 percent"
    if fig.change is not None and _ends_with_word(text, s, fig.span.start, "by"):
        verbs = list(_CHANGE_WORD_RE.finditer(before))
        cut = max(
            [v.end() for v in verbs] + [b.end() for b in _LIST_BOUNDARY_RE.finditer(before)] + [0]
        )
        phrase = re.sub(r"\s+by\s+$", "", before[cut:]).strip(" ,")
        if 2 < len(phrase) <= 120:
            return phrase
    # "a 50 percent reduction in homicides"
    noun = _CHANGE_IN_RE.match(after)
    if noun:
        return " ".join(noun.group(1).split())
    if unit in ("metric-ton", "kilogram", "gram", "pound"):
        of = re.match(r"\s+of\s+((?:[\w\-]+\s+){0,2}?[\w\-]+)(?=[\s,.;:)]|$)", after)
        stuff = of.group(1) if of else fig.subject
        if stuff:
            stuff = re.sub(r"^of\s+", "", stuff)
            words = stuff.split()
            for k, w in enumerate(words):
                if w.lower() in _STOP_AFTER or w.lower() in ("and", "or", "were", "was", "worth"):
                    words = words[:k]
                    break
            stuff = " ".join(words)
            seized = _SEIZE_BEFORE_RE.search(before[-80:])
            verb = seized.group(1).lower() if seized else ""
            word = {"seiz": "seized", "conf": "confiscated", "inte": "interdicted",
                    "erad": "eradicated", "dest": "destroyed"}.get(verb[:4], "")  # fmt: skip
            return f"{stuff} {word}".strip()
    if unit == "usd":
        account = re.match(r"\s*\(([^()]{1,40})\)", after)
        if account:
            label = re.sub(r"[*]+", "", account.group(1)).strip()
            requested = re.search(r"\brequest", label, re.I)
            label = re.sub(r"\s*\brequest(?:ed)?\b\s*", " ", label, flags=re.I).strip(" ,")
            return ("requested " if requested else "") + (
                f"{label} funding" if label else "funding"
            )
        return "funding" if _FUNDING_WORDS.search(before[-80:] + after[:40]) else fig.subject
    if unit in ("kilometer", "mile", "meter", "foot"):
        what_m = re.match(
            r"[\s-]*([a-z][\w-]*(?:\s+(?:with|of|along|between)\s+[A-Z][\w-]+)?)", after
        )
        if what_m:
            return what_m.group(1)
    if unit == "count" and counted:
        if counted == "person" and re.search(r"\bcountry\s+of\s+(?:\w+\s+)?$", before):
            return "population"
        tail = re.match(
            r"\s*((?:[\w\-’']+,?\s+){0,8}?)(?=in\b|on\b|at\b|for\b|from\b|to\b|[.;:(]|$)", after
        )
        head = fig.span.quote[len(text[fig.span.start : fig.num_start]) :]
        head = re.sub(r"^[\d.,]+\s*(?:million|billion|thousand)?\s*", "", head).strip()
        head = re.sub(r"^(?:" + WORD_NUMBER_RE + r")\s+", "", head, flags=re.I).strip()
        act = _ACT_BEFORE_RE.search(before)
        base = head or (tail.group(1).strip(" ,") if tail else "")
        if base:
            return f"{base} {act.group(1)}" if act else base
    return fig.subject


_COORDINATED_RE = re.compile(
    r"\s*,?\s*(?:and\s+|or\s+|including\s+|of\s+which\s+|among\s+them\s+)?"
)


def _after_limits(
    text: str, figs: list[tuple[_Fig, int]], sents: list[tuple[int, int]]
) -> list[int]:
    """For each figure, where its trailing "in 2019" may be looked for: up to the next figure,
    or past figures coordinated with it ("450 kilograms of heroin and 1,200 kg of opium in
    2010"), else to the end of its sentence."""
    out = [0] * len(figs)
    for k in range(len(figs) - 1, -1, -1):
        fig, si = figs[k]
        if k + 1 < len(figs) and figs[k + 1][1] == si:
            nxt = figs[k + 1][0]
            between = text[fig.span.end : nxt.span.start]
            coordinated = _COORDINATED_RE.fullmatch(between) or (
                fig.unit == "count" and _SHARED_BETWEEN_RE.fullmatch(between)
            )
            out[k] = out[k + 1] if coordinated else nxt.span.start
        else:
            out[k] = sents[si][1]
    return out


# A plural acronym defined after the words it abbreviates: "suspicious transaction reports
# (STRs)", "Port Control Units (PCUs)"
# (found by the parenthesis, then the words read back from it: a scan for the words would try
# every letter of the text)
_ACRONYM_PLURAL_DEF_RE = re.compile(r"\(([A-Z]{2,6})s\)")
_WORDS_BEFORE_RE = re.compile(r"(?:[A-Za-z][\w-]*\s+){1,6}\Z")


_ACRONYM_SKIPS = frozenset({"of", "and", "the", "for", "in", "on", "to", "at"})


def _spelling_words(words: list[str], acr: str) -> list[str] | None:
    """The last words of ``words`` whose initials spell ``acr``: one word a letter ("Letters
    of Agreement" for LOA), else with small lower-case words left out of the initials
    ("Persons Deprived of Liberty" for PDL); ``None`` when none do."""
    last = words[-len(acr) :]
    if len(last) == len(acr) and "".join(w[0] for w in last).upper() == acr:
        return last
    for k in range(len(acr) + 1, min(len(words), len(acr) + 2) + 1):
        cand = words[-k:]
        if cand[0] in _ACRONYM_SKIPS:
            continue
        initials = "".join(w[0] for w in cand if w not in _ACRONYM_SKIPS)
        if initials.upper() == acr:
            return cand
    return None


def acronym_nouns(text: str) -> dict[str, str]:
    """The counted noun each plural acronym a text defines stands for, singular and lower
    case ("STR": "suspicious transaction report"), where the initials of the words before
    the definition spell it.

    >>> acronym_nouns("It received 900 suspicious transaction reports (STRs) and 40 STRs.")
    {'STR': 'suspicious transaction report'}
    >>> acronym_nouns("some 4,300 Persons Deprived of Liberty (PDLs) were released")
    {'PDL': 'person deprived of liberty'}
    """
    out: dict[str, str] = {}
    for m in _ACRONYM_PLURAL_DEF_RE.finditer(text):
        before = _WORDS_BEFORE_RE.search(text, max(0, m.start() - 400), m.start())
        if before is None:
            continue
        acr = m.group(1)
        words = _spelling_words(before.group().split(), acr)
        if words:
            phrase = " ".join(words).lower()
            head, of, rest = phrase.partition(" of ")
            # "Letters of Agreement (LOAs)": the head is the word before "of"
            if of:
                # the last plural word of the head: "persons deprived of liberty"
                hw = head.split()
                k = max((i for i, w in enumerate(hw) if is_plural(w)), default=len(hw) - 1)
                hw[k] = singularize_word(hw[k])
                out.setdefault(acr, f"{' '.join(hw)}{of}{rest}")
            else:
                out.setdefault(acr, singularize(phrase))
    return out
