"""Productions of years written in figures ("i 2007", "1939-45", "året 2020"), with the
readings of the words around a number that tell a year from a count or a sum ("2000 kroner",
"2000 deltagere").
"""

from __future__ import annotations

import re
from functools import cache

from normalise.hit import CLAUSE_END, Hit
from normalise.lexicon import load_lexicon
from normalise.rules.readers import MONEY_AFTER, amount_after, counts_something
from normalise.spec import Spec
from normalise.words import phrase

_YEAR_CONTEXT = {"i", "for", "siden", "fra", "til", "før", "inden", "efter", "år", "året", "årene", "indtil",
                 "frem", "af", "ultimo", "primo", "medio", "og", "eller", "juni", "sæsonen", "valget",
                 "sommeren", "vinteren", "foråret", "efteråret", "julen", "påsken", "finanslov",
                 "finansloven", "budget", "budgettet", "udgangen", "begyndelsen", "slutningen",
                 "midten", "starten", "omkring", "tilbage", "helt", "tidligst", "senest", "per", "pr."}
# "ringe til 1813", "sms'e til 1919": a number called, not a year
_CALLING_VERBS = {"ring", "ringe", "ringer", "ringede", "ringet", "sms", "sms'e", "sms'er", "skrive", "skriv"}


def _is_phone_number(two_before: list[str]) -> bool:
    return len(two_before) == 2 and two_before[1] == "til" and two_before[0] in _CALLING_VERBS


_AMOUNT_CONTEXT = {"over", "under", "mindst", "højst", "cirka", "ca.", "ca", "knap", "næsten", "godt",
                   "blot", "kun", "hele", "alle", "op", "mod", "end", "med", "på", "nummer", "nr.", "nr"}


# "2015-2019", "2015–19": a range of years, each end a year of its own.
_YEAR_RANGE_AFTER = re.compile(r"\s?[-–]\s?(\d{4}|\d{2})(?!\d|[.,]\d)")
_YEAR_RANGE_BEFORE = re.compile(r"(?<![\d.,])(\d{4})\s?[-–]\s?$")


def _in_century_of(year: int, two_digits: int) -> int:
    """"2010-15": the year ending in ``two_digits`` in ``year``'s century."""
    return year - year % 100 + two_digits


def _in_year_range(hit: Hit, value: int) -> bool:
    """Whether the year opens or closes a range of years that runs forward."""
    end = hit.match.end()
    following = _YEAR_RANGE_AFTER.match(hit.text, end)
    if following is not None and not amount_after(hit.text, following.end()):
        digits = following.group(1)
        last = int(digits) if len(digits) == 4 else _in_century_of(value, int(digits))
        return value < last <= 2100
    preceding = _YEAR_RANGE_BEFORE.search(hit.text[max(0, hit.match.start() - 8):hit.match.start()])
    return preceding is not None and 1900 <= int(preceding.group(1)) < value


_ARTICLE_BEFORE_ADJECTIVE = ("et", "det")  # "et svært 2022", "det forgangne 2023": a year described
# Phrases before a number that make it a year although their last word may count amounts.
_YEAR_PHRASES = (("frem", "mod"), ("til", "og", "med"), ("afslutning", "på"), ("afslutningen", "på"),
                 ("start", "på"), ("starten", "på"), ("begyndelsen", "på"), ("slutningen", "på"))
_AFTER_YEAR = ("hvor", "da", "og", "til", "blev", "var", "kom", "fik", "vandt", "bliver")  # "at 2017 bliver et mellemår"
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
    counted = after in MONEY_AFTER or (counts_something(after) and not _opens_clause_with_i(hit, before)
                                        and not _ends_range_of_years(words_before))
    # ("2000 kroner", "2000 deltagere"; but "I 2026 stiger værdien": the verb second after the opening)
    if not counted and _ends_with_year_phrase(words_before):
        return Spec(year=value)  # "frem mod 2030", "til og med 2021"
    if before == "hele" and likely and (two_before[0] in _YEAR_CONTEXT or after in CLAUSE_END + _WHOLE_YEAR_AFTER):
        return Spec(year=value)  # "i hele 2020", "hele 2019 var ...", not "hele 2000 deltagere"
    if likely and not counted and len(two_before) == 2 and two_before[0] in _ARTICLE_BEFORE_ADJECTIVE \
            and two_before[1].isalpha():
        return Spec(year=value)  # "Efter et svært 2022", "et godt 2023" (not "et godt 2000 kroner")
    if (before in _AMOUNT_CONTEXT and before not in _YEAR_CONTEXT) or counted or _is_phone_number(two_before):
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
    if not 1900 <= start <= 2100 or end - start > 30 or amount_after(hit.text, hit.match.end()):
        return None
    return Spec(year=end)


def explicit_year(hit: Hit) -> Spec | None:
    digits = hit.group("y") or ""
    if len(digits) == 3 and (hit.word_before() == "i" or amount_after(hit.text, hit.match.end())):
        return None  # "koster i år 300 kroner mere": this year, then an amount
    return Spec(year=int(digits))
