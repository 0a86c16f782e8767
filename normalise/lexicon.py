"""Typed, immutable access to the Danish language data in ``data/lexicon``.

The data knows no rules: this module only reads it, checks it and gives it
types. The grammar builds its patterns from here.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from normalise.errors import LexiconError

_PACKAGED = Path(__file__).parent / "_lexicon"  # wheel install (force-included)
_SOURCE = Path(__file__).resolve().parent.parent / "data" / "lexicon"  # source / editable


@dataclass(frozen=True, slots=True)
class Weekday:
    name: str
    number: int
    past_s: str
    genitive: tuple[str, ...]
    definite: tuple[str, ...]
    plural: str


@dataclass(frozen=True, slots=True)
class Unit:
    name: str
    indefinite: tuple[str, ...]
    definite: tuple[str, ...]
    adverb: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Holiday:
    name: str
    forms: tuple[str, ...]
    month: int | None = None
    day: int | None = None
    easter: int | None = None
    nth_weekday: tuple[int, int] | None = None
    until: int | None = None
    part: str | None = None  # a part of the day ("NI": "nytårsnat" is the night that begins on 31 December)


@dataclass(frozen=True, slots=True)
class Lexicon:
    weekdays: tuple[Weekday, ...]
    months: Mapping[str, int]
    month_abbreviations: Mapping[str, int]
    seasons: Mapping[str, str]
    season_prefixes: Mapping[str, str]
    season_had_verbs: frozenset[str]
    evening_events: tuple[str, ...]  # "julekoncert ... klokken halv otte": 19.30
    generic_day_adjectives: frozenset[str]  # "en almindelig lørdag": any such day, no time
    not_event_words: frozenset[str]  # "samme dag, som ... første ...": words of a clause that name no event
    habit_adverbs: tuple[str, ...]  # "typisk", "plejer": a year-less month in their clause is generic
    habit_comparisons: frozenset[str]  # "end normalt": a comparison, no habit
    habit_manner_before: frozenset[str]  # "kører normalt": a manner, no habit
    habit_adjective_before: frozenset[str]  # "på normalt niveau": an adjective, no habit
    habit_manner_after: frozenset[str]
    day_parts: Mapping[str, str]
    day_parts_s: Mapping[str, str]
    cardinals: Mapping[str, int]
    amounts: Mapping[str, float | None]
    compound_units: Mapping[str, int]
    compound_tens: Mapping[str, int]
    compound_tens_ordinal: Mapping[str, int]
    ordinals: Mapping[str, int]
    ordinals_from_end: Mapping[str, int]
    decade_words: Mapping[str, int]
    units: tuple[Unit, ...]
    frequency_adverbs: Mapping[str, str]
    frequency_roles: frozenset[str]  # "daglig leder": a role, no frequency
    rate_measures: frozenset[str]
    opening_hours: tuple[str, ...]
    habitual_words: tuple[str, ...]  # "fremover", "normalt": a sentence's day-less clock range recurs
    set_exceptions: tuple[str, ...]  # "hver dag undtagen mandag": the weekday recurs too
    programme_words: tuple[str, ...]  # "Programmet for mandag:": a header of a programme's items
    deictic_days: Mapping[str, int]
    nowadays_state_verbs: frozenset[str]  # "er i dag et af ..." after a past year: nowadays
    deictic_years: Mapping[str, int]
    current_genitives: Mapping[str, str]
    refs: Mapping[str, str]
    particle_nu_after: frozenset[str]
    particle_nu_ikke_unless: frozenset[str]
    ref_conjunctions: frozenset[str]
    past_ref_word: str
    past_ref_after: frozenset[str]
    past_ref_before: frozenset[str]
    past_ref_copulas: frozenset[str]
    verb_second_openers: tuple[tuple[str, ...], ...]
    verb_second_plan_openers: frozenset[tuple[str, ...]]
    verb_second_after: frozenset[str]
    shift_words: Mapping[str, int]
    genitive_year_shift: Mapping[str, int]
    anaphoric_after_unit: Mapping[str, int]
    anaphoric_after_amount: Mapping[str, int]
    same_period_units: Mapping[str, str]
    same_period_years: Mapping[str, int]
    point_modifiers: Mapping[str, str]
    half_modifiers: Mapping[str, int]  # "første halvdel af (2026)": that year's half
    amount_modifiers: Mapping[str, str]
    edge_after_genitive: Mapping[str, str]
    duration_adjectives: frozenset[str]
    vague_nouns: Mapping[str, str]
    prepositions_before_article: frozenset[str]
    articles: frozenset[str]
    neutral_before_amount: tuple[str, ...]
    age_before: frozenset[str]
    decade_parts: frozenset[str]  # "(i) slutningen (af 20'erne)": a part of a decade of life
    kind_words: frozenset[str]  # "sådan et år": a kind of year, not a length
    kind_articles: frozenset[str]
    kind_degree: frozenset[str]  # "en så tør forsommer"
    age_after: frozenset[str]
    age_verbs: frozenset[str]
    age_compound_endings: tuple[str, ...]
    age_increments: frozenset[str]
    age_prepositions: frozenset[str]
    age_young: frozenset[str]  # who has an age in weeks or months ("en pige på otte måneder")
    count_comparatives: frozenset[str]  # "28 flere": a count
    age_copulas: frozenset[str]
    age_persons: frozenset[str]
    age_between: tuple[tuple[str, ...], ...]  # "(er) i gennemsnit (54 år)", "(var) kun (fire år)": still an age
    age_relatives: frozenset[str]
    holidays: tuple[Holiday, ...]
    generic_holiday_before: tuple[str, ...]
    not_first_names: frozenset[str]  # "På (Kristi himmelfartsdag)": no first name before a holiday
    imminent_days: int  # a holiday, or a time in a failed plan, this few days ahead is the one meant
    plan_days: int  # a failed plan's month or season this few days ahead is the one meant
    generic_holiday_after: tuple[str, ...]
    zones: Mapping[str, str]
    past_verbs: frozenset[str]
    infinitive_preterites: frozenset[str]
    before_infinitive: frozenset[str]
    modal_preterites: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    participles: frozenset[str]
    not_participles: frozenset[str]
    present_perfect_auxiliary: str
    present_auxiliaries: frozenset[str]
    announce_participles: frozenset[str]  # "har varslet (strejke i december)": to come
    change_participles: frozenset[str]
    not_past: frozenset[str]
    future_verbs: frozenset[str]
    phase_verbs: frozenset[str]  # "begyndte (at forlade)": the infinitive clause is past too
    determiners: frozenset[str]
    present_verbs: frozenset[str]
    pronouns: frozenset[str]
    clause_openers: frozenset[str]
    noun_homographs: frozenset[str]
    noun_before: frozenset[str]
    school_weeks: Mapping[str, int]
    holiday_units: Mapping[str, tuple[str, str]]
    work_nouns: frozenset[str]
    origin_noun_endings: tuple[str, ...]
    figures_noun_endings: tuple[str, ...]  # "(tallene) for januar": counted after the time, which is gone by
    not_from_now_after: frozenset[str]
    not_from_now_before: frozenset[str]
    counterfactual_modals: frozenset[str]
    present_modals: frozenset[str]  # "kan ... have skyllet": a past deed supposed, no future
    counterfactual_auxiliaries: frozenset[str]
    plan_auxiliaries: frozenset[str]  # "var (planlagt)": a plan told in the past reads as a failed one
    plan_participles: frozenset[str]
    plan_present_auxiliaries: frozenset[str]  # "er (planlagt)": a plan still to come
    plan_event_auxiliaries: frozenset[str]  # "blev (fastsat i december)": the planning, past
    plan_targets: frozenset[str]  # "(blev berammet) til": the plan's time after all
    future_phrases: Mapping[str, tuple[list[str], ...]]  # first word -> the phrases it opens
    phrase_subjects: frozenset[str]
    not_verbs: frozenset[str]
    past_prepositions: frozenset[str]
    past_relatives: frozenset[str]
    contrast_words: frozenset[str]
    contrast_phrases: tuple[str, ...]
    new_clause_words: frozenset[str]
    relative_pronouns: frozenset[str]
    future_prepositions: frozenset[str]
    until_prepositions: frozenset[str]
    from_weekday_prepositions: frozenset[str]  # "fra mandag" with no verb of its own tense: the coming one
    from_weekday_origin: frozenset[str]  # "(er) fra lørdag": where something comes from
    goal_prepositions: frozenset[str]
    after_prepositions: frozenset[str]  # "efter julen": a holiday over before the clause's time
    purpose_prepositions: frozenset[str]  # "(budgettet) for næste år": the year a noun is for
    after_articles: frozenset[str]  # "efter en (solrig) pinseweekend"
    compared_prepositions: frozenset[str]  # "(mere) end på": a time compared with
    reporting_verbs: frozenset[str]
    reporting_reach: int
    reporting_not_source: frozenset[str]
    reporting_when: frozenset[str]  # ", da hun ...": the clause tells when the source spoke
    event_noun_endings: tuple[str, ...]  # "ransagningen": a noun of an event, by its verb
    event_noun_stems: tuple[str, ...]  # "valget", "mødet": event nouns of no verb ending, by their stem
    apposition_words: frozenset[str]  # ", i oktober,": words of a clause that has no verb
    idioms: tuple[str, ...]


def _phrases_by_first_word(phrases: list[str]) -> Mapping[str, tuple[list[str], ...]]:
    """"kommer til at" -> {"kommer": (["kommer", "til", "at"],)}: phrases looked up by their first word."""
    by_first: dict[str, list[list[str]]] = {}
    for phrase in phrases:
        words = phrase.split()
        by_first.setdefault(words[0], []).append(words)
    return _frozen({first: tuple(found) for first, found in by_first.items()})


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


def lexicon_dir() -> Path:
    """Where the lexicon files are: inside the installed package, else the source tree."""
    for folder in (_PACKAGED, _SOURCE):
        if (folder / "calendar.toml").is_file():
            return folder
    raise LexiconError(f"Danish lexicon not found in {_PACKAGED} or {_SOURCE}")


def _read(name: str) -> dict[str, Any]:
    path = lexicon_dir() / f"{name}.toml"
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise LexiconError(f"cannot read lexicon file {path}: {err}") from err


def _amount(value: object) -> float | None:
    return None if value == "X" else float(value)  # type: ignore[arg-type]


def _inverted(groups: Mapping[str, list[str]]) -> dict[str, str]:
    return {form: code for code, forms in groups.items() for form in forms}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and check every lexicon file once per process."""
    calendar = _read("calendar")
    numbers = _read("numbers")
    units = _read("units")
    deictics = _read("deictics")
    shifts = _read("shifts")
    modifiers = _read("modifiers")
    verbs = _read("verbs")
    holidays = _read("holidays")
    return Lexicon(
        weekdays=tuple(
            Weekday(name, spec["number"], spec["past_s"], tuple(spec["genitive"]), tuple(spec["definite"]),
                    spec["plural"])
            for name, spec in calendar["weekdays"].items()
        ),
        months=_frozen({form: spec["number"] for name, spec in calendar["months"].items()
                        for form in (name, *spec.get("genitive", ()), *spec.get("other_names", ()))}),
        month_abbreviations=_frozen(
            {abbr: spec["number"] for spec in calendar["months"].values() for abbr in spec["abbreviations"]}
        ),
        seasons=_frozen(_inverted(calendar["seasons"])),
        season_prefixes=_frozen(_inverted(calendar["season_prefixes"])),
        season_had_verbs=frozenset(calendar["season_had"]["verbs"]),
        evening_events=tuple(calendar["evening_events"]["nouns"]),
        generic_day_adjectives=frozenset(calendar["generic_days"]["adjectives"]),
        not_event_words=frozenset(calendar["same_as_clause"]["not_event_words"]),
        habit_adverbs=tuple(calendar["habit"]["adverbs"]),
        habit_comparisons=frozenset(calendar["habit"]["comparisons"]),
        habit_manner_before=frozenset(calendar["habit"]["manner_before"]),
        habit_adjective_before=frozenset(calendar["habit"]["adjective_before"]),
        habit_manner_after=frozenset(calendar["habit"]["manner_after"]),
        day_parts=_frozen({w: code for code, spec in calendar["day_parts"].items() for w in spec["words"]}),
        day_parts_s=_frozen({w: code for code, spec in calendar["day_parts"].items() for w in spec["s_forms"]}),
        cardinals=_frozen(numbers["cardinals"]),
        amounts=_frozen({k: _amount(v) for k, v in numbers["amounts"].items()}),
        compound_units=_frozen(numbers["compounds"]["units"]),
        compound_tens=_frozen(numbers["compounds"]["tens"]),
        compound_tens_ordinal=_frozen(numbers["compounds"]["tens_ordinal"]),
        ordinals=_frozen(numbers["ordinals"]),
        ordinals_from_end=_frozen(numbers["ordinals_from_end"]),
        decade_words=_frozen(numbers["decade_words"]),
        units=tuple(
            Unit(name, tuple(spec["indefinite"]), tuple(spec["definite"]), tuple(spec["adverb"]))
            for name, spec in units["units"].items()
        ),
        frequency_adverbs=_frozen(units["frequency_adverbs"]),
        frequency_roles=frozenset(units["frequency_roles"]["nouns"]),
        rate_measures=frozenset(units["rate_measures"]["words"]),
        opening_hours=tuple(units["opening_hours"]["words"]),
        habitual_words=tuple(units["opening_hours"]["habitual"]),
        set_exceptions=tuple(units["opening_hours"]["exceptions"]),
        programme_words=tuple(units["programme"]["words"]),
        deictic_days=_frozen(deictics["days"]),
        nowadays_state_verbs=frozenset(deictics["nowadays"]["state_verbs"]),
        deictic_years=_frozen(deictics["years"]),
        current_genitives=_frozen(deictics["current_genitives"]),
        refs=_frozen(deictics["refs"]),
        particle_nu_after=frozenset(deictics["particle_nu"]["after"]),
        particle_nu_ikke_unless=frozenset(deictics["particle_nu"]["ikke_unless"]),
        ref_conjunctions=frozenset(deictics["ref_conjunctions"]["phrases"]),
        past_ref_word=deictics["past_ref_adverb"]["word"],
        past_ref_after=frozenset(deictics["past_ref_adverb"]["after"]),
        past_ref_before=frozenset(deictics["past_ref_adverb"]["before"]),
        past_ref_copulas=frozenset(deictics["past_ref_adverb"]["copulas"]),
        verb_second_openers=tuple(tuple(phrase.split()) for phrase in
                                  (*verbs["verb_second"]["openers"], *verbs["verb_second"]["plan_openers"])),
        verb_second_plan_openers=frozenset(tuple(phrase.split()) for phrase in verbs["verb_second"]["plan_openers"]),
        verb_second_after=frozenset(verbs["verb_second"]["after"]),
        shift_words=_frozen(shifts["shift_words"]),
        genitive_year_shift=_frozen(shifts["genitive_year_shift"]),
        anaphoric_after_unit=_frozen(shifts["anaphoric_after_unit"]),
        anaphoric_after_amount=_frozen(shifts["anaphoric_after_amount"]),
        same_period_units=_frozen(_same_period_units(shifts["same_period"]["units"])),
        same_period_years=_frozen(shifts["same_period"]["years"]),
        not_from_now_after=frozenset(shifts["from_now"]["not_after"]),
        not_from_now_before=frozenset(shifts["from_now"]["not_before"]),
        point_modifiers=_frozen(modifiers["point"]),
        half_modifiers=_frozen(modifiers["halves"]),
        amount_modifiers=_frozen(modifiers["amount"]),
        edge_after_genitive=_frozen(modifiers["after_genitive"]),
        duration_adjectives=frozenset(units["duration_adjectives"]["words"]),
        vague_nouns=_frozen(units["vague_nouns"]),
        prepositions_before_article=frozenset(modifiers["prepositions_before_article"]["words"]),
        kind_words=frozenset(modifiers["kind_of_unit"]["words"]),
        kind_articles=frozenset(modifiers["kind_of_unit"]["articles"]),
        kind_degree=frozenset(modifiers["kind_of_unit"]["degree"]),
        articles=frozenset(modifiers["prepositions_before_article"]["articles"]),
        neutral_before_amount=tuple(modifiers["neutral_before_amount"]["words"]),
        age_before=frozenset(modifiers["age_contexts"]["before"]),
        decade_parts=frozenset(modifiers["age_contexts"]["decade_parts"]),
        age_after=frozenset(modifiers["age_contexts"]["after"]),
        age_verbs=frozenset(modifiers["age_contexts"]["verbs"]),
        work_nouns=frozenset(modifiers["work_titles"]["nouns"]),
        age_compound_endings=tuple(modifiers["age_contexts"]["compound_endings"]),
        age_increments=frozenset(modifiers["age_contexts"]["increments"]),
        age_prepositions=frozenset(modifiers["age_contexts"]["prepositions"]),
        age_young=frozenset(modifiers["age_contexts"]["young"]),
        count_comparatives=frozenset(modifiers["count_comparatives"]["words"]),
        age_copulas=frozenset(modifiers["age_contexts"]["copulas"]),
        age_persons=frozenset(modifiers["age_contexts"]["persons"]),
        age_between=tuple(tuple(words.split()) for words in modifiers["age_contexts"]["between"]),
        age_relatives=frozenset(modifiers["age_contexts"]["relatives"]),
        holidays=tuple(_holiday(name, spec) for name, spec in holidays["holidays"].items()),
        generic_holiday_before=tuple(holidays["generic"]["before"]),
        not_first_names=frozenset(holidays["names"]["not_first_names"]),
        imminent_days=holidays["imminent"]["days"],
        plan_days=holidays["imminent"]["plan_days"],
        school_weeks=_frozen(holidays["school_weeks"]),
        holiday_units=_frozen({words: tuple(pair) for words, pair in holidays["holiday_units"].items()}),
        generic_holiday_after=tuple(holidays["generic"]["after"]),
        zones=_frozen(_read("timezones")["zones"]),
        past_verbs=_past_verbs(verbs["past"]),
        infinitive_preterites=frozenset(verbs["past"]["infinitives_too"]),
        noun_homographs=frozenset(verbs["past"]["noun_homographs"]),
        noun_before=frozenset(verbs["past"]["noun_before"]),
        before_infinitive=frozenset(verbs["past"]["before_infinitive"]),
        modal_preterites=frozenset(verbs["past"]["modal_preterites"]),
        perfect_auxiliaries=frozenset(verbs["past"]["perfect_auxiliaries"]),
        participles=frozenset(verbs["past"]["irregular_participles"]),
        not_participles=frozenset(verbs["past"]["not_participles"]),
        present_perfect_auxiliary=verbs["past"]["present_perfect_auxiliary"],
        present_auxiliaries=frozenset(verbs["past"]["present_auxiliaries"]),
        announce_participles=frozenset(verbs["past"]["announce_participles"]),
        change_participles=frozenset(verbs["past"]["change_participles"] + verbs["past"]["done_participles"]),
        not_past=frozenset(verbs["past"]["not_past"]),
        future_verbs=frozenset(verbs["future"]["words"]),
        phase_verbs=frozenset(verbs["past"]["phase_verbs"]),
        determiners=frozenset(verbs["past"]["determiners"]),
        present_verbs=frozenset(verbs["future"]["present"]),
        pronouns=frozenset(verbs["future"]["pronouns"]),
        clause_openers=frozenset(verbs["future"]["clause_openers"]),
        counterfactual_modals=frozenset(verbs["past"]["counterfactual"]["modals"]),
        present_modals=frozenset(verbs["past"]["counterfactual"]["present_modals"]),
        counterfactual_auxiliaries=frozenset(verbs["past"]["counterfactual"]["auxiliaries"]),
        plan_auxiliaries=frozenset(verbs["past"]["counterfactual"]["plan_auxiliaries"]),
        plan_participles=frozenset(verbs["past"]["counterfactual"]["plan_participles"]),
        plan_present_auxiliaries=frozenset(verbs["past"]["counterfactual"]["plan_present_auxiliaries"]),
        plan_event_auxiliaries=frozenset(verbs["past"]["counterfactual"]["plan_event_auxiliaries"]),
        plan_targets=frozenset(verbs["past"]["counterfactual"]["plan_targets"]),
        future_phrases=_phrases_by_first_word(verbs["future"]["phrases"]),
        phrase_subjects=frozenset(verbs["future"]["phrase_subjects"]),
        not_verbs=frozenset(verbs["future"]["not_verbs"]),
        past_prepositions=frozenset(verbs["prepositions"]["past"]),
        past_relatives=frozenset(verbs["prepositions"]["past_relatives"]),
        contrast_words=frozenset(verbs["prepositions"]["contrast"]),
        contrast_phrases=tuple(verbs["prepositions"]["contrast_phrases"]),
        new_clause_words=frozenset(verbs["prepositions"]["new_clause_after_comma"]),
        relative_pronouns=frozenset(verbs["prepositions"]["relative_pronouns"]),
        future_prepositions=frozenset(verbs["prepositions"]["future"]),
        until_prepositions=frozenset(verbs["prepositions"]["until"]),
        from_weekday_prepositions=frozenset(verbs["prepositions"]["from_weekday"]),
        from_weekday_origin=frozenset(verbs["prepositions"]["from_weekday_origin"]),
        goal_prepositions=frozenset(verbs["prepositions"]["goal"]),
        after_prepositions=frozenset(verbs["prepositions"]["after"]),
        purpose_prepositions=frozenset(verbs["prepositions"]["purpose"]),
        after_articles=frozenset(verbs["prepositions"]["articles"]),
        compared_prepositions=frozenset(verbs["prepositions"]["compared"]),
        origin_noun_endings=tuple(verbs["prepositions"]["origin_noun_endings"]),
        figures_noun_endings=tuple(verbs["prepositions"]["figures_noun_endings"]),
        reporting_verbs=frozenset(verbs["reporting"]["words"]),
        reporting_reach=int(verbs["reporting"]["reach"]),
        reporting_not_source=frozenset(verbs["reporting"]["not_source"]),
        reporting_when=frozenset(verbs["reporting"]["when_clause"]),
        event_noun_endings=tuple(verbs["event_nouns"]["endings"]),
        event_noun_stems=tuple(verbs["event_nouns"]["stems"]),
        apposition_words=frozenset(verbs["apposition"]["words"]),
        idioms=tuple(deictics["idioms"]["phrases"]),
    )


# The grains "samme <unit> sidste år" can repeat ("period", "moment": spans of grains, see the resolver).
_REPEATABLE = frozenset({"period", "moment", "day", "week", "month", "quarter", "half"})


def _same_period_units(units: Mapping[str, str]) -> Mapping[str, str]:
    wrong = {word: grain for word, grain in units.items() if grain not in _REPEATABLE}
    if wrong:
        raise LexiconError(f"same_period.units: grains must be one of {sorted(_REPEATABLE)}, got {wrong}")
    return units


def _past_verbs(past: Mapping[str, Any]) -> frozenset[str]:
    """The listed preterites and every prefixed form of the irregular ones ("vedtog")."""
    compounds = {prefix + base for prefix in past["compound_prefixes"] for base in past["compound_bases"]}
    return frozenset(past["words"]) | compounds


@cache
def holiday_by_name(name: str) -> Holiday:
    """The holiday of that name (a key of ``holidays.toml``)."""
    return next(h for h in load_lexicon().holidays if h.name == name)


def _holiday(name: str, spec: Mapping[str, Any]) -> Holiday:
    nth = spec.get("nth_weekday")
    holiday = Holiday(
        name=name,
        forms=tuple(spec["forms"]),
        month=spec.get("month"),
        day=spec.get("day"),
        easter=spec.get("easter"),
        nth_weekday=(nth[0], nth[1]) if nth else None,
        until=spec.get("until"),
        part=spec.get("part"),
    )
    if holiday.easter is None and holiday.month is None:
        raise LexiconError(f"holiday {name!r} needs a month or an easter offset")
    if holiday.part not in (None, "MO", "MI", "AF", "EV", "NI"):
        raise LexiconError(f"holiday {name!r}: part must be MO, MI, AF, EV or NI, got {holiday.part!r}")
    return holiday
