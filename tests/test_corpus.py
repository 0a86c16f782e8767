"""Running a corpus: order kept on any pool, jobs=2 and Dask equal to one process, nothing lost."""

from __future__ import annotations

import gc
import json
import logging
import pickle
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pendulum
import pytest

from timeline import Timeline, build
from timeline.cli import main
from timeline.corpus import corpus_events, successes, timeline_of
from timeline.documents import Document, DocumentError, ReadResult, read_documents
from timeline.parallel import IN_PROCESS, Packing, Pool, batched, map_in_order
from timeline.parcel import Parcel

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
Capture = pytest.CaptureFixture[str]


def slow_square(n: int) -> int:
    """Later items finish first, so only the pool can put results back in order."""
    time.sleep(0.002 * (20 - n % 20))
    return n * n


@pytest.mark.parametrize(
    ("pool", "count"),
    [
        pytest.param(IN_PROCESS, 50, id="in process"),
        pytest.param(Pool(ThreadPoolExecutor(4), window=3, batch_size=2), 50, id="threads"),
        pytest.param(Pool(ThreadPoolExecutor(2), window=2, batch_size=8), 5, id="fewer than a batch"),
        pytest.param(Pool(ThreadPoolExecutor(2), window=2, batch_size=8), 0, id="nothing"),
    ],
)
def test_map_in_order_keeps_input_order(pool: Pool, count: int) -> None:
    assert list(map_in_order(slow_square, range(count), pool)) == [(n, n * n) for n in range(count)]


def test_map_in_order_reads_at_most_a_window_ahead() -> None:
    pulled = []

    def items() -> Iterator[int]:
        for n in range(1000):
            pulled.append(n)
            yield n

    pool = Pool(ThreadPoolExecutor(2), window=3, batch_size=4)
    results = map_in_order(slow_square, items(), pool)
    assert next(results) == (0, 0)
    assert len(pulled) <= 3 * 4 + 1  # three batches in flight, and the one item that showed the end of one
    results.close()


def test_map_in_order_raises_what_the_worker_raised() -> None:
    def broken(n: int) -> int:
        if n == 7:
            raise RuntimeError("engine bug")
        return n

    with pytest.raises(RuntimeError, match="engine bug"):
        list(map_in_order(broken, range(20), Pool(ThreadPoolExecutor(2), window=2, batch_size=3)))


def collector_running(_: object) -> bool:
    return gc.isenabled()


@pytest.mark.parametrize("pool", [pytest.param(IN_PROCESS, id="in process"),
                                  pytest.param(Pool(ThreadPoolExecutor(1), window=2, batch_size=4), id="worker")])
def test_the_work_runs_with_the_cycle_collector_paused_and_it_resumes(pool: Pool) -> None:
    assert gc.isenabled()
    assert [running for _, running in map_in_order(collector_running, range(10), pool)] == [False] * 10
    assert gc.isenabled()


def summed(results: list[int]) -> tuple[int, list[int]]:
    """A batch's results packed as one object: their sum, and the results."""
    return sum(results), results


def unsummed(packed: tuple[int, list[int]]) -> list[int]:
    total, results = packed
    return [total * 1000 + result for result in results]  # each result says which batch it came in


@pytest.mark.parametrize("pool", [pytest.param(IN_PROCESS, id="in process"),
                                  pytest.param(Pool(ThreadPoolExecutor(2), window=2, batch_size=32), id="threads")])
def test_a_packed_batch_travels_as_one_and_comes_back_item_by_item(pool: Pool) -> None:
    packing = Packing(summed, unsummed)
    found = list(map_in_order(slow_square, range(40), pool, packing))
    first, second = sum(n * n for n in range(32)), sum(n * n for n in range(32, 40))
    assert found == [(n, (first if n < 32 else second) * 1000 + n * n) for n in range(40)]


@pytest.mark.parametrize(("size", "batches"), [(3, [[0, 1, 2], [3, 4, 5], [6]]), (10, [[0, 1, 2, 3, 4, 5, 6]])])
def test_batched(size: int, batches: list[list[int]]) -> None:
    assert list(batched(range(7), size)) == batches


# The night summer time ends, 02:40 comes twice; this one is the second (+01:00, fold=1).
WINTER_TIME = {"id": "vintertid", "published": "2021-10-31T09:00",
               "text": "Natten til søndag blev urene stillet en time tilbage. Klokken 2.40 kørte toget igen."}


def test_parcel_keeps_the_second_side_of_a_dst_fold() -> None:
    second = pendulum.datetime(2021, 10, 31, 1, 40, tz="UTC").in_timezone("Europe/Copenhagen")
    assert pickle.loads(pickle.dumps(second)).isoformat() == "2021-10-31T02:40:00+02:00"  # pendulum#908
    [back] = pickle.loads(pickle.dumps(Parcel([{"latest": second}])))
    assert (back["latest"].isoformat(), type(back["latest"])) == ("2021-10-31T02:40:00+01:00", type(second))


def messy_corpus(folder: Path) -> tuple[list[str], list[str]]:
    """A folder with every kind of document, good and bad: (ids written, sources that fail)."""
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("date 2020-01-08 Mødet blev holdt i går.", encoding="utf-8")
    (folder / "b.txt").write_bytes("date 2020-01-08 Ærø fik i onsdags besøg.".encode("cp1252"))
    (folder / "c.txt").write_text("Ingen dato her, i går.", encoding="utf-8")
    (folder / "d.txt").write_bytes(b"")
    (folder / "e.txt").write_bytes(b"\x89PNG\x00\x00")
    (folder / "rows.jsonl").write_text(
        '{"id": "j1", "published": "2020-01-08", "text": "I dag."}\n{"id": "j2", "text"\n'
        '{"id": "j3", "published": "2020-02-30", "text": "I går."}\n' + json.dumps(WINTER_TIME) + "\n",
        encoding="utf-8")
    (folder / "sub" / "rows.csv").write_text(
        'id;published;text;outlet\nc1;2020-01-08;"I morgen.\r\nOg i går.";DR\nc2;2020-01-08;\nc3;;I går.;TV 2\n',
        encoding="utf-8")
    good = ["a", "b", "j1", "vintertid", "c1"]
    bad = ["c.txt", "d.txt", "e.txt", "rows.jsonl:2", "rows.jsonl:3", "rows.csv:4", "rows.csv:5"]
    return good, bad


def test_every_input_document_is_written_or_reported(tmp_path: Path, capsys: Capture) -> None:
    """The invariant: input documents = analysed documents + reported failures."""
    good, bad = messy_corpus(tmp_path / "corpus")
    output, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    assert main(["extract", str(tmp_path / "corpus"), "-o", str(output), "--errors-to", str(errors)]) == 0
    reported = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [Path(r["source"]).name for r in reported] == bad
    assert all(r["reason"] for r in reported)
    written = {row["doc_id"] for row in map(json.loads, output.read_text(encoding="utf-8").splitlines())}
    assert written == set(good)
    err = capsys.readouterr().err
    assert f"{len(bad)} of {len(good) + len(bad)} documents failed; all of them are in {errors}" in err
    assert f"from {len(good)} documents" in err


def run(capsys: Capture, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_extract_on_two_processes_writes_the_same_bytes(tmp_path: Path, capsys: Capture, suffix: str) -> None:
    messy_corpus(tmp_path / "corpus")
    inputs = [str(SAMPLES), str(tmp_path / "corpus")]
    one, two = tmp_path / f"one.{suffix}", tmp_path / f"two.{suffix}"
    code_one, err_one = run(capsys, "extract", *inputs, "-o", str(one), "--errors-to", str(tmp_path / "e1"))
    code_two, err_two = run(capsys, "extract", *inputs, "-o", str(two), "--errors-to", str(tmp_path / "e2"),
                            "--jobs", "2")
    assert one.read_bytes() == two.read_bytes() and one.stat().st_size > 1000
    assert (tmp_path / "e1").read_bytes() == (tmp_path / "e2").read_bytes()
    assert (code_one, err_one.replace(str(one), "OUT").replace("e1", "E")) == \
        (code_two, err_two.replace(str(two), "OUT").replace("e2", "E"))


def build_tables(tmp_path: Path, name: str, *options: str) -> tuple[bytes, bytes]:
    """The events table of the samples' and the messy corpus's timeline, as CSV and as JSON lines."""
    if not (tmp_path / "corpus").exists():
        messy_corpus(tmp_path / "corpus")
    tables = tmp_path / f"{name}.csv", tmp_path / f"{name}.jsonl"
    assert main(["build", str(SAMPLES), str(tmp_path / "corpus"), "-o", str(tmp_path / f"{name}.html"),
                 "--to", str(tables[0]), "--to", str(tables[1]), "--quiet", *options]) == 0
    return tables[0].read_bytes(), tables[1].read_bytes()


def built(documents: list[ReadResult]) -> Timeline:
    """``timeline_of`` the events of ``documents``, computed in this process; none may fail."""
    failed: list[DocumentError] = []
    timeline = timeline_of(successes(corpus_events(documents), failed.append))
    assert failed == []
    return timeline


def test_build_on_two_processes_gives_the_same_timeline(tmp_path: Path) -> None:
    assert build_tables(tmp_path, "one") == build_tables(tmp_path, "two", "--jobs", "2")


def test_build_in_workers_equals_the_library_build() -> None:
    documents = list(read_documents([str(SAMPLES)]))
    expected, actual = build(documents), built(documents)
    pd.testing.assert_frame_equal(actual.events, expected.events)
    pd.testing.assert_frame_equal(actual.relations, expected.relations)
    assert actual.documents == expected.documents


def test_build_carries_input_columns_to_the_events_table(tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("id,published,text,outlet,type\n"
                    "a,2020-01-08,Mødet blev holdt i går. Det oplyser DR.,DR,nyhed\n"
                    "b,2020-01-08,Angrebet skete i nat.,TV 2,analyse\n", encoding="utf-8")
    table = built(list(read_documents([str(rows)]))).events
    assert table.columns[-2:].tolist() == ["outlet", "doc_type"]
    assert dict(zip(table["doc_id"], table["outlet"])) == {"a": "DR", "b": "TV 2"}
    assert main(["build", str(rows), "-o", str(tmp_path / "t.html"), "--lane", "outlet", "--quiet"]) == 0


def test_crlf_offsets_count_in_the_text_as_written(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(b"date 2020-01-08\r\nMinisteren talte i g\xc3\xa5r.\r\n\r\nHun taler igen p\xc3\xa5 fredag.\r\n")
    output = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "-o", str(output), "--quiet"]) == 0
    [doc] = read_documents([str(source)])
    assert isinstance(doc, Document)
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [row["text"] for row in rows] == ["i går", "på fredag"]
    assert all(doc.text[row["start"]:row["end"]] == row["text"] for row in rows)


def test_ids_never_name_paths_outside_the_output_folder(tmp_path: Path) -> None:
    rows = tmp_path / "in" / "rows.jsonl"
    rows.parent.mkdir()
    rows.write_text("".join(json.dumps({"id": doc_id, "published": "2020-01-08", "text": "Det skete i går."}) + "\n"
                            for doc_id in ["../../escape", "/etc/passwd", "..", "a/b"]), encoding="utf-8")
    before = set(tmp_path.rglob("*"))
    out = tmp_path / "out" / "timeml"
    assert main(["build", str(rows), "-o", str(tmp_path / "out" / "t.html"), "--to", f"{out}/", "--quiet"]) == 0
    created = set(tmp_path.rglob("*")) - before
    assert created and all(path.is_relative_to(tmp_path / "out") for path in created)
    assert len(list(out.iterdir())) == 4


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[str]:
    """Two worker processes of one thread each, on the loopback interface only."""
    distributed = pytest.importorskip("distributed", reason="Dask is not installed (pip install '.[dask]')")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def test_dask_cluster_writes_what_one_process_writes(tmp_path: Path, dask_cluster: str) -> None:
    messy_corpus(tmp_path / "corpus")
    inputs = [str(SAMPLES), str(tmp_path / "corpus")]
    one, dask = tmp_path / "one.jsonl", tmp_path / "dask.jsonl"
    assert main(["extract", *inputs, "-o", str(one), "--quiet"]) == 0
    assert main(["extract", *inputs, "-o", str(dask), "--quiet", "--dask-scheduler", dask_cluster]) == 0
    assert one.read_bytes() == dask.read_bytes()
    assert build_tables(tmp_path, "one") == build_tables(tmp_path, "dask", "--dask-scheduler", dask_cluster)


def test_dask_local_cluster_writes_what_one_process_writes(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="Dask is not installed (pip install '.[dask]')")
    one, dask = tmp_path / "one.jsonl", tmp_path / "dask.jsonl"
    assert main(["extract", str(SAMPLES), "-o", str(one), "--quiet"]) == 0
    assert main(["extract", str(SAMPLES), "-o", str(dask), "--quiet", "--dask", "--jobs", "2"]) == 0
    assert one.read_bytes() == dask.read_bytes()


@pytest.mark.parametrize("command", ["extract", "build"])
def test_an_internal_error_fails_its_document_not_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: Capture, command: str) -> None:
    """A corpus run is hours of other documents' work: a bug met on one document is reported as
    that document's failure (to be reported upstream), and every other document is written."""
    from timeline import corpus

    def raising(document: Document) -> None:
        raise ZeroDivisionError("a bug")
    real = corpus.find_expressions if command == "extract" else corpus.events_of
    monkeypatch.setattr(corpus, "find_expressions" if command == "extract" else "events_of",
                        lambda document: raising(document) if document.id == "b" else real(document))
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text("date 2020-01-08\nMødet blev holdt i går.", encoding="utf-8")
    output = tmp_path / ("out.jsonl" if command == "extract" else "events.jsonl")
    targets = ["-o", str(output)] if command == "extract" else ["-o", str(tmp_path / "t.html"), "--to", str(output)]
    code, err = run(capsys, command, *(str(tmp_path / f"{n}.txt") for n in "abc"), *targets, "--strict")
    assert code == 1
    assert "error: b: internal error, please report it with this document: ZeroDivisionError: a bug" in err
    assert sorted(set(pd.read_json(output, lines=True)["doc_id"])) == ["a", "c"]


def corpus_of(count: int) -> list[Document]:
    texts = ["Mødet blev holdt i går, og i morgen stemmer de.", "Ingen ved noget.", "Valget holdes i marts."]
    return [Document(f"d{k}", texts[k % 3], "2020-01-08T10:00", "<test>", {}) for k in range(count)]


def test_a_batch_laid_out_together_gives_each_document_its_own_rows() -> None:
    """Each document's rows are a slice of its batch's; pickled on its own, it keeps only its own."""
    from timeline.corpus import corpus_spilled
    from timeline.rows import event_rows

    spilled = list(successes(corpus_spilled(corpus_of(40)), lambda error: pytest.fail(str(error))))
    expected = [event_rows(found.events) for found in successes(corpus_events(corpus_of(40)), lambda _: None)]
    assert [item.spilled.rows.num_rows for item in spilled] == [rows.num_rows for rows in expected]
    for item, rows in zip(spilled, expected):
        assert item.spilled.rows.equals(rows)
        assert len(item.spilled.reports) == rows.num_rows
        alone = pickle.loads(pickle.dumps(item.spilled))
        assert alone.rows.equals(rows)
        assert alone.rows.get_total_buffer_size() <= rows.get_total_buffer_size()  # not the whole batch's


def test_a_document_whose_rows_cannot_be_laid_out_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline import corpus

    real = corpus.event_rows

    def failing(events: list) -> object:
        if any(event.doc_id == "d4" for event in events):
            raise ZeroDivisionError("a bug")
        return real(events)

    monkeypatch.setattr(corpus, "event_rows", failing)
    failed: list[DocumentError] = []
    spilled = list(successes(corpus.corpus_spilled(corpus_of(9)), failed.append))
    assert [error.doc_id for error in failed] == ["d4"]
    assert "internal error, please report it with this document: ZeroDivisionError: a bug" in failed[0].reason
    assert [item.document.id for item in spilled] == [f"d{k}" for k in range(9) if k != 4]
    assert [item.spilled.rows.num_rows for item in spilled] == [len(item.spilled.reports) for item in spilled]
    for item in spilled:  # each keeps its own rows, whatever failed beside it
        assert set(item.spilled.rows.column("doc_id").to_pylist()) <= {item.document.id}
    assert sum(item.spilled.rows.num_rows for item in spilled) > 0
