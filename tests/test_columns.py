"""What the pieces after one remember of it under each publication instant (``columns._remember``):
the instants that resolve a piece to one frame share one mention, but only where nothing the
mention says differs between them (how the piece was anchored, whether it names the year)."""

from __future__ import annotations

from datetime import date

from normalise import calendar as cal
from normalise.calendar import Frame
from normalise.columns import Column, _remember
from normalise.context import History, Mention
from normalise.grammar import Piece
from normalise.items import Item
from normalise.resolver import Resolution
from normalise.spec import Spec
from normalise.timex import AnchorKind

DAY = cal.day_frame(date(2019, 5, 14))
MAY_2019 = cal.month_frame(2019, 5)


def _item(spec: Spec, sentence: int = 0, **clues: bool) -> Item:
    return Item(Piece(0, 1, spec, "test"), sentence, "past", **clues)


def _resolution(frame: Frame, anchor: AnchorKind) -> Resolution:
    return Resolution(frame.value, frame.grain, frame.start, frame.end, anchor, None, frame)


def _remembered(histories: list[History], item: Item, column: list[Resolution]) -> list[Mention]:
    _remember(histories, item, len(histories[0]), Column(column))
    return [history.mentions[-1] for history in histories]


def test_one_frame_anchored_two_ways_is_remembered_as_each() -> None:
    """A clock time placed on one day by an earlier expression under one instant and by the
    publication under another: only the first names its day for the times after it."""
    clock = _item(Spec(hour=14), time_of_day=True)
    frame = cal.clock_time(DAY, 14, 0)
    by_text, by_publication = _remembered([History(), History()], clock, [
        _resolution(frame, AnchorKind.EXPRESSION), _resolution(frame, AnchorKind.PUBLICATION)])
    assert by_text.frame is by_publication.frame
    assert by_text.names_day and not by_publication.names_day


def test_one_frame_under_histories_that_differ_names_the_year_in_one() -> None:
    """A bare month that took the year its sentence named under one instant, and under another
    (whose last mention is of another sentence) did not: the same frame, only the first names the
    year for the months after it."""
    histories = [History(), History()]
    histories[0].append(Mention(cal.year_frame(2019), 3, 0, explicit_year=True))
    histories[1].append(Mention(cal.year_frame(2019), 2, 0, explicit_year=True))
    month = _item(Spec(month=5), sentence=3, needs_year=True)
    in_sentence, elsewhere = _remembered(histories, month, [_resolution(MAY_2019, AnchorKind.EXPRESSION)] * 2)
    assert in_sentence.explicit_year and not elsewhere.explicit_year


def test_instants_alike_share_one_mention() -> None:
    """Instants that resolve a piece alike remember one mention (equal to what each would make)."""
    month = _item(Spec(month=5))
    mentions = _remembered([History() for _ in range(3)], month, [
        _resolution(MAY_2019, AnchorKind.PUBLICATION) for _ in range(3)])
    assert mentions[0] is mentions[1] is mentions[2]
    assert mentions[0] == Mention(MAY_2019, 0, 0, False, True, "past")
