"""Table-driven tests: one pytest case per row of tests/tables/*.tsv.

Each table is tab-separated UTF-8 with one header line; lines starting with `#` are
comments that explain the decisions behind the rows below them.

A text may hold line breaks, written `\\n` (a headline over its article).

- Expression tables (text, published, expression, type, value, mod): the expected
  expression is the only whole-word occurrence of `expression` in `text`. The prediction
  that overlaps it most must have one of the `|`-separated types, one of the `|`-separated
  values (T24:00 counts as T00:00 of the next day) and the mod.
- negatives.tsv (text, published, why): nothing may be found.
- intervals.tsv (text, published, expression, earliest, latest): the overlapping
  prediction's [earliest, latest) in Danish local time, to the minute.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

TABLES = Path(__file__).parent / "tables"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
EXPRESSION_COLUMNS = ["text", "published", "expression", "type", "value", "mod"]
COLUMNS = {
    "negatives.tsv": ["text", "published", "why"],
    "intervals.tsv": ["text", "published", "expression", "earliest", "latest"],
}
TYPES = {"DATE", "TIME", "DURATION", "SET"}
MODS = {"", "START", "MID", "END", "APPROX", "BEFORE", "AFTER",
        "MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"}
PUBLISHED = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?")
MIDNIGHT = re.compile(r"(\d{4}-\d{2}-\d{2})T24:00")


@dataclass(frozen=True)
class Row:
    table: str
    line: int
    header: tuple[str, ...]
    cells: tuple[str, ...]

    def __getitem__(self, column: str) -> str:
        return self.cells[self.header.index(column)]

    @property
    def id(self) -> str:
        label = self["expression"] if "expression" in self.header else self["text"][:40]
        return f"{self.table}:{self.line} {label}"


def load(table: str) -> tuple[tuple[str, ...], list[Row]]:
    """The header and the rows of one table, skipping comments and blank lines."""
    header: tuple[str, ...] = ()
    rows: list[Row] = []
    lines = (TABLES / table).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header:
            header = tuple(line.split("\t"))
        else:
            rows.append(Row(table, number, header, tuple(cell.replace("\\n", "\n") for cell in line.split("\t"))))
    return header, rows


def rows_of(*tables: str) -> list[Any]:
    return [pytest.param(row, id=row.id) for t in tables for row in load(t)[1]]


def expected_columns(table: str) -> tuple[str, ...]:
    return tuple(COLUMNS.get(table, EXPRESSION_COLUMNS))


def spans(text: str, expression: str) -> list[tuple[int, int]]:
    """Whole-word occurrences of `expression` in `text`."""
    pattern = r"(?<!\w)" + re.escape(expression) + r"(?!\w)"
    return [m.span() for m in re.finditer(pattern, text)]


def extract(text: str, published: str) -> list[Any]:
    from normalise import extract as engine  # imported late: the sanity tests need no engine

    return list(engine(text, published))


def match(row: Row) -> Any:
    """The predicted expression that overlaps the expected span the most."""
    (start, end), = spans(row["text"], row["expression"])
    found = extract(row["text"], row["published"])
    overlapping = [t for t in found if t.start < end and start < t.end]
    assert overlapping, f"nothing found over {row['expression']!r}; found {describe(found)}"
    return max(overlapping, key=lambda t: min(end, t.end) - max(start, t.start))


def plain(field: Any) -> str:
    """An Enum member, string or None as a plain string."""
    return "" if field is None else str(getattr(field, "value", field))


def same_instant(value: str) -> str:
    """T24:00 of a day is T00:00 of the next day."""
    m = MIDNIGHT.fullmatch(value)
    if not m:
        return value
    return (dt.date.fromisoformat(m[1]) + dt.timedelta(days=1)).isoformat() + "T00:00"


def local_minute(moment: dt.datetime) -> str:
    return moment.astimezone(COPENHAGEN).replace(tzinfo=None).isoformat(timespec="minutes")


def describe(found: list[Any]) -> list[tuple[str, str, str, str]]:
    return [(t.text, plain(t.type), plain(t.value), plain(t.mod)) for t in found]


def published_ok(published: str) -> bool:
    """ISO at year, month, day or minute precision, naming a real calendar time."""
    if not PUBLISHED.fullmatch(published):
        return False
    parts = [int(p) for p in re.split(r"[-T:]", published)]
    return minute_ok(parts + [1, 1, 0, 0][len(parts) - 1:])


def minute_ok(parts: list[int]) -> bool:
    try:
        dt.datetime(*parts)
    except ValueError:
        return False
    return True


def interval_ok(row: Row) -> bool:
    try:
        earliest, latest = (dt.datetime.fromisoformat(row[c]) for c in ("earliest", "latest"))
    except ValueError:
        return False
    return earliest < latest and all(len(row[c]) == 16 for c in ("earliest", "latest"))


def row_problems(row: Row) -> list[str]:
    """What is wrong with one row's format (not its expected values)."""
    if len(row.cells) != len(row.header):
        return [f"{row.table}:{row.line}: {len(row.cells)} columns, header has {len(row.header)}"]
    problems = [] if published_ok(row["published"]) else [f"bad published {row['published']!r}"]
    if "expression" in row.header and len(spans(row["text"], row["expression"])) != 1:
        problems.append(f"{row['expression']!r} is not exactly once in the text")
    if "type" in row.header:
        problems += [f"bad type {t!r}" for t in row["type"].split("|") if t not in TYPES]
        problems += [] if row["mod"] in MODS else [f"bad mod {row['mod']!r}"]
        problems += [] if all(row["value"].split("|")) else ["empty value"]
    if "earliest" in row.header and not interval_ok(row):
        problems.append("earliest/latest must be YYYY-MM-DDTHH:MM with earliest < latest")
    return [f"{row.table}:{row.line}: {p}" for p in problems]


TABLE_NAMES = sorted(p.name for p in TABLES.glob("*.tsv"))
EXPRESSION_TABLES = [t for t in TABLE_NAMES if t not in COLUMNS]


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_sanity_table_format(table: str) -> None:
    header, rows = load(table)
    assert header == expected_columns(table), f"{table}: header {header}"
    assert rows, f"{table} has no rows"
    problems = [p for row in rows for p in row_problems(row)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("row", rows_of(*EXPRESSION_TABLES))
def test_expression(row: Row) -> None:
    found = match(row)
    got = (plain(found.type), same_instant(plain(found.value)), plain(found.mod))
    types = row["type"].split("|")
    values = [same_instant(v) for v in row["value"].split("|")]
    assert got[0] in types and got[1] in values and got[2] == row["mod"], (
        f"{found.text!r}: got {got}, expected ({row['type']}, {row['value']}, {row['mod']!r})"
    )


@pytest.mark.parametrize("row", rows_of("negatives.tsv"))
def test_negative(row: Row) -> None:
    found = extract(row["text"], row["published"])
    assert found == [], f"{row['why']}: found {describe(found)}"


@pytest.mark.parametrize("row", rows_of("intervals.tsv"))
def test_interval(row: Row) -> None:
    found = match(row)
    got = (local_minute(found.earliest), local_minute(found.latest))
    assert got == (row["earliest"], row["latest"]), f"{found.text!r} ({plain(found.value)})"
