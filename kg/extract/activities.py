"""Activities: who did what for whom, typed by activity and sector.

A clause whose verb is one of the activity verbs (trained, equipped, built, ...) and whose
subject is an organization gives an :class:`~kg.model.Activity`; :func:`classify_activity` types
its description.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from kg import programs  # (the module: kg.programs imports kg.extract)
from kg.extract.agencies import BUDGET_SUBJECT, PLEASED_TO, channel_pattern
from kg.extract.lexicon import (
    ACTIVITY_SECTOR_PATTERNS,
    ACTIVITY_TYPE_PATTERNS,
    ACTIVITY_VERBS,
)
from kg.extract.organizations import POST_AFTER_RE, _OrgBuild, _OrgMention, _Orgs
from kg.extract.text import _SpanIndex
from kg.model import Activity, ActivityType, OrgKind, Sector, Span


def _verb_forms(*, following: bool = False, speaker: bool = False) -> str:
    """The forms of the activity verbs (:data:`~kg.extract.lexicon.ACTIVITY_VERBS`) as one
    alternation, longest first; with ``following``, only verbs that open a further act; with
    ``speaker``, only the forms after "I" (base and past: "I hand over", not "Phase I funds")."""
    forms = {
        f
        for fs, nxt in ACTIVITY_VERBS
        if nxt or not following
        for k, f in enumerate(fs)
        if not speaker or k in (0, 2)
    }
    return "|".join(
        r"\s+".join(map(re.escape, f.split())) for f in sorted(forms, key=lambda f: (-len(f), f))
    )


_ACTIVITY_VERBS = re.compile(
    r"\b(?:(?:has|have|had|is|are|am|was|also|will|would|continues\s+to|continued\s+to|currently|"
    r"began\s+to|helps?\s+to|today|recently|jointly|formally|officially|now|further|previously"
    r"|additionally|again"
    # an intent or a payment: "plans to fund", "intends to train", "has paid to renovate"
    r"|plans?\s+to|planned\s+to|intends?\s+to|seeks?\s+to|(?:has|have|had)\s+paid\s+to"
    # money spent on the act: "spent $14.6 million to renovate"
    r"|spent\s+(?:(?:about|approximately|some|nearly|over|more\s+than)\s+)?"
    r"(?:US|USD\s*)?\$[\d.,]+(?:\s+(?:million|billion|thousand))?\s+to"
    # a speaker's act: "I am pleased to hand over", "we are proud to deliver"
    r"|(?:am|are|is)\s+" + PLEASED_TO + r")\s+)*"
    r"(" + _verb_forms() + r")\b"
)

# a clause runs to the next stop, but not through "3.5" nor an initialism ("U.S.", "U.N.")
_CLAUSE_RE = re.compile(r"(?:[^.;:]|[.:](?=\d)|(?<=\b[A-Z])\.(?=[A-Z]\.|\s+[A-Za-z]|\)))*")
# where another clause opens inside one: ", and The ...", ", Police ...", a dash
_CLAUSE_BREAK_RE = re.compile(r",\s+(?:and\s+)?(?=[A-Z])|\s+–\s+")
# words an activity's description keeps of its text
_DESCRIPTION_WORDS = 24


def _clause(text: str, start: int, end: int, names: _SpanIndex | None = None) -> str:
    """The clause of ``text`` from ``start``: to the next stop before ``end``, cut where
    another clause opens, but not inside a name of ``names`` ("the Office of Overseas
    Prosecutorial Development, Assistance and Training")."""
    whole = _CLAUSE_RE.match(text, start, end)
    body = whole.group() if whole else ""
    for m in _CLAUSE_BREAK_RE.finditer(body):
        if names is None or not names.holds(start + m.start()):
            return body[: m.start()]
    return body


def _described(words: str) -> str:
    """An activity's description: the first :data:`_DESCRIPTION_WORDS` words of its text."""
    return " ".join(words.split()[:_DESCRIPTION_WORDS]).rstrip(",")


# the object of "INL-funded ...": up to a stop or an auxiliary verb, through "1.6", "2,400"
# and "U.S."
_AUXILIARY = r"\s+(?:have|has|had|is|are|was|were)\b"
_OBJECT_RE = re.compile(
    r"(?:[\w\-’' ()&/]|[.,](?=\d)|(?<=\b[A-Z])\.(?=[A-Z]\.|\s+[A-Za-z]))+?"
    r"(?=,(?!\d)|;|(?<!\b[A-Z])\.(?:\s|$)|" + _AUXILIARY + r"|$)"
)
# an auxiliary after the object of "INL-funded ...": its clause goes on
_AUX_AFTER_RE = re.compile(_AUXILIARY)
_TYPE_RULES: list[tuple[re.Pattern[str], ActivityType]] = [
    (re.compile(p, re.I), t) for p, t in ACTIVITY_TYPE_PATTERNS
]
_SECTOR_RULES: list[tuple[re.Pattern[str], Sector]] = [
    (re.compile(p, re.I), sector) for p, sector in ACTIVITY_SECTOR_PATTERNS
]


def classify_activity(description: str) -> tuple[ActivityType, Sector]:
    """The activity type and OECD-DAC sector of an activity described in words.

    Keyword rules, first match wins: "construction of border outposts" is construction,
    "training of judges" is training; the sector is narcotics control (16063) for drug work,
    human rights (15160), public sector policy (15110) for anti-corruption, civilian
    peace-building (15220), security system (15210) for military and counter-terrorism work,
    and legal and judicial development (15130, which covers police, courts and prisons)
    otherwise.
    """
    kind = next((t for rx, t in _TYPE_RULES if rx.search(description)), ActivityType.OTHER)
    sector = next((s for rx, s in _SECTOR_RULES if rx.search(description)), Sector.LEGAL_JUDICIAL)
    return kind, sector


# What INL does everywhere ("helps countries deliver justice", "keep Americans safe"): the
# standard opening of its summaries says nothing about one program.
_MISSION_RE = re.compile(
    r"\bhelps\s+countries\b|\bkeep\s+Americans\s+safe\b|\bthese\s+efforts\s+reduce\b"
    r"|\bhelps?\s+partner\s+(?:governments|nations|countries)\b"
    # its reach: "INL supports programs in more than 90 countries"
    r"|\bprograms?\s+in\s+(?:more\s+than|over|some|about|nearly)\s+\d+\s+countries\b",
    re.I,
)
# INL's own account as the subject: "INCLE funds of $3.2 million will support ..." (not after
# a preposition: "$40 million in INCLE funds", "built with INCLE funds")
_INCLE_FUNDS_RE = re.compile(
    r"(?<!\bin )(?<!\bof )(?<!\bwith )(?<!\bfor )(?<!\bfrom )(?<!\bby )"
    r"\b(?:INCLE|International Narcotics Control and Law Enforcement)"
    r"(?=\s+(?:funds|funding|resources)[ \t]+[\w$])"  # not a heading or footnote's "funds"
)
# The money a budget document requests as the subject, opening a sentence or a line item's
# text: "Funds will train 450 officers", "FY 2018 funds will sustain", "The FY 2008 request
# would provide two interceptor boats" (the lead agency spends it)
_BUDGET_SUBJECT_RE = re.compile(
    BUDGET_SUBJECT
    # with its amount: "Funding of approximately $3.1 million will help the HNP"
    + r"(?:\s+of\s+(?:(?:about|approximately|some|nearly|up\s+to|more\s+than|over)\s+)?"
    r"(?:US|USD\s*)?\$[\d.,]+(?:\s+(?:million|billion|thousand))?)?"
    r"(?=\s+(?:will|would)\s)"
)
# a line item's heading before its text: "Civilian Security ($2.3 million): "
_ITEM_HEAD_RE = re.compile(r"(?:[^.:;\n]|\.(?=\d)){1,80}:\s+")
# one more subject of the same verb: "INL and U.S. Customs and Border Protection delivered"
_AND_SUBJECT_RE = re.compile(r"(?:\s*,)?\s+(?:and|&)\s+(?:the\s+)?")
# what makes the name after it an object, not the subject of the verb after it: "help the
# Argentine Federal Police (PFA) establish a unit", "in partnership with IOM, trained"
_OBJECT_BEFORE_RE = re.compile(
    r"\b(?:help(?:s|ed|ing)?|assist(?:s|ed|ing)?|enabl(?:e|es|ed|ing)|allow(?:s|ed|ing)?"
    r"|support(?:s|ed|ing)?|train(?:s|ed|ing)?|equip(?:s|ped|ping)?|urg(?:e|es|ed|ing)"
    r"|encourag(?:e|es|ed|ing)|with|to|for|of|from|under|between|among|into)"
    r"\s+(?:the\s+)?\Z"
)
# an aside naming the channel, its organization next: ", through the Department of State's
# Bureau of ..."
_THROUGH_BEFORE_RE = re.compile(r",\s+through\s+(?:the\s+)?(?:[\w.’'-]+\s+){0,4}\Z")
_AUX_COMMA_RE = re.compile(r"\s*,\s*(?:will|would|has|have|had|also|today)\b")
# an aside between a subject and its verb: "INL, in partnership with the International
# Organization for Migration (IOM), trained"
_ASIDE_RE = re.compile(
    r",\s+(?:in\s+(?:partnership|cooperation|coordination|collaboration)\s+with|together\s+with"
    r"|working\s+(?:closely\s+)?with|along\s+with|alongside|with\s+(?:support|funding)\s+from)"
    r"\s[^,;]{1,100},"
    # or a time: "INL in FY 2007 delivered", "INL, in 2019, trained"
    r"|,?\s+(?:in|during|since|by)\s+(?:(?:FY|[Ff]iscal\s+[Yy]ear)\s*|[A-Z][a-z]+\s+)?\d{4}\b,?"
)
# how an organization's program is run, set off before its verb: "INL's program, coordinated
# with the USSC, trains"
_RUN_ASIDE_RE = re.compile(
    r",\s+(?:coordinated|implemented|carried\s+out|managed|administered|run)\s+"
    r"(?:jointly\s+)?(?:with|by)\s[^,;]{1,100},"
)
# what makes the organization after it no beneficiary: a partner or an implementer ("with
# DEA", "taught by OPDAT"), not whom the actor works with ("works with the PNP")
_NOT_SERVED_BEFORE_RE = re.compile(
    r"\b(?:by|(?<!work\s)(?<!works\s)(?<!worked\s)(?<!working\s)with|alongside)"
    r"\s+(?:the\s+)?\Z"
)
# an acronym in parentheses after a name: "the Bureau of ... Affairs (INL) provided"
_PAREN_ACRONYM_RE = re.compile(r"\s*\([A-Z][\w./&-]{0,15}\)")
# The witness's bureau in testimony: "we have trained", "our corrections advisors mentor"
_FIRST_PERSON_RE = re.compile(
    # ("I" before an auxiliary or an activity verb: "I hand over", not a numeral "I.")
    r"\b(?:[Ww]e|I(?=\s+(?:am|have|will|was|would|" + _verb_forms(speaker=True) + r")\b)"
    r"|[Oo]ur\s+(?:[a-z-]+\s+){0,2}?(?:advisors|advisers|"
    r"mentors|trainers|experts|programs|team|teams|staff|officers|assistance|support))\b"
)
# "With INL support, the PNC trained ...": the organization's support is the activity's cause
_WITH_WORDS = r"(?:[Ww]ith|[Tt]hrough|[Tt]hanks\s+to)\s+(?:the\s+)?"
_WITH_BEFORE_RE = re.compile(r"\b" + _WITH_WORDS + r"$")
_SUPPORT_NOUNS = r"(?:support|assistance|funding|help|training|grants?|backing|resources)"
_WITH_SUPPORT_RE = re.compile(
    r"(?:[’']s)?(?:\s+[a-z-]+)?\s+" + _SUPPORT_NOUNS + r"\b[^,.;]{0,60},\s*"
)
# the organization's people or programs as the subject: "INL programs", "INL's police advisors"
_STAFF_RE = re.compile(
    r"(?:[’']s)?(?:\s+[a-z-]+)?\s+(?:programs?|projects?|advis[oe]rs|mentors|trainers|experts"
    r"|teams?|staff|personnel|instructors|officials|grants?)\b"
)
# the organization's aid as the subject of what it consisted of: "INL donations include 24
# vehicles", "INL's assistance to Benin consisted primarily of equipment and training"
_NOMINAL_ACT_RE = re.compile(
    r"(?:[’']s)?(?:\s+[a-z-]+)?\s+((?:donations|assistance|support|funding|contributions|grants)"
    r"(?:\s+(?:to|for|in)\s+[^,;.]{1,60}?)?"
    r"\s+(?:(?:has|have|had|also)\s+)*(?:include[sd]?|consist(?:s|ed)\s+(?:\w+ly\s+)?of"
    r"|covered|paid\s+for|went\s+to)\b)"
)
# "INL assistance has also helped establish a unit": the support acts
_SUPPORT_ACTS_RE = re.compile(
    r"(?:[’']s)?\s+" + _SUPPORT_NOUNS + r"\s+(?:(?:has|have|had|also|will)\s+)*"
    r"(?=(?:helped|helps|enabled|enables|allowed|funded|funds|supported|supports|financed"
    r"|provided|provides|built|trained|equipped|established|created|improved|strengthened"
    r"|expanded)\b)"
)
# A bullet that opens with what the program does: "• Training 1,800 PNC officers ..."
_VERB_BULLET_RE = re.compile(r"[ \t]*[•*·–-][ \t]*([A-Z][a-z]+)\s+(?=[a-z\d$])")
_GERUND_BULLET_RE = re.compile(r"[ \t]*[•*·–-][ \t]*((?:[A-Z][a-z]+ing)\b)")


def _can_act(org: _OrgBuild) -> bool:
    """Whether an organization is read as an activity's actor: a government's or an
    international body, or one the text names by an acronym."""
    return bool(org.acronym) or org.kind in (
        OrgKind.US_GOVERNMENT,
        OrgKind.INTERNATIONAL,
        OrgKind.PARTNER_GOVERNMENT,
    )


def _activities(
    text: str,
    sents: list[tuple[int, int]],
    orgs: _Orgs,
    mentions: list[_OrgMention],
    lead: _OrgBuild | None = None,
    *,
    first_person: bool = False,
) -> list[Activity]:
    """The activities of a text: an organization, an activity verb and its clause ("INL
    trained 40 judges"), an organization's support causing one ("With INL support, the PNC
    trained ..."), and bullets that open with what the lead agency's program does. With
    ``first_person`` (testimony: the witness speaks for the lead agency), "we" and "our
    advisors" act for the lead agency too."""
    out: list[Activity] = []
    seen: set[tuple[str, str]] = set()
    if first_person and lead is not None:
        we = [
            _OrgMention(lead.key, Span.of(text, m.start(), m.end()))
            for m in _FIRST_PERSON_RE.finditer(text)
        ]
        mentions = sorted([*mentions, *we], key=lambda mm: (mm.span.start, mm.span.end))
    if lead is not None:
        # INL's own account acting ("INCLE funds of $3.2 million will support ..."): the
        # account is no organization; the bureau that spends it acts
        spent = (
            [
                _OrgMention(lead.key, Span.of(text, m.start(), m.end()))
                for m in _INCLE_FUNDS_RE.finditer(text)
            ]
            if "INCLE" in text or "International Narcotics Control and" in text
            else []
        )
        for s, e in sents:
            head = _ITEM_HEAD_RE.match(text, s, e)
            b = _BUDGET_SUBJECT_RE.match(text, head.end() if head else s, e)
            if b is None and head is not None:
                b = _BUDGET_SUBJECT_RE.match(text, s, e)
            if b is not None:
                spent.append(_OrgMention(lead.key, Span.of(text, b.start(), b.end())))
        mentions = sorted([*mentions, *spent], key=lambda mm: (mm.span.start, mm.span.end))
    starts = [mm.span.start for mm in mentions]  # mentions are sorted by start
    names = _SpanIndex([(mm.span.start, mm.span.end) for mm in mentions])
    # the lead agency as the channel, just before an organization: "Today, through the Bureau
    # of ..., or INL, the United States ..."
    channel = channel_pattern(lead.final().names) if lead is not None else ""
    through = re.compile(channel + r"(?:the\s+)?\Z") if channel else None
    for s, e in sents:
        if _MISSION_RE.search(text, s, e):
            continue  # the bureau's mission statement, not this program's work
        in_sent = mentions[bisect_left(starts, s) : bisect_left(starts, e)]
        by_start = {mm.span.start: mm for mm in in_sent}
        caused_end = -1  # where the last activity caused by support ends
        for mm in in_sent:
            org = orgs.by_key[mm.org]
            if not _can_act(org):
                continue
            if (
                through is not None
                and lead is not None
                and mm.org != lead.key
                and org.kind == OrgKind.US_GOVERNMENT
                and through.search(text, s, mm.span.start) is not None
            ):
                # the lead agency as the channel: "through INL, the United States is handing
                # over two interceptor boats" is INL's act
                org = lead
            if mm.span.start < caused_end:
                continue  # the partner acting with the support an activity names is its object
            subj_end = _subject_end(text, mm.span.end, e, by_start)
            tail = text[subj_end:e]
            vm = None
            caused = _caused(text, mm.span.start, subj_end, tail, e, names)
            if caused is not None:
                desc, d_start, d_end = caused
                caused_end = d_end
                out_key = (org.key, desc.casefold())
                if desc and out_key not in seen:
                    seen.add(out_key)
                    act = _activity(
                        text, org.short, desc, d_start, d_end, in_sent, mm, orgs, subj_end
                    )
                    # the partner the support is set off after: "The KP, with INL training
                    # and equipment, has stood up a directorate" serves the KP
                    helped = _aside_subject(text, s, mm.span.start, in_sent, orgs)
                    if act.beneficiary is None and helped is not None and helped != org.key:
                        act = replace(act, beneficiary=orgs.by_key[helped].name())
                    out.append(act)
                continue
            nominal = _NOMINAL_ACT_RE.match(tail)
            if nominal is not None:
                # what the organization's aid consisted of: "Earlier INL donations include 24
                # vehicles for the Border Police"
                begin = subj_end + nominal.start(1)
                clause = _clause(text, begin, e, names)
                desc = _described(clause)
                key = (org.key, desc.casefold())
                if desc and key not in seen:
                    seen.add(key)
                    out.append(
                        _activity(
                            text,
                            org.short,
                            desc,
                            mm.span.start,
                            begin + len(clause),
                            in_sent,
                            mm,
                            orgs,
                            subj_end,
                        )
                    )
                continue
            hyph = re.match(
                r"[’']s\s+([\w\-]+(?:\s+[\w\-]+)?\s+(?:support|assistance|training))", tail
            )
            pre = re.match(r"-(funded|constructed|built|supported|donated|sponsored)\s+", tail)
            if hyph:
                desc = hyph.group(1)
                d_start, d_end = mm.span.start, mm.span.end + hyph.end()
            elif pre:
                obj = _OBJECT_RE.match(tail[pre.end() :])
                if not obj:
                    continue
                noun = {
                    "funded": "funding of",
                    "constructed": "construction of",
                    "built": "construction of",
                    "supported": "support for",
                    "donated": "donation of",
                    "sponsored": "sponsorship of",
                }[pre.group(1)]
                desc = f"{noun} {obj.group().strip()}"
                d_start, d_end = mm.span.start, mm.span.end + pre.end() + obj.end()
                if _AUX_AFTER_RE.match(text, d_end, e):
                    # what the funded thing did is part of it: "INL-funded training had
                    # reached more than 2,300 police officers and gendarmes"
                    d_end += len(_clause(text, d_end, e, names))
            else:
                # a comma before the verb only ends an aside: "INCLE programs, managed by
                # INL, will build" (not a list's "the HNP, strengthening ...")
                staff = _STAFF_RE.match(tail)
                # (past an aside: "INL's program, coordinated with the USSC, trains")
                aside = _RUN_ASIDE_RE.match(tail, staff.end()) if staff else None
                past = aside.end() if aside else staff.end() if staff else 0
                acts = _ACTIVITY_VERBS.match(tail[past:].lstrip()) if staff else None
                if staff and acts and not acts.group(1).startswith(("aim", "aspire")):
                    # the organization's people or programs act for it: "INL programs have
                    # trained", "INL's police advisors mentor"
                    subj_end += past
                    tail = tail[past:]
                if _relative_clause(text, s, e, mm.span.start, subj_end) is not None:
                    continue  # "the scanners that INL installed": read object first
                lead_in = (
                    " ,"
                    if _AUX_COMMA_RE.match(tail)
                    # the channel's aside closing before the verb: "The U.S. Embassy, through
                    # INL, handed over"
                    or (
                        tail.startswith(",")
                        and _THROUGH_BEFORE_RE.search(
                            text, max(s, mm.span.start - 120), mm.span.start
                        )
                    )
                    else " "
                )
                vm = _ACTIVITY_VERBS.match(tail.lstrip(lead_in))
                if not vm or _OBJECT_BEFORE_RE.search(
                    text, max(s, mm.span.start - 40), mm.span.start
                ):
                    continue
                skip = len(tail) - len(tail.lstrip(lead_in))
                rest_start = subj_end + skip + vm.start(1)
                clause = _clause(text, rest_start, e, names)
                desc = _described(clause)
                d_start, d_end = mm.span.start, rest_start + len(clause)
            pieces = [(desc, d_start, d_end)]
            if vm is not None:
                pieces = _coordinated(text, d_start, rest_start, d_end)
            made = []
            for desc, d_start, d_end in pieces:
                key = (org.key, desc.casefold())
                if not desc or key in seen:
                    continue
                seen.add(key)
                made.append(
                    _activity(text, org.short, desc, d_start, d_end, in_sent, mm, orgs, subj_end)
                )
            # the acts of one clause serve whom one of them names
            shared = next((a.beneficiary for a in made if a.beneficiary), None)
            out += [a if a.beneficiary else replace(a, beneficiary=shared) for a in made]
    out += _object_first(text, sents, orgs, mentions, seen, out)
    if lead is not None:
        out += _bullet_activities(text, sents, lead, seen, orgs, mentions)
        out += _nominal_activities(text, sents, lead, out, orgs, mentions, names)
    return out


# An act named by its noun: "the donation of equipment valued at $2.3 million to the National
# Gendarmerie", "The donation includes 12 vehicles", "the construction of a canine center"
_NOMINAL_NOUN_RE = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]oday[’']s)\s+(?:(?:new|latest|final|first)\s+)?"
    r"(donation|handover|hand-over|delivery|construction|renovation|refurbishment)"
    r"(?:\s+of\b|\s+(?:also\s+)?includes?\b|\s+included\b)"
)


# what a release does with the act it names: "announced today the donation of", "celebrated the
# handover of"
_ANNOUNCED_ACT_BEFORE_RE = re.compile(
    r"\b(?:announced|announces|celebrated|celebrates|marked|marks|commemorated|welcomed"
    r"|hosted|held|attended)\s+(?:(?:today|yesterday|on\s+\w+(?:\s+\d{1,2})?),?\s+)?\Z"
)


def _nominal_activities(
    text: str,
    sents: list[tuple[int, int]],
    lead: _OrgBuild,
    made: list[Activity],
    orgs: _Orgs,
    mentions: list[_OrgMention],
    names: _SpanIndex,
) -> list[Activity]:
    """The lead agency's acts named by their noun where no activity found covers them: one a
    release announces ("announced today the donation of equipment ... to the National
    Gendarmerie") or one a sentence opens with ("The donation includes 12 four-wheel-drive
    vehicles, 30 motorcycles, ..."), not another's ("the government completed the construction
    of a prison")."""
    covered = _SpanIndex([(a.span.start, a.span.end) for a in made if a.span is not None])
    starts = [mm.span.start for mm in mentions]
    out: list[Activity] = []
    for s, e in sents:
        in_sent = mentions[bisect_left(starts, s) : bisect_left(starts, e)]
        for m in _NOMINAL_NOUN_RE.finditer(text, s, e):
            if covered.holds(m.start(1)) or names.holds(m.start(1)):
                continue
            if not (
                _ANNOUNCED_ACT_BEFORE_RE.search(text, max(s, m.start() - 40), m.start())
                or not text[s : m.start()].strip(' \t\n•*-–·"“')
            ):
                continue  # someone else's act: "the government completed the construction of"
            clause = _clause(text, m.start(1), e, names)
            desc = _described(clause)
            if not desc:
                continue
            act = _activity(
                text, lead.short, desc, m.start(1), m.start(1) + len(clause), in_sent, None, orgs
            )
            if act.beneficiary is None and "includ" in m.group():
                # what the donation includes serves whom the act it takes up served ("...
                # handed over equipment to the Fiji Police Force. The donation includes ...")
                before = [
                    a
                    for a in (*made, *out)
                    if a.span is not None
                    and a.beneficiary
                    and 0 <= m.start() - a.span.end <= _TAKEN_UP_CHARS
                ]
                if before:
                    nearest = max(before, key=lambda a: a.span.end if a.span else 0)
                    act = replace(act, beneficiary=nearest.beneficiary)
            out.append(act)
    return out


#: How far back an act that "the donation includes" takes up may end (characters).
_TAKEN_UP_CHARS = 800


# An act whose object comes first, its actor after the verb: "the scanners that INL installed",
# "a course funded in part by INL", "officers recruited and trained with INL support"
# (with "recruited": "recruits" reads as a noun after a subject, so it is no activity verb)
_PAST_ACT = "|".join(
    r"\s+".join(map(re.escape, f.split()))
    for f in sorted(
        {forms[2] for forms, _next in ACTIVITY_VERBS} | {"recruited"}, key=lambda f: (-len(f), f)
    )
)
_PARTICIPLES = r"(?:" + _PAST_ACT + r")(?:,?\s+and\s+(?:" + _PAST_ACT + r"))?"
# before the actor: "... funded (in part) by (the)", "... trained with (the)"
_BY_ACTOR_RE = re.compile(
    r"\b(" + _PARTICIPLES + r")\s+(?:(?:in\s+part|jointly|partly|largely|entirely|also)\s+)?"
    r"(by|with|through)\s+(?:the\s+)?\Z"
)
# after a "with" actor: its support ("trained with INL support")
_SUPPORT_AFTER_RE = re.compile(r"(?:[’']s)?\s+" + _SUPPORT_NOUNS + r"\b")
# before the actor of a relative clause: "the scanners that INL installed"
# ("..., which INL supports, ..."), unless "that" opens what a verb says: "GAO found that INL
# trained 400 officers" is no relative clause
_RELATIVE_RE = re.compile(r"(\w*),?\s(?:that|which)\s+(?:the\s+)?\Z")
_SAYS_THAT = frozenset(
    {"found", "find", "finds", "said", "says", "reported", "reports", "noted", "notes"}
    | {"show", "showed", "shows", "stated", "states", "estimated", "estimates", "indicated"}
    | {"indicates", "announced", "confirmed", "ensure", "ensured", "concluded", "determined"}
    | {"explained", "acknowledged", "learned", "believes", "means", "added", "so", "such"}
    | {"fact", "that"}
)


def _relative(text: str, lo: int, hi: int) -> int | None:
    """Where the noun phrase ends that a relative pronoun just before ``hi`` follows ("the
    scanners| that", "the Task Force|, which"), or ``None``; "that" after a verb of saying opens
    no relative clause ("GAO found that")."""
    head = text[max(lo, hi - 40) : hi].rstrip()
    if head.endswith(" the"):
        head = head[:-4].rstrip()
    if not head.endswith(("that", "which")):
        return None  # (most mentions: no regular expression run)
    m = _RELATIVE_RE.search(text, lo, hi)
    if m is None or m.group(1).casefold() in _SAYS_THAT:
        return None
    return m.end(1)


# a plural noun just before an actor: a relative clause without "that" may follow
_ZERO_RELATIVE_RE = re.compile(r"\b([a-z]{3,}s)\s+(?:the\s+)?\Z")
_NOT_PLURAL_NOUN = frozenset({"was", "has", "this", "its", "as", "is", "thus", "plus", "yes"})
_PAST_FORMS = frozenset(forms[2] for forms, _next in ACTIVITY_VERBS)
# what ends a verb with no object of its own: a preposition, a stop, an auxiliary
_NO_OBJECT_AFTER_RE = re.compile(
    r"\s*(?:[,.;:)]|$|(?:in|at|for|with|since|during|last|this|were|was|are|is|have|has|had"
    r"|under|through|from|between|to)\b)"
)


def _relative_clause(text: str, s: int, e: int, start: int, subj_end: int) -> int | None:
    """Where the noun phrase ends that a relative clause opened by the actor mentioned at
    ``start`` (its subject ending at ``subj_end``) follows, or ``None``: "the scanners that INL
    installed", or without the pronoun, a plural noun before the actor and nothing after the
    past of its verb: "the 240 investigators INL trained in 2023"."""
    rel = _relative(text, max(s, start - 80), start)
    if rel is not None:
        return rel
    zero = _ZERO_RELATIVE_RE.search(text, max(s, start - 40), start)
    if zero is None or zero.group(1) in _NOT_PLURAL_NOUN:
        return None
    rest = text[subj_end:e]
    vm = _ACTIVITY_VERBS.match(rest.lstrip())
    if vm is None or vm.group(1) not in _PAST_FORMS:
        return None
    after = subj_end + len(rest) - len(rest.lstrip()) + vm.end()
    return zero.end(1) if _NO_OBJECT_AFTER_RE.match(text, after, e) else None


_WORD_AT_RE = re.compile(r"\S+")
# what opens a noun phrase: a word, a figure or a quote, not a bullet or bracket
_OBJECT_WORD_RE = re.compile(r"[\w$“\"']")
# the present forms of the activity verbs: an object holding one is a clause ("INL funds the
# Border Project, implemented by IOM")
_THIRD_PERSON = frozenset(forms[1] for forms, _next in ACTIVITY_VERBS)
# words no object noun phrase holds: auxiliaries and relatives belong to another clause
_NOT_IN_OBJECT = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would"}
    | {"who", "whose", "whom", "which", "that"}
)
# before the verb of a passive: "the academy was built by INL"
_PASSIVE_AUX_RE = re.compile(
    r"(?:\s+(?:is|are|was|were|been|be|being|has|have|had|will|also|recently|now))+\Z"
)
# where the object before the verb opens: a clause's start, a colon or semicolon, a comma not
# inside a figure, a dash, or a verb that introduces it ("included", "received")
_OBJECT_OPEN_RE = re.compile(
    r".*(?:[;:()–—•]|,(?!\d)"
    r"|\b(?:include[sd]?|including|received?|receives|completed|[Tt]hrough|[Vv]ia)\b)\s*",
    re.S,
)


def _object_first(
    text: str,
    sents: list[tuple[int, int]],
    orgs: _Orgs,
    mentions: list[_OrgMention],
    seen: set[tuple[str, str]],
    found: list[Activity],
) -> list[Activity]:
    """Acts written object first, the actor after its verb: "the X-ray scanners that INL
    installed", "a course for 35 prosecutors funded by INL", "340 officers recruited and
    trained with INL support". The description puts the verb first ("installed the X-ray
    scanners"); an act already read from the same words is not read twice."""
    out: list[Activity] = []
    starts = [mm.span.start for mm in mentions]
    taken = [(a.actor, a.span.start, a.span.end) for a in found if a.span is not None]
    for s, e in sents:
        in_sent = mentions[bisect_left(starts, s) : bisect_left(starts, e)]
        for mm in in_sent:
            org = orgs.by_key[mm.org]
            if not _can_act(org):
                continue
            before = text[s : mm.span.start]
            verb: str | None = None
            obj_end = -1
            act_end = mm.span.end
            by = _BY_ACTOR_RE.search(before)
            if by is not None:
                if by.group(2) != "by":
                    support = _SUPPORT_AFTER_RE.match(text, mm.span.end, e)
                    if support is None:
                        continue  # "trained with the PNP": a partner, not a cause
                    act_end = support.end()
                verb = " ".join(by.group(1).split())
                obj_end = s + len(before[: by.start()].rstrip())
                aux = _PASSIVE_AUX_RE.search(text, s, obj_end)
                if aux is not None:
                    obj_end = aux.start()
            else:
                subj_end = _subject_end(text, mm.span.end, e, {})
                rel = _relative_clause(text, s, e, mm.span.start, subj_end)
                if rel is None:
                    continue
                vm = _ACTIVITY_VERBS.match(text[subj_end:e].lstrip())
                if vm is None:
                    continue
                verb = " ".join(vm.group(1).split())
                obj_end = rel
                act_end = subj_end + (len(text[subj_end:e]) - len(text[subj_end:e].lstrip()))
                act_end += vm.end()
            opener = _OBJECT_OPEN_RE.match(text, s, obj_end)
            obj_start = opener.end() if opener is not None else s
            if obj_start == obj_end and text[s:obj_end].endswith(","):
                # the verb's phrase set off by commas: "the Global SMART Programme, funded in
                # part by INL,"
                obj_end -= 1
                opener = _OBJECT_OPEN_RE.match(text, s, obj_end)
                obj_start = opener.end() if opener is not None else s
            words_at = list(_WORD_AT_RE.finditer(text, obj_start, obj_end))
            gerunds = [
                i
                for i, w in enumerate(words_at[1:-1], 1)
                if w.group().endswith("ing") and w.group().islower()  # not in a name
            ]
            if gerunds:
                # the noun phrase after a participle: "GPS officers using vehicles donated by
                # INL" donated vehicles
                obj_start = words_at[gerunds[-1] + 1].start()
            obj_words = text[obj_start:obj_end].split()
            if (
                not obj_words
                or len(obj_words) > 20
                or not _OBJECT_WORD_RE.match(obj_words[0])
                or any(w.casefold() in _NOT_IN_OBJECT for w in obj_words)
                or len(obj_words) < 2
                or obj_words[0].endswith("ed")  # "valued at $3.4 million", not a thing
                or any(w in _THIRD_PERSON for w in obj_words)  # a clause: "INL funds the X"
                or obj_words[0].casefold()
                in ("and", "or", "of", "in", "for", "to", "from", "with", "by")
                or obj_words[-1].casefold() in ("and", "or")
            ):
                continue  # no noun phrase of its own: "were", "designed and", "who were"
            if any(a == org.short and lo < act_end and obj_start < hi for a, lo, hi in taken):
                continue
            desc = " ".join([verb, *obj_words[:23]]).rstrip(",")
            key = (org.key, desc.casefold())
            if key in seen:
                continue
            seen.add(key)
            made = _activity(text, org.short, desc, obj_start, act_end, in_sent, mm, orgs)
            taken.append((org.short, obj_start, act_end))
            out.append(made)
    return out


# Where a clause coordinates another act of its subject: "will train 300 investigators, equip
# a rapid-response team and provide 8 vehicles", "..., and will train about 200 officers"
_NEXT_ACT_RE = re.compile(
    r"(?:,\s+(?:and\s+)?|\s+and\s+)(?:(?:will|also|has|have|had)\s+)*(?=(?:"
    + _verb_forms(following=True)
    + r")\b(?!\s+by\b))"
)


_WORD_RE = re.compile(r"[A-Za-z]+")
# what opens a verb's object: a word or a number, not the end of a list
_OBJECT_START_RE = re.compile(r" (?!and\b|or\b)[\w$]")


def _coordinated(text: str, start: int, verb: int, end: int) -> list[tuple[str, int, int]]:
    """An activity clause cut into the acts it coordinates, each ``(description, start,
    end)``: the first from the actor's name (``start``) and its verb (``verb``), the others
    from their own verbs; a cut only where the act before it has an object of its own (not
    "trained and equipped 40 officers")."""
    first = _WORD_RE.match(text, verb)
    gerund = first is not None and first.group().endswith("ing")
    out: list[tuple[str, int, int]] = []
    lo, lo_desc = start, verb
    for m in _NEXT_ACT_RE.finditer(text, verb, end):
        nxt = _WORD_RE.match(text, m.end())
        if (
            nxt is None
            or len(text[lo_desc : m.start()].split()) < 3
            # a verb like the first with an object of its own: not the nouns of a list ("in
            # training, equipment and support")
            or nxt.group().endswith("ing") != gerund
            or _OBJECT_START_RE.match(text, nxt.end()) is None
        ):
            continue
        out += _gapped(text, lo, lo_desc, m.start()) or [
            (" ".join(text[lo_desc : m.start()].split()[:_DESCRIPTION_WORDS]), lo, m.start())
        ]
        lo = lo_desc = m.end()
    out += _gapped(text, lo, lo_desc, end) or [(_described(text[lo_desc:end]), lo, end)]
    return out


_VERB_AT_RE = re.compile(r"(?:" + _verb_forms() + r")\b")
# one of several objects given to different bodies: "24 sets of boarding equipment to the
# Republic of Fiji Navy"
_GIVEN_TO_RE = re.compile(r"\S(?:(?!\bto\b)[^,;])*?\bto\s+(?:the\s+)?[A-Z][^,;]*")
_LIST_SEP_RE = re.compile(r",\s+(?:and\s+)?")


def _gapped(text: str, start: int, verb: int, end: int) -> list[tuple[str, int, int]]:
    """One verb with several objects, each to its own body, cut into one act per object
    ("handing over three boats to the Police, 24 sets of equipment to the Navy, and 10
    analyzers to Customs": three handovers); ``[]`` when the act is not such a list."""
    v = _VERB_AT_RE.match(text, verb)
    if v is None:
        return []
    parts: list[tuple[int, int]] = []
    pos = v.end()
    while pos < end:
        while pos < end and text[pos].isspace():
            pos += 1
        g = _GIVEN_TO_RE.match(text, pos, end)
        if g is None:
            return []
        parts.append((g.start(), g.end()))
        sep = _LIST_SEP_RE.match(text, g.end(), end)
        if sep is None:
            if text[g.end() : end].strip():
                return []
            break
        pos = sep.end()
    if len(parts) < 2:
        return []
    name = " ".join(text[verb : v.end()].split())
    return [
        (_described(f"{name} {text[a:b]}"), start if k == 0 else a, b)
        for k, (a, b) in enumerate(parts)
    ]


# "with" opening an aside after its subject: "The KP, with INL support,"
_WITH_ASIDE_RE = re.compile(r",\s+" + _WITH_WORDS + r"\Z")


def _aside_subject(
    text: str, s: int, start: int, in_sent: list[_OrgMention], orgs: _Orgs
) -> str | None:
    """The organization whose name ends just before an aside naming its supporter at ``start``
    ("The KP, with INL support, ..." -> the KP's key), or ``None``."""
    aside = _WITH_ASIDE_RE.search(text, max(s, start - 20), start)
    if aside is None:
        return None
    for other in in_sent:
        if other.span.end == aside.start() or (
            other.span.end < aside.start()
            and _PAREN_ACRONYM_RE.fullmatch(text, other.span.end, aside.start())
        ):
            return other.org if other.org in orgs.by_key else None
    return None


def _subject_end(text: str, end: int, stop: int, by_start: dict[int, _OrgMention]) -> int:
    """Where the subject that a mention ending at ``end`` opens ends: past an acronym in
    parentheses ("the Bureau of ... Affairs (INL) provided"), an aside ("INL, in partnership
    with IOM, trained") and the organizations coordinated with it ("INL and U.S. Customs and
    Border Protection delivered")."""
    while True:
        paren = _PAREN_ACRONYM_RE.match(text, end, stop)
        if paren is not None:
            end = paren.end()
        aside = _ASIDE_RE.match(text, end, stop)
        if aside is not None:
            end = aside.end()
        conj = _AND_SUBJECT_RE.match(text, end, stop)
        if conj is None or conj.end() not in by_start:
            return end
        end = by_start[conj.end()].span.end


def _caused(
    text: str, start: int, end: int, tail: str, e: int, names: _SpanIndex | None = None
) -> tuple[str, int, int] | None:
    """An activity the organization's support causes: "With INL support, the PNC trained 40
    officers" or "INL assistance has helped establish a unit" -> (description, span)."""
    w = _WITH_SUPPORT_RE.match(tail)
    if w is not None and _WITH_BEFORE_RE.search(text, max(0, start - 20), start):
        begin = end + w.end()
    else:
        a = _SUPPORT_ACTS_RE.match(tail)
        if a is None:
            return None
        begin = end + a.end()
    clause = _clause(text, begin, e, names)
    desc = _described(clause)
    return desc, start, begin + len(clause)


def _activity(
    text: str,
    actor: str,
    desc: str,
    d_start: int,
    d_end: int,
    in_sent: list[_OrgMention],
    mm: _OrgMention | None,
    orgs: _Orgs,
    subject_end: int = 0,
) -> Activity:
    """An activity of ``actor`` described by ``desc`` over ``text[d_start:d_end]``; the
    beneficiary is the first other organization named inside that span past its subject
    (which ends at ``subject_end``: "INL and CBP trained" does not serve CBP), not a program
    ("under CBSI"), not a partner or implementer ("with DEA", "taught by OPDAT"; but "works
    with the PNP" serves the PNP) and not a body lending a post ("a Department of Justice
    Resident Legal Advisor")."""
    beneficiary = None
    lo = max(d_start, subject_end)
    passed: set[str] = set()  # a partner's acronym after its name ("(DEA)") is the partner
    for other in in_sent:
        if (mm is None or other.org != mm.org) and lo < other.span.start < d_end:
            name = orgs.by_key[other.org].name()
            if (
                other.org in passed
                or programs.is_program_name(name)
                or POST_AFTER_RE.match(text, other.span.end)
                or _NOT_SERVED_BEFORE_RE.search(
                    text, max(lo, other.span.start - 24), other.span.start
                )
            ):
                passed.add(other.org)
                continue
            beneficiary = name
            break
    kind, sector = classify_activity(desc)
    d_end = max(d_end, d_start + 1)
    return Activity(
        actor=actor,
        description=desc,
        beneficiary=beneficiary,
        activity_type=kind,
        sector=sector,
        span=Span.of(text, d_start, min(d_end, len(text))),
    )


def _bullet_activities(
    text: str,
    sents: list[tuple[int, int]],
    lead: _OrgBuild,
    seen: set[tuple[str, str]],
    orgs: _Orgs,
    mentions: list[_OrgMention],
) -> list[Activity]:
    """Bullets that open with what the program does ("• Training 1,800 PNC officers at the
    Academy", "• Trained 850 officers", "• Support police reform"), as activities of the
    document's lead agency."""
    out = []
    starts = [mm.span.start for mm in mentions]  # mentions are sorted by start
    for s, e in sents:
        m = _GERUND_BULLET_RE.match(text, s, e)
        if m is not None and _ACTIVITY_VERBS.match(m.group(1).lower()) is None:
            m = None  # not an act: "• According to MINUSTAH, homicides declined ..."
        if m is None:
            # an act the page's agency did or does, its subject left out: "• Trained more than
            # 850 police officers", "• Donated 22 pickup trucks", "• Support police reform"
            m = _VERB_BULLET_RE.match(text, s, e)
            if m is None or _ACTIVITY_VERBS.match(m.group(1).lower()) is None:
                continue
        clause = _CLAUSE_RE.match(text, m.start(1), e).group()  # type: ignore[union-attr]
        desc = _described(clause)
        key = (lead.key, desc.casefold())
        if not desc or key in seen:
            continue
        seen.add(key)
        end = m.start(1) + len(clause)
        in_sent = [
            mm
            for mm in mentions[bisect_left(starts, s) : bisect_left(starts, e)]
            if mm.org != lead.key
        ]
        out.append(_activity(text, lead.short, desc, m.start(1), end, in_sent, None, orgs))
    return out
