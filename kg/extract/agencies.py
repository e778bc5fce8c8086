"""The lead agency of a fact sheet and whether a figure counts its work.

A figure is credited to the lead agency (INL) when its sentence credits it ("with INL
support", "INL-funded"), when it is an output listed under an accomplishments heading, or when
it is funding on a fiscal-year line; these are the patterns :func:`kg.extract.pipeline.extract`
applies.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import cache

from kg.extract.lexicon import DEMONYMS, word_set
from kg.extract.organizations import _OrgBuild, _Orgs
from kg.extract.years import _MONTHS
from kg.model import OrgKind, PlaceKind
from kg.places import place_kind

# A speaker's pleasure at an act: "(I am) pleased to", "(we are) very proud to"
PLEASED_TO = r"(?:very\s+|so\s+)?(?:pleased|proud|delighted|happy|honou?red|glad)\s+to"
# The money a budget document asks for, as a subject: "Funds", "FY 2018 funds", "The new
# funds", "The FY 2008 request", "Assistance" (the lead agency spends it)
BUDGET_SUBJECT = (
    r"(?:(?:[Tt]hese|[Tt]he|[Tt]his|[Oo]ur|[Nn]ew|[Aa]dditional|[Ss]uch)\s+)?"
    r"(?:(?:new|additional)\s+)?(?:(?:FY|[Ff]iscal\s+[Yy]ear)\s?(?:19|20)\d\d\s+)?"
    r"(?:[Ff]unds|[Ff]unding|[Aa]ssistance|request)"
)
_CREDIT_RE_TEMPLATE = (
    r"(?:(?i:with\s+(?:the\s+)?(?:support|help|assistance|funding|mentoring|training|backing"
    r"|equipment|guidance)\s+(?:of|from)\s+(?:the\s+)?){n}"
    r"|(?i:with\s+){n}\s+(?:support|assistance|funding|help|mentoring|training)"
    r"|{n}[’']s\b|{n}-[a-z]+ed\b"
    # "Guatemala's vetted task force, trained and equipped by INL, seized 14.2 MT"
    r"|(?:funded|financed|sponsored|supported|trained|equipped|mentored|backed|advised)"
    r"(?:\s+and\s+[a-z]+ed)?\s+by\s+(?:the\s+)?{n}"
    r"|{n}\)?\s+(?:has\s+|have\s+|had\s+|also\s+|is\s+"
    r"|continues\s+to\s+)?"
    # (not what it says: "INL estimates that the government will need $69 million")
    r"(?!(?:estimates?|estimated|reports?|reported|says|said|notes?|noted|believes?|expects?"
    r"|projects?|assesses|assessed)\s+that\b(?!\s+(?:it|they)\s))\w+"
    # past a time between the name and its verb: "(INL), today handed over", "INL on Monday
    # delivered"
    r"|{n}\)?,?\s+(?:today|yesterday|recently|this\s+week|on\s+[A-Z][a-z]+(?:\s+\d{1,2})?)"
    r",?\s+(?:has\s+|have\s+)?[a-z]+ed\b"
    # money from the agency: "with $2.3 million from the State Department's Bureau of ... (INL)"
    r"|(?i:with)\s+(?:US)?\$[\d.,]+(?:\s+(?:million|billion))?\s+from\s+(?:the\s+)?"
    r"(?:[\w.’'-]+\s+){0,4}?{n}"
    # the bureau's account and its request: "INCLE funds pay", "The FY 2006 request will"
    r"|\bINCLE(?:-funded|\s+funds?\b|\s+funding\b)"
    r"|\bFY\s?(?:19|20)\d\d\s+request\s+(?:will|would|also\s+will)\b"
    # the bureau's money as the subject of what it will do: "Funds will train 200 judges",
    # "Assistance will also help the PSD open three offices", "-- FY 2003 funds will train"
    r"|(?:^|(?<=[.;:]\s)|(?<=\n))[\s•*\-–·]*" + BUDGET_SUBJECT + r"\s+(?:will|would)\s+"
    r"(?:also\s+)?[a-z]+\b)"
)


def channel_pattern(names: Iterable[str]) -> str:
    """The pattern of the lead agency named as the channel of what follows ("Today, through
    the Bureau of ..., or INL, "), up to what follows; ``""`` without names.

    >>> bool(re.search(channel_pattern(["INL"]) + "we", "Today, through INL, we hand over"))
    True
    """
    alternatives = "|".join(re.escape(n) for n in names if n)
    if not alternatives:
        return ""
    return (
        r"\b[Tt]hrough\s+(?:the\s+)?(?:[\w.’'-]+\s+){0,4}?(?:" + alternatives + r")(?![\w’'-])"
        r"(?:,?\s+or\s+[A-Z]{2,},)?,?\s+"
    )


_CONTEXT_FIGURE_RE = re.compile(
    r"\s*(?:long\s+)?(?:(?:land|sea|maritime|river|mountain|porous|northern|southern|eastern"
    r"|western)\s+)?(?:border|coastline|coast|frontier|shoreline)\b"
)


# A heading that frames what follows as the lead agency's work: "INL Accomplishments",
# "Program Results:", "Key achievements include:".
_FRAME_HEAD_RE = re.compile(
    r"\b(?:[Aa]ccomplishments?|[Aa]chievements?|[Rr]esults|[Hh]ighlights|[Ss]uccesses|[Oo]utputs"
    r"|[Ii]mpacts?|[Mm]ilestones)\b"
)
_BULLET_RE = re.compile(r"\s*(?:[•*\-–·▪○◦]|\d{1,2}[.)])\s")
# A baseline: a year's state of things before the work ("In 1989, the country had 2,000 police").
_BASELINE_RE = re.compile(
    r"\b(?:[Ii]n|[Bb]y|[Aa]s\s+of|[Bb]efore|[Uu]ntil)\s+(?:(?:" + _MONTHS + r")\s+)?(?:19|20)\d\d\b"
    r"[^.;]{0,80}?\b(?:had|has|there\s+(?:were|was|are|is)|numbered|stood\s+at|totaled|was|were)\s+"
    r"(?:(?:only|just|about|some|approximately|nearly|over|more\s+than|fewer\s+than|less\s+than)\s+)?$"
)


# The program's own outputs (what an accomplishments list credits to the lead agency) and the
# host country's enforcement results (which it does not).
_OUTPUT_WORDS_RE = re.compile(
    r"\b(?:train\w*|courses?|workshops?|curricul\w+|pilot\w*|donat\w+|(?<!was\s)(?<!were\s)"
    r"buil[td](?!\s+for\b)\w*|construct\w*|renovat\w+|refurbish\w+|equipp(?:ed|ing)|equips?\b"
    r"|provid\w+|deliver\w*|graduat\w+|mentor\w*|install\w*"
    r"|procur\w+|fund\w*|sponsor\w*|launch\w*|advis\w+|seminars?|conferences?"
    r"|hand(?:ed|s|ing)?\s+over|handover|turned\s+over)\b",
    re.IGNORECASE,
)
_ENFORCEMENT_WORDS_RE = re.compile(
    r"\b(?:seiz\w+|eradicat\w+|arrest\w*|kill\w*|dismantl\w+|destroy\w*|interdict\w*"
    r"|convict\w*|prosecut\w+|investigations?\s+into|cultivat\w+|estimat\w+)\b"
    # naming a course or the people trained, not a result: "a maritime interdiction course",
    # "64 Maritime Interdiction Officers"
    r"(?!\s+(?:[\w-]+\s+)?(?:course|training|workshop|seminar|curriculum|techniques|skills"
    r"|officers|agents|units?|teams?)\b)",
    re.IGNORECASE,
)


_COURSE_RE = re.compile(r"\b(?:courses?|training|program|curriculum|workshops?|seminars?)\b", re.I)
# An organization named at the head of its sentence is the sentence's subject, the actor.
_SUBJECT_LEAD_RE = re.compile(r"[\s•*\-–·]*(?:[A-Z][\w ,/-]{0,40}:\s*)?(?:[Tt]he\s+)?")


def _in_frame(frames: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether ``pos`` lies in one of the (sorted, disjoint) ``frames``."""
    i = bisect_right(starts, pos)
    return i > 0 and pos < frames[i - 1][1]


def _is_heading(line: str) -> bool:
    """A short line that titles what follows (no closing period, not a bullet)."""
    t = line.strip()
    return (
        0 < len(t) <= 90
        and t[0].isupper()
        and not t.endswith((".", ";", ","))
        and len(t.split()) <= 12
        and _BULLET_RE.match(line) is None
    )


def _frames(text: str) -> list[tuple[int, int]]:
    """The stretches of text under an accomplishments heading, up to the next heading.

    On a program fact sheet, the outputs listed under "INL Accomplishments" are the lead
    agency's work even where a sentence does not name it.
    """
    out: list[tuple[int, int]] = []
    start: int | None = None
    pos = 0
    for line in text.splitlines(keepends=True):
        if _is_heading(line) or (
            line.strip().endswith(":") and len(line.strip()) <= 90 and not _BULLET_RE.match(line)
        ):
            if start is not None:
                out.append((start, pos))
                start = None
            if _FRAME_HEAD_RE.search(line):
                start = pos + len(line)
        pos += len(line)
    if start is not None:
        out.append((start, pos))
    return out


# A line that opens a list of what was handed over: "The handover includes:", "The donated
# equipment consists of:" (not what was seized or is needed: "Equipment seized included:")
_HANDOVER_HEAD_RE = re.compile(
    r"\b(?:handover|hand-over|donation|donated)\b"
    r"[^:\n]{0,40}?\b(?:includes?|included|consists?\s+of|comprises?|following)\s*:\s*$",
    re.IGNORECASE,
)


def handover_lists(text: str) -> list[tuple[int, int]]:
    r"""The list items under a line that opens what was handed over ("The handover includes:"
    over "- four mobile X-ray cargo scanners"): what the lead agency gave.

    >>> t = "The handover includes:\n- four scanners;\n- 26 dogs.\nJordan's border is long."
    >>> [t[a:b].strip() for a, b in handover_lists(t)]
    ['- four scanners;\n- 26 dogs.']
    """
    out: list[tuple[int, int]] = []
    start: int | None = None
    pos = 0
    for line in text.splitlines(keepends=True):
        if start is not None and not _BULLET_RE.match(line):
            if pos > start:
                out.append((start, pos))
            start = None
        if start is None and _HANDOVER_HEAD_RE.search(line.rstrip("\n")):
            start = pos + len(line)
        pos += len(line)
    if start is not None and pos > start:
        out.append((start, pos))
    return out


def _lead(orgs: _Orgs) -> _OrgBuild | None:
    if "acr:INL" in orgs.by_key:
        return orgs.by_key["acr:INL"]
    key = orgs.acronyms.get("INL")
    if key and key in orgs.by_key:
        return orgs.by_key[key]
    usg = [o for o in orgs.by_key.values() if o.kind == OrgKind.US_GOVERNMENT and o.acronym]
    return max(usg, key=lambda o: (len(o.mentions), -o.first)) if usg else None


# Where a clause can open: the sentence's start, after a semicolon, ", and", ", while" or a
# "that" of reported speech ("the PNP reported that the DIRANDRO seized ...").
# A second verb of the same subject does not open a clause: "we built 9 posts, and trained 640",
# "The UAF received 9,874 reports, and sent 412 to prosecutors" (but "..., and held about 1,650
# inmates" opens one: what a prison holds, see _HELD_STOCK, is no one's work; a clause is read
# up to its figure's number only (the end, ``\Z``), so the noun after it cannot be seen here).
#: The irregular past tenses of work ("sent", "built", "froze"), as an alternation.
_IRREGULAR_PAST = "|".join(sorted(word_set("irregular_past"), key=len, reverse=True))
#: What a prison or a body holds, not work: "held about 1,650 inmates".
_HELD_STOCK = (
    r"held(?=\s+(?:[a-z]+\s+){0,2}[\d,.]+\s+(?:inmates|prisoners|detainees|people|persons))"
)
_CLAUSE_OPEN_RE = re.compile(
    r";\s*|,\s+(?:and|while|whereas|but|yet|when)\s+"
    r"(?!(?:also\s+|then\s+|later\s+)?(?!held\s+(?:[a-z]+\s+){0,2}(?:\d|\Z))(?:[a-z]+ed|"
    + _IRREGULAR_PAST
    + r")\b)"
    # (not a subject reporting its own act: "The NDLEA reported that it seized 3.7 tons")
    r"|(?<!reported\s)(?<!reports\s)(?<!announced\s)(?<!said\s)(?<!says\s)(?<!stated\s)"
    r"\bthat\s+|\bthat\s+(?!(?:it|they)\s)"
    # reported speech without "that": "He said OCRTIDB has arrested 38 suspected traffickers"
    r"|\b(?:said|says|added|noted|explained|stated)\s+(?=(?:the\s+)?[A-Z])"
)
# What may stand before the subject at the opening of its clause: a bullet, a heading, a time
# ("In 2019, ", "In mid-2018 "), an article, a possessive ("Paraguay's", "the country's").
_SUBJECT_PREFIX_RE = re.compile(
    # a heading line the sentence runs on from ("ENFORCEMENT/IMPLEMENTATION ISSUES\nSEPRELAD")
    r"(?:[^\n.;]{0,100}\n[ \t]*){0,3}"
    r"[\s•*\-–·]*(?:[A-Z][\w ,/-]{0,40}:\s*)?"
    r"(?:(?:[Ii]n|[Dd]uring|[Bb]y|[Ss]ince|[Aa]s\s+of)\s+(?:(?:" + _MONTHS + r")\s+)?"
    r"(?:(?:mid|early|late)-?)?"
    r"(?:FY\s?|fiscal\s+year\s+|calendar\s+year\s+)?(?:19|20)\d\d(?:\s+alone)?,?\s+"
    # a quarter: "In Q3, UNODC trained", "During the third quarter of 2022, the PNP"
    r"|(?:In|During|By)\s+(?:the\s+)?(?:Q[1-4]|(?:first|second|third|fourth)\s+quarter)"
    r"(?:\s+(?:of\s+)?(?:FY\s?)?(?:19|20)\d\d)?,?\s+"
    # a span of years: "From fiscal years 2011 through 2018, State allocated"
    r"|(?:From|Between|In)\s+(?:fiscal\s+years?\s+|FY\s?|calendar\s+years?\s+)?(?:19|20)\d\d"
    r"\s+(?:through|to|and|-|–)\s+(?:FY\s?)?(?:19|20)\d\d,?\s+"
    r"|(?:[Ll]ast|[Tt]his|[Ii]n\s+the\s+past)\s+(?:year|month|spring|summer|fall|winter),?\s+"
    # the period under report: "During the year the Public Prosecution Service charged"
    r"|(?:In|During|Over|Throughout|Later\s+in)\s+the\s+(?:year|reporting\s+period|period"
    r"|quarter|first\s+half|second\s+half|same\s+period)(?:\s+(?:of\s+)?(?:19|20)\d\d)?,?\s+"
    # a month of the year under report: "In September the Ministry of Government dismissed"
    r"|(?:In|During|By|Since)\s+(?:(?:early|mid|late)[- ])?(?:" + _MONTHS + r"),?\s+"
    r"|(?:Under|Through|After|Following|During)\s+(?:the|this|that|its)\s+[\w -]{1,50},\s+"
    # a source or an occasion before the subject: "According to the KPS, ", "In a single
    # August 2019 operation, "
    r"|According\s+to\s+[^,;.]{1,80},\s+|In\s+(?:a|an|one|the)\s+[^,;.]{1,60},\s+"
    # a place: "In Djibouti, we funded", "At Kotoka International Airport, NACOB officers"
    r"|(?:In|At|Across|Throughout)\s+[^,;.\n]{1,60}?,\s+"
    # a topic or a circumstance: "On money laundering, ", "For the 2009-2010 crop year the",
    # "Despite budget cuts, ", "After a two-year pause, "
    r"|(?:On|For|Regarding|Concerning|As\s+for|With\s+respect\s+to|Despite|Amid|After"
    r"|Following|Before|Within|Over|Among|Besides|Beyond|Unlike|Like|Under)\s+[^,;.\n]{1,60}?,\s+"
    # (and what it is, in apposition: "Under Operation Kingfish, a JCF-led effort against
    # major crime networks, the JCF dismantled")
    r"(?:(?:an?|the)\s+[^,;.\n]{1,60}?,\s+)?"
    r"|For\s+the\s+(?:[\w-]+\s+){0,3}(?:year|season|period)\s+"
    # a partner named before the subject: "Working with the U.S. Department of Justice, we"
    r"|(?:(?:Working|Partnering|Cooperating)\s+(?:closely\s+)?with|In\s+(?:partnership"
    r"|cooperation|coordination)\s+with|Together\s+with|Alongside|Along\s+with)\s+"
    r"[^,;\n]{1,80}?,\s+"
    # a speaker's occasion: "Today, on behalf of the American people and INL, I"
    r"|(?:(?:Today|This\s+(?:morning|afternoon|week)),?\s+)?(?:[Oo]n\s+behalf\s+of\s+[^;.]{1,200}?,\s+)"
    r"|(?:Today|This\s+(?:morning|afternoon|week)|Since\s+then|Since\s+that\s+time),?\s+"
    # "Under this project we have trained" (the subject's own phrase may end where it begins)
    r"|(?:Under|Through)\s+(?:this|the|that|our)\s+[\w-]+(?:\s+[\w-]+)?\s+)?"
    # what the name is, in apposition before it: "Paraguay's financial intelligence unit, the"
    r"(?:(?:[A-Z][\w-]*[’']s\s+)?(?:[a-z][\w-]*\s+){1,3}[a-z][\w-]*,\s+(?=the\s))?"
    # the organization's people: "officers of the General Tax Administration (AGT) seized"
    r"(?:(?:[Oo]fficers|[Oo]fficials|[Aa]gents|[Pp]ersonnel|[Mm]embers|[Ii]nvestigators"
    r"|[Ii]nspectors|[Pp]rosecutors|[Tt]eams|[Uu]nits)\s+of\s+)?"
    r"(?:[Tt]he\s+|[Ii]ts\s+|[Tt]heir\s+)?"
    # a possessive, of a country or of an organization: "the Cyprus Police's"
    r"(?:(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*[’']s\s+)?"
    r"(?:(?:specialized|new|vetted|national|joint|local|[A-Z][\w-]+)\s+)?"
)
# The subject's verb (after an acronym in parentheses, auxiliaries and adverbs): the subject
# acts ("SENAD eradicated", "DOD provided", "SEPRELAD received", "the PNP reported seizing");
# a verb of saying makes it a source, not the actor ("the Ministry reported that ...").
_ACTOR_VERB_RE = re.compile(
    # (the comma that closes an apposition: "..., the Secretariat ... (SEPRELAD), received")
    r"(?:\s*\([A-Z][\w.&/-]*\),?)?"
    # the organization's people acting: "National Guard units eradicated", "CBP officers screened"
    # (with up to two words on what they do: "DPF eradication teams destroyed")
    r"(?:(?:\s+[a-z][\w-]+){0,2}\s+(?:units?|officers|agents|personnel|teams?|investigators"
    r"|prosecutors|inspectors|crews|troops)"
    # its part, by a possessive: "The MIA's anti-trafficking department opened 29 cases"
    r"|[’']s\s+(?:[a-z][\w-]*\s+){0,3}(?:department|unit|division|office|section|directorate"
    r"|squad|team|task\s+force|officers|agents|personnel|investigators|prosecutors|inspectors"
    r"|units|teams|analysts))?"
    # where it works, between it and its verb: "The Military Police (KMar) at Johan Adolf
    # Pengel International Airport intercepted"
    r"(?:,?\s+(?:at|in)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,5}[A-Z][\w’'-]*,?)?"
    r"(?:['’](?:ve|d|ll))?\s+(?:(?:has|have|had|also|then|there|jointly|together|reportedly|now|since|still|already"
    r"|recently|will|would|is|are|was|were|further|successfully|[a-z]{3,}ly)\s+)*"
    r"(?:(?:reported|reports|said|says|announced|announces|stated|states)\s+(?=[a-z]+ing\b)"
    r"|(?:reported|reports|said|says|announced|stated)\s+that\s+(?:it|they)\s+"
    r"(?:(?:has|have|had)\s+)?)?"
    # a speaker's act: "I am pleased to hand over", "we are proud to announce"
    r"(?:(?:am|are)\s+" + PLEASED_TO + r"\s+[a-z]+\b|"
    r"(?!(?:reported|reports|said|says|estimated|estimates|noted|notes|found|finds|showed"
    r"|shows|believes|believed|claimed|claims|stated|states|announced|announces|told|tells"
    r"|indicated|indicates|suggests|suggested|is|are|was|were|has|have|had"
    # a record or a state, not work: "MINUSMA recorded 600 incidents", "the SPF fields 14,000
    # officers", "the NAP operates 17 institutions holding 6,200 prisoners"
    r"|recorded|records|registered|registers|documented|documents|counted|counts|listed|lists"
    r"|numbers|numbered|holds|fields|keeps"
    r"|" + _HELD_STOCK + r"|employs|employed|comprises|comprised|includes|included"
    r"|remains|remained|relies|depends|supervises|houses|housed|operates|maintains|totals|totaled|totalled|contains"
    r"|consists|covers|spans|stands|needs|needed|lacks|lacked|faces|faced"
    # (what brought a total up or brings people together: "which brought the total to
    # 1,200", "The TOCU brings together 24 officers"; not "we brought 18 detectives to")
    r"|(?:brings|brought)(?=\s+(?:together\b|(?:the\s+|its\s+|their\s+)?(?:total|number"
    r"|count|sum)\b))"
    r"|earned|earns|earning|made\s+up|makes\s+up|need|shares(?=\s+(?:a\s+|an\s+|its\s+)?\S*\s*border)"
    r"|hosts|hosted|borders"
    r"|bordered|lies|ranks|ranked|sits|produces|produced|consumes|consumed|grows|rose|fell"
    r"|grew|declined|increased|decreased)\b)"
    r"(?:[a-z]+(?:ed|[^s]s|ing)|" + _IRREGULAR_PAST + r")\b)"
)
# between two subjects of one verb: "the FTC and DIRECO", "The PNC (Policia) and the Army"
_AND_SUBJECT_RE = re.compile(r"(?:\s*\([A-Z][\w.&/-]*\))?\s+and\s+(?:the\s+)?")


# a name in capitals, as a second subject: "Army", "Coast Guard", "Navy"
_NAME_AFTER_RE = re.compile(r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3}")
# the speaker: "we", "I" (not a heading's numeral "I.")
_WE_RE = re.compile(r"\b(?:[Ww]e|I(?![.\w]))")
# A relative clause on the organization just before it ("INL works with USAID, which has
# helped ..."): it opens a clause whose subject is that organization, not the sentence's.
_RELATIVE_RE = re.compile(r"(?:\s*\([A-Z][\w.&/-]*\))?,\s+(?:which|who)\s+")
# What stands between a subject and its verb, set off by commas: "The NIU, which numbers some
# 540 officers, carried out 220 operations", "the Special Prosecutor's Office, with a staff of
# 19 deputy prosecutors, indicted 214 defendants" (commas inside a number do not close it)
_INTERPOSED_RE = re.compile(
    r"(?:\s*\([A-Z][\w.&/-]*\))?,\s+(?:which|who|with)\s+(?:[^,;.()\n]|[,.](?=\d)){1,100},(?=\s)"
    # or what it is, in apposition: "The Unit for Combating Money Laundering (MOKAS), the ROC's
    # financial intelligence unit (FIU), received 3,871 reports"
    r"|(?:\s*\([A-Z][\w.&/-]*\))?,\s+(?:the|an?|its)\s+(?:[\w’'-]+\s+){0,5}[\w’'-]+"
    r"(?:\s*\([A-Z][\w.&/-]*\))?,(?=\s)"
)


def _clause_actor(
    text: str,
    s: int,
    fig_start: int,
    here: list[tuple[str, int, int]],
    first_person: str | None = None,
    named: Iterable[tuple[int, int]] = (),
) -> str | None:
    """The organization that acts in a figure's clause, as its subject, before the figure.

    ``here`` are the sentence's organization mentions as (key, start, end), in order; with
    ``first_person`` (testimony), "we" is that organization (the witness's bureau). ``named``
    are the spans of every organization (not program) named in the sentence, creditable or
    not: a relative clause on one of them ("..., which seized") is that organization's, not
    the sentence subject's. ``None`` when the clause's subject is not an organization (or
    says, rather than does, the thing).
    """
    opens = [s] + [m.end() for m in _CLAUSE_OPEN_RE.finditer(text, s, fig_start)]
    ends = {b for _, b in named}
    relatives = {
        m.start(): m.end() for m in _RELATIVE_RE.finditer(text, s, fig_start) if m.start() in ends
    }
    opens = sorted({*opens, *relatives.values()})
    candidates = list(here)
    if first_person is not None:
        candidates += [
            (first_person, m.start(), m.end()) for m in _WE_RE.finditer(text, s, fig_start)
        ]
    best: tuple[int, str] | None = None

    def acts_at(after: int, verb: int) -> bool:
        """An actor's verb at ``verb``, with no clause opening between ``after`` and the
        figure."""
        return _ACTOR_VERB_RE.match(text, verb, fig_start) is not None and not any(
            after < o <= fig_start for o in opens
        )

    for key, a, b in candidates:
        if b > fig_start:
            continue
        if b in relatives and acts_at(relatives[b], relatives[b] - 1):
            # the antecedent of a relative clause: its subject wherever it stands
            after = relatives[b]
            best = (after, key) if best is None or after > best[0] else best
            continue
        interposed = _INTERPOSED_RE.match(text, b, fig_start)
        if b in relatives and interposed is None:
            continue
        start = max((o for o in opens if o <= a), default=s)
        if _SUBJECT_PREFIX_RE.fullmatch(text, start, a) is None:
            continue
        if interposed is not None:
            # the subject's own verb past what is said of it between commas
            if acts_at(interposed.end(), interposed.end()):
                best = (a, key) if best is None or a > best[0] else best
            continue
        # the first of two subjects of one verb did the work: "the FTC and DIRECO eradicated",
        # "The PNC and the Guatemalan Army destroyed"
        joined = _AND_SUBJECT_RE.match(text, b, fig_start)
        if joined is not None:
            second = next((b2 for _k, a2, b2 in candidates if a2 == joined.end()), None)
            if second is None:
                # a second subject no organization found: "The National Police and the Army
                # destroyed 4 cocaine laboratories"
                name = _NAME_AFTER_RE.match(text, joined.end(), fig_start)
                if name is not None and place_kind(name.group()) == PlaceKind.COUNTRY:
                    continue  # two governments together: "The United States and Nepal concluded"
                second = name.end() if name is not None else None
            b = second if second is not None else b
        verb = _ACTOR_VERB_RE.match(text, b, fig_start)
        if verb is None:
            continue
        # the figure is in this clause: no clause opens between the subject and the figure
        if any(b < o <= fig_start for o in opens):
            continue
        if best is None or a > best[0]:
            best = (a, key)
    return best[1] if best else None


# A list item whose clause has no subject and opens with what was done ("• Trained 850
# officers", "• With IOM, built four border posts", "• Through the X Project, a three-year
# effort ..., trained 210 judges"): on a program's page the subject left out is the program's
# agency, as under an accomplishments heading.
_SUBJECTLESS_ITEM_RE = re.compile(
    r"[ \t]*(?:[•*\-–·▪○◦]|\d{1,2}[.)])[ \t]+"
    r"(?:(?:With|Through|Under|Together\s+with|Working\s+with|In\s+(?:partnership|cooperation"
    r"|coordination)\s+with|Alongside)\b[^\n]{0,200}?,\s+)?"
    # past participles that describe rather than tell what was done ("Estimated coca
    # cultivation", "Armed groups killed", "Organized crime groups trafficked")
    r"(?!(?:United|Red|Need|Speed|Seed|Feed|Reed|Bed|Shed|Embed|Estimated|Armed|Organized"
    r"|Organised|Limited|Advanced|Selected|Detailed|Registered|Reported|Suspected|Alleged"
    r"|Related|Based|Recorded|Confirmed|Projected|Planned|Expected|Combined|Sustained|Licensed"
    r"|Accredited|Certified|Specialized|Vetted|Trained|Qualified|Experienced)\s+[a-z]+\s+"
    r"(?:[a-z]+ed|[a-z]+s)\b|(?:Estimated|Reported|Recorded|Projected|Planned|Expected"
    r"|Combined|Armed|Organized|Organised|Suspected|Alleged)\b)"
    r"(?:[A-Z][a-z]+ed|Built|Rebuilt|Held|Led|Taught|Gave|Sent|Made|Began|Set\s+up|Stood\s+up"
    r"|(?<=,\s)(?:[a-z]{2,}ed|built|rebuilt|held|led|taught|gave|sent|made|began|set\s+up"
    r"|stood\s+up))"
    r"\s+(?!by\b)"
)
# A performance indicator's label before its figure: "FY 2009 Baseline: 1,345 hectares",
# "baseline 31 percent (2018); target 45 percent; actual 52 percent", "FY 2010 Result:".
_INDICATOR_LABEL_RE = re.compile(
    # the label opens its item (a line, or after ";" or ":") or follows a fiscal year; a colon
    # or the list form, not a verb ("the police achieved 95 percent of its goal")
    r"(?:^|[;:]\s*|\n\s*|(?:FY|[Ff]iscal\s+[Yy]ear)\s?\d{4}\s+)"
    r"(?i:(?:baseline|target|result|actual|goal)s?)\s*(?:\((?:(?:FY|CY)\s?)?\d{4}\)\s*)?"
    r"[:=]?\s*(?:(?:about|approximately|an\s+estimated)\s+)?$",
    re.MULTILINE,
)
# A percent change of a funding level against another year's: "a reduction of about 11 percent
# from the FY 2020 level", "an increase of 22 percent over the FY 2020 request".
_FUNDING_CHANGE_RE = re.compile(
    r"[^.;]{0,40}?\b(?:from|over|below|above|compared\s+(?:with|to))\s+(?:the\s+)?"
    r"(?:FY\s?|fiscal\s+year\s+)(?:19|20)\d\d\s+(?:level|request|enacted|allocation"
    r"|appropriation|estimate|actual|amount|budget|funding)",
    re.IGNORECASE,
)


# A figure's callout line: its number, the kind in title case and what was done to it ("-
# 1,150 Police Officers Trained", "$2.3 Million in Equipment Donated", "87 Defendants Indicted
# by the SPRK"), the whole line
CALLOUT_RE = re.compile(
    r"[ \t]*(?:[•*\-–·▪○◦][ \t]+)?(?:(?:Over|Nearly|More\s+than|About)\s+)?[$€£]?\d[\d,.]*"
    r"(?:[ \t]+(?:Million|Billion|Thousand))?(?:[ \t]+(?:[A-Z][\w’'-]*|in|of|and))*?"
    r"[ \t]+[A-Z][a-z]+ed\b(?:[ \t]+(?:by|in|at|to|for|from|across)\b[^\n]*)?[ \t]*$",
    re.MULTILINE,
)


def subjectless_item(text: str, line_start: int, pos: int) -> bool:
    """Whether ``pos`` lies in a list item that tells what was done without saying who did it
    (or in a callout line of a figure and what was done: "- 1,150 Police Officers Trained").

    >>> t = "Results\\n• Trained 850 officers.\\n• The police seized 4 tons."
    >>> subjectless_item(t, 8, t.index("850")), subjectless_item(t, 33, t.index("4 tons"))
    (True, False)
    >>> t = "By the numbers\\n- 1,150 Police Officers Trained\\n"
    >>> subjectless_item(t, 15, t.index("1,150"))
    True
    """
    if CALLOUT_RE.match(text, line_start) is not None:
        return True
    m = _SUBJECTLESS_ITEM_RE.match(text, line_start)
    # the item's own clause: not past a semicolon or a colon ("...; the FARC killed 40")
    return m is not None and m.end() <= pos and not re.search(r"[;:]", text[m.end() : pos])


def indicator_value(text: str, lo: int, num_start: int) -> bool:
    """Whether the figure at ``num_start`` is a performance indicator's baseline, target or
    result (its label just before it, after ``lo``).

    >>> t = "Officers certified: baseline 0; target 2,500; actual 2,870."
    >>> indicator_value(t, 0, t.index("2,500")), indicator_value(t, 0, t.index("0;"))
    (True, True)
    """
    return _INDICATOR_LABEL_RE.search(text, max(lo, num_start - 40), num_start) is not None


def funding_change(text: str, num_end: int, end: int) -> bool:
    """Whether the percent ending at ``num_end`` compares a funding level with another fiscal
    year's ("a 20 percent reduction from the FY 2012 level")."""
    return _FUNDING_CHANGE_RE.match(text, num_end, end) is not None


# Subjects that name an organization without its name: the host country's "authorities",
# "law enforcement agencies", "the government", "security forces"; its "police" and
# "prosecutors"; "the United States". The country's own name as a subject ("Peru extradited 11
# fugitives") is its government.
_GENERIC_GOV_RE = re.compile(
    r"(?<![\w-])(?:[Aa]uthorities|[Ll]aw\s+enforcement\s+(?:agencies|authorities|officials)"
    r"|[Tt]he\s+government|[Gg]overnment\s+officials|[Ss]ecurity\s+forces)(?![\w-])"
)
_GENERIC_POLICE_RE = re.compile(r"(?<![\w-])(?:[Pp]olice(?:\s+officers)?)(?![\w-])")
_GENERIC_US_RE = re.compile(r"(?<![\w-])[Tt]he\s+United\s+States(?![\w-])")
# The program itself as the subject, on its agency's page: "the project has trained 2,600",
# "Our canine program has certified 64 teams", "My bureau".
_GENERIC_PROGRAM_RE = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Tt]his|[Oo]ur|[Ii]ts)\s+(?:[a-z-]+\s+)?(?:project|program|programme"
    r"|initiative|effort)(?![\w-])|(?<![\w-])[Mm]y\s+[Bb]ureau(?![\w-])"
)


# A past tense right after a generic subject: "police seized", not "Police salaries rose".
_PAST_AFTER_RE = re.compile(
    r"\s+(?:(?:also|then|have|has|had|reportedly|jointly)\s+)*(?:[a-z]+ed|made|took|seized|held"
    r"|caught|led|ran|found)\b"
)
# A capitalized word just before a generic subject names whose it is ("Bolivian police",
# "South Sudan", "Lagos State"), unless it is a function word opening the sentence ("The").
_CAPITALIZED_BEFORE_RE = re.compile(r"[A-Z][\w’'-]*\s+\Z")


_FUNCTION_WORDS = frozenset(
    [
        "The",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "With",
        "Since",
        "During",
        "After",
        "Before",
        "Also",
        "Then",
        "When",
        "While",
        "However",
        "Meanwhile",
        "Last",
        "This",
        "That",
        "These",
        "Those",
        "Its",
        "Their",
        "Our",
        "And",
        "But",
        "Local",
        "Federal",
        "Municipal",
        "Some",
        "Many",
        "Most",
        "All",
    ]
)


def _named_before(text: str, m: re.Match[str], own: frozenset[str] = frozenset()) -> bool:
    """Whether a capitalized word that names someone ("Bolivian", "South", "Lagos"), not a
    function word capitalized to open a sentence ("The police") nor one of ``own`` (the
    country's name and demonyms: "Bahamian law enforcement agencies"), stands right before
    ``m``."""
    before = _CAPITALIZED_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())
    if before is None:
        return False
    word = before.group().split()[0]
    return word not in _FUNCTION_WORDS and word not in own


_SHARE_VERB_RE = re.compile(r"\s+(?:accounts?|accounted|makes\s+up|made\s+up)\b")


@cache
def _country_re(country: str) -> re.Pattern[str]:
    """The country's name as a subject (compiled once per country)."""
    return re.compile(r"(?<![\w-])(?:[Tt]he\s+)?" + re.escape(country) + r"(?![\w'’-])")


def generic_subjects(
    text: str,
    s: int,
    end: int,
    *,
    country: str | None,
    government: str | None,
    police: str | None,
    united_states: str | None,
    program: str | None = None,
) -> list[tuple[str, int, int]]:
    """Mentions ``(key, start, end)`` in ``text[s:end]`` of organizations named generically,
    for :func:`_clause_actor`: "authorities" and the ``country``'s own name are its
    ``government``, "police" its national ``police`` (when the document has one), "the United
    States" the U.S. Government (``united_states``). Keys that are ``None`` are not looked for.

    >>> t = "In 2020, Peru extradited 11 fugitives and police seized 9 tons."
    >>> generic_subjects(t, 0, len(t), country="Peru", government="gov:PE", police="pnp",
    ...                  united_states=None)
    [('gov:PE', 9, 13), ('pnp', 42, 48)]
    """
    out: list[tuple[str, int, int]] = []
    own = frozenset({country, *DEMONYMS.get(country, ())}) if country else frozenset()
    if government is not None:
        found = list(_GENERIC_GOV_RE.finditer(text, s, end))
        if country:
            # the country as a subject, not as a share of a whole ("Peru accounts for 60
            # percent of global coca cultivation")
            found += [
                m
                for m in _country_re(country).finditer(text, s, end)
                if not _SHARE_VERB_RE.match(text, m.end())
            ]
        # not another country's ("Bolivian authorities", "South Sudan" in a Sudan chapter)
        out += [(government, m.start(), m.end()) for m in found if not _named_before(text, m, own)]
    if police is not None:
        out += [
            (police, m.start(), m.end())
            for m in _GENERIC_POLICE_RE.finditer(text, s, end)
            if not _named_before(text, m, own) and _PAST_AFTER_RE.match(text, m.end())
        ]
    if united_states is not None:
        out += [(united_states, m.start(), m.end()) for m in _GENERIC_US_RE.finditer(text, s, end)]
    if program is not None:
        out += [(program, m.start(), m.end()) for m in _GENERIC_PROGRAM_RE.finditer(text, s, end)]
    return sorted(out, key=lambda k: k[1])


# A body taken up by its kind: "the Commission seized 14.6 metric tons" (the Drug Enforcement
# Commission), "The 320-member unit also dismantled 11 networks" (the Anti-Drug and
# Smuggling Unit); not the start of a name ("the Unit for ...", "the Commission on ...").
_DEFINITE_RE = re.compile(
    r"(?<![\w-])[Tt]he\s+(?:[\d,]+-(?:member|officer|person|strong)\s+)?"
    r"(?:(?:new|specialized|vetted|joint)\s+)?"
    r"([Uu]nit|[Cc]ommission|[Aa]gency|[Dd]irectorate|[Ss]ecretariat|[Aa]uthority|[Cc]ouncil"
    r"|[Tt]ask\s+[Ff]orce|[Ss]quad|[Ss]ervice|[Bb]ureau|[Dd]epartment|[Oo]ffice|[Mm]inistry)"
    r"(?![\w-])(?!\s+(?:of|for|on|against)\b)"
)
#: How far back (in characters) a body taken up by its kind looks for its name.
DEFINITE_REACH = 1000


def definite_subjects(
    text: str, s: int, end: int, antecedents: list[tuple[int, str, frozenset[str]]]
) -> list[tuple[str, int, int]]:
    """Mentions ``(key, start, end)`` in ``text[s:end]`` of a body taken up by its kind ("the
    Commission", "the 320-member unit"): the nearest organization named before it, within
    :data:`DEFINITE_REACH` characters, whose name has that word. ``antecedents`` are the
    document's organization mentions as ``(start, key, casefolded name words)``, by start.

    >>> t = "The Drug Enforcement Commission (DEC) reports. The Commission seized 14.6 tons."
    >>> ante = [(4, "dec", frozenset({"drug", "enforcement", "commission"}))]
    >>> definite_subjects(t, 47, len(t), ante)
    [('dec', 47, 61)]
    """
    starts = [a[0] for a in antecedents]
    out: list[tuple[str, int, int]] = []
    for m in _DEFINITE_RE.finditer(text, s, end):
        head = m.group(1).split()[-1].casefold()
        for i in range(bisect_left(starts, m.start()) - 1, -1, -1):
            start, key, words = antecedents[i]
            if m.start() - start > DEFINITE_REACH:
                break
            if head in words:
                out.append((key, m.start(), m.end()))
                break
    return out
