"""Memory of the main process of ``timeline build`` as the corpus grows, stage by stage.

    .venv/bin/python benchmarks/bench_memory.py dump CORPUS.jsonl RESULTS.pickles [--jobs 2]
    .venv/bin/python benchmarks/bench_memory.py run RESULTS.pickles [--docs 20000 --docs 100000 ...]

``dump`` runs the workers' part of a build once (each document's rows and reports,
``timeline.corpus.corpus_spilled``) and appends each result to a file, one pickle
after another: the file is read back one document at a time, so reading it costs
no memory. ``run`` then takes the first N documents of it, for each N in a fresh
process, through what ``timeline build`` does in its main process
(``timeline.streamed``: storing each document, merging and ordering, the slices of
the table into the chart and a CSV), with the resident memory sampled every 2 ms.
It prints the peak of each stage and, as the last line, how much higher the peak
of the largest N is than that of the smallest (``memory_growth=N.NN``; 1.00 is flat).

The workers' own memory does not grow with the corpus (each holds one document at
a time): the main process is what can. Use ``benchmarks/corpus.py --out`` for a
corpus.
"""

from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

STAGES = ("ingest", "plan", "slices")


def dump(corpus: str, target: str, jobs: int) -> None:
    """Append what the workers send for every document of ``corpus`` to ``target``."""
    from timeline.corpus import corpus_spilled, successes
    from timeline.documents import read_documents
    from timeline.parallel import process_pool

    count = 0
    with process_pool(jobs) as pool, open(target, "wb") as out:
        for item in successes(corpus_spilled(read_documents([corpus]), pool), lambda _: None):
            pickle.dump(item, out, protocol=pickle.HIGHEST_PROTOCOL)
            count += 1
    print(f"{count} documents -> {target}")


def resident_mb() -> float:
    """This process's resident memory (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 1e6


class Sampler:
    """The highest resident memory of each stage, sampled every 2 ms on a thread of its own."""

    def __init__(self) -> None:
        self.stage = STAGES[0]
        self.peaks = dict.fromkeys(STAGES, 0.0)
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while True:
            self.peaks[self.stage] = max(self.peaks[self.stage], resident_mb())
            time.sleep(0.002)


def one(source: str, docs: int) -> None:
    """The main process's part for the first ``docs`` documents of ``source``; prints one result line."""
    import viz
    from timeline.exports._frame import ordered_events
    from timeline.exports.sinks import open_sink
    from timeline.memory import arrow_on_the_system_allocator
    from timeline.model import Timeline
    from timeline.streamed import StreamedBuild

    arrow_on_the_system_allocator()  # as the command line does
    sampler = Sampler()
    taken = 0
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as folder, open(source, "rb") as results:
        spill = Path(folder) / "spill"  # the build's own folder, as the command line gives it
        spill.mkdir()
        build = StreamedBuild(spill)
        while taken < docs:
            try:
                build.add(pickle.load(results))
            except EOFError:
                break
            taken += 1
        sampler.stage = "plan"
        build.plan()
        sampler.stage = "slices"
        chart = viz.ChartSample()
        sink = open_sink(Path(folder) / "events.csv")
        for table in build.tables():
            chart.add(table)
            sink.add(ordered_events(Timeline(events=table)))
        sink.close()
        viz.write_html(viz.plot_timeline(chart.timeline()), Path(folder) / "timeline.html")
        events = build.shape[0]
    print(taken, events, *(f"{sampler.peaks[stage]:.0f}" for stage in STAGES))


def run(source: str, sizes: list[int]) -> None:
    """``one`` for each size in a fresh process; a table and the growth of the peak."""
    print(f"{'documents':>10} {'events':>10} " + " ".join(f"{stage + ' MB':>10}" for stage in STAGES)
          + f" {'peak MB':>10}")
    peaks = []
    for size in sorted(sizes):
        line = subprocess.run([sys.executable, __file__, "one", source, str(size)], check=True,
                              capture_output=True, text=True).stdout.split()
        taken, events, *stages = (int(value) for value in line)
        peaks.append(max(stages))
        print(f"{taken:>10} {events:>10} " + " ".join(f"{value:>10}" for value in stages) + f" {peaks[-1]:>10}")
    print(f"memory_growth={peaks[-1] / peaks[0]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="run the workers' part once, results to a file")
    dumping.add_argument("corpus")
    dumping.add_argument("target")
    dumping.add_argument("--jobs", type=int, default=2)
    running = commands.add_parser("run", help="the main process's memory for the first N documents")
    running.add_argument("source")
    running.add_argument("--docs", type=int, action="append", help="N (repeatable; default 20000 and 100000)")
    single = commands.add_parser("one", help=argparse.SUPPRESS)
    single.add_argument("source")
    single.add_argument("docs", type=int)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.corpus, args.target, args.jobs)
    elif args.command == "run":
        run(args.source, args.docs or [20_000, 100_000])
    else:
        one(args.source, args.docs)


if __name__ == "__main__":
    main()
