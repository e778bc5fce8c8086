"""Reporters: who a figure is attributed to ("according to UNODC", "the UN reported")."""

from __future__ import annotations

import re

from kg.extract.organizations import _OrgBuild, _OrgMention, _Orgs
from kg.extract.years import _MONTHS
from kg.model import OrgKind

_REPORT_BEFORE_RE = re.compile(
    r"\b(?:as\s+reported\s+by|reported\s+by|according\s+to|as\s+estimated\s+by|estimated\s+by"
    r"|as\s+documented\s+by|(?:data|figures|statistics|estimates|numbers|reports?|surveys?"
    r"|information|records)\s+(?:from|by|of|published\s+by|compiled\s+by|released\s+by)"
    # who made a study (not what it studies: "an evaluation of the program"): "a 2021
    # assessment by UNODC", "the annual opium survey conducted jointly by", "a 2018 survey
    # commissioned by"
    r"|(?:data|figures|statistics|estimates|reports?|surveys?|assessments?|study|studies"
    r"|analysis|analyses|census|poll|evaluation|review)\s+(?:by|from|(?:conducted|carried\s+out"
    r"|commissioned|funded|prepared)\s+(?:jointly\s+)?by)"
    r"|as\s+recorded\s+by|as\s+confirmed\s+by|cited\s+by|published\s+by|released\s+by"
    r"|(?:surveyed|collected|compiled|counted|measured|tallied)\s+by"
    # a speaker named after the quotation: "\"... by nearly two-thirds,\" said INL Assistant
    # Secretary ..."
    r"|[,\"”]{1,2}\s*(?:said|says|added|noted|stated))"
    r"\s+(?:the\s+|a\s+|an\s+|its\s+)?$",
    re.IGNORECASE,
)
_REPORT_VERBS = (
    r"(?:has\s+|have\s+|had\s+|also\s+)?(?:(?:separately|publicly|officially|previously"
    r"|recently|later)\s+)?(?:reported|reports?|estimated(?!\s+to\b)|estimates?"
    r"|announced|recorded|documented|confirmed|stated|noted|notes?|indicated|indicates?|shows?"
    r"|showed|found|finds|counted|registered|puts|put|says|said|say|told|tells|tell(?=\s+(?:us|me|GAO|OIG|reporters)\b)|calculated"
    r"|calculates?)\b"
)
# "the Government of Egypt's stated interest": a possessive before a participle, not a report
_POSSESSIVE_VERB_RE = re.compile(r"(?:\s*\([^)]{1,20}\))?\)?[’']s\s+" + _REPORT_VERBS)
_REPORT_AFTER_RE = re.compile(
    # (or its study in a relative clause: "MENAFATF, whose 2018 mutual evaluation found")
    r"(?:\s*\([^)]{1,20}\))?\)?(?:[’']s|,\s+whose)?"
    # the name may head a noun phrase: "the annual UNODC opium survey estimates", "a UN report"
    r"(?:\s+(?:[a-z][\w-]*\s+|[A-Z][\w-]*\s+(?=[\w\s]{0,40}?\b[Rr]eport)|(?:19|20)\d\d\s+){0,4}"
    r"(?:reports?|Reports?|surveys?|data|statistics|study|studies"
    r"|assessments?|estimates|figures|monitoring|analysis|census|records|findings|review"
    r"|(?P<study>evaluations?)"
    # its people speak for it: "ISF officials told GAO that"
    r"|officials|authorities|representatives|spokesperson|spokesman)\b"
    r"(?:\s+(?:19|20)\d\d)?"
    # what the study is of: "SENDA's 2019 national survey of the general population found"
    r"(?:\s+of\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)?)?"
    # a relative clause: "the DCI, which reported a 25 percent increase"
    r"(?:\s*,)?(?:\s+(?P<relative>which|who))?\s+"
    # (an evaluation also rates: "The FATF's 2016 mutual evaluation rated Singapore")
    r"(?:(?(study)(?:rated|concluded)\b|(?!))|" + _REPORT_VERBS + r")"
)
# A name that modifies the next word: "an INL-trained investigator", "a DEA-vetted unit"
_MODIFIER_AFTER_RE = re.compile(r"-[a-z]")
# Where the clause that names a reporter opens: "..., and the SNAI reported that ..."
_CLAUSE_START_RE = re.compile(r";|,\s+(?:and|but|while|whereas)\s+")
# An auditor reports what its audit saw: "GAO observed 140 of the 150 vehicles", "of the 27
# projects GAO reviewed, 11 had no indicators", "GAO is making three recommendations"
_AUDITOR_RE = re.compile(
    r"(?:GAO|OIG|(?:U\.S\.\s+)?Government\s+Accountability\s+Office|(?:Office\s+of\s+)?"
    r"(?:the\s+)?Inspector\s+General)$"
)


def is_auditor(org: _OrgBuild) -> bool:
    """Whether an organization is an auditor (GAO, an Office of Inspector General) by any of
    its names."""
    return any(_AUDITOR_RE.search(n) for n in (org.name(), org.acronym or "", *org.names))


_AUDIT_AFTER_RE = re.compile(
    r"(?:[’']s\s+(?:analysis|review|audit|survey|sample)|\s+(?:has\s+|is\s+|also\s+)?"
    r"(?:reviewed|examined|observed|analyzed|analysed|identified|visited|tested|sampled|assessed"
    r"|inspected|checked|located"
    r"|making|makes|made|recommends|recommended|surveyed|interviewed))\b"
)
_SAW_AFTER_RE = re.compile(r"\s+(?:has\s+|also\s+)?(?:observed|found|identified)\b")
# What may open a sentence before its subject: "In addition, ", "However, the "
_SUBJECT_OPENING_RE = re.compile(r"[\s•*\-–·]*(?:[A-Z][a-z]+(?:\s+[a-z]+){0,3},\s+)?(?:[Tt]he\s+)?")
# What stands between a reporting phrase and the reporter's name: "according to a May 2018 UN
# report", "data from the annual", "according to Colombia's".
_REPORTER_MODIFIERS_RE = re.compile(
    r"(?:(?:[A-Z][\w\-]*[’']s|[A-Z][a-z]+|(?:19|20)\d\d|annual|latest|recent|most|new|official"
    r"|final|preliminary|joint|biannual|monthly|quarterly|yearly|(?:" + _MONTHS + r"))\s+)+$"
)


#: The head nouns by which a text takes up an organization it named ("the bureau", "the
#: agency"): a regular-expression alternation.
SOURCE_HEADS = (
    r"agency|bureau|ministry|police|service|unit|directorate|office|force|commission|authority"
    r"|secretariat|department|center|centre|council|navy|guard|gendarmerie|army"
)
# A source named by its head noun after the figures: "according to the agency", "according to
# bureau data", "according to the Ministry's statistics"
_SOURCE_BY_HEAD_RE = re.compile(
    r"\b[Aa]ccording\s+to\s+(?:the\s+)?(" + SOURCE_HEADS + r")(?:[’']s)?"
    r"(?:\s+(?:data|statistics|figures|records))?\s*[.,;)]"
)


# The subject's own count: "According to its own figures, the PNTL seized 4.6 kilograms"
_OWN_COUNT_RE = re.compile(
    r"[\s•*\-–·\"“]*[Aa]ccording\s+to\s+(?:its|their)\s+own\s+(?:figures|data|statistics"
    r"|records|reports?|counts?|estimates?),\s+(?:the\s+)?"
)


def named_by_head(name: str, head: str) -> bool:
    """Whether an organization's ``name`` has ``head`` (one of :data:`SOURCE_HEADS`) as a word.

    >>> named_by_head("Counter-Narcotics Bureau", "bureau"), named_by_head("DEA", "agency")
    (True, False)
    """
    return head.lower() in name.lower().split()


def _reported_by(
    text: str, s: int, e: int, mentions: list[_OrgMention], orgs: _Orgs
) -> tuple[str, int] | None:
    """Who sentence ``[s, e)`` says reported its figures, and from where on it says so: the
    whole sentence for "according to X, ..." and a closing "..., X reported."; from the
    clause that names it for "..., and X reported that ..."; from the name on for a relative
    clause ("INL donated 85 vehicles to the DCI, which reported a 25 percent increase": the
    vehicles are not the DCI's report)."""
    own = _OWN_COUNT_RE.match(text, s, e)
    for mm in mentions:
        if not s <= mm.span.start < e:
            continue
        if own is not None and mm.span.start == own.end():
            return orgs.by_key[mm.org].name(), s
        before = text[max(s, mm.span.start - 40) : mm.span.start]
        # allow a possessive country or a demonym before the name
        before = _REPORTER_MODIFIERS_RE.sub("", before)
        if _REPORT_BEFORE_RE.search(before) and not _MODIFIER_AFTER_RE.match(text, mm.span.end):
            # (not a name that only modifies the reporter: "said an INL-trained investigator")
            return orgs.by_key[mm.org].name(), s
        org = orgs.by_key[mm.org]
        if (
            _AUDIT_AFTER_RE.match(text, mm.span.end, e)
            and is_auditor(org)
            # the auditor as its clause's subject does the work ("OIG tested 148 invoices",
            # "GAO is making three recommendations"): its own act, not a report of anyone's;
            # what it observed is what it saw ("GAO observed 140 of the 150 vehicles in use")
            and (
                _SUBJECT_OPENING_RE.fullmatch(text, s, mm.span.start) is None
                or _SAW_AFTER_RE.match(text, mm.span.end, e) is not None
            )
        ):
            return org.name(), s
        after = _REPORT_AFTER_RE.match(text, mm.span.end, e)
        if after is not None and _POSSESSIVE_VERB_RE.match(text, mm.span.end, e) is None:
            if org.kind == OrgKind.US_GOVERNMENT and after.group().endswith(
                ("announced", "announces")
            ):
                continue  # "The U.S. Embassy announced $4.8 million in assistance": its own act
            if after.group("relative"):
                return org.name(), mm.span.start  # "..., which reported": from the name on
            closing = not text[after.end() : e].strip(" .;:)\"”’'\n")
            opens = [m.end() for m in _CLAUSE_START_RE.finditer(text, s, mm.span.start)]
            return org.name(), s if closing or not opens else opens[-1]
    taken = _SOURCE_BY_HEAD_RE.search(text, s, e)
    if taken is not None:
        # the organization the sentence named, taken up by its head noun: "JCA officers seized
        # 214 firearms, according to the agency", "..., according to bureau data"
        for mm in reversed(mentions):
            if s <= mm.span.start < taken.start():
                org = orgs.by_key[mm.org]
                if named_by_head(org.name(), taken.group(1)):
                    return org.name(), s
    return None
