"""Record the engine's complete output on a fixed set of texts, and check it has not changed.

Performance work must not change what the engine outputs. This records every
``Readings`` (expressions, publication instants and the interval of every
expression under every instant) for a broad set of inputs, and compares a later
run with it field by field::

    .venv/bin/python benchmarks/snapshot.py record /tmp/before.pickle
    ... change the engine ...
    .venv/bin/python benchmarks/snapshot.py compare /tmp/before.pickle

Inputs: generated articles at their own publication time and again at every
precision (year, month, day, minute, and minutes next to midnight), the
linguist tables (at their own time and at month precision), the gold corpus,
the samples and the shared dev gold when it exists.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

from normalise import extract_readings

ROOT = Path(__file__).resolve().parents[1]
Case = tuple[str, str, str]  # (name, text, published)


def _variants(published: str) -> list[str]:
    """The same publication time at every precision, and at minutes around midnight."""
    day = (published + "2000-06-15"[len(published):])[:10]
    return [day[:4], day[:7], day, f"{day}T00:01", f"{day}T23:59", f"{day}T12:00"]


def _corpus_cases(docs: int, variants: int, yearly: int) -> Iterator[Case]:
    for index, article in enumerate(generate(docs)):
        yield article.id, article.text, article.published
        if index < variants:
            for published in _variants(article.published)[1 if index >= yearly else 0:]:
                yield f"{article.id}@{published}", article.text, published


def _table_cases() -> Iterator[Case]:
    for table in sorted((ROOT / "tests" / "tables").glob("*.tsv")):
        lines = [line for line in table.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")][1:]
        for line in lines:  # named by content, not line: a row added above leaves the others' names alone
            text, published = line.split("\t")[:2]
            yield f"{table.name}:{published}:{text}", text, published
            yield f"{table.name}:{published}:{text}@month", text, published[:7]


def _jsonl_cases(path: Path) -> Iterator[Case]:
    if not path.is_file():
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        yield f"{path.name}:{number}", row["text"], row["published"]
        yield f"{path.name}:{number}@month", row["text"], row["published"][:7]


def _sample_cases() -> Iterator[Case]:
    for path in sorted((ROOT / "data" / "samples").glob("*.txt")):
        header, text = path.read_text(encoding="utf-8").strip().split(" ", 2)[1:]
        yield path.name, text, header


def cases(docs: int = 300, variants: int = 60, yearly: int = 6) -> list[Case]:
    """Every input of the snapshot."""
    return [*_corpus_cases(docs, variants, yearly), *_table_cases(),
            *(case for path in sorted((ROOT / "data" / "gold").glob("*.jsonl")) for case in _jsonl_cases(path)),
            *_jsonl_cases(ROOT.parent / "shared" / "gold" / "dev.jsonl"), *_sample_cases()]


def run(selected: Sequence[Case]) -> dict[str, object]:
    return {name: extract_readings(text, published) for name, text, published in selected}


def compare(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """The names of the inputs whose output differs (or is missing); datetimes must agree
    in their zone too, not only as instants."""
    return [name for name in before if before[name] != after.get(name) or repr(before[name]) != repr(after.get(name))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    outputs = run(cases())
    if args.action == "record":
        args.path.write_bytes(pickle.dumps(outputs))
        print(f"recorded {len(outputs)} outputs to {args.path}")
        return 0
    changed = compare(pickle.loads(args.path.read_bytes()), outputs)
    for name in changed[:20]:
        print(f"changed: {name}")
    print(f"{len(outputs)} outputs, {len(changed)} changed")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
