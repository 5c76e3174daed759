"""Kind 12 (issue 11): context tolls ("more than 1,000 killed since 2015", "this year's attacks have
killed 300", "the conflict has claimed 5,000 lives") are background, never an incident's
fatalities; read per clause, so the event's own figure beside one still counts."""

import pytest

from extractor import Extractor, Settings
from extractor.testing import FakeBackend
from extractor.coding.background import in_context_toll, is_background, opens_separate_event
from extractor.text.sentences import is_aggregate
from extractor.coding.casualty_phrases import find_casualties
from extractor.coding.incident import not_reported

# (sentence, the figures find_casualties keeps, whether the whole sentence is background)
TOLLS = [
    ("More than 1,000 people have been killed since 2015, the UN says.", [], True),
    ("This year's attacks have killed 300 people in the region.", [], True),
    ("The conflict has claimed 5,000 lives.", [], True),
    ("The insurgency, which has killed at least 40,000 people since 2009, shows no sign of ending.", [], True),
    ("Attacks in the region have killed more than 2,000 people this year, according to ACLED.", [], True),
    ("Militants have killed at least 300 soldiers in the past six months.", [], True),
    ("The war has left more than 150,000 dead.", [], True),
    ("At least 180 social leaders were killed in Colombia last year, the UN said.", [], True),
    ("At least 180 social leaders and human rights defenders were killed in Colombia last year, the United Nations "
     "human rights office said in a report released on Monday.", [], True),  # a noun's "and" cuts no toll
    ("More than 300 farmers and herders died in the region in 2022, according to the UN.", [], True),
    # a war's toll over its years
    ("OVER 7,000 PEOPLE HAVE DIED IN EL SALVADOR DURING 10 YEARS OF CIVIL WAR, AND 90 PERCENT OF THEM WERE "
     "CIVILIANS.", [], True),
    ("Some 40,000 people have been killed in eight years of fighting, the UN says.", [], True),
    ("The conflict killed 3,000 people over more than a decade of insurgency.", [], True),
    ("Gunmen killed four soldiers in Gao on Monday, after years of attacks on the army.", [("killed", 4)], False),
    # a share of a tally: where or when it fell, whom it is blamed on
    ("Most of the killings took place in the departments of Cauca, Antioquia and Narino, the report said, and many "
     "were blamed on armed groups fighting over drug routes.", [], True),
    ("Half of the attacks occurred in the north, the report said.", [], True),
    ("The majority of the abductions were recorded in Kaduna and Zamfara.", [], True),
    ("About 40% of the deaths were attributed to the army, the group said.", [], True),
    ("Gunmen killed 20 villagers on Monday; most of the victims were women, police said.", [("killed", 20)], False),
    ("Most of the dead were soldiers, the army said after the attack on Monday.", [], False),
    ("Some 2,500 civilians have died in the fighting to date, the ministry said.", [], True),
    ("Al-Shabaab has killed thousands over the past decade.", [], True),
    ("The army said it had killed more than 600 militants in 2023.", [], True),
    ("Nearly 400 people have been killed since fighting erupted in April.", [], True),
    ("The violence has killed 1,200 people since January, officials said.", [], True),
    # the event's own figure beside a toll, and superlatives, still count
    ("Gunmen killed five villagers on Monday, bringing the number killed this year to 300.", [("killed", 5)], False),
    ("Boko Haram, which has killed 35,000 people since 2009, attacked Gubio on Sunday, killing 12 soldiers.",
     [("killed", 12)], False),
    ("Bandits killed 40 villagers in the deadliest attack since 2015, police said.", [("killed", 40)], False),
    ("Two soldiers were killed on Tuesday in the worst violence this year, officials said.", [("killed", 2)], False),
    ("Gunmen killed 12 people earlier this month in the same village.", [("killed", 12)], False),
    ("A bomb killed three people and wounded eight in Kabul on Monday.", [("killed", 3), ("wounded", 8)], False),
]


# Tolls over a period: the period with words that count over it (an aggregate, a perfect tense,
# deaths without a killer), or a running total. (sentence, figures kept, background)
PERIOD_TOLLS = [
    ("Attacks by bandits killed more than 2,600 people in Zamfara last year.", [], True),
    ("A series of attacks last year killed 80 people in Lamu.", [], True),
    ("More than 300 civilians died in the region in 2022, according to the UN.", [], True),
    ("Gunmen have killed 45 people in Plateau this month.", [], True),
    ("This month's violence has left 70 dead.", [], True),
    ("The death toll from attacks in Borno this year stands at 240.", [], True),
    ("In 2023, jihadists killed more than 1,000 civilians across Burkina Faso.", [], True),
    ("Some 2,000 people were killed in the Sahel in 2022.", [], True),
    ("So far this year, 412 people have been killed in gang violence in Port-au-Prince.", [], True),
    ("The attack took the toll in the state in 2023 to 240.", [], True),
    ("Kidnappers have killed 12 hostages in Kaduna this year, police said.", [], True),
]

# One event dated to a year or a month: an event of that precision, never a toll (issue 11, defect 2).
PERIOD_EVENTS = [
    ("Armed men killed four police officers in Tessalit in Kidal region last year, a UN report said.", [("killed", 4)]),
    ("Armed men killed four police officers in Tessalit in Kidal region in 2019, a UN report said.", [("killed", 4)]),
    ("Armed men killed four police officers in Tessalit in Kidal region this month, a UN report said.", [("killed", 4)]),
    ("Armed men attacked a police post in Tessalit in Kidal region last year, a UN report said.", []),
    ("Gunmen killed 12 worshippers in an attack on a mosque in Kano this year, police said.", [("killed", 12)]),
    ("Four soldiers were killed in an ambush near Gao last year.", [("killed", 4)]),
    ("Bandits abducted 30 students from a school in Kebbi in 2021.", []),
    ("A suicide bomber killed 21 people at a market in Maiduguri last year.", [("killed", 21)]),
    ("Troops killed two protesters in Khartoum this month, medics said.", [("killed", 2)]),
    ("Al-Shabaab fighters stormed a base in Lower Shabelle in 2020, killing 12 soldiers.", [("killed", 12)]),
    ("Militants ambushed a convoy last year, wounding three soldiers.", [("wounded", 3)]),
    ("Rebels shelled Goma this month, killing at least 15 civilians, the UN said.", [("killed", 15)]),
]

# Another, earlier event's dead beside this one's: not this event's figure (issue 11, defect 6).
OTHER_EVENTS = [
    ("Boko Haram fighters killed five villagers in Gwoza on Monday, a year after they killed 80 people in the same "
     "town.", [("killed", 5)]),
    ("Gunmen killed three traders in Jos on Sunday, weeks after an attack killed 30 in the same market.", [("killed", 3)]),
    ("Bandits killed 12 villagers in Maru on Friday, two days after the army killed 20 bandits nearby.", [("killed", 12)]),
    ("The blast, which killed four soldiers, came months after a similar bombing killed 11 in Gao.", [("killed", 4)]),
    ("Militants killed six police officers in Mandera, days before another ambush killed nine.", [("killed", 6)]),
    ("Two soldiers were wounded in Monday's attack, a week after a similar attack wounded 14.", [("wounded", 2)]),
    ("Fighters killed 40 people in Ardamata on Monday, a year after they killed 1,300 in El Geneina.", [("killed", 40)]),
    ("Rebels killed seven civilians in Beni on Tuesday, one month after a previous massacre left 40 dead.",
     [("killed", 7)]),
    ("An IED wounded five soldiers on Thursday, days after another roadside bomb killed three police officers.",
     [("wounded", 5)]),
    ("A year after militants killed 80 people in Gwoza, they returned on Monday and killed five villagers.",
     [("killed", 5)]),
    ("Two days after the attack, officials put the toll at 15.", [("killed", 15)]),  # this event's toll, later
]


@pytest.mark.parametrize("sentence,figures,background", PERIOD_TOLLS)
def test_a_period_with_words_that_count_over_it_is_a_toll(sentence: str, figures: list, background: bool) -> None:  # type: ignore[type-arg]
    assert [(p.kind, p.count.low) for p in find_casualties(sentence)] == figures
    assert is_background(sentence) is background


@pytest.mark.parametrize("sentence,figures", PERIOD_EVENTS)
def test_one_event_dated_to_a_year_or_month_is_an_event(sentence: str, figures: list) -> None:  # type: ignore[type-arg]
    assert [(p.kind, p.count.low) for p in find_casualties(sentence)] == figures
    assert is_background(sentence) is False


@pytest.mark.parametrize("sentence,figures", OTHER_EVENTS)
def test_an_earlier_events_dead_are_not_this_events(sentence: str, figures: list) -> None:  # type: ignore[type-arg]
    assert [(p.kind, p.count.low) for p in find_casualties(sentence)] == figures


def test_a_claimed_earlier_events_toll_is_not_counted() -> None:
    article = ("MAIDUGURI, Nigeria, May 2 (Wire) -- Boko Haram fighters killed five villagers in Gwoza on Monday, "
               "a year after they killed 80 people in the same town, police said.")
    assert not_reported("five", article) is None
    assert "another, earlier event" in (not_reported("80", article) or "")


def test_an_event_dated_last_year_is_coded_with_year_precision() -> None:
    sentence = "Armed men killed four police officers in Tessalit in Kidal region last year, a UN report said."
    coder = Extractor(Settings(log="off"), backend=FakeBackend([]))
    result = coder.code_output("TESSALIT, Mali, June 10 (Wire) -- " + sentence, {"incidents": [{
        "summary": sentence, "when": "last year", "place": "Tessalit", "province": "Kidal region", "country": "Mali",
        "perpetrators": ["armed men"], "targets": ["police"], "event_type": "battle",
        "claims": [{"claimant": "a UN report", "killed": "four", "victims": "police officers"}],
        "evidence": [sentence]}]}, published="2021-06-10")
    [incident] = result.incidents
    assert result.rejected == []
    assert (str(incident.date.value), str(incident.date.end), incident.date.precision) == ("2020-01-01", "2020-12-31", "year")
    assert incident.fatalities is not None and (incident.fatalities.total.low, incident.fatalities.total.high) == (4, 4)


@pytest.mark.parametrize("sentence,figures,background", TOLLS)
def test_context_tolls_are_not_the_events_figures(sentence: str, figures: list, background: bool) -> None:  # type: ignore[type-arg]
    assert [(p.kind, p.count.low) for p in find_casualties(sentence)] == figures
    assert is_background(sentence) is background


def test_the_clause_decides_not_the_sentence() -> None:
    sentence = "Gunmen killed five villagers on Monday, bringing the number killed this year to 300."
    assert not in_context_toll(sentence, sentence.index("five"), sentence.index("five") + 4)
    assert in_context_toll(sentence, sentence.index("300"), sentence.index("300") + 3)


def test_a_claimed_toll_is_not_reported_for_the_incident() -> None:
    article = ("MAIDUGURI, Aug. 14 (Wire) -- Insurgents killed 12 soldiers in Gubio on Sunday, the army said. "
               "The insurgency has killed more than 40,000 people since 2009.")
    assert not_reported("12", article) is None
    assert "background toll" in (not_reported("more than 40,000", article) or "")
    assert not_reported("7", article) is None  # a figure the article never writes: the cross-check decides


ARTICLE = ("MAIDUGURI, Nigeria, Aug. 14 (Wire) -- Insurgents killed 12 soldiers in an attack on a base in Gubio in "
           "Borno state on Sunday, the army said.\n\nThe insurgency has killed more than 40,000 people since 2009, "
           "according to the United Nations.")
BASE = {"summary": "Insurgents attacked a base in Gubio.", "when": "on Sunday", "place": "Gubio",
        "province": "Borno state", "country": "Nigeria", "perpetrators": ["Insurgents"], "targets": ["soldiers"],
        "event_type": "battle"}


def _code(*incidents: dict) -> object:  # type: ignore[type-arg]
    coder = Extractor(Settings(log="off"), backend=FakeBackend([]))
    return coder.code_output(ARTICLE, {"incidents": list(incidents)}, published="2022-08-14")


def test_a_toll_quoted_as_evidence_and_claimed_never_becomes_the_incidents_fatalities() -> None:
    result = _code({**BASE, "claims": [{"claimant": "the United Nations", "killed": "more than 40,000"},
                                       {"claimant": "the army", "killed": "12", "victims": "soldiers"}],
                    "evidence": ["Insurgents killed 12 soldiers in an attack on a base in Gubio in Borno state on Sunday, "
                                 "the army said.",
                                 "The insurgency has killed more than 40,000 people since 2009, according to the United Nations."]})
    [incident] = result.incidents  # type: ignore[attr-defined]
    assert (incident.fatalities.total.low, incident.fatalities.total.high) == (12, 12)
    assert len(incident.evidence) == 1
    assert any("background toll" in w for w in incident.warnings)


def test_an_incident_made_of_a_toll_alone_is_rejected() -> None:
    result = _code({**BASE, "when": None, "place": None, "claims": [{"claimant": "UN", "killed": "more than 40,000"}],
                    "evidence": ["The insurgency has killed more than 40,000 people since 2009, according to the United Nations."]})
    assert result.incidents == []  # type: ignore[attr-defined]
    assert "background toll" in result.rejected[0].reason  # type: ignore[attr-defined]


@pytest.mark.parametrize("sentence,aggregate", [
    ("At least 40 people were killed in three separate attacks on Friday.", True),
    ("Insurgents killed 12 soldiers in Gubio on Sunday.", False),
])
def test_aggregates_stay_aggregates(sentence: str, aggregate: bool) -> None:
    assert is_aggregate(sentence) is aggregate


# Issue 11 (second tester, kind 12): a total over several events, written as such.
RUNNING_TOTALS = [
    ("It was the third attack this week; 27 people have been killed in total.", [], False),
    ("27 people have been killed in total in the district.", [], True),
    ("In all, 40 people have died in the fighting.", [], True),
    ("Altogether, 40 people have been killed in the area.", [], True),
    ("More than 300 people have been killed altogether in the region.", [], True),
    ("A cumulative 3,000 deaths have been recorded in the state.", [], True),
    ("Cumulatively, 3,000 people have been killed in the state.", [], True),
    ("The clashes have killed 60 people in total.", [], True),
    # one event's own total stays its figure
    ("In total, 12 people were killed in the attack on Monday.", [("killed", 12)], False),
    ("Gunmen killed 12 people in total in the attack on Monday.", [("killed", 12)], False),
]


@pytest.mark.parametrize("sentence,figures,background", RUNNING_TOTALS)
def test_a_total_in_all_or_altogether_is_a_toll(sentence: str, figures: list, background: bool) -> None:  # type: ignore[type-arg]
    assert [(p.kind, p.count.low) for p in find_casualties(sentence)] == figures
    assert is_background(sentence) is background


# An earlier event at "the same" place, a year or months back: its dead are not this event's.
SAME_PLACE_EARLIER = [
    ("Last year, 80 people were killed in the same town in a single attack.", []),
    ("In 2019, 45 people were killed in the same village.", []),
    ("Two years ago, gunmen killed 30 worshippers at the same mosque.", []),
    ("Militants killed 25 people in the same market last year.", []),
    ("Three months ago, 18 soldiers died at the same checkpoint.", []),
    ("Last year, a bomb killed 60 people on the same road.", []),
    ("In 2021, gunmen killed 14 farmers in the same district.", []),
    ("Six months earlier, 22 people were killed in the same camp.", []),
    # this event, or one dated to its year without a back-reference
    ("Gunmen killed 12 people earlier this month in the same village.", [("killed", 12)]),
    ("Gunmen killed 12 people in the same village on Monday.", [("killed", 12)]),
    ("Last year, gunmen killed 12 people in Gwoza.", [("killed", 12)]),
]


@pytest.mark.parametrize("sentence,figures", SAME_PLACE_EARLIER)
def test_an_earlier_event_at_the_same_place_is_another_event(sentence: str, figures: list) -> None:  # type: ignore[type-arg]
    assert [(p.kind, p.count.low) for p in find_casualties(sentence)] == figures


SEPARATE = [
    ("In a separate attack on Sunday, gunmen killed 12 fishermen near Baga, officials said.", True),
    ("Separately, gunmen killed 12 fishermen near Baga.", True),
    ("In an unrelated incident, a journalist was shot dead in Baidoa.", True),
    ("In another raid, bandits abducted 20 students.", True),
    ("In a separate development, the army said it killed 30 militants.", True),
    ("In a second attack, gunmen killed four traders.", True),
    ("In a later attack on a nearby village, six people died.", True),
    ("During a separate clash, two soldiers were killed.", True),
    ("In an earlier ambush, 12 soldiers died.", True),
    ("In the attack on Sunday, gunmen killed 12 fishermen.", False),
    ("Separatists killed 12 soldiers in Bamenda.", False),
    ("In a statement, police said 12 people died.", False),
    ("Another attack hit Baga on Sunday.", False),
]


@pytest.mark.parametrize("sentence,separate", SEPARATE)
def test_a_sentence_that_opens_on_another_event(sentence: str, separate: bool) -> None:
    assert opens_separate_event(sentence) is separate


# The warning quotes the article's own words, not a fixed example.
OTHER_EVENT_WORDS = [
    ("a week after 30 people died in a raid on nearby Ngoshe", "30", "a week after 30"),
    ("a year after they killed 80 people in the same town", "80", "a year after they killed 80"),
    ("days after an earlier raid killed 20 herders", "20", "days after an earlier raid killed 20"),
    ("two months after a bombing killed 14 worshippers", "14", "two months after a bombing killed 14"),
    ("weeks after a similar attack left 9 dead", "9", "weeks after a similar attack left 9"),
    ("a month after the previous ambush killed 11 soldiers", "11", "a month after the previous ambush killed 11"),
    ("three years after militants killed 45 traders there", "45", "three years after militants killed 45"),
    ("a decade after a massacre killed 300 villagers", "300", "a decade after a massacre killed 300"),
]


@pytest.mark.parametrize("clause,figure,words", OTHER_EVENT_WORDS)
def test_another_events_warning_quotes_the_articles_words(clause: str, figure: str, words: str) -> None:
    article = f"MAIDUGURI, Nigeria, May 2 (Wire) -- Boko Haram fighters killed five villagers in Gwoza on Monday, {clause}, police said."
    reason = not_reported(figure, article) or ""
    assert f"another, earlier event's dead ({words!r})" in reason
    assert "a year after they killed 80" not in reason or "80" == figure


TOLL_ARTICLE = "MAIDUGURI, Nigeria, May 2 (Wire) -- Boko Haram fighters killed five villagers in Gwoza in Borno state on Monday, police said."


@pytest.mark.parametrize("extra,claim", [
    ("It was the third attack this week; 27 people have been killed in total.", {"claimant": "unattributed", "killed": "27"}),
    ("Last year, 80 people were killed in the same town in a single attack.", {"claimant": "unattributed", "killed": "80"}),
    ("In a separate attack on Sunday, gunmen killed 12 fishermen near Baga, officials said.", {"claimant": "officials", "killed": "12"}),
])
def test_a_total_an_earlier_or_a_separate_events_dead_never_become_the_incidents_high(extra: str, claim: dict) -> None:  # type: ignore[type-arg]
    first = TOLL_ARTICLE.split("-- ")[1]
    coder = Extractor(Settings(log="off"), backend=FakeBackend([]))
    result = coder.code_output(f"{TOLL_ARTICLE} {extra}", {"incidents": [{
        "summary": "attack", "when": "on Monday", "place": "Gwoza", "province": "Borno state", "country": "Nigeria",
        "perpetrators": ["Boko Haram fighters"], "targets": ["villagers"], "event_type": "violence_against_civilians",
        "claims": [{"claimant": "police", "killed": "five"}, claim], "evidence": [first, extra]}]}, published="2023-05-02")
    [incident] = result.incidents
    assert incident.fatalities is not None
    assert (incident.fatalities.total.low, incident.fatalities.total.best, incident.fatalities.total.high) == (5, 5, 5)
    assert any(claim["killed"] in w for w in incident.warnings)


@pytest.mark.parametrize("text,reports", [
    # arson and armed men are events ACLED codes
    ("A mob set fire to more than a dozen houses in the village.", True),
    ("Youths set ablaze a police vehicle near the market.", True),
    ("Police are investigating an arson at the party's office.", True),
    ("Gunmen on motorcycles stormed the village at dawn.", True),
    ("A gunman opened fire on worshippers.", True),
    # sabotage: blowing up or dynamiting a pylon, a bridge, a pipeline (MUC-4 wires, in capitals)
    ("URBAN TERRORISTS OF THE FMLN YESTERDAY BLEW UP AN ELECTRICAL POWER TOWER IN SAN MIGUEL DEPARTMENT.", True),
    ("Rebels blew up a bridge on the highway.", True),
    ("A section of the pipeline was blown up overnight.", True),
    ("GUERRILLAS DYNAMITED TWO ELECTRICITY PYLONS.", True),
    ("Insurgents threatened to blow up the dam.", True),
    ("Tensions blew over after the talks.", False),
    # a meeting, a statement, a visit: none
    ("The governor met community leaders in the town hall on Friday.", False),
    ("The minister visited the region and promised more troops.", False),
    ("The talks are set to resume next week.", False),
    # wire and radio phrasings (MUC-4 all caps among them)
    ("URBAN TERRORISTS OF THE FMLN YESTERDAY BLEW UP AN ELECTRICAL POWER TOWER IN SAN MIGUEL DEPARTMENT.", True),
    ("Urban terrorists of the FMLN yesterday blew up an electrical power tower in San Miguel Department.", True),
    ("Guerrillas dynamited a bridge on the Pan-American Highway.", True),
    ("THE BRIDGE OVER THE LEMPA RIVER WAS BLOWN UP LAST NIGHT.", True),
    ("Rebels tried to blow up the pipeline near Cano Limon.", True),
    ("THE GUERRILLAS SABOTAGED THE POWER LINES SERVING THE EASTERN REGION.", True),
    ("An act of sabotage left the city without electricity.", True),
    ("The militants detonated a device near the convoy.", True),
    ("UNIDENTIFIED MEN MACHINE-GUNNED THE BUS NEAR USULUTAN.", True),
    ("The mayor was gunned down outside his home.", True),
    ("Two priests were murdered in the parish house.", True),
    ("GUERRILLAS HIJACKED A BUS AND SET IT ABLAZE.", True),
    ("Three trucks were set ablaze on the highway.", True),
    ("Youths hurled stones at the convoy.", True),
    ("Rioters lobbed petrol bombs at the police station.", True),
    ("UNIDENTIFIED INDIVIDUALS THREW DYNAMITE AT THE EMBASSY.", True),
    ("The gunmen massacred 14 peasants in the hamlet.", True),
    ("THE TERRORISTS HARASSED A MILITARY POST IN CHALATENANGO.", True),
    ("Fighters ransacked the clinic and razed the market.", True),
    # a longer word that starts with an event word's stem, and March the month, are no event (MUC-4)
    ("PARATROOPER BATTALION COMMANDER MAJOR RENE RODRIGUEZ HURTADO SAID TODAY THAT THE AIR FORCE WILL CONTINUE.", False),
    ("THE MNR EXECUTIVE COMMITTEE DEMANDED AN INQUIRY.", False),
    ("The parties missed the deadline for the talks.", False),
    ("The elections are set for 3 March, the commission said.", False),
    ("The elections are set for March 3, the commission said.", False),
    ("Talks will resume in March.", False),
    ("Thousands joined a march on parliament.", True),
    ("Students plan to march to the governor's office.", True),
    ("Opposition supporters vowed to march.", True),
    ("Fighting resumed from March to May, the report said.", True),  # "fighting" reports it, not March
    ("Protesters marched through the capital.", True),
    ("The miners were killed when the tunnel was blown up.", True),
    ("Three soldiers were hurt in the blast.", True),
    ("Rebels executed two hostages.", True),
    # thrown words and a statement are not
    ("The senator hurled insults at his rivals during the debate.", False),
    ("The party threw its support behind the candidate.", False),
])
def test_event_words(text: str, reports: bool) -> None:
    from extractor.coding.background import reports_event

    assert reports_event(text) is reports


@pytest.mark.parametrize("evidence,kept", [
    # after the incident's own sentence, a sentence that opens on another event is that event's
    (["Gunmen killed five villagers in Gwoza on Sunday.",
      "In a separate attack, bandits on Monday abducted 30 students in Kankara."], 1),
    # the incident's own first sentence may open it so (a new-user check: a kidnapping of 30 was lost)
    (["In a separate attack, bandits on Monday abducted 30 students from a school in Kankara, Katsina state.",
      "The students were taken into a nearby forest, a school official said."], 2),
    (["Separately, gunmen on Monday killed two farmers in Kankara.",
      "The farmers were buried on Tuesday, police said.",
      "In another attack, bandits burned a market in Funtua."], 2),
])
def test_a_sentence_opening_on_another_event_is_left_out_only_after_the_incidents_first(evidence: list[str],
                                                                                       kept: int) -> None:
    from extractor.coding.incident import ground_evidence

    article = "ABUJA, Dec. 16 (Reuters) - Officials met on Tuesday. " + " ".join(evidence)
    grounded = ground_evidence(evidence, article)
    assert len(grounded.sentences) == kept, grounded.warnings
    assert grounded.sentences[0].startswith(evidence[0][:20])


def test_a_report_of_a_years_tally_and_its_breakdown_is_no_incident() -> None:
    """A report on a year's killings: the tally and where its share fell are background, whatever
    places the model copies from the breakdown (the gold set's g25, answered by a shorter prompt)."""
    article = ("BOGOTA, Jan. 15 (Meridian Wire) -- At least 180 social leaders and human rights defenders were killed "
               "in Colombia last year, the United Nations human rights office said in a report released on Monday.\n\n"
               "Most of the killings took place in the departments of Cauca, Antioquia and Narino, the report said, "
               "and many were blamed on armed groups fighting over drug routes.")
    coder = Extractor(Settings(log="off"), backend=FakeBackend([]))
    result = coder.code_output(article, {"incidents": [{
        "place": "Colombia", "district": "Cauca", "province": "Antioquia", "perpetrators": ["armed groups"],
        "targets": ["social leaders and human rights defenders"], "type": "civilians",
        "claims": [{"source": "the United Nations human rights office", "killed": "180"}], "sentences": [1, 2]}]},
        published="2024-01-15")
    assert result.incidents == []
    assert "background toll" in result.rejected[0].reason
