"""The command line end to end through ``main([...])``: outputs, errors, exit codes."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, TypeAlias
from zoneinfo import ZoneInfo

import pytest

import normalise
from normalise import LexiconError, PublishedDateError, TimeExpression, TimexType, parse_published
from timeline.cli import main

ZONE = ZoneInfo("Europe/Copenhagen")
Capture: TypeAlias = pytest.CaptureFixture[str]
DEV_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "dev.jsonl"

EXPECTED_ROW = {
    "doc_id": "a", "start": 0, "end": 5, "text": "I går", "type": "DATE", "value": "2020-01-07",
    "mod": None, "earliest": "2020-01-07T00:00:00+01:00", "latest": "2020-01-08T00:00:00+01:00",
}


def fake_extract(text: str, published: object) -> list[TimeExpression]:
    """Stand-in engine: 'I går' at the start of a text is 2020-01-07."""
    parse_published(published)
    if not text.startswith("I går"):
        return []
    return [TimeExpression(0, 5, "I går", TimexType.DATE, "2020-01-07",
                           earliest=datetime(2020, 1, 7, tzinfo=ZONE),
                           latest=datetime(2020, 1, 8, tzinfo=ZONE))]


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(normalise, "extract", fake_extract)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def read_json(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def as_csv(row: dict) -> dict:
    """A row as the CSV reader gives it back: strings, empty for None."""
    return {key: "" if value is None else str(value) for key, value in row.items()}


@pytest.mark.parametrize(
    ("name", "options", "reader", "expected"),
    [
        ("out.jsonl", [], read_jsonl, EXPECTED_ROW),
        ("out.csv", [], read_csv, as_csv(EXPECTED_ROW)),
        ("out.json", [], read_json, EXPECTED_ROW),
        ("out.JSON", [], read_json, EXPECTED_ROW),
        ("out.txt", ["--format", "csv"], read_csv, as_csv(EXPECTED_ROW)),
        ("out.csv", ["--format", "jsonl"], read_jsonl, EXPECTED_ROW),
        ("out.dat", [], read_jsonl, EXPECTED_ROW),
        ("new/folder/out.jsonl", [], read_jsonl, EXPECTED_ROW),
    ],
)
def test_extract_writes_each_format(engine: None, tmp_path: Path, capsys: Capture,
                                    name: str, options: list[str], reader, expected: dict) -> None:
    source = write(tmp_path / "a.txt", "date 2020-01-08 I går kom han.")
    output = tmp_path / name
    assert main(["extract", str(source), "-o", str(output), *options]) == 0
    assert reader(output) == [expected]
    summary = f"wrote 1 expressions from 1 documents to {output} (0 failed)\n"
    assert capsys.readouterr().err == summary


def test_extract_to_stdout_is_jsonl(engine: None, tmp_path: Path, capsys: Capture) -> None:
    write(tmp_path / "a.txt", "date 2020-01-08 I går kom han.")
    write(tmp_path / "b.txt", "date 2020-01-08 Ingen tid her.")
    assert main(["extract", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert [json.loads(line) for line in out.splitlines()] == [EXPECTED_ROW]
    assert err == ""


def test_extract_reads_stdin(engine: None, monkeypatch: pytest.MonkeyPatch,
                             capsys: Capture) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("I går kom han.".encode())))
    assert main(["extract", "-", "--published", "2020-01-08"]) == 0
    assert json.loads(capsys.readouterr().out) == {**EXPECTED_ROW, "doc_id": "stdin"}


def test_extract_with_the_real_engine_end_to_end(tmp_path: Path) -> None:
    source = write(tmp_path / "a.txt", "date 2020-01-08 I går kom han.")
    output = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "-o", str(output)]) == 0
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert rows == [{"doc_id": "a", "start": 0, "end": 5, "text": "I går", "type": "DATE", "value": "2020-01-07",
                     "mod": None, "earliest": "2020-01-07T00:00:00+01:00", "latest": "2020-01-08T00:00:00+01:00"}]


@pytest.mark.parametrize(("options", "code"), [([], 0), (["--strict"], 1)])
def test_bad_documents_are_summarised_at_the_end_and_the_rest_is_written(
    engine: None, tmp_path: Path, capsys: Capture, options: list[str], code: int
) -> None:
    good = write(tmp_path / "a.txt", "date 2020-01-08 I går kom han.")
    headerless = write(tmp_path / "b.txt", "I går kom han.")
    rows = write(tmp_path / "rows.jsonl",
                 '{"id": "c", "published": "2020-01-08", "text": "I går."}\n{"id": "d", "text"\n')
    output = tmp_path / "out.jsonl"
    assert main(["extract", str(good), str(headerless), str(tmp_path / "missing.txt"), str(rows),
                 "-o", str(output), *options]) == code
    assert [row["doc_id"] for row in read_jsonl(output)] == ["a", "c"]
    assert capsys.readouterr().err.splitlines() == [
        "error: b: no publication date: start the file with 'date YYYY-MM-DD' or pass --published",
        f"error: {tmp_path / 'missing.txt'}: no such file or directory",
        f"error: {rows}:2: invalid JSON: Expecting ':' delimiter at column 19",
        "3 of 5 documents failed",
        f"wrote 2 expressions from 2 documents to {output} (3 failed)",
    ]


def test_engine_rejecting_a_publication_time_fails_that_document_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: Capture
) -> None:
    def picky(text: str, published: object) -> list[TimeExpression]:
        if published == "2020":
            raise PublishedDateError("publication time '2020' is too vague")
        return fake_extract(text, published)

    monkeypatch.setattr(normalise, "extract", picky)
    write(tmp_path / "a.txt", "date 2020-01-08 I går kom han.")
    write(tmp_path / "b.txt", "date 2020 I går kom han.")
    assert main(["extract", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["a"]
    assert err == "error: b: publication time '2020' is too vague\n1 of 2 documents failed\n"


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["extract"],
        ["extract", "a.txt", "--published", "nonsense"],
        ["extract", "a.txt", "--format", "xml"],
        ["extract", "a.txt", "--jobs", "0"],
        ["extract", "a.txt", "--jobs", "two"],
        ["extract", "a.txt", "--quiet", "--progress"],
        ["evaluate"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: Capture) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "usage: timeline" in err and "Traceback" not in err


def test_help_documents_exit_codes(capsys: Capture) -> None:
    assert main(["extract", "--help"]) == 0
    out = capsys.readouterr().out
    assert "exit status" in out and "--strict: some documents failed" in out


def test_an_engine_bug_fails_its_document_and_says_where(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: Capture
) -> None:
    """A bug is not the user's mistake, and a corpus run must not end on it: the document fails,
    with what was raised and where, to report (an interrupted run's output: test_atomic)."""
    def broken(text: str, published: object) -> list[TimeExpression]:
        raise RuntimeError("engine bug")

    monkeypatch.setattr(normalise, "extract", broken)
    write(tmp_path / "a.txt", "date 2020-01-08 I går.")
    output = write(tmp_path / "out.jsonl", "old\n")
    assert main(["extract", str(tmp_path / "a.txt"), "-o", str(output), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "error: a: internal error, please report it with this document: RuntimeError: engine bug (at test_cli.py:" \
        in err
    assert output.read_text() == ""


def test_unwritable_output_is_a_one_line_error(tmp_path: Path, capsys: Capture) -> None:
    source = write(tmp_path / "a.txt", "date 2020-01-08 I går.")
    output = tmp_path / "a.txt" / "out.jsonl"  # a file where a folder should be
    assert main(["extract", str(source), "-o", str(output)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_broken_lexicon_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                            capsys: Capture) -> None:
    def no_lexicon(text: str, published: object) -> list[TimeExpression]:
        raise LexiconError("lexicon file months.json is missing")

    monkeypatch.setattr(normalise, "extract", no_lexicon)
    source = write(tmp_path / "a.txt", "date 2020-01-08 I går.")
    assert main(["extract", str(source)]) == 2
    assert capsys.readouterr().err == "error: lexicon file months.json is missing\n"


GOLD: dict[str, Any] = {
    "id": "a", "published": "2020-01-08", "text": "I går kom han, og i dag går han.",
    "timexes": [
        {"start": 0, "end": 5, "text": "I går", "type": "DATE", "value": "2020-01-07", "mod": None},
        {"start": 18, "end": 23, "text": "i dag", "type": "DATE", "value": "2020-01-08"},
    ],
    "ignore": [],
}


def test_evaluate_prints_table_and_value_f1_last(engine: None, tmp_path: Path,
                                                 capsys: Capture) -> None:
    gold = write(tmp_path / "gold.jsonl", json.dumps(GOLD, ensure_ascii=False) + "\n")
    assert main(["evaluate", str(gold), "--errors"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["a", "  miss      [18:23] 'i dag'  expected 2020-01-08 (DATE)"]
    assert "relaxed span   P=1.000  R=0.500  F1=0.667" in lines
    assert lines[-1] == "value_f1=0.667"


def test_evaluate_folder_scores_each_file_then_all_as_one(engine: None, tmp_path: Path,
                                                          capsys: Capture) -> None:
    other = {**GOLD, "id": "b", "timexes": GOLD["timexes"][:1]}  # without the "i dag" the engine misses
    (tmp_path / "gold" / "sub").mkdir(parents=True)
    write(tmp_path / "gold" / "a.jsonl", json.dumps(GOLD, ensure_ascii=False) + "\n")
    write(tmp_path / "gold" / "sub" / "b.jsonl", json.dumps(other, ensure_ascii=False) + "\n")
    write(tmp_path / "gold" / "notes.txt", "not gold\n")
    assert main(["evaluate", str(tmp_path / "gold")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["file", "documents", "gold", "relaxed_f1", "value_f1"]
    assert lines[1].split()[1:] == ["1", "2", "0.667", "0.667"] and lines[1].endswith("0.667")
    assert lines[1].split()[0].endswith("a.jsonl") and lines[2].split()[0].endswith("b.jsonl")
    assert lines[2].split()[1:] == ["1", "1", "1.000", "1.000"]
    assert "documents 2  gold 3  predicted 2  ignored 0" in lines
    assert lines[-1] == "value_f1=0.800"  # 2 right of 2 predicted and 3 gold


def test_evaluate_folder_without_gold_exits_2(tmp_path: Path, capsys: Capture) -> None:
    write(tmp_path / "notes.txt", "not gold\n")
    assert main(["evaluate", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path}: no .jsonl gold files in folder\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file or directory"),
        ("{not json\n", "invalid JSON"),
        (json.dumps({**GOLD, "timexes": [{**GOLD["timexes"][0], "end": 4}]}), "offsets 0:4"),
    ],
)
def test_evaluate_bad_gold_exits_2(tmp_path: Path, capsys: Capture,
                                   content: str | None, message: str) -> None:
    gold = tmp_path / "gold.jsonl"
    if content is not None:
        write(gold, content)
    assert main(["evaluate", str(gold)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


@pytest.mark.skipif(not DEV_GOLD.is_file(), reason="shared dev gold not present")
def test_evaluate_dev_gold(capsys: Capture) -> None:
    """The issue's quality bar on the dev gold: value F1 >= 0.85, relaxed span F1 >= 0.90."""
    assert main(["evaluate", str(DEV_GOLD)]) == 0
    lines = capsys.readouterr().out.splitlines()
    last = re.fullmatch(r"value_f1=([01]\.\d{3})", lines[-1])
    assert last is not None and float(last.group(1)) >= 0.85
    relaxed = next(line for line in lines if line.startswith("relaxed span"))
    assert float(relaxed.rsplit("F1=", 1)[1]) >= 0.90


EXTRA_INPUT = {"id": "a", "published": "2020-01-08", "text": "I går kom han.", "outlet": "DR", "type": "nyhed"}


def extra_input(path: Path) -> Path:
    """``EXTRA_INPUT`` as a file of the kind ``path``'s suffix names."""
    if path.suffix == ".csv":
        return write(path, ";".join(EXTRA_INPUT) + "\n" + ";".join(EXTRA_INPUT.values()) + "\n")
    if path.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table({key: [value] for key, value in EXTRA_INPUT.items()}), path)
        return path
    return write(path, json.dumps(EXTRA_INPUT) + "\n")


@pytest.mark.parametrize("source", ["rows.jsonl", "rows.csv", "rows.parquet"])
@pytest.mark.parametrize(("name", "reader", "expected"), [
    ("out.jsonl", read_jsonl, {**EXPECTED_ROW, "outlet": "DR", "doc_type": "nyhed"}),
    ("out.json", read_json, {**EXPECTED_ROW, "outlet": "DR", "doc_type": "nyhed"}),
    ("out.csv", read_csv, as_csv({**EXPECTED_ROW, "outlet": "DR", "doc_type": "nyhed"})),
])
def test_extract_carries_input_columns_through(engine: None, tmp_path: Path, source: str, name: str,
                                               reader, expected: dict) -> None:
    output = tmp_path / name
    assert main(["extract", str(extra_input(tmp_path / source)), "-o", str(output)]) == 0
    assert reader(output) == [expected]


def test_csv_output_warns_about_columns_after_the_header(engine: None, tmp_path: Path, capsys: Capture) -> None:
    plain = {"id": "a", "published": "2020-01-08", "text": "I går."}
    rows = write(tmp_path / "rows.jsonl", json.dumps(plain) + "\n" + json.dumps({**EXTRA_INPUT, "id": "b"}) + "\n")
    output = tmp_path / "out.csv"
    assert main(["extract", str(rows), "-o", str(output)]) == 0
    assert [row["doc_id"] for row in read_csv(output)] == ["a", "b"]
    assert "warning: CSV output: column(s) doc_type, outlet first appear in a row of document b" \
        in capsys.readouterr().err


def test_non_utf8_input_is_read_with_a_warning(engine: None, tmp_path: Path, capsys: Capture) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes("date 2020-01-08 I går kom han til Ærø.".encode("cp1252"))
    assert main(["extract", str(source)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["doc_id"] == "a"
    assert err == f"warning: {source}: not UTF-8; decoded as Windows-1252\n"


def test_errors_to_lists_every_failure_as_json_lines(engine: None, tmp_path: Path, capsys: Capture) -> None:
    (tmp_path / "in").mkdir()
    write(tmp_path / "in" / "a.txt", "date 2020-01-08 I går.")
    write(tmp_path / "in" / "b.txt", "I går.")
    write(tmp_path / "in" / "c.txt", "")
    errors = tmp_path / "errors.jsonl"
    assert main(["extract", str(tmp_path / "in"), "--errors-to", str(errors), "--strict"]) == 1
    assert read_jsonl(errors) == [
        {"id": "b", "source": str(tmp_path / "in" / "b.txt"),
         "reason": "no publication date: start the file with 'date YYYY-MM-DD' or pass --published"},
        {"id": "c", "source": str(tmp_path / "in" / "c.txt"), "reason": "empty file"},
    ]
    assert capsys.readouterr().err.splitlines()[-1] == f"2 of 3 documents failed; all of them are in {errors}"


def test_summary_lists_the_first_hundred_failures(engine: None, tmp_path: Path, capsys: Capture) -> None:
    rows = write(tmp_path / "rows.jsonl", "".join(f'{{"id": "x{n}", "text": "I går."}}\n' for n in range(150)))
    assert main(["extract", str(rows)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 102 and err[99].startswith("error: x99: missing field 'published'")
    assert err[100:] == ["error: ... and 50 more", "150 of 150 documents failed"]


@pytest.mark.parametrize(
    ("options", "bar", "summary"),
    [([], False, True), (["--progress"], True, True), (["--quiet"], False, False)],
)
def test_progress_bar_and_quiet(engine: None, tmp_path: Path, capsys: Capture,
                                options: list[str], bar: bool, summary: bool) -> None:
    write(tmp_path / "a.txt", "date 2020-01-08 I går kom han.")
    write(tmp_path / "b.txt", "I går kom han.")
    output = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(output), *options]) == 0
    err = capsys.readouterr().err
    assert ("2/2" in err and "doc/s" in err) == bar
    assert ("wrote 1 expressions" in err) == summary
    assert "error: b: no publication date" in err  # errors are never quiet
    assert read_jsonl(output) == [EXPECTED_ROW]
