"""The article as a person reads it: Unicode forms and invisible characters (kind 1 of issue 11)
and HTML (kind 10), with evidence offsets that still index the text exactly as given."""

from __future__ import annotations

import html
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from extractor import EmptyArticleError, Extractor, FakeBackend
from extractor.records import ExtractionResult
from extractor.text.article import read
from extractor.text.markup import visible_text

PUBLISHED = "2022-06-14"  # a Tuesday
SENTENCE = "Gunmen killed seven villagers near Macina in Mali's central Ségou region on Tuesday, the governor said."


def answer(evidence: str, place: str = "Macina", province: str = "Ségou region") -> dict:
    return {"incidents": [{
        "summary": "Gunmen killed seven villagers.", "when": "on Tuesday", "place": place, "province": province,
        "country": "Mali", "perpetrators": ["Gunmen"], "targets": ["villagers"],
        "event_type": "violence_against_civilians", "sub_event_type": "attack",
        "claims": [{"claimant": "the governor", "killed": "seven", "victims": "villagers"}], "evidence": [evidence],
    }]}


def code(article: str, reply: dict, published: str = PUBLISHED) -> ExtractionResult:
    """Code a model answer the way an online one is (strict grounding: salvage off)."""
    return Extractor(backend=FakeBackend([])).code_output(article, reply, published=published)


def assert_points_into(result: ExtractionResult, article: str) -> None:
    for incident in result.incidents:
        for span in incident.evidence:
            assert article[span.start:span.end] == span.text


# -- Unicode forms: the article differs from the model's NFC copy only in form or invisible characters ---------------

NFD = unicodedata.normalize("NFD", SENTENCE)


@pytest.mark.parametrize("article", [
    pytest.param(NFD, id="NFD accents"),
    pytest.param(SENTENCE.replace("Ségou", "Sé\u00adgou"), id="soft hyphen in a name"),
    pytest.param(SENTENCE.replace("villagers", "vil\u200blagers"), id="zero-width space in a word"),
    pytest.param(SENTENCE.replace("Macina", "Macina\u200d"), id="zero-width joiner"),
    pytest.param(SENTENCE.replace("Ségou", "Sé\u200cgou"), id="zero-width non-joiner"),
    pytest.param(SENTENCE.replace("near Macina", "near\u00a0Macina"), id="no-break space"),
    pytest.param(SENTENCE.replace("on Tuesday", "on\u202fTuesday"), id="narrow no-break space"),
    pytest.param("\ufeff" + SENTENCE, id="byte-order mark"),
    pytest.param(SENTENCE.replace("Ségou", "Ségou\u2060"), id="word joiner"),
    pytest.param(SENTENCE.replace("Mali's", "Mali\u200e's"), id="left-to-right mark"),
    pytest.param(NFD.replace(" ", "\u00a0").replace("Macina", "Ma\u00adcina"), id="NFD, no-break spaces and a soft hyphen"),
    pytest.param(SENTENCE.replace("seven", "seven\u2009"), id="thin space"),
])
def test_text_that_differs_only_in_unicode_form_codes_like_its_nfc_copy(article: str) -> None:
    result = code(article, answer(SENTENCE))
    (incident,) = result.incidents
    loc = incident.location
    assert (loc.admin1, loc.place, loc.country_code) == ("Ségou", "Macina", "ML")  # one Latin-1 NFC name per unit (case 06)
    assert all(unicodedata.is_normalized("NFC", name) for name in (loc.admin1, loc.place))
    assert incident.fatalities is not None and incident.fatalities.total.low == 7
    assert str(incident.date.value) == "2022-06-14"
    assert not [w for w in incident.warnings if "not named" in w or "not an admin1" in w], incident.warnings
    assert_points_into(result, article)
    assert incident.evidence[0].match in ("exact", "normalized")


def test_a_model_copy_in_nfd_is_found_in_an_nfc_article() -> None:
    result = code(SENTENCE, answer(NFD, province=unicodedata.normalize("NFD", "Ségou region")))
    (incident,) = result.incidents
    assert incident.location.admin1 == "Ségou" and unicodedata.is_normalized("NFC", incident.location.admin1)
    assert incident.evidence[0].start == 0 and incident.evidence[0].text == SENTENCE[:incident.evidence[0].end]


PLACES = ["Ségou", "Tillabéri", "Mopti", "Bandiagara", "Tombouctou", "Ménaka"]
CLAIMANTS = ["the governor", "the mayor of Ségou", "a résident", "the army"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PLACES), st.sampled_from(PLACES), st.integers(2, 40), st.sampled_from(CLAIMANTS),
       st.sampled_from(["Tuesday", "Monday night", "early Sunday"]))
def test_an_article_and_its_nfd_form_give_the_same_incidents(town: str, region: str, killed: int, claimant: str,
                                                           when: str) -> None:
    sentence = f"Gunmen killed {killed} villagers near {town} in the central {region} region {when}, {claimant} said."
    article = f"BAMAKO, June 14 (Wire) -- {sentence}\n\nRésidents of {town} said they feared more attacks.\n"
    reply = answer(sentence, place=town, province=f"{region} region")
    reply["incidents"][0]["when"] = when
    reply["incidents"][0]["claims"] = [{"claimant": claimant, "killed": str(killed), "victims": "villagers"}]
    as_written, decomposed = code(article, reply), code(unicodedata.normalize("NFD", article), reply)
    assert _comparable(as_written) == _comparable(decomposed)
    assert_points_into(decomposed, unicodedata.normalize("NFD", article))


def _comparable(result: ExtractionResult) -> list[dict]:
    """Incidents without their offsets (which differ between forms), evidence text in NFC."""
    return [{**i.model_dump(mode="json", exclude={"evidence"}),
             "evidence": [unicodedata.normalize("NFC", s.text) for s in i.evidence]} for i in result.incidents]


# -- HTML: read as the text a person sees, offsets into the HTML as given ------------------------------------------

CASE18 = ('<div class="story"><p>KABUL, Jan. 29 (Wire) -- Gunmen killed four security guards at a bank in '
          'Kabul&#8217;s Shar-e-Naw area on Tuesday&nbsp;night, police said.</p><p>The attackers fled on foot.</p></div>')
PAGE = """<!DOCTYPE html>
<html><head><title>Gunmen kill 99 in Herat | Wire</title>
<meta charset="utf-8"><style>p { color: red; }</style>
<script>var x = "Gunmen killed 50 people in Herat"; if (a < b && c > d) {}</script></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<header><h1>Guards killed in Kabul bank attack</h1></header>
<article>
  <p>KABUL, Jan. 29 (Wire) &mdash; Gunmen killed four security guards at a bank in
     Kabul&rsquo;s Shar-e-Naw area on Tuesday night, police said.</p>
  <p>The attackers fled on foot.</p>
  <div style="display: none">Gunmen killed 30 people in Herat on Monday.</div>
  <!-- Gunmen killed 12 in Kandahar on Monday. -->
</article>
<aside>Most read: floods in Kandahar</aside>
<footer>&copy; 2020 Wire. All rights reserved.</footer>
</body></html>"""
ENTITIES = ("KABUL, Jan. 29 (Wire) -- Gunmen killed four security guards at a bank in Kabul&#8217;s Shar-e-Naw "
            "area on Tuesday&nbsp;night, police said.\n\nThe attackers fled on foot.\n")
VISIBLE = ("KABUL, Jan. 29 (Wire) -- Gunmen killed four security guards at a bank in Kabul\u2019s Shar-e-Naw area on "
           "Tuesday night, police said.")


@pytest.mark.parametrize("source,shown,hidden", [
    pytest.param(CASE18, [VISIBLE, "The attackers fled on foot."], ["<p>", "&#8217;"], id="a <p> article body"),
    pytest.param(PAGE, ["Guards killed in Kabul bank attack", "Kabul\u2019s Shar-e-Naw area on Tuesday night",
                        "KABUL, Jan. 29 (Wire) \u2014 Gunmen"],
                 ["99", "Home", "var x", "color", "30 people", "Kandahar", "12 in", "rights"], id="a page with nav and scripts"),
    pytest.param(ENTITIES, [VISIBLE, "\n\nThe attackers fled on foot."], ["&", "\u00a0"], id="entities only"),
    pytest.param("<P>Gunmen <B>killed</B> four <a href='/x'>guards</a>.</P>", ["Gunmen killed four guards."], ["<"],
                 id="upper-case and inline tags"),
    pytest.param("<p>Line one<br>Line two<br/>Line three</p>", ["Line one\nLine two\nLine three"], [], id="line breaks"),
    pytest.param("<p>Fighters &amp; police clashed &#x2014; officials said&hellip;</p>",
                 ["Fighters & police clashed \u2014 officials said\u2026"], ["&amp;"], id="named and hex references"),
    pytest.param("<div hidden>secret</div><p aria-hidden='true'>icon</p><p>Shown.</p>", ["Shown."], ["secret", "icon"],
                 id="hidden attributes"),
    pytest.param("<p>Before</p><noscript>Enable JavaScript</noscript><template><p>T</p></template><p>After</p>",
                 ["Before\n\nAfter"], ["Enable", "T\n"], id="noscript and template"),
    pytest.param("<pre>col1   col2\n  indented</pre>", ["col1   col2\n  indented"], [], id="pre keeps its spaces"),
    pytest.param("<p>Many    spaces\n\n   and\tlines</p>", ["Many spaces and lines"], ["  "], id="white space collapses"),
    pytest.param("<ul><li>First item</li><li>Second item</li></ul>", ["First item\n\nSecond item"], [], id="list items"),
    pytest.param("<p title='a > b'>Quoted &quot;attribute&quot; text</p>", ['Quoted "attribute" text'], ["title"],
                 id="a '>' inside an attribute"),
])
def test_html_is_read_as_the_text_a_person_sees(source: str, shown: list[str], hidden: list[str]) -> None:
    reading = read(source)
    for text in shown:
        assert text in reading.text, (text, reading.text)
    for text in hidden:
        assert text not in reading.text, (text, reading.text)
    assert reading.starts is not None and reading.ends is not None
    for i, char in enumerate(reading.text):  # every character read comes from its place in the source
        piece = source[reading.starts[i]:reading.ends[i]]
        assert (piece == "" and char.isspace()) or char in html.unescape(piece).replace("\u00a0", " "), (i, char, piece)


@pytest.mark.parametrize("source", [CASE18, PAGE, ENTITIES], ids=["p body", "page", "entities"])
def test_html_in_three_shapes_codes_the_incident_with_offsets_into_the_html(source: str) -> None:
    quote = VISIBLE.split("-- ")[-1]  # copied without the dateline, as models do
    reply = {"incidents": [{
        "summary": "Gunmen killed four guards.", "when": "on Tuesday night", "place": "Shar-e-Naw area",
        "province": "Kabul", "country": "Afghanistan", "perpetrators": ["Gunmen"], "targets": ["security guards"],
        "event_type": "violence_against_civilians", "sub_event_type": "attack",
        "claims": [{"claimant": "police", "killed": "four", "victims": "security guards"}], "evidence": [quote],
    }]}
    result = code(source, reply, published="2020-01-29")
    (incident,) = result.incidents
    assert str(incident.date.value) == "2020-01-28" and incident.location.admin1 == "Kabul"
    assert incident.fatalities is not None and incident.fatalities.total.low == 4
    span = incident.evidence[0]
    assert source[span.start:span.end] == span.text and span.text.startswith("Gunmen killed four")
    assert span.text.endswith("police said.") or span.text.endswith("police said")
    assert any("HTML" in w for w in result.warnings)


def test_a_page_with_nothing_visible_is_an_empty_article() -> None:
    with pytest.raises(EmptyArticleError):
        Extractor(backend=FakeBackend([])).code_output("<html><head><script>var a = 1;</script></head></html>",
                                                       {"incidents": []})


def test_the_model_reads_the_visible_text_not_the_markup() -> None:
    backend = FakeBackend([{"incidents": []}])
    Extractor(backend=backend).extract(CASE18, published="2020-01-29")
    prompt = " ".join(m["content"] for m in backend.calls[0])
    dateline, sentence = VISIBLE.split(" -- ")
    assert f"[D] {dateline} --\n[1] {sentence}\n[2] The attackers fled on foot." in prompt  # numbered, as read
    assert "<div" not in prompt and "&#8217;" not in prompt and "<p>" not in prompt


def test_plain_text_is_read_as_it_is() -> None:
    text = "KABUL, Jan. 29 (Xinhua) \u2014 Taliban fighters attacked a post in Kunduz\u2019s north, officials said."
    reading = read(text)
    assert reading.text is text and reading.starts is None and reading.note() is None
    assert "a < b and c > d" == read("a < b and c > d").text  # a '<' is not a tag


SENTENCES = [
    "Gunmen killed four security guards at a bank in Kabul\u2019s Shar-e-Naw area on Tuesday night, police said.",
    "The attackers fled on foot & nobody was arrested.",
    "Residents said the shooting lasted \u201cabout ten minutes\u201d before police arrived.",
]


@st.composite
def html_forms(draw: st.DrawFn) -> tuple[str, str]:
    """(an HTML form of the article, its visible text): each paragraph in its own block, some
    characters written as references, some words inside inline tags, navigation and a script around."""
    blocks = []
    for sentence in SENTENCES:
        words = []
        for word in sentence.split(" "):
            word = word.replace("&", "&amp;")
            word = word.replace("\u2019", draw(st.sampled_from(["\u2019", "&#8217;", "&rsquo;", "&#x2019;"])))
            if draw(st.integers(0, 5)) == 0:
                tag = draw(st.sampled_from(["b", "em", "span"]))
                word = f"<{tag}>{word}</{tag}>"
            words.append(word)
        joiner = draw(st.sampled_from([" ", "&nbsp;", "\n  "]))
        block = draw(st.sampled_from(["p", "div"]))
        blocks.append(f"<{block}>{joiner.join(words)}</{block}>")
    page = "".join(blocks)
    if draw(st.booleans()):
        page = f"<html><head><script>var t = '<p>x</p>';</script></head><body><nav>Home | World</nav>{page}</body></html>"
    return page, "\n\n".join(SENTENCES)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_forms())
def test_coding_html_and_its_visible_text_gives_the_same_incidents(forms: tuple[str, str]) -> None:
    page, text = forms
    reply = {"incidents": [{
        "summary": "Gunmen killed four guards.", "when": "on Tuesday night", "place": "Shar-e-Naw area",
        "province": "Kabul", "country": "Afghanistan", "perpetrators": ["Gunmen"], "targets": ["security guards"],
        "event_type": "violence_against_civilians", "sub_event_type": "attack",
        "claims": [{"claimant": "police", "killed": "four", "victims": "security guards"}],
        "evidence": [SENTENCES[0], SENTENCES[1]],
    }]}
    from_html, from_text = code(page, reply, "2020-01-29"), code(text, reply, "2020-01-29")
    assert [i.model_dump(exclude={"evidence"}) for i in from_html.incidents] == \
           [i.model_dump(exclude={"evidence"}) for i in from_text.incidents]
    assert [len(i.evidence) for i in from_html.incidents] == [len(i.evidence) for i in from_text.incidents]
    assert_points_into(from_html, page)


def test_visible_text_maps_each_reference_to_the_whole_reference() -> None:
    text, starts, ends = visible_text("<p>A&amp;B</p>")
    assert text == "A&B" and (starts[1], ends[1]) == (4, 9)


# Issue 11 (second tester, kind 1): the model's copy in NFD gives NFC names, summary and rows,
# whatever form the article is in. (perpetrators as written, targets, claimant)
NFD_NAMES = [
    ("Séléka fighters", "Peuhl herders", "a MINUSCA officer in Bambari"),
    ("Anti-Balaka militiamen", "Peuhl éleveurs", "un officier de la MINUSCA"),
    ("Forces armées maliennes", "villageois", "le gouverneur de Ségou"),
    ("Katiba Macina fighters", "commerçants", "a Sévaré resident"),
    ("soldats burkinabè", "civils", "l'Agence d'Information du Burkina"),
    ("Groupe de soutien à l'islam et aux musulmans", "gendarmes", "le ministère de la Défense"),
    ("Çatışma militants", "köylüler", "the governor's office"),
    ("Mouvement du 23 mars rebels", "déplacés", "a Médecins Sans Frontières doctor"),
    ("Ansaroul Islam fighters", "fidèles", "the préfet of Djibo"),
]


@pytest.mark.parametrize("perpetrator,target,claimant", NFD_NAMES)
@pytest.mark.parametrize("article_form", ["NFC", "NFD"])
def test_names_copied_in_nfd_come_out_in_nfc(perpetrator: str, target: str, claimant: str, article_form: str) -> None:
    import extractor

    def nfd(s: str) -> str:
        return unicodedata.normalize("NFD", s)

    sentence = f"{perpetrator} killed seven {target} near Macina in Mali's central Ségou region on Tuesday, {claimant} said."
    article = unicodedata.normalize(article_form, sentence)
    reply = {"incidents": [{
        "summary": nfd(f"{perpetrator} killed seven {target}"), "when": "on Tuesday", "place": "Macina",
        "province": nfd("Ségou region"), "country": "Mali", "perpetrators": [nfd(perpetrator)], "targets": [nfd(target)],
        "event_type": "violence_against_civilians", "sub_event_type": "attack",
        "claims": [{"claimant": nfd(claimant), "killed": "seven", "victims": nfd(target)}], "evidence": [nfd(sentence)],
    }]}
    result = code(article, reply)
    (incident,) = result.incidents
    texts = [incident.summary, *(a.name for a in incident.perpetrators + incident.targets),
             *(a.canonical for a in incident.perpetrators + incident.targets),
             *(c.claimant for c in incident.claims), *(c.victims or "" for c in incident.claims)]
    texts += [v for row in (extractor.acled_row(incident, result), extractor.ucdp_row(incident, result))
              for v in row.values() if isinstance(v, str)]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts), [t for t in texts if not unicodedata.is_normalized("NFC", t)]
    assert unicodedata.normalize("NFC", perpetrator) in [a.name for a in incident.perpetrators]
    assert_points_into(result, article)
