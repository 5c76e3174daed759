"""The pointed answer (issue 12): sentence numbers and short copies, every copy checked against its
incident's own sentences; sentences the model cited beside the right one repaired; a long article
asked in parts and merged; the answer turned into the coding layer's shape with verbatim evidence;
both answer shapes read by `code_output`."""

import datetime as dt
import json

import pytest

from extractor import ExtractionError, Extractor
from extractor.model.answers import describe, merge_parts, to_raw
from extractor.model.pointed import (
    PREVIOUS_PROMPT_VERSION, PointedExtraction, PointedIncident, Pointing, check_incident, is_pointed, pointing_at,
    read_answer, rehome_claims, repair_citations,
)
from extractor.testing import FakeBackend
from extractor.text.sentences import number_sentences
from tests.conftest import FIXTURES

SEED = (FIXTURES / "articles" / "xinhua-2020-01-29-kunduz-baghlan.txt").read_text(encoding="utf-8")
G01 = (FIXTURES / "gold" / "g01-borno-magumeri-damboa.txt").read_text(encoding="utf-8")
NUMBERED = number_sentences(SEED)
KUNDUZ = {"sentences": [2, 3, 4], "when": "early Wednesday", "district": "Dasht-e-Archi district", "province": "Kunduz province",
          "perpetrators": ["Taliban fighters"], "targets": ["security checkpoints"], "event_type": "battle",
          "claims": [{"claimant": "Safiullah Amiri", "killed": "At least 13"}]}


def _check(fields: dict, numbered=NUMBERED):  # type: ignore[no-untyped-def]
    incident = PointedIncident.model_validate({**KUNDUZ, **fields})
    return check_incident(incident, 1, Pointing.whole(numbered))


# (fields changed from a correct incident, the problem reported). Real mistakes of the 1.5B model.
PROBLEMS = [
    ({"province": "Kabul"}, "incident 1: province 'Kabul' is not in sentences 2, 3, 4: copy it from those sentences or leave it null."),
    ({"province": "Baghlan and Kunduz provinces"}, "province 'Baghlan and Kunduz provinces' is not in sentences 2, 3, 4"),
    ({"district": "Afghanistan"}, "district 'Afghanistan' is not in sentences 2, 3, 4"),
    ({"when": "on Wednesday"}, "when 'on Wednesday' is not in sentences 2, 3, 4"),
    ({"when": "on January 29, 2020"}, "when 'on January 29, 2020' is not in sentences 2, 3, 4"),
    ({"place": "Khawja Alwan area"}, "place 'Khawja Alwan area' is not in sentences 2, 3, 4"),
    ({"perpetrators": ["ISWAP fighters"]}, "perpetrator 'ISWAP fighters' is not in sentences 2, 3, 4"),
    ({"targets": ["Afghan National Army", "security checkpoints"]}, "target 'Afghan National Army' is not in"),
    ({"claims": [{"claimant": "Safiullah Amiri", "killed": "more than two dozen"}]}, "killed 'more than two dozen' is not in sentences"),
    ({"claims": [{"claimant": "Safiullah Amiri", "killed": "13", "wounded": "3"}]}, "wounded '3' is not in sentences 2, 3, 4"),
    ({"claims": [{"claimant": "the provincial governor", "killed": "At least 13"}]}, "claimant 'the provincial governor' is not in"),
    ({"claims": [{"claimant": "police", "killed": "the officers"}]}, "killed 'the officers' is not a count"),
    ({"claims": [{"claimant": "police", "killed": "13", "victims": "civilians"}]}, "victims 'civilians' is not in sentences"),
    ({"country": "Pakistan"}, "country 'Pakistan' is not in the report: leave it null."),
    ({"sentences": [2, 3, 12]}, "incident 1: there is no sentence 12: cite the numbers shown in brackets."),
]


@pytest.mark.parametrize("fields, problem", PROBLEMS)
def test_a_copy_not_in_its_sentences_is_a_problem_and_is_dropped(fields: dict, problem: str) -> None:
    fixed, problems = _check(fields)
    assert fixed is not None and any(problem in p for p in problems), problems
    assert len(problems) == 1
    for name in ("when", "place", "district", "province", "country"):
        if name in fields:
            assert getattr(fixed, name) is None
    if "sentences" in fields:
        assert fixed.sentences == [2, 3]


# (fields, what is kept) of copies that hold: case, Unicode forms, spacing, a number as a number, the country anywhere.
HOLDS = [
    {"province": "KUNDUZ PROVINCE"},
    {"district": "Dasht-e-Archi"},
    {"when": "Wednesday"},
    {"targets": ["troopers including army and police personnel"]},
    {"claims": [{"claimant": "Zabihullah Majahid", "killed": "more than 30", "victims": "soldiers"}]},
    {"claims": [{"claimant": "District governor Nasrudin Nazari Saadi", "killed": 15}]},
    {"country": "Afghanistan"},  # only in sentence 1, which sums up: a report names its country once
    {"perpetrators": ["the Taliban fighters"], "sentences": ["2", "[3]", "S4"]},
]


@pytest.mark.parametrize("fields", HOLDS)
def test_copies_that_hold(fields: dict) -> None:
    fixed, problems = _check(fields)
    assert problems == [] and fixed is not None and fixed.sentences == [2, 3, 4]


@pytest.mark.parametrize("fields, kept", [
    ({"targets": ["security checkpoints, police and army"]}, {"targets": ["security checkpoints", "police", "army"]}),
    ({"perpetrators": ["Taliban fighters / militants"]}, {"perpetrators": ["Taliban fighters", "militants"]}),
    ({"place": "Dasht-e-Archi, Kunduz"}, {"place": "Dasht-e-Archi"}),
    ({"place": "Dasht-e-Archi in Kunduz"}, {"place": "Dasht-e-Archi"}),
])
def test_a_copy_that_lists_names_keeps_those_its_sentences_hold(fields: dict, kept: dict) -> None:
    """Recorded: "Uruapan, Michoacan" for "the city of Uruapan in the western state of Michoacan";
    "security personnel, police and army" for "security personnel including police and army"."""
    fixed, problems = _check(fields)
    assert problems == [] and {k: getattr(fixed, k) for k in kept} == kept


def test_counts_and_places_of_a_summing_up_sentence_are_no_incidents_own() -> None:
    fixed, problems = _check({"sentences": [1, 2], "province": "Baghlan and Kunduz provinces",
                              "claims": [{"claimant": "officials", "killed": "More than two dozen"}]})
    assert len(problems) == 2 and fixed.province is None and fixed.claims == []
    assert "is not in sentence 2: copy it from that sentence" in problems[0]
    _, alone = _check({"sentences": [1], "province": None, "district": None, "when": None, "claims": [], "targets": []})
    assert alone == ["incident 1: sentence 1 only sums up several incidents: cite the sentences that report this incident "
                     "itself, or leave it out."]


def test_an_incident_citing_nothing_shown_is_dropped() -> None:
    fixed, problems = _check({"sentences": [0, 14]})
    assert fixed is None and "cites no sentence of the report" in problems[-1]
    part = Pointing(NUMBERED, range(5, 7))
    incident = PointedIncident.model_validate({"sentences": [2], "when": "early Wednesday"})
    assert check_incident(incident, 3, part)[0] is None  # sentence 2 exists, but this request did not show it


def test_strict_pointing_raises_every_problem_at_once() -> None:
    answer = {"incidents": [{**KUNDUZ, "province": "Kabul"}, {"sentences": [5, 6], "when": "Tuesday", "place": "Pul-e-Khumri",
                                                            "claims": [{"killed": "12", "wounded": "3"}]}]}
    with pointing_at(Pointing.whole(NUMBERED)):
        with pytest.raises(ValueError) as info:
            PointedExtraction.model_validate(answer)
    assert "incident 1: province 'Kabul'" in str(info.value) and "incident 2: wounded '3'" in str(info.value)
    with pointing_at(Pointing.whole(NUMBERED, fields_strict=False)):
        lenient = PointedExtraction.model_validate(answer)
    assert lenient.incidents[0].province is None and lenient.incidents[1].claims[0].wounded is None
    assert len(lenient.warnings) == 2 and all(w.startswith("dropped from the model's answer: ") for w in lenient.warnings)


def test_without_pointing_nothing_is_checked() -> None:
    assert PointedExtraction.model_validate({"incidents": [{**KUNDUZ, "province": "Kabul"}]}).incidents[0].province == "Kabul"


@pytest.mark.parametrize("answer", [
    [KUNDUZ],  # the list itself
    KUNDUZ,  # one incident
    {"incidents": [{**KUNDUZ, "perpetrators": "Taliban fighters", "claims": None, "place": "null", "when": "unknown"}]},
    {"incidents": [{**KUNDUZ, "event_type": "Battles"}]},
    {"incidents": [{**KUNDUZ, "event_type": "attack"}]},  # not an ACLED type: no type, not a re-ask
])
def test_small_model_shapes_are_read_not_reasked(answer: object) -> None:
    with pointing_at(Pointing.whole(NUMBERED)):
        parsed = PointedExtraction.model_validate(answer)
    [incident] = parsed.incidents
    assert incident.sentences == [2, 3, 4] and incident.perpetrators == ["Taliban fighters"]
    assert incident.event_type in (None, "battle") and incident.place is None



# How the model names an event type: the prompt's short names (issue 12: fewer output tokens), the
# ACLED values, ACLED's labels and the model's plurals; None where it names no ACLED type.
TYPE_NAMES = [
    ("battle", "battle"), ("Battles", "battle"), ("battle / armed_clash", "battle"),
    ("explosion", "explosion_remote_violence"), ("Explosions/Remote violence", "explosion_remote_violence"),
    ("explosion_remote_violence", "explosion_remote_violence"),
    ("civilians", "violence_against_civilians"), ("civilian", "violence_against_civilians"),
    ("Violence against civilians", "violence_against_civilians"), ("violence", "violence_against_civilians"),
    ("protest", "protest"), ("Protests", "protest"), ("riot", "riot"), ("riots", "riot"),
    ("strategic", "strategic_development"), ("Strategic developments", "strategic_development"),
    ("attack", None), ("terrorism", None), ("", None),
]


@pytest.mark.parametrize("written,event_type", TYPE_NAMES)
def test_event_type_names_are_read(written: str, event_type: str | None) -> None:
    incident = PointedIncident.model_validate({"sentences": [2], "type": written})
    assert incident.event_type == event_type


@pytest.mark.parametrize("keys", [("type", "source"), ("event_type", "claimant")])
def test_the_short_keys_and_the_previous_answers_keys_are_both_read(keys: tuple[str, str]) -> None:
    """The prompt asks for `type` and `source`; answers of the version before (cached, batch
    results) say `event_type` and `claimant`. Both read to the same fields; a dump keeps the names
    the coding layer uses, and reads back."""
    type_key, source_key = keys
    incident = PointedIncident.model_validate(
        {"sentences": [2, 3], type_key: "battle", "claims": [{source_key: "Safiullah Amiri", "killed": "At least 13"}]})
    assert incident.event_type == "battle" and incident.claims[0].claimant == "Safiullah Amiri"
    dumped = incident.model_dump(mode="json")
    assert dumped["event_type"] == "battle" and dumped["claims"][0]["claimant"] == "Safiullah Amiri"
    assert PointedIncident.model_validate(dumped) == incident

def test_a_sentence_cited_beside_the_one_copied_from_is_added() -> None:
    """The model copied g01's roadside bomb from sentence 5 and cited 6 (recorded, issue 12)."""
    numbered = number_sentences(G01)
    bomb = PointedIncident(sentences=[6], when="on Monday morning", place="Damboa road",
                           claims=[{"claimant": "Bulama Kyari", "killed": "four"}])
    repaired, notes = repair_citations(bomb, 2, Pointing.whole(numbered), others={2, 3})
    assert repaired.sentences == [5, 6]
    assert notes == ["incident 2: added sentence 5, which holds its 'on Monday morning' (it cited 6)"]
    assert check_incident(repaired, 2, Pointing.whole(numbered))[1] == []
    # not a sentence another incident cites, not one that sums up, not one far away
    assert repair_citations(bomb, 2, Pointing.whole(numbered), others={5})[0].sentences == [6]
    far = PointedIncident(sentences=[2], when="on Monday morning")
    assert repair_citations(far, 1, Pointing.whole(numbered), others=set())[0].sentences == [2]
    headline = PointedIncident(sentences=[2], claims=[{"killed": "Nine"}])
    assert repair_citations(headline, 1, Pointing.whole(numbered), others=set())[0].sentences == [2]


@pytest.mark.parametrize("value, pointed", [
    ({"incidents": [{"sentences": [1]}]}, True),
    ({"incidents": []}, True),
    ([{"sentences": [2], "when": "Tuesday"}], True),
    ({"incidents": [{"summary": "s", "evidence": ["Gunmen killed three police."]}]}, False),
    ([{"summary": "s", "evidence": ["Gunmen killed three police."]}], False),
    ({"summary": "s", "evidence": ["quote"]}, False),
    ({"sentences": [1]}, True),
])
def test_answer_shape(value: object, pointed: bool) -> None:
    assert is_pointed(value) is pointed


def test_to_raw_quotes_the_cited_sentences_verbatim_in_article_order() -> None:
    answer = PointedExtraction.model_validate({"incidents": [{**KUNDUZ, "sentences": [4, 2]}]})
    [raw] = to_raw(answer, NUMBERED).incidents
    assert raw.evidence == [NUMBERED.sentence(2), NUMBERED.sentence(4)] and all(q in SEED for q in raw.evidence)
    assert raw.claims[0].claimant == "Safiullah Amiri" and raw.province == "Kunduz province"
    unattributed = PointedExtraction.model_validate({"incidents": [{**KUNDUZ, "claims": [{"killed": "12"}]}]})
    assert to_raw(unattributed, NUMBERED).incidents[0].claims[0].claimant == "unattributed"


def test_parts_merge_an_incident_told_across_the_seam() -> None:
    first = PointedExtraction.model_validate({"incidents": [{"sentences": [1, 2], "when": "early Wednesday"},
                                                            {"sentences": [5], "province": "Baghlan province"}]})
    second = PointedExtraction.model_validate({"incidents": [{"sentences": [5, 6], "place": "Khawja Alwan area",
                                                              "claims": [{"killed": "12"}]},
                                                             {"sentences": [1, 7], "when": "Wednesday"}]})
    merged = merge_parts([first, second], NUMBERED)
    assert [i.sentences for i in merged.incidents] == [[1, 2], [5, 6], [1, 7]]  # sentence 1 sums up: no merge on it
    assert merged.incidents[1].province == "Baghlan province" and merged.incidents[1].place == "Khawja Alwan area"
    within = PointedExtraction.model_validate({"incidents": [{"sentences": [5]}, {"sentences": [5]}]})
    assert len(merge_parts([within], NUMBERED).incidents) == 2  # one answer's incidents stay apart


def test_a_long_article_is_asked_in_parts_with_its_own_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    import extractor.pipeline as pipeline

    monkeypatch.setattr(pipeline, "PART_SENTENCES", 4)
    text = "KABUL, Jan. 29 (Wire) -- " + " ".join(
        f"Gunmen killed {n} police in Kunduz province on Tuesday." if n in (3, 4) else f"Officials met on day {n}."
        for n in range(1, 9))
    answers = [{"incidents": [{"sentences": [3, 4], "when": "on Tuesday", "claims": [{"killed": "3"}]}]},
               {"incidents": [{"sentences": [3, 4], "province": "Kunduz province", "claims": [{"killed": "4"}]}]},
               {"incidents": []}]
    backend = FakeBackend(answers)
    result = Extractor(backend=backend, log="off").extract(text, published="2020-01-29")
    shown = [[line.split("]")[0] + "]" for line in call[-1]["content"].splitlines()[2:]] for call in backend.calls]
    assert shown == [["[1]", "[2]", "[3]", "[4]"], ["[3]", "[4]", "[5]", "[6]"], ["[5]", "[6]", "[7]", "[8]"]]
    [incident] = result.incidents
    assert incident.location.admin1 == "Kunduz" and incident.date.value.isoformat() == "2020-01-28"
    assert [s.text for s in incident.evidence] == ["Gunmen killed 3 police in Kunduz province on Tuesday.",
                                                   "Gunmen killed 4 police in Kunduz province on Tuesday."]
    assert result.usage.requests == 3


def test_summary_is_written_from_the_coded_fields() -> None:
    ideal = json.loads((FIXTURES / "ideal" / "xinhua-2020-01-29-kunduz-baghlan.json").read_text(encoding="utf-8"))
    result = Extractor(backend=FakeBackend([ideal]), log="off").extract(SEED, published="2020-01-29")
    assert [describe(i) for i in result.incidents] == [i.summary for i in result.incidents]
    assert result.incidents[0].summary == ("Battle: Taliban fighters against troopers including army and police personnel "
                                           "in Dasht-e-Archi, Kunduz, Afghanistan on 2020-01-29")


def test_code_output_reads_both_shapes_and_refuses_neither_naming_the_versions() -> None:
    coder = Extractor(backend=FakeBackend([]), log="off")
    for name, version in (("", coder.prompts.version), (".previous-prompt", PREVIOUS_PROMPT_VERSION)):
        answer = (FIXTURES / "ideal" / f"xinhua-2020-01-29-kunduz-baghlan{name}.json").read_text(encoding="utf-8")
        result = coder.code_output(SEED, answer, published="2020-01-29")
        assert len(result.incidents) == 2 and result.prompt_version == version
        assert all(s.match == "exact" for i in result.incidents for s in i.evidence)
    with pytest.raises(ExtractionError) as info:
        coder.code_output(SEED, {"events": [{"where": "Kunduz"}]}, published="2020-01-29")
    assert info.value.cause == "validation"
    assert coder.prompts.version in str(info.value) and PREVIOUS_PROMPT_VERSION in str(info.value)


def test_code_output_drops_fields_not_in_their_sentences_and_refuses_numbers_the_article_lacks() -> None:
    coder = Extractor(backend=FakeBackend([]), log="off")
    result = coder.code_output(SEED, {"incidents": [{**KUNDUZ, "province": "Kabul"}]}, published="2020-01-29")
    assert result.incidents[0].location.admin1 == "Kunduz"
    assert any("province 'Kabul' is not in sentences 2, 3, 4" in w for w in result.warnings)
    with pytest.raises(ExtractionError):
        coder.code_output(SEED, {"incidents": [{**KUNDUZ, "sentences": [40]}]})
    salvaged = coder.code_output(SEED, {"incidents": [{**KUNDUZ, "sentences": [40]}]}, salvage=True)
    assert salvaged.incidents == [] and any("cites no sentence" in w for w in salvaged.warnings)


def test_read_answer_keeps_previous_version_answers_grounded() -> None:
    previous = json.loads((FIXTURES / "ideal" / "xinhua-2020-01-29-kunduz-baghlan.previous-prompt.json").read_text())
    extraction, warnings = read_answer(previous, NUMBERED, salvage=False)
    assert len(extraction.incidents) == 2 and warnings == []
    previous["incidents"][0]["evidence"] = ["Gunmen burned a market in Herat."]
    with pytest.raises(ValueError, match="not in the article"):
        read_answer(previous, NUMBERED, salvage=False)


def test_an_incident_with_no_place_is_part_of_the_one_before() -> None:
    """Recorded shape (issue 12, g20): the model reported the higher toll of a second source as an incident."""
    from extractor.model.answers import Seen, attach_unplaced

    def see(incident: PointedIncident) -> Seen:
        return Seen(names=frozenset({incident.province} if incident.province else ()), dated=True)

    answer = PointedExtraction.model_validate({"incidents": [
        {"sentences": [5, 6], "province": "Baghlan province", "claims": [{"killed": "12"}]},
        {"sentences": [2], "province": "Kunduz province", "when": "early Wednesday", "claims": [{"killed": "At least 13"}]},
        {"sentences": [3, 4], "when": "Wednesday", "claims": [{"claimant": "Zabihullah Majahid", "killed": "more than 30"}]},
        {"sentences": [6], "claims": [{"wounded": "three"}]},
    ]})
    merged, notes = attach_unplaced(answer, see, NUMBERED)
    assert [i.sentences for i in merged.incidents] == [[2, 3, 4], [5, 6]]
    kunduz, baghlan = merged.incidents
    assert kunduz.when == "early Wednesday" and [c.killed for c in kunduz.claims] == ["At least 13", "more than 30"]
    assert [c.wounded for c in baghlan.claims] == [None, "three"]
    assert notes == ["the incident of sentence(s) 3, 4 names no place: taken as part of the incident of sentence(s) 2",
                     "the incident of sentence(s) 6 cites only sentences of another: taken as part of the incident of "
                     "sentence(s) 5, 6"]
    alone = PointedExtraction.model_validate({"incidents": [{"sentences": [3]}]})
    assert attach_unplaced(alone, lambda i: Seen(), NUMBERED)[0].incidents[0].sentences == [3]  # nothing before it


DAY, NEXT_DAY = dt.date(2020, 1, 29), dt.date(2020, 1, 31)


# (the second incident's sentences, what the coding layer sees of it, the sentences of the incidents kept)
FOLLOW_UPS = [
    # shares a sentence with the one before and names no other place: the same fight told again
    ([2, 3], {"names": {"kunduz"}, "day": NEXT_DAY, "dated": True}, [[2, 3, 4]]),
    ([2, 5], {"names": set(), "day": NEXT_DAY, "dated": True}, [[2, 3, 4, 5]]),
    # ... but naming another place it is another incident
    ([4, 5], {"names": {"baghlan"}, "day": DAY, "dated": True}, [[2, 3, 4], [4, 5]]),
    # no place in a sentence of its own that reports an event: part of the one before
    ([5], {"names": set(), "day": NEXT_DAY, "dated": True}, [[2, 3, 4, 5]]),
    # ... unless it happened "in the neighbourhood" on a day of its own: its own, at that place
    ([5], {"names": set(), "day": NEXT_DAY, "dated": True, "there": True}, [[2, 3, 4], [5]]),
    ([5], {"names": set(), "day": DAY, "dated": True, "there": True}, [[2, 3, 4, 5]]),
    # a place but no date (a hospital's count "said later"): part of the one before
    ([5], {"names": {"pul-e-khumri"}, "day": None, "dated": False}, [[2, 3, 4, 5]]),
    ([5], {"names": {"pul-e-khumri"}, "day": None, "dated": True}, [[2, 3, 4], [5]]),
    # ... but one that names a date of its own, even one that cannot be read (no anchor), is its own
    ([5], {"names": {"san vicente"}, "day": None, "dated": False, "written": True}, [[2, 3, 4], [5]]),
    # rejected by the coding layer (no event): it stands alone, and is reported as rejected
    ([5], {"rejected": True}, [[2, 3, 4], [5]]),
]


@pytest.mark.parametrize("sentences,seen,kept", FOLLOW_UPS)
def test_follow_ups_are_joined_by_what_the_coding_layer_sees(sentences: list[int], seen: dict,
                                                             kept: list[list[int]]) -> None:
    from extractor.model.answers import Seen, attach_unplaced

    first = {"sentences": [2, 3, 4], "province": "Kunduz province"}
    answer = PointedExtraction.model_validate({"incidents": [first, {"sentences": sentences}]})

    def see(incident: PointedIncident) -> Seen:
        if incident.sentences == [2, 3, 4]:
            return Seen(names=frozenset({"kunduz"}), day=DAY, dated=True)
        return Seen(**{**seen, "names": frozenset(seen.get("names", ()))})

    merged, _ = attach_unplaced(answer, see, NUMBERED)
    assert [i.sentences for i in merged.incidents] == kept
    if len(kept) == 2 and seen.get("there"):
        assert merged.incidents[1].province == "Kunduz province"  # placed where the one before was


def test_placeless_follow_ups_are_merged_in_the_pipeline() -> None:
    answer = {"incidents": [
        {"sentences": [2], "when": "early Wednesday", "province": "Kunduz province", "claims": [{"killed": "At least 13"}]},
        {"sentences": [4], "when": "Wednesday", "claims": [{"claimant": "Zabihullah Majahid", "killed": "more than 30"}]},
        {"sentences": [5, 6], "when": "Tuesday night", "province": "Baghlan province", "claims": [{"killed": "12"}]},
    ]}
    result = Extractor(backend=FakeBackend([answer]), log="off").extract(SEED, published="2020-01-29")
    assert [i.location.admin1 for i in result.incidents] == ["Kunduz", "Baghlan"]
    assert result.incidents[0].fatalities.total.high >= 30
    assert any("names no place" in w for w in result.warnings)


# Reports with no anchor (no dated dateline, no publication date): a follow-up with no place and no
# date of its own joins the incident before; an incident naming its own date (which cannot be read
# without the anchor) and its own place stands alone. (text, answer, the sentences of each incident kept)
MUC4_BODY = ("URBAN TERRORISTS OF THE FMLN YESTERDAY BLEW UP AN ELECTRICAL POWER TOWER IN SAN MIGUEL DEPARTMENT. "
             "SOLDIERS CLASHED WITH A GUERRILLA UNIT NEAR SAN VICENTE ON 7 JANUARY. "
             "FIVE GUERRILLAS WERE KILLED AND TWO SOLDIERS WOUNDED IN THE CLASH.")
MUC4_ANSWER = [
    {"sentences": [1], "when": "YESTERDAY", "place": "SAN MIGUEL DEPARTMENT", "event_type": "explosion_remote_violence"},
    {"sentences": [2, 3], "when": "ON 7 JANUARY", "place": "SAN VICENTE", "event_type": "battle",
     "claims": [{"killed": "FIVE", "wounded": "TWO"}]},
]
GAO = "Gunmen killed 15 people at a market in Gao, Mali. "
UNANCHORED = [
    # follow-ups: a toll, a denial
    (GAO + "A security source later gave a higher toll of 21.",
     [{"sentences": [1], "place": "Gao", "event_type": "violence_against_civilians", "claims": [{"killed": "15"}]},
      {"sentences": [2], "event_type": "violence_against_civilians", "claims": [{"claimant": "A security source",
                                                                                 "killed": "21"}]}],
     [[1, 2]]),
    (GAO + "The army denied that civilians died.",
     [{"sentences": [1], "place": "Gao", "event_type": "violence_against_civilians", "claims": [{"killed": "15"}]},
      {"sentences": [2], "event_type": "violence_against_civilians", "claims": []}],
     [[1, 2]]),
    # a hospital's count "said later", at the hospital: "later" names no date (gold g02)
    (GAO + "The director of Gao Regional Hospital said later that the hospital had received 21 bodies.",
     [{"sentences": [1], "place": "Gao", "event_type": "violence_against_civilians", "claims": [{"killed": "15"}]},
      {"sentences": [2], "when": "later", "place": "Gao Regional Hospital", "event_type": "violence_against_civilians",
       "claims": [{"claimant": "The director of Gao Regional Hospital", "killed": "21"}]}],
     [[1, 2]]),
    # separate incidents: the MUC-4 report with an undated dateline, and one "on Tuesday" in its own town
    ("SAN SALVADOR (RADIO CADENA AVANCE) -- [REPORT] [MILITARY COMMUNIQUE] [TEXT] " + MUC4_BODY, MUC4_ANSWER,
     [[1], [2, 3]]),
    (MUC4_BODY, MUC4_ANSWER, [[1], [2, 3]]),
    (GAO + "Jihadists on Tuesday ambushed an army convoy near Menaka, killing four soldiers.",
     [{"sentences": [1], "place": "Gao", "event_type": "violence_against_civilians", "claims": [{"killed": "15"}]},
      {"sentences": [2], "when": "on Tuesday", "place": "Menaka", "event_type": "battle",
       "claims": [{"killed": "four"}]}],
     [[1], [2]]),
]


@pytest.mark.parametrize("text,incidents,kept", UNANCHORED)
def test_without_an_anchor_only_follow_ups_join(text: str, incidents: list[dict], kept: list[list[int]]) -> None:
    coder = Extractor(backend=FakeBackend([]), log="off")
    result = coder.code_output(text, {"incidents": incidents})
    assert [len(i.evidence) for i in result.incidents] == [len(k) for k in kept] and not result.rejected
    assert len([w for w in result.warnings if "taken as part of" in w]) == len(incidents) - len(kept)


@pytest.mark.parametrize("published", [None, "1990-01-09"])
def test_the_muc4_report_keeps_its_two_incidents_on_their_days(published: str | None) -> None:
    text = "SAN SALVADOR, 9 JAN 90 (RADIO CADENA AVANCE) -- [REPORT] [MILITARY COMMUNIQUE] [TEXT] " + MUC4_BODY
    result = Extractor(backend=FakeBackend([]), log="off").code_output(text, {"incidents": MUC4_ANSWER},
                                                                      published=published)
    assert [(i.date.value, i.location.place) for i in result.incidents] == [
        (dt.date(1990, 1, 8), "SAN MIGUEL"), (dt.date(1990, 1, 7), "SAN VICENTE")]
    assert not any("taken as part of" in w or "no dateline" in w for w in result.warnings)


def test_a_part_cut_off_at_max_tokens_is_asked_again_in_halves(monkeypatch: pytest.MonkeyPatch) -> None:
    import extractor.pipeline as pipeline
    from extractor.records import Usage

    monkeypatch.setattr(pipeline, "PART_SENTENCES", 8)
    text = "KABUL, Jan. 29 (Wire) -- " + " ".join(
        f"Gunmen killed {n} police in Kunduz province on Tuesday." if n == 7 else f"Officials met on day {n}." for n in range(1, 9))
    cut = ExtractionError("cut off", cause="truncated", attempts=1, usage=Usage(requests=1, completion_tokens=2048),
                          answers=['{"incidents": [{"sentences": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11'])
    answers = [cut, {"incidents": []}, {"incidents": [{"sentences": [7], "province": "Kunduz province", "when": "on Tuesday"}]}]
    backend = FakeBackend(answers)
    answer = Extractor(backend=backend, log="off").ask(text, published="2020-01-29")
    assert answer.parts == (range(1, 5), range(4, 9))
    assert answer.reply.usage.requests == 3 and answer.reply.usage.completion_tokens >= 2048
    assert any("sentences 1-8 was cut off at max_tokens: asked again in two halves" in w for w in answer.reply.warnings)
    assert [i.sentences for i in answer.reply.extraction.incidents] == [[7]]
    assert answer.reply.sent_back == cut.answers  # the exchange log keeps what was cut off
    other = ExtractionError("endpoint down", cause="transport", attempts=5, usage=Usage(requests=5))
    with pytest.raises(ExtractionError) as info:
        Extractor(backend=FakeBackend([other]), log="off").ask(text)
    assert info.value.cause == "transport" and info.value.usage.requests == 5


HAITI = ("PORT-AU-PRINCE, March 22 (Wire) -- Gang members killed eight people in Carrefour-Feuilles on Saturday, residents "
         "said. On Monday, police launched an operation in the neighbourhood, killing three gang members. The hospital said "
         "later that it had treated 12 wounded people. Carrefour-Feuilles has been under gang control for months.")
ATTACK = {"sentences": [1], "place": "Carrefour-Feuilles", "when": "on Saturday", "claims": [{"killed": "eight"}]}


@pytest.mark.parametrize("follow_up,coded", [
    # "in the neighbourhood" on a day of its own: an incident of its own, at the place before
    ({"sentences": [2], "when": "On Monday", "claims": [{"killed": "three"}]},
     [("Carrefour-Feuilles", "2022-03-19"), ("Carrefour-Feuilles", "2022-03-21")]),
    # a count with no date of its own (the report's date stands for it): part of the attack
    ({"sentences": [3], "place": "hospital", "claims": [{"wounded": "12"}]}, [("Carrefour-Feuilles", "2022-03-19")]),
    # a place named only in a sentence that reports no event: no place of its own
    ({"sentences": [3, 4], "place": "Carrefour-Feuilles", "claims": [{"wounded": "12"}]},
     [("Carrefour-Feuilles", "2022-03-19")]),
])
def test_follow_ups_in_the_pipeline(follow_up: dict, coded: list) -> None:  # type: ignore[type-arg]
    result = Extractor(backend=FakeBackend([]), log="off").code_output(HAITI, {"incidents": [ATTACK, follow_up]},
                                                                        published="2022-03-22")
    assert [(i.location.place, str(i.date.value)) for i in result.incidents] == coded


# -- a claim filed with the wrong incident (case 20's kind) ------------------------------------
REHOME = number_sentences(
    "GAO, Mali, May 3 (Wire) -- Gunmen attacked an army post in Boni on Monday, killing four soldiers. "
    "The army said nine attackers were killed. "
    "A rebel spokesman claimed that 20 soldiers died in the raid. "
    "Residents fled the area. "
    "In Hombori, a bomb killed two traders on Tuesday. "
    "The mayor said the market was closed."
)


def _incident(sentences: list[int], killed: str, claimant: str = "x") -> PointedIncident:
    return PointedIncident(sentences=sentences, claims=[{"claimant": claimant, "killed": killed}])


@pytest.mark.parametrize("incidents,moved", [
    # the spokesman's 20 (sentence 3) follows the Boni raid (1-2) and was filed with Hombori (5)
    ([_incident([1, 2], "four"), _incident([5], "20 soldiers", "A rebel spokesman")], True),
    # already with its incident: nothing moves
    ([_incident([1, 2], "20 soldiers"), _incident([5], "two traders")], False),
    # its figures are in its own sentence: nothing moves
    ([_incident([1], "four"), _incident([2, 5], "nine attackers")], False),
    # a figure no uncited sentence holds (the model's own words): left to the field check
    ([_incident([1, 2], "four"), _incident([5], "a hundred")], False),
    # as near one incident as the other: nothing moves
    ([_incident([1, 2], "four"), _incident([4, 5], "20 soldiers")], False),
])
def test_a_claim_goes_to_the_incident_its_figures_are_told_with(incidents: list, moved: bool) -> None:
    pointing = Pointing.whole(REHOME)
    out, notes = rehome_claims(incidents, pointing)
    if moved:
        assert [c.claimant for c in out[0].claims] == ["x", "A rebel spokesman"] and 3 in out[0].sentences
        assert out[1].claims == [] and len(notes) == 1 and "moved there" in notes[0]
    else:
        assert out == incidents and notes == []


def test_a_sentence_nearer_another_incident_is_not_added_to_this_one() -> None:
    """Sentence 3 holds the figure, two from this incident's sentence 5 but one from another's 2."""
    pointing = Pointing.whole(REHOME)
    incident, added = repair_citations(_incident([5], "20 soldiers"), 2, pointing, others={1, 2})
    assert added == [] and incident.sentences == [5]


@pytest.mark.parametrize("written,numbers", [
    ("2", [2]), ("[2]", [2]), ("S2", [2]), ("2, 3", [2, 3]), (2, [2]), (2.0, [2]), ("5-6", [5, 6]),
    ([5, "6"], [5, 6]), ("[1, 2]", [1, 2]), (["S2", "S3"], [2, 3]), ([None, 3], [3]),
    # never another number than the one written
    ("D", []), (7.5, []), ("7.5", []), (["7.5"], []), (-1, []), ("-1", []), ([-5], []), (True, []),
    ("six", []), ("12-3", []), ("1-100", []), (None, []), ({"n": 1}, []),
])
def test_sentence_numbers_are_read_as_written_or_not_at_all(written: object, numbers: list[int]) -> None:
    """A tester's 7.5 cited sentence 75 and -1 sentence 1 (issue 12, second look)."""
    assert PointedIncident(sentences=written).sentences == numbers


@pytest.mark.parametrize("sentences,unread", [
    ([2, 3, 7.5], ["7.5"]), ([2, "D", 3], ["D"]), ("2, 3, 7.5", ["7.5"]), ("2 and 3", []), ([2, None, 3], []),
    ([2, 3, "six"], ["six"]), ([2, 3], []), ("2, 3, 1-100", ["1-100"]), ("2, 3, 0", ["0"]),
])
def test_an_entry_that_names_no_sentence_is_left_out_and_said(sentences: object, unread: list[str]) -> None:
    """Nothing lost silently: a tester's [2, 3, 7.5] kept 2 and 3 and said nothing of 7.5."""
    answer = {"incidents": [{**KUNDUZ, "sentences": sentences}]}
    extraction, warnings = read_answer(answer, NUMBERED, salvage=True)
    assert extraction.incidents[0].sentences[:2] == [2, 3]
    said = [w for w in warnings if "names no sentence" in w]
    assert bool(said) is bool(unread), warnings
    assert all(repr(u) in said[0] for u in unread)


def test_an_incident_citing_no_real_number_is_dropped_with_a_reason_not_read_as_another() -> None:
    answer = {"incidents": [{"sentences": 7.5, "place": "Kunduz province"}]}
    extraction, warnings = read_answer(answer, NUMBERED, salvage=True)
    assert extraction.incidents == [] and any("cites no sentence" in w or "no sentence" in w for w in warnings), warnings


@pytest.mark.parametrize("precision,value,written", [
    ("day", "2020-01-29", "on 2020-01-29"), ("week", "2020-01-27", "in the week of 2020-01-27"),
    ("month", "2021-03-01", "in 2021-03"), ("year", "2021-01-01", "in 2021"),
])
def test_the_summary_gives_a_date_no_more_precisely_than_the_article(precision: str, value: str, written: str) -> None:
    """Case 07's kind: a month-only date is never written as its first day."""
    import datetime as dt

    from extractor.records import Location, ResolvedDate

    incident = _coded_kunduz().model_copy(update={
        "date": ResolvedDate(value=dt.date.fromisoformat(value), precision=precision),
        "location": Location(country="Afghanistan", admin1="Kunduz")})
    assert describe(incident).endswith(written)


def _coded_kunduz():  # type: ignore[no-untyped-def]
    answer = {"incidents": [{**KUNDUZ, "sentences": [2]}]}
    [incident] = Extractor(backend=FakeBackend([])).code_output(SEED, answer, published="2020-01-29").incidents
    return incident


# A long statement with one killing in it, as a 1.5B model answered MUC-4 commentaries: one incident
# citing every sentence, so the date came from "LAST YEAR" and the count from a tally.
COMMENTARY = (
    "SAN SALVADOR, 9 JAN 90 -- [TEXT] THE BISHOP TODAY STATED THAT THE CHURCH IS PLEASED WITH THE INQUIRY. "
    "HE SAID THE MURDER OF THE JESUIT PRIESTS MUST BE PUNISHED. "
    "HE SAID THE VERBAL WAR IS AS HARMFUL AS VIOLENCE. "
    "WE RECALL THAT LAST YEAR, MANY VIOLENT STATEMENTS WERE MADE. "
    "MORE THAN 70,000 PEOPLE HAVE DIED IN TEN YEARS OF WAR. "
    "THE LANGUAGE USED IS TOO HARSH. "
    "A CALMER CLIMATE IS NEEDED. "
    "THE PEACE PROCESS MUST GO ON. "
    "THE GOVERNMENT WAS URGED TO LISTEN. "
    "THE CHURCH WILL KEEP WATCH. "
    "HE ADDED THAT JUSTICE MUST PREVAIL."
)


@pytest.mark.parametrize("cited,fields,kept", [
    (list(range(1, 12)), {"targets": ["Jesuit priests"]}, [1, 2, 3]),               # all 11: cut to its words' and beside
    (list(range(1, 11)), {"targets": ["Jesuit priests"], "claims": [{"killed": "70,000"}]}, [1, 2, 3, 4, 5, 6]),
    (list(range(1, 12)), {}, list(range(1, 12))),                                 # no copied word: left as it is
    (list(range(1, 8)), {"targets": ["Jesuit priests"]}, list(range(1, 8))),       # 7 of 11: pointing, not cut
])
def test_an_incident_citing_nearly_everything_is_cut_to_the_sentences_holding_its_words(
        cited: list[int], fields: dict, kept: list[int]) -> None:
    from extractor.model.pointed import narrow_citations

    numbered = number_sentences(COMMENTARY)
    assert numbered.count == 11
    incident = PointedIncident.model_validate({"sentences": cited, **fields})
    narrowed, notes = narrow_citations(incident, 1, Pointing.whole(numbered))
    assert narrowed.sentences == kept
    assert bool(notes) is (kept != cited)


def test_a_cut_incident_is_dated_and_counted_from_its_own_sentence() -> None:
    answer = {"incidents": [{"sentences": list(range(1, 12)), "targets": ["Jesuit priests"],
                             "event_type": "violence_against_civilians"}]}
    result = Extractor(backend=FakeBackend([answer])).extract(COMMENTARY, published=dt.date(1990, 1, 9))
    assert [str(i.date.value) for i in result.incidents] == ["1990-01-09"]  # not 1989 from "LAST YEAR"
    assert all(i.fatalities is None or i.fatalities.best != 70000 for i in result.incidents)
    assert any("cited 11 of the 11 sentences" in w for w in result.warnings)


def test_a_place_named_as_its_countrys_capital_is_an_incident_of_its_own() -> None:
    """Held-out MUC-4: once "GUATEMALA" set the country, it no longer counted as a place and the
    Guatemala killing was merged into the San Salvador one."""
    text = ("SAN SALVADOR, 15 JAN 90 -- [TEXT] SOLDIERS KILLED SIX JESUIT PRIESTS IN SAN SALVADOR ON 16 NOVEMBER. "
            "THE INVESTIGATION GOES ON. "
            "ON 13 JANUARY GUNMEN KILLED GILDA FLORES IN GUATEMALA.")
    answer = {"incidents": [
        {"sentences": [1], "when": "on 16 November", "place": "San Salvador", "event_type": "violence_against_civilians"},
        {"sentences": [3], "when": "ON 13 JANUARY", "place": "Guatemala", "event_type": "violence_against_civilians"}]}
    result = Extractor(backend=FakeBackend([answer])).extract(text)
    assert sorted((i.location.country, str(i.date.value)) for i in result.incidents) == [
        ("El Salvador", "1989-11-16"), ("Guatemala", "1990-01-13")], result.warnings


@pytest.mark.parametrize("answer, warned", [('{"incidents": null}', True), ({"incidents": None}, True),
                                            ('{"incidents": []}', False), ("[]", False)])
def test_null_for_the_incidents_is_read_as_none_and_said_so(answer: object, warned: bool) -> None:
    """The model did not say it found none: an analyst reading the result is told (README: Not yet built, 5th session)."""
    for result in (Extractor(backend=FakeBackend([]), log="off").code_output(SEED, answer, published="2020-01-29"),  # type: ignore[arg-type]
                   Extractor(backend=FakeBackend([answer]), log="off").extract(SEED, published="2020-01-29")):
        assert result.incidents == []
        assert any("answered null for its incidents" in w for w in result.warnings) is warned


def test_the_json_schema_names_the_keys_the_prompt_asks_for() -> None:
    """A tool-calling request sends this schema: its keys must be the worked example's."""
    schema = PointedExtraction.model_json_schema()["$defs"]
    example = json.loads((FIXTURES.parent / "prompts" / "example-answer.json").read_text())
    incident_keys = {k for i in example["incidents"] for k in i}
    claim_keys = {k for i in example["incidents"] for c in i.get("claims", []) for k in c}
    assert incident_keys <= set(schema["PointedIncident"]["properties"])
    assert claim_keys <= set(schema["PointedClaim"]["properties"])
