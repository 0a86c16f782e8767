"""The main-process, cross-document stage of ``timeline build``, timed on its own.

    .venv/bin/python benchmarks/bench_stage.py dump CORPUS.jsonl EVENTS.pkl [--jobs 2]
    .venv/bin/python benchmarks/bench_stage.py run EVENTS.pkl OUTDIR [--repeat 3] [--profile FILE] [--no-outputs]

``dump`` runs the workers' part (each document's rows of the events table and
reports, ``timeline.corpus.corpus_spilled``) once and pickles the results. ``run``
loads them and times, with ``time.process_time``, what ``timeline build`` does
with them in its main process (``timeline.streamed``): storing the rows on disk
(``add``), merging and ordering from the reports (``plan``), the pass over the
table's slices into the chart's sample and the exports (``slices``), the chart
(``plot_timeline``) and its page (``write_html``). It writes the outputs to
OUTDIR (``events.csv``, ``.json``, ``.jsonl``, ``.parquet``, ``figure.json``) so
that two versions of the code can be compared byte for byte. Run it with
``PYTHONPATH`` pointing at the version to measure (both steps: the pickles are
that version's own).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pickle
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def dump(corpus: str, target: str, jobs: int) -> None:
    """Pickle what the workers send for every document of ``corpus``."""
    from timeline.corpus import corpus_spilled, successes
    from timeline.documents import read_documents
    from timeline.parallel import process_pool

    with process_pool(jobs) as pool:
        found = list(successes(corpus_spilled(read_documents([corpus]), pool), lambda _: None))
    Path(target).write_bytes(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    print(f"{len(found)} documents, {sum(d.spilled.rows.num_rows for d in found)} events -> {target}")


def _timed(label: str, work: Callable[[], T], times: dict[str, float]) -> T:
    gc.collect()
    start = time.process_time()
    result = work()
    times[label] = time.process_time() - start
    return result


def run_once(source: str, outdir: Path, write: bool) -> dict[str, float]:
    """One pass over the stage; returns CPU seconds per step."""
    import viz
    from timeline.exports._frame import ordered_events
    from timeline.exports.sinks import open_sink
    from timeline.model import Timeline
    from timeline.streamed import StreamedBuild

    documents = pickle.loads(Path(source).read_bytes())
    times: dict[str, float] = {}
    names = ["events.csv", *(["events.json", "events.jsonl", "events.parquet"] if write else [])]
    with tempfile.TemporaryDirectory(prefix="bench-stage-") as folder:
        streamed = StreamedBuild(Path(folder))
        _timed("add", lambda: [streamed.add(item) for item in documents], times)
        documents.clear()
        _timed("plan", streamed.plan, times)
        sample = viz.ChartSample()
        sinks = [open_sink(outdir / name) for name in names]

        def slices() -> None:
            for table in streamed.tables():
                sample.add(table)
                ordered = ordered_events(Timeline(events=table))
                for sink in sinks:
                    sink.add(ordered)
            for sink in sinks:
                sink.close()

        _timed("slices", slices, times)
    figure = _timed("plot_timeline", lambda: viz.plot_timeline(sample.timeline()), times)
    _timed("write_html", lambda: viz.write_html(figure, outdir / "t.html"), times)
    if write:
        (outdir / "figure.json").write_text(figure.to_json(), encoding="utf-8")
    times["stage"] = sum(times[k] for k in ("add", "plan", "slices", "plot_timeline", "write_html"))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("corpus")
    dumping.add_argument("target")
    dumping.add_argument("--jobs", type=int, default=2)
    running = commands.add_parser("run")
    running.add_argument("source")
    running.add_argument("outdir", type=Path)
    running.add_argument("--repeat", type=int, default=1)
    running.add_argument("--profile", help="write a cProfile of one pass here")
    running.add_argument("--no-outputs", action="store_true", help="only time: write only the CSV")
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.corpus, args.target, args.jobs)
        return
    import timeline

    print(f"timeline from {Path(timeline.__file__).parent}")
    args.outdir.mkdir(parents=True, exist_ok=True)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run_once, args.source, args.outdir, False)
        profiler.dump_stats(args.profile)
        return
    for index in range(args.repeat):
        times = run_once(args.source, args.outdir, write=index == 0 and not args.no_outputs)
        print(" ".join(f"{name}={seconds:.2f}" for name, seconds in times.items()), flush=True)


if __name__ == "__main__":
    main()
