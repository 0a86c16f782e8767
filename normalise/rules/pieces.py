"""Productions of the pieces that only count inside a larger expression: modifiers ("kort
før", "begyndelsen af"), the prefixes "natten til" and "tidligere", time zones ("dansk tid") and
a bare part of the day ("aften"); ``compose`` joins them to the expression next to them.
"""

from __future__ import annotations

from normalise.hit import Hit
from normalise.lexicon import load_lexicon
from normalise.spec import Spec
from normalise.words import normal


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


def night_prefix(hit: Hit) -> Spec:
    return Spec(kind="prefix", night_before=True)


def adverb_prefix(hit: Hit) -> Spec:
    return Spec(kind="prefix", adverb=True)


def zone(hit: Hit) -> Spec:
    return Spec(kind="zone", zone=load_lexicon().zones[normal(hit.group("zone") or "")])


def day_part(hit: Hit) -> Spec | None:
    """"aften" alone: only a part of a larger expression ("lørdag aften")."""
    key = normal(hit.group("part") or "")
    lex = load_lexicon()
    part = lex.day_parts.get(key) or lex.day_parts_s.get(key)
    return Spec(kind="part", part=part) if part else None
