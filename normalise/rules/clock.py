"""Productions of clock times: "klokken 20", "14:30", spelled times ("halv elleve", "kvart
over fem"), approximate ones ("ved 16-tiden"), the ends of ranges and lists ("klokken 10-14",
"klokken 10 og 16.30"), midnight and noon.
"""

from __future__ import annotations

from normalise.hit import Hit
from normalise.lexicon import load_lexicon
from normalise.rules.readers import all_capitalised, amount_after, with_fields
from normalise.spec import Spec
from normalise.words import normal, number, words


def _hour_word(text: str | None) -> int:
    key = normal(text or "")
    return int(key) if key.isdigit() else words().cardinals[key]


# Words that may follow the hour "et" (one o'clock): "kvart over et i nat", "halv et om natten".
_AFTER_HOUR_ET = {"i", "om", "på", "ved", "og", "eller", "til", "dansk", "lokal", "nat", "natten", "da", "hvor"}
_NOT_AFTER_CLOCK_WORD = {"liter", "kilo", "procent", "point", "kr", "kroner", "millioner", "million",
                         "milliarder", "milliard", "meter", "km", "gange", "år", "timer", "time", "dage",
                         "uger", "måneder", "minutter", "af", "ud", "mål", "stemmer", "personer"}


def clock(hit: Hit) -> Spec | None:
    hour = _hour_word(hit.group("h"))
    minute = int(hit.group("m") or 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return Spec(hour=hour, minute=minute, twelve_hour=_spelled_hour(hit.group("h"), hour))


def _spelled_hour(text: str | None, hour: int) -> bool:
    """Whether the hour was a word ("et", "elleve"): a twelve-hour clock, morning or evening."""
    return hour <= 12 and not (text or "").strip().isdigit()


def clock_told(hit: Hit) -> Spec | None:
    """"klokken var lidt over otte", "klokken omkring 14": the time, with its modifier."""
    spec = clock(hit)
    mod = load_lexicon().point_modifiers.get(normal(hit.group("mod") or ""))
    return spec._replace(mod=mod) if spec is not None and mod else spec


def clock_bare(hit: Hit) -> Spec | None:
    """"14:30" without "klokken": the colon marks a clock time; not a score "2:1"."""
    if len(hit.group("m") or "") != 2:
        return None
    return clock(hit)


def clock_words(hit: Hit) -> Spec | None:
    """"halv elleve", "kvart over fem", "fem minutter i tolv"; not a name ("trioen Halv Elleve")."""
    if not hit.has("klokken") and hit.word_after() in _NOT_AFTER_CLOCK_WORD:
        return None
    if not hit.has("klokken") and all_capitalised(hit) and not hit.starts_sentence():
        return None
    if not hit.has("klokken") and not hit.has("kvart") and normal(hit.group("h") or "") == "et" \
            and hit.word_after().isalpha() and hit.word_after() not in _AFTER_HOUR_ET:
        return None  # "under fem minutter i et hus", "halv et æble": the article ("kvart over et" is a time)
    hour = _hour_word(hit.group("h"))
    if not 0 <= hour <= 24:
        return None
    if hit.has("half"):
        minutes = 30 - (_minutes(hit) if hit.group("dir") == "i" else -_minutes(hit)) if hit.has("n") else 30
        spec = _clock_minutes(hour * 60 - 60 + minutes)
    else:
        sign = -1 if normal(hit.group("dir") or "") == "i" else 1
        spec = _clock_minutes(hour * 60 + sign * _minutes(hit))
    return spec._replace(twelve_hour=_spelled_hour(hit.group("h"), hour))


def _minutes(hit: Hit) -> int:
    if hit.has("kvart"):
        return 15
    return int(number(hit.group("n") or "0") or 0)


def _clock_minutes(total: int) -> Spec:
    hour, minute = divmod(total % (24 * 60), 60)
    return Spec(hour=hour, minute=minute)


def clock_about(hit: Hit) -> Spec | None:
    """"ved 16-tiden", "ved 20.30-tiden", "femtiden", "ved halv otte-tiden" (about 7.30)."""
    hour = _hour_word(hit.group("h") or hit.group("h2"))
    if not 0 <= hour <= 24:
        return None
    minute = int(hit.group("m") or 0)
    clock = _clock_minutes(hour * 60 - 30) if hit.has("half") else Spec(hour=hour, minute=minute)  # "halv otte": 7.30
    spelled = _spelled_hour(hit.group("h") or hit.group("h2"), hour)  # "ved halv tre-tiden": 2.30 or 14.30
    return clock._replace(mod="APPROX", twelve_hour=spelled)


def range_end(hit: Hit) -> Spec | None:
    """The end of a clock range ("mellem klokken 23.30 og 00.15"): after its start."""
    spec = clock(hit)
    return None if spec is None else with_fields(spec, relation="after")


def spelled_range_end(hit: Hit) -> Spec | None:
    """"fra halv otte til ni", "fra halv ni til fire": the end of a range of spelled clock times, on
    the clock after its start ("halv ni" is 8.30: "fire" is 16.00)."""
    spec = range_end(hit)
    if spec is None or spec.hour is None:
        return None
    start = _hour_word(hit.group("start"))
    if normal(hit.group("past") or "") != "kvart over":
        start -= 1  # "halv ni", "kvart i ni": 8.30, 8.45, in the hour before nine
    return spec._replace(hour=spec.hour + 12, twelve_hour=False) if spec.hour <= start % 12 else spec


def clock_list_member(hit: Hit) -> Spec | None:
    """"klokken 10 og 16.30", "kl. 9.30 og 13", "klokken 8, 12 og 16": a further number of a list
    that "klokken" opens is a clock time too; a bare hour is none before a counted noun or a unit
    ("klokken 10 og 20 personer", "og 16 år"; an -er word may be either, so "og 13 afventer" is
    left out too)."""
    if not hit.has("m"):
        after = hit.word_after("second")
        if after in words().units or amount_after(hit.text, hit.match.end("second")):
            return None
    return clock(hit)


def midnight(hit: Hit) -> Spec:
    return Spec(hour=24, minute=0)


def noon(hit: Hit) -> Spec:
    return Spec(part="MI")
