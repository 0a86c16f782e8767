"""Timeline throughput: ``timeline.build`` (what ``timeline build`` runs) on generated articles.

    .venv/bin/python benchmarks/bench_timeline.py [--docs N] [--seed S]

Builds the timeline of N articles from ``benchmarks/corpus.py`` in one process on
one core (pinned where the OS allows), after a small warm-up build that loads
spaCy, the lexicon and the compiled patterns. Prints the wall-clock and CPU
time, and as the last line ``docs_per_second=NNN.N`` (wall clock).

For the command line on the same articles, write them out first::

    .venv/bin/python benchmarks/corpus.py --docs 100000 --out /tmp/corpus.jsonl
    time .venv/bin/timeline build /tmp/corpus.jsonl -o /tmp/timeline.html
"""

from __future__ import annotations

import argparse
import sys
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    pinned = pin_to_one_core()
    timeline.build(documents(2, args.seed + 1))  # warm-up: spaCy, lexicon, patterns
    wall, cpu = time.perf_counter(), time.process_time()
    built = timeline.build(documents(args.docs, args.seed))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"timeline.build: {args.docs} articles (seed {args.seed}), {len(built.events)} events; {pinned}")
    print(f"wall {wall:.2f} s, cpu {cpu:.2f} s, {1000 * wall / args.docs:.2f} ms/doc")
    print(f"docs_per_second={args.docs / wall:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
