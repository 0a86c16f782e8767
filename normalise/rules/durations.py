"""Productions of lengths of time: "tre dage", "et tredages besøg", "i årevis" and the
lengths after an article ("de kommende to uger", "den første halve time"), some of which name
a date or a vague reference instead ("den kommende uge", "de kommende døgn").
"""

from __future__ import annotations

from normalise.ages import after_person_and_preposition, looks_like_age
from normalise.hit import Hit
from normalise.lexicon import load_lexicon
from normalise.rules.readers import amount_of, names_a_kind, unit_name
from normalise.rules.shifted import UNIT_SHIFT_NAMES
from normalise.spec import Spec
from normalise.words import normal, words


def compound_duration(hit: Hit) -> Spec:
    """"et tredages besøg", "en 14-dages frist": a length written as one word."""
    number = (hit.group("n") or "").rstrip("-")
    amount = int(number) if number.isdigit() else words().cardinals[normal(number)]
    return Spec(kind="duration", amount=amount, unit=unit_name(hit.group("unit")))


def duration(hit: Hit) -> Spec | None:
    amount, vague = amount_of(hit)
    unit = unit_name(hit.group("unit"))
    lex = load_lexicon()
    if (unit == "year" and looks_like_age(hit)) or (unit != "year" and hit.word_after() in lex.age_after):
        return None  # "hun er 45 år", "godt ti uger gammel"
    if unit in ("month", "week") and after_person_and_preposition(hit.words_before(4), young=True):
        return None  # a baby's age: "en pige på otte måneder"
    if normal(hit.group("n") or "") in lex.kind_articles and names_a_kind(hit):
        return None  # "Sådan et år har vi ikke haft"
    if not vague and amount == 0:
        return None
    return Spec(kind="duration", amount=amount, unit=unit, vague=vague)


def vague_adverb_duration(hit: Hit) -> Spec:
    return Spec(kind="duration", unit=unit_name(hit.group("unit")), vague=True)


def recent_duration(hit: Hit) -> Spec | None:
    """"de kommende to uger", "de seneste tre dage", "det seneste år"."""
    if hit.has("n"):
        amount, vague = amount_of(hit)
    else:
        amount, vague = 1.0, False
    return Spec(kind="duration", amount=amount, unit=unit_name(hit.group("unit")), vague=vague)


_NEXT_UNIT_DATES = frozenset({"uge", "måned", "år", "kvartal", "halvår"})


def recent_duration_any(hit: Hit) -> Spec | None:
    """"det seneste år" is a year's length; "den kommende uge" the next week, like "næste uge";
    plural "de kommende døgn" and "de næste par dage" a vague future ("de næste tre dage" a length)."""
    future = normal(hit.group("which") or "") in ("kommende", "næste")
    if hit.has("n") and future and _plural_article(hit) and amount_of(hit)[1]:
        return Spec(kind="ref", ref="FUTURE_REF")
    if hit.has("unit1"):
        if _plural_article(hit):
            return Spec(kind="ref", ref="FUTURE_REF" if future else "PAST_REF")
        unit = normal(hit.group("unit1") or "")
        if future and not hit.has("half") and unit in _NEXT_UNIT_DATES:
            return Spec(shift_unit=UNIT_SHIFT_NAMES[unit], shift=1)
        return _one_unit(hit)
    return recent_duration(hit)


def first_duration(hit: Hit) -> Spec | None:
    """"den første halve time", "de første tre dage": the length of the start of what is told;
    "de første år" a vague one. "det første kvartal" and "halvår" are Q1 and H1 (rules quarter, half_year)."""
    if not hit.has("unit1"):
        return recent_duration(hit)
    unit = unit_name(hit.group("unit1"))
    if unit in ("quarter", "half"):
        return None
    return Spec(kind="duration", unit=unit, vague=True) if _plural_article(hit) else _one_unit(hit)


def _plural_article(hit: Hit) -> bool:
    return normal(hit.group("article") or "") == "de"


def _one_unit(hit: Hit) -> Spec:
    """"(det seneste) år", "(den første) halve time": one unit, or half of one."""
    return Spec(kind="duration", amount=0.5 if hit.has("half") else 1, unit=unit_name(hit.group("unit1")))


def race_time(hit: Hit) -> Spec:
    """"i tiden 2.05.41": a length of hours, minutes and seconds (``PT2H5M41S``)."""
    hours, minutes, seconds = (int(hit.group(name) or 0) for name in ("h", "m", "s"))
    period = "PT" + "".join(f"{amount}{code}" for amount, code in ((hours, "H"), (minutes, "M"), (seconds, "S")) if amount)
    return Spec(kind="duration", amount=hours, unit="hour", period=period)
