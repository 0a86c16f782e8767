"""The ``timeline`` command line: ``extract``, ``build`` and ``evaluate``.

All I/O happens here; the work is done by ``timeline.documents`` (reading),
``timeline.corpus`` (the per-document work, on ``timeline.parallel`` pools),
``timeline.writers``, ``timeline.resume`` and ``timeline.evaluate``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TextIO, TypeAlias, TypeVar

import normalise
import viz
from normalise import PublishedDateError, TimexError, parse_published
from timeline.console import Console
from timeline.corpus import corpus_spilled, extract_corpus, successes
from timeline.documents import Document, DocumentError, count_documents, read_documents
from timeline.evaluate import combined, render_errors, render_files, render_summary, score
from timeline.exports import FOLDER, ExportError, supported_formats
from timeline.exports import format_for as export_format
from timeline.exports._frame import ordered_events
from timeline.exports.sinks import Sink, open_sink
from timeline.exports.timeml_stream import TimeMLSink
from timeline.extraction import Extracted
from timeline.gold import GoldFormatError, gold_files, load_gold
from timeline.memory import arrow_on_the_system_allocator
from timeline.model import Timeline
from timeline.parallel import Pool, dask_pool, process_pool
from timeline.report import Failures, Tally
from timeline.resume import Done, ResumeError, remove_sidecars, resumable_output, skip_done
from timeline.streamed import StreamedBuild
from timeline.writers import WRITERS, Row, expression_row, format_for, open_output
from viz.atomic import check_writable
from viz.plot import DEFAULT_LANE, TimelineLike

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141  # 128 + SIGINT, 128 + SIGPIPE, as shells report

T = TypeVar("T")

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

EXIT_CODES = """\
exit status:
  0  the run completed; documents that could not be read or analysed are
     listed at the end as 'error: <doc id or path>: <reason>' with their count
     (and in --errors-to FILE), and every other document is written
  1  with --strict: some documents failed (as above)
  2  usage error, or the run cannot go on: bad arguments or --published,
     unreadable gold file, output that cannot be written, broken lexicon,
     files of a stopped run that do not fit together (--resume)
"""


class UsageError(Exception):
    """Options that cannot work together, found after parsing."""


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
    except (TimexError, GoldFormatError, ExportError, viz.VizError, ResumeError, UsageError) as err:
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
    """The document arguments and run options that ``extract`` and ``build`` share."""
    command.add_argument(
        "inputs", nargs="+", metavar="INPUT",
        help=".txt files (optionally starting 'date YYYY-MM-DD'); .jsonl, .csv or .parquet files "
        "with id, published and text fields (other fields are carried through); folders of them "
        "(searched recursively); or - for stdin",
    )
    command.add_argument(
        "--published", metavar="DATE", type=_published_date,
        help="publication time for every document, e.g. 2020-01-08 or 2020-01-08T01:15",
    )
    command.add_argument("-j", "--jobs", type=_positive, default=1, metavar="N",
                         help="analyse in N processes (default 1); the output is the same, in input order")
    command.add_argument("--dask", action="store_true",
                         help="analyse on a local Dask cluster (of --jobs workers, default: one a core)")
    command.add_argument("--dask-scheduler", metavar="ADDRESS",
                         help="analyse on the Dask cluster of this scheduler, e.g. tcp://10.0.0.5:8786 "
                         "(its workers need this package installed); implies --dask")
    command.add_argument("--strict", action="store_true",
                         help="exit with status 1 when any document failed (default: 0)")
    command.add_argument("--errors-to", type=Path, metavar="FILE",
                         help="also write every failed document to FILE as JSON lines {id, source, reason}")
    shown = command.add_mutually_exclusive_group()
    shown.add_argument("--progress", action="store_true",
                       help="draw the progress bar even when stderr is not a terminal")
    shown.add_argument("--quiet", action="store_true",
                       help="no progress bar and no closing summary line (errors and warnings still)")


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
    command.add_argument("--lane", default=DEFAULT_LANE,
                         help="events column that sets the chart's lanes (an input column works too)")
    command.add_argument("--english", action="store_true", help="English labels instead of Danish")
    command.add_argument("--spill-dir", type=Path, metavar="DIR",
                         help="where the events' rows and what ordering reads of them wait while they are "
                         "merged and ordered "
                         "(default: the system's temporary folder, $TMPDIR)")
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
    command.add_argument("--resume", action="store_true",
                         help="carry on a stopped run: skip the documents already in -o (JSON lines) "
                         "and append the rest; keeps OUTPUT.progress beside it")
    command.set_defaults(run=run_extract)


def _add_evaluate(commands: Subcommands) -> None:
    command = commands.add_parser(
        "evaluate",
        help="score the engine on gold files",
        description="Score the engine on gold files (format: timex-da.md). With several files (or a "
        "folder), a line per file comes first; the table after it scores them all as one corpus. "
        "The last line printed is value_f1=<F1>.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument("gold", type=Path, nargs="+", metavar="GOLD",
                         help="gold annotations: .jsonl files, or folders of them (searched recursively)")
    command.add_argument(
        "--errors", action="store_true",
        help="list misses, spurious expressions and wrong values per document first",
    )
    command.set_defaults(run=run_evaluate)


def run_extract(args: argparse.Namespace) -> int:
    """``timeline extract``: stream documents through the engine into one output."""
    output_format = format_for(args.output, args.format)
    _check_resume(args, output_format)
    tally, console = Tally(), Console.for_terminal(args.progress, args.quiet)
    with (console.showing_warnings(), _failures(args) as failures, _pool(args) as pool,
          _extract_output(args) as (stream, written, done)):
        items = skip_done(read_documents(args.inputs, published=args.published), done, _counter(tally))
        results = console.track(extract_corpus(items, pool), _total(console, args.inputs, len(done)))
        WRITERS[output_format](_rows(results, tally, failures, written), stream)
    _summarise(console, failures, tally, args.errors_to)
    if args.output is not None:
        skipped = f", {tally.skipped} skipped: already there" if args.resume else ""
        console.info(f"wrote {tally.expressions} expressions from {tally.documents} documents "
                     f"to {args.output} ({failures.count} failed{skipped})")
    return _exit_code(args, failures)


def run_build(args: argparse.Namespace) -> int:
    """``timeline build``: events of every document (on the pool), waiting on disk while they are
    merged and ordered, then drawn and exported in one pass over the table (``timeline.streamed``)."""
    _check_targets(args)
    arrow_on_the_system_allocator()  # so that memory freed between the stages goes back
    tally, console = Tally(), Console.for_terminal(args.progress, args.quiet)
    # the exports' warnings shown too (a timeline too long for one sheet)
    with (console.showing_warnings(), _failures(args) as failures,
          TemporaryDirectory(prefix="timeline-build-", dir=args.spill_dir) as spill):
        streamed = StreamedBuild(Path(spill), keep_texts=any(_is_folder(t) for t in args.to))
        with _pool(args) as pool:  # the workers go once every document is in
            outcomes = corpus_spilled(read_documents(args.inputs, published=args.published), pool)
            for item in _counted(successes(console.track(outcomes, _total(console, args.inputs)), failures.add),
                                 tally):
                streamed.add(item)
        console.step(f"merging and ordering {streamed.count:,} events")
        streamed.plan()
        written = _write_outputs(streamed, args, console)
    _summarise(console, failures, tally, args.errors_to)
    events, dated = streamed.shape
    console.info(f"built {events} events ({dated} dated) from {tally.documents} documents "
                 f"({failures.count} failed); wrote {', '.join(str(p) for p in written)}")
    return _exit_code(args, failures)


def _write_outputs(streamed: StreamedBuild, args: argparse.Namespace, console: Console) -> list[Path]:
    """The chart and every export, from one pass over the events table, a slice at a time. The
    exports are in place only once the chart is: a failure leaves every earlier output as it was."""
    console.step("drawing and writing " + ", ".join(str(p) for p in [args.output, *args.to]))
    sample = viz.ChartSample()
    with ExitStack() as outputs:  # a sink not closed when this ends is aborted: its file never appears
        sinks = [outputs.enter_context(_sink(target, streamed)) for target in args.to]
        for table in streamed.tables():
            sample.add(table)
            if sinks:
                ordered = ordered_events(Timeline(events=table))
                for sink in sinks:
                    sink.add(ordered)
        chart = sample.timeline()
        lane = _chart_lane(args.lane, chart, console)
        viz.write_html(viz.plot_timeline(chart, lane=lane, danish=not args.english), args.output)
        written = [args.output]
        for sink in sinks:
            written += sink.close()
    return written


def _sink(target: Path, streamed: StreamedBuild) -> Sink | TimeMLSink:
    """Where ``_write_outputs`` writes an export: a file, or a TimeML folder (from the texts kept)."""
    if streamed.texts is not None and _is_folder(target):
        return TimeMLSink(target, streamed.texts, streamed.folder)
    return open_sink(target)


def _is_folder(target: Path) -> bool:
    return export_format(target) == FOLDER


def _check_targets(args: argparse.Namespace) -> None:
    """Every file a build writes, checked before the documents are read: a long run must not find
    out at its end that a target has an unknown suffix or cannot be written."""
    for target in args.to:
        check_writable(target, folder=_is_folder(target))
    check_writable(args.output)
    if args.spill_dir is not None and not args.spill_dir.is_dir():
        raise UsageError(f"--spill-dir {args.spill_dir}: no such folder (the events wait in a folder made in it)")


def _chart_lane(lane: str, timeline: TimelineLike, console: Console) -> str:
    """``--lane`` when the events have that column (an input column is known only once the
    documents are read), else the default lanes, with a warning: the run's work is kept."""
    if lane in timeline.events.columns:
        return lane
    console.say(f"warning: --lane {lane!r} is not a column of the events or the input; the chart's lanes are "
                f"{DEFAULT_LANE!r}. Columns: {', '.join(map(str, timeline.events.columns))}")
    return DEFAULT_LANE


def run_evaluate(args: argparse.Namespace) -> int:
    """``timeline evaluate``: print error lists (on request) and the score table."""
    files = gold_files(args.gold)
    console = Console.for_terminal(False, False) if len(files) > 1 else Console()
    scored = [(str(path), score(load_gold(path), normalise.extract))
              for path in console.track(files, total=len(files), what="file")]
    scores = combined(scores for _, scores in scored)
    lines = render_files(scored) if len(scored) > 1 else []
    lines += render_errors(scores) if args.errors else []
    print("\n".join(lines + render_summary(scores)))
    return EXIT_OK


def _rows(results: Iterable[Extracted | DocumentError], tally: Tally, failures: Failures,
          written: Callable[[str], None]) -> Iterator[Row]:
    """Output rows; failed documents go to ``failures``.

    ``written(doc_id)`` is called once the writer has taken the document's
    last row (the writers write each row before taking the next).
    """
    for result in results:
        if isinstance(result, DocumentError):
            failures.add(result)
            continue
        document = result.document
        tally.documents += 1
        tally.expressions += len(result.expressions)
        for timex in result.expressions:
            yield expression_row(document.id, timex, document.extra)
        written(document.id)


def _counted(documents: Iterable[T], tally: Tally) -> Iterator[T]:
    for item in documents:
        tally.documents += 1
        yield item


def _counter(tally: Tally) -> Callable[[Document], None]:
    def skipped(_: Document) -> None:
        tally.skipped += 1
    return skipped


@contextmanager
def _extract_output(args: argparse.Namespace) -> Iterator[tuple[TextIO, Callable[[str], None], Done]]:
    """Where rows go, what to call when a document is written, and what is done already."""
    if args.resume:
        with resumable_output(args.output) as (journal, done):
            yield journal.stream, journal.done, done
        return
    with open_output(args.output) as stream:
        yield stream, lambda doc_id: None, Done()
    if args.output is not None:
        remove_sidecars(args.output)


def _pool(args: argparse.Namespace) -> AbstractContextManager[Pool]:
    """Where the per-document work runs: this process, --jobs processes, or Dask."""
    if not (args.dask or args.dask_scheduler):
        return process_pool(args.jobs)
    try:
        import distributed  # noqa: F401  (only to say clearly when it is missing)
    except ImportError:
        raise UsageError("--dask needs Dask: pip install 'danish-timeline[dask]'") from None
    return dask_pool(args.dask_scheduler, args.jobs if args.jobs > 1 else None)


def _failures(args: argparse.Namespace) -> AbstractContextManager[Failures]:
    """The failure log; with --errors-to, written to that file (atomically, at the end)."""
    if args.errors_to is None:
        return nullcontext(Failures())
    return _failures_to(args.errors_to)


@contextmanager
def _failures_to(path: Path) -> Iterator[Failures]:
    with open_output(path) as stream:
        yield Failures(stream)


def _total(console: Console, inputs: Sequence[str], done: int = 0) -> int | None:
    """The number of documents to come, for the progress bar's ETA (counted only when it is drawn)."""
    total = count_documents(inputs) if console.progress else None
    return None if total is None else max(total - done, 0)


def _summarise(console: Console, failures: Failures, tally: Tally, errors_to: Path | None) -> None:
    inputs = tally.documents + tally.skipped + failures.count
    for line in failures.summary(inputs, str(errors_to) if errors_to else None):
        console.say(line)


def _exit_code(args: argparse.Namespace, failures: Failures) -> int:
    return EXIT_SOME_FAILED if args.strict and failures.count else EXIT_OK


def _check_resume(args: argparse.Namespace, output_format: str) -> None:
    if args.resume and (args.output is None or output_format != "jsonl"):
        raise UsageError("--resume needs a JSON lines output file: -o FILE.jsonl")


def _positive(value: str) -> int:
    """argparse type for --jobs: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, found {value!r}")
    return number


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
