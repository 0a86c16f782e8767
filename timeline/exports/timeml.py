"""TimeML: each document's text with inline TIMEX3 tags, one ``.tml`` file per document.

The export target is a folder; each document goes to ``<folder>/<name>.tml``
where ``<name>`` is the doc id reduced to ``[A-Za-z0-9._-]`` (leading dots
removed) plus, when that changed the id, a short hash of the id, so different
ids never share a file and no id can name a path outside the folder.
Files already in the folder are left alone. Layout::

    <?xml version="1.0" encoding="UTF-8"?>
    <TimeML>
    <DOCID>ain</DOCID>
    <DCT><TIMEX3 tid="t0" type="TIME" value="2020-01-08T01:15"
        functionInDocument="CREATION_TIME">2020-01-08T01:15</TIMEX3></DCT>
    <TEXT>... <TIMEX3 tid="t2" type="DATE" value="2020-W01">sidste uge</TIMEX3> ...</TEXT>
    </TimeML>

The text inside ``<TEXT>``, without its tags, is the document text exactly (CR
is kept as ``&#13;``); only characters XML 1.0 cannot hold become U+FFFD.
Tags come from the events' ``expression`` and ``expression_start``; an
expression that overlaps one placed before it (earlier start, or same start
and longer) is left out, not nested. ``<DCT>`` holds the ``published`` time of
the document's events as a TIMEX3 value at its own precision (type TIME for
minutes, DATE otherwise); it is omitted when no event gives a readable one.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from normalise import PublicationTime, PublishedDateError, parse_published
from timeline.exports._frame import ordered_events, records
from timeline.exports._output import write_rendered
from timeline.exports.errors import ExportError
from timeline.model import Timeline

SUFFIX = ".tml"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NAME_LENGTH = 80


@dataclass(frozen=True)
class Timex:
    """A TIMEX3 tag to place: character span in the document and its attributes."""

    start: int
    text: str
    type: str
    value: str
    mod: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def write_timeml(timeline: Timeline, folder: Path) -> list[Path]:
    """Write one TimeML file per document of ``timeline`` into ``folder``; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    return [write_rendered(file_for(folder, doc_id), xml)
            for doc_id, xml in to_timeml(timeline).items()]


def to_timeml(timeline: Timeline) -> dict[str, str]:
    """Doc id -> that document as a TimeML XML text."""
    events = ordered_events(timeline)
    return {doc_id: document_xml(doc_id, text, events[events["doc_id"] == doc_id])
            for doc_id, text in timeline.documents.items()}


def file_for(folder: Path, doc_id: str) -> Path:
    """The file in ``folder`` for ``doc_id``; raises ExportError if it would lie elsewhere."""
    path = folder / (safe_name(doc_id) + SUFFIX)
    if path.resolve().parent != folder.resolve():
        raise ExportError(f"doc id {doc_id!r} would be written outside {folder}")
    return path


def safe_name(doc_id: str) -> str:
    """A file name stem for ``doc_id``: safe characters only, hashed when changed."""
    name = _UNSAFE.sub("_", doc_id).lstrip(".")[:NAME_LENGTH]
    if name == doc_id:
        return name
    digest = hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:10]
    return f"{name}-{digest}" if name else digest


def document_xml(doc_id: str, text: str, events: pd.DataFrame) -> str:
    """One document as TimeML, tagged with the expressions of ``events``."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n',
             f"<DOCID>{_text(doc_id)}</DOCID>\n"]
    published = _publication_time(events)
    if published:
        parts.append(f"<DCT>{_dct(published)}</DCT>\n")
    parts.append(f"<TEXT>{tagged_text(text, timexes(text, events))}</TEXT>\n</TimeML>\n")
    return "".join(parts)


def timexes(text: str, events: pd.DataFrame) -> list[Timex]:
    """The expressions to tag, in text order, without overlaps (the first one wins).

    Of two at the same start the longer is first; of two on the same span, the
    one of the earlier event in timeline order.
    """
    placed = dict.fromkeys(_timex(row) for row in records(events) if _placeable(row, text))
    candidates = sorted(placed, key=lambda timex: (timex.start, -len(timex.text)))
    kept: list[Timex] = []
    for timex in candidates:
        if not kept or timex.start >= kept[-1].end:
            kept.append(timex)
    return kept


def tagged_text(text: str, tags: list[Timex]) -> str:
    """``text`` XML-escaped, with a TIMEX3 element around each (non-overlapping) tag."""
    parts, position = [], 0
    for number, timex in enumerate(tags, start=1):
        parts += [_text(text[position:timex.start]), _timex_xml(timex, f"t{number}")]
        position = timex.end
    parts.append(_text(text[position:]))
    return "".join(parts)


def _placeable(row: dict[str, Any], text: str) -> bool:
    expression, start = row["expression"], row["expression_start"]
    if not isinstance(expression, str) or not expression or pd.isna(start) or start < 0:
        return False
    return text[int(start):int(start) + len(expression)] == expression


def _timex(row: dict[str, Any]) -> Timex:
    type_, value, mod = (_string(row[key]) for key in ("type", "value", "mod"))
    return Timex(int(row["expression_start"]), row["expression"], type_, value, mod)


def _string(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _timex_xml(timex: Timex, tid: str, **extra: str) -> str:
    attributes = {"tid": tid, "type": timex.type, "value": timex.value, "mod": timex.mod, **extra}
    rendered = "".join(f" {key}={quoteattr(_clean(value))}"
                       for key, value in attributes.items() if value)
    return f"<TIMEX3{rendered}>{_text(timex.text)}</TIMEX3>"


def _publication_time(events: pd.DataFrame) -> PublicationTime | None:
    """The document's publication time, from the first of its events that gives a readable one."""
    for given in events["published"]:
        with contextlib.suppress(PublishedDateError, TypeError):
            return parse_published(given)
    return None


def _dct(published: PublicationTime) -> str:
    type_ = "TIME" if published.precision == "minute" else "DATE"
    timex = Timex(0, published.value, type_, published.value, "")
    return _timex_xml(timex, "t0", functionInDocument="CREATION_TIME")


def _text(text: str) -> str:
    return escape(_clean(text), {"\r": "&#13;"})


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
