"""The ``timeline`` command line: ``extract``, ``build`` and ``evaluate``.

All I/O happens here; the work is done by ``timeline.documents``,
``timeline.extraction``, ``timeline.writers`` and ``timeline.evaluate``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import normalise
import viz
from normalise import PublishedDateError, TimexError, parse_published
from timeline.builder import build_with_failures
from timeline.documents import DocumentError, read_documents
from timeline.evaluate import render_errors, render_summary, score
from timeline.exports import ExportError, export, supported_formats
from timeline.extraction import Extracted, extract_documents
from timeline.gold import GoldFormatError, load_gold
from timeline.writers import WRITERS, Row, expression_row, format_for, open_output

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141  # 128 + SIGINT, 128 + SIGPIPE, as shells report

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

EXIT_CODES = """\
exit status:
  0  every document was read and analysed
  1  some documents failed; each is reported on stderr as
     'error: <doc id or path>: <reason>' and the others are still written
  2  usage error, or the run cannot go on: bad arguments or --published,
     unreadable gold file, output that cannot be written, broken lexicon
"""


@dataclass
class Tally:
    """What an extract run has done so far."""

    documents: int = 0
    failed: int = 0
    expressions: int = 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see ``timeline --help``)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse exits on --help and on usage errors
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    try:
        code: int = args.run(args)
        return code
    except (TimexError, GoldFormatError, ExportError, viz.VizError) as err:
        return _fail(str(err))
    except BrokenPipeError:  # e.g. `timeline extract ... | head`
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as err:
        return _fail(_describe_os_error(err))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with its subcommands."""
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Find and normalise time expressions in Danish news text.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_extract(commands)
    _add_build(commands)
    _add_evaluate(commands)
    return parser


def _add_inputs(command: argparse.ArgumentParser) -> None:
    """The document arguments that ``extract`` and ``build`` share."""
    command.add_argument(
        "inputs", nargs="+", metavar="INPUT",
        help=".txt files (optionally starting 'date YYYY-MM-DD'), .jsonl files with "
        '{"id", "published", "text"} rows, folders of them (searched recursively), '
        "or - for stdin",
    )
    command.add_argument(
        "--published", metavar="DATE", type=_published_date,
        help="publication time for every document, e.g. 2020-01-08 or 2020-01-08T01:15",
    )


def _add_build(commands: Subcommands) -> None:
    command = commands.add_parser(
        "build",
        help="build the event timeline of documents: an interactive chart and exports",
        description="Build the event timeline of the input documents: a standalone, offline "
        "HTML chart (-o) and any number of exports (--to), format from the suffix: "
        + ", ".join(supported_formats()) + ".",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_inputs(command)
    command.add_argument("-o", "--output", type=Path, default=Path("timeline.html"),
                         help="the chart, a standalone HTML file (default: timeline.html)")
    command.add_argument("--to", type=Path, action="append", default=[], metavar="FILE",
                         help="also export the timeline to FILE (repeatable); a folder for TimeML")
    command.add_argument("--lane", default="doc_id", help="events column that sets the chart's lanes")
    command.add_argument("--english", action="store_true", help="English labels instead of Danish")
    command.add_argument("--quiet", action="store_true", help="no progress bar")
    command.set_defaults(run=run_build)


def _add_extract(commands: Subcommands) -> None:
    command = commands.add_parser(
        "extract",
        help="write the time expressions found in documents",
        description="Write every time expression found in the input documents.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_inputs(command)
    command.add_argument(
        "--format", choices=sorted(WRITERS),
        help="output format (default: from the -o suffix, else jsonl)",
    )
    command.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    command.set_defaults(run=run_extract)


def _add_evaluate(commands: Subcommands) -> None:
    command = commands.add_parser(
        "evaluate",
        help="score the engine on a gold file",
        description="Score the engine on a gold file (format: timex-da.md). "
        "The last line printed is value_f1=<F1>.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument("gold", type=Path, metavar="GOLD.jsonl", help="gold annotations")
    command.add_argument(
        "--errors", action="store_true",
        help="list misses, spurious expressions and wrong values per document first",
    )
    command.set_defaults(run=run_evaluate)


def run_extract(args: argparse.Namespace) -> int:
    """``timeline extract``: stream documents through the engine into one output."""
    tally = Tally()
    documents = read_documents(args.inputs, published=args.published)
    rows = _rows(extract_documents(documents), tally)
    with open_output(args.output) as stream:
        WRITERS[format_for(args.output, args.format)](rows, stream)
    if args.output is not None:
        print(f"wrote {tally.expressions} expressions from {tally.documents} documents "
              f"to {args.output} ({tally.failed} failed)", file=sys.stderr)
    return EXIT_SOME_FAILED if tally.failed else EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    """``timeline build``: events of every document, ordered, drawn and exported."""
    documents = read_documents(args.inputs, published=args.published)
    built = build_with_failures(documents, progress=not args.quiet and sys.stderr.isatty())
    for failure in built.failures:
        print(f"error: {failure}", file=sys.stderr)
    timeline = built.timeline
    figure = viz.plot_timeline(timeline, lane=args.lane, danish=not args.english)
    viz.write_html(figure, args.output)
    written = [args.output] + [path for target in args.to for path in export(timeline, target)]
    dated = int(timeline.events["earliest"].notna().sum()) if len(timeline.events) else 0
    print(f"built {len(timeline.events)} events ({dated} dated) from {len(timeline.documents)} documents "
          f"({len(built.failures)} failed); wrote {', '.join(str(p) for p in written)}", file=sys.stderr)
    return EXIT_SOME_FAILED if built.failures else EXIT_OK


def run_evaluate(args: argparse.Namespace) -> int:
    """``timeline evaluate``: print error lists (on request) and the score table."""
    scores = score(load_gold(args.gold), normalise.extract)
    lines = render_errors(scores) if args.errors else []
    print("\n".join(lines + render_summary(scores)))
    return EXIT_OK


def _rows(results: Iterable[Extracted | DocumentError], tally: Tally) -> Iterator[Row]:
    """Output rows; failed documents are reported on stderr and counted."""
    for result in results:
        if isinstance(result, DocumentError):
            tally.failed += 1
            print(f"error: {result}", file=sys.stderr)
            continue
        tally.documents += 1
        tally.expressions += len(result.expressions)
        for timex in result.expressions:
            yield expression_row(result.document.id, timex)


def _published_date(value: str) -> str:
    """argparse type for --published: a readable publication time, else a usage error."""
    try:
        parse_published(value)
    except PublishedDateError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    return value.strip()


def _fail(message: str) -> int:
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_USAGE


def _describe_os_error(err: OSError) -> str:
    reason = err.strerror or str(err)
    return f"{err.filename}: {reason}" if err.filename else reason


def _silence_stdout() -> None:
    """After the reader of stdout has gone (``| head``), stop Python complaining at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
