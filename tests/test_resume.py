"""``extract --resume``: a stopped run carries on with no row written twice and none lost."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import normalise
from normalise import TimeExpression
from timeline import resume
from timeline.cli import main
from timeline.resume import read_journal, sidecars

Capture = pytest.CaptureFixture[str]
REAL_EXTRACT = normalise.extract


def corpus(path: Path, count: int = 12) -> Path:
    """``count`` JSON lines: most documents have expressions, every fourth none, one id repeats."""
    rows = []
    for n in range(count):
        text = f"Mødet {n} blev holdt i går og fortsætter i morgen." if n % 4 else f"Dokument {n} uden tid."
        rows.append({"id": "twin" if n in (2, 3) else f"d{n}", "published": "2020-01-08", "text": text})
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def prefix(source: Path, target: Path, lines: int) -> Path:
    target.write_text("".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[:lines]),
                      encoding="utf-8")
    return target


def stop_after(calls: int) -> Callable[[str, object], list[TimeExpression]]:
    """The engine, but Ctrl-C comes after ``calls`` documents."""
    seen = []

    def extract(text: str, published: object) -> list[TimeExpression]:
        seen.append(text)
        if len(seen) > calls:
            raise KeyboardInterrupt
        return REAL_EXTRACT(text, published)

    return extract


@pytest.fixture
def small_checkpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resume, "CHECKPOINT_DOCUMENTS", 3)


@pytest.fixture
def expected(tmp_path: Path) -> bytes:
    """What one uninterrupted run writes for the whole corpus."""
    output = tmp_path / "expected.jsonl"
    assert main(["extract", str(corpus(tmp_path / "all.jsonl")), "-o", str(output), "--quiet"]) == 0
    return output.read_bytes()


def extract(source: Path, output: Path, *options: str) -> int:
    return main(["extract", str(source), "-o", str(output), "--resume", "--quiet", *options])


@pytest.mark.parametrize("stop", [0, 1, 2, 3, 5, 7, 11])
def test_interrupted_run_resumes_without_duplicates_or_loss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, expected: bytes, small_checkpoints: None, stop: int
) -> None:
    source, output = tmp_path / "all.jsonl", tmp_path / "out.jsonl"
    monkeypatch.setattr(normalise, "extract", stop_after(stop))
    assert extract(source, output) == 130
    partial, progress = sidecars(output)
    assert not output.exists() and partial.exists() and progress.exists()  # out.jsonl only ever complete
    monkeypatch.setattr(normalise, "extract", REAL_EXTRACT)
    assert extract(source, output) == 0
    assert output.read_bytes() == expected
    assert not partial.exists() and progress.exists()


def test_a_crash_between_checkpoints_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, expected: bytes, small_checkpoints: None
) -> None:
    """As if killed: rows after the last checkpoint, half a row and half a journal line are left."""
    source, output = tmp_path / "all.jsonl", tmp_path / "out.jsonl"
    monkeypatch.setattr(normalise, "extract", stop_after(7))
    assert extract(source, output) == 130
    partial, progress = sidecars(output)
    with partial.open("ab") as rows:
        rows.write(b'{"doc_id": "d9", "start": 0, "end": 5, "text": "i g')
    with progress.open("ab") as log:
        log.write(b'{"bytes": 99999, "done": ["d9"')
    monkeypatch.setattr(normalise, "extract", REAL_EXTRACT)
    assert extract(source, output) == 0
    assert output.read_bytes() == expected


def test_completed_run_resumes_over_a_grown_corpus(tmp_path: Path, expected: bytes, capsys: Capture) -> None:
    source, output = tmp_path / "all.jsonl", tmp_path / "out.jsonl"
    assert extract(prefix(source, tmp_path / "first.jsonl", 7), output) == 0
    assert main(["extract", str(source), "-o", str(output), "--resume"]) == 0
    assert output.read_bytes() == expected
    assert "(0 failed, 7 skipped: already there)" in capsys.readouterr().err


def test_output_written_without_resume_seeds_the_journal(tmp_path: Path, expected: bytes) -> None:
    source, output = tmp_path / "all.jsonl", tmp_path / "out.jsonl"
    assert main(["extract", str(prefix(source, tmp_path / "first.jsonl", 6)), "-o", str(output)]) == 0
    assert extract(source, output) == 0
    assert output.read_bytes() == expected
    _, done = read_journal(sidecars(output)[1])
    assert {"d1", "twin", "d5"} <= done.every  # the ids that had rows; d0 and d4 had none: redone, harmless


def test_failed_documents_are_tried_again(tmp_path: Path, expected: bytes) -> None:
    source, output = tmp_path / "all.jsonl", tmp_path / "out.jsonl"
    good = source.read_text(encoding="utf-8")
    broken = good.replace('"published": "2020-01-08", "text": "Mødet 5', '"published": "2020-13-45", "text": "Mødet 5')
    source.write_text(broken, encoding="utf-8")
    assert extract(source, output) == 0
    source.write_text(good, encoding="utf-8")  # fixed
    assert extract(source, output) == 0
    lines = output.read_bytes().splitlines(keepends=True)
    assert sorted(lines) == sorted(expected.splitlines(keepends=True))  # d5's rows come last now


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        ("output", "has changed since"),
        ("partial", "does not match"),
    ],
)
def test_files_that_do_not_fit_together_are_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture, spoil: str, message: str
) -> None:
    source, output = corpus(tmp_path / "all.jsonl"), tmp_path / "out.jsonl"
    if spoil == "output":
        assert extract(source, output) == 0
        output.write_text("", encoding="utf-8")
    else:
        monkeypatch.setattr(normalise, "extract", stop_after(5))
        assert extract(source, output) == 130
        sidecars(output)[0].write_text("", encoding="utf-8")
    capsys.readouterr()
    assert extract(source, output) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err


@pytest.mark.parametrize("options", [[], ["--format", "csv"]])
def test_resume_needs_a_json_lines_file(tmp_path: Path, capsys: Capture, options: list[str]) -> None:
    argv = ["extract", str(corpus(tmp_path / "all.jsonl")), "--resume", *options]
    if options:
        argv += ["-o", str(tmp_path / "out.jsonl")]
    assert main(argv) == 2
    assert "--resume needs a JSON lines output file" in capsys.readouterr().err


def test_a_run_without_resume_forgets_a_stopped_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, output = corpus(tmp_path / "all.jsonl"), tmp_path / "out.jsonl"
    monkeypatch.setattr(normalise, "extract", stop_after(5))
    assert extract(source, output) == 130
    monkeypatch.setattr(normalise, "extract", REAL_EXTRACT)
    assert main(["extract", str(source), "-o", str(output)]) == 0
    assert not any(path.exists() for path in sidecars(output))
