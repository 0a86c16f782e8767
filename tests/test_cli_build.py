"""`timeline build` end to end: chart, exports, bad documents, bad targets."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from timeline.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def test_build_writes_chart_and_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chart, table = tmp_path / "timeline.html", tmp_path / "events.csv"
    code = main(["build", str(SAMPLES / "ain-al-asad.txt"), "--published", "2020-01-08T01:15",
                 "-o", str(chart), "--to", str(table)])
    assert code == 0
    page = chart.read_text(encoding="utf-8")
    assert "Plotly.newPlot" in page
    assert not re.search(r"<script[^>]+src=[\"']https?://", page)  # plotly.js embedded: works offline
    events = pd.read_csv(table)
    assert len(events) == 22 and events["rank"].is_monotonic_increasing
    assert "built 22 events" in capsys.readouterr().err


@pytest.mark.parametrize(("options", "code"), [([], 0), (["--strict"], 1)])
def test_build_reports_bad_documents_and_keeps_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        options: list[str], code: int) -> None:
    good = tmp_path / "good.txt"
    good.write_text("date 2020-01-08 Mødet blev holdt i går.", encoding="utf-8")
    headerless = tmp_path / "bad.txt"
    headerless.write_text("Mødet blev holdt i går.", encoding="utf-8")
    table, errors = tmp_path / "events.jsonl", tmp_path / "errors.jsonl"
    assert main(["build", str(good), str(headerless), "-o", str(tmp_path / "t.html"), "--to", str(table),
                 "--errors-to", str(errors), *options]) == code
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == ["error: bad: no publication date: start the file with 'date YYYY-MM-DD' or pass --published",
                       f"1 of 2 documents failed; all of them are in {errors}"]
    assert err[2].startswith("built 1 events (1 dated) from 1 documents (1 failed)")
    assert pd.read_json(table, lines=True)["doc_id"].tolist() == ["good"]
    assert pd.read_json(errors, lines=True)["id"].tolist() == ["bad"]


def test_unknown_export_suffix_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["build", str(SAMPLES / "ain-al-asad.txt"), "-o", str(tmp_path / "t.html"),
                 "--to", str(tmp_path / "events.docx")])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and ".csv" in err and "Traceback" not in err


def test_input_columns_reach_the_exports(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text('id,published,text,outlet\na,2020-01-08,"Angrebet skete i går.",DR\n', encoding="utf-8")
    table = tmp_path / "events.csv"
    assert main(["build", str(corpus), "-o", str(tmp_path / "t.html"), "--to", str(table), "--quiet"]) == 0
    events = pd.read_csv(table)
    assert events["outlet"].tolist() == ["DR"]


@pytest.mark.parametrize("options", [["--progress"], []])
def test_build_says_which_step_it_is_at_after_the_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      options: list[str]) -> None:
    """After the documents' bar the main process merges, orders, draws and writes for a while
    on a large corpus: with a bar, each step has a line; without one (scripts), none."""
    chart, table = tmp_path / "timeline.html", tmp_path / "events.csv"
    assert main(["build", str(SAMPLES / "ain-al-asad.txt"), "--published", "2020-01-08T01:15",
                 "-o", str(chart), "--to", str(table), *options]) == 0
    err = capsys.readouterr().err
    steps = ["merging and ordering 22 events", f"drawing and writing {chart}, {table}"]
    assert [step in err for step in steps] == [bool(options)] * 2
    if options:
        assert err.index(steps[0]) < err.index(steps[1]) < err.index("built 22 events")


def _blocked(tmp_path: Path) -> Path:
    """A folder no file can be written in: its parent is a file."""
    plain = tmp_path / "plain.txt"
    plain.write_text("not a folder", encoding="utf-8")
    return plain / "out"


@pytest.mark.parametrize(("chart", "export", "named"), [
    ("t.html", "events.docx", "events.docx': unknown suffix"),
    ("t.html", "BLOCKED/events.csv", "BLOCKED/events.csv: cannot write there"),
    ("t.html", "BLOCKED/timeml", "BLOCKED/timeml: cannot write there"),  # a TimeML folder
    ("BLOCKED/t.html", None, "BLOCKED/t.html: cannot write there"),
])
def test_a_target_that_cannot_be_written_stops_the_build_before_it_reads(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], chart: str, export: str | None, named: str) -> None:
    """A long run must not find out at its end that it cannot write what it made: the targets
    are checked first (the input here does not exist, and that is never reached)."""
    def place(name: str) -> str:
        return str(tmp_path / name).replace(str(tmp_path / "BLOCKED"), str(_blocked(tmp_path)))
    to = ["--to", place(export)] if export else []
    code = main(["build", str(tmp_path / "missing.txt"), "-o", place(chart), *to])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err
    assert "missing.txt" not in err  # never read
    assert (place(named) if named.startswith("BLOCKED") else named) in err  # the target, not a temporary file
    assert not (tmp_path / "t.html").exists()


def test_a_lane_the_events_lack_keeps_the_run_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--lane`` may name an input column, known only once read: a wrong one is found after the
    analysis, which is kept (chart by document, exports written), with a warning."""
    chart, table = tmp_path / "t.html", tmp_path / "events.csv"
    code = main(["build", str(SAMPLES / "ain-al-asad.txt"), "--published", "2020-01-08T01:15", "--quiet",
                 "-o", str(chart), "--to", str(table), "--lane", "outlett"])
    err = capsys.readouterr().err
    assert code == 0 and "Traceback" not in err
    assert err.startswith("warning: --lane 'outlett' is not a column") and "'doc_id'" in err
    assert "Plotly.newPlot" in chart.read_text(encoding="utf-8") and len(pd.read_csv(table)) == 22


@pytest.mark.parametrize("command", [["build"], ["extract"], ["extract", "--resume"]])
def test_an_output_that_is_a_folder_is_refused_before_reading(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              command: list[str]) -> None:
    """Not found at the end, when the finished output is moved into place (the work lost)."""
    folder = tmp_path / "out"
    folder.mkdir()
    assert main([*command, str(tmp_path / "missing.txt"), "-o", str(folder)]) == 2
    assert capsys.readouterr().err == f"error: {folder}: is a folder; name a file to write\n"
    assert list(folder.iterdir()) == []


def test_the_events_wait_in_the_spill_folder_and_leave_it_empty(tmp_path: Path) -> None:
    spill, chart, tml = tmp_path / "spill", tmp_path / "timeline.html", tmp_path / "tml"
    spill.mkdir()
    assert main(["build", str(SAMPLES), "-o", str(chart), "--to", f"{tml}/", "--spill-dir", str(spill),
                 "--quiet"]) == 0
    assert chart.exists() and sorted(p.name for p in tml.iterdir()) == sorted(
        f"{p.stem}.tml" for p in SAMPLES.iterdir() if p.suffix == ".txt")
    assert list(spill.iterdir()) == []


def test_a_spill_folder_that_is_not_there_is_a_usage_error(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    assert main(["build", str(SAMPLES), "-o", str(tmp_path / "t.html"), "--spill-dir", str(missing)]) == 2
    assert f"--spill-dir {missing}: no such folder" in capsys.readouterr().err
    assert not (tmp_path / "t.html").exists()
