"""Timeline throughput on generated articles, in process or through the command line.

    .venv/bin/python benchmarks/bench_timeline.py [--docs N] [--seed S]
    .venv/bin/python benchmarks/bench_timeline.py --cli --jobs 2 --docs 100000

In process: builds the timeline of N articles from ``benchmarks/corpus.py`` with
``timeline.build`` in one process on one core (pinned where the OS allows),
after a small warm-up build that loads the lexicon and the compiled patterns.

``--cli``: writes the N articles to a JSON lines file, then times the whole
``timeline build CORPUS -o timeline.html --to events.csv --jobs J --quiet``
(reading, the workers, merging and ordering, the chart and the CSV).

Prints wall-clock time and documents per second, the time 100,000 articles take
at that rate, and as the last line the ratio of that time to the 5-minute target
(``target_ratio=N.NN``; below 1 meets it).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import pin_to_one_core
from corpus import DEFAULT_SEED, article

import timeline


def documents(count: int, seed: int) -> Iterator[dict[str, str]]:
    """The articles as the dicts ``timeline.build`` reads, generated as they are consumed."""
    for index in range(count):
        item = article(index, seed)
        yield {"id": item.id, "text": item.text, "published": item.published}


TARGET_DOCS, TARGET_SECONDS = 100_000, 300.0


def in_process(docs: int, seed: int) -> float:
    """Seconds (wall clock) ``timeline.build`` takes for ``docs`` articles on one core."""
    pinned = pin_to_one_core()
    timeline.build(documents(2, seed + 1))  # warm-up: lexicon, patterns
    wall, cpu = time.perf_counter(), time.process_time()
    built = timeline.build(documents(docs, seed))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"timeline.build: {docs} articles (seed {seed}), {len(built.events)} events; {pinned}")
    print(f"wall {wall:.2f} s, cpu {cpu:.2f} s, {1000 * wall / docs:.2f} ms/doc")
    return wall


def command_line(docs: int, seed: int, jobs: int) -> float:
    """Seconds (wall clock) ``timeline build --jobs`` takes for ``docs`` articles in a file."""
    with tempfile.TemporaryDirectory(prefix="bench-timeline-") as folder:
        corpus = Path(folder) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as stream:
            for item in documents(docs, seed):
                stream.write(json.dumps(item, ensure_ascii=False) + "\n")
        command = [str(Path(sys.executable).with_name("timeline")), "build", str(corpus),
                   "-o", str(Path(folder) / "timeline.html"), "--to", str(Path(folder) / "events.csv"),
                   "--jobs", str(jobs), "--quiet"]
        wall = time.perf_counter()
        subprocess.run(command, check=True)
        wall = time.perf_counter() - wall
        with (Path(folder) / "events.csv").open(encoding="utf-8", newline="") as table:
            rows = sum(1 for _ in csv.reader(table)) - 1
    print(f"timeline build --jobs {jobs}: {docs} articles (seed {seed}), {rows} events")
    print(f"wall {wall:.2f} s, {1000 * wall / docs:.2f} ms/doc")
    return wall


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--cli", action="store_true", help="time the command line instead")
    parser.add_argument("--jobs", type=int, default=2, help="processes for --cli (default 2)")
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}")
    wall = command_line(args.docs, args.seed, args.jobs) if args.cli else in_process(args.docs, args.seed)
    projected = wall * TARGET_DOCS / args.docs
    print(f"docs_per_second={args.docs / wall:.1f}; {TARGET_DOCS} articles at this rate: {projected:.0f} s")
    print(f"target_ratio={projected / TARGET_SECONDS:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
