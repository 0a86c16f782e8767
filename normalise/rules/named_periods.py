"""Productions of months, seasons and holidays by name ("december 2017", "sensommeren",
"til foråret", "påske", "det nye år"), with the readings that tell a name or a statement about
the holiday itself ("Julen er en travl tid") from a time.
"""

from __future__ import annotations

import re
from functools import cache

from normalise.hit import Hit
from normalise.lexicon import holiday_by_name, load_lexicon
from normalise.rules.readers import (
    after_or_before,
    holiday_name,
    month_number,
    names_a_kind,
    not_calendar_word,
    year_number,
)
from normalise.spec import Spec
from normalise.words import normal


def named_period(hit: Hit) -> Spec | None:
    """A month, season or holiday by name."""
    lex = load_lexicon()
    if hit.has("month"):
        if not_calendar_word(hit, "month"):
            return None
        return Spec(month=month_number(hit))
    if hit.has("season"):
        key = normal(hit.group("season") or "")
        return Spec(season=lex.seasons[key])
    if hit.has("holiday"):
        return Spec(holiday=holiday_name(hit.group("holiday")))
    return None


def month_year(hit: Hit) -> Spec | None:
    if not_calendar_word(hit, "month"):
        return None
    return Spec(month=month_number(hit), year=year_number(hit.group("year")))


def season(hit: Hit) -> Spec | None:
    lex = load_lexicon()
    prefix = normal(hit.group("pre") or "")
    if prefix and names_a_kind(hit):
        return None  # "Vi har ikke haft en så tør forsommer siden 1976"
    return Spec(season=lex.seasons[normal(hit.group("season") or "")], year=year_number(hit.group("year")),
                mod=lex.season_prefixes.get(prefix))


def season_after(hit: Hit) -> Spec:
    """"foråret efter", "sommeren før": the first such season after (or before) the time referred to."""
    season = load_lexicon().seasons[normal(hit.group("season") or "")]
    return Spec(season=season, relation=after_or_before(hit), anchor="reference")


def season_after_adjective(hit: Hit) -> Spec | None:
    """"efter (en) varm sommer": the season an adjective sums up; not a name ("efter at Peter Sommer
    i oktober meddelte"), whose words are capitalised."""
    if not (hit.group("season") or "").islower() or not (hit.group("adjective") or "").islower():
        return None
    return season(hit)


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
    name = holiday_name(hit.group("holiday"))
    return Spec(holiday=name, year=year_number(hit.group("year")), part=holiday_by_name(name).part)
