"""Properties of the command line on any corpus (hypothesis): whatever the documents hold,
``timeline extract`` and ``timeline build`` finish, every input document is either
analysed or reported with a reason, spans point into the texts, and ``--strict``
alone turns failures into a non-zero exit code."""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import PUBLISHED, TEXTS
from wellformed import TIMEX3

from timeline.cli import main

SETTINGS = settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "25")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Publication times as corpora carry them: good ones, and the garbage that reaches a reader.
_ANY_PUBLISHED = st.one_of(PUBLISHED.map(str), st.text(max_size=12),
                           st.sampled_from(["", "2020-02-30", "10000-01-01", "0000", "i går", "NaN"]))
DOCUMENT = st.fixed_dictionaries({"text": TEXTS, "published": _ANY_PUBLISHED})
CORPUS = st.lists(DOCUMENT, min_size=1, max_size=6)
_SUMMARY = re.compile(r"from (\d+) documents")


def _write_corpus(folder: Path, documents: list[dict[str, str]]) -> Path:
    path = folder / "corpus.jsonl"
    lines = [json.dumps({"id": f"d{n}", **document}) for n, document in enumerate(documents)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _failed_ids(errors: Path) -> list[str]:
    if not errors.exists():
        return []
    return [json.loads(line)["id"] for line in errors.read_text(encoding="utf-8").splitlines()]


@SETTINGS
@given(CORPUS)
def test_extract_analyses_or_reports_every_document(capsys: pytest.CaptureFixture[str],
                                                     documents: list[dict[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        corpus, output, errors = _write_corpus(Path(folder), documents), Path(folder) / "out.jsonl", \
            Path(folder) / "errors.jsonl"
        assert main(["extract", str(corpus), "-o", str(output), "--errors-to", str(errors)]) == 0
        failed = _failed_ids(errors)
        analysed = int(_SUMMARY.search(capsys.readouterr().err).group(1))  # type: ignore[union-attr]
        assert analysed + len(failed) == len(documents)
        texts = {f"d{n}": document["text"] for n, document in enumerate(documents)}
        for row in map(json.loads, output.read_text(encoding="utf-8").splitlines()):
            assert row["doc_id"] not in failed
            assert texts[row["doc_id"]][row["start"]:row["end"]] == row["text"]
            assert TIMEX3.fullmatch(row["value"]), row
            if row["earliest"] is not None:
                assert datetime.fromisoformat(row["earliest"]) < datetime.fromisoformat(row["latest"]), row


@SETTINGS
@given(CORPUS)
def test_build_keeps_every_sentence_of_every_readable_document(capsys: pytest.CaptureFixture[str],
                                                               documents: list[dict[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        corpus, chart, table, errors = (_write_corpus(Path(folder), documents), Path(folder) / "t.html",
                                        Path(folder) / "t.jsonl", Path(folder) / "errors.jsonl")
        code = main(["build", str(corpus), "-o", str(chart), "--to", str(table), "--errors-to", str(errors),
                     "--quiet", "--strict"])
        capsys.readouterr()
        failed = _failed_ids(errors)
        assert code == (1 if failed else 0)
        rows = [json.loads(line) for line in table.read_text(encoding="utf-8").splitlines()]
        assert chart.exists() and not set(failed) & {row["doc_id"] for row in rows}
        for row in rows:
            document = documents[int(row["doc_id"][1:])]
            assert document["text"][row["start"]:row["end"]].strip() == row["sentence_text"]
