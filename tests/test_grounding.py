import pytest

from extractor.text.grounding import locate, normalize, sentence_spans

ARTICLE = "KABUL, Jan. 29 (Xinhua) \u2014 More than two dozen security personnel have been killed in Afghanistan\u2019s north.\n\nThe  Taliban said \u201cwe attacked\u201d the post."


@pytest.mark.parametrize("quote,match", [
    ("More than two dozen security personnel", "exact"),
    ("KABUL, Jan. 29 (Xinhua) -- More than two dozen", "normalized"),
    ("KABUL, Jan. 29 (Xinhua) - More than", "normalized"),
    ("Afghanistan's north", "normalized"),
    ("The Taliban said \"we attacked\" the post.", "normalized"),
    ("\"More than two dozen security personnel\"", "exact"),
    ("killed in Afghanistan\u2019s north...", "exact"),
    ("Security personnel have been killed in Afghanistan", "normalized"),  # capitalized mid-sentence start
])
def test_locate_points_at_the_article(quote: str, match: str) -> None:
    span = locate(quote, ARTICLE)
    assert span is not None, quote
    assert span.match == match
    assert ARTICLE[span.start:span.end] == span.text


SEED = ("At least 13 troopers including army and police personnel have been confirmed dead as the Taliban fighters "
        "stormed security checkpoints in Dasht-e-Archi district. District governor Nasrudin Nazari Saadi has confirmed "
        "the fighting. Zabihullah Majahid claimed that more than 30 soldiers had been killed in the raid.")


@pytest.mark.parametrize("quote,expected", [
    # a dropped word
    ("At least 13 troopers including army and police personnel have been confirmed dead as Taliban fighters "
     "stormed security checkpoints in Dasht-e-Archi district.", 0),
    # a typo and a missing article
    ("Zabihullah Majahid claimed that more then 30 soldiers had been killed in raid.", 2),
])
def test_fuzzy_match_points_at_the_sentence_copied(quote: str, expected: int) -> None:
    span = locate(quote, SEED)
    assert span is not None and span.match == "fuzzy"
    begin, end = sentence_spans(SEED)[expected]
    assert (span.start, span.end) == (begin, end) and span.text == SEED[begin:end]


@pytest.mark.parametrize("quote", [
    "Zabihullah Majahid claimed that more than 300 civilians had been killed in a market bombing in Kabul.",
    "more than 31 soldiers",
    "District governor Nasrudin Nazari Saadi denied everything.",
])
def test_fuzzy_refuses_changed_facts(quote: str) -> None:
    assert locate(quote, SEED) is None


@pytest.mark.parametrize("quote", ["", "   ", "More than three dozen", "The Taliban denied it."])
def test_locate_refuses_what_is_not_there(quote: str) -> None:
    assert locate(quote, ARTICLE) is None


def test_normalize_maps_back_to_original_indices() -> None:
    original = "a \u2014 b\u2019s  c -- d"
    text, index = normalize(original)
    assert text == "a-b's c-d"
    assert [original[i] for i in index] == ["a", "\u2014", "b", "\u2019", "s", " ", "c", "-", "d"]


def test_sentence_spans_skip_abbreviations() -> None:
    article = "KABUL, Jan. 29 (Xinhua) -- First sentence here. Second one, Mr. Smith said. Third."
    sentences = [article[s:e] for s, e in sentence_spans(article)]
    assert sentences == ["KABUL, Jan. 29 (Xinhua) -- First sentence here.", "Second one, Mr. Smith said.", "Third."]


def test_a_long_quote_of_part_of_a_sentence_stands_for_that_part() -> None:
    article = ("NIAMEY, Aug. 29 (Wire) -- Gunmen on motorcycles killed 17 villagers in Zanwara, a hamlet near Banibangou "
               "in Niger's western Tillaberi region, on Sunday, the local mayor said on Tuesday.\n\nA source gave 21.")
    # copied without the dateline and the attribution, ending with a full stop
    span = locate("Gunmen on motorcycles killed 17 villagers in Zanwara, a hamlet near Banibangou in Niger's western "
                  "Tillaberi region, on Sunday.", article)
    assert span is not None and span.match == "fuzzy"
    assert span.text.startswith("Gunmen on motorcycles") and span.text.endswith("on Sunday,")
    assert article[span.start:span.end] == span.text
    # a changed figure grounds to the article's words, never the model's
    changed = locate("Gunmen on motorcycles killed 18 villagers in Zanwara, a hamlet near Banibangou", article)
    assert changed is not None and "17 villagers" in changed.text and "18" not in changed.text
    # a paraphrase is not a quote
    assert locate("Motorcycle gunmen massacred seventeen people in a hamlet of western Niger on Sunday.", article) is None


def test_a_sentence_case_quote_of_an_all_caps_wire_is_found() -> None:
    article = ("SAN SALVADOR, 3 JAN 90 -- [TEXT] THE ARCE BATTALION COMMAND HAS REPORTED THAT ABOUT 50 PEASANTS HAVE "
               "BEEN KIDNAPPED BY TERRORISTS IN SAN MIGUEL DEPARTMENT.  THE SOURCE ADDED NOTHING.")
    span = locate("The Arce Battalion command has reported that about 50 peasants have been kidnapped by terrorists", article)
    assert span is not None and span.text.startswith("THE ARCE BATTALION") and "50 PEASANTS" in span.text
