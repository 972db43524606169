"""The command line's side of the run loop, shared by ``cleaner clean`` and ``cleaner
templates stream``: outcomes to outputs and the rejects file, counts, progress, the
summary, and the exit code.

Nothing is lost: every outcome is either written or rejected with its reason, and the
summary says whether the counts reconcile.  Nothing partial is left: when a run is
interrupted (Ctrl-C) or fails, its output files are never renamed into place and its
rejects file is removed.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Iterable

from . import OK, REJECTED, RunFailure, UsageError
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


def default_rejects(out: str | None) -> str:
    if out is None:
        return "cleaner-rejects.jsonl"
    return out.rstrip("/" + os.sep) + ".rejects.jsonl"


class FileOutputs:
    """Where a run's outcomes go: JSONL records (stdout, a file, or one file per input
    under a folder), whole documents as a mirrored text tree (when ``text_docs``), and
    the rejects file.  ``write``/``reject`` count in ``stats``; ``finish`` renames the
    outputs into place and writes the summary JSON; ``abort`` leaves nothing behind."""

    def __init__(self, args, stats, *, text_docs: bool = True, doc_files: int = 0):
        from ..io.writers import JsonlOutput, RejectsOutput, TextOutput

        self.stats, self.text_field, self.doc_files = stats, args.text_field, doc_files
        self.rejects_path = args.rejects or default_rejects(args.output)
        self.jsonl = JsonlOutput(args.output)
        self.text = TextOutput(args.output) if text_docs else None
        self.rejects = RejectsOutput(self.rejects_path)

    def write(self, item, record: dict, summary: dict) -> None:
        self.stats.add_document(summary)
        if self.text is not None and item.kind != "record":
            self.text.write(record[self.text_field], item.rel, total_hint=self.doc_files)
        else:
            self.jsonl.write(record, item.rel if item.kind == "record" else None)

    def reject(self, item, reason: str) -> None:
        self.stats.add_reject(reason)
        self.rejects.write(item.source, item.line, reason, item.record, item.raw)

    def finish(self, summary_path: str | None = None, summary: dict | None = None) -> None:
        self.rejects.close()
        self.jsonl.close()
        if self.text is not None:
            self.text.close()
        if summary_path:
            target = Path(summary_path)
            tmp = target.with_name(target.name + ".part")
            tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
            os.replace(tmp, target)

    def abort(self) -> None:
        self.rejects.close()
        self.jsonl.abort()
        if self.rejects.count:
            Path(self.rejects_path).unlink(missing_ok=True)


def write_outcomes(args, results: Iterable, *, label: str, total_bytes: int | None = None,
                   text_docs: bool = True, doc_files: int = 0) -> int:
    """Consume ``(item, outcome)`` pairs: cleaned records to the outputs, rejects to the
    rejects file (``FileOutputs``), with progress; then the summary.  Returns the exit code."""
    from ..engines.dask import SchedulerError
    from ..stats import RunStats

    stats = RunStats()
    outputs = FileOutputs(args, stats, text_docs=text_docs, doc_files=doc_files)
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
        outputs.abort()
        if isinstance(exc, BrokenProcessPool):
            raise RunFailure(f"a worker process died ({exc}); nothing was written") from None
        if isinstance(exc, SchedulerError):
            raise (UsageError if exc.usage else RunFailure)(str(exc)) from None
        raise
    return finish(args, stats, rejects_path, elapsed)


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
