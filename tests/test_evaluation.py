"""Scoring: matching predicted to gold incidents, field accuracy, the gold set itself, MUC-4 in place, `extractor eval`."""

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import EventType, SubEventType, evaluate, load_gold, load_predictions
from extractor.cli.main import app
from extractor.evaluation.scoring import NAME_NOISE, FlatIncident, GoldArticle, match_incidents, same_name
from extractor.records import Range
from extractor.text.vocabulary import fold

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "fixtures" / "gold"
MUC4_DEV = ROOT.parent / "shared" / "datasets" / "muc4" / "dev"


def inc(date: str, *names: str, **fields) -> FlatIncident:  # type: ignore[no-untyped-def]
    admin1, admin2, place = (list(names) + [None, None, None])[:3]
    return FlatIncident(date=dt.date.fromisoformat(date), admin1=admin1, admin2=admin2, place=place, **fields)


@pytest.mark.parametrize("a,b,same", [
    ("North Kivu", "Nord-Kivu", True),
    ("Michoacán", "Michoacan", True),
    ("Kunduz province", "Kunduz", True),
    ("El Fasher", "Al Fasher", True),
    ("Dasht-e-Archi", "Dasht e Archi", True),
    ("Baghlan", "Kunduz", False),
    ("Tillabéri", "Tillaberi region", True),
    ("", "Kunduz", False),
    (None, None, False),
])
def test_place_names_are_compared_as_an_analyst_would(a, b, same) -> None:  # type: ignore[no-untyped-def]
    assert same_name(a, b) is same


def test_fold_drops_accents_case_and_level_words() -> None:
    assert fold("Tillabéri Region", drop=NAME_NOISE) == "tillaberi"
    assert fold("Abu Shouk camp", drop=NAME_NOISE) == "abu shouk"


@pytest.mark.parametrize("gold,pred,pairs", [
    # same day, same place
    ([inc("2020-01-29", "Kunduz")], [inc("2020-01-29", "Kunduz")], [(0, 0)]),
    # a day apart still pairs; two days does not
    ([inc("2020-01-29", "Kunduz")], [inc("2020-01-28", "Kunduz")], [(0, 0)]),
    ([inc("2020-01-29", "Kunduz")], [inc("2020-01-27", "Kunduz")], []),
    # a shared name at any level: gold admin1 = predicted place
    ([inc("2020-01-29", "Kunduz", "Dasht-e-Archi")], [inc("2020-01-29", None, None, "Dasht-e-Archi")], [(0, 0)]),
    # no shared name
    ([inc("2020-01-29", "Kunduz")], [inc("2020-01-29", "Baghlan")], []),
    # the optimal assignment, not the greedy one: pred 0 could take either gold; pred 1 only gold 0
    ([inc("2020-01-28", "Baghlan"), inc("2020-01-29", "Baghlan")],
     [inc("2020-01-28", "Baghlan"), inc("2020-01-27", "Baghlan")], [(0, 1), (1, 0)]),
    # among equal counts, the pairing with more agreeing fields wins
    ([inc("2020-01-29", "Kunduz", event_type="battle"), inc("2020-01-29", "Kunduz", event_type="riot")],
     [inc("2020-01-29", "Kunduz", event_type="riot"), inc("2020-01-29", "Kunduz", event_type="battle")], [(0, 1), (1, 0)]),
    # one prediction cannot match two gold incidents
    ([inc("2020-01-29", "Kunduz"), inc("2020-01-29", "Kunduz")], [inc("2020-01-29", "Kunduz")], [(0, 0)]),
])
def test_matching(gold, pred, pairs) -> None:  # type: ignore[no-untyped-def]
    assert match_incidents(gold, pred) == pairs


def _article(id: str, text: str, *incidents: FlatIncident) -> GoldArticle:
    return GoldArticle(id=id, text=text, incidents=list(incidents))


def test_precision_recall_f1_and_field_accuracy() -> None:
    gold = [
        _article("a", "Twelve police were killed in Baghlan.", inc("2020-01-28", "Baghlan", event_type="battle",
                 killed=Range(low=12, high=12))),
        _article("b", "Nothing happened.", ),
        _article("c", "Two bombs.", inc("2020-01-29", "Kunduz"), inc("2020-01-29", "Balkh")),
    ]
    predictions = {
        "a": [inc("2020-01-28", "Baghlan", event_type="battle", killed=Range(low=12, high=31),
                  evidence=["Twelve police were killed in Baghlan.", "made up"])],
        "b": [inc("2020-01-01", "Kabul")],  # a false positive on a no-incident article
        # "c": missing entirely: counts as predicting nothing, and is listed
    }
    report = evaluate(gold, predictions)
    assert (report.gold, report.predicted, report.matched) == (3, 2, 1)
    assert report.precision == 0.5 and report.recall == pytest.approx(0.3333)
    assert report.f1 == pytest.approx(0.4, abs=1e-3)
    assert report.field_accuracy["event_type"] == 1.0
    assert report.field_accuracy["killed_low"] == 1.0 and report.field_accuracy["killed_high"] == 0.0
    assert report.missing_predictions == ["c"]
    # evidence found verbatim: 1 of 2 quotes of "a", 0 of 0 of "b"
    assert report.evidence_verbatim == 0.5
    details = {d.id: d for d in report.details}
    assert details["c"].unmatched_gold == [0, 1] and details["b"].unmatched_predicted == [0]


def test_perfect_predictions_score_one_on_the_gold_set() -> None:
    articles = load_gold(GOLD)
    report = evaluate(articles, {a.id: a.incidents for a in articles})
    assert report.f1 == 1.0 and report.evidence_verbatim == 1.0
    assert set(report.field_accuracy.values()) == {1.0}


# -- the gold set itself ----------------------------------------------------------------------------

def test_gold_set_is_complete_and_consistent() -> None:
    files = sorted(GOLD.glob("*.json"))
    assert len(files) >= 26  # the seed + at least 25 written by the team
    articles = load_gold(GOLD)
    fictional = [a for a in articles if a.fictional]
    assert len(fictional) >= 25
    assert sum(1 for a in articles if not a.incidents) >= 3  # reports with no incident
    assert sum(1 for a in articles if len(a.incidents) >= 2) >= 5  # several incidents in one report
    for file in files:
        doc = json.loads(file.read_text(encoding="utf-8"))
        if doc.get("fictional"):
            assert "FICTIONAL" in doc["note"], file.name  # each file says so
        article = next(a for a in articles if a.id == doc["article"])
        for incident in doc["incidents"]:
            for quote in incident["evidence"]:
                assert quote in article.text, (file.name, quote)  # evidence is verbatim
            assert incident["event_type"] in {e.value for e in EventType}, file.name
            assert incident["sub_event_type"] in {e.value for e in SubEventType}, file.name
            dt.date.fromisoformat(incident["date"])
            killed = incident.get("killed") or {}
            killed = killed.get("total", killed)
            if killed:
                assert killed["low"] <= killed["high"], file.name


def test_gold_dates_cross_month_and_year_boundaries() -> None:
    articles = {a.id: a for a in load_gold(GOLD)}
    new_year = articles["g03-bannu-lakki-marwat-new-year"]
    assert new_year.published.year == 2024 and {i.date.year for i in new_year.incidents} == {2023}
    month = articles["g24-kabul-helmand-month-boundary"]
    assert month.published.month == 3 and {i.date.month for i in month.incidents} == {2}


# -- MUC-4, read in place -----------------------------------------------------------------------------

needs_muc4 = pytest.mark.skipif(not MUC4_DEV.exists(), reason="../shared/datasets/muc4 is not here")


@needs_muc4
def test_muc4_templates_map_onto_our_fields() -> None:
    from extractor.evaluation.muc4 import load_muc4

    articles = {a.id: a for a in load_muc4(MUC4_DEV, ids=["DEV-MUC3-0001", "DEV-MUC3-0002", "DEV-MUC3-0008"])}
    first = articles["DEV-MUC3-0001"]
    assert first.text.startswith("SAN SALVADOR, 3 JAN 90 --") and first.published == dt.date(1990, 1, 3)
    kidnapping, apopa = first.incidents
    assert kidnapping.date == dt.date(1989, 12, 30)
    assert (kidnapping.country, kidnapping.admin1, kidnapping.place) == ("El Salvador", "San Miguel", "San Luis De La Reina")
    assert (kidnapping.event_type, kidnapping.sub_event_type) == ("violence_against_civilians", "abduction_forced_disappearance")
    # an attack on NATIONAL GUARD UNITS (active military) with NO INJURY OR DEATH
    assert (apopa.place, apopa.event_type, apopa.killed) == ("Apopa", "battle", None)
    assert "admin1" in apopa.unscored and "admin2" in apopa.unscored
    assert articles["DEV-MUC3-0002"].incidents == []
    bombing = [i for i in articles["DEV-MUC3-0008"].incidents if i.event_type == "explosion_remote_violence"][0]
    assert bombing.killed == Range(low=4, high=4)
    # "COLOMBIA: CUCUTA (CITY) - CAMPANARIO (RURAL AREA)": between two places; the second pairs too
    assert (bombing.place, bombing.admin2) == ("Cucuta", "Campanario") and "admin2" in bombing.unscored
    assert kidnapping.admin2 is None  # San Miguel is the department: admin1


@pytest.mark.parametrize("location,fields", [
    ("PERU: LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)", ("Peru", None, "Lima", "San Isidro")),
    ("EL SALVADOR: SAN SALVADOR (CITY): NORTH (REGION) - CENTER (REGION)", ("El Salvador", None, "San Salvador", "North")),
    ("PERU: SAN MARTIN (DEPARTMENT): MARISCAL CACERES (PROVINCE): UCHIZA (TOWN)",
     ("Peru", "San Martin", "Mariscal Caceres", "Uchiza")),
    ("EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS DE LA REINA (TOWN)", ("El Salvador", "San Miguel", None, "San Luis De La Reina")),
    ("EL SALVADOR", ("El Salvador", None, None, None)),
    ("-", (None, None, None, None)),
    ("*", (None, None, None, None)),
])
def test_muc4_location_levels(location: str, fields: tuple[str | None, ...]) -> None:
    from extractor.evaluation.muc4 import template_to_incident

    incident = template_to_incident({"INCIDENT: LOCATION": [location], "INCIDENT: TYPE": ["BOMBING"],
                                     "INCIDENT: STAGE OF EXECUTION": ["ACCOMPLISHED"], "MESSAGE: TEMPLATE": ["1"]})
    assert incident is not None
    assert (incident.country, incident.admin1, incident.admin2, incident.place) == fields


@pytest.mark.parametrize("types,event_type", [
    (['ACTIVE MILITARY: "SOLDIERS"'], "battle"),
    (['LAW ENFORCEMENT: "POLICEMEN"'], "battle"),
    (['FORMER GOVERNMENT OFFICIAL / FORMER ACTIVE MILITARY: "ENRIQUE LOPEZ ALBUJAR"'], "violence_against_civilians"),
    (['CIVILIAN: "PEASANTS"', 'ACTIVE MILITARY: "A SOLDIER"'], "battle"),
    (['CIVILIAN: "PEASANTS"'], "violence_against_civilians"),
])
def test_muc4_an_attack_on_a_former_officer_is_no_battle(types: list[str], event_type: str) -> None:
    from extractor.evaluation.muc4 import template_to_incident

    incident = template_to_incident({"INCIDENT: LOCATION": ["PERU"], "INCIDENT: TYPE": ["ATTACK"], "HUM TGT: TYPE": types,
                                     "INCIDENT: STAGE OF EXECUTION": ["ACCOMPLISHED"], "MESSAGE: TEMPLATE": ["1"]})
    assert incident is not None and incident.event_type == event_type


@needs_muc4
@pytest.mark.parametrize("place,admin1,pairs", [
    ("Lima", "Lima", True),          # the key's "LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)": ACLED codes it at the city
    ("San Isidro", None, True),
    ("Callao", "Callao", False),     # another place of the same day is another incident
])
def test_muc4_an_incident_coded_at_the_city_pairs_with_the_keys_neighbourhood(place: str, admin1: str | None, pairs: bool) -> None:
    from extractor.evaluation.muc4 import load_muc4

    article = load_muc4(MUC4_DEV, ids=["DEV-MUC3-0011"])[0]
    predicted = FlatIncident(date=dt.date(1990, 1, 9), country="Peru", admin1=admin1, place=place,
                             event_type="violence_against_civilians", sub_event_type="attack")
    report = evaluate([article], {article.id: [predicted]})
    assert report.matched == int(pairs)
    if pairs:  # the place is still scored against the neighbourhood
        assert report.field_accuracy["place"] == (1.0 if place == "San Isidro" else 0.0)


@needs_muc4
def test_eval_cli_reads_a_muc4_set_in_place(tmp_path: Path) -> None:
    predictions = tmp_path / "p.jsonl"
    predictions.write_text(json.dumps({"id": "DEV-MUC3-0001", "incidents": [
        {"date": "1989-12-30", "country": "El Salvador", "admin1": "San Miguel", "place": "San Luis de la Reina",
         "event_type": "violence_against_civilians", "sub_event_type": "abduction_forced_disappearance"}]}) + "\n")
    result = CliRunner().invoke(app, ["eval", str(MUC4_DEV), str(predictions), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["gold"], report["predicted"], report["matched"]) == (2, 1, 1)
    assert report["field_accuracy"]["sub_event_type"] == 1.0


@needs_muc4
def test_eval_cli_names_a_wrong_field_with_both_values_and_warns_of_unknown_ids(tmp_path: Path) -> None:
    predictions = tmp_path / "p.jsonl"
    predictions.write_text("\n".join(json.dumps(line) for line in [
        {"id": "DEV-MUC3-9999", "incidents": []},
        {"id": "DEV-MUC3-0011", "incidents": [{"date": "1990-01-09", "country": "Peru", "place": "Lima", "killed": 1,
                                               "event_type": "violence_against_civilians", "sub_event_type": "attack"}]},
    ]) + "\n")
    result = CliRunner().invoke(app, ["eval", str(MUC4_DEV), str(predictions), "--details"])
    assert result.exit_code == 0, result.output
    assert "DEV-MUC3-9999" in result.output and "not scored" in result.output  # warned, not a crash
    assert "matched 1; wrong: place 'San Isidro' (gold) / 'Lima'" in result.output
    assert "killed" not in result.output.split("wrong:")[1]  # a bare count 1 is the range 1-1


@pytest.mark.parametrize("line", ['[1, 2]', '{"id": 5, "incidents": []}', '{"incidents": []}'])
def test_eval_cli_refuses_a_line_that_is_no_prediction(tmp_path: Path, line: str) -> None:
    predictions = tmp_path / "p.jsonl"
    predictions.write_text(line + "\n")
    result = CliRunner().invoke(app, ["eval", str(GOLD), str(predictions)])
    assert result.exit_code == 2 and f"{predictions}:1" in result.output and 'string "id"' in result.output


@pytest.mark.parametrize("incident,message", [
    ({"date": "2020-01-29", "fatalities": 3}, "unknown field 'fatalities'"),
    ({"date": "2020-01-29", "killed": "many"}, "killed: "),
    ("Kunduz", "an incident is a JSON object"),
])
def test_eval_cli_refuses_a_prediction_it_cannot_score_and_says_why(tmp_path: Path, incident: object, message: str) -> None:
    predictions = tmp_path / "p.jsonl"
    predictions.write_text(json.dumps({"id": "xinhua-2020-01-29-kunduz-baghlan", "incidents": [incident]}) + "\n")
    result = CliRunner().invoke(app, ["eval", str(GOLD), str(predictions)])
    assert result.exit_code == 2
    assert f"{predictions}:1" in result.output and message in result.output


# -- extractor eval ---------------------------------------------------------------------------------

def test_eval_cli_scores_run_output_and_prints_a_table(tmp_path: Path) -> None:
    articles = load_gold(GOLD)
    seed = next(a for a in articles if a.id.startswith("xinhua"))
    predictions = tmp_path / "predictions.jsonl"
    lines = [{"id": a.id, "incidents": [i.model_dump(mode="json") for i in a.incidents]} for a in articles if a is not seed]
    lines.append({"id": seed.id, "incidents": [seed.incidents[0].model_dump(mode="json")]})  # the seed's Baghlan missed
    predictions.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = CliRunner().invoke(app, ["eval", str(GOLD), str(predictions), "--details"])
    assert result.exit_code == 0, result.output
    total = sum(len(a.incidents) for a in articles)
    assert f"{total} gold, {total - 1} predicted, {total - 1} matched" in result.output
    assert "1.000" in result.output  # precision
    assert f"{seed.id}: gold 2, predicted 1, matched 1; missed gold [1]" in result.output

    as_json = CliRunner().invoke(app, ["eval", str(GOLD), str(predictions), "--json"])
    report = json.loads(as_json.output)
    assert report["recall"] == pytest.approx((total - 1) / total, abs=1e-4)


def test_eval_cli_reads_extractor_run_records(tmp_path: Path) -> None:
    """`extractor run` output (with failed items) is accepted as predictions as it is."""
    from extractor import Extractor
    from extractor.testing import FakeBackend

    ideal = json.loads((ROOT / "fixtures" / "ideal" / "xinhua-2020-01-29-kunduz-baghlan.json").read_text())
    ideal = {k: v for k, v in ideal.items() if not k.startswith("_")}
    text = (ROOT / "fixtures" / "articles" / "xinhua-2020-01-29-kunduz-baghlan.txt").read_text()
    result = Extractor(backend=FakeBackend([ideal]), log="off").extract(text, article_id="xinhua-2020-01-29-kunduz-baghlan")
    predictions = tmp_path / "run.jsonl"
    predictions.write_text(json.dumps({"id": result.article.id, "state": "done", "result": result.model_dump(mode="json")}) + "\n"
                           + json.dumps({"id": "g01-borno-magumeri-damboa", "state": "failed", "error": "x"}) + "\n")
    loaded = load_predictions(predictions)
    assert loaded["g01-borno-magumeri-damboa"] is None and len(loaded["xinhua-2020-01-29-kunduz-baghlan"]) == 2
    out = CliRunner().invoke(app, ["eval", str(GOLD), str(predictions), "--json"])
    report = json.loads(out.output)
    seed = next(d for d in report["details"] if d["id"].startswith("xinhua"))
    assert seed["matched"] == 2 and all(all(p["fields"].values()) for p in seed["pairs"])
    assert "g01-borno-magumeri-damboa" in report["missing_predictions"]


def test_eval_cli_explains_bad_paths(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(tmp_path), str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and "error:" in result.output


def test_a_gold_folder_reads_as_batch_input_with_its_publication_dates() -> None:
    from extractor.runs.inputs import read_inputs

    items = {i.id: i for i in read_inputs([GOLD])}
    assert set(items) == {a.id for a in load_gold(GOLD)}
    assert items["g03-bannu-lakki-marwat-new-year"].published == "2024-01-02"
    seed = items["xinhua-2020-01-29-kunduz-baghlan"]
    assert seed.text == (ROOT / "fixtures" / "articles" / "xinhua-2020-01-29-kunduz-baghlan.txt").read_text(encoding="utf-8")
