"""The command line's side of the run loop, shared by ``cleaner clean`` and ``cleaner
templates stream``: outcomes to outputs and the rejects file (``io.job.OutputJob``),
counts, progress, the summary, and the exit code.

Nothing is lost: every outcome is either written or rejected with its reason, and the
summary says whether the counts reconcile.  Nothing partial is left: when a run is
interrupted (Ctrl-C) or fails, its unfinished output files are removed, never renamed
into place (a run killed outright leaves them for the same command to resume).
"""
from __future__ import annotations

import argparse
import sys
import time
from typing import Callable, Iterable

from .exits import OK, REJECTED, RunFailure, UsageError
from .progress import RunProgress, wanted


def workers_arg(text: str) -> int:
    """``--workers``: 0 (one per CPU) or a positive count."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (one process per CPU) or more, not {n}")
    return n


def add_run_options(p, *, workers_default: int | None = None, engines: bool = True) -> None:
    p.add_argument("--workers", type=workers_arg, default=workers_default, metavar="N",
                   help="processes, each building the pipeline once (0 = one per CPU; 1 = in this process; "
                        + ("default: one per CPU for large inputs)" if workers_default is None
                           else f"default {workers_default})"))
    if engines:
        p.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local processes (default) or a Dask cluster")
        p.add_argument("--scheduler", metavar="ADDRESS",
                       help="Dask scheduler address (default with --engine dask: a local cluster)")
    p.add_argument("--rejects", metavar="PATH",
                   help="where rejected records go (default: beside the output, or ./cleaner-rejects.jsonl)")
    p.add_argument("--summary-json", metavar="PATH", help="also write the run summary as JSON")
    p.add_argument("--no-progress", action="store_true", help="no progress display (it shows only on a terminal)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")


def add_record_options(p) -> None:
    p.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    p.add_argument("--url-field", default=None, metavar="FIELD",
                   help="JSONL field holding the page URL (default: url, or what the template store was "
                        "learned with)")
    p.add_argument("--site-field", default=None, metavar="FIELD",
                   help="group pages into sites by this field instead of the URL's registrable domain "
                        "(default: what the template store was learned with)")


def add_output_options(p, *, resume: bool) -> None:
    p.add_argument("--id-field", default="id", help="record field holding the id (default: id)")
    p.add_argument("--record-shape", choices=("input", "dolma"), default="input",
                   help="output records as read (default), or in the Dolma/datatrove shape "
                        "{id, text, metadata: {every other field}}")
    if resume:
        p.add_argument("--no-resume", action="store_true",
                       help="start afresh even when OUT.manifest.json records an unfinished run of this command")
        p.add_argument("--checkpoint-every", type=_positive, default=None, metavar="N",
                       help="record progress every N records (default: every 1000 records that hold at least "
                            "1 MiB of input, at most every 16 MiB)")


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def check_inputs(inputs: list[str]) -> None:
    """Every input named on the command line must exist and be a file or a folder:
    otherwise a usage error (exit code 2) before anything is cleaned — a missing input is
    not "some records rejected"."""
    from ..io.readers import expand

    bad = [problem for inp in inputs if inp != "-" for _f, _root, problem in expand([inp]) if problem]
    if bad:
        raise UsageError("; ".join(bad) + ("; nothing was cleaned" if len(bad) == 1 else
                                          f" ({len(bad)} inputs); nothing was cleaned"))


def open_outputs(args, inputs: list[str], stats, *, config: str | Callable[[], str] | None = None,
                 text_docs: bool = True):
    """The run's outputs (``io.job.OutputJob``): where records, documents and rejects
    go, and, with ``config`` (a hash of what decides the output, or a function giving it),
    the resume manifest.
    A usage problem raises UsageError, an unwritable output RunFailure."""
    from ..io.job import OutputJob
    from ..io.outputs import OutputError
    from ..io.sinks import OutputFailure

    try:
        job = OutputJob.open(args.output, inputs, stats=stats, input_format=args.input_format,
                             rejects=args.rejects, config=config, resume=not getattr(args, "no_resume", False),
                             shape=args.record_shape, id_field=args.id_field, text_field=args.text_field,
                             checkpoint_every=getattr(args, "checkpoint_every", None), text_docs=text_docs)
    except OutputError as exc:
        raise UsageError(str(exc)) from None
    except OutputFailure as exc:
        raise RunFailure(str(exc)) from None
    if job.resumed and not args.quiet:
        print(f"cleaner: resuming an interrupted run: {job.resumed:,} records were already done", file=sys.stderr)
    return job


def write_outcomes(args, results: Iterable, outputs, *, label: str, total_bytes: int | None = None) -> int:
    """Consume ``(item, outcome)`` pairs: cleaned records to the outputs, rejects to the
    rejects file (``outputs``, from ``open_outputs``, counts them), with progress; then
    the summary.  Returns the exit code."""
    from ..io.sinks import OutputFailure

    stats = outputs.stats
    started = time.perf_counter()
    try:
        with RunProgress(label, total_bytes, enabled=wanted(args)) as progress:
            for item, outcome in results:
                progress.advance(item.nbytes)
                if outcome.ok:
                    outputs.write(item, outcome.record, outcome.summary)
                else:
                    outputs.reject(item, outcome.reason)
        elapsed = time.perf_counter() - started
        rejects_path = outputs.rejects_path if stats.rejected else None
        outputs.finish(getattr(args, "summary_json", None),
                       {**stats.as_dict(), "seconds": round(elapsed, 3), "rejects_file": rejects_path})
    except BaseException as exc:
        try:
            close = getattr(results, "close", None)
            if close is not None:
                close()  # stop the workers now, not when the generator is collected
        finally:
            outputs.abort()
        if isinstance(exc, OutputFailure):
            raise RunFailure(f"{exc}; nothing unfinished was kept") from None
        if _raised_by(exc, "concurrent.futures.process", "BrokenProcessPool"):
            raise RunFailure(f"a worker process died ({exc}); nothing was written") from None
        if _raised_by(exc, "cleaner.engines.dask", "SchedulerError"):
            raise (UsageError if exc.usage else RunFailure)(str(exc)) from None
        raise
    return finish(args, stats, rejects_path, elapsed)


def _raised_by(exc: BaseException, module: str, name: str) -> bool:
    """Whether ``exc`` is ``module.name``: a module never imported (no worker pool, no
    cluster) raised nothing, and is not imported to find out."""
    mod = sys.modules.get(module)
    return mod is not None and isinstance(exc, getattr(mod, name))


def finish(args, stats, rejects_path: str | None, elapsed: float) -> int:
    """The summary on stderr, the emptied-documents warning, the exit code."""
    if not args.quiet:
        from rich.console import Console

        from ..report import Summary
        Console(stderr=True, highlight=False).print(Summary(stats, rejects_path, elapsed))
    if stats.mostly_emptied:
        print(f"cleaner: warning: {stats.emptied:,} of {stats.docs_out:,} cleaned documents kept no text at all; "
              "check the preset, --config and --rules (`cleaner explain FILE` shows what removed what)",
              file=sys.stderr)
    return REJECTED if stats.rejected else OK
