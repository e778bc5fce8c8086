"""Evaluation: matching rules, metrics, report formats."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from kg.cli import main as kg_main
from kg.evaluate import (
    ACTIVITY_MIN_SHARED_WORDS,
    ACTIVITY_OVERLAP_THRESHOLD,
    PRF,
    CorpusReport,
    activity_overlap,
    activity_words,
    evaluate_corpus,
    evaluate_pair,
    format_report,
    main,
    report_to_dict,
)
from kg.model import (
    Activity,
    Change,
    Document,
    DocumentFacts,
    Measurement,
    Organization,
    OrgKind,
    Program,
    Qualifier,
    Span,
)

TEXT = "INL's forensics support led to more than 100 convictions. INL trained 40 judges."
DOC = Document("demo", TEXT)


def span(quote: str) -> Span:
    start = TEXT.index(quote)
    return Span(start, start + len(quote), quote)


def inl(*aliases: str) -> Organization:
    return Organization(
        "Bureau of International Narcotics and Law Enforcement Affairs",
        aliases or ("INL",),
        OrgKind.US_GOVERNMENT,
    )


def fig(quote: str, value: int, counted: str, **kw: object) -> Measurement:
    return Measurement(span=span(quote), value=Decimal(value), unit="count", counted=counted, **kw)  # type: ignore[arg-type]


def gold_facts() -> DocumentFacts:
    return DocumentFacts(
        DOC,
        organizations=[inl()],
        measurements=[
            fig(
                "more than 100 convictions",
                100,
                "conviction",
                qualifier=Qualifier.MORE_THAN,
                agency="INL",
            ),
            fig("trained 40 judges", 40, "judge", agency="INL"),
        ],
    )


def test_perfect_match() -> None:
    score = evaluate_pair(gold_facts(), gold_facts())
    assert (score.figures.tp, score.figures.fp, score.figures.fn) == (2, 0, 0)
    assert score.organizations.f1 == 1.0
    assert all(score.accuracy(a) == 1.0 for a in score.attributes)


def test_figures_match_on_value_and_overlap_only() -> None:
    extracted = DocumentFacts(
        DOC,
        organizations=[inl()],
        measurements=[
            fig("100 convictions", 100, "convictions", agency="INL"),  # overlaps, plural noun
            fig("40 judges", 41, "judge"),  # wrong value: no match
        ],
    )
    score = evaluate_pair(extracted, gold_facts())
    assert (score.figures.tp, score.figures.fp, score.figures.fn) == (1, 1, 1)
    assert score.accuracy("unit") == 1.0  # counted nouns compared singular, lower-case
    assert score.accuracy("qualifier") == 0.0
    assert score.figures.precision == 0.5 and score.figures.recall == 0.5


def test_a_gold_fraction_matches_the_same_share_as_a_percent() -> None:
    # "one-third": a gold file may write 0.333 (unit fraction) where kg gives 33.3 percent
    quote = "trained 40 judges"
    third = Measurement(span=span(quote), value=Decimal("0.333"), unit="count", counted="fraction")
    gold = DocumentFacts(DOC, measurements=[third])
    share = Measurement(span=span(quote), value=Decimal("33.3"), unit="percent")
    score = evaluate_pair(DocumentFacts(DOC, measurements=[share]), gold)
    assert score.figures.tp == 1 and score.accuracy("unit") == 1.0
    other = Measurement(span=span(quote), value=Decimal("33.4"), unit="percent")
    assert evaluate_pair(DocumentFacts(DOC, measurements=[other]), gold).figures.tp == 0
    # a count of 0.333 things is not a share
    count = Measurement(span=span(quote), value=Decimal("33.3"), unit="count", counted="judge")
    assert evaluate_pair(DocumentFacts(DOC, measurements=[count]), gold).figures.tp == 0


def test_a_gold_fraction_change_matches_the_same_percent_change() -> None:
    """ "fell by a third": 0.333 (unit fraction) and 33.3 percent are the same change; not when
    one of them is a level and the other a change."""
    quote = "trained 40 judges"
    third = Measurement(
        span=span(quote),
        value=Decimal("0.333"),
        unit="count",
        counted="fraction",
        change=Change.DECREASE,
    )
    gold = DocumentFacts(DOC, measurements=[third])
    change = Measurement(
        span=span(quote), value=Decimal("33.3"), unit="percent", change=Change.DECREASE
    )
    score = evaluate_pair(DocumentFacts(DOC, measurements=[change]), gold)
    assert score.figures.tp == 1 and score.accuracy("unit") == 1.0
    level = Measurement(span=span(quote), value=Decimal("33.3"), unit="percent")
    assert evaluate_pair(DocumentFacts(DOC, measurements=[level]), gold).figures.tp == 0


def test_one_to_one_matching() -> None:
    extracted = DocumentFacts(
        DOC,
        measurements=[fig("100 convictions", 100, "conviction"), fig("100", 100, "conviction")],
    )
    score = evaluate_pair(extracted, gold_facts())
    assert (score.figures.tp, score.figures.fp) == (1, 1)


def test_organizations_match_through_aliases_and_duplicates_are_false_positives() -> None:
    extracted = DocumentFacts(
        DOC,
        organizations=[
            Organization("INL's"),  # possessive stripped, matches the alias
            Organization("Bureau of International Narcotics and Law Enforcement Affairs"),
            Organization("Fact Sheet"),
        ],
    )
    score = evaluate_pair(extracted, gold_facts())
    assert (score.organizations.tp, score.organizations.fp, score.organizations.fn) == (1, 2, 0)


def test_reported_by_and_agency_resolve_through_extracted_aliases() -> None:
    gold = gold_facts()
    gold.measurements[0] = fig(
        "more than 100 convictions",
        100,
        "conviction",
        qualifier=Qualifier.MORE_THAN,
        agency="Bureau of International Narcotics and Law Enforcement Affairs",
        reported_by="INL",
    )
    extracted = DocumentFacts(
        DOC,
        organizations=[Organization("The Bureau", ("INL",))],
        measurements=[
            fig(
                "more than 100 convictions",
                100,
                "conviction",
                qualifier=Qualifier.MORE_THAN,
                agency="INL",
                reported_by="The Bureau",
            ),
            fig("trained 40 judges", 40, "judge", change=Change.INCREASE, year=2019),
        ],
    )
    score = evaluate_pair(extracted, gold)
    assert score.accuracy("reported_by") == 1.0
    assert score.accuracy("agency") == 0.5  # the second figure misses its agency
    assert score.accuracy("change") == 0.5
    assert score.accuracy("year") == 0.5


def test_prf_edge_cases() -> None:
    assert PRF().f1 == 1.0
    assert PRF(0, 1, 1).f1 == 0.0


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "kenya.txt").write_text(
        "INL has trained more than 85 judges in Kenya.\n", encoding="utf-8"
    )
    (tmp_path / "kenya.gold.yaml").write_text(
        "document: kenya.txt\n"
        "organizations:\n"
        "  - {name: Bureau of International Narcotics and Law Enforcement Affairs,"
        " aliases: [INL], kind: us-government}\n"
        "places: [Kenya]\n"
        "measurements:\n"
        "  - {quote: 'more than 85 judges', value: 85, unit: judge, qualifier: more-than,"
        " agency: INL}\n",
        encoding="utf-8",
    )
    (tmp_path / "nogold.txt").write_text("INL trained 3 judges.\n", encoding="utf-8")
    return tmp_path


def test_evaluate_corpus_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _corpus(tmp_path)
    report = evaluate_corpus([folder])
    assert [d.name for d in report.documents] == ["kenya"]  # documents without gold skipped
    assert report.figures.f1 == 1.0 and report.organizations.f1 == 1.0
    table = format_report(report)
    assert "kenya" in table and "OVERALL" in table
    data = report_to_dict(report)
    json.dumps(data)
    assert data["overall"]["figures"]["f1"] == 1.0
    assert main([str(folder), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["overall"]["organizations"]["tp"] == 1


def test_gold_override_for_one_document(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    other = tmp_path / "other.gold.yaml"
    other.write_text(
        (folder / "kenya.gold.yaml").read_text().replace("value: 85", "value: 86"),
        encoding="utf-8",
    )
    report = evaluate_corpus([folder / "kenya.txt"], gold=other)
    assert report.figures.tp == 0 and report.figures.fn == 1
    with pytest.raises(Exception, match="one document"):
        evaluate_corpus([folder], gold=other)


def test_null_gold_place_is_the_first_of_its_places(tmp_path: Path) -> None:
    # the corpus README: a null place reads as the first entry of the gold file's places (a
    # region for a regional program), not the first country it lists
    (tmp_path / "cbsi.txt").write_text(
        "CARIBBEAN BASIN SECURITY INITIATIVE\n\nINL funds coast guards in The Bahamas, "
        "Jamaica and the Dominican Republic. INL delivered 14 interceptor vessels.\n",
        encoding="utf-8",
    )
    gold = (
        "document: cbsi.txt\n"
        "organizations:\n"
        "  - {name: Bureau of International Narcotics and Law Enforcement Affairs,"
        " aliases: [INL], kind: us-government}\n"
        "places: [PLACES]\n"
        "measurements:\n"
        "  - {quote: 'delivered 14 interceptor vessels', value: 14, unit: interceptor vessel,"
        " qualifier: exact, agency: INL, place: null}\n"
    )
    path = tmp_path / "cbsi.gold.yaml"
    path.write_text(gold.replace("PLACES", "Caribbean, Jamaica, The Bahamas"), encoding="utf-8")
    assert evaluate_corpus([tmp_path]).accuracy("place") == 1.0
    path.write_text(gold.replace("PLACES", "Jamaica, Caribbean"), encoding="utf-8")
    assert evaluate_corpus([tmp_path]).accuracy("place") == 0.0


# ---------------------------------------------------------------------------- activities

ACT_TEXT = (
    "INL constructed border outposts for the Frontier Corps. "
    "INL trained 40 judges in forensic evidence. "
    "INL funds drug awareness campaigns in Shan State. "
    "INL supports the Frontier Corps."
)
ACT_DOC = Document("acts", ACT_TEXT)
INL_FULL = "Bureau of International Narcotics and Law Enforcement Affairs"


def act_span(quote: str) -> Span:
    start = ACT_TEXT.index(quote)
    return Span(start, start + len(quote), quote)


def found(quote: str, actor: str = "INL", beneficiary: str | None = None) -> Activity:
    """An extracted activity read from ``quote`` (its description is the quote minus the actor)."""
    return Activity(
        actor, quote.removeprefix(actor + " "), beneficiary=beneficiary, span=act_span(quote)
    )


def act_gold(*activities: Activity) -> DocumentFacts:
    return DocumentFacts(
        ACT_DOC,
        organizations=[
            Organization(INL_FULL, ("INL",), OrgKind.US_GOVERNMENT),
            Organization("Frontier Corps-KP", ("Frontier Corps",), OrgKind.SECURITY_FORCE),
        ],
        activities=list(activities),
    )


def act_found(*activities: Activity) -> DocumentFacts:
    return DocumentFacts(
        ACT_DOC,
        organizations=[
            Organization(INL_FULL, ("INL",), OrgKind.US_GOVERNMENT),
            Organization("Frontier Corps", ("FC",), OrgKind.SECURITY_FORCE),
        ],
        activities=list(activities),
    )


def test_activity_scores_on_a_hand_made_pair() -> None:
    gold = act_gold(
        Activity(INL_FULL, "construction of border outposts", "Frontier Corps-KP"),
        Activity("INL", "training of judges in forensic evidence", None),
        Activity("INL", "funding drug awareness campaigns in Shan State", None),
        Activity("INL", "donation of vehicles to the police", None),  # not found
    )
    extracted = act_found(
        # matches 1: actor through the gold alias INL, beneficiary through the extracted alias FC
        found("INL constructed border outposts for the Frontier Corps", beneficiary="FC"),
        # matches 2, but names a beneficiary where gold has none
        found("INL trained 40 judges in forensic evidence", beneficiary="judges"),
        # a looser span over the same activity: 2 is taken by the tighter span above
        found("INL trained 40 judges"),
        # matches 3: null beneficiary on both sides
        found("INL funds drug awareness campaigns in Shan State"),
        # shares no content word with any gold activity
        found("INL supports the Frontier Corps", beneficiary="Frontier Corps"),
    )
    score = evaluate_pair(extracted, gold)
    acts = score.activities
    assert (acts.tp, acts.fp, acts.fn) == (3, 2, 1)
    assert acts.precision == pytest.approx(3 / 5)
    assert acts.recall == pytest.approx(3 / 4)
    assert acts.f1 == pytest.approx(2 / 3)
    assert score.activity_attributes == {"actor": [3, 3], "beneficiary": [2, 3]}
    assert score.activity_accuracy("beneficiary") == pytest.approx(2 / 3)
    kinds = [m.kind for m in score.mismatches]
    assert kinds.count("extra-activity") == 2 and kinds.count("missed-activity") == 1
    assert kinds.count("activity-beneficiary") == 1 and "activity-actor" not in kinds
    extra = {m.detail for m in score.mismatches if m.kind == "extra-activity"}
    assert extra == {"INL: trained 40 judges", "INL: supports the Frontier Corps"}
    missed = [m.detail for m in score.mismatches if m.kind == "missed-activity"]
    assert missed == ["INL: donation of vehicles to the police"]

    # the same figures in the report, the JSON and the table
    report = CorpusReport([score])
    data = report_to_dict(report)
    json.dumps(data)
    assert data["overall"]["activities"] == {
        "tp": 3,
        "fp": 2,
        "fn": 1,
        "precision": 0.6,
        "recall": 0.75,
        "f1": 0.6667,
    }
    assert data["overall"]["activity_attributes"]["beneficiary"] == {
        "correct": 2,
        "total": 3,
        "accuracy": 0.6667,
    }
    assert data["documents"][0]["activities"]["tp"] == 3
    assert data["overall"]["activity_overlap_threshold"] == ACTIVITY_OVERLAP_THRESHOLD
    table = format_report(report)
    assert "act F1" in table and "benefic" in table
    assert "P 0.600  R 0.750  F1 0.667  (tp 3, fp 2, fn 1)" in table
    assert "actor 1.000 (3/3), beneficiary 0.667 (2/3)" in table


def test_activity_matching_is_one_to_one() -> None:
    gold = act_gold(Activity("INL", "training of judges", None))
    extracted = act_found(
        found("INL trained 40 judges in forensic evidence"), found("INL trained 40 judges")
    )
    score = evaluate_pair(extracted, gold)
    assert (score.activities.tp, score.activities.fp, score.activities.fn) == (1, 1, 0)
    # best first: the tighter span ("trained 40 judges", Dice 1.0) is the match, whatever the order
    extra = [m.detail for m in score.mismatches if m.kind == "extra-activity"]
    assert extra == ["INL: trained 40 judges in forensic evidence"]
    reversed_score = evaluate_pair(act_found(*reversed(extracted.activities)), gold)
    assert [m.detail for m in reversed_score.mismatches if m.kind == "extra-activity"] == extra
    # one extracted activity cannot match two gold activities either
    two_gold = act_gold(
        Activity("INL", "training of judges", None), Activity("INL", "judges trained", None)
    )
    score = evaluate_pair(act_found(found("INL trained 40 judges")), two_gold)
    assert (score.activities.tp, score.activities.fp, score.activities.fn) == (1, 0, 1)


def test_activity_actor_and_beneficiary_match_through_aliases() -> None:
    gold = act_gold(
        Activity("INL", "construction of border outposts", "Frontier Corps"),
        Activity(INL_FULL, "training of judges in forensic evidence", "Frontier Corps-KP"),
    )
    extracted = act_found(
        # extracted full name vs gold acronym; extracted alias FC vs gold alias Frontier Corps
        found("INL constructed border outposts for the Frontier Corps", INL_FULL, "FC"),
        # extracted acronym vs gold full name; possessive stripped
        found("INL trained 40 judges in forensic evidence", "INL's", "Frontier Corps"),
    )
    score = evaluate_pair(extracted, gold)
    assert score.activities.tp == 2
    assert score.activity_attributes == {"actor": [2, 2], "beneficiary": [2, 2]}
    # a wrong actor is counted wrong
    wrong = act_found(found("INL trained 40 judges in forensic evidence", "Frontier Corps"))
    score = evaluate_pair(wrong, gold)
    assert score.activities.tp == 1 and score.activity_attributes["actor"] == [0, 1]


def test_activity_actor_may_be_a_named_program() -> None:
    gold = act_gold(Activity("Resident Legal Advisor program", "training of judges", None))
    gold.programs = [Program("Resident Legal Advisor program", ("RLA program",))]
    extracted = act_found(Activity("RLA", "trained 40 judges", span=act_span("trained 40 judges")))
    extracted.programs = [Program("RLA", ("RLA program",))]
    score = evaluate_pair(extracted, gold)
    assert score.activities.tp == 1 and score.activity_attributes["actor"] == [1, 1]


def test_null_beneficiary_matches_a_missing_one_only() -> None:
    gold = act_gold(
        Activity("INL", "construction of border outposts", None),
        Activity("INL", "training of judges in forensic evidence", "Frontier Corps"),
        Activity("INL", "funding drug awareness campaigns in Shan State", "prison officials"),
    )
    extracted = act_found(
        found("INL constructed border outposts for the Frontier Corps"),  # null = null
        found("INL trained 40 judges in forensic evidence"),  # null, gold names one
        found("INL funds drug awareness campaigns in Shan State", beneficiary="Prison Official"),
    )
    score = evaluate_pair(extracted, gold)
    assert score.activities.tp == 3
    # a group that is not an organization compares by its wording, last word singular
    assert score.activity_attributes["beneficiary"] == [2, 3]
    extracted.activities[0] = found(
        "INL constructed border outposts for the Frontier Corps", beneficiary="FC"
    )
    score = evaluate_pair(extracted, gold)
    assert score.activity_attributes["beneficiary"] == [1, 3]  # gold null, one named


def test_non_overlapping_activities_do_not_match() -> None:
    gold = act_gold(
        Activity("INL", "support for counternarcotics seizures", None),
        Activity("INL", "construction of border roads, bridges, courthouses and prisons", None),
    )
    extracted = act_found(
        # one shared content word ("support") is not enough
        found("INL supports the Frontier Corps"),
        # two shared words ("construct", "border") but only 2 of the shorter text's 5
        found("INL constructed border outposts for the Frontier Corps"),
    )
    score = evaluate_pair(extracted, gold)
    assert (score.activities.tp, score.activities.fp, score.activities.fn) == (0, 2, 2)
    assert score.activities.f1 == 0.0
    assert score.activity_attributes == {"actor": [0, 0], "beneficiary": [0, 0]}


def test_activity_overlap_rule() -> None:
    assert sorted(activity_words("INL’s forensics support has led to 100 convictions", "INL")) == [
        "convict",
        "forensic",
        "led",
        "support",
    ]
    # stemming makes the verb and the noun agree
    assert activity_words("INL-constructed outposts", "INL") == activity_words(
        "construction of outposts"
    )
    assert activity_words("trained and equipped", None) == activity_words("training, equipping")
    gold = activity_words("sponsorship of prison officials for training at the academy")
    assert activity_overlap(gold, activity_words("INL sponsored prison officials", "INL")) == (
        1.0,
        pytest.approx(2 * 3 / (5 + 3)),  # sponsor, prison, official
    )
    # two shared words but under the threshold of the shorter text (2 of 5)
    five = activity_words("prison officials reviewed cases, audits, budgets")
    assert len(five & gold) == ACTIVITY_MIN_SHARED_WORDS
    assert activity_overlap(gold, five) is None
    assert activity_overlap(gold, activity_words("INL funding", "INL")) is None
    assert activity_overlap(frozenset(), gold) is None


def test_corpus_eval_reports_activities(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``kg eval ../shared/corpus`` runs and reports activities (behaviour only, no targets)."""
    assert kg_main(["eval", str(corpus)]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if ln.startswith("activities"))
    assert " P " in line and " R " in line and " F1 " in line and "actor" in line
    assert "act F1" in out.splitlines()[0]
    assert kg_main(["eval", str(corpus), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    acts = data["overall"]["activities"]
    n_gold = sum(d["activities"]["tp"] + d["activities"]["fn"] for d in data["documents"])
    assert n_gold == acts["tp"] + acts["fn"] > 0  # every gold activity counted once
    matched = data["overall"]["activity_attributes"]["actor"]["total"]
    assert matched == acts["tp"] == data["overall"]["activity_attributes"]["beneficiary"]["total"]
    assert kg_main(["eval", str(corpus), "--details"]) == 0
    details = capsys.readouterr().out.splitlines()
    assert details[: len(out.splitlines())] == out.splitlines()  # the table, then the list
    kinds = {ln.split(": ")[1] for ln in details[len(out.splitlines()) :]}
    assert kinds <= {
        "missed-figure",
        "extra-figure",
        "attribute",
        "missed-org",
        "extra-org",
        "org-kind",
        "missed-program",
        "extra-program",
        "program-run-by",
        "missed-activity",
        "extra-activity",
        "activity-actor",
        "activity-beneficiary",
    }


def test_counted_nouns_compare_hyphens_as_spaces_and_details_show_them_as_written() -> None:
    """A gold file's unit key "percentage-point" names the noun "percentage point"; a
    different noun is still wrong, and the details print both as written."""

    def counting(noun: str) -> DocumentFacts:
        """The demo facts with the first figure counting ``noun``."""
        return DocumentFacts(
            DOC,
            organizations=[inl()],
            measurements=[
                fig("more than 100 convictions", 100, noun, qualifier=Qualifier.MORE_THAN),
                fig("trained 40 judges", 40, "judge"),
            ],
        )

    gold = gold_facts()
    extracted, hyphened, spaced = (
        counting(n) for n in ("conviction", "court-conviction", "court conviction")
    )
    assert evaluate_pair(spaced, hyphened).accuracy("counted") == 1.0
    score = evaluate_pair(extracted, hyphened)
    assert score.accuracy("counted") == 0.5
    assert any("gold court-conviction, got conviction" in m.detail for m in score.mismatches)
    assert evaluate_pair(extracted, gold).accuracy("counted") == 1.0
