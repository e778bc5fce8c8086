"""Years: the year (or fiscal year) a figure refers to.

Read from the figure's clause ("in 2019", "during FY 2020"), its sentence's opening, a
heading or an earlier sentence, with indexes that keep the search linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from kg.extract.qualifiers import _TO_LEVEL_QUALIFIER
from kg.extract.text import _Ahead, _ends_with_word, _line_start, _line_starts

if TYPE_CHECKING:
    from kg.extract.figures import _Fig

_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_DAY_BEFORE_RE = re.compile(r"(?:" + _MONTHS + r")\s+$")
_DAY_AFTER_RE = re.compile(r"\s+(?:" + _MONTHS + r")\b")
_YEAR_LABEL_BEFORE_RE = re.compile(
    r"(?:\bFY|\bfiscal\s+year|\bcalendar\s+year|\byear|\bthe|\bin|\bsince|\bfrom|\bto|\bby"
    r"|\buntil|\bthrough|\bof|\bduring|\bbetween|\band|\bbefore|\bafter|\bearly|\blate|\bmid"
    r"|\bas\s+of|[–—,(-])\s*$",
    re.IGNORECASE,
)
_MID = r"(?:(?:[Mm]id|[Ee]arly|[Ll]ate)[-‐\s]+)?"
# a list item's bullet: "•", "*", "-", "--" (older sheets), "–", "—"
_BULLET = r"(?:(?:[•*·▪–—]|-{1,2})\s*)?"
# a part of the year: "in the first half of 2011", "during the last quarter of 2024"
_PART_OF = (
    r"(?:(?:the\s+(?:first|second|third|fourth|last|final)\s+(?:half|quarter|(?:two|three|four"
    r"|five|six|seven|eight|nine|ten|eleven|\d{1,2})\s+months)|all)\s+of\s+"
    r"(?:(?:[Ff]iscal|[Cc]alendar)\s+[Yy]ear\s+|FY\s?)?)"
)
_YEAR_AFTER_RE = re.compile(
    # not the year a change is measured against: "38 percent more than in 2005"
    r"(?<!\bthan\s)\b(?:in|during|for|by|by\s+the\s+end\s+of|at\s+the\s+end\s+of|as\s+of)\s+"
    r"(?:"
    + _PART_OF
    + r"|(?:the\s+)?(?:[Ff]iscal|[Cc]alendar)\s+[Yy]ear\s+|FY\s?|CY\s?|(?:"
    + _MONTHS
    + r")\s+(?:\d{1,2},?\s+)?|"
    + _MID
    + r")?"
    r"((?:19|20)\d\d)\b(?!\s*[-–—]\s*\d|\s+(?:and|to|through)\s+(?:19|20)\d\d\b)",
)
_YEAR_SENT_RE = re.compile(
    # a sentence may open a quotation: "\"In 2022, our forces seized ...\""
    _BULLET + r"[\"“‘']?(?:[A-Z][\w/ ]{0,40}:\s*)?"
    r"(?:(?:According\s+to\s+(?:an?|the|its)|In\s+(?:an?|the|its)|An?|The|Its)\s+"
    # a study of a year that opens the sentence: "A 2017 survey by KIIS found that ...",
    # "According to a 2018 Council of Europe assessment, ..."
    r"(?=(?:19|20)\d\d\s+(?:[\w’'()-]+\s+){0,5}?(?:survey|poll|census|study|report|assessment"
    r"|evaluation|audit)\b)|"
    # a stretch of the year opening the sentence: "Between January 1 and August 31, 1998, the
    # FTC eradicated ...", "From January to June 2019, ..."
    r"(?:Between|From)\s+(?:"
    + _MONTHS
    + r")(?:\s+\d{1,2})?\s+(?:and|to|through)\s+(?:"
    + _MONTHS
    + r")(?:\s+\d{1,2},?)?\s+(?=(?:19|20)\d\d,)|"
    # (after an adverb: "Also in FY 2023, INL-funded instructors trained ...")
    r"(?:(?:Also|Later|Then|Again|Separately|Meanwhile|Similarly|Additionally),?\s+"
    r"(?:in|during)\s+"
    # a fiscal year's program or funds: "Under the FY 2022 APS, INL made 11 awards"
    r"|Under\s+(?:the|its)\s+(?=(?:FY\s?|fiscal\s+year\s+)(?:19|20)\d\d\s+[\w -]{1,40},)"
    r"|(?:In|During|For|Throughout|By(?:\s+the\s+end\s+of)?|At\s+the\s+end\s+of|As\s+of)\s+)"
    r"(?:"
    + _PART_OF
    + r"|(?:the\s+)?(?:[Ff]iscal|[Cc]alendar)\s+[Yy]ear\s+|FY\s?|CY\s?|"
    # "In October and November 2019"
    + r"(?:(?:"
    + _MONTHS
    + r")\s+(?:and|to|through)\s+)?(?:"
    + _MONTHS
    + r")\s+(?:\d{1,2},?\s+)?|"
    + _MID
    + r")?)"
    r"((?:19|20)\d\d)\b(?!\s*[-–—]\s*\d)"
)
# A relative or contrasting clause after a figure speaks of something else ("..., where the new
# system takes effect in 2011").
_ASIDE_RE = re.compile(
    r";|,\s+(?:where|while|whereas|but|although|though)\b"
    # a new clause with its own time: "... killed 60 people, and in March 2016 militants ..."
    r"|,\s+and\s+(?=(?:in|during|by)\s+(?:(?:" + _MONTHS + r")\s+)?(?:19|20)\d\d\b)"
)
# A year that opens the clause holding the figure: "...; in 2011, 14 officers attended",
# "..., and in 2022 the armed forces eradicated more than 80 hectares".
_YEAR_CLAUSE_RE = re.compile(
    r"(?:^\s*|[;,]\s*|\b(?:and|yet|but|while|although|though|whereas)\s+)"
    r"(?:in|during|by\s+the\s+end\s+of|as\s+of)\s+"
    r"(?:(?:" + _MONTHS + r")\s+(?:\d{1,2},?\s+)?)?((?:19|20)\d\d)\b"
    r"(?!\s*[-–—]\s*\d|\s+(?:and|to|through)\s+(?:19|20)\d\d\b)"
    r"(?:\s+alone)?,?\s+(?![^;]*\bsince\b)",
    re.IGNORECASE,
)
_YEAR = r"((?:19|20)\d\d)"
_PERIOD_RE = re.compile(
    r"\b(?:between|from|in)\s+(?:(?:fiscal|calendar)\s+years\s+|FYs?\s?)?(?:(?:"
    + _MONTHS
    + r")\s+)?(?:"
    + _YEAR
    + r"\s+)?(?:and|to|through)\s+(?:FY\s?)?"
    r"(?:(?:" + _MONTHS + r")\s+)?" + _YEAR + r"\b"
)
# a change told as a multiple: "nearly doubled", "rose more than fourfold", "fell by half"
_MULTIPLE_RE = re.compile(r"doubl|tripl|quadrupl|fold\b|halved|by\s+half", re.IGNORECASE)
# the year a change is measured against: "from 1997", "over 2006", "than in 2003" (not the
# start of a period: "from 2010 to 2014", "over 2018-2020")
_BASE_YEAR = (
    r"\s+(?:from|over|than(?:\s+in)?|compared\s+(?:with|to)(?:\s+in)?)\s+(?:FY\s?)?"
    r"((?:19|20)\d\d)\b(?![-–/]|\s*(?:to|and|through)\b)"
)
# ... right after a change: "up 62 percent from 1997", "a 60 percent increase over 2006",
# "36 percent higher than in 2003"
_BASE_YEAR_AFTER_RE = re.compile(
    r"(?:\s+percent(?:age\s+points?)?)?(?:\s+(?!from\b|over\b|than\b|compared\b)[a-z]+){0,3}?"
    + _BASE_YEAR
)
# ... of a level's own change right after it: "2.1 metric tons, up 62 percent from 1997", "87
# suspicious activity reports, a decline of 12 percent from 2008"
_LEVEL_BASE_YEAR_RE = re.compile(
    r"(?:\s*\([^()]{1,40}\))?,\s+(?:up|down|an?\s+(?:increase|decrease|rise|drop|decline)\s+of)"
    r"\s+(?:(?:about|nearly|almost|some|over|more\s+than)\s+)?[\d.,]+\s+percent" + _BASE_YEAR
)
_SAME_YEAR_RE = re.compile(r"\b(?:[Tt]hat|[Tt]he\s+same|[Tt]hat\s+same)\s+year\b")
_YEAR_DIGITS_RE = re.compile(r"(?=(?:19|20)\d\d)")
_ANY_YEAR_RE = re.compile(r"(?<![\w$,.])((?:19|20)\d\d)(?!\w|,\d)")
_IN_YEAR_RE = re.compile(
    r"\b(?:in|during)\s+(?:FY\s?|"
    + _MID
    + r"|(?:"
    + _MONTHS
    + r")\s+(?:\d{1,2},?\s+)?)?"
    + _YEAR
    + r"\b"
)
# A year in the figure's own clause, after a sentence-opening year: "In 2009, the government
# reported that in 2008 it had destroyed 5,480 hectares" (2008).
_OWN_CLAUSE_YEAR_RE = re.compile(
    r"\b(?:that|which|when|who|and)\s+(?:[\w-]+\s+){0,3}?(?:in|during)\s+"
    r"(?:FY\s?|" + _MID + r"|(?:" + _MONTHS + r")\s+)?" + _YEAR + r"\b(?![^,;]*\b(?:that|which)\b)"
)
# A clause that speaks of the previous one's figure: "This represents ...", "..., at which time".
_CARRY_OPEN_RE = re.compile(
    r"\s*(?:This|That|It|These|Which)\s+(?:figure\s+|number\s+|amount\s+|total\s+)?"
    r"(?:represents|represented|is|was|marks|marked|amounts|amounted|equals|equaled|reflects"
    r"|reflected|constitutes|constituted)\b"
)
# Where a coordinated clause opens: "..., and 40-45 percent of the country's prisoners ..."
_CLAUSE_JOIN_RE = re.compile(r",\s+(?:and|while|whereas|but|although|though)\s+")
_ORIGIN_BEFORE_RE = re.compile(
    r"\b(?:launched|created|established|founded|begun|began|opened|formed|set\s+up|adopted"
    r"|enacted|passed|signed|introduced|built|inaugurated|started)\b[^,;]*\Z"
)
_SINCE_RE = re.compile(r"\b(?:[Ss]ince|[Uu]ntil|[Tt]hrough|[Bb]etween|[Ff]rom)\b")
# "since" opening a clause of origin between a figure and a year: "since it began in 2021"
_SINCE_ORIGIN_RE = re.compile(r"\bsince\s+(?:it|they|its|their|the\s+[\w-]+)\b")
_AT_WHICH_TIME_RE = re.compile(
    r"\b(?:at\s+which\s+(?:time|point)|by\s+which\s+time)\b"
    # a clause of the year just named: "since fiscal year 2014, when it numbered 112 aircraft"
    r"|(?<![\w$,.])(?:19|20)\d\d,?\s+when\b(?=[^,;.]*\Z)"
)
_YEAR_MODIFIER_RE = re.compile(
    # (or a body's: "more than the ANB's 2018 total of 61 kilograms")
    r"(?:\b[Tt]he|[\w-][’']s)\s+" + _YEAR + r"\s+(?!and\b|to\b)[a-z]"
)
# now, right after a figure: "to more than 35,000 today", "it now has 31"
_NOW_AFTER_RE = re.compile(r"\s+(?:today|now|currently|at\s+present)\b(?!\s+(?:seeking|that)\b)")
# what lies between a first level's year and the second level: "from 40 in FY 2015 to 96"
_FROM_LEVEL_YEAR_RE = re.compile(r"\s+to\s+" + _TO_LEVEL_QUALIFIER)
# a year modifying the noun of the figure's own phrase, just after it: "about 60 percent of
# the 2023 cases", "wounded 23 others during the 2016 season"
_YEAR_NOUN_AFTER_RE = re.compile(
    r"(?:\s+(?!than\b|compared\b|over\b|from\b)[a-z]+){0,2}?\s+(?:of|in|during|for)\s+the\s+"
    + _YEAR
    + r"\s+(?:(?:[a-z-]+\s+)?(?:cases|season|crop|harvest|totals?|figures?|campaign|cycle|census"
    r"|survey|budget|cohort|class|intake|caseload|seizures|arrests))\b"
)
# The figure's own year in parentheses right after it: "baseline 31 percent (2018)"
_PAREN_YEAR_RE = re.compile(r"\s*\(\s*(?:FY\s?|CY\s?)?((?:19|20)\d\d)\s*\)")
# A fiscal-year label: "FY 2019", "Fiscal Year 2019" (not a span "FY 2019-2021")
_FY_LABEL_RE = re.compile(r"\b(?:FY|Fiscal Year)\s?((?:19|20)\d\d)\b(?!\s*[-–—]\d)")
# a fiscal year heading the noun phrase a figure ends: "FY 2019 funds of $4.5 million"
# the day a level was taken, right after it: "stood at 98,700 hectares on December 31, 2002",
# "held 1,108 as of March 15, 2023"
_DATE_AFTER_RE = re.compile(
    r"(?:\s+(?:on|as\s+of)\s+|:\s+(?:(?:" + _MONTHS + r")\s+\d{1,2},?\s*[-–]\s*)?)"
    r"(?:(?:" + _MONTHS + r")\.?\s+\d{1,2},?|\d{1,2}\s+(?:" + _MONTHS + r"),?)"
    # (or the last day of a statistics line's period: "9: January 1 - December 31, 2012")
    r"\s+((?:19|20)\d\d)\b"
)
_FY_PHRASE_BEFORE_RE = re.compile(
    # what a fiscal year's money was: "The HNP's budget for fiscal year 2013 was"
    r"\b(?:budget|funding|allocation|request|appropriations?)\s+for\s+(?:[Ff]iscal\s+[Yy]ear|FY)"
    r"\s?((?:19|20)\d\d)\s+(?:was|is|totaled|totalled|totals|of|stood\s+at)\s+"
    r"(?:(?:about|nearly|some|over|approximately|more\s+than)\s+)?\Z|"
    r"\b(?:FY|Fiscal\s+Year)\s?((?:19|20)\d\d)\s+(?:[a-z]+\s+){0,2}?(?:funds?|funding|budget"
    r"|request|allocation|level|appropriations?|assistance|obligations?|contribution|program)\s+"
    # (and whom it is for: "INL's FY 2014 budget for Haiti is $18.7 million", "INL's FY 2006
    # program in Laos is budgeted at $1.5 million")
    r"(?:(?:for|in)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}\s+)?"
    r"(?:of|at|totaling|totalling|worth|is|was|totals|totaled|totalled|stands\s+at"
    r"|(?:is\s+|was\s+)?budgeted\s+at)\s+"
    r"(?:(?:about|nearly|some|over|approximately|more\s+than)\s+)?\Z"
)
# a line whose label is a year and what it counts: "– 2006 seizures: 14 MT of cocaine base"
_YEAR_LABEL_LINE_RE = re.compile(
    r"[\s•*\-–·]*((?:19|20)\d\d)\s+(?:[A-Za-z][\w-]*\s+){0,3}?[A-Za-z][\w-]*:\s[^:\n]*\Z"
)
# the year of the survey or report a figure comes from: "79 percent in a 2018 survey"
_SURVEY_YEAR_RE = re.compile(
    r",?\s+(?:in|according\s+to|from)\s+(?:a|an|the|its)\s+((?:19|20)\d\d)\s+"
    # who made it: "a 2019 Dangerous Drugs Board (DDB) survey", "a 2018 national household survey"
    r"(?:(?:[A-Za-z][\w’'-]*|\([A-Z]{2,}\))\s+){0,5}?"
    r"(?:survey|poll|census|study|report|assessment)\b"
)
# a line that opens with one ("• FY 2019: $1.2 million")
_FY_LINE_RE = re.compile(r"[ \t]*" + _BULLET + _FY_LABEL_RE.pattern)
# a fiscal year's label just before the figure: "...; FY 2023 result: 58 percent", "Targets:
# FY 2021: 450 | FY 2022: 600" (or after the label: "Baseline (FY 2009): 18 percent")
_FY_LABEL_BEFORE_RE = re.compile(
    r"(?:(?<![Ss]ince\s)(?<![Ff]rom\s)\b(?:FY|Fiscal\s+Year)\s?((?:19|20)\d\d)(?:\s+[A-Za-z]+){0,2}"
    r"|\b[A-Z][a-z]+\s+\((?:FY|CY|Fiscal\s+Year|Calendar\s+Year)\s?((?:19|20)\d\d)\))\s*:\s*"
    r"(?:(?:about|approximately|nearly|some|over|more\s+than|at\s+least|up\s+to)\s+)?\Z"
)


def base_year_after(text: str, fig: _Fig, e: int) -> int | None:
    """The year a change right after the figure is measured against ("up 62 percent from
    1997", "36 percent higher than in 2003"), or the one a level's own change after it is
    ("2.1 metric tons, up 62 percent from 1997"); ``None`` without one, or when the base
    year's own clause follows it ("from 2015, when the program began").

    >>> from kg.extract.figures import _Fig
    >>> from kg.model import Change, Span
    >>> t = "Seizures rose 36 percent over 2006."
    >>> fig = _Fig(Span.of(t, 14, 24), 14, 16, 36, "percent", change=Change.INCREASE)
    >>> base_year_after(t, fig, len(t))
    2006
    """
    base = (
        _BASE_YEAR_AFTER_RE.match(text, fig.num_end, e)
        if fig.change is not None
        else _LEVEL_BASE_YEAR_RE.match(text, fig.span.end, e)
    )
    if base is None or _BASE_CLAUSE_AFTER_RE.match(text, base.end(), e):
        return None
    return int(base.group(1))


# the base year's own clause: "from 2015, when the program began"
_BASE_CLAUSE_AFTER_RE = re.compile(r",?\s+when\b")


def _figure_year(
    text: str,
    s: int,
    e: int,
    fig: _Fig,
    after_limit: int,
    newlines: list[int] | None = None,
    years: _Years | None = None,
) -> int | None:
    """The year a figure refers to (see the module's conventions).

    ``newlines`` and ``years`` index the text (made here when not given): with them, the work
    per figure does not grow with the length of its sentence.
    """
    if newlines is None:
        newlines = _line_starts(text)
    idx = years or _Years(text)
    line_start = _line_start(newlines, fig.span.start)
    fy = _FY_LINE_RE.match(text, line_start)
    if fy:
        # "FY 2011 target: 2,000; FY 2012 target: 2,500": the label nearest before the figure
        labels = list(_FY_LABEL_RE.finditer(text, line_start, fig.span.start))
        return int((labels[-1] if labels else fy).group(1))
    paren = _PAREN_YEAR_RE.match(text, fig.span.end)
    if paren:
        return int(paren.group(1))  # "actual 52 percent (2022)"
    dated = _DATE_AFTER_RE.match(text, fig.span.end)
    if dated:
        return int(dated.group(1))  # "stood at 98,700 hectares on December 31, 2002"
    phrase_fy = _FY_LABEL_RE.search(text, fig.span.start, min(e, fig.span.end + 12))
    if phrase_fy is not None and phrase_fy.start() >= fig.span.end:
        phrase_fy = None
    phrase_fy = phrase_fy or _FY_PHRASE_BEFORE_RE.search(
        text, max(s, fig.span.start - 40), fig.span.start
    )
    if phrase_fy:
        # the fiscal year of the figure's own phrase: "a quarter of its FY 2019 aviation
        # budget", "FY 2019 funds of $4.5 million"
        return int(next(g for g in phrase_fy.groups() if g))
    label = _YEAR_LABEL_LINE_RE.match(text, line_start, fig.span.start)
    if label:
        return int(label.group(1))  # "– 2006 seizures: 14 MT of cocaine base"
    fy_label = _FY_LABEL_BEFORE_RE.search(text, max(s, fig.span.start - 40), fig.span.start)
    if fy_label:
        # "Indicator: ...; FY 2023 result: 58 percent", "Baseline (FY 2009): 18 percent"
        return int(fy_label.group(1) or fy_label.group(2))
    survey = _SURVEY_YEAR_RE.search(text, fig.span.end, e)
    if survey and not _ANY_YEAR_RE.search(text, fig.span.end, survey.start()):
        # "stood at 79 percent in a 2018 survey", "1.9 million Filipinos use illegal drugs,
        # according to a 2019 Dangerous Drugs Board (DDB) survey" (not past a year of the
        # figure's own: "40 percent in 2020, according to a 2021 report")
        return int(survey.group(1))
    sy = idx.ahead(_YEAR_SENT_RE, s, e, anchored=True)
    if sy:
        own = list(_OWN_CLAUSE_YEAR_RE.finditer(text, sy.end(), fig.span.start))
        if own:
            return int(own[-1].group(1))
        # a later clause's own opening year: "In 2017, INL helped ...; in 2022 the unit
        # dismantled 14 criminal organizations"
        later = list(_YEAR_CLAUSE_RE.finditer(text[sy.end() : fig.span.start]))
        if later:
            return int(later[-1].group(1))
        # the figure's own trailing year beats the sentence's opening one: "In 2009, seizures
        # rose to 300 kilograms, from 200 kilograms in 2008"; "..., while officers seized 1.6
        # metric tons of heroin hidden in a shipment at Poti in mid-2017"
        aside0 = idx.ahead(_ASIDE_RE, fig.span.end, after_limit)
        ay0 = idx.ahead(_YEAR_AFTER_RE, fig.span.end, aside0.start() if aside0 else after_limit)
        if ay0 and (ay0.start() - fig.span.end < 40 or "," not in text[fig.span.end : ay0.start()]):
            return int(ay0.group(1))
        return int(sy.group(1))
    period = idx.ahead(_PERIOD_RE, fig.span.end, e)
    if period and _ends_with_word(text, s, fig.span.start, "from"):
        return int(period.group(1) or period.group(2))
    to_level = _ends_with_word(text, s, fig.span.start, "to")
    if period and to_level and re.search(r"\bfrom\s+(?:\$)?\d", text[s : fig.span.start]):
        return int(period.group(2))
    aside = idx.ahead(_ASIDE_RE, fig.span.end, after_limit)
    ay = idx.ahead(_YEAR_AFTER_RE, fig.span.end, aside.start() if aside else after_limit)
    if ay and not _SINCE_ORIGIN_RE.search(text, fig.span.end, ay.start()):
        # (not the start of a time frame after it: "..., the fourth class since it began in
        # 2021")
        return int(ay.group(1))
    noun_year = _YEAR_NOUN_AFTER_RE.match(text, fig.span.end, e)
    if noun_year:
        return int(noun_year.group(1))
    if (
        period
        and (fig.change is not None or _MULTIPLE_RE.search(fig.span.quote) is not None)
        and period.start() - fig.span.end <= 60
        and not re.search(r"[,;]", text[fig.span.end : period.start()])
        and (aside is None or period.start() < aside.start())
    ):
        # a change over a period right after it is of the period's last year: "more than
        # doubled between 2021 and 2023" (a total over one is of no year: "about $94 million
        # in fiscal years 2015 through 2019")
        return int(period.group(2))
    if period and fig.change is not None:
        return int(period.group(2))
    same = idx.ahead(_SAME_YEAR_RE, s, e)
    if same:
        last = idx.last_before(min(same.start(), fig.span.start))
        if last is not None:
            return last
    if not idx.digits_between(s, fig.span.start):
        return None  # each pattern below reads a year before the figure
    if to_level and _NOW_AFTER_RE.match(text, fig.span.end, e):
        # a level as of now, however its earlier level is dated: "grown from 6,500 officers in
        # 2006 to more than 35,000 today" (the document's date, read where it is known)
        return None
    if fig.change is not None or to_level:
        in_years = list(_IN_YEAR_RE.finditer(text, s, fig.span.start))
        if in_years and not (
            to_level and _FROM_LEVEL_YEAR_RE.fullmatch(text, in_years[-1].end(), fig.span.start)
        ):
            # (not the first level's year: "from 40 in FY 2015 to 96")
            return int(in_years[-1].group(1))
    clause_start = max(s, idx.last_semicolon(s, fig.span.start) + 1)
    lead = list(_YEAR_CLAUSE_RE.finditer(text[clause_start : fig.span.start]))
    if lead:
        return int(lead[-1].group(1))
    mod = list(_YEAR_MODIFIER_RE.finditer(text, s, fig.span.start))
    if mod:
        return int(mod[-1].group(1))
    if _AT_WHICH_TIME_RE.search(text, s, fig.span.start):
        return idx.last_before(fig.span.start)  # "... in 2014, at which time 300 were held"
    opens = [m.end() for m in _CLAUSE_JOIN_RE.finditer(text, clause_start, fig.span.start)]
    own_start = opens[-1] if opens else clause_start
    in_clause = list(_IN_YEAR_RE.finditer(text, own_start, fig.span.start))
    at = in_clause[0].start() if in_clause else 0
    if (
        len(in_clause) == 1
        and fig.unit not in ("year", "month", "week", "day", "hour")
        and not _SINCE_RE.search(text, own_start, fig.span.start)
        # a year that dates the subject's origin ("CICIG, created in 2007, has helped ...")
        and not _ORIGIN_BEFORE_RE.search(text, max(0, at - 60), at)
        and not _SINCE_RE.search(text, fig.span.end, after_limit)
    ):
        # the subject's time: "Terrorist attacks in 2015 at the Bardo National Museum ...
        # killed 60 people" (not a running total: "Since it opened in 2009, ...")
        return int(in_clause[0].group(1))
    return None


class _Years:
    """Indexes of a text for finding the years of its figures in time linear in the text.

    Every year-like number (``_ANY_YEAR_RE``), every place a year could start (``19``/``20``
    and two digits), every semicolon, and the last search of each pattern, so that searches
    from the successive figures of a sentence scan each stretch of it once.
    """

    def __init__(self, text: str, ahead: _Ahead | None = None) -> None:
        self.text = text
        self.ends = [m.end() for m in _ANY_YEAR_RE.finditer(text)]
        self.digits = [m.start() for m in _YEAR_DIGITS_RE.finditer(text)]
        self.semicolons = [m.start() for m in re.finditer(";", text)]
        self.ahead = (ahead or _Ahead(text)).search

    def digits_between(self, lo: int, hi: int) -> bool:
        """True when a year (``19``/``20`` and two digits) lies wholly in ``[lo, hi)``."""
        i = bisect_left(self.digits, lo)
        return i < len(self.digits) and self.digits[i] + 4 <= hi

    def last_semicolon(self, lo: int, hi: int) -> int:
        """``text.rfind(";", lo, hi)``."""
        i = bisect_left(self.semicolons, hi)
        return self.semicolons[i - 1] if i and self.semicolons[i - 1] >= lo else -1

    def last_before(self, limit: int) -> int | None:
        """The last year found by ``_ANY_YEAR_RE.finditer(text, 0, limit)``, if any."""
        # The search stops at ``limit``, where the look-ahead sees the end of the text: a year
        # ending there (or just before a comma there) can match that does not in the full text.
        for back in (4, 5):
            cut = _ANY_YEAR_RE.match(self.text, limit - back, limit) if limit >= back else None
            if cut:
                return int(cut.group(1))
        i = bisect_right(self.ends, limit)
        return int(self.text[self.ends[i - 1] - 4 : self.ends[i - 1]]) if i else None
