"""Times that date the telling of the news, not the story: "Det oplyser politiet i dag"."""

from __future__ import annotations

import re
from functools import lru_cache

from normalise.lexicon import load_lexicon
from normalise.words import phrase


def tells_the_news(text: str, start: int, sentence_start: int) -> bool:
    """Whether the expression at ``start`` follows a reporting verb and its source
    ("bekræfter Udenrigsministeriet torsdag", "oplyser museet i dag", "sagde hun, da hun kort
    efter klokken 9.30 ...") in its sentence."""
    return _after_reporting_verb().search(text, max(sentence_start, start - 80), start) is not None


@lru_cache(maxsize=1)
def _after_reporting_verb() -> re.Pattern[str]:
    lex = load_lexicon()
    # a source's words, a party's letters and an ampersand among them ("Jakob Ellemann-Jensen (V) til
    # Ritzau", "brancheorganisationen Forsikring & Pension")
    words = rf"(?:(?!{phrase(lex.reporting_not_source)}\s)(?:[\w.&-]+|\(\w{{1,3}}\))\s+)"
    when = rf"(?:[\w.-]+,\s+{phrase(lex.reporting_when)}\s+\w+\s+)?"  # "Fog, da hun": when the source spoke
    return re.compile(rf"(?<!\w){phrase(lex.reporting_verbs)}\s+{words}{{0,{lex.reporting_reach}}}{when}$",
                      re.IGNORECASE)
