"""The small readers the productions share.

They turn a matched group into the lexicon's value (a weekday's or month's number, a unit's
name, a shift, an amount) and answer the questions about the words around a match that
productions of several kinds ask: is it a name or the head of a compound rather than a calendar
word, does it name a kind of thing, does a count or a sum of money follow, does a clause end.
"""

from __future__ import annotations

import re
from itertools import pairwise

from normalise.hit import Hit
from normalise.lexicon import load_lexicon
from normalise.spec import Relation, Spec
from normalise.words import is_vague, normal, number, words


def weekday_number(text: str | None) -> int:
    return words().weekdays[normal(text or "")]


def month_number(hit: Hit, group: str = "month") -> int:
    name = normal(hit.group(group) or "").rstrip(".")
    lex = load_lexicon()
    return lex.months.get(name) or lex.month_abbreviations[name]


def holiday_name(text: str | None) -> str:
    """The lexicon's name of a holiday form ("påsken" -> "paaske")."""
    return words().holidays[normal(text or "")]


def year_number(text: str | None) -> int | None:
    return int(text) if text else None


def day_number(text: str) -> int:
    text = normal(text).rstrip(".")
    return int(text) if text.isdigit() else words().ordinals[text]


def shift_of(text: str | None) -> int:
    return load_lexicon().shift_words[normal(text or "")]


def after_or_before(hit: Hit) -> Relation:
    """"after" or "before", as the hit's ``dir`` word says ("weekenden efter", "sommeren før")."""
    return "after" if load_lexicon().anaphoric_after_unit[normal(hit.group("dir") or "")] > 0 else "before"


def amount_of(hit: Hit, group: str = "n") -> tuple[float | None, bool]:
    raw = hit.group(group) or ""
    return number(raw), is_vague(raw)


def unit_name(text: str | None) -> str:
    w = words()
    key = normal(text or "")
    return w.units.get(key) or w.definite_units.get(key) or w.adverb_units[key]


_COMPOUND_TAIL = re.compile(r"-(\w{3,})")


def not_calendar_word(hit: Hit, group: str) -> bool:
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


def all_capitalised(hit: Hit) -> bool:
    return all(word[:1].isupper() for word in hit.match.group().split())


def names_a_kind(hit: Hit) -> bool:
    """"Sådan et år", "sikke en uge", "en så tør forsommer": a kind of year or summer, no time."""
    lex = load_lexicon()
    before = hit.words_before(3)
    if before and before[-1] in lex.kind_words:
        return True
    return any(word in lex.kind_articles and after in lex.kind_degree for word, after in pairwise(before))


MONEY_AFTER = {"kr", "kr.", "kroner", "kroners", "euro", "dollar", "dollars", "mio", "mio.", "mia", "mia.", "pct", "%",
               "procent", "point", "mand", "stk", "stk."}


def counts_something(word: str) -> bool:
    """A plural noun or a comparative after a number ("2000 personer", "28 flere") makes it a count,
    not a year ("2023 viser")."""
    lex = load_lexicon()
    if word in lex.count_comparatives:
        return True
    verbs = (lex.future_verbs, lex.past_verbs, lex.present_verbs)
    return len(word) > 3 and word.endswith(("er", "ere")) and not any(word in forms for forms in verbs) \
        and word not in ("efter", "inden", "under", "over", "siden", "hvor")  # ("2000 danskere")


_NEXT_WORD = re.compile(r"\s*(\w+|%)")


def amount_after(text: str, offset: int) -> bool:
    """Whether a unit of money or a counted noun follows ("2000-2500 kroner", "1950-60 deltagere")."""
    match = _NEXT_WORD.match(text, offset)
    word = match.group(1).lower() if match else ""
    return word in MONEY_AFTER or counts_something(word)


CLAUSE_WORDS = {".", ",", ";", ":", "!", "?", ""}


def with_fields(spec: Spec, **changes: object) -> Spec:
    return spec._replace(**changes)  # type: ignore[arg-type]
