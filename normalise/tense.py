"""The tense around a time expression: which instance a bare weekday means.

Danish marks tense on the finite verb: preterite (-ede, -te and irregular
forms), perfect (har/havde/er/var + participle), future with modal and
expectation verbs (vil, skal, ventes) and the present of planned events
(møder, åbner). The clue nearest to the expression in its clause decides (none
in the clause: no clue, as an unknown verb is most often present); a present-tense verb nearest means
"none" (the nearest instance). A preposition right before the expression
overrides verbs: "siden mandag" looks back, "til fredag" ahead.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache
from typing import Literal

from normalise.context import Tense
from normalise.lexicon import load_lexicon
from normalise.sentences import WORD
from normalise.words import normal

# "counterfactual": a plan that failed ("skulle have været skiftet i uge 49"): past, but a time
# only days ahead is still the one meant.
Clue = Literal["past", "future", "present", "counterfactual", "perfect"]

# Clause boundaries inside a sentence: commas (not a decimal comma: "steg 3,2 procent i
# andet kvartal" is one clause), semicolons, dashes, "men"/"mens", and
# the infinitive marker "at" ("besluttede at forlænge ... til den 5. april": the date
# belongs to the infinitive, not to the past-tense decision).
_CLAUSE = re.compile(r"(?<!\d),|,(?!\d)|[;:–—]|\s(?:men|mens|at)\s", re.IGNORECASE)
# How far (in words) after an auxiliary its participle may stand: "har i dag været".
PARTICIPLE_REACH = 6
# How far (in words) after a modal its infinitive may stand: "kunne trafikken genoptages".
INFINITIVE_REACH = 3
# How far (in words) before a failed plan's auxiliary its modal may stand: "skulle efter planen have".
COUNTERFACTUAL_REACH = 4


@lru_cache(maxsize=8192)
def _word_clue(word: str, previous: str, following: str) -> Clue | None:
    lex = load_lexicon()
    if f"{previous} {word}" in lex.deictic_days:
        return None  # "går" in "i går" is no verb
    if word in lex.future_verbs:
        return "future"
    if word in lex.past_verbs:
        if (previous == "at" and word in lex.infinitive_preterites) or (
                word in lex.noun_homographs and (previous in lex.noun_before or _is_present_form(following))):
            return None  # "at kunne" an infinitive, "det første tog" and "alle tog kører" trains
        return "past"
    if word in lex.present_verbs or (
        word.endswith("er") and len(word) > 3 and (previous in lex.pronouns or following in lex.pronouns)
    ):
        return "present"
    if word in lex.not_past or len(word) < 5 or previous in lex.determiners or previous in lex.before_infinitive:
        return None  # "skal forberede": an infinitive, no preterite
    if word.endswith("ede") or (word.endswith("te") and not word.endswith(("ste", "tte", "nte", "lte"))):
        return "past"
    return None


def _is_present_form(word: str) -> bool:
    """An -er word that may be a present verb ("kører"), not a preposition ("efter")."""
    return word.endswith("er") and len(word) > 3 and word not in load_lexicon().not_verbs


def _is_definite_noun(word: str) -> bool:
    """A definite noun ("kommunerne", "politiet"): opening a sentence or a clause, it is the
    subject, and the -er word after it a present verb (not "finansloven efter" inside a clause)."""
    return len(word) > 5 and word.endswith(("erne", "ene", "et", "en"))


def _stands_before(words: list[str], index: int, wanted: frozenset[str], reach: int) -> bool:
    """Whether one of ``wanted`` stands within ``reach`` words before ``index``."""
    return not wanted.isdisjoint(words[max(0, index - reach):index])


def _after_counterfactual_modal(words: list[str], index: int) -> bool:
    """Whether "skulle", "ville" or "burde" stands shortly before the auxiliary at ``index``
    ("skulle efter planen have været skiftet")."""
    return _stands_before(words, index, load_lexicon().counterfactual_modals, COUNTERFACTUAL_REACH)


def _perfect_infinitive_follows(words: list[str], index: int) -> bool:
    """Whether "have" and a participle follow a modal at ``index`` within a few words."""
    reach = index + 1 + COUNTERFACTUAL_REACH + 2
    return any(words[k] == "have" and _participle_follows(words, k) for k in range(index + 1, min(reach, len(words))))


def _opens_phrase(words: list[str], index: int, phrase: list[str]) -> bool:
    """Whether ``phrase`` starts at ``index``, a pronoun subject allowed after its verb ("ser det
    ud til at")."""
    rest = index + 1
    if rest < len(words) and words[rest] in load_lexicon().phrase_subjects and words[rest] != phrase[1]:
        rest += 1
    return words[rest:rest + len(phrase) - 1] == phrase[1:]


def _after_subject(words: list[str], index: int) -> bool:
    """Whether the -er word at ``index`` follows a definite noun opening the sentence or a clause
    ("Kommunerne beslutter", "at køerne topper"): a present verb after its subject."""
    lex = load_lexicon()
    word = words[index]
    return word.endswith("er") and word not in lex.not_verbs and _is_definite_noun(words[index - 1]) \
        and (index == 1 or words[index - 2] in lex.clause_openers)


def _after_modal_preterite(words: list[str], index: int) -> bool:
    """Whether a modal preterite ("kunne", "skulle") stands within ``INFINITIVE_REACH`` words before
    ``index``: the word there is its infinitive."""
    return _stands_before(words, index, load_lexicon().modal_preterites, INFINITIVE_REACH)


def _participle_follows(words: list[str], index: int) -> bool:
    """Whether a participle stands within ``PARTICIPLE_REACH`` words after the auxiliary at ``index``;
    an -et word after an article or preposition is a noun ("har stand på torvet")."""
    determiners = load_lexicon().determiners
    return any(is_participle(words[k]) and words[k - 1] not in determiners
               for k in range(index + 1, min(index + 1 + PARTICIPLE_REACH, len(words))))


def is_participle(word: str) -> bool:
    """A past participle: listed, or an -et word of five letters or more that is no known noun."""
    lex = load_lexicon()
    return word in lex.participles or (len(word) >= 5 and word.endswith("et") and word not in lex.not_participles)


def clue_positions(sentence: str) -> list[tuple[int, Clue]]:
    """(character offset, clue) of every tense clue in a sentence."""
    lex = load_lexicon()
    tokens = list(WORD.finditer(sentence))
    words = [normal(token.group()) for token in tokens]  # folded like the patterns ("İ går" is "i går")
    last = len(words) - 1
    clues: list[tuple[int, Clue]] = []
    completed: set[int] = set()  # the participles of a failed plan: no clue of their own
    clue: Clue | None
    for index in [i for i, word in enumerate(words) if _may_open_clue(word)]:  # most words are no clue
        if index in completed:
            continue  # "skulle have holdt": "holdt" is the plan's participle, not a preterite
        word = words[index]
        auxiliary = _auxiliary_clue(words, index)
        if auxiliary is not None:
            clue, participle = auxiliary
            if clue == "perfect" and "når" in words[max(0, index - _WHEN_REACH):index]:
                clue = "future"  # "når linjen er kørt ind i løbet af efteråret": done by a time to come
            clues.append((tokens[index].start(), clue))
            if participle is not None:
                completed.add(participle)
            continue
        if _links_to_earlier(words, index):
            continue  # "Fyringen kommer efter søndagens nederlag": what follows what, no time to come
        if any(_opens_phrase(words, index, phrase) for phrase in lex.future_phrases.get(word, ())):
            clues.append((tokens[index].start(), "future"))  # "kommer til at", "ser ud til at"
            continue
        if not _may_be_clue(word):
            continue
        clue = _word_clue(word, words[index - 1] if index else "", words[index + 1] if index < last else "")
        if clue is None and index and _after_subject(words, index):
            clue = "present"  # "Kommunerne beslutter ...", "at køerne topper": a definite noun subject
        if clue in ("future", "present") and _after_modal_preterite(words, index):
            continue  # "kunne trafikken genoptages": an infinitive, the modal's time is unknown
        if clue == "present" and index and words[index - 1] in lex.reporting_verbs:
            continue  # "sagde træner Henrik Lund": the source's title, no verb
        if clue == "future" and word in lex.present_modals and _perfect_infinitive_follows(words, index):
            continue  # "kan regnvejret i weekenden have skyllet": a past deed supposed
        if clue == "past" and word in lex.noun_homographs and _after_existential_there(words, index):
            continue  # "kører der ikke tog": the noun the present verb tells of
        if clue == "past" and index and words[index - 1] in lex.future_verbs and words[index - 1].endswith("es"):
            continue  # "ventes holdt i midten af august": the participle after a passive of what is to come
        if clue is not None:
            clues.append((tokens[index].start(), clue))
        if clue == "past" and word in lex.phase_verbs and index + 2 <= last and words[index + 1] == "at":
            clues.append((tokens[index + 2].start(), "past"))  # its infinitive clause, after "at"
    known = {offset for offset, _ in clues}
    verbs = [(tokens[k].start(), clue) for k, clue in _verbs_after_openers(words) if tokens[k].start() not in known]
    return sorted([*clues, *verbs]) if verbs else clues


_WHEN_REACH = 4  # words back from a perfect's auxiliary that "når" may open its clause in


def _links_to_earlier(words: list[str], index: int) -> bool:
    """"kommer efter søndagens nederlag", "kommer oven på gårsdagens", "Frosten kommer efter en mild
    december": "kommer" linking the news to what it follows, not a plan ("Toget kommer efter klokken 12")."""
    if words[index] != "kommer" or index + 2 >= len(words):
        return False
    after = words[index + 1:index + 4]
    following = after[2] if after[:2] == ["oven", "på"] and len(after) > 2 else after[1] if after[0] == "efter" else ""
    # what it follows: a genitive ("søndagens nederlag") or an indefinite noun ("en mild december")
    return (following.endswith("s") and len(following) > 4) or following in ("en", "et")


def _after_existential_there(words: list[str], index: int) -> bool:
    """A word after "der" and a present verb (and an adverb): "kører der ikke tog", "Der går ikke
    tog", the logical subject of the verb, not a verb of its own."""
    start = max(index - 4, 0)
    return "der" in words[start:index] and any(
        _word_clue(words[k], words[k - 1] if k else "", words[k + 1]) in ("present", "future") for k in range(start, index))


def _auxiliary_clue(words: list[str], index: int) -> tuple[Clue, int | None] | None:
    """The clue an auxiliary at ``index`` gives with the participle after it, and that participle
    when it is no clue of its own: a failed plan ("skulle have holdt", "var planlagt til uge 48"),
    a plan still to come ("er planlagt til"), an announcement ("har varslet strejker i december"),
    a perfect ("har indstillet busdriften indtil klokken 12": past, but what it set up may reach
    ahead); None for no auxiliary."""
    lex = load_lexicon()
    word = words[index]
    following = words[index + 1:index + 1 + PARTICIPLE_REACH]
    participle = next((offset for offset, w in enumerate(following, start=index + 1)
                       if is_participle(w) or w in lex.change_participles), None)
    plan = bool(following) and following[0] in lex.plan_participles
    if (word in lex.counterfactual_auxiliaries and _after_counterfactual_modal(words, index) and participle) \
            or (word in lex.plan_auxiliaries and plan and not _tells_the_planning(word, following)):
        return "counterfactual", participle
    if word in lex.plan_present_auxiliaries and plan:
        return "future", None
    if word in lex.present_auxiliaries and participle is not None and words[participle] in lex.announce_participles:
        return "future", participle
    if (word in lex.perfect_auxiliaries and _participle_follows(words, index)) or (
            word == lex.present_perfect_auxiliary and any(w in lex.change_participles for w in following)):
        return ("perfect" if word in lex.present_auxiliaries or _after_infinitive_marker(words, index) else "past"), None
    return None


def _after_infinitive_marker(words: list[str], index: int) -> bool:
    """A perfect infinitive after "at" ("håber at have fundet en køber inden udgangen af oktober"):
    done by a time that may still be ahead, as a present perfect may."""
    return index > 0 and words[index - 1] == "at"


def _tells_the_planning(auxiliary: str, following: list[str]) -> bool:
    """Whether a plan auxiliary and its participle tell when the plan was made, not the plan's time
    ("blev fastsat i december", not "blev berammet til den 4. maj" nor "var planlagt i uge 48")."""
    lex = load_lexicon()
    return auxiliary in lex.plan_event_auxiliaries and (following[1:2] or [""])[0] not in lex.plan_targets


def _verbs_after_openers(words: list[str]) -> Iterator[tuple[int, Clue]]:
    """The -er and -es words right after an "i nat", "i dag" ... opening a sentence or a clause
    ("og i nat falder den"): the finite verb (Danish puts it second), a present ("I nat falder
    temperaturen"), after a season a plan ("i efteråret monteres autoværn": future); their
    indexes and clues."""
    lex = load_lexicon()
    openers = _openers_by_first_word()
    for start, first in enumerate(words):
        if first not in openers or (start and words[start - 1] not in lex.verb_second_after):
            continue
        for opener in openers[first]:
            verb = start + len(opener)
            if verb < len(words) and tuple(words[start:verb]) == opener:
                word = words[verb]
                if (_is_present_form(word) or word.endswith("es") and len(word) > 4 and word not in lex.not_verbs) \
                        and word not in lex.past_verbs:  # "I nat lykkedes det": past
                    yield verb, "future" if opener in lex.verb_second_plan_openers else "present"


@lru_cache(maxsize=1)
def _openers_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    found: dict[str, list[tuple[str, ...]]] = {}
    for opener in load_lexicon().verb_second_openers:
        found.setdefault(opener[0], []).append(opener)
    return {first: tuple(openers) for first, openers in found.items()}


@lru_cache(maxsize=16384)
def _may_open_clue(word: str) -> bool:
    """Whether ``clue_positions`` can find a clue at ``word`` in any context."""
    lex = load_lexicon()
    return word in lex.perfect_auxiliaries or word == lex.present_perfect_auxiliary or word in lex.future_phrases \
        or word in lex.counterfactual_auxiliaries or word in lex.plan_auxiliaries \
        or _may_be_clue(word)


@lru_cache(maxsize=16384)
def _may_be_clue(word: str) -> bool:
    """Whether ``_word_clue`` can find a clue in ``word`` in any context."""
    lex = load_lexicon()
    return word in lex.future_verbs or word in lex.past_verbs or word in lex.present_verbs \
        or word.endswith(("er", "ede", "te"))


def clause_around(clauses: list[tuple[int, bool]], offset: int) -> tuple[int, float]:
    """[begin, end) of the clause holding ``offset``, from ``clause_bounds`` (as offsets)."""
    index = max(bisect_right(clauses, offset, key=_offset) - 1, 0)
    end = clauses[index + 1][0] if index + 1 < len(clauses) else float("inf")
    return clauses[index][0], end


def clause_bounds(sentence: str) -> list[tuple[int, bool]]:
    """(offset, is_infinitive) where clauses begin inside a sentence; the first is (0, False)."""
    return [(0, False)] + [(m.end(), m.group().strip().lower() == "at") for m in _CLAUSE.finditer(sentence)]


def preposition_tense(text_before: str, verb_tense: Tense = "none", perfect: bool = False) -> Tense | None:
    """The direction a preposition right before an expression gives, if any: "siden" looks
    back, "er udsat til" ahead; "indtil", "inden", "frem til" ahead unless the verb is past
    (a present ``perfect`` is not: "har indstillet driften indtil mandag");
    "fra" after a noun names where something comes from ("aftalen fra juni"): back; "for" after a
    noun of figures what they count ("ledighedstallene for januar"), which the verb telling when
    they come out does not direct: the nearest."""
    lex = load_lexicon()
    words = text_before.lower().split()[-3:]
    for size in (3, 2, 1):
        phrase = " ".join(words[-size:])
        if phrase in lex.past_prepositions:
            return "past"
        if phrase in lex.future_prepositions or (phrase in lex.until_prepositions and (verb_tense != "past" or perfect)):
            return "future"
    if len(words) >= 2 and words[-1] == "fra" and words[-2].endswith(lex.origin_noun_endings):
        return "past"  # "aftalen fra juni", "videoovervågning fra den 16. februar": where it comes from
    if words[-1:] == ["for"] and _counts_figures(text_before.lower().split()[-4:-1]):
        return "none"  # "offentliggør tallene for januar på mandag": no direction from the verb of their telling
    return None


def _counts_figures(words: list[str]) -> bool:
    """Whether the words before a "for" end in a noun of figures, or in one of figures "for" another
    noun ("tallene for valutareserven (for januar)")."""
    endings = load_lexicon().figures_noun_endings
    if words and words[-1].endswith(endings):
        return True
    return len(words) == 3 and words[1] == "for" and words[0].endswith(endings)


def clue_near(clues: list[tuple[int, Clue]], start: int, end: int,
              clauses: list[tuple[int, bool]] | None = None) -> Clue | None:
    """The clue nearest to [start, end) in its clause. An infinitive clause
    with no clue of its own is future after a future verb ("ventes at vare til fredag").

    ``clues`` and ``clauses`` are in text order; the lookups bisect them, so a sentence
    with thousands of clauses costs no more per expression than a short one.
    """
    low, high = 0, len(clues)
    if clauses:
        index = max(bisect_right(clauses, start, key=_offset) - 1, 0)
        begin, infinitive = clauses[index]
        low = bisect_left(clues, begin, key=_offset)
        if index + 1 < len(clauses):
            high = bisect_left(clues, clauses[index + 1][0], key=_offset)
        if low >= high and infinitive and low > 0 and clues[low - 1][1] == "future":
            return "future"  # no clue in the clause; the one governing it is future
    before = bisect_left(clues, start, low, high, key=_offset) - 1  # the nearest clue before the expression
    after = bisect_left(clues, end, low, high, key=_offset)  # and the nearest one after it
    # Danish puts the finite verb second: a time adverbial stands after its verb
    # ("Arbejdet begyndte i februar og ventes ...") unless it opens the clause
    # ("I februar begyndte ..."), so the clause's verb before it wins.
    return clues[before][1] if before >= low else clues[after][1] if after < high else None


def clue_around_clause(clues: list[tuple[int, Clue]], start: int, end: int) -> Clue | None:
    """The clue nearest before [start, end) in its sentence, else the first after it: the tense of
    a clause with no verb of its own."""
    before = bisect_left(clues, start, key=_offset) - 1
    if before >= 0:
        return clues[before][1]
    after = bisect_left(clues, end, key=_offset)
    return clues[after][1] if after < len(clues) else None


def _offset(item: tuple[int, object]) -> int:
    return item[0]
