"""Atomic output: an interrupted or failed write leaves the old file as it was and no
temporary file behind, for every way the toolkit writes (streamed expressions, table
exports, the chart)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import normalise
import viz
from timeline.cli import EXIT_INTERRUPTED, main
from viz.atomic import atomic_output, write_atomically

OLD = "the previous run's output\n"


def _corpus(folder: Path, documents: int) -> Path:
    path = folder / "corpus.jsonl"
    rows = [{"id": f"d{n}", "published": "2020-01-08", "text": "Mødet blev holdt i går."} for n in range(documents)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _left_alone(path: Path) -> bool:
    """The old content is there, and nothing else was left in the folder."""
    siblings = sorted(p.name for p in path.parent.iterdir() if p.name.startswith(f".{path.name}"))
    return path.read_text(encoding="utf-8") == OLD and siblings == []


@pytest.mark.parametrize("stop", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_a_failed_block_keeps_the_old_file(tmp_path: Path, stop: BaseException) -> None:
    target = tmp_path / "out.csv"
    target.write_text(OLD, encoding="utf-8")
    with pytest.raises(type(stop)), atomic_output(target, "w", encoding="utf-8") as stream:
        stream.write("half a row,")
        raise stop
    assert _left_alone(target)


def test_a_complete_block_replaces_the_file_with_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new" / "chart.html"
    write_atomically(target, b"<html></html>")
    assert target.read_bytes() == b"<html></html>" and (target.stat().st_mode & 0o777) != 0o600
    assert [p.name for p in target.parent.iterdir()] == ["chart.html"]


def test_an_interrupted_extract_run_keeps_the_previous_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C on the third of five documents: the expressions already streamed are not
    left as a truncated file."""
    output = tmp_path / "out.jsonl"
    output.write_text(OLD, encoding="utf-8")
    calls = []
    real = normalise.extract

    def interrupted(text: str, published: object) -> list[normalise.TimeExpression]:
        calls.append(text)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(text, published)

    monkeypatch.setattr(normalise, "extract", interrupted)
    code = main(["extract", str(_corpus(tmp_path, 5)), "-o", str(output), "--quiet"])
    assert code == EXIT_INTERRUPTED and len(calls) == 3
    assert _left_alone(output)


def test_a_chart_that_fails_to_draw_keeps_the_previous_chart_and_tables(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    chart, table = tmp_path / "timeline.html", tmp_path / "events.csv"
    for path in (chart, table):
        path.write_text(OLD, encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(viz, "plot_timeline", broken)
    code = main(["build", str(_corpus(tmp_path, 2)), "-o", str(chart), "--to", str(table), "--quiet"])
    assert code == EXIT_INTERRUPTED
    assert _left_alone(chart) and _left_alone(table)


def test_a_folder_that_cannot_be_made_is_named_as_the_target(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text(OLD, encoding="utf-8")
    target = plain / "out" / "chart.html"
    with pytest.raises(OSError) as raised:
        write_atomically(target, b"<html></html>")
    assert raised.value.filename == str(target) and "cannot write there" in str(raised.value)
    assert plain.read_text(encoding="utf-8") == OLD
