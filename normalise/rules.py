"""The grammar: one small rule per Danish construction.

Each rule is a pattern over the text (built from the lexicon fragments, see
``words.Fragments``) and a production that reads the match into a ``Spec``.
Rules do no calendar arithmetic; ``compose`` joins adjacent pieces
("lørdag" + "aften", "kort før" + "klokken et") and the resolver computes values.
Every rule carries examples, and a test checks that it fires on each.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from normalise.ages import (
    after_age_verb,
    after_person_and_preposition,
    is_age_decade,
    looks_like_age,
    without_part_of_decade,
)
from normalise.hit import CLAUSE_END, Hit
from normalise.lexicon import holiday_by_name, load_lexicon
from normalise.spec import Spec
from normalise.tense import is_participle
from normalise.values import format_set
from normalise.words import fragments, is_vague, normal, number, phrase, words

Build = Callable[[Hit], "Spec | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named Danish construction: pattern, production and examples."""

    name: str
    pattern: str
    build: Build
    examples: tuple[str, ...]
    span: str | int = 0  # the group whose offsets are the expression's span

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern)


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + fragments().expand(pattern) + r")(?!\w)", re.IGNORECASE)


# ------------------------------------------------------------ small readers

def _weekday(text: str | None) -> int:
    return words().weekdays[normal(text or "")]


def _month(hit: Hit, group: str = "month") -> int:
    name = normal(hit.group(group) or "").rstrip(".")
    lex = load_lexicon()
    return lex.months.get(name) or lex.month_abbreviations[name]


def _holiday(text: str | None) -> str:
    """The lexicon's name of a holiday form ("påsken" -> "paaske")."""
    return words().holidays[normal(text or "")]


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _day_number(text: str) -> int:
    text = normal(text).rstrip(".")
    return int(text) if text.isdigit() else words().ordinals[text]


def _shift(text: str | None) -> int:
    return load_lexicon().shift_words[normal(text or "")]


def _amount(hit: Hit, group: str = "n") -> tuple[float | None, bool]:
    raw = hit.group(group) or ""
    return number(raw), is_vague(raw)


def _unit(text: str | None) -> str:
    w = words()
    key = normal(text or "")
    return w.units.get(key) or w.definite_units.get(key) or w.adverb_units[key]


def _hour_word(text: str | None) -> int:
    key = normal(text or "")
    return int(key) if key.isdigit() else words().cardinals[key]


# Words that may follow the hour "et" (one o'clock): "kvart over et i nat", "halv et om natten".
_AFTER_HOUR_ET = {"i", "om", "på", "ved", "og", "eller", "til", "dansk", "lokal", "nat", "natten", "da", "hvor"}
_NOT_AFTER_CLOCK_WORD = {"liter", "kilo", "procent", "point", "kr", "kroner", "millioner", "million",
                         "milliarder", "milliard", "meter", "km", "gange", "år", "timer", "time", "dage",
                         "uger", "måneder", "minutter", "af", "ud", "mål", "stemmer", "personer"}


# ------------------------------------------------------------ productions

def modifier(hit: Hit) -> Spec:
    key = normal(hit.group("mod") or "")
    lex = load_lexicon()
    preposition = key in lex.prepositions_before_article and hit.word_after() in lex.articles
    amount_mod = None if preposition else lex.amount_modifiers.get(key)  # "over de næste tre år"
    return Spec(kind="modifier", mod=lex.point_modifiers.get(key), amount_mod=amount_mod,
                half=lex.half_modifiers.get(key))


def edge_after_genitive(hit: Hit) -> Spec | None:
    """"(årets) udgang", "(månedens) begyndelse": the end or start of the genitive before it."""
    if not hit.word_before().endswith("s"):
        return None
    return Spec(kind="suffix", mod=load_lexicon().edge_after_genitive[normal(hit.group("edge") or "")])


_LIST_OF_DAYS = re.compile(r"\s*(?:,|og|til|-|–)\s*\d")


def day_of_month(hit: Hit) -> Spec | None:
    """"(frist til) den 24.": a day of the month where the clause or sentence ends after it;
    before a lower-case word it is an ordinal ("den 24. plads")."""
    after = hit.word_after()
    if (after[:1].isalnum() and not hit.next_is_capitalised()) or _LIST_OF_DAYS.match(hit.text, hit.match.end()):
        return None  # "den 3., 4. og 5. maj": the month comes at the end of the list
    return Spec(day=int(hit.group("day") or 0))


def night_prefix(hit: Hit) -> Spec:
    return Spec(kind="prefix", night_before=True)


def adverb_prefix(hit: Hit) -> Spec:
    return Spec(kind="prefix", adverb=True)


def zone(hit: Hit) -> Spec:
    return Spec(kind="zone", zone=load_lexicon().zones[normal(hit.group("zone") or "")])


def deictic_day(hit: Hit) -> Spec | None:
    word = hit.group("word") or ""
    if normal(word) == "dagens" and hit.is_name("word"):
        return None  # "Dagens Nyheder"
    first, *rest = word.split()
    if rest and first[:1].islower() and rest[-1][:1].isupper():
        return None  # a name's capitals ("fagbladet Skolen i Dag")
    if normal(word) == "i dag" and _means_nowadays(hit):
        return Spec(kind="ref", ref="PRESENT_REF")
    return Spec(shift_unit="day", shift=load_lexicon().deictic_days[normal(word)])


_PAST_YEAR = re.compile(r"\b(?:1\d{3}|20\d{2})(?:'erne)?\b|\b\d{2}00-tallet")  # "1993", "1870'erne", "1800-tallet"
_CLAUSE_EDGE = re.compile(r",|\bog\b|\bmen\b", re.IGNORECASE)


def _means_nowadays(hit: Hit) -> bool:
    """"i dag" as nowadays: after a year its sentence names, with a verb of state in its own clause
    ("har eksisteret siden 1993 og er i dag et af de største"; not "I 2019 ... i dag åbner skolen")."""
    start, end = hit.match.start(), hit.match.end()
    sentence = max(hit.text.rfind(mark, 0, start) for mark in (". ", "\n", "! ", "? ")) + 1
    if not _PAST_YEAR.search(hit.text, sentence, start):
        return False
    before = [m.end() for m in _CLAUSE_EDGE.finditer(hit.text, sentence, start)]
    after = _CLAUSE_EDGE.search(hit.text, end)
    stop = min(after.start() if after else len(hit.text), _sentence_end(hit.text, end))
    clause = hit.text[before[-1] if before else sentence:stop].lower().split()
    return bool(load_lexicon().nowadays_state_verbs.intersection(clause)) and not _is_perfect(clause)


def _sentence_end(text: str, start: int) -> int:
    found = [index for index in (text.find(mark, start) for mark in (". ", ".\n", "\n")) if index >= 0]
    return min(found, default=len(text))


def _is_perfect(words: list[str]) -> bool:
    """"har i dag kørt", "har registreret": "har" and a participle in -t after it tell of an event."""
    return "har" in words and any(len(word) > 3 and word.endswith("t") for word in words[words.index("har") + 1:])


def deictic_year(hit: Hit) -> Spec:
    """"i år", "i fjor"; "årets" is the year its sentence named before it, if any ("I 2014 lå
    årets største handelsdag i december": 2014's), else this one."""
    word = normal(hit.group("word") or "")
    spec = Spec(shift_unit="year", shift=load_lexicon().deictic_years[word])
    return spec._replace(anchor="sentence") if word.endswith("s") and not spec.shift else spec


def current_unit_genitive(hit: Hit) -> Spec:
    return Spec(shift_unit=load_lexicon().current_genitives[normal(hit.group("word") or "")], shift=0)


_S_FORM_DAY = {"MO": 0, "AF": 0, "EV": -1}


def past_day_part(hit: Hit) -> Spec:
    part = load_lexicon().day_parts_s[normal(hit.group("part") or "")]
    return Spec(shift_unit="day", shift=_S_FORM_DAY[part], part=part)


def today_part(hit: Hit) -> Spec:
    """"i aften", "her til morgen", "til aften", "ved aftenstid": that part of today."""
    part = load_lexicon().day_parts[normal(hit.group("part") or hit.group("here") or hit.group("coming")
                                                or hit.group("time") or "")]
    return Spec(shift_unit="day", shift=0, part=part)


def genitive_part(hit: Hit) -> Spec:
    """"aftenens koncert": today's evening."""
    return Spec(shift_unit="day", shift=0, part=load_lexicon().day_parts[normal(hit.group("part") or "")])


def whole_unit(hit: Hit) -> Spec:
    """"hele weekenden" (the one the tense points to); "hele natten", "hele dagen", "hele ugen",
    "det meste af natten",
    "hele året": the unit of a time named before it in the sentence ("torsdag regnede det hele
    dagen", "faldt i december, men steg for hele året"), else the current one (the night as "i nat")."""
    word = normal(hit.group("unit") or "")
    if word == "weekenden":
        return weekend(hit)
    if word == "natten":
        whole = tonight(hit)
    elif word in load_lexicon().day_parts:  # "hele formiddagen": that part of the day
        whole = Spec(part=load_lexicon().day_parts[word])
    else:
        whole = Spec(shift_unit=_unit(word), shift=0)
    return whole._replace(anchor="sentence")


def part_in_course(hit: Hit) -> Spec:
    """"i løbet af eftermiddagen": that part of the day last named, else of today."""
    return Spec(part=load_lexicon().day_parts[normal(hit.group("part") or "")])


def part_too(hit: Hit) -> Spec:
    """"(i løbet af eftermiddagen og) aftenen": the part of the day the first part is on."""
    return Spec(shift_unit="day", shift=0, part=load_lexicon().day_parts[normal(hit.group("part") or "")],
                anchor="reference", relation="same")


def tomorrow_early(hit: Hit) -> Spec:
    return Spec(shift_unit="day", shift=1, part="MO")


def tonight(hit: Hit) -> Spec:
    return Spec(part="NI", relation="night")


def day_part(hit: Hit) -> Spec | None:
    """"aften" alone: only a part of a larger expression ("lørdag aften")."""
    key = normal(hit.group("part") or "")
    lex = load_lexicon()
    part = lex.day_parts.get(key) or lex.day_parts_s.get(key)
    return Spec(kind="part", part=part) if part else None


_COMPOUND_TAIL = re.compile(r"-(\w{3,})")


def _not_calendar_word(hit: Hit, group: str) -> bool:
    """A name ("Maj Hansen", "Mandag Morgen") or the head of a hyphenated compound noun
    ("Marts-aftalen", "juli-udgaven"; not a range such as "marts-april")."""
    if hit.is_name(group) or (hit.named_before(group) and not _opens_inverted_clause(hit, group)):
        return True
    tail = _COMPOUND_TAIL.match(hit.text, hit.match.end(group))
    if tail is None:
        return False
    word = normal(tail.group(1))
    return word not in words().months and word not in words().weekdays


_AFTER_VERB = re.compile(r"\s+\w+\s+(\w+)")


def _opens_inverted_clause(hit: Hit, group: str) -> bool:
    """Whether a word opening a sentence is followed by a label's colon or by a verb and its subject
    ("Fredag: ...", "Fredag rejser han til Aarhus", "Fredag mødes parterne"): the time the clause is
    at, even where the text used the word as a name before ("bandet Fredag"), not the subject."""
    end = hit.match.end(group)
    if hit.text.startswith(":", end):
        return True
    after = _AFTER_VERB.match(hit.text, end)
    if after is None:
        return False
    subject = after.group(1)
    return subject.lower() in load_lexicon().pronouns or subject.lower() in ("den", "det") \
        or subject[:1].isupper() or subject.endswith(("en", "et", "ne"))


def weekday(hit: Hit) -> Spec | None:
    if _not_calendar_word(hit, "wd"):
        return None
    if hit.word_before() == "om" and not hit.group("wd").lower().endswith("s"):
        return None  # "om søndagen" is generic; not "melde ud om lørdagens fly"
    return Spec(weekday=_weekday(hit.group("wd")))


def weekday_plural(hit: Hit) -> Spec:
    """"Fredage: klokken 16-21", "lukket mandage": the weekday every week."""
    return Spec(kind="set", weekday=words().weekday_plurals[normal(hit.group("wd") or "")])


def weekday_past_s(hit: Hit) -> Spec:
    return Spec(weekday=words().weekday_past_s[normal(hit.group("wd") or "")], relation="before")


def edge_of_current(hit: Hit) -> Spec | None:
    """"årets første dag" (1 January), "årets sidste måned", "månedens første dag": the first or
    last day or month of this year, or the first day of this month."""
    unit = "year" if normal(hit.group("which") or "") == "årets" else "month"
    first = normal(hit.group("nth") or "") == "første"
    what = normal(hit.group("what") or "")
    if unit == "month":
        return Spec(shift_unit="month", shift=0, day=1) if first and what in ("dag", "døgn") else None
    if what == "måned":
        return Spec(shift_unit="year", shift=0, month=1 if first else 12)
    return Spec(shift_unit="year", shift=0, month=1 if first else 12, day=1 if first else 31)


# "årets første seks måneder" is its first half-year, "de sidste tre måneder af 2019" its last quarter:
# the runs of months that make a unit of the year, as (field, the first one, the last one).
_MONTH_RUNS = {3: ("quarter", 1, 4), 6: ("half", 1, 2)}


def months_of_year(hit: Hit) -> Spec | None:
    """"årets første seks måneder" (H1), "de sidste tre måneder af 2019" (Q4); another count is
    its length ("årets første ni måneder": P9M, as annotators write it), none ("årets sidste
    måneder") the start or end of the year."""
    first = normal(hit.group("edge") or "") == "første"
    count = int(number(hit.group("n") or "") or 0) if hit.has("n") else None
    if count is not None and not 0 < count < 12:
        return None
    year = _year_of_months(hit)
    if count in _MONTH_RUNS:
        field, start, end = _MONTH_RUNS[count]
        return year._replace(**{field: start if first else end})
    if count is not None:
        return Spec(kind="duration", amount=count, unit="month")
    return year._replace(mod="START" if first else "END")


def _year_of_months(hit: Hit) -> Spec:
    """The year of "årets", "næste års", "af 2019", "af sidste år", "i år"; "af året" is the year
    the text refers to (as in "resten af året"), else the current one."""
    lex = load_lexicon()
    if hit.has("year"):
        return Spec(year=_year(hit.group("year")))
    if hit.has("shift"):
        return Spec(shift_unit="year", shift=_shift(hit.group("shift")))
    if hit.has("deictic"):
        word = normal(hit.group("deictic") or "")
        return Spec(shift_unit="year", shift=lex.deictic_years.get(word, lex.genitive_year_shift.get(word)))
    return Spec(shift_unit="year", shift=0, anchor="reference")


def indefinite_weekday(hit: Hit) -> Spec:
    """"en fredag", "en søndag aften": some Friday, not a particular one (TimeML's ``XXXX-WXX-5``)."""
    part = load_lexicon().day_parts[normal(hit.group("part") or "")] if hit.has("part") else None
    return Spec(kind="ref", ref=format_set(Spec(weekday=_weekday(hit.group("wd")), part=part)))


def weekday_day(hit: Hit) -> Spec | None:
    """"fredag den 13.": the day of that number near the publication that falls on that weekday."""
    day = int(hit.group("d") or 0)
    if not 1 <= day <= 31 or _not_calendar_word(hit, "wd"):
        return None
    return Spec(weekday=_weekday(hit.group("wd")), day=day)


def listed_weekday_in_week(hit: Hit) -> Spec | None:
    """The other weekday of "mandag og tirsdag i næste uge", "i sidste uge mandag og tirsdag",
    "fra mandag til onsdag i uge 8":
    the week named once counts for both."""
    if _not_calendar_word(hit, "wd"):
        return None
    if hit.has("w"):
        week = int(hit.group("w") or 0)
        return Spec(weekday=_weekday(hit.group("wd")), week=week) if 1 <= week <= 53 else None
    return Spec(weekday=_weekday(hit.group("wd"))).merged(
        Spec(shift_unit="week", shift=_shift(hit.group("shift"))))


def same_weekday(hit: Hit) -> Spec | None:
    """"den fredag", "samme mandag": that weekday of the story, the day last named on it
    (else the one nearest the time last named)."""
    if _not_calendar_word(hit, "wd"):
        return None
    return Spec(weekday=_weekday(hit.group("wd")), anchor="reference", relation="same")


def weekday_coming(hit: Hit) -> Spec | None:
    """"på onsdag": the next one; not "på Mandag Morgen-konferencen", nor "styrtede på lørdagens
    etape", where "på" belongs to the verb and the genitive goes by tense."""
    if _not_calendar_word(hit, "wd") or normal(hit.group("wd") or "") in _weekday_genitives():
        return None
    return Spec(weekday=_weekday(hit.group("wd")), relation="after")


@cache
def _weekday_genitives() -> frozenset[str]:
    return frozenset(form for weekday in load_lexicon().weekdays for form in weekday.genitive)


def shifted_weekday(hit: Hit) -> Spec:
    shift = _shift(hit.group("shift"))
    relation = "before" if shift < 0 else "after" if shift > 0 else "tense"
    return Spec(weekday=_weekday(hit.group("wd")), relation=relation)


def nth_in_month(hit: Hit) -> Spec:
    """"den første tirsdag i november", "sidste weekend i august": counted within the month."""
    word = normal(hit.group("nth") or "")
    from_end = load_lexicon().ordinals_from_end
    nth = -from_end[word] if word in from_end else int(words().ordinals[word])
    weekend = hit.has("weekend")
    return Spec(weekday=None if weekend else _weekday(hit.group("wd")), weekend=weekend, month=_month(hit),
                nth=nth, year=_year(hit.group("year")))


def night_between(hit: Hit) -> Spec:
    return Spec(weekday=_weekday(hit.group("wd")), part="NI")


_UNIT_SHIFT_NAMES = {"uge": "week", "uges": "week", "måned": "month", "måneds": "month", "år": "year",
                     "års": "year", "kvartal": "quarter", "kvartals": "quarter", "halvår": "half",
                     "halvårs": "half", "årti": "decade", "århundrede": "century", "døgn": "day", "dag": "day"}


def shifted_unit(hit: Hit) -> Spec | None:
    shift = _shift(hit.group("shift"))
    unit = normal(hit.group("unit") or "")
    if unit in ("weekend", "weekends"):
        if normal(hit.group("shift") or "") in ("kommende", "førstkommende"):
            return Spec(weekend=True, relation="after")  # the first weekend after now
        if shift == 1:  # the weekend after the nearest one: on a Monday this week's, on a Saturday next week's
            return Spec(weekend=True, relation="next")
        return Spec(weekend=True, shift_unit="week", shift=shift)  # like "sidste uge": the week's weekend
    if unit in ("dag", "døgn"):
        return None  # "næste dag" is anaphoric, see next_day
    return Spec(shift_unit=_UNIT_SHIFT_NAMES[unit], shift=shift)


def day_in_shifted_month(hit: Hit) -> Spec | None:
    """"den 15. i næste måned", "den 1. i denne måned": a day of a month counted from now."""
    day = int(hit.group("d") or 0)
    if not 1 <= day <= 31:
        return None
    return Spec(shift_unit="month", shift=_shift(hit.group("shift")), day=day)


def genitive_year(hit: Hit) -> Spec:
    return Spec(shift_unit="year", shift=load_lexicon().genitive_year_shift[normal(hit.group("word") or "")])


def shifted_named(hit: Hit) -> Spec | None:
    """"sidste sommer", "næste jul", "sidste december": the nearest one strictly before/after; "næste
    sommer", "næste forår", "næste efterår": next year's."""
    if _all_capitalised(hit) and not hit.starts_sentence():
        return None  # a name in mid-sentence: the band "Sidste Sommer"
    shift = _shift(hit.group("shift"))
    relation = "before" if shift < 0 else "after" if shift > 0 else "tense"
    base = named_period(hit)
    if base is not None and shift > 0 and base.season in _SEASONS_OF_ONE_YEAR:
        # "næste sommer" in January: next year's, the one after this year's ("i sommer"), as
        # "sommeren næste år" (not a winter: it spans two years, and in autumn the next is the coming one)
        return _with(base, shift_unit="year", shift=1)
    return None if base is None else _with(base, relation=relation)


_SEASONS_OF_ONE_YEAR = frozenset(("SP", "SU", "FA"))


def _all_capitalised(hit: Hit) -> bool:
    return all(word[:1].isupper() for word in hit.match.group().split())


def named_period(hit: Hit) -> Spec | None:
    """A month, season or holiday by name."""
    lex = load_lexicon()
    if hit.has("month"):
        if _not_calendar_word(hit, "month"):
            return None
        return Spec(month=_month(hit))
    if hit.has("season"):
        key = normal(hit.group("season") or "")
        return Spec(season=lex.seasons[key])
    if hit.has("holiday"):
        return Spec(holiday=_holiday(hit.group("holiday")))
    return None


def month_year(hit: Hit) -> Spec | None:
    if _not_calendar_word(hit, "month"):
        return None
    return Spec(month=_month(hit), year=_year(hit.group("year")))


def _names_a_kind(hit: Hit) -> bool:
    """"Sådan et år", "sikke en uge", "en så tør forsommer": a kind of year or summer, no time."""
    lex = load_lexicon()
    before = hit.words_before(3)
    if before and before[-1] in lex.kind_words:
        return True
    return any(word in lex.kind_articles and after in lex.kind_degree for word, after in pairwise(before))


def season(hit: Hit) -> Spec | None:
    lex = load_lexicon()
    prefix = normal(hit.group("pre") or "")
    if prefix and _names_a_kind(hit):
        return None  # "Vi har ikke haft en så tør forsommer siden 1976"
    return Spec(season=lex.seasons[normal(hit.group("season") or "")], year=_year(hit.group("year")),
                mod=lex.season_prefixes.get(prefix))


def season_coming(hit: Hit) -> Spec:
    """"til sommer", "til foråret": the coming summer or spring (one not over yet); in the past
    tense ("var planlagt til foråret") the last one."""
    return Spec(season=load_lexicon().seasons[normal(hit.group("season") or "")], relation="coming")


def season_bare(hit: Hit) -> Spec | None:
    """"efteråret", "sommerens": only definite forms stand alone (not "en varm sommer"), and one
    described after "den/det", a particular one as the tense points ("det bedste forår i kædens
    historie": this one; "det våde forår og den varme sommer har givet færre træer")."""
    key = normal(hit.group("season") or "")
    if not key.endswith(("en", "et", "ens", "ets")) and not _after_definite_adjective(hit):
        return None
    return season(hit)


def _after_definite_adjective(hit: Hit) -> bool:
    """"det bedste forår", "den varme sommer", "det meget våde forår" (not "den sidste sommer": a
    shift word)."""
    lex = load_lexicon()
    before = hit.words_before(3)
    if len(before) < 2 or not before[-1].endswith("e") or before[-1] in lex.shift_words:
        return False
    return before[-2] in lex.articles or (len(before) == 3 and before[-3] in lex.articles)


@cache
def _generic_holiday_context() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for the words before and after a holiday's name that make it an institution."""
    lex = load_lexicon()

    def alternatives(phrases: tuple[str, ...]) -> str:
        return "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases)

    return (re.compile(r"(?:^|\W)(?:" + alternatives(lex.generic_holiday_before) + r")\s+$", re.IGNORECASE),
            re.compile(r"^\s+(?:" + alternatives(lex.generic_holiday_after) + r")\b", re.IGNORECASE))


def _is_generic_holiday(hit: Hit) -> bool:
    """"afskaffelsen af store bededag", "store bededag blev indført i 1686": the holiday itself."""
    before, after = _generic_holiday_context()
    start, end = hit.match.start(), hit.match.end()
    return bool(before.search(hit.text[max(0, start - 40):start]) or after.match(hit.text[end:end + 40]))


# "er" then a pronoun or a definite plural subject ("Juleaftensdag er butikkerne åbne")
_FRONTED_ADVERBIAL = re.compile(r"^\s+er\s+(?:der|det|han|hun|de|vi|jeg|man|den|du|I|\w+(?:erne|ene))\b", re.IGNORECASE)


def _is_generic_subject(hit: Hit) -> bool:
    """"Julen er en travl tid" talks of the holiday itself; "Langfredag er der
    gudstjeneste" fronts a time adverbial (verb, then subject)."""
    if not hit.starts_sentence() or hit.word_after() != "er":
        return False
    return not _FRONTED_ADVERBIAL.match(hit.text[hit.match.end():hit.match.end() + 20])


def holiday_unit(hit: Hit) -> Spec:
    """"det nye år": the year that the New Year's Day the tense points to begins ("i det nye år"
    in December: next year; "Det nye år startede med storm": this year); "påskeugen": the week
    of the Easter Sunday the tense points to (data: ``[holiday_units]``)."""
    holiday, unit = load_lexicon().holiday_units[" ".join(normal(hit.group("word") or "").split())]
    return Spec(holiday=holiday, unit_of=unit)


def holiday(hit: Hit) -> Spec | None:
    """A holiday by name; not in names ("Sankt Hans Torv", "Anne Påske") nor generic statements
    ("Julen er en travl tid", "store bededag som helligdag")."""
    text = hit.group("holiday") or ""
    if text[:1].isupper() and (hit.next_is_capitalised() or (hit.after_capitalised("holiday")
                                                             and hit.word_before() not in load_lexicon().not_first_names)) \
            and not hit.has("year"):
        return None  # a name around it ("Anne Påske", "Sankt Hans Torv"; not "På Kristi himmelfartsdag")
    if _is_generic_subject(hit) or _is_generic_holiday(hit):
        return None
    name = _holiday(hit.group("holiday"))
    return Spec(holiday=name, year=_year(hit.group("year")), part=holiday_by_name(name).part)


def day_month(hit: Hit) -> Spec | None:
    day = _day_number(hit.group("day") or "")
    if not 1 <= day <= 31:
        return None
    return Spec(day=day, month=_month(hit), year=_year(hit.group("year")))


def weekend_of_dates(hit: Hit) -> Spec | None:
    """"weekenden den 5.-6. august": the weekend its dates fall in (``2017-W31-WE``)."""
    dated = day_month(hit)
    return dated._replace(unit_of="weekend") if dated is not None else None


def numeric_date(hit: Hit) -> Spec | None:
    day, month = int(hit.group("d") or 0), int(hit.group("m") or 0)
    year_text = hit.group("y")
    year = None
    if year_text:
        year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if (year is None and hit.word_after() in ("af", "del", "dele")) or hit.word_before() in ("nr", "nr.", "nummer", "§"):
        return None  # "2/3 af vælgerne"
    return Spec(day=day, month=month, year=year)


def iso_date(hit: Hit) -> Spec | None:
    year, month, day = (int(hit.group(g) or 0) for g in ("y", "m", "d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Spec(year=year, month=month, day=day)


_YEAR_CONTEXT = {"i", "for", "siden", "fra", "til", "før", "inden", "efter", "år", "året", "årene", "indtil",
                 "frem", "af", "ultimo", "primo", "medio", "og", "eller", "juni", "sæsonen", "valget",
                 "sommeren", "vinteren", "foråret", "efteråret", "julen", "påsken", "finanslov",
                 "finansloven", "budget", "budgettet", "udgangen", "begyndelsen", "slutningen",
                 "midten", "starten", "omkring", "tilbage", "helt", "tidligst", "senest", "per", "pr."}
_AMOUNT_CONTEXT = {"over", "under", "mindst", "højst", "cirka", "ca.", "ca", "knap", "næsten", "godt",
                   "blot", "kun", "hele", "alle", "op", "mod", "end", "med", "på", "nummer", "nr.", "nr"}


_MONEY_AFTER = {"kr", "kr.", "kroner", "kroners", "euro", "dollar", "dollars", "mio", "mio.", "mia", "mia.", "pct", "%",
                "procent", "point", "mand", "stk", "stk."}


def _counts_something(word: str) -> bool:
    """A plural noun or a comparative after a number ("2000 personer", "28 flere") makes it a count,
    not a year ("2023 viser")."""
    lex = load_lexicon()
    if word in lex.count_comparatives:
        return True
    verbs = (lex.future_verbs, lex.past_verbs, lex.present_verbs)
    return len(word) > 3 and word.endswith(("er", "ere")) and not any(word in forms for forms in verbs) \
        and word not in ("efter", "inden", "under", "over", "siden", "hvor")  # ("2000 danskere")


# "2015-2019", "2015–19": a range of years, each end a year of its own.
_YEAR_RANGE_AFTER = re.compile(r"\s?[-–]\s?(\d{4}|\d{2})(?!\d|[.,]\d)")
_YEAR_RANGE_BEFORE = re.compile(r"(?<![\d.,])(\d{4})\s?[-–]\s?$")


_NEXT_WORD = re.compile(r"\s*(\w+|%)")


def _amount_after(text: str, offset: int) -> bool:
    """Whether a unit of money or a counted noun follows ("2000-2500 kroner", "1950-60 deltagere")."""
    match = _NEXT_WORD.match(text, offset)
    word = match.group(1).lower() if match else ""
    return word in _MONEY_AFTER or _counts_something(word)


def _in_century_of(year: int, two_digits: int) -> int:
    """"2010-15": the year ending in ``two_digits`` in ``year``'s century."""
    return year - year % 100 + two_digits


def _in_year_range(hit: Hit, value: int) -> bool:
    """Whether the year opens or closes a range of years that runs forward."""
    end = hit.match.end()
    following = _YEAR_RANGE_AFTER.match(hit.text, end)
    if following is not None and not _amount_after(hit.text, following.end()):
        digits = following.group(1)
        last = int(digits) if len(digits) == 4 else _in_century_of(value, int(digits))
        return value < last <= 2100
    preceding = _YEAR_RANGE_BEFORE.search(hit.text[max(0, hit.match.start() - 8):hit.match.start()])
    return preceding is not None and 1900 <= int(preceding.group(1)) < value


_ARTICLE_BEFORE_ADJECTIVE = ("et", "det")  # "et svært 2022", "det forgangne 2023": a year described
# Phrases before a number that make it a year although their last word may count amounts.
_YEAR_PHRASES = (("frem", "mod"), ("til", "og", "med"), ("afslutning", "på"), ("afslutningen", "på"),
                 ("start", "på"), ("starten", "på"), ("begyndelsen", "på"), ("slutningen", "på"))
_AFTER_YEAR = ("hvor", "da", "og", "til", "blev", "var", "kom", "fik", "vandt")
_WHOLE_YEAR_AFTER = ("hvor", "da", "blev", "var", "har")  # "hele 2020 var ...", not "hele 2000 til stede"


_YEAR_PHRASE_WORDS = max(map(len, _YEAR_PHRASES))


def _ends_with_year_phrase(before: list[str]) -> bool:
    """Whether the words before a number (nearest last) end with one of ``_YEAR_PHRASES``."""
    return any(tuple(before[-len(phrase):]) == phrase for phrase in _YEAR_PHRASES)


@cache
def _clause_opening() -> re.Pattern[str]:
    """"i" opening a sentence, or a main clause after a comma or "og", "men" ... (``[verb_second] after``)."""
    after = phrase(load_lexicon().verb_second_after)
    return re.compile(rf"(?:(?:^|[.!?:;,\n])\s*|(?<!\w){after}\s+)i\s+$", re.IGNORECASE)


def _opens_clause_with_i(hit: Hit, before: str) -> bool:
    """Whether "i" right before the match opens a sentence or clause ("…: I 2026 stiger …", "…, og i
    2018 stopper nybygningen")."""
    start = hit.match.start()
    return before == "i" and _clause_opening().search(hit.text[max(0, start - 12):start]) is not None


def year(hit: Hit) -> Spec | None:
    value = int(hit.group("y") or 0)
    # the words before, read once: ``words_before(n)`` is the tail of ``words_before(m)`` for n <= m
    words_before = hit.words_before(_YEAR_PHRASE_WORDS)
    two_before = words_before[-2:]
    before, after = (two_before[-1] if two_before else ""), hit.word_after()
    likely = 1900 <= value <= 2100
    counted = after in _MONEY_AFTER or (_counts_something(after) and not _opens_clause_with_i(hit, before)
                                         and not _ends_range_of_years(words_before))
    # ("2000 kroner", "2000 deltagere"; but "I 2026 stiger værdien": the verb second after the opening)
    if not counted and _ends_with_year_phrase(words_before):
        return Spec(year=value)  # "frem mod 2030", "til og med 2021"
    if before == "hele" and likely and (two_before[0] in _YEAR_CONTEXT or after in CLAUSE_END + _WHOLE_YEAR_AFTER):
        return Spec(year=value)  # "i hele 2020", "hele 2019 var ...", not "hele 2000 deltagere"
    if likely and not counted and len(two_before) == 2 and two_before[0] in _ARTICLE_BEFORE_ADJECTIVE \
            and two_before[1].isalpha():
        return Spec(year=value)  # "Efter et svært 2022", "et godt 2023" (not "et godt 2000 kroner")
    if (before in _AMOUNT_CONTEXT and before not in _YEAR_CONTEXT) or counted:
        return None
    if before in _YEAR_CONTEXT or (likely and (after in CLAUSE_END or hit.ends_line() or _names_a_kind_of_year(before))):
        return Spec(year=value)
    if likely and _in_year_range(hit, value):
        return Spec(year=value)  # "i perioden 2015-2019": two years
    if likely and after in _AFTER_YEAR:
        return Spec(year=value)
    return None


def _names_a_kind_of_year(word: str) -> bool:
    """"regnskabsåret 2018", "skoleåret 2024", "kalenderåret 2019": a year of some kind, then the year."""
    return len(word) > len("året") + 2 and word.endswith("året")


def _ends_range_of_years(words_before: list[str]) -> bool:
    """"fra 2014 til 2017 gaver": the end of a range that opened with a year is a year too."""
    if len(words_before) < 3 or words_before[-1] != "til":
        return False
    opener, start = words_before[-3:-1]
    return opener == "fra" and start.isdigit() and 1900 <= int(start) <= 2100


def year_range_end(hit: Hit) -> Spec | None:
    """"1939-45", "sæsonen 2019-20": the short end of a range of years, in the start's century."""
    start = int(hit.group("y") or 0)
    end = _in_century_of(start, int(hit.group("second") or 0))
    if end <= start:
        end += 100
    if not 1900 <= start <= 2100 or end - start > 30 or _amount_after(hit.text, hit.match.end()):
        return None
    return Spec(year=end)


def decade(hit: Hit) -> Spec | None:
    if len(hit.group("digits") or "") != 4 and is_age_decade(without_part_of_decade(hit.words_before(5))):
        return None
    if hit.has("word"):
        return Spec(decade=190 + load_lexicon().decade_words[normal(hit.group("word") or "")])
    digits = hit.group("digits") or ""
    if len(digits) == 4:
        return Spec(decade=int(digits) // 10)
    two = int(digits)
    return Spec(decade=(200 if two <= 20 else 190) + two // 10)


def century(hit: Hit) -> Spec | None:
    if hit.has("hundreds"):
        return Spec(century=int(hit.group("hundreds") or 0))
    ordinal = _day_number(hit.group("ord") or "")
    return Spec(century=ordinal - 1) if ordinal >= 1 else None


def iso_week(hit: Hit) -> Spec | None:
    week = int(hit.group("w") or 0)
    return Spec(week=week, year=_year(hit.group("y"))) if 1 <= week <= 53 else None


_IN_NUMBERED_WEEK = re.compile(r"(?:\s+i\s+|\s*,\s*)uge\s+\d", re.IGNORECASE)


def school_week(hit: Hit) -> Spec | None:
    """"efterårsferien": the ISO week the holiday is held in, by tense; in "efterårsferien i uge 42"
    and "vinterferien, uge 7" the number names it (the holiday is no expression of its own)."""
    if _IN_NUMBERED_WEEK.match(hit.text, hit.match.end()):
        return None
    return Spec(week=load_lexicon().school_weeks[normal(hit.group("word") or "")])


def quarter(hit: Hit) -> Spec | None:
    value = _day_number(hit.group("q") or "")
    return Spec(quarter=value, year=_year(hit.group("y"))) if 1 <= value <= 4 else None


def half_year(hit: Hit) -> Spec | None:
    value = _day_number(hit.group("h") or "")
    return Spec(half=value, year=_year(hit.group("y"))) if value in (1, 2) else None


_PERIOD_CODE_BEFORE = ("i", "for", "under", "efter", "gennem", "til", "fra", "og", "siden", "inden")


def period_code(hit: Hit) -> Spec | None:
    """Business shorthand: "i Q3" (a quarter), "H1 2022" (a half year); not "Audi Q3"."""
    if not hit.has("y") and hit.word_before() not in _PERIOD_CODE_BEFORE:
        return None
    number, year = int(hit.group("n") or 0), _year(hit.group("y"))
    if (hit.group("kind") or "").upper() == "Q":
        return Spec(quarter=number, year=year)
    return Spec(half=number, year=year) if number <= 2 else None


def weekend(hit: Hit) -> Spec:
    return Spec(weekend=True)


def weekend_after_holiday(hit: Hit) -> Spec | None:
    """"weekenden efter påske", "weekenden efter Kristi himmelfartsdag": the first weekend after it."""
    spec = holiday(hit)
    return None if spec is None else spec._replace(unit_of="weekend_after", part=None)


def weekend_after(hit: Hit) -> Spec:
    """"weekenden efter", "weekenden før": the first weekend after (or before) the time referred to."""
    direction = load_lexicon().anaphoric_after_unit[normal(hit.group("dir") or "")]
    return Spec(weekend=True, relation="after" if direction > 0 else "before", anchor="reference")


def clock(hit: Hit) -> Spec | None:
    hour = _hour_word(hit.group("h"))
    minute = int(hit.group("m") or 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return Spec(hour=hour, minute=minute, twelve_hour=_spelled_hour(hit.group("h"), hour))


def _spelled_hour(text: str | None, hour: int) -> bool:
    """Whether the hour was a word ("et", "elleve"): a twelve-hour clock, morning or evening."""
    return hour <= 12 and not (text or "").strip().isdigit()


def clock_told(hit: Hit) -> Spec | None:
    """"klokken var lidt over otte", "klokken omkring 14": the time, with its modifier."""
    spec = clock(hit)
    mod = load_lexicon().point_modifiers.get(normal(hit.group("mod") or ""))
    return spec._replace(mod=mod) if spec is not None and mod else spec


def clock_bare(hit: Hit) -> Spec | None:
    """"14:30" without "klokken": the colon marks a clock time; not a score "2:1"."""
    if len(hit.group("m") or "") != 2:
        return None
    return clock(hit)


def clock_words(hit: Hit) -> Spec | None:
    """"halv elleve", "kvart over fem", "fem minutter i tolv"; not a name ("trioen Halv Elleve")."""
    if not hit.has("klokken") and hit.word_after() in _NOT_AFTER_CLOCK_WORD:
        return None
    if not hit.has("klokken") and _all_capitalised(hit) and not hit.starts_sentence():
        return None
    if not hit.has("klokken") and not hit.has("kvart") and normal(hit.group("h") or "") == "et" \
            and hit.word_after().isalpha() and hit.word_after() not in _AFTER_HOUR_ET:
        return None  # "under fem minutter i et hus", "halv et æble": the article ("kvart over et" is a time)
    hour = _hour_word(hit.group("h"))
    if not 0 <= hour <= 24:
        return None
    if hit.has("half"):
        minutes = 30 - (_minutes(hit) if hit.group("dir") == "i" else -_minutes(hit)) if hit.has("n") else 30
        spec = _clock_minutes(hour * 60 - 60 + minutes)
    else:
        sign = -1 if normal(hit.group("dir") or "") == "i" else 1
        spec = _clock_minutes(hour * 60 + sign * _minutes(hit))
    return spec._replace(twelve_hour=_spelled_hour(hit.group("h"), hour))


def _minutes(hit: Hit) -> int:
    if hit.has("kvart"):
        return 15
    return int(number(hit.group("n") or "0") or 0)


def _clock_minutes(total: int) -> Spec:
    hour, minute = divmod(total % (24 * 60), 60)
    return Spec(hour=hour, minute=minute)


def clock_about(hit: Hit) -> Spec | None:
    """"ved 16-tiden", "ved 20.30-tiden", "femtiden", "ved halv otte-tiden" (about 7.30)."""
    hour = _hour_word(hit.group("h") or hit.group("h2"))
    if not 0 <= hour <= 24:
        return None
    minute = int(hit.group("m") or 0)
    clock = _clock_minutes(hour * 60 - 30) if hit.has("half") else Spec(hour=hour, minute=minute)  # "halv otte": 7.30
    spelled = _spelled_hour(hit.group("h") or hit.group("h2"), hour)  # "ved halv tre-tiden": 2.30 or 14.30
    return clock._replace(mod="APPROX", twelve_hour=spelled)


def range_end(hit: Hit) -> Spec | None:
    """The end of a clock range ("mellem klokken 23.30 og 00.15"): after its start."""
    spec = clock(hit)
    return None if spec is None else _with(spec, relation="after")


def spelled_range_end(hit: Hit) -> Spec | None:
    """"fra halv otte til ni", "fra halv ni til fire": the end of a range of spelled clock times, on
    the clock after its start ("halv ni" is 8.30: "fire" is 16.00)."""
    spec = range_end(hit)
    if spec is None or spec.hour is None:
        return None
    start = _hour_word(hit.group("start"))
    if normal(hit.group("past") or "") != "kvart over":
        start -= 1  # "halv ni", "kvart i ni": 8.30, 8.45, in the hour before nine
    return spec._replace(hour=spec.hour + 12, twelve_hour=False) if spec.hour <= start % 12 else spec


def clock_list_member(hit: Hit) -> Spec | None:
    """"klokken 10 og 16.30", "kl. 9.30 og 13", "klokken 8, 12 og 16": a further number of a list
    that "klokken" opens is a clock time too; a bare hour is none before a counted noun or a unit
    ("klokken 10 og 20 personer", "og 16 år"; an -er word may be either, so "og 13 afventer" is
    left out too)."""
    if not hit.has("m"):
        after = hit.word_after("second")
        if after in words().units or _amount_after(hit.text, hit.match.end("second")):
            return None
    return clock(hit)


def midnight(hit: Hit) -> Spec:
    return Spec(hour=24, minute=0)


def noon(hit: Hit) -> Spec:
    return Spec(part="MI")


def compound_duration(hit: Hit) -> Spec:
    """"et tredages besøg", "en 14-dages frist": a length written as one word."""
    number = (hit.group("n") or "").rstrip("-")
    amount = int(number) if number.isdigit() else words().cardinals[normal(number)]
    return Spec(kind="duration", amount=amount, unit=_unit(hit.group("unit")))


def duration(hit: Hit) -> Spec | None:
    amount, vague = _amount(hit)
    unit = _unit(hit.group("unit"))
    lex = load_lexicon()
    if (unit == "year" and looks_like_age(hit)) or (unit != "year" and hit.word_after() in lex.age_after):
        return None  # "hun er 45 år", "godt ti uger gammel"
    if unit in ("month", "week") and after_person_and_preposition(hit.words_before(4), young=True):
        return None  # a baby's age: "en pige på otte måneder"
    if normal(hit.group("n") or "") in lex.kind_articles and _names_a_kind(hit):
        return None  # "Sådan et år har vi ikke haft"
    if not vague and amount == 0:
        return None
    return Spec(kind="duration", amount=amount, unit=unit, vague=vague)


def vague_adverb_duration(hit: Hit) -> Spec:
    return Spec(kind="duration", unit=_unit(hit.group("unit")), vague=True)


def recent_duration(hit: Hit) -> Spec | None:
    """"de kommende to uger", "de seneste tre dage", "det seneste år"."""
    if hit.has("n"):
        amount, vague = _amount(hit)
    else:
        amount, vague = 1.0, False
    return Spec(kind="duration", amount=amount, unit=_unit(hit.group("unit")), vague=vague)


def ago(hit: Hit) -> Spec:
    return _offset_from_now(hit, -1, "PAST_REF")


def from_now(hit: Hit) -> Spec | None:
    """"om to uger"; not "beder om fire år mere", "handler om tre dage", where "om" belongs to
    the verb (the length is left to the duration rule)."""
    lex = load_lexicon()
    if hit.word_after() in lex.not_from_now_after or hit.word_before() in lex.not_from_now_before:
        return None
    return _offset_from_now(hit, 1, "FUTURE_REF")


def _offset_from_now(hit: Hit, direction: int, vague_ref: str) -> Spec:
    """"for tre dage siden", "om to uger"; an approximate amount ("for godt en uge siden")
    makes the date approximate; a vague one ("for nogle år siden") a reference."""
    amount, vague = _amount(hit)
    if vague or amount is None:
        return Spec(kind="ref", ref=vague_ref)
    mod = "APPROX" if hit.has("amod") else None
    return Spec(shift_unit=_unit(hit.group("unit")), shift=direction, amount=amount, mod=mod)


_CLAUSE_WORDS = {".", ",", ";", ":", "!", "?", ""}


def _stands_alone(hit: Hit) -> bool:
    """"tre dage efter." / "dagen efter blev han ..." - not "tre dage efter angrebet"."""
    after = hit.word_after()
    lex = load_lexicon()
    return after in _CLAUSE_WORDS or after in lex.past_verbs or after in lex.future_verbs or after in {
        "blev", "var", "er", "bliver", "kom", "skete", "havde", "har", "kunne", "skulle", "ville", "meddelte"}


_AT_CLAUSE = re.compile(r"\s*,?\s*at\b", re.IGNORECASE)


def later(hit: Hit) -> Spec | None:
    """"tre dage senere", "to uger tidligere": counted from the time referred to."""
    direction = load_lexicon().anaphoric_after_amount[normal(hit.group("dir") or "")]
    if normal(hit.group("dir") or "") in ("efter", "før", "inden") and (
            not _stands_alone(hit) or _AT_CLAUSE.match(hit.text, hit.match.end())):
        return None  # "en time efter, at urene var stillet frem": a length before a clause
    if hit.word_after() == "end":
        return None  # "et halvt år senere end aftalt" is a length
    amount, vague = _amount(hit)
    if vague or amount is None:
        return None
    unit = _unit(hit.group("unit"))
    if unit == "year" and after_age_verb(hit.words_before(3)):
        return None  # "Hun fylder 60 år senere på året": an age, then "senere på året"
    return Spec(shift_unit=unit, shift=direction, amount=amount, anchor="reference")


_DEFINITE_PARTS = {"aftenen": "EV", "morgenen": "MO", "natten": "NI", "eftermiddagen": "AF",
                   "formiddagen": "MO"}


def unit_after(hit: Hit) -> Spec | None:
    """"dagen efter", "ugen før", "aftenen før", "året efter"; not "klokken 7 om morgenen efter
    30 timers møde", where "om morgenen" places the clock time and "efter" starts a phrase."""
    word = normal(hit.group("unit") or "")
    direction = load_lexicon().anaphoric_after_unit[normal(hit.group("dir") or "")]
    if word in _DEFINITE_PARTS and hit.word_before() == "om":
        return None
    if word in _DEFINITE_PARTS:
        return Spec(shift_unit="day", shift=direction, part=_DEFINITE_PARTS[word], anchor="reference")
    return Spec(shift_unit=_unit(word), shift=direction, anchor="reference")


def same_unit(hit: Hit) -> Spec:
    """"samme dag", "samme aften", "den nat": the unit of the time referred to ("samme aften" the
    evening of the day the text is at, relation "same"; "den nat" the night it told of)."""
    word = normal(hit.group("unit") or hit.group("part") or "")
    lex = load_lexicon()
    part = lex.day_parts.get(word)
    if part is not None:
        return Spec(shift_unit="day", shift=0, part=part, anchor="reference",
                    relation="same" if hit.has("unit") else "tense")
    return Spec(shift_unit=_unit(word), shift=0, anchor="reference")


def same_period_years_away(hit: Hit) -> Spec:
    """"samme kvartal sidste år", "samme periode i fjor": the unit the text last named, years away."""
    lex = load_lexicon()
    return Spec(repeats=lex.same_period_units[normal(hit.group("unit") or "")],
                year_shift=lex.same_period_years[normal(hit.group("years") or "")], anchor="reference")


def following_unit(hit: Hit) -> Spec:
    """"den følgende dag", "næste morgen": one unit after the time referred to."""
    word = normal(hit.group("unit") or "")
    direction = -1 if normal(hit.group("dir") or "") in ("foregående", "forrige") else 1
    part = load_lexicon().day_parts.get(word)
    if part is not None:
        return Spec(shift_unit="day", shift=direction, part=part, anchor="reference")
    return Spec(shift_unit=_unit(word), shift=direction, anchor="reference")


def current_definite(hit: Hit) -> Spec:
    """"(slutningen af) ugen", "(senere på) dagen": the unit of the time referred to,
    else the current one. Counts only after a modifier or "senere på"."""
    return Spec(kind="part", shift_unit=_unit(hit.group("unit")), shift=0, anchor="reference")


def explicit_year(hit: Hit) -> Spec | None:
    digits = hit.group("y") or ""
    if len(digits) == 3 and (hit.word_before() == "i" or _amount_after(hit.text, hit.match.end())):
        return None  # "koster i år 300 kroner mere": this year, then an amount
    return Spec(year=int(digits))


_TWO_WORDS_AFTER = re.compile(r"[ \t]+(\w+)(?:[ \t]+(\w+))?")  # next to it: "nu, ikke først ..." is "now"


def reference(hit: Hit) -> Spec | None:
    word = normal(hit.group("word") or "")
    if word == "nu" and _is_particle_nu(hit):
        return None
    if f"{hit.word_before()} {word}" in load_lexicon().ref_conjunctions:
        return None  # "så snart det bliver lyst": a conjunction, no time
    return Spec(kind="ref", ref=load_lexicon().refs[word])


def _is_particle_nu(hit: Hit) -> bool:
    """"Det var nu ikke let": "nu" as a modal particle (data: ``[particle_nu]``)."""
    lex = load_lexicon()
    after = _TWO_WORDS_AFTER.match(hit.text, hit.match.end())
    first, second = (after.group(1).lower(), (after.group(2) or "").lower()) if after else ("", "")
    return first in lex.particle_nu_after or (first == "ikke" and second not in lex.particle_nu_ikke_unless)


def past_adverb(hit: Hit) -> Spec | None:
    """"tidligere" as an adverb ("har tidligere sagt", "har rådet tidligere beregnet"), not "den
    tidligere minister"."""
    lex = load_lexicon()
    after, before = hit.word_after(), hit.word_before()
    if (before in lex.past_ref_after and before not in lex.past_ref_copulas) or after in lex.past_ref_before \
            or is_participle(after) or after in _CLAUSE_WORDS - {""}:  # "har rådet tidligere beregnet": before a participle too
        return Spec(kind="ref", ref="PAST_REF")
    if before == "mod" and (after[:1].isdigit() or after in words().cardinals):
        return Spec(kind="ref", ref="PAST_REF")  # "fire afgange mod tidligere fem": the number before now
    return None


def every(hit: Hit) -> Spec | None:
    """"hver onsdag", "hvert tiende minut", "hver anden uge", "hver morgen"."""
    lex = load_lexicon()
    what = normal(hit.group("what") or "")
    step = 1.0
    if hit.has("ord"):
        step = float(_day_number(hit.group("ord") or ""))
    if hit.has("half"):
        step = 0.5
    part = lex.day_parts.get(normal(hit.group("part") or ""))
    if what in words().weekdays:
        return Spec(kind="set", weekday=words().weekdays[what], part=part)
    if what in lex.seasons:
        return Spec(kind="set", season=lex.seasons[what])
    if what in lex.day_parts:
        return Spec(kind="set", part=lex.day_parts[what])
    if what in ("weekend", "weekender"):
        return Spec(kind="set", weekend=True)
    if what in words().holidays:
        holiday = holiday_by_name(words().holidays[what])
        return Spec(kind="set", holiday=holiday.name, month=holiday.month, day=holiday.day)
    if what in words().months:
        return Spec(kind="set", month=words().months[what])
    unit = words().units.get(what)
    if unit is None:
        return None
    return Spec(kind="set", amount=step, unit=unit)


def frequency_adverb(hit: Hit) -> Spec:
    return Spec(kind="set", period=load_lexicon().frequency_adverbs[normal(hit.group("word") or "")])


def per_day(hit: Hit) -> Spec | None:
    """"to timer om dagen", "50 kroner om døgnet", "18.000 gæster om dagen", "to tog i timen" (not
    "om dagen" alone: in the daytime; nor "i timen før")."""
    before = hit.words_before(2)
    if before[-1:] and (before[-1] in words().units or before[-1] in _MONEY_AFTER):
        return times_per(hit)
    if len(before) == 2 and before[1].isalpha() and before[1] not in load_lexicon().rate_measures \
            and (before[0].replace(".", "").isdigit() or before[0] in words().cardinals):
        return times_per(hit)  # a count of something a day, an hour
    return None


def times_per(hit: Hit) -> Spec:
    """"to gange om ugen": a SET with the period of the unit (TIMEX3 freq is left out)."""
    return Spec(kind="set", amount=1, unit=_unit(hit.group("unit")))


def _with(spec: Spec, **changes: object) -> Spec:
    return spec._replace(**changes)  # type: ignore[arg-type]


# ------------------------------------------------------------ the rule table

_DAYNUM = r"(?P<day>[12]?\d|3[01]|<ORDWORD>)"
_YEAR = r"(?P<year>1\d{3}|20\d{2}|21\d{2})"
_MONTH_ANY = r"(?P<month><MONTH>|<MONTH_ABBR>\.?)"
# "den 3. og 4. marts", "5.-6. august 2017": two days of one month (group "first": the first day)
_DAY_LIST_MONTH = (r"(?P<first>(?:(?:den|d\.)\s+)?(?P<day>[12]?\d|3[01])\.?)\s*(?:og|til|-|–)\s*(?:den\s+)?"
                   r"(?:[12]?\d|3[01])\.?\s+" + _MONTH_ANY + r"(?:\s+" + _YEAR + ")?")
_NAMED = r"(?:(?P<month><MONTH>)|(?P<season><SEASON>)|(?P<holiday><HOLIDAY>))"
# "den 9., den 16. og den 23. december": a day of a longer list, whose month is named at its end
_DAY_LIST_MEMBER = (r"(?P<first>(?:(?:den|d\.)\s+)?(?P<day>[12]?\d|3[01])\.)(?=\s*,\s*(?:den\s+)?(?:[12]?\d|3[01])\."
                    r"(?:\s*,\s*(?:den\s+)?(?:[12]?\d|3[01])\.)*\s*(?:,|og)\s*(?:den\s+)?(?:[12]?\d|3[01])\.?\s+"
                    + _MONTH_ANY + r"(?:\s+" + _YEAR + ")?)")

# "af april", "i sommeren": after "sidste uge" ("den sidste uge af april") the start or end of that unit,
# which a modifier reads, not a week counted from today
_OF_NAMED_UNIT = r"\s+(?:af|i)\s+(?:<MONTH>|<SEASON>|året|måneden|\d{4}(?!\d))"
# "(de kommende) tre dage", "(den seneste) halve time", "(det første) år": a length after an article
# and a word that places it; not "(den første) uge af april" (the start of April, a modifier)
_UNITS_AFTER_ARTICLE = (r"\s+(?:(?P<n><AMOUNT>)\s+(?P<unit><UNIT>)"
                        r"|(?:(?P<half>halve)\s+)?(?P<unit1>uge|måned|år|døgn|halvår|kvartal|årti|time|kvarter|minut))"
                        r"(?!" + _OF_NAMED_UNIT + ")")

RULES: tuple[Rule, ...] = (
    # --- pieces that only count inside a larger expression
    Rule("modifier", r"(?P<mod><POINT_MOD>|<AMOUNT_MOD>)", modifier, ("kort før", "begyndelsen af", "knap")),
    Rule("edge_after_genitive", r"(?P<edge><EDGE_AFTER_GENITIVE>)", edge_after_genitive, ("årets udgang",),
         span="edge"),
    Rule("night_prefix", r"natten\s+(?:til|mod)", night_prefix, ("natten til",)),
    Rule("adverb_prefix", r"(?:tidligere|senere)(?=\s+(?:i\s+dag|i\s+går|i\s+år|på\s|samme\s|<WEEKDAY>))",
         adverb_prefix, ("tidligere i dag", "senere på dagen")),
    Rule("time_zone", r"(?P<zone><ZONE>)", zone, ("dansk tid", "lokal tid")),
    Rule("day_part", r"(?P<part><DAYPART>|<DAYPART_S>)", day_part, ("aften", "aftes")),
    # --- deictic days, years and parts of today
    Rule("deictic_day", r"(?P<word><DEICTIC_DAY>)", deictic_day, ("i dag", "i går", "gårsdagens")),
    Rule("tomorrow_early", r"i\s+morgen\s+tidlig", tomorrow_early, ("i morgen tidlig",)),
    Rule("deictic_year", r"(?P<word><DEICTIC_YEAR>)", deictic_year, ("i år", "i fjor", "årets")),
    Rule("current_unit_genitive", r"(?P<word>ugens|månedens)", current_unit_genitive, ("ugens",)),
    Rule("past_day_part", r"i\s+(?P<part><DAYPART_S>)", past_day_part, ("i morges", "i aftes")),
    Rule("today_part",
         r"i\s+(?P<part>formiddag|eftermiddag|aften)|her\s+til\s+(?P<here>morgen|formiddag|eftermiddag|aften)"
         r"|til\s+(?P<coming>formiddag|eftermiddag|aften)\b"
         r"|ved\s+(?P<time>aften)stid",
         today_part, ("i aften", "her til morgen", "til aften", "ved aftenstid")),
    Rule("tonight", r"i\s+nat|nattens", tonight, ("i nat", "nattens")),
    # a bare "natten" ("mange måtte tilbringe natten i kolde huse", "Natten bød også på ..."): the
    # night of a day named in its sentence, else the one "i nat" names ("om natten" is habitual;
    # "i løbet af/ud på/hele natten" have rules of their own)
    Rule("bare_night",
         r"(?<!\bom\s)(?<!\bden\s)(?<!\baf\s)(?<!\bhele\s)(?<!\bunder\s)"
         r"(?<!\bud\spå\s)(?<!\bhen\spå\s)(?<!\bførst\spå\s)(?<!\bsidst\spå\s)(?<!\bmidt\spå\s)"
         r"natten(?![\w-]|\s+(?:til|efter|før|inden|forinden|derefter|igennem|over)\b)",
         lambda hit: tonight(hit)._replace(anchor="sentence"), ("natten",)),
    # "forventningerne til året", "året som helhed": the year (month, ...) as a whole, as "hele året"
    Rule("unit_as_a_whole",
         r"(?:(?<=forventningerne\stil\s)|(?<=forventninger\stil\s)|(?=\w+\s+som\s+helhed))"
         r"(?P<unit>året|måneden|kvartalet)(?![\w-])", whole_unit, ("forventningerne til året", "året som helhed")),
    # not "hele døgnet" (around the clock), "hele året rundt" (every year), "hele natten til
    # onsdag", "hele ugen før jul" or "hele dagen i går" (the time named after it)
    Rule("whole_unit",
         r"(?:hele|det\s+meste\s+af)\s+(?P<unit>dagen|ugen|måneden|kvartalet|året|natten|weekenden"
         r"|morgenen|formiddagen|eftermiddagen|aftenen)"
         r"(?!\s+(?:til\s|mod\s|rundt\b|\d|efter\b|før\b|inden\b|forinden\b|derefter\b|<DEICTIC_DAY>|"
         r"(?:på\s+)?<WEEKDAY>|den\s+\d))",
         whole_unit, ("hele natten", "hele dagen", "hele ugen", "hele året", "hele weekenden", "det meste af natten")),
    Rule("unit_through", r"(?P<unit>dagen|ugen|natten|weekenden|formiddagen|eftermiddagen|aftenen)\s+igennem",
         whole_unit, ("natten igennem",)),
    Rule("part_in_course",
         r"(?:i\s+løbet\s+af|resten\s+af|hen\s+på|ud\s+på|hen\s+under|først\s+på|sidst\s+på|midt\s+på|"
         r"(?:et\s+godt\s+stykke\s+|langt\s+)ind\s+i|(?:langt\s+)?op\s+ad)\s+"
         r"(?P<part>eftermiddagen|aftenen|natten(?!\s+til\s)|formiddagen|morgenen)",
         part_in_course, ("i løbet af eftermiddagen",), span="part"),
    # "i løbet af eftermiddagen og aftenen", "hele eftermiddagen og aftenen": the second part, in course too
    Rule("part_in_course_too",
         r"(?:i\s+løbet\s+af|resten\s+af|hele)\s+(?:eftermiddagen|formiddagen|morgenen|aftenen)\s+og\s+"
         r"(?P<part>eftermiddagen|aftenen|natten(?!\s+til\s))",
         part_too, ("i løbet af eftermiddagen og aftenen",), span="part"),
    Rule("genitive_part", r"(?P<part>aftenens|morgenens|formiddagens|eftermiddagens)", genitive_part,
         ("aftenens",)),
    # --- weekdays
    Rule("weekday_listed_before_week",
         r"(?P<wd><WEEKDAY>)\s+(?:og|til)\s+<WEEKDAY>\s+i\s+(?:(?P<shift><SHIFT>)\s+uge\b|uge\s+(?P<w>\d{1,2})\b)",
         listed_weekday_in_week, ("mandag og tirsdag i næste uge", "fra mandag til onsdag i uge 8"), span="wd"),
    Rule("weekday_listed_after_week",
         r"(?P<shift><SHIFT>)\s+uge\s+(?:på\s+)?<WEEKDAY>\s+og\s+(?P<wd><WEEKDAY>)", listed_weekday_in_week,
         ("sidste uge mandag og tirsdag",), span="wd"),
    Rule("same_weekday", r"(?:den|samme)\s+(?P<wd><WEEKDAY>)(?!\s*(?:den\s+|d\.\s*)?\d)", same_weekday,
         ("den fredag", "samme mandag")),
    Rule("weekday", r"(?P<wd><WEEKDAY>)", weekday, ("onsdag", "onsdagens")),
    Rule("weekday_plural", r"(?P<wd><WEEKDAY_PLURAL>)", weekday_plural, ("fredage", "lørdage og søndage")),
    Rule("weekday_past_s", r"i\s+(?P<wd><WEEKDAY_PAST_S>)", weekday_past_s, ("i onsdags",)),
    Rule("weekday_coming", r"på\s+(?P<wd><WEEKDAY>)", weekday_coming, ("på onsdag",)),
    Rule("weekday_day", r"(?P<wd><WEEKDAY>)\s+(?:den|d\.)\s+(?P<d>\d{1,2})\.(?!\s*(?:<MONTH>|<MONTH_ABBR>\.?|\d))",
         weekday_day, ("fredag den 13.",)),
    Rule("indefinite_weekday", r"en\s+(?P<wd><WEEKDAY>)(?:\s+(?P<part><DAYPART>))?", indefinite_weekday,
         ("en fredag", "en søndag aften")),
    Rule("shifted_weekday", r"(?P<shift><SHIFT>)\s+(?P<wd><WEEKDAY>)", shifted_weekday, ("sidste mandag",)),
    Rule("nth_in_month",
         r"(?:den\s+)?(?P<nth><NTH>)\s+(?:(?P<wd><WEEKDAY>)|(?P<weekend>weekend(?:en)?))\s+(?:i|af)\s+(?P<month><MONTH>)"
         r"(?:\s+" + _YEAR + ")?",
         nth_in_month, ("den første tirsdag i november", "sidste weekend i august", "den anden weekend af december")),
    # "den sidste fredag i måneden", "den 1. i måneden": a day every month
    Rule("monthly_day",
         r"(?:den\s+)?(?:<NTH>\s+(?:<WEEKDAY>|dag|hverdag|weekend(?:en)?)|\d{1,2}\.)\s+i\s+(?:hver\s+)?måned(?:en)?\b",
         lambda hit: Spec(kind="set", period="P1M"), ("den sidste fredag i måneden", "den 1. i måneden")),
    Rule("night_between", r"natten\s+mellem\s+(?P<wd><WEEKDAY>)\s+og\s+<WEEKDAY>", night_between,
         ("natten mellem tirsdag og onsdag",)),
    # --- units shifted from now
    Rule("shifted_unit",
         r"(?P<shift><SHIFT>)\s+(?P<unit>uges?|måneds?|års?|kvartals?|halvårs?|årti|århundrede|weekends?|dag|døgn)"
         r"(?!(?<=uge)" + _OF_NAMED_UNIT + ")",  # "(den) sidste uge af april" is the end of April
         shifted_unit, ("sidste uge", "næste år", "næste weekend", "sidste århundrede")),
    Rule("day_in_shifted_month", r"(?:den|d\.)\s+(?P<d>\d{1,2})\.\s+i\s+(?P<shift><SHIFT>)\s+måned",
         day_in_shifted_month, ("den 15. i næste måned", "den 1. i denne måned")),
    Rule("edge_of_current", r"(?P<which>årets|månedens)\s+(?P<nth>første|sidste)\s+(?P<what>dag|døgn|måned)",
         edge_of_current, ("årets første dag", "årets sidste måned", "månedens første dag")),
    Rule("months_of_year_genitive",
         r"(?P<deictic>årets|<GENITIVE_YEAR>)\s+(?P<edge>første|sidste)\s+(?:(?P<n><NUMWORD>|\d{1,2})\s+)?måneder",
         months_of_year, ("årets første seks måneder", "sidste års sidste tre måneder", "årets første måneder")),
    Rule("months_of_year",
         r"(?:de\s+)?(?P<edge>første|sidste)\s+(?P<n><NUMWORD>|\d{1,2})\s+måneder\s+"
         r"(?:(?:af|i)\s+(?:året|" + _YEAR + r"|(?P<shift><SHIFT>)\s+år)|(?P<deictic><DEICTIC_YEAR>))",
         months_of_year, ("de første seks måneder af 2019", "de sidste tre måneder af året",
                          "de første tre måneder i år")),
    Rule("genitive_year", r"(?P<word>(?:sidste|forrige|dette|næste|kommende)\s+års)", genitive_year,
         ("næste års",)),
    Rule("shifted_named", r"(?P<shift><SHIFT>)\s+" + _NAMED, shifted_named, ("sidste sommer", "næste jul")),
    Rule("weekend_after_holiday", r"weekenden\s+efter\s+(?P<holiday><HOLIDAY>)", weekend_after_holiday,
         ("weekenden efter påske",)),
    Rule("weekend_after", r"weekenden\s+(?P<dir>efter|før|derpå|derefter|forinden)(?!\s+(?:den\b|\d|<HOLIDAY>|<WEEKDAY>|<MONTH>))",
         weekend_after, ("weekenden efter",)),
    Rule("weekend", r"weekenden|weekendens|den\s+lange\s+weekend\b", weekend, ("weekenden", "den lange weekend")),
    # --- calendar dates
    Rule("day_month", r"(?:(?:den|d\.)\s+)?" + _DAYNUM + r"\.?\s+" + _MONTH_ANY + r"(?:\s+" + _YEAR + ")?",
         day_month, ("den 8. januar", "8. januar 2020", "den første maj", "8. jan. 2020")),
    Rule("weekend_of_dates", r"weekenden\s+" + _DAY_LIST_MONTH, weekend_of_dates, ("weekenden den 5.-6. august",)),
    Rule("day_list_month", _DAY_LIST_MONTH, day_month, ("den 3. og 4. marts",), span="first"),
    Rule("day_list_member", _DAY_LIST_MEMBER, day_month, ("den 9., den 16. og den 23. december",), span="first"),
    Rule("numeric_date", r"(?:(?:den|d\.)\s+)?(?:(?<![\d.,/-])|(?<=\d/\d-)|(?<=\d/\d\d-))(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:(?:-|/|\s)(?P<y>\d{4}))?(?![\d/])",
         numeric_date, ("8/1", "8/1-2020", "d. 24/3")),
    Rule("dashed_date", r"(?<![\d.,/-])(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})(?![\d-])", numeric_date,
         ("12-05-1988",)),
    Rule("dotted_date", r"(?<![\d.,])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?![\d])",
         numeric_date, ("08.01.2020",)),
    Rule("iso_date", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", iso_date, ("2020-01-08",)),
    Rule("dotted_day_month", r"(?:den|d\.)\s+(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?!\d)", numeric_date, ("den 1.4.",)),
    Rule("month_year", r"(?P<month><MONTH>)(?:\s+" + _YEAR + ")?", month_year, ("december", "december 2017")),
    Rule("month_abbr_year", r"(?P<month><MONTH_ABBR>)\.?\s+" + _YEAR, month_year, ("dec. 2017",)),
    Rule("year", r"(?<![\d.,])(?P<y>1[0-9]{3}|20[0-9]{2}|21[0-9]{2})(?![.,]\d)", year, ("i 2007",)),
    Rule("year_range_end", r"(?P<y>1\d{3}|20\d{2})\s?[-–]\s?(?P<second>\d{2})(?!\d|[.,]\d)", year_range_end,
         ("1939-45",), span="second"),
    Rule("year_word", r"(?:året|år)\s+(?P<y>1[0-9]{3}|20[0-9]{2}|[1-9][0-9]{2}(?!\d|[.,]\d))", explicit_year,
         ("året 2020", "år 960")),
    Rule("decade", r"(?:(?P<digits>(?:1[0-9]|20)?[0-9]0)\s*'?\s*ernes?|(?P<word><DECADE_WORD>))", decade,
         ("1990'erne", "90'erne", "halvfemserne")),
    Rule("century", r"(?:(?P<hundreds>\d{1,2})00-tallets?|det\s+(?P<ord>\d{1,2}\.|<ORDWORD>)\s+århundrede)", century,
         ("1800-tallet", "det 19. århundrede")),
    Rule("holiday_unit", r"(?P<word><HOLIDAY_UNIT>)(?![\w-])", holiday_unit, ("det nye år", "påskeugen", "juleugen")),
    Rule("school_week", r"(?P<word>efterårsferien|vinterferien)", school_week, ("efterårsferien",)),
    Rule("iso_week", r"uge\s+(?P<w>\d{1,2})(?:\s+(?:i\s+)?(?P<y>\d{4}))?", iso_week, ("uge 2", "uge 53 2020")),
    Rule("iso_week_list", r"uger?\s+\d{1,2}(?:\s*,\s*\d{1,2})*\s*(?:og|-|–|til)\s*(?P<w>\d{1,2})(?!\d)", iso_week,
         ("uge 33 og 34",), span="w"),
    Rule("quarter", r"(?P<q>første|andet|tredje|fjerde|[1-4]\.)\s+kvartal(?:\s+(?:i\s+)?(?P<y>\d{4}))?"
         r"(?!\s+i\s+træk)", quarter,  # "for tredje kvartal i træk" counts quarters
         ("fjerde kvartal", "1. kvartal 2020")),
    Rule("period_code", r"(?<![\w-])(?P<kind>[QH])(?P<n>[1-4])(?![\w-])(?:\s+(?P<y>\d{4}))?", period_code,
         ("Q4 2022", "H1 2022")),
    # the year's last quarter or half, not the one before now ("I sidste kvartal af året går
    # arbejdet i gang": the fourth)
    Rule("last_of_year", r"sidste\s+(?P<unit>kvartal|halvår)\s+(?:af|i)\s+året",
         lambda hit: Spec(quarter=4) if normal(hit.group("unit") or "") == "kvartal" else Spec(half=2),
         ("sidste kvartal af året", "sidste halvår i året")),
    Rule("half_year", r"(?P<h>første|andet|[12]\.)\s+halvår(?:\s+(?:i\s+)?(?P<y>\d{4}))?", half_year,
         ("første halvår",)),
    # "vinter i 2021"; "vinteren 2024-25" is the winter that begins in 2024
    Rule("season_year", r"(?P<pre><SEASON_PREFIX>)?(?P<season><SEASON>)\s+(?:i\s+)?(?P<year>\d{4})(?:[-–/]\d{2}(?!\d))?",
         season, ("sommeren 2028", "vinter i 2021", "vinteren 2024-25")),
    Rule("season_this", r"i\s+(?P<season>sommer|vinter|forår|efterår)", season, ("i sommer",)),
    # "til sommer" is one expression, as "i sommer" is (the bare season alone names no time); with the
    # article the season stands alone ("(til) foråret"), as annotators write them
    Rule("season_coming_bare", r"til\s+(?P<season>sommer|vinter|forår|efterår)\b", season_coming, ("til sommer",)),
    Rule("season_coming", r"til\s+(?P<season>sommeren|vinteren|foråret|efteråret)", season_coming,
         ("til foråret", "til sommeren"), span="season"),
    # an indefinite season after "inden/før/efter" is the coming one too ("inden sommer")
    Rule("season_coming_indefinite", r"(?:inden|før|efter)\s+(?P<season>sommer|vinter|forår|efterår)", season_coming,
         ("inden sommer", "efter vinter"), span="season"),
    Rule("season_had", r"<SEASON_HAD>\s+(?:et|en)\s+(?:\w+\s+){0,2}(?P<season>sommer|vinter|forår|efterår)", season,
         ("har haft et travlt forår",), span="season"),
    Rule("season_late", r"(?P<pre><SEASON_PREFIX>)(?P<season><SEASON>)", season, ("sensommeren",)),
    Rule("season_early", r"det\s+(?P<pre>tidlig)e\s+(?P<season><SEASON>)", season, ("det tidlige forår",)),
    Rule("season", r"(?P<season><SEASON>)", season_bare, ("efteråret", "sommerens")),
    # "i skærtorsdags", "i påskes": the last one gone, as "i onsdags" is
    Rule("holiday_past_s", r"i\s+(?P<holiday><HOLIDAY>)(?<!n)s\b",  # not a genitive: "i påskens dage"
         lambda hit: Spec(holiday=_holiday(hit.group("holiday")), relation="before"),
         ("i skærtorsdags", "i påskes")),
    Rule("holiday", r"(?P<holiday><HOLIDAY>)(?:\s+" + _YEAR + ")?", holiday, ("påske", "juleaften", "jul 2019")),
    # --- clock times
    Rule("clock", r"(?:klokken|kl\.?)\s+(?P<h>[01]?\d|2[0-4]|<NUMWORD>)(?:[.:](?P<m>[0-5]\d))?", clock,
         ("klokken 20", "kl. 9.30", "kl. 14:30", "klokken et")),
    # a bare "17.15" is a clock time when a time zone follows ("omkring 17.15 dansk tid")
    Rule("clock_zoned", r"(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d)(?=\s+<ZONE>)", clock, ("17.15 dansk tid",)),
    Rule("clock_told",
         r"klokken\s+(?:var|er|blev)\s+(?P<time>(?:(?P<mod><POINT_MOD>)\s+)?(?P<h>[01]?\d|2[0-4]|<NUMWORD>)"
         r"(?:[.:](?P<m>[0-5]\d))?)(?![\d.,]\d|\s*(?:procent|%|kr|mio|år|timer|minutter|dage))",
         clock_told, ("klokken var lidt over otte", "klokken var 23.15"), span="time"),
    # the modifier after "klokken" ("klokken lidt over to", "klokken omkring 14"): one expression
    Rule("clock_modified",
         r"(?:klokken|kl\.?)\s+(?P<mod><POINT_MOD>)\s+(?P<h>[01]?\d|2[0-4]|<NUMWORD>)"
         r"(?:[.:](?P<m>[0-5]\d))?(?![\d.,]\d|\s*(?:procent|%|kr|mio|år|timer|minutter|dage))",
         clock_told, ("klokken lidt over to", "klokken omkring 14", "kl. ca. 15.30")),
    Rule("clock_bare", r"(?<![\d.,:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])", clock_bare, ("14:30",)),
    Rule("clock_half",
         r"(?P<klokken>(?:klokken|kl\.?)\s+)?(?:(?P<n><NUMWORD>|\d{1,2})\s+(?:minutter\s+)?(?P<dir>over|i)\s+)?"
         r"(?P<half>halv)\s+(?P<h><HOUR>)", clock_words, ("halv elleve", "klokken halv tre", "fem over halv tre")),
    Rule("clock_quarter", r"(?P<klokken>(?:klokken|kl\.?)\s+)?(?P<kvart>kvart)\s+(?P<dir>over|i)\s+(?P<h><HOUR>)",
         clock_words, ("kvart over fem", "kvart i seks")),
    Rule("clock_minutes",
         r"(?P<klokken>(?:klokken|kl\.?)\s+)?(?P<n><NUMWORD>|\d{1,2})\s+minutter\s+(?P<dir>over|i)\s+(?P<h><HOUR>)",
         clock_words, ("fem minutter i tolv", "ti minutter over otte")),
    Rule("clock_about", r"(?:(?:ved|omkring)\s+)?(?:(?P<half>halv\s*)?(?:(?P<h>\d{1,2})(?:[.:](?P<m>[0-5]\d))?-tiden|(?P<hw>(?P<h2>"
         r"et|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv))-?tiden))", clock_about,
         ("ved 16-tiden", "femtiden", "ved halv otte-tiden", "ved halvfemtiden")),
    Rule("clock_range_end",
         r"(?:klokken|kl\.?)\s+\d{1,2}(?:[.:]\d{2})?\s*(?:-|–)\s*(?P<second>(?P<h>[01]?\d|2[0-4])(?:[.:](?P<m>[0-5]\d))?)",
         range_end, ("klokken 10-14",), span="second"),
    # "fra halv otte til ni": a spelled clock range's spelled end, with no "klokken" of its own
    Rule("spelled_clock_range_end",
         r"(?:mellem|fra)\s+(?:klokken\s+|kl\.?\s+)?(?P<past>halv|kvart\s+over|kvart\s+i)\s+(?P<start><HOUR>)\s+"
         r"(?:og|til)\s+(?P<second>(?P<h>(?!\d)<HOUR>))"
         r"(?!\s*(?:[.:,]\d|procent|%|kr|år|timer|minutter|dage|point|mål|gange|personer|mennesker))",
         spelled_range_end, ("fra halv otte til ni", "fra halv ni til fire"), span="second"),
    Rule("clock_between_end",
         r"(?:mellem|fra)\s+(?:klokken|kl\.?)\s+\d{1,2}(?:[.:]\d{2})?[^!?\n]{0,30}?\s(?:og|til|-|–)\s+"
         r"(?:klokken\s+)?(?P<second>(?P<h>[01]?\d|2[0-4])(?:[.:](?P<m>[0-5]\d))?)"
         r"(?!\s*(?:procent|%|kr|mio|millioner|år|timer|minutter|dage|personer|mennesker))",
         range_end, ("mellem klokken 10 og 14", "fra klokken 20.15 til 22"), span="second"),
    # "klokken 10 og 16.30", "klokken 8, 12 og 16": the list's last member, and a middle one
    Rule("clock_list_last",
         r"(?:klokken|kl\.?)\s+\d{1,2}(?:[.:]\d{2})?(?:\s*,\s+\d{1,2}(?:[.:]\d{2})?)*\s*(?:,|\s(?:og|eller))\s+"
         r"(?P<second>(?P<h>[01]?\d|2[0-4])(?:[.:](?P<m>[0-5]\d))?)(?![.:,]?\d)",
         clock_list_member, ("klokken 10 og 16.30", "kl. 9.30 og 13"), span="second"),
    Rule("clock_list_middle",
         r"(?:klokken|kl\.?)\s+\d{1,2}(?:[.:]\d{2})?\s*,\s+(?P<second>(?P<h>[01]?\d|2[0-4])(?:[.:](?P<m>[0-5]\d))?)"
         r"(?=\s*(?:,|\s(?:og|eller))\s+\d)",
         clock_list_member, ("klokken 8, 12 og 16",), span="second"),
    # the turn of the month: its first day, the one the tense points to
    Rule("month_turn", r"månedsskiftet", lambda hit: Spec(day=1), ("månedsskiftet",)),
    # a day of the month with no month: "den 12. sidste måned"; "frist til den 24." where the
    # clause ends after it (not the ordinal of "den 24. plads"): the one the tense points to
    Rule("day_of_shifted_month", r"den\s+(?P<day>[12]?\d|3[01])\.\s+(?P<shift><SHIFT>)\s+måned",
         lambda hit: Spec(day=int(hit.group("day") or 0), shift_unit="month", shift=_shift(hit.group("shift"))),
         ("den 12. sidste måned", "den 3. næste måned")),
    Rule("day_of_month", r"den\s+(?P<day>[12]?\d|3[01])\.(?=\s*$|\s*[,;:!?\n]|\s+\w)", day_of_month, ("den 24.,",)),
    Rule("midnight", r"midnat", midnight, ("midnat",)),
    # "ved midnatstid": about midnight, as "ved 16-tiden"
    Rule("midnight_about", r"(?:ved\s+)?midnatstid(?:en)?", lambda hit: midnight(hit)._replace(mod="APPROX"),
         ("ved midnatstid", "midnatstiden")),
    Rule("noon", r"middagstid(?:en)?|ved\s+middag|ved\s+frokosttid", noon, ("middagstid",)),
    # "Vi har ventet på denne dag i ti år", "glædet os til denne dag": the day the news is of, today
    Rule("awaited_day", r"(?:ventet|glædet\s+(?:os|mig|sig)|set\s+frem)\s+(?:på|til)\s+(?P<day>denne\s+dag)\b",
         lambda hit: Spec(shift_unit="day", shift=0), ("ventet på denne dag",), span="day"),
    # "ved daggry", "siden de tidlige morgentimer": the morning
    Rule("dawn", r"ved\s+(?P<dawn>daggry|solopgang)\b|(?P<hours>de\s+tidlige\s+morgentimer)",
         lambda hit: Spec(part="MO"), ("ved daggry", "de tidlige morgentimer")),
    # "frem til middag", "inden middag": noon ("til middag" alone is mostly dinner)
    Rule("until_noon", r"(?:frem\s+til|indtil|inden|før)\s+(?P<noon>middag)\b(?!s)", noon, ("frem til middag",),
         span="noon"),
    # "fra middag til klokken 02": noon, opening a range to a clock time
    Rule("from_noon", r"fra\s+(?P<noon>middag)(?=\s+til\s+(?:klokken|kl\.|\d))", noon, ("fra middag til klokken 2",),
         span="noon"),
    # --- durations
    Rule("duration", r"(?P<n><AMOUNT>)\s+(?:<DURATION_ADJECTIVE>\s+)?(?P<unit><UNIT>)", duration,
         ("tre dage", "et par dage", "to år", "fem lange år")),
    # "i tre weekender": a count of weekends (TIMEX3 P3WE)
    Rule("weekends", r"(?P<n><AMOUNT>)\s+weekender\b",
         lambda hit: Spec(kind="duration", amount=_amount(hit)[0], unit="weekend"), ("tre weekender",)),
    Rule("vague_noun_duration", r"en\s+(?P<noun><VAGUE_NOUN>)",
         lambda hit: Spec(kind="duration", unit=load_lexicon().vague_nouns[normal(hit.group("noun") or "")], vague=True),
         ("en årrække",)),
    Rule("compound_duration", r"(?P<n>\d{1,3}-|<NUMWORD>)(?P<unit>dages|døgns|timers|ugers|måneders)\b",
         compound_duration, ("tredages", "14-dages")),
    Rule("vague_adverb_duration", r"i\s+(?P<unit><UNIT_ADVERB>)", vague_adverb_duration, ("i årevis",)),
    # "de følgende uger", "de første dage"; "de seneste uger" too: every annotation of it accepts PXW,
    # some also PAST_REF
    Rule("following_units",
         r"de\s+(?:(?:efter)?følgende|seneste|første)\s+(?P<unit>dage|døgn|uger|måneder|år|timer)(?!\s+(?:af|i)\s)",
         lambda hit: Spec(kind="duration", unit=_unit(hit.group("unit")), vague=True),
         ("de følgende uger", "de seneste måneder")),
    Rule("recent_duration",
         r"(?P<article>de|den|det)\s+(?P<which>kommende|næste|seneste|sidste|forgangne|foregående)" + _UNITS_AFTER_ARTICLE,
         lambda hit: recent_duration_any(hit), ("de kommende to uger", "det seneste år", "det seneste halve år",
                                                "den seneste time")),
    Rule("first_duration", r"(?P<article>de|den|det)\s+første" + _UNITS_AFTER_ARTICLE,
         lambda hit: first_duration(hit), ("den første halve time", "den første time", "de første 20 minutter",
                                           "de første tre dage", "det første år")),
    # --- offsets
    Rule("ago", r"for\s+(?:(?P<amod><AMOUNT_MOD>)\s+|<NEUTRAL>\s+)?(?P<n><AMOUNT>)\s+(?P<unit><UNIT>)(?:\s+tid)?\s+siden", ago,
         ("for tre dage siden", "for godt en uge siden")),
    # ("om tre til fire dage": the nearer of the two, as annotators list both)
    Rule("from_now", r"om\s+(?:(?P<amod><AMOUNT_MOD>)\s+|<NEUTRAL>\s+)?(?P<n><AMOUNT>)(?:\s+(?:til|eller)\s+<AMOUNT>)?"
         r"\s+(?P<unit><UNIT>)(?:\s+tid\b)?", from_now,
         ("om to uger", "om et halvt år", "om cirka to måneder", "om tre til fire dage")),
    # "om en 20 års tid", "om en tre ugers tid": about that long ahead
    Rule("from_now_about", r"om\s+en\s+(?P<n><AMOUNT>)\s+(?P<unit><UNIT>)\s+tid\b", from_now,
         ("om en 20 års tid",)),
    Rule("later", r"(?P<n><AMOUNT>)\s+(?P<unit><UNIT>)\s+(?P<dir>senere|tidligere|derefter|forinden|efter|før|inden)",
         later, ("tre dage senere", "to uger tidligere")),
    Rule("unit_after",
         r"(?P<unit><UNIT_DEF>|aftenen|morgenen|natten|eftermiddagen|formiddagen)\s+"
         r"(?P<dir>efter|før|derpå|derefter|forinden|efterfølgende|i\s+forvejen)",
         unit_after, ("dagen efter", "ugen før", "aftenen før")),
    Rule("unit_in_course", r"(?:i\s+løbet\s+af|resten\s+af)\s+(?P<unit>dagen|døgnet|ugen|måneden|året)",
         same_unit, ("i løbet af dagen", "resten af året")),
    # a company's quarter or half year talked of bare: the one the text named ("første kvartal 2017 ...
    # Kæden åbnede i løbet af kvartalet", "kalder kvartalet det svageste siden 2009")
    Rule("unit_referred", r"(?P<unit>kvartalet|halvåret)s?", same_unit, ("kvartalet", "halvårets")),
    Rule("same_period_years_away", r"samme\s+(?P<unit><SAME_PERIOD>)\s+(?P<years><YEARS_AWAY>)",
         same_period_years_away, ("samme periode sidste år", "samme måned året før", "samme kvartal i fjor")),
    Rule("same_unit", r"samme\s+(?P<unit>dag|døgn|uge|måned|år|aften|morgen|nat|eftermiddag|formiddag)"
         r"|(?:den|denne)\s+(?P<part>nat|aften)(?![\w-])", same_unit, ("samme dag", "samme aften", "den nat", "denne aften")),
    # "selve dagen": the day itself, the one the text is at (as "samme dag")
    Rule("itself_unit", r"selve\s+(?P<unit>dag|aften|nat)(?:en)?(?![\w-])", same_unit, ("selve dagen", "selve aftenen")),
    Rule("following_unit",
         r"(?:(?:den|det)\s+(?P<dir>følgende|efterfølgende|næste|foregående|forrige)\s+|(?P<next>næste)\s+)"
         r"(?P<unit>dag|døgn|morgen|aften|uge|måned)", following_unit, ("den følgende dag", "næste morgen")),
    Rule("current_definite", r"(?P<unit><UNIT_DEF>)", current_definite, ("ugen", "måneden")),
    # --- reference values
    Rule("reference", r"(?P<word><REF>)", reference, ("nu", "for nylig", "de kommende dage")),
    Rule("past_adverb", r"tidligere(?!\s+(?:i\s+dag|i\s+går|i\s+år|på\s|samme\s|<WEEKDAY>))", past_adverb,
         ("har tidligere",)),
    # --- sets
    Rule("every", r"hver(?:t|e)?\s+(?:(?:eneste|hele)\s+)?(?:(?P<half>halve)\s+|(?P<ord>anden|andet|<ORDWORD>|\d{1,3}\.)\s+)?"
         r"(?P<what><UNIT>|<WEEKDAY>|<DAYPART>|weekend|<HOLIDAY>|<MONTH>|<SEASON>)(?:\s+(?P<part><DAYPART>))?",
         every, ("hver onsdag", "hvert tiende minut", "hver halve time", "hvert år", "hver søndag aften",
                 "hvert forår", "hver juleaften", "hvert 90. minut", "hver hele time")),
    Rule("habitual_season", r"om\s+(?P<season><SEASON>)(?!\s*\d)",
         lambda hit: Spec(kind="set", season=load_lexicon().seasons[normal(hit.group("season") or "")]),
         ("om sommeren", "om vinteren")),
    Rule("habitual_weekday", r"om\s+(?P<wd><WEEKDAY>)(?:en|ene)\b",
         lambda hit: Spec(kind="set", weekday=_weekday(hit.group("wd"))), ("om mandagen", "om søndagene")),
    # every weekend: "(i) weekenderne" (the "i" left out, as 19 of 20 annotations do), "alle weekender"
    Rule("habitual_weekends", r"(?:alle\s+weekender|weekenderne)\b", lambda hit: Spec(kind="set", weekend=True),
         ("i weekenderne", "alle weekender")),
    Rule("frequency_adverb", r"(?P<word><FREQUENCY>)", frequency_adverb, ("dagligt", "ugentligt")),
    Rule("times_per", r"(?:<AMOUNT>|én|en)\s+gang(?:e)?\s+(?:om|pr\.?|per|i|hver|hvert)\s+"
         r"(?P<unit>dagen|døgnet|ugen|måneden|kvartalet|halvåret|året|timen|dag|døgn|uge|måned|kvartal|halvår|år|time)",
         times_per, ("to gange om ugen", "en gang i kvartalet")),
    # days or hours a week, a month: how often, one SET with the period ("seks dage om ugen",
    # "37 timer om ugen", "tre aftener om måneden")
    Rule("length_per", r"(?:<AMOUNT>|en|et)\s+(?:dage|timer|aftener|nætter|weekender)\s+(?:om|pr\.?|per|i)\s+"
         r"(?P<unit>ugen|måneden|året)", times_per, ("seks dage om ugen", "37 timer om ugen")),
    # a rate: "300 kroner om måneden", "spare 9,5 millioner om året" (not "om dagen": also daytime;
    # not "selv om året begyndte …": although)
    Rule("per_unit", r"(?<!selv\s)om\s+(?P<unit>ugen|måneden|året)", times_per, ("om måneden",)),
    # "en time om dagen", "50 kroner om dagen": a rate after a length or an amount of money
    Rule("per_day", r"(?:om\s+(?=dagen|døgnet)|i\s+(?=timen|døgnet))(?P<unit>dagen|døgnet|timen)", per_day,
         ("en time om dagen", "to tog i timen")),
)


_NEXT_UNIT_DATES = frozenset({"uge", "måned", "år", "kvartal", "halvår"})


def recent_duration_any(hit: Hit) -> Spec | None:
    """"det seneste år" is a year's length; "den kommende uge" the next week, like "næste uge";
    plural "de kommende døgn" and "de næste par dage" a vague future ("de næste tre dage" a length)."""
    future = normal(hit.group("which") or "") in ("kommende", "næste")
    if hit.has("n") and future and _plural_article(hit) and _amount(hit)[1]:
        return Spec(kind="ref", ref="FUTURE_REF")
    if hit.has("unit1"):
        if _plural_article(hit):
            return Spec(kind="ref", ref="FUTURE_REF" if future else "PAST_REF")
        unit = normal(hit.group("unit1") or "")
        if future and not hit.has("half") and unit in _NEXT_UNIT_DATES:
            return Spec(shift_unit=_UNIT_SHIFT_NAMES[unit], shift=1)
        return _one_unit(hit)
    return recent_duration(hit)


def first_duration(hit: Hit) -> Spec | None:
    """"den første halve time", "de første tre dage": the length of the start of what is told;
    "de første år" a vague one. "det første kvartal" and "halvår" are Q1 and H1 (rules quarter, half_year)."""
    if not hit.has("unit1"):
        return recent_duration(hit)
    unit = _unit(hit.group("unit1"))
    if unit in ("quarter", "half"):
        return None
    return Spec(kind="duration", unit=unit, vague=True) if _plural_article(hit) else _one_unit(hit)


def _plural_article(hit: Hit) -> bool:
    return normal(hit.group("article") or "") == "de"


def _one_unit(hit: Hit) -> Spec:
    """"(det seneste) år", "(den første) halve time": one unit, or half of one."""
    return Spec(kind="duration", amount=0.5 if hit.has("half") else 1, unit=_unit(hit.group("unit1")))


def rules_by_name() -> dict[str, Rule]:
    return {rule.name: rule for rule in RULES}
