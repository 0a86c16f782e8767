"""The day a part of the day, or a day referred to, is on, read from the sentence or paragraph
around it once the joins are done: "om aftenen" after a day named earlier in its sentence is
that day's evening, and with no day before it every evening (a SET); "senere på dagen" in a
paragraph that names no day before it is the publication's day.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from normalise.grammar import Piece
from normalise.joins import is_part
from normalise.sentences import is_label, sentence_around
from normalise.spec import Spec
from normalise.tense import clue_positions


def _is_day_referred_to(piece: Piece) -> bool:
    """"i løbet af dagen", "senere på dagen", "resten af dagen": the day the text is at (not
    "samme dag" nor "selve dagen", which always look back)."""
    spec = piece.spec
    return spec.kind == "point" and spec.anchor == "reference" and spec.shift_unit == "day" and not spec.shift \
        and spec.part is None and piece.rule not in _LOOKING_BACK


_LOOKING_BACK = frozenset(("same_unit", "itself_unit"))


def days_of_new_paragraphs(pieces: list[Piece], text: str) -> list[Piece]:
    """A day referred to in a paragraph that has named no day before it is today ("... hver tirsdag
    frem til 1. september.\n\nManden ventes udskrevet senere på dagen": the publication's day)."""
    out: list[Piece] = []
    day_end = 0  # where the latest day named ends
    for piece in pieces:
        if _is_day_referred_to(piece) and "\n" in text[day_end:piece.start]:
            piece = piece._replace(spec=piece.spec._replace(anchor="dct"))
        if piece.spec.kind == "point" and (piece.spec.has_day or piece.spec.anchor == "reference"):
            day_end = piece.end
        out.append(piece)
    return out


# "om aftenen", "siden morgenen", "fra/til/indtil aftenen": a part of the day a sentence names
_PART_PREPOSITION = re.compile(r"(?<!\w)(?:om|siden|fra|til|indtil)\s+$", re.IGNORECASE)
SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZÆØÅ\"«-]|\n")
_LINE_BREAK = re.compile(r"\n")
# the rest of a sentence, then "Om" opening the next one (one space or line between)
_OPENS_NEXT_SENTENCE = re.compile(r"[^.!?\n]*[.!?]\s+Om\s+")


def _is_todays_genitive_part(spec: Spec) -> bool:
    """"aftenens", "morgenens": today's part of day, unless a day is named before it."""
    return spec.kind == "point" and spec.shift_unit == "day" and spec.shift == 0 and spec.anchor == "dct" \
        and spec.part is not None and not spec.has_clock


def parts_of_named_days(pieces: list[Piece], text: str) -> list[Piece]:
    """"Onsdag den 14. januar ... en gallamiddag om aftenen", "I går ..., og om aftenen gik han",
    "Torsdag åbner pladsen, og aftenens hovednavn er ...",
    "strøm lørdag, og vi havde advaret siden morgenen": a preposition and a definite part of day,
    after a day named earlier in its sentence, is that day's part; with no such day it is
    habitual ("Om aftenen er der kø") and stays a bare part."""
    out: list[Piece] = []
    day_end: int | None = None  # where the latest day named in the current sentence ends
    labelled = False  # that day labels a list item ("Torsdag: Pladsen åbner ... Aftenens hovednavn"): its whole line
    for piece in pieces:
        spec = piece.spec
        # (up to the piece's first letter: a capital opening the next sentence may be the piece's own)
        if day_end is not None and (_LINE_BREAK if labelled else SENTENCE_BREAK).search(text, day_end, piece.start + 1):
            if not labelled and is_part(spec) and _OPENS_NEXT_SENTENCE.fullmatch(text, day_end, piece.start) \
                    and not text.startswith(":", piece.end):
                # "Kongeparret ankommer tirsdag formiddag ... Om aftenen er der gallamiddag": that day's
                # evening, as "samme aften" (one opening a text or a list item stays habitual)
                out.append(piece._replace(spec=_on_labelled_day(spec)))
                day_end = None
                continue
            day_end, labelled = None, False
        if day_end is not None and _is_todays_genitive_part(spec) and text[piece.end - 3:piece.end].lower() == "ens":
            # "Torsdag åbner pladsen klokken 16, og aftenens hovednavn ...": that day's evening
            piece = piece._replace(spec=_on_labelled_day(spec) if labelled
                                   else spec._replace(shift_unit=None, shift=None, anchor="sentence"))
            day_end = piece.end
        elif spec.kind == "point" and (spec.has_day or spec.part is not None or spec.has_clock):
            day_end = piece.end  # a clock time stands on a day too ("kl. 15 og ... om aftenen")
            labelled = labelled or (spec.has_day and is_label(text, piece.start, piece.end))
        elif day_end is not None and is_part(spec) and text[piece.start:piece.end].lower().endswith("en") \
                and _PART_PREPOSITION.search(text, max(0, piece.start - 8), piece.start):
            piece = piece._replace(spec=_on_labelled_day(spec) if labelled else spec._replace(kind="point", anchor="sentence"))
        out.append(piece)
    return out


# "vande om aftenen", "lukker om natten": a part of every day, inside a sentence (one opening a
# sentence or a programme's item, "Om formiddagen er der åbent hus", is that day's)
_HABITUAL_PART_BEFORE = re.compile(r"(?<![.!?:\n]\s)(?<!^)\bom\s+$")


def habitual_parts(pieces: list[Piece], text: str) -> list[Piece]:
    """A definite part of day after "om" that no day named before it places ("skal foregå om
    natten", "opfordrer haveejere til kun at vande om aftenen") recurs every day: a SET
    (``XXXX-XX-XXTEV``), unless its sentence tells of the past ("Tyveriet blev opdaget om
    morgenen": one morning) or names a clock time or another part of one day
    ("Festlighederne begynder om formiddagen ..., og klokken 20 ...": that day's)."""
    candidates = {k: at for k, piece in enumerate(pieces) if (at := _habitual_om_start(piece, text)) is not None}
    if not candidates:
        return pieces
    out = list(pieces)
    # each sentence is read once, however many parts of the day it holds (a long one stays linear)
    bounds = {k: sentence_around(text, pieces[k].start, pieces[k].end) for k in candidates}
    one_day_starts = sorted(p.start for j, p in enumerate(pieces) if _names_one_day(p.spec) and j not in bounds)
    told_past: dict[tuple[int, int], bool] = {}
    for k, (begin, end) in bounds.items():
        at = bisect_left(one_day_starts, begin)
        if at < len(one_day_starts) and one_day_starts[at] < end:
            continue
        if (begin, end) not in told_past:
            told_past[(begin, end)] = any(clue == "past" for _, clue in clue_positions(text[begin:end]))
        if told_past[(begin, end)]:
            continue
        out[k] = pieces[k]._replace(start=candidates[k], spec=Spec(kind="set", part=pieces[k].spec.part))
    return out


def _habitual_om_start(piece: Piece, text: str) -> int | None:
    """Where the "om" before a definite bare part of the day begins, if one stands there."""
    if not is_part(piece.spec) or not text[piece.start:piece.end].lower().endswith("en"):
        return None
    before = _HABITUAL_PART_BEFORE.search(text, max(0, piece.start - 4), piece.start)
    return before.start() if before is not None else None


def _names_one_day(spec: Spec) -> bool:
    """A clock time or a part of a day (not of every day)."""
    return spec.kind in ("point", "part") and (spec.has_clock or spec.part is not None)


def _on_labelled_day(part: Spec) -> Spec:
    """A part of the day a list item's label names, sentences after it ("Torsdag: Pladsen åbner
    klokken 12. Aftenens hovednavn ..."): as "samme aften", the day the text is at."""
    return part._replace(kind="point", shift_unit="day", shift=0, anchor="reference", relation="same")
