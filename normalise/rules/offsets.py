"""Productions of times counted from another time: from now ("for tre dage siden", "om
to uger") or from the time referred to ("tre dage senere", "dagen efter", "samme dag", "den
følgende dag", "samme kvartal sidste år").
"""

from __future__ import annotations

import re

from normalise.ages import after_age_verb
from normalise.hit import Hit
from normalise.lexicon import load_lexicon
from normalise.rules.readers import CLAUSE_WORDS, amount_of, unit_name
from normalise.spec import Spec
from normalise.words import normal


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
    amount, vague = amount_of(hit)
    if vague or amount is None:
        return Spec(kind="ref", ref=vague_ref)
    mod = "APPROX" if hit.has("amod") else None
    return Spec(shift_unit=unit_name(hit.group("unit")), shift=direction, amount=amount, mod=mod)


def _stands_alone(hit: Hit) -> bool:
    """"tre dage efter." / "dagen efter blev han ..." - not "tre dage efter angrebet"."""
    after = hit.word_after()
    lex = load_lexicon()
    return after in CLAUSE_WORDS or after in lex.past_verbs or after in lex.future_verbs or after in {
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
    amount, vague = amount_of(hit)
    if vague or amount is None:
        return None
    unit = unit_name(hit.group("unit"))
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
    if word == "dagen" and direction == 1 and hit.word_before() == "kommer" and _THAT_CLAUSE.match(hit.text, hit.match.end()):
        # "Beslutningen kommer dagen efter, at holdet søndag tabte": the news of today, the day after
        return Spec(shift_unit="day", shift=0)
    return Spec(shift_unit=unit_name(word), shift=direction, anchor="reference")


_THAT_CLAUSE = re.compile(r",?\s+at\b")


def same_unit(hit: Hit) -> Spec:
    """"samme dag", "samme aften", "den nat": the unit of the time referred to ("samme aften" the
    evening of the day the text is at, relation "same"; "den nat" the night it told of)."""
    word = normal(hit.group("unit") or hit.group("part") or "")
    lex = load_lexicon()
    part = lex.day_parts.get(word)
    if part is not None:
        return Spec(shift_unit="day", shift=0, part=part, anchor="reference",
                    relation="same" if hit.has("unit") else "tense")
    return Spec(shift_unit=unit_name(word), shift=0, anchor="reference")


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
    return Spec(shift_unit=unit_name(word), shift=direction, anchor="reference")


def current_definite(hit: Hit) -> Spec:
    """"(slutningen af) ugen", "(senere på) dagen": the unit of the time referred to,
    else the current one. Counts only after a modifier or "senere på"."""
    return Spec(kind="part", shift_unit=unit_name(hit.group("unit")), shift=0, anchor="reference")
