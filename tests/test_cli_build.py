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
    steps = ["merging and ordering 22 events", f"drawing the chart: {chart}", f"writing {table}"]
    assert [step in err for step in steps] == [bool(options)] * 3
    if options:
        assert err.index(steps[0]) < err.index(steps[1]) < err.index(steps[2]) < err.index("built 22 events")
