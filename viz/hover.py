"""Label text for charts: escaping of article text, hover labels, the words of the chart.

Plotly renders a small subset of HTML in labels (``<br>``, ``<b>``, ``<a>``, ...), so
every piece of text that comes from an article or a table goes through :func:`escape`
before it is put into a label; only the markup built here (``<br>``, ``<b>``) stays.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, TypeAlias

import pandas as pd

from viz.labels import format_interval, format_moment

# One event: a row of the events table as a dict (``viz.marks.records``) or a Series.
Row: TypeAlias = Mapping[str, Any] | pd.Series

WRAP_WIDTH: Final = 72
MAX_SENTENCE_LINES: Final = 6
MAX_LISTED_UNDATED: Final = 8
LABEL_CHARS: Final = 25  # longest event label beside a marker or bar, "…" included
UNDATED_CHARS: Final = 150  # longest list of undated event ids in the note under the chart


@dataclass(frozen=True)
class Words:
    """The chart's own words in one language."""

    title: str
    dated: tuple[str, str]  # singular, plural
    undated: tuple[str, str]
    undated_note: str
    more: str
    none: str
    no_dated: str
    expression: str
    mod: str
    time: str
    document: str
    sentence: str
    certainty: str
    percent: str
    ranges: tuple[str, str, str, str, str]  # range buttons: day, week, month, year, all
    dated_by: dict[str, str]
    uncertainty: str  # legend entry of the light bands over wide intervals
    representative: str  # hover line naming the emphasised part of a wide interval
    columns: dict[str, str]  # axis titles of lane columns with a name of their own
    sources: str = "Kilder"  # hover line listing the reports merged into one event
    narrowed_by: str = "Indsnævret af"  # hover line: the article whose exact date narrowed it
    narrowed_by_itself: str = "Indsnævret af artiklens egen tekst"  # ... its own text ("i dag, torsdag den 26. juli")
    conflicts_with: str = "Modstridende dato i"  # hover line: reports whose dates disagree
    other_lanes: str = "{count} andre"  # the one lane that holds the lanes beyond MAX_LANES


DANISH: Final = Words(
    title="Tidslinje", dated=("dateret begivenhed", "daterede begivenheder"),
    undated=("udateret", "udaterede"),
    undated_note="Udaterede begivenheder (ikke tegnet)", more="flere", none="(ingen)",
    no_dated="Ingen daterede begivenheder", expression="Udtryk", mod="mod", time="Tid",
    document="Artikel", sentence="sætning", certainty="Sikkerhed", percent=" %",
    ranges=("1 dag", "1 uge", "1 md.", "1 år", "alt"),
    dated_by={"expression": "dateret af udtrykket", "inherited": "dateret af en tidligere sætning",
              "publication": "dateret af publiceringstidspunktet", "undated": "udateret"},
    uncertainty="usikkerhed: mulige tidspunkter", representative="Repræsentativt tidspunkt",
    columns={"doc_id": "Artikel", "type": "Type", "dated_by": "Dateret af", "mod": "Mod",
             "published": "Publiceret", "trigger": "Begivenhed", "expression": "Udtryk"},
)
ENGLISH: Final = Words(
    title="Timeline", dated=("dated event", "dated events"), undated=("undated", "undated"),
    undated_note="Undated events (not drawn)", more="more", none="(none)",
    no_dated="No dated events", expression="Expression", mod="mod", time="Time",
    document="Article", sentence="sentence", certainty="Certainty", percent="%",
    ranges=("1 day", "1 week", "1 month", "1 year", "all"),
    dated_by={"expression": "dated by the expression", "inherited": "dated by an earlier sentence",
              "publication": "dated by the publication time", "undated": "undated"},
    uncertainty="uncertainty: possible times", representative="Representative time",
    sources="Sources", narrowed_by="Narrowed by", narrowed_by_itself="Narrowed by the article's own text",
    conflicts_with="Conflicting date in",
    other_lanes="{count} others",
    columns={"doc_id": "Article", "type": "Type", "dated_by": "Dated by", "mod": "Mod",
             "published": "Published", "trigger": "Event", "expression": "Expression"},
)


def words_for(danish: bool) -> Words:
    """The Danish or the English words."""
    return DANISH if danish else ENGLISH


def counted(number: int, forms: tuple[str, str]) -> str:
    """``1 udateret``, ``2 udaterede``: the number with the singular or plural form."""
    return f"{number} {forms[0] if number == 1 else forms[1]}"


def escape(value: Any) -> str:
    """``value`` as text that Plotly shows literally and never reads as markup.

    ``<``, ``>`` and ``&`` become entities; quotes become numeric entities (which Plotly
    decodes for display, unlike ``&quot;``). Missing values give ``""``.

    >>> escape('<script>alert("x")</script>')
    '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;'
    """
    if _missing(value):
        return ""
    text = html.escape(str(value), quote=False)
    return text.replace('"', "&#34;").replace("'", "&#39;")


def wrapped(text: Any, width: int = WRAP_WIDTH, max_lines: int = MAX_SENTENCE_LINES) -> str:
    """``text`` escaped and broken into ``<br>``-separated lines, shortened with ``…``."""
    lines = textwrap.wrap("" if _missing(text) else str(text), width,
                          max_lines=max_lines, placeholder=" …")
    return "<br>".join(escape(line) for line in lines)


def hover_text(event: Row, earliest: datetime, latest: datetime, words: Words,
               danish: bool, core: tuple[datetime, datetime] | None = None) -> str:
    """The hover label of one dated event: sentence, expression, TIMEX3, time, document.

    ``core``: the emphasised part of a wide interval (``viz.uncertainty``), if any.
    """
    lines = [f"<b>{escape(event['trigger'])}</b>"] if _text(event["trigger"]) else []
    lines += [wrapped(event["sentence_text"])]
    if _text(event["expression"]):
        lines.append(f"{words.expression}: {escape(event['expression'])}")
    lines.append(_timex_line(event, words))
    lines.append(f"{words.time}: {format_interval(earliest, latest, danish=danish)}")
    if core is not None:
        shown = (format_interval(*core, danish=danish) if core[1] > core[0]
                 else format_moment(core[0], danish=danish))
        lines.append(f"{words.representative}: {shown}")
    lines.append(f"{words.document}: {escape(event['doc_id'])}, "
                 f"{words.sentence} {escape(event['sentence'])}")
    lines.append(_certainty_line(event, words))
    lines.extend(_merge_lines(event, words))
    return "<br>".join(line for line in lines if line)


def _merge_lines(event: Row, words: Words) -> list[str]:
    """Where several articles report the event: its sources, narrowing and conflicts."""
    lines = []
    sources = event.get("sources")
    if _text(sources) and ";" in str(sources):
        lines.append(f"{words.sources}: {escape(sources)}")
    narrowed = event.get("narrowed_by")
    if _text(narrowed) and narrowed == event.get("doc_id"):
        lines.append(words.narrowed_by_itself)  # its text names the publication day its date lacks
    elif _text(narrowed):
        lines.append(f"{words.narrowed_by}: {escape(narrowed)}")
    if _text(event.get("conflicts_with")):
        lines.append(f"{words.conflicts_with}: {escape(event['conflicts_with'])}")
    return lines


def event_label(event: Row, width: int = LABEL_CHARS) -> str:
    """The short label beside an event: its trigger word, else its expression; escaped.

    Shortened to ``width`` characters with ``…`` (before escaping, so no entity is cut).

    >>> event_label(pd.Series({"trigger": "", "expression": "natten til <b>onsdag</b>"}), 16)
    'natten til &lt;b&gt;o…'
    """
    for column in ("trigger", "expression"):
        if _text(event[column]):
            text = " ".join(str(event[column]).split())
            return escape(text if len(text) <= width else text[:width - 1].rstrip() + "…")
    return ""


def undated_label(undated: pd.DataFrame, words: Words, budget: int = UNDATED_CHARS,
                  total: int | None = None) -> tuple[str, str]:
    """The one-line note listing undated events (their ids, about ``budget`` characters
    of them, then "… (+N flere)") and its hover text (their sentences).

    Reads at most ``budget + 1`` ids and ``2 * MAX_LISTED_UNDATED`` sentences, so ``undated``
    may hold only the first events of ``total`` (default: all of them, ``len(undated)``).
    """
    # no more ids than characters fit: a corpus has millions of undated sentences
    ids = [str(event_id) for event_id in undated["event_id"].iloc[:budget + 1]]
    listed: list[str] = []
    for event_id in ids:
        if listed and len(", ".join([*listed, event_id])) > budget:
            break
        listed.append(event_id)
    shown = ", ".join(escape(event_id) for event_id in listed)
    count = len(undated) if total is None else total
    if len(listed) < count:
        shown += f" … (+{count - len(listed)} {words.more})"
    sentences = [f"{escape(row.event_id)}: {wrapped(row.sentence_text, max_lines=1)}"
                 for row in undated.head(MAX_LISTED_UNDATED * 2).itertuples()]
    return f"{words.undated_note}: {shown}", "<br>".join(sentences)


def _timex_line(event: Row, words: Words) -> str:
    if not _text(event["value"]):
        return ""
    kind = f"{escape(event['type'])} " if _text(event["type"]) else ""
    mod = f" ({words.mod} {escape(event['mod'])})" if _text(event["mod"]) else ""
    return f"TIMEX3: {kind}{escape(event['value'])}{mod}"


def _certainty_line(event: Row, words: Words) -> str:
    certainty = event["certainty"]
    share = "?" if _missing(certainty) else f"{round(100 * float(certainty))}{words.percent}"
    how = words.dated_by.get(str(event["dated_by"]), escape(event["dated_by"]))
    return f"{words.certainty}: {share} ({how})"


def _missing(value: Any) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _text(value: Any) -> bool:
    return not _missing(value) and str(value) != ""
