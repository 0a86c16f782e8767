"""Exports of a Timeline: table round trips, TimelineJS schema, TimeML, iCalendar, safety."""

from __future__ import annotations

import csv
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from timeline_fixture import sample_timeline

from timeline.exports import (
    RENDERERS,
    ExportError,
    excel,
    export,
    format_for,
    to_icalendar,
    to_timelinejs,
    to_timeml,
    write_timeml,
)
from timeline.model import EVENT_COLUMNS, Timeline

ZONE = "Europe/Copenhagen"
DATETIMES = ("earliest", "latest")
STAMP = datetime(2020, 1, 9, 12, 0, tzinfo=UTC)


def shuffled(timeline: Timeline) -> Timeline:
    """The same timeline with its event rows out of order."""
    events = timeline.events.sample(frac=1, random_state=3).reset_index(drop=True)
    return Timeline(events=events, relations=timeline.relations, documents=timeline.documents)


def with_cells(changes: dict[tuple[str, str], Any]) -> Timeline:
    """The sample timeline with some cells, given as (event_id, column) -> value, changed."""
    timeline = sample_timeline()
    for (event_id, column), value in changes.items():
        timeline.events.loc[timeline.events["event_id"] == event_id, column] = value
    return timeline


# --- tabular exports: read back with pandas ------------------------------------------------

def _read_excel(path: Path) -> pd.DataFrame:
    frame = pd.read_excel(path)
    for name in DATETIMES:  # written as naive Copenhagen wall-clock time
        frame[name] = frame[name].dt.tz_localize(ZONE)
    return frame


READERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    ".csv": lambda path: pd.read_csv(path, keep_default_na=False),
    ".json": lambda path: pd.read_json(path, dtype=False),
    ".jsonl": lambda path: pd.read_json(path, lines=True, dtype=False),
    ".xlsx": _read_excel,
    ".parquet": pd.read_parquet,
}


def _instants(column: pd.Series) -> list[Any]:
    return list(pd.to_datetime(column, utc=True).dt.as_unit("us"))


def _plain(column: pd.Series) -> list[Any]:
    """Cell values with every kind of missing value (NaN, None, '') as None."""
    return [None if pd.isna(value) or value == "" else value for value in column]


def assert_same_events(read: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(read.columns) == list(EVENT_COLUMNS)
    for name in EVENT_COLUMNS:
        compare = _instants if name in DATETIMES else _plain
        assert compare(read[name]) == compare(expected[name]), name


@pytest.mark.parametrize("suffix", sorted(READERS))
def test_table_round_trip_in_timeline_order(tmp_path: Path, suffix: str) -> None:
    written = export(shuffled(sample_timeline()), tmp_path / f"events{suffix}")
    expected = sample_timeline().events.sort_values("rank").reset_index(drop=True)
    assert written == [tmp_path / f"events{suffix}"]
    read = READERS[suffix](written[0])
    assert list(read["event_id"]) == ["ain#0", "ain#1", "pentagon#0", "ain#2", "ain#3", "ain#4"]
    assert_same_events(read, expected)


@pytest.mark.parametrize("suffix", [".csv", ".json", ".jsonl"])
def test_text_tables_write_iso_datetimes_with_offset(tmp_path: Path, suffix: str) -> None:
    text = export(sample_timeline(), tmp_path / f"events{suffix}")[0].read_text(encoding="utf-8")
    assert "2020-01-08T00:15:00+01:00" in text  # ain#2, earliest
    assert "Soleimani i sidste uge" in text  # Danish letters kept readable around it


@pytest.mark.parametrize("line_end", ["\x85", "\u2028", "\u2029"])
def test_json_lines_stay_one_record_per_line_with_unicode_line_ends_in_the_text(tmp_path: Path,
                                                                               line_end: str) -> None:
    """Python's ``splitlines`` and old JavaScript read these as line ends: they are escaped."""
    timeline = sample_timeline()
    timeline.events.loc[0, "sentence_text"] = f"Før{line_end}efter"
    text = export(timeline, tmp_path / "e.jsonl")[0].read_text("utf-8")
    lines = text.splitlines()
    assert len(lines) == len(timeline.events)
    assert f"Før{line_end}efter" in {json.loads(line)["sentence_text"] for line in lines}


def test_json_has_null_for_undated_and_native_numbers(tmp_path: Path) -> None:
    records = json.loads(export(sample_timeline(), tmp_path / "e.json")[0].read_text("utf-8"))
    undated = records[-1]
    assert (undated["event_id"], undated["earliest"], undated["latest"]) == ("ain#4", None, None)
    assert undated["trigger_start"] == -1 and isinstance(undated["certainty"], float)


def test_parquet_keeps_timezone_aware_datetimes(tmp_path: Path) -> None:
    read = pd.read_parquet(export(sample_timeline(), tmp_path / "e.parquet")[0])
    assert str(read["earliest"].dt.tz) == ZONE
    assert read["earliest"][3] == pd.Timestamp("2020-01-08T00:15", tz=ZONE)


def test_excel_holds_naive_copenhagen_wall_time(tmp_path: Path) -> None:
    read = pd.read_excel(export(sample_timeline(), tmp_path / "e.xlsx")[0])
    assert read["earliest"].dt.tz is None
    assert read["earliest"][3] == pd.Timestamp("2020-01-08T00:15")


def test_excel_replaces_characters_xlsx_cannot_hold(tmp_path: Path) -> None:
    timeline = with_cells({("ain#0", "sentence_text"): "a\x0bb\x00c"})
    read = pd.read_excel(export(timeline, tmp_path / "e.xlsx")[0])
    assert read["sentence_text"][0] == "a\ufffdb\ufffdc"


# --- formula injection ------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("x")', "+45 1234", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _csv_cells(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _xlsx_cells(path: Path) -> list[dict[str, Any]]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows())
    names = [cell.value for cell in rows[0]]
    return [{str(name): cell for name, cell in zip(names, row, strict=True)} for row in rows[1:]]


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_neutralises_formula_cells_but_not_numbers(tmp_path: Path, formula: str) -> None:
    timeline = with_cells({("ain#0", "trigger"): formula})
    rows = _csv_cells(export(timeline, tmp_path / "e.csv")[0])
    assert rows[0]["trigger"] == "'" + formula
    assert rows[-1]["trigger_start"] == "-1"  # a negative number stays a number


@pytest.mark.parametrize("formula", FORMULAS)
def test_xlsx_neutralises_formula_cells_but_not_numbers(tmp_path: Path, formula: str) -> None:
    timeline = with_cells({("ain#0", "trigger"): formula})
    rows = _xlsx_cells(export(timeline, tmp_path / "e.xlsx")[0])
    neutralised = ("'" + formula).replace("\r", "\n")  # xlsx reads a CR back as LF
    assert (rows[0]["trigger"].value, rows[0]["trigger"].data_type) == (neutralised, "s")
    assert (rows[-1]["trigger_start"].value, rows[-1]["trigger_start"].data_type) == (-1, "n")


def test_json_keeps_text_as_written(tmp_path: Path) -> None:
    timeline = with_cells({("ain#0", "trigger"): FORMULAS[0]})
    records = json.loads(export(timeline, tmp_path / "e.json")[0].read_text("utf-8"))
    assert records[0]["trigger"] == FORMULAS[0]


# --- TimelineJS --------------------------------------------------------------------------

DATE_SCHEMA = {
    "type": "object",
    "required": ["year", "month", "day"],
    "properties": {
        "year": {"type": "integer"},
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "hour": {"type": "integer", "minimum": 0, "maximum": 23},
        "minute": {"type": "integer", "minimum": 0, "maximum": 59},
    },
}
TIMELINEJS_SCHEMA = {
    "type": "object",
    "required": ["events"],
    "properties": {"events": {"type": "array", "items": {
        "type": "object",
        "required": ["start_date", "end_date", "text"],
        "properties": {
            "start_date": DATE_SCHEMA,
            "end_date": DATE_SCHEMA,
            "text": {"type": "object", "required": ["headline", "text"], "properties": {
                "headline": {"type": "string", "minLength": 1}, "text": {"type": "string"}}},
            "group": {"type": "string"},
        },
    }}},
}
JSON_TYPES: dict[str, type] = {"object": dict, "array": list, "string": str, "integer": int}


def _has_type(instance: Any, name: str) -> bool:
    return isinstance(instance, JSON_TYPES[name]) and not isinstance(instance, bool)


def schema_errors(instance: Any, schema: Any, where: str = "$") -> list[str]:
    """Errors of ``instance`` against the JSON Schema subset used above (type, required,
    properties, items, minimum, maximum, minLength)."""
    if not _has_type(instance, schema["type"]):
        return [f"{where}: expected {schema['type']}, found {type(instance).__name__}"]
    required = schema.get("required", [])
    errors = [f"{where}: {key} missing" for key in required if key not in instance]
    for key, sub in schema.get("properties", {}).items():
        if key in instance:
            errors += schema_errors(instance[key], sub, f"{where}.{key}")
    for index, item in enumerate(instance if "items" in schema else []):
        errors += schema_errors(item, schema["items"], f"{where}[{index}]")
    if "minimum" in schema and not schema["minimum"] <= instance <= schema["maximum"]:
        errors.append(f"{where}: {instance} out of range")
    if "minLength" in schema and len(instance) < schema["minLength"]:
        errors.append(f"{where}: shorter than {schema['minLength']}")
    return errors


def test_timelinejs_matches_schema_one_slide_per_dated_event() -> None:
    document = to_timelinejs(sample_timeline())
    assert schema_errors(document, TIMELINEJS_SCHEMA) == []
    assert [slide["text"]["headline"] for slide in document["events"]][:3] == [
        "missilangreb (begyndelsen af december)", "drabet (sidste uge)", "skete (i går)"]


def test_schema_checker_reports_bad_date_parts() -> None:
    bad = {"events": [{"start_date": {"year": "2020", "month": 13, "day": 1},
                       "end_date": {"year": 2020, "month": 1}, "text": {"headline": ""}}]}
    assert len(schema_errors(bad, TIMELINEJS_SCHEMA)) == 5


@pytest.mark.parametrize(("index", "start", "end"), [
    (0, {"year": 2019, "month": 12, "day": 1}, {"year": 2019, "month": 12, "day": 11}),
    (2, {"year": 2020, "month": 1, "day": 7}, {"year": 2020, "month": 1, "day": 7}),
    (3, {"year": 2020, "month": 1, "day": 8, "hour": 0, "minute": 15},
     {"year": 2020, "month": 1, "day": 8, "hour": 0, "minute": 46}),
])
def test_timelinejs_dates(index: int, start: dict[str, int], end: dict[str, int]) -> None:
    slide = to_timelinejs(sample_timeline())["events"][index]
    assert (slide["start_date"], slide["end_date"]) == (start, end)


def test_timelinejs_escapes_html_and_groups_by_document() -> None:
    slide = to_timelinejs(sample_timeline())["events"][2]
    assert "<script>" not in json.dumps(slide)
    assert slide["text"]["text"].startswith("Pentagon: &quot;&lt;script&gt;")
    assert slide["group"] == "pentagon"


def test_timelinejs_suffix_writes_the_document(tmp_path: Path) -> None:
    path = export(sample_timeline(), tmp_path / "slides.timelinejs.json")[0]
    assert json.loads(path.read_text("utf-8")) == to_timelinejs(sample_timeline())


# --- TimeML ------------------------------------------------------------------------------

def _text_element(xml: str) -> ET.Element:
    element = ET.fromstring(xml.encode("utf-8")).find("TEXT")
    assert element is not None
    return element


@pytest.mark.parametrize("doc_id", ["ain", "pentagon"])
def test_timeml_text_and_tags(tmp_path: Path, doc_id: str) -> None:
    timeline = sample_timeline()
    written = export(timeline, tmp_path / "timeml")
    root = ET.parse(tmp_path / "timeml" / f"{doc_id}.tml").getroot()
    text = _text_element(ET.tostring(root, encoding="unicode"))
    events = timeline.events[timeline.events["doc_id"] == doc_id].sort_values("expression_start")
    expected = [(row.expression, row.value) for row in events.itertuples() if row.expression]
    assert len(written) == 2
    assert "".join(text.itertext()) == timeline.documents[doc_id]
    assert [(tag.text, tag.get("value")) for tag in text.iter("TIMEX3")] == expected


def test_timeml_dct_and_docid() -> None:
    root = ET.fromstring(to_timeml(sample_timeline())["ain"])
    dct = root.find("DCT/TIMEX3")
    assert root.findtext("DOCID") == "ain"
    assert dct is not None and dct.attrib == {"tid": "t0", "type": "TIME",
                                              "value": "2020-01-08T01:15",
                                              "functionInDocument": "CREATION_TIME"}


def _one_document(text: str, expressions: list[tuple[str, int, str]]) -> Timeline:
    """A timeline of one document 'doc' with one event per (expression, start, value)."""
    blank: dict[str, Any] = dict.fromkeys(EVENT_COLUMNS, "") | {"earliest": None, "latest": None}
    rows = [blank | {"event_id": f"doc#{n}", "doc_id": "doc", "published": "2020-01-08",
                     "expression": expression, "expression_start": start, "type": "DATE",
                     "value": value, "rank": n}
            for n, (expression, start, value) in enumerate(expressions)]
    events = pd.DataFrame.from_records(rows, columns=list(EVENT_COLUMNS))
    return Timeline(events=events, documents={"doc": text})


@pytest.mark.parametrize(("expressions", "tags"), [
    ([("i går aftes", 10, "A"), ("går", 12, "B")], [("i går aftes", "A")]),
    ([("i går", 10, "A"), ("i går aftes", 10, "B")], [("i går aftes", "B")]),
    ([("går aftes", 12, "A"), ("i går", 10, "B")], [("i går", "B")]),
    ([("i dag", 10, "A")], []),  # the offset does not point at the expression
    ([("i går", 10, "A"), ("i går", 10, "A")], [("i går", "A")]),
])
def test_timeml_overlapping_expressions_keep_the_first(
        expressions: list[tuple[str, int, str]], tags: list[tuple[str, str]]) -> None:
    timeline = _one_document("Det skete i går aftes.", expressions)
    text = _text_element(to_timeml(timeline)["doc"])
    assert [(tag.text, tag.get("value")) for tag in text] == tags
    assert "".join(text.itertext()) == "Det skete i går aftes."


@pytest.mark.parametrize(("document", "expected"), [
    ("A & B <c> 'd' \"e\"\r\nF\rG\n", "A & B <c> 'd' \"e\"\r\nF\rG\n"),
    ("]]> &amp; <!-- x -->", "]]> &amp; <!-- x -->"),
    ("bad\x0bchar\x00", "bad\ufffdchar\ufffd"),
])
def test_timeml_escapes_text_exactly(document: str, expected: str) -> None:
    text = _text_element(to_timeml(_one_document(document, []))["doc"])
    assert "".join(text.itertext()) == expected


@pytest.mark.parametrize("doc_id", [
    "../../etc/passwd", "/etc/passwd", "..", ".", "a/../../b", "..\\..\\windows", ".hidden",
    "nyhed: æøå?*", "", "x" * 300,
])
def test_timeml_doc_ids_stay_inside_the_folder(tmp_path: Path, doc_id: str) -> None:
    folder = tmp_path / "out" / "timeml"
    timeline = Timeline(documents={doc_id: "Tekst.", "plain": "Anden tekst."})
    written = write_timeml(timeline, folder)
    assert len(set(written)) == 2
    assert all(path.resolve().parent == folder.resolve() and path.is_file() for path in written)
    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert {path.relative_to(tmp_path).parts[:2] for path in files} == {("out", "timeml")}
    assert ET.parse(written[0]).getroot().findtext("DOCID") == doc_id


def test_timeml_ids_that_sanitise_alike_get_different_files(tmp_path: Path) -> None:
    timeline = Timeline(documents={"a/b": "x", "a_b": "y", "a:b": "z"})
    assert len({path.name for path in write_timeml(timeline, tmp_path)}) == 3


# --- iCalendar ---------------------------------------------------------------------------

Property = tuple[dict[str, str], str]  # parameters, value


def unescape(value: str) -> str:
    """An RFC 5545 TEXT value unescaped."""
    return re.sub(r"\\(.)", lambda match: "\n" if match[1] in "nN" else match[1], value)


def parse_ics(text: str) -> list[dict[str, Property]]:
    """The VEVENTs of an iCalendar text: unfold lines, split name;params:value."""
    lines = text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")
    events: list[dict[str, Property]] = []
    for line in filter(None, lines):
        head, value = line.split(":", 1)
        name, *params = head.split(";")
        if (name, value) == ("BEGIN", "VEVENT"):
            events.append({})
        elif events and (name, value) != ("END", "VEVENT"):
            events[-1][name] = (dict(param.split("=", 1) for param in params), value)
    return events


def _ics(timeline: Timeline | None = None) -> str:
    return to_icalendar(timeline or sample_timeline(), stamp=STAMP)


def test_ics_has_one_vevent_per_dated_event() -> None:
    events = parse_ics(_ics())
    assert [unescape(event["UID"][1]) for event in events] == [
        "ain#0@danish-timeline", "ain#1@danish-timeline", "pentagon#0@danish-timeline",
        "ain#2@danish-timeline", "ain#3@danish-timeline"]
    assert all(event["DTSTAMP"] == ({}, "20200109T120000Z") for event in events)


@pytest.mark.parametrize(("index", "start", "end"), [
    (0, ({"VALUE": "DATE"}, "20191201"), ({"VALUE": "DATE"}, "20191212")),  # end rounded up
    (1, ({"VALUE": "DATE"}, "20191230"), ({"VALUE": "DATE"}, "20200106")),
    (2, ({"VALUE": "DATE"}, "20200107"), ({"VALUE": "DATE"}, "20200108")),
    (3, ({}, "20200107T231500Z"), ({}, "20200107T234600Z")),
    (4, ({}, "20200107T230000Z"), ({}, "20200108T000000Z")),
])
def test_ics_dates(index: int, start: Property, end: Property) -> None:
    event = parse_ics(_ics())[index]
    assert (event["DTSTART"], event["DTEND"]) == (start, end)


def test_ics_summary_and_escaped_description() -> None:
    event = parse_ics(_ics())[2]
    assert unescape(event["SUMMARY"][1]) == "skete (i går)"
    assert unescape(event["DESCRIPTION"][1]) == sample_timeline().documents["pentagon"]


def test_ics_lines_are_crlf_and_folded_at_75_octets() -> None:
    sentence = "Forsvaret oplyser; at angrebet, der ramte basen\r\nkl. 00.30, " + "æøå " * 60
    text = _ics(with_cells({("ain#0", "sentence_text"): sentence}))
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert max(len(line.encode("utf-8")) for line in text.split("\r\n")) <= 75
    assert unescape(parse_ics(text)[0]["DESCRIPTION"][1]) == sentence.replace("\r\n", "\n")


# --- choosing the format -----------------------------------------------------------------

@pytest.mark.parametrize(("target", "kind"), [
    ("events.csv", ".csv"), ("EVENTS.CSV", ".csv"), ("e.json", ".json"), ("e.jsonl", ".jsonl"),
    ("e.xlsx", ".xlsx"), ("e.parquet", ".parquet"), ("a.timelinejs.json", ".timelinejs.json"),
    ("cal.ics", ".ics"), ("out/timeml", "folder"), ("out/v1.2/", "folder"),
])
def test_format_for(target: str, kind: str) -> None:
    assert format_for(target) == kind


def test_existing_folder_means_timeml(tmp_path: Path) -> None:
    (tmp_path / "v1.2").mkdir()
    assert format_for(tmp_path / "v1.2") == "folder"


def test_unknown_suffix_names_the_supported_ones(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"unknown suffix '\.docx'") as error:
        export(sample_timeline(), tmp_path / "events.docx")
    assert all(suffix in str(error.value) for suffix in RENDERERS)
    assert "folder" in str(error.value) and not list(tmp_path.iterdir())


def test_failed_export_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    target.write_text("old", encoding="utf-8")
    broken = Timeline(events=sample_timeline().events.drop(columns=["rank"]))
    with pytest.raises(ExportError, match="rank"):
        export(broken, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["events.csv"]


@pytest.mark.parametrize("suffix", [*RENDERERS, ""])
def test_empty_timeline_exports(tmp_path: Path, suffix: str) -> None:
    written = export(Timeline(), tmp_path / f"empty{suffix}")
    assert all(path.is_file() for path in written)


def test_excel_goes_on_in_more_sheets_and_cuts_only_what_a_cell_cannot_hold(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """Excel's limits (1,048,576 rows a sheet, 32,767 characters a cell), made small here: every
    event is still in the workbook, in order, and the warning says what happened."""
    monkeypatch.setattr(excel, "ROWS_PER_SHEET", 4)
    monkeypatch.setattr(excel, "CELL_CHARACTERS", 20)
    timeline = with_cells({("ain#0", "sentence_text"): "Et meget langt afsnit uden punktum"})
    sheets = pd.read_excel(export(timeline, tmp_path / "e.xlsx")[0], sheet_name=None)
    assert list(sheets) == ["events", "events 2"]
    whole = pd.concat(sheets.values(), ignore_index=True)
    assert whole["event_id"].tolist() == timeline.events["event_id"].tolist()
    assert whole["sentence_text"][0] == "Et meget langt afsn…"
    original = timeline.events["sentence_text"].fillna("")
    assert whole["sentence_text"].fillna("").tolist() == [t if len(t) <= 20 else t[:19] + "…" for t in original]
    cut = sum(isinstance(cell, str) and len(cell) > 20 for cell in timeline.events.to_numpy().ravel())
    assert "fill 2 sheets" in caplog.text and f"{cut} text cells were longer than Excel's 20" in caplog.text
