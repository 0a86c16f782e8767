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
                 "-o", str(chart), "--to", str(table), "--quiet"])
    assert code == 0
    page = chart.read_text(encoding="utf-8")
    assert "Plotly.newPlot" in page
    assert not re.search(r"<script[^>]+src=[\"']https?://", page)  # plotly.js embedded: works offline
    events = pd.read_csv(table)
    assert len(events) == 22 and events["rank"].is_monotonic_increasing
    assert "built 22 events" in capsys.readouterr().err


def test_build_reports_bad_documents_and_keeps_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text("date 2020-01-08 Mødet blev holdt i går.", encoding="utf-8")
    headerless = tmp_path / "bad.txt"
    headerless.write_text("Mødet blev holdt i går.", encoding="utf-8")
    table = tmp_path / "events.jsonl"
    code = main(["build", str(good), str(headerless), "-o", str(tmp_path / "t.html"), "--to", str(table)])
    assert code == 1
    assert "error: " in capsys.readouterr().err
    assert pd.read_json(table, lines=True)["doc_id"].tolist() == ["good"]


def test_unknown_export_suffix_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["build", str(SAMPLES / "ain-al-asad.txt"), "-o", str(tmp_path / "t.html"),
                 "--to", str(tmp_path / "events.docx")])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and ".csv" in err and "Traceback" not in err
