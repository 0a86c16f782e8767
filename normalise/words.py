"""Word tables derived from the lexicon, and the regex fragments built from them.

Danish number words are composed here from their parts ("en" + "og" + "tyve"),
so the lexicon lists each part once. Every fragment is a non-capturing
alternation, longest form first, with spaces matching any whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from normalise.lexicon import Lexicon, load_lexicon

try:  # letters that case-insensitive matching equates beyond str.lower ("i" and the dotless i)
    from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    _EXTRA_CASES = {}


def phrase(words: Iterable[str]) -> str:
    """A regex for any of the words and phrases (a space matches any run of whitespace),
    preferring the longest where several match.

    Written as a trie (``t(?:re(?:dje)?|o)`` for "tre", "tredje", "to") so the regex
    engine reads a word once instead of trying hundreds of alternatives in turn. It
    matches exactly what the plain alternation, longest first, matches: two words that
    both match at one place are a prefix of one another, and the trie tries the longer
    first. Words the trie cannot keep that promise for fall back to the alternation.
    """
    return suffixed_phrase(dict.fromkeys(words, ""))


def suffixed_phrase(words: Mapping[str, str]) -> str:
    """Like ``phrase``, each word followed by its own pattern (a lookahead, say)."""
    if not all(_trie_safe(word) for word in words):
        return _alternation(words)
    root = _Node()
    for word, suffix in words.items():
        node = root
        for token in _trie_tokens(word):
            node = node.children.setdefault(token, _Node())
        node.suffix = suffix
    return "(?:" + root.regex() + ")"


def _alternation(words: Mapping[str, str]) -> str:
    escaped = {re.escape(w).replace(r"\ ", r"\s+"): suffix for w, suffix in words.items()}
    return "(?:" + "|".join(e + escaped[e] for e in sorted(escaped, key=len, reverse=True)) + ")"


@dataclass
class _Node:
    """A trie node: the tokens that can follow, and the suffix pattern of a word ending here."""

    children: dict[str, _Node] = field(default_factory=dict)
    suffix: str | None = None

    def regex(self) -> str:
        branches = sorted(token + child.regex() for token, child in self.children.items())
        if self.suffix is None or not branches:
            body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")" if branches else ""
            return body + (self.suffix or "")
        if self.suffix:
            return "(?:" + "|".join(branches + [self.suffix]) + ")"  # the longer words first
        return f"(?:{branches[0]})?" if len(branches) == 1 else "(?:" + "|".join(branches) + ")?"


def _trie_safe(word: str) -> bool:
    """Single spaces between words, and letters that match case-insensitively only their own case."""
    return bool(word) and word == word.strip() and "  " not in word \
        and not any(odd_case(char) for char in word if not char.isascii())


def _trie_tokens(word: str) -> list[str]:
    return [r"\s+" if char == " " else re.escape(char.lower()) for char in word]


@lru_cache(maxsize=4096)
def odd_case(char: str) -> bool:
    """Case-insensitive matching may take ``char`` for a letter that ``char.lower()`` is
    not: the dotted capital I ("i" plus a dot when lower-cased), the dotless i and the
    long s (matched as "i" and "s"), and a few Greek and Cyrillic letters."""
    lower = char.lower()
    return len(lower) != 1 or ord(lower) in _EXTRA_CASES


# Letters that case-insensitive patterns match as "i" or "s" but that ``str.lower`` does
# not turn into them: the dotted capital I, the dotless i and the long s.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


@lru_cache(maxsize=16384)
def normal(text: str) -> str:
    """Lower-case with single spaces: the form used to look matched text up (a word
    the patterns matched case-insensitively is always found in the lexicon)."""
    return " ".join(text.translate(_FOLD).lower().split())


@dataclass(frozen=True, slots=True)
class Words:
    """Lookup tables from normalised surface forms to meanings."""

    cardinals: Mapping[str, int]
    ordinals: Mapping[str, int]
    amounts: Mapping[str, float | None]
    weekdays: Mapping[str, int]
    weekday_past_s: Mapping[str, int]
    weekday_plurals: Mapping[str, int]
    months: Mapping[str, int]
    units: Mapping[str, str]
    definite_units: Mapping[str, str]
    adverb_units: Mapping[str, str]
    holidays: Mapping[str, str]
    day_parts: Mapping[str, str]


def _compounds(units: Mapping[str, int], tens: Mapping[str, int]) -> dict[str, int]:
    return {f"{u}og{t}": uv + tv for u, uv in units.items() for t, tv in tens.items()}


@lru_cache(maxsize=1)
def words() -> Words:
    lex = load_lexicon()
    cardinals = {**lex.cardinals, **_compounds(lex.compound_units, lex.compound_tens)}
    ordinals = {**lex.ordinals, **_compounds(lex.compound_units, lex.compound_tens_ordinal),
                **lex.compound_tens_ordinal}
    weekday_forms = {form: wd.number for wd in lex.weekdays for form in (wd.name, *wd.genitive, *wd.definite)}
    return Words(
        cardinals=cardinals,
        ordinals=ordinals,
        amounts={**{k: float(v) for k, v in cardinals.items()}, **lex.amounts},
        weekdays=weekday_forms,
        weekday_past_s={wd.past_s: wd.number for wd in lex.weekdays},
        weekday_plurals={wd.plural: wd.number for wd in lex.weekdays},
        months=dict(lex.months),
        units={form: u.name for u in lex.units for form in u.indefinite},
        definite_units={form: u.name for u in lex.units for form in u.definite},
        adverb_units={form: u.name for u in lex.units for form in u.adverb},
        holidays={form: h.name for h in lex.holidays for form in h.forms},
        day_parts=dict(lex.day_parts),
    )


# Compiled here, not looked up in ``re``'s cache per call: other libraries in the process
# (dateparser) fill that cache and push these out.
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL = re.compile(r"\d+(?:,\d+)?")


def number(text: str) -> float | None:
    """The value of a Danish amount: digits ("3", "1,5"), words ("tre", "enogtyve",
    "halvanden", "en halv"); None for a vague amount ("et par", "flere")."""
    key = normal(text)
    if _THOUSANDS.fullmatch(key):  # "6.000": thousands
        return float(key.replace(".", ""))
    if _DECIMAL.fullmatch(key):
        return float(key.replace(",", "."))
    if key in words().amounts:
        return words().amounts[key]
    whole, _, rest = key.replace(" og ", " ").partition(" ")
    if rest in ("en halv", "et halvt") and whole in words().cardinals:
        return words().cardinals[whole] + 0.5  # "to og en halv", "to en halv"
    raise KeyError(f"not a Danish amount: {text!r}")


def is_vague(text: str) -> bool:
    return normal(text) in words().amounts and words().amounts[normal(text)] is None


@dataclass(frozen=True, slots=True)
class Fragments:
    """Named regex fragments for the grammar's patterns."""

    NUMWORD: str
    AMOUNT: str
    HOUR: str
    ORDWORD: str
    NTH: str  # a weekday's or weekend's place in its month: "første", "sidste"
    WEEKDAY: str
    WEEKDAY_PAST_S: str
    WEEKDAY_PLURAL: str
    MONTH: str
    MONTH_ABBR: str
    UNIT: str
    UNIT_DEF: str
    UNIT_ADVERB: str
    HOLIDAY: str
    HOLIDAY_UNIT: str  # a unit named by a holiday in it: "påskeugen", "det nye år"
    SEASON: str
    SEASON_HAD: str  # verbs that make an indefinite season a particular one
    SEASON_PREFIX: str  # "sen", "tidlig", "for" before a season ("sensommeren")
    DAYPART: str
    DAYPART_S: str
    POINT_MOD: str
    AMOUNT_MOD: str
    EDGE_AFTER_GENITIVE: str  # "(årets) udgang"
    DURATION_ADJECTIVE: str  # "fem (lange) år"
    VAGUE_NOUN: str  # "en årrække"
    NEUTRAL: str  # words before an amount that change nothing ("for præcis et år siden")
    ZONE: str
    SHIFT: str
    SAME_PERIOD: str  # the unit in "samme kvartal sidste år"
    YEARS_AWAY: str  # the years in "samme kvartal sidste år"
    DEICTIC_DAY: str
    DEICTIC_YEAR: str
    GENITIVE_YEAR: str  # "næste års"
    REF: str
    DECADE_WORD: str
    FREQUENCY: str

    def expand(self, pattern: str) -> str:
        """Replace ``<NAME>`` placeholders with the fragments."""
        return re.sub(r"<([A-Z_]+)>", lambda m: str(getattr(self, m.group(1))), pattern)


@lru_cache(maxsize=1)
def fragments() -> Fragments:
    lex: Lexicon = load_lexicon()
    w = words()
    numword = phrase(w.cardinals)
    hour_words = [k for k, v in w.cardinals.items() if 1 <= v <= 12]
    return Fragments(
        NUMWORD=numword,
        # a number starts where no digit, point or comma comes before it: not "45" of "31.45 minutter"
        AMOUNT=r"(?:(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+(?![\d.,]\d)|\d+(?:,\d+)?)|" + phrase(w.cardinals) + r"\s+(?:og\s+)?(?:en\s+halv|et\s+halvt)|"
        + phrase(w.amounts) + ")",
        HOUR=r"(?:[01]?\d|2[0-4]|" + phrase(hour_words) + ")",
        ORDWORD=phrase(w.ordinals),
        NTH=phrase([k for k, v in w.ordinals.items() if v <= 5] + list(lex.ordinals_from_end)),
        WEEKDAY=phrase(w.weekdays),
        WEEKDAY_PAST_S=phrase(w.weekday_past_s),
        WEEKDAY_PLURAL=phrase(w.weekday_plurals),
        MONTH=phrase(w.months),
        MONTH_ABBR=phrase(lex.month_abbreviations),
        UNIT=phrase(w.units),
        UNIT_DEF=phrase(w.definite_units),
        UNIT_ADVERB=phrase(w.adverb_units),
        HOLIDAY=phrase(w.holidays),
        HOLIDAY_UNIT=phrase(lex.holiday_units),
        SEASON=phrase(lex.seasons),
        SEASON_HAD=phrase(lex.season_had_verbs),
        SEASON_PREFIX=phrase(lex.season_prefixes),
        DAYPART=phrase(lex.day_parts),
        DAYPART_S=phrase(lex.day_parts_s),
        POINT_MOD=phrase(lex.point_modifiers),
        AMOUNT_MOD=phrase(lex.amount_modifiers),
        EDGE_AFTER_GENITIVE=phrase(lex.edge_after_genitive),
        DURATION_ADJECTIVE=phrase(lex.duration_adjectives),
        VAGUE_NOUN=phrase(lex.vague_nouns),
        NEUTRAL=phrase(lex.neutral_before_amount),
        ZONE=phrase(lex.zones),
        SHIFT=phrase(lex.shift_words),
        SAME_PERIOD=phrase(lex.same_period_units),
        YEARS_AWAY=phrase(lex.same_period_years),
        DEICTIC_DAY=phrase(lex.deictic_days),
        DEICTIC_YEAR=phrase(lex.deictic_years),
        GENITIVE_YEAR=phrase(lex.genitive_year_shift),
        REF=phrase(lex.refs),
        DECADE_WORD=phrase(lex.decade_words),
        FREQUENCY=phrase(lex.frequency_adverbs),
    )
