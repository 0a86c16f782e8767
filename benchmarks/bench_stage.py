"""The main-process, cross-document stage of ``timeline build``, timed on its own.

    .venv/bin/python benchmarks/bench_stage.py dump CORPUS.jsonl EVENTS.pkl [--jobs 2]
    .venv/bin/python benchmarks/bench_stage.py run EVENTS.pkl OUTDIR [--repeat 3] [--profile FILE] [--no-outputs]

``dump`` runs the workers' part (the events of every document) once and pickles
the results, datetimes with their DST folds kept (``timeline.parcel``). ``run``
loads them and times, with ``time.process_time``, what ``timeline build`` does
after the workers: merging, ordering and tabling (``timeline_of``), the chart
(``plot_timeline``), its page (``write_html``) and the exports; it writes the
outputs to OUTDIR (``events.csv``, ``.json``, ``.jsonl``, ``.parquet``,
``figure.json``) so that two versions of the code can be compared byte for byte.
Run it with ``PYTHONPATH`` pointing at the version to measure.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pickle
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def dump(corpus: str, target: str, jobs: int) -> None:
    """Pickle the DocumentEvents of every document of ``corpus``."""
    from timeline.corpus import corpus_events, successes
    from timeline.documents import read_documents
    from timeline.parallel import process_pool
    from timeline.parcel import Parcel

    with process_pool(jobs) as pool:
        found = Parcel(successes(corpus_events(read_documents([corpus]), pool), lambda _: None))
    Path(target).write_bytes(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    print(f"{len(found)} documents, {sum(len(d.events) for d in found)} events -> {target}")


def _timed(label: str, work: Callable[[], T], times: dict[str, float]) -> T:
    gc.collect()
    start = time.process_time()
    result = work()
    times[label] = time.process_time() - start
    return result


def run_once(source: str, outdir: Path, write: bool) -> dict[str, float]:
    """One pass over the stage; returns CPU seconds per step."""
    import viz
    from timeline.corpus import timeline_of
    from timeline.exports import to_csv, to_json, to_jsonl, to_parquet

    documents = pickle.loads(Path(source).read_bytes())
    times: dict[str, float] = {}
    built = _timed("timeline_of", lambda: timeline_of(documents), times)
    figure = _timed("plot_timeline", lambda: viz.plot_timeline(built), times)
    page = outdir / "t.html"
    _timed("write_html", lambda: viz.write_html(figure, page), times)
    outputs: dict[str, Any] = {"events.csv": _timed("to_csv", lambda: to_csv(built), times)}
    if write:
        outputs["events.json"] = _timed("to_json", lambda: to_json(built), times)
        outputs["events.jsonl"] = _timed("to_jsonl", lambda: to_jsonl(built), times)
        outputs["events.parquet"] = _timed("to_parquet", lambda: to_parquet(built), times)
        outputs["relations.csv"] = built.relations.to_csv(index=False)
        outputs["figure.json"] = figure.to_json()
        for name, content in outputs.items():
            path = outdir / name
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    times["stage"] = sum(times[k] for k in ("timeline_of", "plot_timeline", "write_html", "to_csv"))
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
    running.add_argument("--no-outputs", action="store_true", help="only time: write no outputs to compare")
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
