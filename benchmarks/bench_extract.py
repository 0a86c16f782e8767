"""Extraction throughput: our engine against dateparser's ``search_dates`` on the same articles.

    .venv/bin/python benchmarks/bench_extract.py [--docs N] [--dateparser-docs M] [--seed S]

One process on one core (pinned where the OS allows), CPU time of this process
(``time.process_time``, so other programs on the machine count for less), with the cycle
collector off during each timed call (as ``timeit`` does).

- Our engine over N articles (after the first M; this first pass fills its
  caches), then again per publication-time precision.
- Then, in the steady state, both engines on the first M articles, which neither
  has seen (dateparser is slow, so M is small), article by article in turn, each
  read once by each, so a machine that speeds up or slows down affects both alike.
  dateparser reads one other article first (to load its language data).

The line before last compares dateparser with our average over all N articles
(the corpus's mix of publication-time precisions); the last line,
``speedup_vs_dateparser=NN.N``, is dateparser's time per article over ours on the
same M articles.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DEFAULT_SEED, Article, article, generate

from normalise import extract

Reader = Callable[[Article], int]
PRECISION = {4: "year", 7: "month", 10: "day", 16: "minute"}


@dataclass(frozen=True, slots=True)
class Timing:
    """One engine's run over a list of articles."""

    name: str
    docs: int
    seconds: float
    found: int

    @property
    def ms_per_doc(self) -> float:
        return 1000 * self.seconds / self.docs

    def row(self) -> str:
        return (f"{self.name:<34} {self.docs:>6} {self.seconds:>9.2f} {self.ms_per_doc:>9.2f} "
                f"{self.docs / self.seconds:>9.1f} {self.found / self.docs:>9.1f}")


HEADER = f"{'engine':<34} {'docs':>6} {'seconds':>9} {'ms/doc':>9} {'docs/s':>9} {'found/doc':>9}"


def pin_to_one_core() -> str:
    """Run on a single CPU so the numbers are per core; returns which, for the report."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this OS)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def ours(article: Article) -> int:
    return len(extract(article.text, article.published))


def dateparser_reader() -> Reader:
    """dateparser's free-text search, Danish only (imported here: it is slow to load)."""
    from dateparser.search import search_dates

    def read(article: Article) -> int:
        return len(search_dates(article.text, languages=["da"]) or [])

    return read


def cpu_seconds(read: Reader, item: Article) -> tuple[float, int]:
    """CPU seconds ``read`` takes on one article, and what it found. The cycle collector is off
    while it reads, as ``timeit`` turns it off: a full collection walks every object either
    engine left alive (30-40 ms here) and lands in whichever call happens to cross the threshold,
    which moved our head-to-head figure between 5.6 and 11 from one run to the next."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.process_time()
        found = read(item)
        return time.process_time() - start, found
    finally:
        if enabled:
            gc.enable()


def timed(name: str, read: Reader, articles: Sequence[Article]) -> Timing:
    """Time ``read`` over every article in turn."""
    results = [cpu_seconds(read, article) for article in articles]
    return Timing(name, len(articles), sum(s for s, _ in results), sum(f for _, f in results))


def head_to_head(articles: Sequence[Article], warm_up: Article) -> tuple[Timing, Timing]:
    """Both engines article by article in turn, each once per article."""
    theirs = dateparser_reader()
    theirs(warm_up)  # dateparser loads its language data on first use
    ours(warm_up)  # the lexicon and the compiled patterns
    mine, other = [], []
    for item in articles:
        mine.append(cpu_seconds(ours, item))
        other.append(cpu_seconds(theirs, item))
    label = f"(first {len(articles)}, in turn)"
    return (Timing(f"normalise.extract {label}", len(articles), sum(s for s, _ in mine), sum(f for _, f in mine)),
            Timing(f"dateparser {label}", len(articles), sum(s for s, _ in other), sum(f for _, f in other)))


def by_precision(articles: Sequence[Article]) -> list[Timing]:
    """Our engine on the articles of each publication-time precision."""
    rows = []
    for size, precision in PRECISION.items():
        chosen = [a for a in articles if len(a.published) == size]
        if chosen:
            rows.append(timed(f"  published to the {precision}", ours, chosen))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500, help="articles for our engine (default 500)")
    parser.add_argument("--dateparser-docs", type=int, default=30, help="further articles for both engines (default 30)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    pinned = pin_to_one_core()
    size = args.docs + args.dateparser_docs
    articles = generate(size, args.seed)
    subset, corpus = articles[:args.dateparser_docs], articles[args.dateparser_docs:]
    words = sum(len(a.text.split()) for a in articles) / size
    print(f"corpus: seed {args.seed}, {size} articles, {words:.0f} words each on average; {pinned}")
    ours(article(size, args.seed))  # the lexicon and the compiled patterns
    overall = timed(f"normalise.extract ({args.docs} articles)", ours, corpus)
    rows = [overall, *by_precision(corpus)]
    mine, theirs = head_to_head(subset, warm_up=article(size, args.seed))
    print(HEADER)
    for row in [*rows, mine, theirs]:
        print(row.row())
    print(f"speedup over the {args.docs} articles' mix: {theirs.ms_per_doc / overall.ms_per_doc:.1f}")
    print(f"speedup_vs_dateparser={theirs.ms_per_doc / mine.ms_per_doc:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
