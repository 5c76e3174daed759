"""What an article says that is not this incident: sentences that sum up several incidents,
background tolls, another event's dead, and passages that report no event at all.

- An **aggregate** sums up incidents the article lists separately ("... in Baghlan and Kunduz
  provinces over the past two consecutive days"): its figures would count those deaths twice.
- A **context toll** is a conflict's, a group's or a period's dead: background, never an
  incident's fatalities (ACLED codes each event's own deaths). Read per clause: "Gunmen killed five
  villagers on Monday, bringing the number killed this year to 300" reports five. A clause is a toll
  when it holds
  - a **running total** ("since 2015", "to date", "over the past six months", "a decade", "in
    March alone", "the conflict has claimed", "which has killed"); or
  - a **period** ("last year", "this year", "this month", "in 2019") with words that count over it:
    an aggregate ("attacks", "a series of", "violence", "the toll", "the number killed", "this
    year's", "across the region"), or, where it names no single event ("an attack", "the
    ambush"), a perfect tense ("have killed", "had killed") or deaths without a killer ("180 were
    killed in Colombia last year"). A period that opens the sentence ("In 2023, ...") bounds the
    clause after it.
  "Armed men killed four police officers in Tessalit last year" is one event dated to the year
  (precision year), not a toll; so is "attacked a police post ... last year". A superlative is not
  a toll: "the deadliest attack since 2015" dates a comparison, and its sentence still reports.
  A running total also says so: "27 people have been killed in total", "in all, 40 have died", "a
  cumulative 3,000 deaths"; so does a share of one ("Most of the killings took place in Cauca").
  Every figure of a background sentence is a toll's, even where a noun's "and" cuts its clause.
- **Another event's dead**: a figure after "a year after", "weeks after", "days before", or "a
  similar / an earlier / the previous attack" in its clause counts an earlier event ("killed five
  villagers on Monday, a year after they killed 80 people in the same town" reports five); so does
  one in a clause that places a past event at "the same town" ("Last year, 80 people were killed in
  the same town in a single attack").
- **A separate event**: a sentence that opens on another event ("In a separate attack on Sunday,
  ...", "Separately, ...", "In an unrelated incident, ...") reports that event; beside other
  evidence it is not this incident's evidence.
- **Event words**: without one (a killing, attack, clash, bombing, protest, arrest, abduction, arson,
  looting ...) a passage reports no event ACLED codes: a meeting, statement or visit. Wire and radio
  reports tell events in their own words: "blew up a power tower", "dynamited a bridge", "sabotage",
  "detonated", "machine-gunned", "gunned down", "murdered", "hijacked", "set ablaze", "hurled
  stones". A figurative use ("prices blew up", "sabotaged the talks", "talks exploded") also reads
  as an event: an accepted risk, since this guard only keeps meetings and statements out, and a
  real incident rejected costs more than a non-event passed on to the other checks. Thrown things
  count only when they are weapons ("hurled stones", not "hurled insults").
"""

from __future__ import annotations

import re

from extractor.text.vocabulary import MONTHS, NUMBER_WORDS, VAGUE, words_pattern

__all__ = ["reports_event", "reports_death", "in_context_toll", "in_other_event", "other_event_words",
           "opens_separate_event", "is_background", "clause_bounds"]

_EVENT_WORDS = re.compile(
    r"\b(?:kill|dead|death|died|die|wound|injur|hurt|attack|clash|fight|battle|bomb|blast|explo|shell|shot|shoot|"
    r"gunfire|fired|opened fire|storm|raid|ambush|abduct|kidnap|hostage|protest|demonstrat|rall(?:y|ied)|riot|march|"
    r"arrest|detain|seiz|captur|loot|burn|torch|destroy|strike|assassinat|execut|behead|massacre|mortar|rocket|"
    r"missile|grenade|landmine|mine|ied|suicide|offensive|assault|overr[au]n|retak|lynch|rap(?:e|ed)|beat|stab|"
    r"casualt|bodies|victim|sit-in|strike|set (?:fire|ablaze)|arson|gunm[ae]n)"
    # Wire and radio phrasings (MUC-4's "BLEW UP AN ELECTRICAL POWER TOWER"): sabotage, explosives
    # set off, killings told as murder or "gunned down", hijackings, things thrown at people.
    r"|\b(?:bl(?:ew|ow|own|owing|ows) up|dynamit|sabotag|detonat|machine[- ]?gunn|strafe|gunned down|murder|"
    r"slain|slew|hijack|ablaze|incendiar|harass|massacre|ransack|vandali[sz]|raze[ds]?\b)"
    # "hurled stones", "lobbed petrol bombs": what is thrown makes it an attack ("hurled insults" is not).
    r"|\b(?:hurl|lob(?:bed|bing|s)?\b|threw|throw)\w*\s+(?:[\w-]+\s+){0,2}?"
    r"(?:stones?|rocks?|bricks?|molotov|petrol|acid|explosives?|dynamite|bombs?|grenades?)\b",
    re.IGNORECASE,
)

# A death, however written: without one the evidence reports no one killed ("abducted 12 pupils").
_DEATH_WORDS = re.compile(
    r"\b(?:kill|dead|death|died|die|dying|slain|bodies|body|corpses?|lives|fatalit|toll|massacre|execut|behead|"
    r"lynch|perish|murder|assassinat|casualt|shot dead|passed away|succumb|fatal|lost (?:his|her|their) li(?:fe|ves))",
    re.IGNORECASE,
)

_MONTH_NAMES = "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True))
_PERIOD = r"(?:years?|months?|decades?)"
# "a year", "two months", "several weeks", "10 years": any count the shared vocabulary reads.
_NUMBER_WORDS = words_pattern(["a", "an", *NUMBER_WORDS, *VAGUE]) + r"|\d+"
# A running total: since when, to date, over which period, of which conflict. A toll on its own.
_RUNNING_TOTAL = re.compile(
    r"\bsince\b"
    rf"|\bin\s+(?:(?:{_MONTH_NAMES})|(?:19|20)\d\d)\s+(?:alone|so\s+far)\b|\bto\s+date\b|\bso\s+far\s+(?:this|in)\b"
    rf"|\b(?:over|in|during|within)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+){{0,2}}{_PERIOD}\b|\b(?:a|the\s+past)\s+decade\b"
    # "during 10 years of civil war", "in eight years of fighting", "over more than a decade of conflict"
    rf"|\b(?:over|in|during|after|through)\s+(?:(?:more\s+than|nearly|almost|about|some)\s+)?(?:{_NUMBER_WORDS})\s+"
    rf"{_PERIOD}\s+of\b"
    r"|\b(?:war|conflict|insurgency|violence|crisis|uprising|campaign|unrest|rebellion|bloodshed|revolt|militancy|"
    r"jihad|civil\s+war)\s+(?:has|have|had)\s+(?:so\s+far\s+|now\s+|already\s+|since\s+\w+\s+)?(?:claimed|killed|left|cost)\b"
    r"|\bwhich\s+(?:has|have|had)\s+(?:\w+\s+)?(?:killed|claimed|left|cost)\b"
    # "27 people have been killed in total", "in all, 40 have died", "a cumulative 3,000 deaths"
    r"|\b(?:has|have|had)\s+(?:now\s+)?(?:been\s+)?(?:killed|slain|died|lost)\b(?:\s+[\w-]+){0,5}?\s+(?:in\s+(?:total|all)|altogether)\b"
    r"|\b(?:in\s+(?:total|all)|altogether)\s*,?\s+(?:[\w,-]+\s+){1,4}?(?:has|have|had)\s+(?:now\s+)?(?:been\s+)?(?:killed|died)\b"
    r"|\bcumulative(?:ly)?\b",
    re.IGNORECASE,
)
# A period that dates an event or bounds a toll: which one, the clause's other words say.
_PERIOD_MARK = re.compile(
    r"(?<!earlier )(?<!early )(?<!late )(?<!later )\bthis\s+(?:year|month)\b|\b(?:last|past)\s+year\b"
    r"|\bin\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# Words that count over a period: several events, a total.
_AGGREGATE_WORDS = re.compile(
    r"\b(?:attacks|raids|clashes|killings|bombings|incidents|ambushes|strikes|airstrikes|assaults|massacres|"
    r"abductions|kidnappings|operations|hostilities|violence|fighting)\b"
    r"|\b(?:series|wave|spate|string|succession)\s+of\b|\b(?:death\s+)?(?:toll|tally)\b|\bnumber\s+(?:of\s+\w+\s+)?(?:killed|dead)\b"
    r"|\b(?:year|month)'s\b|\btotal\s+of\b|\b(?:across|nationwide|countrywide|throughout)\b",
    re.IGNORECASE,
)
# One event named: "an attack", "the ambush", "a suicide bombing".
_ONE_EVENT = re.compile(
    r"\b(?:a|an|the|one|single)\s+(?:[\w-]+\s+){0,2}?(?:attack|raid|ambush|bombing|blast|explosion|clash|strike|"
    r"airstrike|assault|massacre|shooting|incident|offensive|operation)\b",
    re.IGNORECASE,
)
# A total without one event: a perfect tense, or deaths without a killer (no "by").
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:killed|claimed|left|cost|died|lost)\b", re.IGNORECASE)
_NO_KILLER = re.compile(r"\b(?:were|was|been)\s+(?:\w+\s+)?(?:killed|slain|murdered)\b(?![^,;]*\bby\b)|\b(?:died|perished)\b",
                        re.IGNORECASE)
# An earlier event, named before its figure: "a year after they killed 80", "an earlier raid killed 20".
_OTHER_EVENT = re.compile(
    rf"(?:\b(?:{_NUMBER_WORDS})\s+(?:days?|weeks?|months?|years?|decades?)|\b(?:days|weeks|months|years|decades))"
    r"\s+(?:after|before)\b(?:[^,;:.]|,\s*(?:which|that|who)\b)*$"
    r"|\b(?:earlier|previous|prior|similar|separate|another|last)\s+(?:[\w-]+\s+)?(?:attack|raid|ambush|bombing|blast|"
    r"massacre|assault|incident|clash|strike|shooting|offensive)\b(?:[^,;:.]|,\s*(?:which|that|who)\b)*$",
    re.IGNORECASE,
)
# "the deadliest attack since 2015", "the worst violence this year": a comparison, not a total.
_SUPERLATIVE = re.compile(
    r"\b(?:deadliest|worst|bloodiest|biggest|largest|heaviest|highest|first|latest|most\s+\w+)\b"
    r"(?:\s+[\w'-]+){0,6}?\s+(?:since\s+[\w'-]+(?:\s+[\w'-]+)?|this\s+(?:year|month)|(?:last|past)\s+year|to\s+date"
    r"|in\s+(?:years|decades|(?:19|20)\d\d))",
    re.IGNORECASE,
)
# Where one clause of a sentence ends and the next begins.
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]]|,\s|\s[-\u2013\u2014]{1,2}\s|\s(?=(?:and|but|while|whereas|bringing|raising|taking|after|when|as)\s)",
    re.IGNORECASE,
)


# Words that start with an event word's stem and name no event: "EXECUTIVE COMMITTEE", "RODRIGUEZ
# HURTADO", "a deadline", "diesel", "explored", "Burns" ... and March, the month ("on 3 March",
# "in March", "March 3"; a protest march stays an event).
_NOT_EVENT_WORDS = frozenset({
    "executive", "executives", "hurtado", "deadline", "deadlines", "deadlock", "deadlocked", "diet", "diesel",
    "explore", "explored", "explores", "exploring", "exploration", "exploit", "exploits", "exploited",
    "exploiting", "exploitation", "storms", "stormy", "mined", "miner", "miners", "mineral", "minerals",
    "burns", "beaten", "beatles", "beatification",
})
_MONTH_MARCH = re.compile(
    r"(?:\b(?:in|of|since|until|till|by|from|through|last|this|next|early|late|mid-?)\s+|\d{1,2}(?:st|nd|rd|th)?\s+|-)"
    r"march\b(?!\s+(?:on|to|toward|towards|through|against|in\s+(?:support|protest)))"
    r"|\bmarch\s+\d", re.IGNORECASE)


def _names_no_event(text: str, m: re.Match[str]) -> bool:
    """Whether the event word found at `m` is part of a word of no event (`_NOT_EVENT_WORDS`), or
    is the month of March."""
    start, end = m.start(), m.end()
    while end < len(text) and (text[end].isalnum() or text[end] == "'"):
        end += 1
    word = text[start:end].lower().removesuffix("'s")
    if word in _NOT_EVENT_WORDS:
        return True
    if word == "march":
        return any(a <= start < b for a, b in (x.span() for x in _MONTH_MARCH.finditer(text)))
    return False


def reports_event(text: str) -> bool:
    """Whether `text` holds a word of a violent or political event ACLED codes (its stem, not a
    longer word of no event that starts with it: `_names_no_event`)."""
    return any(not _names_no_event(text, m) for m in _EVENT_WORDS.finditer(text))


def reports_death(text: str) -> bool:
    """Whether `text` reports anyone dead: a killing, a death, bodies, a toll."""
    return bool(_DEATH_WORDS.search(text))


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause(s) of `sentence` that hold sentence[start:end]: from the clause break before
    `start` to the one after `end`."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    after = _CLAUSE_BREAK.search(sentence, end)
    return (before[-1] if before else 0), (after.start() if after else len(sentence))


# A share of a tally, told by where or when it fell or whom it is blamed on: "Most of the killings
# took place in Cauca", "Half of the attacks occurred in the north", "many were blamed on armed groups".
_TALLY_SHARE = re.compile(
    r"\b(?:most|many|some|half|all|the\s+(?:majority|bulk)|(?:a|one|two)[\s-]+(?:thirds?|quarters?)|\d+\s*(?:%|per\s*cent))"
    r"\s+of\s+(?:the|these|those|them)\s+(?:[\w-]+\s+)?(?:killings|deaths|attacks|incidents|abductions|kidnappings|"
    r"bombings|clashes|massacres|murders)\s+(?:took\s+place|occurred|happened|were\s+(?:recorded|registered|reported|"
    r"documented|blamed|attributed|committed))\b"
    r"|\b(?:most|many|some|others)\s+(?:of\s+them\s+)?were\s+(?:blamed|attributed)\s+(?:on|to)\b",
    re.IGNORECASE,
)


def _has_toll_marker(clause: str) -> bool:
    """Whether a clause gives a running total, a period's count or a share of a tally (see the
    module doc)."""
    text = _SUPERLATIVE.sub(" ", clause)
    if _RUNNING_TOTAL.search(text) or _TALLY_SHARE.search(text):
        return True
    if not _PERIOD_MARK.search(text):
        return False
    if _AGGREGATE_WORDS.search(text):
        return True
    return not _ONE_EVENT.search(text) and bool(_PERFECT.search(text) or _NO_KILLER.search(text))


# "In 2023, ...", "So far this year, ...", "Last year, ...", "Two years ago, ...", "Altogether, ...": a period
# (or a total) that opens the sentence bounds its next clause.
_OPENING_PERIOD = re.compile(r"^\s*(?:(?:so\s+far\s+)?(?:in|during|since|over|throughout|last|this|so\s+far)\b[^,;]{0,40}"
                             r"|(?:\w+\s+){1,2}(?:years?|months?)\s+(?:ago|earlier)|altogether|cumulatively|overall),",
                             re.IGNORECASE)


def in_context_toll(sentence: str, start: int, end: int) -> bool:
    """Whether the figure at sentence[start:end] is a running total of a conflict, group or period:
    its clause is a toll, or the whole sentence is background (`is_background`: "At least 180 social
    leaders and human rights defenders were killed in Colombia last year", where the clause that
    holds the figure ends at a noun's "and")."""
    if is_background(sentence):
        return True
    begin, stop = clause_bounds(sentence, start, end)
    opening = _OPENING_PERIOD.match(sentence)
    prefix = opening.group(0) + " " if opening and opening.end() <= begin else ""
    return _has_toll_marker(prefix + sentence[begin:stop])


# An earlier event at this event's place: "the same town" with a past year or months ago ("Last
# year, 80 people were killed in the same town in a single attack"). "Gunmen killed 12 people earlier
# this month in the same village" may be the event itself, and stays one.
_SAME_PLACE = re.compile(
    r"\bthe\s+same\s+(?:town|village|city|area|district|place|market|region|province|state|camp|locality|spot|"
    r"location|neighbou?rhood|mosque|church|school|base|checkpoint|road|highway)\b", re.IGNORECASE)
_PAST_PERIOD = re.compile(
    r"\b(?:last|past|previous)\s+year\b|\bin\s+(?:19|20)\d\d\b"
    r"|\b(?:a|an|one|two|three|four|five|six|several|few|\d+)\s+(?:years?|months?)\s+(?:ago|earlier)\b",
    re.IGNORECASE)


def other_event_words(sentence: str, start: int) -> str | None:
    """The words by which the figure that starts at sentence[start] counts another, earlier event's
    dead, or None: "a year after they killed 80", "weeks after an ambush killed 12", "Last year, 80
    people were killed in the same town"."""
    before = _OTHER_EVENT.search(sentence[:start])
    if before:
        return sentence[before.start():start + len(sentence[start:].split(" ", 1)[0])].strip()
    begin, stop = clause_bounds(sentence, start, start)
    opening = _OPENING_PERIOD.match(sentence)
    prefix = opening.group(0) + " " if opening and opening.end() <= begin else ""
    clause = prefix + sentence[begin:stop]
    if _SAME_PLACE.search(clause) and _PAST_PERIOD.search(clause):
        return clause.strip(" ,;")
    return None


def in_other_event(sentence: str, start: int) -> bool:
    """Whether the figure that starts at sentence[start] counts another, earlier event's dead (see
    `other_event_words`)."""
    return other_event_words(sentence, start) is not None


# A sentence that opens on another event: "In a separate attack on Sunday, ...", "Separately, ...",
# "In an unrelated incident, ...", "In another raid, ...". It reports that event, not one reported
# before it: beside other evidence of an incident it is not that incident's evidence.
_EVENT_NOUN = (r"(?:attack|incident|raid|ambush|bombing|blast|explosion|clash|clashes|strike|airstrike|assault|"
               r"shooting|development|event|operation|killing|abduction|kidnapping)")
_SEPARATE = re.compile(
    rf"^\W*(?:(?:in|during)\s+(?:(?:a|an)\s+(?:separate|unrelated|different|second|earlier|later|other)|another)"
    rf"\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUN}\b|separately\b|in\s+a\s+separate\s+development\b)",
    re.IGNORECASE,
)


def opens_separate_event(sentence: str) -> bool:
    """Whether `sentence` opens on another event ("In a separate attack on Sunday, gunmen killed
    12 fishermen ...")."""
    return bool(_SEPARATE.match(sentence))


def _clauses(sentence: str) -> list[str]:
    cuts = [0, *(p for m in _CLAUSE_BREAK.finditer(sentence) for p in (m.start(), m.end())), len(sentence)]
    return [sentence[a:b] for a, b in zip(cuts[::2], cuts[1::2])]


def is_background(sentence: str) -> bool:
    """A sentence that gives a context toll and reports nothing else: every clause of it that
    names an event is a toll ("More than 1,000 people have been killed since 2015, the UN says")."""
    opening = _OPENING_PERIOD.match(sentence)
    prefix = opening.group(0) + " " if opening else ""
    clauses = _clauses(sentence)
    tolls = [c for c in clauses if _has_toll_marker(c) or (prefix and _has_toll_marker(prefix + c))]
    return bool(tolls) and all(c in tolls for c in clauses if reports_event(c))
