"""Productions of times named from now: the deictic days and years ("i dag", "i fjor",
"årets"), the parts of today and tonight ("i aften", "i nat", "hele natten"), and the reference
values ("nu", "tidligere"), with the readings that tell "i dag" meaning nowadays and "nu" as a
particle.
"""

from __future__ import annotations

import re

from normalise.hit import Hit
from normalise.lexicon import load_lexicon
from normalise.rules.readers import CLAUSE_WORDS, unit_name
from normalise.rules.weekdays import weekend
from normalise.spec import Spec
from normalise.tense import is_participle
from normalise.words import normal, words


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


def deictic_year(hit: Hit) -> Spec | None:
    """"i år", "i fjor"; "årets" is the year its sentence named before it, if any ("I 2014 lå
    årets største handelsdag i december": 2014's), else this one; not the name of an award
    ("kåret som Årets Gårdbutik")."""
    word = normal(hit.group("word") or "")
    if word == "årets" and hit.is_name("word"):
        return None
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
        whole = Spec(shift_unit=unit_name(word), shift=0)
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
            or is_participle(after) or after in CLAUSE_WORDS - {""}:  # "har rådet tidligere beregnet": before a participle too
        return Spec(kind="ref", ref="PAST_REF")
    if before == "mod" and (after[:1].isdigit() or after in words().cardinals):
        return Spec(kind="ref", ref="PAST_REF")  # "fire afgange mod tidligere fem": the number before now
    return None
