"""Event finding alone: ``document_events`` per publication-time precision, engine excluded.

    .venv/bin/python benchmarks/bench_events.py [--docs N] [--repeat R] [--seed S]

The engine's readings of each article are computed first and handed back to
``document_events`` while it is timed, so what is measured is what the event
finder adds to the engine (sentences, event words, triggers, attachments, the
readings under every publication instant), without the engine's far larger and
noisier cost. CPU time of this process (``time.process_time``), the best of R
runs, each on N articles not seen before (a real corpus rarely shows the same
text twice: nothing cached for one text may help the next run), after a warm-up
run on N others (the lexicon, the words already met).

Prints one line per precision: milliseconds per article.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DEFAULT_SEED, article

import timeline.events
from normalise import extract_readings
from normalise.extract import Readings

Doc = tuple[str, str, str]  # id, text, published
# (precision, how much of the ISO publication time to keep, share of --docs): readings
# multiply the engine's work for month and year (30 and 366 instants), so fewer of those.
PRECISIONS: tuple[tuple[str, int | None, float], ...] = (
    ("minute", None, 1.0), ("day", 10, 1.0), ("month", 7, 0.15), ("year", 4, 0.03))


def articles(precision_cut: int | None, count: int, seed: int) -> list[Doc]:
    """``count`` articles with a publication time of the precision asked for (minute: as generated,
    keeping only those with a clock time)."""
    docs: list[Doc] = []
    index = 0
    while len(docs) < count:
        item = article(index, seed)
        index += 1
        if precision_cut is None and "T" not in item.published:
            continue
        published = item.published if precision_cut is None else item.published[:precision_cut]
        docs.append((item.id, item.text, published))
    return docs


def events_only(batches: Sequence[Sequence[Doc]]) -> float:
    """Milliseconds per document of ``document_events`` with the engine's readings
    precomputed: a warm-up on the first batch, then the best of the others."""
    readings = {text: extract_readings(text, published) for batch in batches for _, text, published in batch}

    def precomputed(text: str, _publication: object) -> Readings:
        return readings[text]

    def run(batch: Sequence[Doc]) -> float:
        started = time.process_time()
        for doc in batch:
            timeline.events.document_events(*doc)
        return time.process_time() - started

    with mock.patch.object(timeline.events, "extract_readings", precomputed):
        run(batches[0])
        return 1000 * min(run(batch) / len(batch) for batch in batches[1:])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400, help="minute- and day-dated articles (fewer month, year)")
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    for name, cut, share in PRECISIONS:
        size = max(1, round(args.docs * share))
        docs = articles(cut, size * (args.repeat + 1), args.seed)
        batches = [docs[start:start + size] for start in range(0, len(docs), size)]
        print(f"{name:6s} {events_only(batches):6.3f} ms/doc ({size} articles a run)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
