"""One event reported by several articles becomes one event with all its sources.

Two events of different documents are the same when they share an event noun
(``angreb``), a name (``Ain Al-Asad``, ``Soleimani``) and time: their
intervals overlap. The merged event keeps the narrowest interval of its
reports, so an article dated only ``2020-01`` is narrowed by one that has the
exact day (``narrowed_by`` says which). Reports that share noun and names but
whose intervals cannot overlap under any reading are the same story with
conflicting dates: both are kept, side by side, and flagged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from timeline.events import Event

# Capitalised words that are not names: sentence openers and common news words.
_NOT_NAMES = frozenset({
    "Det", "Den", "De", "Der", "Han", "Hun", "Vi", "Jeg", "I", "Ifølge", "Men", "Og", "Efter", "Før",
    "Både", "Også", "Som", "Når", "Hvis", "Da", "Så", "Nu", "Ingen", "Alle", "Flere", "Mange",
})
_WORD = re.compile(r"[\wæøåÆØÅ-]+|[.!?]")


@dataclass(frozen=True, slots=True)
class Merged:
    """An event as the timeline shows it: one report, or several merged."""

    event: Event
    sources: tuple[Event, ...]
    narrowed_by: str | None = None
    conflicts_with: tuple[str, ...] = ()


# A noun and name shared by more reports than this is a topic, not one story.
MAX_STORY_REPORTS = 200


def names(event: Event) -> frozenset[str]:
    """Proper names in an event's sentence: capitalised words that do not open a sentence."""
    return _names_in(event.sentence_text)


@lru_cache(maxsize=1 << 18)  # merging asks for each event's names many times
def _names_in(sentence: str) -> frozenset[str]:
    found = set()
    opening = True
    for token in _WORD.findall(sentence):
        if token in ".!?":
            opening = True
            continue
        if not opening and token[:1].isupper() and token not in _NOT_NAMES:
            found.add(token)
        opening = False
    return frozenset(found)


def _width(event: Event) -> float:
    hull = event.hull
    return (hull[1] - hull[0]).total_seconds() if hull else float("inf")


def _overlap(a: Event, b: Event) -> bool:
    ha, hb = a.hull, b.hull
    return ha is not None and hb is not None and ha[0] < hb[1] and hb[0] < ha[1]


def merge_reports(events: Sequence[Event]) -> list[Merged]:
    """Merge reports of the same event across documents; flag conflicting dates."""
    merged: list[Merged] = []
    for group in _group(events):
        merged.extend(_combine(group))
    return _flag_conflicts(merged)


def _group(events: Sequence[Event]) -> list[list[Event]]:
    """Union reports that are the same story and overlap in time (blocked by event noun)."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_head: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        if event.hull is not None and event.dated_by == "expression":
            for head in event.heads:
                by_head[head].append(index)
    for members in by_head.values():  # reports in a block share their head noun already
        members.sort(key=lambda i: events[i].hull[0])  # type: ignore[index]
        starts = [events[i].hull[0] for i in members]  # type: ignore[index]
        docs = [events[i].doc_id for i in members]
        found = [names(events[i]) for i in members]
        for position, i in enumerate(members):
            latest = events[i].hull[1]  # type: ignore[index]
            for later in range(position + 1, len(members)):  # indices, not a copied tail
                if starts[later] >= latest:
                    break  # sorted by start: no later report overlaps this one
                if docs[later] == docs[position] or found[later].isdisjoint(found[position]):
                    continue  # not the same story
                root_i, root_j = find(i), find(members[later])
                if root_i != root_j:
                    parent[root_j] = root_i
    groups: dict[int, list[Event]] = defaultdict(list)
    for index, event in enumerate(events):
        groups[find(index)].append(event)
    return list(groups.values())


def _combine(group: list[Event]) -> list[Merged]:
    """The reports that agree with the most precise one merge into it; the others
    (linked only through a wide, imprecise report) stay apart."""
    if len(group) == 1:
        return [Merged(group[0], (group[0],))]
    narrowest = min(group, key=_width)
    agreeing = [e for e in group if e is narrowest or _overlap(e, narrowest)]
    joined = {id(e) for e in agreeing}
    apart = [Merged(e, (e,)) for e in group if id(e) not in joined]
    widest = max(agreeing, key=_width)
    narrowed = narrowest.doc_id if len(agreeing) > 1 and _width(widest) > _width(narrowest) else None
    return [Merged(narrowest, tuple(agreeing), narrowed_by=narrowed), *apart]


def _flag_conflicts(merged: list[Merged]) -> list[Merged]:
    """Same story, dates that cannot overlap: keep both and name each other."""
    flagged: dict[int, list[str]] = defaultdict(list)
    dated = [(i, m) for i, m in enumerate(merged) if m.event.is_dated and m.event.dated_by == "expression"]
    by_story: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, (_, item) in enumerate(dated):
        found = names(item.event)
        for head in item.event.heads:
            for name in found:
                by_story[(head, name)].append(position)
    for members in by_story.values():  # reports in a block share a head noun and a name
        if len(members) > MAX_STORY_REPORTS:
            continue
        reports = [dated[p] for p in members]
        for k, (i, a) in enumerate(reports):
            for j, b in reports[k + 1:]:  # at most MAX_STORY_REPORTS
                if b.event.doc_id != a.event.doc_id and not _overlap(a.event, b.event):
                    flagged[i].append(b.event.event_id)
                    flagged[j].append(a.event.event_id)
    return [replace(m, conflicts_with=tuple(sorted(set(flagged[i])))) if i in flagged else m
            for i, m in enumerate(merged)]
